// Content-defined chunking (FastCDC: gear rolling hash with normalized chunking), so an edit
// in the middle of a large file changes only the chunks around it. The gear table is derived
// from a per-repository secret seed, so chunk boundaries do not fingerprint known content.
#pragma once

#include <QtGlobal>

#include <array>
#include <cstddef>
#include <cstdint>

namespace strata {

struct ChunkerParams
{
    std::uint32_t minSize = 256 * 1024;
    std::uint32_t avgSize = 1024 * 1024; // a power of two
    std::uint32_t maxSize = 4 * 1024 * 1024;
    std::uint64_t seed = 0;
};

class Chunker final
{
public:
    explicit Chunker(const ChunkerParams &params);

    // Length of the first chunk of data[0, len). The caller passes at least maxSize bytes
    // unless the data ends sooner; then the whole rest may come back as one chunk.
    std::size_t cut(const std::uint8_t *data, std::size_t len) const;

    const ChunkerParams &params() const { return m_params; }

private:
    ChunkerParams m_params;
    std::array<std::uint64_t, 256> m_gear{};
    std::uint64_t m_maskSmall = 0; // more bits: harder to cut before avgSize
    std::uint64_t m_maskLarge = 0; // fewer bits: easier to cut after avgSize
};

} // namespace strata
