// zstd frames as blobs hold them (after authentication). The input is the original size the
// index claims (u32, little endian) and a frame: decompress() must refuse what does not match
// and never allocate more than MaxOriginalSize. The whole input also goes through compress()
// and back, which must give it back unchanged.
#include "FuzzSupport.h"

#include "repo/Compression.h"

using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = fuzz::input(data, size);
    if (size >= 4) {
        const quint32 claimed =
            quint32(data[0]) | quint32(data[1]) << 8 | quint32(data[2]) << 16 | quint32(data[3]) << 24;
        auto plain = compression::decompress(QByteArrayView(bytes).sliced(4), qsizetype(claimed));
        if (plain)
            fuzz::check(plain->size() == qsizetype(claimed), "decompress() gives the claimed size");
        else
            fuzz::check(plain.error().code == ErrorCode::Corrupt, "a bad frame is Corrupt");
    }
    const int level = size ? 1 + data[0] % 9 : 3;
    if (auto packed = compression::compress(bytes, level)) {
        fuzz::check(packed->size() < bytes.size(), "compress() only keeps what shrinks");
        auto back = compression::decompress(*packed, bytes.size());
        fuzz::check(back.ok() && *back == bytes, "compressed data decompresses to itself");
    }
    return 0;
}
