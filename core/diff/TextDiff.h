// Comparing two texts line by line, as `diff` does, with the changes inside changed lines.
//
// The line diff is libgit2's (its xdiff, the algorithm git uses); what it returns is kept as
// change blocks without context, so the same result serves a side-by-side view (every line,
// aligned) and a unified diff (the hunks `diff -u` prints, grouped here by the same rule).
// A line is its bytes up to '\n', a '\r' before it included: a CRLF file against an LF one
// differs on every line, as it does for `diff`. A last line without '\n' differs from the same
// line with one, and the unified diff says "\ No newline at end of file".
//
// Texts are compared as bytes in their own encoding (UTF-8 or Latin-1: line ends are the same
// bytes), except UTF-16, which is converted to UTF-8 first; the encoding only decides how a
// line is shown.
#pragma once

#include "util/Cancel.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace strata {

enum class TextEncoding : quint8
{
    Utf8,
    Utf8Bom,
    Utf16LE,
    Utf16BE,
    Latin1
};
QString textEncodingName(TextEncoding encoding);

// How `bytes` are best read as text: a byte order mark decides; otherwise valid UTF-8 is UTF-8,
// anything else without NUL bytes is Latin-1. Nothing (binary) when a NUL byte appears in the
// first 8,000 bytes of a file without a UTF-16 mark, as git and GNU diff decide.
std::optional<TextEncoding> detectTextEncoding(QByteArrayView bytes);

// A text cut into lines.
class TextLines final
{
public:
    TextLines() = default;
    // `bytes` in `encoding`; UTF-16 is converted to UTF-8 (its mark dropped).
    TextLines(QByteArray bytes, TextEncoding encoding);

    TextEncoding encoding() const { return m_encoding; }
    const QByteArray &bytes() const { return m_bytes; }
    int count() const { return int(m_starts.size()) - 1; }
    // Line i (0-based) without its '\n'.
    QByteArrayView line(int i) const;
    // Line i as it reads (Latin-1 decoded as Latin-1, everything else as UTF-8), with no '\r'.
    QString text(int i) const;
    // Whether the last line ends with '\n' (true for an empty text).
    bool finalNewline() const { return m_finalNewline; }

private:
    TextEncoding m_encoding = TextEncoding::Utf8;
    QByteArray m_bytes;
    QList<qsizetype> m_starts{0}; // line i is [m_starts[i], m_starts[i + 1] - 1)
    bool m_finalNewline = true;
};

// A run of lines of the old text replaced by a run of lines of the new one; either may be
// empty. Starts are 0-based line indexes; an empty run starts where it would be inserted.
struct LineChange
{
    int oldStart = 0, oldCount = 0;
    int newStart = 0, newCount = 0;
};

// Bytes of one line that changed, next to the line it is paired with.
struct InlineSpan
{
    int start = 0, length = 0;
};

struct TextDiff
{
    TextLines a, b;
    QList<LineChange> changes; // in order, never touching each other
    // Within a change, the k-th old line is paired with the k-th new line (as many as both
    // have); these are the bytes of each paired line that are not in the other, by line index.
    // Lines longer than 10,000 bytes and changes past the first 20,000 pairs get none.
    QHash<int, QList<InlineSpan>> inlineA, inlineB;
    qint64 linesRemoved = 0, linesAdded = 0;
    bool identical() const { return changes.isEmpty(); }
};

// Compares two texts. Cancelled between the steps (the line diff itself runs to its end).
Result<TextDiff> diffTexts(TextLines a, TextLines b, const CancelToken &cancel = {});

// The changed bytes of two lines, word by word (letters, digits and '_' make words; every other
// byte stands alone; runs of spaces are one token).
void diffLine(QByteArrayView a, QByteArrayView b, QList<InlineSpan> *spansA, QList<InlineSpan> *spansB);

// One hunk of a unified diff: a stretch of both texts with `context` unchanged lines around
// its changes; changes closer than 2 * context lines share a hunk, as in `diff -u`.
struct DiffHunk
{
    int oldStart = 0, oldCount = 0; // 0-based
    int newStart = 0, newCount = 0;
    int firstChange = 0, changeCount = 0; // indexes into TextDiff::changes
};
QList<DiffHunk> diffHunks(const TextDiff &diff, int context = 3);

// The unified diff `diff -u` prints for these texts, after a "--- labelA" / "+++ labelB"
// header (without dates); nothing when they are equal. Lines in the texts' own bytes (UTF-16 as
// UTF-8).
QByteArray unifiedDiff(const TextDiff &diff, const QByteArray &labelA, const QByteArray &labelB,
                       int context = 3);

} // namespace strata
