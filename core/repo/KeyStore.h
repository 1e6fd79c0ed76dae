// The repository's key files: each one wraps the master key with one password. Opening finds
// the key file a password unwraps; the others add a password, list the keys with what is wrong
// with each, remove one (never the one in use nor the last usable one) and change the password
// in use.
#pragma once

#include "crypto/MasterKey.h"
#include "storage/Backend.h"

#include <QDateTime>
#include <QList>

namespace strata {

struct KeyEntry
{
    QString id;
    QString host;
    QString user;
    QDateTime created;
    bool current = false; // the key this session opened the repository with
    QString problem;      // why the key file cannot be used (damaged, refused); empty when fine
};

class KeyStore final
{
public:
    struct Unlocked
    {
        MasterKey key;
        QString keyId; // the key file's name
    };
    // The master key from the first key file the password opens. WrongPassword when none does;
    // Corrupt when there are none, or none can even be tried (each is damaged or refused).
    static Result<Unlocked> unlock(Backend &backend, const QString &password);

    // The backend and the key must outlive the store (the repository owns all three).
    KeyStore(Backend &backend, const MasterKey &key, QString currentId)
        : m_backend(backend), m_key(key), m_currentId(std::move(currentId))
    {}

    Result<QString> add(const QString &password, const KdfParams &kdf = {});
    Result<QList<KeyEntry>> list() const;
    Status remove(const QString &idOrPrefix);
    // Writes a key file for the new password, then removes the one in use.
    Status changePassword(const QString &newPassword, const KdfParams &kdf = {});
    QString currentId() const { return m_currentId; }

private:
    Backend &m_backend;
    const MasterKey &m_key;
    QString m_currentId;
};

} // namespace strata
