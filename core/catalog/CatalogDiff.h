// One entry point for "what changed between two versions": from the catalog when it holds
// both (no repository read at all), else from the repository (diffSnapshots). Callers do not
// choose by hand, and both ways give the same entries in the same order (tst_catalogdiff).
#pragma once

#include "engine/Diff.h"

namespace strata {

class Catalog;

// What changed from `a` to `b` at and below `path` ("/" or empty: everything; a file's path:
// that file alone), as diffSnapshots(repo, a, b, path, each) says it. Answered from `catalog`
// when it is given and holds both versions, else from the repository; `fromCatalog` (when
// given) says which. NotFound when neither version holds the path. Safe on any thread the
// repository and the catalog may be used from.
Result<DiffSummary> diffVersions(Repository &repo, const Snapshot &a, const Snapshot &b,
                                 const QByteArray &path, const std::function<void(const DiffEntry &)> &each,
                                 const Catalog *catalog, bool *fromCatalog = nullptr);

} // namespace strata
