#include "diff/FileDiff.h"

#include <QCryptographicHash>
#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata {

namespace {

// Adds a piece of content to a side: hashed always, kept while the side stays small enough.
class SideBuilder final
{
public:
    explicit SideBuilder(qint64 expectedSize)
    {
        m_side.exists = true;
        m_side.complete = expectedSize <= MaxTextDiffBytes;
        if (m_side.complete)
            m_side.bytes.reserve(qsizetype(expectedSize));
    }
    void add(QByteArrayView piece)
    {
        m_hash.addData(piece);
        m_side.size += piece.size();
        if (m_side.complete && m_side.size > MaxTextDiffBytes) {
            m_side.complete = false; // grew while it was read
            m_side.bytes.clear();
            m_side.bytes.squeeze();
        }
        if (m_side.complete)
            m_side.bytes.append(piece);
    }
    FileSide finish()
    {
        m_side.sha256 = m_hash.result();
        return std::move(m_side);
    }

private:
    FileSide m_side;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
};

FileSide linkSide(QByteArray target)
{
    FileSide side;
    side.exists = true;
    side.size = target.size();
    side.sha256 = QCryptographicHash::hash(target, QCryptographicHash::Sha256);
    side.bytes = target;
    side.complete = true;
    side.linkTarget = std::move(target);
    return side;
}

} // namespace

QString contentKindName(ContentKind kind)
{
    switch (kind) {
    case ContentKind::Text:
        return QStringLiteral("text");
    case ContentKind::Image:
        return QStringLiteral("image");
    case ContentKind::Binary:
        return QStringLiteral("binary");
    }
    return {};
}

QString imageFormatOf(QByteArrayView bytes)
{
    if (bytes.startsWith("\x89PNG\r\n\x1a\n"))
        return QStringLiteral("png");
    if (bytes.startsWith("\xFF\xD8\xFF"))
        return QStringLiteral("jpeg");
    if (bytes.startsWith("GIF87a") || bytes.startsWith("GIF89a"))
        return QStringLiteral("gif");
    if (bytes.startsWith("BM") && bytes.size() >= 26)
        return QStringLiteral("bmp");
    if (bytes.size() >= 12 && bytes.startsWith("RIFF") && bytes.sliced(8, 4) == "WEBP")
        return QStringLiteral("webp");
    return {};
}

Result<FileSide> readVersionFile(Repository &repo, const Node &node, const CancelToken &cancel)
{
    if (node.type == NodeType::Symlink)
        return linkSide(node.linkTarget);
    if (node.type != NodeType::File)
        return Error::invalid(QStringLiteral("%1 is not a file").arg(QFile::decodeName(node.name)));
    if (!repo.indexLoaded())
        STRATA_TRY(repo.loadIndex());
    SideBuilder side(qint64(node.size));
    for (const BlobId &chunk : node.content) {
        STRATA_TRY(cancel.check());
        Result<QByteArray> data = repo.loadBlob(chunk);
        if (!data)
            return data.error();
        side.add(*data);
    }
    FileSide done = side.finish();
    if (quint64(done.size) != node.size)
        return Error::corrupt(QStringLiteral("%1: the version records %2 bytes, its chunks hold %3")
                                  .arg(QFile::decodeName(node.name))
                                  .arg(node.size)
                                  .arg(done.size));
    return done;
}

Result<FileSide> readDiskFile(const QByteArray &path, const CancelToken &cancel)
{
    const QString shown = QFile::decodeName(path);
    struct stat st;
    if (::lstat(path.constData(), &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return FileSide{};
        return Error::io(
            QStringLiteral("cannot read %1: %2").arg(shown, QString::fromLocal8Bit(std::strerror(errno))));
    }
    if (S_ISLNK(st.st_mode)) {
        QByteArray target(qsizetype(st.st_size) + 256, Qt::Uninitialized);
        const ssize_t n = ::readlink(path.constData(), target.data(), std::size_t(target.size()));
        if (n < 0)
            return Error::io(QStringLiteral("cannot read the link %1: %2")
                                 .arg(shown, QString::fromLocal8Bit(std::strerror(errno))));
        target.truncate(n);
        return linkSide(std::move(target));
    }
    if (!S_ISREG(st.st_mode))
        return Error::invalid(QStringLiteral("%1 is not a file").arg(shown));
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return Error::io(
            QStringLiteral("cannot open %1: %2").arg(shown, QString::fromLocal8Bit(std::strerror(errno))));
    SideBuilder side(qint64(st.st_size));
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        if (cancel.cancelled()) {
            ::close(fd);
            return Error::cancelled();
        }
        const ssize_t n = ::read(fd, buffer.data(), std::size_t(buffer.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            return Error::io(
                QStringLiteral("cannot read %1: %2").arg(shown, QString::fromLocal8Bit(std::strerror(err))));
        }
        if (n == 0)
            break;
        side.add(QByteArrayView(buffer).first(n));
    }
    ::close(fd);
    return side.finish();
}

Result<FileDiff> diffFiles(FileSide a, FileSide b, const CancelToken &cancel)
{
    FileDiff diff;
    diff.a = std::move(a);
    diff.b = std::move(b);
    const FileSide &newest = diff.b.exists ? diff.b : diff.a;
    const bool links = diff.a.linkTarget || diff.b.linkTarget;
    const bool complete = (!diff.a.exists || diff.a.complete) && (!diff.b.exists || diff.b.complete);
    if (complete && diff.a.sha256 != diff.b.sha256) {
        const qsizetype n = std::min(diff.a.bytes.size(), diff.b.bytes.size());
        const auto at =
            std::mismatch(diff.a.bytes.cbegin(), diff.a.bytes.cbegin() + n, diff.b.bytes.cbegin());
        diff.firstDifference = at.first - diff.a.bytes.cbegin();
    }
    diff.imageFormat = links ? QString() : imageFormatOf(newest.bytes);
    if (!diff.imageFormat.isEmpty()) {
        diff.kind = ContentKind::Image;
        return diff;
    }
    std::optional<TextEncoding> encodingA = TextEncoding::Utf8, encodingB = TextEncoding::Utf8;
    if (diff.a.exists)
        encodingA = detectTextEncoding(diff.a.bytes);
    if (diff.b.exists)
        encodingB = detectTextEncoding(diff.b.bytes);
    if (!complete || !encodingA || !encodingB) {
        diff.kind = ContentKind::Binary;
        return diff;
    }
    // A side that is not there reads as an empty text in the other's encoding.
    if (!diff.a.exists)
        encodingA = encodingB;
    if (!diff.b.exists)
        encodingB = encodingA;
    diff.kind = ContentKind::Text;
    Result<TextDiff> text =
        diffTexts(TextLines(diff.a.bytes, *encodingA), TextLines(diff.b.bytes, *encodingB), cancel);
    if (!text)
        return text.error();
    diff.text = std::move(*text);
    return diff;
}

} // namespace strata
