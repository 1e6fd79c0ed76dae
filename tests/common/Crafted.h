// Crafting versions that a backup would never write, with the repository's own code: every
// blob and file is sealed with the repository's real key, so it passes authentication and
// reaches the parsers and walkers it is meant to test. Trees go through Tree::serialize() and
// Repository::saveTree()/saveBlob(), so the crafted versions follow the tree format as it grows;
// bytes are built by hand (util/Bytes.h) only where the serializer cannot produce them.
#pragma once

#include "repo/Repository.h"

#include <memory>

namespace strata::test {

// A new repository at `path` with a fast key derivation.
Result<std::shared_ptr<Repository>> initCraftRepository(const QString &path,
                                                        const QString &password = QStringLiteral("test-pw"));

// A file node holding `content` (stored as one data blob).
Result<Node> craftFile(Repository &repo, const QByteArray &name, const QByteArray &content);
// A folder node for `tree` (sorted and saved first).
Result<Node> craftDir(Repository &repo, const QByteArray &name, Tree tree);
// A folder node whose tree blob is `bytes` as they are, stored under their own id.
Result<Node> craftDirFromBytes(Repository &repo, const QByteArray &name, const QByteArray &bytes);
// `levels` folders named "d", one inside the other, with a file "bottom.txt" in the deepest;
// returns the outermost folder, named `name`.
Result<Node> craftDeepChain(Repository &repo, const QByteArray &name, int levels);

// Saves a version whose only source is /hostile, holding `nodes`; flushes first. `root` set:
// the version's root tree is that id, whatever it is (a missing one, for instance).
Result<Snapshot> craftVersion(Repository &repo, std::vector<Node> nodes,
                              const std::optional<BlobId> &root = std::nullopt);

} // namespace strata::test
