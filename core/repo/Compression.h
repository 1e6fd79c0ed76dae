// zstd compression of blobs. Thread-safe; each call uses its own context (cached per thread).
#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace strata::compression {

// Compressed form of data, or an empty optional when it does not shrink by at least
// 1/64 (incompressible data is then stored as it is). A cheap probe of a sample skips
// zstd altogether for data that is clearly random.
std::optional<QByteArray> compress(QByteArrayView data, int level);

// Decompresses a blob whose original size is known (stored in the index).
Result<QByteArray> decompress(QByteArrayView data, qsizetype originalSize);

} // namespace strata::compression
