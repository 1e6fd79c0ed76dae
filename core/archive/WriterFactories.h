// The writers ArchiveWriter::create() chooses from, each in its own file.
#pragma once

#include "archive/ArchiveWriter.h"

namespace strata {

// POSIX pax (ustar with extended headers) through KCompressionDevice: gzip, xz or zstd.
Result<std::unique_ptr<ArchiveWriter>> createTarWriter(ArchiveFormat format, QIODevice *device);
// 7z with one solid LZMA2 stream; `device` must be seekable (the start header goes in last).
Result<std::unique_ptr<ArchiveWriter>> createSevenZipWriter(QIODevice *device);

} // namespace strata
