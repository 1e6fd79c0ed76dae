// Changes between two versions: added, removed and modified entries, in path order.
// Folders whose tree blob is the same in both are skipped without being read.
#pragma once

#include "repo/Repository.h"
#include "util/Cancel.h"

#include <functional>

namespace strata {

enum class ChangeKind
{
    Added,
    Removed,
    Modified,
    MetadataChanged,
    TypeChanged
};
QString changeKindName(ChangeKind kind);

struct DiffEntry
{
    // What differs between the two sides of a Modified or MetadataChanged entry.
    enum Field : quint8
    {
        Content = 1, // the bytes (or a link's target, a device's number)
        Mode = 2,    // permission bits
        MTime = 4,   // modification time
        Other = 8,   // owner, group, extended attributes
    };
    QString path; // absolute original path
    ChangeKind change = ChangeKind::Modified;
    NodeType typeA = NodeType::File, typeB = NodeType::File;
    qint64 sizeA = 0, sizeB = 0;
    quint32 modeA = 0, modeB = 0; // permission bits, of the sides there are
    Timestamp mtimeA, mtimeB;
    quint8 fields = 0; // Field flags
};

struct DiffSummary
{
    qint64 added = 0, removed = 0, modified = 0, metadata = 0;
    qint64 bytesAdded = 0, bytesRemoved = 0;
    void count(const DiffEntry &e); // adds one entry (type changes count as modified)
};

Result<DiffSummary> diffSnapshots(Repository &repo, const Snapshot &a, const Snapshot &b,
                                  const std::function<void(const DiffEntry &)> &each);
// The same at and below one absolute path ("/" or empty: everything); a file's path compares
// that file alone. NotFound when neither version holds the path.
Result<DiffSummary> diffSnapshots(Repository &repo, const Snapshot &a, const Snapshot &b,
                                  const QByteArray &path, const std::function<void(const DiffEntry &)> &each);

// A version (side A) against the files on disk now (side B), at and below an absolute path
// ("/" or empty: all the version holds): what restoring that path in place would change.
// Removed: in the version, not on disk; Added: on disk, not in the version (everything there
// counts: a set's exclusions are not known here). A file with the same size and modification
// time as the version's is taken as unchanged, as a restore takes it; one with the same size
// and another time is read and compared, so a touched file is MetadataChanged, not Modified.
// Owners are compared by number; extended attributes are not read. NotFound when neither the
// version nor the disk holds the path.
Result<DiffSummary> diffWithDisk(Repository &repo, const Snapshot &version, const QByteArray &path,
                                 const std::function<void(const DiffEntry &)> &each,
                                 const CancelToken &cancel = {});

} // namespace strata
