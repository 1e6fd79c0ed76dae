// Identifiers of blobs and repository files: 32 bytes, printed as 64 hex digits.
#pragma once

#include <QByteArray>
#include <QString>

#include <array>
#include <compare>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>

namespace strata {

struct BlobId
{
    std::array<std::uint8_t, 32> bytes{};

    static BlobId fromBytes(const void *data)
    {
        BlobId id;
        std::memcpy(id.bytes.data(), data, id.bytes.size());
        return id;
    }
    static std::optional<BlobId> fromHex(QStringView hex);
    QString toHex() const;
    QString shortHex() const { return toHex().left(8); }
    bool isNull() const
    {
        for (auto b : bytes)
            if (b)
                return false;
        return true;
    }
    QByteArray toByteArray() const
    {
        return QByteArray(reinterpret_cast<const char *>(bytes.data()), int(bytes.size()));
    }

    auto operator<=>(const BlobId &) const = default;
    bool operator==(const BlobId &) const = default;
};

struct BlobIdHash
{
    std::size_t operator()(const BlobId &id) const noexcept
    {
        // Ids are keyed hashes already: any 8 bytes of them are uniformly distributed.
        std::size_t h;
        std::memcpy(&h, id.bytes.data(), sizeof h);
        return h;
    }
};

} // namespace strata

template <>
struct std::hash<strata::BlobId> : strata::BlobIdHash
{};
