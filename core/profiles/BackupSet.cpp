#include "profiles/BackupSet.h"

#include "engine/Excludes.h"

#include <QDir>
#include <QJsonArray>
#include <QUuid>

#include <cmath>
#include <limits>
#include <type_traits>

namespace strata {

namespace {

constexpr int MaxEveryHours = 24 * 7;

QString describe(const BackupSet &set)
{
    if (!set.name.trimmed().isEmpty())
        return QStringLiteral("backup set \"%1\"").arg(set.name);
    if (!set.id.isEmpty())
        return QStringLiteral("backup set %1").arg(set.id);
    return QStringLiteral("backup set");
}

// Typed readers: a key of the wrong type is an error, a missing one leaves the default, so a
// hand-edited file says what is wrong instead of silently falling back.
class Reader final
{
public:
    Reader(const QJsonObject &o, QString where) : m_o(o), m_where(std::move(where)) {}

    Status string(const char *key, QString &out) const
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined())
            return {};
        if (!v.isString())
            return wrongType(key, "a string");
        out = v.toString();
        return {};
    }
    Status boolean(const char *key, bool &out) const
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined())
            return {};
        if (!v.isBool())
            return wrongType(key, "true or false");
        out = v.toBool();
        return {};
    }
    template <typename Int>
    Status integer(const char *key, Int &out) const
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined())
            return {};
        static_assert(std::is_signed_v<Int>);
        const double d = v.toDouble();
        if (!v.isDouble() || std::floor(d) != d)
            return wrongType(key, "a whole number");
        // Compared as a double first: converting one out of range is undefined (found by
        // tests/fuzz/fuzz_sets), and cutting a 64-bit number to an int made 2^32 + 5 hours 5.
        constexpr double limit = -double(std::numeric_limits<Int>::min()); // 2^31 or 2^63, exact
        if (d < -limit || d >= limit)
            return Error::invalid(
                QStringLiteral("%1: \"%2\" is out of range").arg(m_where, QLatin1String(key)));
        out = Int(v.toInteger()); // exact beyond 2^53, where the double is rounded
        return {};
    }
    Status strings(const char *key, QStringList &out) const
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined())
            return {};
        if (!v.isArray())
            return wrongType(key, "a list of strings");
        QStringList list;
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString())
                return wrongType(key, "a list of strings");
            list.append(item.toString());
        }
        out = list;
        return {};
    }
    Status object(const char *key, QJsonObject &out) const
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined())
            return {};
        if (!v.isObject())
            return wrongType(key, "an object");
        out = v.toObject();
        return {};
    }

private:
    Error wrongType(const char *key, const char *expected) const
    {
        return Error::invalid(QStringLiteral("%1: \"%2\" must be %3")
                                  .arg(m_where, QLatin1String(key), QLatin1String(expected)));
    }

    QJsonObject m_o;
    QString m_where;
};

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

BackupKind KindPolicy::kindForNextRun(const QDateTime &lastFull, const QDateTime &now) const
{
    if (normal == BackupKind::Full || !lastFull.isValid())
        return BackupKind::Full;
    if (fullEveryDays <= 0)
        return normal;
    const qint64 age = lastFull.secsTo(now);
    if (age < -24 * 3600)
        return BackupKind::Full;
    // Compared in seconds, not calendar days, so a daylight-saving change or a run a few minutes
    // early does not shift the full run by a whole day.
    if (age >= qint64(fullEveryDays) * 24 * 3600)
        return BackupKind::Full;
    return normal;
}

ScheduleRule Schedule::rule() const
{
    ScheduleRule rule;
    switch (mode) {
    case Schedule::Mode::Manual:
        rule.mode = ScheduleRule::Manual;
        break;
    case Schedule::Mode::EveryHours:
        rule.mode = ScheduleRule::EveryHours;
        break;
    case Schedule::Mode::Daily:
        rule.mode = ScheduleRule::Daily;
        break;
    case Schedule::Mode::Weekly:
        rule.mode = ScheduleRule::Weekly;
        break;
    }
    rule.everyHours = hours;
    rule.at = at;
    rule.weekday = weekday;
    return rule;
}

QString scheduleModeName(Schedule::Mode mode)
{
    switch (mode) {
    case Schedule::Mode::Manual:
        return QStringLiteral("manual");
    case Schedule::Mode::EveryHours:
        return QStringLiteral("every-hours");
    case Schedule::Mode::Daily:
        return QStringLiteral("daily");
    case Schedule::Mode::Weekly:
        return QStringLiteral("weekly");
    }
    return {};
}

std::optional<Schedule::Mode> scheduleModeFromName(const QString &name)
{
    for (Schedule::Mode m :
         {Schedule::Mode::Manual, Schedule::Mode::EveryHours, Schedule::Mode::Daily, Schedule::Mode::Weekly})
        if (scheduleModeName(m) == name)
            return m;
    return std::nullopt;
}

QString passwordStorageName(PasswordStorage storage)
{
    switch (storage) {
    case PasswordStorage::Keychain:
        return QStringLiteral("keychain");
    case PasswordStorage::AskEachTime:
        return QStringLiteral("ask");
    case PasswordStorage::File:
        return QStringLiteral("file");
    }
    return {};
}

std::optional<PasswordStorage> passwordStorageFromName(const QString &name)
{
    for (PasswordStorage s : {PasswordStorage::Keychain, PasswordStorage::AskEachTime, PasswordStorage::File})
        if (passwordStorageName(s) == name)
            return s;
    return std::nullopt;
}

QString BackupSet::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Status BackupSet::validate() const
{
    const QString what = describe(*this);
    auto invalid = [&](const QString &problem) {
        return Error::invalid(what + QStringLiteral(": ") + problem);
    };

    if (id.isEmpty())
        return invalid(QStringLiteral("has no id"));
    if (name.trimmed().isEmpty())
        return invalid(QStringLiteral("has no name"));
    if (sources.isEmpty())
        return invalid(QStringLiteral("has no sources: add at least one folder or file to back up"));
    for (const QString &source : sources) {
        if (source.isEmpty() || !QDir::isAbsolutePath(source))
            return invalid(QStringLiteral("source \"%1\" is not an absolute path").arg(source));
    }
    Excludes probe;
    for (const QString &pattern : excludes) {
        if (Status s = probe.addPattern(pattern); !s)
            return invalid(s.error().message);
    }
    if (maxFileSize < -1 || maxFileSize == 0)
        return invalid(QStringLiteral("the largest file size must be positive, or -1 for no limit"));
    if (repository.trimmed().isEmpty())
        return invalid(QStringLiteral("has no repository"));

    if (kindPolicy.normal == BackupKind::Safety)
        return invalid(QStringLiteral("safety versions are taken by restores, not by a set's runs"));
    if (kindPolicy.fullEveryDays < 0)
        return invalid(QStringLiteral("the days between full backups cannot be negative"));

    switch (schedule.mode) {
    case Schedule::Mode::Manual:
        break;
    case Schedule::Mode::EveryHours:
        if (schedule.hours < 1 || schedule.hours > MaxEveryHours)
            return invalid(QStringLiteral("the schedule's interval must be 1 to %1 hours, not %2")
                               .arg(MaxEveryHours)
                               .arg(schedule.hours));
        break;
    case Schedule::Mode::Weekly:
        if (schedule.weekday < 1 || schedule.weekday > 7)
            return invalid(QStringLiteral("the schedule's weekday must be 1 (Monday) to 7 (Sunday), not %1")
                               .arg(schedule.weekday));
        [[fallthrough]];
    case Schedule::Mode::Daily:
        if (!schedule.at.isValid())
            return invalid(QStringLiteral("the schedule has no valid time of day"));
        break;
    }

    for (const int count : {retention.keepLast, retention.keepHourly, retention.keepDaily,
                            retention.keepWeekly, retention.keepMonthly, retention.keepYearly})
        if (count < -1)
            return invalid(QStringLiteral("retention counts cannot be negative (-1 keeps every period)"));
    if (retention.maxTotalBytes < 0 || retention.safetyDays < 0)
        return invalid(QStringLiteral("retention sizes and days cannot be negative"));
    if (pruneEveryHours < 1)
        return invalid(
            QStringLiteral("prune can run at most once an hour, not every %1 hours").arg(pruneEveryHours));

    if (passwordStorage == PasswordStorage::File && passwordFile.trimmed().isEmpty())
        return invalid(QStringLiteral("the password is read from a file, but no file is given"));
    return {};
}

QJsonObject BackupSet::toJson() const
{
    const QJsonObject kind{{QStringLiteral("normal"), kindName(kindPolicy.normal)},
                           {QStringLiteral("fullEveryDays"), kindPolicy.fullEveryDays}};
    const QJsonObject sched{{QStringLiteral("mode"), scheduleModeName(schedule.mode)},
                            {QStringLiteral("hours"), schedule.hours},
                            {QStringLiteral("at"), schedule.at.toString(QStringLiteral("HH:mm"))},
                            {QStringLiteral("weekday"), schedule.weekday}};
    const QJsonObject keep{{QStringLiteral("keepLast"), retention.keepLast},
                           {QStringLiteral("keepHourly"), retention.keepHourly},
                           {QStringLiteral("keepDaily"), retention.keepDaily},
                           {QStringLiteral("keepWeekly"), retention.keepWeekly},
                           {QStringLiteral("keepMonthly"), retention.keepMonthly},
                           {QStringLiteral("keepYearly"), retention.keepYearly},
                           {QStringLiteral("keepWithin"), retention.keepWithin.toString()},
                           {QStringLiteral("keepWithinHourly"), retention.keepWithinHourly.toString()},
                           {QStringLiteral("keepWithinDaily"), retention.keepWithinDaily.toString()},
                           {QStringLiteral("keepWithinWeekly"), retention.keepWithinWeekly.toString()},
                           {QStringLiteral("keepWithinMonthly"), retention.keepWithinMonthly.toString()},
                           {QStringLiteral("keepWithinYearly"), retention.keepWithinYearly.toString()},
                           {QStringLiteral("keepTags"), toArray(retention.keepTags)},
                           {QStringLiteral("maxTotalBytes"), retention.maxTotalBytes},
                           {QStringLiteral("safetyDays"), retention.safetyDays},
                           {QStringLiteral("autoPrune"), autoPrune},
                           {QStringLiteral("pruneEveryHours"), pruneEveryHours}};
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("sources"), toArray(sources)},
                  {QStringLiteral("excludes"), toArray(excludes)},
                  {QStringLiteral("excludeCaches"), excludeCaches},
                  {QStringLiteral("maxFileSize"), maxFileSize},
                  {QStringLiteral("repository"), repository},
                  {QStringLiteral("kind"), kind},
                  {QStringLiteral("schedule"), sched},
                  {QStringLiteral("retention"), keep},
                  {QStringLiteral("passwordStorage"), passwordStorageName(passwordStorage)}};
    // The path only, and only where it is used: the password itself never reaches this object.
    if (passwordStorage == PasswordStorage::File)
        o.insert(QStringLiteral("passwordFile"), passwordFile);
    if (!preset.isEmpty()) {
        o.insert(QStringLiteral("preset"), preset);
        o.insert(QStringLiteral("presetOptions"), toArray(presetOptions));
    }
    return o;
}

Result<BackupSet> BackupSet::fromJson(const QJsonObject &o)
{
    BackupSet set;
    {
        // The set's own name, if it has one, makes every later message point at it.
        const Reader early(o, describe(set));
        STRATA_TRY(early.string("id", set.id));
        STRATA_TRY(early.string("name", set.name));
    }
    const QString where = describe(set);
    const Reader r(o, where);
    if (!o.contains(QLatin1String("name")))
        return Error::invalid(where + QStringLiteral(": has no name"));
    if (!o.contains(QLatin1String("sources")))
        return Error::invalid(where + QStringLiteral(": has no sources"));
    STRATA_TRY(r.strings("sources", set.sources));
    STRATA_TRY(r.strings("excludes", set.excludes));
    STRATA_TRY(r.boolean("excludeCaches", set.excludeCaches));
    STRATA_TRY(r.integer("maxFileSize", set.maxFileSize));
    STRATA_TRY(r.string("repository", set.repository));

    QJsonObject kind;
    STRATA_TRY(r.object("kind", kind));
    if (!kind.isEmpty()) {
        const Reader k(kind, where + QStringLiteral(", kind"));
        QString normal = kindName(set.kindPolicy.normal);
        STRATA_TRY(k.string("normal", normal));
        const std::optional<BackupKind> parsed = kindFromName(normal);
        if (!parsed)
            return Error::invalid(
                where +
                QStringLiteral(": unknown backup kind \"%1\" (expected full, incremental or differential)")
                    .arg(normal));
        set.kindPolicy.normal = *parsed;
        STRATA_TRY(k.integer("fullEveryDays", set.kindPolicy.fullEveryDays));
    }

    QJsonObject sched;
    STRATA_TRY(r.object("schedule", sched));
    if (!sched.isEmpty()) {
        const Reader s(sched, where + QStringLiteral(", schedule"));
        QString mode = scheduleModeName(set.schedule.mode);
        STRATA_TRY(s.string("mode", mode));
        const std::optional<Schedule::Mode> parsed = scheduleModeFromName(mode);
        if (!parsed)
            return Error::invalid(
                where + QStringLiteral(
                            ": unknown schedule mode \"%1\" (expected manual, every-hours, daily or weekly)")
                            .arg(mode));
        set.schedule.mode = *parsed;
        STRATA_TRY(s.integer("hours", set.schedule.hours));
        STRATA_TRY(s.integer("weekday", set.schedule.weekday));
        QString at;
        STRATA_TRY(s.string("at", at));
        if (!at.isEmpty()) {
            set.schedule.at = QTime::fromString(at, QStringLiteral("HH:mm"));
            if (!set.schedule.at.isValid())
                return Error::invalid(
                    where + QStringLiteral(": schedule time \"%1\" is not a time of day (HH:mm)").arg(at));
        }
    }

    QJsonObject keep;
    STRATA_TRY(r.object("retention", keep));
    {
        const Reader k(keep, where + QStringLiteral(", retention"));
        RetentionPolicy &p = set.retention;
        STRATA_TRY(k.integer("keepLast", p.keepLast));
        STRATA_TRY(k.integer("keepHourly", p.keepHourly));
        STRATA_TRY(k.integer("keepDaily", p.keepDaily));
        STRATA_TRY(k.integer("keepWeekly", p.keepWeekly));
        STRATA_TRY(k.integer("keepMonthly", p.keepMonthly));
        STRATA_TRY(k.integer("keepYearly", p.keepYearly));
        const std::pair<const char *, RetentionDuration *> durations[] = {
            {"keepWithin", &p.keepWithin},
            {"keepWithinHourly", &p.keepWithinHourly},
            {"keepWithinDaily", &p.keepWithinDaily},
            {"keepWithinWeekly", &p.keepWithinWeekly},
            {"keepWithinMonthly", &p.keepWithinMonthly},
            {"keepWithinYearly", &p.keepWithinYearly}};
        for (const auto &[key, field] : durations) {
            QString text;
            STRATA_TRY(k.string(key, text));
            auto parsed = RetentionDuration::parse(text);
            if (!parsed)
                return Error::invalid(where + QStringLiteral(", retention: %1: %2")
                                                  .arg(QString::fromLatin1(key), parsed.error().message));
            *field = *parsed;
        }
        STRATA_TRY(k.strings("keepTags", p.keepTags));
        STRATA_TRY(k.integer("maxTotalBytes", p.maxTotalBytes));
        STRATA_TRY(k.integer("safetyDays", p.safetyDays));
        STRATA_TRY(k.boolean("autoPrune", set.autoPrune));
        STRATA_TRY(k.integer("pruneEveryHours", set.pruneEveryHours));
    }

    QString storage = passwordStorageName(set.passwordStorage);
    STRATA_TRY(r.string("passwordStorage", storage));
    const std::optional<PasswordStorage> parsedStorage = passwordStorageFromName(storage);
    if (!parsedStorage)
        return Error::invalid(
            where + QStringLiteral(": unknown password storage \"%1\" (expected keychain, ask or file)")
                        .arg(storage));
    set.passwordStorage = *parsedStorage;
    STRATA_TRY(r.string("passwordFile", set.passwordFile));
    if (set.passwordStorage != PasswordStorage::File)
        set.passwordFile.clear();

    STRATA_TRY(r.string("preset", set.preset));
    STRATA_TRY(r.strings("presetOptions", set.presetOptions));
    // Options belong to a preset; toJson() writes none without one, so none are read either
    // (found by tests/fuzz/fuzz_sets: the set read would differ from the set written back).
    if (set.preset.isEmpty())
        set.presetOptions.clear();

    STRATA_TRY(set.validate());
    return set;
}

} // namespace strata
