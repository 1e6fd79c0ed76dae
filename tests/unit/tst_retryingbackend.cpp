// The retrying wrapper over a real folder with faults injected in front of it. The injection is
// the one mock here: a server cannot be made to fail exactly the first N calls, or to do a
// remove and lose only its answer, and those are the cases the wrapper exists for. The real
// servers' failures (stopped, stalled) are tested end to end against them.
#include "storage/LocalBackend.h"
#include "storage/RetryingBackend.h"

#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace strata;
using namespace std::chrono_literals;

namespace {

// Fails the next `failures` calls with `code`; with `afterwards`, does the call first and
// fails only its answer (a reply lost on the way back).
class FaultyBackend final : public Backend
{
public:
    explicit FaultyBackend(const QString &root) : m_inner(root) {}

    std::atomic<int> failures{0};
    ErrorCode code = ErrorCode::Network;
    bool afterwards = false;
    std::atomic<int> calls{0};

    QString location() const override { return m_inner.location(); }
    Result<bool> exists() override
    {
        return fault<Result<bool>>([&] { return m_inner.exists(); });
    }
    Status create() override
    {
        return fault<Status>([&] { return m_inner.create(); });
    }
    Status remove(FileKind kind, const QString &name) override
    {
        return fault<Status>([&] { return m_inner.remove(kind, name); });
    }
    Result<qint64> size(FileKind kind, const QString &name) override
    {
        return fault<Result<qint64>>([&] { return m_inner.size(kind, name); });
    }

protected:
    Status doWrite(FileKind kind, const QString &name, const QByteArray &data, const CancelToken &c) override
    {
        return fault<Status>([&] { return m_inner.write(kind, name, data, c); });
    }
    Result<QByteArray> doRead(FileKind kind, const QString &name, qint64 offset, qint64 length,
                              const CancelToken &c) override
    {
        return fault<Result<QByteArray>>([&] { return m_inner.read(kind, name, offset, length, c); });
    }
    Result<QList<FileInfo>> doList(FileKind kind, const CancelToken &c) override
    {
        return fault<Result<QList<FileInfo>>>([&] { return m_inner.list(kind, c); });
    }

private:
    template <typename T, typename F>
    T fault(F call)
    {
        ++calls;
        if (failures.load() > 0) {
            --failures;
            if (afterwards)
                (void)call();
            return Error{code, QStringLiteral("injected failure")};
        }
        return call();
    }
    LocalBackend m_inner;
};

RetryPolicy fast(int attempts = 5)
{
    RetryPolicy p;
    p.maxAttempts = attempts;
    p.firstDelay = 5ms;
    p.maxDelay = 20ms;
    p.totalTime = 10s;
    return p;
}

} // namespace

class TestRetryingBackend : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

    std::pair<RetryingBackend *, FaultyBackend *> make(RetryPolicy policy,
                                                       QList<RetryEvent> *events = nullptr)
    {
        auto faulty = std::make_unique<FaultyBackend>(m_tmp.filePath(QString::number(++m_count)));
        FaultyBackend *raw = faulty.get();
        m_backends.push_back(
            std::make_unique<RetryingBackend>(std::move(faulty), policy, [events](const RetryEvent &e) {
                if (events)
                    events->append(e);
            }));
        if (!m_backends.back()->create())
            qFatal("cannot create the test folder");
        return {m_backends.back().get(), raw};
    }
    int m_count = 0;
    std::vector<std::unique_ptr<RetryingBackend>> m_backends;

private Q_SLOTS:
    void transientFailuresAreRetried()
    {
        QList<RetryEvent> events;
        auto [backend, faulty] = make(fast(), &events);
        faulty->failures = 3;
        QVERIFY(backend->write(FileKind::Snapshot, QStringLiteral("a"), "one").ok());
        QCOMPARE(events.size(), 3);
        QCOMPARE(events.at(0).attempt, 1);
        QVERIFY(events.at(0).operation.contains(QStringLiteral("snapshots/a")));
        QCOMPARE(*backend->read(FileKind::Snapshot, QStringLiteral("a")), QByteArray("one"));

        faulty->code = ErrorCode::Timeout;
        faulty->failures = 2;
        auto listed = backend->list(FileKind::Snapshot);
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), 1);
    }

    void permanentFailuresAreNot()
    {
        auto [backend, faulty] = make(fast());
        QVERIFY(backend->write(FileKind::Snapshot, QStringLiteral("a"), "one").ok());
        for (ErrorCode code : {ErrorCode::Auth, ErrorCode::NoSpace, ErrorCode::Corrupt, ErrorCode::Io}) {
            faulty->code = code;
            faulty->failures = 1;
            const int before = faulty->calls;
            auto read = backend->read(FileKind::Snapshot, QStringLiteral("a"));
            QVERIFY(!read.ok());
            QCOMPARE(read.error().code, code);
            QCOMPARE(faulty->calls - before, 1);
        }
        // A missing file is an answer, not a failure to retry.
        const int before = faulty->calls;
        QCOMPARE(backend->read(FileKind::Snapshot, QStringLiteral("missing")).error().code,
                 ErrorCode::NotFound);
        QCOMPARE(faulty->calls - before, 1);
    }

    void itGivesUpAndSaysSo()
    {
        auto [backend, faulty] = make(fast(4));
        faulty->failures = 100;
        const int before = faulty->calls;
        auto read = backend->read(FileKind::Snapshot, QStringLiteral("a"));
        QCOMPARE(read.error().code, ErrorCode::Network);
        QVERIFY2(read.error().message.contains(QStringLiteral("4 attempts")),
                 qPrintable(read.error().message));
        QCOMPARE(faulty->calls - before, 4);

        // The total time bounds it too, however many attempts are left.
        RetryPolicy slow = fast(1000);
        slow.firstDelay = 100ms;
        slow.maxDelay = 100ms;
        slow.totalTime = 300ms;
        auto [bounded, boundedFaulty] = make(slow);
        boundedFaulty->failures = 1000;
        QElapsedTimer clock;
        clock.start();
        auto listed = bounded->list(FileKind::Snapshot);
        QVERIFY(!listed.ok());
        QVERIFY2(listed.error().message.contains(QStringLiteral("retrying")),
                 qPrintable(listed.error().message));
        QVERIFY(clock.elapsed() < 3000);
    }

    void cancelEndsTheWait()
    {
        RetryPolicy slow = fast(10);
        slow.firstDelay = 20s;
        slow.maxDelay = 20s;
        slow.totalTime = 10min;
        auto [backend, faulty] = make(slow);
        faulty->failures = 10;
        const CancelToken cancel = CancelToken::make();
        QElapsedTimer clock;
        clock.start();
        auto written = QtConcurrent::run(
            [&, b = backend] { return b->write(FileKind::Index, QStringLiteral("x"), "y", cancel); });
        QTRY_VERIFY(faulty->calls.load() >= 1);
        QTest::qWait(100); // in the backoff now (up to 20 s)
        cancel.cancel();
        written.waitForFinished();
        QCOMPARE(written.result().error().code, ErrorCode::Cancelled);
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    }

    void aRemoveWhoseAnswerWasLostIsDone()
    {
        auto [backend, faulty] = make(fast());
        QVERIFY(backend->write(FileKind::Lock, QStringLiteral("l"), "lock").ok());
        faulty->afterwards = true;
        faulty->failures = 1;
        QVERIFY(backend->remove(FileKind::Lock, QStringLiteral("l")).ok());
        QCOMPARE(backend->size(FileKind::Lock, QStringLiteral("l")).error().code, ErrorCode::NotFound);
        // A remove of a file that was never there still says so.
        faulty->afterwards = false;
        QCOMPARE(backend->remove(FileKind::Lock, QStringLiteral("never")).error().code, ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestRetryingBackend)
#include "tst_retryingbackend.moc"
