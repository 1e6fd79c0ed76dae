// The engine's jobs driven directly, as the GUI drives them: signals, throttled progress,
// incremental and differential parents, cancellation, files changing while read, restore
// plans and the rollback of a failing in-place restore.
#include "engine/BackupJob.h"
#include "engine/Diff.h"
#include "engine/Restore.h"
#include "QueuedSpy.h"
#include "storage/LocalBackend.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace strata;

namespace {

void writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(data);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestEngine final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    QDir m_dir;
    std::shared_ptr<Repository> m_repo;
    QString m_src;

    BackupResult backup(BackupKind kind, const QString &set = QStringLiteral("s"))
    {
        BackupParams p;
        p.repo = m_repo;
        p.paths = {m_src};
        p.kind = kind;
        p.set = set;
        BackupJob job(p);
        test::QueuedSpy finished(&job, &BackupJob::finished);
        job.start();
        if (!finished.wait(60000))
            qFatal("backup did not finish");
        return job.result();
    }

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>(); // a fresh repository and source per test
        QVERIFY(m_tmp->isValid());
        m_dir = QDir(m_tmp->path());
        Repository::InitOptions o;
        o.kdf = KdfParams{1, 8u << 20};
        auto r =
            Repository::init(std::make_unique<LocalBackend>(m_dir.absoluteFilePath(QStringLiteral("repo"))),
                             QStringLiteral("pw"), o);
        QVERIFY(r.ok());
        m_repo = *r;
        m_src = m_dir.absoluteFilePath(QStringLiteral("src"));
        QDir(m_src).removeRecursively();
        for (int i = 0; i < 50; ++i)
            writeFile(m_src + QStringLiteral("/d%1/f%2.txt").arg(i % 5).arg(i),
                      QByteArray::number(i).repeated(1000));
    }

    void incrementalTrustsUnchangedFiles()
    {
        BackupResult full = backup(BackupKind::Full);
        QVERIFY(full.status.ok());
        QCOMPARE(full.snapshot.stats.files, 50);
        QCOMPARE(full.snapshot.stats.filesNew, 50);

        QTest::qWait(20); // a later mtime for the edited file
        writeFile(m_src + QStringLiteral("/d0/f0.txt"), "changed");
        BackupResult inc = backup(BackupKind::Incremental);
        QVERIFY(inc.status.ok());
        QCOMPARE(inc.snapshot.kind, BackupKind::Incremental);
        QCOMPARE(inc.snapshot.parent, full.snapshot.id);
        QCOMPARE(inc.snapshot.stats.filesUnmodified, 49);
        QCOMPARE(inc.snapshot.stats.filesChanged, 1);
        QCOMPARE(inc.snapshot.stats.bytesRead, qint64(7));

        // A differential compares with the last full one, not with the incremental.
        BackupResult diff = backup(BackupKind::Differential);
        QVERIFY(diff.status.ok());
        QCOMPARE(diff.snapshot.parent, full.snapshot.id);
        QCOMPARE(diff.snapshot.stats.filesChanged, 1);

        // Unchanged folders produce the same tree blobs: the root trees differ only by d0.
        qint64 changes = 0;
        auto sum = diffSnapshots(*m_repo, full.snapshot, inc.snapshot, [&](const DiffEntry &e) {
            ++changes;
            QCOMPARE(e.path, m_src + QStringLiteral("/d0/f0.txt"));
            QCOMPARE(e.change, ChangeKind::Modified);
        });
        QVERIFY(sum.ok());
        QCOMPARE(changes, 1);
    }

    void incrementalWithoutParentIsFull()
    {
        BackupResult r = backup(BackupKind::Incremental, QStringLiteral("fresh-set"));
        QVERIFY(r.status.ok());
        QCOMPARE(r.snapshot.kind, BackupKind::Full);
        QVERIFY(r.snapshot.parent.isEmpty());
    }

    void progressIsThrottled()
    {
        for (int i = 0; i < 3000; ++i)
            writeFile(m_src + QStringLiteral("/many/%1").arg(i), QByteArray::number(i));
        BackupParams p;
        p.repo = m_repo;
        p.paths = {m_src};
        BackupJob job(p);
        test::QueuedSpy progress(&job, &BackupJob::progress);
        test::QueuedSpy finished(&job, &BackupJob::finished);
        QElapsedTimer t;
        t.start();
        job.start();
        QVERIFY(finished.wait(60000));
        // About 10 a second plus the forced ones at phase changes, never one per file.
        QVERIFY2(progress.size() <= 8 + t.elapsed() / 50, qPrintable(QString::number(progress.size())));
        QVERIFY(progress.size() >= 2);
        const auto last = progress.last().first().value<Progress>();
        QCOMPARE(last.phase, Phase::Done);
        QCOMPARE(last.filesDone, 3050);
    }

    void cancelStopsPromptlyAndWritesNoVersion()
    {
        // 48 MiB of incompressible data keeps the readers busy long enough to cancel.
        for (int i = 0; i < 12; ++i)
            writeFile(m_src + QStringLiteral("/big%1").arg(i),
                      QByteArray(4 << 20, char(i)) + QByteArray::number(i));
        BackupParams p;
        p.repo = m_repo;
        p.paths = {m_src};
        BackupJob job(p);
        test::QueuedSpy finished(&job, &BackupJob::finished);
        job.start();
        job.cancel();
        QElapsedTimer t;
        t.start();
        QVERIFY(finished.wait(10000));
        QVERIFY(t.elapsed() < 5000);
        QCOMPARE(job.result().status.error().code, ErrorCode::Cancelled);
        QCOMPARE(m_repo->listSnapshots()->size(), 0);
    }

    void fileChangingWhileReadIsReported()
    {
        const QString growing = m_src + QStringLiteral("/growing.log");
        writeFile(growing, QByteArray(64 << 20, 'x'));
        std::atomic<bool> stop{false};
        std::thread writer([&] {
            QFile f(growing);
            if (!f.open(QIODevice::Append))
                return;
            while (!stop) {
                f.write("more\n");
                f.flush();
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
        });
        BackupParams p;
        p.repo = m_repo;
        p.paths = {m_src};
        BackupJob job(p);
        test::QueuedSpy warnings(&job, &BackupJob::warning);
        test::QueuedSpy finished(&job, &BackupJob::finished);
        job.start();
        QVERIFY(finished.wait(60000));
        stop = true;
        writer.join();
        QVERIFY(job.result().status.ok());
        QVERIFY(job.result().partial());
        QVERIFY(job.result().changedWhileRead >= 1);
        bool named = false;
        for (const auto &w : warnings)
            named |= w.at(0).toString() == growing && w.at(1).toString().contains(QStringLiteral("changed"));
        QVERIFY(named);
    }

    void restorePlanListsEveryAction()
    {
        BackupResult full = backup(BackupKind::Full);
        QVERIFY(full.status.ok());
        const QString target = m_dir.absoluteFilePath(QStringLiteral("target"));
        writeFile(target + QStringLiteral("/src/d0/f0.txt"), "local edit"); // conflicts
        RestorePlan plan;
        plan.snapshot = full.snapshot.id;
        plan.target = target;
        plan.conflict = ConflictPolicy::KeepBoth;
        QList<PlannedEntry> entries;
        auto summary = planRestore(*m_repo, plan, [&](const PlannedEntry &e) { entries << e; });
        QVERIFY(summary.ok());
        // src and d0 exist already; d1..d4 and 49 files are new; f0.txt is kept beside the local edit.
        QCOMPARE(summary->keepBoth, 1);
        QCOMPARE(summary->create, 49 + 4);
        QCOMPARE(summary->unchanged, 2);
        QCOMPARE(entries.size(), 49 + 4 + 2 + 1);
        bool renamed = false;
        for (const PlannedEntry &e : entries)
            renamed |= e.action == RestoreAction::KeepBoth &&
                       e.destination == target + QStringLiteral("/src/d0/f0 (restored).txt");
        QVERIFY(renamed);
        QVERIFY(!QFile::exists(target + QStringLiteral("/src/d1"))); // planning writes nothing
    }

    void failingInPlaceRestoreRollsBack()
    {
        BackupResult full = backup(BackupKind::Full);
        QVERIFY(full.status.ok());
        // Edit every file, then restore in place with a failure half way.
        for (int i = 0; i < 50; ++i)
            writeFile(m_src + QStringLiteral("/d%1/f%2.txt").arg(i % 5).arg(i),
                      "edited " + QByteArray::number(i));
        writeFile(m_src + QStringLiteral("/new-after-backup.txt"), "keep me");
        RestoreParams p;
        p.repo = m_repo;
        p.plan.snapshot = full.snapshot.id;
        p.plan.conflict = ConflictPolicy::Overwrite;
        p.hooks.failAfterFiles = 20;
        RestoreJob job(p);
        test::QueuedSpy finished(&job, &RestoreJob::finished);
        job.start();
        QVERIFY(finished.wait(60000));
        QVERIFY(!job.result().status.ok());
        QVERIFY(job.result().rolledBack);
        QVERIFY(!job.result().safetySnapshot.isEmpty());
        for (int i = 0; i < 50; ++i)
            QCOMPARE(readFile(m_src + QStringLiteral("/d%1/f%2.txt").arg(i % 5).arg(i)),
                     "edited " + QByteArray::number(i));
        QCOMPARE(readFile(m_src + QStringLiteral("/new-after-backup.txt")), QByteArray("keep me"));
        auto safety = m_repo->loadSnapshot(job.result().safetySnapshot);
        QVERIFY(safety.ok());
        QCOMPARE(safety->kind, BackupKind::Safety);

        // The same restore without the failure puts the version back.
        RestoreParams ok = p;
        ok.hooks.failAfterFiles = -1;
        RestoreJob again(ok);
        test::QueuedSpy done(&again, &RestoreJob::finished);
        again.start();
        QVERIFY(done.wait(60000));
        QVERIFY2(again.result().status.ok(),
                 qPrintable(again.result().status.ok() ? QString() : again.result().status.error().message));
        QCOMPARE(readFile(m_src + QStringLiteral("/d1/f1.txt")), QByteArray::number(1).repeated(1000));
        QCOMPARE(again.result().done.overwrite, 50);
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
