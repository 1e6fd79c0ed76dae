// Free space at a local destination, on a real size-limited file system (a tmpfs mounted in a
// mount namespace of the test's own, so nothing is left mounted if the test dies): a backup that
// will not fit stops before writing anything and says what it needs and what is free; a disk that
// fills up during a run fails that run cleanly, the repository passes check, and the next run
// after space is freed succeeds; the service prunes first when the set has a policy, and fails
// with the same message when it has none. The estimate itself (engine/SpaceCheck.h) is checked
// on synthetic versions.
#include "TestUtil.h"

#include "engine/SpaceCheck.h"
#include "repo/Repository.h"
#include "service/BackupService.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

using namespace strata;
using namespace strata::test;

namespace {

const QString kPassword = QStringLiteral("space-pw");
constexpr qint64 kMiB = 1 << 20;
constexpr int kTmpfsMiB = 32;

// Enters a mount namespace (inside a user namespace when not root), where a tmpfs may be
// mounted and vanishes with the process. Before any thread starts.
QString enterMountNamespace()
{
    const uid_t uid = ::geteuid();
    const gid_t gid = ::getegid();
    if (::unshare(uid == 0 ? CLONE_NEWNS : CLONE_NEWUSER | CLONE_NEWNS) != 0)
        return QStringLiteral("unshare: %1").arg(QString::fromLocal8Bit(strerror(errno)));
    if (uid != 0) {
        const auto put = [](const char *file, const QByteArray &text) {
            const int fd = ::open(file, O_WRONLY);
            const bool ok = fd >= 0 && ::write(fd, text.constData(), size_t(text.size())) == text.size();
            if (fd >= 0)
                ::close(fd);
            return ok;
        };
        if (!put("/proc/self/setgroups", "deny") ||
            !put("/proc/self/uid_map", "0 " + QByteArray::number(uid) + " 1") ||
            !put("/proc/self/gid_map", "0 " + QByteArray::number(gid) + " 1"))
            return QStringLiteral("cannot map the user namespace's ids");
    }
    // Mounts made here must not show outside.
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        return QStringLiteral("mount --make-rprivate /: %1").arg(QString::fromLocal8Bit(strerror(errno)));
    return {};
}

QString g_namespaceProblem;

void answerWithThePassword(const BackupSet &, const SecretRequest &,
                           std::function<void(std::optional<SecretAnswer>)> done)
{
    done(SecretAnswer{kPassword});
}

Snapshot version(const QString &set, const QString &host, int day, qint64 added, bool first = false)
{
    Snapshot s;
    s.id = QStringLiteral("%1-%2-%3").arg(set, host).arg(day);
    s.set = set;
    s.host = host;
    s.time = QDateTime(QDate(2026, 1, 1).addDays(day), QTime(12, 0), Qt::UTC);
    s.parent = first ? QString() : QStringLiteral("p");
    s.kind = first ? BackupKind::Full : BackupKind::Incremental;
    s.stats.bytesAdded = added;
    s.stats.files = 100;
    return s;
}

} // namespace

class TestCliSpace final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase() { removeTree(m_tmp.path()); }
    void growthComesFromTheLastRunsOfTheGroup();
    void firstBackupCountsTheSources();
    void backupThatWillNotFitStopsBeforeWriting();
    void diskFullDuringARunFailsCleanly();
    void servicePrunesFirstWhenTheSetHasAPolicy();
    void serviceFailsEarlyWithoutAPolicy();

private:
    RunResult cli(const QStringList &args) { return runCli(args, m_env); }
    QString path(const QString &rel) const { return m_tmp.path() + QLatin1Char('/') + rel; }
    QString onDisk(const QString &rel) const { return m_mount + QLatin1Char('/') + rel; }
    // The repository's files, locks aside (a run takes and drops one).
    QByteArrayList repoFiles(const QString &repo) const;
    RunResult backup(const QString &repo, const QString &src, const QStringList &extra = {})
    {
        return cli(QStringList{QStringLiteral("backup"), QStringLiteral("--repo"), repo} + extra +
                   QStringList{src});
    }
    // check --read-data passes, and the newest version restores identical to `src` (diff -r).
    void verifyLatest(const QString &repo, const QString &src);
    QString addSet(const QString &repo, const QString &src, const RetentionPolicy &policy);
    RunRecord runSet(BackupService &service, QSignalSpy &finished, const QString &id);

    QTemporaryDir m_tmp;
    QString m_mount;
    QProcessEnvironment m_env;
    std::unique_ptr<SetStore> m_store;
    std::unique_ptr<RunLog> m_log;
};

void TestCliSpace::initTestCase()
{
    QVERIFY2(g_namespaceProblem.isEmpty(), qPrintable(g_namespaceProblem));
    QVERIFY(m_tmp.isValid());
    m_env = cliEnvironment(path(QStringLiteral("home")), kPassword);
    m_mount = path(QStringLiteral("small"));
    QVERIFY(QDir().mkpath(m_mount));
}

void TestCliSpace::init()
{
    const QByteArray options = "size=" + QByteArray::number(kTmpfsMiB) + "m,mode=0755";
    QVERIFY2(::mount("tmpfs", QFile::encodeName(m_mount).constData(), "tmpfs", 0, options.constData()) == 0,
             qPrintable(QStringLiteral("mount tmpfs: %1").arg(QString::fromLocal8Bit(strerror(errno)))));
    removeTree(path(QStringLiteral("src")));
    QVERIFY(QDir().mkpath(path(QStringLiteral("src"))));
    m_store = std::make_unique<SetStore>(path(QStringLiteral("sets.json")));
    QFile::remove(path(QStringLiteral("sets.json")));
    QVERIFY(m_store->load().ok());
    QFile::remove(path(QStringLiteral("runs.jsonl")));
    m_log = std::make_unique<RunLog>(path(QStringLiteral("runs.jsonl")));
}

void TestCliSpace::cleanup()
{
    m_store.reset();
    m_log.reset();
    ::umount2(QFile::encodeName(m_mount).constData(), MNT_DETACH);
}

QByteArrayList TestCliSpace::repoFiles(const QString &repo) const
{
    QByteArrayList out;
    for (const QByteArray &f : listTree(QFile::encodeName(repo)))
        if (!f.startsWith("locks"))
            out << f;
    return out;
}

void TestCliSpace::verifyLatest(const QString &repo, const QString &src)
{
    const RunResult check =
        cli({QStringLiteral("check"), QStringLiteral("--repo"), repo, QStringLiteral("--read-data")});
    QVERIFY2(check.exitCode == 0, qPrintable(check.describe()));
    const QString target = path(QStringLiteral("restored"));
    removeTree(target);
    const RunResult restored = cli({QStringLiteral("restore"), QStringLiteral("--repo"), repo,
                                    QStringLiteral("latest"), QStringLiteral("--target"), target});
    QVERIFY2(restored.exitCode == 0, qPrintable(restored.describe()));
    const RunResult d = runProgram(QStringLiteral("diff"),
                                   {QStringLiteral("-r"), src, target + QStringLiteral("/src")}, m_env);
    QVERIFY2(d.exitCode == 0, qPrintable(d.describe()));
    removeTree(target);
}

void TestCliSpace::growthComesFromTheLastRunsOfTheGroup()
{
    const QString set = QStringLiteral("docs");
    const QString host = QStringLiteral("laptop");
    QVERIFY(!estimateGrowth({}, set, host));

    // The first backup alone: nothing is known about growth, only the metadata reserve counts.
    QList<Snapshot> versions{version(set, host, 0, 500 * kMiB, true)};
    const qint64 reserveOnly = *estimateGrowth(versions, set, host);
    QVERIFY(reserveOnly < 2 * kMiB);

    // The largest of the last three runs after it, with a margin.
    versions << version(set, host, 1, 90 * kMiB) << version(set, host, 2, 10 * kMiB)
             << version(set, host, 3, 20 * kMiB) << version(set, host, 4, 30 * kMiB);
    const qint64 growth = *estimateGrowth(versions, set, host);
    QVERIFY2(growth >= 36 * kMiB && growth < 38 * kMiB, qPrintable(QString::number(growth)));

    // Other sets, other hosts and safety versions do not count; neither does the order they
    // are listed in.
    Snapshot safety = version(set, host, 5, 900 * kMiB);
    safety.kind = BackupKind::Safety;
    QList<Snapshot> mixed = versions;
    mixed << version(QStringLiteral("photos"), host, 6, 800 * kMiB)
          << version(set, QStringLiteral("desk"), 6, 700 * kMiB) << safety;
    std::reverse(mixed.begin(), mixed.end());
    QCOMPARE(*estimateGrowth(mixed, set, host), growth);

    // After a forget the oldest version left had a parent: its growth counts.
    const QList<Snapshot> afterForget{version(set, host, 7, 50 * kMiB)};
    QVERIFY(*estimateGrowth(afterForget, set, host) >= 60 * kMiB);

    // Against the free space.
    auto fits = estimateBackupSpace(versions, 40 * kMiB, SpaceQuery{set, host, {}, {}, false});
    QVERIFY(fits.ok());
    QVERIFY(!fits->isShort());
    auto tight = estimateBackupSpace(versions, 30 * kMiB, SpaceQuery{set, host, {}, {}, false});
    QVERIFY(tight.ok());
    QVERIFY(tight->isShort());
    QCOMPARE(tight->basis, SpaceEstimate::Basis::Growth);
    const QString message = tight->message(QStringLiteral("/media/usb/backups"));
    QVERIFY2(message.contains(QStringLiteral("/media/usb/backups")) &&
                 message.contains(QStringLiteral("37.0 MiB")) &&
                 message.contains(QStringLiteral("30.0 MiB are free")),
             qPrintable(message));
    // A destination that cannot tell is never short.
    auto unknown = estimateBackupSpace(versions, std::nullopt, SpaceQuery{set, host, {}, {}, false});
    QVERIFY(unknown.ok());
    QVERIFY(!unknown->isShort());
}

void TestCliSpace::firstBackupCountsTheSources()
{
    const QByteArray src = QFile::encodeName(path(QStringLiteral("src")));
    for (const char *folder : {"/sub", "/skip", "/cache"})
        QVERIFY(QDir().mkpath(QFile::decodeName(src + folder)));
    QVERIFY(writeRandomFile(src + "/a", 3 * kMiB, 1));
    QVERIFY(writeRandomFile(src + "/sub/b", 2 * kMiB, 2));
    QVERIFY(::link(QByteArray(src + "/a").constData(), QByteArray(src + "/a-again").constData()) ==
            0); // counted once
    QVERIFY(writeRandomFile(src + "/skip/huge", 8 * kMiB, 3));
    QVERIFY(writeRandomFile(src + "/cache/big", 8 * kMiB, 4));
    QVERIFY(writeFile(src + "/cache/CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"));

    SpaceQuery query{QStringLiteral("s"), QStringLiteral("h"), {src}, {}, false};
    QVERIFY(query.excludes.addPattern(QStringLiteral("skip/")).ok());
    // Free space smaller than the source file system's used space: the files are counted.
    auto counted = estimateBackupSpace({}, 100 * kMiB, query);
    QVERIFY(counted.ok());
    QCOMPARE(counted->basis, SpaceEstimate::Basis::SourceSize);
    QVERIFY2(counted->needed >= 5 * kMiB && counted->needed < 7 * kMiB,
             qPrintable(QString::number(counted->needed)));
    QVERIFY(!counted->isShort());
    QVERIFY(!counted->atLeast);
    // Less free than the files: short, and the count stopped once that was clear.
    auto shortOf = estimateBackupSpace({}, 4 * kMiB, query);
    QVERIFY(shortOf.ok());
    QVERIFY(shortOf->isShort());
    QVERIFY(shortOf->atLeast);
    QVERIFY(shortOf->message(QStringLiteral("/r")).contains(QStringLiteral("more than")));
    // Plenty free: the used space of the source's file system bounds it without a walk.
    auto bounded = estimateBackupSpace({}, std::numeric_limits<qint64>::max() / 4, query);
    QVERIFY(bounded.ok());
    QCOMPARE(bounded->basis, SpaceEstimate::Basis::SourceUsed);
    QVERIFY(!bounded->isShort());
}

void TestCliSpace::backupThatWillNotFitStopsBeforeWriting()
{
    const QString repo = onDisk(QStringLiteral("repo"));
    QString error;
    QVERIFY2(initSmallRepository(repo, kPassword, &error), qPrintable(error));
    const QString src = path(QStringLiteral("src"));
    QVERIFY(writeRandomFile(QFile::encodeName(src + QStringLiteral("/big")), 40 * kMiB, 7));
    const QByteArrayList before = repoFiles(repo);

    const RunResult r = backup(repo, src);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.text().contains(QStringLiteral("Not enough free space in %1").arg(repo)) &&
                 r.text().contains(QStringLiteral("the size of the files to back up")) &&
                 r.text().contains(QStringLiteral("are free")),
             qPrintable(r.describe()));
    QVERIFY2(!r.text().contains(QStringLiteral("the destination is full")), qPrintable(r.describe()));
    QCOMPARE(repoFiles(repo), before); // nothing written
    const RunResult check = cli({QStringLiteral("check"), QStringLiteral("--repo"), repo});
    QVERIFY2(check.exitCode == 0, qPrintable(check.describe()));
}

void TestCliSpace::diskFullDuringARunFailsCleanly()
{
    const QString repo = onDisk(QStringLiteral("repo"));
    QString error;
    QVERIFY2(initSmallRepository(repo, kPassword, &error), qPrintable(error));
    const QByteArray filler = QFile::encodeName(onDisk(QStringLiteral("filler")));
    QVERIFY(writeRandomFile(filler, 20 * kMiB, 9)); // someone else's files on the same disk
    const QString src = path(QStringLiteral("src"));
    QVERIFY(writeRandomFile(QFile::encodeName(src + QStringLiteral("/small")), 512 << 10, 10));
    const RunResult first = backup(repo, src);
    QVERIFY2(first.exitCode == 0, qPrintable(first.describe()));

    // The estimate (no growth known yet) lets the run start; the new data does not fit.
    QVERIFY(writeRandomFile(QFile::encodeName(src + QStringLiteral("/new")), 16 * kMiB, 11));
    const RunResult full = backup(repo, src);
    QCOMPARE(full.exitCode, 1);
    QVERIFY2(full.text().contains(QStringLiteral("the destination is full")), qPrintable(full.describe()));
    QVERIFY2(leftoverTemporaries(repo).isEmpty(), qPrintable(leftoverTemporaries(repo).join(u' ')));
    const RunResult check =
        cli({QStringLiteral("check"), QStringLiteral("--repo"), repo, QStringLiteral("--read-data")});
    QVERIFY2(check.exitCode == 0, qPrintable(check.describe()));

    // Space is freed; the next run succeeds, and what it saved restores whole.
    QVERIFY(::unlink(filler.constData()) == 0);
    const RunResult again = backup(repo, src);
    QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
    verifyLatest(repo, src);
}

QString TestCliSpace::addSet(const QString &repo, const QString &src, const RetentionPolicy &policy)
{
    BackupSet set;
    set.name = QStringLiteral("docs");
    set.sources = {src};
    set.repository = repo;
    set.passwordStorage = PasswordStorage::AskEachTime;
    set.retention = policy;
    set.autoPrune = true;
    auto id = m_store->add(set);
    return id.ok() ? *id : QString();
}

RunRecord TestCliSpace::runSet(BackupService &service, QSignalSpy &finished, const QString &id)
{
    const qsizetype count = finished.size() + 1;
    if (!service.backUpNow(id) || !QTest::qWaitFor([&] { return finished.size() >= count; }, 120000))
        return {};
    return finished.at(count - 1).at(0).value<RunRecord>();
}

void TestCliSpace::servicePrunesFirstWhenTheSetHasAPolicy()
{
    const QString repo = onDisk(QStringLiteral("repo"));
    QString error;
    QVERIFY2(initSmallRepository(repo, kPassword, &error), qPrintable(error));
    const QString src = path(QStringLiteral("src"));
    const QByteArray file = QFile::encodeName(src + QStringLiteral("/data"));
    RetentionPolicy keepOne;
    keepOne.keepLast = 1;
    const QString id = addSet(repo, src, keepOne);
    QVERIFY(!id.isEmpty());
    BackupService service(*m_store, *m_log);
    service.setPasswordPrompt(answerWithThePassword);
    QSignalSpy finished(&service, &BackupService::runFinished);

    // Two runs of 10 MiB each: the second forgets the first, but the daily prune already ran
    // after the first, so its data stays until the next prune.
    QVERIFY(writeRandomFile(file, 10 * kMiB, 21));
    RunRecord r = runSet(service, finished, id);
    QVERIFY2(r.outcome == RunRecord::Outcome::Succeeded, qPrintable(r.message));
    QVERIFY(r.retention.pruned);
    QVERIFY(writeRandomFile(file, 10 * kMiB, 22));
    r = runSet(service, finished, id);
    QVERIFY2(r.outcome == RunRecord::Outcome::Succeeded, qPrintable(r.message));
    QCOMPARE(r.retention.forgotten, 1);
    QVERIFY(!r.retention.pruned);

    // The third needs about 12 MiB with about 11 free: the service prunes first, and it fits.
    QVERIFY(writeRandomFile(file, 10 * kMiB, 23));
    r = runSet(service, finished, id);
    QVERIFY2(r.outcome == RunRecord::Outcome::Succeeded, qPrintable(r.message));
    QVERIFY(r.retention.ran);
    QVERIFY(r.retention.pruned);
    QVERIFY2(r.retention.bytesFreed >= 9 * kMiB, qPrintable(QString::number(r.retention.bytesFreed)));
    QCOMPARE(r.retention.forgotten, 1); // the second version, after the run

    verifyLatest(repo, src);
}

void TestCliSpace::serviceFailsEarlyWithoutAPolicy()
{
    const QString repo = onDisk(QStringLiteral("repo"));
    QString error;
    QVERIFY2(initSmallRepository(repo, kPassword, &error), qPrintable(error));
    const QString src = path(QStringLiteral("src"));
    const QByteArray file = QFile::encodeName(src + QStringLiteral("/data"));
    const QString id = addSet(repo, src, RetentionPolicy{});
    QVERIFY(!id.isEmpty());
    BackupService service(*m_store, *m_log);
    service.setPasswordPrompt(answerWithThePassword);
    QSignalSpy finished(&service, &BackupService::runFinished);
    for (int i = 0; i < 2; ++i) {
        QVERIFY(writeRandomFile(file, 10 * kMiB, 31 + i));
        const RunRecord r = runSet(service, finished, id);
        QVERIFY2(r.outcome == RunRecord::Outcome::Succeeded, qPrintable(r.message));
        QVERIFY(!r.retention.ran);
    }
    QVERIFY(writeRandomFile(file, 10 * kMiB, 33));
    const QByteArrayList before = repoFiles(repo);
    const RunRecord r = runSet(service, finished, id);
    QCOMPARE(r.outcome, RunRecord::Outcome::Failed);
    QVERIFY2(r.message.contains(QStringLiteral("Not enough free space in %1").arg(repo)) &&
                 r.message.contains(QStringLiteral("what the last backups added")),
             qPrintable(r.message));
    QVERIFY(!r.retention.ran);
    QCOMPARE(repoFiles(repo), before);
}

int main(int argc, char **argv)
{
    g_namespaceProblem = enterMountNamespace();
    QCoreApplication app(argc, argv);
    TestCliSpace test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_cli_space.moc"
