#include "models/VersionTreeModel.h"
#include "models/TimeText.h"

#include "catalog/Catalog.h"
#include "engine/Listing.h"
#include "engine/TreeGuard.h"
#include "repo/Repository.h"
#include "util/Async.h"

#include <QFile>
#include <QLocale>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcVersionTree, "strata.models.versiontree")

namespace strata {

namespace {

EntryChange changeOf(const Node &now, const Node *before)
{
    if (!before)
        return EntryChange::Added;
    if (before->type != now.type)
        return EntryChange::Modified;
    if (now.type == NodeType::Directory)
        return before->subtree == now.subtree ? EntryChange::Unchanged : EntryChange::Modified;
    // ctime, inode and owner alone are not what a person calls a change.
    const bool differs = before->content != now.content || before->size != now.size ||
                         before->linkTarget != now.linkTarget || before->rdev != now.rdev ||
                         before->mode != now.mode || before->mtime != now.mtime ||
                         before->xattrs != now.xattrs;
    return differs ? EntryChange::Modified : EntryChange::Unchanged;
}

QByteArray childPath(const QByteArray &dir, const QByteArray &name)
{
    return dir.endsWith('/') ? QByteArray(dir + name) : QByteArray(dir + '/' + name);
}

} // namespace

VersionTreeModel::Entry VersionTreeModel::entryOf(const Node &node, QByteArray name, QByteArray rawPath)
{
    Entry e;
    e.name = std::move(name);
    e.rawPath = std::move(rawPath);
    e.type = node.type;
    e.size = qint64(node.size);
    e.mtime = node.mtime;
    e.subtree = node.subtree;
    return e;
}

struct VersionTreeModel::Item
{
    Entry entry;
    QString name; // readable form of entry.name
    QString path; // readable form of entry.rawPath
    Item *parent = nullptr;
    int row = 0;
    LoadState state = LoadState::NotLoaded;
    QString error;
    std::vector<std::unique_ptr<Item>> children;

    bool isFolder() const { return entry.type == NodeType::Directory; }
};

// The invisible root: its children, the top rows, are read by setVersion() itself.
std::unique_ptr<VersionTreeModel::Item> VersionTreeModel::newRoot()
{
    auto root = std::make_unique<Item>();
    root->entry.type = NodeType::Directory;
    root->state = LoadState::Loaded;
    return root;
}

VersionTreeModel::VersionTreeModel(QObject *parent) : QAbstractItemModel(parent), m_root(newRoot()) {}

VersionTreeModel::~VersionTreeModel() = default;

QString VersionTreeModel::changeLabel(EntryChange change)
{
    switch (change) {
    case EntryChange::Unchanged:
        return tr("Unchanged");
    case EntryChange::Added:
        return tr("Added");
    case EntryChange::Modified:
        return tr("Modified");
    }
    return {};
}

void VersionTreeModel::setVersion(std::shared_ptr<Repository> repo, const Snapshot &version,
                                  std::optional<Snapshot> compareTo)
{
    reset(std::move(repo), version, std::move(compareTo));
    if (m_repo)
        startLoad(m_root.get());
}

void VersionTreeModel::clear()
{
    reset(nullptr, std::nullopt, std::nullopt);
}

void VersionTreeModel::reset(std::shared_ptr<Repository> repo, std::optional<Snapshot> version,
                             std::optional<Snapshot> compareTo)
{
    beginResetModel();
    ++m_generation;
    m_repo = std::move(repo);
    m_version = std::move(version);
    m_compareTo = std::move(compareTo);
    m_changes.reset();
    m_root = newRoot();
    endResetModel();
    setLoads(0); // what was being read belongs to the old version
}

void VersionTreeModel::setLoads(int loads)
{
    const bool was = m_loads > 0;
    m_loads = loads;
    if (was != (m_loads > 0))
        Q_EMIT loadingChanged(m_loads > 0);
}

VersionTreeModel::Loaded VersionTreeModel::readSources(Repository &repo, const Snapshot &version,
                                                       const std::optional<Snapshot> &compareTo,
                                                       const Catalog *catalog)
{
    QList<QByteArray> sources = version.rawPaths;
    if (sources.isEmpty()) {
        for (const QString &p : version.paths)
            sources.append(QFile::encodeName(p));
    }
    Loaded loaded;
    if (catalog && compareTo && catalog->hasVersion(compareTo->id) && catalog->hasVersion(version.id)) {
        auto changed = catalog->changedPaths(compareTo->id, version.id);
        if (changed) {
            auto changes = std::make_shared<ChangeMap>();
            changes->reserve(changed->size());
            for (auto it = changed->cbegin(); it != changed->cend(); ++it)
                changes->insert(it.key(), it.value() == Catalog::PathChange::Added ? EntryChange::Added
                                                                                   : EntryChange::Modified);
            loaded.changes = std::move(changes);
        } else { // the repository still knows
            qCWarning(lcVersionTree) << "the catalog cannot compare the versions:" << changed.error().message;
        }
    }
    for (const QByteArray &source : sources) {
        auto node = findNode(repo, version, source);
        if (!node) {
            loaded.errors << tr("Cannot read %1: %2").arg(QFile::decodeName(source), node.error().message);
            continue;
        }
        Entry e = entryOf(*node, source, source);
        if (loaded.changes) {
            e.change = loaded.changes->value(source, EntryChange::Unchanged);
        } else if (compareTo) {
            auto before = findNode(repo, *compareTo, source);
            if (before) {
                e.change = changeOf(*node, &before.value());
                if (before->type == NodeType::Directory)
                    e.compareSubtree = before->subtree;
            } else if (before.error().code != ErrorCode::NotFound) {
                loaded.errors << tr("Cannot compare %1 with the other version: %2")
                                     .arg(QFile::decodeName(source), before.error().message);
            }
        }
        loaded.entries.push_back(std::move(e));
    }
    return loaded;
}

VersionTreeModel::Loaded VersionTreeModel::readFolder(Repository &repo, const Snapshot &version,
                                                      const QByteArray &path, const BlobId &subtree,
                                                      const std::optional<BlobId> &compareSubtree,
                                                      bool comparing, const ChangeMap *changes)
{
    Loaded loaded;
    // Folders are read one level at a time as a view opens them, so a cycle cannot loop here;
    // the depth and path bounds keep a view that expands everything from going on forever.
    Status allowed = TreeGuard::checkPath(version, subtree, path);
    Result<Tree> tree =
        allowed ? TreeGuard::load(repo, version, subtree, path) : Result<Tree>(allowed.error());
    if (!tree) {
        loaded.errors
            << tr("Cannot read the folder %1: %2").arg(TreeGuard::shownPath(path), tree.error().message);
        return loaded;
    }
    if (changes) { // the catalog said it all: the other version is not read
        loaded.entries.reserve(tree->nodes.size());
        for (const Node &node : tree->nodes) {
            Entry e = entryOf(node, node.name, childPath(path, node.name));
            e.change = changes->value(e.rawPath, EntryChange::Unchanged);
            loaded.entries.push_back(std::move(e));
        }
        return loaded;
    }
    const bool sameAsBefore = compareSubtree && *compareSubtree == subtree;
    std::optional<Tree> before;
    if (comparing && compareSubtree && !sameAsBefore) {
        auto t = repo.loadTree(*compareSubtree);
        if (t)
            before = std::move(t.value());
        else // the entries are still worth showing; they count as added
            loaded.errors << tr("Cannot compare the folder %1 with the other version: %2")
                                 .arg(QFile::decodeName(path), t.error().message);
    }
    loaded.entries.reserve(tree->nodes.size());
    for (const Node &node : tree->nodes) {
        Entry e = entryOf(node, node.name, childPath(path, node.name));
        if (sameAsBefore) {
            // The same tree blob: everything below is unchanged, without reading the other side.
            e.change = EntryChange::Unchanged;
            if (node.type == NodeType::Directory)
                e.compareSubtree = node.subtree;
        } else if (before) {
            const Node *b = before->find(node.name);
            e.change = changeOf(node, b);
            if (b && b->type == NodeType::Directory)
                e.compareSubtree = b->subtree;
        }
        loaded.entries.push_back(std::move(e));
    }
    return loaded;
}

void VersionTreeModel::startLoad(Item *folder)
{
    folder->state = LoadState::Loading;
    setLoads(m_loads + 1);
    const quint64 generation = m_generation;
    // The watcher is the model's child, so an answer for a model that died first is dropped.
    // Its signal comes through the event loop, never inside fetchMore(): views (and the model
    // tester) do not expect rows to be inserted while they ask for them. Items are never
    // removed within one generation, so `folder` is valid while the generation matches.
    // (Not QFuture::then(context): under load, Qt 6.4 ran such a continuation on a promise that
    // was already moved from, and crashed.)
    auto done = [this, generation, folder](Loaded loaded) {
        finishLoad(generation, folder, std::move(loaded));
    };
    if (folder == m_root.get()) {
        runAsync(
            this,
            [repo = m_repo, version = *m_version, compareTo = m_compareTo, catalog = m_catalog] {
                return readSources(*repo, version, compareTo, catalog.get());
            },
            std::move(done));
    } else {
        runAsync(
            this,
            [repo = m_repo, version = *m_version, entry = folder->entry, comparing = m_compareTo.has_value(),
             changes = m_changes] {
                return readFolder(*repo, version, entry.rawPath, entry.subtree, entry.compareSubtree,
                                  comparing, changes.get());
            },
            std::move(done));
    }
}

void VersionTreeModel::finishLoad(quint64 generation, Item *folder, Loaded loaded)
{
    if (generation != m_generation)
        return;
    for (const QString &error : std::as_const(loaded.errors)) {
        qCWarning(lcVersionTree) << error;
        Q_EMIT loadFailed(error);
    }
    const bool isRoot = folder == m_root.get();
    if (isRoot)
        m_changes = std::move(loaded.changes);
    if (!isRoot && loaded.entries.empty() && !loaded.errors.isEmpty()) {
        folder->state = LoadState::Failed;
        folder->error = loaded.errors.join(QLatin1Char('\n'));
    } else {
        if (!loaded.entries.empty()) {
            beginInsertRows(indexOf(folder), 0, int(loaded.entries.size()) - 1);
            folder->children.reserve(loaded.entries.size());
            for (Entry &e : loaded.entries) {
                auto item = std::make_unique<Item>();
                item->name = QFile::decodeName(e.name);
                item->path = QFile::decodeName(e.rawPath);
                item->entry = std::move(e);
                item->parent = folder;
                item->row = int(folder->children.size());
                if (!item->isFolder())
                    item->state = LoadState::Loaded;
                folder->children.push_back(std::move(item));
            }
            endInsertRows();
        }
        folder->state = LoadState::Loaded;
    }
    if (!isRoot) // hasChildren() and the tooltip may have changed
        Q_EMIT dataChanged(indexOf(folder), indexOf(folder, ColumnCount - 1));
    setLoads(m_loads - 1);
}

VersionTreeModel::Item *VersionTreeModel::itemOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Item *>(index.internalPointer()) : m_root.get();
}

QModelIndex VersionTreeModel::indexOf(Item *item, int column) const
{
    if (!item || item == m_root.get())
        return {};
    return createIndex(item->row, column, item);
}

QModelIndex VersionTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, itemOf(parent)->children[std::size_t(row)].get());
}

QModelIndex VersionTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(itemOf(child)->parent);
}

int VersionTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(itemOf(parent)->children.size());
}

int VersionTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool VersionTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Item *item = itemOf(parent);
    if (!item->isFolder() && item != m_root.get())
        return false;
    switch (item->state) {
    case LoadState::NotLoaded:
    case LoadState::Loading:
        return true; // unknown until read: let the view offer to expand it
    case LoadState::Loaded:
        return !item->children.empty();
    case LoadState::Failed:
        return false;
    }
    return false;
}

bool VersionTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (!parent.isValid() || parent.column() != 0)
        return false; // the top rows are read by setVersion()
    const Item *item = itemOf(parent);
    return item->isFolder() && item->state == LoadState::NotLoaded;
}

void VersionTreeModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        startLoad(itemOf(parent));
}

QVariant VersionTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Item *item = itemOf(index);
    const Entry &e = item->entry;
    const bool folder = item->isFolder();
    switch (role) {
    case PathRole:
        return item->path;
    case RawPathRole:
        return e.rawPath;
    case NodeTypeRole:
        return int(e.type);
    case ChangeRole:
        return int(e.change);
    case SizeRole:
        return folder ? qint64(-1) : e.size;
    case MtimeRole:
        return e.mtime.toDateTime();
    case SortRole:
        switch (Column(index.column())) {
        case NameColumn:
            return item->name;
        case SizeColumn:
            return folder ? qint64(-1) : e.size;
        case ModifiedColumn:
            return e.mtime.toDateTime();
        case ChangeColumn:
            return int(e.change);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case NameColumn:
            return item->name;
        case SizeColumn:
            return e.type == NodeType::File ? QLocale().formattedDataSize(e.size) : QString();
        case ModifiedColumn:
            return timeText(e.mtime.toDateTime());
        case ChangeColumn:
            if (!m_compareTo)
                return QString(); // nothing to compare with: "Added" everywhere would be noise
            return changeLabel(e.change);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        if (!item->error.isEmpty())
            return item->error;
        if (index.column() == NameColumn)
            return item->path;
        if (index.column() == SizeColumn && e.type == NodeType::File)
            return tr("%1 bytes").arg(QLocale().toString(e.size));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    default:
        return {};
    }
}

QVariant VersionTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case ModifiedColumn:
        return tr("Modified");
    case ChangeColumn:
        return tr("Change");
    case ColumnCount:
        break;
    }
    return {};
}

QHash<int, QByteArray> VersionTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(PathRole, "path");
    names.insert(RawPathRole, "rawPath");
    names.insert(NodeTypeRole, "nodeType");
    names.insert(ChangeRole, "change");
    names.insert(SizeRole, "size");
    names.insert(MtimeRole, "mtime");
    names.insert(SortRole, "sortKey");
    return names;
}

} // namespace strata
