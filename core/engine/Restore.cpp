#include "engine/Restore.h"

#include "engine/RestoreJournal.h"
#include "engine/RestoreRollback.h"
#include "engine/RestoreWalk.h"
#include "repo/Lock.h"

#include <QFile>

#include <thread>

namespace strata {

QString conflictPolicyName(ConflictPolicy p)
{
    switch (p) {
    case ConflictPolicy::Overwrite:
        return QStringLiteral("overwrite");
    case ConflictPolicy::Skip:
        return QStringLiteral("skip");
    case ConflictPolicy::IfChanged:
        return QStringLiteral("if-changed");
    case ConflictPolicy::KeepBoth:
        return QStringLiteral("keep-both");
    }
    return {};
}

std::optional<ConflictPolicy> conflictPolicyFromName(const QString &name)
{
    for (auto p : {ConflictPolicy::Overwrite, ConflictPolicy::Skip, ConflictPolicy::IfChanged,
                   ConflictPolicy::KeepBoth})
        if (conflictPolicyName(p) == name)
            return p;
    return std::nullopt;
}

qint64 &PlanSummary::count(RestoreAction action)
{
    switch (action) {
    case RestoreAction::Create:
        return create;
    case RestoreAction::Overwrite:
        return overwrite;
    case RestoreAction::KeepBoth:
        return keepBoth;
    case RestoreAction::Skip:
        return skip;
    case RestoreAction::Unchanged:
        return unchanged;
    }
    Q_UNREACHABLE();
}

namespace {
bool writes(RestoreAction action)
{
    return action == RestoreAction::Create || action == RestoreAction::Overwrite ||
           action == RestoreAction::KeepBoth;
}
} // namespace

void PlanSummary::add(RestoreAction action, qint64 size)
{
    count(action)++;
    if (writes(action))
        bytes += size;
}

void PlanSummary::remove(RestoreAction action, qint64 size)
{
    count(action)--;
    if (writes(action))
        bytes -= size;
}

QString restoreActionName(RestoreAction a)
{
    switch (a) {
    case RestoreAction::Create:
        return QStringLiteral("create");
    case RestoreAction::Overwrite:
        return QStringLiteral("overwrite");
    case RestoreAction::Skip:
        return QStringLiteral("skip");
    case RestoreAction::KeepBoth:
        return QStringLiteral("keep-both");
    case RestoreAction::Unchanged:
        return QStringLiteral("unchanged");
    }
    return {};
}

Result<PlanSummary> planRestore(Repository &repo, const RestorePlan &plan,
                                const std::function<void(const PlannedEntry &)> &each,
                                const std::function<void(const QString &, const QString &)> &refused,
                                const std::atomic<bool> *cancel)
{
    if (!repo.indexLoaded())
        STRATA_TRY(repo.loadIndex());
    auto snapshot = repo.findSnapshot(plan.snapshot);
    STRATA_TRY(snapshot);
    RestoreWalk walk(repo, *snapshot, plan);
    PlanSummary summary;
    RestoreWalk::Visitor v;
    v.entry = [&](const RestoreWalk::Item &item) -> Status {
        if (cancel && cancel->load())
            return Error::cancelled();
        summary.add(item.action, qint64(item.node->size));
        if (each)
            each(PlannedEntry{QFile::decodeName(item.destination), item.destination,
                              QFile::decodeName(item.original), item.node->type, qint64(item.node->size),
                              item.action});
        return {};
    };
    v.refused = [&](const QByteArray &path, const QString &why) {
        summary.refused++;
        if (refused)
            refused(QFile::decodeName(path), why);
    };
    v.damaged = [&](const QByteArray &orig, const QByteArray &, const Error &why) {
        summary.refused++;
        summary.damaged++;
        if (refused)
            refused(QFile::decodeName(orig),
                    QStringLiteral("its contents are damaged in the repository: %1").arg(why.message));
    };
    STRATA_TRY(walk.run(v));
    return summary;
}

// ---- the job --------------------------------------------------------------------------------

RestoreJob::RestoreJob(RestoreParams params, QObject *parent) : Job(parent), m_params(std::move(params))
{
    qRegisterMetaType<strata::RestoreResult>();
}

RestoreJob::~RestoreJob() = default;

void RestoreJob::finish(const Status &status)
{
    m_result.status = status;
    Q_EMIT finished(m_result);
}

Status RestoreJob::execute()
{
    m_result = RestoreResult{};
    auto lock = m_params.repo->lockForReading(); // no prune may delete what it reads
    STRATA_TRY(lock);
    Repository &repo = *m_params.repo;
    ProgressMeter meter;
    meter.setPhase(Phase::Planning);
    reportProgress(meter, true);
    // What restores killed before they could clean up left (RestoreJournal) goes first.
    RestoreJournal::removeAbandoned();

    if (!repo.indexLoaded())
        STRATA_TRY(repo.loadIndex(nullptr, cancelToken()));
    auto snapshot = repo.findSnapshot(m_params.plan.snapshot);
    STRATA_TRY(snapshot);
    RestorePlan plan = m_params.plan;
    plan.snapshot = snapshot->id;

    // Planning: totals for progress, and what would be overwritten, for the safety version.
    QList<QByteArray> overwritten;
    auto summary = planRestore(repo, plan, [&](const PlannedEntry &e) {
        if (e.action == RestoreAction::Overwrite)
            overwritten << e.destinationBytes;
        if (e.type == NodeType::File)
            meter.addTotals(
                1, e.action == RestoreAction::Skip || e.action == RestoreAction::Unchanged ? 0 : e.size);
    });
    STRATA_TRY(summary);

    if (plan.safetyVersion && !overwritten.isEmpty()) {
        auto safety = takeSafetyVersion(*this, m_params.repo, *snapshot, overwritten);
        STRATA_TRY(safety);
        m_result.safetySnapshot = *safety;
    }

    meter.setPhase(Phase::Restoring);
    reportProgress(meter, true);
    const int threads =
        m_params.threads > 0 ? m_params.threads : int(std::max(1u, std::thread::hardware_concurrency()));
    RestoreRun run(this, repo, *snapshot, plan, meter, m_params.hooks, threads);
    if (Status st = run.run(m_result); !st) {
        // A cancelled restore that replaced nothing keeps what it wrote; any other failure is undone.
        if (st.error().code == ErrorCode::Cancelled && m_result.safetySnapshot.isEmpty())
            return st;
        return rollBack(RollbackContext{this, repo, meter, m_params.hooks, threads}, run, m_result,
                        st.error());
    }
    meter.setPhase(Phase::Done);
    reportProgress(meter, true);
    return {};
}

} // namespace strata
