#include "archive/ArchiveWriter.h"

#include <K7Zip>
#include <KCompressionDevice>
#include <KTar>

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <QDateTime>
#include <QFile>
#include <QStringDecoder>

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unordered_map>

namespace strata {

ArchiveWriter::~ArchiveWriter() = default;

namespace {

bool isValidUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringConverter::Flag::Stateless);
    const QString text = decoder.decode(bytes); // decode() is lazy: converting runs it
    return !decoder.hasError();
}

QDateTime toDateTime(qint64 ns)
{
    qint64 ms = ns / 1000000;
    if (ns < 0 && ns % 1000000)
        --ms;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

QString printableName(const QByteArray &path)
{
    return QFile::decodeName(path);
}

// ---- zip ------------------------------------------------------------------------------------

// Zip's own time stamp is local time in two-second steps; the "extended timestamp" extra field
// (0x5455, what Info-ZIP writes and reads) carries the exact second in UTC.
QByteArray extendedTimestamp(qint64 mtimeNs)
{
    const qint64 secs = mtimeNs >= 0 ? mtimeNs / 1000000000 : (mtimeNs - 999999999) / 1000000000;
    if (secs < INT32_MIN || secs > INT32_MAX)
        return {};
    QByteArray extra;
    auto put16 = [&](quint16 v) {
        extra.append(char(v & 0xff));
        extra.append(char(v >> 8));
    };
    put16(0x5455);
    put16(5);
    extra.append(char(1)); // the modification time is present
    const quint32 t = quint32(qint32(secs));
    for (int i = 0; i < 4; ++i)
        extra.append(char((t >> (8 * i)) & 0xff));
    return extra;
}

class ZipWriter final : public ArchiveWriter
{
public:
    ZipWriter(QIODevice *device, const ArchiveWriterOptions &options)
        : m_zip(device), m_file(&m_zip), m_options(options)
    {}

    ~ZipWriter() override
    {
        if (m_file.isOpen())
            m_file.close();
        if (m_zip.isOpen())
            m_zip.close();
    }

    Status open()
    {
        m_zip.setAutoClose(false);
        m_zip.setOsCode(3); // Unix: unzip then honours the modes and symlinks in externalAttr
        m_zip.setZip64Enabled(m_options.zip64);
        // Names that are not UTF-8 are stored as the bytes they are, with the UTF-8 flag off:
        // Latin-1 maps every byte to one character and back.
        m_zip.setFileNameCodec("ISO-8859-1");
        if (!m_zip.open(QuaZip::mdCreate))
            return zipError(QStringLiteral("cannot start the zip archive"), m_zip.getZipError());
        return {};
    }

    Status addDirectory(const ArchiveEntry &entry) override
    {
        STRATA_TRY(openEntry(entry, entry.path + '/', S_IFDIR, 0x10, false));
        return closeEntry(entry.path);
    }

    Status addSymlink(const ArchiveEntry &entry) override
    {
        STRATA_TRY(openEntry(entry, entry.path, S_IFLNK, 0, false));
        m_current = entry.path;
        STRATA_TRY(writeData(entry.linkTarget));
        return closeEntry(entry.path);
    }

    Status beginFile(const ArchiveEntry &entry) override
    {
        m_current = entry.path;
        return openEntry(entry, entry.path, S_IFREG, 0, true);
    }

    Status writeData(QByteArrayView data) override
    {
        // QuaZipFile hands each write to zlib in one call taking an unsigned length.
        constexpr qsizetype kPiece = 1 << 24;
        for (qsizetype pos = 0; pos < data.size(); pos += kPiece) {
            const qsizetype n = std::min(kPiece, data.size() - pos);
            if (m_file.write(data.data() + pos, n) != n)
                return zipError(
                    QStringLiteral("cannot write %1 into the zip archive").arg(printableName(m_current)),
                    m_file.getZipError());
        }
        return {};
    }

    Status endFile() override { return closeEntry(m_current); }

    Status finish() override
    {
        m_zip.close();
        if (m_zip.getZipError() != 0)
            return zipError(QStringLiteral("cannot finish the zip archive"), m_zip.getZipError());
        return {};
    }

private:
    Status openEntry(const ArchiveEntry &entry, const QByteArray &name, quint32 typeBits, quint32 dosAttr,
                     bool compress)
    {
        const bool utf8 = isValidUtf8(name);
        m_zip.setUtf8Enabled(utf8);
        QuaZipNewInfo info(utf8 ? QString::fromUtf8(name) : QString::fromLatin1(name));
        info.dateTime = toDateTime(entry.mtimeNs).toLocalTime();
        info.externalAttr = ((typeBits | (entry.mode & 07777)) << 16) | dosAttr;
        info.extraLocal = extendedTimestamp(entry.mtimeNs);
        info.extraGlobal = info.extraLocal;
        const int method = compress ? Z_DEFLATED : 0;
        const int level = compress ? Z_DEFAULT_COMPRESSION : 0;
        if (!m_file.open(QIODevice::WriteOnly, info, nullptr, 0, method, level))
            return zipError(QStringLiteral("cannot add %1 to the zip archive").arg(printableName(entry.path)),
                            m_file.getZipError());
        return {};
    }

    Status closeEntry(const QByteArray &path)
    {
        m_file.close();
        if (m_file.getZipError() != 0)
            return zipError(QStringLiteral("cannot add %1 to the zip archive").arg(printableName(path)),
                            m_file.getZipError());
        return {};
    }

    Status zipError(const QString &what, int code) const
    {
        // minizip's codes say little; the device usually knows what went wrong (disk full, ...).
        QString why = m_zip.getIoDevice() ? m_zip.getIoDevice()->errorString() : QString();
        if (why.isEmpty() || why == QLatin1String("Unknown error"))
            why = QStringLiteral("zip error %1").arg(code);
        return Error::io(QStringLiteral("%1: %2").arg(what, why));
    }

    QuaZip m_zip;
    QuaZipFile m_file;
    ArchiveWriterOptions m_options;
    QByteArray m_current;
};

// ---- tar and 7z through KArchive ------------------------------------------------------------

// The user and group names of an entry's owner on this machine, which an extracting tar running
// as root prefers over the numeric ids (KTar writes fixed dummy ids). KTar copies names into
// 32-byte fields without a bound, so longer names are left out.
class OwnerNames final
{
public:
    QString user(quint32 uid) { return lookup(m_users, uid, true); }
    QString group(quint32 gid) { return lookup(m_groups, gid, false); }

private:
    static QString lookup(std::unordered_map<quint32, QString> &cache, quint32 id, bool isUser)
    {
        auto it = cache.find(id);
        if (it != cache.end())
            return it->second;
        QByteArray name;
        std::vector<char> buffer(16384);
        if (isUser) {
            struct passwd pw, *found = nullptr;
            if (::getpwuid_r(uid_t(id), &pw, buffer.data(), buffer.size(), &found) == 0 && found)
                name = found->pw_name;
        } else {
            struct group gr, *found = nullptr;
            if (::getgrgid_r(gid_t(id), &gr, buffer.data(), buffer.size(), &found) == 0 && found)
                name = found->gr_name;
        }
        const QString result = name.size() < 32 ? QString::fromLocal8Bit(name) : QString();
        cache.emplace(id, result);
        return result;
    }

    std::unordered_map<quint32, QString> m_users, m_groups;
};

class KArchiveWriter final : public ArchiveWriter
{
public:
    KArchiveWriter(ArchiveFormat format, QIODevice *device) : m_format(format), m_device(device)
    {
        switch (format) {
        case ArchiveFormat::TarGz:
        case ArchiveFormat::TarXz:
        case ArchiveFormat::TarZst: {
            const auto type = format == ArchiveFormat::TarGz   ? KCompressionDevice::GZip
                              : format == ArchiveFormat::TarXz ? KCompressionDevice::Xz
                                                               : KCompressionDevice::Zstd;
            m_compressor = std::make_unique<KCompressionDevice>(device, false, type);
            m_archive = std::make_unique<KTar>(m_compressor.get());
            break;
        }
        case ArchiveFormat::SevenZip:
        case ArchiveFormat::Zip:
            m_archive = std::make_unique<K7Zip>(device);
            break;
        }
    }

    ~KArchiveWriter() override
    {
        // Closing would write a valid-looking end to an archive that failed half way; the
        // caller removes the file anyway, so only release what is open.
        m_archive.reset();
        m_compressor.reset();
    }

    Status open()
    {
        if (m_compressor && !m_compressor->open(QIODevice::WriteOnly))
            return Error::io(QStringLiteral("cannot start the %1 compressor: %2")
                                 .arg(archiveFormatName(m_format), m_compressor->errorString()));
        if (!m_archive->open(QIODevice::WriteOnly))
            return failure(QStringLiteral("cannot start the %1 archive").arg(archiveFormatName(m_format)));
        return {};
    }

    Status addDirectory(const ArchiveEntry &entry) override
    {
        if (!m_archive->writeDir(QFile::decodeName(entry.path), m_owners.user(entry.uid),
                                 m_owners.group(entry.gid), entry.mode & 07777, {}, toDateTime(entry.mtimeNs),
                                 {}))
            return failure(QStringLiteral("cannot add %1").arg(printableName(entry.path)));
        return {};
    }

    Status addSymlink(const ArchiveEntry &entry) override
    {
        if (!m_archive->writeSymLink(QFile::decodeName(entry.path), QFile::decodeName(entry.linkTarget), {},
                                     {}, S_IFLNK | 0777, {}, toDateTime(entry.mtimeNs), {}))
            return failure(QStringLiteral("cannot add %1").arg(printableName(entry.path)));
        return {};
    }

    Status beginFile(const ArchiveEntry &entry) override
    {
        m_current = entry.path;
        m_written = 0;
        if (!m_archive->prepareWriting(QFile::decodeName(entry.path), m_owners.user(entry.uid),
                                       m_owners.group(entry.gid), entry.size, S_IFREG | (entry.mode & 07777),
                                       {}, toDateTime(entry.mtimeNs), {}))
            return failure(QStringLiteral("cannot add %1").arg(printableName(entry.path)));
        return {};
    }

    Status writeData(QByteArrayView data) override
    {
        if (m_format == ArchiveFormat::SevenZip) {
            // K7Zip 6.13 inserts every writeData() after the first at the file's start instead of
            // appending it, so a file goes in with one call. It holds the whole archive in memory
            // anyway, which is why 7z exports are capped.
            m_pending.append(data);
            return {};
        }
        if (!m_archive->writeData(data))
            return failure(QStringLiteral("cannot write %1").arg(printableName(m_current)));
        m_written += data.size();
        return {};
    }

    Status endFile() override
    {
        if (m_format == ArchiveFormat::SevenZip) {
            const bool ok = m_pending.isEmpty() || m_archive->writeData(m_pending);
            m_written = m_pending.size();
            m_pending = QByteArray();
            if (!ok)
                return failure(QStringLiteral("cannot write %1").arg(printableName(m_current)));
        }
        if (!m_archive->finishWriting(m_written))
            return failure(QStringLiteral("cannot write %1").arg(printableName(m_current)));
        return {};
    }

    Status finish() override
    {
        if (!m_archive->close())
            return failure(QStringLiteral("cannot finish the %1 archive").arg(archiveFormatName(m_format)));
        if (m_compressor && m_compressor->isOpen())
            m_compressor->close();
        return {};
    }

private:
    Status failure(const QString &what) const
    {
        QString why = m_archive->errorString();
        if (why.isEmpty() || why == QLatin1String("Unknown error"))
            why = m_device->errorString();
        return Error::io(QStringLiteral("%1: %2").arg(what, why));
    }

    ArchiveFormat m_format;
    QIODevice *m_device;
    std::unique_ptr<KCompressionDevice> m_compressor;
    std::unique_ptr<KArchive> m_archive;
    QByteArray m_current;
    qint64 m_written = 0;
    OwnerNames m_owners;
    QByteArray m_pending; // 7z: the current file's content, see writeData()
};

} // namespace

Result<std::unique_ptr<ArchiveWriter>> ArchiveWriter::create(ArchiveFormat format, QIODevice *device,
                                                             const ArchiveWriterOptions &options)
{
    if (format == ArchiveFormat::Zip) {
        auto writer = std::make_unique<ZipWriter>(device, options);
        STRATA_TRY(writer->open());
        return std::unique_ptr<ArchiveWriter>(std::move(writer));
    }
    auto writer = std::make_unique<KArchiveWriter>(format, device);
    STRATA_TRY(writer->open());
    return std::unique_ptr<ArchiveWriter>(std::move(writer));
}

} // namespace strata
