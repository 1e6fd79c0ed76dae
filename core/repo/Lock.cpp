#include "repo/Lock.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSysInfo>

#include <cerrno>
#include <csignal>
#include <limits>
#include <unistd.h>

Q_DECLARE_LOGGING_CATEGORY(lcRepo)

namespace strata {

namespace {

QString thisHost()
{
    return QSysInfo::machineHostName();
}

QByteArray lockJson(LockMode mode)
{
    return QJsonDocument(
               QJsonObject{
                   {QStringLiteral("host"), thisHost()},
                   {QStringLiteral("pid"), qint64(::getpid())},
                   {QStringLiteral("mode"),
                    mode == LockMode::Exclusive ? QStringLiteral("exclusive") : QStringLiteral("shared")},
                   {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}})
        .toJson(QJsonDocument::Compact);
}

Result<LockInfo> readLock(Repository &repo, const QString &name)
{
    auto plain = repo.openFile(FileKind::Lock, name);
    STRATA_TRY(plain);
    return LockInfo::parse(name, *plain);
}

} // namespace

Result<LockInfo> LockInfo::parse(const QString &name, const QByteArray &plain)
{
    const QJsonObject o = QJsonDocument::fromJson(plain).object();
    LockInfo info;
    info.name = name;
    info.host = o.value(QStringLiteral("host")).toString();
    info.pid = o.value(QStringLiteral("pid")).toInteger();
    info.mode = o.value(QStringLiteral("mode")).toString() == QStringLiteral("exclusive")
                    ? LockMode::Exclusive
                    : LockMode::Shared;
    info.refreshed = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    if (!info.refreshed.isValid())
        return Error::corrupt(QStringLiteral("lock %1 has no valid time stamp").arg(name.left(8)));
    // isStale() asks the kernel about the pid: one that does not fit a pid_t would be cut to
    // another process (0 and -1 mean "any process"), and the lock would pass for a live one.
    if (info.pid < 0 || info.pid > std::numeric_limits<pid_t>::max())
        return Error::corrupt(
            QStringLiteral("lock %1 names the impossible process id %2").arg(name.left(8)).arg(info.pid));
    return info;
}

bool LockInfo::isStale(const QDateTime &now) const
{
    if (refreshed.secsTo(now) > RepoLock::StaleSeconds)
        return true;
    // A time stamp from the future proves nothing about its holder: a clock that far ahead
    // would see every other lock as stale already, so mutual exclusion needs clocks within
    // StaleSeconds of each other, and a stamp beyond that is a wrong clock or a forged lock.
    if (now.secsTo(refreshed) > RepoLock::StaleSeconds)
        return true;
    if (host == thisHost() && pid > 0 && pid != ::getpid())
        return ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
    return false;
}

QString LockInfo::describe() const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString future = now.secsTo(refreshed) > RepoLock::StaleSeconds
                               ? QStringLiteral(" (in the future: a wrong clock or a forged lock)")
                               : QString();
    return QStringLiteral("%1 lock by process %2 on host %3, refreshed %4%5")
        .arg(mode == LockMode::Exclusive ? QStringLiteral("an exclusive") : QStringLiteral("a shared"))
        .arg(pid)
        .arg(host, refreshed.toLocalTime().toString(Qt::ISODate), future);
}

Result<std::unique_ptr<RepoLock>> Repository::lock(LockMode mode)
{
    auto checkOthers = [&](const QString &own) -> Status {
        auto files = m_backend->list(FileKind::Lock);
        STRATA_TRY(files);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const FileInfo &f : *files) {
            if (f.name == own)
                continue;
            auto info = readLock(*this, f.name);
            if (!info) {
                // A lock we cannot read was not written by a working Strata: nobody holds it.
                qCWarning(lcRepo) << "removing unreadable lock" << f.name << info.error().message;
                (void)m_backend->remove(FileKind::Lock, f.name);
                continue;
            }
            if (info->isStale(now)) {
                qCInfo(lcRepo).noquote() << "removing stale" << info->describe();
                (void)m_backend->remove(FileKind::Lock, f.name);
                continue;
            }
            if (mode == LockMode::Exclusive || info->mode == LockMode::Exclusive)
                return Error{
                    ErrorCode::Locked,
                    QStringLiteral("the repository at %1 is locked: %2").arg(location(), info->describe())};
        }
        return {};
    };

    STRATA_TRY(checkOthers({}));
    auto name = writeSealedFile(FileKind::Lock, lockJson(mode));
    STRATA_TRY(name);
    // Two processes may have passed the first check at once; the second look settles it.
    if (Status s = checkOthers(*name); !s) {
        (void)m_backend->remove(FileKind::Lock, *name);
        return s.error();
    }
    return std::unique_ptr<RepoLock>(new RepoLock(this, mode, *name));
}

Result<std::unique_ptr<RepoLock>> Repository::lockForReading()
{
    auto taken = lock(LockMode::Shared);
    if (!taken && taken.error().code == ErrorCode::Io) {
        qCInfo(lcRepo).noquote() << "reading without a lock:" << taken.error().message;
        return std::unique_ptr<RepoLock>();
    }
    return taken;
}

Result<int> Repository::removeLocks(bool all)
{
    auto files = m_backend->list(FileKind::Lock);
    STRATA_TRY(files);
    int removed = 0;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const FileInfo &f : *files) {
        auto info = readLock(*this, f.name);
        if (all || !info || info->isStale(now)) {
            STRATA_TRY(m_backend->remove(FileKind::Lock, f.name));
            ++removed;
        }
    }
    return removed;
}

RepoLock::RepoLock(Repository *repo, LockMode mode, QString name)
    : m_repo(repo), m_mode(mode), m_name(std::move(name))
{
    m_thread = std::thread([this] { refreshLoop(); });
}

RepoLock::~RepoLock()
{
    {
        std::lock_guard guard(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
    if (Status s = m_repo->backend().remove(FileKind::Lock, m_name); !s)
        qCWarning(lcRepo) << "cannot remove lock" << m_name << s.error().message;
    m_repo->backend().closeOpenFiles();
}

QString RepoLock::name() const
{
    std::lock_guard guard(m_mutex);
    return m_name;
}

void RepoLock::refreshLoop()
{
    std::unique_lock guard(m_mutex);
    while (!m_stop) {
        if (m_wake.wait_for(guard, std::chrono::seconds(RefreshSeconds), [this] { return m_stop; }))
            break;
        const QString old = m_name;
        guard.unlock();
        auto fresh = m_repo->writeSealedFile(FileKind::Lock, lockJson(m_mode));
        guard.lock();
        if (!fresh) {
            qCWarning(lcRepo) << "cannot refresh lock:" << fresh.error().message;
            continue;
        }
        m_name = *fresh;
        guard.unlock();
        (void)m_repo->backend().remove(FileKind::Lock, old);
        guard.lock();
    }
}

} // namespace strata
