#include "retention/RetentionPolicy.h"

#include <QLocale>

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

namespace strata {

namespace {

// Far beyond any real policy, and small enough that no unit's arithmetic can overflow.
constexpr int kMaxDurationCount = 100000;

int *durationField(RetentionDuration &d, QChar unit)
{
    switch (unit.unicode()) {
    case 'y':
        return &d.years;
    case 'm':
        return &d.months;
    case 'w':
        return &d.weeks;
    case 'd':
        return &d.days;
    case 'h':
        return &d.hours;
    }
    return nullptr;
}

// A count below -1 is no rule, as in restic; isEmpty() agrees, so a policy of nothing else keeps
// everything rather than only the newest.
bool isCountRule(int count)
{
    return count > 0 || count == -1;
}

QString bytesText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

// A size limit alone keeps what fits, newest first: everything else is a rule that keeps.
bool onlySizeLimit(const RetentionPolicy &p)
{
    RetentionPolicy rules = p;
    rules.maxTotalBytes = 0;
    return p.maxTotalBytes > 0 && rules.isEmpty();
}

bool isPinned(const Snapshot &s)
{
    return s.tags.contains(kPinnedTag);
}

enum class Bucket
{
    Version, // every version its own bucket: keepLast
    Hour,
    Day,
    Week,
    Month,
    Year
};

// Equal values share a bucket. Wall-clock fields of local time, as restic: the hour 02:00-03:00
// that a DST change repeats is one bucket.
qint64 bucketValue(Bucket bucket, const QDateTime &time, qsizetype index)
{
    const QDateTime local = time.toLocalTime();
    const QDate d = local.date();
    switch (bucket) {
    case Bucket::Version:
        return index;
    case Bucket::Hour:
        return (qint64(d.year()) * 10000 + d.month() * 100 + d.day()) * 100 + local.time().hour();
    case Bucket::Day:
        return qint64(d.year()) * 10000 + d.month() * 100 + d.day();
    case Bucket::Week: {
        int isoYear = 0;
        const int week = d.weekNumber(&isoYear);
        return qint64(isoYear) * 100 + week;
    }
    case Bucket::Month:
        return qint64(d.year()) * 100 + d.month();
    case Bucket::Year:
        return d.year();
    }
    return index;
}

// A count rule ("7 daily") or a bucketed within rule ("daily within 1m"): it keeps a version
// whose bucket differs from the last one it kept.
struct BucketRule
{
    Bucket bucket;
    QString reason;
    int count = -1;             // places left; -1: unlimited (every within rule)
    QDateTime after;            // within rules: only versions strictly after this
    std::optional<qint64> last; // the bucket it kept last

    bool takes(const Snapshot &s, qsizetype index)
    {
        if (count == 0 || (after.isValid() && !(s.time > after)))
            return false;
        const qint64 value = bucketValue(bucket, s.time, index);
        if (last == value)
            return false;
        last = value;
        if (count > 0)
            --count;
        return true;
    }
};

struct RuleSpec
{
    Bucket bucket;
    const char *name;
};

std::vector<BucketRule> bucketRules(const RetentionPolicy &p, const QDateTime &latest)
{
    std::vector<BucketRule> rules;
    if (isCountRule(p.keepLast))
        rules.push_back(
            {Bucket::Version,
             p.keepLast < 0 ? QStringLiteral("every version") : QStringLiteral("last %1").arg(p.keepLast),
             p.keepLast,
             {},
             {}});
    const std::pair<int, RuleSpec> counts[] = {{p.keepHourly, {Bucket::Hour, "hourly"}},
                                               {p.keepDaily, {Bucket::Day, "daily"}},
                                               {p.keepWeekly, {Bucket::Week, "weekly"}},
                                               {p.keepMonthly, {Bucket::Month, "monthly"}},
                                               {p.keepYearly, {Bucket::Year, "yearly"}}};
    for (const auto &[count, spec] : counts)
        if (isCountRule(count))
            rules.push_back({spec.bucket, QString::fromLatin1(spec.name), count, {}, {}});
    // Without a version that is not in the future there is nothing to measure "within" from.
    if (!latest.isValid())
        return rules;
    const std::pair<const RetentionDuration *, RuleSpec> withins[] = {
        {&p.keepWithinHourly, {Bucket::Hour, "hourly"}},
        {&p.keepWithinDaily, {Bucket::Day, "daily"}},
        {&p.keepWithinWeekly, {Bucket::Week, "weekly"}},
        {&p.keepWithinMonthly, {Bucket::Month, "monthly"}},
        {&p.keepWithinYearly, {Bucket::Year, "yearly"}}};
    for (const auto &[within, spec] : withins)
        if (!within->isZero())
            rules.push_back(
                {spec.bucket,
                 QStringLiteral("%1 within %2").arg(QString::fromLatin1(spec.name), within->toString()),
                 -1,
                 within->before(latest),
                 {}});
    return rules;
}

struct Entry
{
    const Snapshot *version;
    RetentionDecision decision;
    bool mustKeep = false; // newest of the group, pinned or dated in the future: the size limit spares it
};

Entry entryFor(const Snapshot &s)
{
    return {&s, RetentionDecision{s.id, s.set, s.host, s.time, false, {}}, false};
}

// Safety versions answer to their age alone, so that a burst of restores never pushes real
// history out of keepLast or the size budget.
void decideSafety(Entry &e, const RetentionPolicy &p, const QDateTime &now)
{
    const Snapshot &s = *e.version;
    if (isPinned(s))
        e.decision.reasons << QStringLiteral("pinned");
    if (s.time.addDays(p.safetyDays) > now)
        e.decision.reasons << QStringLiteral("safety version for %1 days").arg(p.safetyDays);
    e.decision.keep = !e.decision.reasons.isEmpty();
    if (!e.decision.keep)
        e.decision.reasons << QStringLiteral("safety version older than %1 days").arg(p.safetyDays);
}

// restic's forget on `regular`, newest first; none of them is dated after now.
void applyRules(const std::vector<Entry *> &regular, const RetentionPolicy &p)
{
    const QDateTime latest = regular.empty() ? QDateTime() : regular.front()->version->time;
    const QDateTime withinAfter =
        latest.isValid() && !p.keepWithin.isZero() ? p.keepWithin.before(latest) : QDateTime();
    const bool sizeOnly = onlySizeLimit(p);
    std::vector<BucketRule> rules = bucketRules(p, latest);
    for (size_t index = 0; index < regular.size(); ++index) {
        const Snapshot &s = *regular[index]->version;
        QStringList &reasons = regular[index]->decision.reasons;
        if (isPinned(s))
            reasons << QStringLiteral("pinned");
        if (sizeOnly)
            reasons << QStringLiteral("fits the size limit");
        for (const QString &tag : p.keepTags)
            if (tag != kPinnedTag && s.tags.contains(tag))
                reasons << QStringLiteral("tagged %1").arg(tag);
        if (withinAfter.isValid() && s.time > withinAfter)
            reasons << QStringLiteral("within %1").arg(p.keepWithin.toString());
        // Every rule sees every version, as in restic: a version one rule keeps still uses up
        // another rule's place when it falls in a new bucket for that rule too.
        for (BucketRule &rule : rules)
            if (rule.takes(s, qsizetype(index)))
                reasons << rule.reason;
    }
}

// Newest first, the kept versions claim space; from the first that does not fit, every older one
// goes unless it must stay. Only versions that would otherwise stay are measured.
void applySizeLimit(const std::vector<Entry *> &kept, const RetentionPolicy &p,
                    const RetentionSizeFn &addedSize)
{
    if (p.maxTotalBytes <= 0 || !addedSize)
        return;
    qint64 total = 0;
    bool over = false;
    for (Entry *e : kept) {
        RetentionDecision &d = e->decision;
        if (over && !e->mustKeep) {
            d.keep = false;
            d.reasons = {QStringLiteral("over the size limit: the newer versions need %1 of %2")
                             .arg(bytesText(total), bytesText(p.maxTotalBytes))};
            continue;
        }
        total += addedSize(*e->version);
        if (total <= p.maxTotalBytes || e->mustKeep)
            continue;
        over = true;
        d.keep = false;
        d.reasons = {QStringLiteral("over the size limit: with the newer versions it needs %1 of %2")
                         .arg(bytesText(total), bytesText(p.maxTotalBytes))};
    }
}

// One set and host, sorted newest first.
void decideGroup(std::vector<Entry> &entries, const RetentionPolicy &p, const QDateTime &now,
                 const RetentionSizeFn &addedSize)
{
    if (p.isEmpty()) {
        for (Entry &e : entries) {
            e.decision.keep = true;
            e.decision.reasons << QStringLiteral("the policy has no rules");
        }
        return;
    }
    std::vector<Entry *> regular;
    for (Entry &e : entries) {
        if (e.version->kind == BackupKind::Safety) {
            decideSafety(e, p, now);
            continue;
        }
        e.mustKeep = isPinned(*e.version);
        if (e.version->time > now) {
            // Its clock was wrong, so its age is unknown. It takes no place in a count either: ten
            // versions from a clock set to 2040 must not push out the real history.
            e.decision.reasons << QStringLiteral("dated in the future");
            e.mustKeep = true;
        } else {
            regular.push_back(&e);
        }
    }
    applyRules(regular, p);
    if (!regular.empty()) {
        Entry &newest = *regular.front();
        newest.mustKeep = true;
        if (newest.decision.reasons.isEmpty())
            newest.decision.reasons << QStringLiteral("newest of its set");
    }

    std::vector<Entry *> kept;
    for (Entry &e : entries) {
        if (e.version->kind == BackupKind::Safety)
            continue;
        e.decision.keep = !e.decision.reasons.isEmpty();
        if (e.decision.keep)
            kept.push_back(&e);
        else
            e.decision.reasons << QStringLiteral("matched no rule");
    }
    applySizeLimit(kept, p, addedSize);
}

} // namespace

Result<RetentionDuration> RetentionDuration::parse(const QString &text)
{
    const auto invalid = [&text](const QString &why) {
        return Error::invalid(
            QStringLiteral("\"%1\" is not a duration: %2 (for example 2w3d, 1y6m or 36h)").arg(text, why));
    };
    const QString t = text.trimmed();
    RetentionDuration d;
    QString seen;
    qsizetype i = 0;
    while (i < t.size()) {
        const qsizetype start = i;
        qint64 n = 0;
        for (; i < t.size() && t[i] >= QLatin1Char('0') && t[i] <= QLatin1Char('9'); ++i)
            n = std::min<qint64>(n * 10 + (t[i].unicode() - '0'), kMaxDurationCount + 1);
        const QString number = t.mid(start, i - start);
        if (i == t.size())
            return invalid(QStringLiteral("%1 has no unit (y, m, w, d or h)").arg(number));
        const QChar unit = t[i++];
        int *field = durationField(d, unit);
        if (number.isEmpty()) {
            if (unit == QLatin1Char('-'))
                return invalid(QStringLiteral("it cannot be negative"));
            if (field)
                return invalid(QStringLiteral("'%1' has no number before it").arg(unit));
            return invalid(QStringLiteral("unexpected '%1'").arg(unit));
        }
        if (!field) {
            if (durationField(d, unit.toLower()))
                return invalid(
                    QStringLiteral("units are lower case: '%1', not '%2'").arg(unit.toLower(), unit));
            return invalid(QStringLiteral("unknown unit '%1' (y, m, w, d or h)").arg(unit));
        }
        if (seen.contains(unit))
            return invalid(QStringLiteral("'%1' is given twice").arg(unit));
        if (n > kMaxDurationCount)
            return invalid(QStringLiteral("%1%2 is too long (at most %3 of a unit)")
                               .arg(number, QString(unit), QString::number(kMaxDurationCount)));
        seen += unit;
        *field = int(n);
    }
    return d;
}

QString RetentionDuration::toString() const
{
    QString s;
    const std::pair<int, char> parts[] = {
        {years, 'y'}, {months, 'm'}, {weeks, 'w'}, {days, 'd'}, {hours, 'h'}};
    for (const auto &[n, unit] : parts)
        if (n)
            s += QString::number(n) + QLatin1Char(unit);
    return s;
}

QDateTime RetentionDuration::before(const QDateTime &t) const
{
    // Calendar units keep the wall-clock time across a DST change; hours are elapsed time.
    return t.toLocalTime()
        .addYears(-years)
        .addMonths(-months)
        .addDays(-(qint64(weeks) * 7 + days))
        .addSecs(-qint64(hours) * 3600);
}

bool RetentionPolicy::isEmpty() const
{
    const int counts[] = {keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly};
    const RetentionDuration *durations[] = {&keepWithin,       &keepWithinHourly,  &keepWithinDaily,
                                            &keepWithinWeekly, &keepWithinMonthly, &keepWithinYearly};
    return std::none_of(std::begin(counts), std::end(counts), isCountRule) &&
           std::all_of(std::begin(durations), std::end(durations),
                       [](const RetentionDuration *d) { return d->isZero(); }) &&
           keepTags.isEmpty() && maxTotalBytes <= 0;
}

RetentionPolicy RetentionPolicy::timeMachine()
{
    RetentionPolicy p;
    p.keepWithin.hours = 24;
    p.keepWithinDaily.months = 1;
    p.keepWeekly = -1;
    return p;
}

RetentionPolicy RetentionPolicy::defaults()
{
    RetentionPolicy p;
    p.keepLast = 10;
    p.maxTotalBytes = 1000 * 1000 * 1000; // the specification's "1 GB"
    return p;
}

QString RetentionPolicy::describe() const
{
    if (isEmpty())
        return QStringLiteral("keep every version");
    QStringList parts;
    if (isCountRule(keepLast))
        parts << (keepLast < 0 ? QStringLiteral("every version")
                               : QStringLiteral("the last %1").arg(keepLast));
    const std::pair<int, const char *> counts[] = {{keepHourly, "hourly"},
                                                   {keepDaily, "daily"},
                                                   {keepWeekly, "weekly"},
                                                   {keepMonthly, "monthly"},
                                                   {keepYearly, "yearly"}};
    for (const auto &[n, name] : counts)
        if (isCountRule(n))
            parts << QStringLiteral("%1 %2").arg(n < 0 ? QStringLiteral("all") : QString::number(n),
                                                 QString::fromLatin1(name));
    if (!keepWithin.isZero())
        parts << QStringLiteral("every version within %1").arg(keepWithin.toString());
    const std::pair<const RetentionDuration *, const char *> withins[] = {{&keepWithinHourly, "hourly"},
                                                                          {&keepWithinDaily, "daily"},
                                                                          {&keepWithinWeekly, "weekly"},
                                                                          {&keepWithinMonthly, "monthly"},
                                                                          {&keepWithinYearly, "yearly"}};
    for (const auto &[d, name] : withins)
        if (!d->isZero())
            parts << QStringLiteral("%1 within %2").arg(QString::fromLatin1(name), d->toString());
    if (!keepTags.isEmpty())
        parts << QStringLiteral("tagged %1").arg(keepTags.join(QStringLiteral(" or ")));
    if (parts.isEmpty())
        return QStringLiteral("keep the newest versions that fit in %1").arg(bytesText(maxTotalBytes));
    QString s = QStringLiteral("keep ") + parts.join(QStringLiteral(", "));
    if (maxTotalBytes > 0)
        s += QStringLiteral("; at most %1").arg(bytesText(maxTotalBytes));
    return s;
}

QList<RetentionDecision> applyRetention(const QList<Snapshot> &versions, const RetentionPolicy &policy,
                                        const QDateTime &now, const RetentionSizeFn &addedSize)
{
    std::map<std::pair<QString, QString>, std::vector<Entry>> groups;
    for (const Snapshot &s : versions)
        groups[{s.set, s.host}].push_back(entryFor(s));
    QList<RetentionDecision> out;
    out.reserve(versions.size());
    for (auto &[key, entries] : groups) {
        std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
            const Snapshot &x = *a.version, &y = *b.version;
            return x.time != y.time ? x.time > y.time : x.id < y.id;
        });
        decideGroup(entries, policy, now, addedSize);
        for (Entry &e : entries)
            out << std::move(e.decision);
    }
    return out;
}

} // namespace strata
