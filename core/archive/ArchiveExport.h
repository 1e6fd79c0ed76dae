// Exporting a version (or a part of it) to one archive file: zip, tar.gz, tar.xz, tar.zst or
// 7z. Entries are named relative to the deepest folder holding all of the version's source
// paths, the layout a restore with --target gives (backing up /home/ana/Docs gives Docs/...).
//
// The archive is written to FILE.part and renamed to FILE at the end, so FILE is either the
// complete archive or untouched; a failed or cancelled export removes FILE.part. Contents
// stream chunk by chunk from the repository into every format. Entries carry the owner's uid
// and gid (tar and zip; tar also the names the backup recorded, or this machine's) and their
// time stamps as exactly as the format holds them: tar to the nanosecond in any year, zip and
// 7z in 100 ns steps from 1601 to 30828; a stamp outside is clamped with a warning. Names that
// are not valid UTF-8 keep their bytes in zip and tar and become U+FFFD in 7z (UTF-16 names);
// either way a warning says so. Sockets are left out silently (they belong to a running
// program), FIFOs and devices with a warning.
#pragma once

#include "archive/ArchiveFormat.h"
#include "engine/Job.h"
#include "repo/Repository.h"

#include <memory>

namespace strata {

struct ExportParams
{
    std::shared_ptr<Repository> repo;
    QString snapshot; // id, prefix or "latest"
    QString file;     // the archive to write
    ArchiveFormat format = ArchiveFormat::Zip;
    QList<QByteArray> includes; // as RestorePlan::includes: absolute or below the base; empty: all
};

struct ExportResult
{
    Status status;
    QString snapshot; // the full id of the exported version, once it was found
    qint64 files = 0, dirs = 0, symlinks = 0;
    qint64 bytes = 0;     // file content written
    QStringList warnings; // entries left out or whose names could not be kept exactly
};

// Runs on a worker thread like every Job; emits progress (phases Planning, Restoring, Done),
// a warning per entry left out or renamed, and finished with the result.
class ExportJob final : public Job
{
    Q_OBJECT
public:
    explicit ExportJob(ExportParams params, QObject *parent = nullptr);
    ~ExportJob() override;
    const ExportResult &result() const { return m_result; }

Q_SIGNALS:
    void finished(const strata::ExportResult &result);

protected:
    Status execute() override;
    void finish(const Status &status) override;
    QString what() const override { return QStringLiteral("export"); }

private:
    ExportParams m_params;
    ExportResult m_result;
};

} // namespace strata

Q_DECLARE_METATYPE(strata::ExportResult)
