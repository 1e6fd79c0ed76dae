#include "engine/TreeGuard.h"

#include <QFile>

#include <unordered_map>

namespace strata {

namespace {

constexpr qsizetype kShownPathBytes = 160;

QString treeOf(const Snapshot &snapshot, const BlobId &id, const QByteArray &path)
{
    return QStringLiteral("tree %1 of version %2 (folder %3)")
        .arg(id.shortHex(), snapshot.shortId(), TreeGuard::shownPath(path));
}

} // namespace

TreeGuard::TreeGuard(const Snapshot &snapshot) : m_snapshot(snapshot) {}

QString TreeGuard::shownPath(const QByteArray &path)
{
    if (path.isEmpty())
        return QStringLiteral("/");
    if (path.size() <= kShownPathBytes)
        return QFile::decodeName(path);
    return QFile::decodeName(path.left(kShownPathBytes / 2)) + QStringLiteral("…") +
           QFile::decodeName(path.right(kShownPathBytes / 2)) +
           QStringLiteral(" (%1 bytes)").arg(path.size());
}

Status TreeGuard::checkPath(const Snapshot &snapshot, const BlobId &id, const QByteArray &path)
{
    if (path.size() > MaxPathBytes)
        return Error::corrupt(
            QStringLiteral("%1 lies deeper than %2 bytes of path, which no system names: refused")
                .arg(treeOf(snapshot, id, path))
                .arg(MaxPathBytes));
    if (path.count('/') >= MaxDepth)
        return Error::corrupt(QStringLiteral("%1 lies deeper than %2 folders: refused")
                                  .arg(treeOf(snapshot, id, path))
                                  .arg(MaxDepth));
    return {};
}

Result<Tree> TreeGuard::load(Repository &repo, const Snapshot &snapshot, const BlobId &id,
                             const QByteArray &path)
{
    auto tree = repo.loadTree(id);
    if (tree)
        return tree;
    Error e = tree.error();
    if (!repo.findBlob(id))
        e.message = path.isEmpty()
                        ? QStringLiteral("version %1: its root tree %2 is missing (in no index file): the "
                                         "version cannot be read")
                              .arg(snapshot.shortId(), id.shortHex())
                        : QStringLiteral("%1 is missing (in no index file)").arg(treeOf(snapshot, id, path));
    else
        e.message = QStringLiteral("%1: %2").arg(treeOf(snapshot, id, path), e.message);
    if (e.code == ErrorCode::NotFound)
        e.code = ErrorCode::Corrupt; // the version names it, so its absence is damage
    return e;
}

Status TreeGuard::admit(const BlobId &id, const QByteArray &path) const
{
    if (m_onChain.count(id))
        return Error::corrupt(QStringLiteral("%1 contains itself or a folder above it (a cycle): refused")
                                  .arg(treeOf(m_snapshot, id, path)));
    if (depth() >= MaxDepth)
        return Error::corrupt(QStringLiteral("%1 lies deeper than %2 folders: refused")
                                  .arg(treeOf(m_snapshot, id, path))
                                  .arg(MaxDepth));
    if (path.size() > MaxPathBytes)
        return Error::corrupt(
            QStringLiteral("%1 lies deeper than %2 bytes of path, which no system names: refused")
                .arg(treeOf(m_snapshot, id, path))
                .arg(MaxPathBytes));
    return {};
}

Status TreeGuard::visit(Repository &repo, const BlobId &id, const QByteArray &path,
                        const std::function<Status(const Tree &)> &body)
{
    STRATA_TRY(admit(id, path));
    auto tree = load(repo, m_snapshot, id, path);
    STRATA_TRY(tree);
    m_chain.push_back(id);
    m_onChain.insert(id);
    const Status s = body(*tree);
    m_onChain.erase(id);
    m_chain.pop_back();
    return s;
}

namespace {

// What verifyVersionTrees remembers of a folder it has walked: how deep and how long the
// paths below it go, so a second place that holds it needs no second walk.
struct Extent
{
    int height = 0;        // levels of folders below it
    qsizetype longest = 0; // bytes of the longest folder path below it, relative to it
};

class Verifier final
{
public:
    Verifier(Repository &repo, const Snapshot &snapshot)
        : m_repo(repo), m_snapshot(snapshot), m_guard(snapshot)
    {}

    Result<Extent> walk(const BlobId &id, const QByteArray &path)
    {
        if (auto it = m_done.find(id); it != m_done.end()) {
            const Extent e = it->second;
            if (m_guard.depth() + 1 + e.height > TreeGuard::MaxDepth ||
                path.size() + e.longest > TreeGuard::MaxPathBytes)
                return Error::corrupt(
                    QStringLiteral("tree %1 of version %2 (folder %3) holds folders deeper than %4 levels or "
                                   "paths longer than %5 bytes: refused")
                        .arg(id.shortHex(), m_snapshot.shortId(), TreeGuard::shownPath(path))
                        .arg(TreeGuard::MaxDepth)
                        .arg(TreeGuard::MaxPathBytes));
            return e;
        }
        Extent extent;
        STRATA_TRY(m_guard.visit(m_repo, id, path, [&](const Tree &tree) -> Status {
            for (const Node &n : tree.nodes) {
                if (n.type != NodeType::Directory)
                    continue;
                const qsizetype nameBytes = 1 + n.name.size();
                auto below = walk(n.subtree, path + '/' + n.name);
                STRATA_TRY(below);
                extent.height = std::max(extent.height, below->height + 1);
                extent.longest = std::max(extent.longest, nameBytes + below->longest);
            }
            return {};
        }));
        m_done.emplace(id, extent);
        return extent;
    }

private:
    Repository &m_repo;
    const Snapshot &m_snapshot;
    TreeGuard m_guard;
    std::unordered_map<BlobId, Extent> m_done;
};

} // namespace

Status verifyVersionTrees(Repository &repo, const Snapshot &snapshot)
{
    if (!repo.indexLoaded())
        STRATA_TRY(repo.loadIndex());
    Verifier v(repo, snapshot);
    auto extent = v.walk(snapshot.tree, QByteArray());
    STRATA_TRY(extent);
    return {};
}

} // namespace strata
