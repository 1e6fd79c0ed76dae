#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace strata {

std::vector<std::unique_ptr<QTranslator>> installTranslations(const QLocale &locale)
{
    std::vector<std::unique_ptr<QTranslator>> installed;
    const auto install = [&](std::unique_ptr<QTranslator> translator) {
        if (QCoreApplication::installTranslator(translator.get()))
            installed.push_back(std::move(translator));
    };
    auto strata = std::make_unique<QTranslator>();
    if (strata->load(locale, QStringLiteral("strata"), QStringLiteral("_"), QStringLiteral(":/i18n")) ||
        strata->load(QStringLiteral(":/i18n/strata_en.qm")))
        install(std::move(strata));
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        install(std::move(qt));
    return installed;
}

} // namespace strata
