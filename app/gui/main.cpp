// strata: the desktop application. Arguments are parsed before any display connection is
// made, so --help and --version work on a machine without a display server.
#include "MainWindow.h"
#include "Translations.h"
#include "TrayIcon.h"

#include "profiles/RunLog.h"
#include "profiles/SetStore.h"
#include "service/BackupService.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>

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

// Runs on a short-lived QCoreApplication: QCommandLineParser needs one for --help, and a
// QApplication would already need a display. Exits for --help, --version and bad options.
Options parseArguments(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const auto translations = strata::installTranslations();
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
                                 QCoreApplication::translate("main",
                                                             "Start in the system tray (or minimized when "
                                                             "there is no tray), for starting at login."));
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
    const auto translations = strata::installTranslations();

    // The sets and the run log; a file that cannot be read is reported, never overwritten
    // silently (SetStore keeps a copy before its next write).
    strata::SetStore store;
    const strata::Status storeLoaded = store.load();
    strata::RunLog log;
    const strata::Status logLoaded = log.load();
    strata::BackupService service(store, log);

    strata::MainWindow window(service);
    std::unique_ptr<strata::TrayIcon> tray;
    if (strata::TrayIcon::isAvailable()) {
        tray = std::make_unique<strata::TrayIcon>(&service);
        tray->show();
        window.setTrayIcon(tray.get());
        QApplication::setQuitOnLastWindowClosed(false); // the tray keeps the schedule running
    }
    if (!options.minimized)
        window.show();
    else if (!tray)
        window.showMinimized();

    for (const strata::Status &status : {storeLoaded, logLoaded})
        if (!status.ok()) {
            auto *box = new QMessageBox(QMessageBox::Warning, QCoreApplication::translate("main", "Strata"),
                                        status.error().message, QMessageBox::Ok, &window);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }

    if (options.repository.isEmpty())
        window.start();
    else
        window.openRepository(options.repository);
    service.scheduler().start();
    return app.exec();
}
