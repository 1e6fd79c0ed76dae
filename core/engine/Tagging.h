// Changes the tags of a version (pinning one is adding kPinnedTag). A version file is named by
// the hash of its sealed bytes, so a version with other tags is a new file: it is written in
// full, with `original` naming the version it replaces, before the old file goes (through
// forgetSnapshot, whose note tells check that later versions naming the old one as their
// parent lost nothing). A kill in between leaves both, the same files under two tag sets.
#pragma once

#include "repo/Repository.h"

namespace strata {

struct TagChange
{
    QStringList add;    // tags to give the version (kept once each)
    QStringList remove; // tags to take away
    bool empty() const { return add.isEmpty() && remove.isEmpty(); }
};

// The tags `version` has after `change`, in their old order with the added ones after them.
QStringList changedTags(const QStringList &tags, const TagChange &change);

// Rejects a tag that is empty, has surrounding spaces, a comma or a control character.
Status validateTag(const QString &tag);

// Changes the tags of the version with this id (or unique prefix) and returns it as it is now:
// its new id, or the same version when nothing changed. Takes a shared lock (a backup may run
// meanwhile; forget and prune, which remove versions, may not) unless `lock` is false because
// the caller holds one.
Result<Snapshot> retagVersion(Repository &repo, const QString &version, const TagChange &change,
                              bool lock = true);

} // namespace strata
