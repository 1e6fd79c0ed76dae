// Which pack holds which blob. In memory it is one open-addressing hash table of fixed-size
// entries (52 bytes per blob, under 70 at the maximum load factor), so memory grows with the
// number of blobs and not with the size of the data: 1 TB in 1 MiB chunks is about 70 MB.
#pragma once

#include "crypto/BlobId.h"
#include "util/Result.h"

#include <QByteArray>

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
    // Makes room for `blobs` entries in all, so adding them never grows the table (growing
    // holds the old and the new table at once: three times the smaller one).
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
        for (const auto &e : m_slots)
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
    BlobLocation location(const Slot &s) const;
    void grow();
    void rehash(std::size_t slots); // a power of two
    std::size_t probe(const BlobId &id) const;

    std::vector<Slot> m_slots;
    std::vector<BlobId> m_packs;
    std::unordered_map<BlobId, quint32> m_packNumbers;
    qsizetype m_count = 0;
};

} // namespace strata
