// Pack files as Repository::parsePackTail reads them, with the header in plaintext where the
// real pack has it sealed (authentication is the one step left out): the trailer's framing,
// then the header's pack list and its bounds against the pack's data.
#include "FuzzSupport.h"

#include "repo/Pack.h"

using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = fuzz::input(data, size);
    auto length = pack::headerLength(bytes, bytes.size() - pack::TrailerSize);
    if (!length)
        return 0;
    const qint64 dataEnd = bytes.size() - pack::TrailerSize - *length;
    fuzz::check(dataEnd >= 0, "the header lies inside the pack");
    const QByteArray header = bytes.mid(dataEnd, *length);
    auto blobs = pack::parseHeader(header, dataEnd);
    if (!blobs)
        return 0;
    for (const PackedBlob &b : *blobs)
        fuzz::check(qint64(b.offset) + b.length <= dataEnd, "every blob lies in the pack's data");
    return 0;
}
