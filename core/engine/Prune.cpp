#include "engine/Prune.h"

#include "repo/Lock.h"

#include <QLoggingCategory>

#include <algorithm>
#include <map>
#include <unordered_set>

Q_LOGGING_CATEGORY(lcPrune, "strata.prune")

namespace strata {

namespace {

// What the old index files say each pack holds, with what the versions still use of it.
struct PackPlan
{
    std::vector<PackedBlob> blobs; // every blob of the pack, as the index files list them
    qint64 size = -1;              // on the backend; -1: the pack is missing
    qint64 storedBytes = 0, usedBytes = 0;
    qint64 usedBlobs = 0;
    enum class Action
    {
        Keep,
        Repack,
        Delete
    } action = Action::Keep;
};

class Pruner final
{
public:
    Pruner(Job &job, const PruneParams &params, PruneResult &result)
        : m_job(job), m_params(params), m_result(result), m_repo(*params.repo), m_cancel(job.cancelToken())
    {}

    Status run();

private:
    Status collectUsed();
    Status readIndexFiles();
    Status claimUsed();
    void decide();
    Status repack();
    Status removeReplaced();

    bool isUsed(const BlobId &id, std::size_t *at) const;
    void report(bool force = false) { m_job.reportProgress(m_meter, force); }

    Job &m_job;
    const PruneParams &m_params;
    PruneResult &m_result;
    Repository &m_repo;
    CancelToken m_cancel;
    ProgressMeter m_meter;

    // Blobs the versions reference, sorted and unique: 32 bytes each, the bulk of what prune
    // holds beyond the index. A sorted vector, not a hash set, for half the memory.
    std::vector<BlobId> m_used;
    // Which used blobs a pack has already been credited with: a second copy in another pack is unused.
    std::vector<bool> m_claimed;
    QStringList m_oldIndexFiles;
    std::map<BlobId, PackPlan> m_packs; // sorted, so the plan and the reports are stable
    std::vector<FileInfo> m_unreferenced;
    QString m_newIndex;
};

Status Pruner::run()
{
    m_result = PruneResult{};
    m_result.dryRun = m_params.dryRun;
    m_meter.setPhase(Phase::Planning);
    report(true);

    std::unique_ptr<RepoLock> lock;
    if (m_params.lock) {
        auto taken = m_repo.lock(LockMode::Exclusive);
        STRATA_TRY(taken);
        lock = std::move(*taken);
    }
    // With the exclusive lock nobody else is writing: what a killed writer left can go.
    if (!m_params.dryRun)
        if (auto removed = m_repo.backend().removeStaleTemporaries(0); removed && *removed)
            qCInfo(lcPrune) << "removed" << *removed << "temporary files of interrupted writes";
    // Another process may have written since this object last read the index.
    STRATA_TRY(m_repo.loadIndex(nullptr, m_cancel));
    STRATA_TRY(collectUsed());
    STRATA_TRY(readIndexFiles());
    STRATA_TRY(claimUsed());
    decide();
    m_meter.setPhase(Phase::Done);
    if (m_params.dryRun) {
        report(true);
        return {};
    }
    m_meter.setPhase(Phase::Pruning);
    Status done = repack();
    if (done)
        done = removeReplaced();
    if (!done) {
        // Repacking loads only the new index: whatever stopped it, the whole index comes back.
        (void)m_repo.loadIndex();
        return done;
    }
    m_meter.setPhase(Phase::Done);
    report(true);
    return {};
}

// Every blob that any version references: the trees, walked once each however many versions
// share them, and the chunks of every file in them.
Status Pruner::collectUsed()
{
    auto files = m_repo.backend().list(FileKind::Snapshot, m_cancel);
    STRATA_TRY(files);
    m_meter.setTotals(qint64(files->size()), -1);
    std::unordered_set<BlobId> seenTrees;
    std::vector<BlobId> pending;
    for (const FileInfo &f : *files) {
        STRATA_TRY(m_cancel.check());
        if (m_params.assumeForgotten.contains(f.name))
            continue;
        auto snapshot = m_repo.loadSnapshot(f.name);
        if (!snapshot)
            return Error{
                snapshot.error().code,
                QStringLiteral("version %1 cannot be read (%2); prune deletes nothing while what a "
                               "version holds is unknown: run check, and forget the version if it is lost")
                    .arg(f.name.left(8), snapshot.error().message)};
        m_result.versions++;
        pending.push_back(snapshot->tree);
        while (!pending.empty()) {
            const BlobId id = pending.back();
            pending.pop_back();
            if (!seenTrees.insert(id).second)
                continue; // a folder unchanged since another version, or a cycle in a forged one
            m_used.push_back(id);
            auto tree = m_repo.loadTree(id);
            if (!tree)
                return Error{
                    tree.error().code == ErrorCode::Cancelled ? ErrorCode::Cancelled : ErrorCode::Corrupt,
                    QStringLiteral("a folder listing of version %1 (tree %2) cannot be read: %3; prune "
                                   "deletes nothing while what a version holds is unknown (run check)")
                        .arg(snapshot->shortId(), id.shortHex(), tree.error().message)};
            for (const Node &node : tree->nodes) {
                if (node.type == NodeType::Directory)
                    pending.push_back(node.subtree);
                m_used.insert(m_used.end(), node.content.begin(), node.content.end());
            }
        }
        m_meter.addDone(1, 0);
        report();
    }
    std::sort(m_used.begin(), m_used.end());
    m_used.erase(std::unique(m_used.begin(), m_used.end()), m_used.end());
    m_used.shrink_to_fit();
    m_claimed.assign(m_used.size(), false);
    m_result.blobsUsed = qint64(m_used.size());
    return {};
}

bool Pruner::isUsed(const BlobId &id, std::size_t *at) const
{
    const auto it = std::lower_bound(m_used.begin(), m_used.end(), id);
    if (it == m_used.end() || *it != id)
        return false;
    *at = std::size_t(it - m_used.begin());
    return true;
}

// What each pack holds, from the index files one by one (the loaded index keeps one place per
// blob and would hide second copies), and which packs exist.
Status Pruner::readIndexFiles()
{
    auto names = m_repo.indexFiles(m_cancel);
    STRATA_TRY(names);
    m_oldIndexFiles = *names;
    for (const QString &name : m_oldIndexFiles) {
        STRATA_TRY(m_cancel.check());
        auto plain = m_repo.openFile(FileKind::Index, name);
        Result<qsizetype> valid = plain ? forEachPackedBlob(*plain, {}) : plain.error();
        if (!valid)
            return Error::corrupt(
                QStringLiteral("index file %1 cannot be read (%2); prune deletes nothing while "
                               "the index is damaged: run repair index first")
                    .arg(name.left(8), valid.error().message));
        std::map<BlobId, std::vector<PackedBlob>> fromFile;
        (void)forEachPackedBlob(
            *plain, [&](const BlobId &pack, const PackedBlob &b) { fromFile[pack].push_back(b); });
        // The same pack in two index files (a merge or a repack killed half way) is listed once.
        for (auto &[pack, blobs] : fromFile)
            if (auto &plan = m_packs[pack]; plan.blobs.empty())
                plan.blobs = std::move(blobs);
    }
    auto files = m_repo.backend().list(FileKind::Pack, m_cancel);
    STRATA_TRY(files);
    for (const FileInfo &f : *files) {
        const auto id = BlobId::fromHex(f.name);
        if (!id)
            continue; // not a pack name: nothing of ours
        m_result.packsBefore++;
        m_result.bytesBefore += f.size;
        if (auto it = m_packs.find(*id); it != m_packs.end())
            it->second.size = f.size;
        else
            m_unreferenced.push_back(f);
    }
    return {};
}

// Credits each used blob to the first existing pack that holds it. A needed blob that no
// existing pack holds means a version is already damaged: deleting anything now could only
// make it worse, and check says which files it concerns.
Status Pruner::claimUsed()
{
    for (auto &[pack, plan] : m_packs) {
        for (const PackedBlob &b : plan.blobs) {
            plan.storedBytes += b.length;
            std::size_t at = 0;
            if (plan.size >= 0 && isUsed(b.id, &at) && !m_claimed[at]) {
                m_claimed[at] = true;
                plan.usedBytes += b.length;
                plan.usedBlobs++;
            }
        }
    }
    const auto missing = std::count(m_claimed.begin(), m_claimed.end(), false);
    if (missing > 0) {
        const auto first = std::find(m_claimed.begin(), m_claimed.end(), false) - m_claimed.begin();
        return Error::corrupt(
            QStringLiteral("%1 blob(s) that versions need are in no pack of the repository "
                           "(the first: %2); prune deletes nothing in a damaged repository: "
                           "run check to see which files are affected")
                .arg(missing)
                .arg(m_used[std::size_t(first)].shortHex()));
    }
    return {};
}

void Pruner::decide()
{
    qint64 after = 0;
    for (auto &[pack, plan] : m_packs) {
        if (plan.size < 0)
            continue; // missing, and nothing needed in it: the new index leaves it out
        const qint64 unused = plan.storedBytes - plan.usedBytes;
        const qint64 unusedBlobs = qint64(plan.blobs.size()) - plan.usedBlobs;
        m_result.blobsUnused += unusedBlobs;
        m_result.unusedBytesBefore += unused;
        if (plan.usedBlobs == 0) {
            plan.action = PackPlan::Action::Delete;
            m_result.packsDeleted++;
            m_result.blobsRemoved += unusedBlobs;
        } else if (unused > 0 &&
                   double(unused) * 100 > m_params.maxUnusedPercent * double(plan.storedBytes)) {
            plan.action = PackPlan::Action::Repack;
            m_result.packsRepacked++;
            m_result.blobsRepacked += plan.usedBlobs;
            m_result.blobsRemoved += unusedBlobs;
            after += plan.usedBytes; // the estimate: the used blobs, in new packs
        } else {
            m_result.unusedBytesAfter += unused;
            after += plan.size;
        }
    }
    m_result.unreferencedPacks = qint64(m_unreferenced.size());
    m_result.packsDeleted += m_result.unreferencedPacks;
    m_result.bytesAfter = after;
}

// The new index names the packs that stay; it is durable, and alone loaded, before anything
// moves, so the used blobs of repacked packs are missing from it and copying them stores them
// in new packs, which the repository indexes as it writes them.
Status Pruner::repack()
{
    std::vector<PackContents> staying;
    qint64 repackBytes = 0;
    for (const auto &[pack, plan] : m_packs) {
        if (plan.size >= 0 && plan.action == PackPlan::Action::Keep)
            staying.push_back(PackContents{pack, plan.blobs});
        else if (plan.action == PackPlan::Action::Repack)
            repackBytes += plan.usedBytes;
    }
    STRATA_TRY(m_cancel.check());
    auto written = m_repo.writeSealedFile(FileKind::Index, serializePackList(staying));
    STRATA_TRY(written);
    m_newIndex = *written;
    staying.clear();
    STRATA_TRY(m_repo.loadIndexFiles({m_newIndex}, nullptr, m_cancel));

    m_meter.setTotals(m_result.packsRepacked, repackBytes);
    const WriteStats before = m_repo.writeStats();
    QByteArray buffer;
    for (const auto &[pack, plan] : m_packs) {
        if (plan.action != PackPlan::Action::Repack)
            continue;
        STRATA_TRY(m_cancel.check());
        STRATA_TRY(m_repo.backend().readInto(FileKind::Pack, pack.toHex(), 0, -1, buffer, m_cancel));
        for (const PackedBlob &b : plan.blobs) {
            std::size_t at = 0;
            if (!isUsed(b.id, &at) || m_repo.hasBlob(b.id))
                continue; // unused, or already stored (a copy in a pack that stays, or moved just now)
            if (qint64(b.offset) + b.length > buffer.size())
                return Error::corrupt(
                    QStringLiteral("pack %1 is shorter than its index says; prune stopped before "
                                   "deleting anything (run check --read-data, then repair index)")
                        .arg(pack.shortHex()));
            // Moved sealed, as it is: authenticated, never decompressed or encoded again.
            auto copied = m_repo.copyBlob(b, QByteArrayView(buffer.constData() + b.offset, b.length));
            if (!copied && copied.error().code == ErrorCode::Corrupt)
                return Error::corrupt(QStringLiteral("pack %1 is damaged (%2); prune stopped before deleting "
                                                     "anything (run check --read-data, then repair index)")
                                          .arg(pack.shortHex(), copied.error().message));
            STRATA_TRY(copied);
            m_meter.addDone(0, b.length);
        }
        m_meter.addDone(1, 0);
        report();
    }
    STRATA_TRY(m_repo.flush());
    m_result.packsWritten = m_repo.writeStats().packsWritten - before.packsWritten;
    return {};
}

// Only now, with everything that stays indexed by files written in this run, the old index files
// go, and after them the packs that no index file names any more.
Status Pruner::removeReplaced()
{
    for (const QString &old : std::as_const(m_oldIndexFiles)) {
        STRATA_TRY(m_cancel.check());
        if (old != m_newIndex)
            STRATA_TRY(m_repo.backend().remove(FileKind::Index, old));
    }
    for (const auto &[pack, plan] : m_packs) {
        if (plan.size < 0 || plan.action == PackPlan::Action::Keep)
            continue;
        STRATA_TRY(m_cancel.check());
        STRATA_TRY(m_repo.backend().remove(FileKind::Pack, pack.toHex()));
    }
    for (const FileInfo &f : m_unreferenced) {
        STRATA_TRY(m_cancel.check());
        STRATA_TRY(m_repo.backend().remove(FileKind::Pack, f.name));
    }
    m_repo.backend().closeOpenFiles();
    STRATA_TRY(m_repo.loadIndex(nullptr, m_cancel));
    // What is there now, measured rather than estimated.
    auto files = m_repo.backend().list(FileKind::Pack, m_cancel);
    STRATA_TRY(files);
    m_result.bytesAfter = 0;
    for (const FileInfo &f : *files)
        m_result.bytesAfter += f.size;
    return {};
}

} // namespace

PruneJob::PruneJob(PruneParams params, QObject *parent) : Job(parent), m_params(std::move(params))
{
    qRegisterMetaType<strata::PruneResult>();
}

PruneJob::~PruneJob() = default;

Status PruneJob::prune(Job &job, const PruneParams &params, PruneResult &result)
{
    if (!params.repo)
        return Error::invalid(QStringLiteral("prune: no repository"));
    if (params.maxUnusedPercent < 0 || params.maxUnusedPercent > 100)
        return Error::invalid(QStringLiteral("prune: the unused share must be between 0 and 100%, not %1")
                                  .arg(params.maxUnusedPercent));
    Pruner pruner(job, params, result);
    return pruner.run();
}

Status PruneJob::execute()
{
    return prune(*this, m_params, m_result);
}

void PruneJob::finish(const Status &status)
{
    m_result.status = status;
    Q_EMIT finished(m_result);
}

} // namespace strata
