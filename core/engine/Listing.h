// Walking a version's tree: the entries under a path, recursively or one level.
// Both functions load the repository's index first when it is not loaded yet.
#pragma once

#include "repo/Repository.h"

#include <functional>
#include <optional>

namespace strata {

struct ListedEntry
{
    QString
        path; // absolute original path ('/'-separated; bytes that are not UTF-8 kept via QFile::decodeName)
    QByteArray rawPath;
    const Node *node = nullptr; // valid during the callback only
};

// Calls `each` for every entry at or below `path` (absolute; empty or "/" for all) in path order.
Status walkSnapshot(Repository &repo, const Snapshot &snapshot, const QString &path, bool recursive,
                    const std::function<bool(const ListedEntry &)> &each);
// The same for a path given as bytes (names that are not UTF-8).
Status walkSnapshot(Repository &repo, const Snapshot &snapshot, const QByteArray &path, bool recursive,
                    const std::function<bool(const ListedEntry &)> &each);

// Looks up the node at an absolute path in a version.
Result<Node> findNode(Repository &repo, const Snapshot &snapshot, const QString &path);
// The same for a path given as bytes (names that are not UTF-8).
Result<Node> findNode(Repository &repo, const Snapshot &snapshot, const QByteArray &path);
// The node at a path, or nothing when the version does not hold it (other errors stay errors).
Result<std::optional<Node>> findEntry(Repository &repo, const Snapshot &snapshot, const QByteArray &path);

} // namespace strata
