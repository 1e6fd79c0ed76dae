// A repository in a local folder (or a mounted network share).
// Layout: config, keys/<id>, data/<first two hex digits>/<id>, index/<id>, snapshots/<id>, locks/<id>.
// Writes go to a temp file in the same folder, are fsynced, renamed over the final name, and
// the folder is fsynced, so a crash never leaves a half-written file under a final name.
#pragma once

#include "storage/Backend.h"

#include <memory>
#include <mutex>
#include <vector>

namespace strata {

class LocalBackend final : public Backend
{
public:
    explicit LocalBackend(QString root);

    QString location() const override { return m_root; }
    Result<bool> exists() override;
    Status create() override;
    Status remove(FileKind kind, const QString &name) override;
    Result<qint64> size(FileKind kind, const QString &name) override;
    Result<int> removeStaleTemporaries(int olderThanSeconds) override;
    std::optional<qint64> freeSpace() override;
    void closeOpenFiles() override;

    QString pathOf(FileKind kind, const QString &name) const;

protected:
    // A local call is short: the check before it starts (in Backend) is all it needs.
    Status doWrite(FileKind kind, const QString &name, const QByteArray &data, const CancelToken &) override;
    Result<QByteArray> doRead(FileKind kind, const QString &name, qint64 offset, qint64 length,
                              const CancelToken &) override;
    Status doReadInto(FileKind kind, const QString &name, qint64 offset, qint64 length, QByteArray &out,
                      const CancelToken &) override;
    Result<QList<FileInfo>> doList(FileKind kind, const CancelToken &) override;

private:
    // An open file and its size. Closed when the cache (for packs) and every reader are done
    // with it.
    struct OpenFile
    {
        int fd = -1;
        qint64 size = 0;
        ~OpenFile();
    };
    static Result<std::shared_ptr<const OpenFile>> openFile(const QString &path);
    Result<std::shared_ptr<const OpenFile>> openPack(const QString &name, const QString &path);
    void forgetPack(const QString &name);

    QString m_root;
    // Packs never change once written (a pack's name is its content's hash), so reads keep the
    // last few open: a restore reads tens of thousands of blobs, and opening, sizing and
    // closing a pack for each one cost three system calls and a path walk.
    std::mutex m_packsMutex;
    std::vector<std::pair<QString, std::shared_ptr<const OpenFile>>> m_openPacks; // newest last
};

} // namespace strata
