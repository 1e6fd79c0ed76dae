// Tests the Job base class: it runs the work, sets the states (Cancelling included), turns what
// the work throws into a failed result, publishes the result once, throttles progress, and
// shares one cancellation token with what the job calls, down to the backend.
#include "engine/Job.h"
#include "storage/LocalBackend.h"

#include "QueuedSpy.h"

#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>

#include <stdexcept>

using namespace strata;
using strata::test::QueuedSpy;

namespace {

struct ProbeResult
{
    Status status;
    int steps = 0;
};

// A job whose work the test scripts: wait for the test, throw, or step until cancelled.
class ProbeJob final : public Job
{
    Q_OBJECT
public:
    enum class Work
    {
        Succeed,
        Fail,
        ThrowStd,
        ThrowOther,
        StepUntilCancelled,
        Progress
    };
    explicit ProbeJob(Work work) : m_work(work) {}
    ~ProbeJob() override { wait(); }

    const ProbeResult &result() const { return m_result; }
    int finishCalls() const { return m_finishCalls; }
    QSemaphore started; // released when the work begins
    QSemaphore proceed; // the work waits for it where a test must act first

Q_SIGNALS:
    void finished(const ProbeResult &result);

protected:
    Status execute() override
    {
        started.release();
        switch (m_work) {
        case Work::Succeed:
            m_result.steps = 1;
            return {};
        case Work::Fail:
            return Error::io(QStringLiteral("disk on fire"));
        case Work::ThrowStd:
            throw std::runtime_error("out of cheese");
        case Work::ThrowOther:
            throw 42;
        case Work::StepUntilCancelled:
            proceed.acquire();
            while (m_result.steps < 1000000) {
                STRATA_TRY(cancelToken().check());
                m_result.steps++;
                QThread::usleep(100);
            }
            return {};
        case Work::Progress: {
            ProgressMeter meter(1000000); // one report per "forever": only forced ones get through
            meter.setPhase(Phase::Backing);
            for (int i = 0; i < 100; ++i) {
                meter.addDone(1, 10);
                reportProgress(meter);
            }
            reportProgress(meter, true);
            return {};
        }
        }
        return {};
    }
    void finish(const Status &status) override
    {
        m_finishCalls++;
        m_result.status = status;
        Q_EMIT finished(m_result);
    }
    QString what() const override { return QStringLiteral("probe"); }

private:
    Work m_work;
    ProbeResult m_result;
    int m_finishCalls = 0;
};

QList<JobState> states(const QueuedSpy &spy)
{
    QList<JobState> out;
    for (const QVariantList &call : spy)
        out << call.at(0).value<JobState>();
    return out;
}

} // namespace

Q_DECLARE_METATYPE(ProbeResult)

class TestJob final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ProbeResult>(); }

    void successRunsThroughTheStates()
    {
        ProbeJob job(ProbeJob::Work::Succeed);
        QCOMPARE(job.state(), JobState::Queued);
        QueuedSpy stateSpy(&job, &Job::stateChanged);
        QueuedSpy finished(&job, &ProbeJob::finished);
        job.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(job.state(), JobState::Done);
        QVERIFY(job.result().status.ok());
        QCOMPARE(job.result().steps, 1);
        QCOMPARE(job.finishCalls(), 1);
        QTRY_COMPARE(states(stateSpy), (QList<JobState>{JobState::Running, JobState::Done}));
    }

    void failureIsAFailedResult()
    {
        ProbeJob job(ProbeJob::Work::Fail);
        job.runHere();
        QCOMPARE(job.state(), JobState::Failed);
        QVERIFY(!job.result().status.ok());
        QCOMPARE(job.result().status.error().code, ErrorCode::Io);
        QCOMPARE(job.result().status.error().message, QStringLiteral("disk on fire"));
        QCOMPARE(job.finishCalls(), 1);
    }

    void exceptionsBecomeFailedResults_data()
    {
        QTest::addColumn<int>("work");
        QTest::addColumn<QString>("message");
        QTest::newRow("std::exception") << int(ProbeJob::Work::ThrowStd) << "probe failed: out of cheese";
        QTest::newRow("anything else")
            << int(ProbeJob::Work::ThrowOther) << "probe failed: unknown exception";
    }
    void exceptionsBecomeFailedResults()
    {
        QFETCH(int, work);
        QFETCH(QString, message);
        ProbeJob job{ProbeJob::Work(work)};
        QueuedSpy finished(&job, &ProbeJob::finished);
        job.start(); // thrown on the worker thread: nothing may escape it
        QVERIFY(finished.wait(10000));
        QCOMPARE(job.state(), JobState::Failed);
        QCOMPARE(job.result().status.error().code, ErrorCode::Internal);
        QCOMPARE(job.result().status.error().message, message);
        QCOMPARE(job.finishCalls(), 1);
    }

    void cancelMovesToCancellingAndStopsTheWork()
    {
        ProbeJob job(ProbeJob::Work::StepUntilCancelled);
        QueuedSpy stateSpy(&job, &Job::stateChanged);
        QueuedSpy finished(&job, &ProbeJob::finished);
        job.start();
        QVERIFY(job.started.tryAcquire(1, 10000));
        job.cancel();
        QCOMPARE(job.state(), JobState::Cancelling);
        QVERIFY(job.isCancelled());
        job.proceed.release();
        QVERIFY(finished.wait(10000));
        QCOMPARE(job.state(), JobState::Failed);
        QCOMPARE(job.result().status.error().code, ErrorCode::Cancelled);
        QVERIFY(job.result().steps < 1000000);
        QTRY_COMPARE(states(stateSpy),
                     (QList<JobState>{JobState::Running, JobState::Cancelling, JobState::Failed}));
    }

    void cancelAfterTheEndChangesNothing()
    {
        ProbeJob job(ProbeJob::Work::Succeed);
        job.runHere();
        job.cancel();
        QCOMPARE(job.state(), JobState::Done);
        QVERIFY(job.result().status.ok());
    }

    void progressIsThrottledButForcedReportsPass()
    {
        ProbeJob job(ProbeJob::Work::Progress);
        QueuedSpy progress(&job, &Job::progress);
        QueuedSpy finished(&job, &ProbeJob::finished);
        job.start();
        QVERIFY(finished.wait(10000));
        QTRY_VERIFY(progress.size() >= 1);
        // The first report is due at once, the next 99 fall inside the interval, the forced
        // last one passes: two reports, the last with every file counted.
        QCOMPARE(progress.size(), 2);
        const auto last = progress.last().at(0).value<Progress>();
        QCOMPARE(last.filesDone, 100);
        QCOMPARE(last.bytesDone, 1000);
        QCOMPARE(last.phase, Phase::Backing);
    }

    void followedTokenCancelsBothJobs()
    {
        ProbeJob outer(ProbeJob::Work::Succeed);
        ProbeJob inner(ProbeJob::Work::StepUntilCancelled);
        inner.followCancellation(outer.cancelToken());
        inner.proceed.release();
        outer.cancel();
        inner.runHere();
        QCOMPARE(inner.result().status.error().code, ErrorCode::Cancelled);
        QCOMPARE(inner.result().steps, 0);
    }

    void tokenCopiesShareOneFlag()
    {
        const CancelToken never;
        never.cancel(); // a default token cannot be cancelled
        QVERIFY(!never.cancelled());
        QVERIFY(never.check().ok());
        const CancelToken token = CancelToken::make();
        const CancelToken copy = token;
        QVERIFY(!copy.cancelled());
        token.cancel();
        QVERIFY(copy.cancelled());
        QCOMPARE(copy.check().error().code, ErrorCode::Cancelled);
    }

    void backendRefusesCallsOnACancelledToken()
    {
        QTemporaryDir dir;
        LocalBackend backend(dir.path());
        QVERIFY(backend.create().ok());
        const CancelToken token = CancelToken::make();
        QVERIFY(backend.write(FileKind::Snapshot, QStringLiteral("aa"), "x", token).ok());
        token.cancel();
        QCOMPARE(backend.write(FileKind::Snapshot, QStringLiteral("bb"), "y", token).error().code,
                 ErrorCode::Cancelled);
        QVERIFY(!QFile::exists(backend.pathOf(FileKind::Snapshot, QStringLiteral("bb"))));
        QCOMPARE(backend.read(FileKind::Snapshot, QStringLiteral("aa"), 0, -1, token).error().code,
                 ErrorCode::Cancelled);
        QByteArray out;
        QCOMPARE(backend.readInto(FileKind::Snapshot, QStringLiteral("aa"), 0, -1, out, token).error().code,
                 ErrorCode::Cancelled);
        QCOMPARE(backend.list(FileKind::Snapshot, token).error().code, ErrorCode::Cancelled);
        // The same calls without the token still work.
        QCOMPARE(*backend.read(FileKind::Snapshot, QStringLiteral("aa")), QByteArray("x"));
    }
};

QTEST_GUILESS_MAIN(TestJob)
#include "tst_job.moc"
