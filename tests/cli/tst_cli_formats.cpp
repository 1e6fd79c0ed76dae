// Repository formats: a format 1 repository made by the first Strata (tests/data/repo-v1, a
// backup of the tree described below) is read, checked and restored exactly; its first backup
// raises it to format 2 and says so, after which both the old and the new versions restore; a
// format this build does not know is refused with a message; new repositories are format 2.
//
// The fixture's version (set "fixture", password "v1-fixture") holds /tmp/v1fix/src/data:
//   a.txt       "hello v1\n", 0640, mtime 2020-02-02 02:02:02.000000002, hard-linked as hardlink
//   link        -> a.txt, mtime 2001-01-01 00:00:00
//   fifo        a FIFO
//   sub/old.txt "old\n", mtime 1960-03-04 05:06:07.123456789 (before 1970: a negative count)
//   sub/random.bin 20,000 random bytes (sha256 c7b03464...), mtime 2200-01-02 03:04:05.5
#include "TestUtil.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace strata::test;

class TestCliFormats final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void formatOneIsListedWithExactTimes();
    void formatOneRestoresExactly();
    void formatOnePassesCheck();
    void firstBackupRaisesFormatOneAndSaysSo();
    void newerFormatIsRefused();
    void newRepositoriesAreFormatTwo();

private:
    RunResult cli(const QStringList &args) { return runCli(args, m_env); }
    int configVersion() const;
    // Restores `version` to a fresh folder and checks the fixture's files there.
    void checkRestoredFixture(const QString &version);

    std::unique_ptr<QTemporaryDir> m_tmp;
    QProcessEnvironment m_env;
    QString m_repo;
};

void TestCliFormats::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    QVERIFY(QDir().mkpath(m_tmp->path() + QStringLiteral("/home")));
    m_env = cliEnvironment(m_tmp->path() + QStringLiteral("/home"), QStringLiteral("v1-fixture"));
    m_repo = m_tmp->path() + QStringLiteral("/repo");
    QVERIFY(copyTree(QByteArray(STRATA_TEST_DATA "/repo-v1"), QFile::encodeName(m_repo)));
    QCOMPARE(configVersion(), 1);
}

int TestCliFormats::configVersion() const
{
    QFile f(m_repo + QStringLiteral("/config"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("version")).toInt(-1);
}

void TestCliFormats::formatOneIsListedWithExactTimes()
{
    const RunResult r = cli({QStringLiteral("ls"), QStringLiteral("--repo"), m_repo, QStringLiteral("latest"),
                             QStringLiteral("/tmp/v1fix/src/data"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QHash<QString, QJsonObject> byName;
    for (const QJsonObject &o : jsonLines(r.out))
        byName.insert(o.value(QStringLiteral("name")).toString(), o);
    QCOMPARE(byName.value(QStringLiteral("old.txt")).value(QStringLiteral("mtimeNs")).toString(),
             QStringLiteral("-310157632876543211"));
    // Milliseconds towards the past: 07.123, not 07.124 as a division towards zero gave.
    QCOMPARE(byName.value(QStringLiteral("old.txt")).value(QStringLiteral("mtime")).toString(),
             QStringLiteral("1960-03-04T05:06:07.123Z"));
    QCOMPARE(byName.value(QStringLiteral("random.bin")).value(QStringLiteral("mtimeNs")).toString(),
             QStringLiteral("7258215845500000000"));
    QCOMPARE(byName.value(QStringLiteral("link")).value(QStringLiteral("target")).toString(),
             QStringLiteral("a.txt"));
    QCOMPARE(byName.value(QStringLiteral("fifo")).value(QStringLiteral("type")).toString(),
             QStringLiteral("fifo"));
    QVERIFY(!byName.value(QStringLiteral("a.txt")).contains(QStringLiteral("user"))); // format 1 had no names
}

void TestCliFormats::checkRestoredFixture(const QString &version)
{
    const QString target = m_tmp->path() + QStringLiteral("/restored-") + version;
    const RunResult r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, version,
                             QStringLiteral("--target"), target});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QString data = target + QStringLiteral("/data/");
    bool ok = false;
    QCOMPARE(readFile(QFile::encodeName(data + QStringLiteral("a.txt")), &ok), QByteArray("hello v1\n"));
    QCOMPARE(readFile(QFile::encodeName(data + QStringLiteral("sub/old.txt")), &ok), QByteArray("old\n"));
    const QByteArray random = readFile(QFile::encodeName(data + QStringLiteral("sub/random.bin")), &ok);
    QVERIFY(ok);
    QCOMPARE(QCryptographicHash::hash(random, QCryptographicHash::Sha256).toHex(),
             QByteArray("c7b03464a7ac6d03d766d33abbd72f194324b9c2758ef9a0f7cb2917d74a3da9"));
    const RunResult st = runProgram(
        QStringLiteral("/bin/sh"),
        {QStringLiteral("-c"), QStringLiteral("cd '%1' && stat -c '%n %F %a %h %y' a.txt hardlink link fifo "
                                              "sub/old.txt sub/random.bin")
                                   .arg(data)},
        m_env);
    QVERIFY2(st.exitCode == 0, qPrintable(st.describe()));
    const QByteArray out = st.out;
    for (const char *line :
         {"a.txt regular file 640 2 2020-02-02 02:02:02.000000002 +0000",
          "hardlink regular file 640 2 2020-02-02 02:02:02.000000002 +0000",
          "link symbolic link 777 1 2001-01-01 00:00:00.000000000 +0000", "fifo fifo 644 1",
          "sub/old.txt regular file 644 1 1960-03-04 05:06:07.123456789 +0000",
          "sub/random.bin regular file 644 1 2200-01-02 03:04:05.500000000 +0000"})
        QVERIFY2(out.contains(line), qPrintable(QString::fromUtf8(QByteArray(line) + "\n not in\n" + out)));
}

void TestCliFormats::formatOneRestoresExactly()
{
    checkRestoredFixture(QStringLiteral("latest"));
    QCOMPARE(configVersion(), 1); // reading changes nothing
}

void TestCliFormats::formatOnePassesCheck()
{
    const RunResult r =
        cli({QStringLiteral("check"), QStringLiteral("--repo"), m_repo, QStringLiteral("--read-data")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(configVersion(), 1);
}

void TestCliFormats::firstBackupRaisesFormatOneAndSaysSo()
{
    const RunResult before =
        cli({QStringLiteral("snapshots"), QStringLiteral("--repo"), m_repo, QStringLiteral("--json")});
    const QString oldId =
        QJsonDocument::fromJson(before.out).array().at(0).toObject().value(QStringLiteral("id")).toString();
    QVERIFY(!oldId.isEmpty());

    const QString src = m_tmp->path() + QStringLiteral("/new");
    QVERIFY(QDir().mkpath(src));
    QVERIFY(writeFile(QFile::encodeName(src + QStringLiteral("/n.txt")), "new\n"));
    const RunResult r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), m_repo, src});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(r.text().contains(QStringLiteral("raised from format 1 to 2")), qPrintable(r.text()));
    QCOMPARE(configVersion(), 2);

    // Said once: the next backup finds the repository current.
    const RunResult again =
        cli({QStringLiteral("backup"), QStringLiteral("--repo"), m_repo, QStringLiteral("--json"), src});
    QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
    QVERIFY(!again.text().contains(QStringLiteral("raised from format")));
    QVERIFY(!jsonResult(again.out).contains(QStringLiteral("upgradedFromFormat")));

    checkRestoredFixture(oldId); // the format 1 version is untouched
    const RunResult ls =
        cli({QStringLiteral("ls"), QStringLiteral("--repo"), m_repo, QStringLiteral("latest"),
             src + QStringLiteral("/n.txt"), QStringLiteral("--json")});
    QVERIFY2(ls.exitCode == 0, qPrintable(ls.describe()));
    QVERIFY(jsonLines(ls.out).value(0).contains(QStringLiteral("user"))); // written as format 2
    const RunResult check =
        cli({QStringLiteral("check"), QStringLiteral("--repo"), m_repo, QStringLiteral("--read-data")});
    QVERIFY2(check.exitCode == 0, qPrintable(check.describe()));
}

void TestCliFormats::newerFormatIsRefused()
{
    QFile f(m_repo + QStringLiteral("/config"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray config = f.readAll();
    f.close();
    config.replace("\"version\": 1", "\"version\": 3");
    QVERIFY(writeFile(QFile::encodeName(m_repo + QStringLiteral("/config")), config));
    const RunResult r = cli({QStringLiteral("snapshots"), QStringLiteral("--repo"), m_repo});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.text().contains(QStringLiteral("format version 3")) &&
                 r.text().contains(QStringLiteral("versions up to 2")),
             qPrintable(r.text()));
}

void TestCliFormats::newRepositoriesAreFormatTwo()
{
    m_repo = m_tmp->path() + QStringLiteral("/fresh");
    const RunResult r = cli({QStringLiteral("init"), QStringLiteral("--repo"), m_repo});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(configVersion(), 2);
}

QTEST_GUILESS_MAIN(TestCliFormats)
#include "tst_cli_formats.moc"
