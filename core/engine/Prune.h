// Gives back the space that forgotten versions held. Under the exclusive lock, prune finds every
// blob a version still references, deletes the packs that hold none, repacks the packs whose
// unused share is above a limit, and only then deletes what it replaced. The order is what makes
// a kill at any moment harmless: the new index (naming the packs that stay) is durable before any
// old index file goes, the repacked blobs are stored and indexed before their old packs go, and
// no pack goes while an index file still names it. The next prune finishes what a killed one left.
//
// Prune never deletes anything while what the versions need is uncertain: a version that cannot
// be read, a folder listing that does not load, or a needed blob that no pack holds stops it
// before it writes anything, with the version or blob named.
#pragma once

#include "engine/Job.h"
#include "repo/Repository.h"

#include <memory>

namespace strata {

struct PruneParams
{
    std::shared_ptr<Repository> repo;
    // A pack whose unused bytes are more than this share of it is repacked (its used blobs
    // copied into new packs, then the pack deleted). 0: repack every pack with an unused blob;
    // 100: never repack, only delete packs with nothing used.
    double maxUnusedPercent = 5;
    bool dryRun = false; // plan and report, change nothing
    // Take the exclusive lock (false: the caller holds it, as forget --prune does).
    bool lock = true;
    // Versions to plan as if they were gone already: forget --prune --dry-run reports what the
    // prune after the forget would free.
    QStringList assumeForgotten;
};

struct PruneResult
{
    Status status;
    bool dryRun = false;
    qint64 versions = 0;          // versions whose blobs were kept
    qint64 blobsUsed = 0;         // blobs some version references
    qint64 blobsUnused = 0;       // blobs (and second copies) no version references
    qint64 packsBefore = 0;       // packs in the repository before
    qint64 packsDeleted = 0;      // packs with nothing used, deleted (unreferenced ones included)
    qint64 packsRepacked = 0;     // partly used packs whose used blobs moved into new packs
    qint64 packsWritten = 0;      // new packs the repacking wrote
    qint64 unreferencedPacks = 0; // packs no index named (left by interrupted runs), deleted
    qint64 blobsRepacked = 0;
    qint64 bytesBefore = 0;       // bytes of all packs before
    qint64 bytesAfter = 0;        // bytes of all packs after (dry run: the estimate)
    qint64 unusedBytesBefore = 0; // stored bytes of unused blobs before
    qint64 unusedBytesAfter = 0;  // what is left unused in packs below the repack limit
    qint64 bytesFreed() const { return bytesBefore - bytesAfter; }
    qint64 blobsRemoved = 0; // blobs that left the repository (dry run: would leave)
};

class PruneJob final : public Job
{
    Q_OBJECT
public:
    explicit PruneJob(PruneParams params, QObject *parent = nullptr);
    ~PruneJob() override;
    const PruneResult &result() const { return m_result; }

    // The work without a job around it, for a job that prunes as a step (ForgetJob). Emits
    // progress and warnings through `job` and honours its cancellation: a prune stopped at any
    // point leaves a repository as sound as a killed one.
    static Status prune(Job &job, const PruneParams &params, PruneResult &result);

Q_SIGNALS:
    void finished(const strata::PruneResult &result);

protected:
    Status execute() override;
    void finish(const Status &status) override;
    QString what() const override { return QStringLiteral("prune"); }

private:
    PruneParams m_params;
    PruneResult m_result;
};

} // namespace strata

Q_DECLARE_METATYPE(strata::PruneResult)
