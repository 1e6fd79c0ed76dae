// Backs up paths into a new version. The pipeline: walk (depth first, bounded), compare each
// file with the parent version (incremental/differential), read and chunk, hash, look up,
// compress, seal and pack on several threads, build one tree per folder bottom up, then flush
// packs and index and finally write the snapshot. A cancelled or failed run still flushes
// what it uploaded so the next run need not upload it again, but writes no snapshot.
#pragma once

#include "engine/Excludes.h"
#include "engine/FileAttributes.h"
#include "engine/Job.h"
#include "repo/Repository.h"

#include <memory>

namespace strata {

struct BackupParams
{
    std::shared_ptr<Repository> repo;
    QStringList paths;          // absolute or relative to the working directory
    QList<QByteArray> rawPaths; // absolute paths as bytes, for names that are not UTF-8
    BackupKind kind = BackupKind::Incremental;
    QString set = QStringLiteral("default");
    QStringList tags;
    Excludes excludes;
    QString host;    // empty: this machine's host name
    int threads = 0; // 0: one per core
    bool oneFileSystem = false;
    AttributeOptions attributes; // which extended attributes to keep (--no-xattrs, --no-acls)
    // Fail before writing anything when the destination can tell its free space and the run's
    // estimate (engine/SpaceCheck.h) does not fit.
    bool checkSpace = true;
};

struct BackupResult
{
    Status status;               // not ok: failed (or cancelled, ErrorCode::Cancelled)
    Snapshot snapshot;           // valid when status is ok
    qint64 unreadable = 0;       // files or folders that could not be read (warnings)
    qint64 changedWhileRead = 0; // files that changed while being read
    QStringList warnings;        // the first few hundred, for reports
    int upgradedFromFormat = 0;  // the repository was raised from this format version first
    bool partial() const { return status.ok() && (unreadable > 0 || changedWhileRead > 0); }
};

class BackupJob final : public Job
{
    Q_OBJECT
public:
    explicit BackupJob(BackupParams params, QObject *parent = nullptr);
    ~BackupJob() override;

    const BackupResult &result() const { return m_result; } // valid after finished()

Q_SIGNALS:
    void finished(const strata::BackupResult &result);

protected:
    Status execute() override;
    void finish(const Status &status) override;
    QString what() const override { return QStringLiteral("backup"); }

private:
    BackupParams m_params;
    BackupResult m_result;
};

} // namespace strata

Q_DECLARE_METATYPE(strata::BackupResult)
