// Hostile and broken repositories, crafted with the repository's own code and real key so
// that every blob passes authentication and reaches the parsers and walkers:
// - names that would escape the restore target ("../escape", "/abs", "a/b", "..", ".", NUL):
//   restoring writes the normal file, refuses the others by name, touches nothing outside;
// - trees that contain themselves or an ancestor, a tree nested 100,000 levels deep, trees
//   that claim 2^40 entries or a 2^62-byte name, duplicate names, a version whose root tree
//   is missing: every command that walks trees (restore, restore --dry-run, ls, diff, check,
//   check --read-data, export) refuses them with exit code 7 and a message naming the
//   problem, never a crash, a hang or a huge allocation;
// - an index entry past the end of its pack, a pack header and an index file claiming 2^40
//   entries, a key file asking Argon2id for 1 TiB, a lock stamped far in the future, and
//   folders and files that are symlinks on disk where a restore goes;
// - and a legitimate tree 1,000 folders deep still backs up and restores.
#include "Crafted.h"
#include "TestUtil.h"

#include "crypto/Crypto.h"
#include "repo/Repository.h"
#include "storage/LocalBackend.h"
#include "util/Bytes.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace strata;
using namespace strata::test;

class TestCliHostile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { removeTree(m_tmp.path()); }
    void restoreRefusesEscapingNames();
    void hostileTreesAreRefused_data();
    void hostileTreesAreRefused();
    void legitimateDeepTreeRestores();
    void indexEntryPastTheEndOfItsPack();
    void hostileCountsInPackHeaderAndIndex();
    void keyFileWithAbsurdArgon2Parameters();
    void lockStampedFarInTheFuture();
    void symlinksOnDiskAreNotFollowed();

private:
    QString path(const QString &rel) const { return m_tmp.path() + QLatin1Char('/') + rel; }
    RunResult cli(const QStringList &args) { return runCli(args, m_env, {}, 60000); }
    Status craftRepository();
    // A repository holding a normal version and a hostile one made of `nodes` (or with the
    // root tree `root`); returns the hostile version's id and sets `normal` to the other's.
    Result<QString> craftHostile(const QString &name,
                                 const std::function<Result<std::vector<Node>>(Repository &)> &nodes,
                                 QString *normal, const std::optional<BlobId> &root = std::nullopt);

    struct Crafted
    {
        QString repo, version, normal;
    };
    std::map<QString, Crafted> m_crafted;

    QTemporaryDir m_tmp;
    QProcessEnvironment m_env;
    QString m_repo;
    QByteArray m_outsideName; // a name that, followed, lands beside the temporary folder
    bool m_absExistedBefore = false;
};

namespace {

Node fileNode(Repository &repo, const QByteArray &name, const QByteArray &content, Status &status)
{
    Node n;
    n.name = name;
    n.type = NodeType::File;
    n.mode = 0644;
    n.mtime = Timestamp{1700000000, 0};
    n.size = quint64(content.size());
    const BlobId id = repo.blobId(content);
    auto saved = repo.saveBlob(BlobType::Data, id, content);
    if (!saved.ok())
        status = saved.error();
    n.content.push_back(id);
    return n;
}

Result<Node> dirNode(Repository &repo, const QByteArray &name, Tree tree)
{
    tree.sort();
    auto id = repo.saveTree(tree);
    STRATA_TRY(id);
    Node n;
    n.name = name;
    n.type = NodeType::Directory;
    n.mode = 0755;
    n.mtime = Timestamp{1700000000, 0};
    n.subtree = *id;
    return n;
}

} // namespace

void TestCliHostile::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(QFileInfo::exists(cliPath()));
    QVERIFY(QDir().mkpath(path(QStringLiteral("home"))));
    m_env = cliEnvironment(path(QStringLiteral("home")));
    m_repo = path(QStringLiteral("repo"));
    m_outsideName = "strata-hostile-" + QByteArray::number(QRandomGenerator::global()->generate());
    m_absExistedBefore = QFileInfo::exists(QStringLiteral("/abs"));
    const Status s = craftRepository();
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));

    const auto craft = [&](const QString &name, const auto &nodes, const std::optional<BlobId> &root = {}) {
        QString normal;
        auto version = craftHostile(name, nodes, &normal, root);
        if (!version)
            return version.error().message;
        m_crafted[name] = Crafted{path(QStringLiteral("cases/") + name), *version, normal};
        return QString();
    };
    QString err;

    // A tree that names itself as a subfolder. Its id is the keyed hash of its bytes, which
    // cannot hold that very hash; so it is stored under the id it claims.
    err = craft(QStringLiteral("self-cycle"), [](Repository &r) -> Result<std::vector<Node>> {
        const BlobId claimed = r.blobId("the id this tree claims");
        Node again;
        again.name = "again";
        again.type = NodeType::Directory;
        again.mode = 0755;
        again.subtree = claimed;
        Tree loop;
        loop.nodes.push_back(again);
        auto saved = r.saveBlob(BlobType::Tree, claimed, loop.serialize());
        STRATA_TRY(saved);
        Node n = again;
        n.name = "loop";
        return std::vector<Node>{n};
    });
    QVERIFY2(err.isEmpty(), qPrintable(err));

    // A folder whose subfolder names the folder above it again.
    err = craft(QStringLiteral("ancestor-cycle"), [](Repository &r) -> Result<std::vector<Node>> {
        const BlobId claimed = r.blobId("the id the upper tree claims");
        Node up;
        up.name = "up";
        up.type = NodeType::Directory;
        up.mode = 0755;
        up.subtree = claimed;
        Tree lower;
        lower.nodes.push_back(up);
        auto down = craftDir(r, "down", lower);
        STRATA_TRY(down);
        Tree upper;
        upper.nodes.push_back(*down);
        auto saved = r.saveBlob(BlobType::Tree, claimed, upper.serialize());
        STRATA_TRY(saved);
        Node n = up;
        n.name = "upper";
        return std::vector<Node>{n};
    });
    QVERIFY2(err.isEmpty(), qPrintable(err));

    err = craft(QStringLiteral("deep-100000"), [](Repository &r) -> Result<std::vector<Node>> {
        auto chain = craftDeepChain(r, "deep", 100000);
        STRATA_TRY(chain);
        return std::vector<Node>{*chain};
    });
    QVERIFY2(err.isEmpty(), qPrintable(err));

    err = craft(QStringLiteral("2^40-entries"), [](Repository &r) -> Result<std::vector<Node>> {
        QByteArray bytes;
        ByteWriter w(&bytes);
        w.u8(1); // the tree format
        w.varint(quint64(1) << 40);
        auto dir = craftDirFromBytes(r, "huge", bytes);
        STRATA_TRY(dir);
        return std::vector<Node>{*dir};
    });
    QVERIFY2(err.isEmpty(), qPrintable(err));

    err = craft(QStringLiteral("2^62-byte-name"), [](Repository &r) -> Result<std::vector<Node>> {
        QByteArray bytes;
        ByteWriter w(&bytes);
        w.u8(1);
        w.varint(1);
        w.varint(quint64(1) << 62); // the length of the first name
        bytes.append("short");
        auto dir = craftDirFromBytes(r, "longname", bytes);
        STRATA_TRY(dir);
        return std::vector<Node>{*dir};
    });
    QVERIFY2(err.isEmpty(), qPrintable(err));

    err = craft(QStringLiteral("duplicate-names"), [](Repository &r) -> Result<std::vector<Node>> {
        auto a = craftFile(r, "same", "the first\n");
        STRATA_TRY(a);
        auto b = craftFile(r, "same", "the second\n");
        STRATA_TRY(b);
        Tree twice;
        twice.nodes = {*a, *b};
        auto dir = craftDirFromBytes(r, "twice", twice.serialize());
        STRATA_TRY(dir);
        return std::vector<Node>{*dir};
    });
    QVERIFY2(err.isEmpty(), qPrintable(err));

    err = craft(
        QStringLiteral("missing-root"),
        [](Repository &r) -> Result<std::vector<Node>> {
            auto f = craftFile(r, "never.txt", "never reached\n");
            STRATA_TRY(f);
            return std::vector<Node>{*f};
        },
        BlobId::fromHex(QStringLiteral("5e").repeated(32)));
    QVERIFY2(err.isEmpty(), qPrintable(err));
}

Result<QString>
TestCliHostile::craftHostile(const QString &name,
                             const std::function<Result<std::vector<Node>>(Repository &)> &nodes,
                             QString *normal, const std::optional<BlobId> &root)
{
    auto repo = initCraftRepository(path(QStringLiteral("cases/") + name));
    STRATA_TRY(repo);
    Repository &r = **repo;
    auto file = craftFile(r, "normal.txt", "a perfectly normal file\n");
    STRATA_TRY(file);
    auto good = craftVersion(r, {*file});
    STRATA_TRY(good);
    *normal = good->id;
    auto hostile = nodes(r);
    STRATA_TRY(hostile);
    auto bad = craftVersion(r, *hostile, root);
    STRATA_TRY(bad);
    return bad->id;
}

void TestCliHostile::hostileTreesAreRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("words"); // the message must hold each of them
    const QString refused = QStringLiteral("refused");
    QTest::newRow("a tree that contains itself")
        << QStringLiteral("self-cycle")
        << QStringList{QStringLiteral("does not match its id"), QStringLiteral("/hostile/loop")};
    QTest::newRow("a tree that contains its parent")
        << QStringLiteral("ancestor-cycle")
        << QStringList{QStringLiteral("does not match its id"), QStringLiteral("/hostile/upper")};
    QTest::newRow("a tree 100,000 levels deep")
        << QStringLiteral("deep-100000") << QStringList{QStringLiteral("lies deeper than"), refused};
    QTest::newRow("a tree that claims 2^40 entries")
        << QStringLiteral("2^40-entries")
        << QStringList{QStringLiteral("truncated"), QStringLiteral("/hostile/huge")};
    QTest::newRow("a name that claims 2^62 bytes")
        << QStringLiteral("2^62-byte-name")
        << QStringList{QStringLiteral("truncated"), QStringLiteral("/hostile/longname")};
    QTest::newRow("duplicate names in one tree")
        << QStringLiteral("duplicate-names")
        << QStringList{QStringLiteral("duplicate names"), QStringLiteral("/hostile/twice")};
    QTest::newRow("a version whose root tree is missing")
        << QStringLiteral("missing-root")
        << QStringList{QStringLiteral("5e5e5e5e"), QStringLiteral("no index")};
}

void TestCliHostile::hostileTreesAreRefused()
{
    QFETCH(QString, name);
    QFETCH(QStringList, words);
    QVERIFY(m_crafted.count(name));
    const Crafted &c = m_crafted[name];
    const QString repo = c.repo;
    const QString archive = path(name + QStringLiteral("-export.zip"));
    const QString target = path(name + QStringLiteral("-target"));
    const QList<QStringList> commands{
        {QStringLiteral("ls"), QStringLiteral("--repo"), repo, c.version},
        {QStringLiteral("restore"), QStringLiteral("--repo"), repo, c.version, QStringLiteral("--target"),
         target, QStringLiteral("--dry-run")},
        {QStringLiteral("restore"), QStringLiteral("--repo"), repo, c.version, QStringLiteral("--target"),
         target},
        {QStringLiteral("diff"), QStringLiteral("--repo"), repo, c.normal, c.version},
        {QStringLiteral("diff"), QStringLiteral("--repo"), repo, c.version, c.normal},
        {QStringLiteral("export"), QStringLiteral("--repo"), repo, c.version, archive},
        {QStringLiteral("check"), QStringLiteral("--repo"), repo},
        {QStringLiteral("check"), QStringLiteral("--repo"), repo, QStringLiteral("--read-data")},
    };
    for (const QStringList &args : commands) {
        const RunResult r = cli(args);
        const QString what = args.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.describe();
        QVERIFY2(!r.crashed && !r.timedOut, qPrintable(what));
        QVERIFY2(r.exitCode == 7, qPrintable(what));
        for (const QString &word : words)
            QVERIFY2(r.text().contains(word), qPrintable(QStringLiteral("no \"%1\" in ").arg(word) + what));
        if (args.first() == QLatin1String("check")) {
            // The problem is named with the version it affects.
            QVERIFY2(r.text().contains(QStringLiteral("version(s) affected: ") + c.version.left(8)),
                     qPrintable(what));
            QVERIFY2(!r.text().contains(c.normal.left(8)), qPrintable(what));
        }
    }
    QVERIFY2(!QFileInfo::exists(archive), "an archive of a refused version was written");
    // The restore stopped before writing the hostile part: the folders it refused are not there.
    QVERIFY(listTree(QFile::encodeName(target)).size() < 10);
    // The normal version of the same repository is still fine.
    const RunResult ls = cli({QStringLiteral("ls"), QStringLiteral("--repo"), repo, c.normal});
    QVERIFY2(ls.exitCode == 0 && ls.text().contains(QStringLiteral("normal.txt")), qPrintable(ls.describe()));
}

void TestCliHostile::legitimateDeepTreeRestores()
{
    // 1,000 folders, one inside the other: about 2,000 bytes of path below the source.
    const QByteArray src = QFile::encodeName(path(QStringLiteral("deep-src")));
    QByteArray dir = src;
    for (int i = 0; i < 1000; ++i)
        dir += "/d";
    QVERIFY(QDir().mkpath(QFile::decodeName(dir)));
    QVERIFY(writeFile(dir + "/bottom.txt", "at the bottom\n"));
    const QString repo = path(QStringLiteral("deep-repo"));
    RunResult r = cli({QStringLiteral("init"), QStringLiteral("--repo"), repo});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), repo, QFile::decodeName(src)});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QString target = path(QStringLiteral("deep-target"));
    for (const QStringList &args :
         {QStringList{QStringLiteral("ls"), QStringLiteral("--repo"), repo, QStringLiteral("latest")},
          QStringList{QStringLiteral("check"), QStringLiteral("--repo"), repo, QStringLiteral("--read-data")},
          QStringList{QStringLiteral("export"), QStringLiteral("--repo"), repo, QStringLiteral("latest"),
                      path(QStringLiteral("deep.tar.zst"))},
          QStringList{QStringLiteral("restore"), QStringLiteral("--repo"), repo, QStringLiteral("latest"),
                      QStringLiteral("--target"), target}}) {
        r = cli(args);
        QVERIFY2(r.exitCode == 0,
                 qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.describe()));
    }
    const QStringList differences =
        compareTrees(src, QFile::encodeName(target + QStringLiteral("/deep-src")));
    QVERIFY2(differences.isEmpty(), qPrintable(differences.join(QLatin1Char('\n'))));
}

Status TestCliHostile::craftRepository()
{
    Repository::InitOptions options;
    options.kdf = KdfParams{1, 8u << 20};
    auto repo = Repository::init(std::make_unique<LocalBackend>(m_repo), QStringLiteral("test-pw"), options);
    STRATA_TRY(repo);
    Repository &r = **repo;

    Status status;
    Tree inner; // what a hostile ".." or "." folder holds
    inner.nodes.push_back(fileNode(r, "pwned", "written through a dot name\n", status));
    STRATA_TRY(status);

    Tree src;
    src.nodes.push_back(fileNode(r, "normal.txt", "a perfectly normal file\n", status));
    src.nodes.push_back(fileNode(r, "../escape", "escaped one level\n", status));
    src.nodes.push_back(fileNode(r, "../../../" + m_outsideName, "escaped the temporary folder\n", status));
    src.nodes.push_back(fileNode(r, "/abs", "absolute\n", status));
    src.nodes.push_back(fileNode(r, "a/b", "slash in a name\n", status));
    src.nodes.push_back(fileNode(r, QByteArray("nul\0name", 8), "NUL in a name\n", status));
    STRATA_TRY(status);
    auto dotdot = dirNode(r, "..", inner);
    STRATA_TRY(dotdot);
    src.nodes.push_back(*dotdot);
    auto dot = dirNode(r, ".", inner);
    STRATA_TRY(dot);
    src.nodes.push_back(*dot);

    auto srcNode = dirNode(r, "src", src);
    STRATA_TRY(srcNode);
    Tree hostile;
    hostile.nodes.push_back(*srcNode);
    auto hostileNode = dirNode(r, "strata-hostile", hostile);
    STRATA_TRY(hostileNode);
    Tree root;
    root.nodes.push_back(*hostileNode);
    root.sort();
    auto rootId = r.saveTree(root);
    STRATA_TRY(rootId);
    STRATA_TRY(r.flush());

    Snapshot snap;
    snap.time = QDateTime::currentDateTimeUtc();
    snap.host = QStringLiteral("hostile-host");
    snap.user = QStringLiteral("mallory");
    snap.set = QStringLiteral("default");
    snap.paths = {QStringLiteral("/strata-hostile/src")};
    snap.kind = BackupKind::Full;
    snap.tree = *rootId;
    snap.stats.files = 7;
    snap.program = QStringLiteral("tst_cli_hostile");
    return r.saveSnapshot(snap);
}

void TestCliHostile::restoreRefusesEscapingNames()
{
    const QString target = path(QStringLiteral("target"));
    const RunResult r = runCli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo,
                                QStringLiteral("latest"), QStringLiteral("--target"), target},
                               m_env);
    qInfo("restore of the hostile version: %s", qPrintable(r.describe()));

    // Nothing outside the target.
    const QString outside =
        QFileInfo(m_tmp.path()).absolutePath() + QLatin1Char('/') + QString::fromUtf8(m_outsideName);
    const bool escapedOutside = QFileInfo::exists(outside);
    if (escapedOutside)
        QFile::remove(outside);
    const bool absCreated = !m_absExistedBefore && QFileInfo::exists(QStringLiteral("/abs"));
    if (absCreated)
        QFile::remove(QStringLiteral("/abs"));
    QVERIFY2(!escapedOutside, qPrintable(QStringLiteral("the restore wrote ") + outside));
    QVERIFY2(!absCreated, "the restore wrote /abs");
    QCOMPARE(QDir(m_tmp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             (QStringList{QStringLiteral("cases"), QStringLiteral("home"), QStringLiteral("repo"),
                          QStringLiteral("target")}));

    // Inside the target: only the normal file.
    QByteArrayList entries = listTree(QFile::encodeName(target));
    QStringList printed;
    for (const QByteArray &e : entries)
        printed << printable(e);
    QCOMPARE(printed, (QStringList{QStringLiteral("src"), QStringLiteral("src/normal.txt")}));
    QCOMPARE(readFile(QFile::encodeName(target + QStringLiteral("/src/normal.txt"))),
             QByteArray("a perfectly normal file\n"));

    // A partial restore that says what it refused, not a crash and not success.
    QVERIFY2(r.exitCode == 3, qPrintable(r.describe()));
    QVERIFY2(r.text().contains(QStringLiteral("escape")), qPrintable(r.describe()));

    // Listing and checking the crafted version must not crash either.
    const RunResult ls =
        runCli({QStringLiteral("ls"), QStringLiteral("--repo"), m_repo, QStringLiteral("latest")}, m_env);
    QVERIFY2(!ls.crashed && !ls.timedOut, qPrintable(ls.describe()));
    const RunResult check = runCli({QStringLiteral("check"), QStringLiteral("--repo"), m_repo}, m_env);
    QVERIFY2(!check.crashed && !check.timedOut, qPrintable(check.describe()));
    qInfo("check of the hostile repository: %s", qPrintable(check.describe()));
}

namespace {

// Replaces every index file of `repo` by one holding `packs`.
Status replaceIndex(Repository &repo, const std::vector<PackContents> &packs)
{
    auto old = repo.indexFiles();
    STRATA_TRY(old);
    auto written = repo.writeSealedFile(FileKind::Index, serializePackList(packs));
    STRATA_TRY(written);
    for (const QString &f : *old)
        if (f != *written)
            STRATA_TRY(repo.backend().remove(FileKind::Index, f));
    return {};
}

// The index as it is, pack by pack.
std::vector<PackContents> indexedPacks(const Repository &repo)
{
    std::map<BlobId, std::vector<PackedBlob>> packs;
    repo.index().forEach([&](const BlobId &id, const BlobLocation &l) {
        packs[l.pack].push_back(PackedBlob{id, l.type, l.offset, l.length, l.rawLength, l.compressed});
    });
    std::vector<PackContents> out;
    for (auto &[pack, blobs] : packs)
        out.push_back(PackContents{pack, std::move(blobs)});
    return out;
}

// A pack file whose sealed header holds `header` as it is; returns its name.
Result<QString> writePackWithHeader(Repository &repo, const QByteArray &header)
{
    QByteArray data(100, 'x');
    const QByteArray sealed =
        crypto::seal(repo.masterKey().encryptionKey, header, QByteArrayLiteral("strata-pack-header-v1"));
    data += sealed;
    ByteWriter w(&data);
    w.u32(quint32(sealed.size()));
    data += "SPK1";
    const QString name = crypto::sha256(data).toHex();
    STRATA_TRY(repo.backend().write(FileKind::Pack, name, data));
    return name;
}

} // namespace

void TestCliHostile::indexEntryPastTheEndOfItsPack()
{
    const QString repoPath = path(QStringLiteral("past-end"));
    QString fileBlob, pack;
    {
        auto repo = initCraftRepository(repoPath);
        QVERIFY(repo.ok());
        Repository &r = **repo;
        auto file = craftFile(r, "normal.txt", "a perfectly normal file\n");
        QVERIFY(file.ok());
        QVERIFY(craftVersion(r, {*file}).ok());
        QVERIFY(r.loadIndex().ok());
        std::vector<PackContents> packs = indexedPacks(r);
        bool moved = false;
        for (PackContents &p : packs)
            for (PackedBlob &b : p.blobs)
                if (b.id == file->content.front()) {
                    auto size = r.backend().size(FileKind::Pack, p.pack.toHex());
                    QVERIFY(size.ok());
                    b.offset = quint32(*size + 4096); // past the end of its pack
                    moved = true;
                    pack = p.pack.toHex();
                }
        QVERIFY(moved);
        fileBlob = file->content.front().shortHex();
        QVERIFY(replaceIndex(r, packs).ok());
    }
    RunResult r = cli({QStringLiteral("check"), QStringLiteral("--repo"), repoPath});
    QVERIFY2(r.exitCode == 7, qPrintable(r.describe()));
    QVERIFY2(r.text().contains(pack.left(16)) && r.text().contains(QStringLiteral("/hostile/normal.txt")) &&
                 r.text().contains(QStringLiteral("repair index")),
             qPrintable(r.describe()));
    r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), repoPath, QStringLiteral("latest"),
             QStringLiteral("--target"), path(QStringLiteral("past-end-target"))});
    QVERIFY2(!r.crashed && r.exitCode != 0, qPrintable(r.describe()));
    QVERIFY2(r.text().contains(QStringLiteral("shorter")), qPrintable(r.describe()));

    // The pack's own header knows where the blob is: rebuilding the index brings it back.
    r = cli({QStringLiteral("repair"), QStringLiteral("index"), QStringLiteral("--repo"), repoPath});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = cli({QStringLiteral("check"), QStringLiteral("--repo"), repoPath, QStringLiteral("--read-data")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QString target = path(QStringLiteral("past-end-repaired"));
    r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), repoPath, QStringLiteral("latest"),
             QStringLiteral("--target"), target});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(readFile(QFile::encodeName(target + QStringLiteral("/hostile/normal.txt"))),
             QByteArray("a perfectly normal file\n"));
}

void TestCliHostile::hostileCountsInPackHeaderAndIndex()
{
    const QString repoPath = path(QStringLiteral("counts"));
    QString hugeCount, hugeLength, badIndex;
    {
        auto repo = initCraftRepository(repoPath);
        QVERIFY(repo.ok());
        Repository &r = **repo;
        auto file = craftFile(r, "normal.txt", "a perfectly normal file\n");
        QVERIFY(file.ok());
        QVERIFY(craftVersion(r, {*file}).ok());

        QByteArray header; // one pack of 2^40 blobs
        ByteWriter w(&header);
        w.u8(1);
        w.varint(1);
        w.id(r.blobId("a pack"));
        w.varint(quint64(1) << 40);
        auto written = writePackWithHeader(r, header);
        QVERIFY(written.ok());
        hugeCount = *written;

        header.clear(); // one blob of 2^62 bytes
        w.u8(1);
        w.varint(1);
        w.id(r.blobId("another pack"));
        w.varint(1);
        w.id(r.blobId("a blob"));
        w.u8(0);
        w.varint(0);
        w.varint(quint64(1) << 62);
        w.varint(quint64(1) << 62);
        written = writePackWithHeader(r, header);
        QVERIFY(written.ok());
        hugeLength = *written;

        QByteArray index; // an index file of 2^40 packs
        ByteWriter wi(&index);
        wi.u8(1);
        wi.varint(quint64(1) << 40);
        auto name = r.writeSealedFile(FileKind::Index, index);
        QVERIFY(name.ok());
        badIndex = *name;
    }
    for (const QStringList &args :
         {QStringList{QStringLiteral("ls"), QStringLiteral("--repo"), repoPath, QStringLiteral("latest")},
          QStringList{QStringLiteral("check"), QStringLiteral("--repo"), repoPath}}) {
        const RunResult r = cli(args);
        QVERIFY2(r.exitCode == 7 && r.text().contains(badIndex.left(16)) &&
                     r.text().contains(QStringLiteral("truncated")),
                 qPrintable(r.describe()));
    }
    // Rebuilding the index reads every pack header: the two hostile ones are named and left
    // out, the version's own pack is indexed again.
    RunResult r =
        cli({QStringLiteral("repair"), QStringLiteral("index"), QStringLiteral("--repo"), repoPath});
    QVERIFY2(!r.crashed && r.exitCode == 7, qPrintable(r.describe()));
    QVERIFY2(r.text().contains(hugeCount) && r.text().contains(hugeLength), qPrintable(r.describe()));
    r = cli({QStringLiteral("ls"), QStringLiteral("--repo"), repoPath, QStringLiteral("latest")});
    QVERIFY2(r.exitCode == 0 && r.text().contains(QStringLiteral("normal.txt")), qPrintable(r.describe()));
    r = cli({QStringLiteral("check"), QStringLiteral("--repo"), repoPath, QStringLiteral("--read-data")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
}

void TestCliHostile::keyFileWithAbsurdArgon2Parameters()
{
    const QString repoPath = path(QStringLiteral("absurd-key"));
    {
        auto repo = initCraftRepository(repoPath);
        QVERIFY(repo.ok());
        auto file = craftFile(**repo, "normal.txt", "a perfectly normal file\n");
        QVERIFY(file.ok());
        QVERIFY(craftVersion(**repo, {*file}).ok());
    }
    const QString keys = repoPath + QStringLiteral("/keys/");
    const QStringList real = QDir(keys).entryList(QDir::Files);
    QCOMPARE(real.size(), 1);
    QJsonObject o = QJsonDocument::fromJson(readFile(QFile::encodeName(keys + real.first()))).object();
    o.insert(QStringLiteral("mem"), 1024.0 * 1024 * 1024 * 1024); // 1 TiB
    const QByteArray absurd = QJsonDocument(o).toJson();
    const QString absurdName = crypto::sha256(absurd).toHex();
    QVERIFY(writeFile(QFile::encodeName(keys + absurdName), absurd, 0600));

    // Beside a usable key it costs nothing, and check names it.
    RunResult r = cli({QStringLiteral("snapshots"), QStringLiteral("--repo"), repoPath});
    QVERIFY2(r.exitCode == 0 && r.elapsedMs < 20000, qPrintable(r.describe()));
    r = cli({QStringLiteral("check"), QStringLiteral("--repo"), repoPath});
    QVERIFY2(r.exitCode == 7 && r.text().contains(absurdName.left(8)) &&
                 r.text().contains(QStringLiteral("Argon2id")),
             qPrintable(r.describe()));

    // It is listed as unusable, and can be removed as check says.
    r = cli({QStringLiteral("key"), QStringLiteral("list"), QStringLiteral("--repo"), repoPath});
    QVERIFY2(r.exitCode == 0 && r.text().contains(QStringLiteral("unusable: Argon2id memory")),
             qPrintable(r.describe()));
    QVERIFY(copyTree(QFile::encodeName(repoPath), QFile::encodeName(repoPath + QStringLiteral("-removed"))));
    r = cli({QStringLiteral("key"), QStringLiteral("remove"), QStringLiteral("--repo"),
             repoPath + QStringLiteral("-removed"), absurdName.left(8)});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = cli({QStringLiteral("check"), QStringLiteral("--repo"), repoPath + QStringLiteral("-removed")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));

    // Alone it is refused as what it is, not taken for a wrong password.
    QVERIFY(QFile::remove(keys + real.first()));
    r = cli({QStringLiteral("snapshots"), QStringLiteral("--repo"), repoPath});
    QVERIFY2(!r.crashed && r.exitCode == 7 && r.elapsedMs < 20000, qPrintable(r.describe()));
    QVERIFY2(r.text().contains(absurdName.left(8)) && r.text().contains(QStringLiteral("Argon2id memory")) &&
                 r.text().contains(QStringLiteral("refused")),
             qPrintable(r.describe()));
}

void TestCliHostile::lockStampedFarInTheFuture()
{
    const QString repoPath = path(QStringLiteral("future-lock"));
    const QString src = path(QStringLiteral("future-lock-src"));
    QVERIFY(QDir().mkpath(src));
    QVERIFY(writeFile(QFile::encodeName(src + QStringLiteral("/a.txt")), "a\n"));
    const auto lockAt = [&](const QDateTime &time) -> QString {
        auto repo = Repository::open(repoPath, QStringLiteral("test-pw"));
        if (!repo)
            return {};
        const QJsonObject lock{{QStringLiteral("host"), QStringLiteral("a-host-far-away")},
                               {QStringLiteral("pid"), 4711},
                               {QStringLiteral("mode"), QStringLiteral("exclusive")},
                               {QStringLiteral("time"), time.toString(Qt::ISODateWithMs)}};
        auto name =
            (*repo)->writeSealedFile(FileKind::Lock, QJsonDocument(lock).toJson(QJsonDocument::Compact));
        return name ? *name : QString();
    };
    {
        auto repo = initCraftRepository(repoPath);
        QVERIFY(repo.ok());
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();

    // A few minutes ahead is a clock that runs a little fast: the lock holds.
    const QString near = lockAt(now.addSecs(10 * 60));
    QVERIFY(!near.isEmpty());
    RunResult r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), repoPath, src});
    QVERIFY2(r.exitCode == 6, qPrintable(r.describe()));
    QVERIFY(QFile::remove(repoPath + QStringLiteral("/locks/") + near));

    // The year 2200 is no clock anybody runs: the lock proves nothing, and is removed.
    const QString far = lockAt(QDateTime(QDate(2200, 1, 1), QTime(0, 0), Qt::UTC));
    QVERIFY(!far.isEmpty());
    r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), repoPath, src});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY(!QFileInfo::exists(repoPath + QStringLiteral("/locks/") + far));
}

void TestCliHostile::symlinksOnDiskAreNotFollowed()
{
    // The crafted version holds /strata-hostile/src/normal.txt; restored elsewhere it lands in
    // TARGET/src. Where a restore goes, a folder or a file may be a symlink to somewhere else.
    const QString outside = path(QStringLiteral("outside"));
    QVERIFY(QDir().mkpath(outside));
    QVERIFY(writeFile(QFile::encodeName(outside + QStringLiteral("/normal.txt")), "outside, keep me\n"));

    // A folder on the way to what is restored: refused, never followed.
    const QString t1 = path(QStringLiteral("link-folder-target"));
    QVERIFY(QDir().mkpath(t1));
    QVERIFY(::symlink(QFile::encodeName(outside).constData(),
                      QFile::encodeName(t1 + QStringLiteral("/src")).constData()) == 0);
    RunResult r =
        cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, QStringLiteral("latest"),
             QStringLiteral("--target"), t1, QStringLiteral("--include"), QStringLiteral("src/normal.txt"),
             QStringLiteral("--conflict"), QStringLiteral("overwrite")});
    QVERIFY2(!r.crashed && r.exitCode == 3 &&
                 r.text().contains(QStringLiteral("is in the way and is not a folder")),
             qPrintable(r.describe()));
    QCOMPARE(readFile(QFile::encodeName(outside + QStringLiteral("/normal.txt"))),
             QByteArray("outside, keep me\n"));
    QCOMPARE(QDir(outside).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("normal.txt")});
    QVERIFY(QFileInfo(t1 + QStringLiteral("/src")).isSymLink());

    // The folder restored itself, with overwrite: the symlink is replaced, not followed.
    r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, QStringLiteral("latest"),
             QStringLiteral("--target"), t1, QStringLiteral("--conflict"), QStringLiteral("overwrite")});
    QVERIFY2(!r.crashed && r.exitCode == 3, qPrintable(r.describe()));
    QCOMPARE(readFile(QFile::encodeName(outside + QStringLiteral("/normal.txt"))),
             QByteArray("outside, keep me\n"));
    QCOMPARE(QDir(outside).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("normal.txt")});
    QVERIFY(!QFileInfo(t1 + QStringLiteral("/src")).isSymLink());
    QCOMPARE(readFile(QFile::encodeName(t1 + QStringLiteral("/src/normal.txt"))),
             QByteArray("a perfectly normal file\n"));

    // A file "through" a symlink: the link is replaced by the file, not written through.
    const QString t2 = path(QStringLiteral("link-file-target"));
    QVERIFY(QDir().mkpath(t2 + QStringLiteral("/src")));
    QVERIFY(::symlink(QFile::encodeName(outside + QStringLiteral("/normal.txt")).constData(),
                      QFile::encodeName(t2 + QStringLiteral("/src/normal.txt")).constData()) == 0);
    r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), m_repo, QStringLiteral("latest"),
             QStringLiteral("--target"), t2, QStringLiteral("--conflict"), QStringLiteral("overwrite")});
    QVERIFY2(!r.crashed && r.exitCode == 3, qPrintable(r.describe()));
    QCOMPARE(readFile(QFile::encodeName(outside + QStringLiteral("/normal.txt"))),
             QByteArray("outside, keep me\n"));
    QVERIFY(!QFileInfo(t2 + QStringLiteral("/src/normal.txt")).isSymLink());
    QCOMPARE(readFile(QFile::encodeName(t2 + QStringLiteral("/src/normal.txt"))),
             QByteArray("a perfectly normal file\n"));
}

QTEST_GUILESS_MAIN(TestCliHostile)
#include "tst_cli_hostile.moc"
