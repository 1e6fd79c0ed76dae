// Shared shape of long operations: a final QObject with Params in and Result out, that runs
// on a worker thread and reports through throttled progress, warning and finished signals.
// The base class runs the job: it sets the state, catches what the work throws, and has the
// job publish its result exactly once, so a job is only its execute() and its finish().
// Cancellation is cooperative: cancel() triggers a CancelToken that the work, the repository
// and the backend check between units of work.
#pragma once

#include "engine/Progress.h"
#include "util/Cancel.h"
#include "util/Result.h"

#include <QObject>

#include <atomic>

namespace strata {

enum class JobState
{
    Queued,
    Running,
    Cancelling, // cancel() was called while running; the work is winding down
    Done,
    Failed // failed or cancelled: the result's status says which
};

class Job : public QObject
{
    Q_OBJECT
public:
    explicit Job(QObject *parent = nullptr);
    ~Job() override;

    // Runs the job on its own worker thread; finished() is emitted from there (use a queued
    // connection, which is the default across threads). Call once.
    void start();
    // Runs the job on the calling thread (tests, or callers that are workers already).
    void runHere();
    // Blocks until a started job has finished. For tests and the CLI, never the GUI thread.
    void wait();

    // Asks the job to stop. Thread-safe; a job that has not ended yet moves to Cancelling.
    void cancel();
    bool isCancelled() const { return m_cancel.cancelled(); }
    // The token the job passes to what it calls; copies stay valid after the job is gone.
    const CancelToken &cancelToken() const { return m_cancel; }
    // Makes this job answer to `token` instead of its own (a job run inside another one, so
    // cancelling either stops both). Call before start().
    void followCancellation(const CancelToken &token) { m_cancel = token; }
    // Runs the job's threads (and the threads they start) at a lower CPU priority, so that a
    // desktop, and the GUI thread of the program itself, stay responsive while it works. Call
    // before start(). Costs nothing on an otherwise idle machine.
    void setBackground(bool background) { m_background = background; }
    JobState state() const { return m_state.load(); }

    // Emits progress() when `meter` says a report is due, or always with `force`. Any thread:
    // for the job's work and the helpers it runs.
    void reportProgress(ProgressMeter &meter, bool force = false);

Q_SIGNALS:
    void progress(const strata::Progress &progress);
    void warning(const QString &path, const QString &message);
    void stateChanged(strata::JobState state);

protected:
    // The work, on the worker thread. What it throws is caught and reported as a failed result.
    virtual Status execute() = 0;
    // Stores `status` in the job's result and emits the job's typed finished signal. Called
    // once, after execute() has returned or thrown.
    virtual void finish(const Status &status) = 0;
    // What the job does, for messages: "backup", "restore".
    virtual QString what() const = 0;

private:
    void run();
    void setState(JobState s);

    CancelToken m_cancel = CancelToken::make();
    bool m_background = false;
    std::atomic<JobState> m_state{JobState::Queued};
    class QThread *m_thread = nullptr;
    // Set by the worker as its last step and read after QThread::wait(): the acquire makes the
    // worker's writes visible through an edge ThreadSanitizer can see, which QThread's own
    // futex-based handover is not when the thread ended before wait() was called.
    std::atomic<bool> m_workerDone{false};
    void joinWorker();
};

} // namespace strata

Q_DECLARE_METATYPE(strata::JobState)
