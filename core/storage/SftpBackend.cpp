#include "storage/SftpBackend.h"

#include "storage/Layout.h"

#include "crypto/Crypto.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QUrl>
#include <QUrlQuery>

#include <libssh/libssh.h>
#include <libssh/sftp.h>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <deque>
#include <functional>

namespace strata {

Q_LOGGING_CATEGORY(lcSftp, "strata.storage.sftp")

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

const auto TempPrefix = QLatin1String(".tmp-");
// Where an old file waits while a new one takes its name (see putInPlace). Not a temp name:
// removeStaleTemporaries must never delete the only copy that a crash between two renames left.
const auto AsidePrefix = QLatin1String(".old-");

// Every SFTP server takes 32 KiB requests. OpenSSH takes 255 KiB (its limits@openssh.com
// reply says 261120), and a write costs one round trip whatever its size, since libssh 0.10's
// sftp_write waits for each answer: large chunks are what makes writes fast.
constexpr qsizetype SmallChunk = 32 * 1024;
constexpr qsizetype OpenSshChunk = 255 * 1024;
// Reads are pipelined: this many requests in flight (4 MiB with OpenSSH).
constexpr int ReadsInFlight = 16;
// A cancelled call that is still running after this long is cut off by the watchdog; shorter
// ones end on their own and the loop between chunks sees the token, leaving no temp file.
constexpr milliseconds CancelGrace(500);
constexpr milliseconds WatchInterval(100);

QString parentOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

QString randomSuffix()
{
    return QString::fromLatin1(crypto::randomBytes(8).toHex());
}

// SFTP names are bytes; servers pass them to their file system, where UTF-8 is the convention.
QByteArray wire(const QString &path)
{
    return path.toUtf8();
}

QString keyTypeName(ssh_key key)
{
    switch (ssh_key_type(key)) {
    case SSH_KEYTYPE_ED25519:
        return QStringLiteral("ED25519");
    case SSH_KEYTYPE_RSA:
        return QStringLiteral("RSA");
    case SSH_KEYTYPE_ECDSA_P256:
    case SSH_KEYTYPE_ECDSA_P384:
    case SSH_KEYTYPE_ECDSA_P521:
        return QStringLiteral("ECDSA");
    case SSH_KEYTYPE_DSS:
        return QStringLiteral("DSA");
    case SSH_KEYTYPE_SK_ED25519:
        return QStringLiteral("ED25519-SK");
    case SSH_KEYTYPE_SK_ECDSA:
        return QStringLiteral("ECDSA-SK");
    default:
        return QString::fromLatin1(ssh_key_type_to_char(ssh_key_type(key)));
    }
}

QString knownHostsName(const SftpOptions &options)
{
    return options.knownHostsFile.isEmpty() ? QStringLiteral("~/.ssh/known_hosts") : options.knownHostsFile;
}

void setTimeout(ssh_session ssh, int ms)
{
    long seconds = ms / 1000;
    long usec = long(ms % 1000) * 1000;
    ssh_options_set(ssh, SSH_OPTIONS_TIMEOUT, &seconds);
    ssh_options_set(ssh, SSH_OPTIONS_TIMEOUT_USEC, &usec);
}

} // namespace

struct SftpBackend::Target
{
    QString host;
    int port = 0; // 0: ~/.ssh/config, else 22
    QString user;
    QString path;          // absolute, or relative to the home folder when `relative`
    bool relative = false; // sftp://host/~/path
};

struct SftpBackend::Connection
{
    ssh_session ssh = nullptr;
    sftp_session sftp = nullptr;
    int fd = -1;
    QString where; // host:port, for messages
    QString user;
    QString root; // the repository's absolute path on the server
    qsizetype chunk = SmallChunk;
    bool canFsync = false;
    bool canStatvfs = false;
    bool broken = false; // set by the owning thread: this session is not given out again

    // Shared with the watchdog, under `guard`.
    std::mutex guard;
    bool armed = false;
    Clock::time_point since;
    milliseconds limit{0};
    CancelToken cancel;
    std::optional<ErrorCode> tripped; // the watchdog cut the connection: Timeout or Cancelled

    QString remote(const QString &path) const { return QStringLiteral("sftp://%1%2").arg(where, path); }

    ~Connection()
    {
        if (sftp)
            sftp_free(sftp);
        if (ssh) {
            if (ssh_is_connected(ssh))
                ssh_disconnect(ssh);
            ssh_free(ssh);
        }
    }
};

namespace {

using Connection = SftpBackend::Connection;

// Marks a connection busy for the watchdog: from now on a call that does not return within
// `limit` (or that goes on for CancelGrace after `cancel`) has its socket shut down, which makes
// the blocked libssh call fail at once. libssh 0.10 cannot do this itself: a blocking SFTP call
// whose server stops answering loops forever, as sftp_packet_read retries a read that timed out.
class Armed final
{
public:
    Armed(Connection &c, const CancelToken &cancel, milliseconds limit) : m_c(c)
    {
        std::lock_guard g(c.guard);
        c.armed = true;
        c.since = Clock::now();
        c.limit = limit;
        c.cancel = cancel;
    }
    ~Armed()
    {
        std::lock_guard g(m_c.guard);
        m_c.armed = false;
        m_c.cancel = {};
    }
    Armed(const Armed &) = delete;
    Armed &operator=(const Armed &) = delete;

    // Progress: the next request gets a full `limit` again.
    void touch()
    {
        std::lock_guard g(m_c.guard);
        m_c.since = Clock::now();
    }

private:
    Connection &m_c;
};

bool connectionLost(Connection &c)
{
    if (!ssh_is_connected(c.ssh) || (ssh_get_status(c.ssh) & (SSH_CLOSED | SSH_CLOSED_ERROR)))
        return true;
    if (c.sftp && !ssh_channel_is_open(c.sftp->channel))
        return true;
    return false;
}

// What a failed libssh call means, with `what` saying what was being done. A broken connection
// marks `c` so the pool drops it.
Error failure(Connection &c, const QString &what)
{
    {
        std::lock_guard g(c.guard);
        if (c.tripped) {
            c.broken = true;
            if (*c.tripped == ErrorCode::Cancelled)
                return Error::cancelled();
            return Error::timeout(QStringLiteral("%1: the server %2 did not answer for %3 s")
                                      .arg(what, c.where)
                                      .arg(c.limit.count() / 1000.0));
        }
    }
    const QString sshMessage = QString::fromUtf8(ssh_get_error(c.ssh));
    if (connectionLost(c)) {
        c.broken = true;
        return Error::network(
            QStringLiteral("%1: the connection to %2 broke (%3)").arg(what, c.where, sshMessage));
    }
    const int status = c.sftp ? sftp_get_error(c.sftp) : SSH_FX_OK;
    switch (status) {
    case SSH_FX_NO_SUCH_FILE:
    case SSH_FX_NO_SUCH_PATH:
        return Error::notFound(QStringLiteral("%1: no such file or folder").arg(what));
    case SSH_FX_PERMISSION_DENIED:
    case SSH_FX_WRITE_PROTECT:
        return Error::auth(QStringLiteral("%1: permission denied (the server %2 refuses it to %3)")
                               .arg(what, c.where, c.user));
    case SSH_FX_OP_UNSUPPORTED:
        return Error{ErrorCode::Unsupported,
                     QStringLiteral("%1: the server %2 does not support it").arg(what, c.where)};
    case SSH_FX_NO_CONNECTION:
    case SSH_FX_CONNECTION_LOST:
    case SSH_FX_BAD_MESSAGE:
    case SSH_FX_EOF:
        // The protocol is out of step: the session cannot be trusted with another request.
        c.broken = true;
        return Error::network(
            QStringLiteral("%1: the connection to %2 broke (%3)").arg(what, c.where, sshMessage));
    default:
        return Error::io(QStringLiteral("%1: %2").arg(what, sshMessage));
    }
}

bool isNotFound(Connection &c)
{
    return !connectionLost(c) && c.sftp &&
           (sftp_get_error(c.sftp) == SSH_FX_NO_SUCH_FILE || sftp_get_error(c.sftp) == SSH_FX_NO_SUCH_PATH);
}

// SFTP reports a full disk as a plain failure (OpenSSH has no code for ENOSPC): after a failed
// write, statvfs@openssh.com tells whether space is what ran out.
Error writeFailure(Connection &c, const QString &what, const QString &dir, qint64 needed)
{
    Error error = failure(c, what);
    if (error.code != ErrorCode::Io || !c.canStatvfs)
        return error;
    sftp_statvfs_t vfs = sftp_statvfs(c.sftp, wire(dir).constData());
    if (!vfs)
        return error;
    const qint64 free = qint64(vfs->f_bavail) * qint64(vfs->f_frsize);
    sftp_statvfs_free(vfs);
    if (free < needed)
        return Error{ErrorCode::NoSpace,
                     QStringLiteral("%1: no space left on %2 (%3 bytes free)").arg(what, c.where).arg(free)};
    return error;
}

Error connectError(ssh_session ssh, const QString &where, int timeoutMs)
{
    const QString message = QString::fromUtf8(ssh_get_error(ssh));
    if (message.contains(QLatin1String("timeout"), Qt::CaseInsensitive) ||
        message.contains(QLatin1String("timed out"), Qt::CaseInsensitive))
        return Error::timeout(
            QStringLiteral("cannot connect to %1: no answer within %2 s").arg(where).arg(timeoutMs / 1000.0));
    if (message.contains(QLatin1String("resolve"), Qt::CaseInsensitive))
        return Error::network(
            QStringLiteral("cannot connect to %1: the host name is not known (%2)").arg(where, message));
    if (message.contains(QLatin1String("refused"), Qt::CaseInsensitive))
        return Error::network(
            QStringLiteral(
                "cannot connect to %1: connection refused (is an SSH server listening on that port?)")
                .arg(where));
    return Error::network(QStringLiteral("cannot connect to %1: %2").arg(where, message));
}

// TCP connect and key exchange: everything up to the host key check, nothing of the login.
Result<std::unique_ptr<Connection>> startSession(const SftpBackend::Target &t, const SftpOptions &o)
{
    auto c = std::make_unique<Connection>();
    c->ssh = ssh_new();
    if (!c->ssh)
        return Error{ErrorCode::Internal, QStringLiteral("cannot create an SSH session")};
    const QByteArray host = t.host.toUtf8();
    ssh_options_set(c->ssh, SSH_OPTIONS_HOST, host.constData());
    // ~/.ssh/config first (Host aliases, User, Port, IdentityFile), so what the URL and the
    // options say wins over it.
    ssh_options_parse_config(c->ssh, nullptr);
    const int port = t.port > 0 ? t.port : o.port;
    if (port > 0) {
        const unsigned int p = unsigned(port);
        ssh_options_set(c->ssh, SSH_OPTIONS_PORT, &p);
    }
    const QString user = !t.user.isEmpty() ? t.user : o.user;
    if (!user.isEmpty())
        ssh_options_set(c->ssh, SSH_OPTIONS_USER, user.toUtf8().constData());
    if (!o.knownHostsFile.isEmpty())
        ssh_options_set(c->ssh, SSH_OPTIONS_KNOWNHOSTS, QFile::encodeName(o.knownHostsFile).constData());
    setTimeout(c->ssh, o.connectTimeoutMs);
    const int one = 1;
    ssh_options_set(c->ssh, SSH_OPTIONS_NODELAY, &one); // small requests wait for answers

    unsigned int effectivePort = 22;
    ssh_options_get_port(c->ssh, &effectivePort);
    c->where = QStringLiteral("%1:%2").arg(t.host).arg(effectivePort);
    if (ssh_connect(c->ssh) != SSH_OK)
        return connectError(c->ssh, c->where, o.connectTimeoutMs);
    char *name = nullptr;
    if (ssh_options_get(c->ssh, SSH_OPTIONS_USER, &name) == SSH_OK && name) {
        c->user = QString::fromUtf8(name);
        ssh_string_free_char(name);
    }
    c->fd = ssh_get_fd(c->ssh);
    return c;
}

Result<SftpHostKey> hostKeyOf(Connection &c, const SftpBackend::Target &t, const SftpOptions &o)
{
    SftpHostKey out;
    out.host = t.host;
    unsigned int port = 22;
    ssh_options_get_port(c.ssh, &port);
    out.port = int(port);
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(c.ssh, &key) != SSH_OK)
        return Error::network(
            QStringLiteral("%1 sent no host key: %2").arg(c.where, QString::fromUtf8(ssh_get_error(c.ssh))));
    const auto freeKey = qScopeGuard([&] { ssh_key_free(key); });
    unsigned char *hash = nullptr;
    size_t length = 0;
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &length) != 0)
        return Error{ErrorCode::Internal, QStringLiteral("cannot hash the host key of %1").arg(c.where)};
    char *fingerprint = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length);
    ssh_clean_pubkey_hash(&hash);
    out.fingerprint = QString::fromLatin1(fingerprint);
    ssh_string_free_char(fingerprint);
    out.type = keyTypeName(key);
    switch (ssh_session_is_known_server(c.ssh)) {
    case SSH_KNOWN_HOSTS_OK:
        out.state = SftpHostKey::State::Known;
        break;
    case SSH_KNOWN_HOSTS_CHANGED:
        out.state = SftpHostKey::State::Changed;
        break;
    case SSH_KNOWN_HOSTS_OTHER:
        out.state = SftpHostKey::State::Other;
        break;
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND:
        out.state = SftpHostKey::State::Unknown;
        break;
    case SSH_KNOWN_HOSTS_ERROR:
        return Error::io(QStringLiteral("cannot check the host key of %1 against %2: %3")
                             .arg(c.where, knownHostsName(o), QString::fromUtf8(ssh_get_error(c.ssh))));
    }
    return out;
}

Error hostKeyError(const SftpHostKey &key, const QString &where, const SftpOptions &o)
{
    const QString id = key.type + QLatin1Char(' ') + key.fingerprint;
    switch (key.state) {
    case SftpHostKey::State::Changed:
        return Error::auth(
            QStringLiteral("the host key of %1 has CHANGED (now %2) and no longer matches %3: this "
                           "may be a possible attack (someone between you and the server), or the "
                           "server was reinstalled; ask its administrator before accepting the new key")
                .arg(where, id, knownHostsName(o)));
    case SftpHostKey::State::Other:
        return Error::auth(
            QStringLiteral("the host key of %1 (%2) is of another type than the keys %3 holds for "
                           "it: this may be a possible attack; ask the server's administrator before "
                           "accepting it")
                .arg(where, id, knownHostsName(o)));
    case SftpHostKey::State::Unknown:
    case SftpHostKey::State::Known:
        break;
    }
    return Error::auth(
        QStringLiteral("the host key of %1 is not known (%2); compare the fingerprint with what the "
                       "server's administrator gives you, then accept it or add it to %3")
            .arg(where, id, knownHostsName(o)));
}

QString methodNames(int methods)
{
    QStringList out;
    if (methods & SSH_AUTH_METHOD_PUBLICKEY)
        out << QStringLiteral("publickey");
    if (methods & SSH_AUTH_METHOD_PASSWORD)
        out << QStringLiteral("password");
    if (methods & SSH_AUTH_METHOD_INTERACTIVE)
        out << QStringLiteral("keyboard-interactive");
    if (methods & SSH_AUTH_METHOD_HOSTBASED)
        out << QStringLiteral("hostbased");
    if (methods & SSH_AUTH_METHOD_GSSAPI_MIC)
        out << QStringLiteral("gssapi-with-mic");
    return out.isEmpty() ? QStringLiteral("none") : out.join(QStringLiteral(", "));
}

// The login. Explicit identity files go first: sshd counts failed keys (MaxAuthTries, 6 by
// default), and an agent holding many keys could use them all up before the one the user named.
Status authenticate(Connection &c, const SftpOptions &o)
{
    const QString who = QStringLiteral("%1@%2").arg(c.user, c.where);
    const auto outcome = [&](int rc, const QString &method) -> std::optional<Status> {
        if (rc == SSH_AUTH_SUCCESS)
            return Status{};
        if (rc == SSH_AUTH_AGAIN)
            return Status{
                Error::timeout(QStringLiteral("%1 did not answer the login (%2)").arg(who, method))};
        if (rc == SSH_AUTH_ERROR)
            return Status{Error::network(QStringLiteral("the login to %1 failed (%2): %3")
                                             .arg(who, method, QString::fromUtf8(ssh_get_error(c.ssh))))};
        return std::nullopt; // denied or partial: the next method
    };
    int rc = ssh_userauth_none(c.ssh, nullptr);
    if (auto done = outcome(rc, QStringLiteral("none")))
        return *done;
    const int offered = ssh_userauth_list(c.ssh, nullptr);
    QStringList tried;
    QStringList notes;
    if (offered & SSH_AUTH_METHOD_PUBLICKEY) {
        for (const QString &file : o.identityFiles) {
            ssh_key key = nullptr;
            if (ssh_pki_import_privkey_file(QFile::encodeName(file).constData(), nullptr, nullptr, nullptr,
                                            &key) != SSH_OK) {
                notes << QStringLiteral(
                             "cannot use the key %1 (missing, unreadable, or protected by a passphrase: "
                             "load it into ssh-agent)")
                             .arg(file);
                continue;
            }
            rc = ssh_userauth_publickey(c.ssh, nullptr, key);
            ssh_key_free(key);
            tried << QStringLiteral("key %1").arg(file);
            if (auto done = outcome(rc, QStringLiteral("key %1").arg(file)))
                return *done;
        }
        if (o.useAgent) {
            rc = ssh_userauth_publickey_auto(c.ssh, nullptr, nullptr);
            tried << QStringLiteral("the SSH agent and ~/.ssh/id_* keys");
            if (auto done = outcome(rc, QStringLiteral("publickey")))
                return *done;
        }
    }
    if (!o.password.isEmpty() && (offered & SSH_AUTH_METHOD_PASSWORD)) {
        rc = ssh_userauth_password(c.ssh, nullptr, o.password.toUtf8().constData());
        tried << QStringLiteral("password");
        if (auto done = outcome(rc, QStringLiteral("password")))
            return *done;
    }
    if (!o.password.isEmpty() && (offered & SSH_AUTH_METHOD_INTERACTIVE)) {
        // PAM's servers ask "Password:" through keyboard-interactive rather than password.
        rc = ssh_userauth_kbdint(c.ssh, nullptr, nullptr);
        for (int round = 0; rc == SSH_AUTH_INFO && round < 4; ++round) {
            const int prompts = ssh_userauth_kbdint_getnprompts(c.ssh);
            for (int i = 0; i < prompts; ++i) {
                char echo = 0;
                ssh_userauth_kbdint_getprompt(c.ssh, unsigned(i), &echo);
                ssh_userauth_kbdint_setanswer(c.ssh, unsigned(i),
                                              echo ? "" : o.password.toUtf8().constData());
            }
            rc = ssh_userauth_kbdint(c.ssh, nullptr, nullptr);
        }
        tried << QStringLiteral("keyboard-interactive");
        if (auto done = outcome(rc, QStringLiteral("keyboard-interactive")))
            return *done;
    }
    QString message =
        QStringLiteral("%1 refused the login (tried: %2; the server offers: %3)")
            .arg(who, tried.isEmpty() ? QStringLiteral("nothing") : tried.join(QStringLiteral(", ")),
                 methodNames(offered));
    if (!notes.isEmpty())
        message += QStringLiteral("; ") + notes.join(QStringLiteral("; "));
    return Error::auth(message);
}

// Calls `each` for every entry of `dir` but "." and "..". A missing folder is empty.
Status forEachEntry(Connection &c, Armed &armed, const QString &dir,
                    const std::function<void(sftp_attributes)> &each)
{
    sftp_dir d = sftp_opendir(c.sftp, wire(dir).constData());
    if (!d) {
        if (isNotFound(c))
            return {}; // an empty folder may not have been created (or copied) at all
        return failure(c, QStringLiteral("cannot list %1").arg(c.remote(dir)));
    }
    for (;;) {
        armed.touch();
        sftp_attributes a = sftp_readdir(c.sftp, d);
        if (!a)
            break;
        if (a->name && std::strcmp(a->name, ".") != 0 && std::strcmp(a->name, "..") != 0)
            each(a);
        sftp_attributes_free(a);
    }
    Status status;
    if (!sftp_dir_eof(d))
        status = failure(c, QStringLiteral("cannot list %1").arg(c.remote(dir)));
    sftp_closedir(d);
    return status;
}

// Creates one folder level; an existing folder is fine.
Status makeDir(Connection &c, const QString &dir)
{
    if (sftp_mkdir(c.sftp, wire(dir).constData(), 0755) == 0)
        return {};
    Error error = failure(c, QStringLiteral("cannot create folder %1").arg(c.remote(dir)));
    if (c.broken)
        return error;
    // OpenSSH answers "failure" for a folder that exists already.
    sftp_attributes a = sftp_stat(c.sftp, wire(dir).constData());
    if (!a)
        return error;
    const bool isDir = a->type == SSH_FILEXFER_TYPE_DIRECTORY;
    sftp_attributes_free(a);
    if (!isDir)
        return Error::io(QStringLiteral("%1 exists and is not a folder").arg(c.remote(dir)));
    return {};
}

Status makePath(Connection &c, const QString &dir)
{
    sftp_attributes a = sftp_stat(c.sftp, wire(dir).constData());
    if (a) {
        const bool isDir = a->type == SSH_FILEXFER_TYPE_DIRECTORY;
        sftp_attributes_free(a);
        if (isDir)
            return {};
        return Error::io(QStringLiteral("%1 exists and is not a folder").arg(c.remote(dir)));
    }
    if (!isNotFound(c))
        return failure(c, QStringLiteral("cannot check %1").arg(c.remote(dir)));
    const QString parent = parentOf(dir);
    if (parent != dir)
        STRATA_TRY(makePath(c, parent));
    return makeDir(c, dir);
}

Result<SftpBackend::Target> parseUrl(const QString &url, SftpOptions &options, QString *location)
{
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid() || u.scheme().compare(QLatin1String("sftp"), Qt::CaseInsensitive) != 0 ||
        u.host().isEmpty())
        return Error::invalid(
            QStringLiteral("not a valid SFTP URL: %1 (sftp://[user@]host[:port]/path)").arg(url));
    SftpBackend::Target t;
    t.host = u.host();
    t.port = u.port(0);
    t.user = u.userName();
    if (!u.password().isEmpty())
        options.password = u.password();
    QString path = u.path(QUrl::FullyDecoded);
    if (path == QLatin1String("/~") || path.startsWith(QLatin1String("/~/"))) {
        t.relative = true;
        path = path.mid(3);
    } else if (path.isEmpty() || path == QLatin1String("/")) {
        return Error::invalid(QStringLiteral("the SFTP URL %1 names no folder on the server").arg(url));
    }
    t.path = path.isEmpty() ? QString() : QDir::cleanPath(path);
    const QUrlQuery query(u);
    for (const QString &identity : query.allQueryItemValues(QStringLiteral("identity"), QUrl::FullyDecoded))
        options.identityFiles.prepend(identity);
    if (query.hasQueryItem(QStringLiteral("known_hosts")))
        options.knownHostsFile = query.queryItemValue(QStringLiteral("known_hosts"), QUrl::FullyDecoded);
    if (query.hasQueryItem(QStringLiteral("connections"))) {
        bool ok = false;
        const int n = query.queryItemValue(QStringLiteral("connections")).toInt(&ok);
        if (!ok || n < 1 || n > 64)
            return Error::invalid(QStringLiteral("connections= wants a number from 1 to 64 in %1").arg(url));
        options.maxConnections = n;
    }
    if (location)
        *location = u.toString(QUrl::RemoveQuery | QUrl::RemovePassword | QUrl::RemoveFragment);
    return t;
}

QString pathOf(const Connection &c, FileKind kind, const QString &name)
{
    switch (kind) {
    case FileKind::Config:
        return c.root + QLatin1String("/config");
    case FileKind::Pack:
        return c.root + QLatin1String("/data/") + name.left(2) + QLatin1Char('/') + name;
    default:
        return c.root + QLatin1Char('/') + subdirOf(kind) + QLatin1Char('/') + name;
    }
}

// Writes `data` to an open file in chunks, checking the token between them.
Status writeChunks(Connection &c, Armed &armed, sftp_file file, const QByteArray &data,
                   const CancelToken &cancel, const QString &path)
{
    qsizetype done = 0;
    while (done < data.size()) {
        STRATA_TRY(cancel.check());
        armed.touch();
        const qsizetype n = std::min(c.chunk, data.size() - done);
        if (sftp_write(file, data.constData() + done, size_t(n)) != n)
            return writeFailure(c, QStringLiteral("cannot write %1").arg(c.remote(path)), parentOf(path),
                                data.size() - done);
        done += n;
    }
    return {};
}

// Renames the finished temp file to its name. SFTP v3's rename will not replace a file (OpenSSH
// makes it a link(), which refuses an existing target), and libssh 0.10's sftp_rename sends
// only that (posix-rename@openssh.com came in 0.11): a file that exists steps aside first.
// Readers may see no file for the two round trips in between; a crash there leaves both
// copies under hidden names (.old-*, .tmp-*) for a person to put back. Writers of one name at
// once each retry until theirs is in place: the last one's file wins, whole.
Status putInPlace(Connection &c, Armed &armed, const QString &temp, const QString &path)
{
    const QString what = QStringLiteral("cannot put %1 in place").arg(c.remote(path));
    // "Failure" is what OpenSSH answers for a target that exists; anything else is final.
    const auto targetExists = [&] { return !connectionLost(c) && sftp_get_error(c.sftp) == SSH_FX_FAILURE; };
    for (int attempt = 0; attempt < 50; ++attempt) {
        armed.touch();
        if (sftp_rename(c.sftp, wire(temp).constData(), wire(path).constData()) == 0)
            return {};
        if (!targetExists())
            return failure(c, what);
        const QString aside = parentOf(path) + QLatin1Char('/') + AsidePrefix + randomSuffix();
        if (sftp_rename(c.sftp, wire(path).constData(), wire(aside).constData()) != 0) {
            if (isNotFound(c))
                continue; // another writer moved it away first: the name may be free now
            return failure(c, what);
        }
        const bool placed = sftp_rename(c.sftp, wire(temp).constData(), wire(path).constData()) == 0;
        if (!placed && !targetExists())
            return failure(c, what);
        // Not placed: another writer's file took the free name between our two renames; the old
        // file is obsolete either way.
        if (sftp_unlink(c.sftp, wire(aside).constData()) != 0)
            qCWarning(lcSftp) << "could not delete" << c.remote(aside);
        if (placed)
            return {};
    }
    return Error::io(QStringLiteral("%1: other writers kept replacing it").arg(what));
}

// Reads [offset, offset + length) of an open file into `out`, with ReadsInFlight requests
// outstanding. A server that answers a request short (its own limit) has the rest read after.
Status readRange(Connection &c, Armed &armed, sftp_file file, qint64 offset, qint64 length, char *out,
                 const CancelToken &cancel, const std::function<Error()> &tooShort, const QString &path)
{
    const QString what = QStringLiteral("cannot read %1").arg(c.remote(path));
    struct Request
    {
        int id;
        qint64 at;
        uint32_t length;
    };
    std::deque<Request> inFlight;
    std::vector<std::pair<qint64, qint64>> gaps;
    qint64 next = 0;
    while (next < length || !inFlight.empty()) {
        if (cancel.cancelled()) {
            c.broken = inFlight.size() > 0; // their answers would be read by the next caller
            return Error::cancelled();
        }
        while (next < length && inFlight.size() < std::size_t(ReadsInFlight)) {
            const auto n = uint32_t(std::min<qint64>(c.chunk, length - next));
            sftp_seek64(file, uint64_t(offset + next));
            const int id = sftp_async_read_begin(file, n);
            if (id < 0) {
                c.broken = true;
                return failure(c, what);
            }
            inFlight.push_back({id, next, n});
            next += n;
        }
        const Request r = inFlight.front();
        inFlight.pop_front();
        armed.touch();
        const int got = sftp_async_read(file, out + r.at, r.length, uint32_t(r.id));
        if (got < 0) {
            Error error = failure(c, what);
            c.broken = true;
            return error;
        }
        if (got == 0) { // end of file: truncated while we read
            c.broken = !inFlight.empty();
            return tooShort();
        }
        if (uint32_t(got) < r.length)
            gaps.emplace_back(r.at + got, r.length - got);
    }
    for (auto [at, left] : gaps) {
        while (left > 0) {
            STRATA_TRY(cancel.check());
            armed.touch();
            sftp_seek64(file, uint64_t(offset + at));
            const ssize_t got = sftp_read(file, out + at, size_t(std::min<qint64>(left, c.chunk)));
            if (got < 0)
                return failure(c, what);
            if (got == 0)
                return tooShort();
            at += got;
            left -= got;
        }
    }
    return {};
}

} // namespace

class SftpBackend::Lease final
{
public:
    Lease(SftpBackend *backend, std::unique_ptr<Connection> connection)
        : m_backend(backend), m_connection(std::move(connection))
    {}
    Lease(Lease &&) noexcept = default;
    Lease &operator=(Lease &&) = delete;
    ~Lease()
    {
        if (m_connection)
            m_backend->release(std::move(m_connection));
    }
    Connection &operator*() const { return *m_connection; }

private:
    SftpBackend *m_backend;
    std::unique_ptr<Connection> m_connection;
};

Result<std::unique_ptr<SftpBackend>> SftpBackend::open(const QString &url, SftpOptions options)
{
    QString location;
    auto target = parseUrl(url, options, &location);
    STRATA_TRY(target);
    options.maxConnections = std::max(1, options.maxConnections);
    auto backend = std::unique_ptr<SftpBackend>(
        new SftpBackend(std::make_unique<Target>(std::move(*target)), std::move(options)));
    backend->m_location = location;
    return backend;
}

SftpBackend::SftpBackend(std::unique_ptr<Target> target, SftpOptions options)
    : m_target(std::move(target)), m_options(std::move(options))
{
    m_watchdog = std::thread([this] { watch(); });
}

SftpBackend::~SftpBackend()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_watchdog.join();
    m_idle.clear(); // a leased connection outliving the backend would be the caller's bug
}

void SftpBackend::watch()
{
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        if (m_all.empty()) {
            m_wake.wait(lock);
            continue;
        }
        m_wake.wait_for(lock, WatchInterval);
        const auto now = Clock::now();
        for (Connection *c : m_all) {
            std::lock_guard g(c->guard);
            if (!c->armed || c->tripped)
                continue;
            const auto quiet = now - c->since;
            if (c->cancel.cancelled() && quiet > CancelGrace)
                c->tripped = ErrorCode::Cancelled;
            else if (quiet > c->limit)
                c->tripped = ErrorCode::Timeout;
            else
                continue;
            // shutdown, not close: the owner's poll() wakes with an error and libssh reports the
            // connection as lost, while the descriptor stays valid until the owner frees it.
            ::shutdown(c->fd, SHUT_RDWR);
            qCInfo(lcSftp) << "cut off the connection to" << c->where
                           << (*c->tripped == ErrorCode::Cancelled ? "(cancelled)" : "(no answer)");
        }
    }
}

Result<std::unique_ptr<SftpBackend::Connection>> SftpBackend::openConnection(const CancelToken &cancel)
{
    auto started = startSession(*m_target, m_options);
    STRATA_TRY(started);
    std::unique_ptr<Connection> c = std::move(*started);
    auto key = hostKeyOf(*c, *m_target, m_options);
    STRATA_TRY(key);
    if (key->state != SftpHostKey::State::Known)
        return hostKeyError(*key, c->where, m_options);

    {
        std::lock_guard lock(m_mutex);
        m_all.push_back(c.get());
    }
    m_wake.notify_all();
    auto unregistered = qScopeGuard([&] { unregister(c.get()); });
    {
        Armed armed(*c, cancel, milliseconds(m_options.connectTimeoutMs));
        if (Status s = authenticate(*c, m_options); !s) {
            bool tripped = false;
            {
                std::lock_guard g(c->guard);
                tripped = c->tripped.has_value();
            }
            // A login the watchdog cut off failed for that reason, not for what libssh says.
            return tripped ? failure(*c, QStringLiteral("cannot log in to %1").arg(c->where)) : s.error();
        }
        c->sftp = sftp_new(c->ssh);
        if (!c->sftp || sftp_init(c->sftp) != SSH_OK)
            return failure(
                *c, QStringLiteral("cannot start SFTP on %1 (is the sftp subsystem enabled?)").arg(c->where));
        c->canFsync = sftp_extension_supported(c->sftp, "fsync@openssh.com", "1");
        c->canStatvfs = sftp_extension_supported(c->sftp, "statvfs@openssh.com", "2");
        c->chunk = sftp_extension_supported(c->sftp, "limits@openssh.com", "1") ? OpenSshChunk : SmallChunk;
        c->root = m_target->path;
        if (m_target->relative) {
            char *home = sftp_canonicalize_path(c->sftp, ".");
            if (!home)
                return failure(*c,
                               QStringLiteral("cannot find the home folder of %1@%2").arg(c->user, c->where));
            c->root = QString::fromUtf8(home);
            ssh_string_free_char(home);
            if (!m_target->path.isEmpty())
                c->root = QDir::cleanPath(c->root + QLatin1Char('/') + m_target->path);
        }
    }
    if (cancel.cancelled())
        return Error::cancelled();
    // libssh's own limit for what it waits for (a full send window, say) stays above the
    // watchdog's, so a stall always ends as the watchdog's Timeout.
    setTimeout(c->ssh, m_options.stallTimeoutMs + 5000);
    unregistered.dismiss();
    return c;
}

void SftpBackend::unregister(Connection *connection)
{
    std::lock_guard lock(m_mutex);
    std::erase(m_all, connection);
}

Result<SftpBackend::Lease> SftpBackend::acquire(const CancelToken &cancel)
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (cancel.cancelled())
            return Error::cancelled();
        while (!m_idle.empty()) {
            std::unique_ptr<Connection> c = std::move(m_idle.back());
            m_idle.pop_back();
            // A server that closed an idle session (a restart, ClientAliveInterval) shows as
            // EOF here; so would stray data, which would answer the wrong request.
            if (ssh_is_connected(c->ssh) && ssh_channel_poll(c->sftp->channel, 0) == 0)
                return Lease(this, std::move(c));
            std::erase(m_all, c.get());
            --m_count;
            lock.unlock();
            c.reset();
            lock.lock();
        }
        if (m_count < m_options.maxConnections)
            break;
        m_freed.wait_for(lock, milliseconds(200));
    }
    ++m_count;
    lock.unlock();
    auto c = openConnection(cancel);
    if (!c) {
        lock.lock();
        --m_count;
        m_freed.notify_one();
        return c.error();
    }
    return Lease(this, std::move(*c));
}

void SftpBackend::release(std::unique_ptr<Connection> c)
{
    bool keep = false;
    {
        std::lock_guard g(c->guard);
        keep = !c->broken && !c->tripped;
    }
    std::unique_lock lock(m_mutex);
    if (keep) {
        m_idle.push_back(std::move(c));
        m_freed.notify_one();
        return;
    }
    std::erase(m_all, c.get());
    --m_count;
    m_freed.notify_one();
    lock.unlock();
    c.reset(); // disconnecting may take a moment: not under the lock
}

void SftpBackend::closeOpenFiles()
{
    std::vector<std::unique_ptr<Connection>> idle;
    {
        std::lock_guard lock(m_mutex);
        idle.swap(m_idle);
        for (const auto &c : idle)
            std::erase(m_all, c.get());
        m_count -= int(idle.size());
    }
    m_freed.notify_all();
}

Status SftpBackend::connect(const CancelToken &cancel)
{
    auto lease = acquire(cancel);
    STRATA_TRY(lease);
    return {};
}

Result<SftpHostKey> SftpBackend::fetchHostKey(const QString &url, const SftpOptions &options)
{
    SftpOptions o = options;
    auto target = parseUrl(url, o, nullptr);
    STRATA_TRY(target);
    auto c = startSession(*target, o);
    STRATA_TRY(c);
    return hostKeyOf(**c, *target, o);
}

Status SftpBackend::trustHostKey(const QString &url, const QString &fingerprint, const SftpOptions &options)
{
    SftpOptions o = options;
    auto target = parseUrl(url, o, nullptr);
    STRATA_TRY(target);
    auto c = startSession(*target, o);
    STRATA_TRY(c);
    auto key = hostKeyOf(**c, *target, o);
    STRATA_TRY(key);
    if (key->fingerprint != fingerprint)
        return Error::auth(
            QStringLiteral("the host key of %1 is now %2, not the %3 that was accepted; not trusted")
                .arg((*c)->where, key->fingerprint, fingerprint));
    if (key->state == SftpHostKey::State::Known)
        return {};
    if (ssh_session_update_known_hosts((*c)->ssh) != SSH_OK)
        return Error::io(
            QStringLiteral("cannot add the host key of %1 to %2: %3")
                .arg((*c)->where, knownHostsName(o), QString::fromUtf8(ssh_get_error((*c)->ssh))));
    qCInfo(lcSftp) << "trusted the host key" << key->type << key->fingerprint << "of" << (*c)->where;
    return {};
}

Result<bool> SftpBackend::exists()
{
    auto lease = acquire({});
    STRATA_TRY(lease);
    Connection &c = **lease;
    Armed armed(c, {}, milliseconds(m_options.stallTimeoutMs));
    const QString config = pathOf(c, FileKind::Config, {});
    sftp_attributes a = sftp_stat(c.sftp, wire(config).constData());
    if (!a) {
        if (isNotFound(c))
            return false;
        return failure(c, QStringLiteral("cannot check %1").arg(c.remote(config)));
    }
    const bool regular = a->type == SSH_FILEXFER_TYPE_REGULAR;
    sftp_attributes_free(a);
    return regular;
}

Status SftpBackend::create()
{
    auto found = exists();
    STRATA_TRY(found);
    if (*found)
        return Error::invalid(QStringLiteral("a repository already exists at %1").arg(m_location));
    auto lease = acquire({});
    STRATA_TRY(lease);
    Connection &c = **lease;
    Armed armed(c, {}, milliseconds(m_options.stallTimeoutMs));
    STRATA_TRY(makePath(c, c.root));
    for (FileKind kind :
         {FileKind::Key, FileKind::Pack, FileKind::Index, FileKind::Snapshot, FileKind::Lock}) {
        armed.touch();
        STRATA_TRY(makeDir(c, c.root + QLatin1Char('/') + subdirOf(kind)));
    }
    return {};
}

Status SftpBackend::doWrite(FileKind kind, const QString &name, const QByteArray &data,
                            const CancelToken &cancel)
{
    STRATA_TRY(checkName(kind, name));
    auto lease = acquire(cancel);
    STRATA_TRY(lease);
    Connection &c = **lease;
    Armed armed(c, cancel, milliseconds(m_options.stallTimeoutMs));
    const QString path = pathOf(c, kind, name);
    const QString dir = parentOf(path);
    const QString temp = dir + QLatin1Char('/') + TempPrefix + randomSuffix();

    // Key files open to a password guess offline: only the owner may read them.
    const mode_t mode = kind == FileKind::Key ? 0600 : 0644;
    sftp_file file = sftp_open(c.sftp, wire(temp).constData(), O_WRONLY | O_CREAT | O_EXCL, mode);
    if (!file && kind != FileKind::Config && isNotFound(c)) {
        // Folders are made on first use, as LocalBackend does; the root itself must exist.
        if (kind == FileKind::Pack)
            STRATA_TRY(makeDir(c, parentOf(dir)));
        STRATA_TRY(makeDir(c, dir));
        file = sftp_open(c.sftp, wire(temp).constData(), O_WRONLY | O_CREAT | O_EXCL, mode);
    }
    if (!file)
        return failure(c, QStringLiteral("cannot create a file in %1").arg(c.remote(dir)));

    Status status = writeChunks(c, armed, file, data, cancel, path);
    // fsync@openssh.com makes the data durable before the rename publishes it. There is no
    // SFTP request to sync the folder: the rename itself is as durable as the server's file
    // system makes it.
    if (status && c.canFsync) {
        armed.touch();
        if (sftp_fsync(file) != 0)
            status = writeFailure(c, QStringLiteral("cannot write %1").arg(c.remote(path)), dir, 0);
    }
    armed.touch();
    const int closed = sftp_close(file);
    if (status && closed != 0)
        status = writeFailure(c, QStringLiteral("cannot write %1").arg(c.remote(path)), dir, 0);
    if (status)
        status = putInPlace(c, armed, temp, path);
    if (!status && !c.broken)
        (void)sftp_unlink(c.sftp, wire(temp).constData());
    return status;
}

Result<QByteArray> SftpBackend::doRead(FileKind kind, const QString &name, qint64 offset, qint64 length,
                                       const CancelToken &cancel)
{
    QByteArray out;
    STRATA_TRY(doReadInto(kind, name, offset, length, out, cancel));
    return out;
}

Status SftpBackend::doReadInto(FileKind kind, const QString &name, qint64 offset, qint64 length,
                               QByteArray &out, const CancelToken &cancel)
{
    STRATA_TRY(checkName(kind, name));
    if (offset < 0)
        return Error::invalid(QStringLiteral("negative offset %1 for reading").arg(offset));
    auto lease = acquire(cancel);
    STRATA_TRY(lease);
    Connection &c = **lease;
    Armed armed(c, cancel, milliseconds(m_options.stallTimeoutMs));
    const QString path = pathOf(c, kind, name);
    sftp_file file = sftp_open(c.sftp, wire(path).constData(), O_RDONLY, 0);
    if (!file)
        return failure(c, QStringLiteral("cannot open %1").arg(c.remote(path)));
    const auto closeFile = qScopeGuard([&] { sftp_close(file); });
    sftp_attributes a = sftp_fstat(file);
    if (!a)
        return failure(c, QStringLiteral("cannot read %1").arg(c.remote(path)));
    const auto fileSize = qint64(a->size);
    sftp_attributes_free(a);
    const auto tooShort = [&] {
        return Error::corrupt(QStringLiteral("file %1 is shorter than expected (%2 bytes at offset %3 asked, "
                                             "the file has %4)")
                                  .arg(c.remote(path))
                                  .arg(length)
                                  .arg(offset)
                                  .arg(fileSize));
    };
    if (length < 0) {
        if (offset > fileSize)
            return tooShort();
        length = fileSize - offset;
    } else if (offset + length > fileSize) {
        return tooShort(); // checked up front so a forged length cannot make us allocate
    }
    out.resize(length);
    return readRange(c, armed, file, offset, length, out.data(), cancel, tooShort, path);
}

Result<QList<FileInfo>> SftpBackend::doList(FileKind kind, const CancelToken &cancel)
{
    auto lease = acquire(cancel);
    STRATA_TRY(lease);
    Connection &c = **lease;
    Armed armed(c, cancel, milliseconds(m_options.stallTimeoutMs));
    QList<FileInfo> out;
    if (kind == FileKind::Config) {
        const QString config = pathOf(c, kind, {});
        sftp_attributes a = sftp_stat(c.sftp, wire(config).constData());
        if (!a) {
            if (isNotFound(c))
                return out;
            return failure(c, QStringLiteral("cannot read %1").arg(c.remote(config)));
        }
        out.append(FileInfo{QStringLiteral("config"), qint64(a->size)});
        sftp_attributes_free(a);
        return out;
    }
    // Skips temp files, asides and whatever hidden file a NAS drops: no repository name starts
    // with a dot.
    const auto addFile = [&](sftp_attributes a) {
        if (a->name[0] != '.' && a->type == SSH_FILEXFER_TYPE_REGULAR)
            out.append(FileInfo{QString::fromUtf8(a->name), qint64(a->size)});
    };
    const QString dir = c.root + QLatin1Char('/') + subdirOf(kind);
    if (kind != FileKind::Pack) {
        STRATA_TRY(forEachEntry(c, armed, dir, addFile));
        return out;
    }
    QStringList subdirs;
    STRATA_TRY(forEachEntry(c, armed, dir, [&](sftp_attributes a) {
        if (a->name[0] != '.' && std::strlen(a->name) == 2 && a->type == SSH_FILEXFER_TYPE_DIRECTORY)
            subdirs.append(QString::fromUtf8(a->name));
    }));
    for (const QString &sub : subdirs) {
        STRATA_TRY(cancel.check());
        STRATA_TRY(forEachEntry(c, armed, dir + QLatin1Char('/') + sub, addFile));
    }
    return out;
}

Status SftpBackend::remove(FileKind kind, const QString &name)
{
    STRATA_TRY(checkName(kind, name));
    auto lease = acquire({});
    STRATA_TRY(lease);
    Connection &c = **lease;
    Armed armed(c, {}, milliseconds(m_options.stallTimeoutMs));
    const QString path = pathOf(c, kind, name);
    if (sftp_unlink(c.sftp, wire(path).constData()) != 0)
        return failure(c, QStringLiteral("cannot delete %1").arg(c.remote(path)));
    return {};
}

Result<qint64> SftpBackend::size(FileKind kind, const QString &name)
{
    STRATA_TRY(checkName(kind, name));
    auto lease = acquire({});
    STRATA_TRY(lease);
    Connection &c = **lease;
    Armed armed(c, {}, milliseconds(m_options.stallTimeoutMs));
    const QString path = pathOf(c, kind, name);
    sftp_attributes a = sftp_stat(c.sftp, wire(path).constData());
    if (!a)
        return failure(c, QStringLiteral("cannot read %1").arg(c.remote(path)));
    const auto size = qint64(a->size);
    sftp_attributes_free(a);
    return size;
}

std::optional<qint64> SftpBackend::freeSpace()
{
    auto lease = acquire({});
    if (!lease)
        return std::nullopt;
    Connection &c = **lease;
    if (!c.canStatvfs)
        return std::nullopt;
    Armed armed(c, {}, milliseconds(m_options.stallTimeoutMs));
    sftp_statvfs_t vfs = sftp_statvfs(c.sftp, wire(c.root).constData());
    if (!vfs) {
        (void)failure(c, {}); // marks a broken connection
        return std::nullopt;
    }
    // f_bavail: what an unprivileged writer may use (root's reserve excluded).
    const qint64 free = qint64(vfs->f_bavail) * qint64(vfs->f_frsize);
    sftp_statvfs_free(vfs);
    return free;
}

Result<int> SftpBackend::removeStaleTemporaries(int olderThanSeconds)
{
    auto lease = acquire({});
    STRATA_TRY(lease);
    Connection &c = **lease;
    Armed armed(c, {}, milliseconds(m_options.stallTimeoutMs));
    QStringList dirs{c.root};
    for (FileKind kind : {FileKind::Key, FileKind::Index, FileKind::Snapshot, FileKind::Lock,
                          FileKind::Forgotten, FileKind::Retired})
        dirs << c.root + QLatin1Char('/') + subdirOf(kind);
    // Only the data/xx folders that exist: 256 requests for absent ones would cost seconds.
    const QString data = c.root + QLatin1String("/data");
    STRATA_TRY(forEachEntry(c, armed, data, [&](sftp_attributes a) {
        if (std::strlen(a->name) == 2 && a->type == SSH_FILEXFER_TYPE_DIRECTORY)
            dirs << data + QLatin1Char('/') + QString::fromUtf8(a->name);
    }));
    // The server's clock stamps the files; the age is counted on ours, which is fine for the
    // hours that callers ask for.
    const auto cutoff = qint64(::time(nullptr)) - olderThanSeconds;
    int removed = 0;
    for (const QString &dir : dirs) {
        QStringList stale;
        STRATA_TRY(forEachEntry(c, armed, dir, [&](sftp_attributes a) {
            if (std::strncmp(a->name, ".tmp-", 5) == 0 && a->type == SSH_FILEXFER_TYPE_REGULAR &&
                qint64(a->mtime) < cutoff)
                stale << dir + QLatin1Char('/') + QString::fromUtf8(a->name);
        }));
        for (const QString &path : stale) {
            armed.touch();
            if (sftp_unlink(c.sftp, wire(path).constData()) == 0)
                ++removed;
            else if (c.broken || connectionLost(c))
                return failure(c, QStringLiteral("cannot delete %1").arg(c.remote(path)));
        }
    }
    return removed;
}

} // namespace strata
