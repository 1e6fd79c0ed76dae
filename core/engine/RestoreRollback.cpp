#include "engine/RestoreRollback.h"

#include "engine/BackupJob.h"

namespace strata {

Result<QString> takeSafetyVersion(Job &owner, const std::shared_ptr<Repository> &repo,
                                  const Snapshot &restoring, const QList<QByteArray> &paths)
{
    BackupParams bp;
    bp.repo = repo;
    bp.rawPaths = paths;
    bp.kind = BackupKind::Safety;
    bp.set = restoring.set;
    bp.tags = {QStringLiteral("before-restore"), QStringLiteral("restore-of:") + restoring.id.left(8)};
    bp.excludes.excludeCaches = false;
    bp.excludes.markerFiles.clear();
    BackupJob safety(bp);
    safety.followCancellation(owner.cancelToken()); // cancelling the restore stops its safety version too
    QObject::connect(&safety, &Job::warning, &owner, &Job::warning, Qt::DirectConnection);
    safety.runHere();
    if (!safety.result().status.ok()) {
        Error e = safety.result().status.error();
        e.message =
            QStringLiteral("could not take the safety version, nothing was restored: %1").arg(e.message);
        return e;
    }
    if (safety.result().unreadable > 0)
        return Error::io(QStringLiteral("could not read every file the restore would replace, so no safety "
                                        "version could be taken and nothing was restored (%1)")
                             .arg(safety.result().warnings.value(0)));
    return safety.result().snapshot.id;
}

Error rollBack(const RollbackContext &context, RestoreRun &run, RestoreResult &result, Error cause)
{
    context.meter.setPhase(Phase::RollingBack);
    context.job->reportProgress(context.meter, true);

    run.removeCreated();
    bool restored = true;
    if (!result.safetySnapshot.isEmpty()) {
        RestorePlan back;
        back.snapshot = result.safetySnapshot;
        back.conflict = ConflictPolicy::Overwrite;
        back.safetyVersion = false;
        auto safetySnap = context.repo.loadSnapshot(result.safetySnapshot);
        if (safetySnap) {
            RestoreRun undo(context.job, context.repo, *safetySnap, back, context.meter, context.hooks,
                            context.threads, RestoreRun::Kind::Rollback);
            RestoreResult undone;
            restored = undo.run(undone).ok() && undone.failed == 0;
        } else {
            restored = false;
        }
    } else if (result.done.overwrite > 0) {
        restored = false; // without a safety version, replaced files cannot come back
    }
    result.rolledBack = restored;
    if (restored)
        return cause;
    if (result.safetySnapshot.isEmpty())
        return Error{cause.code, QStringLiteral("%1; the files it created were removed, but the %2 it had "
                                                "replaced cannot come back: no safety version was taken")
                                     .arg(cause.message)
                                     .arg(result.done.overwrite)};
    return Error{cause.code, QStringLiteral("%1; rolling back failed too: the safety version %2 holds the "
                                            "files as they were")
                                 .arg(cause.message, result.safetySnapshot.left(8))};
}

} // namespace strata
