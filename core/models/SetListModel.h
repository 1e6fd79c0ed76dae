// The user's backup sets as a list for the sidebar and the tray: each set's name with the state
// of its last run, its next run and whether its backups are stale (no success for longer than
// its schedule promises). QtCore only, so the tray controller and tests use it without widgets.
#pragma once

#include "profiles/BackupSet.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QTimer>

#include <functional>

namespace strata {

struct SetStatus
{
    enum class Result
    {
        Never, // no run yet (since the set was made, or since Strata started keeping history)
        Running,
        Succeeded,
        Partial, // finished, but some files could not be read
        Failed,
        Cancelled
    };
    Result last = Result::Never;
    QDateTime lastRun;     // when the last run (of any result) started
    QDateTime lastSuccess; // when the last Succeeded or Partial run started; invalid if none
    QDateTime nextRun;     // the scheduler's next run; invalid for a manual set
    QString message;       // the error of a failed run, or a note on a partial one

    bool operator==(const SetStatus &) const = default;
};

class SetListModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        SetIdRole = Qt::UserRole, // QString
        StatusRole,               // int, a SetStatus::Result
        StatusTextRole,           // QString: "Last backup 2 hours ago · next today 14:00"
        StaleRole,                // bool
        StaleTextRole,            // QString: why the set is stale, empty when it is not
        // StatusTextRole in two, for a narrow list that shows them on lines of their own:
        LastRunTextRole, // QString: "Last backup 2 hours ago"
        NextRunTextRole, // QString: "Next: today 14:00"; empty while running or for a manual set
    };
    // Also Qt::ToolTipRole (every detail) and Qt::AccessibleDescriptionRole (status and warning).
    Q_ENUM(Role)

    explicit SetListModel(QObject *parent = nullptr);

    // Replaces the sets, in the given order. Statuses are kept for the ids that remain and
    // dropped for the others. When the ids and their order are unchanged the rows are updated
    // in place (dataChanged); otherwise the model is reset.
    void setSets(const QList<BackupSet> &sets);
    const QList<BackupSet> &sets() const { return m_sets; }

    // Unknown ids are ignored. Emits dataChanged for that row only.
    void setStatus(const QString &setId, const SetStatus &status);
    // The status of a set; a default (Never) status for an unknown id.
    SetStatus status(const QString &setId) const;

    QString setIdAt(int row) const;
    int rowOf(const QString &setId) const;

    // Whether a set's backups are stale at now(): its schedule is not Manual and its last
    // success (or, never having succeeded, the set's first sighting) is older than the schedule's
    // interval plus half an interval (at least one hour) of grace. BackupSet carries no creation
    // time, so a set's age counts from the earlier of its first setSets() and its first run.
    bool isStale(const QString &setId) const;

    // The clock used for relative texts and staleness; tests pass a fixed one. Re-evaluates
    // every row.
    void setNow(std::function<QDateTime()> now);
    QDateTime now() const;

    // Re-evaluates the time-dependent roles (texts, staleness) against now(), emitting
    // dataChanged and staleChanged only for rows whose values changed. Runs by itself every
    // minute while the model exists.
    void refresh();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    // A set became stale or stopped being stale (for the tray's notifications). Not emitted for
    // the first evaluation of a set that setSets() adds.
    void staleChanged(const QString &setId, bool stale);

private:
    struct Cached
    {
        QString statusText;
        QString lastRunText;
        QString nextRunText;
        QString staleText;
        bool stale = false;
        bool operator==(const Cached &) const = default;
    };

    Cached evaluate(const BackupSet &set) const;
    // Recomputes one row's cache; returns whether it changed. Emits staleChanged on a flip.
    bool reevaluate(int row);
    void emitRowChanged(int row);

    QList<BackupSet> m_sets;
    QHash<QString, SetStatus> m_statuses;
    QHash<QString, QDateTime> m_firstSeen;
    QList<Cached> m_cache; // parallel to m_sets
    std::function<QDateTime()> m_now;
    QTimer m_refreshTimer;
};

} // namespace strata
