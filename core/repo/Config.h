// The repository's `config` file: plain JSON (it holds no secret and no user data) so that
// any build can read the format version before asking for a password.
#pragma once

#include "chunk/Chunker.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>

namespace strata {

// 2: trees keep extended attributes, ACLs, owner names, time stamps of any year and chunk
// lengths. Format 1 repositories are read as they are and raised to 2 by their first backup
// (Repository::upgradeFormat), since a format 1 reader cannot read the trees it writes.
constexpr int RepositoryFormatVersion = 2;

struct RepoConfig
{
    int version = RepositoryFormatVersion;
    QString id;                    // random, 64 hex digits
    quint32 chunkMin = 256 * 1024; // the seed of the gear table is in the master key
    quint32 chunkAvg = 1024 * 1024;
    quint32 chunkMax = 4 * 1024 * 1024;
    // zstd; 0 stores blobs uncompressed. 2 by default: a first backup of the benchmark's 300M
    // set takes about 13% less user CPU than with 3 for about 2% more bytes, and compression
    // is its largest stage. (A config without a level was written with 3.)
    int compressionLevel = 2;
    quint32 packSize = 16 * 1024 * 1024;
    QString cipher = QStringLiteral("aes-256-gcm");
    QString blobIdHash = QStringLiteral("hmac-sha256");

    QByteArray toJson() const;
    // Refuses a newer format version with ErrorCode::Unsupported and a message naming both.
    static Result<RepoConfig> fromJson(const QByteArray &json);
};

} // namespace strata
