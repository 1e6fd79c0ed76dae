// The layout of a pack file, apart from its keys: the sealed blobs, then the sealed header (a
// pack list naming the blobs), then an 8-byte trailer: the header's length (u32, little endian)
// and the magic "SPK1". Pure functions over bytes, so a fuzzer drives the very code that reads
// packs; Repository adds the authentication in between.
#pragma once

#include "repo/Index.h"
#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>

#include <vector>

namespace strata::pack {

constexpr qsizetype TrailerSize = 8;

// The trailer that follows a sealed header of `headerLength` bytes.
QByteArray trailer(quint32 headerLength);

// The sealed header's length, from the trailer at the end of `tail`. ErrorCode::Corrupt when
// there is no trailer or the header would be longer than the `available` bytes before it.
Result<quint32> headerLength(QByteArrayView tail, qint64 available);

// The blobs named by a pack header's plaintext (after authentication). ErrorCode::Corrupt
// unless it is a pack list of exactly one pack whose blobs all lie in the first `dataEnd`
// bytes of the pack (everything before the header).
Result<std::vector<PackedBlob>> parseHeader(const QByteArray &plain, qint64 dataEnd);

} // namespace strata::pack
