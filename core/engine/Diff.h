// Changes between two versions: added, removed and modified entries, in path order.
// Folders whose tree blob is the same in both are skipped without being read.
#pragma once

#include "repo/Repository.h"

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
    QString path; // absolute original path
    ChangeKind change = ChangeKind::Modified;
    NodeType typeA = NodeType::File, typeB = NodeType::File;
    qint64 sizeA = 0, sizeB = 0;
};

struct DiffSummary
{
    qint64 added = 0, removed = 0, modified = 0, metadata = 0;
    qint64 bytesAdded = 0, bytesRemoved = 0;
};

Result<DiffSummary> diffSnapshots(Repository &repo, const Snapshot &a, const Snapshot &b,
                                  const std::function<void(const DiffEntry &)> &each);

} // namespace strata
