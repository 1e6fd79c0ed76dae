// Where a repository's files live. The format only needs whole-file writes, whole or ranged
// reads, listing and deletion, so a folder, SFTP, S3 or WebDAV can all hold a repository.
// Implementations are thread-safe: the engine writes packs from several threads at once.
#pragma once

#include "util/Cancel.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace strata {

enum class FileKind
{
    Config,
    Key,
    Pack,
    Index,
    Snapshot,
    Lock,
    Forgotten, // a note per version that forget removed, so check tells a forgotten version from a lost one
    Retired // a note per damaged pack that repair emptied, so a repair killed before removing it finishes the
            // job
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
    //
    // write, read, readInto and list take the caller's CancelToken: a cancelled token fails the
    // call with ErrorCode::Cancelled before it starts, and a backend whose transfers take long
    // (a network) also checks it while it transfers.
    Status write(FileKind kind, const QString &name, const QByteArray &data, const CancelToken &cancel = {})
    {
        STRATA_TRY(cancel.check());
        return doWrite(kind, name, data, cancel);
    }

    // Reads `length` bytes at `offset` (length < 0: to the end). A missing file gives
    // ErrorCode::NotFound; a short file gives ErrorCode::Corrupt.
    Result<QByteArray> read(FileKind kind, const QString &name, qint64 offset = 0, qint64 length = -1,
                            const CancelToken &cancel = {})
    {
        if (cancel.cancelled())
            return Error::cancelled();
        return doRead(kind, name, offset, length, cancel);
    }
    // The same into `out`, whose memory a backend may reuse: a loop reading one pack after
    // another keeps one buffer instead of having the allocator find 16 MiB for each.
    Status readInto(FileKind kind, const QString &name, qint64 offset, qint64 length, QByteArray &out,
                    const CancelToken &cancel = {})
    {
        STRATA_TRY(cancel.check());
        return doReadInto(kind, name, offset, length, out, cancel);
    }

    Result<QList<FileInfo>> list(FileKind kind, const CancelToken &cancel = {})
    {
        if (cancel.cancelled())
            return Error::cancelled();
        return doList(kind, cancel);
    }
    virtual Status remove(FileKind kind, const QString &name) = 0;
    virtual Result<qint64> size(FileKind kind, const QString &name) = 0;

    // Removes what interrupted writes left behind (temp files older than `olderThanSeconds`,
    // which no live writer can still be using). Returns how many were removed.
    virtual Result<int> removeStaleTemporaries(int olderThanSeconds) { return 0; }
    // Bytes a write may still use at the destination, where the backend can tell (a local
    // folder); nullopt where it cannot (a remote store reports running out as a write fails).
    virtual std::optional<qint64> freeSpace() { return std::nullopt; }

    // Closes what the backend keeps open between reads. Called when an operation releases its
    // lock, so a long-running program does not hold on to packs that a prune deleted since.
    virtual void closeOpenFiles() {}

protected:
    virtual Status doWrite(FileKind kind, const QString &name, const QByteArray &data,
                           const CancelToken &cancel) = 0;
    virtual Result<QByteArray> doRead(FileKind kind, const QString &name, qint64 offset, qint64 length,
                                      const CancelToken &cancel) = 0;
    virtual Status doReadInto(FileKind kind, const QString &name, qint64 offset, qint64 length,
                              QByteArray &out, const CancelToken &cancel)
    {
        auto data = doRead(kind, name, offset, length, cancel);
        STRATA_TRY(data);
        out = std::move(*data);
        return {};
    }
    virtual Result<QList<FileInfo>> doList(FileKind kind, const CancelToken &cancel) = 0;
};

// Opens the backend that `url` names: a local path (absolute, relative or file://),
// s3:http(s)://HOST[:PORT]/BUCKET[/PREFIX], sftp://[USER@]HOST[:PORT]/PATH or
// webdav:http(s)://HOST[:PORT]/PATH. Remote ones come wrapped in a RetryingBackend.
Result<std::unique_ptr<Backend>> openBackend(const QString &url);

} // namespace strata
