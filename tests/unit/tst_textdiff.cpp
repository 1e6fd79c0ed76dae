// The diff engine against GNU diff: the same hunks `diff -u` prints, on real files written to
// disk (CRLF, no final newline, empty files, Latin-1, a 20 MB file), and where two alignments are
// equally good, a diff that GNU patch applies to give the new file back.
#include "diff/FileDiff.h"
#include "diff/TextDiff.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

using namespace strata;

class TestTextDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void encodings();
    void linesAndFinalNewline();
    void sameHunksAsGnuDiff_data();
    void sameHunksAsGnuDiff();
    void scatteredEditsOfUniqueLines();
    void patchAppliesWhereAlignmentIsAmbiguous();
    void twentyMegabytes();
    void inlineChangesAreTheDifferingWords();
    void binaryFilesByHashAndOffset();
    void imagesAreRecognised();
    void diskFiles();

private:
    QByteArray write(const QString &name, const QByteArray &bytes);
    // What `diff -u` prints from the first "@@" on (its header has file names and dates).
    QByteArray gnuHunks(const QByteArray &a, const QByteArray &b);
    static QByteArray ourHunks(const QByteArray &a, const QByteArray &b);
    QTemporaryDir m_tmp;
};

QByteArray TestTextDiff::write(const QString &name, const QByteArray &bytes)
{
    const QString path = m_tmp.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return QFile::encodeName(path);
}

QByteArray TestTextDiff::gnuHunks(const QByteArray &a, const QByteArray &b)
{
    QProcess diff;
    diff.start(QStringLiteral("diff"),
               {QStringLiteral("-u"), QFile::decodeName(write(QStringLiteral("a"), a)),
                QFile::decodeName(write(QStringLiteral("b"), b))});
    if (!diff.waitForFinished(60000) || diff.exitCode() > 1)
        qFatal("diff failed: %s", diff.readAllStandardError().constData());
    const QByteArray out = diff.readAllStandardOutput();
    const qsizetype at = out.indexOf("\n@@ ");
    return at < 0 ? QByteArray() : out.mid(at + 1);
}

QByteArray TestTextDiff::ourHunks(const QByteArray &a, const QByteArray &b)
{
    const auto ea = detectTextEncoding(a), eb = detectTextEncoding(b);
    if (!ea || !eb)
        return "binary";
    Result<TextDiff> d = diffTexts(TextLines(a, *ea), TextLines(b, *eb));
    if (!d)
        return "error: " + d.error().message.toUtf8();
    const QByteArray out = unifiedDiff(*d, "a", "b");
    const qsizetype at = out.indexOf("\n@@ ");
    return at < 0 ? QByteArray() : out.mid(at + 1);
}

void TestTextDiff::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("diff")).isEmpty(), "GNU diff is needed");
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("patch")).isEmpty(), "GNU patch is needed");
}

void TestTextDiff::encodings()
{
    QCOMPARE(detectTextEncoding("plain ascii\n"), TextEncoding::Utf8);
    QCOMPARE(detectTextEncoding("ol\xC3\xA1 mundo\n"), TextEncoding::Utf8);
    QCOMPARE(detectTextEncoding("\xEF\xBB\xBFwith a mark\n"), TextEncoding::Utf8Bom);
    QCOMPARE(detectTextEncoding("ol\xE1 mundo\n"), TextEncoding::Latin1); // not valid UTF-8
    QCOMPARE(detectTextEncoding(QByteArray("a\0b", 3)), std::nullopt);
    const QString text = QStringLiteral("ação\nsecond line\n");
    QByteArray le("\xFF\xFE");
    for (QChar c : text)
        le.append(char(c.unicode() & 0xFF)).append(char(c.unicode() >> 8));
    QByteArray be("\xFE\xFF");
    for (QChar c : text)
        be.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xFF));
    QCOMPARE(detectTextEncoding(le), TextEncoding::Utf16LE);
    QCOMPARE(detectTextEncoding(be), TextEncoding::Utf16BE);
    const TextLines lines(le, TextEncoding::Utf16LE);
    QCOMPARE(lines.count(), 2);
    QCOMPARE(lines.text(0), QStringLiteral("ação"));
    QCOMPARE(TextLines(be, TextEncoding::Utf16BE).text(1), QStringLiteral("second line"));
    QCOMPARE(TextLines("caf\xE9\r\n", TextEncoding::Latin1).text(0), QStringLiteral("café"));
}

void TestTextDiff::linesAndFinalNewline()
{
    const TextLines empty(QByteArray(), TextEncoding::Utf8);
    QCOMPARE(empty.count(), 0);
    QVERIFY(empty.finalNewline());
    const TextLines open("one\ntwo", TextEncoding::Utf8);
    QCOMPARE(open.count(), 2);
    QCOMPARE(open.line(1), QByteArrayView("two"));
    QVERIFY(!open.finalNewline());
    const TextLines crlf("one\r\ntwo\r\n", TextEncoding::Utf8);
    QCOMPARE(crlf.line(0), QByteArrayView("one\r"));
    QCOMPARE(crlf.text(0), QStringLiteral("one"));
}

void TestTextDiff::sameHunksAsGnuDiff_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QByteArray ten;
    for (int i = 1; i <= 10; ++i)
        ten += "line " + QByteArray::number(i) + '\n';
    QByteArray thirty;
    for (int i = 1; i <= 30; ++i)
        thirty += "row " + QByteArray::number(i) + '\n';
    QTest::newRow("one line changed") << ten << QByteArray(ten).replace("line 5\n", "line five\n");
    QTest::newRow("inserted at the start") << ten << "new first\n" + ten;
    QTest::newRow("removed at the end") << ten << QByteArray(ten).replace("line 10\n", "");
    QTest::newRow("appended") << ten << ten + "eleven\ntwelve\n";
    QTest::newRow("from empty") << QByteArray() << ten;
    QTest::newRow("to empty") << ten << QByteArray();
    QTest::newRow("no final newline, added") << ten.chopped(1) << ten;
    QTest::newRow("no final newline, removed") << ten << ten.chopped(1);
    QTest::newRow("no final newline on both, last changed") << ten.chopped(1) << ten.chopped(3) + "ten";
    QTest::newRow("no final newline on both, earlier changed")
        << ten.chopped(1) << QByteArray(ten.chopped(1)).replace("line 2\n", "line two\n");
    QTest::newRow("CRLF against LF") << ten << QByteArray(ten).replace("\n", "\r\n");
    QTest::newRow("CRLF, one line changed")
        << QByteArray(ten).replace("\n", "\r\n")
        << QByteArray(ten).replace("\n", "\r\n").replace("line 3", "LINE 3");
    // Two changes 6 lines apart share a hunk (2 x 3 context lines); 7 apart they do not.
    QTest::newRow("changes six apart")
        << thirty << QByteArray(thirty).replace("row 5\n", "row V\n").replace("row 12\n", "row XII\n");
    QTest::newRow("changes seven apart")
        << thirty << QByteArray(thirty).replace("row 5\n", "row V\n").replace("row 13\n", "row XIII\n");
    QTest::newRow("Latin-1") << QByteArray("caf\xE9\nna\xEFve\nend\n")
                             << QByteArray("caf\xE9\nna\xEF"
                                           "f\nend\n");
    QTest::newRow("UTF-8 with a mark")
        << QByteArray("\xEF\xBB\xBF[General]\nvolume=3\n") << QByteArray("\xEF\xBB\xBF[General]\nvolume=7\n");
}

void TestTextDiff::sameHunksAsGnuDiff()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    const QByteArray ours = ourHunks(a, b), gnu = gnuHunks(a, b);
    QVERIFY(!gnu.isEmpty());
    QCOMPARE(ours, gnu);
}

void TestTextDiff::scatteredEditsOfUniqueLines()
{
    // Unique lines leave one best alignment, so both tools must find the same one.
    QRandomGenerator random(12);
    QByteArrayList lines;
    for (int i = 0; i < 3000; ++i)
        lines << "entry " + QByteArray::number(i) + " value " + QByteArray::number(random.generate());
    const QByteArray a = lines.join('\n') + '\n';
    int edits = 0;
    for (int i = 0; i < 120; ++i) {
        const int at = int(random.bounded(qsizetype(lines.size())));
        switch (random.bounded(3)) {
        case 0:
            lines.removeAt(at);
            break;
        case 1:
            lines.insert(at, "inserted " + QByteArray::number(i));
            break;
        default:
            lines[at] = "replaced " + QByteArray::number(i);
            break;
        }
        ++edits;
    }
    const QByteArray b = lines.join('\n') + '\n';
    const QByteArray gnu = gnuHunks(a, b);
    QVERIFY(gnu.count("\n@@ ") > 20);
    QCOMPARE(ourHunks(a, b), gnu);
}

void TestTextDiff::patchAppliesWhereAlignmentIsAmbiguous()
{
    // Code with many equal lines ("}", blank ones): several alignments are as good, so what
    // must hold is that the diff takes the old text to the new one.
    QByteArray a, b;
    for (int f = 0; f < 40; ++f) {
        const QByteArray name = "function" + QByteArray::number(f);
        a += "void " + name + "()\n{\n    call();\n}\n\n";
        if (f % 7 == 3)
            continue;
        b += "void " + name + "()\n{\n";
        if (f % 5 == 0)
            b += "    prepare();\n";
        b += "    call();\n}\n\n";
    }
    const QByteArray pathA = write(QStringLiteral("code.c"), a);
    Result<TextDiff> d = diffTexts(TextLines(a, TextEncoding::Utf8), TextLines(b, TextEncoding::Utf8));
    QVERIFY(d.ok());
    QVERIFY(d->linesAdded > 0 && d->linesRemoved > 0);
    write(QStringLiteral("code.patch"), unifiedDiff(*d, "code.c", "code.c"));
    QProcess patch;
    patch.setWorkingDirectory(m_tmp.path());
    patch.start(QStringLiteral("patch"),
                {QStringLiteral("--quiet"), QStringLiteral("--no-backup-if-mismatch"),
                 QStringLiteral("code.c"), QStringLiteral("code.patch")});
    QVERIFY(patch.waitForFinished(30000));
    QCOMPARE(patch.exitCode(), 0);
    QFile patched(QFile::decodeName(pathA));
    QVERIFY(patched.open(QIODevice::ReadOnly));
    QCOMPARE(patched.readAll(), b);
}

void TestTextDiff::twentyMegabytes()
{
    QRandomGenerator random(20);
    QByteArrayList lines;
    qsizetype size = 0;
    while (size < 20 << 20) {
        lines << "record " + QByteArray::number(lines.size()) + ": " +
                     QByteArray::number(random.generate64(), 16) + " the quick brown fox";
        size += lines.last().size() + 1;
    }
    const QByteArray a = lines.join('\n') + '\n';
    for (int i = 0; i < 25; ++i)
        lines[random.bounded(qsizetype(lines.size()))] += " (edited)";
    lines.insert(lines.size() / 2, "a new line in the middle");
    const QByteArray b = lines.join('\n') + '\n';
    QVERIFY(a.size() >= 20 << 20);
    const QByteArray gnu = gnuHunks(a, b);
    QVERIFY(gnu.count("\n@@ ") >= 20);
    QCOMPARE(ourHunks(a, b), gnu);
}

void TestTextDiff::inlineChangesAreTheDifferingWords()
{
    QList<InlineSpan> sa, sb;
    diffLine("volume = 3; name = \"knight\"", "volume = 7; name = \"knight\"", &sa, &sb);
    QCOMPARE(sa.size(), 1);
    QCOMPARE(sb.size(), 1);
    QCOMPARE(QByteArray("volume = 3; name = \"knight\"").mid(sa[0].start, sa[0].length), QByteArray("3"));
    QCOMPARE(QByteArray("volume = 7; name = \"knight\"").mid(sb[0].start, sb[0].length), QByteArray("7"));

    sa.clear();
    sb.clear();
    diffLine("same", "same", &sa, &sb);
    QVERIFY(sa.isEmpty() && sb.isEmpty());

    // The spans of a whole diff sit on the paired lines of each change.
    Result<TextDiff> d = diffTexts(TextLines("a\nkey = old value\nz\n", TextEncoding::Utf8),
                                   TextLines("a\nkey = new value\nz\n", TextEncoding::Utf8));
    QVERIFY(d.ok());
    QCOMPARE(d->changes.size(), 1);
    QVERIFY(d->inlineA.contains(1));
    QVERIFY(d->inlineB.contains(1));
    const InlineSpan s = d->inlineB.value(1).first();
    QCOMPARE(d->b.line(1).sliced(s.start, s.length), QByteArrayView("new"));
}

void TestTextDiff::binaryFilesByHashAndOffset()
{
    QByteArray a(5000, 'x'), b(5000, 'x');
    a[10] = '\0';
    b[10] = '\0';
    b[4321] = 'y';
    const auto side = [](const QByteArray &bytes) {
        FileSide s;
        s.exists = true;
        s.size = bytes.size();
        s.bytes = bytes;
        s.complete = true;
        s.sha256 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
        return s;
    };
    Result<FileDiff> d = diffFiles(side(a), side(b));
    QVERIFY(d.ok());
    QCOMPARE(d->kind, ContentKind::Binary);
    QVERIFY(!d->text);
    QCOMPARE(d->firstDifference, 4321);
    QVERIFY(!d->identical());

    d = diffFiles(side(a), side(a + "tail"));
    QVERIFY(d.ok());
    QCOMPARE(d->firstDifference, a.size()); // one is the start of the other

    d = diffFiles(side(a), side(a));
    QVERIFY(d.ok());
    QVERIFY(d->identical());
    QCOMPARE(d->firstDifference, -1);

    // A file that is gone reads as an empty text next to a text.
    d = diffFiles(FileSide{}, side("new\nfile\n"));
    QVERIFY(d.ok());
    QCOMPARE(d->kind, ContentKind::Text);
    QCOMPARE(d->text->linesAdded, 2);
}

void TestTextDiff::imagesAreRecognised()
{
    QCOMPARE(imageFormatOf("\x89PNG\r\n\x1a\n...."), QStringLiteral("png"));
    QCOMPARE(imageFormatOf("\xFF\xD8\xFF\xE0"), QStringLiteral("jpeg"));
    QCOMPARE(imageFormatOf("GIF89a......"), QStringLiteral("gif"));
    QCOMPARE(imageFormatOf(QByteArray("RIFF\x10\0\0\0WEBPVP8 ", 16)), QStringLiteral("webp"));
    QCOMPARE(imageFormatOf("PNG is not a signature"), QString());
}

void TestTextDiff::diskFiles()
{
    const QByteArray path = write(QStringLiteral("disk.txt"), "on disk\n");
    Result<FileSide> side = readDiskFile(path);
    QVERIFY(side.ok());
    QVERIFY(side->exists && side->complete);
    QCOMPARE(side->bytes, QByteArray("on disk\n"));
    QCOMPARE(side->sha256, QCryptographicHash::hash("on disk\n", QCryptographicHash::Sha256));

    Result<FileSide> missing = readDiskFile(QFile::encodeName(m_tmp.filePath(QStringLiteral("none"))));
    QVERIFY(missing.ok());
    QVERIFY(!missing->exists);

    Result<FileSide> folder = readDiskFile(QFile::encodeName(m_tmp.path()));
    QVERIFY(!folder.ok());
    QVERIFY2(folder.error().message.contains(QStringLiteral("not a file")),
             qPrintable(folder.error().message));

    const QString link = m_tmp.filePath(QStringLiteral("link"));
    QVERIFY(QFile::link(QStringLiteral("disk.txt"), link));
    Result<FileSide> target = readDiskFile(QFile::encodeName(link));
    QVERIFY(target.ok());
    QCOMPARE(target->linkTarget.value_or(QByteArray()), QByteArray("disk.txt"));
}

QTEST_GUILESS_MAIN(TestTextDiff)
#include "tst_textdiff.moc"
