// The window's side of retention, offscreen over a real BackupService and repository: the
// timeline crosses out what the set's next clean-up removes; Repository > Pin Version keeps a
// version out of every clean-up (and unpins it); Repository > Free Up Space… previews which
// versions go and what comes back, changes nothing until asked, then removes exactly those and
// prunes; and a Free Up Space started while a backup writes is refused clearly, with nothing
// lost, and goes through once the backup has finished.
#include "FreeSpaceDialog.h"
#include "MainWindow.h"
#include "TimelineWidget.h"

#include "engine/Check.h"
#include "models/SnapshotListModel.h"
#include "profiles/RunLog.h"
#include "profiles/SetStore.h"
#include "repo/Repository.h"
#include "retention/RetentionPolicy.h"
#include "service/BackupService.h"
#include "storage/LocalBackend.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace strata;

namespace {

const QString Password = QStringLiteral("cleanup-pw");

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Incompressible bytes of their own for each seed, so every version holds data no other has.
QByteArray noise(qsizetype size, quint32 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    quint32 x = seed * 2654435761u + 1;
    for (char &c : out)
        c = char((x = x * 1664525u + 1013904223u) >> 24);
    return out;
}

QStringList idsOf(const QList<Snapshot> &versions)
{
    QStringList ids;
    for (const Snapshot &s : versions)
        ids << s.id;
    return ids;
}

} // namespace

class TestCleanupUi final : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<SetStore> m_store;
    std::unique_ptr<RunLog> m_log;
    std::unique_ptr<BackupService> m_service;
    QString m_setId;
    QStringList m_made; // ids of the versions made, oldest first

    QString repoPath() const { return m_tmp->filePath(QStringLiteral("repo")); }
    QString srcPath() const { return m_tmp->filePath(QStringLiteral("src")); }

    std::shared_ptr<Repository> openRepo() const
    {
        auto repo = Repository::open(repoPath(), Password);
        return repo.ok() ? *repo : nullptr;
    }
    QList<Snapshot> versionsNow() const
    {
        auto repo = openRepo();
        return repo ? repo->listSnapshots().value() : QList<Snapshot>{};
    }
    // check --read-data on the repository as it is now.
    bool healthy() const
    {
        CheckParams params;
        params.repo = openRepo();
        params.readData = true;
        CheckJob job(params);
        job.start();
        job.wait();
        if (!job.result().healthy())
            qWarning() << "check:" << job.result().errors << job.result().status.error().message;
        return job.result().healthy();
    }

    // One backup through the service, with a file of its own; its version's id.
    QString backUp(int seed)
    {
        if (!writeFile(srcPath() + QStringLiteral("/run.bin"), noise(256 << 10, quint32(seed))))
            return {};
        QSignalSpy finished(m_service.get(), &BackupService::runFinished);
        if (!m_service->backUpNow(m_setId) || !finished.wait(60000))
            return {};
        const auto record = finished.first().first().value<RunRecord>();
        return record.outcome == RunRecord::Outcome::Succeeded ? record.snapshot : QString();
    }

    void setPolicy(int keepLast, bool autoPrune)
    {
        BackupSet set = *m_store->find(m_setId);
        set.retention = RetentionPolicy{};
        set.retention.keepLast = keepLast;
        set.autoPrune = autoPrune;
        QVERIFY(m_store->update(set).ok());
        m_service->syncSets();
    }

    // The window showing the set, its versions listed.
    void showSet(MainWindow &window, int versions)
    {
        window.show();
        window.showSet(m_setId);
        QTRY_COMPARE_WITH_TIMEOUT(window.snapshotModel()->rowCount(), versions, 30000);
    }

    FreeSpaceDialog *openFreeSpace(MainWindow &window)
    {
        auto *action = window.findChild<QAction *>(QStringLiteral("freeUpSpace"));
        if (!action || !action->isEnabled())
            return nullptr;
        action->trigger();
        return window.findChild<FreeSpaceDialog *>(QStringLiteral("freeSpaceDialog"));
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        Repository::InitOptions o;
        o.kdf = KdfParams{1, 8u << 20};
        QVERIFY(Repository::init(std::make_unique<LocalBackend>(repoPath()), Password, o).ok());
        QVERIFY(writeFile(srcPath() + QStringLiteral("/stays.txt"), "in every version"));
        m_store = std::make_unique<SetStore>(m_tmp->filePath(QStringLiteral("sets.json")));
        QVERIFY(m_store->load().ok());
        m_log = std::make_unique<RunLog>(m_tmp->filePath(QStringLiteral("runs.jsonl")));
        m_service = std::make_unique<BackupService>(*m_store, *m_log);
        m_service->setPasswordPrompt(
            [](const BackupSet &, const SecretRequest &,
               std::function<void(std::optional<SecretAnswer>)> done) { done(SecretAnswer{Password}); });
        BackupSet set;
        set.name = QStringLiteral("Documents");
        set.sources = {srcPath()};
        set.repository = repoPath();
        set.passwordStorage = PasswordStorage::AskEachTime;
        m_setId = m_store->add(set).value();
        m_service->syncSets();
        // Four versions before the set has rules, so none goes yet.
        m_made.clear();
        for (int i = 0; i < 4; ++i) {
            const QString id = backUp(100 + i);
            QVERIFY(!id.isEmpty());
            m_made << id;
        }
    }

    void cleanup() { m_service.reset(); }

    void timelineMarksWhatLeavesAndPinningSavesIt()
    {
        setPolicy(2, true);
        MainWindow window(*m_service);
        showSet(window, 4);
        auto *timeline = window.findChild<TimelineWidget *>();
        QVERIFY(timeline);
        QTRY_VERIFY(timeline->isLeaving(m_made[0]) && timeline->isLeaving(m_made[1]));
        QVERIFY(!timeline->isLeaving(m_made[2]) && !timeline->isLeaving(m_made[3]));

        auto *pin = window.findChild<QAction *>(QStringLiteral("pinVersion"));
        QVERIFY(pin);
        timeline->setCurrentVersion(m_made[0]);
        QTRY_COMPARE(window.currentVersion(), m_made[0]);
        QVERIFY(pin->isEnabled());
        QVERIFY(!pin->isChecked());
        pin->trigger();

        // The pinned version has a new id, stays selected, and is no longer crossed out.
        QTRY_VERIFY_WITH_TIMEOUT(!idsOf(window.snapshotModel()->snapshots()).contains(m_made[0]), 30000);
        QCOMPARE(window.snapshotModel()->rowCount(), 4);
        const QString pinnedId = window.currentVersion();
        QVERIFY(!m_made.contains(pinnedId));
        QTRY_VERIFY(pin->isChecked());
        QTRY_VERIFY(!timeline->isLeaving(pinnedId) && timeline->isLeaving(m_made[1]));
        const QList<Snapshot> stored = versionsNow();
        const auto pinned =
            std::find_if(stored.cbegin(), stored.cend(), [&](const Snapshot &s) { return s.id == pinnedId; });
        QVERIFY(pinned != stored.cend());
        QCOMPARE(pinned->tags, QStringList{kPinnedTag});
        QCOMPARE(pinned->original, m_made[0]);

        // Unpinned, the rules decide again: it is crossed out once more.
        pin->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!idsOf(window.snapshotModel()->snapshots()).contains(pinnedId), 30000);
        QTRY_VERIFY(!pin->isChecked());
        QTRY_VERIFY(timeline->isLeaving(window.currentVersion()));
        QVERIFY(healthy());
    }

    void freeUpSpacePreviewsThenRemovesWhatItShowed()
    {
        setPolicy(2, false);
        MainWindow window(*m_service);
        showSet(window, 4);
        const QStringList filesBefore = QDir(repoPath()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
        FreeSpaceDialog *dialog = openFreeSpace(window);
        QVERIFY(dialog);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->state(), FreeSpaceDialog::State::Ready, 30000);
        // The preview: the two oldest go, with their reason, and about their unique data comes back.
        QCOMPARE(QSet<QString>(dialog->plan().removed.cbegin(), dialog->plan().removed.cend()),
                 QSet<QString>({m_made[0], m_made[1]}));
        auto *list = dialog->findChild<QTreeWidget *>(QStringLiteral("versions"));
        QCOMPARE(list->topLevelItemCount(), 2);
        QVERIFY(!list->topLevelItem(0)->text(1).isEmpty());
        QVERIFY2(dialog->plan().prune.bytesFreed() >= 2 * (256 << 10), qPrintable(dialog->message()));
        QVERIFY2(dialog->message().contains(QStringLiteral("comes back")), qPrintable(dialog->message()));
        // Nothing changed yet.
        QCOMPARE(idsOf(versionsNow()), m_made);
        QCOMPARE(QDir(repoPath()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), filesBefore);

        auto *button = dialog->findChild<QPushButton *>(QStringLiteral("freeUp"));
        QVERIFY(button && button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->state(), FreeSpaceDialog::State::Done, 60000);
        QVERIFY2(dialog->outcome().status.ok(), qPrintable(dialog->message()));
        QCOMPARE(dialog->outcome().removed.size(), 2);
        QVERIFY(dialog->outcome().prune.bytesFreed() >= 2 * (256 << 10));
        QVERIFY2(dialog->message().startsWith(QStringLiteral("Freed")), qPrintable(dialog->message()));
        // The window follows; the repository keeps the two newest, whole.
        QTRY_COMPARE_WITH_TIMEOUT(window.snapshotModel()->rowCount(), 2, 30000);
        QCOMPARE(idsOf(versionsNow()), (QStringList{m_made[2], m_made[3]}));
        QVERIFY(healthy());
        dialog->reject();
    }

    void freeUpSpaceWhileABackupWritesWaitsItsTurn()
    {
        setPolicy(1, false);
        // A source big enough that the backup is still writing when the clean-up asks.
        for (int i = 0; i < 40; ++i)
            QVERIFY(
                writeFile(srcPath() + QStringLiteral("/big/f%1").arg(i), noise(3 << 20, quint32(500 + i))));
        MainWindow window(*m_service);
        showSet(window, 4);
        FreeSpaceDialog *dialog = openFreeSpace(window);
        QVERIFY(dialog);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->state(), FreeSpaceDialog::State::Ready, 30000);
        QCOMPARE(dialog->plan().removed.size(), 3);

        QSignalSpy finished(m_service.get(), &BackupService::runFinished);
        bool writing = false;
        connect(m_service.get(), &BackupService::runProgress, this,
                [&](const QString &, const Progress &p) { writing = writing || p.bytesDone > 0; });
        QVERIFY(m_service->backUpNow(m_setId));
        QTRY_VERIFY_WITH_TIMEOUT(writing, 30000);
        QVERIFY(m_service->isRunning(m_setId));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("freeUp")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->state() == FreeSpaceDialog::State::Ready &&
                                     dialog->findChild<QPushButton *>(QStringLiteral("freeUp"))->isEnabled(),
                                 30000);
        QCOMPARE(dialog->outcome().status.error().code, ErrorCode::Locked);
        QVERIFY2(
            dialog->findChild<QLabel *>(QStringLiteral("summary"))->text().contains(QStringLiteral("in use")),
            qPrintable(dialog->findChild<QLabel *>(QStringLiteral("summary"))->text()));
        QCOMPARE(idsOf(versionsNow()).mid(0, 4), m_made);

        // The backup was not disturbed; afterwards the clean-up goes through, as previewed.
        QVERIFY(finished.wait(120000));
        const auto record = finished.first().first().value<RunRecord>();
        QCOMPARE(record.outcome, RunRecord::Outcome::Succeeded);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("freeUp")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->state(), FreeSpaceDialog::State::Done, 60000);
        QVERIFY2(dialog->outcome().status.ok(), qPrintable(dialog->message()));
        QCOMPARE(idsOf(versionsNow()), (QStringList{m_made[3], record.snapshot}));
        QVERIFY(healthy());
        dialog->reject();
    }
};

QTEST_MAIN(TestCleanupUi)
#include "tst_cleanupui.moc"
