// SftpBackend against OpenSSH's sshd (the sshd fixture, tests/servers/sshd.sh): what the
// generic contract suite does not cover. Host keys (unknown, changed, accepted), logins that
// fail, a closed port, atomic replacement, a 40 MiB round trip, cancellation and stalls (through
// tests/servers/stallproxy.py), and four threads at once.
#include "ServerEnv.h"
#include "TestUtil.h"

#include "storage/SftpBackend.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

using namespace strata;

namespace {

int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    ::close(fd); // nothing listens there any more
    return port;
}

QString run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(30000);
    return QString::fromLocal8Bit(p.readAllStandardOutput());
}

} // namespace

class TestSftpBackend final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void unknownHostKeyIsRefusedWithItsFingerprint();
    void changedHostKeyIsRefusedAsAPossibleAttack();
    void acceptingTheKeyWritesKnownHostsThenConnects();
    void wrongKeyOrNoKeyIsAnAuthError();
    void closedPortIsANetworkError();
    void openBackendTakesTheUrlsOptions();
    void writesAreAtomicAndLeaveNoTemporaries();
    void readsMissingShortAndRanged();
    void largeRoundTripIsByteForByte();
    void cancelStopsALargeWriteQuickly();
    void cancelStopsAStalledTransfer();
    void stalledServerTimesOutThenRecovers();
    void fourThreadsWriteAndReadAtOnce();
    void homeRelativePath();
    void fullDiskIsNoSpace();

private:
    QString url(const QString &sub, int port = 0) const;
    SftpOptions options() const;
    std::unique_ptr<SftpBackend> open(const QString &sub, const SftpOptions &o, int port = 0);
    QString expectedFingerprint() const;
    QStringList hiddenFilesUnder(const QString &sub) const;
    // The stall proxy in front of sshd: its port, and a signal to it that has taken effect.
    int startProxy();
    void signalProxy(int signal);

    QHash<QString, QString> m_env;
    QString m_root; // the server's folder for the tests, local to this machine
    QTemporaryDir m_tmp;
    QString m_sub; // this test function's repository folder under m_root
    int m_caseNumber = 0;
    std::unique_ptr<QProcess> m_proxy;
    QString m_proxyState;
    int m_proxySignals = 0;
    QString m_mount; // a small tmpfs this test function mounted
};

void TestSftpBackend::initTestCase()
{
    QString why;
    m_env = test::readServerEnv(QStringLiteral("STRATA_TEST_SFTP_ENV"), &why);
    if (m_env.isEmpty()) {
        if (why.contains(QLatin1String("is not set")) || qEnvironmentVariableIsEmpty("STRATA_TEST_SFTP_ENV"))
            QSKIP(qPrintable(why));
        QFAIL(qPrintable(why));
    }
    m_root = m_env.value(QStringLiteral("STRATA_TEST_SFTP_ROOT"));
    QVERIFY(QFileInfo(m_root).isDir());
    QVERIFY(m_tmp.isValid());
}

void TestSftpBackend::init()
{
    m_sub = QStringLiteral("case%1-%2").arg(++m_caseNumber).arg(::getpid());
}

void TestSftpBackend::cleanup()
{
    if (!m_mount.isEmpty()) {
        run(QStringLiteral("umount"), {m_mount});
        m_mount.clear();
    }
    if (m_proxy) {
        ::kill(pid_t(m_proxy->processId()), SIGTERM);
        m_proxy->waitForFinished(5000);
        m_proxy.reset();
    }
    QDir(m_root + QLatin1Char('/') + m_sub).removeRecursively();
}

QString TestSftpBackend::url(const QString &sub, int port) const
{
    return QStringLiteral("sftp://%1@%2:%3%4/%5")
        .arg(m_env.value(QStringLiteral("STRATA_TEST_SFTP_USER")),
             m_env.value(QStringLiteral("STRATA_TEST_SFTP_HOST")))
        .arg(port ? port : m_env.value(QStringLiteral("STRATA_TEST_SFTP_PORT")).toInt())
        .arg(m_root, sub);
}

SftpOptions TestSftpBackend::options() const
{
    SftpOptions o;
    o.identityFiles = {m_env.value(QStringLiteral("STRATA_TEST_SFTP_KEY"))};
    o.knownHostsFile = m_env.value(QStringLiteral("STRATA_TEST_SFTP_KNOWN_HOSTS"));
    o.useAgent = false; // the tester's own agent and keys must not make a test pass
    o.connectTimeoutMs = 10000;
    return o;
}

std::unique_ptr<SftpBackend> TestSftpBackend::open(const QString &sub, const SftpOptions &o, int port)
{
    auto backend = SftpBackend::open(url(sub, port), o);
    if (!backend) {
        qWarning() << backend.error().message;
        return nullptr;
    }
    return std::move(*backend);
}

QString TestSftpBackend::expectedFingerprint() const
{
    // "256 SHA256:... [127.0.0.1]:port (ED25519)"
    const QString line =
        run(QStringLiteral("ssh-keygen"),
            {QStringLiteral("-l"), QStringLiteral("-E"), QStringLiteral("sha256"), QStringLiteral("-f"),
             m_env.value(QStringLiteral("STRATA_TEST_SFTP_KNOWN_HOSTS"))});
    return line.section(QLatin1Char(' '), 1, 1);
}

QStringList TestSftpBackend::hiddenFilesUnder(const QString &sub) const
{
    QStringList out;
    const QString base = m_root + QLatin1Char('/') + sub;
    QDirIterator it(base, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (it.fileName().startsWith(QLatin1Char('.')))
            out << path.mid(base.size());
    }
    return out;
}

int TestSftpBackend::startProxy()
{
    QString proxy = qEnvironmentVariable("STRATA_TEST_STALLPROXY");
    if (proxy.isEmpty())
        proxy = QStringLiteral(STRATA_SOURCE_DIR "/tests/servers/stallproxy.py");
    const QString portFile = m_tmp.path() + QStringLiteral("/proxy-port-") + m_sub;
    m_proxyState = m_tmp.path() + QStringLiteral("/proxy-state-") + m_sub;
    m_proxySignals = 0;
    m_proxy = std::make_unique<QProcess>();
    m_proxy->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_proxy->start(QStringLiteral("python3"), {proxy, QStringLiteral("--state-file"), m_proxyState, portFile,
                                               m_env.value(QStringLiteral("STRATA_TEST_SFTP_HOST")),
                                               m_env.value(QStringLiteral("STRATA_TEST_SFTP_PORT"))});
    if (!m_proxy->waitForStarted(5000))
        return 0;
    QElapsedTimer t;
    t.start();
    while (!QFileInfo::exists(portFile) && t.elapsed() < 10000)
        QThread::msleep(20);
    return test::readFile(QFile::encodeName(portFile)).trimmed().toInt();
}

void TestSftpBackend::signalProxy(int signal)
{
    ::kill(pid_t(m_proxy->processId()), signal);
    ++m_proxySignals;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 5000) {
        const QByteArray state = test::readFile(QFile::encodeName(m_proxyState)).trimmed();
        if (state.split(' ').value(2).toInt() >= m_proxySignals)
            return;
        QThread::msleep(10);
    }
    QFAIL("the stall proxy did not take the signal");
}

void TestSftpBackend::unknownHostKeyIsRefusedWithItsFingerprint()
{
    const QString empty = m_tmp.path() + QStringLiteral("/empty_known_hosts");
    QVERIFY(test::writeFile(QFile::encodeName(empty), {}));
    SftpOptions o = options();
    o.knownHostsFile = empty;
    auto backend = open(m_sub, o);
    QVERIFY(backend);
    auto found = backend->exists();
    QVERIFY(!found);
    QCOMPARE(found.error().code, ErrorCode::Auth);
    const QString m = found.error().message;
    qInfo("%s", qPrintable(m));
    const QString fingerprint = expectedFingerprint();
    QVERIFY(fingerprint.startsWith(QLatin1String("SHA256:")));
    QVERIFY2(
        m.contains(QLatin1String("is not known")) && m.contains(QLatin1String("ED25519 ") + fingerprint) &&
            m.contains(
                QStringLiteral("127.0.0.1:%1").arg(m_env.value(QStringLiteral("STRATA_TEST_SFTP_PORT")))),
        qPrintable(m));
    QVERIFY(!isTransient(found.error().code));
    // A known_hosts file that does not exist at all: the same refusal.
    o.knownHostsFile = m_tmp.path() + QStringLiteral("/no/such/known_hosts");
    backend = open(m_sub, o);
    found = backend->exists();
    QVERIFY(!found);
    QCOMPARE(found.error().code, ErrorCode::Auth);
    QVERIFY2(found.error().message.contains(fingerprint), qPrintable(found.error().message));
}

void TestSftpBackend::changedHostKeyIsRefusedAsAPossibleAttack()
{
    const QString other = m_tmp.path() + QStringLiteral("/other_host_key");
    run(QStringLiteral("ssh-keygen"), {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                                       QStringLiteral("-N"), QString(), QStringLiteral("-f"), other});
    const QByteArray pub = test::readFile(QFile::encodeName(other + QStringLiteral(".pub")));
    QVERIFY(pub.startsWith("ssh-ed25519 "));
    const QString knownHosts = m_tmp.path() + QStringLiteral("/changed_known_hosts");
    const QByteArray line = "[127.0.0.1]:" + m_env.value(QStringLiteral("STRATA_TEST_SFTP_PORT")).toUtf8() +
                            ' ' + pub.split(' ').mid(0, 2).join(' ') + '\n';
    QVERIFY(test::writeFile(QFile::encodeName(knownHosts), line));
    SftpOptions o = options();
    o.knownHostsFile = knownHosts;
    auto backend = open(m_sub, o);
    const Status s = backend->connect();
    QVERIFY(!s);
    QCOMPARE(s.error().code, ErrorCode::Auth);
    const QString m = s.error().message;
    qInfo("%s", qPrintable(m));
    QVERIFY2(m.contains(QLatin1String("has CHANGED")) && m.contains(QLatin1String("possible attack")) &&
                 m.contains(expectedFingerprint()),
             qPrintable(m));
    auto key = SftpBackend::fetchHostKey(url(m_sub), o);
    QVERIFY2(key, key ? "" : qPrintable(key.error().message));
    QCOMPARE(key->state, SftpHostKey::State::Changed);
    // Accepting the new key (after the user was warned) appends it; the old line stays.
    QVERIFY(SftpBackend::trustHostKey(url(m_sub), key->fingerprint, o));
    QVERIFY(test::readFile(QFile::encodeName(knownHosts)).startsWith(line));
    const Status now = open(m_sub, o)->connect();
    QVERIFY2(now, now ? "" : qPrintable(now.error().message));
}

void TestSftpBackend::acceptingTheKeyWritesKnownHostsThenConnects()
{
    const QString knownHosts = m_tmp.path() + QStringLiteral("/new/known_hosts"); // the folder is made too
    SftpOptions o = options();
    o.knownHostsFile = knownHosts;
    auto key = SftpBackend::fetchHostKey(url(m_sub), o);
    QVERIFY2(key, key ? "" : qPrintable(key.error().message));
    QCOMPARE(key->state, SftpHostKey::State::Unknown);
    QCOMPARE(key->type, QStringLiteral("ED25519"));
    QCOMPARE(key->fingerprint, expectedFingerprint());
    QCOMPARE(key->host, QStringLiteral("127.0.0.1"));
    QCOMPARE(key->port, m_env.value(QStringLiteral("STRATA_TEST_SFTP_PORT")).toInt());

    // A fingerprint other than the server's is never written.
    Status s = SftpBackend::trustHostKey(url(m_sub), QStringLiteral("SHA256:AAAA"), o);
    QVERIFY(!s);
    QCOMPARE(s.error().code, ErrorCode::Auth);
    QVERIFY(!QFileInfo::exists(knownHosts));

    s = SftpBackend::trustHostKey(url(m_sub), key->fingerprint, o);
    QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    const QByteArray written = test::readFile(QFile::encodeName(knownHosts));
    QVERIFY2(written.contains("ssh-ed25519 "), written.constData());
    key = SftpBackend::fetchHostKey(url(m_sub), o);
    QVERIFY(key);
    QCOMPARE(key->state, SftpHostKey::State::Known);

    auto backend = open(m_sub, o);
    QVERIFY(backend->create());
    QCOMPARE(*backend->exists(), false);
    QVERIFY(backend->write(FileKind::Config, QStringLiteral("config"), "c"));
    QCOMPARE(*backend->exists(), true);
    // Trusting again changes nothing.
    QVERIFY(SftpBackend::trustHostKey(url(m_sub), key->fingerprint, o));
    QCOMPARE(test::readFile(QFile::encodeName(knownHosts)), written);
}

void TestSftpBackend::wrongKeyOrNoKeyIsAnAuthError()
{
    const QString wrong = m_tmp.path() + QStringLiteral("/wrong_key");
    run(QStringLiteral("ssh-keygen"), {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                                       QStringLiteral("-N"), QString(), QStringLiteral("-f"), wrong});
    SftpOptions o = options();
    o.identityFiles = {wrong};
    auto backend = open(m_sub, o);
    Status s = backend->connect();
    QVERIFY(!s);
    QCOMPARE(s.error().code, ErrorCode::Auth);
    qInfo("%s", qPrintable(s.error().message));
    const QString who = QStringLiteral("%1@127.0.0.1:%2")
                            .arg(m_env.value(QStringLiteral("STRATA_TEST_SFTP_USER")),
                                 m_env.value(QStringLiteral("STRATA_TEST_SFTP_PORT")));
    QVERIFY2(s.error().message.contains(who) && s.error().message.contains(wrong) &&
                 s.error().message.contains(QLatin1String("the server offers: publickey")),
             qPrintable(s.error().message));

    o.identityFiles.clear();
    backend = open(m_sub, o);
    s = backend->connect();
    QVERIFY(!s);
    QCOMPARE(s.error().code, ErrorCode::Auth);
    QVERIFY2(s.error().message.contains(who) && s.error().message.contains(QLatin1String("tried: nothing")),
             qPrintable(s.error().message));

    // A key file that is not there is named, not silently skipped.
    o.identityFiles = {m_tmp.path() + QStringLiteral("/missing_key")};
    o.password = QStringLiteral("not offered");
    backend = open(m_sub, o);
    s = backend->connect();
    QVERIFY(!s);
    QCOMPARE(s.error().code, ErrorCode::Auth);
    QVERIFY2(s.error().message.contains(QLatin1String("missing_key")), qPrintable(s.error().message));
}

void TestSftpBackend::closedPortIsANetworkError()
{
    const int port = freePort();
    auto backend = open(m_sub, options(), port);
    QElapsedTimer t;
    t.start();
    auto found = backend->exists();
    QVERIFY(!found);
    QCOMPARE(found.error().code, ErrorCode::Network);
    qInfo("%s", qPrintable(found.error().message));
    QVERIFY(isTransient(found.error().code));
    QVERIFY2(found.error().message.contains(QStringLiteral("127.0.0.1:%1").arg(port)) &&
                 found.error().message.contains(QLatin1String("refused")),
             qPrintable(found.error().message));
    QVERIFY(t.elapsed() < 5000);

    auto unknown = SftpBackend::open(QStringLiteral("sftp://no-such-host.invalid/x"), options());
    QVERIFY(unknown);
    found = (*unknown)->exists();
    QVERIFY(!found);
    QCOMPARE(found.error().code, ErrorCode::Network);
    QVERIFY2(found.error().message.contains(QLatin1String("no-such-host.invalid")),
             qPrintable(found.error().message));

    QCOMPARE(SftpBackend::open(QStringLiteral("sftp://host"), {}).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(SftpBackend::open(QStringLiteral("sftp:///x"), {}).error().code, ErrorCode::InvalidArgument);
}

void TestSftpBackend::openBackendTakesTheUrlsOptions()
{
    const QString u = url(m_sub) + QStringLiteral("?identity=%1&known_hosts=%2&connections=2")
                                       .arg(m_env.value(QStringLiteral("STRATA_TEST_SFTP_KEY")),
                                            m_env.value(QStringLiteral("STRATA_TEST_SFTP_KNOWN_HOSTS")));
    auto backend = openBackend(u);
    QVERIFY2(backend, backend ? "" : qPrintable(backend.error().message));
    QCOMPARE((*backend)->location(), url(m_sub));
    QVERIFY((*backend)->create());
    for (const char *dir : {"keys", "data", "index", "snapshots", "locks"})
        QVERIFY2(QFileInfo(m_root + QLatin1Char('/') + m_sub + QLatin1Char('/') + QLatin1String(dir)).isDir(),
                 dir);
    QVERIFY((*backend)->create()); // folders there but no config yet: not a repository, made again
    QVERIFY((*backend)->write(FileKind::Config, QStringLiteral("config"), "c"));
    QCOMPARE((*backend)->create().error().code, ErrorCode::InvalidArgument);
}

void TestSftpBackend::writesAreAtomicAndLeaveNoTemporaries()
{
    auto backend = open(m_sub, options());
    QVERIFY(backend->create());
    QVERIFY(backend->write(FileKind::Config, QStringLiteral("config"), "first"));
    QVERIFY(backend->write(FileKind::Key, QStringLiteral("k1"), "key"));
    QVERIFY(backend->write(FileKind::Pack, QStringLiteral("ab12"), "pack"));
    QVERIFY(
        backend->write(FileKind::Forgotten, QStringLiteral("f1"), "note")); // its folder is made on first use
    // Replacing: SFTP's rename will not overwrite, so the old file steps aside and is deleted.
    QVERIFY(backend->write(FileKind::Config, QStringLiteral("config"), "second, longer"));
    QVERIFY(backend->write(FileKind::Pack, QStringLiteral("ab12"), "pack again"));
    QCOMPARE(*backend->read(FileKind::Config, QStringLiteral("config")), QByteArray("second, longer"));
    QCOMPARE(*backend->read(FileKind::Pack, QStringLiteral("ab12")), QByteArray("pack again"));
    QVERIFY2(hiddenFilesUnder(m_sub).isEmpty(), qPrintable(hiddenFilesUnder(m_sub).join(u' ')));

    // Layout: the same paths as LocalBackend's.
    const QString base = m_root + QLatin1Char('/') + m_sub;
    QVERIFY(QFileInfo::exists(base + QStringLiteral("/data/ab/ab12")));
    QVERIFY(QFileInfo::exists(base + QStringLiteral("/keys/k1")));
    QCOMPARE(QFileInfo(base + QStringLiteral("/keys/k1")).permissions() &
                 (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());
    QVERIFY(QFileInfo::exists(base + QStringLiteral("/forgotten/f1")));

    // What an interrupted writer leaves is not listed, and removeStaleTemporaries takes it once old.
    QVERIFY(test::writeFile(QFile::encodeName(base + QStringLiteral("/data/ab/.tmp-deadbeef")), "half"));
    QVERIFY(test::writeFile(QFile::encodeName(base + QStringLiteral("/keys/.tmp-cafe")), "half"));
    auto packs = backend->list(FileKind::Pack);
    QVERIFY(packs);
    QCOMPARE(packs->size(), 1);
    QCOMPARE(packs->first().name, QStringLiteral("ab12"));
    QCOMPARE(packs->first().size, qint64(10));
    QCOMPARE(backend->list(FileKind::Key)->size(), 1);
    QCOMPARE(backend->list(FileKind::Config)->size(), 1);
    QCOMPARE(backend->list(FileKind::Index)->size(), 0);
    QCOMPARE(backend->list(FileKind::Retired)->size(), 0); // never created: empty
    QCOMPARE(*backend->removeStaleTemporaries(3600), 0);   // too young
    QVERIFY(
        test::setMtimeNs(QFile::encodeName(base + QStringLiteral("/data/ab/.tmp-deadbeef")), 1'000'000'000));
    QVERIFY(test::setMtimeNs(QFile::encodeName(base + QStringLiteral("/keys/.tmp-cafe")), 1'000'000'000));
    QCOMPARE(*backend->removeStaleTemporaries(3600), 2);
    QVERIFY(hiddenFilesUnder(m_sub).isEmpty());

    QVERIFY(backend->remove(FileKind::Pack, QStringLiteral("ab12")));
    QCOMPARE(backend->remove(FileKind::Pack, QStringLiteral("ab12")).error().code, ErrorCode::NotFound);
    QCOMPARE(backend->size(FileKind::Key, QStringLiteral("k1")).value(), qint64(3));
    QCOMPARE(backend->write(FileKind::Key, QStringLiteral("../x"), "x").error().code,
             ErrorCode::InvalidArgument);
    const auto free = backend->freeSpace();
    QVERIFY(free && *free > 0);
}

void TestSftpBackend::readsMissingShortAndRanged()
{
    auto backend = open(m_sub, options());
    QVERIFY(backend->create());
    QVERIFY(backend->write(FileKind::Index, QStringLiteral("i1"), "0123456789"));
    QCOMPARE(*backend->read(FileKind::Index, QStringLiteral("i1"), 3, 4), QByteArray("3456"));
    QCOMPARE(*backend->read(FileKind::Index, QStringLiteral("i1"), 6), QByteArray("6789"));
    QCOMPARE(*backend->read(FileKind::Index, QStringLiteral("i1"), 10), QByteArray());
    auto r = backend->read(FileKind::Index, QStringLiteral("i1"), 8, 4);
    QCOMPARE(r.error().code, ErrorCode::Corrupt);
    QVERIFY2(r.error().message.contains(QLatin1String("shorter than expected")),
             qPrintable(r.error().message));
    QCOMPARE(backend->read(FileKind::Index, QStringLiteral("i1"), 11).error().code, ErrorCode::Corrupt);
    r = backend->read(FileKind::Index, QStringLiteral("nope"));
    QCOMPARE(r.error().code, ErrorCode::NotFound);
    QVERIFY2(r.error().message.contains(QLatin1String("/index/nope")), qPrintable(r.error().message));
    QCOMPARE(backend->size(FileKind::Index, QStringLiteral("nope")).error().code, ErrorCode::NotFound);
    // A missing repository folder: no config, nothing listed.
    auto elsewhere = open(m_sub + QStringLiteral("/not-there"), options());
    QCOMPARE(*elsewhere->exists(), false);
    QCOMPARE(elsewhere->list(FileKind::Snapshot)->size(), 0);
    QCOMPARE(elsewhere->list(FileKind::Pack)->size(), 0);
}

void TestSftpBackend::largeRoundTripIsByteForByte()
{
    auto backend = open(m_sub, options());
    QVERIFY(backend->create());
    QVERIFY(backend->connect());
    const QByteArray data = test::pseudoRandomBytes(40 << 20, 7);
    QElapsedTimer t;
    t.start();
    Status s = backend->write(FileKind::Pack, QStringLiteral("big0"), data);
    QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    const double writeSeconds = t.nsecsElapsed() / 1e9;
    t.restart();
    auto back = backend->read(FileKind::Pack, QStringLiteral("big0"));
    QVERIFY2(back, back ? "" : qPrintable(back.error().message));
    const double readSeconds = t.nsecsElapsed() / 1e9;
    QCOMPARE(back->size(), data.size());
    QVERIFY(*back == data);
    qInfo("40 MiB over loopback SFTP: write %.0f MB/s, read %.0f MB/s", 40 * 1.048576 / writeSeconds,
          40 * 1.048576 / readSeconds);
    QVERIFY(test::readFile(QFile::encodeName(m_root + QLatin1Char('/') + m_sub +
                                             QStringLiteral("/data/bi/big0"))) == data);
    // A range across many requests, at an odd offset, into a reused buffer.
    QByteArray out(100, 'x');
    QVERIFY(backend->readInto(FileKind::Pack, QStringLiteral("big0"), 12345, 9'000'001, out));
    QVERIFY(out == data.mid(12345, 9'000'001));
}

void TestSftpBackend::cancelStopsALargeWriteQuickly()
{
    auto backend = open(m_sub, options());
    QVERIFY(backend->create());
    QVERIFY(backend->connect());
    const QByteArray data = test::pseudoRandomBytes(160 << 20, 8); // more than loopback takes in 100 ms
    const CancelToken cancel = CancelToken::make();
    std::atomic<qint64> cancelledAt{0};
    QElapsedTimer t;
    t.start();
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        cancelledAt = t.elapsed();
        cancel.cancel();
    });
    const Status s = backend->write(FileKind::Pack, QStringLiteral("cc00"), data, cancel);
    const qint64 done = t.elapsed();
    canceller.join();
    QVERIFY2(!s, "the write finished before it was cancelled");
    QCOMPARE(s.error().code, ErrorCode::Cancelled);
    QVERIFY2(done - cancelledAt < 2000, qPrintable(QString::number(done - cancelledAt)));
    // Stopped between two chunks: the temp file was removed, nothing half-written is visible.
    QVERIFY2(hiddenFilesUnder(m_sub).isEmpty(), qPrintable(hiddenFilesUnder(m_sub).join(u' ')));
    QCOMPARE(backend->list(FileKind::Pack)->size(), 0);
    // The same for a read, and the backend still works after both.
    QVERIFY(backend->write(FileKind::Pack, QStringLiteral("cc01"), data.left(40 << 20)));
    const CancelToken cancelRead = CancelToken::make();
    cancelRead.cancel();
    QCOMPARE(backend->read(FileKind::Pack, QStringLiteral("cc01"), 0, -1, cancelRead).error().code,
             ErrorCode::Cancelled);
    QCOMPARE(backend->read(FileKind::Pack, QStringLiteral("cc01"), 5, 5).value(), data.mid(5, 5));
}

void TestSftpBackend::cancelStopsAStalledTransfer()
{
    const int port = startProxy();
    QVERIFY(port > 0);
    SftpOptions o = options();
    o.stallTimeoutMs = 60000; // far beyond the test: only the cancel may end the call
    o.knownHostsFile = m_tmp.path() + QStringLiteral("/proxy_known_hosts");
    QVERIFY(SftpBackend::trustHostKey(url(m_sub, port), expectedFingerprint(), o));
    auto backend = open(m_sub, o, port);
    QVERIFY(backend->create());
    const QByteArray data = test::pseudoRandomBytes(8 << 20, 9);
    QVERIFY(backend->write(FileKind::Pack, QStringLiteral("dd00"), data));

    signalProxy(SIGUSR1); // stall
    const CancelToken cancel = CancelToken::make();
    QElapsedTimer t;
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        t.start();
        cancel.cancel();
    });
    auto r = backend->read(FileKind::Pack, QStringLiteral("dd00"), 0, -1, cancel);
    const qint64 afterCancel = t.elapsed();
    canceller.join();
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::Cancelled);
    QVERIFY2(afterCancel < 2000, qPrintable(QString::number(afterCancel)));

    signalProxy(SIGUSR2); // resume: the cut connection is gone, a new one is made
    auto again = backend->read(FileKind::Pack, QStringLiteral("dd00"));
    QVERIFY2(again, again ? "" : qPrintable(again.error().message));
    QVERIFY(*again == data);
}

void TestSftpBackend::stalledServerTimesOutThenRecovers()
{
    const int port = startProxy();
    QVERIFY(port > 0);
    SftpOptions o = options();
    o.stallTimeoutMs = 2000;
    o.knownHostsFile = m_tmp.path() + QStringLiteral("/proxy_known_hosts");
    QVERIFY(SftpBackend::trustHostKey(url(m_sub, port), expectedFingerprint(), o));
    auto backend = open(m_sub, o, port);
    QVERIFY(backend->create());

    signalProxy(SIGUSR1);
    QElapsedTimer t;
    t.start();
    const Status s =
        backend->write(FileKind::Pack, QStringLiteral("ee00"), test::pseudoRandomBytes(4 << 20, 10));
    const qint64 took = t.elapsed();
    QVERIFY(!s);
    QCOMPARE(s.error().code, ErrorCode::Timeout);
    qInfo("%s", qPrintable(s.error().message));
    QVERIFY(isTransient(s.error().code));
    QVERIFY2(s.error().message.contains(QStringLiteral("127.0.0.1:%1").arg(port)) &&
                 s.error().message.contains(QLatin1String("did not answer")),
             qPrintable(s.error().message));
    QVERIFY2(took >= 1900 && took < 5000, qPrintable(QString::number(took)));

    signalProxy(SIGUSR2);
    QVERIFY(backend->write(FileKind::Pack, QStringLiteral("ee01"), "after"));
    QCOMPARE(backend->read(FileKind::Pack, QStringLiteral("ee01")).value(), QByteArray("after"));

    // A dropped connection (RST): Network, and the next call reconnects.
    signalProxy(SIGHUP);
    QThread::msleep(100);
    auto r = backend->read(FileKind::Pack, QStringLiteral("ee01"));
    if (!r) // the idle check may see the reset first and reconnect at once
        QCOMPARE(r.error().code, ErrorCode::Network);
    QCOMPARE(backend->read(FileKind::Pack, QStringLiteral("ee01")).value(), QByteArray("after"));
}

void TestSftpBackend::fourThreadsWriteAndReadAtOnce()
{
    auto backend = open(m_sub, options());
    QVERIFY(backend->create());
    constexpr int Threads = 4;
    constexpr int Files = 8;
    std::atomic<int> failures{0};
    QStringList errors[Threads];
    std::vector<std::thread> threads;
    for (int i = 0; i < Threads; ++i)
        threads.emplace_back([&, i] {
            for (int f = 0; f < Files; ++f) {
                const QString name =
                    QStringLiteral("%1%2").arg(i * 16 + f, 2, 16, QLatin1Char('0')).repeated(4);
                const QByteArray data =
                    test::pseudoRandomBytes((1 << 20) + i * 1000 + f, quint64(i * 100 + f));
                Status s = backend->write(FileKind::Pack, name, data);
                auto back = s ? backend->read(FileKind::Pack, name) : Result<QByteArray>(s.error());
                if (!back || *back != data) {
                    ++failures;
                    errors[i] << name + QLatin1Char(' ') +
                                     (back ? QStringLiteral("differs") : back.error().message);
                }
            }
        });
    for (auto &t : threads)
        t.join();
    for (const QStringList &e : errors)
        for (const QString &m : e)
            qWarning() << m;
    QCOMPARE(failures.load(), 0);
    auto packs = backend->list(FileKind::Pack);
    QVERIFY(packs);
    QCOMPARE(packs->size(), Threads * Files);
    QVERIFY(hiddenFilesUnder(m_sub).isEmpty());
    backend->closeOpenFiles(); // idle sessions closed; the next call connects again
    QCOMPARE(backend->list(FileKind::Pack)->size(), Threads * Files);
}

void TestSftpBackend::homeRelativePath()
{
    // sftp://host/~/path: relative to the login's home, wherever that is (the tests' folder is
    // reached from it with ..).
    const QString home = QDir::homePath();
    const QString relative = QDir(home).relativeFilePath(m_root + QLatin1Char('/') + m_sub);
    auto backend = SftpBackend::open(QStringLiteral("sftp://%1@%2:%3/~/%4")
                                         .arg(m_env.value(QStringLiteral("STRATA_TEST_SFTP_USER")),
                                              m_env.value(QStringLiteral("STRATA_TEST_SFTP_HOST")),
                                              m_env.value(QStringLiteral("STRATA_TEST_SFTP_PORT")), relative),
                                     options());
    QVERIFY(backend);
    const Status s = (*backend)->create();
    QVERIFY2(s, s ? "" : qPrintable(s.error().message));
    QVERIFY((*backend)->write(FileKind::Snapshot, QStringLiteral("s1"), "snap"));
    QCOMPARE(test::readFile(
                 QFile::encodeName(m_root + QLatin1Char('/') + m_sub + QStringLiteral("/snapshots/s1"))),
             QByteArray("snap"));
}

void TestSftpBackend::fullDiskIsNoSpace()
{
    const QString dir = m_root + QLatin1Char('/') + m_sub;
    QVERIFY(QDir().mkpath(dir));
    QProcess mount;
    mount.start(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                          QStringLiteral("size=1m"), QStringLiteral("tmpfs"), dir});
    if (!mount.waitForFinished(10000) || mount.exitCode() != 0)
        QSKIP("cannot mount a small tmpfs here (needs root)");
    m_mount = dir;
    auto backend = open(m_sub, options());
    QVERIFY(backend->create());
    QVERIFY(backend->write(FileKind::Index, QStringLiteral("small"), "fits"));
    const Status s =
        backend->write(FileKind::Pack, QStringLiteral("ff00"), test::pseudoRandomBytes(3 << 20, 11));
    QVERIFY(!s);
    QCOMPARE(s.error().code, ErrorCode::NoSpace);
    qInfo("%s", qPrintable(s.error().message));
    QVERIFY2(s.error().message.contains(QLatin1String("no space left")), qPrintable(s.error().message));
    QVERIFY2(hiddenFilesUnder(m_sub).isEmpty(), qPrintable(hiddenFilesUnder(m_sub).join(u' ')));
    const auto free = backend->freeSpace();
    QVERIFY(free && *free <= (1 << 20));
    QCOMPARE(backend->read(FileKind::Index, QStringLiteral("small")).value(), QByteArray("fits"));
}

QTEST_GUILESS_MAIN(TestSftpBackend)
#include "tst_sftpbackend.moc"
