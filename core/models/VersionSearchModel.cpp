#include "models/VersionSearchModel.h"
#include "models/TimeText.h"

#include "catalog/Catalog.h"
#include "engine/Listing.h"
#include "models/VersionTreeModel.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFutureWatcher>
#include <QLocale>
#include <QPromise>
#include <QRegularExpression>
#include <QtConcurrent>

namespace strata {

namespace {

// How often the worker hands hits over: often enough to look live, rarely enough that
// inserting rows never floods the GUI thread.
constexpr int BatchHits = 500;
constexpr qint64 BatchMs = 100;

// A glob when the query has wildcards (anchored: "*.txt"), else a substring; both ignore case.
std::function<bool(const QString &)> matcherFor(const QString &query)
{
    if (query.contains(QLatin1Char('*')) || query.contains(QLatin1Char('?'))) {
        const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(query),
                                    QRegularExpression::CaseInsensitiveOption);
        return [re](const QString &name) { return re.match(name).hasMatch(); };
    }
    return [query](const QString &name) { return name.contains(query, Qt::CaseInsensitive); };
}

void search(QPromise<VersionSearchModel::Batch> &promise, std::shared_ptr<Repository> repo,
            std::shared_ptr<Catalog> catalog, Snapshot version, QString query, int limit)
{
    const auto matches = matcherFor(query);
    VersionSearchModel::Batch batch;
    int total = 0;
    QElapsedTimer sinceBatch;
    sinceBatch.start();
    const auto handOver = [&] {
        promise.addResult(std::exchange(batch, {}));
        sinceBatch.restart();
    };
    // One entry met by the walk; `matched` when its name matches. False: stop.
    const auto offer = [&](bool matched, const QByteArray &rawPath, const QString &name, NodeType type,
                           quint64 size, Timestamp mtime) {
        if (promise.isCanceled())
            return false;
        if (matched) {
            if (total == limit) {
                batch.truncated = true;
                return false;
            }
            ++total;
            VersionSearchModel::Hit hit;
            hit.rawPath = rawPath;
            hit.path = QFile::decodeName(rawPath);
            hit.name = name;
            hit.folder = QFile::decodeName(rawPath.left(qMax(1, int(rawPath.lastIndexOf('/')))));
            hit.type = type;
            hit.size = qint64(size);
            hit.mtime = mtime;
            batch.hits.push_back(std::move(hit));
        }
        if (int(batch.hits.size()) >= BatchHits || (!batch.hits.empty() && sinceBatch.elapsed() >= BatchMs))
            handOver();
        return true;
    };
    const auto visit = [&](const ListedEntry &e) {
        const QString name = QFile::decodeName(e.node->name);
        return offer(matches(name), e.rawPath, name, e.node->type, e.node->size, e.node->mtime);
    };
    // The catalog is asked once per distinct name, and hands over only the entries that match.
    const auto nameMatches = [&](const QByteArray &name) { return matches(QFile::decodeName(name)); };
    const auto found = [&](const QByteArray &rawPath, const CatalogEntry &e) {
        const QByteArray name = rawPath.mid(rawPath.lastIndexOf('/') + 1);
        return offer(true, rawPath, QFile::decodeName(name), e.type, e.size, e.mtime);
    };
    const bool fromCatalog = catalog && catalog->hasVersion(version.id);
    for (const QString &source : std::as_const(version.paths)) {
        const Status walked =
            fromCatalog ? catalog->walkMatching(version.id, QFile::encodeName(source), nameMatches, found)
                        : walkSnapshot(*repo, version, source, true, visit);
        if (!walked.ok())
            batch.error = VersionSearchModel::tr("Cannot search %1: %2").arg(source, walked.error().message);
        if (batch.truncated || !walked.ok() || promise.isCanceled())
            break;
    }
    batch.done = true;
    batch.fromCatalog = fromCatalog;
    handOver();
}

} // namespace

VersionSearchModel::VersionSearchModel(QObject *parent) : QAbstractTableModel(parent) {}

VersionSearchModel::~VersionSearchModel()
{
    cancel();
}

void VersionSearchModel::setVersion(std::shared_ptr<Repository> repo, const Snapshot &version)
{
    m_repo = std::move(repo);
    m_version = version;
    restart();
}

void VersionSearchModel::clear()
{
    m_repo.reset();
    m_version.reset();
    restart();
}

void VersionSearchModel::setQuery(const QString &query)
{
    const QString trimmed = query.trimmed();
    if (trimmed == m_query)
        return;
    m_query = trimmed;
    restart();
}

void VersionSearchModel::cancel()
{
    if (!m_watcher)
        return;
    // The worker stops at its next entry; whatever it still adds goes nowhere.
    m_watcher->disconnect(this);
    m_watcher->cancel();
    m_watcher->deleteLater();
    m_watcher = nullptr;
}

void VersionSearchModel::restart()
{
    cancel();
    beginResetModel();
    m_hits.clear();
    m_truncated = false;
    endResetModel();
    if (m_query.isEmpty() || !m_repo || !m_version) {
        setSearching(false);
        return;
    }
    m_watcher = new QFutureWatcher<Batch>(this);
    connect(m_watcher, &QFutureWatcherBase::resultsReadyAt, this, &VersionSearchModel::takeResults);
    setSearching(true);
    m_watcher->setFuture(QtConcurrent::run(search, m_repo, m_catalog, *m_version, m_query, m_limit));
}

void VersionSearchModel::takeResults(int begin, int end)
{
    for (int i = begin; i < end; ++i) {
        Batch batch = m_watcher->resultAt(i);
        if (!batch.hits.empty()) {
            const int first = int(m_hits.size());
            beginInsertRows({}, first, first + int(batch.hits.size()) - 1);
            std::move(batch.hits.begin(), batch.hits.end(), std::back_inserter(m_hits));
            endInsertRows();
        }
        if (!batch.error.isEmpty())
            Q_EMIT failed(batch.error);
        if (batch.done) {
            m_truncated = batch.truncated;
            m_searchedCatalog = batch.fromCatalog;
            setSearching(false);
            Q_EMIT finished(int(m_hits.size()), m_truncated);
        }
    }
}

void VersionSearchModel::setSearching(bool searching)
{
    if (searching == m_searching)
        return;
    m_searching = searching;
    Q_EMIT searchingChanged(searching);
}

int VersionSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

int VersionSearchModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant VersionSearchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Hit &hit = m_hits[std::size_t(index.row())];
    const QDateTime mtime = hit.mtime.toDateTime();
    const bool folder = hit.type == NodeType::Directory;
    switch (role) {
    case VersionTreeModel::PathRole:
        return hit.path;
    case VersionTreeModel::RawPathRole:
        return hit.rawPath;
    case VersionTreeModel::NodeTypeRole:
        return int(hit.type);
    case VersionTreeModel::SizeRole:
        return folder ? qint64(-1) : hit.size;
    case VersionTreeModel::MtimeRole:
        return mtime;
    case VersionTreeModel::SortRole:
        switch (Column(index.column())) {
        case NameColumn:
            return hit.name;
        case FolderColumn:
            return hit.folder;
        case SizeColumn:
            return folder ? qint64(-1) : hit.size;
        case ModifiedColumn:
            return mtime;
        case ColumnCount:
            break;
        }
        return {};
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case NameColumn:
            return hit.name;
        case FolderColumn:
            return hit.folder;
        case SizeColumn:
            return hit.type == NodeType::File ? QLocale().formattedDataSize(hit.size) : QString();
        case ModifiedColumn:
            return timeText(mtime);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        return hit.path;
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    default:
        return {};
    }
}

QVariant VersionSearchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case NameColumn:
        return tr("Name");
    case FolderColumn:
        return tr("Folder");
    case SizeColumn:
        return tr("Size");
    case ModifiedColumn:
        return tr("Modified");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace strata
