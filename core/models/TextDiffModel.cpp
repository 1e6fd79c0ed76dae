#include "models/TextDiffModel.h"

#include <QPoint>

#include <algorithm>

namespace strata {

TextDiffModel::TextDiffModel(QObject *parent) : QAbstractTableModel(parent) {}

void TextDiffModel::setDiff(TextDiff diff, SyntaxLines syntaxA, SyntaxLines syntaxB)
{
    beginResetModel();
    m_diff = std::move(diff);
    m_syntaxA = std::move(syntaxA);
    m_syntaxB = std::move(syntaxB);
    m_rows.clear();
    m_changeRows.clear();
    int oldLine = 0, newLine = 0;
    const auto same = [&](int untilOld) {
        for (; oldLine < untilOld; ++oldLine, ++newLine)
            m_rows.append({oldLine, newLine, RowKind::Same, -1});
    };
    for (int c = 0; c < m_diff.changes.size(); ++c) {
        const LineChange &change = m_diff.changes[c];
        same(change.oldStart);
        m_changeRows.append(int(m_rows.size()));
        const int paired = std::min(change.oldCount, change.newCount);
        for (int k = 0; k < std::max(change.oldCount, change.newCount); ++k) {
            Row row;
            row.change = c;
            row.oldLine = k < change.oldCount ? change.oldStart + k : -1;
            row.newLine = k < change.newCount ? change.newStart + k : -1;
            row.kind = k < paired ? RowKind::Changed : row.oldLine >= 0 ? RowKind::Removed : RowKind::Added;
            m_rows.append(row);
        }
        oldLine = change.oldStart + change.oldCount;
        newLine = change.newStart + change.newCount;
    }
    same(m_diff.a.count());
    endResetModel();
}

void TextDiffModel::clear()
{
    setDiff(TextDiff{});
}

int TextDiffModel::nextChange(int row) const
{
    const auto it = std::upper_bound(m_changeRows.cbegin(), m_changeRows.cend(), row);
    return it == m_changeRows.cend() ? -1 : *it;
}

int TextDiffModel::previousChange(int row) const
{
    const auto it = std::lower_bound(m_changeRows.cbegin(), m_changeRows.cend(), row);
    return it == m_changeRows.cbegin() ? -1 : *(it - 1);
}

int TextDiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TextDiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QList<QPoint> TextDiffModel::displaySpans(const TextLines &text, int line,
                                          const QList<InlineSpan> &spans) const
{
    // Byte offsets to characters: the displayed line is the decoded bytes (without a '\r').
    const QByteArrayView bytes = text.line(line);
    const auto decodedLength = [&](qsizetype n) {
        const QByteArrayView part = bytes.first(std::min(n, bytes.size()));
        return int(text.encoding() == TextEncoding::Latin1 ? part.size() : QString::fromUtf8(part).size());
    };
    const int shown = int(text.text(line).size());
    QList<QPoint> out;
    for (const InlineSpan &s : spans) {
        const int start = std::min(decodedLength(s.start), shown);
        const int end = std::min(decodedLength(qsizetype(s.start) + s.length), shown);
        if (end > start)
            out.append(QPoint(start, end - start));
    }
    return out;
}

QVariant TextDiffModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows[index.row()];
    const bool oldSide = index.column() <= OldTextColumn;
    const int line = oldSide ? row.oldLine : row.newLine;
    switch (role) {
    case Qt::DisplayRole:
        if (line < 0)
            return {};
        if (index.column() == OldLineColumn || index.column() == NewLineColumn)
            return line + 1;
        return (oldSide ? m_diff.a : m_diff.b).text(line);
    case Qt::TextAlignmentRole:
        if (index.column() == OldLineColumn || index.column() == NewLineColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RowKindRole:
        return int(row.kind);
    case ChangeIndexRole:
        return row.change;
    case SyntaxRole: {
        const SyntaxLines &syntax = oldSide ? m_syntaxA : m_syntaxB;
        if (line < 0 || line >= syntax.size() ||
            (index.column() != OldTextColumn && index.column() != NewTextColumn))
            return {};
        return QVariant::fromValue(syntax[line]);
    }
    case InlineSpansRole: {
        if (line < 0 || (index.column() != OldTextColumn && index.column() != NewTextColumn))
            return {};
        const auto &spans = oldSide ? m_diff.inlineA : m_diff.inlineB;
        const auto it = spans.constFind(line);
        if (it == spans.cend())
            return {};
        return QVariant::fromValue(displaySpans(oldSide ? m_diff.a : m_diff.b, line, *it));
    }
    default:
        return {};
    }
}

QVariant TextDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case OldTextColumn:
        return tr("Before");
    case NewTextColumn:
        return tr("After");
    default:
        return {};
    }
}

} // namespace strata
