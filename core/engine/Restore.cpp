#include "engine/Restore.h"

#include "engine/BackupJob.h"
#include "engine/RestoreWalk.h"
#include "util/Trace.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

Q_LOGGING_CATEGORY(lcRestore, "strata.restore")

namespace strata {

QString conflictPolicyName(ConflictPolicy p)
{
    switch (p) {
    case ConflictPolicy::Overwrite:
        return QStringLiteral("overwrite");
    case ConflictPolicy::Skip:
        return QStringLiteral("skip");
    case ConflictPolicy::IfChanged:
        return QStringLiteral("if-changed");
    case ConflictPolicy::KeepBoth:
        return QStringLiteral("keep-both");
    }
    return {};
}

std::optional<ConflictPolicy> conflictPolicyFromName(const QString &name)
{
    for (auto p : {ConflictPolicy::Overwrite, ConflictPolicy::Skip, ConflictPolicy::IfChanged,
                   ConflictPolicy::KeepBoth})
        if (conflictPolicyName(p) == name)
            return p;
    return std::nullopt;
}

void PlanSummary::add(RestoreAction action, qint64 size)
{
    switch (action) {
    case RestoreAction::Create:
        create++;
        bytes += size;
        break;
    case RestoreAction::Overwrite:
        overwrite++;
        bytes += size;
        break;
    case RestoreAction::KeepBoth:
        keepBoth++;
        bytes += size;
        break;
    case RestoreAction::Skip:
        skip++;
        break;
    case RestoreAction::Unchanged:
        unchanged++;
        break;
    }
}

QString restoreActionName(RestoreAction a)
{
    switch (a) {
    case RestoreAction::Create:
        return QStringLiteral("create");
    case RestoreAction::Overwrite:
        return QStringLiteral("overwrite");
    case RestoreAction::Skip:
        return QStringLiteral("skip");
    case RestoreAction::KeepBoth:
        return QStringLiteral("keep-both");
    case RestoreAction::Unchanged:
        return QStringLiteral("unchanged");
    }
    return {};
}

Result<PlanSummary> planRestore(Repository &repo, const RestorePlan &plan,
                                const std::function<void(const PlannedEntry &)> &each,
                                const std::function<void(const QString &, const QString &)> &refused,
                                const std::atomic<bool> *cancel)
{
    if (!repo.indexLoaded())
        STRATA_TRY(repo.loadIndex());
    auto snapshot = repo.findSnapshot(plan.snapshot);
    STRATA_TRY(snapshot);
    RestoreWalk walk(repo, *snapshot, plan);
    PlanSummary summary;
    RestoreWalk::Visitor v;
    v.entry = [&](const RestoreWalk::Item &item) -> Status {
        if (cancel && cancel->load())
            return Error::cancelled();
        summary.add(item.action, qint64(item.node->size));
        if (each)
            each(PlannedEntry{QFile::decodeName(item.destination), item.destination,
                              QFile::decodeName(item.original), item.node->type, qint64(item.node->size),
                              item.action});
        return {};
    };
    v.refused = [&](const QByteArray &path, const QString &why) {
        summary.refused++;
        if (refused)
            refused(QFile::decodeName(path), why);
    };
    STRATA_TRY(walk.run(v));
    return summary;
}

// ---- the job --------------------------------------------------------------------------------

namespace {

QString sysError(const QString &what, const QByteArray &path)
{
    return QStringLiteral("%1 %2: %3")
        .arg(what, QFile::decodeName(path), QString::fromLocal8Bit(std::strerror(errno)));
}

bool allZero(QByteArrayView data)
{
    const char *p = data.data();
    const qsizetype n = data.size();
    qsizetype i = 0;
    for (; i + 8 <= n; i += 8) {
        quint64 v;
        std::memcpy(&v, p + i, 8);
        if (v)
            return false;
    }
    for (; i < n; ++i)
        if (p[i])
            return false;
    return true;
}

constexpr qsizetype kHoleBlock = 4096;

Status writeAll(int fd, QByteArrayView data, qint64 offset)
{
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n =
            ::pwrite(fd, data.data() + written, std::size_t(data.size() - written), offset + written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errnoError(QStringLiteral("write"), errno);
        }
        written += n;
    }
    return {};
}

timespec toTimespec(qint64 ns)
{
    timespec ts;
    ts.tv_sec = time_t(ns / 1000000000);
    ts.tv_nsec = long(ns % 1000000000);
    if (ts.tv_nsec < 0) {
        ts.tv_nsec += 1000000000;
        ts.tv_sec -= 1;
    }
    return ts;
}

// Restores one version by a plan. Used for the user's restore and for the rollback.
//
// The walk (on the job's thread) creates folders, links and special files in order and hands
// regular files to writer threads through a bounded queue. A folder's metadata is applied by
// whoever finishes its last entry (a file, a subfolder or the walk of the folder itself), so
// its time stamps are set after everything inside it is in place, without any thread waiting.
// Files with several hard links are written by the walk itself: the first path carries the
// content and the later ones link to it, which needs the first one finished.
class RestoreRun final
{
public:
    // A rollback is not cancellable: it only puts back what the cancelled restore replaced.
    enum class Kind
    {
        Restore,
        Rollback
    };
    RestoreRun(RestoreJob *job, Repository &repo, const Snapshot &snapshot, const RestorePlan &plan,
               ProgressMeter &meter, const RestoreTestHooks &hooks, int threads, Kind kind = Kind::Restore)
        : m_job(job), m_repo(repo), m_snapshot(snapshot), m_plan(plan), m_meter(meter), m_hooks(hooks),
          m_failAfter(kind == Kind::Restore ? hooks.failAfterFiles : -1), m_threads(std::max(1, threads)),
          m_isRoot(::geteuid() == 0), m_cancellable(kind == Kind::Restore)
    {}
    ~RestoreRun();

    Status run(PlanSummary &done, qint64 &failed, QStringList &warnings);
    // Undoes what run() created (files and then folders, newest first).
    void removeCreated();

private:
    // A folder whose metadata waits for its entries.
    struct DirState
    {
        Node node;
        QByteArray path;
        DirState *parent = nullptr;
        std::atomic<int> pending{1}; // unfinished files and subfolders, plus one for its walk
        // The folder, open (O_PATH) while files are written into it, or -1: new files are created
        // and named relative to it, which spares the kernel a walk of the whole path per file.
        int fd = -1;
        ~DirState()
        {
            if (fd >= 0)
                ::close(fd);
        }
    };
    struct FileTask
    {
        Node node; // a copy: the walk moves on and frees the tree it came from
        QByteArray dest;
        RestoreAction action;
        DirState *dir;
    };

    Status writeEntry(const RestoreWalk::Item &item);
    // `dirFd` is the folder `dest` is in, open, or -1 to go by the path alone.
    Status writeFile(const Node &node, const QByteArray &dest, RestoreAction action, int dirFd = -1);
    // A file, link or FIFO planned as new found `dest` taken when it was to take its name:
    // something put it there during the restore. It is left alone, counted as skipped, and reported.
    void appeared(const QByteArray &dest, RestoreAction action, qint64 size);
    // Runs the beforePlacing test hook.
    void placing(const QByteArray &dest)
    {
        if (m_hooks.beforePlacing)
            m_hooks.beforePlacing(dest);
    }
    Status applyMetadata(const Node &node, const QByteArray &path, bool isDir);
    Status queueFile(const RestoreWalk::Item &item);
    // Moves the walk's batch of files to the writers' queue, waiting for room.
    Status handOver();
    void writerLoop(PlanSummary &done);
    // Counts one entry of `dir` as finished; the last one applies the folder's metadata.
    void finishEntry(DirState *dir);
    void recordError(const Error &e);
    bool stopping();
    bool cancelled() const { return m_cancellable && m_job->isCancelled(); }
    bool reserveFileSlot();
    void created(const QByteArray &path);
    void reportProgress();

    RestoreJob *m_job;
    Repository &m_repo;
    const Snapshot &m_snapshot;
    const RestorePlan &m_plan;
    ProgressMeter &m_meter;
    const RestoreTestHooks &m_hooks;
    qint64 m_failAfter;
    int m_threads;
    bool m_isRoot;
    bool m_cancellable;
    std::atomic<qint64> m_fileSlots{0};                  // files started (for the failAfter test hook)
    std::atomic<qint64> m_filesWritten{0};               // files finished
    std::unordered_map<quint64, QByteArray> m_hardLinks; // inode in the version -> first path written
    std::vector<DirState *> m_dirStack;                  // the walk's open folders
    std::vector<FileTask> m_batch;                       // the walk's files not handed over yet

    std::mutex m_mutex;             // guards the members below
    std::condition_variable m_work; // writers wait for files
    std::condition_variable m_room; // the walk waits for room in the queue
    std::deque<FileTask> m_queue;
    bool m_walkDone = false;
    std::optional<Error> m_error;      // the first failure, from any thread
    std::atomic<bool> m_failed{false}; // m_error is set (read without the lock)
    std::vector<QByteArray> m_created;
    struct Appeared
    {
        QString message;
        RestoreAction action;
        qint64 size;
    };
    std::vector<Appeared> m_appeared;
    std::unordered_set<DirState *> m_liveDirs; // freed when finished, or at the end after a failure
};

// Files are handed to the writers in batches of 16, each once the queue is down to 4 files per
// writer: waking a thread for each small file cost more system time than writing the file.
// Queued nodes (names and chunk lists) stay few: at most 4 per writer plus one batch.
constexpr std::size_t kFilesPerBatch = 16;
constexpr int kLowWaterPerThread = 4;
// Folders are kept open down to this depth. Open ones are those on the walk's path plus those
// of queued files, so about this many plus the queue's length.
constexpr std::size_t kMaxOpenDirDepth = 64;

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

bool RestoreRun::stopping()
{
    return cancelled() || m_failed.load();
}

bool RestoreRun::reserveFileSlot()
{
    return m_failAfter < 0 || m_fileSlots.fetch_add(1) < m_failAfter;
}

void RestoreRun::created(const QByteArray &path)
{
    std::lock_guard guard(m_mutex);
    m_created.push_back(path);
}

void RestoreRun::reportProgress()
{
    Progress p;
    if (m_meter.due(&p))
        Q_EMIT m_job->progress(p);
}

Status RestoreRun::run(PlanSummary &done, qint64 &failed, QStringList &warnings)
{
    if (!m_plan.target.isEmpty() && !QDir().mkpath(m_plan.target))
        return Error::io(QStringLiteral("cannot create the folder %1").arg(m_plan.target));
    std::vector<std::thread> writers;
    for (int i = 0; i < m_threads; ++i)
        writers.emplace_back([this, &done] { writerLoop(done); });

    RestoreWalk walk(m_repo, m_snapshot, m_plan);
    RestoreWalk::Visitor v;
    v.entry = [&](const RestoreWalk::Item &item) -> Status {
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
        STRATA_TRY(writeEntry(item));
        {
            std::lock_guard guard(m_mutex);
            done.add(item.action, qint64(node.size));
        }
        if (node.type == NodeType::Directory && item.action != RestoreAction::Skip) {
            auto *dir =
                new DirState{node, item.destination, m_dirStack.empty() ? nullptr : m_dirStack.back()};
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
        if (node.type == NodeType::File)
            m_meter.addDone(1, 0);
        reportProgress();
        return {};
    };
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
            warnings << msg;
        }
        Q_EMIT m_job->warning(QFile::decodeName(path), msg);
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
    for (const Appeared &a : m_appeared) {
        warnings << a.message;
        // Counted as written by whoever finished it; it was skipped.
        (a.action == RestoreAction::KeepBoth ? done.keepBoth : done.create)--;
        done.bytes -= a.size;
        done.skip++;
    }
    if (m_error)
        return *m_error;
    return {};
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
                s = writeFile(task->node, task->dest, task->action, task->dir ? task->dir->fd : -1);
            } catch (const std::exception &e) {
                s = Error{ErrorCode::Internal, QString::fromUtf8(e.what())};
            }
            if (s) {
                m_filesWritten++;
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
            if (Status s = applyMetadata(dir->node, dir->path, true); !s)
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

Status RestoreRun::writeEntry(const RestoreWalk::Item &item)
{
    const Node &node = *item.node;
    const QByteArray &dest = item.destination;
    switch (item.action) {
    case RestoreAction::Skip:
    case RestoreAction::Unchanged:
        if (node.type == NodeType::File)
            m_meter.addDone(0, qint64(node.size));
        return {};
    case RestoreAction::Create:
    case RestoreAction::Overwrite:
    case RestoreAction::KeepBoth:
        break;
    }

    if (m_failAfter >= 0 && m_filesWritten >= m_failAfter)
        return Error::io(
            QStringLiteral("simulated failure after %1 files (test hook)").arg(m_filesWritten.load()));

    switch (node.type) {
    case NodeType::Directory: {
        if (item.action == RestoreAction::Overwrite) {
            // Something that is not a folder is in the way; the safety version holds it.
            if (::unlink(dest.constData()) != 0)
                return Error::io(sysError(QStringLiteral("cannot replace"), dest));
        }
        if (::mkdir(dest.constData(), 0700) == 0)
            created(dest);
        else if (errno != EEXIST)
            return errnoError(QStringLiteral("cannot create folder %1").arg(QFile::decodeName(dest)), errno);
        return {};
    }
    case NodeType::File:
        STRATA_TRY(writeFile(node, dest, item.action));
        ++m_filesWritten;
        return {};
    case NodeType::Symlink: {
        const timespec times[2] = {toTimespec(node.mtimeNs), toTimespec(node.mtimeNs)};
        if (item.action != RestoreAction::Overwrite) {
            // Nothing to replace: symlink(2) creates the link whole, or fails if the name is taken.
            placing(dest);
            if (::symlink(node.linkTarget.constData(), dest.constData()) != 0) {
                if (errno != EEXIST)
                    return errnoError(QStringLiteral("cannot create link %1").arg(QFile::decodeName(dest)),
                                      errno);
                appeared(dest, item.action, 0);
                return {};
            }
            created(dest);
            if (m_isRoot)
                (void)::lchown(dest.constData(), node.uid, node.gid);
            ::utimensat(AT_FDCWD, dest.constData(), times, AT_SYMLINK_NOFOLLOW);
            return {};
        }
        const QByteArray tmp = dest + ".strata-tmp-" + QByteArray::number(::getpid());
        ::unlink(tmp.constData());
        if (::symlink(node.linkTarget.constData(), tmp.constData()) != 0)
            return errnoError(QStringLiteral("cannot create link %1").arg(QFile::decodeName(dest)), errno);
        if (m_isRoot)
            (void)::lchown(tmp.constData(), node.uid, node.gid);
        ::utimensat(AT_FDCWD, tmp.constData(), times, AT_SYMLINK_NOFOLLOW);
        if (::rename(tmp.constData(), dest.constData()) != 0) {
            ::unlink(tmp.constData());
            return errnoError(QStringLiteral("cannot create link %1").arg(QFile::decodeName(dest)), errno);
        }
        return {};
    }
    case NodeType::Fifo:
    case NodeType::CharDevice:
    case NodeType::BlockDevice: {
        if (item.action == RestoreAction::Overwrite)
            ::unlink(dest.constData());
        const mode_t type = node.type == NodeType::Fifo         ? S_IFIFO
                            : node.type == NodeType::CharDevice ? S_IFCHR
                                                                : S_IFBLK;
        if (item.action != RestoreAction::Overwrite)
            placing(dest);
        if (::mknod(dest.constData(), type | (node.mode & 07777), dev_t(node.rdev)) != 0) {
            if (errno == EEXIST && item.action != RestoreAction::Overwrite) {
                appeared(dest, item.action, 0);
                return {};
            }
            if (errno == EPERM) { // devices need root: not a reason to fail the restore
                Q_EMIT m_job->warning(QFile::decodeName(dest),
                                      QStringLiteral("device files can only be restored by root"));
                return {};
            }
            return errnoError(QStringLiteral("cannot create %1").arg(QFile::decodeName(dest)), errno);
        }
        created(dest);
        return applyMetadata(node, dest, false);
    }
    case NodeType::Socket:
        return {}; // sockets belong to running programs; there is nothing to restore
    }
    return {};
}

void RestoreRun::appeared(const QByteArray &dest, RestoreAction action, qint64 size)
{
    const QString path = QFile::decodeName(dest);
    const QString msg = QStringLiteral("%1 appeared while the restore ran; it was left as it is and the "
                                       "version's copy was not written")
                            .arg(path);
    {
        std::lock_guard guard(m_mutex);
        m_appeared.push_back(Appeared{msg, action, size});
    }
    Q_EMIT m_job->warning(path, msg);
}

// Whether new files can be written unnamed (O_TMPFILE) and linked in by their /proc/self/fd
// name: /proc may be missing in a container or a chroot.
bool canLinkUnnamed()
{
    static const bool procFds = ::access("/proc/self/fd", X_OK) == 0;
    return procFds;
}

// Gives the unnamed file `fd` the name `name` (relative to `at`), failing with EEXIST if it is
// taken. linkat(AT_EMPTY_PATH) names the open file directly; before Linux 6.10 only root may,
// and the others go through /proc/self/fd, which costs the kernel a walk of /proc per file.
bool linkUnnamed(int fd, int at, const char *name, bool byProc)
{
    static std::atomic<bool> emptyPathAllowed{true};
    const bool tryEmptyPath = !byProc && emptyPathAllowed.load(std::memory_order_relaxed);
    if (tryEmptyPath) {
        if (::linkat(fd, "", at, name, AT_EMPTY_PATH) == 0)
            return true;
        if (errno != ENOENT && errno != EPERM) // not a refusal of AT_EMPTY_PATH
            return false;
    }
    char proc[32];
    std::snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    if (::linkat(AT_FDCWD, proc, at, name, AT_SYMLINK_FOLLOW) != 0)
        return false;
    if (tryEmptyPath) // only AT_EMPTY_PATH was refused
        emptyPathAllowed.store(false, std::memory_order_relaxed);
    return true;
}

Status RestoreRun::writeFile(const Node &node, const QByteArray &dest, RestoreAction action, int dirFd)
{
    if (!reserveFileSlot())
        return Error::io(QStringLiteral("simulated failure after %1 files (test hook)").arg(m_failAfter));
    const int slash = dest.lastIndexOf('/');
    const QByteArray dir = slash > 0 ? dest.left(slash) : QByteArray("/");
    // The walk saw nothing at `dest` unless it plans to overwrite it; a new file is linked in
    // with linkat(2), which refuses to replace anything that appeared since.
    const bool existed = action == RestoreAction::Overwrite;

    // Hard links: the first path restored carries the content, the others link to it.
    const quint64 linkKey = node.links > 1 ? (node.device * 1000003u) ^ node.inode : 0;
    // The file has its final name: what a rollback removes, and what later links point to.
    const auto placed = [&] {
        if (!existed)
            created(dest);
        if (linkKey)
            m_hardLinks.emplace(linkKey, dest);
    };
    if (linkKey) {
        auto it = m_hardLinks.find(linkKey);
        if (it != m_hardLinks.end()) {
            if (!existed) {
                placing(dest);
                if (::link(it->second.constData(), dest.constData()) == 0) {
                    created(dest);
                    return {};
                }
                if (errno == EEXIST) {
                    appeared(dest, action, qint64(node.size));
                    return {};
                }
            } else {
                const QByteArray tmp = dest + ".strata-tmp-" + QByteArray::number(::getpid());
                ::unlink(tmp.constData());
                if (::link(it->second.constData(), tmp.constData()) == 0 &&
                    ::rename(tmp.constData(), dest.constData()) == 0)
                    return {};
                ::unlink(tmp.constData());
            }
            // different file systems: fall back to a copy
        }
    }

    // A new file is written unnamed and linked in whole; a file that replaces another one is
    // written under a temporary name and renamed over it. Either way neither a failure nor a
    // crash leaves a half-written file under the final name. The unnamed file also spares the
    // folder a create and a rename, which writer threads in the same folder wait for each
    // other to do.
    using NewFiles = RestoreTestHooks::NewFiles;
    QByteArray tmp; // empty while the file has no name
    int fd = -1;
    // An unnamed file is made and named relative to its open folder, when there is one.
    const int at = dirFd >= 0 ? dirFd : AT_FDCWD;
    const QByteArray name = dirFd >= 0 ? dest.mid(slash + 1) : dest;
    if (!existed && canLinkUnnamed() && m_hooks.newFiles != NewFiles::NamedTemp)
        fd = ::openat(at, dirFd >= 0 ? "." : dir.constData(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) { // a file system without unnamed files (EOPNOTSUPP), or a replacement
        tmp = dir + "/.strata-restore-XXXXXX";
        fd = ::mkostemp(tmp.data(), O_CLOEXEC);
        if (fd < 0)
            return errnoError(QStringLiteral("cannot write into %1").arg(QFile::decodeName(dir)), errno);
    }
    auto cleanup = [&](Error e) {
        ::close(fd);
        if (!tmp.isEmpty())
            ::unlink(tmp.constData());
        return e;
    };

    qint64 offset = 0;
    qint64 writtenEnd = 0; // where the last write ended
    // A run of equal chunks (zeros in disk images, repeated records) is read and opened once.
    std::optional<BlobId> lastId;
    QByteArray data;
    for (const BlobId &id : node.content) {
        if (cancelled())
            return cleanup(Error::cancelled());
        if (id != lastId) {
            trace::Scope timing(trace::Stage::BlobRead);
            auto loaded = m_repo.loadBlob(id);
            if (!loaded) {
                Error e = loaded.error();
                e.message = QStringLiteral("%1: %2").arg(QFile::decodeName(dest), e.message);
                return cleanup(e);
            }
            data = std::move(loaded.value());
            lastId = id;
        }
        const QByteArrayView chunk(data);
        // A sparse file gets its holes back: runs of zero blocks are skipped and ftruncate
        // sets the size. Other files are written whole, zeros and all.
        const qsizetype block = node.sparse ? kHoleBlock : chunk.size();
        auto isHole = [&](qsizetype pos) {
            return node.sparse && allZero(chunk.sliced(pos, std::min(block, chunk.size() - pos)));
        };
        for (qsizetype pos = 0; pos < chunk.size();) {
            qsizetype end = pos;
            while (end < chunk.size() && !isHole(end))
                end += std::min(block, chunk.size() - end);
            if (end > pos) {
                trace::Scope timing(trace::Stage::Restore);
                if (Status s = writeAll(fd, chunk.sliced(pos, end - pos), offset + pos); !s)
                    return cleanup(
                        Error{s.error().code, QStringLiteral("cannot write %1: %2")
                                                  .arg(QFile::decodeName(dest), s.error().message)});
                writtenEnd = offset + end;
            }
            while (end < chunk.size() && isHole(end))
                end += std::min(block, chunk.size() - end);
            pos = end;
        }
        offset += chunk.size();
        m_meter.addDone(0, chunk.size());
        reportProgress();
    }
    // Only a file ending in a hole needs its size set (each call is one more inode update).
    if (writtenEnd < offset && ::ftruncate(fd, offset) != 0)
        return cleanup(errnoError(QStringLiteral("cannot write %1").arg(QFile::decodeName(dest)), errno));
    if (m_isRoot)
        (void)::fchown(fd, node.uid, node.gid);
    if (::fchmod(fd, node.mode & 07777) != 0)
        return cleanup(
            errnoError(QStringLiteral("cannot set permissions of %1").arg(QFile::decodeName(dest)), errno));
    const timespec times[2] = {toTimespec(node.mtimeNs), toTimespec(node.mtimeNs)};
    ::futimens(fd, times);
    if (!existed)
        placing(dest);
    if (tmp.isEmpty()) {
        if (!linkUnnamed(fd, at, name.constData(), m_hooks.newFiles == NewFiles::UnnamedByProc)) {
            const int err = errno;
            ::close(fd); // frees the unnamed file
            if (err != EEXIST)
                return errnoError(QStringLiteral("cannot put %1 in place").arg(QFile::decodeName(dest)), err);
            appeared(dest, action, qint64(node.size));
            return {};
        }
        placed(); // a late write error below still has it removed by the rollback
        if (::close(fd) != 0)
            return errnoError(QStringLiteral("cannot write %1").arg(QFile::decodeName(dest)), errno);
        return {};
    }
    if (::close(fd) != 0) {
        ::unlink(tmp.constData());
        return errnoError(QStringLiteral("cannot write %1").arg(QFile::decodeName(dest)), errno);
    }
    if (!existed) {
        // link(2) refuses to replace a file that appeared since the walk; rename(2) would not.
        const bool linked = ::link(tmp.constData(), dest.constData()) == 0;
        const int err = errno;
        if (linked || err == EEXIST || ::access(dest.constData(), F_OK) == 0) {
            ::unlink(tmp.constData());
            if (!linked) {
                appeared(dest, action, qint64(node.size));
                return {};
            }
            placed();
            return {};
        }
        // No hard links on this file system (FAT): rename, having just seen the name free.
    }
    if (::rename(tmp.constData(), dest.constData()) != 0) {
        const int err = errno;
        ::unlink(tmp.constData());
        return errnoError(QStringLiteral("cannot put %1 in place").arg(QFile::decodeName(dest)), err);
    }
    placed();
    return {};
}

Status RestoreRun::applyMetadata(const Node &node, const QByteArray &path, bool isDir)
{
    if (m_isRoot)
        (void)::lchown(path.constData(), node.uid, node.gid);
    if (::chmod(path.constData(), node.mode & 07777) != 0)
        return errnoError(QStringLiteral("cannot set permissions of %1").arg(QFile::decodeName(path)), errno);
    const timespec times[2] = {toTimespec(node.mtimeNs), toTimespec(node.mtimeNs)};
    ::utimensat(AT_FDCWD, path.constData(), times, isDir ? 0 : AT_SYMLINK_NOFOLLOW);
    return {};
}

void RestoreRun::removeCreated()
{
    for (auto it = m_created.rbegin(); it != m_created.rend(); ++it) {
        struct stat st;
        if (::lstat(it->constData(), &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            ::rmdir(it->constData()); // only when empty: a folder that held the user's files stays
        else
            ::unlink(it->constData());
    }
    m_created.clear();
}

} // namespace

RestoreJob::RestoreJob(RestoreParams params, QObject *parent) : Job(parent), m_params(std::move(params)) {}

RestoreJob::~RestoreJob() = default;

void RestoreJob::execute()
{
    try {
        m_result = RestoreResult{};
        Repository &repo = *m_params.repo;
        ProgressMeter meter;
        auto emitProgress = [&](bool force) {
            Progress p;
            if (meter.due(&p, force))
                Q_EMIT progress(p);
        };
        meter.setPhase(Phase::Planning);
        emitProgress(true);

        auto fail = [&](const Error &e) {
            m_result.status = e;
            setState(JobState::Failed);
            Q_EMIT finished(m_result);
        };
        if (!repo.indexLoaded())
            if (Status s = repo.loadIndex(); !s)
                return fail(s.error());
        auto snapshot = repo.findSnapshot(m_params.plan.snapshot);
        if (!snapshot)
            return fail(snapshot.error());
        RestorePlan plan = m_params.plan;
        plan.snapshot = snapshot->id;

        // Planning: totals for progress, and what would be overwritten, for the safety version.
        QList<QByteArray> overwritten;
        auto summary = planRestore(
            repo, plan,
            [&](const PlannedEntry &e) {
                if (e.action == RestoreAction::Overwrite)
                    overwritten << e.destinationBytes;
                if (e.type == NodeType::File)
                    meter.addTotals(1, e.action == RestoreAction::Skip || e.action == RestoreAction::Unchanged
                                           ? 0
                                           : e.size);
            },
            {}, nullptr);
        if (!summary)
            return fail(summary.error());

        if (plan.safetyVersion && !overwritten.isEmpty()) {
            BackupParams bp;
            bp.repo = m_params.repo;
            bp.rawPaths = overwritten;
            bp.kind = BackupKind::Safety;
            bp.set = snapshot->set;
            bp.tags = {QStringLiteral("before-restore"),
                       QStringLiteral("restore-of:") + snapshot->id.left(8)};
            bp.excludes.excludeCaches = false;
            bp.excludes.markerFiles.clear();
            BackupJob safety(bp);
            connect(&safety, &Job::warning, this, &Job::warning, Qt::DirectConnection);
            safety.runHere();
            if (!safety.result().status.ok()) {
                Error e = safety.result().status.error();
                e.message = QStringLiteral("could not take the safety version, nothing was restored: %1")
                                .arg(e.message);
                return fail(e);
            }
            if (safety.result().unreadable > 0)
                return fail(
                    Error::io(QStringLiteral(
                                  "could not read every file the restore would replace, so no safety version "
                                  "could be taken and nothing was restored (%1)")
                                  .arg(safety.result().warnings.value(0))));
            m_result.safetySnapshot = safety.result().snapshot.id;
        }

        meter.setPhase(Phase::Restoring);
        emitProgress(true);
        const int threads =
            m_params.threads > 0 ? m_params.threads : int(std::max(1u, std::thread::hardware_concurrency()));
        RestoreRun run(this, repo, *snapshot, plan, meter, m_params.hooks, threads);
        Status st = run.run(m_result.done, m_result.failed, m_result.warnings);
        if (!st) {
            if (st.error().code != ErrorCode::Cancelled || !m_result.safetySnapshot.isEmpty()) {
                // Put back what was there: remove what this restore created, then bring the
                // replaced files back from the safety version.
                meter.setPhase(Phase::RollingBack);
                emitProgress(true);
                run.removeCreated();
                bool restored = true;
                if (!m_result.safetySnapshot.isEmpty()) {
                    auto safetySnap = repo.loadSnapshot(m_result.safetySnapshot);
                    RestorePlan back;
                    back.snapshot = m_result.safetySnapshot;
                    back.conflict = ConflictPolicy::Overwrite;
                    back.safetyVersion = false;
                    PlanSummary backDone;
                    qint64 backFailed = 0;
                    QStringList backWarnings;
                    if (safetySnap) {
                        RestoreRun undo(this, repo, *safetySnap, back, meter, m_params.hooks, threads,
                                        RestoreRun::Kind::Rollback);
                        restored = undo.run(backDone, backFailed, backWarnings).ok() && backFailed == 0;
                    } else {
                        restored = false;
                    }
                } else if (m_result.done.overwrite > 0) {
                    restored = false; // without a safety version, replaced files cannot come back
                }
                m_result.rolledBack = restored;
                if (!restored && m_result.safetySnapshot.isEmpty())
                    st = Error{
                        st.error().code,
                        QStringLiteral("%1; the files it created were removed, but the %2 it had replaced "
                                       "cannot come back: no safety version was taken")
                            .arg(st.error().message)
                            .arg(m_result.done.overwrite)};
                else if (!restored)
                    st = Error{
                        st.error().code,
                        QStringLiteral("%1; rolling back failed too: the safety version %2 holds the files "
                                       "as they were")
                            .arg(st.error().message, m_result.safetySnapshot.left(8))};
            }
            return fail(st.error());
        }
        meter.setPhase(Phase::Done);
        emitProgress(true);
        m_result.status = {};
        setState(JobState::Done);
        Q_EMIT finished(m_result);
    } catch (const std::exception &e) {
        m_result.status = Error{ErrorCode::Internal, QString::fromUtf8(e.what())};
        setState(JobState::Failed);
        Q_EMIT finished(m_result);
    }
}

} // namespace strata
