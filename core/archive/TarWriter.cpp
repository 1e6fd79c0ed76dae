// POSIX pax archives (IEEE Std 1003.1, "pax Interchange Format"): a 512-byte ustar header per
// entry, preceded by an extended header ('x') for whatever ustar cannot hold: a time stamp
// before 1970, past 2242 or with nanoseconds, a long or non-ASCII name, a size from 8 GiB, ids
// from 2^21, long owner names. GNU tar, bsdtar and 7z read all of it.
#include "archive/WriterFactories.h"
#include "util/Paths.h"

#include <KCompressionDevice>

#include <QFile>

#include <algorithm>
#include <cstring>

namespace strata {

namespace {

constexpr qint64 kBlock = 512;

bool isAscii(const QByteArray &bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return uchar(c) < 0x80 && c != 0; });
}

// Writes `value` as width-1 octal digits and a NUL; false when it does not fit.
bool putOctal(char *field, int width, quint64 value)
{
    const int digits = width - 1;
    if (digits < 22 && value >> (3 * digits))
        return false;
    field[digits] = 0;
    for (int i = digits - 1; i >= 0; --i) {
        field[i] = char('0' + (value & 7));
        value >>= 3;
    }
    return true;
}

// A pax time value: seconds with an optional fraction, negative before 1970 ("-1.25" is a
// quarter of a second after 1969-12-31 23:59:58).
QByteArray paxTime(const Timestamp &t)
{
    qint64 whole = t.sec;
    quint32 frac = t.nsec;
    QByteArray text;
    if (t.sec < 0) {
        text = "-";
        if (frac) {
            whole = -(t.sec + 1);
            frac = 1000000000 - frac;
        } else {
            whole = -t.sec;
        }
    }
    // -2^63 has no positive counterpart in qint64; its magnitude fits quint64.
    text += QByteArray::number(quint64(whole));
    if (frac) {
        QByteArray f = QByteArray::number(frac).rightJustified(9, '0');
        while (f.endsWith('0'))
            f.chop(1);
        text += '.' + f;
    }
    return text;
}

// One "LENGTH key=value\n" record, LENGTH counting itself.
QByteArray paxRecord(const QByteArray &key, const QByteArray &value)
{
    const qsizetype base = key.size() + value.size() + 3; // ' ', '=', '\n'
    qsizetype length = base + QByteArray::number(base).size();
    if (QByteArray::number(length).size() != QByteArray::number(base).size())
        length = base + QByteArray::number(length).size();
    return QByteArray::number(length) + ' ' + key + '=' + value + '\n';
}

class TarWriter final : public ArchiveWriter
{
public:
    TarWriter(ArchiveFormat format, QIODevice *device)
        : m_format(format), m_device(device),
          m_out(device, false,
                format == ArchiveFormat::TarGz   ? KCompressionDevice::GZip
                : format == ArchiveFormat::TarXz ? KCompressionDevice::Xz
                                                 : KCompressionDevice::Zstd)
    {}

    Status open()
    {
        if (!m_out.open(QIODevice::WriteOnly))
            return Error::io(QStringLiteral("cannot start the %1 compressor: %2")
                                 .arg(archiveFormatName(m_format), m_out.errorString()));
        return {};
    }

    Status addDirectory(const ArchiveEntry &entry) override
    {
        return writeHeader(entry, entry.path + '/', '5', 0);
    }

    Status addSymlink(const ArchiveEntry &entry) override { return writeHeader(entry, entry.path, '2', 0); }

    Status beginFile(const ArchiveEntry &entry) override
    {
        m_current = entry.path;
        m_expected = entry.size;
        m_written = 0;
        return writeHeader(entry, entry.path, '0', entry.size);
    }

    Status writeData(QByteArrayView data) override
    {
        if (m_written + data.size() > m_expected)
            return Error{ErrorCode::Internal, QStringLiteral("%1: more data than the %2 bytes announced")
                                                  .arg(QFile::decodeName(m_current))
                                                  .arg(m_expected)};
        m_written += data.size();
        return put(data);
    }

    Status endFile() override
    {
        if (m_written != m_expected)
            return Error{ErrorCode::Internal, QStringLiteral("%1: %2 bytes written of the %3 announced")
                                                  .arg(QFile::decodeName(m_current))
                                                  .arg(m_written)
                                                  .arg(m_expected)};
        return pad(m_written);
    }

    Status finish() override
    {
        // Two zero blocks end the archive.
        STRATA_TRY(put(QByteArray(2 * kBlock, '\0')));
        m_current.clear();
        m_out.close();
        if (auto *file = qobject_cast<QFileDevice *>(m_device); file && file->error() != QFileDevice::NoError)
            return failure(QStringLiteral("cannot finish the %1 archive").arg(archiveFormatName(m_format)));
        return {};
    }

private:
    Status writeHeader(const ArchiveEntry &entry, const QByteArray &name, char type, qint64 size)
    {
        m_current = entry.path;
        QByteArray pax;
        bool binary = false;
        char header[kBlock];
        std::memset(header, 0, sizeof header);

        // Name: 100 bytes, or a prefix of up to 155 and a name of up to 100 split at a '/'.
        if (!isAscii(name) || !splitName(name, header)) {
            pax += paxRecord("path", name);
            binary |= !paths::isUtf8(name);
            const QByteArray fallback = fallbackName(name);
            std::memcpy(header, fallback.constData(), fallback.size());
        }
        if (type == '2') {
            if (isAscii(entry.linkTarget) && entry.linkTarget.size() <= 100) {
                std::memcpy(header + 157, entry.linkTarget.constData(), entry.linkTarget.size());
            } else {
                pax += paxRecord("linkpath", entry.linkTarget);
                binary |= !paths::isUtf8(entry.linkTarget);
            }
        }
        putOctal(header + 100, 8, (type == '2' ? 0777 : entry.mode & 07777));
        if (!putOctal(header + 108, 8, entry.uid)) {
            pax += paxRecord("uid", QByteArray::number(entry.uid));
            putOctal(header + 108, 8, 0);
        }
        if (!putOctal(header + 116, 8, entry.gid)) {
            pax += paxRecord("gid", QByteArray::number(entry.gid));
            putOctal(header + 116, 8, 0);
        }
        if (!putOctal(header + 124, 12, quint64(size))) {
            pax += paxRecord("size", QByteArray::number(size));
            putOctal(header + 124, 12, 0);
        }
        const Timestamp &t = entry.mtime;
        if (t.sec < 0 || t.nsec != 0 || !putOctal(header + 136, 12, quint64(t.sec))) {
            pax += paxRecord("mtime", paxTime(t));
            putOctal(header + 136, 12, t.sec < 0 ? 0 : std::min<quint64>(quint64(t.sec), 077777777777));
        }
        header[156] = type;
        std::memcpy(header + 257, "ustar", 6); // with its NUL
        std::memcpy(header + 263, "00", 2);
        putOwnerName(entry.user, "uname", header + 265, pax);
        putOwnerName(entry.group, "gname", header + 297, pax);
        putOctal(header + 329, 8, 0);
        putOctal(header + 337, 8, 0);

        if (!pax.isEmpty()) {
            if (binary)
                pax.prepend(paxRecord("hdrcharset", "BINARY"));
            STRATA_TRY(writeExtendedHeader(name, pax));
        }
        finishHeader(header);
        return put(QByteArrayView(header, kBlock));
    }

    // Fills the ustar name fields; false when the name does not fit them.
    static bool splitName(const QByteArray &name, char *header)
    {
        if (name.size() <= 100) {
            std::memcpy(header, name.constData(), name.size());
            return true;
        }
        // The last '/' that leaves at most 100 bytes after it and at most 155 before it.
        for (qsizetype slash = name.size() - 1; slash > 0; --slash) {
            if (name[slash] != '/')
                continue;
            const qsizetype rest = name.size() - slash - 1;
            if (rest > 100)
                break;
            if (slash <= 155 && rest > 0) {
                std::memcpy(header + 345, name.constData(), slash);
                std::memcpy(header, name.constData() + slash + 1, rest);
                return true;
            }
        }
        return false;
    }

    // What a reader that ignores pax headers shows: the name's last part, made ASCII.
    static QByteArray fallbackName(const QByteArray &name)
    {
        QByteArray out = name.endsWith('/') ? name.left(name.size() - 1) : name;
        out = out.mid(out.lastIndexOf('/') + 1);
        for (char &c : out)
            if (uchar(c) >= 0x80)
                c = '_';
        out = out.left(99 - (name.endsWith('/') ? 1 : 0));
        return name.endsWith('/') ? out + '/' : out;
    }

    static void putOwnerName(const QByteArray &owner, const char *key, char *field, QByteArray &pax)
    {
        if (owner.isEmpty())
            return;
        if (isAscii(owner) && owner.size() < 32)
            std::memcpy(field, owner.constData(), owner.size());
        else
            pax += paxRecord(key, owner);
    }

    static void finishHeader(char *header)
    {
        std::memset(header + 148, ' ', 8);
        quint32 sum = 0;
        for (int i = 0; i < kBlock; ++i)
            sum += uchar(header[i]);
        putOctal(header + 148, 7, sum); // six digits, a NUL, and the space already there
    }

    Status writeExtendedHeader(const QByteArray &name, const QByteArray &records)
    {
        char header[kBlock];
        std::memset(header, 0, sizeof header);
        const QByteArray paxName = "PaxHeaders/" + fallbackName(name).left(88);
        std::memcpy(header, paxName.constData(), paxName.size());
        putOctal(header + 100, 8, 0644);
        putOctal(header + 108, 8, 0);
        putOctal(header + 116, 8, 0);
        putOctal(header + 124, 12, quint64(records.size()));
        putOctal(header + 136, 12, 0);
        header[156] = 'x';
        std::memcpy(header + 257, "ustar", 6);
        std::memcpy(header + 263, "00", 2);
        finishHeader(header);
        STRATA_TRY(put(QByteArrayView(header, kBlock)));
        STRATA_TRY(put(records));
        return pad(records.size());
    }

    Status pad(qint64 written)
    {
        const qint64 rest = written % kBlock;
        return rest ? put(QByteArray(kBlock - rest, '\0')) : Status{};
    }

    Status put(QByteArrayView data)
    {
        if (m_out.write(data.data(), data.size()) != data.size())
            return failure(
                m_current.isEmpty()
                    ? QStringLiteral("cannot write the %1 archive").arg(archiveFormatName(m_format))
                    : QStringLiteral("cannot write %1").arg(QFile::decodeName(m_current)));
        return {};
    }

    Status failure(const QString &what) const
    {
        QString why = m_device->errorString();
        if (why.isEmpty() || why == QLatin1String("Unknown error"))
            why = m_out.errorString();
        return Error::io(QStringLiteral("%1: %2").arg(what, why));
    }

    ArchiveFormat m_format;
    QIODevice *m_device;
    KCompressionDevice m_out;
    QByteArray m_current;
    qint64 m_expected = 0, m_written = 0;
};

} // namespace

Result<std::unique_ptr<ArchiveWriter>> createTarWriter(ArchiveFormat format, QIODevice *device)
{
    auto writer = std::make_unique<TarWriter>(format, device);
    STRATA_TRY(writer->open());
    return std::unique_ptr<ArchiveWriter>(std::move(writer));
}

} // namespace strata
