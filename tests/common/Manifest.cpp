#include "Manifest.h"

#include "TestUtil.h"

#include <openssl/evp.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>

namespace strata::test {

namespace {

QString kindName(ManifestEntry::Kind k)
{
    switch (k) {
    case ManifestEntry::Kind::File:
        return QStringLiteral("file");
    case ManifestEntry::Kind::Dir:
        return QStringLiteral("folder");
    case ManifestEntry::Kind::Symlink:
        return QStringLiteral("symlink");
    case ManifestEntry::Kind::Other:
        return QStringLiteral("special");
    }
    return {};
}

// The hex SHA-256 of a file's content, or an empty array when it cannot be read.
QByteArray hashFile(const QByteArray &path, qint64 *size)
{
    const int fd = ::open(path.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return {};
    // OpenSSL's SHA-256 (SHA-NI where there is one): several times QCryptographicHash's speed,
    // and the campaign hashes every tree several times per kill.
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> hash(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    bool ok = hash && EVP_DigestInit_ex(hash.get(), EVP_sha256(), nullptr) == 1;
    thread_local QByteArray buf(256 << 10, Qt::Uninitialized);
    qint64 total = 0;
    while (ok) {
        const ssize_t n = ::read(fd, buf.data(), std::size_t(buf.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            ok = false;
        if (n <= 0)
            break;
        ok = EVP_DigestUpdate(hash.get(), buf.constData(), std::size_t(n)) == 1;
        total += n;
    }
    ::close(fd);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!ok || EVP_DigestFinal_ex(hash.get(), digest, &length) != 1)
        return {};
    *size = total;
    return QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex();
}

// The manifest entry of what statTree() found at `full`; nothing when it vanished meanwhile.
std::optional<ManifestEntry> entryOf(const QByteArray &full, const TreeEntry &t)
{
    const struct stat &st = t.st;
    ManifestEntry e;
    e.mode = quint32(st.st_mode & 07777);
    e.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    if (S_ISREG(st.st_mode)) {
        e.kind = ManifestEntry::Kind::File;
        qint64 size = 0;
        e.sha256 = hashFile(full, &size);
        if (e.sha256.isEmpty())
            return std::nullopt;
        e.size = size;
    } else if (S_ISDIR(st.st_mode)) {
        e.kind = ManifestEntry::Kind::Dir;
    } else if (S_ISLNK(st.st_mode)) {
        e.kind = ManifestEntry::Kind::Symlink;
        if (t.linkTarget.isEmpty())
            return std::nullopt; // readlink failed: it vanished meanwhile
        e.linkTarget = t.linkTarget;
        e.size = t.linkTarget.size();
    } else {
        e.kind = ManifestEntry::Kind::Other;
    }
    return e;
}

} // namespace

QString ManifestEntry::describe() const
{
    QString s = kindName(kind);
    switch (kind) {
    case Kind::File:
        s += QStringLiteral(" %1 bytes sha256 %2").arg(size).arg(QString::fromLatin1(sha256.left(16)));
        break;
    case Kind::Symlink:
        s += QStringLiteral(" -> %1").arg(printable(linkTarget));
        break;
    case Kind::Dir:
    case Kind::Other:
        break;
    }
    return s + QStringLiteral(" mode %1 mtime %2").arg(mode, 4, 8, QLatin1Char('0')).arg(mtimeNs);
}

Manifest makeManifest(const QByteArray &root, QString *error)
{
    struct stat st;
    if (::lstat(root.constData(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        if (error)
            *error = QStringLiteral("%1 is not a readable folder").arg(printable(root));
        return {};
    }
    Manifest m;
    for (const auto &[rel, t] : statTree(root))
        if (auto e = entryOf(root + '/' + rel, t))
            m[rel] = *e;
    return m;
}

qint64 manifestBytes(const Manifest &m)
{
    qint64 total = 0;
    for (const auto &[path, e] : m)
        if (e.kind == ManifestEntry::Kind::File)
            total += e.size;
    return total;
}

bool sameEntry(const ManifestEntry &expected, const ManifestEntry &actual, const ManifestCompare &options)
{
    if (expected.kind != actual.kind)
        return false;
    switch (expected.kind) {
    case ManifestEntry::Kind::Dir:
        return (!options.dirModes || expected.mode == actual.mode) &&
               (!options.dirMtimes || expected.mtimeNs == actual.mtimeNs);
    case ManifestEntry::Kind::File:
        return expected.size == actual.size && expected.sha256 == actual.sha256 &&
               expected.mode == actual.mode && (!options.mtimes || expected.mtimeNs == actual.mtimeNs);
    case ManifestEntry::Kind::Symlink: // a symlink's own mode means nothing on Linux
        return expected.linkTarget == actual.linkTarget &&
               (!options.mtimes || expected.mtimeNs == actual.mtimeNs);
    case ManifestEntry::Kind::Other:
        return expected.mode == actual.mode;
    }
    return false;
}

QStringList compareManifests(const Manifest &expected, const Manifest &actual, const ManifestCompare &options)
{
    QStringList diffs;
    const auto ignored = [&](const QByteArray &p) { return options.ignore && options.ignore(p); };
    for (const auto &[path, e] : expected) {
        if (ignored(path))
            continue;
        const auto it = actual.find(path);
        if (it == actual.end())
            diffs << QStringLiteral("%1: missing (expected %2)").arg(printable(path), e.describe());
        else if (!sameEntry(e, it->second, options))
            diffs << QStringLiteral("%1: expected %2, got %3")
                         .arg(printable(path), e.describe(), it->second.describe());
    }
    for (const auto &[path, a] : actual)
        if (!ignored(path) && !expected.count(path))
            diffs << QStringLiteral("%1: unexpected %2").arg(printable(path), a.describe());
    return diffs;
}

QStringList checkOldOrNew(const Manifest &before, const Manifest &after, const Manifest &actual,
                          const ManifestCompare &options, int *oldCount, int *newCount)
{
    QStringList problems;
    std::vector<QByteArray> paths;
    for (const Manifest *m : {&before, &after, &actual})
        for (const auto &[path, e] : *m)
            paths.push_back(path);
    std::sort(paths.begin(), paths.end());
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());

    const auto lookup = [](const Manifest &m, const QByteArray &p) -> const ManifestEntry * {
        const auto it = m.find(p);
        return it == m.end() ? nullptr : &it->second;
    };
    // Absent matches absent; present matches an entry equal under the options.
    const auto matches = [&](const ManifestEntry *side, const ManifestEntry *got) {
        if (!side || !got)
            return !side && !got;
        return sameEntry(*side, *got, options);
    };
    const auto shown = [](const ManifestEntry *e) { return e ? e->describe() : QStringLiteral("(absent)"); };
    for (const QByteArray &path : paths) {
        if (options.ignore && options.ignore(path))
            continue;
        const ManifestEntry *o = lookup(before, path), *n = lookup(after, path), *a = lookup(actual, path);
        const bool isOld = matches(o, a), isNew = matches(n, a);
        if (!isOld && !isNew) {
            problems << QStringLiteral(
                            "%1: neither the old nor the restored entry: old %2, restored %3, got %4")
                            .arg(printable(path), shown(o), shown(n), shown(a));
            continue;
        }
        if (isOld && isNew)
            continue;
        if (isOld && oldCount)
            ++*oldCount;
        if (isNew && newCount)
            ++*newCount;
    }
    return problems;
}

Manifest subManifest(const Manifest &m, const QByteArray &prefix)
{
    Manifest out;
    const QByteArray start = prefix + '/';
    for (auto it = m.lower_bound(start); it != m.end() && it->first.startsWith(start); ++it)
        out.emplace(it->first.mid(start.size()), it->second);
    return out;
}

} // namespace strata::test
