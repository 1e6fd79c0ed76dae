// Thin helpers over POSIX calls that the storage and secrets code share.
#pragma once

#include <QByteArray>

#include <cerrno>
#include <fcntl.h>

namespace strata::posix {

// open(2), close-on-exec, retried after EINTR; -1 with errno set on failure.
inline int openRetry(const QByteArray &path, int flags, mode_t mode = 0)
{
    int fd;
    do {
        fd = ::open(path.constData(), flags | O_CLOEXEC, mode);
    } while (fd < 0 && errno == EINTR);
    return fd;
}

} // namespace strata::posix
