#include "storage/LocalBackend.h"

#include "storage/Layout.h"
#include "util/Posix.h"

#include "crypto/Crypto.h"

#include <QDir>
#include <QFile>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace strata {

namespace {

const auto TempPrefix = QLatin1String(".tmp-");

QByteArray nativePath(const QString &path)
{
    return QFile::encodeName(path);
}

QString parentOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

using posix::openRetry;

// Makes a rename, a new file or a new folder inside `dir` durable.
Status syncDir(const QString &dir)
{
    const int fd = openRetry(nativePath(dir), O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return errnoError(QStringLiteral("cannot open folder %1").arg(dir), errno);
    int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    // Some network file systems cannot sync a folder; their server orders metadata anyway.
    if (rc != 0 && err != EINVAL && err != ENOTSUP && err != EROFS)
        return errnoError(QStringLiteral("cannot sync folder %1").arg(dir), err);
    return {};
}

// Creates one folder level (never its parents: a missing repository root, say an unmounted
// drive, must stay an error rather than quietly become a new folder on the wrong disk).
Status makeDir(const QString &dir)
{
    if (::mkdir(nativePath(dir).constData(), 0755) != 0) {
        if (errno == EEXIST)
            return {};
        return errnoError(QStringLiteral("cannot create folder %1").arg(dir), errno);
    }
    return syncDir(parentOf(dir));
}

Status makePath(const QString &dir)
{
    struct stat st
    {};
    if (::stat(nativePath(dir).constData(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return {};
        return Error::io(QStringLiteral("%1 exists and is not a folder").arg(dir));
    }
    const QString parent = parentOf(dir);
    if (parent != dir)
        STRATA_TRY(makePath(parent));
    return makeDir(dir);
}

Status writeAll(int fd, const QByteArray &data, const QString &path)
{
    const char *p = data.constData();
    qsizetype left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, std::size_t(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errnoError(QStringLiteral("cannot write %1").arg(path), errno);
        }
        p += n;
        left -= n;
    }
    return {};
}

// Large files (packs) are written past the page cache where the file system allows it
// (O_DIRECT): the data is fsynced at once anyway and is not read again soon, so copying it into
// the cache first only costs CPU (the kernel's copy was the largest system-time item of a first
// backup) and pushes the user's own files out of memory. The whole 4 KiB blocks go through a
// 1 MiB aligned buffer kept per thread; the tail, and file systems that refuse direct I/O, take
// the ordinary path. Returns false, with nothing written, when direct I/O is not possible here.
constexpr qsizetype DirectMinimum = 1 << 20;
constexpr qsizetype DirectAlign = 4096;
constexpr qsizetype DirectSlice = 1 << 20;

Result<bool> writeDirect(int fd, const QByteArray &data, const QString &path)
{
#ifdef O_DIRECT
    struct Aligned
    {
        char *data = nullptr;
        Aligned()
        {
            void *p = nullptr;
            if (::posix_memalign(&p, DirectAlign, DirectSlice) == 0)
                data = static_cast<char *>(p);
        }
        ~Aligned() { std::free(data); }
    };
    thread_local Aligned slice;
    const qsizetype whole = data.size() / DirectAlign * DirectAlign;
    const int flags = ::fcntl(fd, F_GETFL);
    if (whole < DirectMinimum || flags < 0 || !slice.data || ::fcntl(fd, F_SETFL, flags | O_DIRECT) != 0)
        return false;
    qsizetype done = 0;
    while (done < whole) {
        const qsizetype n = std::min(DirectSlice, whole - done);
        std::memcpy(slice.data, data.constData() + done, std::size_t(n));
        const ssize_t written = ::write(fd, slice.data, std::size_t(n));
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0 && done == 0 && errno == EINVAL) { // the file system refuses it after all
            ::fcntl(fd, F_SETFL, flags);
            return false;
        }
        if (written < 0)
            return errnoError(QStringLiteral("cannot write %1").arg(path), errno);
        done += written;
        if (written != n) // a short write: finish on the ordinary path
            break;
    }
    if (::fcntl(fd, F_SETFL, flags) != 0)
        return errnoError(QStringLiteral("cannot write %1").arg(path), errno);
    STRATA_TRY(writeAll(fd, QByteArray::fromRawData(data.constData() + done, data.size() - done), path));
    return true;
#else
    Q_UNUSED(fd);
    Q_UNUSED(data);
    Q_UNUSED(path);
    return false;
#endif
}

Status appendEntries(const QString &dir, QList<FileInfo> &out)
{
    DIR *d = ::opendir(nativePath(dir).constData());
    if (!d) {
        if (errno == ENOENT)
            return {}; // an empty folder may not have been created (or copied) at all
        return errnoError(QStringLiteral("cannot list %1").arg(dir), errno);
    }
    Status status;
    for (;;) {
        errno = 0;
        const dirent *e = ::readdir(d);
        if (!e) {
            if (errno != 0)
                status = errnoError(QStringLiteral("cannot list %1").arg(dir), errno);
            break;
        }
        // Skips ".", "..", our temp files and hidden files a file manager or NAS may drop
        // here: no repository file name starts with a dot.
        if (e->d_name[0] == '.')
            continue;
        struct stat st
        {};
        if (::fstatat(::dirfd(d), e->d_name, &st, 0) != 0) {
            if (errno == ENOENT)
                continue; // deleted meanwhile
            status =
                errnoError(QStringLiteral("cannot read %1/%2").arg(dir, QFile::decodeName(e->d_name)), errno);
            break;
        }
        if (S_ISREG(st.st_mode))
            out.append(FileInfo{QFile::decodeName(e->d_name), qint64(st.st_size)});
    }
    ::closedir(d);
    return status;
}

} // namespace

LocalBackend::LocalBackend(QString root) : m_root(QDir::cleanPath(std::move(root))) {}

QString LocalBackend::pathOf(FileKind kind, const QString &name) const
{
    switch (kind) {
    case FileKind::Config:
        return m_root + QLatin1String("/config");
    case FileKind::Pack:
        return m_root + QLatin1String("/data/") + name.left(2) + QLatin1Char('/') + name;
    default:
        return m_root + QLatin1Char('/') + subdirOf(kind) + QLatin1Char('/') + name;
    }
}

Result<bool> LocalBackend::exists()
{
    struct stat st
    {};
    const QString config = pathOf(FileKind::Config, {});
    if (::stat(nativePath(config).constData(), &st) == 0)
        return S_ISREG(st.st_mode);
    if (errno == ENOENT || errno == ENOTDIR)
        return false;
    return errnoError(QStringLiteral("cannot check %1").arg(config), errno);
}

Status LocalBackend::create()
{
    auto found = exists();
    STRATA_TRY(found);
    if (*found)
        return Error::invalid(QStringLiteral("a repository already exists at %1").arg(m_root));
    STRATA_TRY(makePath(m_root));
    for (FileKind kind : {FileKind::Key, FileKind::Pack, FileKind::Index, FileKind::Snapshot, FileKind::Lock})
        STRATA_TRY(makeDir(m_root + QLatin1Char('/') + subdirOf(kind)));
    return {};
}

Status LocalBackend::doWrite(FileKind kind, const QString &name, const QByteArray &data, const CancelToken &)
{
    STRATA_TRY(checkName(kind, name));
    const QString path = pathOf(kind, name);
    const QString dir = parentOf(path);
    const QString temp =
        dir + QLatin1Char('/') + TempPrefix + QString::fromLatin1(crypto::randomBytes(8).toHex());
    const QByteArray nativeTemp = nativePath(temp);

    // Key files open to a password guess offline: only the owner may read them.
    const mode_t mode = kind == FileKind::Key ? 0600 : 0644;
    int fd = openRetry(nativeTemp, O_WRONLY | O_CREAT | O_EXCL, mode);
    if (fd < 0 && errno == ENOENT && kind != FileKind::Config) {
        // Folders are made on first use: data/<xx> always, the others when a copy of the
        // repository lost its empty folders. The root itself must exist.
        if (kind == FileKind::Pack)
            STRATA_TRY(makeDir(parentOf(dir)));
        STRATA_TRY(makeDir(dir));
        fd = openRetry(nativeTemp, O_WRONLY | O_CREAT | O_EXCL, mode);
    }
    if (fd < 0)
        return errnoError(QStringLiteral("cannot create a file in %1").arg(dir), errno);

    const auto fail = [&](Error error) -> Status {
        if (fd >= 0)
            ::close(fd);
        ::unlink(nativeTemp.constData());
        return error;
    };
    auto direct = writeDirect(fd, data, path);
    if (!direct)
        return fail(direct.error());
    if (!*direct)
        if (Status s = writeAll(fd, data, path); !s)
            return fail(s.error());
    if (::fsync(fd) != 0)
        return fail(errnoError(QStringLiteral("cannot write %1").arg(path), errno));
    const int rc = ::close(fd);
    fd = -1;
    if (rc != 0 && errno != EINTR) // EINTR on close still means closed on Linux
        return fail(errnoError(QStringLiteral("cannot write %1").arg(path), errno));
    if (::rename(nativeTemp.constData(), nativePath(path).constData()) != 0)
        return fail(errnoError(QStringLiteral("cannot put %1 in place").arg(path), errno));
    if (kind == FileKind::Pack)
        forgetPack(name); // a damaged copy being replaced must not be read from any more
    return syncDir(dir);
}

LocalBackend::OpenFile::~OpenFile()
{
    if (fd >= 0)
        ::close(fd);
}

namespace {
constexpr std::size_t kOpenPacks = 16;
}

Result<std::shared_ptr<const LocalBackend::OpenFile>> LocalBackend::openFile(const QString &path)
{
    auto file = std::make_shared<OpenFile>();
    file->fd = openRetry(nativePath(path), O_RDONLY);
    if (file->fd < 0)
        return errnoError(QStringLiteral("cannot open %1").arg(path), errno);
    struct stat st
    {};
    if (::fstat(file->fd, &st) != 0)
        return errnoError(QStringLiteral("cannot read %1").arg(path), errno);
    file->size = st.st_size;
    return std::shared_ptr<const OpenFile>(std::move(file));
}

Result<std::shared_ptr<const LocalBackend::OpenFile>> LocalBackend::openPack(const QString &name,
                                                                             const QString &path)
{
    {
        std::lock_guard guard(m_packsMutex);
        for (auto it = m_openPacks.rbegin(); it != m_openPacks.rend(); ++it)
            if (it->first == name)
                return it->second;
    }
    auto pack = openFile(path);
    STRATA_TRY(pack);
    std::lock_guard guard(m_packsMutex);
    if (m_openPacks.size() >= kOpenPacks)
        m_openPacks.erase(m_openPacks.begin());
    m_openPacks.emplace_back(name, *pack);
    return pack;
}

void LocalBackend::closeOpenFiles()
{
    std::lock_guard guard(m_packsMutex);
    m_openPacks.clear(); // readers still busy keep theirs until they are done
}

void LocalBackend::forgetPack(const QString &name)
{
    std::lock_guard guard(m_packsMutex);
    std::erase_if(m_openPacks, [&](const auto &entry) { return entry.first == name; });
}

Result<QByteArray> LocalBackend::doRead(FileKind kind, const QString &name, qint64 offset, qint64 length,
                                        const CancelToken &cancel)
{
    QByteArray out;
    STRATA_TRY(doReadInto(kind, name, offset, length, out, cancel));
    return out;
}

Status LocalBackend::doReadInto(FileKind kind, const QString &name, qint64 offset, qint64 length,
                                QByteArray &out, const CancelToken &)
{
    STRATA_TRY(checkName(kind, name));
    if (offset < 0)
        return Error::invalid(QStringLiteral("negative offset %1 for reading").arg(offset));
    const QString path = pathOf(kind, name);
    // Other files than packs are read once, and may be replaced under the same name (the config).
    auto file = kind == FileKind::Pack ? openPack(name, path) : openFile(path);
    STRATA_TRY(file);
    const int fd = (*file)->fd;
    const qint64 fileSize = (*file)->size;
    const auto tooShort = [&] {
        return Error::corrupt(QStringLiteral("file %1 is shorter than expected (%2 bytes at offset %3 asked, "
                                             "the file has %4)")
                                  .arg(path)
                                  .arg(length)
                                  .arg(offset)
                                  .arg(fileSize));
    };
    if (length < 0) {
        if (offset > fileSize)
            return tooShort();
        length = fileSize - offset;
    } else if (offset + length > fileSize) {
        return tooShort(); // checked up front so a forged length cannot make us allocate
    }

    out.resize(length); // keeps the capacity of a buffer read into before
    qint64 done = 0;
    while (done < length) {
        const ssize_t n = ::pread(fd, out.data() + done, std::size_t(length - done), off_t(offset + done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errnoError(QStringLiteral("cannot read %1").arg(path), errno);
        }
        if (n == 0)
            return tooShort(); // truncated while we read
        done += n;
    }
    return {};
}

Result<QList<FileInfo>> LocalBackend::doList(FileKind kind, const CancelToken &)
{
    QList<FileInfo> out;
    if (kind == FileKind::Config) {
        auto s = size(kind, {});
        if (s.ok())
            out.append(FileInfo{QStringLiteral("config"), *s});
        else if (s.error().code != ErrorCode::NotFound)
            return s.error();
        return out;
    }
    const QString dir = m_root + QLatin1Char('/') + subdirOf(kind);
    if (kind != FileKind::Pack) {
        STRATA_TRY(appendEntries(dir, out));
        return out;
    }

    DIR *d = ::opendir(nativePath(dir).constData());
    if (!d) {
        if (errno == ENOENT)
            return out;
        return errnoError(QStringLiteral("cannot list %1").arg(dir), errno);
    }
    QStringList subdirs;
    for (;;) {
        errno = 0;
        const dirent *e = ::readdir(d);
        if (!e) {
            const int err = errno;
            if (err != 0) {
                ::closedir(d);
                return errnoError(QStringLiteral("cannot list %1").arg(dir), err);
            }
            break;
        }
        if (e->d_name[0] != '.' && std::strlen(e->d_name) == 2)
            subdirs.append(QFile::decodeName(e->d_name));
    }
    ::closedir(d);
    for (const QString &sub : subdirs)
        STRATA_TRY(appendEntries(dir + QLatin1Char('/') + sub, out));
    return out;
}

Status LocalBackend::remove(FileKind kind, const QString &name)
{
    STRATA_TRY(checkName(kind, name));
    const QString path = pathOf(kind, name);
    if (kind == FileKind::Pack)
        forgetPack(name);
    if (::unlink(nativePath(path).constData()) != 0)
        return errnoError(QStringLiteral("cannot delete %1").arg(path), errno);
    // Prune deletes index files and packs together: a crash must not bring some of them back.
    return syncDir(parentOf(path));
}

Result<qint64> LocalBackend::size(FileKind kind, const QString &name)
{
    STRATA_TRY(checkName(kind, name));
    const QString path = pathOf(kind, name);
    struct stat st
    {};
    if (::stat(nativePath(path).constData(), &st) != 0)
        return errnoError(QStringLiteral("cannot read %1").arg(path), errno);
    return qint64(st.st_size);
}

std::optional<qint64> LocalBackend::freeSpace()
{
    struct statvfs vfs
    {};
    if (::statvfs(nativePath(m_root).constData(), &vfs) != 0)
        return std::nullopt;
    // f_bavail: what an unprivileged writer may use (root's reserve excluded).
    return qint64(vfs.f_bavail) * qint64(vfs.f_frsize);
}

Result<int> LocalBackend::removeStaleTemporaries(int olderThanSeconds)
{
    QStringList dirs{m_root};
    for (FileKind kind : {FileKind::Key, FileKind::Index, FileKind::Snapshot, FileKind::Lock,
                          FileKind::Forgotten, FileKind::Retired})
        dirs << m_root + QLatin1Char('/') + subdirOf(kind);
    for (int i = 0; i < 256; ++i)
        dirs << m_root + QStringLiteral("/data/%1").arg(i, 2, 16, QLatin1Char('0'));
    const time_t cutoff = ::time(nullptr) - olderThanSeconds;
    int removed = 0;
    for (const QString &dir : dirs) {
        const QByteArray native = nativePath(dir);
        DIR *d = ::opendir(native.constData());
        if (!d)
            continue; // most data/xx folders do not exist yet
        while (const dirent *e = ::readdir(d)) {
            if (std::strncmp(e->d_name, ".tmp-", 5) != 0)
                continue;
            const QByteArray path = native + '/' + e->d_name;
            struct stat st;
            if (::lstat(path.constData(), &st) == 0 && S_ISREG(st.st_mode) && st.st_mtime < cutoff &&
                ::unlink(path.constData()) == 0)
                ++removed;
        }
        ::closedir(d);
    }
    return removed;
}

} // namespace strata
