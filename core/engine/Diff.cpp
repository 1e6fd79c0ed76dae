#include "engine/Diff.h"

#include "engine/DiskNode.h"
#include "engine/Listing.h"
#include "engine/TreeGuard.h"
#include "util/Paths.h"

#include <QFile>
#include <QScopeGuard>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata {

void DiffSummary::count(const DiffEntry &e)
{
    switch (e.change) {
    case ChangeKind::Added:
        added++;
        bytesAdded += e.sizeB;
        break;
    case ChangeKind::Removed:
        removed++;
        bytesRemoved += e.sizeA;
        break;
    case ChangeKind::MetadataChanged:
        metadata++;
        break;
    default:
        modified++;
        break;
    }
}

QString changeKindName(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added:
        return QStringLiteral("added");
    case ChangeKind::Removed:
        return QStringLiteral("removed");
    case ChangeKind::Modified:
        return QStringLiteral("modified");
    case ChangeKind::MetadataChanged:
        return QStringLiteral("metadata");
    case ChangeKind::TypeChanged:
        return QStringLiteral("type");
    }
    return {};
}

namespace {

// Counts an entry in the summary and hands it on.
void emitDiffEntry(DiffSummary &summary, const std::function<void(const DiffEntry &)> &each,
                   const QByteArray &path, ChangeKind kind, const Node *a, const Node *b, quint8 fields)
{
    DiffEntry e;
    e.path = QFile::decodeName(path);
    e.change = kind;
    e.fields = fields;
    if (a) {
        e.typeA = a->type;
        e.sizeA = qint64(a->size);
        e.modeA = a->mode;
        e.mtimeA = a->mtime;
    }
    if (b) {
        e.typeB = b->type;
        e.sizeB = qint64(b->size);
        e.modeB = b->mode;
        e.mtimeB = b->mtime;
    }
    summary.count(e);
    each(e);
}

// Mode, time and owner: what two entries of the same type can differ in besides content.
quint8 metadataFields(const Node &a, const Node &b)
{
    quint8 fields = 0;
    if (a.mode != b.mode)
        fields |= DiffEntry::Mode;
    if (a.mtime != b.mtime)
        fields |= DiffEntry::MTime;
    if (a.uid != b.uid || a.gid != b.gid)
        fields |= DiffEntry::Other;
    return fields;
}

// Emits a change between two entries of the same type, Modified when the content differs.
void emitChange(DiffSummary &summary, const std::function<void(const DiffEntry &)> &each,
                const QByteArray &path, const Node &a, const Node &b, quint8 fields)
{
    if (fields & DiffEntry::Content)
        emitDiffEntry(summary, each, path, ChangeKind::Modified, &a, &b, fields);
    else if (fields)
        emitDiffEntry(summary, each, path, ChangeKind::MetadataChanged, &a, &b, fields);
}

class Differ final
{
public:
    Differ(Repository &repo, const Snapshot &a, const Snapshot &b,
           const std::function<void(const DiffEntry &)> &each)
        : m_repo(repo), m_each(each), m_guardA(a), m_guardB(b)
    {}

    Status diffTrees(const BlobId *a, const BlobId *b, const QByteArray &dir)
    {
        if (a && b && *a == *b)
            return {}; // the same tree blob: nothing below changed
        // Each side is walked under its own guard: a cycle or too deep a nesting in either
        // version stops the diff with an error that names that version.
        static const Tree empty;
        const auto onB = [&](const Tree &ta) -> Status {
            if (!b)
                return compare(ta, empty, dir);
            return m_guardB.visit(m_repo, *b, dir, [&](const Tree &tb) { return compare(ta, tb, dir); });
        };
        if (a)
            return m_guardA.visit(m_repo, *a, dir, onB);
        return onB(empty);
    }

    DiffSummary summary;

private:
    Status compare(const Tree &ta, const Tree &tb, const QByteArray &dir)
    {
        std::size_t i = 0, j = 0;
        while (i < ta.nodes.size() || j < tb.nodes.size()) {
            const Node *na = i < ta.nodes.size() ? &ta.nodes[i] : nullptr;
            const Node *nb = j < tb.nodes.size() ? &tb.nodes[j] : nullptr;
            if (na && (!nb || na->name < nb->name)) {
                STRATA_TRY(side(*na, dir, ChangeKind::Removed));
                ++i;
            } else if (nb && (!na || nb->name < na->name)) {
                STRATA_TRY(side(*nb, dir, ChangeKind::Added));
                ++j;
            } else {
                STRATA_TRY(both(*na, *nb, dir));
                ++i;
                ++j;
            }
        }
        return {};
    }

    void emitEntry(const QByteArray &path, ChangeKind kind, const Node *a, const Node *b, quint8 fields = 0)
    {
        emitDiffEntry(summary, m_each, path, kind, a, b, fields);
    }

    // An entry on one side only, with everything below it.
    Status side(const Node &n, const QByteArray &dir, ChangeKind kind)
    {
        const QByteArray path = dir + '/' + n.name;
        emitEntry(path, kind, kind == ChangeKind::Removed ? &n : nullptr,
                  kind == ChangeKind::Added ? &n : nullptr);
        if (n.type == NodeType::Directory)
            return kind == ChangeKind::Removed ? diffTrees(&n.subtree, nullptr, path)
                                               : diffTrees(nullptr, &n.subtree, path);
        return {};
    }

    Status both(const Node &a, const Node &b, const QByteArray &dir)
    {
        const QByteArray path = dir + '/' + a.name;
        if (a.type != b.type) {
            emitEntry(path, ChangeKind::TypeChanged, &a, &b);
            if (a.type == NodeType::Directory)
                STRATA_TRY(diffTrees(&a.subtree, nullptr, path));
            if (b.type == NodeType::Directory)
                STRATA_TRY(diffTrees(nullptr, &b.subtree, path));
            return {};
        }
        if (a.type == NodeType::Directory)
            return diffTrees(&a.subtree, &b.subtree, path);
        quint8 fields = metadataFields(a, b);
        if (a.content != b.content || a.linkTarget != b.linkTarget || a.size != b.size || a.rdev != b.rdev)
            fields |= DiffEntry::Content;
        if (a.xattrs != b.xattrs)
            fields |= DiffEntry::Other;
        emitChange(summary, m_each, path, a, b, fields);
        return {};
    }

public:
    // One path's entries (either may be missing) and everything below them; `path` is theirs.
    Status diffNodes(const Node *a, const Node *b, const QByteArray &path)
    {
        const QByteArray dir = path.left(path.lastIndexOf('/'));
        if (a && b)
            return both(*a, *b, dir);
        if (a)
            return side(*a, dir, ChangeKind::Removed);
        return side(*b, dir, ChangeKind::Added);
    }

private:
    Repository &m_repo;
    const std::function<void(const DiffEntry &)> &m_each;
    TreeGuard m_guardA, m_guardB;
};

} // namespace

namespace {

// A version's entries against what is on disk now.
class DiskDiffer final
{
public:
    DiskDiffer(Repository &repo, const Snapshot &version, const std::function<void(const DiffEntry &)> &each,
               const CancelToken &cancel)
        : m_repo(repo), m_each(each), m_cancel(cancel), m_guard(version),
          m_versionOnly(repo, version, version, each)
    {}

    // The entries at `path` in the version (`a`, may be missing) and on disk (`disk`, may be
    // missing), and everything below them.
    Status nodes(const Node *a, const Node *disk, const QByteArray &path)
    {
        if (a && !disk)
            return m_versionOnly.diffNodes(a, nullptr, path);
        if (!a) {
            report(path, ChangeKind::Added, nullptr, disk);
            return disk->type == NodeType::Directory ? folders(nullptr, path) : Status{};
        }
        if (a->type != disk->type) {
            report(path, ChangeKind::TypeChanged, a, disk);
            if (a->type == NodeType::Directory)
                STRATA_TRY(m_versionOnly.diffTrees(&a->subtree, nullptr, path));
            if (disk->type == NodeType::Directory)
                STRATA_TRY(folders(nullptr, path));
            return {};
        }
        if (a->type == NodeType::Directory)
            return folders(&a->subtree, path);
        quint8 fields = metadataFields(*a, *disk);
        Result<bool> same = sameContent(*a, *disk, path);
        if (!same)
            return same.error();
        if (!*same)
            fields |= DiffEntry::Content;
        emitChange(summary, m_each, path, *a, *disk, fields);
        return {};
    }

    DiffSummary total() const
    {
        DiffSummary t = summary;
        const DiffSummary &v = m_versionOnly.summary;
        t.added += v.added;
        t.removed += v.removed;
        t.modified += v.modified;
        t.metadata += v.metadata;
        t.bytesAdded += v.bytesAdded;
        t.bytesRemoved += v.bytesRemoved;
        return t;
    }

private:
    void report(const QByteArray &path, ChangeKind kind, const Node *a, const Node *b)
    {
        emitDiffEntry(summary, m_each, path, kind, a, b, 0);
    }

    // The folder at `path` in the version (its tree, or none) against the one on disk.
    Status folders(const BlobId *tree, const QByteArray &path)
    {
        STRATA_TRY(m_cancel.check());
        if (++m_depth > TreeGuard::MaxDepth)
            return Error::invalid(QStringLiteral("%1 is nested deeper than %2 folders")
                                      .arg(TreeGuard::shownPath(path))
                                      .arg(TreeGuard::MaxDepth));
        Result<std::vector<Node>> disk = listDisk(path);
        if (!disk)
            return disk.error();
        const auto compare = [&](const Tree &t) -> Status {
            std::size_t i = 0, j = 0;
            while (i < t.nodes.size() || j < disk->size()) {
                const Node *na = i < t.nodes.size() ? &t.nodes[i] : nullptr;
                const Node *nb = j < disk->size() ? &(*disk)[j] : nullptr;
                if (na && (!nb || na->name < nb->name)) {
                    STRATA_TRY(nodes(na, nullptr, path + '/' + na->name));
                    ++i;
                } else if (nb && (!na || nb->name < na->name)) {
                    STRATA_TRY(nodes(nullptr, nb, path + '/' + nb->name));
                    ++j;
                } else {
                    STRATA_TRY(nodes(na, nb, path + '/' + na->name));
                    ++i;
                    ++j;
                }
            }
            return {};
        };
        static const Tree empty;
        const Status done = tree ? m_guard.visit(m_repo, *tree, path, compare) : compare(empty);
        --m_depth;
        return done;
    }

    static Error ioError(const QString &what, const QByteArray &path, int err)
    {
        return Error::io(
            QStringLiteral("cannot %1 %2: %3")
                .arg(what, TreeGuard::shownPath(path), QString::fromLocal8Bit(std::strerror(err))));
    }

    // A folder on disk, by name in byte order (as trees are), links not followed.
    static Result<std::vector<Node>> listDisk(const QByteArray &path)
    {
        const QByteArray dirPath = path.isEmpty() ? QByteArray("/") : path;
        DIR *dir = ::opendir(dirPath.constData());
        if (!dir)
            return ioError(QStringLiteral("read the folder"), dirPath, errno);
        std::vector<Node> out;
        while (const dirent *d = ::readdir(dir)) {
            const QByteArray name(d->d_name);
            if (name == "." || name == "..")
                continue;
            struct stat st;
            const QByteArray full = path + '/' + name;
            if (::lstat(full.constData(), &st) != 0) {
                if (errno == ENOENT)
                    continue; // gone while the folder was read
                const int err = errno;
                ::closedir(dir);
                return ioError(QStringLiteral("read"), full, err);
            }
            out.push_back(nodeFromStat(name, st));
        }
        ::closedir(dir);
        std::sort(out.begin(), out.end(), [](const Node &x, const Node &y) { return x.name < y.name; });
        return out;
    }

    // Whether the version's entry and the one on disk (of the same type) hold the same content.
    Result<bool> sameContent(const Node &a, const Node &disk, const QByteArray &path)
    {
        switch (a.type) {
        case NodeType::Symlink: {
            QByteArray target(qsizetype(disk.size) + 256, Qt::Uninitialized);
            const ssize_t n = ::readlink(path.constData(), target.data(), std::size_t(target.size()));
            if (n < 0)
                return ioError(QStringLiteral("read the link"), path, errno);
            return target.left(n) == a.linkTarget;
        }
        case NodeType::CharDevice:
        case NodeType::BlockDevice:
            return a.rdev == disk.rdev;
        case NodeType::File:
            break;
        default:
            return true;
        }
        if (a.size != disk.size)
            return false;
        if (a.mtime == disk.mtime)
            return true; // what a restore takes as unchanged
        return readAndCompare(a, path);
    }

    // Reads the version's chunks and the file side by side.
    Result<bool> readAndCompare(const Node &a, const QByteArray &path)
    {
        if (!m_repo.indexLoaded())
            STRATA_TRY(m_repo.loadIndex());
        const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0)
            return ioError(QStringLiteral("open"), path, errno);
        const auto closeFd = qScopeGuard([fd] { ::close(fd); });
        QByteArray onDisk;
        for (const BlobId &chunk : a.content) {
            STRATA_TRY(m_cancel.check());
            Result<QByteArray> data = m_repo.loadBlob(chunk);
            if (!data)
                return data.error();
            onDisk.resize(data->size());
            qsizetype got = 0;
            while (got < onDisk.size()) {
                const ssize_t n = ::read(fd, onDisk.data() + got, std::size_t(onDisk.size() - got));
                if (n < 0 && errno == EINTR)
                    continue;
                if (n < 0)
                    return ioError(QStringLiteral("read"), path, errno);
                if (n == 0)
                    return false; // shorter than the version's
                got += n;
            }
            if (onDisk != *data)
                return false;
        }
        char extra;
        ssize_t n;
        do
            n = ::read(fd, &extra, 1);
        while (n < 0 && errno == EINTR);
        return n == 0;
    }

    Repository &m_repo;
    const std::function<void(const DiffEntry &)> &m_each;
    CancelToken m_cancel;
    TreeGuard m_guard;
    Differ m_versionOnly; // what only the version holds is emitted as the diff of two versions would
    int m_depth = 0;

public:
    DiffSummary summary;
};

} // namespace

Result<DiffSummary> diffSnapshots(Repository &repo, const Snapshot &a, const Snapshot &b,
                                  const std::function<void(const DiffEntry &)> &each)
{
    if (!repo.indexLoaded())
        STRATA_TRY(repo.loadIndex());
    Differ d(repo, a, b, each);
    STRATA_TRY(d.diffTrees(&a.tree, &b.tree, QByteArray()));
    return d.summary;
}

Result<DiffSummary> diffSnapshots(Repository &repo, const Snapshot &a, const Snapshot &b,
                                  const QByteArray &path, const std::function<void(const DiffEntry &)> &each)
{
    const QByteArray clean = path.isEmpty() ? QByteArray("/") : paths::clean(path);
    if (clean == "/")
        return diffSnapshots(repo, a, b, each);
    Result<std::optional<Node>> na = findEntry(repo, a, clean);
    STRATA_TRY(na);
    Result<std::optional<Node>> nb = findEntry(repo, b, clean);
    STRATA_TRY(nb);
    if (!*na && !*nb)
        return Error::notFound(QStringLiteral("neither %1 nor %2 holds %3")
                                   .arg(a.shortId(), b.shortId(), QFile::decodeName(clean)));
    Differ d(repo, a, b, each);
    STRATA_TRY(d.diffNodes(*na ? &**na : nullptr, *nb ? &**nb : nullptr, clean));
    return d.summary;
}

Result<DiffSummary> diffWithDisk(Repository &repo, const Snapshot &version, const QByteArray &path,
                                 const std::function<void(const DiffEntry &)> &each,
                                 const CancelToken &cancel)
{
    if (!repo.indexLoaded())
        STRATA_TRY(repo.loadIndex());
    const QByteArray clean = path.isEmpty() ? QByteArray("/") : paths::clean(path);
    std::optional<Node> inVersion;
    if (clean == "/") {
        Node root;
        root.type = NodeType::Directory;
        root.subtree = version.tree;
        inVersion = root;
    } else {
        Result<std::optional<Node>> found = findEntry(repo, version, clean);
        STRATA_TRY(found);
        inVersion = std::move(*found);
    }
    std::optional<Node> onDisk;
    struct stat st;
    if (::lstat(clean.constData(), &st) == 0)
        onDisk = nodeFromStat(clean.mid(clean.lastIndexOf('/') + 1), st);
    else if (errno != ENOENT && errno != ENOTDIR)
        return Error::io(QStringLiteral("cannot read %1: %2")
                             .arg(QFile::decodeName(clean), QString::fromLocal8Bit(std::strerror(errno))));
    if (!inVersion && !onDisk)
        return Error::notFound(QStringLiteral("%1 is neither in version %2 nor on disk")
                                   .arg(QFile::decodeName(clean), version.shortId()));
    DiskDiffer d(repo, version, each, cancel);
    if (clean == "/") {
        if (!onDisk || onDisk->type != NodeType::Directory)
            return Error::io(QStringLiteral("cannot read the folder /"));
        STRATA_TRY(d.nodes(&*inVersion, &*onDisk, QByteArray()));
    } else {
        STRATA_TRY(d.nodes(inVersion ? &*inVersion : nullptr, onDisk ? &*onDisk : nullptr, clean));
    }
    return d.total();
}

} // namespace strata
