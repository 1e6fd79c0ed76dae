// Snapshot files (the plaintext after authentication): Snapshot::parse on any bytes, and what
// it accepts is written back by toJson() and read again to the same version.
#include "FuzzSupport.h"

#include "repo/Snapshot.h"

#include <QJsonDocument>

using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    auto snap = Snapshot::parse(fuzz::input(data, size));
    if (!snap)
        return 0;
    (void)snap->shortId();
    auto again = Snapshot::parse(QJsonDocument(snap->toJson()).toJson(QJsonDocument::Compact));
    fuzz::check(again.ok(), "a parsed snapshot, written back, parses again");
    fuzz::check(again->time == snap->time && again->kind == snap->kind && again->tree == snap->tree &&
                    again->paths == snap->paths && again->rawPaths == snap->rawPaths &&
                    again->tags == snap->tags && again->parent == snap->parent &&
                    again->stats.bytes == snap->stats.bytes,
                "a round trip keeps the version");
    return 0;
}
