// Shared shape of long operations: a final QObject with Params in and Result out, that runs
// on a worker thread and reports through throttled progress, warning and finished signals.
// Cancellation is cooperative: cancel() sets a flag the worker checks between units of work.
#pragma once

#include "engine/Progress.h"

#include <QObject>

#include <atomic>

namespace strata {

enum class JobState
{
    Queued,
    Running,
    Cancelling,
    Done,
    Failed
};

class Job : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Job() override;

    // Runs the job on its own worker thread; finished() is emitted from there (use a queued
    // connection, which is the default across threads). Call once.
    void start();
    // Runs the job on the calling thread (tests, or callers that are workers already).
    void runHere();
    // Blocks until a started job has finished. For tests and the CLI, never the GUI thread.
    void wait();

    void cancel() { m_cancel.store(true); }
    // Runs the job's threads (and the threads they start) at a lower CPU priority, so that a
    // desktop, and the GUI thread of the program itself, stay responsive while it works. Call
    // before start(). Costs nothing on an otherwise idle machine.
    void setBackground(bool background) { m_background = background; }
    bool isCancelled() const { return m_cancel.load(); }
    JobState state() const { return m_state.load(); }

Q_SIGNALS:
    void progress(const strata::Progress &progress);
    void warning(const QString &path, const QString &message);
    void stateChanged(strata::JobState state);

protected:
    // The work itself; must catch its own exceptions and emit its own finished signal.
    virtual void execute() = 0;
    void setState(JobState s);

private:
    std::atomic<bool> m_cancel{false};
    bool m_background = false;
    std::atomic<JobState> m_state{JobState::Queued};
    class QThread *m_thread = nullptr;
};

} // namespace strata

Q_DECLARE_METATYPE(strata::JobState)
