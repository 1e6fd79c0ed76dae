// A growable byte buffer in its own anonymous memory mapping, for the packs a backup fills.
//
// Freeing it gives its memory back to the system at once. A pack-sized block from malloc is
// recycled inside a thread's arena once the first packs are freed, and its pages stay
// resident, so a backup's peak memory used to depend on how its threads happened to
// interleave: 116 to 154 MiB for the first backup of the 1.5G benchmark set, 82 to 93 MiB
// with packs in their own mappings.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace strata {

class MappedBuffer final
{
public:
    // Reserves `capacity` bytes of address space; pages cost memory once written.
    // Throws std::bad_alloc when the system has no address space left.
    explicit MappedBuffer(qsizetype capacity);
    ~MappedBuffer();
    MappedBuffer(const MappedBuffer &) = delete;
    MappedBuffer &operator=(const MappedBuffer &) = delete;

    // Grows the mapping when it is full (the contents may move).
    void append(QByteArrayView bytes);
    qsizetype size() const { return m_size; }
    qsizetype capacity() const { return m_capacity; }
    // The contents without a copy: valid while the buffer lives and is not appended to.
    QByteArray view() const { return QByteArray::fromRawData(m_data, m_size); }

private:
    char *m_data = nullptr;
    qsizetype m_size = 0;
    qsizetype m_capacity = 0;
};

} // namespace strata
