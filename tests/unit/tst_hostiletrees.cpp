// Every walker of a version's trees against hostile versions, in process: the listing, the
// diff, the restore planner, check, verifyVersionTrees and the GUI's models (VersionTreeModel
// expanded as deep as it goes, VersionSearchModel) on a tree nested 100,000 levels deep, one
// nested just within the limit, a folder shared at a shallow and at a too deep place, and a
// version whose root tree is missing. Crafted with the repository's own code (Crafted.h).
#include "Crafted.h"

#include "engine/Check.h"
#include "engine/Diff.h"
#include "engine/Listing.h"
#include "engine/Restore.h"
#include "engine/TreeGuard.h"
#include "models/VersionSearchModel.h"
#include "models/VersionTreeModel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::test;

class TestHostileTrees final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void deepTreeIsRefusedByEveryWalker();
    void treeJustWithinTheLimitIsWalked();
    void sharedFolderTooDeepInOnePlace();
    void missingRootIsNamed();
    void treeModelStopsAtTheLimit();
    void searchModelReportsTheRefusal();

private:
    QTemporaryDir m_tmp;
    std::shared_ptr<Repository> m_repo;
    Snapshot m_normal, m_deep, m_within, m_shared, m_missing;
};

void TestHostileTrees::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    auto repo = initCraftRepository(m_tmp.path() + QStringLiteral("/repo"));
    QVERIFY(repo.ok());
    m_repo = *repo;
    Repository &r = *m_repo;

    auto file = craftFile(r, "normal.txt", "a perfectly normal file\n");
    QVERIFY(file.ok());
    auto normal = craftVersion(r, {*file});
    QVERIFY(normal.ok());
    m_normal = *normal;

    auto deep = craftDeepChain(r, "deep", 100000);
    QVERIFY(deep.ok());
    auto v = craftVersion(r, {*deep});
    QVERIFY(v.ok());
    m_deep = *v;

    // /hostile/within and 3,999 folders below it: paths up to 8,013 bytes, just within the
    // 8 KiB a path may have (one-letter names reach it before the 4,096 levels).
    auto within = craftDeepChain(r, "within", 4000);
    QVERIFY(within.ok());
    v = craftVersion(r, {*within});
    QVERIFY(v.ok());
    m_within = *v;

    // One folder of 3,000 levels, at /hostile/shallow and again 2,000 levels down: the second
    // place puts its bottom 5,000 levels deep. A walk that reads each tree once must still see it.
    auto shared = craftDeepChain(r, "shared", 3000);
    QVERIFY(shared.ok());
    Tree holder;
    holder.nodes.push_back(*shared);
    auto lowered = craftDir(r, "d", holder);
    QVERIFY(lowered.ok());
    Node down = *lowered;
    for (int i = 0; i < 2000; ++i) {
        Tree t;
        t.nodes.push_back(down);
        auto d = craftDir(r, i + 1 == 2000 ? QByteArray("lower") : QByteArray("d"), t);
        QVERIFY(d.ok());
        down = *d;
    }
    Node shallow = *shared;
    shallow.name = "shallow";
    v = craftVersion(r, {down, shallow});
    QVERIFY(v.ok());
    m_shared = *v;

    v = craftVersion(r, {*file}, BlobId::fromHex(QStringLiteral("5e").repeated(32)));
    QVERIFY(v.ok());
    m_missing = *v;
}

void TestHostileTrees::deepTreeIsRefusedByEveryWalker()
{
    qint64 listed = 0;
    Status s = walkSnapshot(*m_repo, m_deep, QByteArray("/"), true, [&](const ListedEntry &) {
        ++listed;
        return true;
    });
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, ErrorCode::Corrupt);
    QVERIFY2(s.error().message.contains(QStringLiteral("lies deeper than")) &&
                 s.error().message.contains(m_deep.shortId()),
             qPrintable(s.error().message));
    QVERIFY(listed <= TreeGuard::MaxDepth);

    auto diff = diffSnapshots(*m_repo, m_normal, m_deep, [](const DiffEntry &) {});
    QVERIFY(!diff.ok());
    QCOMPARE(diff.error().code, ErrorCode::Corrupt);
    QVERIFY2(diff.error().message.contains(m_deep.shortId()), qPrintable(diff.error().message));

    RestorePlan plan;
    plan.snapshot = m_deep.id;
    plan.target = m_tmp.path() + QStringLiteral("/target");
    auto planned = planRestore(*m_repo, plan, [](const PlannedEntry &) {});
    QVERIFY(!planned.ok());
    QCOMPARE(planned.error().code, ErrorCode::Corrupt);

    s = verifyVersionTrees(*m_repo, m_deep);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, ErrorCode::Corrupt);

    CheckJob check(CheckParams{m_repo, false, 100});
    check.runHere();
    const CheckResult &result = check.result();
    QVERIFY(result.status.ok());
    QVERIFY(!result.healthy());
    bool named = false;
    for (const CheckProblem &p : result.problems)
        named = named || (p.problem.contains(QStringLiteral("lies deeper than")) &&
                          p.versions == QStringList{m_deep.shortId()} && p.affectedCount == 1);
    QVERIFY2(named, qPrintable(result.errors.join(QLatin1Char('\n'))));
}

void TestHostileTrees::treeJustWithinTheLimitIsWalked()
{
    qint64 listed = 0;
    const Status s = walkSnapshot(*m_repo, m_within, QByteArray("/"), true, [&](const ListedEntry &) {
        ++listed;
        return true;
    });
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
    QCOMPARE(listed, qint64(1 + 4000 + 1)); // /hostile, the folders, bottom.txt
    auto diff = diffSnapshots(*m_repo, m_normal, m_within, [](const DiffEntry &) {});
    QVERIFY2(diff.ok(), qPrintable(diff.ok() ? QString() : diff.error().message));
    const Status verified = verifyVersionTrees(*m_repo, m_within);
    QVERIFY2(verified.ok(), qPrintable(verified.ok() ? QString() : verified.error().message));
}

void TestHostileTrees::sharedFolderTooDeepInOnePlace()
{
    const Status s = verifyVersionTrees(*m_repo, m_shared);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, ErrorCode::Corrupt);
    QVERIFY2(s.error().message.contains(m_shared.shortId()), qPrintable(s.error().message));
}

void TestHostileTrees::missingRootIsNamed()
{
    auto node = findNode(*m_repo, m_missing, QByteArray("/hostile"));
    QVERIFY(!node.ok());
    QCOMPARE(node.error().code, ErrorCode::Corrupt);
    QVERIFY2(node.error().message.contains(QStringLiteral("root tree 5e5e5e5e is missing")),
             qPrintable(node.error().message));
}

void TestHostileTrees::treeModelStopsAtTheLimit()
{
    VersionTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy failed(&model, &VersionTreeModel::loadFailed);
    model.setVersion(m_repo, m_deep);
    QVERIFY(QTest::qWaitFor([&] { return model.rowCount() == 1 && !model.isLoading(); }, 10000));
    // Expands the only folder, level after level, as a view that expands everything would.
    QModelIndex folder = model.index(0, 0);
    int depth = 0;
    while (folder.isValid() && failed.isEmpty() && depth < 10000) {
        if (model.canFetchMore(folder))
            model.fetchMore(folder);
        // Not qWaitFor: it sleeps between looks, and this waits four thousand times.
        QElapsedTimer waited;
        waited.start();
        while (model.isLoading() && waited.elapsed() < 10000)
            QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
        QVERIFY(!model.isLoading());
        folder = model.rowCount(folder) > 0 ? model.index(0, 0, folder) : QModelIndex();
        ++depth;
    }
    QCOMPARE(failed.size(), 1);
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("lies deeper than")),
             qPrintable(failed.first().first().toString()));
    QVERIFY(depth <= TreeGuard::MaxDepth);

    VersionTreeModel missing;
    QSignalSpy missingFailed(&missing, &VersionTreeModel::loadFailed);
    missing.setVersion(m_repo, m_missing);
    QVERIFY(QTest::qWaitFor([&] { return !missingFailed.isEmpty(); }, 10000));
    QVERIFY2(missingFailed.first().first().toString().contains(QStringLiteral("root tree")),
             qPrintable(missingFailed.first().first().toString()));
}

void TestHostileTrees::searchModelReportsTheRefusal()
{
    VersionSearchModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy failed(&model, &VersionSearchModel::failed);
    QSignalSpy finished(&model, &VersionSearchModel::finished);
    model.setVersion(m_repo, m_deep);
    model.setQuery(QStringLiteral("bottom"));
    QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 20000));
    QCOMPARE(failed.size(), 1);
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("lies deeper than")),
             qPrintable(failed.first().first().toString()));
    QCOMPARE(model.rowCount(), 0); // the bottom lies below the limit
}

QTEST_GUILESS_MAIN(TestHostileTrees)
#include "tst_hostiletrees.moc"
