// Deduplication seen from the outside: unchanged data adds no pack, and a small change in a
// large file costs a few chunks, not the file.
#include "TestUtil.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace strata::test;

class TestCliDedup final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { removeTree(m_tmp.path()); }
    void unchangedDataAddsNoPacks();
    void smallChangeInLargeFileAddsFewChunks();

private:
    RunResult cli(const QStringList &args) { return runCli(args, m_env); }
    QString path(const QString &rel) const { return m_tmp.path() + QLatin1Char('/') + rel; }
    bool initRepo(const QString &repo);
    bool backup(const QString &repo, const QString &kind, const QString &source);

    QTemporaryDir m_tmp;
    QProcessEnvironment m_env;
};

void TestCliDedup::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(QFileInfo::exists(cliPath()));
    QVERIFY(QDir().mkpath(path(QStringLiteral("home"))));
    m_env = cliEnvironment(path(QStringLiteral("home")));
}

bool TestCliDedup::initRepo(const QString &repo)
{
    const RunResult r = cli({QStringLiteral("init"), QStringLiteral("--repo"), repo});
    if (r.exitCode != 0)
        qWarning("init failed: %s", qPrintable(r.describe()));
    return r.exitCode == 0;
}

bool TestCliDedup::backup(const QString &repo, const QString &kind, const QString &source)
{
    const RunResult r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), repo,
                             QStringLiteral("--kind"), kind, QStringLiteral("--json"), source});
    if (r.exitCode != 0 || backupSnapshotId(r.out).isEmpty())
        qWarning("backup failed: %s", qPrintable(r.describe()));
    return r.exitCode == 0;
}

void TestCliDedup::unchangedDataAddsNoPacks()
{
    const QString repo = path(QStringLiteral("repo1"));
    const QString src = path(QStringLiteral("src1"));
    QString error;
    QVERIFY2(!makeFidelityTree(QFile::encodeName(src), &error).root.isEmpty(), qPrintable(error));
    QVERIFY(initRepo(repo));
    QVERIFY(backup(repo, QStringLiteral("full"), src));
    const QStringList packs = treeFiles(repo + QStringLiteral("/data"));
    QVERIFY(!packs.isEmpty());

    // An incremental run trusts the metadata; a full run re-reads everything. Neither adds data.
    // The root tree mirrors the absolute path, so when an ancestor such as /tmp changed its
    // mtime meanwhile, a few small tree blobs are new: allow those, but no data.
    for (const QString &kind :
         {QStringLiteral("incremental"), QStringLiteral("full"), QStringLiteral("differential")}) {
        QVERIFY(backup(repo, kind, src));
        const QStringList now = treeFiles(repo + QStringLiteral("/data"));
        for (const QString &p : packs)
            QVERIFY2(now.contains(p), qPrintable(QStringLiteral("pack %1 disappeared").arg(p)));
        for (const QString &p : now) {
            if (packs.contains(p))
                continue;
            const qint64 size = QFileInfo(repo + QStringLiteral("/data/") + p).size();
            QVERIFY2(size < 64 * 1024,
                     qPrintable(QStringLiteral("a %1 backup of unchanged data added pack %2 of %3 bytes")
                                    .arg(kind, p)
                                    .arg(size)));
        }
    }
}

void TestCliDedup::smallChangeInLargeFileAddsFewChunks()
{
    const QString repo = path(QStringLiteral("repo2"));
    const QString src = path(QStringLiteral("src2"));
    QVERIFY(QDir().mkpath(src));
    const QByteArray big = QFile::encodeName(src + QStringLiteral("/big.bin"));
    constexpr qint64 size = qint64(100) << 20;
    QVERIFY(writeRandomFile(big, size, 20261129));
    QVERIFY(initRepo(repo));
    QVERIFY(backup(repo, QStringLiteral("full"), src));
    const qint64 before = treeBytes(repo);
    QVERIFY2(before > size * 9 / 10,
             qPrintable(QStringLiteral("repository holds only %1 bytes").arg(before)));

    QVERIFY(overwriteAt(big, size / 2 + 12345, pseudoRandomBytes(100, 99)));
    QVERIFY(backup(repo, QStringLiteral("incremental"), src));
    const qint64 growth = treeBytes(repo) - before;
    qInfo("100 bytes changed in a 100 MiB file: the repository grew by %lld bytes", growth);
    QVERIFY2(growth > 0, "the change was not stored");
    QVERIFY2(growth < qint64(10) << 20,
             qPrintable(QStringLiteral("the repository grew by %1 bytes").arg(growth)));

    // The new version restores the changed file exactly.
    const QString target = path(QStringLiteral("r2"));
    const RunResult r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), repo,
                             QStringLiteral("latest"), QStringLiteral("--target"), target});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QStringList diffs =
        compareTrees(QFile::encodeName(src), QFile::encodeName(target + QStringLiteral("/src2")));
    QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestCliDedup)
#include "tst_cli_dedup.moc"
