// Writing one archive entry by entry over an open output device: the common face of QuaZip
// (zip) and KArchive (tar.gz, tar.xz, tar.zst, 7z), so the export walks a version once and
// knows nothing of either library. File contents arrive in pieces; zip and tar stream them to
// the device as they come, 7z (K7Zip) gathers the whole archive in memory until finish() and
// takes each file in one piece (K7Zip 6.13 misplaces a file's later pieces).
#pragma once

#include "archive/ArchiveFormat.h"
#include "repo/Tree.h"
#include "util/Result.h"

#include <QByteArray>

#include <memory>

class QIODevice;

namespace strata {

struct ArchiveEntry
{
    QByteArray path; // relative, '/'-separated, never empty; raw bytes, maybe not UTF-8
    NodeType type = NodeType::File;
    quint32 mode = 0; // permission bits (07777)
    quint32 uid = 0;  // tar records the owner's names as this machine knows them
    quint32 gid = 0;
    qint64 mtimeNs = 0;
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
    // Writes what the format keeps for the end (zip's central directory, 7z's whole body).
    // The device is flushed but stays the caller's to close.
    virtual Status finish() = 0;
};

} // namespace strata
