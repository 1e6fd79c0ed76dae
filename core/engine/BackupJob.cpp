#include "engine/BackupJob.h"

#include "chunk/Chunker.h"
#include "engine/DiskNode.h"
#include "engine/FileReader.h"
#include "engine/SourceWalk.h"
#include "engine/SpaceCheck.h"
#include "repo/Lock.h"
#include "util/Owners.h"
#include "util/Paths.h"
#include "util/Trace.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSysInfo>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcBackup, "strata.backup")

namespace strata {

namespace {

constexpr int kMaxWarningsKept = 500;
constexpr int kMaxFilesInFlight = 256;
constexpr int kStaleTemporarySeconds = 3600; // no single write of a pack takes an hour

QString displayPath(const QByteArray &raw)
{
    return QFile::decodeName(raw);
}

QByteArray joinPath(const QByteArray &dir, const QByteArray &name)
{
    if (dir.endsWith('/'))
        return dir + name;
    return dir + '/' + name;
}

// The same file as in the parent version: incremental and differential backups reuse its chunks.
bool unchanged(const Node &now, const Node *before)
{
    return before && before->type == NodeType::File && before->size == now.size &&
           before->mtime == now.mtime && before->ctime == now.ctime && before->inode == now.inode;
}

// A folder of the new version being built. Its tree is written once every entry is final:
// files are read on worker threads, so a folder can finish after the walk has moved on.
struct DirBuild
{
    Tree tree;
    std::atomic<int> pending{1}; // unfinished entries, plus one for the walk of the folder itself
    DirBuild *parent = nullptr;
    std::size_t indexInParent = 0;
    std::vector<char> drop; // entries that turned out unreadable (char: written from several threads)
    quint64 device = 0;
};

} // namespace

// All the state of one run, shared by the walker (the job's thread) and the readers.
class BackupRun final
{
public:
    BackupRun(BackupJob *job, BackupParams &params, BackupResult &result)
        : m_job(job), m_params(params), m_result(result), m_repo(*params.repo),
          m_chunker(ChunkerParams{params.repo->config().chunkMin, params.repo->config().chunkAvg,
                                  params.repo->config().chunkMax, params.repo->masterKey().chunkerSeed})
    {}

    Status run();

private:
    struct FileTask
    {
        QByteArray path;
        DirBuild *dir;
        std::size_t index;
    };

    Status prepare();
    Status checkSpace();
    std::optional<std::vector<QByteArray>> listFolder(const QByteArray &path, const SourceTrie::Entry *trie);
    void walkDir(const QByteArray &path, DirBuild *dir, const Tree *before, const SourceTrie::Entry *trie);
    void addEntry(const QByteArray &dirPath, const QByteArray &name, DirBuild *dir, const Tree *before,
                  const SourceTrie::Entry *trie);
    void readerLoop();
    void readFile(FileTask &task, FileReader &reader);
    void entryDone(DirBuild *dir);
    void warn(const QString &path, const QString &message, bool changed = false);
    void fail(const Error &error);
    // The chunk lengths of an unchanged file whose parent version has none (a format 1 tree),
    // from the index; left empty when a chunk is not indexed.
    void fillChunkSizes(Node &node) const;
    bool stopping() const { return m_job->isCancelled() || m_failed.load(); }
    void report(bool force = false);
    void scan();

    BackupJob *m_job;
    BackupParams &m_params;
    BackupResult &m_result;
    Repository &m_repo;
    Chunker m_chunker;
    SourceTrie m_sources;
    std::optional<Snapshot> m_parent;
    bool m_parentAttributesMatch = false; // the parent kept the attributes this run keeps
    ProgressMeter m_meter;
    QElapsedTimer m_clock;
    OwnerNames m_owners;

    std::mutex m_queueMutex;
    std::condition_variable m_work; // readers wait for files
    std::condition_variable m_room; // the walker waits for fewer files in flight
    std::deque<FileTask> m_queue;
    int m_inFlight = 0;
    bool m_walkDone = false;

    std::mutex m_doneMutex;
    std::condition_variable m_rootDone;
    std::optional<BlobId> m_rootTree;

    std::mutex m_statsMutex;
    SnapshotStats m_stats;
    std::atomic<bool> m_failed{false};
    std::optional<Error> m_error;
    std::atomic<bool> m_scanStop{false};
};

BackupJob::BackupJob(BackupParams params, QObject *parent) : Job(parent), m_params(std::move(params))
{
    qRegisterMetaType<strata::BackupResult>();
}

BackupJob::~BackupJob() = default;

Status BackupJob::execute()
{
    m_result = BackupResult{};
    if (!m_params.repo)
        return Error::invalid(QStringLiteral("backup: no repository"));
    // Shared: backups and restores run side by side; a prune waits for them, or they for it.
    auto lock = m_params.repo->lock(LockMode::Shared);
    STRATA_TRY(lock);
    BackupRun run(this, m_params, m_result);
    return run.run();
}

void BackupJob::finish(const Status &status)
{
    m_result.status = status;
    Q_EMIT finished(m_result);
}

void BackupRun::warn(const QString &path, const QString &message, bool changed)
{
    {
        std::lock_guard guard(m_statsMutex);
        if (changed)
            m_result.changedWhileRead++;
        else
            m_result.unreadable++;
        m_stats.warnings++;
        if (m_result.warnings.size() < kMaxWarningsKept)
            m_result.warnings << path + QStringLiteral(": ") + message;
    }
    Q_EMIT m_job->warning(path, message);
}

void BackupRun::fail(const Error &error)
{
    std::lock_guard guard(m_statsMutex);
    if (!m_error)
        m_error = error;
    m_failed = true;
    m_work.notify_all();
    m_room.notify_all();
}

void BackupRun::report(bool force)
{
    m_job->reportProgress(m_meter, force);
}

Status BackupRun::prepare()
{
    if (m_params.paths.isEmpty() && m_params.rawPaths.isEmpty())
        return Error::invalid(QStringLiteral("no paths to back up"));
    if (!m_repo.indexLoaded())
        STRATA_TRY(m_repo.loadIndex(nullptr, m_job->cancelToken()));
    auto upgraded = m_repo.upgradeFormat();
    STRATA_TRY(upgraded);
    m_result.upgradedFromFormat = *upgraded;
    // A killed run leaves half-written packs under temp names; nothing else will remove them.
    if (auto removed = m_repo.backend().removeStaleTemporaries(kStaleTemporarySeconds); removed && *removed)
        qCInfo(lcBackup) << "removed" << *removed << "files left by interrupted writes";

    QList<QByteArray> wanted;
    for (const QString &p : m_params.paths)
        wanted << QFile::encodeName(QFileInfo(p).absoluteFilePath());
    wanted << m_params.rawPaths;
    QList<QByteArray> absolute;
    for (const QByteArray &p : wanted) {
        const QByteArray clean = paths::absoluteBelow("/", p);
        struct stat st;
        if (::lstat(clean.constData(), &st) != 0) {
            warn(displayPath(clean),
                 QStringLiteral("cannot back up: %1").arg(QString::fromLocal8Bit(strerror(errno))));
            continue;
        }
        absolute << clean;
    }
    if (absolute.isEmpty())
        return Error::invalid(QStringLiteral("none of the paths to back up exists"));
    m_sources = SourceTrie(absolute);

    if (m_params.kind == BackupKind::Incremental || m_params.kind == BackupKind::Differential) {
        auto all = m_repo.listSnapshots();
        STRATA_TRY(all);
        for (auto it = all->crbegin(); it != all->crend(); ++it) {
            if (it->set != m_params.set || it->kind == BackupKind::Safety)
                continue;
            if (m_params.kind == BackupKind::Differential && it->kind != BackupKind::Full)
                continue;
            m_parent = *it;
            break;
        }
        // Without a version to compare with, everything is read: that is a full backup.
        if (!m_parent)
            m_params.kind = BackupKind::Full;
        else
            m_parentAttributesMatch = m_parent->keptXattrs == m_params.attributes.xattrs &&
                                      m_parent->keptAcls == m_params.attributes.acls;
    }
    return {};
}

Status BackupRun::checkSpace()
{
    SpaceQuery query;
    query.set = m_params.set;
    query.host = m_params.host.isEmpty() ? QSysInfo::machineHostName() : m_params.host;
    query.sources = m_sources.roots();
    query.excludes = m_params.excludes;
    query.oneFileSystem = m_params.oneFileSystem;
    auto estimate = estimateBackupSpace(m_repo, query, m_job->cancelToken());
    STRATA_TRY(estimate);
    if (estimate->isShort())
        return Error{ErrorCode::NoSpace, estimate->message(m_repo.backend().location())};
    return {};
}

Status BackupRun::run()
{
    m_clock.start();
    m_meter.setPhase(Phase::Preparing);
    report(true);
    if (Status s = prepare(); !s)
        return s;
    if (m_params.checkSpace)
        STRATA_TRY(checkSpace());
    const WriteStats before = m_repo.writeStats();

    std::thread scanner([this] { scan(); });
    const int threads =
        m_params.threads > 0 ? m_params.threads : int(std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::thread> readers;
    for (int i = 0; i < threads; ++i)
        readers.emplace_back([this] { readerLoop(); });

    m_meter.setPhase(Phase::Backing);
    std::optional<Tree> beforeRoot;
    if (m_parent) {
        auto t = m_repo.loadTree(m_parent->tree);
        if (t)
            beforeRoot = std::move(t.value());
        else
            warn(QStringLiteral("/"), QStringLiteral("cannot read the parent version, reading everything: %1")
                                          .arg(t.error().message));
    }
    auto *root = new DirBuild;
    walkDir("/", root, beforeRoot ? &*beforeRoot : nullptr, m_sources.root());
    entryDone(root); // the walk of "/" is over

    {
        std::lock_guard guard(m_queueMutex);
        m_walkDone = true;
    }
    m_work.notify_all();
    for (auto &t : readers)
        t.join();
    m_scanStop = true;
    scanner.join();

    m_meter.setPhase(Phase::Finishing);
    report(true);
    // Whatever was uploaded gets indexed, even when the run is cancelled or failed.
    const Status flushed = m_repo.flush();

    if (m_job->isCancelled() && !m_failed)
        return Error::cancelled();
    if (m_error)
        return *m_error;
    if (!flushed)
        return flushed;
    std::unique_lock guard(m_doneMutex);
    if (!m_rootTree)
        return Error{ErrorCode::Internal, QStringLiteral("the root tree was not written")};

    const WriteStats after = m_repo.writeStats();
    Snapshot s;
    s.time = QDateTime::currentDateTimeUtc();
    s.host = m_params.host.isEmpty() ? QSysInfo::machineHostName() : m_params.host;
    if (const passwd *pw = ::getpwuid(::geteuid()))
        s.user = QString::fromLocal8Bit(pw->pw_name);
    s.set = m_params.set;
    s.rawPaths = m_sources.roots();
    for (const QByteArray &p : s.rawPaths)
        s.paths << displayPath(p);
    s.tags = m_params.tags;
    s.kind = m_params.kind;
    s.parent = m_parent ? m_parent->id : QString();
    s.tree = *m_rootTree;
    s.stats = m_stats;
    s.stats.blobsAdded = after.blobsAdded - before.blobsAdded;
    s.stats.bytesAdded = after.bytesAdded - before.bytesAdded;
    s.stats.durationMs = m_clock.elapsed();
    s.program = QStringLiteral("strata " STRATA_VERSION);
    s.keptXattrs = m_params.attributes.xattrs;
    s.keptAcls = m_params.attributes.acls;
    if (Status st = m_repo.saveSnapshot(s); !st)
        return st;
    m_result.snapshot = s;
    m_meter.setPhase(Phase::Done);
    report(true);
    return {};
}

void BackupRun::scan()
{
    // Counts what the walk will meet, so progress can show totals and an ETA early.
    std::vector<QByteArray> stack;
    for (const QByteArray &root : m_sources.roots())
        stack.push_back(root);
    while (!stack.empty() && !m_scanStop && !stopping()) {
        const QByteArray path = std::move(stack.back());
        stack.pop_back();
        struct stat st;
        if (::lstat(path.constData(), &st) != 0)
            continue;
        if (S_ISREG(st.st_mode)) {
            if (m_params.excludes.maxFileSize < 0 || st.st_size <= m_params.excludes.maxFileSize)
                m_meter.addTotals(1, st.st_size);
            continue;
        }
        if (!S_ISDIR(st.st_mode) || m_params.excludes.isTaggedFolder(displayPath(path)))
            continue;
        DIR *d = ::opendir(path.constData());
        if (!d)
            continue;
        while (dirent *e = ::readdir(d)) {
            const QByteArray name(e->d_name);
            if (name == "." || name == "..")
                continue;
            const QByteArray child = joinPath(path, name);
            const bool isDir = e->d_type == DT_DIR;
            if (m_params.excludes.matches(displayPath(child), isDir))
                continue;
            stack.push_back(child);
        }
        ::closedir(d);
    }
}

std::optional<std::vector<QByteArray>> BackupRun::listFolder(const QByteArray &path,
                                                             const SourceTrie::Entry *trie)
{
    trace::Scope timing(trace::Stage::Walk);
    std::vector<QByteArray> names;
    if (trie && !trie->isSource) {
        // A folder above the sources: only the way down to them is part of the version.
        for (const auto &[name, child] : trie->children)
            names.push_back(name);
        return names;
    }
    DIR *d = ::opendir(path.constData());
    if (!d) {
        warn(displayPath(path),
             QStringLiteral("cannot read folder: %1").arg(QString::fromLocal8Bit(strerror(errno))));
        return std::nullopt;
    }
    while (dirent *e = ::readdir(d)) {
        const QByteArray name(e->d_name);
        if (name != "." && name != "..")
            names.push_back(name);
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    return names;
}

void BackupRun::walkDir(const QByteArray &path, DirBuild *dir, const Tree *before,
                        const SourceTrie::Entry *trie)
{
    const auto names = listFolder(path, trie);
    if (!names)
        return;
    dir->tree.nodes.reserve(names->size());
    dir->drop.reserve(names->size());
    for (const QByteArray &name : *names) {
        if (stopping())
            return;
        const SourceTrie::Entry *childTrie = nullptr;
        if (trie && !trie->isSource)
            childTrie = &trie->children.at(name);
        addEntry(path, name, dir, before, childTrie);
        report();
    }
}

void BackupRun::addEntry(const QByteArray &dirPath, const QByteArray &name, DirBuild *dir, const Tree *before,
                         const SourceTrie::Entry *trie)
{
    const QByteArray path = joinPath(dirPath, name);
    const QString shown = displayPath(path);
    struct stat st;
    int statResult;
    {
        trace::Scope timing(trace::Stage::Walk);
        statResult = ::lstat(path.constData(), &st);
    }
    if (statResult != 0) {
        if (errno != ENOENT) // vanished since the folder was listed: nothing to back up
            warn(shown, QStringLiteral("cannot read: %1").arg(QString::fromLocal8Bit(strerror(errno))));
        return;
    }
    const bool isDir = S_ISDIR(st.st_mode);
    const bool isSourceRoot = trie && trie->isSource;
    if (!trie || isSourceRoot) {
        // Sources named explicitly are never excluded by a pattern; what is inside them may be.
        if (!isSourceRoot && m_params.excludes.matches(shown, isDir))
            return;
        if (S_ISREG(st.st_mode) && m_params.excludes.maxFileSize >= 0 &&
            st.st_size > m_params.excludes.maxFileSize)
            return;
        if (isDir && !isSourceRoot && m_params.excludes.isTaggedFolder(shown))
            return;
    }

    Node node = nodeFromStat(name, st);
    node.user = m_owners.user(node.uid);
    node.group = m_owners.group(node.gid);
    const Node *old = before ? before->find(name) : nullptr;
    if (m_params.attributes.any()) {
        // Setting an attribute or an ACL changes the inode's ctime: an entry whose ctime and
        // inode are the parent's has the parent's attributes, when the parent kept the same kinds.
        if (old && m_parentAttributesMatch && before->format >= 2 && old->type == node.type &&
            old->inode == node.inode && old->ctime == node.ctime) {
            node.xattrs = old->xattrs;
        } else {
            trace::Scope timing(trace::Stage::Walk);
            auto attributes = readAttributes(path, m_params.attributes);
            if (attributes)
                node.xattrs = std::move(attributes.value());
            else
                warn(shown, attributes.error().message + QStringLiteral("; backed up without them"));
        }
    }
    const std::size_t index = dir->tree.nodes.size();

    if (node.type == NodeType::Symlink) {
        QByteArray target(st.st_size > 0 ? st.st_size : 256, Qt::Uninitialized);
        const ssize_t n = ::readlink(path.constData(), target.data(), target.size());
        if (n < 0) {
            warn(shown, QStringLiteral("cannot read link: %1").arg(QString::fromLocal8Bit(strerror(errno))));
            return;
        }
        target.truncate(n);
        node.linkTarget = target;
    }

    if (node.type == NodeType::Directory) {
        if (m_params.oneFileSystem && !trie && dir->device != 0 && quint64(st.st_dev) != dir->device)
            return;
        std::lock_guard guard(m_statsMutex);
        m_stats.dirs++;
    }

    // The vectors were reserved for every name: readers hold references into them.
    dir->tree.nodes.push_back(std::move(node));
    dir->drop.push_back(0);
    Node &added = dir->tree.nodes.back();

    if (added.type == NodeType::File) {
        {
            std::lock_guard guard(m_statsMutex);
            m_stats.files++;
            m_stats.bytes += qint64(added.size);
        }
        if (unchanged(added, old)) {
            added.content = old->content;
            added.chunkSizes = old->chunkSizes;
            if (added.chunkSizes.size() != added.content.size())
                fillChunkSizes(added);
            std::lock_guard guard(m_statsMutex);
            m_stats.filesUnmodified++;
            m_meter.addDone(1, qint64(added.size));
            return;
        }
        {
            std::lock_guard guard(m_statsMutex);
            if (old && old->type == NodeType::File)
                m_stats.filesChanged++;
            else
                m_stats.filesNew++;
        }
        dir->pending++;
        std::unique_lock guard(m_queueMutex);
        {
            trace::Scope timing(trace::Stage::WalkWait);
            m_room.wait(guard, [this] { return m_inFlight < kMaxFilesInFlight || stopping(); });
        }
        if (stopping()) {
            guard.unlock();
            entryDone(dir);
            return;
        }
        m_inFlight++;
        m_queue.push_back(FileTask{path, dir, index});
        guard.unlock();
        m_work.notify_one();
        return;
    }

    if (added.type == NodeType::Directory) {
        auto *child = new DirBuild;
        child->parent = dir;
        child->indexInParent = index;
        child->device = quint64(st.st_dev);
        dir->pending++;
        std::optional<Tree> oldTree;
        if (old && old->type == NodeType::Directory) {
            auto t = m_repo.loadTree(old->subtree);
            if (t)
                oldTree = std::move(t.value());
        }
        m_meter.setCurrent(shown);
        walkDir(path, child, oldTree ? &*oldTree : nullptr, trie);
        entryDone(child);
    }
}

void BackupRun::fillChunkSizes(Node &node) const
{
    node.chunkSizes.clear();
    std::vector<quint32> sizes;
    sizes.reserve(node.content.size());
    quint64 total = 0;
    for (const BlobId &id : node.content) {
        const auto location = m_repo.findBlob(id);
        if (!location)
            return;
        sizes.push_back(location->rawLength);
        total += location->rawLength;
    }
    if (total == node.size)
        node.chunkSizes = std::move(sizes);
}

void BackupRun::readerLoop()
{
    FileReader reader(m_chunker);
    for (;;) {
        FileTask task;
        {
            std::unique_lock guard(m_queueMutex);
            m_work.wait(guard, [this] { return !m_queue.empty() || m_walkDone || m_failed.load(); });
            if (m_queue.empty())
                return;
            task = std::move(m_queue.front());
            m_queue.pop_front();
        }
        if (!stopping())
            readFile(task, reader);
        else
            task.dir->drop[task.index] = 1;
        {
            std::lock_guard guard(m_queueMutex);
            m_inFlight--;
        }
        m_room.notify_one(); // only the walker waits for room
        entryDone(task.dir);
        report();
    }
}

void BackupRun::readFile(FileTask &task, FileReader &reader)
{
    Node &node = task.dir->tree.nodes[task.index];
    const QString shown = displayPath(task.path);
    m_meter.setCurrent(shown);

    qint64 reportedBytes = 0;
    const auto outcome = reader.read(task.path, [&](QByteArrayView chunk) -> Status {
        if (stopping())
            return Error::cancelled();
        BlobId id;
        {
            trace::Scope timing(trace::Stage::Hash);
            id = m_repo.blobId(chunk);
        }
        auto saved = m_repo.saveBlob(BlobType::Data, id, chunk);
        if (!saved)
            return saved.error();
        node.content.push_back(id);
        node.chunkSizes.push_back(quint32(chunk.size()));
        m_meter.addDone(0, chunk.size());
        reportedBytes += chunk.size();
        report();
        return {};
    });

    if (!outcome.status) {
        task.dir->drop[task.index] = 1;
        if (outcome.status.error().code == ErrorCode::Cancelled)
            return;
        if (outcome.sourceError) {
            warn(shown, outcome.status.error().message);
        } else {
            fail(outcome.status.error()); // the repository failed: the whole run stops
        }
        m_meter.addDone(1, qint64(node.size) - reportedBytes);
        return;
    }
    if (outcome.changed)
        warn(shown, QStringLiteral("changed while it was being read; the version holds what was read"), true);
    // What was read is what the version holds, whatever the size was when the walk saw it.
    if (outcome.bytesRead != qint64(node.size)) {
        std::lock_guard guard(m_statsMutex);
        m_stats.bytes += outcome.bytesRead - qint64(node.size);
        node.size = quint64(outcome.bytesRead);
    }
    {
        std::lock_guard guard(m_statsMutex);
        m_stats.bytesRead += outcome.bytesRead;
    }
    m_meter.addDone(1, 0);
}

void BackupRun::entryDone(DirBuild *dir)
{
    // The last one to finish an entry of a folder writes the folder's tree, then does the
    // same one level up: trees are written bottom up without any thread waiting for another.
    while (dir && --dir->pending == 0) {
        Tree tree;
        tree.nodes.reserve(dir->tree.nodes.size());
        for (std::size_t i = 0; i < dir->tree.nodes.size(); ++i)
            if (!dir->drop[i])
                tree.nodes.push_back(std::move(dir->tree.nodes[i]));
        DirBuild *parent = dir->parent;
        const std::size_t index = dir->indexInParent;
        delete dir;

        BlobId id;
        if (!stopping()) {
            auto saved = m_repo.saveTree(tree);
            if (saved)
                id = *saved;
            else
                fail(saved.error());
        }
        if (!parent) {
            std::lock_guard guard(m_doneMutex);
            if (!stopping())
                m_rootTree = id;
            m_rootDone.notify_all();
            return;
        }
        parent->tree.nodes[index].subtree = id;
        dir = parent;
    }
}

} // namespace strata
