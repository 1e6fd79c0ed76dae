// Index files (the plaintext after authentication): parsePackList and forEachPackedBlob agree
// on every input, what they accept fills an Index that finds every entry, and it is written
// back by serializePackList to the same list.
#include "FuzzSupport.h"

#include "repo/Index.h"

using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = fuzz::input(data, size);
    auto packs = parsePackList(bytes);
    qsizetype seen = 0;
    auto counted = forEachPackedBlob(bytes, [&](const BlobId &, const PackedBlob &) { ++seen; });
    fuzz::check(packs.ok() == counted.ok(), "both index parsers accept the same files");
    if (!packs)
        return 0;
    fuzz::check(*counted == seen, "forEachPackedBlob counts what it calls back");

    Index index;
    index.reserve(*counted);
    qsizetype entries = 0;
    for (const PackContents &p : *packs) {
        for (const PackedBlob &b : p.blobs) {
            index.add(p.pack, b);
            ++entries;
        }
    }
    fuzz::check(entries == seen, "both parsers see the same entries");
    for (const PackContents &p : *packs)
        for (const PackedBlob &b : p.blobs)
            fuzz::check(index.contains(b.id) && index.find(b.id).has_value(), "the index finds every entry");
    fuzz::check(index.size() <= entries, "no more blobs than entries");

    const QByteArray once = serializePackList(*packs);
    auto again = parsePackList(once);
    fuzz::check(again.ok(), "a parsed index, serialized, parses again");
    fuzz::check(serializePackList(*again) == once, "a round trip changes nothing");
    return 0;
}
