// strata: the desktop application. Arguments are parsed before any display connection is
// made, so --help and --version work on a machine without a display server.
#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>
#include <vector>

namespace {

struct Options
{
    QString repository;
    bool minimized = false;
};

void setIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("Strata"));
    QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION));
}

// Installs Strata's and Qt's own translations for the user's locale; English needs none.
std::vector<std::unique_ptr<QTranslator>> installTranslations()
{
    std::vector<std::unique_ptr<QTranslator>> installed;
    const QLocale locale;
    const auto tryLoad = [&](const QString &name, const QString &dir) {
        auto translator = std::make_unique<QTranslator>();
        if (translator->load(locale, name, QStringLiteral("_"), dir) &&
            QCoreApplication::installTranslator(translator.get()))
            installed.push_back(std::move(translator));
    };
    tryLoad(QStringLiteral("strata"), QStringLiteral(":/i18n"));
    tryLoad(QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return installed;
}

// Runs on a short-lived QCoreApplication: QCommandLineParser needs one for --help, and a
// QApplication would already need a display. Exits for --help, --version and bad options.
Options parseArguments(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const auto translations = installTranslations();
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Strata keeps deduplicated, encrypted versions of your files."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption repo(QStringLiteral("repo"),
                            QCoreApplication::translate("main",
                                                        "Open the repository at <path> instead of the "
                                                        "default one."),
                            QCoreApplication::translate("main", "path"));
    QCommandLineOption minimized(QStringLiteral("minimized"),
                                 QCoreApplication::translate("main", "Start with the window minimized."));
    parser.addOption(repo);
    parser.addOption(minimized);
    parser.process(app);

    Options options;
    options.minimized = parser.isSet(minimized);
    options.repository = parser.value(repo);
    // A local path is made absolute against the directory strata was started in.
    if (!options.repository.isEmpty() && !options.repository.contains(QStringLiteral("://")))
        options.repository = QFileInfo(options.repository).absoluteFilePath();
    return options;
}

} // namespace

int main(int argc, char **argv)
{
    setIdentity();
    const Options options = parseArguments(argc, argv);

    QApplication app(argc, argv);
    QGuiApplication::setDesktopFileName(QStringLiteral("io.strata.Strata"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/strata.svg")));
    const auto translations = installTranslations();

    strata::MainWindow window;
    if (options.minimized)
        window.showMinimized();
    else
        window.show();
    window.openRepository(options.repository.isEmpty() ? strata::MainWindow::defaultRepositoryPath()
                                                       : options.repository);
    return app.exec();
}
