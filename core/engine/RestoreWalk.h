// The traversal shared by the restore's dry run and its execution: which entries of a version
// a plan selects, where each one lands, and what happens there (create, overwrite, skip, keep
// both, unchanged), decided against what is on disk. Entry names that could escape the target
// and folders that turn out to be symlinks on disk are refused, never followed.
#pragma once

#include "engine/Restore.h"

#include <functional>
#include <memory>

namespace strata {

class TreeGuard;

class RestoreWalk final
{
public:
    struct Item
    {
        const Node *node = nullptr;
        QByteArray original;    // absolute path in the version
        QByteArray destination; // where it goes (for KeepBoth: the new name)
        RestoreAction action = RestoreAction::Create;
    };

    struct Visitor
    {
        std::function<Status(const Item &)> entry;    // every selected entry, parents before children
        std::function<Status(const Item &)> leaveDir; // after a folder's contents
        std::function<void(const QByteArray &path, const QString &why)> refused;
        // A folder below the root whose listing the repository cannot give back (damaged,
        // missing, unparsable): its contents are skipped and the walk goes on. `dest` is where
        // it was to go. Without this callback such a folder fails the walk, as a hostile
        // version (a cycle, a folder too deep) always does.
        std::function<void(const QByteArray &orig, const QByteArray &dest, const Error &why)> damaged;
    };

    RestoreWalk(Repository &repo, const Snapshot &snapshot, const RestorePlan &plan);
    ~RestoreWalk();

    // Fails with NotFound when an include names nothing in the version, before visiting anything.
    Status run(const Visitor &visitor);

    // The deepest folder holding all of the version's source paths ("/" at worst).
    static QByteArray baseOf(const QList<QByteArray> &paths);

private:
    enum class Mode
    {
        Selected,
        Traversing
    };
    // `absent`: destDir did not exist when the walk came to it, so nothing below it can be in
    // the way and the walk looks nothing up on disk there (a restore into an empty folder
    // would otherwise look up every path it creates).
    Status visitTree(const BlobId &treeId, const QByteArray &origDir, const QByteArray &destDir, Mode mode,
                     bool absent, const Visitor &v);
    Status visitEntries(const Tree &tree, const QByteArray &origDir, const QByteArray &destDir, Mode mode,
                        bool absent, const Visitor &v);
    Status visitNode(const Node &node, const QByteArray &orig, const QByteArray &dest, Mode mode, bool absent,
                     const Visitor &v);
    RestoreAction decide(const Node &node, QByteArray &dest, bool absent) const;
    bool isSelection(const QByteArray &path) const;
    bool isAncestorOfSelection(const QByteArray &path) const;
    std::optional<QByteArray> destinationOf(const QByteArray &orig) const;

    Repository &m_repo;
    const Snapshot &m_snapshot;
    const RestorePlan &m_plan;
    QByteArray m_base;
    QByteArray m_target;
    std::vector<QByteArray> m_selections; // absolute, clean
    std::unique_ptr<TreeGuard> m_guard;   // every folder is entered through it: no cycle, no endless depth
};

} // namespace strata
