// Search by name over one whole version: a flat list of the entries whose name contains the
// query (case-insensitive), or matches it as a glob when it has '*' or '?'. The walk runs on a
// worker thread and streams its hits in batches; a new query or version cancels the running
// one, and its late results are dropped. Hits are capped (10,000 by default) so a query like
// "e" cannot fill memory; isTruncated() then says that more were not shown.
// With a catalog (setCatalog) that holds the version, the search reads the catalog instead of
// the repository's folder listings (Catalog::walkMatching), with the same hits in the same
// order. Answers VersionTreeModel's roles. QtCore only.
#pragma once

#include "util/Timestamp.h"

#include "repo/Snapshot.h"
#include "repo/Tree.h"

#include <QAbstractTableModel>

#include <memory>
#include <optional>
#include <vector>

template <typename T>
class QFutureWatcher;

namespace strata {

class Catalog;
class Repository;

class VersionSearchModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        FolderColumn,
        SizeColumn,
        ModifiedColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    static constexpr int DefaultLimit = 10000;

    explicit VersionSearchModel(QObject *parent = nullptr);
    ~VersionSearchModel() override;

    // Searches `version` from now on; a running query starts again on it.
    void setVersion(std::shared_ptr<Repository> repo, const Snapshot &version);
    void clear();
    // The repository's catalog, for the searches started from now on (none: the repository
    // alone). It is used on worker threads; the model shares its ownership.
    void setCatalog(std::shared_ptr<Catalog> catalog) { m_catalog = std::move(catalog); }
    // Whether the last search that ended read the catalog.
    bool searchedCatalog() const { return m_searchedCatalog; }
    // Starts searching (returns at once); an empty or blank query just empties the list.
    void setQuery(const QString &query);
    QString query() const { return m_query; }
    void setLimit(int limit) { m_limit = limit; }

    bool isSearching() const { return m_searching; }
    // The last search stopped at the limit: more entries match than are listed.
    bool isTruncated() const { return m_truncated; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Public for the worker function that fills them.
    struct Hit
    {
        QByteArray rawPath;
        QString path;
        QString name;
        QString folder;
        NodeType type = NodeType::File;
        qint64 size = 0;
        Timestamp mtime;
    };
    // What the worker hands over; the last batch of a search has `done` set.
    struct Batch
    {
        std::vector<Hit> hits;
        bool done = false;
        bool truncated = false;
        bool fromCatalog = false;
        QString error;
    };

Q_SIGNALS:
    void searchingChanged(bool searching);
    // The search ended: `hits` rows are listed, `truncated` when more were not shown.
    void finished(int hits, bool truncated);
    // The version could not be read (part of it, or all); hits found so far stay listed.
    void failed(const QString &message);

private:
    void restart();
    void cancel();
    void takeResults(int begin, int end);
    void setSearching(bool searching);

    std::shared_ptr<Repository> m_repo;
    std::shared_ptr<Catalog> m_catalog;
    std::optional<Snapshot> m_version;
    QString m_query;
    int m_limit = DefaultLimit;
    std::vector<Hit> m_hits;
    bool m_searching = false;
    bool m_truncated = false;
    bool m_searchedCatalog = false;
    QFutureWatcher<Batch> *m_watcher = nullptr;
};

} // namespace strata
