// A hand-crafted version whose trees hold names that would escape the restore target
// ("../escape", "/abs", "a/b", "..", ".", a name with a NUL). Restoring it must write the
// normal file, refuse the others by name, and never touch anything outside the target.
#include "TestUtil.h"

#include "repo/Repository.h"
#include "storage/LocalBackend.h"

#include <QDir>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::test;

class TestCliHostile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { removeTree(m_tmp.path()); }
    void restoreRefusesEscapingNames();

private:
    QString path(const QString &rel) const { return m_tmp.path() + QLatin1Char('/') + rel; }
    Status craftRepository();

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
             (QStringList{QStringLiteral("home"), QStringLiteral("repo"), QStringLiteral("target")}));

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

QTEST_GUILESS_MAIN(TestCliHostile)
#include "tst_cli_hostile.moc"
