// The one rule every walk of a version's folders follows, in one place: a folder may not hold
// itself or a folder above it (a cycle), folders nest at most MaxDepth levels, and a path is at
// most MaxPathBytes long. A damaged or forged repository can describe any of these; a walk that
// trusted it would loop forever, overflow its stack, or build paths of gigabytes.
//
// Every recursive walker (listing, diff, restore, check, the version models) loads its trees
// through a TreeGuard, which also names the tree, the version and the folder in every error.
#pragma once

#include "repo/Repository.h"

#include <functional>
#include <unordered_set>
#include <vector>

namespace strata {

class TreeGuard final
{
public:
    // Linux names no path longer than 4096 bytes (PATH_MAX), so no backup made here holds one,
    // and no version nests deeper than 2048 folders. Twice that leaves room for other systems
    // while bounding the walkers: one stack frame per level, and the paths along one branch
    // add up to at most MaxPathBytes^2 / 4 (16 MiB).
    static constexpr int MaxDepth = 4096;
    static constexpr qsizetype MaxPathBytes = 8192;

    // `snapshot` names the version in messages; it must outlive the guard.
    explicit TreeGuard(const Snapshot &snapshot);

    // Loads the tree `id` of the folder at `path` (absolute, empty for the version's root) and
    // runs `body` on it. Refuses, without loading anything, a tree that is already being walked
    // above (a cycle), one deeper than MaxDepth and a path longer than MaxPathBytes. Every
    // error is Corrupt (Cancelled and I/O errors keep their code) and names what is wrong.
    Status visit(Repository &repo, const BlobId &id, const QByteArray &path,
                 const std::function<Status(const Tree &)> &body);

    // visit()'s checks alone, before anything is loaded: a refusal here is a hostile version
    // (a cycle, too deep), where a failure of visit() after it is a listing that cannot be read.
    Status admit(const BlobId &id, const QByteArray &path) const;

    // The same checks for one folder of a walk that keeps no chain (the lazily loaded models):
    // the depth is counted from the path.
    static Status checkPath(const Snapshot &snapshot, const BlobId &id, const QByteArray &path);

    // Loads a tree and names the tree, the version and the folder when it fails.
    static Result<Tree> load(Repository &repo, const Snapshot &snapshot, const BlobId &id,
                             const QByteArray &path);

    // "/" for the root, the path otherwise, cut short when it is very long.
    static QString shownPath(const QByteArray &path);

    int depth() const { return int(m_chain.size()); }

private:
    const Snapshot &m_snapshot;
    std::vector<BlobId> m_chain; // the trees being walked, root first
    std::unordered_set<BlobId> m_onChain;
};

// Walks every folder of a version once (a folder shared by several places is read once) and
// fails as TreeGuard does on a cycle, too deep a nesting, too long a path or an unreadable
// tree. For callers that hand the version to a walker that does not use a TreeGuard.
Status verifyVersionTrees(Repository &repo, const Snapshot &snapshot);

} // namespace strata
