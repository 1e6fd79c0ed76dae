// Scheduler: decides when each backup set runs. It holds one entry per set (rule, last run,
// repository), re-evaluates on a short periodic tick instead of trusting one long QTimer,
// notices suspends and clock jumps by comparing wall time with monotonic time, catches up
// missed runs (once per set, after a grace delay), keeps one queue per repository and can be
// paused. It only says *when*: the owner starts the jobs and reports back.
#pragma once

#include "schedule/Clock.h"
#include "schedule/ScheduleRule.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

namespace strata {

struct ScheduleEntry
{
    QString setId;
    ScheduleRule rule;
    QDateTime lastRun; // the last successful run; invalid: never ran
    // Runs for entries with the same key are queued one after another; an empty key is a
    // queue of its own.
    QString repositoryKey;
};

// Lives on the thread that owns it (the GUI thread); every method must be called from there.
// Signals are emitted synchronously from tick(), start(), runFinished() and resume(); a slot
// may call back into the scheduler (runStarted, runFinished, setEntry, ...) safely.
class Scheduler final : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Idle,    // not due, or Manual
        Waiting, // due, held back by the repository queue, a pause or the grace delay
        Running, // runDue was emitted or runStarted was called, runFinished not yet
    };

    // Uses the system clock.
    explicit Scheduler(QObject *parent = nullptr);
    explicit Scheduler(std::shared_ptr<const Clock> clock, QObject *parent = nullptr);
    ~Scheduler() override;

    // ---- settings (take effect at the next tick) ----------------------------------------------
    // How often due runs are re-evaluated. Default 30 s.
    void setTickInterval(int ms);
    // Wait after a resume from suspend (or a forward clock jump) before catching up, so the
    // network and mounted drives can come back. Default 60 s.
    void setResumeGrace(int ms);
    // Wait after start() before the first run. Default 60 s, like the resume grace: the GUI
    // usually starts at login, when the network may not be up yet and the desktop is busy.
    void setStartDelay(int ms);
    // How far wall time may drift from monotonic time between two ticks before it counts as a
    // jump. Default 20 s.
    void setJumpTolerance(int ms);
    // After runFinished(..., ok = false) the set is owed its run still, but is not emitted
    // again before this delay (monotonic). Default 15 min.
    void setRetryDelay(int ms);
    // A set emitted with runDue that neither runStarted nor runFinished claims within this
    // delay is released and can be emitted again. Default 10 min.
    void setClaimTimeout(int ms);

    // ---- entries ------------------------------------------------------------------------------
    // Adds the entry or replaces the one with the same setId; a replaced entry keeps its
    // running state. Emits nextRunChanged when the next run changes. The scheduler keeps
    // lastRun up to date from runFinished; after the clock is set back behind the last run of
    // an EveryHours set, that lastRun is moved to the moment the jump was seen, so the interval
    // still counts from then.
    void setEntry(const ScheduleEntry &entry);
    void removeEntry(const QString &setId);
    std::optional<ScheduleEntry> entry(const QString &setId) const;
    QList<ScheduleEntry> entries() const;

    // The next run of the set as the rule computes it, or the retry time after a failure
    // (invalid for Manual or an unknown set). A time in the past means the set is due and
    // waiting (see state()).
    QDateTime nextRun(const QString &setId) const;
    State state(const QString &setId) const;

    // ---- running ------------------------------------------------------------------------------
    // Starts the periodic tick; missed runs are caught up once the start delay has passed.
    void start();
    void stop();
    bool isStarted() const { return m_started; }

    // Evaluates now: detects jumps, ends a pause or grace that has expired, emits due runs.
    // The periodic timer calls it; tests call it directly with a ManualClock.
    void tick();

    // A hint from the platform (e.g. logind's PrepareForSleep(false)) that the machine just
    // woke up: starts the grace delay even if the jump was too small to notice.
    void systemResumed();

    // The owner reports every run, scheduled or not ("back up now"), so that a set never runs
    // twice at once and the repository queue holds. runFinished: `when` is the time the run
    // started (the version's time, so a long backup does not shift the schedule; invalid:
    // the time runStarted or runDue happened); ok = false keeps the run owed and retries after
    // the retry delay. An owner that declines a runDue calls runFinished(id, {}, false).
    void runStarted(const QString &setId);
    void runFinished(const QString &setId, const QDateTime &when, bool ok);

    // Nothing is emitted before `until` (invalid: until resume()); runs that fall due meanwhile
    // are emitted once the pause ends. Running sets are not affected. `until` is wall time.
    void pauseUntil(const QDateTime &until);
    void resume();
    bool isPaused() const { return m_paused; }
    QDateTime pausedUntil() const { return m_pausedUntil; }

Q_SIGNALS:
    // Start a run of this set now. From here until runFinished the set counts as running.
    void runDue(const QString &setId);
    void nextRunChanged(const QString &setId, const QDateTime &next);
    void paused(const QDateTime &until);
    void resumed();
    // Wall time moved by this many ms more than monotonic time (positive: forwards, a suspend
    // or the clock set forward). For logs and the UI; the scheduler has already re-armed.
    void clockJumped(qint64 driftMs);

private:
    struct Item
    {
        ScheduleEntry entry;
        bool running = false;
        bool claimed = false;   // emitted, runStarted not called yet
        qint64 claimedAtMs = 0; // monotonic
        qint64 queuedSeq = -1;  // order in its repository's queue; -1: not queued
        qint64 retryAtMs = -1;  // monotonic; -1: no retry pending
        QDateTime retryAt;      // the same, as wall time for nextRun()
        QDateTime startedAt;    // wall time of runDue / runStarted
        // Set while lastRun lies in the future (the clock went back): the next run as first
        // computed then, so that the rule's cap, which counts from "now", does not recede.
        QDateTime pinnedNext;
        QDateTime reportedNext; // last value sent with nextRunChanged
        bool reported = false;
    };

    QDateTime computeNext(const Item &item, const QDateTime &now) const;
    bool isEligible(const Item &item, const QDateTime &now, qint64 mono) const;
    bool repositoryBusy(const QString &key) const;
    bool holding(qint64 mono) const;
    void beginGrace(qint64 ms);
    void evaluate();
    void reportNextRuns(const QDateTime &now);
    static QString queueKey(const ScheduleEntry &entry);

    std::shared_ptr<const Clock> m_clock;
    QMap<QString, Item> m_items; // by setId: a stable, sorted order for ties
    QTimer m_tickTimer;
    QTimer m_graceTimer;

    int m_resumeGraceMs = 60 * 1000;
    int m_startDelayMs = 60 * 1000;
    int m_jumpToleranceMs = 20 * 1000;
    int m_retryDelayMs = 15 * 60 * 1000;
    int m_claimTimeoutMs = 10 * 60 * 1000;

    bool m_started = false;
    QDateTime m_lastWall;
    qint64 m_lastMono = 0;
    qint64 m_graceEndMs = -1; // monotonic; nothing is emitted before it
    qint64 m_seq = 0;

    bool m_paused = false;
    QDateTime m_pausedUntil;

    bool m_evaluating = false;
    bool m_evaluateAgain = false;
};

} // namespace strata
