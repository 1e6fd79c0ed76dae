// Tests ProgressMeter: throttling, figures, rate over a sliding window, ETA, phase names and
// concurrent updates. Time is stepped by hand except in the one real-clock test.
#include "engine/Progress.h"

#include <QSet>
#include <QTest>
#include <QThread>

#include <thread>
#include <vector>

using namespace strata;

namespace {

constexpr qint64 MB = 1000 * 1000;

} // namespace

class TestProgress final : public QObject
{
    Q_OBJECT

private:
    qint64 m_now = 0;

    void useFakeClock(ProgressMeter &meter)
    {
        m_now = 0;
        meter.setClockForTesting([this] { return m_now; });
    }

private Q_SLOTS:
    void phaseNames()
    {
        QCOMPARE(phaseName(Phase::Scanning), QStringLiteral("scanning"));
        QCOMPARE(phaseName(Phase::Backing), QStringLiteral("backing up"));
        QCOMPARE(phaseName(Phase::RollingBack), QStringLiteral("rolling back"));
        QSet<QString> names;
        const Phase all[] = {Phase::Preparing, Phase::Scanning,    Phase::Backing,
                             Phase::Finishing, Phase::Planning,    Phase::Restoring,
                             Phase::Verifying, Phase::RollingBack, Phase::Done};
        for (Phase p : all) {
            QVERIFY(!phaseName(p).isEmpty());
            names.insert(phaseName(p));
        }
        QCOMPARE(names.size(), int(std::size(all)));
    }

    void throttlesWithRealClock()
    {
        ProgressMeter meter(40);
        Progress p;
        QVERIFY(meter.due(&p)); // the first report is always due
        QVERIFY(!meter.due(&p));
        QVERIFY(meter.due(&p, true));
        QVERIFY(!meter.due(&p));
        QThread::msleep(60);
        QVERIFY(meter.due(&p));
        QVERIFY(!meter.due(&p));
        // Over 300 ms of polling, at most 300 / 40 + 1 reports.
        int reports = 0;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 300) {
            reports += meter.due(&p);
            QThread::msleep(1);
        }
        QVERIFY2(reports >= 2 && reports <= 9, qPrintable(QString::number(reports)));
    }

    void throttlesExactly()
    {
        ProgressMeter meter(100);
        useFakeClock(meter);
        Progress p;
        QVERIFY(meter.due(&p));
        m_now = 99;
        QVERIFY(!meter.due(&p));
        m_now = 100;
        QVERIFY(meter.due(&p));
        m_now = 150;
        QVERIFY(!meter.due(&p));
        QVERIFY(meter.due(&p, true)); // forced: resets the interval
        m_now = 249;
        QVERIFY(!meter.due(&p));
        m_now = 250;
        QVERIFY(meter.due(nullptr)); // no output wanted is fine too
    }

    void notDueLeavesOutputAlone()
    {
        ProgressMeter meter(100);
        useFakeClock(meter);
        Progress p;
        QVERIFY(meter.due(&p));
        meter.addDone(5, 500);
        p.filesDone = 12345;
        QVERIFY(!meter.due(&p));
        QCOMPARE(p.filesDone, 12345);
    }

    void figures()
    {
        ProgressMeter meter(100);
        useFakeClock(meter);
        Progress p;
        QVERIFY(meter.due(&p));
        QCOMPARE(p.phase, Phase::Preparing);
        QCOMPARE(p.filesTotal, -1);
        QCOMPARE(p.bytesTotal, -1);
        QCOMPARE(p.filesDone, 0);
        QCOMPARE(p.etaSeconds, -1);

        meter.setPhase(Phase::Scanning);
        meter.addTotals(3, 300); // from unknown: counts from zero
        meter.addTotals(2, 200);
        meter.addDone(1, 50);
        meter.addDone(1, 25);
        meter.setCurrent(QStringLiteral("/home/ana/a.txt"));
        m_now = 1234;
        QVERIFY(meter.due(&p));
        QCOMPARE(p.phase, Phase::Scanning);
        QCOMPARE(p.filesTotal, 5);
        QCOMPARE(p.bytesTotal, 500);
        QCOMPARE(p.filesDone, 2);
        QCOMPARE(p.bytesDone, 75);
        QCOMPARE(p.currentPath, QStringLiteral("/home/ana/a.txt"));
        QCOMPARE(p.elapsedMs, 1234);

        meter.setTotals(10, 1000);
        meter.setPhase(Phase::Backing);
        QVERIFY(meter.due(&p, true));
        QCOMPARE(p.filesTotal, 10);
        QCOMPARE(p.bytesTotal, 1000);
        QCOMPARE(p.phase, Phase::Backing);
    }

    void rateAndEta()
    {
        ProgressMeter meter(100);
        useFakeClock(meter);
        Progress p;
        meter.setTotals(100, 100 * MB);
        QVERIFY(meter.due(&p));
        QCOMPARE(p.bytesPerSecond, 0.0);
        QCOMPARE(p.etaSeconds, -1); // no rate yet

        meter.addDone(1, 1 * MB);
        m_now = 100;
        QVERIFY(meter.due(&p));
        QCOMPARE(p.etaSeconds, -1); // 100 ms of history is too little to trust

        meter.addDone(9, 9 * MB);
        m_now = 1000;
        QVERIFY(meter.due(&p));
        QCOMPARE(qRound64(p.bytesPerSecond), 10 * MB);
        QCOMPARE(p.etaSeconds, 9); // 90 MB left at 10 MB/s

        meter.addDone(0, 5 * MB + 1);
        m_now = 1500;
        QVERIFY(meter.due(&p));
        QCOMPARE(qRound64(p.bytesPerSecond), qRound64((15 * MB + 1) / 1.5));
        QCOMPARE(p.etaSeconds, qint64(std::ceil((85 * MB - 1) / p.bytesPerSecond)));

        meter.addDone(90, 85 * MB);
        m_now = 1600;
        QVERIFY(meter.due(&p));
        QCOMPARE(p.etaSeconds, 0); // all done
    }

    void etaUnknownWithoutTotals()
    {
        ProgressMeter meter(100);
        useFakeClock(meter);
        Progress p;
        QVERIFY(meter.due(&p));
        meter.addDone(10, 10 * MB);
        m_now = 1000;
        QVERIFY(meter.due(&p));
        QVERIFY(p.bytesPerSecond > 0);
        QCOMPARE(p.etaSeconds, -1);
    }

    void rateWindowSlides()
    {
        ProgressMeter meter(100);
        useFakeClock(meter);
        meter.setTotals(-1, 1000 * MB);
        Progress p;
        // 10 s at 10 MB/s (reports every 100 ms), then 10 s at 2 MB/s.
        for (m_now = 0; m_now <= 10000; m_now += 100) {
            QVERIFY(meter.due(&p));
            meter.addDone(1, MB);
        }
        QVERIFY(qAbs(p.bytesPerSecond - 10.0 * MB) < 0.3 * MB);
        for (; m_now <= 20000; m_now += 100) {
            QVERIFY(meter.due(&p));
            meter.addDone(1, MB / 5);
        }
        // The window forgot the fast part: the rate is the recent one, not the average (6 MB/s).
        QVERIFY2(qAbs(p.bytesPerSecond - 2.0 * MB) < 0.3 * MB, qPrintable(QString::number(p.bytesPerSecond)));
        // Halfway through a window of idling, the rate has roughly halved...
        m_now += 2500;
        QVERIFY(meter.due(&p));
        QVERIFY2(p.bytesPerSecond > 0.5 * MB && p.bytesPerSecond < 1.5 * MB,
                 qPrintable(QString::number(p.bytesPerSecond)));
        // ...and after a whole window of nothing it is zero, and so is the ETA unknown.
        m_now += 6000;
        QVERIFY(meter.due(&p));
        QCOMPARE(p.bytesPerSecond, 0.0);
        QCOMPARE(p.etaSeconds, -1);
    }

    void manyThreads()
    {
        ProgressMeter meter(1);
        constexpr int Threads = 4, PerThread = 20000;
        std::atomic<int> reports{0};
        std::vector<std::thread> workers;
        for (int t = 0; t < Threads; ++t) {
            workers.emplace_back([&, t] {
                Progress p;
                for (int i = 0; i < PerThread; ++i) {
                    meter.addTotals(1, 10);
                    meter.addDone(1, 10);
                    if (i % 100 == 0)
                        meter.setCurrent(QStringLiteral("/t%1/%2").arg(t).arg(i));
                    if (meter.due(&p) && (p.filesDone > p.filesTotal + Threads || p.bytesDone < 0))
                        reports.fetch_sub(100000); // impossible figures
                    else
                        reports.fetch_add(1);
                }
            });
        }
        for (auto &w : workers)
            w.join();
        QVERIFY(reports.load() > 0);
        Progress p;
        QVERIFY(meter.due(&p, true));
        QCOMPARE(p.filesDone, qint64(Threads) * PerThread);
        QCOMPARE(p.bytesDone, qint64(Threads) * PerThread * 10);
        QCOMPARE(p.filesTotal, qint64(Threads) * PerThread);
        QCOMPARE(p.bytesTotal, qint64(Threads) * PerThread * 10);
        QVERIFY(p.currentPath.startsWith(QLatin1String("/t")));
    }

    void metaType()
    {
        // Progress travels through queued signals.
        QVERIFY(QMetaType::fromType<Progress>().isValid());
        Progress p;
        p.filesDone = 7;
        const QVariant v = QVariant::fromValue(p);
        QCOMPARE(v.value<Progress>().filesDone, 7);
    }
};

QTEST_GUILESS_MAIN(TestProgress)
#include "tst_progress.moc"
