// strata-screenshots OUTDIR: renders the main window (light and dark), the timeline with 200
// versions at every zoom, the one-page restore of a file, the restore wizard's What, Where and
// preview pages, the setup assistant's pages, the tray menu, a file's history and the diff
// viewer on a text and an image into PNG files, over a real
// repository made on the spot, so a reviewer can look at the app without running it.
// tests/gui/screenshots.sh runs it under Xvfb; ctest runs it offscreen to keep it working.
//
// Every image is checked before it is written: not empty, not one flat colour.
#include "DiffViewer.h"
#include "HistoryPanel.h"
#include "MainWindow.h"
#include "QuickRestoreDialog.h"
#include "RestoreWizard.h"
#include "SetupAssistant.h"
#include "TimelineWidget.h"
#include "Translations.h"
#include "TrayIcon.h"

#include "engine/BackupJob.h"
#include "profiles/RunLog.h"
#include "profiles/SetStore.h"
#include "repo/Repository.h"
#include "service/BackupService.h"
#include "storage/LocalBackend.h"

#include <QAbstractButton>
#include <QApplication>
#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QMenu>
#include <QMetaEnum>
#include <QPainter>
#include <QPalette>
#include <QRadioButton>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

using namespace strata;

namespace {

const QString Password = QStringLiteral("screenshots");

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "strata-screenshots: %s\n", qPrintable(message));
    std::exit(1);
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        die(QStringLiteral("cannot write %1").arg(path));
}

// Lets queued work (worker answers, layouts, paints) happen for `ms`, or until `done`.
void settle(int ms, const std::function<bool()> &done = {})
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms && !(done && done()))
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

void save(const QPixmap &pixmap, const QString &path)
{
    const QImage image = pixmap.toImage();
    if (image.isNull() || image.width() < 50 || image.height() < 50)
        die(QStringLiteral("%1: the picture is empty").arg(path));
    const QRgb first = image.pixel(0, 0);
    bool varied = false;
    for (int y = 0; y < image.height() && !varied; y += 7)
        for (int x = 0; x < image.width() && !varied; x += 7)
            varied = image.pixel(x, y) != first;
    if (!varied)
        die(QStringLiteral("%1: the picture is one flat colour").arg(path));
    if (!image.save(path))
        die(QStringLiteral("cannot save %1").arg(path));
    std::printf("%s\n", qPrintable(path));
}

Snapshot backup(const std::shared_ptr<Repository> &repo, const QString &source, BackupKind kind)
{
    BackupParams params;
    params.repo = repo;
    params.paths = {source};
    params.kind = kind;
    params.set = QStringLiteral("Documents");
    BackupJob job(params);
    job.runHere();
    if (!job.result().status.ok())
        die(job.result().status.error().message);
    return job.result().snapshot;
}

// 200 versions over a year: hourly for the last two days, then daily, then weekly, with a
// full one every week, some differential and a few safety versions, like a real set's history.
void addHistory(Repository &repo, const Snapshot &model)
{
    QDateTime t = model.time;
    for (int i = 0; i < 198; ++i) {
        t = t.addSecs(i < 48 ? -3600 : i < 150 ? -86400 : -7 * 86400);
        Snapshot s = model;
        s.id.clear();
        s.time = t;
        s.kind = i % 23 == 5   ? BackupKind::Safety
                 : i % 7 == 0  ? BackupKind::Full
                 : i % 11 == 3 ? BackupKind::Differential
                               : BackupKind::Incremental;
        s.stats.bytesAdded = (i * 7919) % 5000000;
        s.stats.durationMs = 1000 + (i * 37) % 60000;
        if (auto saved = repo.saveSnapshot(s); !saved.ok())
            die(saved.error().message);
    }
}

// A 160x100 map with a marker at `x`, as PNG bytes: two versions differ in one small region.
QByteArray mapImage(int x)
{
    QImage image(160, 100, QImage::Format_RGB32);
    image.fill(QColor(0x6f, 0xa8, 0x5a));
    QPainter p(&image);
    p.fillRect(QRect(0, 60, 160, 14), QColor(0x3d, 0x7e, 0xc9)); // a river
    p.setBrush(Qt::red);
    p.drawEllipse(QPoint(x, 30), 6, 6);
    p.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

const char OptionsBefore[] = "OptionsWindow < MainWindow\n"
                             "  id: optionsWindow\n"
                             "  !text: tr('Options')\n"
                             "  size: 480 360\n"
                             "\n"
                             "  // sound\n"
                             "  OptionCheckBox\n"
                             "    id: enableAudio\n"
                             "    !text: tr('Enable audio')\n"
                             "    checked: true\n"
                             "\n"
                             "  OptionScrollbar\n"
                             "    id: musicSoundVolume\n"
                             "    minimum: 0\n"
                             "    maximum: 100\n"
                             "    value: 80\n"
                             "\n"
                             "  Button\n"
                             "    !text: tr('Ok')\n"
                             "    @onClick: modules.client_options.hide()\n";

// A complete dark palette for Fusion: every role in every group, disabled ones dimmed, the
// bevels (Light, Midlight, Mid, Dark, Shadow) too, so disabled buttons and frames look as they
// do on a dark desktop rather than like enabled ones.
QPalette darkPalette()
{
    const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6),
        button(0x35, 0x37, 0x3c), dimmed(0x7a, 0x7c, 0x80), highlight(0x3d, 0x8e, 0xd8);
    QPalette p(button, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, button.lighter(140));
    p.setColor(QPalette::Midlight, button.lighter(115));
    p.setColor(QPalette::Mid, button.darker(130));
    p.setColor(QPalette::Dark, button.darker(160));
    p.setColor(QPalette::Shadow, QColor(0x0c, 0x0c, 0x0d));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb6, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xc3, 0x8c, 0xf2));
    p.setColor(QPalette::ToolTipBase, button);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, dimmed);
    p.setColor(QPalette::Disabled, QPalette::Button, window);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4c, 0x50));
    p.setColor(QPalette::Disabled, QPalette::HighlightedText, dimmed);
    return p;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Strata"));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    const auto translations = installTranslations();
    if (argc != 2)
        die(QStringLiteral("usage: strata-screenshots OUTDIR"));
    const QString out = QDir(QString::fromLocal8Bit(argv[1])).absolutePath();
    if (!QDir().mkpath(out))
        die(QStringLiteral("cannot create %1").arg(out));
    QStandardPaths::setTestModeEnabled(true); // never the reviewer's own sets or keychain

    // A repository with two real backups of a small Documents folder, and a year of history.
    QTemporaryDir tmp;
    const QString docs = tmp.filePath(QStringLiteral("home/ana/Documents"));
    const char *names[] = {"Taxes/2025/return.pdf",
                           "Taxes/2025/receipts.ods",
                           "Letters/landlord.odt",
                           "Letters/bank.odt",
                           "Photos/beach.jpg",
                           "Photos/garden.jpg",
                           "notes.md",
                           "budget.ods",
                           "recipes/bread.txt"};
    int n = 0;
    for (const char *name : names)
        writeFile(docs + QLatin1Char('/') + QLatin1String(name), QByteArray(name).repeated(200 + 300 * n++));
    const QString repoPath = tmp.filePath(QStringLiteral("repository"));
    Repository::InitOptions options;
    options.kdf = KdfParams{1, 8u << 20};
    auto repo = Repository::init(std::make_unique<LocalBackend>(repoPath), Password, options);
    if (!repo.ok())
        die(repo.error().message);
    const QString optionsFile = docs + QStringLiteral("/otclient/options.otui");
    const QString map = docs + QStringLiteral("/Photos/map.png");
    writeFile(optionsFile, OptionsBefore);
    writeFile(map, mapImage(40));
    const Snapshot first = backup(*repo, docs, BackupKind::Full);
    writeFile(docs + QStringLiteral("/notes.md"), "# Notes\nCall the plumber on Monday.\n");
    QByteArray optionsAfter(OptionsBefore);
    optionsAfter.replace("value: 80", "value: 65").replace("size: 480 360", "size: 520 400");
    optionsAfter.replace("checked: true\n", "checked: true\n    tooltip: Sound effects and music\n");
    writeFile(optionsFile, optionsAfter);
    writeFile(map, mapImage(110));
    writeFile(docs + QStringLiteral("/Letters/insurance.odt"), QByteArray("claim").repeated(4000));
    const Snapshot second = backup(*repo, docs, BackupKind::Incremental);
    addHistory(**repo, first);
    repo->reset();

    SetStore store(tmp.filePath(QStringLiteral("config/sets.json")));
    if (!store.load().ok())
        die(QStringLiteral("cannot read the sets"));
    BackupSet set;
    set.name = QStringLiteral("Documents");
    set.sources = {docs};
    set.repository = repoPath;
    set.schedule.mode = Schedule::Mode::Daily;
    set.passwordStorage = PasswordStorage::AskEachTime;
    const QString setId = store.add(set).value();
    BackupSet game = set;
    game.id.clear();
    game.name = QStringLiteral("OTClient");
    game.preset = QStringLiteral("otclient");
    game.schedule.mode = Schedule::Mode::EveryHours;
    game.schedule.hours = 6;
    store.add(game).value();
    RunLog log(tmp.filePath(QStringLiteral("data/runs.jsonl")));
    RunRecord failed;
    failed.setId = setId;
    failed.setName = set.name;
    failed.started = second.time.addSecs(-5 * 3600);
    failed.finished = failed.started.addSecs(40);
    failed.outcome = RunRecord::Outcome::Failed;
    failed.message = QStringLiteral("No space left on device while writing a pack");
    if (!log.append(failed).ok())
        die(QStringLiteral("cannot write the run log"));
    RunRecord ok = failed;
    ok.started = second.time;
    ok.outcome = RunRecord::Outcome::Succeeded;
    ok.message.clear();
    ok.snapshot = second.id;
    if (!log.append(ok).ok())
        die(QStringLiteral("cannot write the run log"));

    BackupService service(store, log);
    MainWindow window(service);
    window.setPasswordPrompt([](const PasswordRequest &, auto answer) {
        answer(PasswordAnswer{Password, false});
    });
    window.resize(1440, 900); // the size the main window was reviewed at
    window.show();
    bool opened = false;
    QObject::connect(&window, &MainWindow::repositoryOpened, [&] { opened = true; });
    window.showSet(setId);
    settle(30000, [&] { return opened; });
    if (!opened)
        die(QStringLiteral("the repository did not open"));
    settle(1500); // the browser reads the version's folders
    save(window.grab(), out + QStringLiteral("/main-window.png"));

    // The timeline with 200 versions at every zoom, the current version in view.
    auto *timeline = window.findChild<TimelineWidget *>();
    const QMetaEnum zooms = QMetaEnum::fromType<TimelineWidget::Zoom>();
    for (int i = 0; i < zooms.keyCount(); ++i) {
        timeline->setZoom(TimelineWidget::Zoom(zooms.value(i)));
        timeline->setCurrentVersion(timeline->currentVersion());
        settle(300);
        save(timeline->grab(),
             out + QStringLiteral("/timeline-%1.png").arg(QString::fromLatin1(zooms.key(i)).toLower()));
    }
    timeline->setZoom(TimelineWidget::Zoom::Days); // close enough to tell the kinds apart
    timeline->setCurrentVersion(timeline->currentVersion());
    settle(300);
    save(timeline->grab(), out + QStringLiteral("/timeline-200-versions.png"));

    // One file back in place, on one page: the notes changed since the first version.
    if (QuickRestoreDialog *quick =
            window.restoreFile(first.id, QFile::encodeName(docs + QStringLiteral("/notes.md")))) {
        settle(5000, [&] { return quick->state() != QuickRestoreDialog::State::Checking; });
        settle(200);
        save(quick->grab(), out + QStringLiteral("/quick-restore.png"));
        quick->close();
    }

    const QPalette light = QApplication::palette();
    QApplication::setPalette(darkPalette());
    settle(500);
    save(window.grab(), out + QStringLiteral("/main-window-dark.png"));
    QApplication::setPalette(light);
    settle(300);

    // The wizard's preview: the version restored over a folder where some files differ.
    const QString target = tmp.filePath(QStringLiteral("restore-here"));
    writeFile(target + QStringLiteral("/Documents/notes.md"), "an older note");
    writeFile(target + QStringLiteral("/Documents/budget.ods"), "a newer budget");
    auto *wizard = new RestoreWizard(window.repository(), {first, second}, second.id, {}, &window);
    wizard->resize(900, 640);
    wizard->show();
    settle(500);
    save(wizard->grab(), out + QStringLiteral("/wizard-what.png"));
    wizard->next(); // what -> where
    settle(300);
    wizard->findChild<QRadioButton *>(QStringLiteral("toFolder"))->click();
    wizard->findChild<QLineEdit *>(QStringLiteral("folder"))->setText(target);
    settle(300);
    save(wizard->grab(), out + QStringLiteral("/wizard-where.png"));
    wizard->next(); // where -> conflicts and preview
    settle(3000);   // the dry run fills the preview
    if (wizard->currentId() != RestoreWizard::ConflictsPageId)
        die(QStringLiteral("the wizard did not reach its preview page"));
    save(wizard->grab(), out + QStringLiteral("/wizard-preview.png"));
    wizard->close();

    // A file's history, and the diff viewer on a text and on an image.
    auto *history =
        new HistoryPanel(window.repository(), {first, second}, QFile::encodeName(optionsFile), {}, &window);
    history->resize(860, 420);
    history->show();
    settle(10000, [&] { return history->view()->model()->rowCount() > 0; });
    settle(300);
    save(history->grab(), out + QStringLiteral("/history-panel.png"));
    history->close();
    for (const auto &[path, name] : {std::pair{optionsFile, QStringLiteral("diff-text.png")},
                                     std::pair{map, QStringLiteral("diff-image.png")}}) {
        auto *viewer =
            new DiffViewer(window.repository(), DiffViewer::versionSide(first, QFile::encodeName(path)),
                           DiffViewer::versionSide(second, QFile::encodeName(path)), &window);
        bool loaded = false;
        QObject::connect(viewer, &DiffViewer::loaded, [&] { loaded = true; });
        viewer->resize(1000, 560);
        viewer->show();
        settle(20000, [&] { return loaded; });
        if (!viewer->result() || viewer->result()->identical())
            die(QStringLiteral("the diff viewer did not compare %1").arg(path));
        settle(300);
        save(viewer->grab(), out + QLatin1Char('/') + name);
        viewer->close();
    }

    // The setup assistant, page by page, as a first-time user goes through it (no keychain
    // here: the password goes to a file).
    auto *assistant = new SetupAssistant(store, &window);
    assistant->resize(760, 560);
    assistant->show();
    for (int page = 1; page <= 7; ++page) {
        settle(800);
        save(assistant->grab(), out + QStringLiteral("/assistant-%1.png").arg(page));
        if (assistant->currentId() == SetupAssistant::PasswordId) {
            for (const char *name : {"password", "confirm"})
                if (auto *edit = assistant->findChild<QLineEdit *>(QLatin1String(name)))
                    edit->setText(QStringLiteral("a long and unguessable passphrase"));
        } else if (assistant->currentId() == SetupAssistant::StorageId) {
            settle(3000, [&] {
                auto *file = assistant->findChild<QRadioButton *>(QStringLiteral("storeFile"));
                return file && file->isEnabled();
            });
            if (auto *file = assistant->findChild<QRadioButton *>(QStringLiteral("storeFile")))
                file->click();
        }
        if (assistant->currentId() == SetupAssistant::SummaryId)
            break;
        assistant->next();
    }
    assistant->close();

    TrayIcon tray(&service);
    tray.rebuildMenu();
    tray.menu()->popup(QPoint(200, 200));
    settle(500);
    save(tray.menu()->grab(), out + QStringLiteral("/tray-menu.png"));
    tray.menu()->hide();
    return 0;
}
