// Tests ScheduleRule's arithmetic (every mode, month and year ends, DST in Europe/Berlin) and
// the Scheduler driven by a ManualClock: catch-up at start, clock jumps both ways, suspend,
// running sets, repository queues, retries and pauses. Ticks are called by hand except in the
// one test that lets the real 10 ms timer drive it.
#include "schedule/Clock.h"
#include "schedule/Scheduler.h"
#include "schedule/ScheduleRule.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace strata;

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

QTimeZone berlin()
{
    return QTimeZone(QByteArrayLiteral("Europe/Berlin"));
}

QDateTime at(int y, int mo, int d, int h, int mi = 0, int s = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), berlin());
}

// For wall times that happen twice: the instant given in UTC, shown in Berlin.
QDateTime utc(int y, int mo, int d, int h, int mi = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), Qt::UTC).toTimeZone(berlin());
}

ScheduleRule daily(QTime time = QTime(12, 0))
{
    ScheduleRule r;
    r.mode = ScheduleRule::Daily;
    r.at = time;
    return r;
}

ScheduleRule weekly(int weekday, QTime time = QTime(12, 0))
{
    ScheduleRule r;
    r.mode = ScheduleRule::Weekly;
    r.weekday = weekday;
    r.at = time;
    return r;
}

ScheduleRule everyHours(int hours)
{
    ScheduleRule r;
    r.mode = ScheduleRule::EveryHours;
    r.everyHours = hours;
    return r;
}

// The next run seen right after lastRun: no clock jump involved.
QDateTime nextAfter(const ScheduleRule &rule, const QDateTime &lastRun)
{
    return rule.nextRunAfter(lastRun, lastRun);
}

QStringList ids(const QSignalSpy &spy)
{
    QStringList out;
    for (const QList<QVariant> &args : spy)
        out.append(args.at(0).toString());
    return out;
}

// A scheduler on a manual clock whose real timers never fire during a test unless asked.
struct Harness
{
    std::shared_ptr<ManualClock> clock;
    std::unique_ptr<Scheduler> scheduler;
    std::unique_ptr<QSignalSpy> due;

    explicit Harness(const QDateTime &start, int startDelayMs = 60 * 1000)
        : clock(std::make_shared<ManualClock>(start)), scheduler(std::make_unique<Scheduler>(clock))
    {
        scheduler->setTickInterval(int(kHour));
        scheduler->setStartDelay(startDelayMs);
        scheduler->setResumeGrace(60 * 1000);
        due = std::make_unique<QSignalSpy>(scheduler.get(), &Scheduler::runDue);
    }

    void add(const QString &id, const ScheduleRule &rule, const QDateTime &lastRun, const QString &repo = {})
    {
        scheduler->setEntry({id, rule, lastRun, repo});
    }
    // Lets time pass in steps, ticking after each.
    void pass(qint64 ms, qint64 step = 30 * kSecond)
    {
        for (qint64 done = 0; done < ms; done += step) {
            clock->advance(std::min(step, ms - done));
            scheduler->tick();
        }
    }
    void finish(const QString &id, bool ok = true)
    {
        scheduler->runStarted(id);
        scheduler->runFinished(id, clock->now(), ok);
    }
};

} // namespace

class TestScheduler final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!berlin().isValid())
            QSKIP("time zone data for Europe/Berlin is not installed");
        // The dates below assume Berlin's 2026 DST changes on the last Sundays of March/October.
        QCOMPARE(at(2026, 3, 29, 12).offsetFromUtc(), 7200);
        QCOMPARE(at(2026, 3, 28, 12).offsetFromUtc(), 3600);
        QCOMPARE(at(2026, 10, 25, 12).offsetFromUtc(), 3600);
        QCOMPARE(at(2026, 10, 24, 12).offsetFromUtc(), 7200);
    }

    // ---- ScheduleRule ---------------------------------------------------------------------------

    void manualAndInvalidRulesNeverRun()
    {
        const QDateTime now = at(2026, 11, 30, 14);
        ScheduleRule manual;
        QVERIFY(manual.isValid());
        QVERIFY(!manual.nextRunAfter(now.addDays(-30), now).isValid());
        QVERIFY(!manual.nextRunAfter({}, now).isValid());
        QVERIFY(!manual.isDue({}, now));

        QVERIFY(!everyHours(0).isValid());
        QVERIFY(!everyHours(0).isDue({}, now));
        QVERIFY(!weekly(8).isValid());
        QVERIFY(!weekly(0).nextRunAfter(now.addDays(-30), now).isValid());
        QVERIFY(!daily(QTime()).isValid());
    }

    void neverRunIsDueNow()
    {
        const QDateTime now = at(2026, 11, 30, 14);
        for (const ScheduleRule &r : {everyHours(6), daily(), weekly(3)}) {
            QCOMPARE(r.nextRunAfter({}, now), now);
            QVERIFY(r.isDue({}, now));
        }
    }

    void everyHoursCountsElapsedTime()
    {
        const ScheduleRule r = everyHours(6);
        const QDateTime last = at(2026, 11, 30, 10);
        QCOMPARE(r.nextRunAfter(last, at(2026, 11, 30, 11)), at(2026, 11, 30, 16));
        QVERIFY(!r.isDue(last, at(2026, 11, 30, 15, 59)));
        QVERIFY(r.isDue(last, at(2026, 11, 30, 16)));
        // Missed many periods: one run is owed, at once.
        QCOMPARE(r.nextRunAfter(last, at(2026, 12, 3, 9)), at(2026, 11, 30, 16));
        QVERIFY(r.isDue(last, at(2026, 12, 3, 9)));
        // Across the end of the year.
        QCOMPARE(r.nextRunAfter(at(2026, 12, 31, 22), at(2026, 12, 31, 23)), at(2027, 1, 1, 4));
    }

    void everyHoursAcrossDst()
    {
        // Spring: 00:30 CET + 3 h of elapsed time is 04:30 CEST, not 03:30.
        const ScheduleRule three = everyHours(3);
        const QDateTime spring = three.nextRunAfter(at(2026, 3, 29, 0, 30), at(2026, 3, 29, 1));
        QCOMPARE(spring, at(2026, 3, 29, 4, 30));
        QCOMPARE(at(2026, 3, 29, 0, 30).secsTo(spring), 3 * 3600);
        // Autumn: 01:30 CEST + 2 h is the second 02:30 of the night (CET).
        const ScheduleRule two = everyHours(2);
        const QDateTime autumn = two.nextRunAfter(utc(2026, 10, 24, 23, 30), utc(2026, 10, 25, 0));
        QCOMPARE(autumn, utc(2026, 10, 25, 1, 30));
        QCOMPARE(autumn.time(), QTime(2, 30));
        QCOMPARE(autumn.offsetFromUtc(), 3600);
    }

    void dailyNextSlotAfterLastRun()
    {
        const ScheduleRule r = daily();
        QCOMPARE(nextAfter(r, at(2026, 11, 30, 10)), at(2026, 11, 30, 12));
        QCOMPARE(nextAfter(r, at(2026, 11, 30, 12)), at(2026, 12, 1, 12));
        QCOMPARE(nextAfter(r, at(2026, 11, 30, 13)), at(2026, 12, 1, 12));
        // Month, year and leap-day boundaries.
        QCOMPARE(nextAfter(r, at(2026, 1, 31, 13)), at(2026, 2, 1, 12));
        QCOMPARE(nextAfter(r, at(2026, 12, 31, 13)), at(2027, 1, 1, 12));
        QCOMPARE(nextAfter(r, at(2028, 2, 28, 13)), at(2028, 2, 29, 12));
        QCOMPARE(nextAfter(r, at(2027, 2, 28, 13)), at(2027, 3, 1, 12));
        // Missed days: the first missed slot, due at once, and only that one.
        const QDateTime late = at(2026, 12, 4, 8);
        QCOMPARE(r.nextRunAfter(at(2026, 11, 30, 12), late), at(2026, 12, 1, 12));
        QVERIFY(r.isDue(at(2026, 11, 30, 12), late));
        QVERIFY(!r.isDue(at(2026, 12, 4, 7), late));
    }

    void dailyAcrossDst()
    {
        const ScheduleRule noon = daily();
        // The wall time holds; the day before the change is 23 h or 25 h long.
        const QDateTime spring = nextAfter(noon, at(2026, 3, 28, 12));
        QCOMPARE(spring, at(2026, 3, 29, 12));
        QCOMPARE(at(2026, 3, 28, 12).secsTo(spring), 23 * 3600);
        const QDateTime autumn = nextAfter(noon, at(2026, 10, 24, 12));
        QCOMPARE(autumn, at(2026, 10, 25, 12));
        QCOMPARE(at(2026, 10, 24, 12).secsTo(autumn), 25 * 3600);

        // 02:30 does not exist on 29 March: it runs at 03:30, then at 02:30 again.
        const ScheduleRule gap = daily(QTime(2, 30));
        const QDateTime inGap = nextAfter(gap, at(2026, 3, 28, 2, 30));
        QCOMPARE(inGap.date(), QDate(2026, 3, 29));
        QCOMPARE(inGap.time(), QTime(3, 30));
        QCOMPARE(inGap.offsetFromUtc(), 7200);
        QCOMPARE(nextAfter(gap, inGap), at(2026, 3, 30, 2, 30));

        // 02:30 happens twice on 25 October: it runs at the first one only.
        const QDateTime first = nextAfter(gap, at(2026, 10, 24, 2, 30));
        QCOMPARE(first, utc(2026, 10, 25, 0, 30));
        QCOMPARE(first.offsetFromUtc(), 7200);
        QCOMPARE(nextAfter(gap, first), at(2026, 10, 26, 2, 30));
        // A run between the two (02:10 CET, after the first 02:30) does not bring the second.
        QCOMPARE(nextAfter(gap, utc(2026, 10, 25, 1, 10)), at(2026, 10, 26, 2, 30));
    }

    void weeklyNextWeekdayAndTime()
    {
        const ScheduleRule monday = weekly(Qt::Monday);
        QCOMPARE(at(2026, 11, 30, 12).date().dayOfWeek(), int(Qt::Monday));
        QCOMPARE(nextAfter(monday, at(2026, 11, 30, 11)), at(2026, 11, 30, 12));
        QCOMPARE(nextAfter(monday, at(2026, 11, 30, 12)), at(2026, 12, 7, 12));
        QCOMPARE(nextAfter(monday, at(2026, 12, 1, 9)), at(2026, 12, 7, 12));
        QCOMPARE(nextAfter(weekly(Qt::Sunday), at(2026, 11, 30, 12)), at(2026, 12, 6, 12));
        // Across the year: Tuesday 29 December to Friday 1 January.
        QCOMPARE(nextAfter(weekly(Qt::Friday), at(2026, 12, 29, 12)), at(2027, 1, 1, 12));
        // Across the spring change: one hour short of a week.
        const ScheduleRule sunday = weekly(Qt::Sunday);
        const QDateTime next = nextAfter(sunday, at(2026, 3, 22, 12));
        QCOMPARE(next, at(2026, 3, 29, 12));
        QCOMPARE(at(2026, 3, 22, 12).secsTo(next), (7 * 24 - 1) * 3600);
    }

    void lastRunInTheFutureIsCapped()
    {
        // Clock set back one hour after today's run: tomorrow's slot, as before.
        const ScheduleRule noon = daily();
        QCOMPARE(noon.nextRunAfter(at(2026, 11, 30, 12), at(2026, 11, 30, 11, 30)), at(2026, 12, 1, 12));
        // Set back three days: no re-run, but no wait of four days either.
        QCOMPARE(noon.nextRunAfter(at(2026, 11, 30, 12), at(2026, 11, 27, 14)), at(2026, 11, 29, 12));
        QCOMPARE(weekly(Qt::Monday).nextRunAfter(at(2026, 11, 30, 12), at(2026, 10, 1, 9)),
                 at(2026, 10, 12, 12));
        QCOMPARE(everyHours(6).nextRunAfter(at(2026, 11, 30, 12), at(2026, 11, 30, 11)),
                 at(2026, 11, 30, 17));
    }

    void worksInLocalTime()
    {
        const QDateTime now = QDateTime::currentDateTime();
        const QDateTime next = daily(QTime(12, 0)).nextRunAfter(now, now);
        QCOMPARE(next.timeSpec(), Qt::LocalTime);
        QVERIFY(next > now);
        QVERIFY(now.secsTo(next) <= 25 * 3600);
    }

    // ---- Clock ----------------------------------------------------------------------------------

    void clocks()
    {
        SystemClock system;
        QVERIFY(qAbs(system.now().secsTo(QDateTime::currentDateTime())) <= 1);
        const qint64 before = system.elapsedMs();
        QTest::qWait(5);
        QVERIFY(system.elapsedMs() >= before);

        ManualClock manual(at(2026, 11, 30, 14));
        manual.advance(kMinute);
        QCOMPARE(manual.now(), at(2026, 11, 30, 14, 1));
        QCOMPARE(manual.elapsedMs(), kMinute);
        manual.jump(-kHour);
        QCOMPARE(manual.now(), at(2026, 11, 30, 13, 1));
        QCOMPARE(manual.elapsedMs(), kMinute);
    }

    // ---- Scheduler ------------------------------------------------------------------------------

    void catchUpAtStartAfterStartDelay()
    {
        Harness h(at(2026, 11, 30, 14));
        // Missed the slots of the 29th and the 30th while the program was not running.
        h.add(QStringLiteral("docs"), daily(), at(2026, 11, 28, 12));
        h.scheduler->start();
        QCOMPARE(h.due->count(), 0);
        QCOMPARE(h.scheduler->state(QStringLiteral("docs")), Scheduler::State::Waiting);
        h.pass(59 * kSecond, kSecond);
        QCOMPARE(h.due->count(), 0);
        h.pass(kSecond);
        QCOMPARE(ids(*h.due), QStringList{QStringLiteral("docs")});
        QCOMPARE(h.scheduler->state(QStringLiteral("docs")), Scheduler::State::Running);
        h.finish(QStringLiteral("docs"));
        QCOMPARE(h.scheduler->nextRun(QStringLiteral("docs")), at(2026, 12, 1, 12));
        h.pass(12 * kHour, 10 * kMinute);
        QCOMPARE(h.due->count(), 1);
    }

    void startWithoutDelay()
    {
        Harness h(at(2026, 11, 30, 14), 0);
        h.add(QStringLiteral("docs"), daily(), at(2026, 11, 28, 12));
        h.scheduler->start();
        QCOMPARE(h.due->count(), 1);
    }

    void clockSetBackNeitherRerunsNorLoses()
    {
        Harness h(at(2026, 11, 30, 14), 0);
        QSignalSpy jumped(h.scheduler.get(), &Scheduler::clockJumped);
        h.add(QStringLiteral("docs"), daily(), at(2026, 11, 30, 12), QStringLiteral("a"));
        h.add(QStringLiteral("mail"), everyHours(6), at(2026, 11, 30, 14), QStringLiteral("b"));
        h.scheduler->start();
        QCOMPARE(h.due->count(), 0);

        h.clock->jump(-3 * kHour); // 11:00, before the run of 12:00
        h.scheduler->tick();
        QCOMPARE(jumped.count(), 1);
        QVERIFY(jumped.at(0).at(0).toLongLong() < 0);
        QCOMPARE(h.due->count(), 0);
        QCOMPARE(h.scheduler->nextRun(QStringLiteral("docs")), at(2026, 12, 1, 12));
        // Six hours of real time after mail's run, whatever the wall clock says.
        QCOMPARE(h.scheduler->nextRun(QStringLiteral("mail")), at(2026, 11, 30, 17));

        h.pass(2 * kHour, 5 * kMinute); // through 12:00 again: no second run of docs
        QCOMPARE(h.due->count(), 0);
        h.pass(4 * kHour, 5 * kMinute); // 17:00
        QCOMPARE(ids(*h.due), QStringList{QStringLiteral("mail")});
        h.finish(QStringLiteral("mail"));
        h.pass(at(2026, 11, 30, 17).msecsTo(at(2026, 12, 1, 11, 59)), 10 * kMinute);
        QCOMPARE(ids(*h.due).count(QStringLiteral("docs")), 0);
        h.pass(kMinute);
        QCOMPARE(ids(*h.due).count(QStringLiteral("docs")), 1);
    }

    void clockSetBackDaysDoesNotStall()
    {
        Harness h(at(2026, 11, 30, 14), 0);
        h.add(QStringLiteral("docs"), daily(), at(2026, 11, 30, 12));
        h.scheduler->start();
        h.clock->jump(-3 * kDay); // 27 November, 14:00
        h.scheduler->tick();
        QCOMPARE(h.due->count(), 0);
        QCOMPARE(h.scheduler->nextRun(QStringLiteral("docs")), at(2026, 11, 29, 12));
        h.pass(at(2026, 11, 27, 14).msecsTo(at(2026, 11, 29, 12)), 30 * kMinute);
        QCOMPARE(h.due->count(), 1);
    }

    void clockSetBackAndRestored()
    {
        // A wrong clock corrected again before the pinned run: nothing runs twice.
        Harness h(at(2026, 11, 30, 14), 0);
        h.add(QStringLiteral("docs"), daily(), at(2026, 11, 30, 12));
        h.scheduler->start();
        h.clock->jump(-3 * kDay);
        h.pass(kHour, 10 * kMinute);
        QCOMPARE(h.scheduler->nextRun(QStringLiteral("docs")), at(2026, 11, 29, 12));
        h.clock->jump(3 * kDay);
        h.pass(2 * kHour, 10 * kMinute); // past the grace delay
        QCOMPARE(h.due->count(), 0);
        QCOMPARE(h.scheduler->nextRun(QStringLiteral("docs")), at(2026, 12, 1, 12));
    }

    void suspendOfThreeDaysCatchesUpOncePerSet()
    {
        Harness h(at(2026, 11, 30, 14), 0);
        QSignalSpy jumped(h.scheduler.get(), &Scheduler::clockJumped);
        h.add(QStringLiteral("docs"), daily(), at(2026, 11, 30, 12), QStringLiteral("a"));
        h.add(QStringLiteral("mail"), everyHours(6), at(2026, 11, 30, 14), QStringLiteral("b"));
        h.add(QStringLiteral("photos"), weekly(Qt::Monday), at(2026, 11, 30, 12), QStringLiteral("c"));
        h.scheduler->start();
        h.pass(kMinute);
        QCOMPARE(h.due->count(), 0);

        h.clock->jump(3 * kDay); // asleep until Thursday 14:01
        h.scheduler->tick();
        QCOMPARE(jumped.count(), 1);
        QVERIFY(jumped.at(0).at(0).toLongLong() >= 3 * kDay - kSecond);
        QCOMPARE(h.due->count(), 0); // the grace delay: the network may not be back yet
        h.pass(30 * kSecond);
        QCOMPARE(h.due->count(), 0);
        h.pass(30 * kSecond);
        QStringList due = ids(*h.due);
        due.sort();
        QCOMPARE(due, (QStringList{QStringLiteral("docs"), QStringLiteral("mail")}));
        h.finish(QStringLiteral("docs"));
        h.finish(QStringLiteral("mail"));
        QCOMPARE(h.scheduler->nextRun(QStringLiteral("docs")), at(2026, 12, 4, 12));
        h.pass(5 * kHour, 10 * kMinute);
        QCOMPARE(h.due->count(), 2);
    }

    void platformResumeHintStartsGrace()
    {
        Harness h(at(2026, 11, 30, 11, 59, 30), 0);
        h.add(QStringLiteral("docs"), daily(), at(2026, 11, 29, 12));
        h.scheduler->start();
        h.scheduler->systemResumed();
        h.pass(50 * kSecond, 10 * kSecond); // due since 12:00, but within the grace delay
        QCOMPARE(h.due->count(), 0);
        h.pass(10 * kSecond);
        QCOMPARE(h.due->count(), 1);
    }

    void neverTwoRunsOfOneSet()
    {
        Harness h(at(2026, 11, 30, 14), 0);
        h.add(QStringLiteral("docs"), daily(), {}); // never ran: due at once
        h.scheduler->start();
        QCOMPARE(h.due->count(), 1);
        h.pass(kMinute);
        QCOMPARE(h.due->count(), 1);
        h.scheduler->runStarted(QStringLiteral("docs"));
        h.add(QStringLiteral("docs"), daily(), {}); // the owner refreshes the entry meanwhile
        h.pass(2 * kHour, 10 * kMinute);
        QCOMPARE(h.due->count(), 1);
        h.scheduler->runFinished(QStringLiteral("docs"), at(2026, 11, 30, 14), true);
        QCOMPARE(h.scheduler->nextRun(QStringLiteral("docs")), at(2026, 12, 1, 12));

        // A "back up now" run that is still going when the slot comes is not doubled.
        h.pass(at(2026, 11, 30, 16).msecsTo(at(2026, 12, 1, 11)), kHour);
        h.scheduler->runStarted(QStringLiteral("docs"));
        h.pass(2 * kHour, 10 * kMinute);
        QCOMPARE(h.due->count(), 1);
        QCOMPARE(h.scheduler->state(QStringLiteral("docs")), Scheduler::State::Running);
        h.scheduler->runFinished(QStringLiteral("docs"), at(2026, 12, 1, 11), true);
        // Its version came before the slot, so the slot is still owed.
        QCOMPARE(ids(*h.due), (QStringList{QStringLiteral("docs"), QStringLiteral("docs")}));
    }

    void failedRunRetriesAfterDelay()
    {
        Harness h(at(2026, 11, 30, 14), 0);
        h.scheduler->setRetryDelay(int(10 * kMinute));
        h.add(QStringLiteral("docs"), daily(), at(2026, 11, 29, 12));
        h.scheduler->start();
        QCOMPARE(h.due->count(), 1);
        h.scheduler->runStarted(QStringLiteral("docs"));
        h.scheduler->runFinished(QStringLiteral("docs"), {}, false);
        QCOMPARE(h.scheduler->nextRun(QStringLiteral("docs")), at(2026, 11, 30, 14, 10));
        QCOMPARE(h.scheduler->entry(QStringLiteral("docs"))->lastRun, at(2026, 11, 29, 12));
        h.pass(9 * kMinute, kMinute);
        QCOMPARE(h.due->count(), 1);
        h.pass(kMinute);
        QCOMPARE(h.due->count(), 2);
    }

    void unclaimedRunIsReleased()
    {
        Harness h(at(2026, 11, 30, 14), 0);
        h.scheduler->setClaimTimeout(int(5 * kMinute));
        h.add(QStringLiteral("docs"), daily(), {});
        h.scheduler->start();
        QCOMPARE(h.due->count(), 1);
        h.pass(4 * kMinute, kMinute);
        QCOMPARE(h.due->count(), 1);
        h.pass(kMinute);
        QCOMPARE(h.due->count(), 2);
    }

    void oneQueuePerRepository()
    {
        Harness h(at(2026, 11, 30, 14), 0);
        h.add(QStringLiteral("a"), daily(), {}, QStringLiteral("nas"));
        h.add(QStringLiteral("b"), daily(), {}, QStringLiteral("nas"));
        h.add(QStringLiteral("c"), daily(), {}, QStringLiteral("usb"));
        h.scheduler->start();
        QCOMPARE(ids(*h.due), (QStringList{QStringLiteral("a"), QStringLiteral("c")}));
        QCOMPARE(h.scheduler->state(QStringLiteral("b")), Scheduler::State::Waiting);
        h.scheduler->runStarted(QStringLiteral("a"));
        h.scheduler->runStarted(QStringLiteral("c"));
        h.pass(kHour, 10 * kMinute);
        QCOMPARE(h.due->count(), 2);
        h.scheduler->runFinished(QStringLiteral("a"), at(2026, 11, 30, 14), true);
        QCOMPARE(ids(*h.due), (QStringList{QStringLiteral("a"), QStringLiteral("c"), QStringLiteral("b")}));
    }

    void ownerThatRunsInsideTheSlot()
    {
        // The slot starts and finishes each run before returning: the scheduler is re-entered
        // from its own signal and must still serialize the queue and emit each set once.
        Harness h(at(2026, 11, 30, 14), 0);
        Scheduler *s = h.scheduler.get();
        QStringList order;
        connect(s, &Scheduler::runDue, s, [&](const QString &id) {
            order.append(id + QStringLiteral("+"));
            s->runStarted(id);
            s->runFinished(id, h.clock->now(), true);
            order.append(id + QStringLiteral("-"));
        });
        h.add(QStringLiteral("a"), everyHours(1), {}, QStringLiteral("nas"));
        h.add(QStringLiteral("b"), everyHours(1), {}, QStringLiteral("nas"));
        h.scheduler->start();
        QCOMPARE(order, (QStringList{QStringLiteral("a+"), QStringLiteral("a-"), QStringLiteral("b+"),
                                     QStringLiteral("b-")}));
        h.pass(59 * kMinute, kMinute);
        QCOMPARE(order.size(), 4);
        h.pass(kMinute);
        QCOMPARE(order.size(), 8);
    }

    void pauseHoldsRunsBackUntilItEnds()
    {
        Harness h(at(2026, 11, 30, 11), 0);
        QSignalSpy paused(h.scheduler.get(), &Scheduler::paused);
        QSignalSpy resumed(h.scheduler.get(), &Scheduler::resumed);
        h.add(QStringLiteral("docs"), daily(), at(2026, 11, 29, 12));
        h.scheduler->start();
        h.scheduler->pauseUntil(at(2026, 11, 30, 13));
        QCOMPARE(paused.count(), 1);
        QCOMPARE(paused.at(0).at(0).toDateTime(), at(2026, 11, 30, 13));
        QVERIFY(h.scheduler->isPaused());
        h.pass(kHour + 59 * kMinute, kMinute); // 12:59: due since 12:00, held
        QCOMPARE(h.due->count(), 0);
        QCOMPARE(h.scheduler->state(QStringLiteral("docs")), Scheduler::State::Waiting);
        QCOMPARE(resumed.count(), 0);
        h.pass(kMinute);
        QCOMPARE(resumed.count(), 1);
        QVERIFY(!h.scheduler->isPaused());
        QCOMPARE(h.due->count(), 1);
    }

    void pauseUntilResumed()
    {
        Harness h(at(2026, 11, 30, 14), 0);
        QSignalSpy resumed(h.scheduler.get(), &Scheduler::resumed);
        h.scheduler->pauseUntil({});
        h.scheduler->start();
        h.add(QStringLiteral("docs"), daily(), {});
        h.pass(3 * kDay, kHour);
        QCOMPARE(h.due->count(), 0);
        h.scheduler->resume();
        QCOMPARE(resumed.count(), 1);
        QCOMPARE(h.due->count(), 1);
    }

    void nextRunChangedIsReportedOnChangesOnly()
    {
        Harness h(at(2026, 11, 30, 14), 0);
        QSignalSpy next(h.scheduler.get(), &Scheduler::nextRunChanged);
        h.add(QStringLiteral("docs"), daily(), at(2026, 11, 30, 12));
        QCOMPARE(next.count(), 1);
        QCOMPARE(next.at(0).at(1).toDateTime(), at(2026, 12, 1, 12));
        h.add(QStringLiteral("mail"), everyHours(6), {}); // due now, and "now" moves
        QCOMPARE(next.count(), 2);
        h.scheduler->start();
        h.scheduler->runStarted(QStringLiteral("mail"));
        h.pass(kHour, 10 * kMinute);
        QCOMPARE(next.count(), 2);
        h.scheduler->runFinished(QStringLiteral("mail"), h.clock->now(), true);
        QCOMPARE(next.count(), 3);
        QCOMPARE(next.at(2).at(0).toString(), QStringLiteral("mail"));
        QCOMPARE(next.at(2).at(1).toDateTime(), at(2026, 11, 30, 21));
        h.add(QStringLiteral("docs"), ScheduleRule{}, at(2026, 11, 30, 12)); // now manual
        QCOMPARE(next.count(), 4);
        QVERIFY(!next.at(3).at(1).toDateTime().isValid());
    }

    void removedSetFreesItsRepository()
    {
        Harness h(at(2026, 11, 30, 14), 0);
        h.add(QStringLiteral("a"), daily(), {}, QStringLiteral("nas"));
        h.add(QStringLiteral("b"), daily(), {}, QStringLiteral("nas"));
        h.scheduler->start();
        QCOMPARE(ids(*h.due), QStringList{QStringLiteral("a")});
        h.scheduler->removeEntry(QStringLiteral("a"));
        QCOMPARE(ids(*h.due), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        h.scheduler->runFinished(QStringLiteral("a"), {}, true); // late report: ignored
        QVERIFY(!h.scheduler->entry(QStringLiteral("a")));
    }

    void realTimerDrivesTicks()
    {
        Harness h(at(2026, 11, 30, 11, 59), 0);
        h.scheduler->setTickInterval(10);
        h.add(QStringLiteral("docs"), daily(), at(2026, 11, 29, 12));
        h.scheduler->start();
        QTest::qWait(30);
        QCOMPARE(h.due->count(), 0);
        h.clock->advance(kMinute);
        QTRY_COMPARE_WITH_TIMEOUT(h.due->count(), 1, 2000);
        h.scheduler->stop();
    }
};

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
