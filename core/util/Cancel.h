// Cooperative cancellation shared by a job and everything it calls: the job's own threads, the
// repository and the backend. A token is a cheap handle to one flag; copies see the same flag,
// so a worker, an uploader or a network transfer can hold one beyond the call that passed it.
#pragma once

#include "util/Result.h"

#include <atomic>
#include <memory>

namespace strata {

class CancelToken final
{
public:
    // A token that is never cancelled: for callers with nothing to cancel (tests, one-off reads).
    CancelToken() = default;

    // A token that cancel() can trigger. Only the owner of a job makes one; others copy it.
    static CancelToken make() { return CancelToken(std::make_shared<std::atomic<bool>>(false)); }

    // Thread-safe; every copy sees the request at once.
    void cancel() const
    {
        if (m_flag)
            m_flag->store(true, std::memory_order_relaxed);
    }
    bool cancelled() const { return m_flag && m_flag->load(std::memory_order_relaxed); }

    // Ok, or ErrorCode::Cancelled: for the check between two units of work.
    Status check() const
    {
        if (cancelled())
            return Error::cancelled();
        return {};
    }

private:
    explicit CancelToken(std::shared_ptr<std::atomic<bool>> flag) : m_flag(std::move(flag)) {}
    std::shared_ptr<std::atomic<bool>> m_flag;
};

} // namespace strata
