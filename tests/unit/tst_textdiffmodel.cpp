// The diff viewer's model: both texts aligned line for line, changes paired row by row, the
// next and previous change, in-line changes as characters of the displayed line.
#include "models/TextDiffModel.h"

#include <QAbstractItemModelTester>
#include <QPoint>
#include <QtTest>

using namespace strata;

namespace {

TextDiff diffOf(const QByteArray &a, const QByteArray &b)
{
    Result<TextDiff> d = diffTexts(TextLines(a, TextEncoding::Utf8), TextLines(b, TextEncoding::Utf8));
    return d ? std::move(*d) : TextDiff{};
}

QString cell(const TextDiffModel &m, int row, int column)
{
    return m.index(row, column).data().toString();
}

TextDiffModel::RowKind kindOf(const TextDiffModel &m, int row)
{
    return TextDiffModel::RowKind(m.index(row, 0).data(TextDiffModel::RowKindRole).toInt());
}

} // namespace

class TestTextDiffModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void alignsBothTexts();
    void stepsFromChangeToChange();
    void inlineSpansAreCharacters();
    void equalAndEmptyTexts();
};

void TestTextDiffModel::alignsBothTexts()
{
    TextDiffModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // line 2 replaced by two lines, line 4 removed, a line added at the end.
    model.setDiff(diffOf("one\ntwo\nthree\nfour\nfive\n", "one\nTWO\nTWO and a half\nthree\nfive\nsix\n"));
    QCOMPARE(model.rowCount(), 7);
    using K = TextDiffModel::RowKind;
    const QList<K> kinds{K::Same, K::Changed, K::Added, K::Same, K::Removed, K::Same, K::Added};
    for (int r = 0; r < kinds.size(); ++r)
        QCOMPARE(kindOf(model, r), kinds[r]);
    QCOMPARE(cell(model, 1, TextDiffModel::OldTextColumn), QStringLiteral("two"));
    QCOMPARE(cell(model, 1, TextDiffModel::NewTextColumn), QStringLiteral("TWO"));
    QCOMPARE(cell(model, 2, TextDiffModel::OldTextColumn), QString()); // nothing opposite
    QCOMPARE(cell(model, 2, TextDiffModel::NewLineColumn), QStringLiteral("3"));
    QCOMPARE(cell(model, 4, TextDiffModel::OldLineColumn), QStringLiteral("4"));
    QCOMPARE(cell(model, 4, TextDiffModel::NewLineColumn), QString());
    QCOMPARE(cell(model, 5, TextDiffModel::OldLineColumn), QStringLiteral("5"));
    QCOMPARE(cell(model, 5, TextDiffModel::NewLineColumn), QStringLiteral("5"));
    QCOMPARE(cell(model, 6, TextDiffModel::NewTextColumn), QStringLiteral("six"));
    // Every line of both texts is on exactly one row.
    int oldLines = 0, newLines = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        oldLines += !cell(model, r, TextDiffModel::OldLineColumn).isEmpty();
        newLines += !cell(model, r, TextDiffModel::NewLineColumn).isEmpty();
    }
    QCOMPARE(oldLines, 5);
    QCOMPARE(newLines, 6);
}

void TestTextDiffModel::stepsFromChangeToChange()
{
    TextDiffModel model;
    QByteArray a, b;
    for (int i = 0; i < 50; ++i) {
        a += "line " + QByteArray::number(i) + '\n';
        b += (i == 10 || i == 30 ? "edited " : "line ") + QByteArray::number(i) + '\n';
    }
    model.setDiff(diffOf(a, b));
    QCOMPARE(model.changeRows(), (QList<int>{10, 30}));
    QCOMPARE(model.nextChange(-1), 10);
    QCOMPARE(model.nextChange(10), 30);
    QCOMPARE(model.nextChange(30), -1);
    QCOMPARE(model.previousChange(30), 10);
    QCOMPARE(model.previousChange(20), 10);
    QCOMPARE(model.previousChange(10), -1);
    QCOMPARE(model.index(30, 1).data(TextDiffModel::ChangeIndexRole).toInt(), 1);
    QCOMPARE(model.index(29, 1).data(TextDiffModel::ChangeIndexRole).toInt(), -1);
}

void TestTextDiffModel::inlineSpansAreCharacters()
{
    TextDiffModel model;
    // "ação" is 6 bytes and 4 characters: the span after it must count characters.
    model.setDiff(diffOf("nome = ação velha\r\n", "nome = ação nova\r\n"));
    QCOMPARE(model.rowCount(), 1);
    const auto spansAt = [&](int column) {
        return model.index(0, column).data(TextDiffModel::InlineSpansRole).value<QList<QPoint>>();
    };
    const QString oldText = cell(model, 0, TextDiffModel::OldTextColumn);
    const QString newText = cell(model, 0, TextDiffModel::NewTextColumn);
    QCOMPARE(oldText, QStringLiteral("nome = ação velha")); // no '\r' shown
    const QList<QPoint> spanOld = spansAt(TextDiffModel::OldTextColumn);
    const QList<QPoint> spanNew = spansAt(TextDiffModel::NewTextColumn);
    QCOMPARE(spanOld.size(), 1);
    QCOMPARE(spanNew.size(), 1);
    QCOMPARE(oldText.mid(spanOld[0].x(), spanOld[0].y()), QStringLiteral("velha"));
    QCOMPARE(newText.mid(spanNew[0].x(), spanNew[0].y()), QStringLiteral("nova"));
    QVERIFY(!model.index(0, TextDiffModel::OldLineColumn).data(TextDiffModel::InlineSpansRole).isValid());
}

void TestTextDiffModel::equalAndEmptyTexts()
{
    TextDiffModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDiff(diffOf("same\ntext\n", "same\ntext\n"));
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.changeRows().isEmpty());
    QCOMPARE(model.nextChange(-1), -1);
    model.setDiff(diffOf(QByteArray(), "new\n"));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(kindOf(model, 0), TextDiffModel::RowKind::Added);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestTextDiffModel)
#include "tst_textdiffmodel.moc"
