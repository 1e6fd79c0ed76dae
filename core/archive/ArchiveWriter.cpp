#include "archive/ArchiveWriter.h"

#include "archive/WriterFactories.h"
#include "util/Paths.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <QDateTime>
#include <QFile>

#include <sys/stat.h>

#include <utility>

namespace strata {

ArchiveWriter::~ArchiveWriter() = default;

namespace {

// ---- zip ------------------------------------------------------------------------------------

QString printableName(const QByteArray &path)
{
    return QFile::decodeName(path);
}

class ExtraField
{
public:
    void put8(quint8 v) { m_data.append(char(v)); }
    void put16(quint16 v) { putLe(v, 2); }
    void put32(quint32 v) { putLe(v, 4); }
    void put64(quint64 v) { putLe(v, 8); }
    QByteArray take() { return std::exchange(m_data, {}); }

private:
    void putLe(quint64 v, int n)
    {
        for (int i = 0; i < n; ++i)
            m_data.append(char((v >> (8 * i)) & 0xff));
    }
    QByteArray m_data;
};

// Zip's own time stamp is local time in two-second steps from 1980 to 2107; three extra fields
// carry the rest. "NTFS" (0x000a) holds 100 ns steps from 1601 to 30828, which 7-Zip and
// Windows read, and unzip 6 for 1970 to 2106; "extended timestamp" (0x5455, Info-ZIP's) holds
// the second in UTC, written only from 1970 to 2038 because unzip reads it as signed 32 bits
// and libarchive as unsigned (a 1960 stamp would come back as 2096); "Unix ux" (0x7875) holds
// the owner's uid and gid, which unzip -X and bsdtar -p restore.
QByteArray zipExtraFields(const ArchiveEntry &entry, bool local)
{
    ExtraField f;
    const Timestamp &t = entry.mtime;
    if (t.sec >= 0 && t.sec <= INT32_MAX) {
        f.put16(0x5455);
        f.put16(5);
        f.put8(1); // the modification time is present
        f.put32(quint32(qint32(t.sec)));
    }
    const quint64 fileTime = toFileTime(t);
    f.put16(0x000a);
    f.put16(32);
    f.put32(0); // reserved
    f.put16(1); // attribute 1: the three times
    f.put16(24);
    f.put64(fileTime); // modified
    f.put64(fileTime); // accessed: not kept, so the same
    f.put64(fileTime); // created: the same
    if (local) {       // readers take the owner from the local header only
        f.put16(0x7875);
        f.put16(11);
        f.put8(1); // version
        f.put8(4);
        f.put32(entry.uid);
        f.put8(4);
        f.put32(entry.gid);
    }
    return f.take();
}

// The DOS date and time, in local time, clamped to what the field holds.
QDateTime dosDateTime(const Timestamp &t)
{
    static const QDateTime first(QDate(1980, 1, 1), QTime(0, 0));
    static const QDateTime last(QDate(2107, 12, 31), QTime(23, 59, 58));
    const QDateTime local = t.toDateTime().toLocalTime();
    return local < first ? first : local > last ? last : local;
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
        const bool utf8 = paths::isUtf8(name);
        m_zip.setUtf8Enabled(utf8);
        QuaZipNewInfo info(utf8 ? QString::fromUtf8(name) : QString::fromLatin1(name));
        info.dateTime = dosDateTime(entry.mtime);
        info.externalAttr = ((typeBits | (entry.mode & 07777)) << 16) | dosAttr;
        info.extraLocal = zipExtraFields(entry, true);
        info.extraGlobal = zipExtraFields(entry, false);
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

} // namespace

Result<std::unique_ptr<ArchiveWriter>> ArchiveWriter::create(ArchiveFormat format, QIODevice *device,
                                                             const ArchiveWriterOptions &options)
{
    if (format == ArchiveFormat::Zip) {
        auto writer = std::make_unique<ZipWriter>(device, options);
        STRATA_TRY(writer->open());
        return std::unique_ptr<ArchiveWriter>(std::move(writer));
    }
    if (format == ArchiveFormat::SevenZip)
        return createSevenZipWriter(device);
    return createTarWriter(format, device);
}

} // namespace strata
