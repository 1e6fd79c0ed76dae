#include "repo/Pack.h"

#include "util/Bytes.h"

namespace strata::pack {

namespace {
const QByteArray kMagic = QByteArrayLiteral("SPK1");
}

QByteArray trailer(quint32 headerLength)
{
    QByteArray out;
    ByteWriter w(&out);
    w.u32(headerLength);
    out.append(kMagic);
    return out;
}

Result<quint32> headerLength(QByteArrayView tail, qint64 available)
{
    if (tail.size() < TrailerSize || !tail.endsWith(QByteArrayView(kMagic)))
        return Error::corrupt(QStringLiteral("pack is truncated (no trailer)"));
    ByteReader r(tail.constData() + tail.size() - TrailerSize, 4);
    const quint32 length = r.u32();
    if (qint64(length) > available)
        return Error::corrupt(QStringLiteral("pack header length is out of range"));
    return length;
}

Result<std::vector<PackedBlob>> parseHeader(const QByteArray &plain, qint64 dataEnd)
{
    auto list = parsePackList(plain);
    STRATA_TRY(list);
    if (list->size() != 1)
        return Error::corrupt(QStringLiteral("pack header is malformed"));
    for (const PackedBlob &b : (*list)[0].blobs)
        if (qint64(b.offset) + b.length > dataEnd)
            return Error::corrupt(QStringLiteral("pack header names a blob beyond the pack's data"));
    return std::move((*list)[0].blobs);
}

} // namespace strata::pack
