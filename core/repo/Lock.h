// A lock file under locks/: host, pid, mode and a time stamp refreshed every few minutes by a
// background thread, so other processes can tell a live holder from one that died.
#pragma once

#include "repo/Repository.h"

#include <condition_variable>
#include <thread>

namespace strata {

struct LockInfo
{
    QString name; // file name
    QString host;
    qint64 pid = 0;
    LockMode mode = LockMode::Shared;
    QDateTime refreshed;

    // The plaintext of the lock file `name` (after authentication): JSON with host, pid, mode
    // and time. ErrorCode::Corrupt without a valid time stamp or with a pid no process can have.
    static Result<LockInfo> parse(const QString &name, const QByteArray &plain);

    // Not refreshed for longer than staleAfter, or its process is gone on this very host.
    bool isStale(const QDateTime &now) const;
    QString describe() const; // "exclusive lock by pid 4711 on host ana-laptop, refreshed 12:03"
};

class RepoLock final
{
public:
    static constexpr int RefreshSeconds = 5 * 60;
    static constexpr int StaleSeconds = 30 * 60;

    ~RepoLock(); // stops refreshing and removes the lock file
    QString name() const;

private:
    friend class Repository;
    RepoLock(Repository *repo, LockMode mode, QString name);
    void refreshLoop();

    Repository *m_repo;
    LockMode m_mode;
    QString m_name;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace strata
