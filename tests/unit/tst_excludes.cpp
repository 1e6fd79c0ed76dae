// Tests exclude rules: glob translation, anchored and name patterns, folder-only patterns,
// pattern files, CACHEDIR.TAG and marker files.
#include "engine/Excludes.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <sys/types.h>

using namespace strata;

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

const QByteArray Signature("Signature: 8a477f597d28d172789f06886806bc55");

void row(const char *name, const char *pattern, const char *path, bool isDir, bool excluded)
{
    QTest::newRow(name) << QString::fromUtf8(pattern) << QString::fromUtf8(path) << isDir << excluded;
}

} // namespace

class TestExcludes final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void patterns_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("isDir");
        QTest::addColumn<bool>("excluded");

        // Names anywhere.
        row("ext", "*.tmp", "/home/ana/a.tmp", false, true);
        row("ext deep", "*.tmp", "/a/b/c/d.tmp", false, true);
        row("ext other", "*.tmp", "/home/ana/a.tmpx", false, false);
        row("ext not in folder name", "*.tmp", "/home/x.tmp.d/file", false, false);
        row("ext folder", "*.tmp", "/home/x.tmp", true, true);
        row("name", "node_modules", "/src/app/node_modules", true, true);
        row("name, inside it", "node_modules", "/src/app/node_modules/x/y.js", false, true);
        row("name prefix only", "node_modules", "/src/app/node_modules2", true, false);
        row("name suffix only", "node_modules", "/src/app/my_node_modules", true, false);
        row("star stays in name", "a*c", "/x/ab/c", false, false);
        row("star in name", "a*c", "/x/abbbc", false, true);
        row("star empty", "a*c", "/x/ac", false, true);
        row("question", "file?.txt", "/d/file1.txt", false, true);
        row("question needs one", "file?.txt", "/d/file.txt", false, false);
        row("question not slash", "a?b", "/a/b", false, false);
        row("dot literal", "*.o", "/src/main_o", false, false);
        row("regex chars literal", "a+b(1).txt", "/x/a+b(1).txt", false, true);
        row("regex chars not special", "a+b(1).txt", "/x/aab1.txt", false, false);
        row("dollar caret", "$^x", "/y/$^x", false, true);
        row("case sensitive", "*.JPG", "/p/a.jpg", false, false);
        row("unicode", "Área*", "/home/Área de trabalho", true, true);
        row("hidden", ".*", "/home/ana/.cache", true, true);
        row("hidden not plain", ".*", "/home/ana/cache", true, false);

        // Character classes.
        row("class", "[abc].txt", "/x/b.txt", false, true);
        row("class miss", "[abc].txt", "/x/d.txt", false, false);
        row("range", "log[0-9]", "/var/log7", false, true);
        row("range miss", "log[0-9]", "/var/logx", false, false);
        row("negated !", "[!a]*", "/a/bcd", false, true);
        row("negated ! miss", "[!a]*", "/a/abc", false, false);
        row("negated ^", "[^a]x", "/q/bx", false, true);
        row("negated no slash", "a[!b]c", "/a/c", false, false);
        row("bracket first", "[]x]", "/d/]", false, true);
        row("unterminated", "a[b", "/d/a[b", false, true);
        row("escape", "\\*.txt", "/d/*.txt", false, true);
        row("escape literal", "\\*.txt", "/d/a.txt", false, false);

        // Anchored at the root.
        row("anchored", "/home/ana/Videos", "/home/ana/Videos", true, true);
        row("anchored child", "/home/ana/Videos", "/home/ana/Videos/a.mp4", false, true);
        row("anchored elsewhere", "/home/ana/Videos", "/mnt/home/ana/Videos", true, false);
        row("anchored prefix only", "/home/ana/Videos", "/home/ana/Videos2", true, false);
        row("anchored parent", "/home/ana/Videos", "/home/ana", true, false);
        row("anchored star", "/home/*/.cache", "/home/bob/.cache", true, true);
        row("anchored star one level", "/home/*/.cache", "/home/a/b/.cache", true, false);
        row("anchored globstar", "/home/**/.cache", "/home/a/b/.cache", true, true);
        row("anchored globstar zero", "/home/**/.cache", "/home/.cache", true, true);
        row("anchored globstar tail", "/var/**", "/var/lib/x", false, true);
        row("anchored trailing slash path", "/tmp", "/tmp/", true, true);

        // Relative patterns with a slash match at any depth.
        row("relative", "build/*.o", "/src/build/main.o", false, true);
        row("relative deeper", "build/*.o", "/src/build/sub/main.o", false, false);
        row("relative partial name", "build/*.o", "/src/mybuild/main.o", false, false);
        row("globstar middle", "a/**/b", "/x/a/b", true, true);
        row("globstar middle deep", "a/**/b", "/x/a/1/2/b", true, true);
        row("globstar middle miss", "a/**/b", "/x/a/1/2/c", true, false);
        row("globstar lead", "**/cache", "/home/ana/cache", true, true);

        // Folders only.
        row("dir only, dir", "cache/", "/home/ana/cache", true, true);
        row("dir only, file", "cache/", "/home/ana/cache", false, false);
        row("dir only, inside", "cache/", "/home/ana/cache/x.bin", false, true);
        row("dir only, deep inside", "cache/", "/home/ana/cache/a/b/x.bin", false, true);
        row("dir only anchored, file", "/srv/data/", "/srv/data", false, false);
        row("dir only anchored, dir", "/srv/data/", "/srv/data", true, true);
        row("dir only anchored, inside", "/srv/data/", "/srv/data/f", false, true);
        row("dir only glob", "*.d/", "/etc/x.d", true, true);
        row("dir only glob, file", "*.d/", "/etc/x.d", false, false);
        row("dir only globstar, file in subfolder", "a/**/", "/x/a/b/c", false, true);

        // Where the regular expressions the globs were once turned into got it wrong.
        row("class never slash", "a[+-0]b", "/x/a/b", false, false);
        row("class range around slash", "a[+-0]b", "/x/a.b", false, true);
        row("negated bracket first", "[!]]", "/x", false, true);
        row("negated bracket first miss", "[!]]", "/]", false, false);
        row("negated dash first", "[!-a]", "/b", false, true);
        row("negated dash first miss", "[!-a]", "/-", false, false);
        row("astral character", "\U0001F4F7*", "/p/\U0001F4F7 beach.jpg", false, true);
        row("question is one astral character", "?.jpg", "/p/\U0001F4F7.jpg", false, true);
        row("no match before a final newline", "*.tmp", "/d/a.tmp\n", false, false);
        row("globstar crosses a newline", "/d/**/x", "/d/a\nb/x", false, true);
    }
    void patterns()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, path);
        QFETCH(bool, isDir);
        QFETCH(bool, excluded);
        Excludes ex;
        QVERIFY(ex.addPattern(pattern).ok());
        QCOMPARE(ex.matches(path, isDir), excluded);
    }

    void severalPatterns()
    {
        Excludes ex;
        QVERIFY(!ex.matches(QStringLiteral("/a/b"), false)); // no rules: nothing excluded
        QVERIFY(ex.addPattern(QStringLiteral("*.iso")).ok());
        QVERIFY(ex.addPattern(QStringLiteral("/home/ana/Downloads")).ok());
        QVERIFY(ex.addPattern(QStringLiteral("target/")).ok());
        QCOMPARE(ex.patterns(), QStringList({QStringLiteral("*.iso"), QStringLiteral("/home/ana/Downloads"),
                                             QStringLiteral("target/")}));
        QVERIFY(ex.matches(QStringLiteral("/d/x.iso"), false));
        QVERIFY(ex.matches(QStringLiteral("/home/ana/Downloads/y"), false));
        QVERIFY(ex.matches(QStringLiteral("/proj/target"), true));
        QVERIFY(!ex.matches(QStringLiteral("/proj/target"), false));
        QVERIFY(!ex.matches(QStringLiteral("/proj/src/main.rs"), false));
    }

    // Found by tests/fuzz/fuzz_exclude_pattern: as a backtracking regular expression, a glob
    // with many stars took about a third of a second per path (PCRE2 then gave up and said "no
    // match", so the file was not excluded either). Matching is now linear in the path.
    void manyStarsStayFast()
    {
        Excludes ex;
        QVERIFY(ex.addPattern(QString(QStringLiteral("*a")).repeated(25) + QStringLiteral("bc")).ok());
        QVERIFY(ex.addPattern(QString(QStringLiteral("**a")).repeated(25) + QStringLiteral("bc")).ok());
        // Past 64 elements the matcher keeps its states in a vector instead of one word.
        QVERIFY(ex.addPattern(QString(QStringLiteral("?*a")).repeated(30) + QStringLiteral("bc")).ok());
        const QString deep = QLatin1Char('/') + QString(3000, QLatin1Char('a'));
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 20; ++i)
            QVERIFY(!ex.matches(deep + QStringLiteral("bcX"), false));
        QVERIFY(ex.matches(deep + QStringLiteral("bc"), false));
        Excludes longOnly;
        QVERIFY(longOnly.addPattern(QString(QStringLiteral("?*a")).repeated(30) + QStringLiteral("bc")).ok());
        QVERIFY(longOnly.matches(deep + QStringLiteral("bc/inside"), false));
        QVERIFY(!longOnly.matches(
            QStringLiteral("/") + QString(QStringLiteral("xa")).repeated(29) + QStringLiteral("bc"), false));
        QVERIFY(longOnly.matches(
            QStringLiteral("/") + QString(QStringLiteral("xa")).repeated(30) + QStringLiteral("bc"), false));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }

    void invalidPatterns()
    {
        Excludes ex;
        for (const QString &bad : {QString(), QStringLiteral("/"), QStringLiteral("[z-a]")}) {
            auto r = ex.addPattern(bad);
            QVERIFY2(!r.ok(), qPrintable(bad));
            QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        }
        QVERIFY(ex.patterns().isEmpty());
    }

    void patternFile()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString path = tmp.filePath(QStringLiteral("excludes.txt"));
        QVERIFY(writeFile(path, "# caches\n"
                                "*.tmp\n"
                                "\n"
                                "   \n"
                                "  node_modules  \r\n"
                                "#*.keep\n"
                                "/var/cache/\n"));
        Excludes ex;
        QVERIFY(ex.addPatternFile(path).ok());
        QCOMPARE(ex.patterns(), QStringList({QStringLiteral("*.tmp"), QStringLiteral("node_modules"),
                                             QStringLiteral("/var/cache/")}));
        QVERIFY(ex.matches(QStringLiteral("/x/a.tmp"), false));
        QVERIFY(ex.matches(QStringLiteral("/p/node_modules"), true));
        QVERIFY(!ex.matches(QStringLiteral("/x/a.keep"), false));
        QVERIFY(ex.matches(QStringLiteral("/var/cache"), true));
    }

    void patternFileErrors()
    {
        QTemporaryDir tmp;
        const QString missing = tmp.filePath(QStringLiteral("nope.txt"));
        Excludes ex;
        auto r = ex.addPatternFile(missing);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::NotFound);
        QVERIFY(r.error().message.contains(missing));

        // A bad line names the file and line, and adds nothing.
        const QString bad = tmp.filePath(QStringLiteral("bad.txt"));
        QVERIFY(writeFile(bad, "*.ok\n[z-a]\n"));
        r = ex.addPatternFile(bad);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QVERIFY(r.error().message.contains(bad));
        QVERIFY(r.error().message.contains(QLatin1String("line 2")));
        QVERIFY(ex.patterns().isEmpty());
    }

    void cacheDirTag()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString dir = tmp.path();
        Excludes ex;
        QVERIFY(!ex.isTaggedFolder(dir));

        QVERIFY(
            writeFile(dir + QLatin1String("/CACHEDIR.TAG"), Signature + "\n# This file is a cache tag.\n"));
        QVERIFY(ex.isTaggedFolder(dir));
        QVERIFY(ex.isTaggedFolder(dir + u'/'));
        QVERIFY(writeFile(dir + QLatin1String("/CACHEDIR.TAG"), Signature)); // exactly the signature
        QVERIFY(ex.isTaggedFolder(dir));

        ex.excludeCaches = false;
        QVERIFY(!ex.isTaggedFolder(dir));
        ex.excludeCaches = true;

        // A wrong or short signature is not a tag.
        QByteArray wrong = Signature;
        wrong[wrong.size() - 1] = '6';
        QVERIFY(writeFile(dir + QLatin1String("/CACHEDIR.TAG"), wrong));
        QVERIFY(!ex.isTaggedFolder(dir));
        QVERIFY(writeFile(dir + QLatin1String("/CACHEDIR.TAG"), Signature.left(42)));
        QVERIFY(!ex.isTaggedFolder(dir));
        QVERIFY(writeFile(dir + QLatin1String("/CACHEDIR.TAG"), QByteArray()));
        QVERIFY(!ex.isTaggedFolder(dir));
        QVERIFY(QFile::remove(dir + QLatin1String("/CACHEDIR.TAG")));
        QVERIFY(QDir(dir).mkdir(QStringLiteral("CACHEDIR.TAG"))); // a folder by that name
        QVERIFY(!ex.isTaggedFolder(dir));
        QVERIFY(QDir(dir).rmdir(QStringLiteral("CACHEDIR.TAG")));

        // A FIFO by that name must not block the walk.
        QCOMPARE(::mkfifo(QFile::encodeName(dir + QLatin1String("/CACHEDIR.TAG")).constData(), 0600), 0);
        QVERIFY(!ex.isTaggedFolder(dir));
    }

    void markerFiles()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.path();
        Excludes ex;
        QVERIFY(!ex.isTaggedFolder(dir));
        QVERIFY(writeFile(dir + QLatin1String("/.nobackup"), QByteArray()));
        QVERIFY(ex.isTaggedFolder(dir)); // any content, even empty
        ex.markerFiles = {QStringLiteral(".skip-me")};
        QVERIFY(!ex.isTaggedFolder(dir));
        QVERIFY(QDir(dir).mkdir(QStringLiteral(".skip-me"))); // a folder counts as present
        QVERIFY(ex.isTaggedFolder(dir));
        ex.markerFiles.clear();
        QVERIFY(!ex.isTaggedFolder(dir));
        QVERIFY(!ex.isTaggedFolder(tmp.filePath(QStringLiteral("missing-folder"))));
    }

    void defaults()
    {
        const Excludes ex;
        QVERIFY(ex.excludeCaches);
        QCOMPARE(ex.markerFiles, QStringList{QStringLiteral(".nobackup")});
        QCOMPARE(ex.maxFileSize, -1);
        QVERIFY(ex.patterns().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestExcludes)
#include "tst_excludes.moc"
