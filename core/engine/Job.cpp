#include "engine/Job.h"

#include "engine/BackupJob.h"
#include "engine/Check.h"
#include "engine/Restore.h"

#include <QThread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace strata {

namespace {
void registerTypes()
{
    static const bool once = [] {
        qRegisterMetaType<strata::Progress>();
        qRegisterMetaType<strata::JobState>();
        qRegisterMetaType<strata::BackupResult>();
        qRegisterMetaType<strata::RestoreResult>();
        qRegisterMetaType<strata::CheckResult>();
        return true;
    }();
    Q_UNUSED(once);
}
} // namespace

Job::~Job()
{
    if (m_thread) {
        cancel();
        m_thread->wait();
        delete m_thread;
    }
}

void Job::start()
{
    registerTypes();
    Q_ASSERT(!m_thread);
    setState(JobState::Running);
    m_thread = QThread::create([this] {
#ifdef Q_OS_LINUX
        // Niceness is per thread on Linux and inherited by the threads this one starts.
        if (m_background)
            setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), 10);
#endif
        execute();
    });
    m_thread->setObjectName(QStringLiteral("strata-job"));
    m_thread->start();
}

void Job::runHere()
{
    registerTypes();
    setState(JobState::Running);
    execute();
}

void Job::wait()
{
    if (m_thread)
        m_thread->wait();
}

void Job::setState(JobState s)
{
    if (m_state.exchange(s) != s)
        Q_EMIT stateChanged(s);
}

} // namespace strata
