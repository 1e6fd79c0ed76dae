// The repository's master key and the password-wrapped key files that hold it.
// Each key file wraps the same master key under one password with Argon2id
// (libsodium) and XChaCha20-Poly1305, so a repository can have several passwords.
#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace strata {

struct MasterKey
{
    QByteArray encryptionKey; // 32 bytes, AES-256-GCM for blobs and metadata files
    QByteArray idKey;         // 32 bytes, HMAC-SHA256 key for blob ids
    quint64 chunkerSeed = 0;  // selects the gear table, so chunk boundaries are per repository

    static MasterKey generate();
    bool isValid() const { return encryptionKey.size() == 32 && idKey.size() == 32; }
};

struct KdfParams
{
    // 46 MiB and 4 passes: as much work as 64 MiB and 3 passes, more than libsodium's
    // "interactive" level (64 MiB x 2) and well above OWASP's Argon2id minimum (46 MiB x 1),
    // with a smaller peak: opening a repository allocates this much, and it dominates the
    // memory of a backup that finds nothing new.
    quint64 opsLimit = 4;           // Argon2id passes
    quint64 memLimit = 46ull << 20; // bytes of memory

    // Bounds accepted when writing and when reading a key file: a hostile key file must not
    // make us allocate or compute without limit before the password is even checked.
    // 1 GiB is libsodium's "sensitive" level; memory times passes at most twice that level's
    // (1 GiB x 4), so a key file costs at most some seconds and 1 GiB to try.
    static constexpr quint64 MinOpsLimit = 1;
    static constexpr quint64 MaxOpsLimit = 64;
    static constexpr quint64 MinMemLimit = 8 * 1024;
    static constexpr quint64 MaxMemLimit = 1ull << 30;
    static constexpr quint64 MaxWork = 8ull << 30; // memLimit x opsLimit
};

// What a key file says about itself without the password.
struct KeyFileInfo
{
    QString host;
    QString user;
    QDateTime created;
    KdfParams kdf;
};

// Serialises `key` wrapped by `password` into a key file (JSON, the secret part sealed).
// KDF parameters outside the bounds above give ErrorCode::InvalidArgument.
Result<QByteArray> wrapMasterKey(const MasterKey &key, const QString &password, const KdfParams &kdf = {});

// Opens a key file. A wrong password gives ErrorCode::WrongPassword; a damaged file Corrupt;
// an unknown version or KDF Unsupported. Takes as long as the KDF (about a second by default).
Result<MasterKey> unwrapMasterKey(const QByteArray &keyFile, const QString &password);

// The clear-text part of a key file, without deriving anything. Errors as unwrapMasterKey.
Result<KeyFileInfo> readKeyFileInfo(const QByteArray &keyFile);

// The secret that a key file seals (JSON with the master key's parts), as wrapMasterKey()
// writes it and unwrapMasterKey() reads it once the password opened it. Exposed for tests and
// fuzzers of that parser only: never store the secret unsealed.
QByteArray serializeKeyFileSecret(const MasterKey &key);
// ErrorCode::Corrupt unless it holds a complete master key.
Result<MasterKey> parseKeyFileSecret(const QByteArray &secret);

} // namespace strata
