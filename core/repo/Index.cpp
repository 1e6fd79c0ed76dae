#include "repo/Index.h"

#include "util/Bytes.h"

#include <algorithm>
#include <cmath>

namespace strata {

namespace {
constexpr quint8 kPackListFormat = 1;
constexpr std::size_t kInitialSlots = 8; // per table
// A table is grown by half when it would be more than 80% full.
constexpr bool overFull(std::size_t count, std::size_t slots)
{
    return count * 5 > slots * 4;
}
} // namespace

QByteArray serializePackList(const std::vector<PackContents> &packs)
{
    QByteArray out;
    ByteWriter w(&out);
    w.u8(kPackListFormat);
    w.varint(packs.size());
    for (const PackContents &p : packs) {
        w.id(p.pack);
        w.varint(p.blobs.size());
        for (const PackedBlob &b : p.blobs) {
            w.id(b.id);
            w.u8(quint8(b.type) | (b.compressed ? 0x80 : 0));
            w.varint(b.offset);
            w.varint(b.length);
            w.varint(b.rawLength);
        }
    }
    return out;
}

namespace {

// The one parser of the format: onPack(id, blob count) before each pack's entries, then
// onBlob(entry) for each of them.
template <typename OnPack, typename OnBlob>
Result<qsizetype> parseEntries(const QByteArray &data, OnPack &&onPack, OnBlob &&onBlob)
{
    ByteReader r(data);
    if (r.u8() != kPackListFormat)
        return Error::corrupt(QStringLiteral("index data has an unknown format"));
    qsizetype entries = 0;
    const quint64 packCount = r.count(33);
    for (quint64 i = 0; i < packCount && r.ok(); ++i) {
        const BlobId pack = r.id();
        const quint64 blobCount = r.count(36);
        onPack(pack, blobCount);
        for (quint64 j = 0; j < blobCount && r.ok(); ++j) {
            PackedBlob b;
            b.id = r.id();
            const quint8 t = r.u8();
            b.type = BlobType(t & 0x7f);
            b.compressed = t & 0x80;
            const quint64 offset = r.varint(), length = r.varint(), raw = r.varint();
            if (offset > 0xffffffffu || length > 0xffffffffu || raw > 0xffffffffu ||
                (b.type != BlobType::Data && b.type != BlobType::Tree))
                return Error::corrupt(QStringLiteral("index data has an invalid entry"));
            b.offset = quint32(offset);
            b.length = quint32(length);
            b.rawLength = quint32(raw);
            if (r.ok()) {
                onBlob(pack, b);
                ++entries;
            }
        }
    }
    if (!r.ok() || !r.atEnd())
        return Error::corrupt(QStringLiteral("index data is truncated or has trailing bytes"));
    return entries;
}

} // namespace

Result<std::vector<PackContents>> parsePackList(const QByteArray &data)
{
    std::vector<PackContents> packs;
    auto parsed = parseEntries(
        data,
        [&](const BlobId &pack, quint64 blobCount) {
            packs.push_back(PackContents{pack, {}});
            packs.back().blobs.reserve(blobCount);
        },
        [&](const BlobId &, const PackedBlob &b) { packs.back().blobs.push_back(b); });
    STRATA_TRY(parsed);
    return packs;
}

Result<qsizetype>
forEachPackedBlob(const QByteArray &data,
                  const std::function<void(const BlobId &pack, const PackedBlob &blob)> &each)
{
    return parseEntries(
        data, [](const BlobId &, quint64) {},
        [&](const BlobId &pack, const PackedBlob &b) {
            if (each)
                each(pack, b);
        });
}

Index::Index()
{
    for (Table &t : m_tables)
        t.slots.resize(kInitialSlots);
}

std::size_t Index::probe(const Table &t, const BlobId &id)
{
    // The table is chosen by the id's last byte; the first eight place it in the table, scaled
    // to its size (any size, not only powers of two) by a 128-bit multiply.
    const std::size_t size = t.slots.size();
    std::size_t i = std::size_t((unsigned __int128)BlobIdHash{}(id)*size >> 64);
    while (t.slots[i].used && t.slots[i].id != id)
        i = i + 1 == size ? 0 : i + 1;
    return i;
}

void Index::rehash(Table &t, std::size_t slots)
{
    std::vector<Slot> old(slots);
    old.swap(t.slots);
    for (const Slot &s : old)
        if (s.used)
            t.slots[probe(t, s.id)] = s;
}

void Index::reserve(qsizetype blobs)
{
    // Tables hold a binomial share of the blobs: room for four standard deviations above the
    // mean keeps every one of them from growing, in all but freak cases.
    const double mean = double(blobs) / kTables;
    const auto perTable = std::size_t(mean + 4 * std::sqrt(mean) + 4);
    const std::size_t slots = std::max(kInitialSlots, perTable * 5 / 4 + 1);
    for (Table &t : m_tables)
        if (t.slots.size() < slots)
            rehash(t, slots);
}

void Index::add(const BlobId &pack, const PackedBlob &blob)
{
    Table &t = tableOf(blob.id);
    if (overFull(t.count + 1, t.slots.size()))
        rehash(t, t.slots.size() + t.slots.size() / 2);
    auto [it, inserted] = m_packNumbers.try_emplace(pack, quint32(m_packs.size()));
    if (inserted)
        m_packs.push_back(pack);
    Slot &s = t.slots[probe(t, blob.id)];
    if (!s.used) {
        ++t.count;
        ++m_count;
    }
    // A blob stored twice (two backups racing) is fine: either copy serves.
    s.id = blob.id;
    s.pack = it->second;
    s.offset = blob.offset;
    s.length = blob.length;
    s.rawLength = blob.rawLength;
    s.type = quint8(blob.type);
    s.compressed = blob.compressed;
    s.used = true;
}

BlobLocation Index::location(const Slot &s) const
{
    BlobLocation l;
    l.pack = m_packs[s.pack];
    l.type = BlobType(s.type);
    l.offset = s.offset;
    l.length = s.length;
    l.rawLength = s.rawLength;
    l.compressed = s.compressed;
    return l;
}

std::optional<BlobLocation> Index::find(const BlobId &id) const
{
    const Table &t = tableOf(id);
    const Slot &s = t.slots[probe(t, id)];
    if (!s.used)
        return std::nullopt;
    return location(s);
}

bool Index::contains(const BlobId &id) const
{
    const Table &t = tableOf(id);
    return t.slots[probe(t, id)].used;
}

qsizetype Index::memoryBytes() const
{
    std::size_t slots = 0;
    for (const Table &t : m_tables)
        slots += t.slots.capacity();
    return qsizetype(slots * sizeof(Slot) + m_packs.capacity() * sizeof(BlobId) +
                     m_packNumbers.size() * (sizeof(BlobId) + sizeof(quint32) + 2 * sizeof(void *)));
}

} // namespace strata
