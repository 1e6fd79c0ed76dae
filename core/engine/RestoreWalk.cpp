#include "engine/RestoreWalk.h"

#include "engine/Listing.h"
#include "engine/TreeGuard.h"
#include "util/Paths.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <sys/stat.h>
#include <unistd.h>

namespace strata {

namespace {

QByteArray cleanAbsolute(const QString &path)
{
    return QFile::encodeName(QDir::cleanPath(path));
}

bool sameOnDisk(const Node &node, const QByteArray &path, const struct stat &st)
{
    switch (node.type) {
    case NodeType::File:
        return S_ISREG(st.st_mode) && quint64(st.st_size) == node.size &&
               Timestamp::fromTimespec(st.st_mtim) == node.mtime;
    case NodeType::Symlink: {
        if (!S_ISLNK(st.st_mode))
            return false;
        QByteArray target(qsizetype(st.st_size) + 1, Qt::Uninitialized);
        const ssize_t n = ::readlink(path.constData(), target.data(), std::size_t(target.size()));
        return n >= 0 && target.left(n) == node.linkTarget;
    }
    case NodeType::Fifo:
        return S_ISFIFO(st.st_mode);
    case NodeType::CharDevice:
        return S_ISCHR(st.st_mode) && quint64(st.st_rdev) == node.rdev;
    case NodeType::BlockDevice:
        return S_ISBLK(st.st_mode) && quint64(st.st_rdev) == node.rdev;
    case NodeType::Socket:
        return S_ISSOCK(st.st_mode);
    case NodeType::Directory:
        return S_ISDIR(st.st_mode);
    }
    return false;
}

// "report.pdf" -> "report (restored).pdf", then "report (restored 2).pdf", ... up to a free name.
QByteArray keepBothName(const QByteArray &dest)
{
    const int slash = dest.lastIndexOf('/');
    const QByteArray dir = dest.left(slash + 1);
    const QByteArray name = dest.mid(slash + 1);
    int dot = name.lastIndexOf('.');
    if (dot <= 0)
        dot = int(name.size());
    const QByteArray stem = name.left(dot), ext = name.mid(dot);
    for (int i = 1;; ++i) {
        const QByteArray suffix =
            i == 1 ? QByteArray(" (restored)") : " (restored " + QByteArray::number(i) + ")";
        const QByteArray candidate = dir + stem + suffix + ext;
        struct stat st;
        if (::lstat(candidate.constData(), &st) != 0 && errno == ENOENT)
            return candidate;
    }
}

} // namespace

QByteArray RestoreWalk::baseOf(const QList<QByteArray> &paths)
{
    if (paths.isEmpty())
        return "/";
    QList<QByteArray> common = paths.first().split('/');
    common.removeLast(); // the parent of a single source
    for (const QByteArray &p : paths.mid(1)) {
        const QList<QByteArray> parts = p.split('/');
        int n = 0;
        while (n < common.size() && n + 1 < parts.size() && common[n] == parts[n])
            ++n;
        common = common.mid(0, n);
    }
    const QByteArray base = common.join('/');
    return base.isEmpty() ? QByteArray("/") : base;
}

RestoreWalk::RestoreWalk(Repository &repo, const Snapshot &snapshot, const RestorePlan &plan)
    : m_repo(repo), m_snapshot(snapshot), m_plan(plan), m_base(baseOf(snapshot.rawPaths)),
      m_guard(std::make_unique<TreeGuard>(snapshot))
{
    if (!plan.target.isEmpty())
        m_target = cleanAbsolute(QDir::current().absoluteFilePath(plan.target));
    if (plan.includes.isEmpty()) {
        m_selections.assign(snapshot.rawPaths.begin(), snapshot.rawPaths.end());
        return;
    }
    for (const QByteArray &w : plan.includes)
        m_selections.push_back(paths::absoluteBelow(m_base, w));
}

std::optional<QByteArray> RestoreWalk::destinationOf(const QByteArray &orig) const
{
    if (m_target.isEmpty())
        return orig;
    if (m_base == "/")
        return m_target + orig;
    if (orig == m_base)
        return m_target;
    if (orig.startsWith(QByteArray(m_base + '/')))
        return m_target + orig.mid(m_base.size());
    return std::nullopt; // above the base: not mapped into the target
}

bool RestoreWalk::isSelection(const QByteArray &path) const
{
    for (const QByteArray &s : m_selections)
        if (s == path)
            return true;
    return false;
}

bool RestoreWalk::isAncestorOfSelection(const QByteArray &path) const
{
    for (const QByteArray &s : m_selections)
        if (s.size() > path.size() && s.startsWith(path) && s[path.size()] == '/')
            return true;
    return false;
}

Status RestoreWalk::run(const Visitor &v)
{
    for (const QByteArray &s : m_selections) {
        if (s == "/")
            continue;
        auto node = findNode(m_repo, m_snapshot, s);
        if (!node && node.error().code != ErrorCode::NotFound)
            return node.error(); // the version is damaged on the way there
        if (!node)
            return Error::notFound(
                QStringLiteral("%1 is not in version %2").arg(QFile::decodeName(s), m_snapshot.shortId()));
        if (!destinationOf(s))
            return Error::invalid(
                QStringLiteral("%1 lies outside %2, the folder a restore to another place starts "
                               "from; restore it in place or name a path below it")
                    .arg(QFile::decodeName(s), QFile::decodeName(m_base)));
    }
    const bool all =
        std::find(m_selections.begin(), m_selections.end(), QByteArray("/")) != m_selections.end();
    const auto rootDest = destinationOf("/");
    return visitTree(m_snapshot.tree, QByteArray(), rootDest ? *rootDest : QByteArray(),
                     all ? Mode::Selected : Mode::Traversing, false, v);
}

RestoreWalk::~RestoreWalk() = default;

Status RestoreWalk::visitTree(const BlobId &treeId, const QByteArray &origDir, const QByteArray &destDir,
                              Mode mode, bool absent, const Visitor &v)
{
    // A hostile version (a cycle, a folder too deep) is refused as a whole.
    STRATA_TRY(m_guard->admit(treeId, origDir));
    bool entered = false;
    Status s = m_guard->visit(m_repo, treeId, origDir, [&](const Tree &tree) {
        entered = true;
        return visitEntries(tree, origDir, destDir, mode, absent, v);
    });
    // A subfolder whose listing cannot be read costs its contents, not the rest of the version.
    // Errors from inside it (a write that failed, a cancel) and the root's own stay errors.
    if (!s && !entered && !origDir.isEmpty() && s.error().code == ErrorCode::Corrupt && v.damaged) {
        v.damaged(origDir, destDir, s.error());
        return {};
    }
    return s;
}

Status RestoreWalk::visitEntries(const Tree &tree, const QByteArray &origDir, const QByteArray &destDir,
                                 Mode mode, bool absent, const Visitor &v)
{
    for (const Node &node : tree.nodes) {
        if (!Node::isSafeName(node.name)) {
            if (mode == Mode::Selected && v.refused)
                v.refused(origDir + '/' + node.name,
                          QStringLiteral("the name could write outside the target"));
            continue;
        }
        const QByteArray orig = origDir + '/' + node.name;
        Mode childMode;
        if (mode == Mode::Selected || isSelection(orig))
            childMode = Mode::Selected;
        else if (node.type == NodeType::Directory && isAncestorOfSelection(orig))
            childMode = Mode::Traversing;
        else
            continue;
        QByteArray dest;
        if (mode == Mode::Selected && !destDir.isEmpty())
            dest = (destDir.endsWith('/') ? destDir.chopped(1) : destDir) + '/' + node.name;
        else if (auto d = destinationOf(orig))
            dest = *d;
        STRATA_TRY(visitNode(node, orig, dest, childMode, absent && !dest.isEmpty(), v));
    }
    return {};
}

Status RestoreWalk::visitNode(const Node &node, const QByteArray &orig, const QByteArray &dest, Mode mode,
                              bool absent, const Visitor &v)
{
    if (mode == Mode::Traversing) {
        // Above the base of a restore elsewhere there is nothing to create, and the target
        // itself is created by the restore before it starts.
        if (dest.isEmpty() || dest == m_target)
            return visitTree(node.subtree, orig, dest, mode, false, v);
        struct stat st;
        if (absent || ::lstat(dest.constData(), &st) != 0) {
            Item item{&node, orig, dest, RestoreAction::Create};
            STRATA_TRY(v.entry(item));
            STRATA_TRY(visitTree(node.subtree, orig, dest, mode, true, v));
            return v.leaveDir ? v.leaveDir(item) : Status{};
        }
        const bool followLink =
            m_target.isEmpty() && S_ISLNK(st.st_mode) && ::stat(dest.constData(), &st) == 0;
        if (!S_ISDIR(st.st_mode) || (S_ISLNK(st.st_mode) && !followLink)) {
            if (v.refused)
                v.refused(
                    orig,
                    QStringLiteral("%1 is in the way and is not a folder").arg(QFile::decodeName(dest)));
            return {};
        }
        return visitTree(node.subtree, orig, dest, mode, false, v);
    }

    Item item{&node, orig, dest, RestoreAction::Create};
    item.action = decide(node, item.destination, absent);
    STRATA_TRY(v.entry(item));
    if (node.type == NodeType::Directory && item.action != RestoreAction::Skip) {
        STRATA_TRY(
            visitTree(node.subtree, orig, item.destination, mode, item.action == RestoreAction::Create, v));
        if (v.leaveDir)
            STRATA_TRY(v.leaveDir(item));
    }
    return {};
}

RestoreAction RestoreWalk::decide(const Node &node, QByteArray &dest, bool absent) const
{
    struct stat st;
    if (absent || ::lstat(dest.constData(), &st) != 0)
        return RestoreAction::Create;
    const ConflictPolicy policy = m_plan.conflict;
    if (node.type == NodeType::Directory && S_ISDIR(st.st_mode))
        return RestoreAction::Unchanged; // merge into the existing folder
    if (node.type != NodeType::Directory && S_ISDIR(st.st_mode)) {
        // A folder is where a file should be: never delete a folder tree to make room.
        if (policy == ConflictPolicy::Skip)
            return RestoreAction::Skip;
        dest = keepBothName(dest);
        return RestoreAction::KeepBoth;
    }
    if (sameOnDisk(node, dest, st) && policy != ConflictPolicy::Overwrite)
        return RestoreAction::Unchanged;
    switch (policy) {
    case ConflictPolicy::Overwrite:
    case ConflictPolicy::IfChanged:
        return RestoreAction::Overwrite;
    case ConflictPolicy::Skip:
        return RestoreAction::Skip;
    case ConflictPolicy::KeepBoth:
        dest = keepBothName(dest);
        return RestoreAction::KeepBoth;
    }
    return RestoreAction::Skip;
}

} // namespace strata
