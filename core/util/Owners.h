// User and group names as this machine knows them, both ways, looked up once per id or name:
// a backup records the names beside the numbers, a restore as root maps a recorded name back to
// this machine's number (as tar and borg do), and an export writes them into archive headers.
// Thread-safe; the system's database is asked through the reentrant getpw*_r / getgr*_r calls.
#pragma once

#include <QByteArray>

#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>

#include <sys/types.h>

namespace strata {

class OwnerNames final
{
public:
    // Empty when this machine has no name for the id.
    QByteArray user(quint32 uid);
    QByteArray group(quint32 gid);
    // Nothing when this machine has no such name.
    std::optional<quint32> uidOf(const QByteArray &name);
    std::optional<quint32> gidOf(const QByteArray &name);

private:
    std::mutex m_mutex;
    std::unordered_map<quint32, QByteArray> m_users, m_groups;
    std::map<QByteArray, std::optional<quint32>> m_uids, m_gids;
};

} // namespace strata
