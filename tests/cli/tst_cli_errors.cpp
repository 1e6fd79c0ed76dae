// How strata-cli fails: wrong password, missing or existing repository, damaged packs, index
// and config, a newer format, unreadable source files. Each failure must give its documented
// exit code and a message a person can act on.
#include "TestUtil.h"

#include <QDir>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace strata::test;

class TestCliErrors final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { removeTree(m_tmp.path()); }
    void usageError();
    void wrongPassword();
    void missingRepository();
    void initOverExistingRepository();
    void truncatedPack();
    void flippedByteInPack();
    void deletedIndex();
    void corruptConfig();
    void newerFormatVersion();
    void unreadableSourceFile();

private:
    RunResult cli(const QStringList &args) { return runCli(args, m_env); }
    QString path(const QString &rel) const { return m_tmp.path() + QLatin1Char('/') + rel; }
    // A fresh copy of the healthy repository, to damage.
    QString copyOfRepo(const QString &name);
    static QString largestFile(const QString &dir);
    void expectCheckNamesDamage(const QString &repo, const QString &pack);

    QTemporaryDir m_tmp;
    QProcessEnvironment m_env;
    QString m_repo;
    QString m_src;
    const QStringList m_sourceFiles = {QStringLiteral("alpha.bin"), QStringLiteral("beta.txt"),
                                       QStringLiteral("delta.bin")};
};

void TestCliErrors::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(QFileInfo::exists(cliPath()));
    QVERIFY(QDir().mkpath(path(QStringLiteral("home"))));
    m_env = cliEnvironment(path(QStringLiteral("home")));
    m_repo = path(QStringLiteral("repo"));
    m_src = path(QStringLiteral("src"));
    QVERIFY(QDir().mkpath(m_src + QStringLiteral("/gamma")));
    QVERIFY(writeRandomFile(QFile::encodeName(m_src + QStringLiteral("/alpha.bin")), 3 << 20, 11));
    QVERIFY(writeFile(QFile::encodeName(m_src + QStringLiteral("/beta.txt")), "beta\n"));
    QVERIFY(writeRandomFile(QFile::encodeName(m_src + QStringLiteral("/gamma/delta.bin")), 2 << 20, 12));

    RunResult r = cli({QStringLiteral("init"), QStringLiteral("--repo"), m_repo});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), m_repo, m_src});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = cli({QStringLiteral("check"), QStringLiteral("--repo"), m_repo, QStringLiteral("--read-data")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
}

QString TestCliErrors::copyOfRepo(const QString &name)
{
    const QString copy = path(name);
    if (!copyTree(QFile::encodeName(m_repo), QFile::encodeName(copy)))
        return {};
    return copy;
}

QString TestCliErrors::largestFile(const QString &dir)
{
    QString best;
    qint64 bestSize = -1;
    for (const QString &f : treeFiles(dir)) {
        const qint64 s = QFileInfo(dir + QLatin1Char('/') + f).size();
        if (s > bestSize) {
            bestSize = s;
            best = dir + QLatin1Char('/') + f;
        }
    }
    return best;
}

void TestCliErrors::expectCheckNamesDamage(const QString &repo, const QString &pack)
{
    const RunResult r =
        cli({QStringLiteral("check"), QStringLiteral("--repo"), repo, QStringLiteral("--read-data")});
    QVERIFY2(r.exitCode == 7, qPrintable(r.describe()));
    const QString packName = QFileInfo(pack).fileName();
    // The full name or at least a prefix that identifies it.
    QVERIFY2(r.text().contains(packName.left(8)),
             qPrintable(QStringLiteral("pack %1 not named in\n%2").arg(packName, r.describe())));
    bool namesFile = false;
    for (const QString &f : m_sourceFiles)
        namesFile = namesFile || r.text().contains(f);
    QVERIFY2(namesFile, qPrintable(QStringLiteral("no affected file named in\n") + r.describe()));
}

void TestCliErrors::usageError()
{
    RunResult r = cli({QStringLiteral("frobnicate"), QStringLiteral("--repo"), m_repo});
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, QStringLiteral("latest"),
             QStringLiteral("--conflict"), QStringLiteral("sometimes")});
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
}

void TestCliErrors::wrongPassword()
{
    const QProcessEnvironment env =
        cliEnvironment(path(QStringLiteral("home")), QStringLiteral("not the password"));
    for (const QString &command : {QStringLiteral("snapshots"), QStringLiteral("check")}) {
        const RunResult r = runCli({command, QStringLiteral("--repo"), m_repo}, env);
        QVERIFY2(r.exitCode == 5, qPrintable(command + QLatin1Char(' ') + r.describe()));
        QVERIFY2(r.text().contains(QStringLiteral("password"), Qt::CaseInsensitive),
                 qPrintable(r.describe()));
    }
    const RunResult r = runCli({QStringLiteral("backup"), QStringLiteral("--repo"), m_repo, m_src}, env);
    QVERIFY2(r.exitCode == 5, qPrintable(r.describe()));
}

void TestCliErrors::missingRepository()
{
    const QString missing = path(QStringLiteral("no-repo-here"));
    RunResult r = cli({QStringLiteral("snapshots"), QStringLiteral("--repo"), missing});
    QVERIFY2(r.exitCode == 4, qPrintable(r.describe()));
    r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), missing, m_src});
    QVERIFY2(r.exitCode == 4, qPrintable(r.describe()));
    r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), missing, QStringLiteral("latest"),
             QStringLiteral("--target"), path(QStringLiteral("r-missing"))});
    QVERIFY2(r.exitCode == 4, qPrintable(r.describe()));
    QVERIFY2(!QFileInfo::exists(missing), "a failed command created the repository folder");
    // An empty folder is no repository either.
    QVERIFY(QDir().mkpath(path(QStringLiteral("empty-folder"))));
    r = cli({QStringLiteral("snapshots"), QStringLiteral("--repo"), path(QStringLiteral("empty-folder"))});
    QVERIFY2(r.exitCode == 4, qPrintable(r.describe()));
}

void TestCliErrors::initOverExistingRepository()
{
    const QStringList before = treeFiles(m_repo);
    const RunResult r = cli({QStringLiteral("init"), QStringLiteral("--repo"), m_repo});
    QVERIFY2(r.exitCode != 0 && r.exitCode != -1, qPrintable(r.describe()));
    QCOMPARE(treeFiles(m_repo), before);
    const RunResult s = cli({QStringLiteral("snapshots"), QStringLiteral("--repo"), m_repo});
    QVERIFY2(s.exitCode == 0, qPrintable(s.describe()));
}

void TestCliErrors::truncatedPack()
{
    // More than one pack's worth of data, so the folders' trees need not share the pack that
    // gets truncated (a truncated pack loses every blob behind the cut, trees included).
    const QString repo = path(QStringLiteral("repo-truncated"));
    const QString src = path(QStringLiteral("src-big"));
    QVERIFY(QDir().mkpath(src + QStringLiteral("/gamma")));
    QVERIFY(writeRandomFile(QFile::encodeName(src + QStringLiteral("/alpha.bin")), 14 << 20, 21));
    QVERIFY(writeFile(QFile::encodeName(src + QStringLiteral("/beta.txt")), "beta\n"));
    QVERIFY(writeRandomFile(QFile::encodeName(src + QStringLiteral("/gamma/delta.bin")), 10 << 20, 22));
    RunResult r = cli({QStringLiteral("init"), QStringLiteral("--repo"), repo});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), repo, src});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(treeFiles(repo + QStringLiteral("/data")).size() >= 2, "expected at least two packs");

    const QString pack = largestFile(repo + QStringLiteral("/data"));
    QVERIFY(!pack.isEmpty());
    const qint64 size = QFileInfo(pack).size();
    QVERIFY(::truncate(QFile::encodeName(pack).constData(), size / 2) == 0);
    expectCheckNamesDamage(repo, pack);
}

void TestCliErrors::flippedByteInPack()
{
    const QString repo = copyOfRepo(QStringLiteral("repo-flipped"));
    QVERIFY(!repo.isEmpty());
    const QString pack = largestFile(repo + QStringLiteral("/data"));
    QVERIFY(!pack.isEmpty());
    const QByteArray p = QFile::encodeName(pack);
    const qint64 at = QFileInfo(pack).size() / 3;
    QByteArray data = readFile(p);
    QVERIFY(data.size() > at);
    data[at] = char(data[at] ^ 0x40);
    QVERIFY(overwriteAt(p, at, data.mid(at, 1)));
    expectCheckNamesDamage(repo, pack);
}

void TestCliErrors::deletedIndex()
{
    const QString repo = copyOfRepo(QStringLiteral("repo-noindex"));
    QVERIFY(!repo.isEmpty());
    const QStringList indexFiles = treeFiles(repo + QStringLiteral("/index"));
    QVERIFY(!indexFiles.isEmpty());
    for (const QString &f : indexFiles)
        QVERIFY(QFile::remove(repo + QStringLiteral("/index/") + f));
    // The packs are still there but nothing indexes the blobs the version names: the version
    // cannot be restored, so check must call it damage, not merely "unreferenced packs".
    const RunResult r = cli({QStringLiteral("check"), QStringLiteral("--repo"), repo});
    qInfo("check after deleting the index: %s", qPrintable(r.describe()));
    QVERIFY2(r.exitCode == 7, qPrintable(r.describe()));
    QVERIFY2(r.text().contains(QStringLiteral("index"), Qt::CaseInsensitive) ||
                 r.text().contains(QStringLiteral("missing"), Qt::CaseInsensitive),
             qPrintable(r.describe()));
}

void TestCliErrors::corruptConfig()
{
    const QString repo = copyOfRepo(QStringLiteral("repo-badconfig"));
    QVERIFY(!repo.isEmpty());
    QVERIFY(writeFile(QFile::encodeName(repo + QStringLiteral("/config")), "{ this is not json"));
    for (const QString &command : {QStringLiteral("snapshots"), QStringLiteral("check")}) {
        const RunResult r = cli({command, QStringLiteral("--repo"), repo});
        QVERIFY2(r.exitCode > 0 && r.exitCode != 2, qPrintable(command + QLatin1Char(' ') + r.describe()));
        QVERIFY2(r.text().contains(QStringLiteral("config"), Qt::CaseInsensitive), qPrintable(r.describe()));
    }
}

void TestCliErrors::newerFormatVersion()
{
    const QString repo = copyOfRepo(QStringLiteral("repo-v99"));
    QVERIFY(!repo.isEmpty());
    const QByteArray configPath = QFile::encodeName(repo + QStringLiteral("/config"));
    QJsonDocument doc = QJsonDocument::fromJson(readFile(configPath));
    QVERIFY2(doc.isObject(), "config is not plain JSON");
    QJsonObject o = doc.object();
    QVERIFY(o.contains(QStringLiteral("version")));
    o.insert(QStringLiteral("version"), 99);
    QVERIFY(writeFile(configPath, QJsonDocument(o).toJson()));
    for (const QStringList &args :
         {QStringList{QStringLiteral("snapshots"), QStringLiteral("--repo"), repo},
          QStringList{QStringLiteral("backup"), QStringLiteral("--repo"), repo, m_src}}) {
        const RunResult r = cli(args);
        QVERIFY2(r.exitCode > 0 && r.exitCode != 2 && r.exitCode != 5, qPrintable(r.describe()));
        QVERIFY2(r.text().contains(QStringLiteral("99")) &&
                     r.text().contains(QStringLiteral("version"), Qt::CaseInsensitive),
                 qPrintable(r.describe()));
    }
    // Nothing was written into the newer repository.
    QCOMPARE(treeFiles(repo + QStringLiteral("/snapshots")),
             treeFiles(m_repo + QStringLiteral("/snapshots")));
}

void TestCliErrors::unreadableSourceFile()
{
    // Root reads anything whatever its mode, so as root the backup runs as "nobody".
    const bool asNobody = isRoot();
    // setpriv is part of util-linux, which every Debian system has.
    QVERIFY2(!asNobody || QFileInfo::exists(QStringLiteral("/usr/bin/setpriv")),
             "setpriv (util-linux) is missing");
    QTemporaryDir base;
    QVERIFY(base.isValid());
    QVERIFY(::chmod(QFile::encodeName(base.path()).constData(), 0755) == 0);
    const QString src = base.path() + QStringLiteral("/src");
    const QString repo = base.path() + QStringLiteral("/repo");
    const QString home = base.path() + QStringLiteral("/home");
    QVERIFY(QDir().mkpath(src + QStringLiteral("/locked")));
    QVERIFY(QDir().mkpath(home));
    QVERIFY(writeFile(QFile::encodeName(src + QStringLiteral("/readable.txt")), "anyone may read me\n"));
    QVERIFY(writeRandomFile(QFile::encodeName(src + QStringLiteral("/other.bin")), 100000, 5));
    QVERIFY(writeFile(QFile::encodeName(src + QStringLiteral("/secret.bin")), "nobody may read me\n", 0000));
    QVERIFY(writeFile(QFile::encodeName(src + QStringLiteral("/locked/inner.txt")), "hidden\n"));
    QVERIFY(::chmod(QFile::encodeName(src + QStringLiteral("/secret.bin")).constData(), 0000) == 0);
    QVERIFY(::chmod(QFile::encodeName(src + QStringLiteral("/locked")).constData(), 0000) == 0);

    const QProcessEnvironment env = cliEnvironment(home);
    RunResult r = runCli({QStringLiteral("init"), QStringLiteral("--repo"), repo}, env);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QStringList backupArgs = {QStringLiteral("backup"), QStringLiteral("--repo"), repo,
                                    QStringLiteral("--json"), src};
    if (asNobody) {
        const RunResult chown = runProgram(QStringLiteral("chown"),
                                           {QStringLiteral("-R"), QStringLiteral("65534:65534"), repo, home},
                                           QProcessEnvironment::systemEnvironment());
        QVERIFY2(chown.exitCode == 0, qPrintable(chown.describe()));
        r = runProgram(QStringLiteral("/usr/bin/setpriv"),
                       QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                   QStringLiteral("--clear-groups"), cliPath()} +
                           backupArgs,
                       env);
    } else {
        r = runCli(backupArgs, env);
    }
    QVERIFY2(r.exitCode == 3, qPrintable(r.describe()));
    QVERIFY2(r.text().contains(QStringLiteral("secret.bin")), qPrintable(r.describe()));
    QVERIFY2(r.text().contains(QStringLiteral("locked")), qPrintable(r.describe()));

    r = runCli({QStringLiteral("ls"), QStringLiteral("--repo"), repo, QStringLiteral("latest"), src}, env);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.contains("readable.txt") && r.out.contains("other.bin"), qPrintable(r.describe()));

    // The readable files restore intact.
    const QString target = base.path() + QStringLiteral("/restored");
    r = runCli({QStringLiteral("restore"), QStringLiteral("--repo"), repo, QStringLiteral("latest"),
                QStringLiteral("--target"), target, QStringLiteral("--include"),
                src + QStringLiteral("/other.bin")},
               env);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(readFile(QFile::encodeName(target + QStringLiteral("/src/other.bin"))),
             readFile(QFile::encodeName(src + QStringLiteral("/other.bin"))));
    ::chmod(QFile::encodeName(src + QStringLiteral("/locked")).constData(), 0755);
}

QTEST_GUILESS_MAIN(TestCliErrors)
#include "tst_cli_errors.moc"
