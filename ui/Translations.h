// Strata's and Qt's own translations for the user's locale. English (and any locale Strata has
// no translation for, C.UTF-8 included) loads Strata's English plural forms, so "%n version(s)"
// reads "1 version" / "7 versions" in every locale.
#pragma once

#include <QLocale>
#include <QTranslator>

#include <memory>
#include <vector>

namespace strata {

// Installs them on the running application; they stay installed while the returned objects live.
std::vector<std::unique_ptr<QTranslator>> installTranslations(const QLocale &locale = QLocale());

} // namespace strata
