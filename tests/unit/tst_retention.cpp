// Tests applyRetention, the pure decision behind forget, the set editor's preview and the
// timeline's marks: durations, the count and "within" rules on synthetic histories (many versions
// in one hour, a clock that went backwards, both DST changes), tags and pins, safety versions,
// groups by set and host, the newest always kept, future dates and the size limit; and the rules
// matched against restic 0.14's own `forget --dry-run` on a real restic repository.
// The whole test runs in Europe/Berlin, so the histories cross DST changes.
#include "retention/RetentionPolicy.h"

#include "TestUtil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <ctime>
#include <deque>
#include <memory>
#include <utility>

using namespace strata;

// Policies are written as designated initializers ({.keepDaily = 7}): leaving the other members at
// their defaults is the point, so GCC's warning about that is off here.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace {

QDateTime local(int y, int mo, int d, int h, int mi = 0, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::LocalTime);
}

QDateTime utc(int y, int mo, int d, int h, int mi = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), Qt::UTC);
}

Snapshot version(const QString &id, const QDateTime &time, const QString &set = QStringLiteral("s"),
                 const QString &host = QStringLiteral("h"))
{
    Snapshot s;
    s.id = id;
    s.time = time.toUTC();
    s.set = set;
    s.host = host;
    return s;
}

// "a b c" -> {"a", "b", "c"}: lists of ids and command lines stay readable.
QStringList words(const char *text)
{
    return QString::fromLatin1(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QStringList keptIds(const QList<RetentionDecision> &decisions)
{
    QStringList ids;
    for (const RetentionDecision &d : decisions)
        if (d.keep)
            ids << d.id;
    ids.sort();
    return ids;
}

QStringList reasonsOf(const QList<RetentionDecision> &decisions, const QString &id)
{
    for (const RetentionDecision &d : decisions)
        if (d.id == id)
            return d.reasons;
    return {QStringLiteral("<no decision for %1>").arg(id)};
}

// What the header promises for every call: each version once, with reasons, grouped by set and
// host in order, newest first (ties by id). Empty when all holds.
QString brokenPromise(const QList<Snapshot> &versions, const QList<RetentionDecision> &decisions)
{
    if (decisions.size() != versions.size())
        return QStringLiteral("%1 decisions for %2 versions").arg(decisions.size()).arg(versions.size());
    QHash<QString, const Snapshot *> byId;
    for (const Snapshot &s : versions)
        byId.insert(s.id, &s);
    QSet<QString> seen;
    for (qsizetype i = 0; i < decisions.size(); ++i) {
        const RetentionDecision &d = decisions[i];
        const Snapshot *s = byId.value(d.id);
        if (!s || seen.contains(d.id))
            return QStringLiteral("%1 is unknown or decided twice").arg(d.id);
        seen.insert(d.id);
        if (s->set != d.set || s->host != d.host || s->time != d.time)
            return QStringLiteral("%1: set, host or time differs from the version's").arg(d.id);
        if (d.reasons.isEmpty())
            return QStringLiteral("%1 has no reason").arg(d.id);
        if (i == 0)
            continue;
        const RetentionDecision &p = decisions[i - 1];
        const auto key = std::pair(d.set, d.host), prevKey = std::pair(p.set, p.host);
        const bool ordered =
            prevKey < key || (prevKey == key && (p.time > d.time || (p.time == d.time && p.id < d.id)));
        if (!ordered)
            return QStringLiteral("%1 comes after %2").arg(d.id, p.id);
    }
    return {};
}

// restic derives a key with scrypt on every run (about half a second of CPU, however small the
// backup), so the runs go in parallel: each writes its output to a file, so a full pipe cannot
// stall a process nobody is reading.
class ResticRunner final
{
public:
    ResticRunner(QString program, QProcessEnvironment env, QString outDir)
        : m_program(std::move(program)), m_env(std::move(env)), m_outDir(std::move(outDir))
    {}

    strata::test::RunResult run(const QStringList &args) const
    {
        return strata::test::runProgram(m_program, args, m_env, {}, 60000);
    }

    // The standard output of each command, in order; an error names the first that failed.
    Result<QList<QByteArray>> runAll(const QList<QStringList> &commands, int parallel) const
    {
        std::deque<std::pair<qsizetype, std::unique_ptr<QProcess>>> running;
        QString failure;
        const auto finishOldest = [&] {
            auto [index, p] = std::move(running.front());
            running.pop_front();
            const bool done = p->waitForFinished(60000);
            if (failure.isEmpty() && (!done || p->exitStatus() != QProcess::NormalExit || p->exitCode() != 0))
                failure = QStringLiteral("restic %1 failed (exit %2): %3")
                              .arg(commands[index].join(QLatin1Char(' ')))
                              .arg(p->exitCode())
                              .arg(QString::fromLocal8Bit(p->readAllStandardError()).trimmed());
        };
        for (qsizetype i = 0; i < commands.size(); ++i) {
            if (qsizetype(running.size()) >= parallel)
                finishOldest();
            auto p = std::make_unique<QProcess>();
            p->setProcessEnvironment(m_env);
            p->setStandardOutputFile(outPath(i));
            p->start(m_program, commands[i]);
            running.emplace_back(i, std::move(p));
        }
        while (!running.empty())
            finishOldest();
        if (!failure.isEmpty())
            return Error::io(failure);
        QList<QByteArray> outputs;
        for (qsizetype i = 0; i < commands.size(); ++i) {
            QFile f(outPath(i));
            if (!f.open(QIODevice::ReadOnly))
                return Error::io(QStringLiteral("cannot read %1").arg(f.fileName()));
            outputs << f.readAll();
        }
        return outputs;
    }

private:
    QString outPath(qsizetype i) const { return m_outDir + QStringLiteral("/out-%1.txt").arg(i); }

    QString m_program;
    QProcessEnvironment m_env;
    QString m_outDir;
};

// The last Sunday of a month: Europe's DST changes happen on those of March and October.
QDate lastSunday(int year, int month)
{
    QDate d = QDate(year, month, 1).addMonths(1).addDays(-1);
    return d.addDays(-(d.dayOfWeek() % 7));
}

// Wall-clock time stamps for `restic backup --time`, newest first, deterministic for a seed and
// an end: bursts within an hour, hours and days apart, and gaps of months.
QStringList historyStamps(quint32 seed, const QDateTime &newest, int count, int longGapDays)
{
    QRandomGenerator rng(seed);
    QStringList stamps;
    QDateTime t = newest.toUTC();
    for (int i = 0; i < count; ++i) {
        stamps << t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        const quint32 kind = rng.bounded(20);
        const qint64 step = kind < 7    ? 60 * qint64(1 + rng.bounded(55))
                            : kind < 11 ? 3600 * qint64(1 + rng.bounded(12))
                            : kind < 15 ? 86400 * qint64(1 + rng.bounded(6))
                                        : 86400 * qint64(20 + rng.bounded(longGapDays));
        t = t.addSecs(-step - rng.bounded(60));
    }
    return stamps;
}

// Around last year's DST changes: the hours before and after the jump, the hour that autumn
// repeats (restic resolves it to CET; the test reads the times back), and local midnight between a
// Sunday and a Monday, which is not UTC's.
QStringList dstStamps(int year)
{
    const QString spring = lastSunday(year - 1, 3).toString(Qt::ISODate);
    const QString springMonday = lastSunday(year - 1, 3).addDays(1).toString(Qt::ISODate);
    const QString autumn = lastSunday(year - 1, 10).toString(Qt::ISODate);
    const QString autumnMonday = lastSunday(year - 1, 10).addDays(1).toString(Qt::ISODate);
    QStringList stamps;
    for (const char *t : {"01:20:11", "01:50:12", "03:10:13", "03:40:14", "23:30:19"})
        stamps << spring + QLatin1Char(' ') + QLatin1String(t);
    for (const char *t : {"01:40:15", "02:20:16", "03:05:17", "23:30:21"})
        stamps << autumn + QLatin1Char(' ') + QLatin1String(t);
    return stamps << springMonday + QStringLiteral(" 00:20:20") << autumnMonday + QStringLiteral(" 00:20:22");
}

struct ResticCase
{
    const char *name;
    const char *args; // restic forget's options
    RetentionPolicy policy;
};

// Every rule restic 0.14 has, alone and combined. No -1 ("unlimited" arrived in 0.15) and nothing
// Strata adds but weeks, written in days for restic. Durations end on the 14th and the 9th of a
// month, so no month-end clamping (where restic differs) comes into play.
QList<ResticCase> resticCases()
{
    return {
        {"last", "--keep-last 7", {.keepLast = 7}},
        {"hourly", "--keep-hourly 12", {.keepHourly = 12}},
        {"daily", "--keep-daily 30", {.keepDaily = 30}},
        {"weekly", "--keep-weekly 30", {.keepWeekly = 30}},
        {"monthly", "--keep-monthly 14", {.keepMonthly = 14}},
        {"yearly", "--keep-yearly 2", {.keepYearly = 2}},
        {"all counts",
         "--keep-last 3 --keep-hourly 4 --keep-daily 6 --keep-weekly 5 --keep-monthly 8 --keep-yearly 3",
         {.keepLast = 3,
          .keepHourly = 4,
          .keepDaily = 6,
          .keepWeekly = 5,
          .keepMonthly = 8,
          .keepYearly = 3}},
        {"within", "--keep-within 1y2m3d12h", {.keepWithin = {1, 2, 0, 3, 12}}},
        {"within hourly", "--keep-within-hourly 2y", {.keepWithinHourly = {.years = 2}}},
        {"within daily",
         "--keep-within-daily 2y --keep-last 2",
         {.keepLast = 2, .keepWithinDaily = {.years = 2}}},
        {"within weekly, monthly, yearly",
         "--keep-within-weekly 2y --keep-within-monthly 2y6m --keep-within-yearly 10y",
         {.keepWithinWeekly = {.years = 2}, .keepWithinMonthly = {2, 6}, .keepWithinYearly = {.years = 10}}},
        {"within weeks and counts",
         "--keep-within 14d --keep-daily 4 --keep-monthly 3",
         {.keepDaily = 4, .keepMonthly = 3, .keepWithin = {.weeks = 2}}},
        {"tag", "--keep-tag keep --keep-weekly 2", {.keepWeekly = 2, .keepTags = {QStringLiteral("keep")}}},
    };
}

Result<QList<Snapshot>> resticSnapshots(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (!doc.isArray())
        return Error::corrupt(QStringLiteral("restic snapshots --json: %1").arg(error.errorString()));
    QList<Snapshot> out;
    for (const QJsonValue &v : doc.array()) {
        const QJsonObject o = v.toObject();
        Snapshot s =
            version(o.value(QStringLiteral("id")).toString(),
                    QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs),
                    QStringLiteral("files"), o.value(QStringLiteral("hostname")).toString());
        for (const QJsonValue &tag : o.value(QStringLiteral("tags")).toArray())
            s.tags << tag.toString();
        if (!s.time.isValid() || s.id.isEmpty())
            return Error::corrupt(
                QStringLiteral("restic snapshots --json: no id or time in %1")
                    .arg(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact))));
        out << s;
    }
    return out;
}

// The ids restic's forget keeps, by host: an array of groups, each with "keep" (null when empty).
QHash<QString, QSet<QString>> resticKept(const QByteArray &json)
{
    QHash<QString, QSet<QString>> kept;
    for (const QJsonValue &g : QJsonDocument::fromJson(json).array()) {
        const QJsonObject group = g.toObject();
        QSet<QString> &ids = kept[group.value(QStringLiteral("host")).toString()];
        for (const QJsonValue &s : group.value(QStringLiteral("keep")).toArray())
            ids.insert(s.toObject().value(QStringLiteral("id")).toString());
    }
    return kept;
}

} // namespace

class TestRetention final : public QObject
{
    Q_OBJECT

    QString m_broken;

    // applyRetention, with the header's promises checked for every call (reported in cleanup()).
    QList<RetentionDecision> decide(const QList<Snapshot> &versions, const RetentionPolicy &policy,
                                    const QDateTime &now, const RetentionSizeFn &addedSize = {})
    {
        QList<RetentionDecision> decisions = applyRetention(versions, policy, now, addedSize);
        if (m_broken.isEmpty())
            m_broken = brokenPromise(versions, decisions);
        return decisions;
    }

    static QList<Snapshot> daily(int count, const QDate &first = QDate(2026, 1, 1))
    {
        QList<Snapshot> v;
        for (int i = 0; i < count; ++i)
            v << version(QStringLiteral("v%1").arg(i),
                         QDateTime(first.addDays(i), QTime(10, 0), Qt::LocalTime));
        return v;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("TZ", "Europe/Berlin");
        tzset();
        // If the zone did not take, every DST test below would pass or fail for the wrong reason.
        QCOMPARE(utc(2026, 7, 1, 12).toLocalTime().time(), QTime(14, 0));
        QCOMPARE(utc(2026, 1, 1, 12).toLocalTime().time(), QTime(13, 0));
    }

    void cleanup()
    {
        const QString broken = std::exchange(m_broken, QString());
        QVERIFY2(broken.isEmpty(), qPrintable(broken));
    }

    void durationParses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<RetentionDuration>("expected");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("empty") << QString() << RetentionDuration{} << QString();
        QTest::newRow("zero") << QStringLiteral("0d") << RetentionDuration{} << QString();
        QTest::newRow("weeks") << QStringLiteral("2w3d") << RetentionDuration{0, 0, 2, 3, 0}
                               << QStringLiteral("2w3d");
        QTest::newRow("months") << QStringLiteral("1y6m") << RetentionDuration{1, 6, 0, 0, 0}
                                << QStringLiteral("1y6m");
        QTest::newRow("hours") << QStringLiteral("36h") << RetentionDuration{0, 0, 0, 0, 36}
                               << QStringLiteral("36h");
        QTest::newRow("any order") << QStringLiteral("5h1y") << RetentionDuration{1, 0, 0, 0, 5}
                                   << QStringLiteral("1y5h");
        QTest::newRow("all units") << QStringLiteral("4d5h1y2m3w") << RetentionDuration{1, 2, 3, 4, 5}
                                   << QStringLiteral("1y2m3w4d5h");
        QTest::newRow("limit") << QStringLiteral("100000h") << RetentionDuration{0, 0, 0, 0, 100000}
                               << QStringLiteral("100000h");
        QTest::newRow("spaces, zeros")
            << QStringLiteral(" 007d ") << RetentionDuration{0, 0, 0, 7, 0} << QStringLiteral("7d");
    }
    void durationParses()
    {
        QFETCH(QString, text);
        QFETCH(RetentionDuration, expected);
        QFETCH(QString, canonical);
        const Result<RetentionDuration> d = RetentionDuration::parse(text);
        QVERIFY2(d.ok(), qPrintable(d.ok() ? QString() : d.error().message));
        QVERIFY(*d == expected);
        QCOMPARE(d->toString(), canonical);
        QCOMPARE(d->isZero(), canonical.isEmpty());
        QVERIFY(*RetentionDuration::parse(canonical) == expected);
    }

    void durationRejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("why");
        QTest::newRow("unknown unit") << QStringLiteral("3x") << QStringLiteral("unknown unit 'x'");
        QTest::newRow("no number") << QStringLiteral("d") << QStringLiteral("'d' has no number");
        QTest::newRow("no unit") << QStringLiteral("12") << QStringLiteral("12 has no unit");
        QTest::newRow("no last unit") << QStringLiteral("1d12") << QStringLiteral("12 has no unit");
        QTest::newRow("twice") << QStringLiteral("2d1h2d") << QStringLiteral("'d' is given twice");
        QTest::newRow("negative") << QStringLiteral("-3d") << QStringLiteral("cannot be negative");
        QTest::newRow("too long") << QStringLiteral("100001d") << QStringLiteral("at most 100000");
        QTest::newRow("overflow") << QStringLiteral("99999999999999999999y")
                                  << QStringLiteral("at most 100000");
        QTest::newRow("upper case") << QStringLiteral("1D") << QStringLiteral("lower case: 'd', not 'D'");
        QTest::newRow("inner space") << QStringLiteral("2d 3h") << QStringLiteral("unexpected ' '");
    }
    void durationRejects()
    {
        QFETCH(QString, text);
        QFETCH(QString, why);
        const Result<RetentionDuration> d = RetentionDuration::parse(text);
        QVERIFY(!d.ok());
        QCOMPARE(d.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(d.error().message.contains(why), qPrintable(d.error().message));
        QVERIFY2(d.error().message.contains(QLatin1Char('"') + text + QLatin1Char('"')),
                 qPrintable(d.error().message));
    }

    void durationBefore_data()
    {
        QTest::addColumn<QString>("duration");
        QTest::addColumn<QDateTime>("from");
        QTest::addColumn<QDateTime>("expected");
        QTest::addColumn<qint64>("hours");
        QTest::newRow("month from 31 March")
            << QStringLiteral("1m") << local(2026, 3, 31, 12) << local(2026, 2, 28, 12) << 0LL;
        QTest::newRow("leap year") << QStringLiteral("1m") << local(2028, 3, 31, 12) << local(2028, 2, 29, 12)
                                   << 0LL;
        QTest::newRow("year from 29 Feb")
            << QStringLiteral("1y") << local(2028, 2, 29, 8) << local(2027, 2, 28, 8) << 0LL;
        QTest::newRow("months before days")
            << QStringLiteral("1m1d") << local(2026, 3, 31, 12) << local(2026, 2, 27, 12) << 0LL;
        QTest::newRow("weeks") << QStringLiteral("2w") << local(2026, 5, 15, 9) << local(2026, 5, 1, 9)
                               << 14 * 24LL;
        QTest::newRow("every unit") << QStringLiteral("1y2m3w4d5h") << local(2026, 12, 3, 10)
                                    << local(2025, 9, 8, 5) << 0LL;
        // Days keep the wall clock across a DST change; hours are elapsed time.
        QTest::newRow("spring day") << QStringLiteral("1d") << local(2026, 3, 29, 12)
                                    << local(2026, 3, 28, 12) << 23LL;
        QTest::newRow("spring 24h") << QStringLiteral("24h") << local(2026, 3, 29, 12)
                                    << local(2026, 3, 28, 11) << 24LL;
        QTest::newRow("autumn day") << QStringLiteral("1d") << local(2026, 10, 25, 12)
                                    << local(2026, 10, 24, 12) << 25LL;
    }
    void durationBefore()
    {
        QFETCH(QString, duration);
        QFETCH(QDateTime, from);
        QFETCH(QDateTime, expected);
        QFETCH(qint64, hours);
        const RetentionDuration d = *RetentionDuration::parse(duration);
        const QDateTime got = d.before(from.toUTC()); // the zone of the input does not matter
        QCOMPARE(got, expected);
        QCOMPARE(got.toLocalTime().toString(Qt::ISODate), expected.toString(Qt::ISODate));
        if (hours)
            QCOMPARE(got.secsTo(from), hours * 3600);
    }

    void presetsAndDescriptions()
    {
        QVERIFY(RetentionPolicy{}.isEmpty());
        QVERIFY((RetentionPolicy{.safetyDays = 5}).isEmpty());
        QVERIFY(!(RetentionPolicy{.keepYearly = -1}).isEmpty());
        QVERIFY(!(RetentionPolicy{.keepWithinMonthly = {.hours = 1}}).isEmpty());
        QVERIFY(!(RetentionPolicy{.keepTags = {QStringLiteral("x")}}).isEmpty());
        QVERIFY(!(RetentionPolicy{.maxTotalBytes = 1}).isEmpty());

        const RetentionPolicy defaults = RetentionPolicy::defaults();
        QVERIFY(defaults == (RetentionPolicy{.keepLast = 10, .maxTotalBytes = 1000000000}));
        QCOMPARE(defaults.describe(), QStringLiteral("keep the last 10; at most 953.7 MiB"));

        const RetentionPolicy tm = RetentionPolicy::timeMachine();
        QVERIFY(tm == (RetentionPolicy{
                          .keepWeekly = -1, .keepWithin = {.hours = 24}, .keepWithinDaily = {.months = 1}}));
        QCOMPARE(tm.describe(), QStringLiteral("keep all weekly, every version within 24h, daily within 1m"));

        QCOMPARE(RetentionPolicy{}.describe(), QStringLiteral("keep every version"));
        const RetentionPolicy mixed{.keepLast = 10,
                                    .keepDaily = 7,
                                    .keepWithin = {.weeks = 2, .days = 3},
                                    .keepTags = {QStringLiteral("a"), QStringLiteral("b")},
                                    .maxTotalBytes = qint64(1) << 30};
        QCOMPARE(mixed.describe(),
                 QStringLiteral(
                     "keep the last 10, 7 daily, every version within 2w3d, tagged a or b; at most 1.0 GiB"));
        QCOMPARE((RetentionPolicy{.maxTotalBytes = 500}).describe(),
                 QStringLiteral("keep the newest versions that fit in 500 bytes"));
    }

    void emptyPolicyKeepsEverything()
    {
        QList<Snapshot> v = daily(4);
        v[1].kind = BackupKind::Safety; // two years old by `now`: only an empty policy keeps it
        v << version(QStringLiteral("future"), local(2031, 1, 1, 0));
        const auto d = decide(v, RetentionPolicy{.safetyDays = 1}, local(2028, 1, 1, 0));
        QCOMPARE(keptIds(d), words("future v0 v1 v2 v3"));
        QCOMPARE(reasonsOf(d, QStringLiteral("v1")), QStringList{QStringLiteral("the policy has no rules")});
    }

    void manyVersionsInOneHour()
    {
        QList<Snapshot> v;
        for (int m = 0; m < 40; ++m)
            v << version(QStringLiteral("a%1").arg(m, 2, 10, QLatin1Char('0')), local(2026, 5, 1, 10, m));
        v << version(QStringLiteral("b1"), local(2026, 5, 1, 11, 5))
          << version(QStringLiteral("b2"), local(2026, 5, 1, 11, 45))
          << version(QStringLiteral("c"), local(2026, 4, 30, 22, 0));
        const QDateTime now = local(2026, 5, 2, 0);
        const auto hourly = decide(v, {.keepHourly = 2}, now);
        QCOMPARE(keptIds(hourly), words("a39 b2"));
        QCOMPARE(reasonsOf(hourly, QStringLiteral("a39")), QStringList{QStringLiteral("hourly")});
        QCOMPARE(hourly.first().id, QStringLiteral("b2"));
        QCOMPARE(keptIds(decide(v, {.keepHourly = 5}, now)), words("a39 b2 c"));
        QCOMPARE(keptIds(decide(v, {.keepDaily = 2}, now)), words("b2 c"));
        QCOMPARE(keptIds(decide(v, {.keepLast = 3}, now)), words("a39 b1 b2"));
        QCOMPARE(keptIds(decide(v, {.keepWithinHourly = {.hours = 3}}, now.addSecs(-11 * 3600))),
                 words("a39 b2"));
    }

    void clockThatWentBackwards()
    {
        // Made in the order of their ids, with the clock set back twice: the times decide.
        QList<Snapshot> v;
        QDateTime t = local(2026, 2, 1, 9);
        for (int i = 0; i < 24; ++i) {
            t = t.addSecs(i == 8 ? -5 * 86400 : i == 16 ? -3 * 3600 : 7 * 3600);
            v << version(QStringLiteral("made%1").arg(i, 2, 10, QLatin1Char('0')), t);
        }
        const RetentionPolicy p{.keepLast = 2, .keepDaily = 3, .keepWeekly = 2, .keepWithin = {.hours = 12}};
        const QDateTime now = local(2026, 3, 1, 0);
        QList<Snapshot> sorted = v;
        std::sort(sorted.begin(), sorted.end(),
                  [](const Snapshot &a, const Snapshot &b) { return a.time > b.time; });
        const auto expected = decide(sorted, p, now);
        QVERIFY(keptIds(expected).size() < v.size());
        QRandomGenerator rng(7);
        for (int round = 0; round < 5; ++round) {
            const auto got = decide(v, p, now);
            QCOMPARE(got.size(), expected.size());
            for (qsizetype i = 0; i < got.size(); ++i) {
                QCOMPARE(got[i].id, expected[i].id);
                QCOMPARE(got[i].keep, expected[i].keep);
                QCOMPARE(got[i].reasons, expected[i].reasons);
            }
            std::shuffle(v.begin(), v.end(), rng);
        }
    }

    void autumnRepeatsAnHour()
    {
        // 25 October 2026: 03:00 CEST becomes 02:00 CET. 02:30 CEST and 02:30 CET are different
        // UTC hours but one wall-clock hour, and restic buckets by the wall clock.
        const QDateTime cest = utc(2026, 10, 25, 0, 30), cet = utc(2026, 10, 25, 1, 30);
        QCOMPARE(cest.toLocalTime().time(), QTime(2, 30));
        QCOMPARE(cet.toLocalTime().time(), QTime(2, 30));
        const QList<Snapshot> v{version(QStringLiteral("cest"), cest), version(QStringLiteral("cet"), cet),
                                version(QStringLiteral("later"), cet.addSecs(3600))};
        const auto d = decide(v, {.keepHourly = 10}, cet.addDays(1));
        QCOMPARE(keptIds(d), words("cet later"));
        QCOMPARE(reasonsOf(d, QStringLiteral("cest")), QStringList{QStringLiteral("matched no rule")});
    }

    void springSkipsAnHour()
    {
        // 29 March 2026: 02:00 CET becomes 03:00 CEST, and from then on local midnight is 22:00 UTC.
        const QList<Snapshot> v{
            version(QStringLiteral("1:40"), utc(2026, 3, 29, 0, 40)), // 01:40 CET
            version(QStringLiteral("3:20"), utc(2026, 3, 29, 1, 20)), // 03:20 CEST
            version(QStringLiteral("3:50"), utc(2026, 3, 29, 1, 50)), // 03:50 CEST
            version(QStringLiteral("sun"), utc(2026, 3, 29, 21, 30)), // Sunday 23:30 CEST, ISO week 13
            version(QStringLiteral("mon"), utc(2026, 3, 29, 22, 30)), // Monday 00:30 CEST, ISO week 14
        };
        const QDateTime now = local(2026, 4, 10, 0);
        QCOMPARE(keptIds(decide(v, {.keepHourly = 4}, now)), words("1:40 3:50 mon sun"));
        // In UTC all five fall on one day and in one week.
        QCOMPARE(keptIds(decide(v, {.keepDaily = -1}, now)), words("mon sun"));
        QCOMPARE(keptIds(decide(v, {.keepWeekly = -1}, now)), words("mon sun"));
        QCOMPARE(keptIds(decide(v, {.keepWithinDaily = {.days = 1}}, now)), words("mon sun"));
    }

    void tagsAndPins()
    {
        QList<Snapshot> v = daily(6);
        v[1].tags = {QStringLiteral("important")};
        v[2].tags = {kPinnedTag};
        v[3].tags = {QStringLiteral("other"), QStringLiteral("important")};
        const auto d = decide(v, {.keepLast = 1, .keepTags = {QStringLiteral("important"), kPinnedTag}},
                              local(2026, 2, 1, 0));
        QCOMPARE(keptIds(d), words("v1 v2 v3 v5"));
        QCOMPARE(reasonsOf(d, QStringLiteral("v1")), QStringList{QStringLiteral("tagged important")});
        QCOMPARE(reasonsOf(d, QStringLiteral("v2")), QStringList{QStringLiteral("pinned")});
        QCOMPARE(reasonsOf(d, QStringLiteral("v5")), QStringList{QStringLiteral("last 1")});
        QCOMPARE(reasonsOf(d, QStringLiteral("v4")), QStringList{QStringLiteral("matched no rule")});
        // Pinned without being listed; tags are matched exactly.
        QCOMPARE(keptIds(decide(v, {.keepTags = {QStringLiteral("Important")}}, local(2026, 2, 1, 0))),
                 words("v2 v5"));
    }

    void safetyVersionsGoByAge()
    {
        const QDateTime now = local(2026, 6, 30, 12);
        QList<Snapshot> v = daily(4, QDate(2026, 6, 1));
        const auto safety = [&](const char *id, qint64 ageHours) {
            Snapshot s = version(QString::fromLatin1(id), now.addSecs(-ageHours * 3600));
            s.kind = BackupKind::Safety;
            return s;
        };
        v << safety("s1h", 1) << safety("s29d", 29 * 24) << safety("s31d", 31 * 24)
          << safety("sPinned", 100 * 24);
        v.last().tags = {kPinnedTag};
        // The two newest safety versions take no place among the last two.
        const auto d = decide(v, {.keepLast = 2}, now);
        QCOMPARE(keptIds(d), words("s1h s29d sPinned v2 v3"));
        QCOMPARE(reasonsOf(d, QStringLiteral("s29d")),
                 QStringList{QStringLiteral("safety version for 30 days")});
        QCOMPARE(reasonsOf(d, QStringLiteral("s31d")),
                 QStringList{QStringLiteral("safety version older than 30 days")});
        QCOMPARE(keptIds(decide(v, {.keepLast = 2, .safetyDays = 45}, now)),
                 words("s1h s29d s31d sPinned v2 v3"));
        // Nor do they count towards the size limit.
        QStringList measured;
        decide(v, {.keepLast = 2, .maxTotalBytes = 1000}, now, [&](const Snapshot &s) {
            measured << s.id;
            return qint64(1);
        });
        QCOMPARE(measured, words("v3 v2"));
        // A group of safety versions only.
        QCOMPARE(keptIds(decide(v.mid(4), {.keepLast = 1}, now)), words("s1h s29d sPinned"));
    }

    void groupsBySetAndHost()
    {
        QList<Snapshot> v;
        for (int i = 0; i < 3; ++i) {
            const QDateTime t = local(2026, 4, 1 + i, 10);
            v << version(QStringLiteral("sl%1").arg(i), t, QStringLiteral("s"), QStringLiteral("laptop"))
              << version(QStringLiteral("sd%1").arg(i), t.addSecs(60), QStringLiteral("s"),
                         QStringLiteral("desktop"))
              << version(QStringLiteral("tl%1").arg(i), t.addSecs(120), QStringLiteral("t"),
                         QStringLiteral("laptop"));
        }
        const auto d = decide(v, {.keepLast = 1}, local(2026, 5, 1, 0));
        QCOMPARE(keptIds(d), words("sd2 sl2 tl2"));
        QCOMPARE(d.first().id, QStringLiteral("sd2")); // (s, desktop) < (s, laptop) < (t, laptop)
        QCOMPARE(d.last().id, QStringLiteral("tl0"));
        // "Within" counts from each group's own newest: a host that stopped keeps its last days.
        v << version(QStringLiteral("old0"), local(2025, 3, 1, 10), QStringLiteral("s"),
                     QStringLiteral("old"))
          << version(QStringLiteral("old1"), local(2025, 3, 6, 11), QStringLiteral("s"),
                     QStringLiteral("old"))
          << version(QStringLiteral("old2"), local(2025, 3, 8, 10), QStringLiteral("s"),
                     QStringLiteral("old"));
        QCOMPARE(keptIds(decide(v, {.keepWithin = {.days = 2}}, local(2026, 5, 1, 0))),
                 words("old1 old2 sd1 sd2 sl1 sl2 tl1 tl2"));
    }

    void newestIsAlwaysKept()
    {
        const QList<Snapshot> v = daily(4);
        const auto d = decide(v, {.keepTags = {QStringLiteral("nothing-has-this")}}, local(2026, 2, 1, 0));
        QCOMPARE(keptIds(d), words("v3"));
        QCOMPARE(reasonsOf(d, QStringLiteral("v3")), QStringList{QStringLiteral("newest of its set")});
        QCOMPARE(reasonsOf(d, QStringLiteral("v0")), QStringList{QStringLiteral("matched no rule")});
        // Kept by a rule, it needs no other reason.
        QCOMPARE(reasonsOf(decide(v, {.keepDaily = 1}, local(2026, 2, 1, 0)), QStringLiteral("v3")),
                 QStringList{QStringLiteral("daily")});
    }

    void futureVersionsAreKept()
    {
        const QDateTime now = local(2026, 6, 1, 12);
        const auto at = [&](const char *id, qint64 hours) {
            return version(QString::fromLatin1(id), now.addSecs(hours * 3600));
        };
        const QList<Snapshot> v{at("f3d", 72), at("f1y", 24 * 365), at("p1", -1), at("p20", -20),
                                at("p30", -30)};
        const auto d = decide(v, {.keepLast = 2}, now);
        // The future ones take no place in the count.
        QCOMPARE(keptIds(d), words("f1y f3d p1 p20"));
        QCOMPARE(reasonsOf(d, QStringLiteral("f3d")), QStringList{QStringLiteral("dated in the future")});
        // "Within" counts from the newest version that is not in the future.
        QCOMPARE(keptIds(decide(v, {.keepWithin = {.days = 1}}, now)), words("f1y f3d p1 p20"));
        // Only future versions: nothing to measure from, all kept.
        QCOMPARE(keptIds(decide(v.mid(0, 2), {.keepWithin = {.days = 1}}, now)), words("f1y f3d"));
    }

    void sizeLimit()
    {
        QList<Snapshot> v = daily(6);
        v[1].tags = {kPinnedTag};
        const QDateTime now = local(2026, 2, 1, 0);
        QHash<QString, qint64> sizes;
        QStringList measured;
        const RetentionSizeFn size = [&](const Snapshot &s) {
            measured << s.id;
            return sizes.value(s.id, 100);
        };
        // keepLast 5 keeps v1..v5; v5 and v4 fit in 250, v3 would make 300: it goes, v2 with it
        // unmeasured; pinned v1 stays and is measured, v0 was never kept.
        const RetentionPolicy p{.keepLast = 5, .maxTotalBytes = 250};
        auto d = decide(v, p, now, size);
        QCOMPARE(measured, words("v5 v4 v3 v1"));
        QCOMPARE(keptIds(d), words("v1 v4 v5"));
        QCOMPARE(reasonsOf(d, QStringLiteral("v3")),
                 QStringList{QStringLiteral(
                     "over the size limit: with the newer versions it needs 300 bytes of 250 bytes")});
        QCOMPARE(reasonsOf(d, QStringLiteral("v2")),
                 QStringList{
                     QStringLiteral("over the size limit: the newer versions need 300 bytes of 250 bytes")});
        QCOMPARE(reasonsOf(d, QStringLiteral("v0")), QStringList{QStringLiteral("matched no rule")});

        // The newest stays even when it alone is over the limit.
        sizes[QStringLiteral("v5")] = 1000;
        measured.clear();
        d = decide(v, p, now, size);
        QCOMPARE(measured, words("v5 v4 v1"));
        QCOMPARE(keptIds(d), words("v1 v5"));

        // A size limit alone keeps the newest that fit.
        sizes.clear();
        measured.clear();
        d = decide(v, {.maxTotalBytes = 250}, now, size);
        QCOMPARE(keptIds(d), words("v1 v4 v5"));
        QCOMPARE(reasonsOf(d, QStringLiteral("v4")), QStringList{QStringLiteral("fits the size limit")});

        // No limit, or no way to measure: never asked.
        measured.clear();
        QCOMPARE(keptIds(decide(v, {.keepLast = 5}, now, size)), words("v1 v2 v3 v4 v5"));
        QCOMPARE(keptIds(decide(v, p, now)), words("v1 v2 v3 v4 v5"));
        QVERIFY(measured.isEmpty());
    }

    // The same time stamps in a real restic repository and in applyRetention: for each policy,
    // restic's forget --dry-run and Strata keep the same versions of each host.
    void matchesRestic()
    {
        const QString program = QStandardPaths::findExecutable(QStringLiteral("restic"));
        if (program.isEmpty())
            QFAIL("restic is not on PATH; this test compares with restic 0.14's forget "
                  "(installer/setup.sh --test installs it)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("RESTIC_PASSWORD"), QStringLiteral("retention-test"));
        env.insert(QStringLiteral("RESTIC_REPOSITORY"), dir.filePath(QStringLiteral("repo")));
        env.insert(QStringLiteral("RESTIC_CACHE_DIR"), dir.filePath(QStringLiteral("cache")));
        // restic reads --time as local time and buckets in local time, as this process does.
        env.insert(QStringLiteral("TZ"), QStringLiteral("Europe/Berlin"));
        const ResticRunner restic(program, env, dir.path());
        const int parallel = std::max(2, QThread::idealThreadCount());

        const auto resticVersion = restic.run({QStringLiteral("version")});
        QVERIFY2(resticVersion.out.startsWith("restic 0.14."),
                 qPrintable(QStringLiteral("this test compares with restic 0.14's forget, found: %1")
                                .arg(resticVersion.describe())));
        const auto init = restic.run({QStringLiteral("init")});
        QVERIFY2(init.exitCode == 0, qPrintable(init.describe()));
        const QString file = dir.filePath(QStringLiteral("data.txt"));
        QVERIFY(strata::test::writeFile(QFile::encodeName(file), "retention"));
        const QList<QStringList> backups = backupCommands(file);
        const auto made = restic.runAll(backups, parallel);
        QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().message));

        // The times as restic stored them: it resolved the hour that autumn repeats.
        const auto listed = restic.run(words("snapshots --json"));
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.describe()));
        const Result<QList<Snapshot>> versions = resticSnapshots(listed.out);
        QVERIFY2(versions.ok(), qPrintable(versions.ok() ? QString() : versions.error().message));
        QCOMPARE(versions->size(), backups.size());

        const QList<ResticCase> cases = resticCases();
        QList<QStringList> forgets;
        for (const ResticCase &c : cases)
            forgets << words("forget --dry-run --no-lock --json") + words(c.args);
        const auto forgot = restic.runAll(forgets, parallel);
        QVERIFY2(forgot.ok(), qPrintable(forgot.ok() ? QString() : forgot.error().message));
        QStringList mismatches;
        for (qsizetype i = 0; i < cases.size(); ++i)
            mismatches << differences(cases[i], resticKept(forgot->at(i)), *versions);
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(QLatin1Char('\n'))));
    }

private:
    // 56 backups of two hosts: three years up to a few weeks ago (in the past whenever the
    // test runs), ending on the 14th and the 9th of a month; some of alpha's tagged "keep".
    static QList<QStringList> backupCommands(const QString &file)
    {
        QDate end = QDate::currentDate().addDays(-20);
        end = QDate(end.year(), end.month(), 14).addMonths(end.day() < 14 ? -1 : 0);
        const QStringList alpha =
            historyStamps(20261203, QDateTime(end, QTime(10, 17, 23)), 36, 130) + dstStamps(end.year());
        const QStringList beta = historyStamps(4711, QDateTime(end.addDays(-5), QTime(18, 2, 41)), 9, 160);
        QList<QStringList> commands;
        QSet<QString> seen; // the hour autumn repeats could give one wall-clock stamp twice
        for (const auto &[host, stamps] :
             {std::pair(QStringLiteral("alpha"), alpha), std::pair(QStringLiteral("beta"), beta)}) {
            for (qsizetype i = 0; i < stamps.size(); ++i) {
                if (seen.contains(host + stamps[i]))
                    continue;
                seen.insert(host + stamps[i]);
                QStringList args = words("backup -q --host") << host << QStringLiteral("--time") << stamps[i];
                if (host == QLatin1String("alpha") && i % 7 == 3)
                    args << QStringLiteral("--tag") << QStringLiteral("keep");
                commands << (args << file);
            }
        }
        return commands;
    }

    // Where Strata and restic disagree on a case, and whether the case shows anything at all.
    QStringList differences(const ResticCase &c, const QHash<QString, QSet<QString>> &theirs,
                            const QList<Snapshot> &versions)
    {
        QHash<QString, QSet<QString>> ours;
        QHash<QString, QDateTime> timeOf;
        QHash<QString, int> countOf;
        for (const Snapshot &s : versions) {
            timeOf.insert(s.id, s.time);
            ++countOf[s.host];
        }
        for (const RetentionDecision &d : decide(versions, c.policy, QDateTime::currentDateTimeUtc()))
            if (d.keep)
                ours[d.host].insert(d.id);
        const auto times = [&](const QSet<QString> &ids) {
            QStringList out;
            for (const QString &id : ids)
                out << timeOf.value(id).toLocalTime().toString(Qt::ISODate);
            out.sort();
            return out.join(QStringLiteral(", "));
        };
        QStringList found;
        const QString name = QString::fromLatin1(c.name);
        for (const QString &host : {QStringLiteral("alpha"), QStringLiteral("beta")}) {
            const QSet<QString> a = theirs.value(host), b = ours.value(host);
            if (a != b)
                found << QStringLiteral("%1 (%2), host %3: only restic keeps [%4]; only Strata keeps [%5]")
                             .arg(name, QString::fromLatin1(c.args), host, times(a - b), times(b - a));
        }
        const qsizetype alphaKept = theirs.value(QStringLiteral("alpha")).size();
        if (alphaKept == 0 || alphaKept == countOf.value(QStringLiteral("alpha")))
            found << QStringLiteral("%1: restic keeps %2 of alpha's %3 versions, so the case shows nothing")
                         .arg(name)
                         .arg(alphaKept)
                         .arg(countOf.value(QStringLiteral("alpha")));
        return found;
    }
};

QTEST_GUILESS_MAIN(TestRetention)
#include "tst_retention.moc"
