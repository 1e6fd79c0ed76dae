#include "engine/FileAttributes.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <sys/xattr.h>

namespace strata {

namespace {

constexpr qsizetype kFirstTry = 1024; // most files have no attributes or a few short ones
// The kernel's own limits: XATTR_LIST_MAX and XATTR_SIZE_MAX are both 64 KiB.
constexpr qsizetype kMaxSize = 64 * 1024;

// Calls `get(buffer, size)` (a listxattr or getxattr) until the buffer is big enough; on
// failure returns nothing and sets `err`.
template <typename Get>
std::optional<QByteArray> fetch(Get get, int &err)
{
    QByteArray buffer(kFirstTry, Qt::Uninitialized);
    for (int attempt = 0; attempt < 4; ++attempt) {
        const ssize_t n = get(buffer.data(), std::size_t(buffer.size()));
        if (n >= 0) {
            buffer.truncate(n);
            return buffer;
        }
        err = errno;
        if (err != ERANGE)
            return std::nullopt;
        // Grown since: ask how big it is now (the answer can be stale by the next call).
        const ssize_t needed = get(nullptr, 0);
        if (needed < 0) {
            err = errno;
            return std::nullopt;
        }
        buffer.resize(std::min<qsizetype>(std::max<qsizetype>(needed, buffer.size() * 2), kMaxSize));
    }
    return std::nullopt;
}

} // namespace

bool AttributeOptions::isAcl(const QByteArray &name)
{
    return name == "system.posix_acl_access" || name == "system.posix_acl_default";
}

Result<std::vector<ExtendedAttribute>> readAttributes(const QByteArray &path, const AttributeOptions &options)
{
    std::vector<ExtendedAttribute> out;
    if (!options.any())
        return out;
    const char *p = path.constData();
    int err = 0;
    const auto names = fetch([&](char *buf, std::size_t size) { return ::llistxattr(p, buf, size); }, err);
    if (!names) {
        if (err == ENOTSUP || err == ENOENT) // no attributes here, or the file is gone
            return out;
        return errnoError(QStringLiteral("cannot list extended attributes"), err);
    }
    for (const QByteArray &name : names->split('\0')) {
        if (name.isEmpty() || !options.wants(name))
            continue;
        const auto value = fetch(
            [&](char *buf, std::size_t size) { return ::lgetxattr(p, name.constData(), buf, size); }, err);
        if (!value) {
            if (err == ENODATA || err == ENOTSUP) // removed since it was listed
                continue;
            if (err == EPERM || err == EACCES) // listed but not readable by this user
                continue;
            return errnoError(
                QStringLiteral("cannot read extended attribute %1").arg(QString::fromUtf8(name)), err);
        }
        out.push_back(ExtendedAttribute{name, *value});
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.name < b.name; });
    return out;
}

std::vector<AttributeFailure> writeAttributes(int fd, const QByteArray &path,
                                              const std::vector<ExtendedAttribute> &attributes,
                                              const AttributeOptions &options)
{
    std::vector<AttributeFailure> failures;
    for (const ExtendedAttribute &a : attributes) {
        if (!options.wants(a.name))
            continue;
        const int r =
            fd >= 0 ? ::fsetxattr(fd, a.name.constData(), a.value.constData(), std::size_t(a.value.size()), 0)
                    : ::lsetxattr(path.constData(), a.name.constData(), a.value.constData(),
                                  std::size_t(a.value.size()), 0);
        if (r != 0)
            failures.push_back(AttributeFailure{a.name, errno});
    }
    return failures;
}

QString attributeFailureReason(const AttributeFailure &failure)
{
    const QString what = AttributeOptions::isAcl(failure.name) ? QStringLiteral("ACLs")
                         : failure.name.startsWith("security.capability")
                             ? QStringLiteral("file capabilities")
                             : QStringLiteral("extended attributes (%1)")
                                   .arg(QString::fromUtf8(failure.name.left(failure.name.indexOf('.') + 1)) +
                                        QLatin1Char('*'));
    return QStringLiteral("could not restore %1: %2")
        .arg(what, QString::fromLocal8Bit(std::strerror(failure.error)));
}

} // namespace strata
