#include "util/Result.h"

#include <cerrno>
#include <cstring>

namespace strata {

Error errnoError(const QString &what, int err)
{
    const QString text = what + QStringLiteral(": ") + QString::fromLocal8Bit(std::strerror(err));
    if (err == ENOSPC || err == EDQUOT)
        return {ErrorCode::NoSpace, text};
    if (err == ENOENT)
        return {ErrorCode::NotFound, text};
    return {ErrorCode::Io, text};
}

} // namespace strata
