#include "engine/Job.h"

#include <QThread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace strata {

Job::Job(QObject *parent) : QObject(parent)
{
    static const bool registered = [] {
        qRegisterMetaType<strata::Progress>();
        qRegisterMetaType<strata::JobState>();
        return true;
    }();
    Q_UNUSED(registered);
}

Job::~Job()
{
    if (m_thread) {
        cancel();
        joinWorker();
        delete m_thread;
    }
}

void Job::start()
{
    Q_ASSERT(!m_thread);
    setState(JobState::Running);
    m_thread = QThread::create([this] {
#ifdef Q_OS_LINUX
        // Niceness is per thread on Linux and inherited by the threads this one starts.
        if (m_background)
            setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), 10);
#endif
        run();
        m_workerDone.store(true, std::memory_order_release);
    });
    m_thread->setObjectName(QStringLiteral("strata-job"));
    m_thread->start();
}

void Job::runHere()
{
    setState(JobState::Running);
    run();
}

void Job::wait()
{
    if (m_thread)
        joinWorker();
}

void Job::joinWorker()
{
    m_thread->wait();
    [[maybe_unused]] const bool done = m_workerDone.load(std::memory_order_acquire);
    Q_ASSERT(done);
}

void Job::cancel()
{
    m_cancel.cancel();
    JobState running = JobState::Running;
    if (m_state.compare_exchange_strong(running, JobState::Cancelling))
        Q_EMIT stateChanged(JobState::Cancelling);
}

void Job::reportProgress(ProgressMeter &meter, bool force)
{
    Progress p;
    if (meter.due(&p, force))
        Q_EMIT progress(p);
}

void Job::run()
{
    Status status;
    try {
        status = execute();
    } catch (const std::exception &e) {
        status = Error{ErrorCode::Internal,
                       QStringLiteral("%1 failed: %2").arg(what(), QString::fromUtf8(e.what()))};
    } catch (...) {
        status = Error{ErrorCode::Internal, QStringLiteral("%1 failed: unknown exception").arg(what())};
    }
    setState(status.ok() ? JobState::Done : JobState::Failed);
    finish(status);
}

void Job::setState(JobState s)
{
    if (m_state.exchange(s) != s)
        Q_EMIT stateChanged(s);
}

} // namespace strata
