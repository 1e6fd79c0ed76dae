#include "engine/Job.h"

#include "engine/BackupJob.h"
#include "engine/Check.h"
#include "engine/Restore.h"

#include <QThread>

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
    m_thread = QThread::create([this] { execute(); });
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
