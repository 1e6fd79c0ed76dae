// What comes back is what was there, checked with independent tools (getfattr, getfacl, getcap,
// stat): extended attributes of every namespace root may read, POSIX ACLs (access and default),
// file capabilities, time stamps from 1901 to 2500 with nanoseconds, owners, sockets; the
// --no-xattrs / --no-acls switches on backup and restore; and targets that refuse some of it
// (ramfs has no attributes, a FAT image mounted with fusefat has no attributes, permissions or
// symlinks, an sshfs share of OpenSSH's sshd has no sockets, FIFOs or attributes) get every
// file and one warning per reason, never a failure or silence.
//
// The source lives on tmpfs (/dev/shm), the one file system here that holds every time stamp
// a timespec can: ext4 ends in 2446. Needs root (trusted.*, capabilities, chown, mounts).
#include "TestUtil.h"

#include <QDir>
#include <QJsonArray>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <csignal>
#include <cstring>
#include <netinet/in.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace strata::test;

namespace {

struct Stamp
{
    const char *name;
    const char *date; // for touch -d
};
// 1901 is just after INT32_MIN seconds, 2038 just after INT32_MAX; 2400 and 2500 do not fit a
// 64-bit count of nanoseconds.
const Stamp kStamps[] = {{"y1901", "1901-12-14 00:00:00.000000001 UTC"},
                         {"y1960", "1960-03-04 05:06:07.123456789 UTC"},
                         {"y2038", "2038-01-19 03:14:08.5 UTC"},
                         {"y2400", "2400-05-06 07:08:09.987654321 UTC"},
                         {"y2500", "2500-12-31 23:59:59.999999999 UTC"}};

bool makeSocket(const QByteArray &path)
{
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (std::size_t(path.size()) >= sizeof addr.sun_path)
        return false;
    std::memcpy(addr.sun_path, path.constData(), std::size_t(path.size()));
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0;
    ::close(fd); // the node stays
    return ok;
}

} // namespace

class TestCliFidelity final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void attributesAclsAndCapabilitiesComeBack();
    void timeStampsOfAnyYearComeBack();
    void ownersTypesAndModesComeBack();
    void socketsComeBack();
    void lsShowsNamesAttributesAndExactTimes();
    void noXattrsAndNoAclsOnBackup();
    void noXattrsAndNoAclsOnRestore();
    void incrementalBackupSeesChangedAttributes();
    void ramfsRefusesAttributesWithOneWarningEach();
    void fatImageGetsEveryFileAndOneWarningPerReason();
    void sshfsShareRefusesSocketsOnceWithACount();

private:
    RunResult cli(const QStringList &args) { return runCli(args, m_env); }
    // Runs a shell command in `dir` and returns its output; fails the test if it fails.
    QByteArray sh(const QString &command, const QString &dir = {});
    QString backup(const QStringList &extra = {});
    // Restores `version` into a new folder under `parent` and returns the restored copy of src.
    QString restore(const QString &version, const QString &parent, const QStringList &extra = {},
                    int expectedExit = 0, RunResult *out = nullptr);
    // What each independent tool says about every entry below `root`, paths relative to it.
    QByteArray xattrs(const QString &root)
    {
        return sh(QStringLiteral("getfattr -R -d -m - -h -e hex . | sort"), root);
    }
    QByteArray acls(const QString &root) { return sh(QStringLiteral("getfacl -R -n -P . | sort"), root); }
    QByteArray caps(const QString &root) { return sh(QStringLiteral("getcap -r . | sort"), root); }
    QByteArray stats(const QString &root)
    {
        return sh(QStringLiteral(
                      "find . -mindepth 1 -print0 | sort -z | xargs -0 stat -c '%n|%F|%a|%u|%g|%U|%G|%s|%y'"),
                  root);
    }

    QTemporaryDir m_tmp; // repository, home, targets on the disk
    QTemporaryDir m_shm{QStringLiteral("/dev/shm/strata-fidelity-XXXXXX")}; // the source, tmpfs targets
    QProcessEnvironment m_env;
    QString m_repo;
    QString m_src;
    QString m_version;
    QStringList m_mounts;
};

QByteArray TestCliFidelity::sh(const QString &command, const QString &dir)
{
    const RunResult r =
        runProgram(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command}, m_env, {}, 60000, dir);
    if (r.exitCode != 0)
        qWarning("command failed: %s: %s", qPrintable(command), qPrintable(r.describe()));
    return r.out;
}

void TestCliFidelity::initTestCase()
{
    if (!isRoot())
        QSKIP("needs root: trusted.* attributes, capabilities, owners and mounts");
    QVERIFY(m_tmp.isValid());
    QVERIFY2(m_shm.isValid(), "cannot make a folder on /dev/shm");
    m_env = cliEnvironment(m_tmp.path() + QStringLiteral("/home"));
    QVERIFY(QDir().mkpath(m_tmp.path() + QStringLiteral("/home")));
    m_repo = m_tmp.path() + QStringLiteral("/repo");
    m_src = m_shm.path() + QStringLiteral("/src");

    // The tree: attributes of each namespace, ACLs, a capability, times, owners, special files.
    QVERIFY(QDir().mkpath(m_src + QStringLiteral("/shared/deep")));
    QVERIFY(QDir().mkpath(m_src + QStringLiteral("/times")));
    QVERIFY(writeFile(QFile::encodeName(m_src + QStringLiteral("/note.txt")), "a note\n", 0640));
    QVERIFY(writeFile(QFile::encodeName(m_src + QStringLiteral("/shared/deep/inherited.txt")), "x\n"));
    QVERIFY(writeFile(QFile::encodeName(m_src + QStringLiteral("/owned.txt")), "owned\n", 0600));
    QVERIFY(QFile::copy(QStringLiteral("/bin/true"), m_src + QStringLiteral("/ping")));
    for (const Stamp &s : kStamps)
        QVERIFY(
            writeFile(QFile::encodeName(m_src + QStringLiteral("/times/") + QLatin1String(s.name)), s.name));
    QVERIFY(makeSocket(QFile::encodeName(m_src + QStringLiteral("/listener.sock"))));
    sh(QStringLiteral("set -e; cd '%1'\n"
                      "setfattr -n user.comment -v 'hello world' note.txt\n"
                      "setfattr -n user.binary -v 0x00ff10 note.txt\n"
                      "setfattr -n user.empty note.txt\n"
                      "setfattr -n trusted.origin -v backup-test note.txt\n"
                      "setfattr -n user.folder -v yes shared\n"
                      "setfacl -m u:1234:rwx,g:4321:r note.txt\n"
                      "setfacl -d -m u:1234:rx,g:100:rx shared\n"
                      "setfacl -m u:1234:rx shared\n"
                      "chown 4321:5432 ping\n"
                      "setcap cap_net_raw,cap_net_bind_service+ep ping\n"
                      "chmod 2755 shared/deep\n"
                      "chown 4321:5432 owned.txt\n"
                      "ln -s note.txt link\n"
                      "mkfifo pipe\n"
                      "ln note.txt hard\n")
           .arg(m_src));
    for (const Stamp &s : kStamps)
        sh(QStringLiteral("touch -h -d '%1' '%2'")
               .arg(QLatin1String(s.date), m_src + QStringLiteral("/times/") + QLatin1String(s.name)));
    sh(QStringLiteral("touch -h -d '1969-07-20 20:17:40.25 UTC' '%1/link'").arg(m_src));
    sh(QStringLiteral("touch -d '2400-01-01 00:00:00.5 UTC' '%1/times'").arg(m_src));
    // Sanity: the tools see what the test made, or the comparisons below would compare nothing.
    QVERIFY(xattrs(m_src).contains("trusted.origin"));
    QVERIFY(acls(m_src).contains("default:user:1234:r-x"));
    QVERIFY(caps(m_src).contains("cap_net_bind_service,cap_net_raw=ep"));
    QVERIFY(stats(m_src).contains("2500-12-31 23:59:59.999999999"));

    RunResult r = cli({QStringLiteral("init"), QStringLiteral("--repo"), m_repo});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    m_version = backup();
    QVERIFY(!m_version.isEmpty());
}

void TestCliFidelity::cleanupTestCase()
{
    for (const QString &m : m_mounts)
        sh(QStringLiteral("fusermount3 -u '%1' 2>/dev/null || umount '%1'").arg(m));
}

QString TestCliFidelity::backup(const QStringList &extra)
{
    const RunResult r = cli(
        QStringList{QStringLiteral("backup"), QStringLiteral("--repo"), m_repo, QStringLiteral("--json")} +
        extra + QStringList{m_src});
    if (r.exitCode != 0) {
        qWarning("backup failed: %s", qPrintable(r.describe()));
        return {};
    }
    return backupSnapshotId(r.out);
}

QString TestCliFidelity::restore(const QString &version, const QString &parent, const QStringList &extra,
                                 int expectedExit, RunResult *out)
{
    static int n = 0;
    const QString target = parent + QStringLiteral("/restore-%1").arg(++n);
    const RunResult r = cli(QStringList{QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, version,
                                        QStringLiteral("--target"), target} +
                            extra);
    if (out)
        *out = r;
    if (r.exitCode != expectedExit) {
        qWarning("restore exited %d, not %d: %s", r.exitCode, expectedExit, qPrintable(r.describe()));
        return {};
    }
    return target + QStringLiteral("/src");
}

void TestCliFidelity::attributesAclsAndCapabilitiesComeBack()
{
    const QString out = restore(m_version, m_shm.path());
    QVERIFY(!out.isEmpty());
    QCOMPARE(xattrs(out), xattrs(m_src));
    QCOMPARE(acls(out), acls(m_src));
    QCOMPARE(caps(out), caps(m_src));
    // The restored folder's default ACL was set after its contents: nothing inherited it.
    QVERIFY(acls(out).contains("default:group:100:r-x"));
}

void TestCliFidelity::timeStampsOfAnyYearComeBack()
{
    const QString out = restore(m_version, m_shm.path());
    QVERIFY(!out.isEmpty());
    const QByteArray got = sh(QStringLiteral("stat -c '%n %y' times/* times link"), out);
    for (const Stamp &s : kStamps) {
        const QByteArray date = QByteArray(s.date).replace(" UTC", "");
        // stat prints nine digits of nanoseconds.
        const QByteArray frac = date.mid(date.indexOf('.') + 1);
        const QByteArray expected = "times/" + QByteArray(s.name) + ' ' + date.left(date.indexOf('.') + 1) +
                                    frac + QByteArray(9 - frac.size(), '0') + " +0000";
        QVERIFY2(got.contains(expected), qPrintable(QString::fromUtf8(expected + "\n not in\n" + got)));
    }
    QVERIFY2(got.contains("times 2400-01-01 00:00:00.500000000 +0000"), got.constData());
    QVERIFY2(got.contains("link 1969-07-20 20:17:40.250000000 +0000"), got.constData());
}

void TestCliFidelity::ownersTypesAndModesComeBack()
{
    const QString out = restore(m_version, m_shm.path());
    QVERIFY(!out.isEmpty());
    QCOMPARE(stats(out), stats(m_src));
    QVERIFY(stats(out).contains("./owned.txt|regular file|600|4321|5432"));
    QVERIFY(stats(out).contains("./shared/deep|directory|2755"));
}

void TestCliFidelity::socketsComeBack()
{
    const QString out = restore(m_version, m_shm.path());
    QVERIFY(!out.isEmpty());
    struct stat st;
    QVERIFY(::lstat(QFile::encodeName(out + QStringLiteral("/listener.sock")).constData(), &st) == 0);
    QVERIFY(S_ISSOCK(st.st_mode));
    QVERIFY(stats(out).contains("./listener.sock|socket|"));
    // Restored again over itself with if-changed: an existing socket counts as unchanged.
    const RunResult again =
        cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, m_version,
             QStringLiteral("--target"), QFileInfo(out).path(), QStringLiteral("--dry-run")});
    QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
    QVERIFY2(again.out.contains("unchanged ") && again.out.contains("listener.sock"), again.out.constData());
    QVERIFY2(!QString::fromUtf8(again.out).contains(
                 QRegularExpression(QStringLiteral("(create|overwrite) +\\S*listener.sock"))),
             again.out.constData());
}

void TestCliFidelity::lsShowsNamesAttributesAndExactTimes()
{
    const RunResult r = cli({QStringLiteral("ls"), QStringLiteral("--repo"), m_repo, m_version,
                             m_src + QStringLiteral("/times/y2500"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QJsonObject o = jsonLines(r.out).value(0);
    QCOMPARE(o.value(QStringLiteral("mtimeNs")).toString(), QStringLiteral("16756761599999999999"));
    QCOMPARE(o.value(QStringLiteral("mtime")).toString(), QStringLiteral("2500-12-31T23:59:59.999Z"));
    QCOMPARE(o.value(QStringLiteral("user")).toString(), QStringLiteral("root"));
    const RunResult note = cli({QStringLiteral("ls"), QStringLiteral("--repo"), m_repo, m_version,
                                m_src + QStringLiteral("/note.txt"), QStringLiteral("--json")});
    const QJsonArray names = jsonLines(note.out).value(0).value(QStringLiteral("xattrs")).toArray();
    QVERIFY2(names.contains(QStringLiteral("trusted.origin")) &&
                 names.contains(QStringLiteral("system.posix_acl_access")),
             note.out.constData());
}

void TestCliFidelity::noXattrsAndNoAclsOnBackup()
{
    const QString noX =
        backup({QStringLiteral("--no-xattrs"), QStringLiteral("--kind"), QStringLiteral("full")});
    const QString noA =
        backup({QStringLiteral("--no-acls"), QStringLiteral("--kind"), QStringLiteral("full")});
    QVERIFY(!noX.isEmpty() && !noA.isEmpty());
    const QString outX = restore(noX, m_shm.path());
    const QString outA = restore(noA, m_shm.path());
    QVERIFY(!outX.isEmpty() && !outA.isEmpty());
    const QByteArray xX = xattrs(outX), xA = xattrs(outA);
    QVERIFY2(!xX.contains("user.comment") && !xX.contains("trusted.origin") && caps(outX).isEmpty(),
             xX.constData());
    QVERIFY2(xX.contains("system.posix_acl_access"), xX.constData()); // the ACLs stay
    QCOMPARE(acls(outX), acls(m_src));
    QVERIFY2(xA.contains("user.comment") && xA.contains("trusted.origin") && !xA.contains("posix_acl"),
             xA.constData());
    QCOMPARE(caps(outA), caps(m_src));
}

void TestCliFidelity::noXattrsAndNoAclsOnRestore()
{
    const QString outX = restore(m_version, m_shm.path(), {QStringLiteral("--no-xattrs")});
    const QString outA = restore(m_version, m_shm.path(), {QStringLiteral("--no-acls")});
    QVERIFY(!outX.isEmpty() && !outA.isEmpty());
    QVERIFY(!xattrs(outX).contains("user.") && caps(outX).isEmpty());
    QCOMPARE(acls(outX), acls(m_src));
    QVERIFY(xattrs(outA).contains("user.comment") && !xattrs(outA).contains("posix_acl"));
    QCOMPARE(caps(outA), caps(m_src));
}

// An incremental backup takes an entry's attributes from the parent when its ctime and inode
// are the same, as it takes the content; a change of attribute or ACL changes the ctime.
void TestCliFidelity::incrementalBackupSeesChangedAttributes()
{
    const QString dir = m_shm.path() + QStringLiteral("/incr");
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(writeFile(QFile::encodeName(dir + QStringLiteral("/a")), "a"));
    QVERIFY(writeFile(QFile::encodeName(dir + QStringLiteral("/b")), "b"));
    sh(QStringLiteral("setfattr -n user.v -v one a b"), dir);
    // A parent without attributes (--no-xattrs) is never taken as the source of them.
    auto backupOf = [&](const QStringList &extra) {
        const RunResult r =
            cli(QStringList{QStringLiteral("backup"), QStringLiteral("--repo"), m_repo,
                            QStringLiteral("--set"), QStringLiteral("incr"), QStringLiteral("--json")} +
                extra + QStringList{dir});
        return r.exitCode == 0 ? backupSnapshotId(r.out) : QString();
    };
    QVERIFY(!backupOf({QStringLiteral("--no-xattrs")}).isEmpty());
    const QString first = backupOf({});
    QVERIFY(!first.isEmpty());
    sh(QStringLiteral("setfattr -n user.v -v two a && setfacl -m u:77:r b"), dir);
    const QString second = backupOf({});
    QVERIFY(!second.isEmpty());
    auto attributesOf = [&](const QString &version) {
        const QString out = restore(version, m_shm.path());
        return out.isEmpty()
                   ? QByteArray()
                   : sh(QStringLiteral("getfattr -d -m - -h . incr/* | sort"), QFileInfo(out).path());
    };
    const QByteArray one = attributesOf(first), two = attributesOf(second);
    QVERIFY2(one.count("user.v=\"one\"") == 2, one.constData());
    QVERIFY2(two.contains("user.v=\"two\"") && two.contains("user.v=\"one\"") &&
                 two.contains("system.posix_acl_access"),
             two.constData());
}

void TestCliFidelity::ramfsRefusesAttributesWithOneWarningEach()
{
    const QString mnt = m_tmp.path() + QStringLiteral("/ramfs");
    QVERIFY(QDir().mkpath(mnt));
    QVERIFY2(::mount("ramfs", QFile::encodeName(mnt).constData(), "ramfs", 0, nullptr) == 0, strerror(errno));
    m_mounts << mnt;
    RunResult r;
    const QString out = restore(m_version, mnt, {}, 0, &r);
    QVERIFY(!out.isEmpty());
    // Every file is there, whole.
    CompareOptions options;
    options.runDiff = false; // diff -r stops at the socket and the FIFO; the walk compares them
    const QStringList diffs = compareTrees(QFile::encodeName(m_src), QFile::encodeName(out), options);
    QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(QLatin1Char('\n'))));
    const QString err = QString::fromUtf8(r.err);
    QCOMPARE(err.count(QStringLiteral("could not restore ACLs: Operation not supported")), 1);
    QCOMPARE(err.count(QStringLiteral("could not restore extended attributes (user.*)")), 1);
    QCOMPARE(err.count(QStringLiteral("could not restore extended attributes (trusted.*)")), 1);
    QCOMPARE(err.count(QStringLiteral("could not restore file capabilities")), 1);
    QVERIFY2(err.contains(QRegularExpression(QStringLiteral("ACLs: Operation not supported: \\d+ entries"))),
             qPrintable(err));
}

void TestCliFidelity::fatImageGetsEveryFileAndOneWarningPerReason()
{
    // A version without sockets and FIFOs: fusefat answers mknod with EIO after making a file.
    const QString plain = m_shm.path() + QStringLiteral("/plain");
    QVERIFY(QDir().mkpath(plain));
    sh(QStringLiteral("set -e; cp -a '%1/note.txt' '%1/ping' '%1/link' '%1/shared' '%2/'; touch -d "
                      "'2400-01-01 UTC' '%2/ping'")
           .arg(m_src, plain));
    RunResult r =
        cli({QStringLiteral("backup"), QStringLiteral("--repo"), m_repo, QStringLiteral("--json"), plain});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QString version = backupSnapshotId(r.out);

    const QString image = m_tmp.path() + QStringLiteral("/fat.img");
    const QString mnt = m_tmp.path() + QStringLiteral("/fat");
    QVERIFY(QDir().mkpath(mnt));
    sh(QStringLiteral(
           "set -e; truncate -s 16M '%1'; mkfs.vfat '%1' >/dev/null; fusefat -o rw+ '%1' '%2' >/dev/null")
           .arg(image, mnt));
    m_mounts << mnt;
    QVERIFY2(sh(QStringLiteral("grep -c ' %1 ' /proc/mounts").arg(mnt)).trimmed() == "1",
             "fusefat did not mount");

    const QString target = mnt + QStringLiteral("/out");
    r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, version, QStringLiteral("--target"),
             target});
    // The symlink could not be made: partial, never a failure or a rollback.
    QVERIFY2(r.exitCode == 3, qPrintable(r.describe()));
    QVERIFY(!r.text().contains(QStringLiteral("rolled back")));
    for (const QString &f :
         {QStringLiteral("note.txt"), QStringLiteral("ping"), QStringLiteral("shared/deep/inherited.txt")}) {
        bool ok = false;
        QCOMPARE(readFile(QFile::encodeName(target + QStringLiteral("/plain/") + f), &ok),
                 readFile(QFile::encodeName(plain + QLatin1Char('/') + f)));
        QVERIFY(ok);
    }
    const QString err = QString::fromUtf8(r.err);
    QCOMPARE(err.count(QStringLiteral("the target refused to make symlinks")), 1);
    QCOMPARE(err.count(QStringLiteral("the target could not keep permissions")), 1);
    QCOMPARE(err.count(QStringLiteral("could not restore ACLs")), 1);
    QCOMPARE(err.count(QStringLiteral("could not restore extended attributes (user.*)")), 1);
    // FAT ends in 2107: the 2400 time stamp read back different, and the user is told.
    QCOMPARE(err.count(QStringLiteral("cannot hold some modification times")), 1);
}

// A network share: OpenSSH's sshd on loopback, mounted with sshfs. SFTP has no special files
// and no attributes, so sshfs refuses sockets and FIFOs (EPERM) and attributes (ENOTSUP).
void TestCliFidelity::sshfsShareRefusesSocketsOnceWithACount()
{
    const QString dir = m_tmp.path() + QStringLiteral("/sshd");
    const QString served = m_tmp.path() + QStringLiteral("/served");
    const QString mnt = m_tmp.path() + QStringLiteral("/share");
    QVERIFY(QDir().mkpath(dir) && QDir().mkpath(served) && QDir().mkpath(mnt));
    // A free loopback port: bound here, released, then given to sshd.
    int port = 0;
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        QVERIFY(::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0);
        QVERIFY(::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len) == 0);
        port = ntohs(a.sin_port);
        ::close(fd);
    }
    sh(QStringLiteral("set -e; cd '%1'\n"
                      "ssh-keygen -q -t ed25519 -N '' -f host\n"
                      "ssh-keygen -q -t ed25519 -N '' -f client\n"
                      "printf '%s\\n' 'Port %2' 'ListenAddress 127.0.0.1' 'HostKey %1/host' "
                      "'AuthorizedKeysFile %1/client.pub' 'PidFile %1/pid' 'Subsystem sftp internal-sftp' "
                      "'PermitRootLogin prohibit-password' 'StrictModes no' 'UsePAM no' > config\n"
                      "mkdir -p /run/sshd\n"
                      "/usr/sbin/sshd -f config -E '%1/log'\n")
           .arg(dir)
           .arg(port));
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(dir + QStringLiteral("/pid")), 10000);
    const QByteArray pid = readFile(QFile::encodeName(dir + QStringLiteral("/pid"))).trimmed();
    const auto stopSshd = qScopeGuard([&] { ::kill(pid.toInt(), SIGTERM); });
    sh(QStringLiteral(
           "sshfs -p %1 -o IdentityFile='%2/client',StrictHostKeyChecking=no,UserKnownHostsFile=/dev/null "
           "root@127.0.0.1:'%3' '%4'")
           .arg(port)
           .arg(dir, served, mnt));
    m_mounts.prepend(mnt);
    QVERIFY2(sh(QStringLiteral("grep -c ' %1 ' /proc/mounts").arg(mnt)).trimmed() == "1",
             "sshfs did not mount");

    const QString target = mnt + QStringLiteral("/out");
    const RunResult r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, m_version,
                             QStringLiteral("--target"), target});
    QVERIFY2(r.exitCode == 3, qPrintable(r.describe())); // the socket and the FIFO were not made
    const QString err = QString::fromUtf8(r.err);
    QCOMPARE(
        err.count(QStringLiteral("the target refused to make sockets (Operation not permitted): 1 entry")),
        1);
    QCOMPARE(err.count(QStringLiteral("the target refused to make FIFOs (Operation not permitted): 1 entry")),
             1);
    QCOMPARE(err.count(QStringLiteral("could not restore extended attributes (user.*)")), 1);
    QVERIFY2(r.text().contains(QStringLiteral("2 entries could not be restored")), qPrintable(r.text()));
    QCOMPARE(readFile(QFile::encodeName(target + QStringLiteral("/src/note.txt"))), QByteArray("a note\n"));
    QVERIFY(!QFileInfo::exists(target + QStringLiteral("/src/listener.sock")));
}

QTEST_GUILESS_MAIN(TestCliFidelity)
#include "tst_cli_fidelity.moc"
