#include "util/MappedBuffer.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstring>
#include <new>

namespace strata {

namespace {

qsizetype roundToPages(qsizetype n)
{
    constexpr qsizetype page = 4096;
    return std::max(page, (n + page - 1) / page * page);
}

char *map(qsizetype length)
{
    void *p =
        ::mmap(nullptr, std::size_t(length), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        throw std::bad_alloc();
    // Huge pages where the system offers them on request: a 16 MiB pack takes 8 page faults
    // instead of 4096.
    (void)::madvise(p, std::size_t(length), MADV_HUGEPAGE);
    return static_cast<char *>(p);
}

} // namespace

MappedBuffer::MappedBuffer(qsizetype capacity) : m_capacity(roundToPages(capacity))
{
    m_data = map(m_capacity);
}

MappedBuffer::~MappedBuffer()
{
    ::munmap(m_data, std::size_t(m_capacity));
}

void MappedBuffer::append(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    if (m_size + bytes.size() > m_capacity) {
        const qsizetype grown = roundToPages(std::max(m_capacity * 3 / 2, m_size + bytes.size()));
        void *p = ::mremap(m_data, std::size_t(m_capacity), std::size_t(grown), MREMAP_MAYMOVE);
        if (p == MAP_FAILED)
            throw std::bad_alloc();
        m_data = static_cast<char *>(p);
        m_capacity = grown;
    }
    std::memcpy(m_data + m_size, bytes.data(), std::size_t(bytes.size()));
    m_size += bytes.size();
}

} // namespace strata
