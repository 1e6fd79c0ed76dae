#include "engine/FileReader.h"

#include "util/Trace.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata {

namespace {

constexpr qsizetype kReadSize = 4 << 20;

// Reading a file must not change its atime; O_NOATIME is refused for files of other users.
int openForReading(const QByteArray &path)
{
    int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOATIME);
    if (fd < 0 && errno == EPERM)
        fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    return fd;
}

bool sameVersion(const struct stat &a, const struct stat &b)
{
    return a.st_size == b.st_size && a.st_mtim.tv_sec == b.st_mtim.tv_sec &&
           a.st_mtim.tv_nsec == b.st_mtim.tv_nsec && a.st_ctim.tv_sec == b.st_ctim.tv_sec &&
           a.st_ctim.tv_nsec == b.st_ctim.tv_nsec;
}

QString sysError(const char *what)
{
    return QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromLocal8Bit(std::strerror(errno)));
}

} // namespace

FileReader::Outcome FileReader::read(const QByteArray &path,
                                     const std::function<Status(QByteArrayView)> &each)
{
    Outcome out;
    const int fd = openForReading(path);
    if (fd < 0) {
        out.status = Error::io(sysError("cannot open"));
        out.sourceError = true;
        return out;
    }
    struct stat before;
    if (::fstat(fd, &before) != 0) {
        out.status = Error::io(sysError("cannot stat"));
        out.sourceError = true;
        ::close(fd);
        return out;
    }
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);

    const std::size_t maxChunk = m_chunker.params().maxSize;
    // Allocated once per reader at full size: pages a small file does not touch cost nothing.
    if (m_buffer.isEmpty())
        m_buffer = QByteArray(qsizetype(maxChunk) + kReadSize, Qt::Uninitialized);
    auto *base = reinterpret_cast<std::uint8_t *>(m_buffer.data());
    std::size_t start = 0, end = 0;
    bool eof = false;
    for (;;) {
        // Keep at least one maximal chunk in the buffer unless the file ends first.
        if (!eof && end - start < maxChunk) {
            if (start > 0) {
                std::memmove(base, base + start, end - start);
                end -= start;
                start = 0;
            }
            while (!eof && end < std::size_t(m_buffer.size())) {
                ssize_t n;
                {
                    trace::Scope timing(trace::Stage::Read);
                    n = ::read(fd, base + end, std::size_t(m_buffer.size()) - end);
                }
                if (n < 0) {
                    if (errno == EINTR)
                        continue;
                    out.status = Error::io(sysError("read error"));
                    out.sourceError = true;
                    ::close(fd);
                    return out;
                }
                if (n == 0)
                    eof = true;
                end += std::size_t(n);
            }
        }
        if (start == end)
            break;
        std::size_t len;
        {
            trace::Scope timing(trace::Stage::Chunk);
            len = m_chunker.cut(base + start, end - start);
        }
        const QByteArrayView chunk(reinterpret_cast<const char *>(base + start), qsizetype(len));
        if (Status s = each(chunk); !s) {
            out.status = s;
            ::close(fd);
            return out;
        }
        out.bytesRead += qint64(len);
        start += len;
    }
    struct stat after;
    out.changed = ::fstat(fd, &after) != 0 || !sameVersion(before, after) || out.bytesRead != before.st_size;
    ::close(fd);
    return out;
}

} // namespace strata
