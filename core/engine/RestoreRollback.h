// The two halves of a restore's safety net: before anything in place is overwritten, a safety
// version of what will be replaced; and when the restore fails, the rollback that removes what
// it created and puts the replaced files back from that version.
#pragma once

#include "engine/RestoreRun.h"

#include <memory>

namespace strata {

// Backs up `paths` (what the restore will overwrite) as a safety version of the restored
// version's set, tagged with the version being restored. Fails, saying that nothing was
// restored, when the version cannot be taken or a file in it cannot be read. Runs on the
// calling thread; `owner`'s warning signal carries the backup's warnings.
Result<QString> takeSafetyVersion(Job &owner, const std::shared_ptr<Repository> &repo,
                                  const Snapshot &restoring, const QList<QByteArray> &paths);

struct RollbackContext
{
    RestoreJob *job;
    Repository &repo;
    ProgressMeter &meter;
    const RestoreTestHooks &hooks;
    int threads;
};

// Undoes the failed `run`: removes what it created and restores the safety version over what
// it replaced. Sets result.rolledBack when everything was put back, and returns the error the
// restore reports: `cause`, with what could not be put back added to its message.
Error rollBack(const RollbackContext &context, RestoreRun &run, RestoreResult &result, Error cause);

} // namespace strata
