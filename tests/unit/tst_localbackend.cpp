// Tests the local folder backend and openBackend(): layout, atomic replacement, ranged reads,
// listing (temp and hidden files ignored), errors, and concurrent writers.
#include "storage/Backend.h"
#include "storage/LocalBackend.h"
#include "TestUtil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtConcurrent>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <vector>

#include <fcntl.h>
#include <linux/magic.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

using namespace strata;

namespace {

// A 64-hex-digit name like a pack id, its first two digits varying with i.
QString hexName(int i)
{
    return QStringLiteral("%1%2").arg(i % 256, 2, 16, QLatin1Char('0')).arg(i, 62, 16, QLatin1Char('0'));
}

QStringList names(const QList<FileInfo> &files)
{
    QStringList out;
    for (const FileInfo &f : files)
        out.append(f.name);
    out.sort();
    return out;
}

bool writeRaw(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// Whether files in `dir` can be written past the page cache: direct I/O opens, and the file
// system is not tmpfs (whose page cache is the storage itself).
bool directIoWorks(const QString &dir)
{
    struct statfs fs
    {};
    if (::statfs(QFile::encodeName(dir).constData(), &fs) != 0 || fs.f_type == TMPFS_MAGIC)
        return false;
    const QByteArray probe = QFile::encodeName(dir + QStringLiteral("/direct-probe"));
    const int fd = ::open(probe.constData(), O_WRONLY | O_CREAT | O_DIRECT, 0600);
    if (fd < 0)
        return false;
    ::close(fd);
    ::unlink(probe.constData());
    return true;
}

// The share of a file's pages that are in the page cache (mincore).
double residentShare(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    struct stat st
    {};
    if (fd < 0 || ::fstat(fd, &st) != 0 || st.st_size == 0)
        return -1;
    void *map = ::mmap(nullptr, std::size_t(st.st_size), PROT_READ, MAP_SHARED, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED)
        return -1;
    const long page = ::sysconf(_SC_PAGESIZE);
    std::vector<unsigned char> vec(std::size_t((st.st_size + page - 1) / page));
    const int rc = ::mincore(map, std::size_t(st.st_size), vec.data());
    ::munmap(map, std::size_t(st.st_size));
    if (rc != 0)
        return -1;
    const auto resident = std::count_if(vec.begin(), vec.end(), [](unsigned char v) { return v & 1; });
    return double(resident) / double(vec.size());
}

} // namespace

class TestLocalBackend final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_root;
    std::unique_ptr<LocalBackend> m_backend;

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_tmp.isValid());
        m_root = m_tmp.filePath(QStringLiteral("repo-%1").arg(QTest::currentTestFunction()));
        m_backend = std::make_unique<LocalBackend>(m_root);
    }

    void createAndExists()
    {
        auto before = m_backend->exists();
        QVERIFY(before.ok());
        QVERIFY(!*before); // the folder does not even exist
        QVERIFY(m_backend->create().ok());
        for (const char *sub : {"keys", "data", "index", "snapshots", "locks"})
            QVERIFY2(QFileInfo(m_root + u'/' + QLatin1String(sub)).isDir(), sub);
        // Folders alone are not a repository: the config makes it one.
        QVERIFY(!m_backend->exists().value());
        QVERIFY(m_backend->write(FileKind::Config, QStringLiteral("config"), "{}").ok());
        QVERIFY(m_backend->exists().value());
        QVERIFY(QFileInfo(m_root + QLatin1String("/config")).isFile());
        // A second create() must not clobber an existing repository.
        auto again = m_backend->create();
        QVERIFY(!again.ok());
        QVERIFY(again.error().message.contains(m_root));
        QCOMPARE(m_backend->read(FileKind::Config, {}, 0, -1).value(), QByteArray("{}"));
        QCOMPARE(m_backend->location(), m_root);
    }

    void layout()
    {
        QVERIFY(m_backend->create().ok());
        const QString pack = QStringLiteral("3fa2") + QString(60, u'0');
        QCOMPARE(m_backend->pathOf(FileKind::Pack, pack), m_root + QLatin1String("/data/3f/") + pack);
        QCOMPARE(m_backend->pathOf(FileKind::Key, QStringLiteral("k1")), m_root + QLatin1String("/keys/k1"));
        QCOMPARE(m_backend->pathOf(FileKind::Index, QStringLiteral("i1")),
                 m_root + QLatin1String("/index/i1"));
        QCOMPARE(m_backend->pathOf(FileKind::Snapshot, QStringLiteral("s1")),
                 m_root + QLatin1String("/snapshots/s1"));
        QCOMPARE(m_backend->pathOf(FileKind::Lock, QStringLiteral("l1")),
                 m_root + QLatin1String("/locks/l1"));
        QCOMPARE(m_backend->pathOf(FileKind::Config, {}), m_root + QLatin1String("/config"));

        QVERIFY(m_backend->write(FileKind::Pack, pack, "pack data").ok());
        // Key files are readable by their owner only; they invite offline password guessing.
        QVERIFY(m_backend->write(FileKind::Key, QStringLiteral("k1"), "wrapped").ok());
        QCOMPARE(QFileInfo(m_backend->pathOf(FileKind::Key, QStringLiteral("k1"))).permissions() &
                     (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());
        QFile f(m_root + QLatin1String("/data/3f/") + pack);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("pack data"));
    }

    void writeReadRangeSize()
    {
        QVERIFY(m_backend->create().ok());
        QByteArray data(100000, Qt::Uninitialized);
        for (int i = 0; i < data.size(); ++i)
            data[i] = char(i * 31 + 7);
        const QString name = QStringLiteral("ab12");
        QVERIFY(m_backend->write(FileKind::Pack, name, data).ok());
        QCOMPARE(m_backend->read(FileKind::Pack, name, 0, -1).value(), data);
        QCOMPARE(m_backend->read(FileKind::Pack, name, 0, data.size()).value(), data);
        QCOMPARE(m_backend->read(FileKind::Pack, name, 1000, 500).value(), data.mid(1000, 500));
        QCOMPARE(m_backend->read(FileKind::Pack, name, 99990, -1).value(), data.mid(99990));
        QCOMPARE(m_backend->read(FileKind::Pack, name, data.size(), -1).value(), QByteArray());
        QCOMPARE(m_backend->read(FileKind::Pack, name, 5, 0).value(), QByteArray());
        QCOMPARE(m_backend->size(FileKind::Pack, name).value(), data.size());

        // Empty files are files too.
        QVERIFY(m_backend->write(FileKind::Index, QStringLiteral("empty"), QByteArray()).ok());
        QCOMPARE(m_backend->size(FileKind::Index, QStringLiteral("empty")).value(), 0);
        QCOMPARE(m_backend->read(FileKind::Index, QStringLiteral("empty"), 0, -1).value(), QByteArray());
    }

    // Packs of 1 MiB and more are written past the page cache where the file system allows
    // it, with the tail that is not a whole 4 KiB block written normally; tmpfs, which refuses
    // direct I/O, takes the ordinary path. Every size must read back exactly.
    void largeFilesRoundTrip_data()
    {
        QTest::addColumn<QString>("where");
        QTest::addColumn<qsizetype>("size");
        const QString shm = QStringLiteral("/dev/shm");
        for (const QString &where : {QString(), shm}) {
            const char *fs = where.isEmpty() ? "tmp" : "shm";
            for (qsizetype size : {qsizetype(1) << 20, (qsizetype(1) << 20) + 1, (qsizetype(3) << 20) - 1,
                                   (qsizetype(16) << 20) + 123, qsizetype(1000)})
                QTest::addRow("%s-%lld", fs, qint64(size)) << where << size;
        }
    }

    void largeFilesRoundTrip()
    {
        QFETCH(QString, where);
        QFETCH(qsizetype, size);
        std::unique_ptr<QTemporaryDir> shm;
        LocalBackend *backend = m_backend.get();
        std::unique_ptr<LocalBackend> own;
        if (!where.isEmpty()) {
            shm = std::make_unique<QTemporaryDir>(where + QStringLiteral("/strata-test-XXXXXX"));
            QVERIFY(shm->isValid());
            own = std::make_unique<LocalBackend>(shm->filePath(QStringLiteral("repo")));
            backend = own.get();
        }
        QVERIFY(backend->create().ok());
        QByteArray data(size, Qt::Uninitialized);
        quint32 x = 2463534242u;
        for (qsizetype i = 0; i < size; ++i) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            data[i] = char(x);
        }
        const QString name = QStringLiteral("cd34");
        QVERIFY(backend->write(FileKind::Pack, name, data).ok());
        QCOMPARE(backend->size(FileKind::Pack, name).value(), size);
        if (size >= (1 << 20) && directIoWorks(backend->location())) {
            // The point of it: the blocks did not go through the page cache.
            const QString file =
                backend->location() + QStringLiteral("/data/") + name.left(2) + QLatin1Char('/') + name;
            const double resident = residentShare(file);
            QVERIFY2(resident < 0.5,
                     qPrintable(QStringLiteral("%1 of the pack is in the page cache").arg(resident)));
        }
        QVERIFY(backend->read(FileKind::Pack, name, 0, -1).value() == data);
        // Replacing it works the same way.
        data[size / 2] = char(data[size / 2] ^ 0x55);
        QVERIFY(backend->write(FileKind::Pack, name, data).ok());
        QVERIFY(backend->read(FileKind::Pack, name, 0, -1).value() == data);
    }

    void shortRead()
    {
        QVERIFY(m_backend->create().ok());
        QVERIFY(m_backend->write(FileKind::Snapshot, QStringLiteral("s"), QByteArray(100, 'x')).ok());
        for (auto [offset, length] : {std::pair<qint64, qint64>{0, 101}, {50, 51}, {101, -1}, {200, 1}}) {
            auto r = m_backend->read(FileKind::Snapshot, QStringLiteral("s"), offset, length);
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, ErrorCode::Corrupt);
            QVERIFY2(r.error().message.contains(QLatin1String("shorter than expected")),
                     qPrintable(r.error().message));
            QVERIFY(r.error().message.contains(m_root));
        }
        auto negative = m_backend->read(FileKind::Snapshot, QStringLiteral("s"), -1, 10);
        QVERIFY(!negative.ok());
        QCOMPARE(negative.error().code, ErrorCode::InvalidArgument);
    }

    void notFound()
    {
        QVERIFY(m_backend->create().ok());
        auto r = m_backend->read(FileKind::Index, QStringLiteral("missing"), 0, -1);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::NotFound);
        QVERIFY(r.error().message.contains(QLatin1String("missing")));
        QCOMPARE(m_backend->read(FileKind::Pack, QStringLiteral("ffee"), 0, 10).error().code,
                 ErrorCode::NotFound);
        QCOMPARE(m_backend->size(FileKind::Key, QStringLiteral("nokey")).error().code, ErrorCode::NotFound);
        QCOMPARE(m_backend->remove(FileKind::Lock, QStringLiteral("nolock")).error().code,
                 ErrorCode::NotFound);
        QCOMPARE(m_backend->read(FileKind::Config, {}, 0, -1).error().code, ErrorCode::NotFound);
    }

    void listing()
    {
        QVERIFY(m_backend->create().ok());
        QVERIFY(m_backend->list(FileKind::Pack).value().isEmpty());
        QVERIFY(m_backend->list(FileKind::Config).value().isEmpty());

        QStringList packs;
        for (int i = 0; i < 20; ++i) {
            packs.append(hexName(i * 37));
            QVERIFY(m_backend->write(FileKind::Pack, packs.last(), QByteArray(i, 'p')).ok());
        }
        packs.sort();
        QVERIFY(m_backend->write(FileKind::Index, QStringLiteral("i1"), "index one").ok());
        QVERIFY(m_backend->write(FileKind::Index, QStringLiteral("i2"), "two").ok());
        QVERIFY(m_backend->write(FileKind::Key, QStringLiteral("k"), "key").ok());
        QVERIFY(m_backend->write(FileKind::Config, QStringLiteral("config"), "cfg").ok());

        // Leftovers of a crashed writer, hidden files of file managers, stray folders.
        QVERIFY(writeRaw(m_root + QLatin1String("/index/.tmp-deadbeef"), "partial"));
        QVERIFY(writeRaw(m_root + QLatin1String("/index/.DS_Store"), "junk"));
        QVERIFY(QDir(m_root).mkpath(QStringLiteral("index/subfolder")));
        QVERIFY(writeRaw(
            m_root + QLatin1String("/data/") + packs.first().left(2) + QLatin1String("/.tmp-1234"), "x"));

        const QList<FileInfo> packList = m_backend->list(FileKind::Pack).value();
        QCOMPARE(names(packList), packs);
        for (const FileInfo &f : packList)
            QCOMPARE(f.size, m_backend->size(FileKind::Pack, f.name).value());

        const QList<FileInfo> indexList = m_backend->list(FileKind::Index).value();
        QCOMPARE(names(indexList), QStringList({QStringLiteral("i1"), QStringLiteral("i2")}));
        for (const FileInfo &f : indexList)
            QCOMPARE(f.size, f.name == QLatin1String("i1") ? 9 : 3);
        QCOMPARE(names(m_backend->list(FileKind::Key).value()), QStringList{QStringLiteral("k")});
        QCOMPARE(m_backend->list(FileKind::Snapshot).value().size(), 0);
        const QList<FileInfo> config = m_backend->list(FileKind::Config).value();
        QCOMPARE(config.size(), 1);
        QCOMPARE(config.first().size, 3);

        // A folder lost by a copy that drops empty folders lists as empty and is recreated.
        QVERIFY(QDir(m_root + QLatin1String("/locks")).removeRecursively());
        QCOMPARE(m_backend->list(FileKind::Lock).value().size(), 0);
        QVERIFY(m_backend->write(FileKind::Lock, QStringLiteral("l"), "lock").ok());
        QCOMPARE(names(m_backend->list(FileKind::Lock).value()), QStringList{QStringLiteral("l")});
    }

    void remove()
    {
        QVERIFY(m_backend->create().ok());
        QVERIFY(m_backend->write(FileKind::Lock, QStringLiteral("l1"), "a").ok());
        QVERIFY(m_backend->write(FileKind::Lock, QStringLiteral("l2"), "b").ok());
        QVERIFY(m_backend->remove(FileKind::Lock, QStringLiteral("l1")).ok());
        QCOMPARE(names(m_backend->list(FileKind::Lock).value()), QStringList{QStringLiteral("l2")});
        QCOMPARE(m_backend->read(FileKind::Lock, QStringLiteral("l1"), 0, -1).error().code,
                 ErrorCode::NotFound);
        QVERIFY(!m_backend->remove(FileKind::Lock, QStringLiteral("l1")).ok());
    }

    // Reads keep recent packs open. Deleting a pack through the backend, or writing it again
    // (a damaged copy replaced), must not leave reads on the old file; many packs read in turn
    // (more than stay open) all read right; and the descriptors are not leaked.
    void openPacksFollowRemovesAndRewrites()
    {
        QVERIFY(m_backend->create().ok());
        const auto packName = [](int i) { return QStringLiteral("%1").arg(i, 64, 16, QLatin1Char('0')); };
        const auto fds = test::openFileDescriptors;
        const qsizetype fdsBefore = fds();
        for (int i = 0; i < 40; ++i)
            QVERIFY(
                m_backend->write(FileKind::Pack, packName(i), QByteArray(100 + i, char('a' + i % 26))).ok());
        for (int round = 0; round < 2; ++round)
            for (int i = 0; i < 40; ++i) {
                auto r = m_backend->read(FileKind::Pack, packName(i), 1, 10);
                QVERIFY(r.ok());
                QCOMPARE(*r, QByteArray(10, char('a' + i % 26)));
                QCOMPARE(m_backend->read(FileKind::Pack, packName(i), 95 + i, 6).error().code,
                         ErrorCode::Corrupt);
            }
        QVERIFY(fds() <= fdsBefore + 16);
        m_backend->closeOpenFiles();
        QCOMPARE(fds(), fdsBefore);

        const QString name = packName(39);
        QVERIFY(m_backend->read(FileKind::Pack, name, 0, -1).ok());
        QVERIFY(m_backend->write(FileKind::Pack, name, QByteArray(7, 'z')).ok());
        QCOMPARE(m_backend->read(FileKind::Pack, name, 0, -1).value(), QByteArray(7, 'z'));
        QVERIFY(m_backend->remove(FileKind::Pack, name).ok());
        QCOMPARE(m_backend->read(FileKind::Pack, name, 0, -1).error().code, ErrorCode::NotFound);
    }

    // readInto fills a caller's buffer and keeps its memory from one file to the next.
    void readIntoReusesTheBuffer()
    {
        QVERIFY(m_backend->create().ok());
        const QString big = QString(64, QLatin1Char('b')), small = QString(64, QLatin1Char('c'));
        QVERIFY(m_backend->write(FileKind::Pack, big, QByteArray(1 << 20, 'B')).ok());
        QVERIFY(m_backend->write(FileKind::Pack, small, QByteArray(1000, 'C')).ok());
        QByteArray buffer;
        QVERIFY(m_backend->readInto(FileKind::Pack, big, 0, -1, buffer).ok());
        QCOMPARE(buffer, QByteArray(1 << 20, 'B'));
        const char *memory = buffer.constData();
        QVERIFY(m_backend->readInto(FileKind::Pack, small, 10, -1, buffer).ok());
        QCOMPARE(buffer, QByteArray(990, 'C'));
        QVERIFY(m_backend->readInto(FileKind::Pack, big, 5, 100, buffer).ok());
        QCOMPARE(buffer, QByteArray(100, 'B'));
        QCOMPARE(buffer.constData(), memory); // never reallocated
        QCOMPARE(m_backend->readInto(FileKind::Pack, small, 900, 200, buffer).error().code,
                 ErrorCode::Corrupt);
    }

    void replaceIsAtomic()
    {
        QVERIFY(m_backend->create().ok());
        const QString name = QStringLiteral("snap");
        QVERIFY(m_backend->write(FileKind::Snapshot, name, QByteArray(5000, 'a')).ok());
        // Hold the old file open: an in-place rewrite would change what this reader sees,
        // a rename leaves it the complete old content.
        QFile old(m_backend->pathOf(FileKind::Snapshot, name));
        QVERIFY(old.open(QIODevice::ReadOnly));
        struct stat before
        {};
        QCOMPARE(::stat(QFile::encodeName(old.fileName()).constData(), &before), 0);

        QVERIFY(m_backend->write(FileKind::Snapshot, name, QByteArray(10, 'b')).ok());
        QCOMPARE(old.readAll(), QByteArray(5000, 'a'));
        QCOMPARE(m_backend->read(FileKind::Snapshot, name, 0, -1).value(), QByteArray(10, 'b'));
        struct stat after
        {};
        QCOMPARE(::stat(QFile::encodeName(old.fileName()).constData(), &after), 0);
        QVERIFY(before.st_ino != after.st_ino); // a new file was renamed over the name
        // No temp file is left behind.
        const QStringList left =
            QDir(m_root + QLatin1String("/snapshots")).entryList(QDir::Files | QDir::Hidden);
        QCOMPARE(left, QStringList{name});
    }

    void concurrentReadersNeverSeePartialFiles()
    {
        QVERIFY(m_backend->create().ok());
        const QString name = QStringLiteral("shared");
        const QByteArray a(256 * 1024, 'a'), b(256 * 1024, 'b');
        QVERIFY(m_backend->write(FileKind::Index, name, a).ok());
        std::atomic<bool> stop{false};
        std::atomic<int> bad{0}, reads{0};
        QFuture<void> reader = QtConcurrent::run([&] {
            while (!stop) {
                auto r = m_backend->read(FileKind::Index, name, 0, -1);
                if (!r.ok() || (*r != a && *r != b))
                    ++bad;
                ++reads;
            }
        });
        for (int i = 0; i < 40; ++i)
            QVERIFY(m_backend->write(FileKind::Index, name, i % 2 ? a : b).ok());
        stop = true;
        reader.waitForFinished();
        QVERIFY(reads > 0);
        QCOMPARE(bad.load(), 0);
    }

    void concurrentWriters()
    {
        QVERIFY(m_backend->create().ok());
        QList<int> ids;
        for (int i = 0; i < 200; ++i)
            ids.append(i);
        QThreadPool pool;
        pool.setMaxThreadCount(4);
        std::atomic<int> failures{0};
        // Many writers creating the same data/<xx> folders at once.
        QtConcurrent::blockingMap(&pool, ids, [&](int i) {
            if (!m_backend->write(FileKind::Pack, hexName(i), QByteArray::number(i)).ok())
                ++failures;
        });
        QCOMPARE(failures.load(), 0);
        const QList<FileInfo> packs = m_backend->list(FileKind::Pack).value();
        QCOMPARE(packs.size(), 200);
        for (int i : {0, 57, 199})
            QCOMPARE(m_backend->read(FileKind::Pack, hexName(i), 0, -1).value(), QByteArray::number(i));
    }

    void badNames()
    {
        QVERIFY(m_backend->create().ok());
        for (const QString &bad :
             {QString(), QStringLiteral("../config"), QStringLiteral("a/b"), QStringLiteral(".."),
              QStringLiteral(".tmp-x"), QStringLiteral(".hidden")}) {
            auto w = m_backend->write(FileKind::Index, bad, "x");
            QVERIFY2(!w.ok(), qPrintable(bad));
            QCOMPARE(w.error().code, ErrorCode::InvalidArgument);
            QVERIFY(!m_backend->read(FileKind::Index, bad, 0, -1).ok());
        }
        QCOMPARE(m_backend->write(FileKind::Pack, QStringLiteral("a"), "x").error().code,
                 ErrorCode::InvalidArgument);
    }

    void missingRootIsNotCreated()
    {
        // An unmounted drive: writes must fail, not build a repository on the wrong disk.
        QVERIFY(!QFileInfo::exists(m_root));
        auto w = m_backend->write(FileKind::Pack, QStringLiteral("abcd"), "x");
        QVERIFY(!w.ok());
        QCOMPARE(w.error().code, ErrorCode::NotFound);
        QVERIFY(!QFileInfo::exists(m_root));
        QVERIFY(!m_backend->exists().value());
        QVERIFY(m_backend->list(FileKind::Snapshot).value().isEmpty());
    }

    void noSpace()
    {
        // A real full file system: a tiny tmpfs, when we may mount one (root in a container).
        QVERIFY(QDir().mkpath(m_root));
        if (::mount("strata-test", QFile::encodeName(m_root).constData(), "tmpfs", 0, "size=64k") != 0)
            QSKIP("cannot mount a tmpfs here; ENOSPC mapping is covered by errnoError");
        struct Unmount
        {
            QString path;
            ~Unmount() { ::umount2(QFile::encodeName(path).constData(), MNT_DETACH); }
        } unmount{m_root};
        QVERIFY(m_backend->create().ok());
        auto w = m_backend->write(FileKind::Pack, QStringLiteral("abcd"), QByteArray(1 << 20, 'x'));
        QVERIFY(!w.ok());
        QCOMPARE(w.error().code, ErrorCode::NoSpace);
        QVERIFY2(w.error().message.contains(QLatin1String("abcd")), qPrintable(w.error().message));
        // The partial temp file is gone, so the space is free again.
        QCOMPARE(QDir(m_root + QLatin1String("/data/ab")).entryList(QDir::Files | QDir::Hidden),
                 QStringList());
        QVERIFY(m_backend->write(FileKind::Pack, QStringLiteral("abce"), QByteArray(1000, 'y')).ok());
    }

    void permissionDenied()
    {
        QVERIFY(m_backend->create().ok());
        const QByteArray index = QFile::encodeName(m_root + QLatin1String("/index"));
        Result<void> w;
        if (::geteuid() == 0) {
            // Root ignores folder permissions; a read-only file system refuses it all the same.
            QVERIFY2(::mount("strata-test", index.constData(), "tmpfs", MS_RDONLY, "size=64k") == 0,
                     "root must be able to mount a tmpfs for this test");
            w = m_backend->write(FileKind::Index, QStringLiteral("i"), "x");
            ::umount2(index.constData(), MNT_DETACH);
        } else {
            QVERIFY(QFile::setPermissions(QFile::decodeName(index), QFile::ReadOwner | QFile::ExeOwner));
            w = m_backend->write(FileKind::Index, QStringLiteral("i"), "x");
            QFile::setPermissions(QFile::decodeName(index),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        }
        QVERIFY(!w.ok());
        QCOMPARE(w.error().code, ErrorCode::Io);
        QVERIFY(w.error().message.contains(m_root));
    }

    void folderReplacedByFile()
    {
        // Runs as root too, unlike the permission test: ENOTDIR is an I/O error naming the file.
        QVERIFY(m_backend->create().ok());
        QVERIFY(QDir(m_root).rmdir(QStringLiteral("keys")));
        QVERIFY(writeRaw(m_root + QLatin1String("/keys"), "not a folder"));
        auto w = m_backend->write(FileKind::Key, QStringLiteral("k"), "x");
        QVERIFY(!w.ok());
        QCOMPARE(w.error().code, ErrorCode::Io);
        QVERIFY(w.error().message.contains(m_root + QLatin1String("/keys")));
        QVERIFY(!m_backend->list(FileKind::Key).ok());
    }

    void staleTemporariesAreRemoved()
    {
        QVERIFY(m_backend->create().ok());
        QVERIFY(m_backend->write(FileKind::Pack, QString(64, QLatin1Char('a')), "pack").ok());
        const QString oldTemp = m_root + QStringLiteral("/data/aa/.tmp-0123456789abcdef");
        const QString freshTemp = m_root + QStringLiteral("/index/.tmp-fedcba9876543210");
        for (const QString &t : {oldTemp, freshTemp}) {
            QFile f(t);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("half a pack");
        }
        // Two hours old: a write that was interrupted, not one in progress.
        const QDateTime past = QDateTime::currentDateTime().addSecs(-7200);
        QFile old(oldTemp);
        QVERIFY(old.open(QIODevice::ReadWrite));
        QVERIFY(old.setFileTime(past, QFileDevice::FileModificationTime));
        old.close();
        auto removed = m_backend->removeStaleTemporaries(3600);
        QVERIFY(removed.ok());
        QCOMPARE(*removed, 1);
        QVERIFY(!QFile::exists(oldTemp));
        QVERIFY(QFile::exists(freshTemp));
        QVERIFY(m_backend->size(FileKind::Pack, QString(64, QLatin1Char('a'))).ok());
    }

    void openBackendUrls()
    {
        auto abs = openBackend(m_root);
        QVERIFY(abs.ok());
        QCOMPARE((*abs)->location(), m_root);

        auto url = openBackend(QUrl::fromLocalFile(m_root + QLatin1String("/with space")).toString());
        QVERIFY(url.ok());
        QCOMPARE((*url)->location(), m_root + QLatin1String("/with space"));

        const QString cwd = QDir::currentPath();
        QVERIFY(QDir::setCurrent(m_tmp.path()));
        auto rel = openBackend(QStringLiteral("relative/./repo/"));
        QDir::setCurrent(cwd);
        QVERIFY(rel.ok());
        QCOMPARE((*rel)->location(), QDir::cleanPath(m_tmp.path() + QLatin1String("/relative/repo")));

        // Remote forms this build cannot reach yet say which scheme they are.
        for (const QString &remote : {QStringLiteral("ftp://host/path"), QStringLiteral("s3://bucket/x"),
                                      QStringLiteral("WebDAV://server/")}) {
            auto r = openBackend(remote);
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, ErrorCode::Unsupported);
            QVERIFY2(r.error().message.contains(remote.left(remote.indexOf(u':')).toLower()),
                     qPrintable(r.error().message));
        }
        auto empty = openBackend(QString());
        QVERIFY(!empty.ok());
        QCOMPARE(empty.error().code, ErrorCode::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestLocalBackend)
#include "tst_localbackend.moc"
