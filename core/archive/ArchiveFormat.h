// The archive formats a version can be exported to, their names on the command line and the
// file name extensions that imply them.
#pragma once

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

} // namespace strata
