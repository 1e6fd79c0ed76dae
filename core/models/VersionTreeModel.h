// The files of one version as a lazily loaded tree, for the version browser (and later the
// restore picker). The top rows are the version's source paths, shown whole ("/home/ana/Docs"),
// because that is what the user chose to back up; below them each folder is read only when a
// view asks for it (canFetchMore/fetchMore), on a worker thread, and inserted on the GUI thread.
//
// Each entry also says how it changed against another version (normally the previous one of
// the same set): Added, Modified or Unchanged. A folder is Modified when anything below it
// changed, which costs nothing: an unchanged folder has the same tree blob in both versions.
// With a catalog (setCatalog) that holds both versions, the changes come from it in one query
// (Catalog::changedPaths) and the other version's folders are never read from the repository;
// the answer is the same, but for an owner or extended attributes changed alone (the catalog
// does not count them).
// QtCore only.
#pragma once

#include "util/Timestamp.h"

#include "repo/Snapshot.h"
#include "repo/Tree.h"

#include <QAbstractItemModel>
#include <QHash>

#include <memory>
#include <optional>
#include <vector>

namespace strata {

class Catalog;
class Repository;

// How an entry differs from the same path in the version compared with.
enum class EntryChange
{
    Unchanged,
    Added,    // not in the other version (or there is no other version)
    Modified, // files: content, size, link target, mode or mtime; folders: anything below
};

class VersionTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        SizeColumn,
        ModifiedColumn,
        ChangeColumn,
        ColumnCount
    };
    // VersionSearchModel answers the same roles.
    enum Role
    {
        PathRole = Qt::UserRole, // QString, absolute original path (what RestorePlan::includes takes)
        RawPathRole,             // QByteArray, the same as bytes (exact for names that are not UTF-8)
        NodeTypeRole,            // int, a NodeType
        ChangeRole,              // int, an EntryChange
        SizeRole,                // qint64, bytes (-1 for folders)
        MtimeRole,               // QDateTime, UTC
        SortRole,                // the key the column sorts by (see VersionTreeFilterModel)
    };
    Q_ENUM(Column)
    Q_ENUM(Role)

    explicit VersionTreeModel(QObject *parent = nullptr);
    ~VersionTreeModel() override;

    // Shows `version`, comparing it with `compareTo` (none: every entry counts as added).
    // Returns at once: the top rows are read on a worker thread. Results that belong to an
    // earlier version are dropped when they arrive.
    void setVersion(std::shared_ptr<Repository> repo, const Snapshot &version,
                    std::optional<Snapshot> compareTo = {});
    void clear();
    // The repository's catalog, for the versions set from now on (none: the repository alone).
    // It is used on worker threads; the model shares its ownership.
    void setCatalog(std::shared_ptr<Catalog> catalog) { m_catalog = std::move(catalog); }
    // Whether the changes shown come from the catalog (known once the top rows are read).
    bool changesFromCatalog() const { return m_changes != nullptr; }

    const std::optional<Snapshot> &version() const { return m_version; }
    std::shared_ptr<Repository> repository() const { return m_repo; }
    // Whether any folder (or the top rows) is being read.
    bool isLoading() const { return m_loads > 0; }

    static QString changeLabel(EntryChange change);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    // True when the first read starts, false when the last one ends.
    void loadingChanged(bool loading);
    // A folder (or a source path) could not be read; the rest of the tree keeps working.
    void loadFailed(const QString &message);

private:
    // One entry as read on a worker thread.
    struct Entry
    {
        QByteArray name;    // raw name; for top rows the whole source path
        QByteArray rawPath; // absolute
        NodeType type = NodeType::File;
        qint64 size = 0;
        Timestamp mtime;
        BlobId subtree;                       // folders
        std::optional<BlobId> compareSubtree; // the same folder in the other version
        EntryChange change = EntryChange::Added;
    };
    // The paths that changed, from the catalog; a path not in it is unchanged.
    using ChangeMap = QHash<QByteArray, EntryChange>;
    struct Loaded
    {
        std::vector<Entry> entries;
        QStringList errors;
        std::shared_ptr<const ChangeMap> changes; // the top rows' read, when the catalog answered
    };

    static Entry entryOf(const Node &node, QByteArray name, QByteArray rawPath);
    // Worker-thread reads (never on the GUI thread).
    static Loaded readSources(Repository &repo, const Snapshot &version,
                              const std::optional<Snapshot> &compareTo, const Catalog *catalog);
    static Loaded readFolder(Repository &repo, const Snapshot &version, const QByteArray &path,
                             const BlobId &subtree, const std::optional<BlobId> &compareSubtree,
                             bool comparing, const ChangeMap *changes);

    struct Item;
    enum class LoadState
    {
        NotLoaded,
        Loading,
        Loaded,
        Failed
    };

    static std::unique_ptr<Item> newRoot();
    Item *itemOf(const QModelIndex &index) const;
    QModelIndex indexOf(Item *item, int column = 0) const;
    void startLoad(Item *folder);
    void finishLoad(quint64 generation, Item *folder, Loaded loaded);
    void reset(std::shared_ptr<Repository> repo, std::optional<Snapshot> version,
               std::optional<Snapshot> compareTo);
    void setLoads(int loads);

    std::shared_ptr<Repository> m_repo;
    std::optional<Snapshot> m_version;
    std::optional<Snapshot> m_compareTo;
    std::shared_ptr<Catalog> m_catalog;
    std::shared_ptr<const ChangeMap> m_changes; // this version's, when the catalog gave them
    std::unique_ptr<Item> m_root;
    // Bumped by every setVersion()/clear(): a read started before is dropped when it ends.
    quint64 m_generation = 0;
    int m_loads = 0;
};

} // namespace strata
