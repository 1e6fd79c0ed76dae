#include "diff/TextDiff.h"

#include <QStringDecoder>

#include <git2.h>

#include <algorithm>
#include <mutex>

namespace strata {

namespace {

constexpr int MaxInlineLine = 10000;
constexpr int MaxInlinePairs = 20000;

void initLibgit2()
{
    // Counted by libgit2; never shut down, so every thread may diff at any time.
    static std::once_flag once;
    std::call_once(once, [] { git_libgit2_init(); });
}

// Runs libgit2's line diff on two buffers and hands each change block (no context) to `each`.
// Returns false when libgit2 failed.
template <typename Each>
bool diffBuffers(QByteArrayView a, QByteArrayView b, Each each)
{
    initLibgit2();
    git_diff_options options;
    git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION);
    options.context_lines = 0;
    options.interhunk_lines = 0;
    options.flags = GIT_DIFF_FORCE_TEXT;
    options.max_size = -1; // never "binary" by size: the caller decided what is text
    struct Payload
    {
        Each *each;
    } payload{&each};
    const auto onHunk = [](const git_diff_delta *, const git_diff_hunk *hunk, void *p) -> int {
        // An empty run's start is the line before it (1-based), which is where it goes 0-based.
        LineChange c;
        c.oldCount = hunk->old_lines;
        c.newCount = hunk->new_lines;
        c.oldStart = c.oldCount > 0 ? hunk->old_start - 1 : hunk->old_start;
        c.newStart = c.newCount > 0 ? hunk->new_start - 1 : hunk->new_start;
        (*static_cast<Payload *>(p)->each)(c);
        return 0;
    };
    // libgit2 takes no null pointers, even for empty buffers.
    static const char nothing = 0;
    const int rc = git_diff_buffers(a.isEmpty() ? &nothing : a.data(), std::size_t(a.size()), nullptr,
                                    b.isEmpty() ? &nothing : b.data(), std::size_t(b.size()), nullptr,
                                    &options, nullptr, nullptr, onHunk, nullptr, &payload);
    return rc == 0;
}

bool isWordByte(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
           u == '_';
}

// A line cut into tokens, one per line of `joined`, with where each starts in the line.
struct Tokens
{
    QByteArray joined;
    QList<int> starts; // token i is [starts[i], starts[i + 1]) in the line
};

Tokens tokenize(QByteArrayView line)
{
    Tokens t;
    t.joined.reserve(line.size() * 2);
    qsizetype i = 0;
    while (i < line.size()) {
        const qsizetype start = i;
        const char c = line[i];
        if (isWordByte(c)) {
            while (i < line.size() && isWordByte(line[i]))
                ++i;
        } else if (c == ' ' || c == '\t') {
            while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
                ++i;
        } else {
            ++i;
        }
        t.starts.append(int(start));
        t.joined.append(line.sliced(start, i - start));
        t.joined.append('\n');
    }
    t.starts.append(int(line.size()));
    return t;
}

void addSpan(QList<InlineSpan> *spans, int start, int end)
{
    if (end <= start)
        return;
    if (!spans->isEmpty() && spans->last().start + spans->last().length == start)
        spans->last().length += end - start; // neighbours read as one change
    else
        spans->append({start, end - start});
}

QByteArray rangeText(int start, int count)
{
    // `diff -u`: "first,count" 1-based; "first" alone for one line; an empty run names the line
    // before it.
    if (count == 0)
        return QByteArray::number(start) + ",0";
    if (count == 1)
        return QByteArray::number(start + 1);
    return QByteArray::number(start + 1) + ',' + QByteArray::number(count);
}

void appendLine(QByteArray &out, char mark, const TextLines &text, int i)
{
    out.append(mark);
    out.append(text.line(i));
    out.append('\n');
    if (i == text.count() - 1 && !text.finalNewline())
        out.append("\\ No newline at end of file\n");
}

} // namespace

QString textEncodingName(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8:
        return QStringLiteral("UTF-8");
    case TextEncoding::Utf8Bom:
        return QStringLiteral("UTF-8 (BOM)");
    case TextEncoding::Utf16LE:
        return QStringLiteral("UTF-16LE");
    case TextEncoding::Utf16BE:
        return QStringLiteral("UTF-16BE");
    case TextEncoding::Latin1:
        return QStringLiteral("ISO-8859-1");
    }
    return {};
}

std::optional<TextEncoding> detectTextEncoding(QByteArrayView bytes)
{
    if (bytes.startsWith("\xEF\xBB\xBF"))
        return TextEncoding::Utf8Bom;
    if (bytes.startsWith("\xFF\xFE") && bytes.size() % 2 == 0)
        return TextEncoding::Utf16LE;
    if (bytes.startsWith("\xFE\xFF") && bytes.size() % 2 == 0)
        return TextEncoding::Utf16BE;
    if (bytes.first(std::min<qsizetype>(bytes.size(), 8000)).contains('\0'))
        return std::nullopt;
    if (!bytes.isValidUtf8())
        return TextEncoding::Latin1;
    return TextEncoding::Utf8;
}

TextLines::TextLines(QByteArray bytes, TextEncoding encoding) : m_encoding(encoding)
{
    if (encoding == TextEncoding::Utf16LE || encoding == TextEncoding::Utf16BE) {
        QStringDecoder decoder(encoding == TextEncoding::Utf16LE ? QStringDecoder::Utf16LE
                                                                 : QStringDecoder::Utf16BE,
                               QStringDecoder::Flag::Stateless);
        m_bytes = QString(decoder.decode(QByteArrayView(bytes).sliced(2))).toUtf8();
    } else {
        m_bytes = std::move(bytes);
    }
    m_starts.clear();
    m_starts.append(0);
    qsizetype at = 0;
    while (at < m_bytes.size()) {
        const qsizetype nl = m_bytes.indexOf('\n', at);
        at = nl < 0 ? m_bytes.size() : nl + 1;
        m_starts.append(nl < 0 ? at + 1 : at); // as if every line ended with '\n'
    }
    m_finalNewline = m_bytes.isEmpty() || m_bytes.endsWith('\n');
}

QByteArrayView TextLines::line(int i) const
{
    const qsizetype start = m_starts[i];
    return QByteArrayView(m_bytes).sliced(start, m_starts[i + 1] - 1 - start);
}

QString TextLines::text(int i) const
{
    QByteArrayView l = line(i);
    if (l.endsWith('\r'))
        l.chop(1);
    return m_encoding == TextEncoding::Latin1 ? QString::fromLatin1(l) : QString::fromUtf8(l);
}

void diffLine(QByteArrayView a, QByteArrayView b, QList<InlineSpan> *spansA, QList<InlineSpan> *spansB)
{
    const Tokens ta = tokenize(a), tb = tokenize(b);
    const bool ok = diffBuffers(ta.joined, tb.joined, [&](const LineChange &c) {
        addSpan(spansA, ta.starts[c.oldStart], ta.starts[c.oldStart + c.oldCount]);
        addSpan(spansB, tb.starts[c.newStart], tb.starts[c.newStart + c.newCount]);
    });
    if (!ok) { // cannot happen for in-memory text; say the whole lines differ rather than nothing
        spansA->clear();
        spansB->clear();
        addSpan(spansA, 0, int(a.size()));
        addSpan(spansB, 0, int(b.size()));
    }
}

Result<TextDiff> diffTexts(TextLines a, TextLines b, const CancelToken &cancel)
{
    TextDiff diff;
    diff.a = std::move(a);
    diff.b = std::move(b);
    STRATA_TRY(cancel.check());
    // libgit2 compares what it is given as text; a text without a final '\n' ends in a line
    // that differs from the same line with one, as `diff` has it.
    const bool ok = diffBuffers(diff.a.bytes(), diff.b.bytes(), [&](const LineChange &c) {
        diff.changes.append(c);
        diff.linesRemoved += c.oldCount;
        diff.linesAdded += c.newCount;
    });
    if (!ok) {
        const git_error *e = git_error_last();
        return Error::io(QStringLiteral("cannot compare the texts: %1")
                             .arg(e ? QString::fromUtf8(e->message) : QStringLiteral("libgit2 failed")));
    }
    int pairs = 0;
    for (const LineChange &c : std::as_const(diff.changes)) {
        const int n = std::min(c.oldCount, c.newCount);
        for (int k = 0; k < n && pairs < MaxInlinePairs; ++k, ++pairs) {
            if (pairs % 256 == 0)
                STRATA_TRY(cancel.check());
            const QByteArrayView la = diff.a.line(c.oldStart + k), lb = diff.b.line(c.newStart + k);
            if (la.size() > MaxInlineLine || lb.size() > MaxInlineLine)
                continue;
            QList<InlineSpan> sa, sb;
            diffLine(la, lb, &sa, &sb);
            if (!sa.isEmpty())
                diff.inlineA.insert(c.oldStart + k, sa);
            if (!sb.isEmpty())
                diff.inlineB.insert(c.newStart + k, sb);
        }
    }
    return diff;
}

QList<DiffHunk> diffHunks(const TextDiff &diff, int context)
{
    QList<DiffHunk> hunks;
    const int n = int(diff.changes.size());
    for (int i = 0; i < n;) {
        const LineChange &first = diff.changes[i];
        int last = i;
        while (last + 1 < n) {
            const LineChange &prev = diff.changes[last], &next = diff.changes[last + 1];
            if (next.oldStart - (prev.oldStart + prev.oldCount) > 2 * context)
                break;
            ++last;
        }
        const LineChange &end = diff.changes[last];
        // Unchanged lines before a change are as many in both texts.
        const int before = std::min(context, first.oldStart);
        const int afterOld = std::min(context, diff.a.count() - (end.oldStart + end.oldCount));
        const int afterNew = std::min(context, diff.b.count() - (end.newStart + end.newCount));
        const int after = std::min(afterOld, afterNew);
        DiffHunk h;
        h.oldStart = first.oldStart - before;
        h.newStart = first.newStart - before;
        h.oldCount = end.oldStart + end.oldCount + after - h.oldStart;
        h.newCount = end.newStart + end.newCount + after - h.newStart;
        h.firstChange = i;
        h.changeCount = last - i + 1;
        hunks.append(h);
        i = last + 1;
    }
    return hunks;
}

QByteArray unifiedDiff(const TextDiff &diff, const QByteArray &labelA, const QByteArray &labelB, int context)
{
    if (diff.identical())
        return {};
    QByteArray out = "--- " + labelA + "\n+++ " + labelB + '\n';
    for (const DiffHunk &h : diffHunks(diff, context)) {
        out +=
            "@@ -" + rangeText(h.oldStart, h.oldCount) + " +" + rangeText(h.newStart, h.newCount) + " @@\n";
        int oldLine = h.oldStart;
        for (int c = h.firstChange; c < h.firstChange + h.changeCount; ++c) {
            const LineChange &change = diff.changes[c];
            for (; oldLine < change.oldStart; ++oldLine)
                appendLine(out, ' ', diff.a, oldLine);
            for (int k = 0; k < change.oldCount; ++k)
                appendLine(out, '-', diff.a, change.oldStart + k);
            for (int k = 0; k < change.newCount; ++k)
                appendLine(out, '+', diff.b, change.newStart + k);
            oldLine = change.oldStart + change.oldCount;
        }
        for (; oldLine < h.oldStart + h.oldCount; ++oldLine)
            appendLine(out, ' ', diff.a, oldLine);
    }
    return out;
}

} // namespace strata
