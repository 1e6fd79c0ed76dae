// A repository on an SSH server, over SFTP (libssh 0.10): sftp://[user@]host[:port]/path.
// Same layout and names as LocalBackend, so a folder copied to or from the server with any tool
// stays a valid repository. The server's host key must be in known_hosts: an unknown or changed
// key is refused (ErrorCode::Auth), and fetchHostKey/trustHostKey let the GUI ask the user.
// Connections come from a small pool (one libssh session serves one thread at a time), and a
// watchdog thread breaks a connection whose call stalls or whose caller cancelled.
#pragma once

#include "storage/Backend.h"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace strata {

struct SftpOptions
{
    QString user;              // login name when the URL has none; empty: ~/.ssh/config, else the local user
    int port = 0;              // port when the URL has none; 0: ~/.ssh/config, else 22
    QStringList identityFiles; // private keys tried first (unencrypted, or held by the agent)
    QString knownHostsFile;    // empty: ~/.ssh/known_hosts
    QString password;          // tried last (password, keyboard-interactive) when the server offers it
    bool useAgent = true;      // the SSH agent (SSH_AUTH_SOCK) and ~/.ssh/id_* keys
    int connectTimeoutMs = 20000; // TCP connect, key exchange and login
    int stallTimeoutMs = 60000;   // one request (a 255 KiB chunk at most) without an answer: Timeout
    int maxConnections = 4;       // parallel sessions; callers beyond that wait for a free one
};

// The key a server presents, and what known_hosts says about it.
struct SftpHostKey
{
    enum class State
    {
        Known,   // known_hosts has this key for the host
        Unknown, // no key for the host (or no known_hosts file)
        Changed, // known_hosts has another key of this type: possibly an attack
        Other,   // known_hosts has only keys of other types for the host
    };
    QString host;        // as in the URL
    int port = 22;       // the port connected to
    QString type;        // "ED25519", "RSA", "ECDSA", as OpenSSH prints it
    QString fingerprint; // "SHA256:<base64>", as OpenSSH prints it
    State state = State::Unknown;
};

class SftpBackend final : public Backend
{
public:
    // Parses the URL; connects on the first call, not here. Query items override `options`:
    // ?identity=<file>&known_hosts=<file>&connections=<n>. A path starting with /~/ (or ~/) is
    // relative to the login's home folder.
    static Result<std::unique_ptr<SftpBackend>> open(const QString &url, SftpOptions options = {});
    ~SftpBackend() override;

    // Connects once (host key and login), so a setup dialog can tell the user what is wrong.
    Status connect(const CancelToken &cancel = {});

    // The server's host key and its state in known_hosts, without logging in. Any thread.
    static Result<SftpHostKey> fetchHostKey(const QString &url, const SftpOptions &options = {});
    // Appends the server's current key to known_hosts, but only if its fingerprint is still
    // `fingerprint` (what the user was shown). For a changed key the old line stays in the file
    // (libssh accepts a host when any of its lines matches); ssh-keygen -R removes it.
    static Status trustHostKey(const QString &url, const QString &fingerprint,
                               const SftpOptions &options = {});

    QString location() const override { return m_location; }
    Result<bool> exists() override;
    Status create() override;
    Status remove(FileKind kind, const QString &name) override;
    Result<qint64> size(FileKind kind, const QString &name) override;
    Result<int> removeStaleTemporaries(int olderThanSeconds) override;
    // From statvfs@openssh.com where the server has it.
    std::optional<qint64> freeSpace() override;
    // Closes the idle connections: between two scheduled backups the server keeps no session.
    void closeOpenFiles() override;

protected:
    Status doWrite(FileKind kind, const QString &name, const QByteArray &data,
                   const CancelToken &cancel) override;
    Result<QByteArray> doRead(FileKind kind, const QString &name, qint64 offset, qint64 length,
                              const CancelToken &cancel) override;
    Status doReadInto(FileKind kind, const QString &name, qint64 offset, qint64 length, QByteArray &out,
                      const CancelToken &cancel) override;
    Result<QList<FileInfo>> doList(FileKind kind, const CancelToken &cancel) override;

public:
    struct Target; // where and as whom to connect, parsed from the URL
    struct Connection;

private:
    class Lease;
    SftpBackend(std::unique_ptr<Target> target, SftpOptions options);

    Result<Lease> acquire(const CancelToken &cancel);
    Result<std::unique_ptr<Connection>> openConnection(const CancelToken &cancel);
    void release(std::unique_ptr<Connection> connection);
    void unregister(Connection *connection);
    void watch();

    std::unique_ptr<Target> m_target;
    SftpOptions m_options;
    QString m_location;

    // The pool: m_idle holds connected sessions no thread uses; m_all every live connection
    // (idle or leased), which the watchdog inspects.
    std::mutex m_mutex;
    std::condition_variable m_freed;
    std::condition_variable m_wake; // the watchdog's
    std::vector<std::unique_ptr<Connection>> m_idle;
    std::vector<Connection *> m_all;
    int m_count = 0; // live connections and those being made, against maxConnections
    bool m_stop = false;
    std::thread m_watchdog;
};

} // namespace strata
