#include "chunk/Chunker.h"

#include <algorithm>
#include <bit>

namespace strata {

namespace {

// SplitMix64: a tiny, well-mixed generator; enough to turn a secret seed into a gear table
// (the secrecy comes from the seed, not from the generator).
std::uint64_t splitMix64(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

// A mask with `bits` one-bits spread over the upper 48 bits of the hash. With the gear hash
// (h << 1) + gear[b], bit k of h depends on the last k + 1 bytes only, so low bits would make
// the cut decision look at a window of a few bytes; high, spread bits see up to 64 bytes.
std::uint64_t spreadMask(int bits)
{
    bits = std::clamp(bits, 1, 48);
    std::uint64_t mask = 0;
    for (int i = 0; i < bits; ++i)
        mask |= 1ull << (63 - (i * 48) / bits);
    return mask;
}

} // namespace

Chunker::Chunker(const ChunkerParams &params) : m_params(params)
{
    // Keep the invariants cut() relies on even for odd parameters: 1 <= min <= avg <= max.
    m_params.maxSize = std::max<std::uint32_t>(m_params.maxSize, 1);
    m_params.minSize = std::clamp<std::uint32_t>(m_params.minSize, 1, m_params.maxSize);
    m_params.avgSize = std::clamp(m_params.avgSize, m_params.minSize, m_params.maxSize);

    std::uint64_t state = m_params.seed;
    for (auto &g : m_gear)
        g = splitMix64(state);

    // Normalized chunking, level 2: a cut before avgSize needs two more bits to be zero and
    // one after it two fewer, which narrows the chunk size distribution around avgSize.
    const int avgBits = std::bit_width(m_params.avgSize) - 1; // log2, rounded down
    m_maskSmall = spreadMask(avgBits + 2);
    m_maskLarge = spreadMask(avgBits - 2);
}

std::size_t Chunker::cut(const std::uint8_t *data, std::size_t len) const
{
    const std::size_t minSize = m_params.minSize;
    if (len <= minSize)
        return len;
    const std::size_t end = std::min<std::size_t>(len, m_params.maxSize);
    const std::size_t normal = std::min<std::size_t>(m_params.avgSize, end);
    const std::uint64_t *gear = m_gear.data();

    // No chunk may end before minSize, so the first minSize bytes are not hashed at all: the
    // gear hash only remembers the last 64 bytes, and boundaries re-synchronise anyway.
    std::uint64_t h = 0;
    std::size_t i = minSize;
    const std::uint64_t maskSmall = m_maskSmall;
    for (; i + 4 <= normal; i += 4) {
        // Unrolled by hand: the loop-carried dependency is the shift-add, the checks are cheap.
        h = (h << 1) + gear[data[i]];
        if (!(h & maskSmall))
            return i + 1;
        h = (h << 1) + gear[data[i + 1]];
        if (!(h & maskSmall))
            return i + 2;
        h = (h << 1) + gear[data[i + 2]];
        if (!(h & maskSmall))
            return i + 3;
        h = (h << 1) + gear[data[i + 3]];
        if (!(h & maskSmall))
            return i + 4;
    }
    for (; i < normal; ++i) {
        h = (h << 1) + gear[data[i]];
        if (!(h & maskSmall))
            return i + 1;
    }
    const std::uint64_t maskLarge = m_maskLarge;
    for (; i + 4 <= end; i += 4) {
        h = (h << 1) + gear[data[i]];
        if (!(h & maskLarge))
            return i + 1;
        h = (h << 1) + gear[data[i + 1]];
        if (!(h & maskLarge))
            return i + 2;
        h = (h << 1) + gear[data[i + 2]];
        if (!(h & maskLarge))
            return i + 3;
        h = (h << 1) + gear[data[i + 3]];
        if (!(h & maskLarge))
            return i + 4;
    }
    for (; i < end; ++i) {
        h = (h << 1) + gear[data[i]];
        if (!(h & maskLarge))
            return i + 1;
    }
    return end;
}

} // namespace strata
