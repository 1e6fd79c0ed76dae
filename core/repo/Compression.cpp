#include "repo/Compression.h"

#include <zstd.h>

#include <algorithm>
#include <memory>

namespace strata::compression {

namespace {

struct CCtxDeleter
{
    void operator()(ZSTD_CCtx *c) const { ZSTD_freeCCtx(c); }
};
struct DCtxDeleter
{
    void operator()(ZSTD_DCtx *d) const { ZSTD_freeDCtx(d); }
};

// A context holds several hundred KiB of tables: one per thread, not one per blob.
ZSTD_CCtx *threadCCtx()
{
    thread_local std::unique_ptr<ZSTD_CCtx, CCtxDeleter> ctx(ZSTD_createCCtx());
    return ctx.get();
}

ZSTD_DCtx *threadDCtx()
{
    thread_local std::unique_ptr<ZSTD_DCtx, DCtxDeleter> ctx(ZSTD_createDCtx());
    return ctx.get();
}

constexpr qsizetype ProbeThreshold = 64 * 1024;
constexpr qsizetype ProbeSlice = 4 * 1024;

// Compresses three slices (start, middle, end) at level 1. Media, archives and encrypted
// files do not shrink at all there; anything with structure does. Costs ~1 % of a full run.
bool looksCompressible(ZSTD_CCtx *cctx, QByteArrayView data)
{
    char out[ZSTD_COMPRESSBOUND(ProbeSlice)];
    const qsizetype offsets[] = {0, data.size() / 2 - ProbeSlice / 2, data.size() - ProbeSlice};
    std::size_t in = 0, compressed = 0;
    for (qsizetype off : offsets) {
        const std::size_t n = ZSTD_compressCCtx(cctx, out, sizeof out, data.data() + off, ProbeSlice, 1);
        if (ZSTD_isError(n))
            return true; // let the real run decide
        in += ProbeSlice;
        compressed += n;
    }
    // Below half the saving compress() insists on, the full run would almost surely fail too.
    return compressed < in - in / 128;
}

} // namespace

std::optional<QByteArray> compress(QByteArrayView data, int level)
{
    if (data.isEmpty())
        return std::nullopt;
    ZSTD_CCtx *cctx = threadCCtx();
    if (!cctx)
        return std::nullopt; // out of memory: storing uncompressed is always correct
    if (data.size() > ProbeThreshold && !looksCompressible(cctx, data))
        return std::nullopt;

    // Room for exactly the largest accepted size: zstd gives up with dstSize_tooSmall as soon as
    // the output would not shrink enough, instead of finishing a useless frame.
    const qsizetype limit = data.size() - std::max<qsizetype>(1, data.size() / 64);
    QByteArray out(limit, Qt::Uninitialized);
    const std::size_t n = ZSTD_compressCCtx(cctx, out.data(), std::size_t(out.size()), data.data(),
                                            std::size_t(data.size()), level);
    if (ZSTD_isError(n))
        return std::nullopt;
    out.truncate(qsizetype(n));
    out.squeeze(); // blobs wait in pack buffers; do not keep the input-sized allocation
    return out;
}

Result<QByteArray> decompress(QByteArrayView data, qsizetype originalSize)
{
    if (originalSize < 0 || originalSize > MaxOriginalSize)
        return Error::corrupt(
            QStringLiteral("compressed blob claims an original size of %1 bytes (at most %2 "
                           "allowed)")
                .arg(originalSize)
                .arg(MaxOriginalSize));
    ZSTD_DCtx *dctx = threadDCtx();
    if (!dctx)
        return Error{ErrorCode::Internal, QStringLiteral("out of memory for a zstd decompression context")};
    QByteArray out(originalSize, Qt::Uninitialized);
    // A zero-size QByteArray may have no buffer; zstd wants a valid pointer all the same.
    char empty = 0;
    char *dst = originalSize ? out.data() : &empty;
    const std::size_t n =
        ZSTD_decompressDCtx(dctx, dst, std::size_t(originalSize), data.data(), std::size_t(data.size()));
    if (ZSTD_isError(n))
        return Error::corrupt(
            QStringLiteral("compressed blob is damaged: %1").arg(QLatin1String(ZSTD_getErrorName(n))));
    if (qsizetype(n) != originalSize)
        return Error::corrupt(
            QStringLiteral("compressed blob holds %1 bytes instead of %2").arg(n).arg(originalSize));
    return out;
}

} // namespace strata::compression
