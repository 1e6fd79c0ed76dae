// Which versions a retention policy keeps. applyRetention() is a pure function of the versions,
// the policy, the time now and (for a size limit) what each version costs: the forget job, the
// set editor's preview and the timeline's "the next prune removes this" marks all call it, so
// they can never disagree.
//
// The count and "within" rules follow restic's `forget` (0.14) exactly, so a user moving from
// restic keeps what restic would keep; Strata adds weeks to durations, a size limit, pinned and
// safety versions, grouping by set and host, and keeps the newest version of every group always.
#pragma once

#include "repo/Snapshot.h"
#include "util/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace strata {

// A version with this tag is kept by every policy (the timeline's "Pin").
inline const QString kPinnedTag = QStringLiteral("pinned");

// A calendar duration as `forget --keep-within` takes it: "2w3d", "1y6m", "36h". Months and years
// are calendar months and years, clamped to a month's end: 1 month before 31 March is 28 or 29
// February (restic's Go AddDate overflows to 3 or 2 March instead).
struct RetentionDuration
{
    int years = 0, months = 0, weeks = 0, days = 0, hours = 0;

    bool isZero() const { return !years && !months && !weeks && !days && !hours; }
    // Parses digits followed by a unit (y, m, w, d, h), each unit at most once, in any order;
    // "" and "0d" are zero. ErrorCode::InvalidArgument with the reason for anything else
    // ("3x", "d", "2d2d", a count beyond 100000).
    static Result<RetentionDuration> parse(const QString &text);
    // The canonical text, largest unit first ("1y2m3w4d5h"); "" for zero.
    QString toString() const;
    // `t` moved back by this duration, in local calendar terms.
    QDateTime before(const QDateTime &t) const;

    bool operator==(const RetentionDuration &) const = default;
};

struct RetentionPolicy
{
    // Counts keep the newest version of each of the last N hours, days, ISO weeks, months or years
    // (local time) that hold a version; keepLast keeps the last N versions. 0: no such rule;
    // -1: every bucket (every hour, day, ...), as restic's "unlimited" from 0.15 (0.14 reads -1 as
    // no rule at all, and with no other rule forgets every snapshot).
    int keepLast = 0;
    int keepHourly = 0;
    int keepDaily = 0;
    int keepWeekly = 0;
    int keepMonthly = 0;
    int keepYearly = 0;
    // Every version within this duration of the group's newest version (not of now: a machine
    // that stopped backing up keeps its history however late the next forget runs).
    RetentionDuration keepWithin;
    // The newest version of each hour, day, ... within the duration of the group's newest one.
    RetentionDuration keepWithinHourly, keepWithinDaily, keepWithinWeekly, keepWithinMonthly,
        keepWithinYearly;
    // Versions carrying any of these tags. kPinnedTag is always kept, listed or not.
    QStringList keepTags;
    // After the rules above, the oldest kept versions are forgotten until what the group's kept
    // versions need in the repository is at most this many bytes. 0: no limit. As the only rule,
    // it keeps the newest versions that fit.
    qint64 maxTotalBytes = 0;
    // Safety versions (taken before a restore) are kept this many days from their time, then
    // forgotten; they never count towards keepLast or the size limit.
    int safetyDays = 30;

    // No rule at all: applyRetention keeps every version, safety versions too. safetyDays is not
    // a rule: alone it keeps everything.
    bool isEmpty() const;
    // "Time Machine": every version for 24 hours, one a day for a month, one a week before that.
    static RetentionPolicy timeMachine();
    // The specification's defaults for a new set: the last 10 versions, at most 1 GB.
    static RetentionPolicy defaults();
    // One line a person can read: "keep the last 10, 7 daily, every version within 2w3d; at most 1.0 GiB".
    QString describe() const;

    bool operator==(const RetentionPolicy &) const = default;
};

struct RetentionDecision
{
    QString id; // the version's id
    QString set, host;
    QDateTime time;
    bool keep = true;
    // Why it stays ("last 3", "daily", "within 2w3d", "tagged important", "pinned", "newest of its
    // set", "safety version for 30 days", "dated in the future") or why it goes ("matched no rule",
    // "over the size limit: the newer versions need 1.2 GiB of 1.0 GiB", "safety version older than
    // 30 days"). Never empty.
    QStringList reasons;
};

// What keeping `version` adds to the bytes the newer kept versions of its group already need.
// Called only when the policy has maxTotalBytes, once per version the rules keep, newest first
// within each group; the caller keeps its own running union of blobs.
using RetentionSizeFn = std::function<qint64(const Snapshot &version)>;

// Decides for every version. Versions are grouped by set and host; within a group they are
// ordered newest first by time (ties by id) whatever order they were made in, so a clock that
// went backwards changes nothing but their order. Buckets and durations use the wall clock of
// the system's local time zone, each version at its own UTC offset, whatever `now`'s time spec.
// Whatever the policy: the newest version of each group (not in the future) and every pinned
// version are kept, and so is a version dated after `now` (its clock was wrong; nothing can tell
// how old it is; it takes no place in a count). The result lists every version once, grouped by
// set and host (sorted), newest first within a group.
QList<RetentionDecision> applyRetention(const QList<Snapshot> &versions, const RetentionPolicy &policy,
                                        const QDateTime &now, const RetentionSizeFn &addedSize = {});

} // namespace strata
