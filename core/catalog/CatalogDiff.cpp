#include "catalog/CatalogDiff.h"

#include "catalog/Catalog.h"

namespace strata {

Result<DiffSummary> diffVersions(Repository &repo, const Snapshot &a, const Snapshot &b,
                                 const QByteArray &path, const std::function<void(const DiffEntry &)> &each,
                                 const Catalog *catalog, bool *fromCatalog)
{
    // Asked first, not learnt from a failed diff: once entries have gone to `each`, the
    // repository could not start again without repeating them.
    if (catalog && catalog->hasVersion(a.id) && catalog->hasVersion(b.id)) {
        qint64 told = 0;
        Result<DiffSummary> summary = catalog->diff(a.id, b.id, path, [&](const DiffEntry &e) {
            ++told;
            each(e);
        });
        // A clean-up may have taken a version out of the catalog since: nothing was said yet,
        // so the repository answers. (Neither version holding the path is NotFound there too.)
        if (summary || summary.error().code != ErrorCode::NotFound || told > 0 ||
            (catalog->hasVersion(a.id) && catalog->hasVersion(b.id))) {
            if (fromCatalog)
                *fromCatalog = true;
            return summary;
        }
    }
    if (fromCatalog)
        *fromCatalog = false;
    return diffSnapshots(repo, a, b, path, each);
}

} // namespace strata
