// The system tray on a real X display (run-with-tray.sh: Xvfb, and trayer as the tray). With a
// scheduled set, closing the window leaves Strata running in the tray, says so once, and the
// icon brings the window back; without one, closing quits; the tray's Quit closes the window.
// The real program started with --minimized maps no window (xwininfo looks).
#include "MainWindow.h"
#include "profiles/RunLog.h"
#include "profiles/SetStore.h"
#include "service/BackupService.h"
#include "TestUtil.h"
#include "TrayIcon.h"

#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace strata;

namespace {

// Top-level windows of the program `program` (by WM_CLASS) that are mapped on the display.
int mappedWindowsOf(const QString &program)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const test::RunResult children = test::runProgram(
        QStringLiteral("xwininfo"), {QStringLiteral("-root"), QStringLiteral("-children")}, env);
    int mapped = 0;
    for (const QByteArray &line : children.out.split('\n')) {
        if (!line.contains(QByteArray("(\"" + program.toUtf8() + "\" ")))
            continue;
        const QByteArray id = line.trimmed().split(' ').value(0);
        const test::RunResult info = test::runProgram(QStringLiteral("xwininfo"),
                                                      {QStringLiteral("-id"), QString::fromLatin1(id)}, env);
        if (info.out.contains("Map State: IsViewable"))
            ++mapped;
    }
    return mapped;
}

// One set in `store`, backing up `dir` into dir/repo on `mode`; the password is asked for.
bool addSet(SetStore &store, const QTemporaryDir &dir, Schedule::Mode mode)
{
    BackupSet set;
    set.name = QStringLiteral("Documents");
    set.sources = {dir.path()};
    set.repository = dir.filePath(QStringLiteral("repo"));
    set.schedule.mode = mode;
    set.passwordStorage = PasswordStorage::AskEachTime;
    return store.add(set).ok();
}

} // namespace

class TestTray : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<SetStore> m_store;
    std::unique_ptr<RunLog> m_log;
    std::unique_ptr<BackupService> m_service;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<TrayIcon> m_tray;

    // The window and the tray, as main() sets them up, over one set with `mode`.
    void start(Schedule::Mode mode)
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        m_store = std::make_unique<SetStore>(m_tmp->filePath(QStringLiteral("sets.json")));
        QVERIFY(m_store->load().ok());
        QVERIFY(addSet(*m_store, *m_tmp, mode));
        m_log = std::make_unique<RunLog>(m_tmp->filePath(QStringLiteral("runs.jsonl")));
        m_service = std::make_unique<BackupService>(*m_store, *m_log);
        // No run may start meanwhile: this is about the window and the tray, not the schedule.
        m_service->scheduler().pauseUntil(QDateTime::currentDateTime().addDays(1));
        m_window = std::make_unique<MainWindow>(*m_service);
        m_tray = std::make_unique<TrayIcon>(m_service.get());
        m_tray->show();
        QTRY_VERIFY(m_tray->isVisible());
        m_window->setTrayIcon(m_tray.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        // trayer takes the tray selection a moment after it starts.
        QTRY_VERIFY_WITH_TIMEOUT(TrayIcon::isAvailable(), 15000);
    }

    void cleanup()
    {
        m_tray.reset();
        m_window.reset();
        m_service.reset();
        m_log.reset();
        m_store.reset();
        m_tmp.reset();
    }

    void closingWithAScheduleLeavesTheTray()
    {
        start(Schedule::Mode::Daily);
        QVERIFY(!m_window->close()); // refused: the schedule needs the program
        QVERIFY(!m_window->isVisible());
        QVERIFY(m_tray->isVisible());
        QVERIFY2(m_tray->lastMessage().contains(QStringLiteral("Strata keeps running")),
                 qPrintable(m_tray->lastMessage()));

        // The icon brings the window back; the next close hides it without saying it again.
        Q_EMIT m_tray->openRequested();
        QTRY_VERIFY(m_window->isVisible());
        m_tray->showMessage(QStringLiteral("other"), QStringLiteral("message"));
        QVERIFY(!m_window->close());
        QVERIFY(!m_window->isVisible());
        QVERIFY(m_tray->lastMessage().startsWith(QStringLiteral("other")));
    }

    void closingWithoutAScheduleQuits()
    {
        start(Schedule::Mode::Manual);
        QVERIFY(m_window->close());
        QVERIFY(!m_window->isVisible());
    }

    // main(): `strata --minimized`, as the autostart entry starts it, with a scheduled set shows
    // no window, only the icon; without --minimized the window shows.
    void minimizedStartShowsOnlyTheTray_data()
    {
        QTest::addColumn<bool>("minimized");
        QTest::newRow("--minimized") << true;
        QTest::newRow("normal start") << false;
    }

    void minimizedStartShowsOnlyTheTray()
    {
        QFETCH(bool, minimized);
        QTemporaryDir home;
        QVERIFY(home.isValid());
        SetStore store(home.filePath(QStringLiteral("config/Strata/Strata/sets.json")));
        QVERIFY(store.load().ok());
        QVERIFY(addSet(store, home, Schedule::Mode::Weekly));

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("XDG_STATE_HOME"), home.filePath(QStringLiteral("state")));
        QProcess app;
        app.setProcessEnvironment(env);
        app.setProcessChannelMode(QProcess::MergedChannels);
        app.start(QStringLiteral(STRATA_GUI),
                  minimized ? QStringList{QStringLiteral("--minimized")} : QStringList());
        QVERIFY(app.waitForStarted());
        const auto stop = qScopeGuard([&] {
            app.kill();
            app.waitForFinished();
        });
        // The scheduler starts after the window and the tray are set up.
        QByteArray log;
        QTRY_VERIFY_WITH_TIMEOUT((log += app.readAll()).contains("strata.schedule: started with") ||
                                     app.state() != QProcess::Running,
                                 20000);
        QVERIFY2(log.contains("started with 1 entries"), log.constData());
        QCOMPARE(app.state(), QProcess::Running);
        if (minimized) {
            QTest::qWait(1000); // a window would map by now
            QCOMPARE(mappedWindowsOf(QStringLiteral("strata")), 0);
        } else {
            QTRY_COMPARE_WITH_TIMEOUT(mappedWindowsOf(QStringLiteral("strata")), 1, 10000);
        }
    }

    void quitFromTheTrayClosesTheWindow()
    {
        start(Schedule::Mode::EveryHours);
        Q_EMIT m_tray->quitRequested();
        QTRY_VERIFY(!m_window->isVisible());
        QVERIFY(m_tray->isVisible()); // the window went; main() then ends the program
    }
};

QTEST_MAIN(TestTray)
#include "tst_tray.moc"
