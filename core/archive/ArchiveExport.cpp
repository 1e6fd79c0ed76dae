#include "archive/ArchiveExport.h"

#include "archive/ArchiveWriter.h"
#include "engine/Listing.h"
#include "engine/RestoreWalk.h"
#include "repo/Lock.h"
#include "util/Owners.h"
#include "util/Paths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <limits>
#include <set>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcArchive, "strata.archive")

namespace strata {

namespace {

// Past this much content a zip needs zip64 records (offsets and sizes above 4 GiB); a margin is
// left for headers and incompressible data.
constexpr qint64 kZip64Threshold = qint64(3) << 30;

QString notUtf8Warning(ArchiveFormat format, const QByteArray &rel)
{
    const QString name = QFile::decodeName(rel);
    switch (format) {
    case ArchiveFormat::Zip:
        return QStringLiteral("%1: the name is not valid UTF-8; the zip keeps its bytes without the UTF-8 "
                              "flag, so other systems may show it differently")
            .arg(name);
    case ArchiveFormat::SevenZip:
        return QStringLiteral("%1: the name is not valid UTF-8; 7z stores it with U+FFFD in place of the "
                              "bytes that are not")
            .arg(name);
    case ArchiveFormat::TarGz:
    case ArchiveFormat::TarXz:
    case ArchiveFormat::TarZst:
        break;
    }
    return QStringLiteral("%1: the name is not valid UTF-8; the tar keeps its bytes (pax hdrcharset=BINARY), "
                          "so other systems may show it differently")
        .arg(name);
}

QString shownTime(const Timestamp &t)
{
    const QDateTime d = t.toDateTime();
    return d.isValid() ? d.toString(Qt::ISODate) : QStringLiteral("%1 s after 1970").arg(t.sec);
}

QString nodeKind(NodeType type)
{
    switch (type) {
    case NodeType::Fifo:
        return QStringLiteral("FIFO");
    case NodeType::CharDevice:
        return QStringLiteral("character device");
    case NodeType::BlockDevice:
        return QStringLiteral("block device");
    case NodeType::Socket:
        return QStringLiteral("socket");
    default:
        return QStringLiteral("file");
    }
}

// The entries of a version a selection covers, in path order, each named relative to the
// version's base. Ancestors of a selection between the base and it come first, once each, so
// the archive keeps their modes and times like a restore with --target does.
class VersionWalk final
{
public:
    using Each = std::function<Status(const QByteArray &rel, const Node &node)>;
    using Skip = std::function<void(const QByteArray &path, const QString &why)>;

    VersionWalk(Repository &repo, const Snapshot &snapshot, QByteArray base)
        : m_repo(repo), m_snapshot(snapshot), m_base(std::move(base))
    {}

    // Resolves and checks the includes: NotFound for a path not in the version, InvalidArgument
    // for one above the base.
    Status select(const QList<QByteArray> &includes)
    {
        std::vector<QByteArray> wanted;
        if (includes.isEmpty())
            wanted.assign(m_snapshot.rawPaths.begin(), m_snapshot.rawPaths.end());
        for (const QByteArray &w : includes)
            wanted.push_back(paths::absoluteBelow(m_base, w));
        for (const QByteArray &s : wanted) {
            if (!isAtOrBelowBase(s))
                return Error::invalid(
                    QStringLiteral("%1 lies outside %2, the folder the archive starts from; "
                                   "name a path below it")
                        .arg(QFile::decodeName(s), QFile::decodeName(m_base)));
            auto node = findNode(m_repo, m_snapshot, s);
            STRATA_TRY(node);
        }
        std::sort(wanted.begin(), wanted.end());
        // A selection inside another one is already covered by it.
        for (const QByteArray &s : wanted) {
            const bool covered = std::any_of(m_selections.begin(), m_selections.end(),
                                             [&](const QByteArray &t) { return isAtOrBelow(s, t); });
            if (!covered)
                m_selections.push_back(s);
        }
        return {};
    }

    Status run(const Each &each, const Skip &skip)
    {
        std::set<QByteArray> ancestors;
        for (const QByteArray &s : m_selections) {
            const QByteArray rel = relativeOf(s);
            if (!rel.isEmpty()) {
                const QList<QByteArray> parts = rel.split('/');
                QByteArray prefix;
                for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
                    prefix = i == 0 ? parts[i] : prefix + '/' + parts[i];
                    if (!ancestors.insert(prefix).second)
                        continue;
                    auto node = findNode(m_repo, m_snapshot, absoluteOf(prefix));
                    STRATA_TRY(node);
                    STRATA_TRY(each(prefix, *node));
                }
            }
            auto node = findNode(m_repo, m_snapshot, s);
            STRATA_TRY(node);
            if (!rel.isEmpty())
                STRATA_TRY(each(rel, *node));
            if (node->type == NodeType::Directory)
                STRATA_TRY(visitTree(node->subtree, s == "/" ? QByteArray() : s, rel, each, skip));
        }
        return {};
    }

private:
    static bool isAtOrBelow(const QByteArray &path, const QByteArray &dir)
    {
        if (dir == "/")
            return true;
        return path == dir || (path.startsWith(dir) && path.size() > dir.size() && path[dir.size()] == '/');
    }
    bool isAtOrBelowBase(const QByteArray &path) const { return isAtOrBelow(path, m_base); }

    QByteArray relativeOf(const QByteArray &path) const
    {
        if (m_base == "/")
            return path.mid(1);
        return path == m_base ? QByteArray() : path.mid(m_base.size() + 1);
    }
    QByteArray absoluteOf(const QByteArray &rel) const
    {
        return m_base == "/" ? QByteArray("/" + rel) : QByteArray(m_base + '/' + rel);
    }

    Status visitTree(const BlobId &treeId, const QByteArray &absDir, const QByteArray &relDir,
                     const Each &each, const Skip &skip)
    {
        auto tree = m_repo.loadTree(treeId);
        STRATA_TRY(tree);
        for (const Node &node : tree->nodes) {
            const QByteArray abs = absDir + '/' + node.name;
            if (!Node::isSafeName(node.name)) {
                if (skip)
                    skip(abs, QStringLiteral("its name could write outside the folder the archive is "
                                             "extracted into"));
                continue;
            }
            const QByteArray rel = relDir.isEmpty() ? node.name : relDir + '/' + node.name;
            STRATA_TRY(each(rel, node));
            if (node.type == NodeType::Directory)
                STRATA_TRY(visitTree(node.subtree, abs, rel, each, skip));
        }
        return {};
    }

    Repository &m_repo;
    const Snapshot &m_snapshot;
    QByteArray m_base;
    std::vector<QByteArray> m_selections; // absolute, clean, none inside another
};

struct ExportPlan
{
    qint64 files = 0;
    qint64 bytes = 0;
};

} // namespace

ExportJob::ExportJob(ExportParams params, QObject *parent) : Job(parent), m_params(std::move(params))
{
    qRegisterMetaType<strata::ExportResult>();
}

ExportJob::~ExportJob() = default;

void ExportJob::finish(const Status &status)
{
    m_result.status = status;
    Q_EMIT finished(m_result);
}

Status ExportJob::execute()
{
    m_result = ExportResult{};
    auto lock = m_params.repo->lockForReading(); // no prune may delete what it reads
    STRATA_TRY(lock);
    Repository &repo = *m_params.repo;
    const ArchiveFormat format = m_params.format;
    ProgressMeter meter;
    auto warn = [&](const QByteArray &path, const QString &message) {
        m_result.warnings << message;
        Q_EMIT warning(QFile::decodeName(path), message);
    };
    meter.setPhase(Phase::Planning);
    reportProgress(meter, true);

    if (m_params.file.isEmpty())
        return Error::invalid(QStringLiteral("export: no archive file was named"));
    if (!repo.indexLoaded())
        STRATA_TRY(repo.loadIndex(nullptr, cancelToken()));
    auto snapshot = repo.findSnapshot(m_params.snapshot);
    STRATA_TRY(snapshot);
    m_result.snapshot = snapshot->id;

    VersionWalk walk(repo, *snapshot, RestoreWalk::baseOf(snapshot->rawPaths));
    STRATA_TRY(walk.select(m_params.includes));

    // Planning: totals for progress, and whatever the format cannot hold, before any writing.
    ExportPlan plan;
    STRATA_TRY(walk.run(
        [&](const QByteArray &rel, const Node &node) -> Status {
            if (isCancelled())
                return Error::cancelled();
            if (node.type == NodeType::File) {
                ++plan.files;
                plan.bytes += qint64(node.size);
            }
            return {};
        },
        {}));
    meter.setTotals(plan.files, plan.bytes);

    const QString file = QDir::cleanPath(QDir::current().absoluteFilePath(m_params.file));
    const QByteArray part = QFile::encodeName(file + QStringLiteral(".part"));
    // 0600: an export is the plain copy of data the repository keeps encrypted. A symlink left
    // at FILE.part is not followed, so the export never truncates some other file.
    const int fd = ::open(part.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return errnoError(QStringLiteral("cannot create %1").arg(QFile::decodeName(part)), errno);
    QFile out;
    if (!out.open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        ::unlink(part.constData());
        return Error::io(
            QStringLiteral("cannot write %1: %2").arg(QFile::decodeName(part), out.errorString()));
    }

    OwnerNames owners;
    const ArchiveTimeRange timeRange = archiveTimeRange(format);
    auto write = [&]() -> Status {
        ArchiveWriterOptions options;
        options.zip64 = plan.bytes >= kZip64Threshold;
        auto writer = ArchiveWriter::create(format, &out, options);
        STRATA_TRY(writer);
        meter.setPhase(Phase::Restoring);
        reportProgress(meter, true);

        STRATA_TRY(walk.run(
            [&](const QByteArray &rel, const Node &node) -> Status {
                if (isCancelled())
                    return Error::cancelled();
                meter.setCurrent(QFile::decodeName(rel));
                if (!paths::isUtf8(rel) || !paths::isUtf8(node.linkTarget))
                    warn(rel, notUtf8Warning(format, rel));
                ArchiveEntry entry;
                entry.path = rel;
                entry.type = node.type;
                entry.mode = node.mode;
                entry.uid = node.uid;
                entry.gid = node.gid;
                entry.user = node.user.isEmpty() ? owners.user(node.uid) : node.user;
                entry.group = node.group.isEmpty() ? owners.group(node.gid) : node.group;
                entry.mtime = node.mtime;
                if (!timeRange.holds(node.mtime))
                    warn(rel, QStringLiteral("%1: its time stamp (%2) lies outside what %3 holds; the "
                                             "archive has %4 instead")
                                  .arg(QFile::decodeName(rel), shownTime(node.mtime),
                                       archiveFormatName(format), shownTime(timeRange.clamp(node.mtime))));
                entry.size = qint64(node.size);
                entry.linkTarget = node.linkTarget;
                switch (node.type) {
                case NodeType::Directory:
                    STRATA_TRY((*writer)->addDirectory(entry));
                    ++m_result.dirs;
                    break;
                case NodeType::Symlink:
                    STRATA_TRY((*writer)->addSymlink(entry));
                    ++m_result.symlinks;
                    break;
                case NodeType::File: {
                    STRATA_TRY((*writer)->beginFile(entry));
                    qint64 written = 0;
                    for (const BlobId &id : node.content) {
                        if (isCancelled())
                            return Error::cancelled();
                        auto data = repo.loadBlob(id);
                        if (!data)
                            return Error{
                                data.error().code,
                                QStringLiteral("%1: %2").arg(QFile::decodeName(rel), data.error().message)};
                        STRATA_TRY((*writer)->writeData(*data));
                        written += data->size();
                        meter.addDone(0, data->size());
                        reportProgress(meter);
                    }
                    if (written != qint64(node.size))
                        return Error::corrupt(QStringLiteral("%1: its chunks hold %2 bytes, but the version "
                                                             "says %3")
                                                  .arg(QFile::decodeName(rel))
                                                  .arg(written)
                                                  .arg(node.size));
                    STRATA_TRY((*writer)->endFile());
                    ++m_result.files;
                    m_result.bytes += written;
                    meter.addDone(1, 0);
                    break;
                }
                case NodeType::Socket:
                    break; // sockets belong to running programs; a restore skips them too
                case NodeType::Fifo:
                case NodeType::CharDevice:
                case NodeType::BlockDevice:
                    warn(rel,
                         QStringLiteral("%1: left out, a %2 cannot go into a %3 archive")
                             .arg(QFile::decodeName(rel), nodeKind(node.type), archiveFormatName(format)));
                    break;
                }
                reportProgress(meter);
                return {};
            },
            [&](const QByteArray &path, const QString &why) {
                warn(path, QStringLiteral("%1: left out, %2").arg(QFile::decodeName(path), why));
            }));
        meter.setPhase(Phase::Finishing);
        reportProgress(meter, true);
        STRATA_TRY((*writer)->finish());
        writer->reset();
        // KArchive closes the device itself for some formats (7z); QFile keeps the error anyway.
        if (out.isOpen())
            (void)out.flush();
        out.close();
        if (out.error() != QFileDevice::NoError)
            return Error::io(
                QStringLiteral("cannot write %1: %2").arg(QFile::decodeName(part), out.errorString()));
        const int syncFd = ::open(part.constData(), O_RDONLY | O_CLOEXEC);
        if (syncFd < 0 || ::fsync(syncFd) != 0) {
            const int err = errno;
            if (syncFd >= 0)
                ::close(syncFd);
            return errnoError(QStringLiteral("cannot write %1").arg(QFile::decodeName(part)), err);
        }
        ::close(syncFd);
        if (::rename(part.constData(), QFile::encodeName(file).constData()) != 0)
            return errnoError(QStringLiteral("cannot rename %1 to %2").arg(QFile::decodeName(part), file),
                              errno);
        // The rename itself is durable once the folder is synced.
        const int dirFd =
            ::open(QFile::encodeName(QFileInfo(file).path()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dirFd >= 0) {
            (void)::fsync(dirFd);
            ::close(dirFd);
        }
        return {};
    };

    const Status st = write();
    if (!st) {
        out.close();
        ::unlink(part.constData());
        qCDebug(lcArchive) << "export failed:" << st.error().message;
        return st;
    }
    meter.setPhase(Phase::Done);
    reportProgress(meter, true);
    return {};
}

} // namespace strata
