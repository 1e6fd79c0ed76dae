#include "util/Owners.h"

#include <cerrno>
#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <vector>

namespace strata {

namespace {

// Runs a reentrant lookup, growing its buffer while the system says it is too small.
template <typename Lookup>
bool withBuffer(Lookup lookup)
{
    long hint = ::sysconf(_SC_GETPW_R_SIZE_MAX);
    std::vector<char> buffer(std::size_t(hint > 0 ? hint : 1024));
    for (int attempt = 0; attempt < 8; ++attempt) {
        const int r = lookup(buffer.data(), buffer.size());
        if (r != ERANGE)
            return r == 0;
        buffer.resize(buffer.size() * 2);
    }
    return false;
}

QByteArray nameOfUser(quint32 uid)
{
    QByteArray name;
    withBuffer([&](char *buf, std::size_t size) {
        struct passwd pw, *found = nullptr;
        const int r = ::getpwuid_r(uid_t(uid), &pw, buf, size, &found);
        if (r == 0 && found)
            name = QByteArray(found->pw_name);
        return r;
    });
    return name;
}

QByteArray nameOfGroup(quint32 gid)
{
    QByteArray name;
    withBuffer([&](char *buf, std::size_t size) {
        struct group gr, *found = nullptr;
        const int r = ::getgrgid_r(gid_t(gid), &gr, buf, size, &found);
        if (r == 0 && found)
            name = QByteArray(found->gr_name);
        return r;
    });
    return name;
}

std::optional<quint32> idOfUser(const QByteArray &name)
{
    std::optional<quint32> id;
    withBuffer([&](char *buf, std::size_t size) {
        struct passwd pw, *found = nullptr;
        const int r = ::getpwnam_r(name.constData(), &pw, buf, size, &found);
        if (r == 0 && found)
            id = quint32(found->pw_uid);
        return r;
    });
    return id;
}

std::optional<quint32> idOfGroup(const QByteArray &name)
{
    std::optional<quint32> id;
    withBuffer([&](char *buf, std::size_t size) {
        struct group gr, *found = nullptr;
        const int r = ::getgrnam_r(name.constData(), &gr, buf, size, &found);
        if (r == 0 && found)
            id = quint32(found->gr_gid);
        return r;
    });
    return id;
}

template <typename Map, typename Key, typename Lookup>
auto cached(std::mutex &mutex, Map &map, const Key &key, Lookup lookup)
{
    {
        std::lock_guard guard(mutex);
        if (auto it = map.find(key); it != map.end())
            return it->second;
    }
    auto value = lookup(key); // outside the lock: the system's database can be slow (LDAP)
    std::lock_guard guard(mutex);
    return map.emplace(key, std::move(value)).first->second;
}

} // namespace

QByteArray OwnerNames::user(quint32 uid)
{
    return cached(m_mutex, m_users, uid, nameOfUser);
}

QByteArray OwnerNames::group(quint32 gid)
{
    return cached(m_mutex, m_groups, gid, nameOfGroup);
}

std::optional<quint32> OwnerNames::uidOf(const QByteArray &name)
{
    if (name.isEmpty())
        return std::nullopt;
    return cached(m_mutex, m_uids, name, idOfUser);
}

std::optional<quint32> OwnerNames::gidOf(const QByteArray &name)
{
    if (name.isEmpty())
        return std::nullopt;
    return cached(m_mutex, m_gids, name, idOfGroup);
}

} // namespace strata
