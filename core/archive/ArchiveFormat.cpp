#include "archive/ArchiveFormat.h"

#include <limits>

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

namespace {

constexpr qint64 kFileTimeEpoch = 11644473600; // seconds from 1601 to 1970
constexpr qint64 kTicksPerSecond = 10000000;
constexpr qint64 kFileTimeMax = std::numeric_limits<qint64>::max();

} // namespace

ArchiveTimeRange archiveTimeRange(ArchiveFormat format)
{
    switch (format) {
    case ArchiveFormat::Zip:
    case ArchiveFormat::SevenZip:
        return {
            {-kFileTimeEpoch, 0},
            {kFileTimeMax / kTicksPerSecond - kFileTimeEpoch, quint32(kFileTimeMax % kTicksPerSecond) * 100},
            100};
    case ArchiveFormat::TarGz:
    case ArchiveFormat::TarXz:
    case ArchiveFormat::TarZst:
        break;
    }
    return {{std::numeric_limits<qint64>::min(), 0}, {std::numeric_limits<qint64>::max(), 999999999}, 1};
}

quint64 toFileTime(const Timestamp &t)
{
    const ArchiveTimeRange range = archiveTimeRange(ArchiveFormat::SevenZip);
    const Timestamp c = range.clamp(t);
    return quint64((c.sec + kFileTimeEpoch) * kTicksPerSecond + c.nsec / 100);
}

} // namespace strata
