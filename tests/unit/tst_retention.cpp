// Tests applyRetention, the pure decision behind forget: durations, count and "within" rules on
// synthetic histories (many versions in one hour, a clock that went backwards, a DST change),
// tags and pins, safety versions, groups by set and host, the newest always kept, the size
// limit; and the count rules matched against restic's own forget --dry-run on the same times.
#include "retention/RetentionPolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>

using namespace strata;

namespace {

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

QDateTime local(int y, int mo, int d, int h, int mi = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), Qt::LocalTime);
}

QStringList kept(const QList<RetentionDecision> &decisions)
{
    QStringList out;
    for (const RetentionDecision &d : decisions)
        if (d.keep)
            out << d.id;
    out.sort();
    return out;
}

} // namespace

class TestRetention final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Berlin, for a DST change in the histories.
        qputenv("TZ", "Europe/Berlin");
        tzset();
    }

    void durations()
    {
        auto d = RetentionDuration::parse(QStringLiteral("2w3d"));
        QVERIFY(d);
        QCOMPARE(d->weeks, 2);
        QCOMPARE(d->days, 3);
        QCOMPARE(d->toString(), QStringLiteral("2w3d"));
        QCOMPARE(RetentionDuration::parse(QStringLiteral("5h1y"))->toString(), QStringLiteral("1y5h"));
        QVERIFY(RetentionDuration::parse(QString())->isZero());
        for (const char *bad : {"3x", "d", "2d2d", "12", "-1d", "200000d", "1D"})
            QVERIFY2(!RetentionDuration::parse(QString::fromLatin1(bad)), bad);
        QVERIFY(
            RetentionDuration::parse(QStringLiteral("3x")).error().message.contains(QStringLiteral("unit")));
        // A month before 31 March is the end of February.
        const RetentionDuration month{0, 1, 0, 0, 0};
        QCOMPARE(month.before(local(2026, 3, 31, 12)).date(), QDate(2026, 2, 28));
    }

    void emptyPolicyKeepsEverything()
    {
        QList<Snapshot> v;
        for (int i = 0; i < 5; ++i)
            v << version(QString::number(i), local(2026, 1, 1 + i, 10));
        v[2].kind = BackupKind::Safety;
        const auto d = applyRetention(v, RetentionPolicy{}, local(2027, 1, 1, 0));
        QCOMPARE(kept(d).size(), 5);
        QVERIFY(RetentionPolicy{}.isEmpty());
        QVERIFY(!RetentionPolicy::timeMachine().isEmpty());
    }

    void manyVersionsInOneHour()
    {
        QList<Snapshot> v;
        for (int m = 0; m < 50; ++m)
            v << version(QStringLiteral("a%1").arg(m, 2, 10, QLatin1Char('0')), local(2026, 5, 1, 10, m));
        v << version(QStringLiteral("b"), local(2026, 5, 1, 11, 5));
        RetentionPolicy p;
        p.keepHourly = 5;
        const auto d = applyRetention(v, p, local(2026, 5, 2, 0));
        QCOMPARE(kept(d), (QStringList{QStringLiteral("a49"), QStringLiteral("b")}));
        // Newest first, and every version decided once.
        QCOMPARE(d.size(), 51);
        QCOMPARE(d.first().id, QStringLiteral("b"));
    }

    void clockThatWentBackwards()
    {
        // Made in this order, with a clock set back in between: the decision follows the times.
        QList<Snapshot> v{version(QStringLiteral("made1"), local(2026, 6, 10, 9)),
                          version(QStringLiteral("made2"), local(2026, 6, 12, 9)),
                          version(QStringLiteral("made3"), local(2026, 6, 8, 9)),
                          version(QStringLiteral("made4"), local(2026, 6, 11, 9))};
        RetentionPolicy p;
        p.keepLast = 2;
        QCOMPARE(kept(applyRetention(v, p, local(2026, 6, 20, 0))),
                 (QStringList{QStringLiteral("made2"), QStringLiteral("made4")}));
        std::reverse(v.begin(), v.end());
        QCOMPARE(kept(applyRetention(v, p, local(2026, 6, 20, 0))),
                 (QStringList{QStringLiteral("made2"), QStringLiteral("made4")}));
    }

    void dstChangeFollowsWallClockHours()
    {
        // 25 October 2026: 02:00-03:00 happens twice in Berlin. Versions at 02:30 CEST and
        // 02:30 CET are one wall-clock hour, as restic buckets them.
        const QDateTime cest = QDateTime(QDate(2026, 10, 25), QTime(0, 30), Qt::UTC); // 02:30 CEST
        const QDateTime cet = QDateTime(QDate(2026, 10, 25), QTime(1, 30), Qt::UTC);  // 02:30 CET
        QCOMPARE(cest.toLocalTime().time().hour(), cet.toLocalTime().time().hour());
        const QList<Snapshot> v{version(QStringLiteral("first"), cest),
                                version(QStringLiteral("second"), cet),
                                version(QStringLiteral("later"), cet.addSecs(3600))};
        RetentionPolicy p;
        p.keepHourly = 10;
        QCOMPARE(kept(applyRetention(v, p, cet.addDays(1))),
                 (QStringList{QStringLiteral("later"), QStringLiteral("second")}));
    }

    void tagsPinsFutureAndTheNewest()
    {
        QList<Snapshot> v;
        for (int i = 0; i < 6; ++i)
            v << version(QStringLiteral("v%1").arg(i), local(2026, 1, 1 + i, 10));
        v[1].tags = {QStringLiteral("important")};
        v[2].tags = {kPinnedTag};
        v << version(QStringLiteral("future"), local(2030, 1, 1, 0));
        RetentionPolicy p;
        p.keepTags = {QStringLiteral("important")};
        const auto d = applyRetention(v, p, local(2026, 2, 1, 0));
        // Tagged, pinned, dated in the future, and the newest that is not: nothing else.
        QCOMPARE(kept(d), (QStringList{QStringLiteral("future"), QStringLiteral("v1"), QStringLiteral("v2"),
                                       QStringLiteral("v5")}));
        for (const RetentionDecision &x : d) {
            QVERIFY(!x.reasons.isEmpty());
            if (x.id == QLatin1String("v5"))
                QCOMPARE(x.reasons, QStringList{QStringLiteral("newest of its set")});
            if (x.id == QLatin1String("v0"))
                QCOMPARE(x.reasons, QStringList{QStringLiteral("matched no rule")});
        }
    }

    void safetyVersionsByAgeOnly()
    {
        QList<Snapshot> v;
        for (int i = 0; i < 3; ++i)
            v << version(QStringLiteral("r%1").arg(i), local(2026, 3, 1 + i, 10));
        Snapshot oldSafety = version(QStringLiteral("safe-old"), local(2026, 1, 1, 10));
        Snapshot newSafety = version(QStringLiteral("safe-new"), local(2026, 3, 3, 11));
        oldSafety.kind = newSafety.kind = BackupKind::Safety;
        v << oldSafety << newSafety;
        RetentionPolicy p;
        p.keepLast = 2; // the newest safety version must not take a place among the two
        QCOMPARE(kept(applyRetention(v, p, local(2026, 3, 10, 0))),
                 (QStringList{QStringLiteral("r1"), QStringLiteral("r2"), QStringLiteral("safe-new")}));
    }

    void oneHostNeverRemovesAnothersVersions()
    {
        QList<Snapshot> v;
        for (int i = 0; i < 3; ++i) {
            v << version(QStringLiteral("a%1").arg(i), local(2026, 4, 1 + i, 10), QStringLiteral("s"),
                         QStringLiteral("laptop"));
            v << version(QStringLiteral("b%1").arg(i), local(2026, 4, 1 + i, 11), QStringLiteral("s"),
                         QStringLiteral("desktop"));
            v << version(QStringLiteral("c%1").arg(i), local(2026, 4, 1 + i, 12), QStringLiteral("t"),
                         QStringLiteral("laptop"));
        }
        RetentionPolicy p;
        p.keepLast = 1;
        QCOMPARE(kept(applyRetention(v, p, local(2026, 5, 1, 0))),
                 (QStringList{QStringLiteral("a2"), QStringLiteral("b2"), QStringLiteral("c2")}));
    }

    void sizeLimitDropsTheOldest()
    {
        QList<Snapshot> v;
        for (int i = 0; i < 6; ++i)
            v << version(QStringLiteral("v%1").arg(i), local(2026, 1, 1 + i, 10));
        v[1].tags = {kPinnedTag};
        RetentionPolicy p;
        p.keepLast = 5; // v0 goes by count; the size limit is asked only about v1..v5
        p.maxTotalBytes = 250;
        QStringList asked;
        const auto d = applyRetention(v, p, local(2026, 2, 1, 0), [&](const Snapshot &s) {
            asked << s.id;
            return qint64(100);
        });
        QCOMPARE(asked, (QStringList{QStringLiteral("v5"), QStringLiteral("v4"), QStringLiteral("v3"),
                                     QStringLiteral("v1")}));
        // v5 and v4 fit (200), v3 would make 300: it goes, and v2 with it; pinned v1 stays.
        QCOMPARE(kept(d), (QStringList{QStringLiteral("v1"), QStringLiteral("v4"), QStringLiteral("v5")}));
    }

    // The count and within rules against restic 0.14's forget on the same time stamps.
    void matchesRestic_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("hourly") << QStringList{QStringLiteral("--keep-hourly"), QStringLiteral("6")};
        QTest::newRow("daily") << QStringList{QStringLiteral("--keep-daily"), QStringLiteral("5")};
        QTest::newRow("weekly") << QStringList{QStringLiteral("--keep-weekly"), QStringLiteral("4")};
        QTest::newRow("monthly") << QStringList{QStringLiteral("--keep-monthly"), QStringLiteral("6")};
        QTest::newRow("yearly") << QStringList{QStringLiteral("--keep-yearly"), QStringLiteral("2")};
        QTest::newRow("mixed") << QStringList{QStringLiteral("--keep-last"),    QStringLiteral("3"),
                                              QStringLiteral("--keep-daily"),   QStringLiteral("4"),
                                              QStringLiteral("--keep-monthly"), QStringLiteral("3")};
        QTest::newRow("within") << QStringList{QStringLiteral("--keep-within"), QStringLiteral("20d")};
        QTest::newRow("within-daily")
            << QStringList{QStringLiteral("--keep-within-daily"), QStringLiteral("1m"),
                           QStringLiteral("--keep-weekly"), QStringLiteral("3")};
    }
    void matchesRestic()
    {
        QFETCH(QStringList, args);
        if (m_resticTimes.isEmpty())
            makeResticRepository();
        QVERIFY(!m_resticTimes.isEmpty());
        QProcess p;
        p.setProcessEnvironment(m_resticEnv);
        p.start(QStringLiteral("restic"),
                QStringList{QStringLiteral("forget"), QStringLiteral("--dry-run"), QStringLiteral("--json")} +
                    args);
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QSet<qint64> resticKept;
        for (const QJsonValue &g : QJsonDocument::fromJson(p.readAllStandardOutput()).array())
            for (const QJsonValue &s : g.toObject().value(QStringLiteral("keep")).toArray())
                resticKept.insert(QDateTime::fromString(s.toObject().value(QStringLiteral("time")).toString(),
                                                        Qt::ISODateWithMs)
                                      .toSecsSinceEpoch());

        RetentionPolicy policy;
        for (qsizetype i = 0; i + 1 < args.size(); i += 2) {
            const QString &o = args[i];
            const QString &val = args[i + 1];
            if (o == QLatin1String("--keep-last"))
                policy.keepLast = val.toInt();
            else if (o == QLatin1String("--keep-hourly"))
                policy.keepHourly = val.toInt();
            else if (o == QLatin1String("--keep-daily"))
                policy.keepDaily = val.toInt();
            else if (o == QLatin1String("--keep-weekly"))
                policy.keepWeekly = val.toInt();
            else if (o == QLatin1String("--keep-monthly"))
                policy.keepMonthly = val.toInt();
            else if (o == QLatin1String("--keep-yearly"))
                policy.keepYearly = val.toInt();
            else if (o == QLatin1String("--keep-within"))
                policy.keepWithin = *RetentionDuration::parse(val);
            else if (o == QLatin1String("--keep-within-daily"))
                policy.keepWithinDaily = *RetentionDuration::parse(val);
        }
        QList<Snapshot> versions;
        for (const QDateTime &t : std::as_const(m_resticTimes))
            versions << version(QString::number(t.toSecsSinceEpoch()), t);
        QSet<qint64> ours;
        for (const RetentionDecision &d : applyRetention(versions, policy, QDateTime::currentDateTimeUtc()))
            if (d.keep)
                ours.insert(d.time.toSecsSinceEpoch());
        QCOMPARE(ours.size(), resticKept.size());
        QCOMPARE(ours, resticKept);
    }

private:
    void makeResticRepository()
    {
        const QString restic = QStandardPaths::findExecutable(QStringLiteral("restic"));
        QVERIFY2(!restic.isEmpty(), "restic is not installed (installer/setup.sh --test installs it)");
        QVERIFY(m_dir.isValid());
        m_resticEnv = QProcessEnvironment::systemEnvironment();
        m_resticEnv.insert(QStringLiteral("RESTIC_PASSWORD"), QStringLiteral("pw"));
        m_resticEnv.insert(QStringLiteral("RESTIC_REPOSITORY"), m_dir.filePath(QStringLiteral("repo")));
        m_resticEnv.insert(QStringLiteral("RESTIC_CACHE_DIR"), m_dir.filePath(QStringLiteral("cache")));
        m_resticEnv.insert(QStringLiteral("TZ"), QStringLiteral("Europe/Berlin"));
        auto run = [&](const QStringList &a) {
            QProcess p;
            p.setProcessEnvironment(m_resticEnv);
            p.start(QStringLiteral("restic"), a);
            return p.waitForFinished(60000) && p.exitCode() == 0;
        };
        QVERIFY(run({QStringLiteral("init")}));
        QFile f(m_dir.filePath(QStringLiteral("file")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
        f.close();
        // Irregular, from a fixed seed: bursts within an hour, gaps of days and months, across
        // the DST changes of two years.
        QRandomGenerator rng(20261203);
        QDateTime t = local(2024, 2, 27, 8);
        QList<QDateTime> times;
        for (int i = 0; i < 40; ++i) {
            const int step = int(rng.bounded(6));
            t = t.addSecs(step == 0   ? 60 * qint64(1 + rng.bounded(50))
                          : step == 1 ? 3600 * qint64(1 + rng.bounded(10))
                          : step < 4  ? 86400 * qint64(1 + rng.bounded(5))
                                      : 86400 * qint64(5 + rng.bounded(40)));
            times << t;
        }
        for (const QDateTime &at : std::as_const(times))
            QVERIFY(run({QStringLiteral("backup"), QStringLiteral("-q"), QStringLiteral("--host"),
                         QStringLiteral("h"), QStringLiteral("--time"),
                         at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), f.fileName()}));
        m_resticTimes = times;
    }

    QTemporaryDir m_dir;
    QProcessEnvironment m_resticEnv;
    QList<QDateTime> m_resticTimes;
};

QTEST_GUILESS_MAIN(TestRetention)
#include "tst_retention.moc"
