// 7z archives as 7-Zip itself writes a solid one: a 32-byte start header, every file's content
// in one LZMA2 stream, then the header that names the files (sizes, CRCs, names in UTF-16,
// times as FILETIME, attributes with the Unix mode in the high 16 bits, as p7zip reads them).
// Content streams to the device as it comes; only the per-file header fields stay in memory, so
// the size of an export is bounded by the disk, not by RAM. The start header, which points at
// the header at the end, is written last, which is why the device must be seekable.
#include "archive/WriterFactories.h"

#include <QFile>
#include <QFileDevice>

#include <lzma.h>
#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <vector>

namespace strata {

namespace {

// Property ids of the 7z header (7-Zip's 7zFormat.txt).
enum : quint8
{
    kEnd = 0x00,
    kHeader = 0x01,
    kMainStreamsInfo = 0x04,
    kFilesInfo = 0x05,
    kPackInfo = 0x06,
    kUnPackInfo = 0x07,
    kSubStreamsInfo = 0x08,
    kSize = 0x09,
    kCRC = 0x0A,
    kFolder = 0x0B,
    kCodersUnPackSize = 0x0C,
    kNumUnPackStream = 0x0D,
    kEmptyStream = 0x0E,
    kEmptyFile = 0x0F,
    kName = 0x11,
    kMTime = 0x14,
    kWinAttributes = 0x15,
};

constexpr quint8 kLzma2Id = 0x21;
constexpr quint32 kAttrDirectory = 0x10;
constexpr quint32 kAttrArchive = 0x20;
constexpr quint32 kAttrUnixExtension = 0x8000; // the high 16 bits hold st_mode

class Bytes
{
public:
    void byte(quint8 b) { m_data.append(char(b)); }
    void le(quint64 v, int n)
    {
        for (int i = 0; i < n; ++i)
            byte(quint8(v >> (8 * i)));
    }
    // 7z's variable-length number: the leading one bits of the first byte count the bytes after.
    void number(quint64 v)
    {
        quint8 first = 0;
        quint8 mask = 0x80;
        int extra = 0;
        for (; extra < 8; ++extra) {
            if (v < (quint64(1) << (7 * (extra + 1)))) {
                first |= quint8(v >> (8 * extra));
                break;
            }
            first |= mask;
            mask >>= 1;
        }
        byte(first);
        le(v, extra);
    }
    void bits(const std::vector<bool> &v)
    {
        quint8 cur = 0;
        int n = 0;
        for (bool b : v) {
            cur = quint8(cur | (b ? 0x80 >> n : 0));
            if (++n == 8) {
                byte(cur);
                cur = 0;
                n = 0;
            }
        }
        if (n)
            byte(cur);
    }
    void append(const QByteArray &b) { m_data.append(b); }
    // A file property: id, size, body.
    void property(quint8 id, const Bytes &body)
    {
        byte(id);
        number(quint64(body.m_data.size()));
        append(body.m_data);
    }
    const QByteArray &data() const { return m_data; }

private:
    QByteArray m_data;
};

struct FileRecord
{
    QByteArray nameUtf16; // UTF-16LE without the terminating zero
    quint64 mtime = 0;    // FILETIME
    quint32 attributes = 0;
    bool hasStream = false;
    bool isDir = false;
    quint64 size = 0;
    quint32 crc = 0;
};

class SevenZipWriter final : public ArchiveWriter
{
public:
    explicit SevenZipWriter(QIODevice *device) : m_device(device) {}

    ~SevenZipWriter() override { lzma_end(&m_lzma); }

    Status open()
    {
        if (m_device->isSequential())
            return Error::invalid(QStringLiteral("a 7z archive can only be written to a file"));
        STRATA_TRY(put(QByteArray(32, '\0'), false)); // the start header, filled in by finish()
        if (lzma_lzma_preset(&m_options, 6))
            return Error{ErrorCode::Internal, QStringLiteral("liblzma has no preset 6")};
        const lzma_filter filters[] = {{LZMA_FILTER_LZMA2, &m_options}, {LZMA_VLI_UNKNOWN, nullptr}};
        if (lzma_raw_encoder(&m_lzma, filters) != LZMA_OK)
            return Error::io(QStringLiteral("cannot start the 7z (LZMA2) compressor: out of memory"));
        return {};
    }

    Status addDirectory(const ArchiveEntry &entry) override
    {
        FileRecord r = record(entry, S_IFDIR | (entry.mode & 07777));
        r.isDir = true;
        r.attributes |= kAttrDirectory;
        m_files.push_back(std::move(r));
        return {};
    }

    Status addSymlink(const ArchiveEntry &entry) override
    {
        // p7zip keeps a symlink as a file whose content is the target and whose mode says link.
        STRATA_TRY(beginEntry(record(entry, S_IFLNK | 0777)));
        STRATA_TRY(writeData(entry.linkTarget));
        return endFile();
    }

    Status beginFile(const ArchiveEntry &entry) override
    {
        m_current = entry.path;
        return beginEntry(record(entry, S_IFREG | (entry.mode & 07777)));
    }

    Status writeData(QByteArrayView data) override
    {
        FileRecord &r = m_files.back();
        // zlib's crc32 takes an unsigned int length.
        constexpr qsizetype kPiece = 1 << 30;
        for (qsizetype pos = 0; pos < data.size(); pos += kPiece) {
            const qsizetype n = std::min(kPiece, data.size() - pos);
            r.crc = quint32(::crc32(r.crc, reinterpret_cast<const Bytef *>(data.data() + pos), uInt(n)));
        }
        r.size += quint64(data.size());
        m_unpacked += quint64(data.size());
        return compress(data, LZMA_RUN);
    }

    Status endFile() override
    {
        FileRecord &r = m_files.back();
        if (r.size == 0)
            r.hasStream = false; // an empty file has no stream of its own
        return {};
    }

    Status finish() override
    {
        STRATA_TRY(compress({}, LZMA_FINISH));
        const QByteArray header = buildHeader();

        const quint64 headerOffset = m_packed;
        STRATA_TRY(put(header));
        Bytes start;
        start.le(headerOffset, 8);
        start.le(quint64(header.size()), 8);
        start.le(header.isEmpty() ? 0 : crcOf(header), 4);
        Bytes signature;
        signature.append(QByteArray("7z\xBC\xAF\x27\x1C", 6));
        signature.byte(0);
        signature.byte(4);
        signature.le(crcOf(start.data()), 4);
        signature.append(start.data());
        if (!m_device->seek(0))
            return failure(QStringLiteral("cannot finish the 7z archive"));
        STRATA_TRY(put(signature.data(), false));
        if (!m_device->seek(m_device->size()))
            return failure(QStringLiteral("cannot finish the 7z archive"));
        return {};
    }

private:
    FileRecord record(const ArchiveEntry &entry, quint32 mode) const
    {
        FileRecord r;
        const QString name = QFile::decodeName(entry.path);
        r.nameUtf16.resize(name.size() * 2);
        for (qsizetype i = 0; i < name.size(); ++i) {
            const char16_t c = name.at(i).unicode();
            r.nameUtf16[2 * i] = char(c & 0xff);
            r.nameUtf16[2 * i + 1] = char(c >> 8);
        }
        r.mtime = toFileTime(entry.mtime);
        r.attributes = kAttrUnixExtension | (mode << 16) | (S_ISDIR(mode) ? 0 : kAttrArchive);
        return r;
    }

    Status beginEntry(FileRecord r)
    {
        r.hasStream = true;
        m_files.push_back(std::move(r));
        return {};
    }

    QByteArray buildHeader() const
    {
        if (m_files.empty())
            return {};
        std::vector<const FileRecord *> streams;
        for (const FileRecord &f : m_files)
            if (f.hasStream)
                streams.push_back(&f);

        Bytes h;
        h.byte(kHeader);
        if (!streams.empty()) {
            h.byte(kMainStreamsInfo);
            h.byte(kPackInfo);
            h.number(0); // the packed stream starts right after the start header
            h.number(1);
            h.byte(kSize);
            h.number(m_packed);
            h.byte(kEnd);

            h.byte(kUnPackInfo);
            h.byte(kFolder);
            h.number(1);
            h.byte(0);        // not external
            h.number(1);      // one coder
            h.byte(0x20 | 1); // a one-byte id, with properties
            h.byte(kLzma2Id);
            h.number(1);
            h.byte(lzma2DictionaryProperty(m_options.dict_size));
            h.byte(kCodersUnPackSize);
            h.number(m_unpacked);
            h.byte(kEnd);

            h.byte(kSubStreamsInfo);
            h.byte(kNumUnPackStream);
            h.number(streams.size());
            if (streams.size() > 1) {
                h.byte(kSize);
                for (size_t i = 0; i + 1 < streams.size(); ++i)
                    h.number(streams[i]->size);
            }
            h.byte(kCRC);
            h.byte(1); // all defined
            for (const FileRecord *f : streams)
                h.le(f->crc, 4);
            h.byte(kEnd);
            h.byte(kEnd);
        }

        h.byte(kFilesInfo);
        h.number(m_files.size());
        if (streams.size() < m_files.size()) {
            std::vector<bool> empty, emptyFile;
            for (const FileRecord &f : m_files) {
                empty.push_back(!f.hasStream);
                if (!f.hasStream)
                    emptyFile.push_back(!f.isDir);
            }
            Bytes e;
            e.bits(empty);
            h.property(kEmptyStream, e);
            if (std::find(emptyFile.begin(), emptyFile.end(), true) != emptyFile.end()) {
                Bytes ef;
                ef.bits(emptyFile);
                h.property(kEmptyFile, ef);
            }
        }
        Bytes names;
        names.byte(0); // not external
        for (const FileRecord &f : m_files) {
            names.append(f.nameUtf16);
            names.le(0, 2);
        }
        h.property(kName, names);
        Bytes times;
        times.byte(1); // all defined
        times.byte(0); // not external
        for (const FileRecord &f : m_files)
            times.le(f.mtime, 8);
        h.property(kMTime, times);
        Bytes attributes;
        attributes.byte(1);
        attributes.byte(0);
        for (const FileRecord &f : m_files)
            attributes.le(f.attributes, 4);
        h.property(kWinAttributes, attributes);
        h.byte(kEnd);
        h.byte(kEnd);
        return h.data();
    }

    // LZMA2's one-byte dictionary size: (2 | (p & 1)) << (p / 2 + 11), the smallest that holds it.
    static quint8 lzma2DictionaryProperty(quint32 dict)
    {
        for (quint8 p = 0; p < 40; ++p)
            if ((quint64(2 | (p & 1)) << (p / 2 + 11)) >= dict)
                return p;
        return 40;
    }

    static quint32 crcOf(const QByteArray &data)
    {
        return quint32(::crc32(0, reinterpret_cast<const Bytef *>(data.constData()), uInt(data.size())));
    }

    Status compress(QByteArrayView data, lzma_action action)
    {
        m_lzma.next_in = reinterpret_cast<const uint8_t *>(data.data());
        m_lzma.avail_in = size_t(data.size());
        for (;;) {
            m_lzma.next_out = reinterpret_cast<uint8_t *>(m_buffer);
            m_lzma.avail_out = sizeof m_buffer;
            const lzma_ret ret = lzma_code(&m_lzma, action);
            if (ret != LZMA_OK && ret != LZMA_STREAM_END)
                return Error::io(QStringLiteral("cannot compress %1 for the 7z archive: liblzma error %2")
                                     .arg(QFile::decodeName(m_current))
                                     .arg(int(ret)));
            const qsizetype produced = qsizetype(sizeof m_buffer - m_lzma.avail_out);
            if (produced)
                STRATA_TRY(put(QByteArrayView(m_buffer, produced)));
            if (ret == LZMA_STREAM_END ||
                (action == LZMA_RUN && m_lzma.avail_in == 0 && m_lzma.avail_out != 0))
                return {};
        }
    }

    Status put(QByteArrayView data, bool counts = true)
    {
        if (m_device->write(data.data(), data.size()) != data.size())
            return failure(QStringLiteral("cannot write the 7z archive"));
        if (counts)
            m_packed += quint64(data.size());
        return {};
    }

    Status failure(const QString &what) const
    {
        QString why = m_device->errorString();
        if (why.isEmpty() || why == QLatin1String("Unknown error"))
            why = QStringLiteral("the device refused the write");
        return Error::io(QStringLiteral("%1: %2").arg(what, why));
    }

    QIODevice *m_device;
    lzma_stream m_lzma = LZMA_STREAM_INIT;
    lzma_options_lzma m_options{};
    std::vector<FileRecord> m_files;
    QByteArray m_current;
    quint64 m_packed = 0;   // compressed bytes after the start header
    quint64 m_unpacked = 0; // content bytes
    char m_buffer[1 << 16];
};

} // namespace

Result<std::unique_ptr<ArchiveWriter>> createSevenZipWriter(QIODevice *device)
{
    auto writer = std::make_unique<SevenZipWriter>(device);
    STRATA_TRY(writer->open());
    return std::unique_ptr<ArchiveWriter>(std::move(writer));
}

} // namespace strata
