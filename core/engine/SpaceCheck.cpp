#include "engine/SpaceCheck.h"

#include "repo/Repository.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>

#include <algorithm>
#include <cstring>
#include <limits>
#include <set>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace strata {

namespace {

constexpr int kGrowthRuns = 3;               // the last runs whose growth is looked at
constexpr double kGrowthMargin = 1.2;        // runs vary; a little more than the largest of them
constexpr qint64 kMetadataReserve = 1 << 20; // trees, index and the version file, at least
constexpr qint64 kMetadataPerFile = 256;     // a tree entry and its index share, generously

QString bytesText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

bool inGroup(const Snapshot &s, const QString &set, const QString &host)
{
    return s.set == set && s.host == host && s.kind != BackupKind::Safety;
}

// Sums the sizes of the regular files under the sources (hard links once), the way the backup
// walks them: excluded and tagged folders skipped, other file systems too when asked. Stops
// once the sum passes `stopAbove`.
class SourceCounter
{
public:
    SourceCounter(const SpaceQuery &query, qint64 stopAbove, const CancelToken &cancel)
        : m_query(query), m_stopAbove(stopAbove), m_cancel(cancel)
    {}

    Status count()
    {
        for (const QByteArray &root : m_query.sources) {
            struct stat st;
            if (::lstat(root.constData(), &st) != 0)
                continue; // the backup warns about it
            m_rootDevice = st.st_dev;
            add(root, st);
            if (m_cancel.cancelled())
                return Error::cancelled();
            if (stopped())
                break;
        }
        return {};
    }
    qint64 bytes() const { return m_bytes; }
    qint64 files() const { return m_files; }
    bool stopped() const { return m_bytes > m_stopAbove; }

private:
    void add(const QByteArray &path, const struct stat &st)
    {
        m_files++;
        if (S_ISREG(st.st_mode)) {
            if (st.st_nlink > 1 && !m_links.insert({st.st_dev, st.st_ino}).second)
                return;
            if (m_query.excludes.maxFileSize < 0 || st.st_size <= m_query.excludes.maxFileSize)
                m_bytes += st.st_size;
            return;
        }
        if (!S_ISDIR(st.st_mode) || (m_query.oneFileSystem && st.st_dev != m_rootDevice))
            return;
        if (m_query.excludes.isTaggedFolder(QFile::decodeName(path)))
            return;
        DIR *dir = ::opendir(path.constData());
        if (!dir)
            return;
        const QByteArray prefix = path.endsWith('/') ? path : path + '/';
        while (const dirent *e = ::readdir(dir)) {
            if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0)
                continue;
            struct stat child;
            if (::fstatat(::dirfd(dir), e->d_name, &child, AT_SYMLINK_NOFOLLOW) != 0)
                continue;
            const QByteArray childPath = prefix + e->d_name;
            if (m_query.excludes.matches(QFile::decodeName(childPath), S_ISDIR(child.st_mode)))
                continue;
            add(childPath, child);
            if (stopped() || m_cancel.cancelled())
                break;
        }
        ::closedir(dir);
    }

    const SpaceQuery &m_query;
    const qint64 m_stopAbove;
    const CancelToken &m_cancel;
    dev_t m_rootDevice = 0;
    qint64 m_bytes = 0;
    qint64 m_files = 0;
    std::set<std::pair<dev_t, ino_t>> m_links;
};

// The used space of the file systems the sources are on: no backup of them can add more.
std::optional<qint64> usedBySources(const QList<QByteArray> &sources)
{
    std::set<dev_t> seen;
    qint64 used = 0;
    for (const QByteArray &root : sources) {
        struct stat st;
        if (::lstat(root.constData(), &st) != 0)
            continue;
        if (!seen.insert(st.st_dev).second)
            continue;
        struct statvfs vfs;
        if (::statvfs(root.constData(), &vfs) != 0)
            return std::nullopt;
        used += qint64(vfs.f_blocks - vfs.f_bfree) * qint64(vfs.f_frsize);
    }
    return used;
}

} // namespace

QString SpaceEstimate::message(const QString &location) const
{
    QString basisText;
    switch (basis) {
    case Basis::Growth:
        basisText = QCoreApplication::translate("strata::SpaceEstimate", "what the last backups added");
        break;
    case Basis::SourceSize:
    case Basis::SourceUsed:
        basisText = QCoreApplication::translate("strata::SpaceEstimate", "the size of the files to back up");
        break;
    }
    const QString text = atLeast ? QCoreApplication::translate("strata::SpaceEstimate",
                                                               "Not enough free space in %1 for this backup: "
                                                               "it needs more than %2 (%3), %4 are free.")
                                 : QCoreApplication::translate("strata::SpaceEstimate",
                                                               "Not enough free space in %1 for this backup: "
                                                               "it needs about %2 (%3), %4 are free.");
    return text.arg(location, bytesText(needed), basisText, bytesText(free.value_or(0)));
}

std::optional<qint64> estimateGrowth(const QList<Snapshot> &versions, const QString &set, const QString &host)
{
    QList<const Snapshot *> group;
    for (const Snapshot &s : versions)
        if (inGroup(s, set, host))
            group << &s;
    if (group.isEmpty())
        return std::nullopt;
    std::sort(group.begin(), group.end(),
              [](const Snapshot *a, const Snapshot *b) { return a->time < b->time; });
    // The group's first backup added everything: it says nothing about how a run grows. (The
    // oldest version left after a forget has a parent, and counts.)
    const qsizetype first = group.first()->parent.isEmpty() ? 1 : 0;
    qint64 largest = 0;
    for (qsizetype i = std::max<qsizetype>(first, group.size() - kGrowthRuns); i < group.size(); ++i)
        largest = std::max(largest, group[i]->stats.bytesAdded);
    const Snapshot &last = *group.last();
    return qint64(double(largest) * kGrowthMargin) + kMetadataReserve +
           (last.stats.files + last.stats.dirs) * kMetadataPerFile;
}

Result<SpaceEstimate> estimateBackupSpace(const QList<Snapshot> &versions, std::optional<qint64> free,
                                          const SpaceQuery &query, const CancelToken &cancel)
{
    SpaceEstimate estimate;
    estimate.free = free;
    if (auto growth = estimateGrowth(versions, query.set, query.host)) {
        estimate.needed = *growth;
        return estimate;
    }
    // A first backup adds at most what its file systems hold: when that fits, nothing is walked.
    if (const auto used = usedBySources(query.sources)) {
        estimate.basis = SpaceEstimate::Basis::SourceUsed;
        estimate.needed = *used + kMetadataReserve;
        if (!estimate.isShort())
            return estimate;
    }
    const qint64 stopAbove = free ? *free : std::numeric_limits<qint64>::max();
    SourceCounter counter(query, stopAbove, cancel);
    STRATA_TRY(counter.count());
    estimate.basis = SpaceEstimate::Basis::SourceSize;
    estimate.needed = counter.bytes() + kMetadataReserve + counter.files() * kMetadataPerFile;
    estimate.atLeast = counter.stopped();
    return estimate;
}

Result<SpaceEstimate> estimateBackupSpace(Repository &repo, const SpaceQuery &query,
                                          const CancelToken &cancel)
{
    auto versions = repo.listSnapshots();
    STRATA_TRY(versions);
    return estimateBackupSpace(*versions, repo.backend().freeSpace(), query, cancel);
}

} // namespace strata
