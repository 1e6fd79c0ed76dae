// A repository in a local folder (or a mounted network share).
// Layout: config, keys/<id>, data/<first two hex digits>/<id>, index/<id>, snapshots/<id>, locks/<id>.
// Writes go to a temp file in the same folder, are fsynced, renamed over the final name, and
// the folder is fsynced, so a crash never leaves a half-written file under a final name.
#pragma once

#include "storage/Backend.h"

namespace strata {

class LocalBackend final : public Backend
{
public:
    explicit LocalBackend(QString root);

    QString location() const override { return m_root; }
    Result<bool> exists() override;
    Status create() override;
    Status write(FileKind kind, const QString &name, const QByteArray &data) override;
    Result<QByteArray> read(FileKind kind, const QString &name, qint64 offset, qint64 length) override;
    Result<QList<FileInfo>> list(FileKind kind) override;
    Status remove(FileKind kind, const QString &name) override;
    Result<qint64> size(FileKind kind, const QString &name) override;
    Result<int> removeStaleTemporaries(int olderThanSeconds) override;

    QString pathOf(FileKind kind, const QString &name) const;

private:
    QString m_root;
};

} // namespace strata
