#include "Crafted.h"

#include "storage/LocalBackend.h"

namespace strata::test {

namespace {
constexpr Timestamp kTime{1700000000, 0};
}

Result<std::shared_ptr<Repository>> initCraftRepository(const QString &path, const QString &password)
{
    Repository::InitOptions options;
    options.kdf = KdfParams{1, 8u << 20};
    return Repository::init(std::make_unique<LocalBackend>(path), password, options);
}

Result<Node> craftFile(Repository &repo, const QByteArray &name, const QByteArray &content)
{
    Node n;
    n.name = name;
    n.type = NodeType::File;
    n.mode = 0644;
    n.mtime = kTime;
    n.size = quint64(content.size());
    const BlobId id = repo.blobId(content);
    auto saved = repo.saveBlob(BlobType::Data, id, content);
    STRATA_TRY(saved);
    n.content.push_back(id);
    return n;
}

Result<Node> craftDir(Repository &repo, const QByteArray &name, Tree tree)
{
    tree.sort();
    auto id = repo.saveTree(tree);
    STRATA_TRY(id);
    Node n;
    n.name = name;
    n.type = NodeType::Directory;
    n.mode = 0755;
    n.mtime = kTime;
    n.subtree = *id;
    return n;
}

Result<Node> craftDirFromBytes(Repository &repo, const QByteArray &name, const QByteArray &bytes)
{
    const BlobId id = repo.blobId(bytes);
    auto saved = repo.saveBlob(BlobType::Tree, id, bytes);
    STRATA_TRY(saved);
    Node n;
    n.name = name;
    n.type = NodeType::Directory;
    n.mode = 0755;
    n.mtime = kTime;
    n.subtree = id;
    return n;
}

Result<Node> craftDeepChain(Repository &repo, const QByteArray &name, int levels)
{
    auto bottom = craftFile(repo, "bottom.txt", "at the bottom\n");
    STRATA_TRY(bottom);
    Tree tree;
    tree.nodes.push_back(*bottom);
    for (int i = 0; i < levels; ++i) {
        auto dir = craftDir(repo, i + 1 == levels ? name : QByteArray("d"), std::move(tree));
        STRATA_TRY(dir);
        tree = Tree{};
        tree.nodes.push_back(*dir);
    }
    return tree.nodes.front();
}

Result<Snapshot> craftVersion(Repository &repo, std::vector<Node> nodes, const std::optional<BlobId> &root)
{
    Tree hostile;
    hostile.nodes = std::move(nodes);
    auto top = craftDir(repo, "hostile", std::move(hostile));
    STRATA_TRY(top);
    Tree rootTree;
    rootTree.nodes.push_back(*top);
    auto rootId = repo.saveTree(rootTree);
    STRATA_TRY(rootId);
    STRATA_TRY(repo.flush());

    Snapshot snap;
    snap.time = QDateTime::currentDateTimeUtc();
    snap.host = QStringLiteral("hostile-host");
    snap.user = QStringLiteral("mallory");
    snap.set = QStringLiteral("default");
    snap.paths = {QStringLiteral("/hostile")};
    snap.rawPaths = {QByteArray("/hostile")};
    snap.kind = BackupKind::Full;
    snap.tree = root ? *root : *rootId;
    snap.program = QStringLiteral("strata tests (crafted)");
    STRATA_TRY(repo.saveSnapshot(snap));
    return snap;
}

} // namespace strata::test
