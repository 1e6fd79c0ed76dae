#include "engine/Listing.h"

#include "engine/TreeGuard.h"
#include "util/Paths.h"

#include <QDir>
#include <QFile>

namespace strata {

namespace {

Status walkTree(Repository &repo, TreeGuard &guard, const BlobId &treeId, const QByteArray &dir,
                bool recursive, const std::function<bool(const ListedEntry &)> &each, bool &stop)
{
    return guard.visit(repo, treeId, dir, [&](const Tree &tree) -> Status {
        for (const Node &node : tree.nodes) {
            const QByteArray path = dir + '/' + node.name;
            if (!each(ListedEntry{QFile::decodeName(path), path, &node})) {
                stop = true;
                return {};
            }
            if (recursive && node.type == NodeType::Directory) {
                STRATA_TRY(walkTree(repo, guard, node.subtree, path, recursive, each, stop));
                if (stop)
                    return {};
            }
        }
        return {};
    });
}

} // namespace

Result<Node> findNode(Repository &repo, const Snapshot &snapshot, const QByteArray &path)
{
    if (!repo.indexLoaded())
        STRATA_TRY(repo.loadIndex());
    auto missing = [&] {
        return Error::notFound(
            QStringLiteral("%1 is not in version %2").arg(QFile::decodeName(path), snapshot.shortId()));
    };
    Node found;
    found.type = NodeType::Directory;
    found.subtree = snapshot.tree;
    QByteArray dir; // where `found` is
    for (const QByteArray &part : path.split('/')) {
        if (part.isEmpty() || part == ".")
            continue;
        if (found.type != NodeType::Directory)
            return missing();
        STRATA_TRY(TreeGuard::checkPath(snapshot, found.subtree, dir));
        auto tree = TreeGuard::load(repo, snapshot, found.subtree, dir);
        STRATA_TRY(tree);
        dir += '/' + part;
        const Node *n = tree->find(part);
        if (!n)
            return missing();
        found = *n;
    }
    return found;
}

Result<std::optional<Node>> findEntry(Repository &repo, const Snapshot &snapshot, const QByteArray &path)
{
    Result<Node> node = findNode(repo, snapshot, path);
    if (node)
        return std::optional<Node>(std::move(*node));
    if (node.error().code == ErrorCode::NotFound)
        return std::optional<Node>();
    return node.error();
}

Result<Node> findNode(Repository &repo, const Snapshot &snapshot, const QString &path)
{
    return findNode(repo, snapshot, QFile::encodeName(QDir::cleanPath(path)));
}

Status walkSnapshot(Repository &repo, const Snapshot &snapshot, const QString &path, bool recursive,
                    const std::function<bool(const ListedEntry &)> &each)
{
    return walkSnapshot(repo, snapshot, QFile::encodeName(path), recursive, each);
}

Status walkSnapshot(Repository &repo, const Snapshot &snapshot, const QByteArray &path, bool recursive,
                    const std::function<bool(const ListedEntry &)> &each)
{
    const QByteArray clean = path.isEmpty() ? QByteArray("/") : paths::clean(path);
    auto node = findNode(repo, snapshot, clean);
    STRATA_TRY(node);
    QByteArray dir = clean;
    if (dir == "/")
        dir.clear();
    if (node->type != NodeType::Directory) {
        each(ListedEntry{QFile::decodeName(clean), clean, &node.value()});
        return {};
    }
    bool stop = false;
    TreeGuard guard(snapshot);
    return walkTree(repo, guard, node->subtree, dir, recursive, each, stop);
}

} // namespace strata
