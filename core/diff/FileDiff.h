// Comparing two versions of one file: texts line by line, anything else by size and content
// hash with the first byte where they part. Images are recognised by their signature so a
// viewer can decode and show them side by side (decoding needs Qt Gui, which the core does not
// link); here they are compared as bytes.
//
// Files are compared in memory; one larger than MaxDiffBytes is compared by size and hash
// only, read in pieces.
#pragma once

#include "diff/TextDiff.h"
#include "repo/Repository.h"
#include "util/Cancel.h"

#include <optional>

namespace strata {

enum class ContentKind : quint8
{
    Text,
    Image,
    Binary
};
QString contentKindName(ContentKind kind);

// The files compared line by line at most (each side).
inline constexpr qint64 MaxTextDiffBytes = 64ll << 20;

// "png", "jpeg", "gif", "bmp", "webp" when the bytes start with that format's signature.
QString imageFormatOf(QByteArrayView bytes);

// One side of a comparison: the file's bytes (when at most MaxTextDiffBytes) or only its size
// and hash, and whether it exists at all.
struct FileSide
{
    bool exists = false;
    qint64 size = 0;
    QByteArray sha256;                    // of the whole content
    QByteArray bytes;                     // the content, when `complete`
    bool complete = false;                // false: too large to hold, compared by hash only
    std::optional<QByteArray> linkTarget; // a symbolic link: its target instead of content
};

// Reads a file of a version (its chunks, in order), checking that what comes back has the size
// the version recorded.
Result<FileSide> readVersionFile(Repository &repo, const Node &node, const CancelToken &cancel = {});
// Reads a file (or the target of a link) on disk; a missing one is a side that does not exist.
Result<FileSide> readDiskFile(const QByteArray &path, const CancelToken &cancel = {});

struct FileDiff
{
    ContentKind kind = ContentKind::Binary;
    QString imageFormat; // Image: of the new side (or the old one when it is gone)
    FileSide a, b;
    // Text: when both sides are text and complete; an absent side counts as empty.
    std::optional<TextDiff> text;
    // The first byte offset where the contents differ (the shorter one's size when one is the
    // start of the other); -1 when they are equal.
    qint64 firstDifference = -1;
    bool identical() const
    {
        return a.exists == b.exists && a.sha256 == b.sha256 && a.linkTarget == b.linkTarget;
    }
};

// Compares two sides (either may not exist). Cancelled between steps.
Result<FileDiff> diffFiles(FileSide a, FileSide b, const CancelToken &cancel = {});

} // namespace strata
