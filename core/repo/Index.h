// Which pack holds which blob. In memory it is 256 open-addressing hash tables of fixed-size
// entries (52 bytes per blob), chosen by a byte of the blob's id. A table grows by half when it
// is 80% full, so a full index costs 65 to 98 bytes per blob (1 TB in 1 MiB chunks: about
// 80 MB), and growing one table holds a 256th of the index twice, never the whole of it.
#pragma once

#include "crypto/BlobId.h"
#include "util/Result.h"

#include <QByteArray>

#include <array>

#include <functional>
#include <optional>
#include <unordered_map>
#include <vector>

namespace strata {

enum class BlobType : quint8
{
    Data = 0,
    Tree = 1
};

struct BlobLocation
{
    BlobId pack;
    BlobType type = BlobType::Data;
    quint32 offset = 0;
    quint32 length = 0;    // stored (sealed) length in the pack
    quint32 rawLength = 0; // plaintext length
    bool compressed = false;
};

// One entry of a pack header or an index file.
struct PackedBlob
{
    BlobId id;
    BlobType type = BlobType::Data;
    quint32 offset = 0;
    quint32 length = 0;
    quint32 rawLength = 0;
    bool compressed = false;
};

struct PackContents
{
    BlobId pack;
    std::vector<PackedBlob> blobs;
};

// Serialisation of index files and pack headers (the plaintext inside the seal).
QByteArray serializePackList(const std::vector<PackContents> &packs);
Result<std::vector<PackContents>> parsePackList(const QByteArray &data);
// The same without building the list: calls `each` for every entry in order and returns how
// many there were. Loading a big index this way needs no second copy of it in memory (a list
// of 1M blobs would take 50 MB next to the index itself). `each` may be empty (validation).
Result<qsizetype>
forEachPackedBlob(const QByteArray &data,
                  const std::function<void(const BlobId &pack, const PackedBlob &blob)> &each);

class Index final
{
public:
    Index();

    // Not thread-safe: the Repository guards it.
    void add(const BlobId &pack, const PackedBlob &blob);
    // Makes room for `blobs` entries in all, with the slack an even spread over the tables
    // needs, so that adding them grows next to nothing and leaves the tables about 80% full.
    void reserve(qsizetype blobs);
    std::optional<BlobLocation> find(const BlobId &id) const;
    bool contains(const BlobId &id) const;
    qsizetype size() const { return m_count; }
    qsizetype packCount() const { return qsizetype(m_packs.size()); }
    const BlobId &packAt(quint32 i) const { return m_packs[i]; }
    // Bytes of heap this index holds.
    qsizetype memoryBytes() const;

    template <typename F>
    void forEach(F &&f) const
    {
        for (const Table &t : m_tables)
            for (const Slot &e : t.slots)
                if (e.used)
                    f(e.id, location(e));
    }

private:
    struct Slot
    {
        BlobId id;
        quint32 pack = 0;
        quint32 offset = 0;
        quint32 length = 0;
        quint32 rawLength = 0;
        quint8 type = 0;
        bool compressed = false;
        bool used = false;
    };
    struct Table
    {
        std::vector<Slot> slots;
        std::size_t count = 0;
    };
    static constexpr int kTables = 256;

    BlobLocation location(const Slot &s) const;
    Table &tableOf(const BlobId &id) { return m_tables[id.bytes[31]]; }
    const Table &tableOf(const BlobId &id) const { return m_tables[id.bytes[31]]; }
    static void rehash(Table &t, std::size_t slots);
    static std::size_t probe(const Table &t, const BlobId &id);

    std::array<Table, kTables> m_tables;
    std::vector<BlobId> m_packs;
    std::unordered_map<BlobId, quint32> m_packNumbers;
    qsizetype m_count = 0;
};

} // namespace strata
