// Where a repository's files live. The format only needs whole-file writes, whole or ranged
// reads, listing and deletion, so a folder, SFTP, S3 or WebDAV can all hold a repository.
// Implementations are thread-safe: the engine writes packs from several threads at once.
#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace strata {

enum class FileKind
{
    Config,
    Key,
    Pack,
    Index,
    Snapshot,
    Lock
};

struct FileInfo
{
    QString name;
    qint64 size = 0;
};

class Backend
{
public:
    virtual ~Backend() = default;

    // A human-readable location ("/home/ana/backups", "sftp://host/path").
    virtual QString location() const = 0;

    // True when something looks like a repository here (a config file exists).
    virtual Result<bool> exists() = 0;

    // Creates the folder structure of an empty repository.
    virtual Status create() = 0;

    // Writes a whole file atomically and durably: after success it survives a crash, and a
    // crash before success leaves no partial file under `name`. Existing files are replaced.
    // `data` may not own its bytes (a pack's mapping): a backend copies what it keeps.
    virtual Status write(FileKind kind, const QString &name, const QByteArray &data) = 0;

    // Reads `length` bytes at `offset` (length < 0: to the end). A missing file gives
    // ErrorCode::NotFound; a short file gives ErrorCode::Corrupt.
    virtual Result<QByteArray> read(FileKind kind, const QString &name, qint64 offset = 0,
                                    qint64 length = -1) = 0;
    // The same into `out`, whose memory a backend may reuse: a loop reading one pack after
    // another keeps one buffer instead of having the allocator find 16 MiB for each.
    virtual Status readInto(FileKind kind, const QString &name, qint64 offset, qint64 length, QByteArray &out)
    {
        auto data = read(kind, name, offset, length);
        STRATA_TRY(data);
        out = std::move(*data);
        return {};
    }

    virtual Result<QList<FileInfo>> list(FileKind kind) = 0;
    virtual Status remove(FileKind kind, const QString &name) = 0;
    virtual Result<qint64> size(FileKind kind, const QString &name) = 0;

    // Removes what interrupted writes left behind (temp files older than `olderThanSeconds`,
    // which no live writer can still be using). Returns how many were removed.
    virtual Result<int> removeStaleTemporaries(int olderThanSeconds) { return 0; }

    // Closes what the backend keeps open between reads. Called when an operation releases its
    // lock, so a long-running program does not hold on to packs that a prune deleted since.
    virtual void closeOpenFiles() {}
};

// Opens the backend that `url` names: a local path (absolute, relative or file://) for now.
Result<std::unique_ptr<Backend>> openBackend(const QString &url);

} // namespace strata
