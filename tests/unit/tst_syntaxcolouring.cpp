// Syntax colouring for the diff viewer, over GNU Source-highlight's own definitions and
// Strata's OTML one: the formats issue 12 names each colour what they should, a comment that
// spans lines stays a comment, positions are characters of the shown line, and what cannot be
// coloured (an unknown format, a huge text) is shown plain rather than slowly.
#include "diff/SyntaxColouring.h"

#include <QtTest>

using namespace strata;

namespace {

TextLines linesOf(const QByteArray &text)
{
    return TextLines(text, TextEncoding::Utf8);
}

// The style of the first span covering `needle` on `line`, or Plain.
SyntaxStyle styleAt(const SyntaxLines &lines, const TextLines &text, int line, const QString &needle)
{
    const int at = int(text.text(line).indexOf(needle));
    if (at < 0 || line >= lines.size())
        return SyntaxStyle::Plain;
    for (const SyntaxSpan &s : lines[line])
        if (s.start <= at && at + needle.size() <= s.start + s.length)
            return s.style;
    return SyntaxStyle::Plain;
}

} // namespace

class TestSyntaxColouring : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void languagesByFileName_data();
    void languagesByFileName();
    void formats_data();
    void formats();
    void commentsSpanLines();
    void positionsAreCharacters();
    void whatCannotBeColouredIsPlain();
    void cancelled();
};

void TestSyntaxColouring::languagesByFileName_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<bool>("known");
    for (const char *p : {"/home/u/.otclient/modules/game/game.otmod", "/x/options.otml", "/x/window.otui",
                          "/x/init.lua", "/x/config.json", "/x/settings.ini", "/x/layout.xml", "/x/main.cpp",
                          "/x/tool.py", "/x/run.sh", "/x/Header.H"})
        QTest::newRow(p) << QByteArray(p) << true;
    QTest::newRow("no suffix") << QByteArray("/x/README") << false;
    QTest::newRow("plain text") << QByteArray("/x/notes.txt") << false;
    QTest::newRow("unknown suffix") << QByteArray("/x/data.bin123") << false;
}

void TestSyntaxColouring::languagesByFileName()
{
    QFETCH(QByteArray, path);
    QFETCH(bool, known);
    QCOMPARE(!syntaxLanguageFor(path).isEmpty(), known);
}

void TestSyntaxColouring::formats_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("needle");
    QTest::addColumn<SyntaxStyle>("style");
    const QByteArray otml = "// the options window\n"
                            "OptionsWindow < MainWindow\n"
                            "  id: optionsWindow\n"
                            "  size: 480 360\n"
                            "  color: #ff8000\n"
                            "  !text: tr('Options')\n"
                            "  @onEnter: modules.game_options.hide()\n"
                            "  Button\n";
    QTest::newRow("otml comment") << QByteArray("/x/o.otui") << otml << 0 << "the options"
                                  << SyntaxStyle::Comment;
    QTest::newRow("otml widget") << QByteArray("/x/o.otui") << otml << 1 << "OptionsWindow"
                                 << SyntaxStyle::Type;
    QTest::newRow("otml base") << QByteArray("/x/o.otui") << otml << 1 << "MainWindow" << SyntaxStyle::Type;
    QTest::newRow("otml tag") << QByteArray("/x/o.otui") << otml << 2 << "id" << SyntaxStyle::Key;
    QTest::newRow("otml number") << QByteArray("/x/o.otui") << otml << 3 << "480" << SyntaxStyle::Number;
    QTest::newRow("otml colour") << QByteArray("/x/o.otui") << otml << 4 << "#ff8000" << SyntaxStyle::Number;
    QTest::newRow("otml lua") << QByteArray("/x/o.otui") << otml << 5 << "!text" << SyntaxStyle::Preprocessor;
    QTest::newRow("otml string") << QByteArray("/x/o.otui") << otml << 5 << "'Options'"
                                 << SyntaxStyle::String;
    QTest::newRow("otml event") << QByteArray("/x/o.otui") << otml << 6 << "@onEnter"
                                << SyntaxStyle::Preprocessor;
    QTest::newRow("otml child") << QByteArray("/x/o.otui") << otml << 7 << "Button" << SyntaxStyle::Type;

    const QByteArray lua = "local count = 42 -- how many\nfunction greet(name) return \"hi \" .. name end\n";
    QTest::newRow("lua keyword") << QByteArray("/x/a.lua") << lua << 0 << "local" << SyntaxStyle::Keyword;
    QTest::newRow("lua number") << QByteArray("/x/a.lua") << lua << 0 << "42" << SyntaxStyle::Number;
    QTest::newRow("lua comment") << QByteArray("/x/a.lua") << lua << 0 << "how many" << SyntaxStyle::Comment;
    QTest::newRow("lua string") << QByteArray("/x/a.lua") << lua << 1 << "\"hi \"" << SyntaxStyle::String;
    QTest::newRow("lua function") << QByteArray("/x/a.lua") << lua << 1 << "greet" << SyntaxStyle::Function;

    const QByteArray json = "{\n  \"volume\": 80,\n  \"name\": \"Knight\",\n  \"muted\": false\n}\n";
    QTest::newRow("json key") << QByteArray("/x/c.json") << json << 1 << "volume" << SyntaxStyle::Key;
    QTest::newRow("json number") << QByteArray("/x/c.json") << json << 1 << "80" << SyntaxStyle::Number;
    QTest::newRow("json string") << QByteArray("/x/c.json") << json << 2 << "Knight" << SyntaxStyle::String;
    QTest::newRow("json keyword") << QByteArray("/x/c.json") << json << 3 << "false" << SyntaxStyle::Keyword;

    const QByteArray ini = "; sound\n[audio]\nvolume=80\n";
    QTest::newRow("ini comment") << QByteArray("/x/s.ini") << ini << 0 << "sound" << SyntaxStyle::Comment;
    QTest::newRow("ini section") << QByteArray("/x/s.ini") << ini << 1 << "[audio]" << SyntaxStyle::Key;
    QTest::newRow("ini key") << QByteArray("/x/s.ini") << ini << 2 << "volume" << SyntaxStyle::Key;
    QTest::newRow("ini number") << QByteArray("/x/s.ini") << ini << 2 << "80" << SyntaxStyle::Number;

    const QByteArray xml = "<?xml version=\"1.0\"?>\n<!-- keys -->\n<key name=\"F1\">say hi</key>\n";
    QTest::newRow("xml declaration") << QByteArray("/x/k.xml") << xml << 0 << "xml"
                                     << SyntaxStyle::Preprocessor;
    QTest::newRow("xml comment") << QByteArray("/x/k.xml") << xml << 1 << "keys" << SyntaxStyle::Comment;
    QTest::newRow("xml tag") << QByteArray("/x/k.xml") << xml << 2 << "key" << SyntaxStyle::Keyword;
    QTest::newRow("xml value") << QByteArray("/x/k.xml") << xml << 2 << "\"F1\"" << SyntaxStyle::String;

    const QByteArray cpp = "#include <map>\n// note\nint main() { return 0; }\n";
    QTest::newRow("cpp preprocessor")
        << QByteArray("/x/m.cpp") << cpp << 0 << "#include" << SyntaxStyle::Preprocessor;
    QTest::newRow("cpp comment") << QByteArray("/x/m.cpp") << cpp << 1 << "note" << SyntaxStyle::Comment;
    QTest::newRow("cpp type") << QByteArray("/x/m.cpp") << cpp << 2 << "int" << SyntaxStyle::Type;
    QTest::newRow("cpp keyword") << QByteArray("/x/m.cpp") << cpp << 2 << "return" << SyntaxStyle::Keyword;

    const QByteArray py = "def load(path):\n    # read it\n    return open(path, 'rb')\n";
    QTest::newRow("py keyword") << QByteArray("/x/t.py") << py << 0 << "def" << SyntaxStyle::Keyword;
    QTest::newRow("py comment") << QByteArray("/x/t.py") << py << 1 << "read it" << SyntaxStyle::Comment;
    QTest::newRow("py string") << QByteArray("/x/t.py") << py << 2 << "'rb'" << SyntaxStyle::String;

    const QByteArray sh = "#!/bin/sh\nif [ -f \"$HOME/.x\" ]; then echo yes; fi\n";
    QTest::newRow("sh keyword") << QByteArray("/x/r.sh") << sh << 1 << "then" << SyntaxStyle::Keyword;
    QTest::newRow("sh string") << QByteArray("/x/r.sh") << sh << 1 << "\"$HOME/.x\"" << SyntaxStyle::String;
}

void TestSyntaxColouring::formats()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(QString, needle);
    QFETCH(SyntaxStyle, style);
    const TextLines lines = linesOf(text);
    const QString language = syntaxLanguageFor(path);
    QVERIFY(!language.isEmpty());
    const SyntaxLines colours = colourSyntax(language, lines);
    QCOMPARE(colours.size(), lines.count());
    QCOMPARE(styleAt(colours, lines, line, needle), style);
    // No span runs past its line, and none overlaps the next.
    for (int i = 0; i < colours.size(); ++i) {
        int end = 0;
        for (const SyntaxSpan &s : colours[i]) {
            QVERIFY2(s.start >= end && s.length > 0, qPrintable(QStringLiteral("line %1").arg(i)));
            end = s.start + s.length;
            QVERIFY(end <= lines.text(i).size());
        }
    }
}

void TestSyntaxColouring::commentsSpanLines()
{
    const TextLines lines = linesOf("int a; /* begins\n   still inside\n ends */ int b;\n");
    const SyntaxLines colours = colourSyntax(syntaxLanguageFor("/x/a.c"), lines);
    QCOMPARE(styleAt(colours, lines, 1, QStringLiteral("still inside")), SyntaxStyle::Comment);
    QCOMPARE(styleAt(colours, lines, 2, QStringLiteral("ends */")), SyntaxStyle::Comment);
    QCOMPARE(styleAt(colours, lines, 2, QStringLiteral("int")), SyntaxStyle::Type);
    // A second text starts afresh: nothing of the first one's open comment carries over.
    const TextLines next = linesOf("/* open\n");
    colourSyntax(syntaxLanguageFor("/x/a.c"), next);
    const TextLines after = linesOf("int c;\n");
    QCOMPARE(styleAt(colourSyntax(syntaxLanguageFor("/x/a.c"), after), after, 0, QStringLiteral("int")),
             SyntaxStyle::Type);
}

void TestSyntaxColouring::positionsAreCharacters()
{
    // "ção" is 3 characters and 5 bytes; 😀 is 2 UTF-16 units and 4 bytes.
    const TextLines lines = linesOf("local s = \"ção 😀\" -- fim\n");
    const SyntaxLines colours = colourSyntax(syntaxLanguageFor("/x/a.lua"), lines);
    QCOMPARE(styleAt(colours, lines, 0, QStringLiteral("\"ção 😀\"")), SyntaxStyle::String);
    QCOMPARE(styleAt(colours, lines, 0, QStringLiteral("-- fim")), SyntaxStyle::Comment);
    const QString shown = lines.text(0);
    const SyntaxSpan last = colours[0].last();
    QCOMPARE(shown.mid(last.start, last.length), QStringLiteral("-- fim"));
}

void TestSyntaxColouring::whatCannotBeColouredIsPlain()
{
    QVERIFY(colourSyntax(QString(), linesOf("local x = 1\n")).isEmpty());
    QVERIFY(colourSyntax(QStringLiteral("no-such-language.lang"), linesOf("local x = 1\n")).isEmpty());
    QByteArray huge(MaxSyntaxBytes + 1, 'x');
    huge[100] = '\n';
    QVERIFY(colourSyntax(syntaxLanguageFor("/x/a.lua"), linesOf(huge)).isEmpty());
    // The library is still fine after a definition that failed to load.
    const TextLines lines = linesOf("local x = 1\n");
    QCOMPARE(styleAt(colourSyntax(syntaxLanguageFor("/x/a.lua"), lines), lines, 0, QStringLiteral("local")),
             SyntaxStyle::Keyword);
}

void TestSyntaxColouring::cancelled()
{
    const CancelToken cancel = CancelToken::make();
    cancel.cancel();
    QVERIFY(colourSyntax(syntaxLanguageFor("/x/a.lua"), linesOf("local x = 1\n"), cancel).isEmpty());
}

QTEST_GUILESS_MAIN(TestSyntaxColouring)
#include "tst_syntaxcolouring.moc"
