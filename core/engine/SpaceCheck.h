// Whether a backup will fit: an estimate of what the run adds to the repository, against the
// space free at the destination. A backup that would fill a local disk fails before it writes
// anything, with a message saying how much it needs and how much is free; the service prunes
// first when the set has a policy.
//
// The estimate: for the first version of a set on this host, the size of the files to back up
// (their file systems' used space bounds it, so the walk is only made when that bound does not
// fit); afterwards, the largest growth of the last runs, with a margin. Neither is exact
// (deduplication and compression only make a run smaller), so a short estimate is a reason to
// stop early, and a disk that fills up anyway fails the run cleanly.
#pragma once

#include "engine/Excludes.h"
#include "repo/Snapshot.h"
#include "util/Cancel.h"
#include "util/Result.h"

#include <optional>

namespace strata {

class Repository;

struct SpaceQuery
{
    QString set;
    QString host;
    QList<QByteArray> sources; // absolute paths
    Excludes excludes;
    bool oneFileSystem = false;
};

struct SpaceEstimate
{
    enum class Basis
    {
        Growth,     // the last runs of the set
        SourceSize, // the files to back up, counted
        SourceUsed, // the source file systems' used space: an upper bound, no walk needed
    };
    qint64 needed = 0;          // bytes the run is expected to add, margin included
    std::optional<qint64> free; // bytes free at the destination; nullopt: the backend cannot tell
    Basis basis = Basis::Growth;
    bool atLeast = false; // the count of the sources stopped once they were known not to fit

    bool isShort() const { return free && needed > *free; }
    // "Not enough free space in LOCATION for this backup: it needs about N (what that is based
    // on), M are free."
    QString message(const QString &location) const;
};

// The growth part alone, from the versions in the repository: the largest `bytesAdded` of the
// group's last three versions (its first backup aside), times 1.2, plus room for the version's
// trees and index. nullopt when the group (set and host, safety versions aside) has no version.
std::optional<qint64> estimateGrowth(const QList<Snapshot> &versions, const QString &set,
                                     const QString &host);

// The whole estimate, against `free`. A walk of the sources stops as soon as they are known not
// to fit, or at cancellation.
Result<SpaceEstimate> estimateBackupSpace(const QList<Snapshot> &versions, std::optional<qint64> free,
                                          const SpaceQuery &query, const CancelToken &cancel = {});

// The same, reading the versions and the free space from the repository.
Result<SpaceEstimate> estimateBackupSpace(Repository &repo, const SpaceQuery &query,
                                          const CancelToken &cancel = {});

} // namespace strata
