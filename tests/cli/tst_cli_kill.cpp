// Crash safety: a backup killed with SIGKILL at several moments leaves a repository that checks
// clean, whose stale lock does not block the next run, and whose uploaded packs the next run
// reuses. A restore that fails half-way rolls the files it replaced back.
#include "TestUtil.h"

#include "engine/Restore.h"
#include "repo/Lock.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace strata::test;

namespace {
// Files must come back exactly (content, mode, mtime, links). The rollback writes temp files
// into the folders, so folder mtimes are only reported, not required.
QStringList rollbackDifferences(const QByteArray &before, const QByteArray &after)
{
    const QStringList strict = compareTrees(before, after);
    if (!strict.isEmpty())
        qInfo("after the rollback (folder mtimes included):\n%s", qPrintable(strict.join(QLatin1Char('\n'))));
    CompareOptions options;
    options.compareDirMtimes = false;
    return compareTrees(before, after, options);
}
} // namespace

class TestCliKill final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { removeTree(m_tmp.path()); }
    void killedBackupsLeaveAHealthyRepository();
    void killAfterFirstPackKeepsIt();
    void failedRestoreRollsBack();
    void failedRestoreRollsBackThroughTheEngine();

private:
    RunResult cli(const QStringList &args) { return runCli(args, m_env); }
    QString path(const QString &rel) const { return m_tmp.path() + QLatin1Char('/') + rel; }

    QTemporaryDir m_tmp;
    QProcessEnvironment m_env;
    QString m_src;
    qint64 m_sourceBytes = 0;
};

void TestCliKill::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(QFileInfo::exists(cliPath()));
    QVERIFY(QDir().mkpath(path(QStringLiteral("home"))));
    m_env = cliEnvironment(path(QStringLiteral("home")));

    // ~40 MiB of mixed data: large and medium random files, many small ones, some text.
    m_src = path(QStringLiteral("mixed"));
    quint64 seed = 1000;
    for (int d = 0; d < 4; ++d) {
        const QString dir = m_src + QStringLiteral("/dir%1").arg(d);
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/small")));
        QVERIFY(writeRandomFile(QFile::encodeName(dir + QStringLiteral("/large.bin")), 6 << 20, ++seed));
        QVERIFY(writeRandomFile(QFile::encodeName(dir + QStringLiteral("/medium.bin")), 2 << 20, ++seed));
        for (int i = 0; i < 60; ++i)
            QVERIFY(writeRandomFile(QFile::encodeName(dir + QStringLiteral("/small/f%1.bin").arg(i)),
                                    1000 + 997 * i, ++seed));
        QByteArray text;
        for (int i = 0; i < 20000; ++i)
            text += "row " + QByteArray::number(i * d) + ", some text that compresses well\n";
        QVERIFY(writeFile(QFile::encodeName(dir + QStringLiteral("/table.csv")), text));
    }
    m_sourceBytes = treeBytes(m_src);
    qInfo("source: %lld bytes", m_sourceBytes);
}

void TestCliKill::killedBackupsLeaveAHealthyRepository()
{
    // How long does an uninterrupted backup take, and how big is it?
    const QString reference = path(QStringLiteral("reference-repo"));
    RunResult r = cli({QStringLiteral("init"), QStringLiteral("--repo"), reference});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), reference, m_src});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const qint64 fullMs = r.elapsedMs;
    const qint64 fullBytes = treeBytes(reference + QStringLiteral("/data"));
    qInfo("an uninterrupted backup takes %lld ms and stores %lld bytes of packs", fullMs, fullBytes);

    const QString repo = path(QStringLiteral("repo"));
    r = cli({QStringLiteral("init"), QStringLiteral("--repo"), repo});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));

    // Kill at fractions of that duration, into one repository; each killed run may leave packs,
    // temp files and its lock behind.
    int landed = 0;
    int staleLocksTakenOver = 0;
    for (const double fraction : {0.1, 0.3, 0.5, 0.65, 0.8}) {
        const int delay = int(std::max<qint64>(50, qint64(fullMs * fraction)));
        auto p = startCli({QStringLiteral("backup"), QStringLiteral("--repo"), repo, m_src}, m_env);
        QVERIFY(p->waitForStarted(10000));
        QThread::msleep(delay);
        const bool running = p->state() == QProcess::Running && !p->waitForFinished(0);
        if (running) {
            ::kill(pid_t(p->processId()), SIGKILL);
            ++landed;
        }
        // waitForFinished() is false for a process that has already finished.
        QVERIFY(p->state() == QProcess::NotRunning || p->waitForFinished(60000));
        qInfo("kill after %d ms: %s; data now %lld bytes, %lld lock files", delay,
              running ? "landed mid-run" : "the backup had finished",
              treeBytes(repo + QStringLiteral("/data")),
              qint64(treeFiles(repo + QStringLiteral("/locks")).size()));

        // check and backup take no or shared locks, which a stale shared lock would not block
        // anyway; an exclusive lock (prune's) must take over the lock of a dead process here.
        if (running && !QDir(repo + QStringLiteral("/locks")).entryList(QDir::Files).isEmpty()) {
            auto opened = strata::Repository::open(repo, QStringLiteral("test-pw"));
            QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
            auto lock = (*opened)->lock(strata::LockMode::Exclusive);
            QVERIFY2(lock.ok(), qPrintable(lock.ok() ? QString() : lock.error().message));
            ++staleLocksTakenOver;
        }
        // The killed process's lock must not block the next command either.
        r = cli({QStringLiteral("check"), QStringLiteral("--repo"), repo});
        QVERIFY2(r.exitCode == 0,
                 qPrintable(QStringLiteral("check after a kill at %1 ms: ").arg(delay) + r.describe()));
    }
    QVERIFY2(landed >= 3, qPrintable(QStringLiteral("only %1 kills landed mid-run").arg(landed)));

    QVERIFY2(staleLocksTakenOver > 0, "no killed run left a lock to take over");
    r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), repo, m_src});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = cli({QStringLiteral("check"), QStringLiteral("--repo"), repo, QStringLiteral("--read-data")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QString target = path(QStringLiteral("restored"));
    r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), repo, QStringLiteral("latest"),
             QStringLiteral("--target"), target});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QStringList diffs =
        compareTrees(QFile::encodeName(m_src), QFile::encodeName(target + QStringLiteral("/mixed")));
    QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(QLatin1Char('\n'))));
}

void TestCliKill::killAfterFirstPackKeepsIt()
{
    // Kill as soon as the first index file (naming the first packs) is out: the next run must
    // reuse those packs instead of uploading everything again.
    const QString repo = path(QStringLiteral("repo-first-pack"));
    RunResult r = cli({QStringLiteral("init"), QStringLiteral("--repo"), repo});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    // 96 MiB that does not compress: the first pack is out long before the backup can end.
    const QString bulk = path(QStringLiteral("bulk"));
    QVERIFY(QDir().mkpath(bulk));
    QVERIFY(writeRandomFile(QFile::encodeName(bulk + QStringLiteral("/random.bin")), 96ll << 20, 4242));
    auto p = startCli({QStringLiteral("backup"), QStringLiteral("--repo"), repo, m_src, bulk}, m_env);
    QVERIFY(p->waitForStarted(10000));
    QElapsedTimer clock;
    clock.start();
    bool killed = false;
    while (clock.elapsed() < 60000 && p->state() == QProcess::Running) {
        // A finished index file, not the temp file it is written to first.
        if (!QDir(repo + QStringLiteral("/index")).entryList(QDir::Files).isEmpty()) {
            ::kill(pid_t(p->processId()), SIGKILL);
            killed = true;
            break;
        }
        p->waitForFinished(5);
    }
    QVERIFY(p->state() == QProcess::NotRunning || p->waitForFinished(60000));
    QVERIFY2(killed && treeFiles(repo + QStringLiteral("/snapshots")).isEmpty(),
             "the backup finished before its first index file could be seen");
    const qint64 left = treeBytes(repo + QStringLiteral("/data"));
    qInfo(
        "killed after the first index file: %lld bytes of packs (and temp files) left; files: %s; index: %s",
        left, qPrintable(treeFiles(repo + QStringLiteral("/data")).join(QLatin1Char(' '))),
        qPrintable(treeFiles(repo + QStringLiteral("/index")).join(QLatin1Char(' '))));

    r = cli({QStringLiteral("check"), QStringLiteral("--repo"), repo});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = cli(
        {QStringLiteral("backup"), QStringLiteral("--repo"), repo, QStringLiteral("--json"), m_src, bulk});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const qint64 sourceBytes = m_sourceBytes + (96ll << 20);
    const qint64 growth = treeBytes(repo + QStringLiteral("/data")) - left;
    const qint64 total = treeBytes(repo + QStringLiteral("/data"));
    qInfo("the completing run added %lld bytes of packs; the repository holds %lld", growth, total);
    // At least one pack (~16 MiB) was indexed before the kill and must not be uploaded again.
    constexpr qint64 packSize = qint64(16) << 20;
    QVERIFY2(
        growth < sourceBytes - packSize / 2,
        qPrintable(QStringLiteral("the completing run uploaded %1 bytes for %2 bytes of source although the "
                                  "killed run had indexed packs")
                       .arg(growth)
                       .arg(sourceBytes)));
    r = cli({QStringLiteral("check"), QStringLiteral("--repo"), repo, QStringLiteral("--read-data")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QString target = path(QStringLiteral("restored-first-pack"));
    r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), repo, QStringLiteral("latest"),
             QStringLiteral("--target"), target});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QStringList diffs =
        compareTrees(QFile::encodeName(m_src), QFile::encodeName(target + QStringLiteral("/mixed")));
    diffs << compareTrees(QFile::encodeName(bulk), QFile::encodeName(target + QStringLiteral("/bulk")));
    QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(QLatin1Char('\n'))));
}

void TestCliKill::failedRestoreRollsBack()
{
    const QString repo = path(QStringLiteral("rb-repo"));
    const QString src = path(QStringLiteral("rb-src"));
    QString error;
    const FidelityTree tree = makeFidelityTree(QFile::encodeName(src), &error, 77);
    QVERIFY2(!tree.root.isEmpty(), qPrintable(error));
    // The name that is not UTF-8 makes every overwriting restore fail before it starts (the safety
    // version cannot read it; tst_cli_roundtrip covers that), which would hide the rollback.
    QVERIFY(::unlink(QByteArray(tree.root + "/caf\xe9").constData()) == 0);
    RunResult r = cli({QStringLiteral("init"), QStringLiteral("--repo"), repo});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), repo, src});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));

    // Change several files so the restore has more than two to overwrite, and remove one.
    const QByteArray root = tree.root;
    QVERIFY(writeFile(root + "/small.txt", "changed after the backup\n"));
    QVERIFY(writeFile(root + "/empty.txt", "not empty any more\n"));
    QVERIFY(overwriteAt(root + "/random5m.bin", 4096, "changed"));
    QVERIFY(writeFile(root + "/nested/a/b/c/deep.txt", "changed too\n"));
    QVERIFY(writeFile(root + "/text.log", "short\n"));
    QVERIFY(::unlink(QByteArray(root + "/script.sh").constData()) == 0);
    QVERIFY(copyTree(root, QFile::encodeName(path(QStringLiteral("before-restore")))));

    QProcessEnvironment env = m_env;
    env.insert(QStringLiteral("STRATA_TEST_FAIL_RESTORE_AFTER"), QStringLiteral("2"));
    r = runCli({QStringLiteral("restore"), QStringLiteral("--repo"), repo, QStringLiteral("latest"),
                QStringLiteral("--conflict"), QStringLiteral("overwrite")},
               env);
    qInfo("restore with STRATA_TEST_FAIL_RESTORE_AFTER=2: %s", qPrintable(r.describe()));
    QVERIFY2(r.exitCode > 0 && r.exitCode != 2, qPrintable(r.describe()));
    QVERIFY2(r.text().contains(QStringLiteral("rolled back"), Qt::CaseInsensitive), qPrintable(r.describe()));

    const QStringList diffs =
        rollbackDifferences(QFile::encodeName(path(QStringLiteral("before-restore"))), root);
    QVERIFY2(diffs.isEmpty(),
             qPrintable(QStringLiteral("after the rollback:\n") + diffs.join(QLatin1Char('\n'))));
}

// The same rollback through RestoreParams::hooks.failAfterFiles directly, so the engine's rollback is
// covered even if the CLI does not pass the test hook on.
void TestCliKill::failedRestoreRollsBackThroughTheEngine()
{
    const QString repoPath = path(QStringLiteral("rb2-repo"));
    const QString src = path(QStringLiteral("rb2-src"));
    QString error;
    const FidelityTree tree = makeFidelityTree(QFile::encodeName(src), &error, 78);
    QVERIFY2(!tree.root.isEmpty(), qPrintable(error));
    QVERIFY(::unlink(QByteArray(tree.root + "/caf\xe9").constData()) == 0);
    RunResult r = cli({QStringLiteral("init"), QStringLiteral("--repo"), repoPath});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), repoPath, src});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));

    const QByteArray root = tree.root;
    QVERIFY(writeFile(root + "/small.txt", "changed after the backup\n"));
    QVERIFY(writeFile(root + "/empty.txt", "not empty any more\n"));
    QVERIFY(overwriteAt(root + "/random5m.bin", 4096, "changed"));
    QVERIFY(writeFile(root + "/nested/a/b/c/deep.txt", "changed too\n"));
    QVERIFY(writeFile(root + "/text.log", "short\n"));
    QVERIFY(::unlink(QByteArray(root + "/script.sh").constData()) == 0);
    const QByteArray before = QFile::encodeName(path(QStringLiteral("rb2-before")));
    QVERIFY(copyTree(root, before));

    auto repo = strata::Repository::open(repoPath, QStringLiteral("test-pw"));
    QVERIFY2(repo.ok(), qPrintable(repo.ok() ? QString() : repo.error().message));
    strata::RestoreParams params;
    params.repo = *repo;
    params.plan.snapshot = QStringLiteral("latest");
    params.plan.conflict = strata::ConflictPolicy::Overwrite;
    params.hooks.failAfterFiles = 2;
    strata::RestoreJob job(params);
    job.runHere();
    const strata::RestoreResult &result = job.result();
    QVERIFY2(!result.status.ok(), "the restore did not fail after 2 files");
    QVERIFY(!result.safetySnapshot.isEmpty());
    QVERIFY2(result.rolledBack, qPrintable(result.status.error().message));
    const QStringList diffs = rollbackDifferences(before, root);
    QVERIFY2(diffs.isEmpty(),
             qPrintable(QStringLiteral("after the rollback:\n") + diffs.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestCliKill)
#include "tst_cli_kill.moc"
