// The archive formats a version can be exported to, their names on the command line and the
// file name extensions that imply them.
#pragma once

#include "util/Timestamp.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace strata {

enum class ArchiveFormat
{
    Zip,
    TarGz,
    TarXz,
    TarZst,
    SevenZip
};

// "zip", "tar.gz", "tar.xz", "tar.zst", "7z".
QString archiveFormatName(ArchiveFormat format);
QStringList archiveFormatNames();
std::optional<ArchiveFormat> archiveFormatFromName(const QString &name);
// From the end of a file name (case-insensitive): .zip, .tar.gz/.tgz, .tar.xz/.txz,
// .tar.zst/.tzst, .7z. std::nullopt when the name says nothing.
std::optional<ArchiveFormat> archiveFormatFromFileName(const QString &fileName);

// The time stamps an archive format holds exactly, to the nanosecond or to what `step` says;
// writers clamp what lies outside, and the export warns. Tar (pax) holds any time stamp; zip
// (NTFS extra field) and 7z count 100 ns steps from 1601 to 30828.
struct ArchiveTimeRange
{
    Timestamp first, last;
    quint32 stepNs = 1;
    bool holds(const Timestamp &t) const { return t >= first && t <= last; }
    Timestamp clamp(const Timestamp &t) const { return t < first ? first : t > last ? last : t; }
};
ArchiveTimeRange archiveTimeRange(ArchiveFormat format);

// Windows' FILETIME (100 ns steps since 1601, as zip's NTFS field and 7z keep it), clamped to
// 0 .. 2^63 - 1.
quint64 toFileTime(const Timestamp &t);

} // namespace strata
