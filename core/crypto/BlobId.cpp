#include "crypto/BlobId.h"

namespace strata {

namespace {

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}

} // namespace

std::optional<BlobId> BlobId::fromHex(QStringView hex)
{
    BlobId id;
    if (hex.size() != qsizetype(id.bytes.size() * 2))
        return std::nullopt;
    for (std::size_t i = 0; i < id.bytes.size(); ++i) {
        const int hi = hexValue(hex[qsizetype(2 * i)]);
        const int lo = hexValue(hex[qsizetype(2 * i + 1)]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        id.bytes[i] = std::uint8_t(hi << 4 | lo);
    }
    return id;
}

QString BlobId::toHex() const
{
    static constexpr char digits[] = "0123456789abcdef";
    QString out(qsizetype(bytes.size() * 2), Qt::Uninitialized);
    QChar *p = out.data();
    for (auto b : bytes) {
        *p++ = QLatin1Char(digits[b >> 4]);
        *p++ = QLatin1Char(digits[b & 0xf]);
    }
    return out;
}

} // namespace strata
