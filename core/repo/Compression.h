// zstd compression of blobs. Thread-safe; each call uses its own context (cached per thread).
#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace strata::compression {

// Compressed form of data, or an empty optional when it does not shrink by at least
// 1/64 (incompressible data is then stored as it is). A cheap probe of a sample skips
// zstd altogether for data that is clearly random.
std::optional<QByteArray> compress(QByteArrayView data, int level);

// Largest blob decompress() accepts: well above the chunker's maximum, low enough that a
// forged index entry cannot make us allocate without limit.
constexpr qsizetype MaxOriginalSize = 64 * 1024 * 1024;

// Decompresses a blob whose original size is known (stored in the index). A damaged frame,
// a size other than originalSize, or originalSize > MaxOriginalSize give ErrorCode::Corrupt.
Result<QByteArray> decompress(QByteArrayView data, qsizetype originalSize);

} // namespace strata::compression
