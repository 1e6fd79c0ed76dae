// The repository's metadata files (snapshots, index files, notes, locks): sealed with the
// master key's file key, and named by the sha256 of their sealed bytes where the name is a
// hash, so a damaged file is told from a refused one before anything is decrypted.
#pragma once

#include "crypto/MasterKey.h"
#include "storage/Backend.h"

#include <QJsonObject>
#include <QSet>

namespace strata {

class SealedFiles final
{
public:
    // Both must outlive this object (the repository owns all three).
    SealedFiles(Backend &backend, const MasterKey &key) : m_backend(backend), m_key(key) {}

    QByteArray seal(const QByteArray &plain) const;
    // Reads, checks against its name and opens one file: Corrupt when it fails either.
    Result<QByteArray> open(FileKind kind, const QString &name) const;
    // Seals and stores a file under the sha256 of its sealed bytes; returns that name.
    Result<QString> write(FileKind kind, const QByteArray &plain) const;
    // A sealed note: `fields` and the time it was written.
    QByteArray note(QJsonObject fields) const;
    // The names of the files of one kind.
    Result<QSet<QString>> names(FileKind kind) const;

private:
    Backend &m_backend;
    const MasterKey &m_key;
};

// Whether a file name is a content hash (64 hex digits), which a file must then match.
bool isHashName(const QString &name);

} // namespace strata
