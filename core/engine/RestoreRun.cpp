#include "engine/RestoreRun.h"

#include <QDir>
#include <QFile>

#include <fcntl.h>
#include <unistd.h>

#include <thread>

namespace strata {

namespace {
// Files are handed to the writers in batches of 16, each once the queue is down to 4 files per
// writer: waking a thread for each small file cost more system time than writing the file.
// Queued nodes (names and chunk lists) stay few: at most 4 per writer plus one batch.
constexpr std::size_t kFilesPerBatch = 16;
constexpr int kLowWaterPerThread = 4;
// Folders are kept open down to this depth. Open ones are those on the walk's path plus those
// of queued files, so about this many plus the queue's length.
constexpr std::size_t kMaxOpenDirDepth = 64;
} // namespace

RestoreRun::DirState::~DirState()
{
    if (fd >= 0)
        ::close(fd);
}

RestoreRun::RestoreRun(RestoreJob *job, Repository &repo, const Snapshot &snapshot, const RestorePlan &plan,
                       ProgressMeter &meter, const RestoreTestHooks &hooks, int threads, Kind kind)
    : m_job(job), m_repo(repo), m_snapshot(snapshot), m_plan(plan), m_meter(meter),
      m_threads(std::max(1, threads)), m_cancellable(kind == Kind::Restore),
      m_placement(repo, plan, hooks, kind == Kind::Restore ? hooks.failAfterFiles : -1,
                  FilePlacement::Callbacks{[this] { return cancelled(); },
                                           [this](qint64 bytes) {
                                               m_meter.addDone(0, bytes);
                                               reportProgress();
                                           },
                                           [this](const QByteArray &path, const QString &message) {
                                               Q_EMIT m_job->warning(QFile::decodeName(path), message);
                                           }})
{}

RestoreRun::~RestoreRun()
{
    for (DirState *d : m_liveDirs)
        delete d;
}

void RestoreRun::recordError(const Error &e)
{
    {
        std::lock_guard guard(m_mutex);
        if (!m_error)
            m_error = e;
        m_failed = true;
    }
    m_room.notify_all();
}

void RestoreRun::reportProgress()
{
    m_job->reportProgress(m_meter);
}

Status RestoreRun::run(RestoreResult &out)
{
    if (!m_plan.target.isEmpty() && !QDir().mkpath(m_plan.target))
        return Error::io(QStringLiteral("cannot create the folder %1").arg(m_plan.target));
    PlanSummary &done = out.done;
    std::vector<std::thread> writers;
    for (int i = 0; i < m_threads; ++i)
        writers.emplace_back([this, &done] { writerLoop(done); });

    RestoreWalk walk(m_repo, m_snapshot, m_plan);
    RestoreWalk::Visitor v;
    v.entry = [&](const RestoreWalk::Item &item) { return visitEntry(item, done); };
    v.leaveDir = [&](const RestoreWalk::Item &) -> Status {
        DirState *dir = m_dirStack.back();
        m_dirStack.pop_back();
        finishEntry(dir);
        return {};
    };
    v.refused = [&](const QByteArray &path, const QString &why) {
        const QString msg = QStringLiteral("refused to restore %1: %2").arg(QFile::decodeName(path), why);
        {
            std::lock_guard guard(m_mutex);
            done.refused++;
            out.warnings << msg;
        }
        Q_EMIT m_job->warning(QFile::decodeName(path), msg);
    };
    v.damaged = [&](const QByteArray &, const QByteArray &dest, const Error &why) {
        m_placement.damagedFolder(dest, why.message);
    };
    try {
        Status walked = walk.run(v);
        if (walked)
            walked = handOver(); // the last, partial batch
        if (!walked)
            recordError(walked.error());
    } catch (const std::exception &e) {
        recordError(Error{ErrorCode::Internal, QString::fromUtf8(e.what())}); // the writers must end first
    }
    {
        std::lock_guard guard(m_mutex);
        m_walkDone = true;
    }
    m_work.notify_all();
    for (std::thread &t : writers)
        t.join();
    for (const QString &refusal : m_placement.refusals()) {
        out.warnings << refusal;
        Q_EMIT m_job->warning(QString(), refusal);
    }
    for (DamagedFile &d : m_placement.takeDamaged())
        out.damaged << std::move(d);
    for (const auto &[action, size] : m_placement.takeUnwritten())
        done.remove(action, size); // counted as written by whoever finished it
    for (RestoreAction action : m_placement.takeNotMade()) {
        done.remove(action, 0); // counted as written by the walk; it could not be made
        out.failed++;
    }
    for (const FilePlacement::Appeared &a : m_placement.takeAppeared()) {
        out.warnings << a.message;
        // Counted as written by whoever finished it; it was skipped.
        done.remove(a.action, a.size);
        done.skip++;
    }
    if (m_error)
        return *m_error;
    return {};
}

Status RestoreRun::visitEntry(const RestoreWalk::Item &item, PlanSummary &done)
{
    if (cancelled())
        return Error::cancelled();
    {
        std::lock_guard guard(m_mutex);
        if (m_error)
            return *m_error;
    }
    m_meter.setCurrent(QFile::decodeName(item.destination));
    const Node &node = *item.node;
    const bool writes = item.action != RestoreAction::Skip && item.action != RestoreAction::Unchanged;
    if (node.type == NodeType::File && writes && node.links <= 1)
        return queueFile(item); // counted when written
    if (node.type == NodeType::File && !writes)
        m_meter.addDone(0, qint64(node.size));
    STRATA_TRY(m_placement.writeEntry(node, item.destination, item.action));
    {
        std::lock_guard guard(m_mutex);
        done.add(item.action, qint64(node.size));
    }
    if (node.type == NodeType::Directory && item.action != RestoreAction::Skip)
        enterDir(item);
    if (node.type == NodeType::File)
        m_meter.addDone(1, 0);
    reportProgress();
    return {};
}

void RestoreRun::enterDir(const RestoreWalk::Item &item)
{
    auto *dir = new DirState{*item.node, item.destination, m_dirStack.empty() ? nullptr : m_dirStack.back()};
    // Deeper folders go by path, so that a deep tree cannot use up the file descriptors.
    if (m_dirStack.size() < kMaxOpenDirDepth)
        dir->fd = ::open(item.destination.constData(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dir->parent)
        dir->parent->pending++;
    {
        std::lock_guard guard(m_mutex);
        m_liveDirs.insert(dir);
    }
    m_dirStack.push_back(dir);
}

Status RestoreRun::queueFile(const RestoreWalk::Item &item)
{
    DirState *dir = m_dirStack.empty() ? nullptr : m_dirStack.back();
    if (dir)
        dir->pending++;
    m_batch.push_back(FileTask{*item.node, item.destination, item.action, dir});
    return m_batch.size() < kFilesPerBatch ? Status{} : handOver();
}

Status RestoreRun::handOver()
{
    if (m_batch.empty())
        return {};
    std::unique_lock guard(m_mutex);
    const qsizetype lowWater = qsizetype(m_threads) * kLowWaterPerThread;
    m_room.wait(guard, [&] { return qsizetype(m_queue.size()) <= lowWater || m_error || cancelled(); });
    if (m_error || cancelled()) {
        const Error e = m_error ? *m_error : Error::cancelled();
        guard.unlock();
        for (const FileTask &t : m_batch)
            finishEntry(t.dir);
        m_batch.clear();
        return e;
    }
    for (FileTask &t : m_batch)
        m_queue.push_back(std::move(t));
    m_batch.clear();
    guard.unlock();
    m_work.notify_all();
    return {};
}

void RestoreRun::writerLoop(PlanSummary &done)
{
    for (;;) {
        std::optional<FileTask> task;
        bool lowWater;
        {
            std::unique_lock guard(m_mutex);
            m_work.wait(guard, [this] { return !m_queue.empty() || m_walkDone; });
            if (m_queue.empty())
                return;
            task = std::move(m_queue.front());
            m_queue.pop_front();
            // Every pop passes this mark on the way down, so a waiting walk is always woken.
            lowWater = qsizetype(m_queue.size()) == qsizetype(m_threads) * kLowWaterPerThread;
        }
        if (lowWater)
            m_room.notify_one();
        if (!stopping()) {
            Status s;
            try {
                s = m_placement.writeFile(task->node, task->dest, task->action,
                                          task->dir ? task->dir->fd : -1);
            } catch (const std::exception &e) {
                s = Error{ErrorCode::Internal, QString::fromUtf8(e.what())};
            }
            if (s) {
                {
                    std::lock_guard guard(m_mutex);
                    done.add(task->action, qint64(task->node.size));
                }
                m_meter.addDone(1, 0);
                reportProgress();
            } else {
                recordError(s.error());
            }
        }
        finishEntry(task->dir);
    }
}

void RestoreRun::finishEntry(DirState *dir)
{
    while (dir && --dir->pending == 0) {
        // A folder's time stamps are set after its contents, which would change them.
        if (!stopping())
            if (Status s = m_placement.applyMetadata(dir->node, dir->path, true); !s)
                recordError(s.error());
        DirState *parent = dir->parent;
        {
            std::lock_guard guard(m_mutex);
            m_liveDirs.erase(dir);
        }
        delete dir;
        dir = parent;
    }
}

} // namespace strata
