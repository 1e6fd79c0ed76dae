// The backup progress panel and the tray icon over a real BackupService and repository: the
// panel follows a run from start to result and cancels it; the tray's state follows runs,
// failures and pauses, and its menu starts backups and pauses the schedule.
#include "BackupPanel.h"
#include "TrayIcon.h"

#include "repo/Repository.h"
#include "schedule/Clock.h"
#include "secrets/PasswordFile.h"
#include "service/BackupService.h"
#include "storage/LocalBackend.h"

#include <QAction>
#include <QApplication>
#include <QCursor>
#include <QDir>
#include <QEnterEvent>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

namespace {

const QString Password = QStringLiteral("ui-pw");

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QAction *findAction(QMenu *menu, const QString &text)
{
    for (QAction *a : menu->actions()) {
        if (a->menu())
            if (QAction *inner = findAction(a->menu(), text))
                return inner;
        if (a->text().remove(QLatin1Char('&')).contains(text))
            return a;
    }
    return nullptr;
}

} // namespace

class TestBackupUi : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<SetStore> m_store;
    std::unique_ptr<RunLog> m_log;
    std::unique_ptr<BackupService> m_service;
    QString m_setId;

    QString addSet(const QString &name, const QString &source, const QString &repository)
    {
        BackupSet set;
        set.name = name;
        set.sources = {source};
        set.repository = repository;
        set.passwordStorage = PasswordStorage::AskEachTime;
        return m_store->add(set).value();
    }

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        const QString repo = m_tmp->filePath(QStringLiteral("repo"));
        Repository::InitOptions o;
        o.kdf = KdfParams{1, 8u << 20};
        QVERIFY(Repository::init(std::make_unique<LocalBackend>(repo), Password, o).ok());
        // Enough incompressible data that a cancel lands while the backup runs.
        QByteArray noise(2 << 20, Qt::Uninitialized);
        for (int i = 0; i < noise.size(); ++i)
            noise[i] = char((i * 2654435761u) >> 11);
        for (int i = 0; i < 60; ++i)
            writeFile(m_tmp->filePath(QStringLiteral("src/f%1").arg(i)), noise + QByteArray::number(i));
        m_store = std::make_unique<SetStore>(m_tmp->filePath(QStringLiteral("sets.json")));
        QVERIFY(m_store->load().ok());
        m_log = std::make_unique<RunLog>(m_tmp->filePath(QStringLiteral("runs.jsonl")));
        m_service = std::make_unique<BackupService>(*m_store, *m_log);
        m_service->setPasswordPrompt(
            [](const BackupSet &, const SecretRequest &,
               std::function<void(std::optional<SecretAnswer>)> done) { done(SecretAnswer{Password}); });
        m_setId = addSet(QStringLiteral("Documents"), m_tmp->filePath(QStringLiteral("src")), repo);
    }

    void cleanup() { m_service.reset(); }

    void panelFollowsARun()
    {
        QWidget window;
        auto &panel = *new BackupPanel(m_service.get(), &window);
        panel.setCurrentSet(m_setId);
        window.show();
        QVERIFY(!panel.isVisible()); // idle: nothing to show
        QStringList phases;
        connect(m_service.get(), &BackupService::runProgress, this, [&] { phases << panel.phaseText(); });
        QSignalSpy finished(m_service.get(), &BackupService::runFinished);
        QVERIFY(m_service->backUpNow(m_setId));
        QVERIFY(panel.isVisible());
        QVERIFY(panel.findChild<QPushButton *>(QStringLiteral("cancelBackup"))->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QVERIFY(!phases.isEmpty());
        QCOMPARE(panel.phaseText(), QStringLiteral("Backed up"));
        QVERIFY2(panel.resultText().contains(QStringLiteral("60 files")), qPrintable(panel.resultText()));
        // Dismiss hides it; another set's run does not show here.
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("dismiss")), Qt::LeftButton);
        QVERIFY(!panel.isVisible());
    }

    // A success fades out by itself, though not while the pointer is over the panel; a failure
    // stays until dismissed.
    void panelFadesAfterSuccessOnly()
    {
        using namespace std::chrono_literals;
        QWidget window;
        auto &panel = *new BackupPanel(m_service.get(), &window);
        QCOMPARE(panel.fadeDelay(), 8000ms);
        panel.setFadeDelay(50ms);
        panel.setCurrentSet(m_setId);
        // Away from the pointer, which an earlier test may have left where the panel would be.
        window.move(QCursor::pos() + QPoint(200, 200));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy finished(m_service.get(), &BackupService::runFinished);
        QVERIFY(m_service->backUpNow(m_setId));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(panel.phaseText(), QStringLiteral("Backed up"));
        QVERIFY(panel.isVisible());
        QVERIFY(panel.willFade());
        QTRY_VERIFY(!panel.isVisible());
        QVERIFY(!panel.willFade());

        // The pointer comes over it as the run ends: it stays, and goes once the pointer leaves.
        const auto hover = connect(m_service.get(), &BackupService::runFinished, &panel, [&panel] {
            QEnterEvent enter(QPointF(5, 5), QPointF(5, 5), panel.mapToGlobal(QPointF(5, 5)));
            QApplication::sendEvent(&panel, &enter);
        });
        QVERIFY(m_service->backUpNow(m_setId));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 60000);
        disconnect(hover);
        QTest::qWait(1000);
        QVERIFY(panel.isVisible());
        QVERIFY(panel.willFade());
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(&panel, &leave);
        QTRY_VERIFY(!panel.isVisible());

        // A failure stays.
        const QString broken = addSet(QStringLiteral("Broken"), m_tmp->filePath(QStringLiteral("src")),
                                      m_tmp->filePath(QStringLiteral("nowhere")));
        panel.setCurrentSet(broken);
        QVERIFY(m_service->backUpNow(broken));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 60000);
        QCOMPARE(finished.at(2).at(0).value<RunRecord>().outcome, RunRecord::Outcome::Failed);
        QVERIFY(!panel.willFade());
        QTest::qWait(1000);
        QVERIFY(panel.isVisible());
        QCOMPARE(panel.phaseText(), QStringLiteral("Backup failed"));
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("dismiss")), Qt::LeftButton);
        QVERIFY(!panel.isVisible());
    }

    // A scheduled set with a policy cleans up after its runs, and the panel says what went.
    void scheduledRunsCleanUpAndThePanelSaysSo()
    {
        auto clock = std::make_shared<ManualClock>(QDateTime::currentDateTime());
        m_service.reset();
        m_service = std::make_unique<BackupService>(*m_store, *m_log, clock);
        BackupSet set = *m_store->find(m_setId);
        set.schedule.mode = Schedule::Mode::EveryHours;
        set.schedule.hours = 1;
        // A scheduled run never asks: it reads the password where the set keeps it.
        set.passwordStorage = PasswordStorage::File;
        set.passwordFile = m_tmp->filePath(QStringLiteral("private/pw"));
        QVERIFY(PasswordFile::write(set.passwordFile, Password).ok());
        set.retention = RetentionPolicy{};
        set.retention.keepLast = 1;
        set.autoPrune = true;
        set.pruneEveryHours = 24;
        QVERIFY(m_store->update(set).ok());
        QWidget window;
        auto &panel = *new BackupPanel(m_service.get(), &window);
        panel.setCurrentSet(m_setId);
        window.show();
        m_service->scheduler().setStartDelay(0);
        m_service->syncSets();
        m_service->scheduler().start();
        QSignalSpy finished(m_service.get(), &BackupService::runFinished);
        const auto scheduledRun = [&](int count, qint64 afterMs, int seed) {
            // Each run brings a file of its own, so an old version holds data no other one has.
            QByteArray unique(1 << 20, Qt::Uninitialized);
            quint32 x = quint32(seed) * 2654435761u + 1;
            for (char &c : unique)
                c = char((x = x * 1664525u + 1013904223u) >> 24);
            writeFile(m_tmp->filePath(QStringLiteral("src/run")), unique);
            clock->advance(afterMs);
            m_service->scheduler().tick();
            if (!QTest::qWaitFor([&] { return finished.size() >= count; }, 60000))
                return RunRecord{};
            return finished.at(count - 1).at(0).value<RunRecord>();
        };

        RunRecord r = scheduledRun(1, 0, 1); // never ran: due at once
        QVERIFY(r.scheduled);
        QCOMPARE(r.outcome, RunRecord::Outcome::Succeeded);
        QVERIFY(r.retention.ran);
        QCOMPARE(r.retention.forgotten, 0);

        // An hour later: the first version goes; the day's prune has run already.
        r = scheduledRun(2, 61 * 60 * 1000, 2);
        QCOMPARE(r.outcome, RunRecord::Outcome::Succeeded);
        QCOMPARE(r.retention.forgotten, 1);
        QVERIFY(!r.retention.pruned);
        QVERIFY2(panel.resultText().contains(QStringLiteral("1 old version")) &&
                     panel.resultText().contains(QStringLiteral("their space comes back")),
                 qPrintable(panel.resultText()));

        // A day later the prune is due: the space of both earlier versions comes back.
        r = scheduledRun(3, 25 * 3600 * 1000LL, 3);
        QCOMPARE(r.outcome, RunRecord::Outcome::Succeeded);
        QCOMPARE(r.retention.forgotten, 1);
        QVERIFY(r.retention.pruned);
        QVERIFY2(r.retention.bytesFreed >= (2 << 20) - (64 << 10),
                 qPrintable(QString::number(r.retention.bytesFreed)));
        QVERIFY2(panel.resultText().contains(QStringLiteral("1 old version")) &&
                     panel.resultText().contains(QStringLiteral("freed")),
                 qPrintable(panel.resultText()));
        // The run log has it too, for the sidebar and reports.
        QCOMPARE(m_log->records().last().retention.bytesFreed, r.retention.bytesFreed);
        auto repo = Repository::open(m_store->find(m_setId)->repository, Password);
        QVERIFY(repo.ok());
        QCOMPARE((*repo)->listSnapshots()->size(), 1);
    }

    void panelCancels()
    {
        QWidget window;
        auto &panel = *new BackupPanel(m_service.get(), &window);
        panel.setCurrentSet(m_setId);
        window.show();
        QSignalSpy finished(m_service.get(), &BackupService::runFinished);
        auto *cancel = panel.findChild<QPushButton *>(QStringLiteral("cancelBackup"));
        connect(m_service.get(), &BackupService::runStarted, this, [cancel] { cancel->click(); });
        QVERIFY(m_service->backUpNow(m_setId));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(finished.at(0).at(0).value<RunRecord>().outcome, RunRecord::Outcome::Cancelled);
        QCOMPARE(panel.phaseText(), QStringLiteral("Cancelled"));
    }

    void trayFollowsState()
    {
        TrayIcon tray(m_service.get());
        QCOMPARE(tray.state(), TrayIcon::State::Idle);
        QSignalSpy states(&tray, &TrayIcon::stateChanged);
        QSignalSpy finished(m_service.get(), &BackupService::runFinished);

        // "Back up now" from the menu.
        tray.rebuildMenu();
        QAction *backUp = findAction(tray.menu(), QStringLiteral("Back up \"Documents\" now"));
        QVERIFY(backUp);
        backUp->trigger();
        QCOMPARE(tray.state(), TrayIcon::State::Running);
        tray.rebuildMenu();
        QVERIFY(!findAction(tray.menu(), QStringLiteral("Back up \"Documents\" now"))->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(tray.state(), TrayIcon::State::Idle);
        QVERIFY(tray.lastMessage().isEmpty()); // no notification on success by default

        // A failing set (its repository is gone) turns the icon to error and notifies.
        const QString broken = addSet(QStringLiteral("Broken"), m_tmp->filePath(QStringLiteral("src")),
                                      m_tmp->filePath(QStringLiteral("nowhere")));
        QVERIFY(m_service->backUpNow(broken));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 60000);
        QCOMPARE(finished.at(1).at(0).value<RunRecord>().outcome, RunRecord::Outcome::Failed);
        QCOMPARE(tray.state(), TrayIcon::State::Error);
        QVERIFY2(tray.lastMessage().contains(QStringLiteral("Broken")), qPrintable(tray.lastMessage()));

        // Pausing from the menu, then resuming.
        tray.rebuildMenu();
        findAction(tray.menu(), QStringLiteral("Pause for 1 hour"))->trigger();
        QVERIFY(m_service->scheduler().isPaused());
        QCOMPARE(tray.state(), TrayIcon::State::Paused);
        tray.rebuildMenu();
        QVERIFY(findAction(tray.menu(), QStringLiteral("paused until")));
        findAction(tray.menu(), QStringLiteral("Resume scheduled backups"))->trigger();
        QCOMPARE(tray.state(), TrayIcon::State::Error);
        QVERIFY(states.size() >= 4);

        // Stale sets are named once a day.
        tray.notifyStale({m_setId});
        QVERIFY(tray.lastMessage().contains(QStringLiteral("Documents")));
        tray.notifyStale({broken});
        tray.notifyStale({m_setId, broken});
        QVERIFY(tray.lastMessage().contains(QStringLiteral("Broken")));
        QVERIFY(!tray.lastMessage().contains(QStringLiteral("Documents")));
    }
};

QTEST_MAIN(TestBackupUi)
#include "tst_backupui.moc"
