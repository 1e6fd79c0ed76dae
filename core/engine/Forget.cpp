#include "engine/Forget.h"

#include "repo/Lock.h"

namespace strata {

qint64 RetentionSizer::operator()(const Snapshot &version)
{
    Group &group = m_groups[{version.set, version.host}];
    qint64 added = 0;
    std::vector<BlobId> pending{version.tree};
    while (!pending.empty()) {
        const BlobId id = pending.back();
        pending.pop_back();
        if (!group.trees.insert(id).second)
            continue;
        if (const auto loc = m_repo.findBlob(id); loc && group.blobs.insert(id).second)
            added += loc->length;
        auto tree = m_cancel.cancelled() ? Result<Tree>(Error::cancelled()) : m_repo.loadTree(id);
        if (!tree) {
            if (!m_error)
                m_error =
                    Error{tree.error().code, QStringLiteral("the size of version %1 cannot be worked out: %2")
                                                 .arg(version.shortId(), tree.error().message)};
            continue;
        }
        for (const Node &node : tree->nodes) {
            if (node.type == NodeType::Directory)
                pending.push_back(node.subtree);
            for (const BlobId &chunk : node.content)
                if (group.blobs.insert(chunk).second)
                    if (const auto loc = m_repo.findBlob(chunk))
                        added += loc->length;
        }
    }
    return added;
}

ForgetJob::ForgetJob(ForgetParams params, QObject *parent) : Job(parent), m_params(std::move(params))
{
    qRegisterMetaType<strata::ForgetResult>();
}

ForgetJob::~ForgetJob() = default;

void ForgetJob::finish(const Status &status)
{
    m_result.status = status;
    Q_EMIT finished(m_result);
}

Status ForgetJob::execute()
{
    m_result = ForgetResult{};
    m_result.dryRun = m_params.dryRun;
    if (!m_params.repo)
        return Error::invalid(QStringLiteral("forget: no repository"));
    Repository &repo = *m_params.repo;
    ProgressMeter meter;
    meter.setPhase(Phase::Planning);
    reportProgress(meter, true);

    // Exclusive: the versions a running backup or restore started from must not go under it,
    // and a prune afterwards needs it anyway. A dry run only reads.
    auto lock = m_params.dryRun ? repo.lockForReading() : repo.lock(LockMode::Exclusive);
    STRATA_TRY(lock);
    STRATA_TRY(repo.loadIndex(nullptr, cancelToken()));
    STRATA_TRY(m_params.versions.isEmpty() ? forgetByPolicy() : forgetNamed());

    const bool pruning = m_params.prune == ForgetParams::Prune::Always ||
                         (m_params.prune == ForgetParams::Prune::IfForgotten && !m_result.removed.isEmpty());
    if (pruning) {
        PruneParams prune;
        prune.repo = m_params.repo;
        prune.maxUnusedPercent = m_params.maxUnusedPercent;
        prune.dryRun = m_params.dryRun;
        prune.lock = false; // held here
        if (m_params.dryRun)
            prune.assumeForgotten = m_result.removed; // still there: planned as gone
        m_result.pruned = true;
        STRATA_TRY(PruneJob::prune(*this, prune, m_result.prune));
    }
    meter.setPhase(Phase::Done);
    reportProgress(meter, true);
    return {};
}

Status ForgetJob::forgetNamed()
{
    Repository &repo = *m_params.repo;
    auto files = repo.backend().list(FileKind::Snapshot, cancelToken());
    STRATA_TRY(files);
    QStringList chosen;
    for (const QString &spec : m_params.versions) {
        const QString prefix = spec.trimmed().toLower();
        if (prefix.size() < 4)
            return Error::invalid(QStringLiteral("forget: '%1' is too short to name a version (give at least "
                                                 "4 characters of its id)")
                                      .arg(spec));
        QStringList matches;
        for (const FileInfo &f : *files)
            if (f.name.startsWith(prefix))
                matches << f.name;
        if (matches.isEmpty())
            return Error::notFound(QStringLiteral("forget: no version %1 in the repository").arg(spec));
        if (matches.size() > 1)
            return Error::invalid(QStringLiteral("forget: '%1' names %2 versions; give more of the id")
                                      .arg(spec)
                                      .arg(matches.size()));
        if (!chosen.contains(matches.first()))
            chosen << matches.first();
    }
    // Every name is checked before anything goes: a typo in the third id removes nothing.
    for (const QString &id : std::as_const(chosen)) {
        STRATA_TRY(cancelToken().check());
        if (!m_params.dryRun)
            STRATA_TRY(repo.forgetSnapshot(id));
        m_result.removed << id;
    }
    return {};
}

Status ForgetJob::forgetByPolicy()
{
    Repository &repo = *m_params.repo;
    auto all = repo.listSnapshots();
    STRATA_TRY(all);
    QList<Snapshot> chosen;
    for (const Snapshot &s : std::as_const(*all))
        if ((m_params.set.isEmpty() || s.set == m_params.set) &&
            (m_params.host.isEmpty() || s.host == m_params.host))
            chosen << s;
    const QDateTime now = m_params.now.isValid() ? m_params.now : QDateTime::currentDateTimeUtc();
    RetentionSizer sizer(repo, cancelToken());
    RetentionSizeFn sizeFn;
    if (m_params.policy.maxTotalBytes > 0)
        sizeFn = [&sizer](const Snapshot &s) { return sizer(s); };
    m_result.decisions = applyRetention(chosen, m_params.policy, now, sizeFn);
    STRATA_TRY(cancelToken().check());
    if (sizer.error())
        return Error{sizer.error()->code,
                     sizer.error()->message + QStringLiteral("; nothing was forgotten, as the size limit "
                                                             "cannot be applied (run check)")};
    for (const RetentionDecision &d : std::as_const(m_result.decisions)) {
        if (d.keep)
            continue;
        STRATA_TRY(cancelToken().check());
        if (!m_params.dryRun)
            STRATA_TRY(repo.forgetSnapshot(d.id));
        m_result.removed << d.id;
    }
    return {};
}

} // namespace strata
