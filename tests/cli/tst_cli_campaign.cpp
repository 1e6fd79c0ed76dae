// The kill campaign ("Nothing lost, nothing trusted"): SIGKILLs at random moments of four
// operations, each on a repository of its own (a "lab"):
//  - backup of a tree that changes between runs and has files being modified while it runs;
//  - in-place restore of an older version over a changed tree, which takes a safety version
//    first; half of these runs fail on purpose after some files (STRATA_TEST_FAIL_RESTORE_AFTER)
//    and roll back, so kills land in rollbacks too;
//  - repair index after index files were deleted, cut short or damaged, or a pack's header was;
//  - prune after a backup that replaced data and a forget of the oldest versions, repacking
//    every partly used pack in half of the runs (--max-unused 0) and the default share in the rest.
// Each kill lands at a uniformly random time within the measured duration (the median of
// three unkilled runs) of the same operation: half of them timed from the process's start,
// half from the moment its lock appears, as most of a short run is the process starting.
// After each kill: check passes (--read-data every tenth kill of a lab); every version that
// existed before restores into a temporary folder identical to its manifest; an interrupted
// in-place restore has left, at every path, the old entry or the restored one and no stray
// file (but the temporaries of killedRestoreLeavesNoTemporaries, which are counted); and the
// next unkilled run of the same operation succeeds (an in-place restore run again gives
// exactly the target version).
//
// A killed repair that had not yet replaced the index leaves the damage it was to repair: there
// check must report no problem the damage did not already cause, and the versions must restore
// once the next repair has run.
//
// Labs start over from a saved copy every kEpisode kills, so the versions to restore after each
// kill stay few while the campaign grows. STRATA_CAMPAIGN_KILLS sets the number of kills
// (default 100: about 3 minutes on 2 cores), STRATA_CAMPAIGN_OPS (backup,restore,repair,prune)
// limits the kills to some operations, and STRATA_CAMPAIGN_SEED replays the data, the choices
// and the kill times of a run (where a kill lands still depends on the machine).
#include "Manifest.h"
#include "TestUtil.h"

#include "engine/RestoreWalk.h"
#include "repo/Repository.h"
#include "storage/LocalBackend.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <map>
#include <random>
#include <thread>

using namespace strata;
using namespace strata::test;

namespace {

constexpr int kEpisode = 4;        // kills of one lab before it starts over from its saved copy
constexpr int kReadDataEvery = 10; // check --read-data after every so many kills of a lab
constexpr int kVerifyInParallel = 2;
const QString kPassword = QStringLiteral("campaign-pw");

enum class Op
{
    Backup,
    Restore,
    Repair,
    Prune
};

QString opName(Op op)
{
    switch (op) {
    case Op::Backup:
        return QStringLiteral("backup");
    case Op::Restore:
        return QStringLiteral("restore in place");
    case Op::Repair:
        return QStringLiteral("repair index");
    case Op::Prune:
        return QStringLiteral("prune");
    }
    return {};
}

using Rng = std::mt19937_64;

qint64 uniform(Rng &rng, qint64 lo, qint64 hi) // [lo, hi]
{
    return std::uniform_int_distribution<qint64>(lo, hi)(rng);
}

qint64 median(std::vector<qint64> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

QString joined(const std::vector<qint64> &values)
{
    QStringList out;
    for (const qint64 v : values)
        out << QString::number(v);
    return out.join(QLatin1Char(' '));
}

bool chance(Rng &rng, double p)
{
    return std::bernoulli_distribution(p)(rng);
}

QByteArray enc(const QString &path)
{
    return QFile::encodeName(path);
}

// ---- data sets ------------------------------------------------------------------------------

// Content for the trees: random, text that compresses, and files built from a pool of shared
// blocks, so that the same chunks recur across files and versions.
class Content
{
public:
    explicit Content(Rng &rng) : m_rng(rng)
    {
        for (int i = 0; i < 8; ++i)
            m_shared << pseudoRandomBytes(32 << 10, m_rng());
    }
    QByteArray random(qint64 size) { return pseudoRandomBytes(size, m_rng()); }
    QByteArray text(qint64 size)
    {
        QByteArray t;
        const quint64 salt = m_rng() % 1000;
        for (int i = 0; t.size() < size; ++i)
            t += "line " + QByteArray::number(i) + " of record " + QByteArray::number(salt) +
                 ", a compressible row of text\n";
        t.truncate(size);
        return t;
    }
    QByteArray shared()
    {
        QByteArray t;
        const int blocks = int(uniform(m_rng, 1, 3));
        for (int i = 0; i < blocks; ++i)
            t += m_shared[int(uniform(m_rng, 0, m_shared.size() - 1))];
        return t + random(uniform(m_rng, 0, 8000));
    }
    QByteArray any()
    {
        const qint64 kind = uniform(m_rng, 0, 99);
        if (kind < 55)
            return random(uniform(m_rng, 0, 12 << 10));
        if (kind < 77)
            return text(uniform(m_rng, 100, 24 << 10));
        if (kind < 88)
            return random(uniform(m_rng, 32 << 10, 96 << 10));
        return shared();
    }

private:
    Rng &m_rng;
    QByteArrayList m_shared;
};

bool writeWithMode(const QByteArray &path, const QByteArray &content, int mode)
{
    ::unlink(path.constData()); // a symlink in the way is replaced, not followed
    return writeFile(path, content, mode);
}

// About dirs x perDir files: nested folders, an empty file and folder, symlinks, copies.
bool buildTree(const QByteArray &root, Content &content, int dirs, int perDir)
{
    if (!QDir().mkpath(QFile::decodeName(root + "/empty-folder")))
        return false;
    if (!writeFile(root + "/empty.txt", {}))
        return false;
    for (int d = 0; d < dirs; ++d) {
        const QByteArray dir = root + "/d" + QByteArray::number(d);
        if (!QDir().mkpath(QFile::decodeName(dir + "/inner/deeper")))
            return false;
        for (int i = 0; i < perDir; ++i) {
            const QByteArray sub = i % 5 == 0 ? "/inner/deeper" : i % 3 == 0 ? "/inner" : "";
            const int mode = i % 11 == 0 ? 0600 : i % 13 == 0 ? 0755 : 0644;
            if (!writeFile(dir + sub + "/f" + QByteArray::number(i) + ".dat", content.any(), mode))
                return false;
        }
        const QByteArray copy = content.shared();
        for (const char *name : {"/copy-a.bin", "/inner/copy-b.bin"})
            if (!writeFile(dir + name, copy))
                return false;
        if (::symlink("f1.dat", QByteArray(dir + "/link-to-f1").constData()) != 0 ||
            ::symlink("../no/such/file", QByteArray(dir + "/dangling").constData()) != 0)
            return false;
    }
    return true;
}

// Regular files below root (relative paths), sorted: what the mutations pick from.
QByteArrayList regularFiles(const QByteArray &root)
{
    QByteArrayList out;
    struct stat st;
    for (const QByteArray &path : listTree(root))
        if (!path.startsWith("hot/") && ::lstat(QByteArray(root + '/' + path).constData(), &st) == 0 &&
            S_ISREG(st.st_mode))
            out << path;
    return out;
}

// Changes a tree the way a user does between backups: rewrites, edits in the middle, appends,
// removals, new files, a mode, a symlink's target, now and then a whole new or removed folder.
void mutateTree(const QByteArray &root, Rng &rng, Content &content, int changes)
{
    QByteArrayList files = regularFiles(root);
    auto pick = [&]() -> QByteArray {
        return files.isEmpty() ? QByteArray() : files[int(uniform(rng, 0, files.size() - 1))];
    };
    for (int i = 0; i < changes; ++i) {
        const QByteArray rel = pick();
        if (rel.isEmpty())
            break;
        const QByteArray path = root + '/' + rel;
        switch (uniform(rng, 0, 9)) {
        case 0:
        case 1:
        case 2: // rewritten
            writeWithMode(path, content.any(), 0644);
            break;
        case 3:
        case 4: { // edited in the middle
            struct stat st;
            if (::stat(path.constData(), &st) == 0 && st.st_size > 0)
                overwriteAt(path, uniform(rng, 0, st.st_size - 1), content.random(uniform(rng, 1, 8192)));
            break;
        }
        case 5: { // appended to
            const QByteArray more = content.random(uniform(rng, 1, 30000));
            const int fd = ::open(path.constData(), O_WRONLY | O_APPEND | O_CLOEXEC);
            if (fd >= 0) {
                (void)!::write(fd, more.constData(), size_t(more.size()));
                ::close(fd);
            }
            break;
        }
        case 6: // removed
            ::unlink(path.constData());
            files.removeOne(rel);
            break;
        case 7: { // a new file beside it
            const QByteArray fresh = path + ".new" + QByteArray::number(rng() % 100000);
            writeFile(fresh, content.any());
            break;
        }
        case 8: // a mode
            ::chmod(path.constData(), chance(rng, 0.5) ? 0600 : 0640);
            break;
        case 9: { // a symlink's target, or a new folder, or a folder gone
            const qint64 what = uniform(rng, 0, 2);
            const QByteArray dir = root + "/d" + QByteArray::number(uniform(rng, 0, 9));
            if (what == 0) {
                ::unlink(QByteArray(dir + "/link-to-f1").constData());
                (void)::symlink(QByteArray("f" + QByteArray::number(uniform(rng, 0, 9)) + ".dat").constData(),
                                QByteArray(dir + "/link-to-f1").constData());
            } else if (what == 1) {
                const QByteArray fresh = dir + "/added-" + QByteArray::number(rng() % 100000);
                if (QDir().mkpath(QFile::decodeName(fresh)))
                    for (int k = 0; k < 4; ++k)
                        writeFile(fresh + "/g" + QByteArray::number(k), content.any());
            } else {
                removeTree(QFile::decodeName(dir + "/inner/deeper"));
                files = regularFiles(root);
            }
            break;
        }
        }
    }
}

// Rewrites parts of the files under `dir` in place until told to stop: files being modified
// while a backup reads them.
class Modifier final
{
public:
    Modifier(const QByteArray &dir, quint64 seed) : m_dir(dir), m_seed(seed) {}
    ~Modifier() { stop(); }
    void start()
    {
        m_stop = false;
        m_thread = std::thread([this] { loop(); });
    }
    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    int writes() const { return m_writes; }

private:
    void loop()
    {
        Rng rng(m_seed);
        while (!m_stop) {
            const QByteArray path = m_dir + "/h" + QByteArray::number(uniform(rng, 0, 4));
            struct stat st;
            if (::stat(path.constData(), &st) == 0 && st.st_size > 4096)
                overwriteAt(path, uniform(rng, 0, st.st_size - 4096), pseudoRandomBytes(4096, rng()));
            ++m_writes;
            std::this_thread::sleep_for(std::chrono::microseconds(700));
        }
    }
    QByteArray m_dir;
    quint64 m_seed;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_writes{0};
    std::thread m_thread;
};

// ---- the repository from outside -----------------------------------------------------------

// The files of a repository by kind, temporaries included, to see where a kill landed.
struct RepoFiles
{
    QSet<QString> locks, packs, packTemps, index, snapshots;
};

RepoFiles repoFiles(const QString &repo)
{
    RepoFiles f;
    const auto names = [&](const QString &sub) {
        QSet<QString> s;
        for (const QString &n : treeFiles(repo + QLatin1Char('/') + sub))
            s.insert(n);
        return s;
    };
    f.locks = names(QStringLiteral("locks"));
    f.index = names(QStringLiteral("index"));
    f.snapshots = names(QStringLiteral("snapshots"));
    for (const QString &n : names(QStringLiteral("data"))) {
        if (n.section(QLatin1Char('/'), -1).startsWith(QLatin1String(".tmp-")))
            f.packTemps.insert(n);
        else
            f.packs.insert(n);
    }
    return f;
}

// What a restore killed while writing a file leaves beside it: the temporary the replacement
// (or a replacing link) was being written under, RestoreJournal's ".strata-restore-" name. The
// next restore removes them (killedRestoreLeavesNoTemporaries); the campaign counts them and,
// with STRATA_CAMPAIGN_STRICT_TEMPORARIES=1, fails on them right after the kill too.
bool knownTemporary(const QByteArray &path)
{
    static const QRegularExpression pattern(QStringLiteral("(^|/)\\.strata-restore-[A-Za-z0-9]{12}$"));
    return pattern.match(QString::fromUtf8(path)).hasMatch();
}

bool isTemp(const QString &name)
{
    return name.section(QLatin1Char('/'), -1).startsWith(QLatin1String(".tmp-"));
}

QSet<QString> finished(const QSet<QString> &names)
{
    QSet<QString> out;
    for (const QString &n : names)
        if (!isTemp(n))
            out.insert(n);
    return out;
}

struct KilledRun
{
    bool killed = false; // false: it had ended before its kill time
    qint64 killAtMs = 0;
    RunResult result;
    QString lastPhase;      // the last progress phase of --json, if any
    qint64 lockSeenMs = -1; // when its lock appeared (with a lockRepo), -1: not seen
};

// A version the lab holds and what restoring it must give.
struct Version
{
    QString id;
    QByteArray under;       // where its tree appears below a --target folder
    Manifest reference;     // relative to `under`
    bool filesOnly = false; // a safety version: its folders are only those on the way to its files
    QString what;           // for messages: which run made it
    bool verified = false;  // restored and compared at least once
};

struct Lab
{
    QString name;
    QString repo;
    QString saved; // the repository as the lab starts over
    std::vector<Version> versions, savedVersions;
    int killsThisEpisode = 0;
};

struct Tally
{
    int runs = 0;       // runs started with a kill time
    int landed = 0;     // killed while running
    int endedFirst = 0; // had ended before the kill time
    int failures = 0;   // invariants that failed
    int verified = 0;   // version restores compared with their manifests
    int readDataChecks = 0;
    std::map<QString, int> where;
    std::map<QString, int> variants;          // what was run: failing restores, kinds of damage
    qint64 ms = 0;                            // spent on this operation's kills, checks included
    qint64 verifyMs = 0;                      // of which restoring versions to compare them
    int temporaries = 0;                      // temporaries killed restores left (see knownTemporary)
    qint64 unkilledMs = 0;                    // the measured duration
    qint64 unkilledMs2 = 0;                   // of the second variant (rollback, --read-data)
    qint64 afterLockMs = 0, afterLockMs2 = 0; // from the lock to the end
    int fromLock = 0;                         // kills timed from the lock rather than the start
};

} // namespace

class TestCliCampaign final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase()
    {
        removeTree(m_tmp.path());
        if (m_verifyDir)
            removeTree(m_verifyDir->path());
    }
    void manifestTellsOldNewAndMixed();
    void killedRestoreLeavesNoTemporaries();
    void killedRepairKeepsWhatADamagedPackHolds();
    void repairFindsBlobsOfADamagedPackThatAreAlsoElsewhere();
    void repairRemovesADamagedPackOnlyOnceNoIndexNamesIt();
    void campaign();

private:
    // -- running
    RunResult cli(const QStringList &args, const QProcessEnvironment &env) { return runCli(args, env); }
    RunResult cli(const QStringList &args) { return runCli(args, m_env); }
    // Runs strata-cli and kills it `killAtMs` after its start or, with `lockRepo`, after its lock
    // appears in that repository: the start of its work, where the time before is mostly the
    // process starting. Records when the lock appeared either way.
    KilledRun runKilled(const QStringList &args, const QProcessEnvironment &env, qint64 killAtMs,
                        const QString &lockRepo = {});
    // Draws a kill time for `op`: half of them from the start, half from the lock.
    qint64 drawKillTime(Op op, bool second, bool *fromLock);
    // The medians of measured runs: from the start and from the lock to the end.
    void setMeasured(Op op, bool second, const std::vector<KilledRun> &runs);
    QString path(const QString &rel) const { return m_tmp.path() + QLatin1Char('/') + rel; }
    QString verifyTarget() { return m_verifyDir->path() + QStringLiteral("/%1").arg(++m_verifyFolder); }
    bool initRepo(const QString &repo, QString *error);
    // Ids and paths of the versions in the repository, oldest first.
    QList<QPair<QString, QStringList>> listVersions(const QString &repo);

    // -- invariants
    void fail(Op op, const QString &message);
    bool expect(bool ok, Op op, const QString &message)
    {
        if (!ok)
            fail(op, message);
        return ok;
    }
    // check (exit 0), with --read-data every kReadDataEvery-th call for the lab.
    bool checkPasses(Lab &lab, Op op, const QString &when);
    // Restores each version into a temporary folder and compares it with its manifest.
    bool versionsRestore(Lab &lab, Op op, const std::vector<Version> &versions, const QString &when);
    // Restores `id` into a fresh folder and returns the manifest of what appeared under `under`.
    Manifest restoredManifest(const QString &repo, const QString &id, const QByteArray &under,
                              QString *error);
    // Starts the lab over from its saved copy every kEpisode kills, once the versions not yet
    // compared with their manifests have been.
    void startEpisodeIfDue(Lab &lab, Op op);
    // Restores and compares the versions of the lab that have not been yet.
    void verifyPending(Lab &lab, Op op, const QString &when)
    {
        std::vector<Version> pending;
        for (const Version &v : lab.versions)
            if (!v.verified)
                pending.push_back(v);
        versionsRestore(lab, op, pending, when);
    }
    void saveLab(Lab &lab);

    // -- the three operations
    void setUpBackupLab();
    void setUpRestoreLab();
    void setUpRepairLab();
    void backupIteration();
    // New content for one or two of the three files in bulk/: each backup has a few packs of
    // new data to write, so kills land inside them, while the tree keeps its size.
    void replaceBulk()
    {
        for (qint64 i = 0, n = uniform(m_rng, 1, 2); i < n; ++i)
            QVERIFY(writeWithMode(m_backupSource + "/bulk/b" + QByteArray::number(uniform(m_rng, 0, 2)),
                                  m_content->random(uniform(m_rng, 512 << 10, 2 << 20)), 0644));
    }
    void restoreIteration();
    // The in-place restore of the older version over the changed tree. --conflict overwrite:
    // if-changed trusts size and mtime, and leaves a file whose mode alone changed as it is.
    QStringList restoreArgs(const QString &repo = {}) const
    {
        return {QStringLiteral("restore"),
                QStringLiteral("--repo"),
                repo.isEmpty() ? m_restore.repo : repo,
                m_olderVersion,
                QStringLiteral("--conflict"),
                QStringLiteral("overwrite"),
                QStringLiteral("--json")};
    }
    void repairIteration();
    // Adds the versions in the repository the lab does not know yet, with `reference` giving
    // each one's manifest; returns how many.
    int adoptNewVersions(Lab &lab, Op op,
                         const std::function<bool(Version &, const QStringList &)> &reference);
    // What a version of the restore lab holds: the entries of `onDisk` at its paths.
    bool safetyReference(Version &v, const QStringList &paths, const Manifest &onDisk);
    void damageIndex(Lab &lab, QString *what);
    void setUpPruneLab();
    void pruneIteration();
    // A backup of the prune lab's source after new data replaced some, and a forget that keeps
    // the last 2 to 4 versions: afterwards prune has packs to delete and to repack.
    bool preparePrune(Lab &lab, Op op, const QString &why);

    void printSummary(qint64 wallMs);

    QTemporaryDir m_tmp;
    // Where versions are restored to be compared: memory when there is some (/dev/shm), as
    // nothing there needs to survive the comparison.
    std::unique_ptr<QTemporaryDir> m_verifyDir;
    QProcessEnvironment m_env;
    quint64 m_seed = 0;
    int m_kills = 100;
    std::vector<Op> m_ops{Op::Backup, Op::Restore, Op::Repair, Op::Prune}; // the ones killed
    Rng m_rng;
    std::unique_ptr<Content> m_content;
    int m_iteration = 0; // the kill being run, over all operations
    QStringList m_failures;
    std::map<Op, Tally> m_tally;

    // backup
    Lab m_backup;
    QByteArray m_backupSource;
    // restore in place
    Lab m_restore;
    QByteArray m_place;        // where the versions were taken: the in-place restore's target
    QByteArray m_placeChanged; // the changed tree, kept to put back before each run
    QString m_olderVersion;    // the version restored over the changed tree
    Manifest m_changed;        // the changed tree (old state)
    Manifest m_restored;       // what an unkilled restore leaves (new state)
    qint64 m_overwrites = 0;   // files an unkilled restore replaces
    // repair
    Lab m_repair;
    QByteArray m_repairSource;
    // prune
    Lab m_prune;
    QByteArray m_pruneSource;
    int m_verifyFolder = 0;
};

// ---- running ----------------------------------------------------------------------------------

KilledRun TestCliCampaign::runKilled(const QStringList &args, const QProcessEnvironment &env, qint64 killAtMs,
                                     const QString &lockRepo)
{
    const QSet<QString> locksBefore =
        lockRepo.isEmpty() ? QSet<QString>() : finished(repoFiles(lockRepo).locks);
    KilledRun k;
    k.killAtMs = killAtMs;
    QProcess p;
    p.setProcessEnvironment(env);
    QElapsedTimer clock;
    clock.start();
    p.start(cliPath(), args);
    p.closeWriteChannel();
    if (!p.waitForStarted(10000)) {
        k.result.err = "could not start strata-cli";
        return k;
    }
    bool ended = false;
    if (!lockRepo.isEmpty()) {
        // Watch for the lock; once it is there, time the kill from it.
        while (!ended) {
            const qint64 now = clock.elapsed();
            if (k.lockSeenMs < 0 && !(finished(repoFiles(lockRepo).locks) - locksBefore).isEmpty())
                k.lockSeenMs = now;
            if (k.lockSeenMs >= 0 && now >= k.lockSeenMs + killAtMs)
                break;
            const qint64 wait = k.lockSeenMs < 0 ? 1 : k.lockSeenMs + killAtMs - now;
            ended = p.waitForFinished(int(std::min<qint64>(wait, 1 << 30)));
        }
    } else {
        const qint64 left = killAtMs - clock.elapsed();
        ended = left > 0 && p.waitForFinished(int(left));
    }
    if (!ended && p.state() == QProcess::Running) {
        ::kill(pid_t(p.processId()), SIGKILL);
        k.killed = true;
    }
    if (p.state() != QProcess::NotRunning)
        p.waitForFinished(60000);
    k.result.elapsedMs = clock.elapsed();
    k.result.out = p.readAllStandardOutput();
    k.result.err = p.readAllStandardError();
    k.result.crashed = p.exitStatus() == QProcess::CrashExit;
    k.result.exitCode = k.result.crashed ? -1 : p.exitCode();
    for (const QJsonObject &o : jsonLines(k.result.out))
        if (o.value(QStringLiteral("type")).toString() == QStringLiteral("progress"))
            k.lastPhase = o.value(QStringLiteral("phase")).toString();
    return k;
}

qint64 TestCliCampaign::drawKillTime(Op op, bool second, bool *fromLock)
{
    Tally &t = m_tally[op];
    *fromLock = chance(m_rng, 0.5);
    if (*fromLock)
        t.fromLock++;
    const qint64 span =
        *fromLock ? (second ? t.afterLockMs2 : t.afterLockMs) : (second ? t.unkilledMs2 : t.unkilledMs);
    return uniform(m_rng, 0, span);
}

void TestCliCampaign::setMeasured(Op op, bool second, const std::vector<KilledRun> &runs)
{
    std::vector<qint64> total, afterLock;
    for (const KilledRun &k : runs) {
        total.push_back(k.result.elapsedMs);
        afterLock.push_back(k.lockSeenMs < 0 ? 0 : k.result.elapsedMs - k.lockSeenMs);
    }
    Tally &t = m_tally[op];
    (second ? t.unkilledMs2 : t.unkilledMs) = median(total);
    (second ? t.afterLockMs2 : t.afterLockMs) = median(afterLock);
    qInfo("  %s%s: unkilled runs took %s ms, %s ms of it after the lock; kills are drawn within %lld and "
          "%lld ms",
          qPrintable(opName(op)),
          second ? (op == Op::Restore ? " (failing, rolling back)"
                    : op == Op::Prune ? " (--max-unused 0)"
                                      : " (--read-data)")
                 : "",
          qPrintable(joined(total)), qPrintable(joined(afterLock)), median(total), median(afterLock));
}

bool TestCliCampaign::initRepo(const QString &repo, QString *error)
{
    return initSmallRepository(repo, kPassword, error);
}

QList<QPair<QString, QStringList>> TestCliCampaign::listVersions(const QString &repo)
{
    QList<QPair<QString, QStringList>> out;
    const RunResult r =
        cli({QStringLiteral("snapshots"), QStringLiteral("--repo"), repo, QStringLiteral("--json")});
    for (const QJsonObject &o : jsonLines(r.out)) {
        QStringList paths;
        for (const QJsonValue &p : o.value(QStringLiteral("paths")).toArray())
            paths << p.toString();
        const QString id = o.value(QStringLiteral("id")).toString();
        if (!id.isEmpty())
            out.append({id, paths});
    }
    return out;
}

// ---- invariants -------------------------------------------------------------------------------

void TestCliCampaign::fail(Op op, const QString &message)
{
    m_tally[op].failures++;
    const QString line = QStringLiteral("seed %1, run %2 (%3, run %4 of it): %5")
                             .arg(m_seed)
                             .arg(m_iteration)
                             .arg(opName(op))
                             .arg(m_tally[op].runs)
                             .arg(message);
    qWarning("%s", qPrintable(line.left(4000)));
    m_failures << line.left(4000);
}

bool TestCliCampaign::checkPasses(Lab &lab, Op op, const QString &when)
{
    QStringList args{QStringLiteral("check"), QStringLiteral("--repo"), lab.repo};
    const bool readData = m_tally[op].runs % kReadDataEvery == 0;
    if (readData) {
        args << QStringLiteral("--read-data");
        m_tally[op].readDataChecks++;
    }
    const RunResult r = cli(args);
    return expect(r.exitCode == 0, op,
                  QStringLiteral("check%1 %2: expected exit 0, got %3")
                      .arg(readData ? QStringLiteral(" --read-data") : QString(), when, r.describe()));
}

Manifest TestCliCampaign::restoredManifest(const QString &repo, const QString &id, const QByteArray &under,
                                           QString *error)
{
    const QString target = verifyTarget();
    const RunResult r = cli(
        {QStringLiteral("restore"), QStringLiteral("--repo"), repo, id, QStringLiteral("--target"), target});
    Manifest m;
    if (r.exitCode != 0)
        *error = QStringLiteral("restore of %1 exited with %2").arg(id.left(8), r.describe());
    else
        m = makeManifest(under.isEmpty() ? enc(target) : enc(target) + '/' + under, error);
    removeTree(target);
    return m;
}

bool TestCliCampaign::versionsRestore(Lab &lab, Op op, const std::vector<Version> &versions,
                                      const QString &when)
{
    bool ok = true;
    QElapsedTimer clock;
    clock.start();
    // Restores run kVerifyInParallel at a time: they only read the repository.
    for (std::size_t first = 0; first < versions.size(); first += kVerifyInParallel) {
        std::vector<std::unique_ptr<QProcess>> running;
        std::vector<QString> targets;
        const std::size_t end = std::min(versions.size(), first + kVerifyInParallel);
        for (std::size_t i = first; i < end; ++i) {
            targets.push_back(verifyTarget());
            running.push_back(startCli({QStringLiteral("restore"), QStringLiteral("--repo"), lab.repo,
                                        versions[i].id, QStringLiteral("--target"), targets.back()},
                                       m_env));
        }
        for (std::size_t i = first; i < end; ++i) {
            QProcess &p = *running[i - first];
            const QString &target = targets[i - first];
            const Version &v = versions[i];
            p.waitForFinished(120000);
            m_tally[op].verified++;
            for (Version &known : lab.versions)
                if (known.id == v.id)
                    known.verified = true;
            const bool exited = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
            if (!exited) {
                ok = expect(false, op,
                            QStringLiteral("%1: version %2 (%3) does not restore: exit %4: %5")
                                .arg(when, v.id.left(8), v.what)
                                .arg(p.exitCode())
                                .arg(QString::fromUtf8(p.readAllStandardError().left(2000))));
                removeTree(target);
                continue;
            }
            QString error;
            const Manifest got =
                makeManifest(v.under.isEmpty() ? enc(target) : enc(target) + '/' + v.under, &error);
            ManifestCompare how;
            if (v.filesOnly)
                how.ignore = [&v, &got](const QByteArray &p) {
                    const auto e = v.reference.find(p);
                    const auto g = got.find(p);
                    const bool dirInRef =
                        e != v.reference.end() && e->second.kind == ManifestEntry::Kind::Dir;
                    const bool dirGot = g != got.end() && g->second.kind == ManifestEntry::Kind::Dir;
                    return (dirInRef || e == v.reference.end()) && (dirGot || g == got.end()) &&
                           (dirInRef || dirGot);
                };
            const QStringList diffs = compareManifests(v.reference, got, how);
            if (!error.isEmpty() || !diffs.isEmpty())
                ok = expect(false, op,
                            QStringLiteral("%1: version %2 (%3) restores differently from its manifest "
                                           "(%4 differences)%5:\n%6")
                                .arg(when, v.id.left(8), v.what)
                                .arg(diffs.size())
                                .arg(error.isEmpty() ? QString() : QStringLiteral(" ") + error,
                                     diffs.mid(0, 20).join(QLatin1Char('\n'))));
            removeTree(target);
        }
    }
    m_tally[op].verifyMs += clock.elapsed();
    return ok;
}

void TestCliCampaign::saveLab(Lab &lab)
{
    lab.saved = lab.repo + QStringLiteral("-saved");
    removeTree(lab.saved);
    QVERIFY(copyTree(enc(lab.repo), enc(lab.saved)));
    lab.savedVersions = lab.versions;
}

void TestCliCampaign::startEpisodeIfDue(Lab &lab, Op op)
{
    if (lab.killsThisEpisode < kEpisode)
        return;
    lab.killsThisEpisode = 0;
    verifyPending(lab, op, QStringLiteral("before the lab starts over"));
    removeTree(lab.repo);
    QVERIFY(copyTree(enc(lab.saved), enc(lab.repo)));
    lab.versions = lab.savedVersions;
}

int TestCliCampaign::adoptNewVersions(Lab &lab, Op op,
                                      const std::function<bool(Version &, const QStringList &)> &reference)
{
    QSet<QString> known;
    for (const Version &v : lab.versions)
        known.insert(v.id);
    int added = 0;
    for (const auto &[id, paths] : listVersions(lab.repo)) {
        if (known.contains(id))
            continue;
        Version v;
        v.id = id;
        // The tree appears below the target relative to the deepest folder holding its paths.
        QList<QByteArray> raw;
        for (const QString &p : paths)
            raw << enc(p);
        const QByteArray base = RestoreWalk::baseOf(raw);
        v.under =
            paths.size() == 1 ? enc(paths.first()).mid(base == "/" ? 1 : base.size() + 1) : QByteArray();
        if (!reference(v, paths)) {
            fail(op, QStringLiteral("version %1 that the run left has no known manifest").arg(id.left(8)));
            continue;
        }
        lab.versions.push_back(std::move(v));
        ++added;
    }
    return added;
}

bool TestCliCampaign::safetyReference(Version &v, const QStringList &paths, const Manifest &onDisk)
{
    // A safety version holds the entries it was to protect, as they were on disk, below the
    // deepest folder holding all of them; the folders on the way come along.
    QList<QByteArray> raw;
    for (const QString &p : paths)
        raw << enc(p);
    const QByteArray base = RestoreWalk::baseOf(raw);
    const QByteArray place = m_place + '/';
    const QByteArray baseRel = base == m_place ? QByteArray() : base.mid(place.size());
    if (base != m_place && !base.startsWith(place))
        return false;
    v.under.clear();
    v.filesOnly = true;
    for (const QByteArray &p : raw) {
        if (!p.startsWith(place))
            return false;
        const QByteArray rel = p.mid(place.size());
        const auto it = onDisk.find(rel);
        if (it == onDisk.end())
            return false;
        const QByteArray relToBase = baseRel.isEmpty() ? rel : rel.mid(baseRel.size() + 1);
        v.reference[relToBase] = it->second;
        if (it->second.kind == ManifestEntry::Kind::Dir)
            for (const auto &[sub, e] : subManifest(onDisk, rel))
                v.reference[relToBase + '/' + sub] = e;
    }
    return true;
}

// ---- backup -----------------------------------------------------------------------------------

void TestCliCampaign::setUpBackupLab()
{
    m_backup.name = QStringLiteral("backup");
    m_backup.repo = path(QStringLiteral("backup-repo"));
    m_backupSource = enc(path(QStringLiteral("backup-src")));
    QString error;
    QVERIFY2(initRepo(m_backup.repo, &error), qPrintable(error));
    QVERIFY(buildTree(m_backupSource, *m_content, 10, 24));
    QVERIFY(QDir().mkpath(QFile::decodeName(m_backupSource + "/hot")));
    for (int i = 0; i < 5; ++i)
        QVERIFY(writeFile(m_backupSource + "/hot/h" + QByteArray::number(i), m_content->random(96 << 10)));
    QVERIFY(QDir().mkpath(QFile::decodeName(m_backupSource + "/bulk")));
    replaceBulk();

    const Manifest first = makeManifest(m_backupSource);
    RunResult r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), m_backup.repo,
                       QStringLiteral("--json"), QFile::decodeName(m_backupSource)});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    Version v{backupSnapshotId(r.out), "backup-src", first, false, QStringLiteral("the first backup")};
    m_backup.versions.push_back(v);
    qInfo("backup lab: %zu entries, %lld bytes, first backup %lld ms", first.size(), manifestBytes(first),
          r.elapsedMs);

    // The measured runs: changes, then a backup while files are being modified; the median of
    // three (the first two into a copy, so the lab keeps few versions).
    const QString scratch = m_backup.repo + QStringLiteral("-measure");
    QVERIFY(copyTree(enc(m_backup.repo), enc(scratch)));
    std::vector<KilledRun> measured;
    for (int run = 0; run < 3; ++run) {
        mutateTree(m_backupSource, m_rng, *m_content, 40);
        replaceBulk();
        Modifier modifier(m_backupSource + "/hot", m_rng());
        modifier.start();
        const QString repo = run < 2 ? scratch : m_backup.repo;
        measured.push_back(runKilled({QStringLiteral("backup"), QStringLiteral("--repo"), repo,
                                      QStringLiteral("--json"), QFile::decodeName(m_backupSource)},
                                     m_env, 1 << 30, repo));
        modifier.stop();
        QVERIFY2(measured.back().result.exitCode == 0 || measured.back().result.exitCode == 3,
                 qPrintable(measured.back().result.describe()));
    }
    removeTree(scratch);
    setMeasured(Op::Backup, false, measured);
    // Its version holds the modified files as read: its first restore is its manifest.
    adoptNewVersions(m_backup, Op::Backup, [&](Version &nv, const QStringList &) {
        QString err;
        nv.reference = restoredManifest(m_backup.repo, nv.id, nv.under, &err);
        nv.what = QStringLiteral("the measured backup");
        return err.isEmpty();
    });
    QCOMPARE(m_backup.versions.size(), std::size_t(2));
    saveLab(m_backup);
}

void TestCliCampaign::backupIteration()
{
    const Op op = Op::Backup;
    Lab &lab = m_backup;
    startEpisodeIfDue(lab, op);
    Tally &tally = m_tally[op];

    mutateTree(m_backupSource, m_rng, *m_content, int(uniform(m_rng, 10, 60)));
    replaceBulk();
    const Manifest before = makeManifest(m_backupSource);
    const std::vector<Version> existed = lab.versions;
    const RepoFiles filesBefore = repoFiles(lab.repo);
    const QStringList args{QStringLiteral("backup"), QStringLiteral("--repo"), lab.repo,
                           QStringLiteral("--json"), QFile::decodeName(m_backupSource)};

    Modifier modifier(m_backupSource + "/hot", m_rng());
    bool fromLock = false;
    const qint64 killAt = drawKillTime(op, false, &fromLock);
    modifier.start();
    const KilledRun k = runKilled(args, m_env, killAt, fromLock ? lab.repo : QString());
    modifier.stop();
    tally.runs++;
    lab.killsThisEpisode++;

    // Where it landed, from what it left in the repository.
    const RepoFiles after = repoFiles(lab.repo);
    QString where;
    if (!k.killed)
        where = QStringLiteral("ended before the kill");
    else if (finished(after.snapshots) != finished(filesBefore.snapshots))
        where = QStringLiteral("after the version was saved");
    else if (!(after.packTemps - filesBefore.packTemps).isEmpty())
        where = QStringLiteral("mid-pack");
    else if (after.packs != filesBefore.packs)
        where = after.index != filesBefore.index ? QStringLiteral("packs stored and indexed, no version")
                                                 : QStringLiteral("packs stored, not indexed");
    else if (finished(after.locks) != finished(filesBefore.locks))
        where = QStringLiteral("locked, before the first pack");
    else
        where = QStringLiteral("before the lock");
    (k.killed ? tally.landed : tally.endedFirst)++;
    tally.where[where]++;
    if (!k.killed)
        expect(k.result.exitCode == 0 || k.result.exitCode == 3, op,
               QStringLiteral("an unkilled backup failed: %1").arg(k.result.describe()));

    const QString when = QStringLiteral("after a kill at %1 ms from its %2 (%3)")
                             .arg(killAt)
                             .arg(fromLock ? QStringLiteral("lock") : QStringLiteral("start"), where);
    checkPasses(lab, op, when);
    versionsRestore(lab, op, existed, when);
    // A version the killed run saved holds the files being modified as it read them; every
    // other file must be as it was.
    adoptNewVersions(lab, op, [&](Version &v, const QStringList &) {
        QString error;
        v.reference = restoredManifest(lab.repo, v.id, v.under, &error);
        v.what = QStringLiteral("a killed backup");
        ManifestCompare how;
        how.ignore = [](const QByteArray &p) { return p.startsWith("hot/"); };
        const QStringList diffs = compareManifests(before, v.reference, how);
        expect(error.isEmpty() && diffs.isEmpty(), op,
               QStringLiteral("%1: the version the killed backup saved differs from the source: %2 %3")
                   .arg(when, error, diffs.mid(0, 20).join(QLatin1Char('\n'))));
        return error.isEmpty();
    });

    // The next run, with nothing being modified, succeeds and holds the tree exactly.
    // Only the files being modified changed since `before`.
    Manifest now = before;
    std::erase_if(now, [](const auto &entry) { return entry.first.startsWith("hot/"); });
    for (const auto &[p, e] : makeManifest(m_backupSource + "/hot"))
        now["hot/" + p] = e;
    const RunResult next = cli(args);
    if (!expect(next.exitCode == 0, op,
                QStringLiteral("%1: the next backup failed: %2").arg(when, next.describe())))
        return;
    // It must be the source byte for byte: restored and compared after the next kill of this lab
    // (or before the lab starts over), with the versions before it.
    lab.versions.push_back(Version{backupSnapshotId(next.out), "backup-src", now, false,
                                   QStringLiteral("the backup after kill %1").arg(m_iteration)});
}

// ---- restore in place -------------------------------------------------------------------------

void TestCliCampaign::setUpRestoreLab()
{
    m_restore.name = QStringLiteral("restore");
    m_restore.repo = path(QStringLiteral("restore-repo"));
    m_place = enc(path(QStringLiteral("place")));
    m_placeChanged = enc(path(QStringLiteral("place-changed")));
    QString error;
    QVERIFY2(initRepo(m_restore.repo, &error), qPrintable(error));
    QVERIFY(buildTree(m_place, *m_content, 10, 24));
    const Manifest older = makeManifest(m_place);
    RunResult r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), m_restore.repo,
                       QStringLiteral("--json"), QFile::decodeName(m_place)});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    m_olderVersion = backupSnapshotId(r.out);
    m_restore.versions.push_back(
        Version{m_olderVersion, "place", older, false, QStringLiteral("the older version")});

    // The changed tree: a third of the files rewritten, some gone, a folder gone, files turned
    // into symlinks and back, new files (which a restore leaves alone), modes.
    QByteArrayList files = regularFiles(m_place);
    for (int i = 0; i < files.size(); ++i) {
        const QByteArray p = m_place + '/' + files[i];
        if (i % 3 == 0)
            QVERIFY(writeWithMode(p, m_content->any(), i % 2 ? 0644 : 0600));
        else if (i % 17 == 1)
            QVERIFY(::unlink(p.constData()) == 0);
        else if (i % 29 == 2) {
            QVERIFY(::unlink(p.constData()) == 0);
            QVERIFY(::symlink("elsewhere", p.constData()) == 0);
        } else if (i % 23 == 4)
            QVERIFY(::chmod(p.constData(), 0640) == 0);
        if (i % 7 == 0)
            QVERIFY(writeFile(p + ".added", m_content->any()));
    }
    QVERIFY(removeTree(QFile::decodeName(m_place + "/d3/inner")));
    QVERIFY(::unlink(QByteArray(m_place + "/d5/link-to-f1").constData()) == 0);
    QVERIFY(writeFile(m_place + "/d5/link-to-f1", "a file where a symlink was\n"));
    r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), m_restore.repo, QStringLiteral("--json"),
             QFile::decodeName(m_place)});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    m_changed = makeManifest(m_place);
    m_restore.versions.push_back(
        Version{backupSnapshotId(r.out), "place", m_changed, false, QStringLiteral("the changed tree")});
    QVERIFY(copyTree(m_place, m_placeChanged));

    // The measured unkilled restores (the median of three, into a copy, so the lab keeps few
    // versions to restore after each kill): what they leave is the "restored" state.
    const QString scratch = m_restore.repo + QStringLiteral("-measure");
    QVERIFY(copyTree(enc(m_restore.repo), enc(scratch)));
    std::vector<KilledRun> measured;
    for (int run = 0; run < 3; ++run) {
        QVERIFY(removeTree(QFile::decodeName(m_place)));
        QVERIFY(copyTree(m_placeChanged, m_place));
        measured.push_back(runKilled(restoreArgs(scratch), m_env, 1 << 30, scratch));
        QVERIFY2(measured.back().result.exitCode == 0, qPrintable(measured.back().result.describe()));
    }
    setMeasured(Op::Restore, false, measured);
    const QJsonObject result = jsonResult(measured.back().result.out);
    m_overwrites =
        result.value(QStringLiteral("summary")).toObject().value(QStringLiteral("overwrite")).toInteger();
    m_restored = makeManifest(m_place);
    // Every entry of the older version is back as it was; what it does not hold stays.
    ManifestCompare how;
    how.ignore = [&](const QByteArray &p) { return !older.count(p); };
    QStringList diffs = compareManifests(older, m_restored, how);
    QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(QLatin1Char('\n'))));
    for (const auto &[p, e] : m_changed)
        if (!older.count(p))
            QVERIFY2(m_restored.count(p) && sameEntry(e, m_restored.at(p)), p.constData());
    QVERIFY2(leftoverTemporaries(QFile::decodeName(m_place)).isEmpty(),
             qPrintable(leftoverTemporaries(QFile::decodeName(m_place)).join(QLatin1Char(' '))));
    qInfo("restore lab: %zu entries; an unkilled in-place restore replaces %lld files", m_changed.size(),
          m_overwrites);
    QVERIFY(m_overwrites > 10);

    // The measured failing restores: they roll back to the changed tree exactly.
    QProcessEnvironment failing = m_env;
    failing.insert(QStringLiteral("STRATA_TEST_FAIL_RESTORE_AFTER"), QString::number(m_overwrites / 2));
    measured.clear();
    for (int run = 0; run < 3; ++run) {
        QVERIFY(removeTree(QFile::decodeName(m_place)));
        QVERIFY(copyTree(m_placeChanged, m_place));
        measured.push_back(runKilled(restoreArgs(scratch), failing, 1 << 30, scratch));
        const KilledRun &k = measured.back();
        QVERIFY2(k.result.exitCode != 0 &&
                     jsonResult(k.result.out).value(QStringLiteral("rolledBack")).toBool(),
                 qPrintable(k.result.describe()));
        diffs = compareManifests(m_changed, makeManifest(m_place));
        QVERIFY2(diffs.isEmpty(),
                 qPrintable(QStringLiteral("after the rollback:\n") + diffs.join(QLatin1Char('\n'))));
    }
    removeTree(scratch);
    setMeasured(Op::Restore, true, measured);
    QVERIFY2(checkPasses(m_restore, Op::Restore, QStringLiteral("after setting up")), "");
    saveLab(m_restore);
}

void TestCliCampaign::restoreIteration()
{
    const Op op = Op::Restore;
    Lab &lab = m_restore;
    startEpisodeIfDue(lab, op);
    Tally &tally = m_tally[op];

    QVERIFY(removeTree(QFile::decodeName(m_place)));
    QVERIFY(copyTree(m_placeChanged, m_place));
    const std::vector<Version> existed = lab.versions;
    const RepoFiles filesBefore = repoFiles(lab.repo);
    const QStringList args = restoreArgs();
    QProcessEnvironment env = m_env;
    const bool failing = chance(m_rng, 0.5);
    const qint64 failAfter = uniform(m_rng, 1, std::max<qint64>(1, m_overwrites - 1));
    if (failing)
        env.insert(QStringLiteral("STRATA_TEST_FAIL_RESTORE_AFTER"), QString::number(failAfter));
    tally.variants[failing ? QStringLiteral("failing after some files, rolling back")
                           : QStringLiteral("plain")]++;
    bool fromLock = false;
    const qint64 killAt = drawKillTime(op, failing, &fromLock);
    const KilledRun k = runKilled(args, env, killAt, fromLock ? lab.repo : QString());
    tally.runs++;
    lab.killsThisEpisode++;

    // At every path the old entry or the restored one, nothing half-written, no stray file.
    const Manifest actual = makeManifest(m_place);
    ManifestCompare during;
    during.dirModes = false; // a folder the restore makes is private until its contents are in
    const bool strictTemporaries = qEnvironmentVariableIntValue("STRATA_CAMPAIGN_STRICT_TEMPORARIES") == 1;
    QSet<QByteArray> leftTemporaries;
    for (const auto &[p, e] : actual)
        if (knownTemporary(p) &&
            (e.kind == ManifestEntry::Kind::File || e.kind == ManifestEntry::Kind::Symlink))
            leftTemporaries.insert(p);
    tally.temporaries += int(leftTemporaries.size());
    if (!strictTemporaries)
        during.ignore = [&](const QByteArray &p) { return leftTemporaries.contains(p); };
    int oldCount = 0, newCount = 0;
    const QStringList problems = checkOldOrNew(m_changed, m_restored, actual, during, &oldCount, &newCount);
    const RepoFiles after = repoFiles(lab.repo);
    const bool safetySaved = finished(after.snapshots) != finished(filesBefore.snapshots);
    QString where;
    if (!k.killed)
        where = failing ? QStringLiteral("ended (rolled back) before the kill")
                        : QStringLiteral("ended before the kill");
    else if (k.lastPhase == QStringLiteral("rolling-back"))
        where = QStringLiteral("during the rollback");
    else if (newCount > 0 && oldCount > 0)
        where = QStringLiteral("mid-restore");
    else if (newCount > 0)
        where = QStringLiteral("every file placed, before the end");
    else if (safetySaved)
        where = QStringLiteral("safety version saved, nothing replaced yet");
    else if (after.packs != filesBefore.packs || !(after.packTemps - filesBefore.packTemps).isEmpty())
        where = QStringLiteral("taking the safety version");
    else if (finished(after.locks) != finished(filesBefore.locks))
        where = QStringLiteral("locked, planning");
    else
        where = QStringLiteral("before the lock");
    (k.killed ? tally.landed : tally.endedFirst)++;
    tally.where[where]++;
    const QString when =
        QStringLiteral("after a kill at %1 ms from the %2 of a%3 restore (%4; %5 paths old, %6 restored)")
            .arg(killAt)
            .arg(fromLock ? QStringLiteral("lock") : QStringLiteral("start"))
            .arg(failing ? QStringLiteral(" failing (after %1 files)").arg(failAfter) : QString())
            .arg(where)
            .arg(oldCount)
            .arg(newCount);
    expect(problems.isEmpty(), op,
           QStringLiteral("%1: %2 path(s) hold neither the old nor the restored entry:\n%3")
               .arg(when)
               .arg(problems.size())
               .arg(problems.mid(0, 20).join(QLatin1Char('\n'))));
    if (!k.killed && failing)
        expect(compareManifests(m_changed, actual).isEmpty(), op,
               QStringLiteral("%1: the failed restore did not roll back: %2")
                   .arg(when, compareManifests(m_changed, actual).mid(0, 20).join(QLatin1Char('\n'))));

    checkPasses(lab, op, when);
    versionsRestore(lab, op, existed, when);
    adoptNewVersions(lab, op, [&](Version &v, const QStringList &paths) {
        v.what = QStringLiteral("the safety version of a killed restore");
        return safetyReference(v, paths, m_changed);
    });

    // Run again without a kill: exactly the restored state, and nothing else left behind.
    const RunResult next = cli(args);
    expect(next.exitCode == 0, op,
           QStringLiteral("%1: the next restore failed: %2").arg(when, next.describe()));
    const Manifest final = makeManifest(m_place);
    ManifestCompare exactly;
    const QStringList diffs = compareManifests(m_restored, final, exactly);
    expect(diffs.isEmpty(), op,
           QStringLiteral("%1: restoring again does not give the version exactly (%2 differences):\n%3")
               .arg(when)
               .arg(diffs.size())
               .arg(diffs.mid(0, 20).join(QLatin1Char('\n'))));
    adoptNewVersions(lab, op, [&](Version &v, const QStringList &paths) {
        v.what = QStringLiteral("the safety version of the restore after kill %1").arg(m_iteration);
        return safetyReference(v, paths, actual);
    });
}

// ---- repair index -----------------------------------------------------------------------------

void TestCliCampaign::setUpRepairLab()
{
    m_repair.name = QStringLiteral("repair");
    m_repair.repo = path(QStringLiteral("repair-repo"));
    m_repairSource = enc(path(QStringLiteral("repair-src")));
    QString error;
    QVERIFY2(initRepo(m_repair.repo, &error), qPrintable(error));
    QVERIFY(buildTree(m_repairSource, *m_content, 10, 24));
    for (int i = 0; i < 3; ++i) {
        if (i > 0)
            mutateTree(m_repairSource, m_rng, *m_content, 40);
        const Manifest m = makeManifest(m_repairSource);
        const RunResult r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), m_repair.repo,
                                 QStringLiteral("--json"), QFile::decodeName(m_repairSource)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        m_repair.versions.push_back(Version{backupSnapshotId(r.out), "repair-src", m, false,
                                            QStringLiteral("setup backup %1").arg(i + 1)});
    }

    // What an interrupted backup leaves: packs that no version names, which repair indexes too
    // (and which make it long enough for kills to land inside it).
    const QByteArray bulk = enc(path(QStringLiteral("repair-bulk")));
    QVERIFY(QDir().mkpath(QFile::decodeName(bulk)));
    QVERIFY(writeRandomFile(bulk + "/big.bin", 32 << 20, m_rng()));
    const qsizetype packsBefore = repoFiles(m_repair.repo).packs.size();
    auto p = startCli(
        {QStringLiteral("backup"), QStringLiteral("--repo"), m_repair.repo, QFile::decodeName(bulk)}, m_env);
    QVERIFY(p->waitForStarted(10000));
    while (!p->waitForFinished(1) && repoFiles(m_repair.repo).packs.size() < packsBefore + 20) {
    }
    ::kill(pid_t(p->processId()), SIGKILL);
    QVERIFY(p->state() == QProcess::NotRunning || p->waitForFinished(60000));
    QVERIFY2(listVersions(m_repair.repo).size() == 3, "the interrupted backup ended first");
    removeTree(QFile::decodeName(bulk));
    QVERIFY(checkPasses(m_repair, Op::Repair, QStringLiteral("after the interrupted backup")));
    saveLab(m_repair);

    // Measured on a repository whose index files are all gone: every pack is read again.
    for (const bool readData : {false, true}) {
        std::vector<KilledRun> measured;
        for (int run = 0; run < 3; ++run) {
            for (const QString &f : treeFiles(m_repair.repo + QStringLiteral("/index")))
                QVERIFY(QFile::remove(m_repair.repo + QStringLiteral("/index/") + f));
            QStringList args{QStringLiteral("repair"), QStringLiteral("index"), QStringLiteral("--repo"),
                             m_repair.repo};
            if (readData)
                args << QStringLiteral("--read-data");
            measured.push_back(runKilled(args, m_env, 1 << 30, m_repair.repo));
            QVERIFY2(measured.back().result.exitCode == 0, qPrintable(measured.back().result.describe()));
        }
        setMeasured(Op::Repair, readData, measured);
    }
    QVERIFY(checkPasses(m_repair, Op::Repair, QStringLiteral("after the measured repairs")));
    QVERIFY(versionsRestore(m_repair, Op::Repair, m_repair.versions,
                            QStringLiteral("after the measured repairs")));
    removeTree(m_repair.repo);
    QVERIFY(copyTree(enc(m_repair.saved), enc(m_repair.repo)));
}

void TestCliCampaign::damageIndex(Lab &lab, QString *what)
{
    const QString dir = lab.repo + QStringLiteral("/index/");
    QStringList files;
    for (const QString &f : treeFiles(dir))
        if (!isTemp(f))
            files << f;
    const QString victim = files.value(int(uniform(m_rng, 0, files.size() - 1)));
    const QByteArray victimPath = enc(dir + victim);
    struct stat st;
    ::stat(victimPath.constData(), &st);
    switch (uniform(m_rng, 0, 5)) {
    case 0:
        QFile::remove(dir + victim);
        *what = QStringLiteral("deleted one of %1 index files").arg(files.size());
        break;
    case 1:
        for (const QString &f : files)
            QFile::remove(dir + f);
        *what = QStringLiteral("deleted all %1 index files").arg(files.size());
        break;
    case 2: {
        const qint64 keep = uniform(m_rng, 0, std::max<qint64>(0, st.st_size - 1));
        QVERIFY(::truncate(victimPath.constData(), keep) == 0);
        *what = QStringLiteral("cut an index file to %1 of %2 bytes").arg(keep).arg(st.st_size);
        break;
    }
    case 3: {
        const qint64 at = uniform(m_rng, 0, std::max<qint64>(0, st.st_size - 1));
        QByteArray content = readFile(victimPath);
        content[at] = char(content[at] ^ (1 << uniform(m_rng, 0, 7)));
        QVERIFY(writeFile(victimPath, content, 0600));
        *what = QStringLiteral("flipped a bit at %1 of an index file").arg(at);
        break;
    }
    case 4:
        QVERIFY(writeFile(victimPath, m_content->random(st.st_size), 0600));
        *what = QStringLiteral("replaced an index file by random bytes");
        break;
    case 5: {
        // A pack whose header no longer opens: repair moves its blobs, known from the old
        // index, into new packs (killedRepairKeepsWhatADamagedPackHolds). One the index names:
        // of a pack nothing describes (left by a killed run) nothing can be known.
        auto repo = Repository::open(lab.repo, kPassword);
        QVERIFY(repo.ok() && (*repo)->loadIndex().ok());
        QSet<QString> indexed;
        (*repo)->index().forEach(
            [&](const BlobId &, const BlobLocation &l) { indexed.insert(l.pack.toHex()); });
        QStringList packs;
        for (const QString &p : finished(repoFiles(lab.repo).packs))
            if (indexed.contains(p.section(QLatin1Char('/'), -1)))
                packs << p;
        packs.sort();
        const QString pack = packs.value(int(uniform(m_rng, 0, packs.size() - 1)));
        const QByteArray packPath = enc(lab.repo + QStringLiteral("/data/") + pack);
        const qint64 size = QFileInfo(QFile::decodeName(packPath)).size();
        const qint64 at = size - uniform(m_rng, 9, 24); // in the sealed header's tag
        QVERIFY(overwriteAt(packPath, at, QByteArray(1, char(readFile(packPath).at(at) ^ 0x10))));
        *what = QStringLiteral("damaged the header of a pack");
        break;
    }
    }
}

void TestCliCampaign::repairIteration()
{
    const Op op = Op::Repair;
    Lab &lab = m_repair;
    startEpisodeIfDue(lab, op);
    Tally &tally = m_tally[op];

    // A backup first, so there is more than one index file to damage.
    mutateTree(m_repairSource, m_rng, *m_content, int(uniform(m_rng, 5, 30)));
    const Manifest source = makeManifest(m_repairSource);
    const RunResult b = cli({QStringLiteral("backup"), QStringLiteral("--repo"), lab.repo,
                             QStringLiteral("--json"), QFile::decodeName(m_repairSource)});
    if (!expect(b.exitCode == 0, op,
                QStringLiteral("the backup before the damage failed: %1").arg(b.describe())))
        return;
    lab.versions.push_back(Version{backupSnapshotId(b.out), "repair-src", source, false,
                                   QStringLiteral("the backup before kill %1").arg(m_iteration)});
    const std::vector<Version> existed = lab.versions;

    QString damage;
    damageIndex(lab, &damage);
    // Checks read the packs here: a damaged pack header shows only then. The lab is small.
    const QStringList checkArgs{QStringLiteral("check"), QStringLiteral("--repo"), lab.repo,
                                QStringLiteral("--read-data"), QStringLiteral("--json")};
    const RunResult damaged = cli(checkArgs);
    QSet<QString> damageErrors;
    for (const QJsonValue &e : jsonResult(damaged.out).value(QStringLiteral("errors")).toArray())
        damageErrors.insert(e.toString());
    const QSet<QString> indexBefore = repoFiles(lab.repo).index;
    const QSet<QString> locksBefore = repoFiles(lab.repo).locks;

    const bool readData = chance(m_rng, 0.5);
    QStringList args{QStringLiteral("repair"), QStringLiteral("index"), QStringLiteral("--repo"), lab.repo};
    if (readData)
        args << QStringLiteral("--read-data");
    tally
        .variants[QString(damage).replace(QRegularExpression(QStringLiteral("[0-9]+")), QStringLiteral("N")) +
                  (readData ? QStringLiteral(", then repair index --read-data")
                            : QStringLiteral(", then repair index"))]++;
    bool fromLock = false;
    const qint64 killAt = drawKillTime(op, readData, &fromLock);
    const KilledRun k = runKilled(args, m_env, killAt, fromLock ? lab.repo : QString());
    tally.runs++;
    lab.killsThisEpisode++;

    const RepoFiles after = repoFiles(lab.repo);
    const RunResult checked = cli(checkArgs);
    tally.readDataChecks++;
    const bool healthy = checked.exitCode == 0;
    const QSet<QString> newIndex = finished(after.index) - indexBefore;
    const bool oldGone = (finished(indexBefore) & finished(after.index)).isEmpty();
    QString where;
    if (!k.killed)
        where = QStringLiteral("ended before the kill");
    else if (!newIndex.isEmpty() && oldGone)
        where = QStringLiteral("index replaced, before the end");
    else if (!newIndex.isEmpty())
        where = QStringLiteral("new index written, old ones not all removed");
    else if (finished(after.locks) != finished(locksBefore))
        where = QStringLiteral("locked, before the new index");
    else
        where = QStringLiteral("before the lock");
    if (!healthy)
        where += QStringLiteral(", the damage still there");
    (k.killed ? tally.landed : tally.endedFirst)++;
    tally.where[where]++;
    const QString when = QStringLiteral("after %1 and a kill at %2 ms from the %3 of repair index%4 (%5)")
                             .arg(damage)
                             .arg(killAt)
                             .arg(fromLock ? QStringLiteral("lock") : QStringLiteral("start"))
                             .arg(readData ? QStringLiteral(" --read-data") : QString(), where);

    if (!k.killed)
        expect(k.result.exitCode == 0, op,
               QStringLiteral("%1: an unkilled repair failed: %2").arg(when, k.result.describe()));
    if (healthy) {
        versionsRestore(lab, op, existed, when);
    } else {
        // The damage is not repaired yet: check may report what it caused, and nothing more.
        QSet<QString> errors;
        for (const QJsonValue &e : jsonResult(checked.out).value(QStringLiteral("errors")).toArray())
            errors.insert(e.toString());
        const QSet<QString> added = errors - damageErrors;
        expect(checked.exitCode == 7 && added.isEmpty(), op,
               QStringLiteral("%1: check reports problems the damage did not cause (exit %2): %3")
                   .arg(when)
                   .arg(checked.exitCode)
                   .arg(QStringList(added.begin(), added.end()).join(QStringLiteral("; "))));
    }

    const RunResult next = cli(args);
    if (!expect(next.exitCode == 0, op,
                QStringLiteral("%1: the next repair failed: %2").arg(when, next.describe())))
        return;
    const RunResult again = cli(checkArgs);
    tally.readDataChecks++;
    expect(again.exitCode == 0, op,
           QStringLiteral("%1: check --read-data after the next repair: %2").arg(when, again.describe()));
    if (!healthy)
        versionsRestore(lab, op, existed, when + QStringLiteral(", then the next repair"));
}

// ---- prune ------------------------------------------------------------------------------------

bool TestCliCampaign::preparePrune(Lab &lab, Op op, const QString &why)
{
    mutateTree(m_pruneSource, m_rng, *m_content, int(uniform(m_rng, 5, 30)));
    // New data in place of old in one or two large files: the packs of the old data go out of use
    // once the versions holding it are forgotten, some whole, some in part.
    for (qint64 i = 0, n = uniform(m_rng, 1, 2); i < n; ++i)
        if (!writeWithMode(m_pruneSource + "/bulk/b" + QByteArray::number(uniform(m_rng, 0, 2)),
                           m_content->random(uniform(m_rng, 512 << 10, 2 << 20)), 0644))
            return expect(false, op, QStringLiteral("%1: cannot write the new data").arg(why));
    const Manifest source = makeManifest(m_pruneSource);
    const RunResult b = cli({QStringLiteral("backup"), QStringLiteral("--repo"), lab.repo,
                             QStringLiteral("--json"), QFile::decodeName(m_pruneSource)});
    if (!expect(b.exitCode == 0, op, QStringLiteral("%1: the backup failed: %2").arg(why, b.describe())))
        return false;
    lab.versions.push_back(Version{backupSnapshotId(b.out), "prune-src", source, false, why});
    const int versionsBefore = int(lab.versions.size());
    const QString keep = QString::number(uniform(m_rng, 2, 4));
    const RunResult f = cli(
        {QStringLiteral("forget"), QStringLiteral("--repo"), lab.repo, QStringLiteral("--keep-last"), keep});
    if (!expect(f.exitCode == 0, op, QStringLiteral("%1: forget failed: %2").arg(why, f.describe())))
        return false;
    // The versions the forget let go are no longer the lab's: those left must all restore.
    QSet<QString> left;
    for (const auto &[id, paths] : listVersions(lab.repo))
        left.insert(id);
    std::erase_if(lab.versions, [&](const Version &v) { return !left.contains(v.id); });
    return expect(
        int(lab.versions.size()) == std::min(keep.toInt(), versionsBefore), op,
        QStringLiteral("%1: forget --keep-last %2 left %3 versions").arg(why, keep).arg(lab.versions.size()));
}

void TestCliCampaign::setUpPruneLab()
{
    m_prune.name = QStringLiteral("prune");
    m_prune.repo = path(QStringLiteral("prune-repo"));
    m_pruneSource = enc(path(QStringLiteral("prune-src")));
    QString error;
    QVERIFY2(initRepo(m_prune.repo, &error), qPrintable(error));
    QVERIFY(buildTree(m_pruneSource, *m_content, 10, 24));
    QVERIFY(QDir().mkpath(QFile::decodeName(m_pruneSource + "/bulk")));
    for (int i = 0; i < 3; ++i)
        QVERIFY(writeWithMode(m_pruneSource + "/bulk/b" + QByteArray::number(i), m_content->random(2 << 20),
                              0644));
    for (int i = 0; i < 4; ++i)
        QVERIFY(preparePrune(m_prune, Op::Prune, QStringLiteral("setup backup %1").arg(i + 1)));
    // Measured: each run has a forget before it, so it has work to do.
    for (const bool repackAll : {false, true}) {
        std::vector<KilledRun> measured;
        for (int run = 0; run < 3; ++run) {
            QVERIFY(preparePrune(m_prune, Op::Prune, QStringLiteral("measured prune %1").arg(run + 1)));
            QStringList args{QStringLiteral("prune"), QStringLiteral("--repo"), m_prune.repo};
            if (repackAll)
                args << QStringLiteral("--max-unused") << QStringLiteral("0");
            measured.push_back(runKilled(args, m_env, 1 << 30, m_prune.repo));
            QVERIFY2(measured.back().result.exitCode == 0, qPrintable(measured.back().result.describe()));
        }
        setMeasured(Op::Prune, repackAll, measured);
    }
    QVERIFY(checkPasses(m_prune, Op::Prune, QStringLiteral("after the measured prunes")));
    QVERIFY(
        versionsRestore(m_prune, Op::Prune, m_prune.versions, QStringLiteral("after the measured prunes")));
    saveLab(m_prune);
}

void TestCliCampaign::pruneIteration()
{
    const Op op = Op::Prune;
    Lab &lab = m_prune;
    startEpisodeIfDue(lab, op);
    Tally &tally = m_tally[op];
    if (!preparePrune(lab, op, QStringLiteral("the backup before kill %1").arg(m_iteration)))
        return;
    const std::vector<Version> kept = lab.versions;
    const RepoFiles before = repoFiles(lab.repo);

    const bool repackAll = chance(m_rng, 0.5);
    QStringList args{QStringLiteral("prune"), QStringLiteral("--repo"), lab.repo};
    if (repackAll)
        args << QStringLiteral("--max-unused") << QStringLiteral("0");
    tally.variants[repackAll ? QStringLiteral("prune --max-unused 0") : QStringLiteral("prune")]++;
    bool fromLock = false;
    const qint64 killAt = drawKillTime(op, repackAll, &fromLock);
    const KilledRun k = runKilled(args, m_env, killAt, fromLock ? lab.repo : QString());
    tally.runs++;
    lab.killsThisEpisode++;

    const RepoFiles after = repoFiles(lab.repo);
    const QSet<QString> newIndex = finished(after.index) - finished(before.index);
    const bool oldIndexGone = (finished(before.index) & finished(after.index)).isEmpty();
    const bool packsGone = !(finished(before.packs) - finished(after.packs)).isEmpty();
    QString where;
    if (!k.killed)
        where = QStringLiteral("ended before the kill");
    else if (packsGone)
        where = QStringLiteral("deleting packs");
    else if (oldIndexGone && !newIndex.isEmpty())
        where = QStringLiteral("old index files removed, no pack deleted yet");
    else if (!(finished(after.packs) - finished(before.packs)).isEmpty())
        where = QStringLiteral("repacking (new packs written)");
    else if (!newIndex.isEmpty())
        where = QStringLiteral("new index written");
    else if (finished(after.locks) != finished(before.locks))
        where = QStringLiteral("locked, planning");
    else
        where = QStringLiteral("before the lock");
    (k.killed ? tally.landed : tally.endedFirst)++;
    tally.where[where]++;
    const QString when =
        QStringLiteral("after a kill at %1 ms from the %2 of %3 (%4)")
            .arg(killAt)
            .arg(fromLock ? QStringLiteral("lock") : QStringLiteral("start"))
            .arg(args.mid(3).isEmpty() ? QStringLiteral("prune") : args.mid(3).join(QLatin1Char(' ')))
            .arg(where);
    if (!k.killed)
        expect(k.result.exitCode == 0, op,
               QStringLiteral("%1: an unkilled prune failed: %2").arg(when, k.result.describe()));

    const QStringList checkArgs{QStringLiteral("check"), QStringLiteral("--repo"), lab.repo,
                                QStringLiteral("--read-data")};
    const RunResult checked = cli(checkArgs);
    tally.readDataChecks++;
    expect(checked.exitCode == 0, op,
           QStringLiteral("%1: check --read-data: %2").arg(when, checked.describe()));
    versionsRestore(lab, op, kept, when);

    const RunResult next = cli(args);
    if (!expect(next.exitCode == 0, op,
                QStringLiteral("%1: the next prune failed: %2").arg(when, next.describe())))
        return;
    // The next prune finishes the job: nothing is left for a third one to delete.
    const RunResult third =
        cli({QStringLiteral("prune"), QStringLiteral("--repo"), lab.repo, QStringLiteral("--json"),
             QStringLiteral("--dry-run"), QStringLiteral("--max-unused"),
             repackAll ? QStringLiteral("0") : QStringLiteral("5")});
    const QJsonObject plan = jsonResult(third.out);
    expect(third.exitCode == 0 && plan.value(QStringLiteral("packsDeleted")).toInteger() == 0 &&
               plan.value(QStringLiteral("packsRepacked")).toInteger() == 0,
           op,
           QStringLiteral("%1: after the next prune, a third would still delete %2 and repack %3 pack(s): %4")
               .arg(when)
               .arg(plan.value(QStringLiteral("packsDeleted")).toInteger())
               .arg(plan.value(QStringLiteral("packsRepacked")).toInteger())
               .arg(third.describe()));
}

// ---- the campaign -----------------------------------------------------------------------------

void TestCliCampaign::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(QFileInfo::exists(cliPath()));
    QVERIFY(QDir().mkpath(path(QStringLiteral("home"))));
    if (QFileInfo(QStringLiteral("/dev/shm")).isWritable())
        m_verifyDir = std::make_unique<QTemporaryDir>(QStringLiteral("/dev/shm/tst_cli_campaign-XXXXXX"));
    if (!m_verifyDir || !m_verifyDir->isValid())
        m_verifyDir = std::make_unique<QTemporaryDir>(path(QStringLiteral("verify-XXXXXX")));
    QVERIFY(m_verifyDir->isValid());
    m_env = cliEnvironment(path(QStringLiteral("home")), kPassword);

    bool ok = false;
    const quint64 seed = qEnvironmentVariable("STRATA_CAMPAIGN_SEED").toULongLong(&ok);
    m_seed = ok ? seed : QRandomGenerator::system()->generate64() % 1000000000;
    const int kills = qEnvironmentVariableIntValue("STRATA_CAMPAIGN_KILLS", &ok);
    m_kills = ok && kills > 0 ? kills : 100;
    if (const QString ops = qEnvironmentVariable("STRATA_CAMPAIGN_OPS"); !ops.isEmpty()) {
        m_ops.clear();
        for (const QString &name : ops.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const std::pair<const char *, Op> known[] = {{"backup", Op::Backup},
                                                         {"restore", Op::Restore},
                                                         {"repair", Op::Repair},
                                                         {"prune", Op::Prune}};
            const auto it = std::find_if(std::begin(known), std::end(known), [&](const auto &k) {
                return name.trimmed() == QLatin1String(k.first);
            });
            QVERIFY2(it != std::end(known),
                     qPrintable(QStringLiteral("STRATA_CAMPAIGN_OPS: unknown operation '%1'").arg(name)));
            m_ops.push_back(it->second);
        }
    }
    qInfo("kill campaign: seed %llu (STRATA_CAMPAIGN_SEED=%llu replays it), %d kills", m_seed, m_seed,
          m_kills);
    m_rng.seed(m_seed);
    m_content = std::make_unique<Content>(m_rng);
}

void TestCliCampaign::manifestTellsOldNewAndMixed()
{
    const QByteArray a = enc(path(QStringLiteral("m-old"))), b = enc(path(QStringLiteral("m-new"))),
                     c = enc(path(QStringLiteral("m-mixed")));
    for (const QByteArray &root : {a, b, c})
        QVERIFY(QDir().mkpath(QFile::decodeName(root)));
    QVERIFY(writeFile(a + "/same", "same"));
    QVERIFY(writeFile(a + "/changed", "old content"));
    QVERIFY(writeFile(a + "/only-old", "gone later"));
    QVERIFY(copyTree(a + "/same", b + "/same"));
    QVERIFY(writeFile(b + "/changed", "new content!"));
    QVERIFY(writeFile(b + "/only-new", "made later"));
    const Manifest old = makeManifest(a), fresh = makeManifest(b);
    QCOMPARE(compareManifests(old, old), QStringList());
    QCOMPARE(compareManifests(old, fresh).size(), 3);

    // All old, all new, and a mix of whole entries: each path is one or the other.
    int o = 0, n = 0;
    QCOMPARE(checkOldOrNew(old, fresh, old, {}, &o, &n), QStringList());
    QCOMPARE(o, 3);
    QCOMPARE(checkOldOrNew(old, fresh, fresh), QStringList());
    QVERIFY(copyTree(a + "/same", c + "/same"));
    QVERIFY(copyTree(b + "/changed", c + "/changed"));
    QVERIFY(copyTree(a + "/only-old", c + "/only-old"));
    o = n = 0;
    QCOMPARE(checkOldOrNew(old, fresh, makeManifest(c), {}, &o, &n), QStringList());
    QCOMPARE(o, 2); // only-old there, only-new absent
    QCOMPARE(n, 1); // changed

    // A half-written file, old content with new metadata, a vanished path, a stray file.
    QVERIFY(writeFile(c + "/changed", "new con"));
    QVERIFY(::chmod(QByteArray(c + "/only-old").constData(), 0600) == 0);
    QVERIFY(::unlink(QByteArray(c + "/same").constData()) == 0);
    QVERIFY(writeFile(c + "/.strata-restore-x", "temp"));
    const QStringList problems = checkOldOrNew(old, fresh, makeManifest(c));
    QCOMPARE(problems.size(), 4);
    for (const char *p : {"changed", "only-old", "same", ".strata-restore-x"})
        QVERIFY2(problems.filter(QString::fromLatin1(p) + QLatin1Char(':')).size() == 1,
                 qPrintable(problems.join(QLatin1Char('\n'))));
}

// A restore killed while it writes the replacement of a file leaves the temporary it was
// writing (.strata-restore-..., beside the file); the next restore removes it, or the next
// backup would take it for the user's data. Found by the campaign.
void TestCliCampaign::killedRestoreLeavesNoTemporaries()
{
    const QString repo = path(QStringLiteral("temporaries-repo"));
    const QByteArray dir = enc(path(QStringLiteral("temporaries")));
    QString error;
    QVERIFY2(initRepo(repo, &error), qPrintable(error));
    QVERIFY(QDir().mkpath(QFile::decodeName(dir)));
    QVERIFY(writeRandomFile(dir + "/big.bin", 64 << 20, 5));
    RunResult r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), repo, QFile::decodeName(dir)});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const Manifest older = makeManifest(dir);
    QVERIFY(overwriteAt(dir + "/big.bin", 1000, "changed"));
    const Manifest changed = makeManifest(dir);

    // Killed as soon as the replacement is being written.
    auto p = startCli({QStringLiteral("restore"), QStringLiteral("--repo"), repo, QStringLiteral("latest"),
                       QStringLiteral("--conflict"), QStringLiteral("overwrite")},
                      m_env);
    QVERIFY(p->waitForStarted(10000));
    QElapsedTimer clock;
    clock.start();
    bool killed = false;
    while (!killed && clock.elapsed() < 60000 && !p->waitForFinished(1)) {
        if (!leftoverTemporaries(QFile::decodeName(dir)).isEmpty()) {
            ::kill(pid_t(p->processId()), SIGKILL);
            killed = true;
        }
    }
    QVERIFY(p->state() == QProcess::NotRunning || p->waitForFinished(60000));
    QVERIFY2(killed, "the restore ended before its temporary could be seen");
    QCOMPARE(checkOldOrNew(changed, older, makeManifest(dir), {}, nullptr, nullptr).size(), 1); // the temp

    r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), repo, QStringLiteral("latest"),
             QStringLiteral("--conflict"), QStringLiteral("overwrite")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(compareManifests(older, makeManifest(dir)), QStringList());
    QCOMPARE(leftoverTemporaries(QFile::decodeName(dir)), QStringList());
}

// repair index moves the readable blobs of a pack whose header is damaged into new packs,
// knowing where they are only from the old index. A kill after the old index files are gone
// and before the moved blobs are stored must not lose that knowledge: the next repair must
// still bring every blob back, and the version restore.
void TestCliCampaign::killedRepairKeepsWhatADamagedPackHolds()
{
    const QString repo = path(QStringLiteral("salvage-repo"));
    const QByteArray src = enc(path(QStringLiteral("salvage-src")));
    // One big pack, so that moving its blobs takes long enough to be killed in.
    Repository::InitOptions options;
    options.kdf = KdfParams{1, 8u << 20};
    options.config.packSize = 256 << 20;
    auto created = Repository::init(std::make_unique<LocalBackend>(repo), kPassword, options);
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
    created->reset();
    QVERIFY(QDir().mkpath(QFile::decodeName(src)));
    QVERIFY(writeRandomFile(src + "/big.bin", 96 << 20, 11));
    QVERIFY(writeFile(src + "/small.txt", "small\n"));
    RunResult r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), repo, QFile::decodeName(src)});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const Manifest source = makeManifest(src);
    const QStringList packs = treeFiles(repo + QStringLiteral("/data"));
    QCOMPARE(packs.size(), 1);
    const QByteArray pack = enc(repo + QStringLiteral("/data/") + packs.first());

    // A flipped byte in the pack's header: its blobs are intact, and the index knows them.
    QByteArray tail = readFile(pack).right(64);
    QVERIFY(overwriteAt(pack, QFileInfo(QFile::decodeName(pack)).size() - 20,
                        QByteArray(1, char(tail[tail.size() - 20] ^ 0x01))));
    const QString restored = path(QStringLiteral("salvage-restored"));
    r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), repo, QStringLiteral("latest"),
             QStringLiteral("--target"), restored});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(compareManifests(source, makeManifest(enc(restored) + "/salvage-src")), QStringList());
    removeTree(restored);

    // Killed while the blobs are being moved into a new pack (the old code had removed the old
    // index files by then).
    const QSet<QString> packsBefore = repoFiles(repo).packs;
    auto p =
        startCli({QStringLiteral("repair"), QStringLiteral("index"), QStringLiteral("--repo"), repo}, m_env);
    QVERIFY(p->waitForStarted(10000));
    bool killed = false;
    while (!killed && !p->waitForFinished(0)) {
        const RepoFiles now = repoFiles(repo);
        if ((!now.packTemps.isEmpty() || now.packs != packsBefore) &&
            QFileInfo::exists(QFile::decodeName(pack))) {
            ::kill(pid_t(p->processId()), SIGKILL);
            killed = true;
        }
    }
    QVERIFY(p->state() == QProcess::NotRunning || p->waitForFinished(60000));
    QVERIFY2(killed, "the repair ended before the moment to kill it");

    r = cli({QStringLiteral("repair"), QStringLiteral("index"), QStringLiteral("--repo"), repo});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = cli({QStringLiteral("check"), QStringLiteral("--repo"), repo, QStringLiteral("--read-data")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), repo, QStringLiteral("latest"),
             QStringLiteral("--target"), restored});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(compareManifests(source, makeManifest(enc(restored) + "/salvage-src")), QStringList());
}

// A repair killed after it had stored a damaged pack's blobs again, before it removed the
// pack, leaves those blobs in two packs, and the index files name both. The next repair must
// still know what the damaged pack held (it took that from the loaded index, which keeps one
// place per blob, and found nothing: "nothing could be taken from it", exit 7, forever). Found
// by the campaign; here the state is made directly, the copy named last so the loaded index
// places every blob in it.
void TestCliCampaign::repairFindsBlobsOfADamagedPackThatAreAlsoElsewhere()
{
    const QString repoPath = path(QStringLiteral("elsewhere-repo"));
    const QByteArray src = enc(path(QStringLiteral("elsewhere-src")));
    QString error;
    QVERIFY2(initRepo(repoPath, &error), qPrintable(error));
    QVERIFY(QDir().mkpath(QFile::decodeName(src)));
    QVERIFY(writeRandomFile(src + "/data.bin", 300 << 10, 12));
    QVERIFY(writeFile(src + "/small.txt", "small\n"));
    RunResult r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), repoPath, QFile::decodeName(src)});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const Manifest source = makeManifest(src);
    QString originalName;
    {
        auto opened = Repository::open(repoPath, kPassword);
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        Repository &repo = **opened;
        QVERIFY(repo.loadIndex().ok());
        auto packs = repo.backend().list(FileKind::Pack);
        QVERIFY(packs.ok());
        QCOMPARE(packs->size(), 1);
        auto header = repo.readPackTail(packs->first());
        QVERIFY(header.ok());
        std::vector<QByteArray> plain;
        for (const PackedBlob &b : *header) {
            auto loaded = repo.loadBlob(b.id);
            QVERIFY(loaded.ok());
            plain.push_back(*loaded);
        }
        // Stored again as into an empty repository: a second pack with the same blobs.
        const auto oldIndex = repo.indexFiles();
        QVERIFY(oldIndex.ok());
        QVERIFY(repo.loadIndexFiles({}).ok());
        for (std::size_t i = 0; i < plain.size(); ++i)
            QVERIFY(repo.saveBlob((*header)[i].type, (*header)[i].id, plain[i]).ok());
        QVERIFY(repo.flush().ok());
        // One index file naming the original first and the copy after it.
        auto all = repo.backend().list(FileKind::Pack);
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 2);
        std::vector<PackContents> both;
        const FileInfo original = packs->first();
        originalName = original.name;
        for (const FileInfo &f : {original, all->at(all->at(0).name == original.name ? 1 : 0)}) {
            auto blobs = repo.readPackTail(f);
            QVERIFY(blobs.ok());
            both.push_back(PackContents{*BlobId::fromHex(f.name), *blobs});
        }
        const auto indexNow = repo.indexFiles();
        QVERIFY(indexNow.ok());
        QVERIFY(repo.writeSealedFile(FileKind::Index, serializePackList(both)).ok());
        for (const QString &f : *indexNow)
            QVERIFY(repo.backend().remove(FileKind::Index, f).ok());
    }
    r = cli({QStringLiteral("check"), QStringLiteral("--repo"), repoPath, QStringLiteral("--read-data")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));

    // The original's header damaged: its blobs are all in the copy as well.
    const QString original = repoPath + QStringLiteral("/data/%1/%2").arg(originalName.left(2), originalName);
    const qint64 size = QFileInfo(original).size();
    QVERIFY(overwriteAt(enc(original), size - 20,
                        QByteArray(1, char(readFile(enc(original)).at(size - 20) ^ 1))));
    r = cli({QStringLiteral("repair"), QStringLiteral("index"), QStringLiteral("--repo"), repoPath});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(!QFileInfo::exists(original), "the damaged pack is still there");
    r = cli({QStringLiteral("check"), QStringLiteral("--repo"), repoPath, QStringLiteral("--read-data")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QString restoreError;
    QCOMPARE(compareManifests(source, restoredManifest(repoPath, QStringLiteral("latest"), "elsewhere-src",
                                                       &restoreError)),
             QStringList());
    QCOMPARE(restoreError, QString());
}

// Once a damaged pack's blobs are stored again, repair removes the old index files and then
// the pack: the other way round, a kill in between left index files naming a pack that is gone
// (check: "pack ... is missing") until the next repair. Found by the campaign; here a repair
// with many old index files is watched for that moment.
void TestCliCampaign::repairRemovesADamagedPackOnlyOnceNoIndexNamesIt()
{
    const QString repo = path(QStringLiteral("order-repo"));
    const QByteArray src = enc(path(QStringLiteral("order-src")));
    QString error;
    QVERIFY2(initRepo(repo, &error), qPrintable(error));
    QVERIFY(QDir().mkpath(QFile::decodeName(src)));
    QString firstPack;
    for (int i = 0; i < 24; ++i) { // one index file each
        QVERIFY(writeRandomFile(src + "/f" + QByteArray::number(i), 40 << 10, 100 + i));
        const QSet<QString> before = repoFiles(repo).packs;
        const RunResult r =
            cli({QStringLiteral("backup"), QStringLiteral("--repo"), repo, QFile::decodeName(src)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        if (i == 0)
            firstPack = *(repoFiles(repo).packs - before).begin();
    }
    const QSet<QString> oldIndex = finished(repoFiles(repo).index);
    QVERIFY(oldIndex.size() > 10);
    const QString pack = repo + QStringLiteral("/data/") + firstPack;
    const qint64 size = QFileInfo(pack).size();
    QVERIFY(overwriteAt(enc(pack), size - 20, QByteArray(1, char(readFile(enc(pack)).at(size - 20) ^ 1))));

    auto p =
        startCli({QStringLiteral("repair"), QStringLiteral("index"), QStringLiteral("--repo"), repo}, m_env);
    QVERIFY(p->waitForStarted(10000));
    bool packGoneWhileNamed = false;
    while (!p->waitForFinished(0))
        if (!QFileInfo::exists(pack) && !(finished(repoFiles(repo).index) & oldIndex).isEmpty())
            packGoneWhileNamed = true;
    QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0,
             qPrintable(QString::fromUtf8(p->readAllStandardError())));
    QVERIFY2(!packGoneWhileNamed, "the damaged pack was removed while old index files naming it were there");
    QVERIFY(!QFileInfo::exists(pack));
    const RunResult r =
        cli({QStringLiteral("check"), QStringLiteral("--repo"), repo, QStringLiteral("--read-data")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
}

void TestCliCampaign::campaign()
{
    QElapsedTimer wall;
    wall.start();
    setUpBackupLab();
    if (QTest::currentTestFailed())
        return;
    setUpRestoreLab();
    if (QTest::currentTestFailed())
        return;
    setUpRepairLab();
    if (QTest::currentTestFailed())
        return;
    setUpPruneLab();
    if (QTest::currentTestFailed())
        return;
    qInfo("labs set up in %lld ms", wall.elapsed());

    // The kills, as many for each operation, in a random order. A kill drawn after its run had
    // ended sent no signal: the operation gets another turn later, so that the campaign counts
    // m_kills signals that landed (within at most three times as many runs).
    std::vector<Op> plan;
    for (int i = 0; i < m_kills; ++i)
        plan.push_back(m_ops[std::size_t(i) % m_ops.size()]);
    std::shuffle(plan.begin(), plan.end(), m_rng);
    int landed = 0;
    for (m_iteration = 1; m_iteration <= int(plan.size()); ++m_iteration) {
        const int failuresBefore = int(m_failures.size());
        const Op op = plan[std::size_t(m_iteration - 1)];
        const int landedBefore = m_tally[op].landed;
        QElapsedTimer clock;
        clock.start();
        switch (op) {
        case Op::Backup:
            backupIteration();
            break;
        case Op::Restore:
            restoreIteration();
            break;
        case Op::Repair:
            repairIteration();
            break;
        case Op::Prune:
            pruneIteration();
            break;
        }
        m_tally[op].ms += clock.elapsed();
        if (QTest::currentTestFailed())
            return;
        if (m_tally[op].landed > landedBefore)
            ++landed;
        else if (plan.size() < std::size_t(3 * m_kills))
            plan.insert(plan.begin() + uniform(m_rng, m_iteration, qint64(plan.size())), op);
        if (m_failures.size() > failuresBefore) {
            // Start the lab over, so one failure does not cascade into the kills after it.
            Lab &lab = op == Op::Backup    ? m_backup
                       : op == Op::Restore ? m_restore
                       : op == Op::Repair  ? m_repair
                                           : m_prune;
            lab.killsThisEpisode = kEpisode;
        }
        if (m_iteration % 25 == 0)
            qInfo("%d runs, %d of %d kills landed, %lld s, %lld failures", m_iteration, landed, m_kills,
                  wall.elapsed() / 1000, qint64(m_failures.size()));
    }
    verifyPending(m_backup, Op::Backup, QStringLiteral("at the end"));
    verifyPending(m_restore, Op::Restore, QStringLiteral("at the end"));
    verifyPending(m_repair, Op::Repair, QStringLiteral("at the end"));
    verifyPending(m_prune, Op::Prune, QStringLiteral("at the end"));
    printSummary(wall.elapsed());
    QVERIFY2(m_failures.isEmpty(), qPrintable(QStringLiteral("%1 failure(s), seed %2; the first ones:\n%3")
                                                  .arg(m_failures.size())
                                                  .arg(m_seed)
                                                  .arg(m_failures.mid(0, 10).join(QLatin1Char('\n')))));
}

void TestCliCampaign::printSummary(qint64 wallMs)
{
    int landed = 0;
    for (const auto &[op, t] : m_tally)
        landed += t.landed;
    qInfo("kill campaign summary: seed %llu, %d SIGKILLs landed in %d runs, %lld failures, %.1f s", m_seed,
          landed, m_iteration - 1, qint64(m_failures.size()), double(wallMs) / 1000.0);
    for (const Op op : {Op::Backup, Op::Restore, Op::Repair, Op::Prune}) {
        const Tally &t = m_tally[op];
        QString unkilled = QStringLiteral("%1 ms").arg(t.unkilledMs);
        if (t.unkilledMs2)
            unkilled += QStringLiteral(", %1 ms %2")
                            .arg(t.unkilledMs2)
                            .arg(op == Op::Restore ? QStringLiteral("failing and rolling back")
                                 : op == Op::Prune ? QStringLiteral("with --max-unused 0")
                                                   : QStringLiteral("with --read-data"));
        qInfo("  %s: %d runs (%d kills timed from the lock; %d landed while running, %d after the run had "
              "ended), "
              "%d failures; %d version restores compared, %d check --read-data; %.1f s (%.1f s restoring "
              "versions); unkilled run %s",
              qPrintable(opName(op)), t.runs, t.fromLock, t.landed, t.endedFirst, t.failures, t.verified,
              t.readDataChecks, double(t.ms) / 1000.0, double(t.verifyMs) / 1000.0, qPrintable(unkilled));
        for (const auto &[variant, count] : t.variants)
            qInfo("      %4d  run: %s", count, qPrintable(variant));
        for (const auto &[where, count] : t.where)
            qInfo("      %4d  landed: %s", count, qPrintable(where));
        if (t.temporaries)
            qInfo("      %4d  temporaries left right after a kill (.strata-restore-*; the next restore "
                  "removed them)",
                  t.temporaries);
    }
}

int main(int argc, char **argv)
{
    // The campaign is one test function, and QtTest's watchdog ends any that runs past five
    // minutes (QTEST_FUNCTION_TIMEOUT): a thousand kills take a quarter of an hour. ctest's
    // TIMEOUT still bounds the run.
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", QByteArray::number(24 * 3600 * 1000));
    QCoreApplication app(argc, argv);
    TestCliCampaign test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_cli_campaign.moc"
