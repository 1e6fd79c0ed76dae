// What changed between two versions, as a tree for the folder diff window: every entry added,
// removed or changed from version A to version B, under the folders that hold it. A folder that
// did not change itself still appears when something below it did, as the path to it; a chain
// of such folders with nothing else in them reads as one row ("/home/ana/Documents"), as the
// version browser shows a set's sources. Rows keep the diff's path order.
//
// Read on the thread pool from the catalog when it can be opened (brought up to date first, so
// another machine's versions are in it), else from the repository with diffSnapshots; the two
// give the same entries. A filter shows any combination of added, removed and changed entries;
// the counts are those of the whole diff, whatever the filter shows. QtCore only.
#pragma once

#include "engine/Diff.h"
#include "util/Cancel.h"

#include <QAbstractItemModel>
#include <QHash>

#include <memory>

namespace strata {

class FolderDiffModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        ChangeColumn,
        SizeBeforeColumn,
        SizeAfterColumn,
        ColumnCount
    };
    // How a row changed. Folders shown only as the path to a change are Unchanged.
    enum Kind
    {
        Unchanged,
        Added,
        Removed,
        Changed, // content, type or metadata: see FieldsRole
    };
    Q_ENUM(Kind)
    // Which kinds the filter shows.
    enum KindFlag
    {
        ShowAdded = 1,
        ShowRemoved = 2,
        ShowChanged = 4,
        ShowAll = ShowAdded | ShowRemoved | ShowChanged,
    };
    Q_DECLARE_FLAGS(KindFlags, KindFlag)
    Q_FLAG(KindFlags)
    enum Role
    {
        PathRole = Qt::UserRole, // QByteArray, the absolute path as backed up
        KindRole,                // int, a Kind
        NodeTypeRole,            // int, the NodeType in B (in A for a removed entry)
        FieldsRole,              // int, DiffEntry::Field flags of a changed entry
        ChangeKindRole,          // int, the engine's ChangeKind (-1 for an unchanged folder)
        SizeBeforeRole,          // qint64, bytes in A (-1 when A does not hold it)
        SizeAfterRole,           // qint64, bytes in B (-1 when B does not hold it)
        ComparableRole,          // bool: a file (or link) on at least one side, never a folder
    };
    Q_ENUM(Role)

    explicit FolderDiffModel(QObject *parent = nullptr);
    ~FolderDiffModel() override; // cancels a load still running

    // Compares version `a` (before) with `b` (after): the rows go at once, the new ones come
    // with loaded() (or failed()). Returns at once. A load still running is cancelled and its
    // answer dropped. `catalogPath` overrides where the catalog is (tests); `useCatalog` false
    // reads the repository alone.
    void load(std::shared_ptr<Repository> repo, const Snapshot &a, const Snapshot &b,
              const QString &catalogPath = {}, bool useCatalog = true);
    bool isLoading() const { return m_loading; }
    bool isLoaded() const { return m_loaded; }
    // Whether the last load was answered by the catalog (false: by the repository).
    bool fromCatalog() const { return m_fromCatalog; }
    const Snapshot &versionA() const { return m_a; }
    const Snapshot &versionB() const { return m_b; }

    void setFilter(KindFlags shown);
    KindFlags filter() const { return m_filter; }
    // Entries of the whole diff (folders included, as DiffSummary counts them): Changed is
    // the modified ones and those whose metadata alone changed.
    qint64 count(Kind kind) const;
    const DiffSummary &summary() const { return m_summary; }

    // The row of an entry or a folder on the way to one, when the filter shows it.
    QModelIndex indexOf(const QByteArray &path) const;
    // The entry shown at `index` (nullptr for a folder that did not change itself).
    const DiffEntry *entryAt(const QModelIndex &index) const;

    // "added", "removed", "content, permissions", "type"...: translated.
    static QString changeText(const DiffEntry &entry);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);
    void loadingChanged(bool loading);

private:
    struct Node;
    // What the worker hands back: the whole tree, built off the GUI thread.
    struct Loaded
    {
        std::shared_ptr<Node> root;
        QHash<QByteArray, Node *> byPath; // into root's tree
        DiffSummary summary;
        bool fromCatalog = false;
    };
    static Result<Loaded> read(Repository &repo, const Snapshot &a, const Snapshot &b,
                               const QString &catalogPath, bool useCatalog, const CancelToken &cancel);
    void applyFilter();
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOfNode(const Node *node, int column = 0) const;

    std::shared_ptr<Node> m_root;
    QHash<QByteArray, Node *> m_byPath;
    DiffSummary m_summary;
    Snapshot m_a, m_b;
    KindFlags m_filter = ShowAll;
    CancelToken m_cancel;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_loaded = false;
    bool m_fromCatalog = false;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(FolderDiffModel::KindFlags)

} // namespace strata
