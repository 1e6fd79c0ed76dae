// The Backend contract, run against every backend on a real store: a temp folder, Ceph's RADOS
// Gateway (S3), rclone's WebDAV server. Which one comes from the environment (CMake's
// strata_backend_contract in this folder): STRATA_TEST_BACKEND=local|s3|webdav builds it from
// the server's env file (STRATA_TEST_S3_ENV, STRATA_TEST_WEBDAV_ENV); STRATA_TEST_BACKEND_URL
// opens any URL through openBackend(). Each run works under a fresh random prefix and deletes
// what it wrote.
#include "crypto/Crypto.h"
#include "ServerEnv.h"
#include "storage/Backend.h"
#include "storage/LocalBackend.h"
#include "storage/S3Backend.h"
#include "storage/SftpBackend.h"
#include "storage/WebDavBackend.h"
#include "TestUtil.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QtConcurrent>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <csignal>
#include <functional>

using namespace strata;

namespace {

constexpr qint64 MiB = qint64(1) << 20;

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

QString describe(const Error &e)
{
    return QStringLiteral("code %1: %2").arg(int(e.code)).arg(e.message);
}

// The value of a result, or (after recording the failure) a default one: a failed call must
// fail its test function, not end the whole run with an exception.
template <typename T>
T got(Result<T> r, const char *file, int line)
{
    if (!r) {
        QTest::qFail(qPrintable(describe(r.error())), file, line);
        return T{};
    }
    return std::move(*r);
}
#define GOT(expr) got((expr), __FILE__, __LINE__)

// What went wrong, for QVERIFY2's message (which is built even when the check passes).
template <typename R>
QString why(const R &r)
{
    return r.ok() ? QString() : describe(r.error());
}

// A result's error code, or -1 for a success (which error() must not be asked about).
template <typename R>
ErrorCode codeOf(const R &r)
{
    return r.ok() ? ErrorCode(-1) : r.error().code;
}

const QList<FileKind> NamedKinds{FileKind::Key,  FileKind::Pack,      FileKind::Index,  FileKind::Snapshot,
                                 FileKind::Lock, FileKind::Forgotten, FileKind::Retired};

// A stallproxy.py in front of a server: a connection that stops moving on demand.
struct StallProxy
{
    QProcess process;
    QTemporaryDir dir;
    int port = 0;

    bool start(const QString &host, int targetPort)
    {
        const QString script = qEnvironmentVariable("STRATA_TEST_STALLPROXY");
        if (script.isEmpty())
            return false;
        const QString portFile = dir.filePath(QStringLiteral("port"));
        process.start(QStringLiteral("python3"), {script, portFile, host, QString::number(targetPort)});
        if (!process.waitForStarted(5000))
            return false;
        for (int i = 0; i < 100 && !QFile::exists(portFile); ++i)
            QThread::msleep(50);
        QFile f(portFile);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        port = f.readAll().trimmed().toInt();
        return port > 0;
    }
    void stall() const { ::kill(pid_t(process.processId()), SIGUSR1); }
    ~StallProxy()
    {
        if (process.state() != QProcess::NotRunning) {
            process.terminate();
            process.waitForFinished(3000);
        }
    }
};

} // namespace

class TestBackendContract final : public QObject
{
    Q_OBJECT

    QString m_kind; // local, s3, webdav, url
    QTemporaryDir m_temp;
    QHash<QString, QString> m_env;
    QString m_prefix; // this run's random folder
    std::unique_ptr<Backend> m_backend;

    // A backend on this run's store, at `endpoint` (the server's own unless a test puts a proxy
    // in front), with `http`'s limits.
    std::unique_ptr<Backend> make(const QString &endpoint = {}, const http::Options &httpOptions = {},
                                  qint64 multipartThreshold = 6 * MiB)
    {
        if (m_kind == QLatin1String("local"))
            return std::make_unique<LocalBackend>(m_temp.filePath(m_prefix));
        if (m_kind == QLatin1String("s3")) {
            S3Options options;
            options.accessKey = m_env.value(QStringLiteral("STRATA_TEST_S3_ACCESS_KEY"));
            options.secretKey = m_env.value(QStringLiteral("STRATA_TEST_S3_SECRET_KEY"));
            options.region = m_env.value(QStringLiteral("STRATA_TEST_S3_REGION"));
            options.createBucket = true;
            options.multipartThreshold = multipartThreshold;
            options.partSize = 5 * MiB;
            options.http = httpOptions;
            const QString base =
                endpoint.isEmpty() ? m_env.value(QStringLiteral("STRATA_TEST_S3_ENDPOINT")) : endpoint;
            auto b = S3Backend::open(
                QStringLiteral("s3:%1/%2/%3")
                    .arg(base, m_env.value(QStringLiteral("STRATA_TEST_S3_BUCKET")), m_prefix),
                options);
            return b ? std::unique_ptr<Backend>(std::move(*b)) : nullptr;
        }
        if (m_kind == QLatin1String("webdav")) {
            WebDavOptions options;
            options.user = m_env.value(QStringLiteral("STRATA_TEST_WEBDAV_USER"));
            options.password = m_env.value(QStringLiteral("STRATA_TEST_WEBDAV_PASS"));
            options.http = httpOptions;
            QString base =
                endpoint.isEmpty() ? m_env.value(QStringLiteral("STRATA_TEST_WEBDAV_URL")) : endpoint + '/';
            if (!base.endsWith(QLatin1Char('/')))
                base += QLatin1Char('/');
            auto b = WebDavBackend::open(QStringLiteral("webdav:") + base + m_prefix, options);
            return b ? std::unique_ptr<Backend>(std::move(*b)) : nullptr;
        }
        if (m_kind == QLatin1String("sftp")) {
            SftpOptions options;
            options.identityFiles = {m_env.value(QStringLiteral("STRATA_TEST_SFTP_KEY"))};
            options.knownHostsFile = m_env.value(QStringLiteral("STRATA_TEST_SFTP_KNOWN_HOSTS"));
            options.useAgent = false;
            auto b =
                SftpBackend::open(QStringLiteral("sftp://%1@%2:%3%4/%5")
                                      .arg(m_env.value(QStringLiteral("STRATA_TEST_SFTP_USER")),
                                           m_env.value(QStringLiteral("STRATA_TEST_SFTP_HOST")),
                                           m_env.value(QStringLiteral("STRATA_TEST_SFTP_PORT")),
                                           m_env.value(QStringLiteral("STRATA_TEST_SFTP_ROOT")), m_prefix),
                                  options);
            return b ? std::unique_ptr<Backend>(std::move(*b)) : nullptr;
        }
        auto b = openBackend(qEnvironmentVariable("STRATA_TEST_BACKEND_URL") + QLatin1Char('/') + m_prefix);
        return b ? std::move(*b) : nullptr;
    }

    bool remote() const { return m_kind == QLatin1String("s3") || m_kind == QLatin1String("webdav"); }

    // The server's host and port (for a proxy in front of it).
    std::pair<QString, int> serverAddress() const
    {
        const QUrl u(m_env.value(m_kind == QLatin1String("s3") ? QStringLiteral("STRATA_TEST_S3_ENDPOINT")
                                                               : QStringLiteral("STRATA_TEST_WEBDAV_URL")));
        return {u.host(), u.port()};
    }

    // Writes `count` files of each kind in `kinds` from several threads; names and sizes.
    QHash<QString, qint64> writeMany(FileKind kind, int count, const QString &tag)
    {
        QHash<QString, qint64> written;
        QList<int> indexes;
        for (int i = 0; i < count; ++i) {
            indexes.append(i);
            written.insert(hexName(i + 7919 * tag.size()), i % 5);
        }
        QThreadPool pool;
        pool.setMaxThreadCount(8);
        std::atomic<int> failures{0};
        QString firstError;
        std::mutex mutex;
        QtConcurrent::blockingMap(&pool, indexes, [&](int i) {
            const QString name = hexName(i + 7919 * tag.size());
            Status s = m_backend->write(kind, name, QByteArray(i % 5, 'x'));
            if (!s) {
                std::lock_guard guard(mutex);
                if (failures++ == 0)
                    firstError = describe(s.error());
            }
        });
        if (failures > 0)
            qWarning("%d writes failed, the first: %s", failures.load(), qPrintable(firstError));
        return failures > 0 ? QHash<QString, qint64>() : written;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_temp.isValid());
        m_kind = qEnvironmentVariable("STRATA_TEST_BACKEND");
        if (m_kind.isEmpty())
            m_kind = qEnvironmentVariableIsEmpty("STRATA_TEST_BACKEND_URL") ? QStringLiteral("local")
                                                                            : QStringLiteral("url");
        // Two levels, so create() must make a missing parent too.
        m_prefix = QStringLiteral("contract-") + QString::fromLatin1(crypto::randomBytes(6).toHex()) +
                   QStringLiteral("/repo");
        if (remote() || m_kind == QLatin1String("sftp")) {
            const QString variable = m_kind == QLatin1String("s3") ? QStringLiteral("STRATA_TEST_S3_ENV")
                                     : m_kind == QLatin1String("sftp")
                                         ? QStringLiteral("STRATA_TEST_SFTP_ENV")
                                         : QStringLiteral("STRATA_TEST_WEBDAV_ENV");
            QString why;
            m_env = test::readServerEnv(variable, &why);
            if (m_env.isEmpty()) {
                if (qEnvironmentVariableIsEmpty(qPrintable(variable)))
                    QSKIP(qPrintable(why));
                QFAIL(qPrintable(why));
            }
        }
        m_backend = make();
        QVERIFY(m_backend);
        qInfo("testing %s", qPrintable(m_backend->location()));
    }

    void cleanupTestCase()
    {
        if (!m_backend)
            return;
        for (FileKind kind : NamedKinds) {
            auto files = m_backend->list(kind);
            if (!files)
                continue;
            QThreadPool pool;
            pool.setMaxThreadCount(8);
            QtConcurrent::blockingMap(&pool, *files,
                                      [&](const FileInfo &f) { (void)m_backend->remove(kind, f.name); });
        }
        (void)m_backend->remove(FileKind::Config, {});
    }

    // Runs first (slots run in order of declaration): create() on an empty place.
    void createAndExists()
    {
        auto before = m_backend->exists();
        QVERIFY2(before, qPrintable(why(before)));
        QVERIFY(!*before);
        Status created = m_backend->create();
        QVERIFY2(created, qPrintable(why(created)));
        QVERIFY(!GOT(m_backend->exists())); // folders, no config yet
        QVERIFY(m_backend->write(FileKind::Config, {}, "config v1"));
        auto after = m_backend->exists();
        QVERIFY(after && *after);
        Status again = m_backend->create();
        QVERIFY(!again);
        QCOMPARE(codeOf(again), ErrorCode::InvalidArgument);
        QVERIFY2(again.error().message.contains(QLatin1String("already exists")), qPrintable(why(again)));
    }

    void writeAndReadBack_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<qint64>("size");
        for (FileKind kind : NamedKinds)
            for (qint64 size : {qint64(0), qint64(1), qint64(4097), MiB + 3})
                QTest::addRow("kind%d-%lld", int(kind), size) << int(kind) << size;
    }
    void writeAndReadBack()
    {
        QFETCH(int, kind);
        QFETCH(qint64, size);
        const auto k = FileKind(kind);
        const QByteArray data = test::pseudoRandomBytes(size, quint64(kind * 1000 + size));
        const QString name = hexName(int(size % 1000) + kind);
        QVERIFY(m_backend->write(k, name, data));
        auto back = m_backend->read(k, name);
        QVERIFY2(back, qPrintable(why(back)));
        QCOMPARE(back->size(), data.size());
        QVERIFY(*back == data);
        auto s = m_backend->size(k, name);
        QVERIFY2(s, qPrintable(why(s)));
        QCOMPARE(*s, size);
        QVERIFY(m_backend->remove(k, name));
    }

    void replaceGivesTheSecond()
    {
        const QString name = hexName(4242);
        QVERIFY(m_backend->write(FileKind::Index, name, QByteArray(3000, 'a')));
        QVERIFY(m_backend->write(FileKind::Index, name, "second"));
        QCOMPARE(GOT(m_backend->read(FileKind::Index, name)), QByteArray("second"));
        QVERIFY(m_backend->write(FileKind::Config, {}, "config v2"));
        QCOMPARE(GOT(m_backend->read(FileKind::Config, {})), QByteArray("config v2"));
        QCOMPARE(GOT(m_backend->size(FileKind::Config, {})), qint64(9));
    }

    void rangedReads()
    {
        const QByteArray data = test::pseudoRandomBytes(100000, 7);
        const QString name = hexName(77);
        QVERIFY(m_backend->write(FileKind::Pack, name, data));
        QCOMPARE(GOT(m_backend->read(FileKind::Pack, name, 10, 20)), data.mid(10, 20));
        QCOMPARE(GOT(m_backend->read(FileKind::Pack, name, 99990, -1)), data.mid(99990));
        QCOMPARE(GOT(m_backend->read(FileKind::Pack, name, 0, 100000)), data);
        QCOMPARE(GOT(m_backend->read(FileKind::Pack, name, 99999, 1)), data.right(1));
        QCOMPARE(GOT(m_backend->read(FileKind::Pack, name, 100000, -1)).size(), 0); // the empty end
        QCOMPARE(GOT(m_backend->read(FileKind::Pack, name, 500, 0)).size(), 0);

        // readInto reuses the caller's buffer.
        QByteArray buffer;
        buffer.reserve(200000);
        const char *memory = buffer.constData();
        QVERIFY(m_backend->readInto(FileKind::Pack, name, 1000, 50000, buffer));
        QCOMPARE(buffer, data.mid(1000, 50000));
        QVERIFY(m_backend->readInto(FileKind::Pack, name, 0, -1, buffer));
        QCOMPARE(buffer, data);
        QCOMPARE(buffer.constData(), memory);
    }

    void shortReadIsCorrupt()
    {
        const QString name = hexName(78);
        QVERIFY(m_backend->write(FileKind::Pack, name, QByteArray(1000, 'z')));
        for (auto [offset, length] :
             {std::pair<qint64, qint64>{990, 20}, {1000, 1}, {2000, -1}, {5000, 10}, {1001, 0}}) {
            auto r = m_backend->read(FileKind::Pack, name, offset, length);
            QVERIFY2(!r, qPrintable(QStringLiteral("read at %1 of %2 succeeded").arg(offset).arg(length)));
            QCOMPARE(codeOf(r), ErrorCode::Corrupt);
        }
        QByteArray empty;
        QVERIFY(m_backend->write(FileKind::Lock, name, empty));
        auto r = m_backend->read(FileKind::Lock, name, 0, 1);
        QVERIFY(!r);
        QCOMPARE(codeOf(r), ErrorCode::Corrupt);
        QCOMPARE(GOT(m_backend->read(FileKind::Lock, name)).size(), 0);
    }

    void missingIsNotFound()
    {
        const QString name = hexName(999999);
        auto r = m_backend->read(FileKind::Snapshot, name);
        QVERIFY(!r);
        QCOMPARE(codeOf(r), ErrorCode::NotFound);
        auto ranged = m_backend->read(FileKind::Pack, name, 5, 10);
        QVERIFY(!ranged);
        QCOMPARE(codeOf(ranged), ErrorCode::NotFound);
        auto s = m_backend->size(FileKind::Key, name);
        QVERIFY(!s);
        QCOMPARE(codeOf(s), ErrorCode::NotFound);
        QByteArray buffer;
        auto into = m_backend->readInto(FileKind::Index, name, 0, -1, buffer);
        QVERIFY(!into);
        QCOMPARE(codeOf(into), ErrorCode::NotFound);
        QVERIFY(GOT(m_backend->list(FileKind::Retired)).isEmpty());
    }

    void removeDeletes()
    {
        const QString name = hexName(31337);
        QVERIFY(m_backend->write(FileKind::Snapshot, name, "snap"));
        QVERIFY(names(GOT(m_backend->list(FileKind::Snapshot))).contains(name));
        QVERIFY(m_backend->remove(FileKind::Snapshot, name));
        QCOMPARE(codeOf(m_backend->read(FileKind::Snapshot, name)), ErrorCode::NotFound);
        QVERIFY(!names(GOT(m_backend->list(FileKind::Snapshot))).contains(name));
        // Removing what is not there: either fine (S3) or NotFound (a folder, WebDAV).
        Status again = m_backend->remove(FileKind::Snapshot, name);
        QVERIFY(again || again.error().code == ErrorCode::NotFound);
    }

    // Names that need encoding on the way (a space, a percent, a plus, a query's characters,
    // non-ASCII) come back from a listing as they went in.
    void namesThatNeedEncoding()
    {
        const QStringList allOdd{QStringLiteral("with space"), QStringLiteral("pct%41"),
                                 QStringLiteral("plus+sign"), QStringLiteral("q?a=b&c;d#e"),
                                 QStringLiteral("\u00fcml\u00e4ut-\u65e5\u672c")};
        for (FileKind kind : {FileKind::Key, FileKind::Pack}) {
            // A pack's folder is its first two bytes on a local disk: non-ASCII there is
            // LocalBackend's to refuse one day, and no pack is named so (packs are hex).
            QStringList odd = kind == FileKind::Pack ? allOdd.mid(0, 4) : allOdd;
            for (const QString &name : odd) {
                Status w = m_backend->write(kind, name, name.toUtf8());
                QVERIFY2(w, qPrintable(why(w)));
                QCOMPARE(GOT(m_backend->read(kind, name)), name.toUtf8());
                QCOMPARE(GOT(m_backend->size(kind, name)), qint64(name.toUtf8().size()));
            }
            const QStringList listed = names(GOT(m_backend->list(kind)));
            for (const QString &name : odd)
                QVERIFY2(listed.contains(name),
                         qPrintable(name + QStringLiteral(" not in ") + listed.join(u',')));
            for (const QString &name : odd)
                QVERIFY(m_backend->remove(kind, name));
        }
    }

    void invalidNamesAreRefused()
    {
        for (const QString &name :
             {QString(), QStringLiteral(".tmp-x"), QStringLiteral("a/b"), QStringLiteral("../x")}) {
            Status s = m_backend->write(FileKind::Index, name, "x");
            QVERIFY(!s);
            QCOMPARE(codeOf(s), ErrorCode::InvalidArgument);
        }
    }

    // More than one page of a listing (S3 sends 1000 keys a page) of every kind, packs spread
    // over the data/<xx> folders.
    void listingPastOnePage()
    {
        const int count = qEnvironmentVariableIntValue("STRATA_TEST_LIST_COUNT") > 0
                              ? qEnvironmentVariableIntValue("STRATA_TEST_LIST_COUNT")
                              : 1001;
        QElapsedTimer timer;
        timer.start();
        for (FileKind kind : NamedKinds) {
            const QString tag = QStringLiteral("list").repeated(int(kind) + 1);
            const qsizetype before = GOT(m_backend->list(kind)).size(); // earlier tests' files
            const QHash<QString, qint64> written = writeMany(kind, count, tag);
            QCOMPARE(written.size(), count);
            auto listed = m_backend->list(kind);
            QVERIFY2(listed, qPrintable(why(listed)));
            QHash<QString, qint64> seen;
            for (const FileInfo &f : *listed)
                seen.insert(f.name, f.size);
            for (auto it = written.begin(); it != written.end(); ++it) {
                QVERIFY2(seen.contains(it.key()), qPrintable(it.key()));
                QCOMPARE(seen.value(it.key()), it.value());
            }
            // Nothing else: no temp files, no folders, no duplicates.
            QCOMPARE(listed->size(), before + count);
            QThreadPool pool;
            pool.setMaxThreadCount(8);
            QStringList mine = written.keys();
            QtConcurrent::blockingMap(&pool, mine,
                                      [&](const QString &name) { (void)m_backend->remove(kind, name); });
        }
        qInfo("%d files of each of %lld kinds written, listed and removed in %lld ms", count,
              qlonglong(NamedKinds.size()), timer.elapsed());
        auto config = m_backend->list(FileKind::Config);
        QCOMPARE(names(GOT(std::move(config))), QStringList{QStringLiteral("config")});
    }

    void concurrentWriters()
    {
        QList<int> indexes;
        for (int i = 0; i < 32; ++i)
            indexes.append(i);
        QThreadPool pool;
        pool.setMaxThreadCount(8);
        // Failures are counted on the workers and checked here: QTest's checks belong to the
        // test's thread.
        std::atomic<int> failed{0};
        // Different names at once.
        QtConcurrent::blockingMap(&pool, indexes, [&](int i) {
            if (!m_backend->write(FileKind::Pack, hexName(5000 + i),
                                  test::pseudoRandomBytes(200000, quint64(i))))
                ++failed;
        });
        QCOMPARE(failed.load(), 0);
        for (int i : indexes)
            QCOMPARE(GOT(m_backend->read(FileKind::Pack, hexName(5000 + i))),
                     test::pseudoRandomBytes(200000, quint64(i)));
        // One name at once: one of the writers wins whole, never a mix.
        const QString name = hexName(6000);
        QtConcurrent::blockingMap(&pool, indexes, [&](int i) {
            if (!m_backend->write(FileKind::Lock, name, QByteArray(300000 + i, char('a' + i))))
                ++failed;
        });
        QCOMPARE(failed.load(), 0);
        const QByteArray last = GOT(m_backend->read(FileKind::Lock, name));
        QVERIFY(last.size() >= 300000);
        const int winner = int(last.size() - 300000);
        QCOMPARE(last, QByteArray(300000 + winner, char('a' + winner)));
        QCOMPARE(names(GOT(m_backend->list(FileKind::Lock))).count(name), 1);
    }

    // A pack-sized file, and for S3 a multipart one; the rates go to the log.
    void largeFiles_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addRow("16MiB") << 16 * MiB;
        QTest::addRow("23MiB+1") << 23 * MiB + 1;
    }
    void largeFiles()
    {
        QFETCH(qint64, size);
        const QByteArray data = test::pseudoRandomBytes(size, quint64(size));
        const QString name = hexName(int(size % 100000));
        // The 16 MiB pack in one PUT (threshold above it), the other in 5 MiB parts.
        auto backend = make({}, {}, size == 16 * MiB ? 64 * MiB : 6 * MiB);
        QElapsedTimer timer;
        timer.start();
        Status w = backend->write(FileKind::Pack, name, data);
        QVERIFY2(w, qPrintable(why(w)));
        const qint64 writeMs = std::max<qint64>(1, timer.restart());
        QByteArray back;
        QVERIFY(backend->readInto(FileKind::Pack, name, 0, -1, back));
        const qint64 readMs = std::max<qint64>(1, timer.elapsed());
        QVERIFY(back == data);
        QCOMPARE(GOT(backend->size(FileKind::Pack, name)), size);
        QCOMPARE(GOT(backend->read(FileKind::Pack, name, size - 100, 100)), data.right(100));
        qInfo("%s %lld bytes: write %lld ms (%.1f MB/s), read %lld ms (%.1f MB/s)", qPrintable(m_kind), size,
              writeMs, double(size) / 1e3 / double(writeMs), readMs, double(size) / 1e3 / double(readMs));
        QVERIFY(backend->remove(FileKind::Pack, name));
    }

    void cancelledTokenFails()
    {
        const CancelToken token = CancelToken::make();
        token.cancel();
        QCOMPARE(codeOf(m_backend->write(FileKind::Index, hexName(1), "x", token)), ErrorCode::Cancelled);
        QCOMPARE(codeOf(m_backend->read(FileKind::Config, {}, 0, -1, token)), ErrorCode::Cancelled);
        QByteArray buffer;
        QCOMPARE(codeOf(m_backend->readInto(FileKind::Config, {}, 0, -1, buffer, token)),
                 ErrorCode::Cancelled);
        QCOMPARE(codeOf(m_backend->list(FileKind::Pack, token)), ErrorCode::Cancelled);
        QCOMPARE(codeOf(m_backend->read(FileKind::Index, hexName(1))), ErrorCode::NotFound);
    }

    // A cancel during a transfer that hangs (the proxy in front of the server stops
    // forwarding) ends the call within 2 s: only the transfer's own polling can notice it.
    void cancelDuringUploadStopsSoon()
    {
        if (!remote())
            QSKIP("a local write is one short call; the check before it is all it has");
        const auto [host, port] = serverAddress();
        StallProxy proxy;
        if (!proxy.start(host, port))
            QSKIP("no stall proxy (STRATA_TEST_STALLPROXY)");
        // One PUT of the whole body (no multipart for S3): the cancel lands in the upload.
        auto backend = make(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port), {}, 128 * MiB);
        QVERIFY(backend->write(FileKind::Index, hexName(808), "through the proxy"));
        proxy.stall();
        QThread::msleep(200);
        const QByteArray data(64 * MiB, 'c');
        const CancelToken token = CancelToken::make();
        QElapsedTimer timer;
        auto future =
            QtConcurrent::run([&] { return backend->write(FileKind::Pack, hexName(809), data, token); });
        QThread::msleep(1000);
        QVERIFY(!future.isFinished());
        timer.start();
        token.cancel();
        future.waitForFinished();
        const qint64 ms = timer.elapsed();
        const Status s = future.result();
        QVERIFY(!s);
        QCOMPARE(codeOf(s), ErrorCode::Cancelled);
        QVERIFY2(ms < 2000, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
        qInfo("cancel took %lld ms", ms);
    }

    // A server that stops answering fails the call with Timeout after the stall limit.
    void stalledServerTimesOut()
    {
        if (!remote())
            QSKIP("no network under a local folder");
        const auto [host, port] = serverAddress();
        StallProxy proxy;
        if (!proxy.start(host, port))
            QSKIP("no stall proxy (STRATA_TEST_STALLPROXY)");
        http::Options options;
        options.stallSeconds = 2;
        auto backend = make(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port), options);
        QVERIFY(backend->write(FileKind::Index, hexName(810), "before the stall"));
        proxy.stall();
        QThread::msleep(200);
        QElapsedTimer timer;
        timer.start();
        auto r = backend->read(FileKind::Index, hexName(810));
        QVERIFY(!r);
        QVERIFY2(r.error().code == ErrorCode::Timeout, qPrintable(why(r)));
        QVERIFY(isTransient(r.error().code));
        QVERIFY2(timer.elapsed() < 6000, qPrintable(QString::number(timer.elapsed())));
        qInfo("%s", qPrintable(why(r)));
    }

    void unreachableServer()
    {
        if (!remote())
            QSKIP("no network under a local folder");
        // Port 9 (discard): nobody listens there on a test machine.
        auto refused = make(QStringLiteral("http://127.0.0.1:9"));
        auto r = refused->read(FileKind::Config, {});
        QVERIFY(!r);
        QCOMPARE(codeOf(r), ErrorCode::Network);
        QVERIFY2(r.error().message.contains(QLatin1String("refused")) &&
                     r.error().message.contains(QLatin1String("127.0.0.1:9")),
                 qPrintable(why(r)));
        auto unknown = make(QStringLiteral("http://no-such-host.invalid:80"));
        auto u = unknown->exists();
        QVERIFY(!u);
        QCOMPARE(codeOf(u), ErrorCode::Network);
        QVERIFY2(u.error().message.contains(QLatin1String("cannot find host no-such-host.invalid")),
                 qPrintable(why(u)));
    }

    void wrongCredentials()
    {
        if (m_kind == QLatin1String("s3")) {
            S3Options options;
            options.accessKey = m_env.value(QStringLiteral("STRATA_TEST_S3_ACCESS_KEY"));
            options.secretKey = QStringLiteral("wrong");
            options.region = m_env.value(QStringLiteral("STRATA_TEST_S3_REGION"));
            const QString base = m_env.value(QStringLiteral("STRATA_TEST_S3_ENDPOINT"));
            const QString bucket = m_env.value(QStringLiteral("STRATA_TEST_S3_BUCKET"));
            auto b = S3Backend::open(QStringLiteral("s3:%1/%2/%3").arg(base, bucket, m_prefix), options);
            QVERIFY(b);
            auto r = (*b)->read(FileKind::Config, {});
            QCOMPARE(codeOf(r), ErrorCode::Auth);
            QVERIFY2(r.error().message.contains(QLatin1String("SignatureDoesNotMatch")), qPrintable(why(r)));
            options.accessKey = QStringLiteral("NOSUCHKEY");
            b = S3Backend::open(QStringLiteral("s3:%1/%2/%3").arg(base, bucket, m_prefix), options);
            r = (*b)->read(FileKind::Config, {});
            QCOMPARE(codeOf(r), ErrorCode::Auth);
            QVERIFY2(r.error().message.contains(QLatin1String("InvalidAccessKeyId")), qPrintable(why(r)));

            // A bucket that is not there, said so.
            options.accessKey = m_env.value(QStringLiteral("STRATA_TEST_S3_ACCESS_KEY"));
            options.secretKey = m_env.value(QStringLiteral("STRATA_TEST_S3_SECRET_KEY"));
            b = S3Backend::open(QStringLiteral("s3:%1/no-such-bucket-%2").arg(base, m_prefix), options);
            Status created = (*b)->create();
            QCOMPARE(codeOf(created), ErrorCode::NotFound);
            QVERIFY2(created.error().message.contains(QLatin1String("bucket no-such-bucket")) &&
                         created.error().message.contains(QLatin1String("does not exist")),
                     qPrintable(why(created)));
            auto missing = (*b)->read(FileKind::Key, hexName(1));
            QCOMPARE(codeOf(missing), ErrorCode::NotFound);
            QVERIFY2(missing.error().message.contains(QLatin1String("does not exist")),
                     qPrintable(why(missing)));
            // With createBucket, create() makes it (with the region's location constraint).
            options.createBucket = true;
            b = S3Backend::open(QStringLiteral("s3:%1/new-bucket-%2/repo").arg(base, m_prefix), options);
            Status made = (*b)->create();
            QVERIFY2(made, qPrintable(why(made)));
            QVERIFY((*b)->write(FileKind::Config, {}, "in a new bucket"));
            QCOMPARE(GOT((*b)->read(FileKind::Config, {})), QByteArray("in a new bucket"));
            QVERIFY((*b)->remove(FileKind::Config, {}));
        } else if (m_kind == QLatin1String("webdav")) {
            WebDavOptions options;
            options.user = m_env.value(QStringLiteral("STRATA_TEST_WEBDAV_USER"));
            options.password = QStringLiteral("wrong");
            auto b = WebDavBackend::open(QStringLiteral("webdav:") +
                                             m_env.value(QStringLiteral("STRATA_TEST_WEBDAV_URL")) + m_prefix,
                                         options);
            QVERIFY(b);
            auto r = (*b)->read(FileKind::Config, {});
            QCOMPARE(codeOf(r), ErrorCode::Auth);
            Status w = (*b)->write(FileKind::Index, hexName(3), "x");
            QCOMPARE(codeOf(w), ErrorCode::Auth);
        } else {
            QSKIP("no credentials for a local folder");
        }
    }

    // openBackend() dispatches the URL forms to the backends, with credentials from the
    // environment, and location() holds no secret.
    void openBackendDispatch()
    {
        if (m_kind == QLatin1String("s3")) {
            qputenv("AWS_ACCESS_KEY_ID", m_env.value(QStringLiteral("STRATA_TEST_S3_ACCESS_KEY")).toUtf8());
            qputenv("AWS_SECRET_ACCESS_KEY",
                    m_env.value(QStringLiteral("STRATA_TEST_S3_SECRET_KEY")).toUtf8());
            qputenv("AWS_DEFAULT_REGION", m_env.value(QStringLiteral("STRATA_TEST_S3_REGION")).toUtf8());
            const QString url = QStringLiteral("s3:%1/%2/%3")
                                    .arg(m_env.value(QStringLiteral("STRATA_TEST_S3_ENDPOINT")),
                                         m_env.value(QStringLiteral("STRATA_TEST_S3_BUCKET")), m_prefix);
            auto b = openBackend(url);
            QVERIFY2(b, qPrintable(why(b)));
            QCOMPARE((*b)->location(), url);
            QVERIFY(!(*b)->location().contains(m_env.value(QStringLiteral("STRATA_TEST_S3_SECRET_KEY"))));
            QCOMPARE(GOT((*b)->read(FileKind::Config, {})), QByteArray("config v2"));
            qunsetenv("AWS_ACCESS_KEY_ID");
            qunsetenv("AWS_SECRET_ACCESS_KEY");
            qputenv("AWS_SHARED_CREDENTIALS_FILE", m_temp.filePath(QStringLiteral("none")).toUtf8());
            auto none = openBackend(url);
            QVERIFY(!none);
            QCOMPARE(codeOf(none), ErrorCode::Auth);
            // From a credentials file's profile.
            QFile f(m_temp.filePath(QStringLiteral("credentials")));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("[other]\naws_access_key_id = nope\naws_secret_access_key = "
                    "nope\n[ci]\naws_access_key_id = " +
                    m_env.value(QStringLiteral("STRATA_TEST_S3_ACCESS_KEY")).toUtf8() +
                    "\naws_secret_access_key=" +
                    m_env.value(QStringLiteral("STRATA_TEST_S3_SECRET_KEY")).toUtf8() + "\n");
            f.close();
            qputenv("AWS_SHARED_CREDENTIALS_FILE", f.fileName().toUtf8());
            qputenv("AWS_PROFILE", "ci");
            auto fromFile = openBackend(url);
            QVERIFY2(fromFile, qPrintable(why(fromFile)));
            QCOMPARE(GOT((*fromFile)->read(FileKind::Config, {})), QByteArray("config v2"));
            qunsetenv("AWS_PROFILE");
            qunsetenv("AWS_SHARED_CREDENTIALS_FILE");
        } else if (m_kind == QLatin1String("webdav")) {
            const QString user = m_env.value(QStringLiteral("STRATA_TEST_WEBDAV_USER"));
            const QString pass = m_env.value(QStringLiteral("STRATA_TEST_WEBDAV_PASS"));
            QUrl u(m_env.value(QStringLiteral("STRATA_TEST_WEBDAV_URL")) + m_prefix);
            const QString plain = QStringLiteral("webdav:") + u.toString();
            u.setUserName(user);
            u.setPassword(pass);
            auto withUserInfo = openBackend(QStringLiteral("webdav:") + u.toString());
            QVERIFY2(withUserInfo, qPrintable(why(withUserInfo)));
            QCOMPARE((*withUserInfo)->location(), plain);
            QVERIFY(!(*withUserInfo)->location().contains(QLatin1Char('@')));
            QCOMPARE(GOT((*withUserInfo)->read(FileKind::Config, {})), QByteArray("config v2"));
            qputenv("STRATA_WEBDAV_USER", user.toUtf8());
            qputenv("STRATA_WEBDAV_PASSWORD", pass.toUtf8());
            auto fromEnv = openBackend(plain);
            QVERIFY(fromEnv);
            QCOMPARE(GOT((*fromEnv)->read(FileKind::Config, {})), QByteArray("config v2"));
            qunsetenv("STRATA_WEBDAV_USER");
            qunsetenv("STRATA_WEBDAV_PASSWORD");
        } else {
            QSKIP("openBackend's local forms are tst_localbackend's");
        }
    }

    void staleTemporaries()
    {
        auto removed = m_backend->removeStaleTemporaries(3600);
        QVERIFY2(removed, qPrintable(why(removed)));
        QCOMPARE(*removed, 0); // every write of this run finished
    }
};

QTEST_GUILESS_MAIN(TestBackendContract)
#include "tst_backend_contract.moc"
