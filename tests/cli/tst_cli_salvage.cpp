// Restoring from a damaged repository: every file that can be restored is, a damaged file is
// never written half right (left out, or with --salvage written as NAME.damaged with zeros
// exactly where its lost chunks were), every affected file is listed, and the exit code says
// corruption was found. In place, what was on disk stays where its version's copy is damaged.
//
// The damage is real: bytes of a stored pack are overwritten on disk. The first backup holds
// only big.bin, so the first bytes of its pack are big.bin's first chunk; the second backup's
// trees and the other files live in a later pack.
#include "TestUtil.h"

#include "engine/Listing.h"
#include "repo/Repository.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace strata::test;

class TestCliSalvage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void damagedFileIsLeftOutAndListed();
    void salvageKeepsEveryGoodChunkInPlace();
    void inPlaceRestoreKeepsWhatWasThere();
    void missingPackDamagesOnlyItsFiles();
    void damagedFolderCostsOnlyItsContents();
    void damagedFolderInPlaceIsLeftAlone();

private:
    RunResult cli(const QStringList &args) { return runCli(args, m_env); }
    QString backup(const QStringList &paths);
    QString firstPack() const;
    void damageFirstPack();
    void damageDocsListing();

    std::unique_ptr<QTemporaryDir> m_tmp;
    QProcessEnvironment m_env;
    QString m_repo, m_src, m_version;
    QByteArray m_big;
    QString m_firstPack;
};

QString TestCliSalvage::backup(const QStringList &paths)
{
    const RunResult r = cli(
        QStringList{QStringLiteral("backup"), QStringLiteral("--repo"), m_repo, QStringLiteral("--json")} +
        paths);
    if (r.exitCode != 0)
        qWarning("backup failed: %s", qPrintable(r.describe()));
    return backupSnapshotId(r.out);
}

void TestCliSalvage::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    QVERIFY(QDir().mkpath(m_tmp->path() + QStringLiteral("/home")));
    m_env = cliEnvironment(m_tmp->path() + QStringLiteral("/home"));
    m_repo = m_tmp->path() + QStringLiteral("/repo");
    m_src = m_tmp->path() + QStringLiteral("/src");
    QVERIFY(QDir().mkpath(m_src + QStringLiteral("/docs")));
    // 8 MiB without a zero byte, so zeros in the salvaged copy can only be the lost chunk.
    m_big = pseudoRandomBytes(8 << 20, 42);
    m_big.replace('\0', '\1');
    QVERIFY(writeFile(QFile::encodeName(m_src + QStringLiteral("/big.bin")), m_big));
    QVERIFY(cli({QStringLiteral("init"), QStringLiteral("--repo"), m_repo}).exitCode == 0);
    QVERIFY(!backup({m_src + QStringLiteral("/big.bin")}).isEmpty());
    m_firstPack = firstPack();
    QVERIFY(!m_firstPack.isEmpty());
    for (int i = 0; i < 20; ++i)
        QVERIFY(writeFile(QFile::encodeName(m_src + QStringLiteral("/docs/d%1.txt").arg(i)),
                          pseudoRandomBytes(1000 + i, quint64(i))));
    m_version = backup({m_src});
    QVERIFY(!m_version.isEmpty());
}

QString TestCliSalvage::firstPack() const
{
    const QStringList packs = treeFiles(m_repo + QStringLiteral("/data"));
    return packs.size() == 1 ? m_repo + QStringLiteral("/data/") + packs.first() : QString();
}

void TestCliSalvage::damageFirstPack()
{
    QVERIFY(overwriteAt(QFile::encodeName(m_firstPack), 100, QByteArray(16, '\x5a')));
}

void TestCliSalvage::damagedFileIsLeftOutAndListed()
{
    damageFirstPack();
    const QString target = m_tmp->path() + QStringLiteral("/out");
    const RunResult r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, m_version,
                             QStringLiteral("--target"), target});
    QCOMPARE(r.exitCode, 7); // corruption found
    QVERIFY2(r.out.contains("1 file(s) or folder(s) are damaged") && r.out.contains("src/big.bin"),
             r.out.constData());
    QVERIFY(!r.text().contains(QStringLiteral("rolled back")));
    QVERIFY(!QFileInfo::exists(target + QStringLiteral("/src/big.bin")));
    QVERIFY(!QFileInfo::exists(target + QStringLiteral("/src/big.bin.damaged")));
    for (int i = 0; i < 20; ++i) {
        const QString rel = QStringLiteral("/src/docs/d%1.txt").arg(i);
        QCOMPARE(readFile(QFile::encodeName(target + rel)), pseudoRandomBytes(1000 + i, quint64(i)));
    }
    QVERIFY(leftoverTemporaries(target).isEmpty());

    const RunResult json = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, m_version,
                                QStringLiteral("--target"), m_tmp->path() + QStringLiteral("/out-json"),
                                QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 7);
    const QJsonArray damaged = jsonResult(json.out).value(QStringLiteral("damaged")).toArray();
    QCOMPARE(damaged.size(), 1);
    const QJsonObject d = damaged.at(0).toObject();
    QVERIFY(d.value(QStringLiteral("path")).toString().endsWith(QStringLiteral("/src/big.bin")));
    QVERIFY2(d.value(QStringLiteral("problem")).toString().contains(QStringLiteral("fails authentication")),
             qPrintable(d.value(QStringLiteral("problem")).toString()));
    QCOMPARE(d.value(QStringLiteral("chunksLost")).toInt(), 1);
    QVERIFY(!d.contains(QStringLiteral("salvagedAs")));
}

void TestCliSalvage::salvageKeepsEveryGoodChunkInPlace()
{
    damageFirstPack();
    const QString target = m_tmp->path() + QStringLiteral("/out");
    const RunResult r =
        cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, m_version,
             QStringLiteral("--target"), target, QStringLiteral("--salvage"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 7);
    const QJsonObject d = jsonResult(r.out).value(QStringLiteral("damaged")).toArray().at(0).toObject();
    QVERIFY(
        d.value(QStringLiteral("salvagedAs")).toString().endsWith(QStringLiteral("/src/big.bin.damaged")));
    const qint64 lost = d.value(QStringLiteral("bytesLost")).toInteger();
    QVERIFY2(lost > 0 && lost < m_big.size(), qPrintable(QString::number(lost)));

    QVERIFY(!QFileInfo::exists(target + QStringLiteral("/src/big.bin"))); // never under its own name
    bool ok = false;
    const QByteArray salvaged =
        readFile(QFile::encodeName(target + QStringLiteral("/src/big.bin.damaged")), &ok);
    QVERIFY(ok);
    QCOMPARE(salvaged.size(), m_big.size());
    // The first chunk is lost: exactly `lost` zeros, then every other byte as it was.
    QCOMPARE(salvaged.left(lost), QByteArray(lost, '\0'));
    QVERIFY(salvaged.mid(lost) == m_big.mid(lost));
}

void TestCliSalvage::inPlaceRestoreKeepsWhatWasThere()
{
    damageFirstPack();
    const QByteArray changed = "the user's newer big.bin\n";
    QVERIFY(writeFile(QFile::encodeName(m_src + QStringLiteral("/big.bin")), changed));
    QVERIFY(writeFile(QFile::encodeName(m_src + QStringLiteral("/docs/d3.txt")), "changed too\n"));
    const RunResult r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, m_version,
                             QStringLiteral("--conflict"), QStringLiteral("overwrite")});
    QCOMPARE(r.exitCode, 7);
    QVERIFY2(r.text().contains(QStringLiteral("Safety version")), qPrintable(r.text()));
    // The damaged file's old self stays; the undamaged one came back from the version.
    QCOMPARE(readFile(QFile::encodeName(m_src + QStringLiteral("/big.bin"))), changed);
    QCOMPARE(readFile(QFile::encodeName(m_src + QStringLiteral("/docs/d3.txt"))), pseudoRandomBytes(1003, 3));
    QVERIFY(leftoverTemporaries(m_src).isEmpty());
}

void TestCliSalvage::missingPackDamagesOnlyItsFiles()
{
    QVERIFY(QFile::remove(m_firstPack));
    const QString target = m_tmp->path() + QStringLiteral("/out");
    const RunResult r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, m_version,
                             QStringLiteral("--target"), target, QStringLiteral("--salvage")});
    QCOMPARE(r.exitCode, 7);
    // Every chunk of big.bin is gone: salvage has nothing to keep but its length.
    QVERIFY2(r.out.contains("big.bin -> "), r.out.constData());
    QCOMPARE(readFile(QFile::encodeName(target + QStringLiteral("/src/big.bin.damaged"))),
             QByteArray(m_big.size(), '\0'));
    QCOMPARE(readFile(QFile::encodeName(target + QStringLiteral("/src/docs/d7.txt"))),
             pseudoRandomBytes(1007, 7));
}

// Overwrites the stored listing (tree blob) of src/docs, which the second backup wrote.
void TestCliSalvage::damageDocsListing()
{
    using namespace strata;
    auto r = Repository::open(m_repo, QStringLiteral("test-pw"));
    QVERIFY2(r && (*r)->loadIndex(), "cannot open the test repository");
    Repository &repository = **r;
    auto snap = repository.loadSnapshot(m_version);
    QVERIFY(snap);
    auto node = findNode(repository, *snap, QFile::encodeName(m_src + QStringLiteral("/docs")));
    QVERIFY(node && node->type == NodeType::Directory);
    const auto loc = repository.findBlob(node->subtree);
    QVERIFY(loc);
    const QString pack =
        m_repo + QStringLiteral("/data/") + loc->pack.toHex().left(2) + QLatin1Char('/') + loc->pack.toHex();
    QVERIFY(
        overwriteAt(QFile::encodeName(pack), qint64(loc->offset) + loc->length / 2, QByteArray(8, '\x5a')));
}

void TestCliSalvage::damagedFolderCostsOnlyItsContents()
{
    damageDocsListing();
    const QString target = m_tmp->path() + QStringLiteral("/out");
    const RunResult r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, m_version,
                             QStringLiteral("--target"), target, QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 7);
    QVERIFY(!r.crashed && !r.timedOut);
    // The rest of the version is back; nothing of the folder's contents is made up.
    QCOMPARE(readFile(QFile::encodeName(target + QStringLiteral("/src/big.bin"))), m_big);
    QVERIFY(QDir(target + QStringLiteral("/src/docs"))
                .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System)
                .isEmpty());
    const QJsonArray damaged = jsonResult(r.out).value(QStringLiteral("damaged")).toArray();
    QVERIFY2(damaged.size() == 1, r.out.constData());
    QVERIFY2(damaged.at(0).toObject().value(QStringLiteral("folder")).toBool(), r.out.constData());
    QVERIFY2(damaged.at(0)
                 .toObject()
                 .value(QStringLiteral("path"))
                 .toString()
                 .endsWith(QStringLiteral("/src/docs")),
             r.out.constData());

    // A dry run finds the same damage before writing anything.
    const RunResult dry = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, m_version,
                               QStringLiteral("--target"), target + QStringLiteral("-dry"),
                               QStringLiteral("--dry-run"), QStringLiteral("--json")});
    QCOMPARE(dry.exitCode, 7);
    QCOMPARE(jsonResult(dry.out)
                 .value(QStringLiteral("summary"))
                 .toObject()
                 .value(QStringLiteral("damaged"))
                 .toInt(),
             1);

    // The text report names it as a folder, and says what to run.
    const QString again = target + QStringLiteral("-text");
    const RunResult t = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, m_version,
                             QStringLiteral("--target"), again});
    QCOMPARE(t.exitCode, 7);
    QVERIFY2(t.out.contains("src/docs/ (the whole folder)"), t.out.constData());
    QVERIFY2(t.text().contains(QStringLiteral("--read-data")), qPrintable(t.text()));
    QVERIFY(leftoverTemporaries(again).isEmpty());
}

void TestCliSalvage::damagedFolderInPlaceIsLeftAlone()
{
    damageDocsListing();
    QVERIFY(writeFile(QFile::encodeName(m_src + QStringLiteral("/docs/d3.txt")), "the user's newer d3\n"));
    QVERIFY(writeFile(QFile::encodeName(m_src + QStringLiteral("/docs/new.txt")), "made since\n"));
    QVERIFY(writeFile(QFile::encodeName(m_src + QStringLiteral("/big.bin")), "changed\n"));
    const RunResult r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, m_version,
                             QStringLiteral("--conflict"), QStringLiteral("overwrite")});
    QCOMPARE(r.exitCode, 7);
    // Outside the damaged folder the version came back; inside it nothing was touched (a lost
    // listing must not read as "the folder was empty" and remove what is there).
    QCOMPARE(readFile(QFile::encodeName(m_src + QStringLiteral("/big.bin"))), m_big);
    QCOMPARE(readFile(QFile::encodeName(m_src + QStringLiteral("/docs/d3.txt"))),
             QByteArray("the user's newer d3\n"));
    QCOMPARE(readFile(QFile::encodeName(m_src + QStringLiteral("/docs/new.txt"))),
             QByteArray("made since\n"));
    QCOMPARE(readFile(QFile::encodeName(m_src + QStringLiteral("/docs/d7.txt"))), pseudoRandomBytes(1007, 7));
    QVERIFY(leftoverTemporaries(m_src).isEmpty());
}

QTEST_GUILESS_MAIN(TestCliSalvage)
#include "tst_cli_salvage.moc"
