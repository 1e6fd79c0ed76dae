// strata-cli diff from the outside: between two versions (all of them, one folder, one file)
// and between a version and the disk; a text file's diff has the hunks GNU `diff -u` prints for
// the same two files, others are told apart by size, hash and first differing byte; bad input
// gets a clear message and exit code.
#include "TestUtil.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace strata::test;

namespace {
const QString kPassword = QStringLiteral("diff-pw");

// From the first "@@" on: the header names files and dates differently.
QByteArray hunksOf(const QByteArray &unified)
{
    const qsizetype at = unified.indexOf("\n@@ ");
    return at < 0 ? QByteArray() : unified.mid(at + 1);
}
} // namespace

class TestCliDiff final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QProcessEnvironment m_env;
    QString m_repo, m_src;
    QString m_first, m_second;
    QByteArray m_oldConfig, m_newConfig;

    RunResult cli(const QStringList &args) { return runCli(args, m_env); }
    QString path(const QString &rel) const { return m_tmp.path() + QLatin1Char('/') + rel; }
    QString src(const QString &rel) const { return m_src + QLatin1Char('/') + rel; }
    bool put(const QString &rel, const QByteArray &content)
    {
        return QDir().mkpath(QFileInfo(src(rel)).path()) && writeFile(QFile::encodeName(src(rel)), content);
    }
    QString backup()
    {
        const RunResult r = cli(
            {QStringLiteral("backup"), QStringLiteral("--repo"), m_repo, QStringLiteral("--json"), m_src});
        if (r.exitCode != 0)
            qWarning("backup: %s", qPrintable(r.describe()));
        return backupSnapshotId(r.out);
    }
    // A change line of the text output.
    QByteArray changeLine(const char *mark, const char *rel) const
    {
        return QByteArray(mark) + ' ' + src(QLatin1String(rel)).toUtf8() + '\n';
    }
    RunResult diff(const QStringList &args)
    {
        return cli(QStringList{QStringLiteral("diff"), QStringLiteral("--repo"), m_repo} + args);
    }
    // GNU diff -u of two contents, written to files.
    QByteArray gnuDiff(const QByteArray &a, const QByteArray &b)
    {
        const QByteArray fa = QFile::encodeName(path(QStringLiteral("gnu-a"))),
                         fb = QFile::encodeName(path(QStringLiteral("gnu-b")));
        if (!writeFile(fa, a) || !writeFile(fb, b))
            return "cannot write";
        const RunResult r =
            runProgram(QStringLiteral("diff"),
                       {QStringLiteral("-u"), QFile::decodeName(fa), QFile::decodeName(fb)}, m_env);
        return r.out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY(QDir().mkpath(path(QStringLiteral("home"))));
        m_env = cliEnvironment(path(QStringLiteral("home")), kPassword);
        m_repo = path(QStringLiteral("repo"));
        m_src = path(QStringLiteral("profile"));
        QString error;
        QVERIFY2(initSmallRepository(m_repo, kPassword, &error), qPrintable(error));

        QByteArray config;
        for (int i = 1; i <= 40; ++i)
            config += "setting" + QByteArray::number(i) + " = " + QByteArray::number(i * 7) + "\r\n";
        m_oldConfig = config;
        m_newConfig = QByteArray(config)
                          .replace("setting3 = 21\r\n", "setting3 = 22\r\n")
                          .replace("setting30 = 210\r\n", "")
                          .append("last = yes"); // and no final newline
        QByteArray image("\x89PNG\r\n\x1a\n", 8);
        image += pseudoRandomBytes(3000, 5);
        QVERIFY(put(QStringLiteral("settings/config.ini"), m_oldConfig) &&
                put(QStringLiteral("settings/keys.otml"), "Keys\n  jump: Space\n") &&
                put(QStringLiteral("logs/one.log"), "started\n") && put(QStringLiteral("icon.png"), image) &&
                put(QStringLiteral("data.bin"), pseudoRandomBytes(10000, 1)));
        m_first = backup();
        QByteArray data = pseudoRandomBytes(10000, 1);
        data[6543] = char(data[6543] ^ 0x5a);
        image[2000] = char(image[2000] ^ 1);
        QVERIFY(put(QStringLiteral("settings/config.ini"), m_newConfig) &&
                put(QStringLiteral("logs/two.log"), "more\n") && put(QStringLiteral("icon.png"), image) &&
                put(QStringLiteral("data.bin"), data));
        m_second = backup();
        QVERIFY(!m_first.isEmpty() && !m_second.isEmpty());
    }

    void versionsWholeAndBelowAFolder()
    {
        const RunResult all = diff({m_first, m_second});
        QVERIFY2(all.exitCode == 0, qPrintable(all.describe()));
        QVERIFY(all.out.contains(changeLine("M", "settings/config.ini")));
        QVERIFY(all.out.contains(changeLine("+", "logs/two.log")));
        QVERIFY(all.out.contains("3 modified"));

        const RunResult logs = diff({m_first, m_second, src(QStringLiteral("logs"))});
        QVERIFY2(logs.exitCode == 0, qPrintable(logs.describe()));
        QCOMPARE(logs.out.count('\n'), 2); // the new log, and the summary
        QVERIFY(logs.out.startsWith(changeLine("+", "logs/two.log")));
        QVERIFY(logs.out.contains("1 added, 0 removed, 0 modified"));

        // JSON says what differs about each entry.
        const RunResult json =
            diff({m_first, m_second, src(QStringLiteral("settings")), QStringLiteral("--json")});
        QVERIFY2(json.exitCode == 0, qPrintable(json.describe()));
        const QList<QJsonObject> lines = jsonLines(json.out);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0].value(QStringLiteral("path")).toString(),
                 src(QStringLiteral("settings/config.ini")));
        QVERIFY(lines[0].value(QStringLiteral("fields")).toArray().contains(QStringLiteral("content")));
        QCOMPARE(lines[1].value(QStringLiteral("type")).toString(), QStringLiteral("summary"));
    }

    void aTextFileAsDiffShowsIt()
    {
        const RunResult r = diff({m_first, m_second, src(QStringLiteral("settings/config.ini"))});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(r.out.startsWith(QByteArray("--- " + m_first.left(8).toUtf8() + ':')));
        const QByteArray gnu = gnuDiff(m_oldConfig, m_newConfig);
        QCOMPARE(gnu.count("\n@@ "), 3); // the changes are far apart
        QCOMPARE(hunksOf(r.out), hunksOf(gnu));
        QVERIFY(r.out.contains("\\ No newline at end of file"));

        // Relative to "/", as the versions hold paths.
        const RunResult relative =
            diff({m_first, m_second, src(QStringLiteral("settings/config.ini")).mid(1)});
        QCOMPARE(relative.out, r.out);

        const RunResult json =
            diff({m_first, m_second, src(QStringLiteral("settings/config.ini")), QStringLiteral("--json")});
        QVERIFY2(json.exitCode == 0, qPrintable(json.describe()));
        const QJsonObject o = jsonLines(json.out).value(0);
        QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("text"));
        QCOMPARE(o.value(QStringLiteral("linesAdded")).toInt(), 2);   // setting3 and "last"
        QCOMPARE(o.value(QStringLiteral("linesRemoved")).toInt(), 2); // setting3 and setting30
        QCOMPARE(o.value(QStringLiteral("finalNewlineB")).toBool(), false);
        const QJsonArray hunks = o.value(QStringLiteral("hunks")).toArray();
        QCOMPARE(hunks.size(), 3);
        QCOMPARE(hunks[0].toObject().value(QStringLiteral("oldStart")).toInt(), 1);
        QVERIFY(hunks[0]
                    .toObject()
                    .value(QStringLiteral("lines"))
                    .toArray()
                    .contains(QStringLiteral("+setting3 = 22")));

        // Unchanged: nothing, as diff.
        const RunResult same = diff({m_first, m_second, src(QStringLiteral("settings/keys.otml"))});
        QVERIFY2(same.exitCode == 0, qPrintable(same.describe()));
        QVERIFY(same.out.isEmpty());

        // A file one version lacks is compared with nothing.
        const RunResult added = diff({m_first, m_second, src(QStringLiteral("logs/two.log"))});
        QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
        QVERIFY(added.out.startsWith("--- /dev/null\n"));
        QVERIFY(added.out.contains("@@ -0,0 +1 @@\n+more\n"));
    }

    void otherFilesBySizeHashAndOffset()
    {
        const RunResult bin = diff({m_first, m_second, src(QStringLiteral("data.bin"))});
        QVERIFY2(bin.exitCode == 0, qPrintable(bin.describe()));
        QVERIFY2(bin.out.startsWith("Binary files "), bin.out.constData());
        QVERIFY2(bin.out.contains("first difference at byte 6,543"), bin.out.constData());

        const RunResult image =
            diff({m_first, m_second, src(QStringLiteral("icon.png")), QStringLiteral("--json")});
        QVERIFY2(image.exitCode == 0, qPrintable(image.describe()));
        const QJsonObject o = jsonLines(image.out).value(0);
        QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("image"));
        QCOMPARE(o.value(QStringLiteral("imageFormat")).toString(), QStringLiteral("png"));
        QCOMPARE(o.value(QStringLiteral("firstDifference")).toInteger(), 2000);
        QVERIFY(o.value(QStringLiteral("sha256A")).toString() !=
                o.value(QStringLiteral("sha256B")).toString());
    }

    void versionAgainstTheDisk()
    {
        // Since the second version: one file edited, one touched only, one gone, one new.
        QByteArray edited = m_newConfig;
        edited.replace("setting10 = 70", "setting10 = 71");
        QVERIFY(put(QStringLiteral("settings/config.ini"), edited));
        const QByteArray keys = QFile::encodeName(src(QStringLiteral("settings/keys.otml")));
        QVERIFY(setMtimeNs(keys, 1'000'000'000'000'000'000LL));
        QVERIFY(QFile::remove(src(QStringLiteral("logs/one.log"))));
        QVERIFY(put(QStringLiteral("logs/three.log"), "new\n"));

        const RunResult folder = diff({m_second, m_src, QStringLiteral("--to-disk")});
        QVERIFY2(folder.exitCode == 0, qPrintable(folder.describe()));
        QVERIFY(folder.out.contains(changeLine("M", "settings/config.ini")));
        QVERIFY(folder.out.contains(changeLine("m", "settings/keys.otml")));
        QVERIFY(folder.out.contains(changeLine("-", "logs/one.log")));
        QVERIFY(folder.out.contains(changeLine("+", "logs/three.log")));
        QVERIFY2(folder.out.contains("-> disk: 1 added, 1 removed, 1 modified, 1 metadata only"),
                 folder.out.constData());

        // A file: its unified diff against what is there now; relative to the current folder.
        RunResult file = runProgram(cliPath(),
                                    {QStringLiteral("diff"), QStringLiteral("--repo"), m_repo, m_second,
                                     QStringLiteral("config.ini"), QStringLiteral("--to-disk")},
                                    m_env, {}, 60000, src(QStringLiteral("settings")));
        QVERIFY2(file.exitCode == 0, qPrintable(file.describe()));
        QCOMPARE(hunksOf(file.out), hunksOf(gnuDiff(m_newConfig, edited)));
        QVERIFY(!hunksOf(file.out).isEmpty());
    }

    void badInput()
    {
        const RunResult missing = diff({m_first, m_second, src(QStringLiteral("nowhere.txt"))});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("neither") && missing.err.contains("nowhere.txt"),
                 missing.err.constData());

        const RunResult noVersion = diff({QStringLiteral("feedface"), m_second});
        QVERIFY(noVersion.exitCode != 0);
        QVERIFY2(noVersion.err.contains("feedface"), noVersion.err.constData());

        const RunResult threeToDisk = diff({m_first, m_second, m_src, QStringLiteral("--to-disk")});
        QCOMPARE(threeToDisk.exitCode, 2);
        QVERIFY2(threeToDisk.err.contains("--to-disk"), threeToDisk.err.constData());

        const RunResult tooMany = diff({m_first, m_second, m_src, m_src});
        QCOMPARE(tooMany.exitCode, 2);

        const RunResult notThere =
            diff({m_first, path(QStringLiteral("nothing/here")), QStringLiteral("--to-disk")});
        QCOMPARE(notThere.exitCode, 1);
        QVERIFY2(notThere.err.contains("neither in version"), notThere.err.constData());
    }

    // Once `history` has made the catalog, a folder diff answers from it, with the same output
    // byte for byte; diff itself never makes one.
    void answersFromTheCatalogWhenThereIsOne()
    {
        const QString catalogs = path(QStringLiteral("home/.cache/strata/catalog"));
        const auto catalogFiles = [&] {
            return QDir(catalogs).entryList({QStringLiteral("*.sqlite")}, QDir::Files);
        };
        const QList<QStringList> asked{
            {m_first, m_second},
            {m_second, m_first, QStringLiteral("--json")},
            {m_first, m_second, src(QStringLiteral("logs"))},
            {m_first, m_second, src(QStringLiteral("settings")), QStringLiteral("--json")},
            {m_first, m_second, src(QStringLiteral("nowhere"))}};
        QList<RunResult> before;
        for (const QStringList &args : asked)
            before << diff(args);
        QVERIFY(catalogFiles().isEmpty());

        const RunResult history = cli({QStringLiteral("history"), QStringLiteral("--repo"), m_repo,
                                       src(QStringLiteral("settings/config.ini"))});
        QVERIFY2(history.exitCode == 0, qPrintable(history.describe()));
        QCOMPARE(catalogFiles().size(), 1);
        for (int i = 0; i < asked.size(); ++i) {
            const RunResult again = diff(asked[i]);
            QCOMPARE(again.exitCode, before[i].exitCode);
            QCOMPARE(again.out, before[i].out);
            QCOMPARE(again.err, before[i].err);
        }
        // Without the packs only the catalog can say what changed between the whole versions.
        const QString data = m_repo + QStringLiteral("/data"),
                      hidden = m_repo + QStringLiteral("/data-hidden");
        QVERIFY(QDir().rename(data, hidden));
        const RunResult blind = diff({m_first, m_second});
        QVERIFY(QDir().rename(hidden, data));
        QCOMPARE(blind.exitCode, 0);
        QCOMPARE(blind.out, before[0].out);
        QVERIFY(QDir(catalogs).removeRecursively());
    }
};

QTEST_GUILESS_MAIN(TestCliDiff)
#include "tst_cli_diff.moc"
