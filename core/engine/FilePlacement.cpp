#include "engine/FilePlacement.h"

#include "util/Trace.h"

#include <QFile>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata {

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

// The folder `path` is in ("/" for an entry of the root).
QByteArray folderOf(const QByteArray &path)
{
    const int slash = path.lastIndexOf('/');
    return slash > 0 ? path.left(slash) : QByteArray("/");
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

} // namespace

FilePlacement::FilePlacement(Repository &repo, const RestorePlan &plan, const RestoreTestHooks &hooks,
                             qint64 failAfter, Callbacks callbacks)
    : m_repo(repo), m_attributes(plan.attributes), m_numericOwner(plan.numericOwner), m_salvage(plan.salvage),
      m_hooks(hooks), m_failAfter(failAfter), m_callbacks(std::move(callbacks)), m_isRoot(::geteuid() == 0)
{}

std::pair<uid_t, gid_t> FilePlacement::ownerOf(const Node &node)
{
    uid_t uid = node.uid;
    gid_t gid = node.gid;
    if (!m_numericOwner) {
        if (const auto id = m_owners.uidOf(node.user))
            uid = *id;
        if (const auto id = m_owners.gidOf(node.group))
            gid = *id;
    }
    return {uid, gid};
}

void FilePlacement::setAttributes(const Node &node, int fd, const QByteArray &path)
{
    if (node.xattrs.empty() || !m_attributes.any())
        return;
    for (const AttributeFailure &f : writeAttributes(fd, path, node.xattrs, m_attributes))
        m_refusals.add(attributeFailureReason(f), path);
}

void FilePlacement::created(const QByteArray &path)
{
    std::lock_guard guard(m_mutex);
    m_created.push_back(path);
}

void FilePlacement::appeared(const QByteArray &dest, RestoreAction action, qint64 size)
{
    const QString msg = QStringLiteral("%1 appeared while the restore ran; it was left as it is and the "
                                       "version's copy was not written")
                            .arg(QFile::decodeName(dest));
    {
        std::lock_guard guard(m_mutex);
        m_appeared.push_back(Appeared{msg, action, size});
    }
    if (m_callbacks.warning)
        m_callbacks.warning(dest, msg);
}

// The errors of a file system that has no such kind of entry at all (FAT, some network shares).
bool FilePlacement::refusesKind(int err)
{
    return err == EPERM || err == EOPNOTSUPP || err == ENOSYS || err == EINVAL;
}

void FilePlacement::notMade(const QString &what, int err, const QByteArray &dest, RestoreAction action)
{
    m_refusals.add(QStringLiteral("the target refused to make %1 (%2)")
                       .arg(what, QString::fromLocal8Bit(std::strerror(err))),
                   dest);
    recordNotMade(action);
}

void FilePlacement::recordNotMade(RestoreAction action)
{
    std::lock_guard guard(m_mutex);
    m_notMade.push_back(action);
}

std::vector<RestoreAction> FilePlacement::takeNotMade()
{
    std::lock_guard guard(m_mutex);
    return std::exchange(m_notMade, {});
}

std::vector<FilePlacement::Appeared> FilePlacement::takeAppeared()
{
    std::lock_guard guard(m_mutex);
    return std::exchange(m_appeared, {});
}

Status FilePlacement::writeEntry(const Node &node, const QByteArray &dest, RestoreAction action)
{
    switch (action) {
    case RestoreAction::Skip:
    case RestoreAction::Unchanged:
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
        if (action == RestoreAction::Overwrite) {
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
        return writeFile(node, dest, action);
    case NodeType::Symlink:
        return writeSymlink(node, dest, action);
    case NodeType::Fifo:
    case NodeType::CharDevice:
    case NodeType::BlockDevice:
    case NodeType::Socket: // the node only, as rsync --specials: a program binds to it again
        return writeSpecial(node, dest, action);
    }
    return {};
}

Status FilePlacement::writeSymlink(const Node &node, const QByteArray &dest, RestoreAction action)
{
    if (action != RestoreAction::Overwrite) {
        // Nothing to replace: symlink(2) creates the link whole, or fails if the name is taken.
        placing(dest);
        if (::symlink(node.linkTarget.constData(), dest.constData()) != 0) {
            const int err = errno;
            if (err == EEXIST) {
                appeared(dest, action, 0);
                return {};
            }
            if (refusesKind(err)) {
                notMade(QStringLiteral("symlinks"), err, dest, action);
                return {};
            }
            return errnoError(QStringLiteral("cannot create link %1").arg(QFile::decodeName(dest)), err);
        }
        created(dest);
        if (m_isRoot) {
            const auto [uid, gid] = ownerOf(node);
            (void)::lchown(dest.constData(), uid, gid);
        }
        setAttributes(node, -1, dest);
        setTimes(node, -1, dest, AT_SYMLINK_NOFOLLOW);
        return {};
    }
    const QByteArray tmp = m_journal.temporaryIn(folderOf(dest));
    if (::symlink(node.linkTarget.constData(), tmp.constData()) != 0)
        return errnoError(QStringLiteral("cannot create link %1").arg(QFile::decodeName(dest)), errno);
    if (m_isRoot) {
        const auto [uid, gid] = ownerOf(node);
        (void)::lchown(tmp.constData(), uid, gid);
    }
    setAttributes(node, -1, tmp);
    setTimes(node, -1, tmp, AT_SYMLINK_NOFOLLOW);
    if (::rename(tmp.constData(), dest.constData()) != 0) {
        ::unlink(tmp.constData());
        return errnoError(QStringLiteral("cannot create link %1").arg(QFile::decodeName(dest)), errno);
    }
    return {};
}

Status FilePlacement::writeSpecial(const Node &node, const QByteArray &dest, RestoreAction action)
{
    if (action == RestoreAction::Overwrite)
        ::unlink(dest.constData());
    const mode_t type = node.type == NodeType::Fifo         ? S_IFIFO
                        : node.type == NodeType::Socket     ? S_IFSOCK
                        : node.type == NodeType::CharDevice ? S_IFCHR
                                                            : S_IFBLK;
    if (action != RestoreAction::Overwrite)
        placing(dest);
    if (::mknod(dest.constData(), type | (node.mode & 07777), dev_t(node.rdev)) != 0) {
        if (errno == EEXIST && action != RestoreAction::Overwrite) {
            appeared(dest, action, 0);
            return {};
        }
        const int err = errno;
        const bool device = node.type == NodeType::CharDevice || node.type == NodeType::BlockDevice;
        if (device && err == EPERM && !m_isRoot) { // not a reason to fail the restore
            m_refusals.add(QStringLiteral("device files can only be restored by root"), dest);
            recordNotMade(action);
            return {};
        }
        if (refusesKind(err)) {
            notMade(node.type == NodeType::Socket ? QStringLiteral("sockets")
                    : node.type == NodeType::Fifo ? QStringLiteral("FIFOs")
                                                  : QStringLiteral("device files"),
                    err, dest, action);
            return {};
        }
        return errnoError(QStringLiteral("cannot create %1").arg(QFile::decodeName(dest)), err);
    }
    created(dest);
    return applyMetadata(node, dest, false);
}

Status FilePlacement::writeFile(const Node &node, const QByteArray &dest, RestoreAction action, int dirFd)
{
    STRATA_TRY(placeFile(node, dest, action, dirFd));
    ++m_filesWritten;
    return {};
}

bool FilePlacement::linkToFirst(const Node &node, const QByteArray &firstPath, const QByteArray &dest,
                                bool existed, RestoreAction action)
{
    if (!existed) {
        placing(dest);
        if (::link(firstPath.constData(), dest.constData()) == 0) {
            created(dest);
            return true;
        }
        if (errno == EEXIST) {
            appeared(dest, action, qint64(node.size));
            return true;
        }
        return false;
    }
    const QByteArray tmp = m_journal.temporaryIn(folderOf(dest));
    if (::link(firstPath.constData(), tmp.constData()) == 0 &&
        ::rename(tmp.constData(), dest.constData()) == 0)
        return true;
    ::unlink(tmp.constData());
    return false;
}

std::optional<quint32> FilePlacement::chunkLength(const Node &node, std::size_t i) const
{
    if (node.chunkSizes.size() == node.content.size())
        return node.chunkSizes[i];
    if (const auto location = m_repo.findBlob(node.content[i]))
        return location->rawLength;
    return std::nullopt;
}

Status FilePlacement::writeContent(const Node &node, int fd, const QByteArray &dest, Damage &damage)
{
    qint64 offset = 0;
    qint64 writtenEnd = 0; // where the last write ended
    // A run of equal chunks (zeros in disk images, repeated records) is read and opened once.
    std::optional<BlobId> lastId;
    bool lastLost = false;
    QByteArray data;
    for (std::size_t i = 0; i < node.content.size(); ++i) {
        const BlobId &id = node.content[i];
        if (cancelled())
            return Error::cancelled();
        if (id != lastId) {
            trace::Scope timing(trace::Stage::BlobRead);
            auto loaded = m_repo.loadBlob(id);
            lastId = id;
            lastLost = !loaded;
            if (loaded) {
                data = std::move(loaded.value());
            } else {
                Error e = loaded.error();
                if (e.code != ErrorCode::Corrupt) { // the repository could not be read: not damage
                    e.message = QStringLiteral("%1: %2").arg(QFile::decodeName(dest), e.message);
                    return e;
                }
                if (damage.problem.isEmpty())
                    damage.problem = e.message;
            }
        }
        if (lastLost) {
            // The chunk is lost. Without salvage the file is not written; with it, the chunk
            // becomes a hole (zeros) of its length, which the tree or the index knows.
            damage.chunksLost++;
            const auto length = m_salvage ? chunkLength(node, i) : std::nullopt;
            if (!length) {
                if (m_salvage)
                    damage.problem += QStringLiteral("; the lost chunk's length is unknown, so the file "
                                                     "cannot be salvaged");
                return Error::corrupt(damage.problem);
            }
            damage.bytesLost += *length;
            offset += *length;
            if (m_callbacks.wrote)
                m_callbacks.wrote(*length);
            continue;
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
                    return Error{s.error().code, QStringLiteral("cannot write %1: %2")
                                                     .arg(QFile::decodeName(dest), s.error().message)};
                writtenEnd = offset + end;
            }
            while (end < chunk.size() && isHole(end))
                end += std::min(block, chunk.size() - end);
            pos = end;
        }
        offset += chunk.size();
        if (m_callbacks.wrote)
            m_callbacks.wrote(chunk.size());
    }
    // Only a file ending in a hole needs its size set (each call is one more inode update).
    if (writtenEnd < offset && ::ftruncate(fd, offset) != 0)
        return errnoError(QStringLiteral("cannot write %1").arg(QFile::decodeName(dest)), errno);
    // Owner, then mode (a chown clears set-id bits), then attributes (a chown clears file
    // capabilities, and an ACL sets the group bits of the mode itself), then times.
    if (m_isRoot) {
        const auto [uid, gid] = ownerOf(node);
        (void)::fchown(fd, uid, gid);
    }
    if (::fchmod(fd, node.mode & 07777) != 0 && !refusedMetadata(QStringLiteral("permissions"), errno, dest))
        return errnoError(QStringLiteral("cannot set permissions of %1").arg(QFile::decodeName(dest)), errno);
    setAttributes(node, fd, dest);
    setTimes(node, fd, dest, 0);
    return {};
}

Status FilePlacement::placeFile(const Node &node, const QByteArray &dest, RestoreAction action, int dirFd)
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
    if (linkKey) {
        auto it = m_hardLinks.find(linkKey);
        if (it != m_hardLinks.end() && linkToFirst(node, it->second, dest, existed, action))
            return {};
        // different file systems: fall back to a copy
    }

    // A new file is written unnamed and linked in whole; a file that replaces another one is
    // written under a temporary name and renamed over it. Either way neither a failure nor a
    // crash leaves a half-written file under the final name. The unnamed file also spares the
    // folder a create and a rename, which writer threads in the same folder wait for each
    // other to do.
    using NewFiles = RestoreTestHooks::NewFiles;
    OpenFile file;
    // An unnamed file is made and named relative to its open folder, when there is one.
    file.at = dirFd >= 0 ? dirFd : AT_FDCWD;
    if (!existed && canLinkUnnamed() && m_hooks.newFiles != NewFiles::NamedTemp)
        file.fd =
            ::openat(file.at, dirFd >= 0 ? "." : dir.constData(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (file.fd < 0) { // a file system without unnamed files (EOPNOTSUPP), or a replacement
        // Named as the journal says before it exists, so a kill leaves nothing unrecorded.
        for (int attempt = 0; attempt < 16 && file.fd < 0; ++attempt) {
            file.tmp = m_journal.temporaryIn(dir);
            file.fd = ::open(file.tmp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            if (file.fd < 0 && errno != EEXIST)
                break;
        }
        if (file.fd < 0)
            return errnoError(QStringLiteral("cannot write into %1").arg(QFile::decodeName(dir)), errno);
    }
    Damage damage;
    if (Status s = writeContent(node, file.fd, dest, damage); !s) {
        ::close(file.fd);
        if (!file.tmp.isEmpty())
            ::unlink(file.tmp.constData());
        if (damage.chunksLost == 0)
            return s;
        damaged(dest, damage, {}, action, qint64(node.size)); // what is at `dest` stays as it is
        return {};
    }

    // A salvaged file goes beside the name, never over what is there: NAME.damaged.
    const bool salvaged = damage.chunksLost > 0;
    const QByteArray target = salvaged ? dest + ".damaged" : dest;
    const bool replace = existed && !salvaged;
    if (!replace)
        placing(target);
    // The file has its final name: what a rollback removes, and what later links point to.
    auto named = nameFile(file, dirFd >= 0 ? target.mid(slash + 1) : target, target, replace, [&] {
        if (!replace)
            created(target);
        if (linkKey && !salvaged)
            m_hardLinks.emplace(linkKey, dest);
    });
    STRATA_TRY(named);
    if (!*named) { // taken since the walk looked
        if (salvaged) {
            damage.problem +=
                QStringLiteral("; %1 is taken, so nothing was salvaged").arg(QFile::decodeName(target));
            damaged(dest, damage, {}, action, qint64(node.size));
        } else {
            appeared(dest, action, qint64(node.size));
        }
        return {};
    }
    if (salvaged)
        damaged(dest, damage, target, action, 0);
    return {};
}

Result<bool> FilePlacement::nameFile(OpenFile &file, const QByteArray &name, const QByteArray &target,
                                     bool replace, const std::function<void()> &placed)
{
    using NewFiles = RestoreTestHooks::NewFiles;
    if (file.tmp.isEmpty()) {
        if (!linkUnnamed(file.fd, file.at, name.constData(), m_hooks.newFiles == NewFiles::UnnamedByProc)) {
            const int err = errno;
            ::close(file.fd); // frees the unnamed file
            if (err != EEXIST)
                return errnoError(QStringLiteral("cannot put %1 in place").arg(QFile::decodeName(target)),
                                  err);
            return false;
        }
        placed(); // a late write error below still has it removed by the rollback
        if (::close(file.fd) != 0)
            return errnoError(QStringLiteral("cannot write %1").arg(QFile::decodeName(target)), errno);
        return true;
    }
    if (::close(file.fd) != 0) {
        ::unlink(file.tmp.constData());
        return errnoError(QStringLiteral("cannot write %1").arg(QFile::decodeName(target)), errno);
    }
    if (!replace) {
        // link(2) refuses to replace a file that appeared since the walk; rename(2) would not.
        const bool linked = ::link(file.tmp.constData(), target.constData()) == 0;
        const int err = errno;
        if (linked || err == EEXIST || ::access(target.constData(), F_OK) == 0) {
            ::unlink(file.tmp.constData());
            if (linked)
                placed();
            return linked;
        }
        // No hard links on this file system (FAT): rename, having just seen the name free.
    }
    if (::rename(file.tmp.constData(), target.constData()) != 0) {
        const int err = errno;
        ::unlink(file.tmp.constData());
        return errnoError(QStringLiteral("cannot put %1 in place").arg(QFile::decodeName(target)), err);
    }
    placed();
    return true;
}

void FilePlacement::damaged(const QByteArray &dest, const Damage &damage, const QByteArray &salvagedAs,
                            RestoreAction action, qint64 unwritten)
{
    DamagedFile d;
    d.path = QFile::decodeName(dest);
    d.problem = damage.problem;
    d.chunksLost = damage.chunksLost;
    d.bytesLost = damage.bytesLost;
    d.salvagedAs = QFile::decodeName(salvagedAs);
    const QString message =
        salvagedAs.isEmpty()
            ? QStringLiteral("%1 is damaged in the repository and was not restored: %2")
                  .arg(d.path, d.problem)
            : QStringLiteral("%1 is damaged in the repository: saved as %2 with %3 lost byte(s) as zeros: %4")
                  .arg(d.path, d.salvagedAs)
                  .arg(d.bytesLost)
                  .arg(d.problem);
    {
        std::lock_guard guard(m_mutex);
        m_damaged.push_back(std::move(d));
        if (salvagedAs.isEmpty())
            m_unwritten.push_back({action, unwritten});
    }
    if (m_callbacks.warning)
        m_callbacks.warning(dest, message);
}

void FilePlacement::damagedFolder(const QByteArray &dest, const QString &problem)
{
    DamagedFile d;
    d.path = QFile::decodeName(dest);
    d.problem = problem;
    d.folder = true;
    const QString message =
        QStringLiteral("%1: the folder's contents are damaged in the repository and were not restored: %2")
            .arg(d.path, problem);
    {
        std::lock_guard guard(m_mutex);
        m_damaged.push_back(std::move(d));
    }
    if (m_callbacks.warning)
        m_callbacks.warning(dest, message);
}

std::vector<std::pair<RestoreAction, qint64>> FilePlacement::takeUnwritten()
{
    std::lock_guard guard(m_mutex);
    return std::exchange(m_unwritten, {});
}

std::vector<DamagedFile> FilePlacement::takeDamaged()
{
    std::lock_guard guard(m_mutex);
    return std::exchange(m_damaged, {});
}

Status FilePlacement::applyMetadata(const Node &node, const QByteArray &path, bool isDir)
{
    if (m_isRoot) {
        const auto [uid, gid] = ownerOf(node);
        (void)::lchown(path.constData(), uid, gid);
    }
    if (::chmod(path.constData(), node.mode & 07777) != 0 &&
        !refusedMetadata(QStringLiteral("permissions"), errno, path))
        return errnoError(QStringLiteral("cannot set permissions of %1").arg(QFile::decodeName(path)), errno);
    setAttributes(node, -1, path);
    setTimes(node, -1, path, isDir ? 0 : AT_SYMLINK_NOFOLLOW);
    return {};
}

bool FilePlacement::refusedMetadata(const QString &what, int err, const QByteArray &path)
{
    if (!refusesKind(err))
        return false;
    m_refusals.add(QStringLiteral("the target could not keep %1 (%2)")
                       .arg(what, QString::fromLocal8Bit(std::strerror(err))),
                   path);
    return true;
}

void FilePlacement::setTimes(const Node &node, int fd, const QByteArray &path, int flags)
{
    const timespec times[2] = {node.mtime.toTimespec(), node.mtime.toTimespec()};
    const int r = fd >= 0 ? ::futimens(fd, times) : ::utimensat(AT_FDCWD, path.constData(), times, flags);
    if (r != 0) {
        const int err = errno;
        m_refusals.add(QStringLiteral("could not set modification times (%1)")
                           .arg(QString::fromLocal8Bit(std::strerror(err))),
                       path);
        return;
    }
    // A file system clamps or wraps what it cannot hold without a word (ext4 ends in 2446, FAT
    // spans 1980 to 2107): a time outside 1970 to 2038 is read back, to tell the user.
    if (node.mtime.sec >= 0 && node.mtime.sec < (qint64(1) << 31))
        return;
    struct stat st;
    const int s = fd >= 0 ? ::fstat(fd, &st) : ::fstatat(AT_FDCWD, path.constData(), &st, flags);
    if (s == 0 && Timestamp::fromTimespec(st.st_mtim) != node.mtime)
        m_refusals.add(QStringLiteral("the target's file system cannot hold some modification times: they "
                                      "read back different from the version's"),
                       path);
}

void FilePlacement::removeCreated()
{
    std::lock_guard guard(m_mutex);
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

} // namespace strata
