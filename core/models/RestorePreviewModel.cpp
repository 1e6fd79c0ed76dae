#include "models/RestorePreviewModel.h"

#include <QDeadlineTimer>
#include <QLocale>
#include <QtConcurrent>

#include <atomic>
#include <mutex>

namespace strata {

namespace {

// A batch goes to the GUI thread when it is this big or this old, whichever comes first:
// large enough that 100k rows are a hundred inserts, soon enough that the table fills visibly.
constexpr std::size_t kBatchRows = 1000;
constexpr int kBatchMs = 100;

} // namespace

// Shared by the model and its worker. The worker posts to `model` only under `mutex` and only
// while it is set, and the model clears it (under the mutex) when it lets the run go, so a
// worker never posts to a model that has died, and never needs to be waited for.
struct RestorePreviewModel::Run
{
    std::atomic<bool> cancel{false};
    std::mutex mutex;
    RestorePreviewModel *model = nullptr;

    // Queues f(model) on the model's thread, unless the model has let go of this run.
    template <typename F>
    void post(F f)
    {
        std::lock_guard guard(mutex);
        if (RestorePreviewModel *receiver = model)
            QMetaObject::invokeMethod(
                receiver, [receiver, f = std::move(f)]() mutable { f(receiver); }, Qt::QueuedConnection);
    }
};

struct RestorePreviewModel::Batch
{
    std::vector<PlannedEntry> entries;
    QStringList refused;
    qint64 refusedCount = 0;
};

RestorePreviewModel::RestorePreviewModel(QObject *parent) : QAbstractTableModel(parent)
{
    qRegisterMetaType<strata::PlanSummary>();
}

RestorePreviewModel::~RestorePreviewModel()
{
    detach();
}

void RestorePreviewModel::detach()
{
    if (!m_run)
        return;
    m_run->cancel.store(true);
    {
        std::lock_guard guard(m_run->mutex);
        m_run->model = nullptr;
    }
    m_run.reset();
}

void RestorePreviewModel::cancel()
{
    detach();
}

void RestorePreviewModel::clear()
{
    detach();
    beginResetModel();
    m_entries.clear();
    m_entries.shrink_to_fit();
    m_summary = {};
    m_refused.clear();
    endResetModel();
    Q_EMIT summaryChanged();
}

void RestorePreviewModel::start(std::shared_ptr<Repository> repo, RestorePlan plan)
{
    clear();
    m_plan = plan;
    auto run = std::make_shared<Run>();
    run->model = this;
    m_run = run;

    // The worker owns copies of everything it reads; the repository stays alive through it.
    (void)QtConcurrent::run([run, repo = std::move(repo), plan = std::move(plan)] {
        Batch batch;
        QDeadlineTimer due(kBatchMs);
        auto flush = [&] {
            run->post([run, b = std::move(batch)](RestorePreviewModel *model) mutable {
                model->append(run, std::move(b));
            });
            batch = Batch{};
            due.setRemainingTime(kBatchMs);
        };
        auto flushIfDue = [&] {
            if (batch.entries.size() >= kBatchRows || due.hasExpired())
                flush();
        };
        Result<PlanSummary> result = planRestore(
            *repo, plan,
            [&](const PlannedEntry &e) {
                batch.entries.push_back(e);
                flushIfDue();
            },
            [&](const QString &path, const QString &why) {
                batch.refusedCount++;
                batch.refused << QStringLiteral("%1: %2").arg(path, why);
                flushIfDue();
            },
            &run->cancel);
        if (run->cancel.load())
            return;
        flush();
        run->post([run, result = std::move(result)](RestorePreviewModel *model) mutable {
            model->complete(run, std::move(result));
        });
    });
}

void RestorePreviewModel::append(const std::shared_ptr<Run> &run, Batch batch)
{
    if (run != m_run)
        return; // a batch of a preview that was cancelled or replaced since
    if (!batch.entries.empty()) {
        const int first = int(m_entries.size());
        beginInsertRows({}, first, first + int(batch.entries.size()) - 1);
        for (PlannedEntry &e : batch.entries) {
            m_summary.add(e.action, e.size);
            m_entries.push_back(std::move(e));
        }
        endInsertRows();
    }
    m_summary.refused += batch.refusedCount;
    for (const QString &reason : std::as_const(batch.refused)) {
        if (m_refused.size() >= kMaxRefusedReasons)
            break;
        m_refused << reason;
    }
    Q_EMIT summaryChanged();
}

void RestorePreviewModel::complete(const std::shared_ptr<Run> &run, Result<PlanSummary> result)
{
    if (run != m_run)
        return;
    m_run.reset();
    if (!result) {
        Q_EMIT failed(result.error().message);
        return;
    }
    m_summary = *result;
    Q_EMIT summaryChanged();
    Q_EMIT finished(m_summary);
}

const PlannedEntry *RestorePreviewModel::entryAt(int row) const
{
    if (row < 0 || std::size_t(row) >= m_entries.size())
        return nullptr;
    return &m_entries[std::size_t(row)];
}

QString RestorePreviewModel::actionLabel(RestoreAction action)
{
    switch (action) {
    case RestoreAction::Create:
        return tr("Create");
    case RestoreAction::Overwrite:
        return tr("Overwrite");
    case RestoreAction::Skip:
        return tr("Skip");
    case RestoreAction::KeepBoth:
        return tr("Keep both");
    case RestoreAction::Unchanged:
        return tr("Unchanged");
    }
    return {};
}

QString RestorePreviewModel::typeLabel(NodeType type)
{
    switch (type) {
    case NodeType::File:
        return tr("File");
    case NodeType::Directory:
        return tr("Folder");
    case NodeType::Symlink:
        return tr("Link");
    case NodeType::Fifo:
        return tr("Pipe");
    case NodeType::CharDevice:
    case NodeType::BlockDevice:
        return tr("Device");
    case NodeType::Socket:
        return tr("Socket");
    }
    return {};
}

int RestorePreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int RestorePreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RestorePreviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PlannedEntry &e = m_entries[std::size_t(index.row())];
    switch (role) {
    case ActionRole:
        return int(e.action);
    case NodeTypeRole:
        return int(e.type);
    case SizeRole:
        return e.size;
    case DestinationRole:
        return e.destination;
    case OriginalRole:
        return e.original;
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case DestinationColumn:
            return e.destination;
        case ActionColumn:
            return actionLabel(e.action);
        case TypeColumn:
            return typeLabel(e.type);
        case SizeColumn:
            return e.type == NodeType::File ? QLocale().formattedDataSize(e.size) : QString();
        case OriginalColumn:
            return e.original;
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == DestinationColumn && e.action == RestoreAction::KeepBoth)
            return tr("%1\nA file is already there, so the restored copy gets this name.").arg(e.destination);
        if (index.column() == DestinationColumn || index.column() == OriginalColumn)
            return index.column() == DestinationColumn ? e.destination : e.original;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    default:
        return {};
    }
}

QVariant RestorePreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole)
        return QVariant::fromValue(
            Qt::Alignment(Qt::AlignVCenter | (section == SizeColumn ? Qt::AlignRight : Qt::AlignLeft)));
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case DestinationColumn:
        return tr("Destination");
    case ActionColumn:
        return tr("Action");
    case TypeColumn:
        return tr("Type");
    case SizeColumn:
        return tr("Size");
    case OriginalColumn:
        return tr("In the version");
    case ColumnCount:
        break;
    }
    return {};
}

QHash<int, QByteArray> RestorePreviewModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ActionRole, "action");
    names.insert(NodeTypeRole, "nodeType");
    names.insert(SizeRole, "size");
    names.insert(DestinationRole, "destination");
    names.insert(OriginalRole, "original");
    return names;
}

// ---- the filter ---------------------------------------------------------------------------

RestorePreviewFilter::RestorePreviewFilter(QObject *parent) : QSortFilterProxyModel(parent) {}

void RestorePreviewFilter::setActions(const QList<RestoreAction> &actions)
{
    if (actions == m_actions)
        return;
    m_actions = actions;
    invalidateFilter();
}

void RestorePreviewFilter::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

bool RestorePreviewFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index =
        sourceModel()->index(sourceRow, RestorePreviewModel::DestinationColumn, sourceParent);
    if (!m_actions.isEmpty() &&
        !m_actions.contains(RestoreAction(index.data(RestorePreviewModel::ActionRole).toInt())))
        return false;
    return m_text.isEmpty() ||
           index.data(RestorePreviewModel::DestinationRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace strata
