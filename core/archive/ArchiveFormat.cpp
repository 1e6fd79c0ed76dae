#include "archive/ArchiveFormat.h"

namespace strata {

namespace {

constexpr ArchiveFormat kAll[] = {ArchiveFormat::Zip, ArchiveFormat::TarGz, ArchiveFormat::TarXz,
                                  ArchiveFormat::TarZst, ArchiveFormat::SevenZip};

} // namespace

QString archiveFormatName(ArchiveFormat format)
{
    switch (format) {
    case ArchiveFormat::Zip:
        return QStringLiteral("zip");
    case ArchiveFormat::TarGz:
        return QStringLiteral("tar.gz");
    case ArchiveFormat::TarXz:
        return QStringLiteral("tar.xz");
    case ArchiveFormat::TarZst:
        return QStringLiteral("tar.zst");
    case ArchiveFormat::SevenZip:
        return QStringLiteral("7z");
    }
    return {};
}

QStringList archiveFormatNames()
{
    QStringList names;
    for (ArchiveFormat f : kAll)
        names << archiveFormatName(f);
    return names;
}

std::optional<ArchiveFormat> archiveFormatFromName(const QString &name)
{
    for (ArchiveFormat f : kAll)
        if (archiveFormatName(f).compare(name, Qt::CaseInsensitive) == 0)
            return f;
    return std::nullopt;
}

std::optional<ArchiveFormat> archiveFormatFromFileName(const QString &fileName)
{
    static const struct
    {
        const char *suffix;
        ArchiveFormat format;
    } kSuffixes[] = {{".zip", ArchiveFormat::Zip},     {".tar.gz", ArchiveFormat::TarGz},
                     {".tgz", ArchiveFormat::TarGz},   {".tar.xz", ArchiveFormat::TarXz},
                     {".txz", ArchiveFormat::TarXz},   {".tar.zst", ArchiveFormat::TarZst},
                     {".tzst", ArchiveFormat::TarZst}, {".7z", ArchiveFormat::SevenZip}};
    for (const auto &s : kSuffixes)
        if (fileName.endsWith(QLatin1String(s.suffix), Qt::CaseInsensitive))
            return s.format;
    return std::nullopt;
}

} // namespace strata
