// Writing one archive entry by entry over an open output device, so the export walks a version
// once and knows nothing of the formats. Zip goes through QuaZip; tar (pax) and 7z are written
// here (TarWriter.cpp, SevenZipWriter.cpp): KArchive's KTar writes fixed owner ids (501/100)
// and no time stamp before 1970 or past 2242, and K7Zip keeps the whole archive in memory and
// takes time stamps as unsigned 32-bit seconds. Tar's compression still runs through KArchive's
// KCompressionDevice. File contents arrive in pieces and stream to the device as they come.
#pragma once

#include "archive/ArchiveFormat.h"
#include "repo/Tree.h"
#include "util/Result.h"
#include "util/Timestamp.h"

#include <QByteArray>

#include <memory>

class QIODevice;

namespace strata {

struct ArchiveEntry
{
    QByteArray path; // relative, '/'-separated, never empty; raw bytes, maybe not UTF-8
    NodeType type = NodeType::File;
    quint32 mode = 0; // permission bits (07777)
    quint32 uid = 0;  // tar and zip keep the numbers; 7z has no place for owners
    quint32 gid = 0;
    QByteArray user; // tar keeps the names too; empty: unknown
    QByteArray group;
    Timestamp mtime;       // clamped to archiveTimeRange(format) by the writer
    qint64 size = 0;       // File: the exact number of bytes writeData() will be given
    QByteArray linkTarget; // Symlink
};

struct ArchiveWriterOptions
{
    // Zip: write zip64 records, needed once a file or the archive reaches 4 GiB.
    bool zip64 = false;
};

class ArchiveWriter
{
public:
    virtual ~ArchiveWriter();

    // A writer over `device`, which must be open for writing and outlive the writer. Fails
    // when the archive cannot be started (the library's message says why).
    static Result<std::unique_ptr<ArchiveWriter>> create(ArchiveFormat format, QIODevice *device,
                                                         const ArchiveWriterOptions &options = {});

    virtual Status addDirectory(const ArchiveEntry &entry) = 0;
    virtual Status addSymlink(const ArchiveEntry &entry) = 0;
    // A file is beginFile(), writeData() as often as needed, endFile().
    virtual Status beginFile(const ArchiveEntry &entry) = 0;
    virtual Status writeData(QByteArrayView data) = 0;
    virtual Status endFile() = 0;
    // Writes what the format keeps for the end (zip's central directory, 7z's header).
    // The device is flushed but stays the caller's to close.
    virtual Status finish() = 0;
};

} // namespace strata
