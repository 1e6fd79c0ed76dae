// ScheduleRule: when a backup set should run (manually, every N hours, daily or weekly at a
// time of day) and the pure arithmetic that turns "last run" and "now" into the next run.
// It is a value type of its own so the scheduler does not depend on core/profiles.
#pragma once

#include <QDateTime>
#include <QTime>

namespace strata {

struct ScheduleRule
{
    enum Mode
    {
        Manual,
        EveryHours,
        Daily,
        Weekly
    };

    Mode mode = Manual;
    int everyHours = 24;     // EveryHours: the interval, at least 1
    QTime at = QTime(12, 0); // Daily and Weekly: the wall time of day
    int weekday = 1;         // Weekly: Qt::Monday (1) .. Qt::Sunday (7)

    // False for a rule that cannot be evaluated (an interval under one hour, an invalid time
    // of day, a weekday outside 1..7); such a rule never runs.
    bool isValid() const;

    // When the set should next run, given its last successful run (invalid: never ran) and the
    // current time. Pure: same inputs, same answer. The result is in the time representation
    // of `now` (its time zone, or local time), so daily and weekly slots are wall times there.
    //  - Manual (or an invalid rule): an invalid QDateTime.
    //  - Never ran: `now`, for every other mode. A set without any version is the one most at
    //    risk, so its first backup is not put off until the next slot.
    //  - EveryHours: lastRun + N hours of elapsed time (a DST change does not stretch it).
    //  - Daily / Weekly: the first slot (`at`, on `weekday` for Weekly) strictly after lastRun.
    //    A slot that falls in a spring-forward gap runs as much later as the gap is long
    //    (02:30 becomes 03:30); a slot that happens twice in the autumn runs at its first
    //    occurrence only.
    //  - A lastRun later than `now` (the clock was set back) is believed, so the set does not
    //    run again, but the wait is capped at about one period from `now` (EveryHours: now + N;
    //    Daily / Weekly: the first slot after now + 1 day / 7 days), so a big jump back cannot
    //    stall the set for days. That cap moves with `now`: a caller evaluating repeatedly
    //    should keep the first answer until the clock passes lastRun (Scheduler does).
    // The result may lie in the past: that run was missed and is due at once (catch-up). Only
    // one run is owed however many slots were missed.
    QDateTime nextRunAfter(const QDateTime &lastRun, const QDateTime &now) const;

    // True when nextRunAfter(lastRun, now) is valid and not after `now`.
    bool isDue(const QDateTime &lastRun, const QDateTime &now) const;

    friend bool operator==(const ScheduleRule &, const ScheduleRule &) = default;
};

} // namespace strata
