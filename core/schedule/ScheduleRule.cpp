#include "schedule/ScheduleRule.h"

#include <QTimeZone>

#include <algorithm>

namespace strata {

namespace {

// `dt` expressed the way `frame` is (same zone, local time, UTC or fixed offset), so that its
// date() and time() are wall values in the caller's frame.
QDateTime inFrame(const QDateTime &dt, const QDateTime &frame)
{
    switch (frame.timeSpec()) {
    case Qt::TimeZone:
        return dt.toTimeZone(frame.timeZone());
    case Qt::UTC:
        return dt.toUTC();
    case Qt::OffsetFromUTC:
        return dt.toOffsetFromUtc(frame.offsetFromUtc());
    case Qt::LocalTime:
        break;
    }
    return dt.toLocalTime();
}

QDateTime wallTime(QDate date, QTime time, const QDateTime &frame)
{
    switch (frame.timeSpec()) {
    case Qt::TimeZone:
        return QDateTime(date, time, frame.timeZone());
    case Qt::OffsetFromUTC:
        return QDateTime(date, time, Qt::OffsetFromUTC, frame.offsetFromUtc());
    case Qt::UTC:
    case Qt::LocalTime:
        break;
    }
    return QDateTime(date, time, frame.timeSpec());
}

// The first instant whose wall time in `frame` is (date, time). Computed from the offsets in
// force the day before and the day after rather than left to QDateTime, whose handling of
// gaps and repeated hours differs between Qt versions; a day holds at most one transition.
QDateTime firstOccurrence(QDate date, QTime time, const QDateTime &frame)
{
    const QDateTime naiveUtc(date, time, Qt::UTC);
    const int before = wallTime(date.addDays(-1), QTime(12, 0), frame).offsetFromUtc();
    const int after = wallTime(date.addDays(1), QTime(12, 0), frame).offsetFromUtc();
    QDateTime best;
    for (int offset : {before, after}) {
        const QDateTime candidate = inFrame(naiveUtc.addSecs(-offset), frame);
        if (candidate.date() == date && candidate.time() == time && (!best.isValid() || candidate < best))
            best = candidate;
    }
    if (best.isValid())
        return best;
    // The wall time does not exist (clocks went forward): keep the same elapsed time since the
    // start of the day, which lands as far after the gap as the slot was inside it.
    return inFrame(naiveUtc.addSecs(-before), frame);
}

} // namespace

bool ScheduleRule::isValid() const
{
    switch (mode) {
    case Manual:
        return true;
    case EveryHours:
        return everyHours >= 1;
    case Daily:
        return at.isValid();
    case Weekly:
        return at.isValid() && weekday >= 1 && weekday <= 7;
    }
    return false;
}

QDateTime ScheduleRule::nextRunAfter(const QDateTime &lastRun, const QDateTime &now) const
{
    if (mode == Manual || !isValid() || !now.isValid())
        return {};
    if (!lastRun.isValid())
        return now;

    if (mode == EveryHours) {
        const qint64 period = qint64(everyHours) * 3600;
        return inFrame(std::min(lastRun.addSecs(period), now.addSecs(period)), now);
    }

    // First slot strictly after `after`; 8 days always reach the next matching weekday.
    const auto slotAfter = [&](const QDateTime &after) -> QDateTime {
        const QDate first = inFrame(after, now).date();
        for (int i = 0; i <= 8; ++i) {
            const QDate day = first.addDays(i);
            if (mode == Weekly && day.dayOfWeek() != weekday)
                continue;
            QDateTime slot = firstOccurrence(day, at, now);
            if (slot > after)
                return slot;
        }
        return {};
    };

    QDateTime next = slotAfter(lastRun);
    if (lastRun > now) {
        // The cap counts from `now`, so it recedes as time passes; a caller that evaluates
        // repeatedly keeps the first answer (Scheduler pins it).
        const QDateTime cap = slotAfter(now.addDays(mode == Weekly ? 7 : 1));
        if (cap.isValid() && (!next.isValid() || cap < next))
            next = cap;
    }
    return next;
}

bool ScheduleRule::isDue(const QDateTime &lastRun, const QDateTime &now) const
{
    const QDateTime next = nextRunAfter(lastRun, now);
    return next.isValid() && next <= now;
}

} // namespace strata
