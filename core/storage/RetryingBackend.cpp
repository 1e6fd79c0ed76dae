#include "storage/RetryingBackend.h"

#include "storage/Layout.h"

#include <QLoggingCategory>
#include <QRandomGenerator>

#include <algorithm>
#include <thread>

Q_LOGGING_CATEGORY(lcRetry, "strata.storage.retry")

namespace strata {

namespace {

using namespace std::chrono;

// "snapshots", "data", ...; "config" for the one file at the top.
QString kindName(FileKind kind)
{
    return kind == FileKind::Config ? QStringLiteral("config") : subdirOf(kind);
}

QString fileName(FileKind kind, const QString &name)
{
    return kindName(kind) + QLatin1Char('/') + name;
}

bool failedTransiently(const Status &s)
{
    return !s.ok() && isTransient(s.error().code);
}
template <typename V>
bool failedTransiently(const Result<V> &r)
{
    return !r.ok() && isTransient(r.error().code);
}

// Sleeps `delay`, waking every 50 ms to see whether the call was cancelled.
bool waitUnlessCancelled(milliseconds delay, const CancelToken &cancel)
{
    const auto until = steady_clock::now() + delay;
    while (steady_clock::now() < until) {
        if (cancel.cancelled())
            return false;
        std::this_thread::sleep_for(
            std::min<steady_clock::duration>(milliseconds(50), until - steady_clock::now()));
    }
    return !cancel.cancelled();
}

} // namespace

RetryingBackend::RetryingBackend(std::unique_ptr<Backend> inner, RetryPolicy policy, RetryObserver observer)
    : m_inner(std::move(inner)), m_policy(policy), m_observer(std::move(observer))
{}

template <typename T>
T RetryingBackend::retry(const QString &what, const CancelToken &cancel, const std::function<T()> &attempt)
{
    const auto started = steady_clock::now();
    for (int n = 1;; ++n) {
        T result = attempt();
        if (!failedTransiently(result))
            return result;
        if (n >= m_policy.maxAttempts)
            return Error{result.error().code,
                         QStringLiteral("%1 (gave up after %2 attempts)").arg(result.error().message).arg(n)};
        // Full jitter: a random wait up to the exponential ceiling, so clients that failed
        // together do not come back together.
        const qint64 ceiling =
            std::min<qint64>(m_policy.maxDelay.count(), m_policy.firstDelay.count() << std::min(n - 1, 20));
        const milliseconds delay(ceiling > 0 ? QRandomGenerator::global()->bounded(ceiling + 1) : 0);
        if (steady_clock::now() + delay - started > m_policy.totalTime)
            return Error{result.error().code,
                         QStringLiteral("%1 (gave up after %2 s of retrying)")
                             .arg(result.error().message)
                             .arg(duration_cast<seconds>(steady_clock::now() - started).count())};
        qCInfo(lcRetry).noquote() << what << "failed (" << result.error().message << "), attempt" << n << "of"
                                  << m_policy.maxAttempts << "; again in" << delay.count() << "ms";
        if (m_observer)
            m_observer(RetryEvent{what, n, delay, result.error()});
        if (!waitUnlessCancelled(delay, cancel))
            return Error::cancelled();
    }
}

Result<bool> RetryingBackend::exists()
{
    return retry<Result<bool>>(QStringLiteral("look for the config"), {}, [&] { return m_inner->exists(); });
}

Status RetryingBackend::create()
{
    return retry<Status>(QStringLiteral("create the repository's folders"), {},
                         [&] { return m_inner->create(); });
}

Status RetryingBackend::remove(FileKind kind, const QString &name)
{
    bool again = false;
    return retry<Status>(QStringLiteral("remove ") + fileName(kind, name), {}, [&]() -> Status {
        Status removed = m_inner->remove(kind, name);
        // The first attempt may have removed it and lost only the answer.
        if (again && !removed.ok() && removed.error().code == ErrorCode::NotFound)
            return {};
        again = true;
        return removed;
    });
}

Result<qint64> RetryingBackend::size(FileKind kind, const QString &name)
{
    return retry<Result<qint64>>(QStringLiteral("size of ") + fileName(kind, name), {},
                                 [&] { return m_inner->size(kind, name); });
}

Result<int> RetryingBackend::removeStaleTemporaries(int olderThanSeconds)
{
    return retry<Result<int>>(QStringLiteral("remove stale temporary files"), {},
                              [&] { return m_inner->removeStaleTemporaries(olderThanSeconds); });
}

Status RetryingBackend::doWrite(FileKind kind, const QString &name, const QByteArray &data,
                                const CancelToken &cancel)
{
    return retry<Status>(QStringLiteral("write ") + fileName(kind, name), cancel,
                         [&] { return m_inner->write(kind, name, data, cancel); });
}

Result<QByteArray> RetryingBackend::doRead(FileKind kind, const QString &name, qint64 offset, qint64 length,
                                           const CancelToken &cancel)
{
    return retry<Result<QByteArray>>(QStringLiteral("read ") + fileName(kind, name), cancel,
                                     [&] { return m_inner->read(kind, name, offset, length, cancel); });
}

Status RetryingBackend::doReadInto(FileKind kind, const QString &name, qint64 offset, qint64 length,
                                   QByteArray &out, const CancelToken &cancel)
{
    return retry<Status>(QStringLiteral("read ") + fileName(kind, name), cancel,
                         [&] { return m_inner->readInto(kind, name, offset, length, out, cancel); });
}

Result<QList<FileInfo>> RetryingBackend::doList(FileKind kind, const CancelToken &cancel)
{
    return retry<Result<QList<FileInfo>>>(QStringLiteral("list ") + kindName(kind), cancel,
                                          [&] { return m_inner->list(kind, cancel); });
}

} // namespace strata
