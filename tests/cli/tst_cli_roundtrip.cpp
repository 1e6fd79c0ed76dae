// Backs up a fidelity tree with strata-cli, restores it and compares: full, incremental and
// differential versions, each restored on its own; in-place restore with a safety version;
// dry run, single-file include, conflict policies, ls and diff output.
#include "TestUtil.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace strata::test;

namespace {
// For system calls on a path built in place: the temporary lives to the end of the statement.
const char *cs(const QByteArray &path)
{
    return path.constData();
}
} // namespace

class TestCliRoundtrip final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { removeTree(m_tmp.path()); }
    void fullBackupRestores();
    void incrementalBackupRestores();
    void differentialBackupRestores();
    void snapshotsListKinds();
    void eachVersionRestoresAlone();
    void lsAndDiffNameThePaths();
    void dryRunWritesNothing();
    void includeSingleFile();
    void conflictSkipAndKeepBoth();
    void inPlaceRestoreTakesSafetyVersion();
    void namesThatAreNotUtf8AreGivenExactly();

private:
    RunResult cli(const QStringList &args) { return runCli(args, m_env); }
    // Runs `script` with sh, with "$0" the CLI and "$1" the temporary folder: arguments that are
    // not UTF-8 are made there with printf, as QProcess would encode them as text.
    RunResult cliSh(const QString &script)
    {
        return runProgram(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script, cliPath(), m_tmp.path()},
                          m_env);
    }
    QString path(const QString &rel) const { return m_tmp.path() + QLatin1Char('/') + rel; }
    QByteArray bpath(const QString &rel) const { return QFile::encodeName(path(rel)); }
    QString backup(const QString &kind);
    void restoreAndCompare(const QString &version, const QString &targetName, const QByteArray &expected);

    QTemporaryDir m_tmp;
    QProcessEnvironment m_env;
    QString m_repo;
    QString m_src; // <tmp>/work/src
    FidelityTree m_tree;
    QString m_full, m_incr, m_diff;
};

void TestCliRoundtrip::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(QFileInfo::exists(cliPath()));
    QVERIFY(QDir().mkpath(path(QStringLiteral("home"))));
    QVERIFY(QDir().mkpath(path(QStringLiteral("work"))));
    m_env = cliEnvironment(path(QStringLiteral("home")));
    m_repo = path(QStringLiteral("repo"));
    m_src = path(QStringLiteral("work/src"));
    QString error;
    m_tree = makeFidelityTree(QFile::encodeName(m_src), &error);
    QVERIFY2(!m_tree.root.isEmpty(), qPrintable(error));

    const RunResult r = cli({QStringLiteral("init"), QStringLiteral("--repo"), m_repo});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY(QFileInfo::exists(m_repo + QStringLiteral("/config")));
}

QString TestCliRoundtrip::backup(const QString &kind)
{
    const RunResult r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), m_repo,
                             QStringLiteral("--kind"), kind, QStringLiteral("--json"), m_src});
    if (r.exitCode != 0) {
        qWarning("backup --kind %s failed: %s", qPrintable(kind), qPrintable(r.describe()));
        return {};
    }
    const QString id = backupSnapshotId(r.out);
    if (id.isEmpty())
        qWarning("no snapshot id in the result line: %s", r.out.constData());
    return id;
}

void TestCliRoundtrip::restoreAndCompare(const QString &version, const QString &targetName,
                                         const QByteArray &expected)
{
    const QString target = path(targetName);
    const RunResult r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, version,
                             QStringLiteral("--target"), target});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QByteArray restored = QFile::encodeName(target + QStringLiteral("/src"));
    const QStringList diffs = compareTrees(expected, restored);
    QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(QLatin1Char('\n'))));
    // The sparse file keeps its holes: 3 blocks of 4 KiB of data, not 64 MiB.
    const qint64 blocks = allocatedBlocks(restored + '/' + m_tree.sparseFile);
    QVERIFY2(blocks >= 0 && blocks < 2048,
             qPrintable(QStringLiteral("sparse file has %1 blocks").arg(blocks)));
}

void TestCliRoundtrip::fullBackupRestores()
{
    QVERIFY2(allocatedBlocks(m_tree.root + '/' + m_tree.sparseFile) < 2048,
             "the source file system is not sparse");
    m_full = backup(QStringLiteral("full"));
    QVERIFY(!m_full.isEmpty());
    QVERIFY(copyTree(m_tree.root, bpath(QStringLiteral("saved-full"))));
    restoreAndCompare(m_full, QStringLiteral("r-full"), m_tree.root);
}

void TestCliRoundtrip::incrementalBackupRestores()
{
    QVERIFY(!m_full.isEmpty());
    const QByteArray root = m_tree.root;
    // Changed content with the same size, appended content, a new file, a removed file, a mode change.
    QVERIFY(overwriteAt(root + "/random5m.bin", 2 << 20, "CHANGED IN THE MIDDLE"));
    QVERIFY(writeFile(root + "/small.txt", "hello, strata, again\n"));
    QVERIFY(writeFile(root + "/nested/a/new-file.txt", "added in the incremental\n"));
    QVERIFY(::unlink(cs(root + "/nested/notes.md")) == 0);
    QVERIFY(::chmod(cs(root + "/script.sh"), 0700) == 0);
    QVERIFY(setMtimeNs(root + "/small.txt", 1700000000LL * 1000000000LL + 42));

    m_incr = backup(QStringLiteral("incremental"));
    QVERIFY(!m_incr.isEmpty());
    QVERIFY(m_incr != m_full);
    QVERIFY(copyTree(root, bpath(QStringLiteral("saved-incr"))));
    restoreAndCompare(m_incr, QStringLiteral("r-incr"), root);
}

void TestCliRoundtrip::differentialBackupRestores()
{
    QVERIFY(!m_incr.isEmpty());
    const QByteArray root = m_tree.root;
    QVERIFY(writeFile(root + "/text.log", "much shorter now\n"));
    QVERIFY(writeFile(root + "/nested/a/b/another.txt", "added in the differential\n", 0600));
    QVERIFY(::unlink(cs(root + "/link-relative")) == 0);
    QVERIFY(::symlink("small.txt", cs(root + "/link-relative")) == 0);

    m_diff = backup(QStringLiteral("differential"));
    QVERIFY(!m_diff.isEmpty());
    QVERIFY(copyTree(root, bpath(QStringLiteral("saved-diff"))));
    restoreAndCompare(m_diff, QStringLiteral("r-diff"), root);
}

void TestCliRoundtrip::snapshotsListKinds()
{
    QVERIFY(!m_diff.isEmpty());
    const RunResult r =
        cli({QStringLiteral("snapshots"), QStringLiteral("--repo"), m_repo, QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QStringList kinds;
    for (const QJsonObject &o : jsonObjectsWithKey(r.out, QStringLiteral("kind")))
        kinds << o.value(QStringLiteral("kind")).toString();
    QVERIFY2(kinds.contains(QStringLiteral("full")) && kinds.contains(QStringLiteral("incremental")) &&
                 kinds.contains(QStringLiteral("differential")),
             qPrintable(r.describe()));
    for (const QString &id : {m_full, m_incr, m_diff})
        QVERIFY2(r.out.contains(id.left(8).toUtf8()), qPrintable(id));
}

void TestCliRoundtrip::eachVersionRestoresAlone()
{
    QVERIFY(!m_diff.isEmpty());
    restoreAndCompare(m_full, QStringLiteral("r-full-again"), bpath(QStringLiteral("saved-full")));
    restoreAndCompare(m_incr.left(12), QStringLiteral("r-incr-again"), bpath(QStringLiteral("saved-incr")));
    restoreAndCompare(QStringLiteral("latest"), QStringLiteral("r-latest"),
                      bpath(QStringLiteral("saved-diff")));
}

void TestCliRoundtrip::lsAndDiffNameThePaths()
{
    QVERIFY(!m_diff.isEmpty());
    RunResult r = cli({QStringLiteral("ls"), QStringLiteral("--repo"), m_repo, m_diff, m_src});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    for (const char *name : {"small.txt", "random5m.bin", "sparse.img", "nested", "link-relative"})
        QVERIFY2(r.out.contains(name),
                 qPrintable(QLatin1String(name) + QStringLiteral(" missing in\n") + r.describe()));

    r = cli({QStringLiteral("ls"), QStringLiteral("--repo"), m_repo, m_diff,
             m_src + QStringLiteral("/nested/a"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(!jsonLines(r.out).isEmpty(), qPrintable(r.describe()));
    QVERIFY2(r.out.contains("new-file.txt"), qPrintable(r.describe()));
    QVERIFY2(!r.out.contains("small.txt"), qPrintable(r.describe()));

    // full -> incremental: small.txt and random5m.bin changed, new-file added, notes.md removed.
    r = cli({QStringLiteral("diff"), QStringLiteral("--repo"), m_repo, m_full, m_incr});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    for (const char *name : {"small.txt", "random5m.bin", "new-file.txt", "notes.md"})
        QVERIFY2(r.out.contains(name),
                 qPrintable(QLatin1String(name) + QStringLiteral(" missing in\n") + r.describe()));
    for (const char *name : {"readonly.txt", "deep.txt", "empty.txt"})
        QVERIFY2(!r.out.contains(name),
                 qPrintable(QLatin1String(name) + QStringLiteral(" unchanged but in\n") + r.describe()));

    r = cli(
        {QStringLiteral("diff"), QStringLiteral("--repo"), m_repo, m_incr, m_diff, QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(!jsonLines(r.out).isEmpty(), qPrintable(r.describe()));
    for (const char *name : {"text.log", "another.txt", "link-relative"})
        QVERIFY2(r.out.contains(name),
                 qPrintable(QLatin1String(name) + QStringLiteral(" missing in\n") + r.describe()));
    QVERIFY2(!r.out.contains("random5m.bin"), qPrintable(r.describe()));
}

void TestCliRoundtrip::dryRunWritesNothing()
{
    QVERIFY(!m_diff.isEmpty());
    const QString target = path(QStringLiteral("r-dry"));
    const RunResult r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, m_diff,
                             QStringLiteral("--target"), target, QStringLiteral("--dry-run")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(!QFileInfo::exists(target) ||
                 QDir(target).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             "the dry run wrote into the target");
    // Every plainly named entry of the version is listed.
    for (const QByteArray &rel : listTree(m_tree.root)) {
        if (QString::fromUtf8(rel).toUtf8() != rel || rel.contains('\n'))
            continue;
        QVERIFY2(r.out.contains(rel),
                 qPrintable(QStringLiteral("%1 not listed in\n%2").arg(printable(rel), r.describe())));
    }
}

void TestCliRoundtrip::includeSingleFile()
{
    QVERIFY(!m_diff.isEmpty());
    const QString target = path(QStringLiteral("r-include"));
    const RunResult r =
        cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, m_diff, QStringLiteral("--target"),
             target, QStringLiteral("--include"), m_src + QStringLiteral("/nested/a/b/c/deep.txt")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QStringList files = treeFiles(target);
    QCOMPARE(files, QStringList{QStringLiteral("src/nested/a/b/c/deep.txt")});
    QCOMPARE(readFile(QFile::encodeName(target + QStringLiteral("/src/nested/a/b/c/deep.txt"))),
             QByteArray("deep inside\n"));
}

void TestCliRoundtrip::conflictSkipAndKeepBoth()
{
    QVERIFY(!m_diff.isEmpty());
    const QString target = path(QStringLiteral("r-conflict"));
    RunResult r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, m_diff,
                       QStringLiteral("--target"), target});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QByteArray small = QFile::encodeName(target + QStringLiteral("/src/small.txt"));
    const QByteArray original = readFile(small);
    QVERIFY(!original.isEmpty());
    QVERIFY(writeFile(small, "edited by the user\n"));

    r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, m_diff, QStringLiteral("--target"),
             target, QStringLiteral("--conflict"), QStringLiteral("skip")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(readFile(small), QByteArray("edited by the user\n"));
    const QStringList before = treeFiles(target);

    r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, m_diff, QStringLiteral("--target"),
             target, QStringLiteral("--conflict"), QStringLiteral("keep-both")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(readFile(small), QByteArray("edited by the user\n"));
    // Exactly one new file, beside small.txt, holding the version's content.
    QStringList added = treeFiles(target);
    for (const QString &f : before)
        added.removeAll(f);
    QVERIFY2(added.size() == 1, qPrintable(QStringLiteral("new files: ") + added.join(QLatin1Char(' '))));
    QVERIFY2(added.first().startsWith(QStringLiteral("src/small")), qPrintable(added.first()));
    QCOMPARE(readFile(QFile::encodeName(target + QLatin1Char('/') + added.first())), original);

    // Overwrite puts the version's content back.
    r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, m_diff, QStringLiteral("--target"),
             target, QStringLiteral("--conflict"), QStringLiteral("overwrite")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(readFile(small), original);
}

void TestCliRoundtrip::inPlaceRestoreTakesSafetyVersion()
{
    QVERIFY(!m_diff.isEmpty());
    const QByteArray root = m_tree.root;
    QVERIFY(overwriteAt(root + "/random5m.bin", 100, "user edit"));
    QVERIFY(writeFile(root + "/small.txt", "in-place edit that the restore must undo\n"));
    QVERIFY(::unlink(cs(root + "/nested/a/b/c/deep.txt")) == 0);
    QVERIFY(::chmod(cs(root + "/readonly.txt"), 0644) == 0);

    RunResult r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, QStringLiteral("latest"),
                       QStringLiteral("--conflict"), QStringLiteral("overwrite")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QStringList diffs = compareTrees(bpath(QStringLiteral("saved-diff")), root);
    QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(QLatin1Char('\n'))));

    r = cli({QStringLiteral("snapshots"), QStringLiteral("--repo"), m_repo, QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    bool safety = false;
    for (const QJsonObject &o : jsonObjectsWithKey(r.out, QStringLiteral("kind")))
        safety = safety || o.value(QStringLiteral("kind")).toString() == QStringLiteral("safety");
    QVERIFY2(safety, qPrintable(QStringLiteral("no safety version in\n") + r.describe()));
}

// Names are bytes: a folder and a file whose names are not UTF-8 (Latin-1 "café", "résumé")
// are backed up, listed and restored alone when named on the command line, byte for byte.
void TestCliRoundtrip::namesThatAreNotUtf8AreGivenExactly()
{
    const QByteArray folder = bpath(QStringLiteral("odd")) + "/caf\xe9";
    const QByteArray file = folder + "/r\xe9sum\xe9.txt";
    QVERIFY(QDir().mkpath(path(QStringLiteral("odd"))));
    QCOMPARE(::mkdir(folder.constData(), 0755), 0);
    QVERIFY(writeFile(file, "one"));
    QVERIFY(writeFile(folder + "/other.txt", "two"));
    RunResult r = cli({QStringLiteral("init"), QStringLiteral("--repo"), path(QStringLiteral("repo-bytes"))});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));

    const QString folderArg = QStringLiteral(R"sh("$1/odd/$(printf 'caf\351')")sh");
    const QString fileArg = QStringLiteral(R"sh("$1/odd/$(printf 'caf\351/r\351sum\351.txt')")sh");
    const QString relativeArg = QStringLiteral(R"sh("$(printf 'caf\351/r\351sum\351.txt')")sh");
    r = cliSh(QStringLiteral(R"sh("$0" backup --repo "$1/repo-bytes" %1)sh").arg(folderArg));
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));

    r = cliSh(QStringLiteral(R"sh("$0" ls --repo "$1/repo-bytes" latest %1)sh").arg(fileArg));
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(r.out, file + '\n');

    // Absolute, and relative to the folder holding the version's source.
    const QStringList includes{fileArg, relativeArg};
    for (int i = 0; i < includes.size(); ++i) {
        const QString target = QStringLiteral("r-bytes-%1").arg(i);
        r = cliSh(
            QStringLiteral(R"sh("$0" restore --repo "$1/repo-bytes" latest --target "$1/%1" --include %2)sh")
                .arg(target, includes[i]));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QByteArray restored = bpath(target) + "/caf\xe9";
        QCOMPARE(readFile(restored + "/r\xe9sum\xe9.txt"), QByteArray("one"));
        QVERIFY(!QFileInfo::exists(QFile::decodeName(restored + "/other.txt")));
    }
}

QTEST_GUILESS_MAIN(TestCliRoundtrip)
#include "tst_cli_roundtrip.moc"
