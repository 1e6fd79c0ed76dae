#include "repo/KeyStore.h"

#include "crypto/Crypto.h"
#include "repo/SealedFiles.h"

#include <QLoggingCategory>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcRepo)

namespace strata {

Result<KeyStore::Unlocked> KeyStore::unlock(Backend &backend, const QString &password)
{
    auto keys = backend.list(FileKind::Key);
    STRATA_TRY(keys);
    if (keys->isEmpty())
        return Error::corrupt(
            QStringLiteral("the repository at %1 has no key files: no password can open it, and its data "
                           "cannot be brought back without a copy of one of its key files")
                .arg(backend.location()));
    QStringList refused; // key files that could not be tried: "<name>: <why>"
    for (const FileInfo &f : *keys) {
        auto data = backend.read(FileKind::Key, f.name);
        if (!data) {
            refused << QStringLiteral("%1: %2").arg(f.name.left(8), data.error().message);
            continue;
        }
        if (isHashName(f.name) && crypto::sha256(*data).toHex() != f.name) {
            refused << QStringLiteral("%1 does not match its name (damaged)").arg(f.name.left(8));
            continue;
        }
        auto key = unwrapMasterKey(*data, password);
        if (key)
            return Unlocked{std::move(*key), f.name};
        if (key.error().code != ErrorCode::WrongPassword)
            refused << QStringLiteral("%1: %2: refused").arg(f.name.left(8), key.error().message);
    }
    if (refused.size() == keys->size())
        return Error::corrupt(QStringLiteral("no key file of the repository at %1 can be used: %2")
                                  .arg(backend.location(), refused.join(QStringLiteral("; "))));
    for (const QString &r : std::as_const(refused))
        qCWarning(lcRepo).noquote() << QStringLiteral("key file %1").arg(r);
    return Error{ErrorCode::WrongPassword,
                 QStringLiteral("wrong password for the repository at %1").arg(backend.location())};
}

Result<QString> KeyStore::add(const QString &password, const KdfParams &kdf)
{
    if (password.isEmpty())
        return Error::invalid(QStringLiteral("an empty password is not allowed"));
    auto keyFile = wrapMasterKey(m_key, password, kdf);
    STRATA_TRY(keyFile);
    const QString id = crypto::sha256(*keyFile).toHex();
    STRATA_TRY(m_backend.write(FileKind::Key, id, *keyFile));
    return id;
}

Result<QList<KeyEntry>> KeyStore::list() const
{
    auto files = m_backend.list(FileKind::Key);
    STRATA_TRY(files);
    QList<KeyEntry> out;
    for (const FileInfo &f : *files) {
        auto data = m_backend.read(FileKind::Key, f.name);
        STRATA_TRY(data);
        // A damaged or refused key file is listed with its problem, so it can be removed.
        auto info = readKeyFileInfo(*data);
        if (!info) {
            out << KeyEntry{f.name, {}, {}, {}, false, info.error().message};
            continue;
        }
        if (isHashName(f.name) && crypto::sha256(*data).toHex() != f.name) {
            out << KeyEntry{f.name,        info->host, info->user,
                            info->created, false,      QStringLiteral("does not match its name (damaged)")};
            continue;
        }
        out << KeyEntry{f.name, info->host, info->user, info->created, f.name == m_currentId, {}};
    }
    return out;
}

Status KeyStore::remove(const QString &idOrPrefix)
{
    auto keys = list();
    STRATA_TRY(keys);
    const KeyEntry *match = nullptr;
    for (const KeyEntry &k : *keys) {
        if (!k.id.startsWith(idOrPrefix))
            continue;
        if (match)
            return Error::invalid(QStringLiteral("key prefix %1 is ambiguous").arg(idOrPrefix));
        match = &k;
    }
    if (!match)
        return Error::notFound(QStringLiteral("no key %1").arg(idOrPrefix));
    if (match->current)
        return Error::invalid(QStringLiteral("refusing to remove the key in use; open the repository with "
                                             "another password to remove this one"));
    const auto usable =
        std::count_if(keys->begin(), keys->end(), [](const KeyEntry &k) { return k.problem.isEmpty(); });
    if (match->problem.isEmpty() && usable < 2)
        return Error::invalid(QStringLiteral("refusing to remove the last key"));
    return m_backend.remove(FileKind::Key, match->id);
}

Status KeyStore::changePassword(const QString &newPassword, const KdfParams &kdf)
{
    auto id = add(newPassword, kdf);
    STRATA_TRY(id);
    const QString old = m_currentId;
    m_currentId = *id;
    return m_backend.remove(FileKind::Key, old);
}

} // namespace strata
