// Repairing what can be repaired: the index rebuilt from the packs, and what a damaged pack
// still holds moved into new packs. A blob whose only copy is damaged cannot be brought back;
// repair drops it from the index, so check names the files that lose it and the next backup
// of those files (while they still exist) stores them again instead of trusting the bad copy.
#pragma once

#include "repo/Repository.h"

#include <functional>

namespace strata {

struct RepairParams
{
    // Also read every pack and check it against its name, so damage inside a pack whose
    // header still reads (a flipped byte in a blob) is found and repaired too.
    bool readData = false;
    std::function<void(qint64 done, qint64 total)> progress;
};

struct RepairReport
{
    qint64 packs = 0, blobs = 0, indexFilesReplaced = 0; // the new index: intact packs and blobs
    qint64 packsSalvaged = 0;    // damaged packs whose readable blobs moved into new packs
    qint64 blobsSalvaged = 0;    // blobs moved out of damaged packs
    QStringList lostBlobs;       // short ids of blobs whose only copy is damaged: not brought back
    QStringList unreadablePacks; // "<pack>: <problem>" for packs nothing could be taken from
};

// Replaces every index file by one naming the blobs of the intact packs, then copies each
// readable blob of a damaged pack (known from its header, or from the old index when the
// header is damaged) into new packs and removes the damaged pack. The new index is durable
// before any old file goes; the old index files (which may be the only record of what a
// damaged pack holds), and then the damaged packs, are removed only after their blobs are
// stored again, so a repair killed at any moment loses nothing and the next one finishes it.
// A note under retired/ names each emptied pack before the old index files go: killed between
// the two steps, a repair leaves a damaged pack that no index names, and the next one knows
// from the note that nothing in it is needed and removes it. Call it under an exclusive lock.
Result<RepairReport> repairIndex(Repository &repo, const RepairParams &params = {});

} // namespace strata
