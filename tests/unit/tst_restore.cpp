// The parallel restore: files written by several threads must come back exactly as a
// sequential restore would bring them (contents, modes, mtimes in nanoseconds, hard links,
// sparse holes), every folder's mtime set after its contents, and a failure or a cancel must
// leave no temp files behind.
#include "engine/BackupJob.h"
#include "engine/Restore.h"
#include "storage/LocalBackend.h"
#include "TestUtil.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace strata;

namespace {

constexpr int kThreads = 4; // more than the cores here, to shake out ordering bugs
// What a whole restore creates: src, g*, d*, files, hard links, sparse files, a symlink, a
// FIFO and the zeros.
constexpr qint64 kEntries = 1 + 3 + 12 + 12 * 25 + 11 + 2 + 1 + 1 + 1;

QByteArray bytes(const QString &path)
{
    return QFile::encodeName(path);
}

void writeFile(const QString &path, const QByteArray &data, int mode = 0644)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(data);
    f.close();
    ::chmod(bytes(path).constData(), mode_t(mode));
}

void setMtime(const QString &path, qint64 ns)
{
    const timespec t{time_t(ns / 1000000000), long(ns % 1000000000)};
    const timespec times[2] = {t, t};
    if (::utimensat(AT_FDCWD, bytes(path).constData(), times, AT_SYMLINK_NOFOLLOW) != 0)
        qFatal("cannot set the mtime of %s", qPrintable(path));
}

struct stat statOf(const QString &path)
{
    struct stat st
    {};
    if (::lstat(bytes(path).constData(), &st) != 0)
        qFatal("cannot stat %s", qPrintable(path));
    return st;
}

// As text: exact at any range, and readable in a failed comparison.
QString mtimeNs(const struct stat &st)
{
    return Timestamp::fromTimespec(st.st_mtim).nsText();
}

} // namespace

class TestRestore final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::shared_ptr<Repository> m_repo;
    QString m_src;
    QString m_snapshot;

    RestoreParams params(const QString &target) const
    {
        RestoreParams p;
        p.repo = m_repo;
        p.plan.snapshot = m_snapshot;
        p.plan.target = target;
        p.threads = kThreads;
        return p;
    }

    // Rows for the two ways new files are written: unnamed (O_TMPFILE) and linked in, or under
    // a temporary name where that is not possible.
    static void addWritePaths()
    {
        using NewFiles = RestoreTestHooks::NewFiles;
        QTest::addColumn<NewFiles>("newFiles");
        QTest::addColumn<QString>("suffix"); // of the target folder
        QTest::newRow("unnamed files") << NewFiles::Unnamed << QString();
        QTest::newRow("unnamed files named through /proc")
            << NewFiles::UnnamedByProc << QStringLiteral("-proc");
        QTest::newRow("named temp files") << NewFiles::NamedTemp << QStringLiteral("-named");
    }

    static RestoreResult run(const RestoreParams &p)
    {
        RestoreJob job(p);
        job.runHere();
        return job.result();
    }

    RestoreResult restore(const QString &target, qint64 failAfter = -1, bool cancelOnProgress = false)
    {
        RestoreParams p = params(target);
        p.hooks.failAfterFiles = failAfter;
        RestoreJob job(p);
        if (cancelOnProgress)
            connect(
                &job, &Job::progress, &job,
                [&job](const Progress &pr) {
                    if (pr.phase == Phase::Restoring)
                        job.cancel();
                },
                Qt::DirectConnection);
        job.runHere();
        return job.result();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        Repository::InitOptions o;
        o.kdf = KdfParams{1, 8u << 20};
        auto r = Repository::init(std::make_unique<LocalBackend>(m_tmp->filePath(QStringLiteral("repo"))),
                                  QStringLiteral("pw"), o);
        QVERIFY(r.ok());
        m_repo = *r;

        // 12 folders of 25 files (some several chunks long), nested two deep, with hard links
        // across folders, a sparse file, a read-only folder and odd modes; folder mtimes are
        // set last, with nanoseconds.
        m_src = m_tmp->filePath(QStringLiteral("src"));
        qint64 stamp = 1600000000LL * 1000000000 + 123456789;
        for (int d = 0; d < 12; ++d) {
            const QString dir = m_src + QStringLiteral("/g%1/d%2").arg(d % 3).arg(d);
            QVERIFY(QDir().mkpath(dir));
            for (int f = 0; f < 25; ++f) {
                const QString file = dir + QStringLiteral("/f%1").arg(f);
                const int size = f == 0 ? 3 * 1024 * 1024 + d : 100 + 37 * f * d;
                QByteArray data(size, Qt::Uninitialized);
                for (int i = 0; i < size; ++i)
                    data[i] = char((i * 131 + f * 7 + d * 13) ^ (i >> 9));
                writeFile(file, data, f % 5 == 0 ? 0600 : 0644);
                setMtime(file, stamp += 1000003);
            }
            if (d > 0)
                QVERIFY(::link(bytes(m_src + QStringLiteral("/g0/d0/f1")).constData(),
                               bytes(dir + QStringLiteral("/link-to-d0-f1")).constData()) == 0);
        }
        {
            const QString sparse = m_src + QStringLiteral("/g1/d1/sparse");
            const int fd = ::open(bytes(sparse).constData(), O_CREAT | O_WRONLY, 0644);
            QVERIFY(fd >= 0);
            QVERIFY(::pwrite(fd, "head", 4, 0) == 4);
            QVERIFY(::pwrite(fd, "tail", 4, 6 * 1024 * 1024) == 4);
            ::close(fd);
            // And one that ends in a hole: its size comes from ftruncate alone.
            const int fd2 = ::open(bytes(m_src + QStringLiteral("/g1/d4/sparse-end")).constData(),
                                   O_CREAT | O_WRONLY, 0644);
            QVERIFY(fd2 >= 0);
            QVERIFY(::pwrite(fd2, "head", 4, 0) == 4);
            QVERIFY(::ftruncate(fd2, 5 * 1024 * 1024 + 3) == 0);
            ::close(fd2);
        }
        // A symlink and a FIFO, created by the walk itself.
        QVERIFY(::symlink("f1", bytes(m_src + QStringLiteral("/g0/d0/sym")).constData()) == 0);
        QVERIFY(::mkfifo(bytes(m_src + QStringLiteral("/g2/d8/pipe")).constData(), 0640) == 0);
        // Equal chunks one after the other: the same blob written three times.
        writeFile(m_src + QStringLiteral("/g2/d2/zeros"), QByteArray(12 * 1024 * 1024 + 5, '\0'));
        ::chmod(bytes(m_src + QStringLiteral("/g2/d5")).constData(), 0555);
        const auto dirs = {QStringLiteral("/g0"), QStringLiteral("/g1"), QStringLiteral("/g2"), QString()};
        for (int d = 0; d < 12; ++d)
            setMtime(m_src + QStringLiteral("/g%1/d%2").arg(d % 3).arg(d), stamp += 7777777);
        for (const QString &g : dirs)
            setMtime(m_src + g, stamp += 5555555);

        BackupParams bp;
        bp.repo = m_repo;
        bp.paths = {m_src};
        BackupJob backup(bp);
        backup.runHere();
        QVERIFY(backup.result().status.ok());
        m_snapshot = backup.result().snapshot.id;
    }

    void cleanupTestCase()
    {
        // The read-only folders would stop QTemporaryDir from cleaning up.
        QDirIterator it(m_tmp->path(), QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext())
            ::chmod(bytes(it.next()).constData(), 0755);
    }

    // New files are written unnamed and linked in (O_TMPFILE); where that is not possible,
    // under a temporary name. Both must give the same tree.
    void severalThreadsRestoreEverythingFaithfully_data() { addWritePaths(); }

    void severalThreadsRestoreEverythingFaithfully()
    {
        QFETCH(RestoreTestHooks::NewFiles, newFiles);
        QFETCH(QString, suffix);
        const QString target = m_tmp->filePath(QStringLiteral("full") + suffix);
        RestoreParams p = params(target);
        p.hooks.newFiles = newFiles;
        const int fdsBefore = test::openFileDescriptors();
        const RestoreResult r = run(p);
        QVERIFY2(r.status.ok(), qPrintable(r.status.ok() ? QString() : r.status.error().message));
        QCOMPARE(r.done.create, kEntries);
        m_repo->backend().closeOpenFiles();               // packs stay open for the next restore
        QCOMPARE(test::openFileDescriptors(), fdsBefore); // and the folders held open are closed

        const QString out = target + QStringLiteral("/src");
        QDirIterator it(m_src, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                        QDirIterator::Subdirectories);
        int compared = 0;
        while (it.hasNext()) {
            const QString orig = it.next();
            const QString copy = out + orig.mid(m_src.size());
            const struct stat a = statOf(orig), b = statOf(copy);
            QCOMPARE(b.st_mode, a.st_mode);
            QCOMPARE(mtimeNs(b), mtimeNs(a)); // folders too: set after their contents
            if (S_ISLNK(a.st_mode)) {
                QCOMPARE(QFile::symLinkTarget(copy), out + QStringLiteral("/g0/d0/f1"));
            } else if (S_ISREG(a.st_mode)) {
                QFile fa(orig), fb(copy);
                QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
                QVERIFY2(fa.readAll() == fb.readAll(), qPrintable(copy));
            }
            ++compared;
        }
        QCOMPARE(compared, kEntries - 1); // all but src itself
        QCOMPARE(mtimeNs(statOf(out)), mtimeNs(statOf(m_src)));

        // One inode for all the hard links; holes stay holes.
        const ino_t linked = statOf(out + QStringLiteral("/g0/d0/f1")).st_ino;
        for (int d = 1; d < 12; ++d)
            QCOMPARE(statOf(out + QStringLiteral("/g%1/d%2/link-to-d0-f1").arg(d % 3).arg(d)).st_ino, linked);
        for (const QString &name : {QStringLiteral("/g1/d1/sparse"), QStringLiteral("/g1/d4/sparse-end")}) {
            const struct stat sparse = statOf(out + name);
            QCOMPARE(sparse.st_size, statOf(m_src + name).st_size);
            QVERIFY(qint64(sparse.st_blocks) * 512 < sparse.st_size);
        }
        QVERIFY(strata::test::leftoverTemporaries(target).isEmpty());
    }

    // A file that another program puts where the restore was about to create a file, link or
    // FIFO is never replaced: it stays as it is, the entry counts as skipped and a warning says why.
    void somethingThatAppearsMeanwhileIsLeftAlone_data() { addWritePaths(); }

    void somethingThatAppearsMeanwhileIsLeftAlone()
    {
        QFETCH(RestoreTestHooks::NewFiles, newFiles);
        QFETCH(QString, suffix);
        const QString target = m_tmp->filePath(QStringLiteral("appear") + suffix);
        const QString file = target + QStringLiteral("/src/g1/d4/f3"); // written by a writer thread
        // The others are made by the walk.
        const QStringList inTheWay{file, target + QStringLiteral("/src/g0/d3/link-to-d0-f1"),
                                   target + QStringLiteral("/src/g0/d0/sym"),
                                   target + QStringLiteral("/src/g2/d8/pipe")};
        RestoreParams p = params(target);
        p.hooks.newFiles = newFiles;
        std::atomic<int> intruded{0};
        p.hooks.beforePlacing = [&](const QByteArray &dest) {
            if (inTheWay.contains(QFile::decodeName(dest))) {
                writeFile(QFile::decodeName(dest), "the user's own");
                intruded++;
            }
        };
        const RestoreResult r = run(p);
        QVERIFY2(r.status.ok(), qPrintable(r.status.ok() ? QString() : r.status.error().message));
        QCOMPARE(intruded.load(), 4);
        for (const QString &path : inTheWay) {
            QVERIFY2(S_ISREG(statOf(path).st_mode), qPrintable(path));
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), QByteArray("the user's own"));
        }
        QCOMPARE(r.done.skip, 4);
        QCOMPARE(r.done.create, kEntries - 4);
        QCOMPARE(r.warnings.filter(QStringLiteral("appeared while the restore ran")).size(), 4);
        // Everything else came back.
        QFile other(target + QStringLiteral("/src/g1/d4/f4")), orig(m_src + QStringLiteral("/g1/d4/f4"));
        QVERIFY(other.open(QIODevice::ReadOnly) && orig.open(QIODevice::ReadOnly));
        QCOMPARE(other.readAll(), orig.readAll());
        QVERIFY(strata::test::leftoverTemporaries(target).isEmpty());
    }

    // A version from another machine: owners by the recorded names where this machine has
    // them, by number where it does not, and always by number with numericOwner.
    void ownersAreRestoredByRecordedName_data()
    {
        QTest::addColumn<bool>("numeric");
        QTest::newRow("by name") << false;
        QTest::newRow("--numeric-owner") << true;
    }
    void ownersAreRestoredByRecordedName()
    {
        QFETCH(bool, numeric);
        if (!strata::test::isRoot())
            QSKIP("only root gives files to other owners");
        const QByteArray content = "from elsewhere\n";
        const BlobId blob = m_repo->blobId(content);
        QVERIFY(m_repo->saveBlob(BlobType::Data, blob, content).ok());
        auto file = [&](const QByteArray &name, const QByteArray &user, const QByteArray &group) {
            Node n;
            n.name = name;
            n.type = NodeType::File;
            n.mode = 0644;
            n.uid = 4321;
            n.gid = 5432;
            n.user = user;
            n.group = group;
            n.size = quint64(content.size());
            n.mtime = Timestamp{1700000000, 5};
            n.content = {blob};
            n.chunkSizes = {quint32(content.size())};
            return n;
        };
        Tree inner;
        inner.nodes = {file("known", "root", "root"),
                       file("unknown", "strata-no-such-user", "strata-no-such-group")};
        auto innerId = m_repo->saveTree(inner);
        QVERIFY(innerId.ok());
        Node dir;
        dir.name = "elsewhere";
        dir.type = NodeType::Directory;
        dir.mode = 0755;
        dir.subtree = *innerId;
        Tree root;
        root.nodes = {dir};
        auto rootId = m_repo->saveTree(root);
        QVERIFY(rootId.ok());
        QVERIFY(m_repo->flush().ok());
        Snapshot snap;
        snap.time = QDateTime::currentDateTimeUtc();
        snap.host = QStringLiteral("other-machine");
        snap.paths = {QStringLiteral("/elsewhere")};
        snap.rawPaths = {"/elsewhere"};
        snap.tree = *rootId;
        QVERIFY(m_repo->saveSnapshot(snap).ok());

        RestoreParams p =
            params(m_tmp->filePath(numeric ? QStringLiteral("owners-n") : QStringLiteral("owners")));
        p.plan.snapshot = snap.id;
        p.plan.numericOwner = numeric;
        const RestoreResult r = run(p);
        QVERIFY2(r.status.ok(), qPrintable(r.status.ok() ? QString() : r.status.error().message));
        const struct stat known = statOf(p.plan.target + QStringLiteral("/elsewhere/known"));
        const struct stat unknown = statOf(p.plan.target + QStringLiteral("/elsewhere/unknown"));
        QCOMPARE(known.st_uid, numeric ? uid_t(4321) : uid_t(0));
        QCOMPARE(known.st_gid, numeric ? gid_t(5432) : gid_t(0));
        QCOMPARE(unknown.st_uid, uid_t(4321));
        QCOMPARE(unknown.st_gid, gid_t(5432));
    }

    void failureAfterSomeFilesRemovesWhatItCreated()
    {
        const QString target = m_tmp->filePath(QStringLiteral("failing"));
        const RestoreResult r = restore(target, 7);
        QVERIFY(!r.status.ok());
        QVERIFY(r.status.error().message.contains(QStringLiteral("simulated failure")));
        QVERIFY(r.done.create <= 1 + 3 + 12 + 7); // never more files than the hook allows
        QVERIFY(strata::test::leftoverTemporaries(target).isEmpty());
        QDirIterator it(target, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        QVERIFY2(!it.hasNext(), "files created by the failed restore are left"); // rolled back
    }

    void cancelEndsWithoutTempFiles()
    {
        const QString target = m_tmp->filePath(QStringLiteral("cancelled"));
        const RestoreResult r = restore(target, -1, true);
        QVERIFY(!r.status.ok());
        QCOMPARE(r.status.error().code, ErrorCode::Cancelled);
        QVERIFY(r.done.create < kEntries);
        QVERIFY(strata::test::leftoverTemporaries(target).isEmpty());
    }

    // Last: it edits the source. Cancelling an in-place restore must still put back what it
    // replaced; the rollback itself does not stop for the cancel.
    void cancelledInPlaceRestoreIsRolledBack()
    {
        const QString edited = m_src + QStringLiteral("/g1/d4/f3");
        writeFile(edited, "edited after the backup");
        const RestoreResult r = restore(QString(), -1, true);
        QVERIFY(!r.status.ok());
        QCOMPARE(r.status.error().code, ErrorCode::Cancelled);
        QVERIFY(!r.safetySnapshot.isEmpty());
        QVERIFY2(r.rolledBack, qPrintable(r.status.error().message));
        QFile f(edited);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("edited after the backup"));
        QVERIFY(strata::test::leftoverTemporaries(m_src).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRestore)
#include "tst_restore.moc"
