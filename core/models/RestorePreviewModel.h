// The restore preview: every entry a RestorePlan would create, overwrite, skip, keep beside the
// existing file or leave unchanged, as a flat table in the engine's path order. The rows come
// from planRestore() (the dry run the restore itself starts with) run on a worker thread and
// appended on the GUI thread in batches, so a version of 100k files never blocks the event loop.
// RestorePreviewFilter shows only the rows of some actions and/or whose path holds a text.
// QtCore only.
#pragma once

#include "engine/Restore.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSortFilterProxyModel>

#include <memory>
#include <vector>

namespace strata {

class RestorePreviewModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        DestinationColumn,
        ActionColumn,
        TypeColumn,
        SizeColumn,
        OriginalColumn,
        ColumnCount
    };
    enum Role
    {
        ActionRole = Qt::UserRole, // int, a RestoreAction
        NodeTypeRole,              // int, a NodeType
        SizeRole,                  // qint64, bytes of a file
        DestinationRole,           // QString, where it would be written
        OriginalRole,              // QString, its path in the version
    };
    Q_ENUM(Column)
    Q_ENUM(Role)

    explicit RestorePreviewModel(QObject *parent = nullptr);
    // Cancels a running preview without waiting for its worker.
    ~RestorePreviewModel() override;

    // Clears the rows and computes the preview of `plan` on a worker thread (a preview still
    // running is cancelled first; its rows never arrive). Rows are appended in batches; then
    // finished() or failed() is emitted once. Call on the model's thread.
    void start(std::shared_ptr<Repository> repo, RestorePlan plan);
    // Stops a running preview; neither finished() nor failed() follows. The rows stay.
    void cancel();
    // Cancels and removes every row.
    void clear();

    bool isRunning() const { return m_run != nullptr; }
    const RestorePlan &plan() const { return m_plan; }
    // The counts of the rows shown so far (refused included); once finished() was emitted,
    // the summary planRestore() returned.
    const PlanSummary &summary() const { return m_summary; }
    // "path: why" for each entry refused for an unsafe name (the first kMaxRefusedReasons).
    const QStringList &refusedReasons() const { return m_refused; }
    // The entry shown in `row`, or nullptr when the row is out of range.
    const PlannedEntry *entryAt(int row) const;

    // Translated names for the table and the filter ("Create", "Overwrite", ...).
    static QString actionLabel(RestoreAction action);
    static QString typeLabel(NodeType type);

    static constexpr int kMaxRefusedReasons = 1000;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    // The whole plan is in the model; `summary` is planRestore()'s (equal to summary()).
    void finished(const strata::PlanSummary &summary);
    // Planning failed (a path not in the version, an unreadable tree, ...): a readable message.
    void failed(const QString &message);
    // A batch of rows (or refusals) arrived: the counts in summary() moved.
    void summaryChanged();

private:
    struct Run;
    struct Batch;
    void append(const std::shared_ptr<Run> &run, Batch batch);
    void complete(const std::shared_ptr<Run> &run, Result<PlanSummary> result);
    void detach();

    std::vector<PlannedEntry> m_entries;
    PlanSummary m_summary;
    QStringList m_refused;
    RestorePlan m_plan;
    std::shared_ptr<Run> m_run; // the preview being computed, if any
};

// Shows only the rows whose action is in a set (all by default) and whose destination holds
// a text (case-insensitive; empty: any).
class RestorePreviewFilter final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RestorePreviewFilter(QObject *parent = nullptr);

    // Empty: every action.
    void setActions(const QList<RestoreAction> &actions);
    QList<RestoreAction> actions() const { return m_actions; }
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QList<RestoreAction> m_actions;
    QString m_text;
};

} // namespace strata

Q_DECLARE_METATYPE(strata::PlanSummary)
