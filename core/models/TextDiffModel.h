// Two texts side by side, aligned line for line, for the diff viewer: one row per line of
// either text, unchanged lines next to each other, a change's old and new lines paired row by
// row (the longer side's extra lines opposite nothing). Being one table, both sides scroll
// together by construction. QtCore only.
#pragma once

#include "diff/SyntaxColouring.h"
#include "diff/TextDiff.h"

#include <QAbstractTableModel>
#include <QList>

namespace strata {

class TextDiffModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        OldLineColumn, // 1-based line number in the old text, empty opposite nothing
        OldTextColumn,
        NewLineColumn,
        NewTextColumn,
        ColumnCount
    };
    enum class RowKind
    {
        Same,    // the line is in both texts
        Changed, // an old line and the new line that replaced it
        Removed, // an old line with nothing opposite
        Added    // a new line with nothing opposite
    };
    Q_ENUM(RowKind)
    enum Role
    {
        RowKindRole = Qt::UserRole, // RowKind as int, on every column
        // On the text columns: QList<QPoint>, the characters (x: start, y: length, in the
        // displayed string) that differ from the line opposite.
        InlineSpansRole,
        ChangeIndexRole, // int, the change the row belongs to, or -1
        // On the text columns: QList<SyntaxSpan>, the line's syntax colouring (when set).
        SyntaxRole,
    };
    Q_ENUM(Role)

    explicit TextDiffModel(QObject *parent = nullptr);

    // `syntaxA` and `syntaxB`, when not empty, colour the old and new text line by line.
    void setDiff(TextDiff diff, SyntaxLines syntaxA = {}, SyntaxLines syntaxB = {});
    void clear();
    const TextDiff &diff() const { return m_diff; }

    // The first row of each change, in order.
    const QList<int> &changeRows() const { return m_changeRows; }
    // The first row of the next change after `row` (-1: from the top), or -1 when none follows;
    // the first row of the change before `row`, or -1.
    int nextChange(int row) const;
    int previousChange(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        int oldLine = -1, newLine = -1; // 0-based, -1: nothing on that side
        RowKind kind = RowKind::Same;
        int change = -1;
    };
    // The byte spans of a line as character spans of its displayed text.
    QList<QPoint> displaySpans(const TextLines &text, int line, const QList<InlineSpan> &spans) const;

    TextDiff m_diff;
    SyntaxLines m_syntaxA, m_syntaxB;
    QList<Row> m_rows;
    QList<int> m_changeRows;
};

} // namespace strata
