// One retrying wrapper for every remote backend: a call that fails with a transient error
// (ErrorCode::Network or Timeout: a dropped connection, a server restarting, a stall) is tried
// again after an exponential backoff with full jitter, until it succeeds, fails permanently,
// runs out of attempts or of its total time, or is cancelled. Every call of the Backend contract
// is safe to repeat: writes replace atomically, reads and lists change nothing, and a remove
// whose first answer was lost finds the file gone (taken as done).
//
// Waiting honours the call's CancelToken in slices of 50 ms, so Cancel during a backoff ends the
// call within a fraction of a second with ErrorCode::Cancelled.
#pragma once

#include "storage/Backend.h"

#include <chrono>
#include <functional>

namespace strata {

struct RetryPolicy
{
    int maxAttempts = 8; // including the first
    std::chrono::milliseconds firstDelay{500};
    std::chrono::milliseconds maxDelay{30'000};
    // No new attempt starts once this much time has passed since the first one began.
    std::chrono::milliseconds totalTime{5 * 60'000};
};

// What a retry is about to do, for a log line or a progress message.
struct RetryEvent
{
    QString operation; // "write data/ab/abcd…", "list snapshots"
    int attempt = 0;   // the attempt that failed, from 1
    std::chrono::milliseconds delay{0};
    Error error;
};

class RetryingBackend final : public Backend
{
public:
    using RetryObserver = std::function<void(const RetryEvent &)>;

    explicit RetryingBackend(std::unique_ptr<Backend> inner, RetryPolicy policy = {},
                             RetryObserver observer = {});

    Backend &inner() { return *m_inner; }

    QString location() const override { return m_inner->location(); }
    Result<bool> exists() override;
    Status create() override;
    Status remove(FileKind kind, const QString &name) override;
    Result<qint64> size(FileKind kind, const QString &name) override;
    Result<int> removeStaleTemporaries(int olderThanSeconds) override;
    std::optional<qint64> freeSpace() override { return m_inner->freeSpace(); }
    void closeOpenFiles() override { m_inner->closeOpenFiles(); }

protected:
    Status doWrite(FileKind kind, const QString &name, const QByteArray &data,
                   const CancelToken &cancel) override;
    Result<QByteArray> doRead(FileKind kind, const QString &name, qint64 offset, qint64 length,
                              const CancelToken &cancel) override;
    Status doReadInto(FileKind kind, const QString &name, qint64 offset, qint64 length, QByteArray &out,
                      const CancelToken &cancel) override;
    Result<QList<FileInfo>> doList(FileKind kind, const CancelToken &cancel) override;

private:
    // Runs `attempt` until it gives a result that is not transient; `what` names it for the
    // observer. `T` is a Result.
    template <typename T>
    T retry(const QString &what, const CancelToken &cancel, const std::function<T()> &attempt);

    std::unique_ptr<Backend> m_inner;
    RetryPolicy m_policy;
    RetryObserver m_observer;
};

} // namespace strata
