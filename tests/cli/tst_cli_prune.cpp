// forget and prune on real repositories, checked from the outside: what forget removes and keeps
// (by policy, by name, per set and host), that prune gives space back and repacks partly used
// packs, that afterwards check --read-data passes and every kept version restores identical to
// the files it was made from (diff -r), that dry runs change nothing, that prune refuses to
// delete anything while a version cannot be read or a blob it would move is damaged, and that
// prune and a backup never run at once.
#include "TestUtil.h"

#include "repo/Lock.h"
#include "repo/Repository.h"
#include "storage/LocalBackend.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include <signal.h>

using namespace strata;
using namespace strata::test;

namespace {

const QString kPassword = QStringLiteral("prune-pw");

struct Made
{
    QString id;
    QString copy; // the source as it was when the version was made
};

} // namespace

class TestCliPrune final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { removeTree(m_tmp.path()); }
    void forgetKeepLastThenPruneKeepsTheRestWhole();
    void pruneRepacksPartlyUsedPacks();
    void dryRunsChangeNothing();
    void forgetNamedVersions();
    void pinnedVersionsOutliveEveryPolicy();
    void policyIsAppliedPerSetAndHost();
    void forgetRefusesBadInput();
    void pruneRefusesWhileAVersionCannotBeRead();
    void pruneStopsAtADamagedBlobItWouldMove();
    void pruneWaitsForNoBackupAndBackupForNoPrune();

private:
    RunResult cli(const QStringList &args) { return runCli(args, m_env); }
    QString path(const QString &rel) const { return m_tmp.path() + QLatin1Char('/') + rel; }
    // A repository with 1 MiB packs and small chunks, so a few MiB make many packs.
    bool initRepo(const QString &repo);
    // A new repository and an empty source folder for one test.
    bool startOver(const QString &repo, const QString &source)
    {
        removeTree(source);
        return initRepo(repo) && QDir().mkpath(source);
    }
    // Backs `source` up and keeps a copy of it as it was, to compare restores with.
    Made backup(const QString &repo, const QString &source, const QStringList &extra = {});
    QStringList versionIds(const QString &repo);
    QSet<QString> files(const QString &repo);
    // check --read-data passes, and each version restores identical to its copy (diff -r).
    void verifyKept(const QString &repo, const QList<Made> &kept);

    QTemporaryDir m_tmp;
    QProcessEnvironment m_env;
    int m_copies = 0;
};

void TestCliPrune::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(QFileInfo::exists(cliPath()));
    QVERIFY(QDir().mkpath(path(QStringLiteral("home"))));
    m_env = cliEnvironment(path(QStringLiteral("home")), kPassword);
}

bool TestCliPrune::initRepo(const QString &repo)
{
    QString error;
    if (!initSmallRepository(repo, kPassword, &error))
        qWarning("init failed: %s", qPrintable(error));
    return error.isEmpty();
}

Made TestCliPrune::backup(const QString &repo, const QString &source, const QStringList &extra)
{
    const RunResult r =
        cli(QStringList{QStringLiteral("backup"), QStringLiteral("--repo"), repo, QStringLiteral("--json")} +
            extra + QStringList{source});
    if (r.exitCode != 0)
        qWarning("backup failed: %s", qPrintable(r.describe()));
    Made m{backupSnapshotId(r.out), path(QStringLiteral("copy-%1").arg(++m_copies))};
    if (!copyTree(QFile::encodeName(source), QFile::encodeName(m.copy)))
        qWarning("cannot copy %s", qPrintable(source));
    return m;
}

QStringList TestCliPrune::versionIds(const QString &repo)
{
    QStringList ids;
    const RunResult r =
        cli({QStringLiteral("snapshots"), QStringLiteral("--repo"), repo, QStringLiteral("--json")});
    for (const QJsonObject &o : jsonLines(r.out))
        if (o.contains(QStringLiteral("id")))
            ids << o.value(QStringLiteral("id")).toString();
    return ids;
}

QSet<QString> TestCliPrune::files(const QString &repo)
{
    const QStringList all = treeFiles(repo);
    QSet<QString> out(all.begin(), all.end());
    return out;
}

void TestCliPrune::verifyKept(const QString &repo, const QList<Made> &kept)
{
    const RunResult check =
        cli({QStringLiteral("check"), QStringLiteral("--repo"), repo, QStringLiteral("--read-data")});
    QVERIFY2(check.exitCode == 0, qPrintable(check.describe()));
    for (const Made &m : kept) {
        const QString target = path(QStringLiteral("restored-%1").arg(m.id.left(8)));
        removeTree(target);
        const RunResult r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), repo, m.id,
                                 QStringLiteral("--target"), target});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        // A version of one folder restores as that folder under the target.
        const RunResult d = runProgram(QStringLiteral("diff"),
                                       {QStringLiteral("-r"), QStringLiteral("--no-dereference"), m.copy,
                                        target + QStringLiteral("/src")},
                                       m_env);
        QVERIFY2(d.exitCode == 0,
                 qPrintable(QStringLiteral("version %1 differs: %2").arg(m.id.left(8), d.describe())));
        removeTree(target);
    }
}

void TestCliPrune::forgetKeepLastThenPruneKeepsTheRestWhole()
{
    const QString repo = path(QStringLiteral("repo-last"));
    const QString src = path(QStringLiteral("src"));
    QVERIFY(startOver(repo, src));
    QList<Made> made;
    for (int i = 0; i < 6; ++i) {
        // Each version replaces one file with new random data and adds one: old data goes
        // out of use as old versions are forgotten.
        QVERIFY(writeRandomFile(QFile::encodeName(src + QStringLiteral("/changing.bin")), 3 << 20, 100 + i));
        QVERIFY(writeRandomFile(QFile::encodeName(src + QStringLiteral("/added-%1.bin").arg(i)), 200 << 10,
                                200 + i));
        QVERIFY(writeFile(QFile::encodeName(src + QStringLiteral("/note.txt")),
                          QByteArray("version ") + QByteArray::number(i)));
        made << backup(repo, src);
        QVERIFY(!made.last().id.isEmpty());
    }
    const RunResult r =
        cli({QStringLiteral("forget"), QStringLiteral("--repo"), repo, QStringLiteral("--keep-last"),
             QStringLiteral("3"), QStringLiteral("--prune"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QJsonObject result = jsonResult(r.out);
    QCOMPARE(result.value(QStringLiteral("removed")).toArray().size(), 3);
    const QStringList left = versionIds(repo);
    QCOMPARE(left.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QVERIFY(!left.contains(made[i].id));
        QVERIFY(left.contains(made[i + 3].id));
    }
    const QJsonObject prune = result.value(QStringLiteral("prune")).toObject();
    // Three versions of a 3 MiB file that no kept version shares went: at least 9 MiB minus
    // what compression of random data could never take.
    QVERIFY2(prune.value(QStringLiteral("bytesFreed")).toInteger() > 8 << 20,
             qPrintable(QString::fromUtf8(r.out)));
    QVERIFY(prune.value(QStringLiteral("packsDeleted")).toInteger() > 0);
    QCOMPARE(prune.value(QStringLiteral("bytesAfter")).toInteger(),
             treeBytes(repo + QStringLiteral("/data")));
    verifyKept(repo, made.mid(3));

    // A second prune finds nothing left to do.
    const RunResult again =
        cli({QStringLiteral("prune"), QStringLiteral("--repo"), repo, QStringLiteral("--json")});
    QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
    const QJsonObject second = jsonResult(again.out);
    QCOMPARE(second.value(QStringLiteral("packsDeleted")).toInteger(), 0);
    QCOMPARE(second.value(QStringLiteral("packsRepacked")).toInteger(), 0);
    QCOMPARE(second.value(QStringLiteral("bytesFreed")).toInteger(), 0);
}

void TestCliPrune::pruneRepacksPartlyUsedPacks()
{
    // Many small files share each pack; removing every other one leaves packs half used.
    const QString repo = path(QStringLiteral("repo-repack"));
    const QString src = path(QStringLiteral("src"));
    QVERIFY(startOver(repo, src));
    for (int i = 0; i < 40; ++i)
        QVERIFY(writeRandomFile(
            QFile::encodeName(src + QStringLiteral("/f%1.bin").arg(i, 2, 10, QLatin1Char('0'))), 100 << 10,
            300 + i));
    const Made first = backup(repo, src);
    for (int i = 0; i < 40; i += 2)
        QVERIFY(QFile::remove(src + QStringLiteral("/f%1.bin").arg(i, 2, 10, QLatin1Char('0'))));
    const Made second = backup(repo, src);
    const qint64 before = treeBytes(repo + QStringLiteral("/data"));

    // Dry run first: the plan, and nothing changed.
    const QSet<QString> filesBefore = files(repo);
    const RunResult plan =
        cli({QStringLiteral("forget"), QStringLiteral("--repo"), repo, first.id, QStringLiteral("--prune"),
             QStringLiteral("--dry-run"), QStringLiteral("--json")});
    QVERIFY2(plan.exitCode == 0, qPrintable(plan.describe()));
    const QJsonObject planned = jsonResult(plan.out).value(QStringLiteral("prune")).toObject();
    QVERIFY(planned.value(QStringLiteral("packsRepacked")).toInteger() > 0);
    QCOMPARE(files(repo), filesBefore);

    const RunResult r = cli({QStringLiteral("forget"), QStringLiteral("--repo"), repo, first.id,
                             QStringLiteral("--prune"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QJsonObject prune = jsonResult(r.out).value(QStringLiteral("prune")).toObject();
    QCOMPARE(prune.value(QStringLiteral("packsRepacked")).toInteger(),
             planned.value(QStringLiteral("packsRepacked")).toInteger());
    QVERIFY(prune.value(QStringLiteral("packsWritten")).toInteger() > 0);
    QCOMPARE(prune.value(QStringLiteral("blobsRepacked")).toInteger(),
             planned.value(QStringLiteral("blobsRepacked")).toInteger());
    const qint64 after = treeBytes(repo + QStringLiteral("/data"));
    // Half the data went; what stays is about 2 MiB of random data.
    QVERIFY2(after < before * 6 / 10, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
    QVERIFY2(after > 20 * (100 << 10), qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
    // The dry run's estimate of what stays is close to what did.
    const qint64 estimate = planned.value(QStringLiteral("bytesAfter")).toInteger();
    QVERIFY2(qAbs(estimate - after) < after / 10,
             qPrintable(QStringLiteral("%1 vs %2").arg(estimate).arg(after)));
    verifyKept(repo, {second});
}

void TestCliPrune::dryRunsChangeNothing()
{
    const QString repo = path(QStringLiteral("repo-dry"));
    const QString src = path(QStringLiteral("src"));
    QVERIFY(startOver(repo, src));
    QList<Made> made;
    for (int i = 0; i < 4; ++i) {
        QVERIFY(writeRandomFile(QFile::encodeName(src + QStringLiteral("/data.bin")), 1 << 20, 400 + i));
        made << backup(repo, src);
    }
    const QSet<QString> before = files(repo);
    const RunResult forget =
        cli({QStringLiteral("forget"), QStringLiteral("--repo"), repo, QStringLiteral("--keep-last"),
             QStringLiteral("1"), QStringLiteral("--dry-run"), QStringLiteral("--prune")});
    QVERIFY2(forget.exitCode == 0, qPrintable(forget.describe()));
    QVERIFY2(forget.out.contains("Would remove 3 version(s)."), forget.out.constData());
    for (int i = 0; i < 3; ++i)
        QVERIFY2(forget.out.contains(QByteArray(QByteArray("remove  ") + made[i].id.left(8).toUtf8())),
                 forget.out.constData());
    QVERIFY(forget.out.contains("Would free"));
    QCOMPARE(files(repo), before);
    const RunResult prune =
        cli({QStringLiteral("prune"), QStringLiteral("--repo"), repo, QStringLiteral("--dry-run")});
    QVERIFY2(prune.exitCode == 0, qPrintable(prune.describe()));
    QCOMPARE(files(repo), before);
    QCOMPARE(versionIds(repo).size(), 4);
}

void TestCliPrune::forgetNamedVersions()
{
    const QString repo = path(QStringLiteral("repo-named"));
    const QString src = path(QStringLiteral("src"));
    QVERIFY(startOver(repo, src));
    QList<Made> made;
    for (int i = 0; i < 3; ++i) {
        QVERIFY(writeFile(QFile::encodeName(src + QStringLiteral("/a.txt")), QByteArray::number(i)));
        made << backup(repo, src);
    }
    // A name that matches nothing removes nothing, even with good names beside it.
    const RunResult bad = cli({QStringLiteral("forget"), QStringLiteral("--repo"), repo, made[0].id.left(8),
                               QStringLiteral("ffffffff")});
    QVERIFY2(bad.exitCode == 1, qPrintable(bad.describe()));
    QVERIFY2(bad.err.contains("no version ffffffff"), bad.err.constData());
    QCOMPARE(versionIds(repo).size(), 3);

    const RunResult r = cli(
        {QStringLiteral("forget"), QStringLiteral("--repo"), repo, made[0].id.left(8), made[2].id.left(10)});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(versionIds(repo), QStringList{made[1].id});
    verifyKept(repo, {made[1]});
}

// strata-cli tag: a pinned version is a new version file that no policy removes, the version
// that named the old one as its parent still checks, and bad tags or a held lock change nothing.
void TestCliPrune::pinnedVersionsOutliveEveryPolicy()
{
    const QString repo = path(QStringLiteral("repo-pinned"));
    const QString src = path(QStringLiteral("src"));
    QVERIFY(startOver(repo, src));
    QList<Made> made;
    for (int i = 0; i < 4; ++i) {
        QVERIFY(writeRandomFile(QFile::encodeName(src + QStringLiteral("/v.bin")), 200 << 10, 800 + i));
        made << backup(repo, src);
    }
    // Refused before anything is written: a bad tag, no change asked for, a version not there.
    const QSet<QString> before = files(repo);
    QCOMPARE(cli({QStringLiteral("tag"), QStringLiteral("--repo"), repo, QStringLiteral("--add"),
                  QStringLiteral(" pinned"), made[1].id})
                 .exitCode,
             2);
    QCOMPARE(cli({QStringLiteral("tag"), QStringLiteral("--repo"), repo, made[1].id}).exitCode, 2);
    const RunResult missing =
        cli({QStringLiteral("tag"), QStringLiteral("--repo"), repo, QStringLiteral("--add"),
             QStringLiteral("pinned"), QStringLiteral("ffffffff")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("no version ffffffff"), missing.err.constData());
    {
        auto opened = Repository::open(std::make_unique<LocalBackend>(repo), kPassword);
        QVERIFY(opened);
        auto exclusive = (*opened)->lock(LockMode::Exclusive);
        QVERIFY(exclusive);
        QCOMPARE(cli({QStringLiteral("tag"), QStringLiteral("--repo"), repo, QStringLiteral("--add"),
                      QStringLiteral("pinned"), made[1].id})
                     .exitCode,
                 6);
    }
    QCOMPARE(files(repo), before);

    const RunResult pin = cli({QStringLiteral("tag"), QStringLiteral("--repo"), repo, QStringLiteral("--add"),
                               QStringLiteral("pinned"), made[1].id.left(8), QStringLiteral("--json")});
    QVERIFY2(pin.exitCode == 0, qPrintable(pin.describe()));
    const QJsonArray changed = jsonResult(pin.out).value(QStringLiteral("versions")).toArray();
    QCOMPARE(changed.size(), 1);
    const QJsonObject pinned = changed.first().toObject();
    QCOMPARE(pinned.value(QStringLiteral("was")).toString(), made[1].id);
    QCOMPARE(pinned.value(QStringLiteral("original")).toString(), made[1].id);
    QCOMPARE(pinned.value(QStringLiteral("tags")).toArray(), QJsonArray{QStringLiteral("pinned")});
    const Made pinnedMade{pinned.value(QStringLiteral("id")).toString(), made[1].copy};
    QVERIFY(pinnedMade.id != made[1].id);
    QStringList ids = versionIds(repo);
    QVERIFY(!ids.contains(made[1].id));
    QVERIFY(ids.contains(pinnedMade.id));
    // made[2] names the replaced version as its parent: check knows it was replaced, not lost.
    const RunResult check = cli({QStringLiteral("check"), QStringLiteral("--repo"), repo});
    QVERIFY2(check.exitCode == 0, qPrintable(check.describe()));

    const RunResult forget =
        cli({QStringLiteral("forget"), QStringLiteral("--repo"), repo, QStringLiteral("--keep-last"),
             QStringLiteral("1"), QStringLiteral("--prune")});
    QVERIFY2(forget.exitCode == 0, qPrintable(forget.describe()));
    ids = versionIds(repo);
    QCOMPARE(ids.size(), 2);
    QVERIFY(ids.contains(pinnedMade.id) && ids.contains(made[3].id));
    verifyKept(repo, {pinnedMade, made[3]});

    // Unpinned, the next forget lets it go; the original stays the first version's id.
    const RunResult unpin =
        cli({QStringLiteral("tag"), QStringLiteral("--repo"), repo, QStringLiteral("--remove"),
             QStringLiteral("pinned"), pinnedMade.id, QStringLiteral("--json")});
    QVERIFY2(unpin.exitCode == 0, qPrintable(unpin.describe()));
    const QJsonObject unpinned =
        jsonResult(unpin.out).value(QStringLiteral("versions")).toArray().first().toObject();
    QCOMPARE(unpinned.value(QStringLiteral("original")).toString(), made[1].id);
    QVERIFY(unpinned.value(QStringLiteral("tags")).toArray().isEmpty());
    QVERIFY(cli({QStringLiteral("forget"), QStringLiteral("--repo"), repo, QStringLiteral("--keep-last"),
                 QStringLiteral("1")})
                .exitCode == 0);
    QCOMPARE(versionIds(repo), QStringList{made[3].id});
}

void TestCliPrune::policyIsAppliedPerSetAndHost()
{
    const QString repo = path(QStringLiteral("repo-groups"));
    const QString src = path(QStringLiteral("src"));
    QVERIFY(startOver(repo, src));
    QMap<QString, QStringList> byGroup; // "set/host" -> ids, oldest first
    int n = 0;
    for (const QString &host : {QStringLiteral("laptop"), QStringLiteral("desktop")})
        for (const QString &set : {QStringLiteral("docs"), QStringLiteral("game")})
            for (int i = 0; i < 3; ++i) {
                QVERIFY(
                    writeFile(QFile::encodeName(src + QStringLiteral("/a.txt")), QByteArray::number(++n)));
                const Made m =
                    backup(repo, src, {QStringLiteral("--host"), host, QStringLiteral("--set"), set});
                QVERIFY(!m.id.isEmpty());
                byGroup[set + QLatin1Char('/') + host] << m.id;
            }
    // Only the laptop's groups are touched, and each keeps its own newest.
    const RunResult r = cli({QStringLiteral("forget"), QStringLiteral("--repo"), repo,
                             QStringLiteral("--host"), QStringLiteral("laptop"),
                             QStringLiteral("--keep-last"), QStringLiteral("1"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QJsonArray groups = jsonResult(r.out).value(QStringLiteral("groups")).toArray();
    QCOMPARE(groups.size(), 2);
    const QStringList left = versionIds(repo);
    QCOMPARE(left.size(), 2 + 6);
    for (const QString &set : {QStringLiteral("docs"), QStringLiteral("game")}) {
        QVERIFY(left.contains(byGroup[set + QStringLiteral("/laptop")].last()));
        for (const QString &id : byGroup[set + QStringLiteral("/desktop")])
            QVERIFY(left.contains(id));
    }
}

void TestCliPrune::forgetRefusesBadInput()
{
    const QString repo = path(QStringLiteral("repo-bad"));
    QVERIFY(initRepo(repo));
    struct Case
    {
        QStringList args;
        QByteArray message;
    };
    const QList<Case> cases{
        {{}, "no policy given"},
        {{QStringLiteral("--keep-last"), QStringLiteral("-1")}, "--keep-last takes a count"},
        {{QStringLiteral("--keep-daily"), QStringLiteral("many")}, "--keep-daily takes a count"},
        {{QStringLiteral("--keep-within"), QStringLiteral("3x")}, "--keep-within"},
        {{QStringLiteral("--max-size"), QStringLiteral("lots")}, "--max-size"},
        {{QStringLiteral("--keep-last"), QStringLiteral("2"), QStringLiteral("abcdef12")}, "not both"},
        {{QStringLiteral("--keep-last"), QStringLiteral("2"), QStringLiteral("--prune"),
          QStringLiteral("--max-unused"), QStringLiteral("150%")},
         "--max-unused takes a percentage"},
    };
    for (const Case &c : cases) {
        const RunResult r =
            cli(QStringList{QStringLiteral("forget"), QStringLiteral("--repo"), repo} + c.args);
        QVERIFY2(r.exitCode == 2,
                 qPrintable(c.args.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.describe()));
        QVERIFY2(r.err.contains(c.message),
                 qPrintable(c.args.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.err));
    }
    const RunResult missing =
        cli({QStringLiteral("prune"), QStringLiteral("--repo"), path(QStringLiteral("nothing-here"))});
    QCOMPARE(missing.exitCode, 4);
}

void TestCliPrune::pruneRefusesWhileAVersionCannotBeRead()
{
    const QString repo = path(QStringLiteral("repo-damaged"));
    const QString src = path(QStringLiteral("src"));
    QVERIFY(startOver(repo, src));
    QList<Made> made;
    for (int i = 0; i < 3; ++i) {
        QVERIFY(writeRandomFile(QFile::encodeName(src + QStringLiteral("/data.bin")), 1 << 20, 500 + i));
        made << backup(repo, src);
    }
    QVERIFY(cli({QStringLiteral("forget"), QStringLiteral("--repo"), repo, made[0].id}).exitCode == 0);
    // The newest version's file is damaged: its data must not be taken for unused.
    const QString snapshotFile = repo + QStringLiteral("/snapshots/") + made[2].id;
    QVERIFY(overwriteAt(QFile::encodeName(snapshotFile), 40, "XXXX"));
    const QSet<QString> before = files(repo);
    const RunResult r = cli({QStringLiteral("prune"), QStringLiteral("--repo"), repo});
    QCOMPARE(r.exitCode, 7);
    QVERIFY2(r.err.contains(made[2].id.left(8).toUtf8()) && r.err.contains("prune deletes nothing"),
             r.err.constData());
    QCOMPARE(files(repo), before);
}

// Repacking moves blobs sealed, as they are: each is authenticated first, and a damaged one
// stops prune before any pack or index file it would replace goes.
void TestCliPrune::pruneStopsAtADamagedBlobItWouldMove()
{
    const QString repo = path(QStringLiteral("repo-damaged-blob"));
    const QString src = path(QStringLiteral("src"));
    QVERIFY(startOver(repo, src));
    for (int i = 0; i < 20; ++i)
        QVERIFY(writeRandomFile(
            QFile::encodeName(src + QStringLiteral("/f%1.bin").arg(i, 2, 10, QLatin1Char('0'))), 100 << 10,
            700 + i));
    const Made first = backup(repo, src);
    for (int i = 0; i < 20; i += 2)
        QVERIFY(QFile::remove(src + QStringLiteral("/f%1.bin").arg(i, 2, 10, QLatin1Char('0'))));
    const Made second = backup(repo, src);
    QCOMPARE(cli({QStringLiteral("forget"), QStringLiteral("--repo"), repo, first.id}).exitCode, 0);

    // A byte in the middle of a kept file's first chunk, in a pack it shares with removed files.
    QString damagedPack;
    {
        auto opened = Repository::open(std::make_unique<LocalBackend>(repo), kPassword);
        QVERIFY(opened);
        Repository &r = **opened;
        QVERIFY(r.loadIndex().ok());
        auto snapshot = r.loadSnapshot(second.id);
        QVERIFY(snapshot);
        // The source's own path leads down to its files: the first tree with f01.bin holds it.
        std::optional<Node> file;
        std::vector<BlobId> pending{snapshot->tree};
        while (!file && !pending.empty()) {
            auto tree = r.loadTree(pending.back());
            pending.pop_back();
            QVERIFY(tree);
            for (const Node &n : tree->nodes) {
                if (n.name == QStringLiteral("f01.bin"))
                    file = n;
                else if (n.type == NodeType::Directory)
                    pending.push_back(n.subtree);
            }
        }
        QVERIFY(file && !file->content.empty());
        const auto at = r.findBlob(file->content.front());
        QVERIFY(at);
        damagedPack = at->pack.toHex();
        const QString packFile =
            repo + QStringLiteral("/data/") + damagedPack.left(2) + QLatin1Char('/') + damagedPack;
        QVERIFY(QFile::exists(packFile));
        QVERIFY(overwriteAt(QFile::encodeName(packFile), at->offset + at->length / 2, "\x5a\xa5"));
    }
    const QSet<QString> before = files(repo);
    const RunResult r = cli({QStringLiteral("prune"), QStringLiteral("--repo"), repo,
                             QStringLiteral("--max-unused"), QStringLiteral("0")});
    QCOMPARE(r.exitCode, 7);
    QVERIFY2(r.err.contains(damagedPack.left(8).toUtf8()) && r.err.contains("prune stopped before deleting"),
             r.err.constData());
    // Nothing that was there went: a new index and new packs may have come, nothing else.
    const QSet<QString> after = files(repo);
    for (const QString &f : before)
        QVERIFY2(after.contains(f), qPrintable(f));
}

void TestCliPrune::pruneWaitsForNoBackupAndBackupForNoPrune()
{
    const QString repo = path(QStringLiteral("repo-lock"));
    const QString src = path(QStringLiteral("src"));
    QVERIFY(startOver(repo, src));
    QVERIFY(writeRandomFile(QFile::encodeName(src + QStringLiteral("/small.bin")), 1 << 20, 600));
    const Made first = backup(repo, src);

    // A backup running (its shared lock held): prune is refused, naming the holder.
    {
        auto opened = Repository::open(std::make_unique<LocalBackend>(repo), kPassword);
        QVERIFY(opened);
        auto shared = (*opened)->lock(LockMode::Shared);
        QVERIFY(shared);
        const RunResult r = cli({QStringLiteral("prune"), QStringLiteral("--repo"), repo});
        QCOMPARE(r.exitCode, 6);
        QVERIFY2(r.err.contains("shared lock by process"), r.err.constData());
        const RunResult f = cli({QStringLiteral("forget"), QStringLiteral("--repo"), repo, first.id});
        QCOMPARE(f.exitCode, 6);
    }
    // A prune running (the exclusive lock held): a backup is refused and nothing is written.
    {
        auto opened = Repository::open(std::make_unique<LocalBackend>(repo), kPassword);
        QVERIFY(opened);
        auto exclusive = (*opened)->lock(LockMode::Exclusive);
        QVERIFY(exclusive);
        QVERIFY(writeRandomFile(QFile::encodeName(src + QStringLiteral("/more.bin")), 1 << 20, 601));
        const RunResult b = cli({QStringLiteral("backup"), QStringLiteral("--repo"), repo, src});
        QCOMPARE(b.exitCode, 6);
        QVERIFY2(b.err.contains("exclusive lock by process"), b.err.constData());
    }
    QCOMPARE(versionIds(repo).size(), 1);
    const Made second = backup(repo, src);
    QVERIFY(!second.id.isEmpty());
    verifyKept(repo, {first, second});
}

QTEST_GUILESS_MAIN(TestCliPrune)
#include "tst_cli_prune.moc"
