#include "engine/Check.h"

#include "crypto/Crypto.h"
#include "engine/TreeGuard.h"
#include "repo/Lock.h"

#include <QFile>
#include <QRandomGenerator>

#include <atomic>
#include <map>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace strata {

namespace {

constexpr int kMaxAffectedListed = 200;

const QString kPackRemedy = QStringLiteral(
    "a blob has one copy in one pack: what it held cannot be brought back from this repository "
    "(back the files up again while they still exist)");

class Checker final
{
public:
    Checker(CheckJob *job, const CheckParams &params, CheckResult &result)
        : m_job(job), m_params(params), m_result(result), m_repo(*params.repo)
    {}

    Status run();

private:
    void report(bool force = false) { m_job->reportProgress(m_meter, force); }
    // The problem under `key`, made with `what` and `remedy` the first time.
    int problem(const QString &key, const QString &what, const QString &remedy, const QString &pack = {});
    Status loadIndexFiles();
    void checkConfig();
    void checkKeys();
    void checkPackFiles();
    void checkSnapshots();
    // Walks one folder of the structure: trees and chunks in the index, trees that load,
    // no cycles, bounded depth. Each tree is read once however many versions hold it.
    Status checkTree(TreeGuard &guard, const Snapshot &snap, const BlobId &id, const QByteArray &path);
    void readPacks();
    struct Finding
    {
        QString problem;
        std::optional<std::vector<BlobId>> lost; // none: every blob of the pack
    };
    // Reads and verifies one pack and says what is wrong with it. Thread-safe: it only reads
    // the checker's maps, and the progress meter is thread-safe.
    // `buffer` holds the pack; each thread passes its own, reused from pack to pack.
    std::vector<Finding> verifyPack(const BlobId &pack, std::atomic<qint64> *blobsChecked,
                                    QByteArray &buffer);
    // Names, for every problem that lost blobs, the versions and files that need them.
    void findAffectedFiles();
    // Records a damaged pack and which of its blobs are lost (all of them when `lost` is null).
    void damage(const BlobId &pack, const QString &problem, const std::vector<BlobId> *lost = nullptr);
    void affect(int problem, const QString &version, const QString &file);

    CheckJob *m_job;
    const CheckParams &m_params;
    CheckResult &m_result;
    Repository &m_repo;
    ProgressMeter m_meter;

    // pack -> its blobs, as the index files say
    std::map<BlobId, std::vector<PackedBlob>> m_packs;
    std::unordered_map<BlobId, BlobId> m_blobPack;
    std::unordered_set<BlobId> m_treesSeen;
    std::map<QString, int> m_problemKeys;        // -> position in m_result.problems
    std::map<BlobId, int> m_damaged;             // pack -> its problem
    std::unordered_map<BlobId, int> m_lostBlobs; // a blob the versions cannot have -> its problem
    std::vector<std::unordered_set<QString>> m_problemVersions;
    QStringList m_damagedIndexFiles;
};

int Checker::problem(const QString &key, const QString &what, const QString &remedy, const QString &pack)
{
    auto [it, fresh] = m_problemKeys.try_emplace(key, int(m_result.problems.size()));
    if (fresh) {
        CheckProblem p;
        p.problem = what;
        p.remedy = remedy;
        p.pack = pack;
        m_result.problems << p;
        m_problemVersions.emplace_back();
        m_result.errors << what;
    }
    return it->second;
}

void Checker::affect(int index, const QString &version, const QString &file)
{
    CheckProblem &p = m_result.problems[index];
    if (m_problemVersions[std::size_t(index)].insert(version).second)
        p.versions << version;
    if (file.isEmpty())
        return;
    if (p.affectedFiles.size() < kMaxAffectedListed)
        p.affectedFiles << version + QLatin1Char(':') + file;
    p.affectedCount++;
}

void Checker::damage(const BlobId &pack, const QString &what, const std::vector<BlobId> *lost)
{
    // What repair can do depends on how much of the pack still reads.
    const std::size_t total = m_packs.count(pack) ? m_packs[pack].size() : 0;
    const std::size_t gone = lost ? lost->size() : total;
    QString remedy = kPackRemedy;
    if (gone == 0)
        remedy =
            QStringLiteral("no blob is lost: 'strata-cli repair index --read-data' moves them all into a "
                           "new pack");
    else if (gone < total)
        remedy =
            QStringLiteral("'strata-cli repair index --read-data' moves the blobs that still open into new "
                           "packs; the %1 lost one(s) had one copy, in this pack, and cannot be brought back "
                           "(back the files up again while they still exist)")
                .arg(gone);
    const int index = problem(QStringLiteral("pack ") + pack.toHex() + QLatin1Char(' ') + what,
                              QStringLiteral("pack %1: %2").arg(pack.toHex(), what), remedy, pack.toHex());
    m_damaged.try_emplace(pack, index);
    if (lost) {
        for (const BlobId &b : *lost)
            m_lostBlobs.try_emplace(b, index);
        return;
    }
    for (const PackedBlob &b : m_packs[pack])
        m_lostBlobs.try_emplace(b.id, index);
}

Status Checker::loadIndexFiles()
{
    auto names = m_repo.indexFiles();
    STRATA_TRY(names);
    for (const QString &name : *names) {
        auto plain = m_repo.openFile(FileKind::Index, name);
        Result<std::vector<PackContents>> packs =
            plain ? parsePackList(*plain) : Result<std::vector<PackContents>>(plain.error());
        if (!packs) {
            m_damagedIndexFiles << name;
            problem(QStringLiteral("index ") + name,
                    QStringLiteral("index file %1: %2").arg(name, packs.error().message),
                    QStringLiteral("'strata-cli repair index' replaces the index by one read from the packs' "
                                   "own headers"));
            continue;
        }
        for (PackContents &p : *packs) {
            for (const PackedBlob &b : p.blobs)
                m_blobPack[b.id] = p.pack;
            auto &blobs = m_packs[p.pack];
            if (blobs.empty())
                blobs = std::move(p.blobs);
        }
    }
    return {};
}

void Checker::checkConfig()
{
    auto verified = m_repo.verifyConfig();
    if (!verified)
        problem(
            QStringLiteral("config"), QStringLiteral("config: %1").arg(verified.error().message),
            QStringLiteral("cannot be brought back by repair: the settings in it can no longer be trusted "
                           "(every version still reads; new backups may use wrong settings)"));
}

void Checker::checkKeys()
{
    auto files = m_repo.backend().list(FileKind::Key);
    if (!files) {
        problem(QStringLiteral("list keys"),
                QStringLiteral("cannot list key files: %1").arg(files.error().message), QString());
        return;
    }
    const QString remedy =
        QStringLiteral("the other key files still open the repository; remove this one with "
                       "'strata-cli key remove %1'");
    for (const FileInfo &f : *files) {
        auto data = m_repo.backend().read(FileKind::Key, f.name);
        if (!data) {
            problem(QStringLiteral("key ") + f.name,
                    QStringLiteral("key file %1: %2").arg(f.name, data.error().message),
                    remedy.arg(f.name.left(8)));
            continue;
        }
        if (crypto::sha256(*data).toHex() != f.name) {
            problem(QStringLiteral("key ") + f.name,
                    QStringLiteral("key file %1 does not match its name (damaged)").arg(f.name),
                    remedy.arg(f.name.left(8)));
            continue;
        }
        auto info = readKeyFileInfo(*data);
        if (!info)
            problem(QStringLiteral("key ") + f.name,
                    QStringLiteral("key file %1: %2: refused").arg(f.name, info.error().message),
                    remedy.arg(f.name.left(8)));
    }
}

void Checker::checkPackFiles()
{
    auto files = m_repo.backend().list(FileKind::Pack, m_job->cancelToken());
    if (!files) {
        problem(QStringLiteral("list packs"),
                QStringLiteral("cannot list packs: %1").arg(files.error().message), QString());
        return;
    }
    std::map<BlobId, qint64> sizes;
    for (const FileInfo &f : *files) {
        const auto id = BlobId::fromHex(f.name);
        if (!id) {
            problem(QStringLiteral("stray ") + f.name,
                    QStringLiteral("unexpected file %1 among the packs").arg(f.name),
                    QStringLiteral("not a pack of this repository: move it away"));
            continue;
        }
        sizes[*id] = f.size;
    }
    for (const auto &[pack, blobs] : m_packs) {
        auto it = sizes.find(pack);
        if (it == sizes.end()) {
            damage(pack, QStringLiteral("is missing"));
            continue;
        }
        qint64 end = 0;
        std::vector<BlobId> cutOff; // blobs the truncation took; the ones before it still open
        for (const PackedBlob &b : blobs) {
            end = std::max(end, qint64(b.offset) + b.length);
            if (qint64(b.offset) + b.length > it->second)
                cutOff.push_back(b.id);
        }
        if (it->second >= end + 8)
            continue;
        // Either the pack lost its end, or the index places blobs where the pack has none; the
        // pack's own header tells which.
        if (m_repo.readPackTail(FileInfo{pack.toHex(), it->second})) {
            const int p = problem(
                QStringLiteral("index past ") + pack.toHex(),
                QStringLiteral(
                    "pack %1: the index places blobs past its end (%2 bytes, at least %3 expected), "
                    "but the pack's own header is intact: the index is wrong")
                    .arg(pack.toHex())
                    .arg(it->second)
                    .arg(end + 8),
                QStringLiteral("'strata-cli repair index' rebuilds the index from the packs' headers and "
                               "brings these blobs back"),
                pack.toHex());
            for (const BlobId &b : cutOff)
                m_lostBlobs.try_emplace(b, p);
            continue;
        }
        damage(pack,
               QStringLiteral("is truncated (%1 bytes, at least %2 expected)").arg(it->second).arg(end + 8),
               &cutOff);
    }
    for (const auto &[pack, size] : sizes)
        if (!m_packs.count(pack))
            m_result.unreferencedPacks++;
}

Status Checker::checkTree(TreeGuard &guard, const Snapshot &snap, const BlobId &id, const QByteArray &path)
{
    if (m_job->isCancelled())
        return Error::cancelled();
    if (m_lostBlobs.count(id) || !m_treesSeen.insert(id).second)
        return {};
    m_result.treesChecked++;
    const QString where = TreeGuard::shownPath(path);
    if (!m_blobPack.count(id)) {
        m_lostBlobs[id] = problem(
            QStringLiteral("tree missing ") + id.toHex(),
            QStringLiteral("tree %1 (folder %2 of version %3) is in no index file")
                .arg(id.shortHex(), where, snap.shortId()),
            m_damagedIndexFiles.isEmpty() && m_result.unreferencedPacks == 0
                ? QStringLiteral(
                      "no pack is left that could hold it: the folder and everything below it cannot "
                      "be brought back")
                : QStringLiteral("'strata-cli repair index' indexes what the packs hold again; if no pack "
                                 "holds the tree, the folder cannot be brought back"));
        return {};
    }
    const Status visited = guard.visit(m_repo, id, path, [&](const Tree &tree) -> Status {
        for (const Node &n : tree.nodes) {
            const QByteArray child = path + '/' + n.name;
            if (n.type == NodeType::Directory) {
                STRATA_TRY(checkTree(guard, snap, n.subtree, child));
                continue;
            }
            for (const BlobId &b : n.content) {
                if (m_blobPack.count(b) || m_lostBlobs.count(b))
                    continue;
                m_lostBlobs[b] = problem(
                    QStringLiteral("chunks missing"),
                    QStringLiteral("file content is missing: chunks the versions name are in no index file "
                                   "(first: chunk %1 of %2:%3)")
                        .arg(b.shortHex(), snap.shortId(), QFile::decodeName(child)),
                    m_damagedIndexFiles.isEmpty() && m_result.unreferencedPacks == 0
                        ? QStringLiteral("no pack is left that could hold them: these files cannot be "
                                         "brought back")
                        : QStringLiteral("'strata-cli repair index' indexes what the packs hold again; "
                                         "chunks no pack holds cannot be brought back"));
            }
        }
        report();
        return {};
    });
    if (!visited) {
        if (visited.error().code == ErrorCode::Cancelled)
            return visited;
        // An unreadable tree, a cycle or too deep a nesting: the folder is lost, the walk goes on.
        const bool refused = visited.error().message.endsWith(QStringLiteral("refused"));
        m_lostBlobs[id] = problem(
            QStringLiteral("tree ") + id.toHex(), visited.error().message,
            refused ? QStringLiteral("a forged or damaged tree: nothing below it can be read safely")
                    : QStringLiteral("a tree has one copy: the folder's listing cannot be brought back, and "
                                     "without it nothing names the files below it"));
    }
    return {};
}

void Checker::checkSnapshots()
{
    auto files = m_repo.backend().list(FileKind::Snapshot);
    if (!files) {
        problem(QStringLiteral("list versions"),
                QStringLiteral("cannot list versions: %1").arg(files.error().message), QString());
        return;
    }
    std::unordered_set<QString> ids;
    QList<Snapshot> loaded;
    for (const FileInfo &f : *files) {
        ids.insert(f.name);
        auto snap = m_repo.loadSnapshot(f.name);
        if (!snap) {
            const int p = problem(
                QStringLiteral("version ") + f.name,
                QStringLiteral("version %1 cannot be read: %2").arg(f.name.left(8), snap.error().message),
                QStringLiteral("a version's file has one copy: this version cannot be brought back (its data "
                               "stays in the packs, but nothing names its files); the other versions are not "
                               "affected"));
            affect(p, f.name.left(8), QStringLiteral("all of its files (which ones cannot be told)"));
            continue;
        }
        m_result.snapshotsChecked++;
        loaded << *snap;
    }
    // A parent that forget removed is no loss: every version restores on its own.
    const auto forgotten = m_repo.forgottenSnapshots();
    for (const Snapshot &snap : std::as_const(loaded)) {
        if (!snap.parent.isEmpty() && !ids.count(snap.parent) &&
            !(forgotten && forgotten->contains(snap.parent))) {
            const int p = problem(
                QStringLiteral("parent ") + snap.parent,
                QStringLiteral("version %1 names %2 as the version it was compared against, and no version "
                               "%2 exists: its file was lost")
                    .arg(snap.shortId(), snap.parent.left(8)),
                QStringLiteral("version %1 itself is complete; the lost version's own file cannot be brought "
                               "back")
                    .arg(snap.shortId()));
            affect(p, snap.parent.left(8), QStringLiteral("all of its files (which ones cannot be told)"));
        }
        TreeGuard guard(snap);
        if (checkTree(guard, snap, snap.tree, QByteArray()).error().code == ErrorCode::Cancelled)
            return;
    }
}

void Checker::readPacks()
{
    std::vector<BlobId> packs;
    for (const auto &[pack, blobs] : m_packs)
        if (!m_damaged.count(pack))
            packs.push_back(pack);
    if (m_params.readDataPercent < 100) {
        std::vector<BlobId> subset;
        for (const BlobId &p : packs)
            if (int(QRandomGenerator::global()->bounded(100)) < m_params.readDataPercent)
                subset.push_back(p);
        if (subset.empty() && !packs.empty())
            subset.push_back(packs[QRandomGenerator::global()->bounded(int(packs.size()))]);
        packs.swap(subset);
    }
    m_meter.setTotals(qint64(packs.size()), -1);

    // Packs are verified on one thread per core (hashing, decrypting and decompressing are
    // CPU work); each holds one pack in memory at a time. What they find is recorded after
    // they end, in pack order whatever order they finished in, so reports are stable.
    std::atomic<size_t> next{0};
    std::vector<std::vector<Finding>> found(packs.size());
    std::atomic<qint64> blobsChecked{0}, packsChecked{0};
    const auto verify = [&] {
        // One pack buffer per thread for the whole check. Fresh 16 MiB buffers were recycled
        // inside the threads' malloc arenas, and the peak memory wandered from 77 to 106 MiB
        // between runs of the same check.
        QByteArray buffer;
        for (size_t i = next++; i < packs.size() && !m_job->isCancelled(); i = next++) {
            found[i] = verifyPack(packs[i], &blobsChecked, buffer);
            ++packsChecked;
        }
    };
    const int threads =
        int(std::max(1u, std::min(std::thread::hardware_concurrency(), unsigned(packs.size()))));
    std::vector<std::thread> workers;
    for (int t = 1; t < threads; ++t)
        workers.emplace_back(verify);
    verify();
    for (std::thread &w : workers)
        w.join();

    m_result.packsChecked += packsChecked.load();
    m_result.blobsChecked += blobsChecked.load();
    for (size_t i = 0; i < packs.size(); ++i)
        for (const Finding &f : found[i])
            damage(packs[i], f.problem, f.lost ? &*f.lost : nullptr);
}

std::vector<Checker::Finding> Checker::verifyPack(const BlobId &pack, std::atomic<qint64> *blobsChecked,
                                                  QByteArray &buffer)
{
    std::vector<Finding> problems;
    const Status loaded =
        m_repo.backend().readInto(FileKind::Pack, pack.toHex(), 0, -1, buffer, m_job->cancelToken());
    m_meter.addDone(1, loaded ? buffer.size() : 0);
    report();
    if (!loaded) {
        problems.push_back({loaded.error().message, std::nullopt});
        return problems;
    }
    const QByteArray &data = buffer;
    const std::vector<PackedBlob> &indexed = m_packs.at(pack);
    if (crypto::sha256(data).toHex() != pack.toHex()) {
        // Find out how much is lost: a blob that still opens is intact.
        std::vector<BlobId> bad;
        for (const PackedBlob &b : indexed)
            if (qint64(b.offset) + b.length > data.size() ||
                !m_repo.openBlob(b, QByteArrayView(data.constData() + b.offset, b.length)))
                bad.push_back(b.id);
        problems.push_back({QStringLiteral("does not match its name (%1 of %2 blobs damaged)")
                                .arg(bad.size())
                                .arg(indexed.size()),
                            bad});
        return problems;
    }
    auto header = m_repo.parsePackHeader(data);
    if (!header) {
        problems.push_back({header.error().message, std::nullopt});
        return problems;
    }
    std::unordered_set<BlobId> inHeader;
    for (const PackedBlob &b : *header) {
        inHeader.insert(b.id);
        ++*blobsChecked;
        if (!m_repo.openBlob(b, QByteArrayView(data.constData() + b.offset, b.length)))
            problems.push_back(
                {QStringLiteral("blob %1 is damaged").arg(b.id.shortHex()), std::vector{b.id}});
    }
    for (const PackedBlob &b : indexed)
        if (!inHeader.count(b.id))
            problems.push_back(
                {QStringLiteral("does not hold blob %1 that the index places there").arg(b.id.shortHex()),
                 std::vector{b.id}});
    return problems;
}

void Checker::findAffectedFiles()
{
    if (m_lostBlobs.empty())
        return;
    auto files = m_repo.backend().list(FileKind::Snapshot);
    if (!files)
        return;
    // What is lost below a tree, relative to it, found once per tree however many versions and
    // places hold it: shared folders cost one walk.
    struct Hit
    {
        QByteArray path; // relative, starting with '/' (empty: the folder itself)
        int problem;
        bool wholeFolder;
    };
    struct Below
    {
        std::vector<Hit> hits; // at most kMaxAffectedListed per tree
        std::map<int, qint64> counts;
    };
    std::unordered_map<BlobId, std::shared_ptr<const Below>> memo;
    const auto none = std::make_shared<const Below>();

    std::function<std::shared_ptr<const Below>(TreeGuard &, const BlobId &, const QByteArray &)> walk;
    walk = [&](TreeGuard &guard, const BlobId &treeId,
               const QByteArray &path) -> std::shared_ptr<const Below> {
        if (auto it = m_lostBlobs.find(treeId); it != m_lostBlobs.end()) {
            auto whole = std::make_shared<Below>();
            whole->hits.push_back({QByteArray(), it->second, true});
            whole->counts[it->second] = 1;
            return whole;
        }
        if (auto it = memo.find(treeId); it != memo.end())
            return it->second;
        auto below = std::make_shared<Below>();
        const Status s = guard.visit(m_repo, treeId, path, [&](const Tree &tree) -> Status {
            for (const Node &n : tree.nodes) {
                const QByteArray rel = '/' + n.name;
                if (n.type == NodeType::Directory) {
                    const auto child = walk(guard, n.subtree, path + rel);
                    for (const Hit &h : child->hits)
                        if (below->hits.size() < std::size_t(kMaxAffectedListed))
                            below->hits.push_back({rel + h.path, h.problem, h.wholeFolder});
                    for (const auto &[p, c] : child->counts)
                        below->counts[p] += c;
                    continue;
                }
                for (const BlobId &b : n.content) {
                    auto it = m_lostBlobs.find(b);
                    if (it == m_lostBlobs.end())
                        continue;
                    if (below->hits.size() < std::size_t(kMaxAffectedListed))
                        below->hits.push_back({rel, it->second, false});
                    below->counts[it->second]++;
                    break;
                }
            }
            return {};
        });
        if (!s)
            return none; // reported by the structure walk
        std::shared_ptr<const Below> result = below->hits.empty() ? none : below;
        memo.emplace(treeId, result);
        return result;
    };
    for (const FileInfo &f : *files) {
        if (m_job->isCancelled())
            return;
        auto snap = m_repo.loadSnapshot(f.name);
        if (!snap)
            continue;
        TreeGuard guard(*snap);
        const auto lost = walk(guard, snap->tree, QByteArray());
        for (const Hit &h : lost->hits)
            affect(h.problem, snap->shortId(),
                   (h.path.isEmpty() ? QStringLiteral("/") : QFile::decodeName(h.path)) +
                       (h.wholeFolder ? QStringLiteral(" (whole folder)") : QString()));
        for (const auto &[p, c] : lost->counts) {
            // Those beyond the listed ones are counted without being named.
            qint64 listed = 0;
            for (const Hit &h : lost->hits)
                listed += h.problem == p;
            m_result.problems[p].affectedCount += c - listed;
        }
    }
}

Status Checker::run()
{
    m_meter.setPhase(Phase::Verifying);
    report(true);
    STRATA_TRY(loadIndexFiles());
    // The repository's own index serves tree loads; damaged index files were reported above.
    QStringList damagedIndex;
    STRATA_TRY(m_repo.loadIndex(&damagedIndex, m_job->cancelToken()));
    checkConfig();
    checkKeys();
    checkPackFiles();
    checkSnapshots();
    if (m_params.readData)
        readPacks();
    m_result.dataRead = m_params.readData;
    findAffectedFiles();
    if (m_job->isCancelled())
        return Error::cancelled();
    report(true);
    return {};
}

} // namespace

QList<CheckProblem> CheckResult::damagedPacks() const
{
    QList<CheckProblem> packs;
    for (const CheckProblem &p : problems)
        if (!p.pack.isEmpty())
            packs << p;
    return packs;
}

CheckJob::CheckJob(CheckParams params, QObject *parent) : Job(parent), m_params(std::move(params))
{
    qRegisterMetaType<strata::CheckResult>();
}

CheckJob::~CheckJob() = default;

Status CheckJob::execute()
{
    m_result = CheckResult{};
    auto lock = m_params.repo->lockForReading(); // no prune may delete what it reads
    STRATA_TRY(lock);
    Checker c(this, m_params, m_result);
    return c.run();
}

void CheckJob::finish(const Status &status)
{
    m_result.status = status;
    Q_EMIT finished(m_result);
}

} // namespace strata
