#include "models/FolderDiffModel.h"

#include "catalog/Catalog.h"
#include "util/Async.h"

#include <QFile>
#include <QLocale>
#include <QLoggingCategory>

#include <optional>
#include <vector>

Q_LOGGING_CATEGORY(lcFolderDiff, "strata.models.folderdiff")

namespace strata {

struct FolderDiffModel::Node
{
    QByteArray name; // raw; after collapsing, a chain of folders ("home/ana/Documents")
    QString display; // readable form of name, absolute for the top rows
    QByteArray path; // absolute
    Node *parent = nullptr;
    std::optional<DiffEntry> entry; // none: a folder on the way to a change
    Kind kind = Unchanged;
    int below = 0; // KindFlags of this entry and everything below it
    std::vector<std::unique_ptr<Node>> children;
    std::vector<Node *> shown; // the children the filter shows, in order
    int row = 0;               // in the parent's shown children
};

namespace {

FolderDiffModel::Kind kindOf(ChangeKind change)
{
    switch (change) {
    case ChangeKind::Added:
        return FolderDiffModel::Added;
    case ChangeKind::Removed:
        return FolderDiffModel::Removed;
    case ChangeKind::Modified:
    case ChangeKind::MetadataChanged:
    case ChangeKind::TypeChanged:
        return FolderDiffModel::Changed;
    }
    return FolderDiffModel::Changed;
}

int flagOf(FolderDiffModel::Kind kind)
{
    switch (kind) {
    case FolderDiffModel::Unchanged:
        return 0;
    case FolderDiffModel::Added:
        return FolderDiffModel::ShowAdded;
    case FolderDiffModel::Removed:
        return FolderDiffModel::ShowRemoved;
    case FolderDiffModel::Changed:
        return FolderDiffModel::ShowChanged;
    }
    return 0;
}

bool inA(const DiffEntry &e)
{
    return e.change != ChangeKind::Added;
}

bool inB(const DiffEntry &e)
{
    return e.change != ChangeKind::Removed;
}

} // namespace

FolderDiffModel::FolderDiffModel(QObject *parent)
    : QAbstractItemModel(parent), m_root(std::make_shared<Node>())
{}

FolderDiffModel::~FolderDiffModel()
{
    m_cancel.cancel();
}

void FolderDiffModel::load(std::shared_ptr<Repository> repo, const Snapshot &a, const Snapshot &b,
                           const QString &catalogPath, bool useCatalog)
{
    m_cancel.cancel(); // the load before, if it still runs
    m_cancel = CancelToken::make();
    const quint64 generation = ++m_generation;
    beginResetModel();
    m_root = std::make_shared<Node>();
    m_byPath.clear();
    m_summary = {};
    m_a = a;
    m_b = b;
    m_loaded = false;
    m_fromCatalog = false;
    endResetModel();
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged(true);
    }
    runAsync(
        this,
        [repo = std::move(repo), a, b, catalogPath, useCatalog, cancel = m_cancel]() -> Result<Loaded> {
            return read(*repo, a, b, catalogPath, useCatalog, cancel);
        },
        [this, generation](Result<Loaded> result) {
            if (generation != m_generation)
                return; // another pair was asked for since
            m_loading = false;
            Q_EMIT loadingChanged(false);
            if (!result) {
                Q_EMIT failed(result.error().message);
                return;
            }
            beginResetModel();
            m_root = std::move(result->root);
            m_byPath = std::move(result->byPath);
            m_summary = result->summary;
            m_fromCatalog = result->fromCatalog;
            m_loaded = true;
            applyFilter();
            endResetModel();
            Q_EMIT loaded();
        });
}

Result<FolderDiffModel::Loaded> FolderDiffModel::read(Repository &repo, const Snapshot &a, const Snapshot &b,
                                                      const QString &catalogPath, bool useCatalog,
                                                      const CancelToken &cancel)
{
    Loaded out;
    // Each entry under the folders that lead to it, made as the first entry below them comes
    // (the diff is in path order, so children arrive in order too).
    const auto start = [&] {
        out.root = std::make_shared<Node>();
        out.byPath.clear();
        out.byPath.insert(QByteArray(), out.root.get());
    };
    std::function<Node *(const QByteArray &)> nodeFor = [&](const QByteArray &path) -> Node * {
        if (Node *n = out.byPath.value(path))
            return n;
        const qsizetype slash = path.lastIndexOf('/');
        Node *parent = nodeFor(slash > 0 ? path.left(slash) : QByteArray());
        auto child = std::make_unique<Node>();
        child->name = path.mid(slash + 1);
        child->path = path;
        child->parent = parent;
        Node *made = child.get();
        parent->children.push_back(std::move(child));
        out.byPath.insert(path, made);
        return made;
    };
    const auto each = [&](const DiffEntry &e) {
        if (cancel.cancelled())
            return; // the diff runs to its end, but nobody waits for its rows any more
        const QByteArray path = QFile::encodeName(e.path);
        if (!path.startsWith('/'))
            return;
        Node *n = nodeFor(path);
        n->entry = e;
        n->kind = kindOf(e.change);
    };

    std::optional<Result<DiffSummary>> diffed;
    if (useCatalog) {
        const QString id = repo.config().id;
        auto catalog = Catalog::open(catalogPath.isEmpty() ? Catalog::defaultPath(id) : catalogPath, id);
        if (catalog) {
            auto updated = (*catalog)->update(repo, {}, cancel);
            STRATA_TRY(cancel.check());
            if (!updated)
                qCInfo(lcFolderDiff) << "the catalog could not be brought up to date:"
                                     << updated.error().message;
            if ((*catalog)->hasVersion(a.id) && (*catalog)->hasVersion(b.id)) {
                start();
                diffed = (*catalog)->diff(a.id, b.id, each);
                out.fromCatalog = bool(*diffed);
                if (!*diffed)
                    qCInfo(lcFolderDiff)
                        << "the catalog could not compare the versions:" << diffed->error().message;
            }
        } else {
            qCInfo(lcFolderDiff) << "no catalog, reading the repository:" << catalog.error().message;
        }
    }
    STRATA_TRY(cancel.check());
    if (!out.fromCatalog) {
        start();
        diffed = diffSnapshots(repo, a, b, each);
    }
    STRATA_TRY(cancel.check());
    STRATA_TRY(*diffed);
    out.summary = **diffed;

    // Folders that only lead to one other such folder read as one row: /home/ana/Documents,
    // not three levels to open. The paths of the folders merged away lead to the merged row.
    std::function<void(Node *)> finish = [&](Node *n) {
        for (const std::unique_ptr<Node> &c : n->children) {
            while (!c->entry && c->children.size() == 1 && !c->children.front()->entry) {
                std::unique_ptr<Node> only = std::move(c->children.front());
                c->name += '/' + only->name;
                c->path = only->path;
                c->children = std::move(only->children);
                for (const std::unique_ptr<Node> &g : c->children)
                    g->parent = c.get();
                out.byPath.insert(c->path, c.get());
            }
            c->display = QFile::decodeName(c->name);
            if (n == out.root.get())
                c->display.prepend(QLatin1Char('/'));
            finish(c.get());
            n->below |= c->below;
        }
        n->below |= flagOf(n->kind);
    };
    finish(out.root.get());
    out.byPath.remove(QByteArray());
    return out;
}

void FolderDiffModel::setFilter(KindFlags shown)
{
    if (shown == m_filter)
        return;
    beginResetModel();
    m_filter = shown;
    applyFilter();
    endResetModel();
}

void FolderDiffModel::applyFilter()
{
    const int filter = int(m_filter);
    std::function<void(Node *)> walk = [&](Node *n) {
        n->shown.clear();
        for (const std::unique_ptr<Node> &c : n->children) {
            if (!(c->below & filter))
                continue;
            c->row = int(n->shown.size());
            n->shown.push_back(c.get());
            walk(c.get());
        }
    };
    walk(m_root.get());
}

qint64 FolderDiffModel::count(Kind kind) const
{
    switch (kind) {
    case Unchanged:
        return 0;
    case Added:
        return m_summary.added;
    case Removed:
        return m_summary.removed;
    case Changed:
        return m_summary.modified + m_summary.metadata;
    }
    return 0;
}

FolderDiffModel::Node *FolderDiffModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex FolderDiffModel::indexOfNode(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

QModelIndex FolderDiffModel::indexOf(const QByteArray &path) const
{
    const Node *n = m_byPath.value(path);
    if (!n || !(n->below & int(m_filter)))
        return {};
    return indexOfNode(n);
}

const DiffEntry *FolderDiffModel::entryAt(const QModelIndex &index) const
{
    const Node *n = index.isValid() ? nodeOf(index) : nullptr;
    return n && n->entry ? &*n->entry : nullptr;
}

QString FolderDiffModel::changeText(const DiffEntry &e)
{
    switch (e.change) {
    case ChangeKind::Added:
        return tr("Added");
    case ChangeKind::Removed:
        return tr("Removed");
    case ChangeKind::TypeChanged:
        return tr("Changed: type");
    case ChangeKind::Modified:
    case ChangeKind::MetadataChanged:
        break;
    }
    QStringList parts;
    if (e.fields & DiffEntry::Content)
        parts << tr("content");
    if (e.fields & DiffEntry::Mode)
        parts << tr("permissions");
    if (e.fields & DiffEntry::MTime)
        parts << tr("modification time");
    if (e.fields & DiffEntry::Other)
        parts << tr("owner or attributes");
    if (parts.isEmpty())
        return tr("Changed");
    return tr("Changed: %1").arg(parts.join(QStringLiteral(", ")));
}

QModelIndex FolderDiffModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0))
        return {};
    const Node *p = nodeOf(parent);
    if (row < 0 || row >= int(p->shown.size()))
        return {};
    return createIndex(row, column, p->shown[std::size_t(row)]);
}

QModelIndex FolderDiffModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOfNode(nodeOf(child)->parent);
}

int FolderDiffModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeOf(parent)->shown.size());
}

int FolderDiffModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool FolderDiffModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant FolderDiffModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *n = nodeOf(index);
    const DiffEntry *e = n->entry ? &*n->entry : nullptr;
    const auto size = [&](bool before) -> QVariant {
        if (!e || !(before ? inA(*e) : inB(*e)))
            return {};
        if ((before ? e->typeA : e->typeB) == NodeType::Directory)
            return {};
        return QLocale().formattedDataSize(before ? e->sizeA : e->sizeB);
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return n->display;
        case ChangeColumn:
            return e ? changeText(*e) : QVariant();
        case SizeBeforeColumn:
            return size(true);
        case SizeAfterColumn:
            return size(false);
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == NameColumn ? QVariant(QFile::decodeName(n->path)) : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == SizeBeforeColumn || index.column() == SizeAfterColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case PathRole:
        return n->path;
    case KindRole:
        return int(n->kind);
    case NodeTypeRole:
        return int(!e ? NodeType::Directory : e->change == ChangeKind::Removed ? e->typeA : e->typeB);
    case FieldsRole:
        return e ? int(e->fields) : 0;
    case ChangeKindRole:
        return e ? int(e->change) : -1;
    case SizeBeforeRole:
        return e && inA(*e) ? e->sizeA : qint64(-1);
    case SizeAfterRole:
        return e && inB(*e) ? e->sizeB : qint64(-1);
    case ComparableRole:
        return e && !(inA(*e) && e->typeA == NodeType::Directory) &&
               !(inB(*e) && e->typeB == NodeType::Directory);
    default:
        return {};
    }
}

QVariant FolderDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ChangeColumn:
        return tr("Change");
    case SizeBeforeColumn:
        return tr("Size before");
    case SizeAfterColumn:
        return tr("Size after");
    }
    return {};
}

QHash<int, QByteArray> FolderDiffModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(PathRole, "path");
    names.insert(KindRole, "kind");
    names.insert(NodeTypeRole, "nodeType");
    names.insert(FieldsRole, "fields");
    names.insert(ChangeKindRole, "changeKind");
    names.insert(SizeBeforeRole, "sizeBefore");
    names.insert(SizeAfterRole, "sizeAfter");
    names.insert(ComparableRole, "comparable");
    return names;
}

} // namespace strata
