#include "engine/Diff.h"

#include "engine/TreeGuard.h"

#include <QFile>

namespace strata {

QString changeKindName(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added:
        return QStringLiteral("added");
    case ChangeKind::Removed:
        return QStringLiteral("removed");
    case ChangeKind::Modified:
        return QStringLiteral("modified");
    case ChangeKind::MetadataChanged:
        return QStringLiteral("metadata");
    case ChangeKind::TypeChanged:
        return QStringLiteral("type");
    }
    return {};
}

namespace {

class Differ final
{
public:
    Differ(Repository &repo, const Snapshot &a, const Snapshot &b,
           const std::function<void(const DiffEntry &)> &each)
        : m_repo(repo), m_each(each), m_guardA(a), m_guardB(b)
    {}

    Status diffTrees(const BlobId *a, const BlobId *b, const QByteArray &dir)
    {
        if (a && b && *a == *b)
            return {}; // the same tree blob: nothing below changed
        // Each side is walked under its own guard: a cycle or too deep a nesting in either
        // version stops the diff with an error that names that version.
        static const Tree empty;
        const auto onB = [&](const Tree &ta) -> Status {
            if (!b)
                return compare(ta, empty, dir);
            return m_guardB.visit(m_repo, *b, dir, [&](const Tree &tb) { return compare(ta, tb, dir); });
        };
        if (a)
            return m_guardA.visit(m_repo, *a, dir, onB);
        return onB(empty);
    }

    DiffSummary summary;

private:
    Status compare(const Tree &ta, const Tree &tb, const QByteArray &dir)
    {
        std::size_t i = 0, j = 0;
        while (i < ta.nodes.size() || j < tb.nodes.size()) {
            const Node *na = i < ta.nodes.size() ? &ta.nodes[i] : nullptr;
            const Node *nb = j < tb.nodes.size() ? &tb.nodes[j] : nullptr;
            if (na && (!nb || na->name < nb->name)) {
                STRATA_TRY(side(*na, dir, ChangeKind::Removed));
                ++i;
            } else if (nb && (!na || nb->name < na->name)) {
                STRATA_TRY(side(*nb, dir, ChangeKind::Added));
                ++j;
            } else {
                STRATA_TRY(both(*na, *nb, dir));
                ++i;
                ++j;
            }
        }
        return {};
    }

    void emitEntry(const QByteArray &path, ChangeKind kind, const Node *a, const Node *b)
    {
        DiffEntry e;
        e.path = QFile::decodeName(path);
        e.change = kind;
        if (a) {
            e.typeA = a->type;
            e.sizeA = qint64(a->size);
        }
        if (b) {
            e.typeB = b->type;
            e.sizeB = qint64(b->size);
        }
        switch (kind) {
        case ChangeKind::Added:
            summary.added++;
            summary.bytesAdded += e.sizeB;
            break;
        case ChangeKind::Removed:
            summary.removed++;
            summary.bytesRemoved += e.sizeA;
            break;
        case ChangeKind::MetadataChanged:
            summary.metadata++;
            break;
        default:
            summary.modified++;
            break;
        }
        m_each(e);
    }

    // An entry on one side only, with everything below it.
    Status side(const Node &n, const QByteArray &dir, ChangeKind kind)
    {
        const QByteArray path = dir + '/' + n.name;
        emitEntry(path, kind, kind == ChangeKind::Removed ? &n : nullptr,
                  kind == ChangeKind::Added ? &n : nullptr);
        if (n.type == NodeType::Directory)
            return kind == ChangeKind::Removed ? diffTrees(&n.subtree, nullptr, path)
                                               : diffTrees(nullptr, &n.subtree, path);
        return {};
    }

    Status both(const Node &a, const Node &b, const QByteArray &dir)
    {
        const QByteArray path = dir + '/' + a.name;
        if (a.type != b.type) {
            emitEntry(path, ChangeKind::TypeChanged, &a, &b);
            if (a.type == NodeType::Directory)
                STRATA_TRY(diffTrees(&a.subtree, nullptr, path));
            if (b.type == NodeType::Directory)
                STRATA_TRY(diffTrees(nullptr, &b.subtree, path));
            return {};
        }
        if (a.type == NodeType::Directory)
            return diffTrees(&a.subtree, &b.subtree, path);
        const bool contentDiffers =
            a.content != b.content || a.linkTarget != b.linkTarget || a.size != b.size || a.rdev != b.rdev;
        const bool metaDiffers = a.mode != b.mode || a.uid != b.uid || a.gid != b.gid || a.mtime != b.mtime ||
                                 a.xattrs != b.xattrs;
        if (contentDiffers)
            emitEntry(path, ChangeKind::Modified, &a, &b);
        else if (metaDiffers)
            emitEntry(path, ChangeKind::MetadataChanged, &a, &b);
        return {};
    }

    Repository &m_repo;
    const std::function<void(const DiffEntry &)> &m_each;
    TreeGuard m_guardA, m_guardB;
};

} // namespace

Result<DiffSummary> diffSnapshots(Repository &repo, const Snapshot &a, const Snapshot &b,
                                  const std::function<void(const DiffEntry &)> &each)
{
    if (!repo.indexLoaded())
        STRATA_TRY(repo.loadIndex());
    Differ d(repo, a, b, each);
    STRATA_TRY(d.diffTrees(&a.tree, &b.tree, QByteArray()));
    return d.summary;
}

} // namespace strata
