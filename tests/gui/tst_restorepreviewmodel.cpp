// RestorePreviewModel over a real repository: structure (QAbstractItemModelTester while rows
// arrive in batches), counts that match planRestore()'s summary for every conflict policy,
// batching, restart and destruction while planning, a plan that fails, and the filter.
#include "engine/BackupJob.h"
#include "models/RestorePreviewModel.h"
#include "storage/LocalBackend.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace strata;

namespace {

void writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(data);
}

QMap<RestoreAction, qint64> countRows(const RestorePreviewModel &model)
{
    QMap<RestoreAction, qint64> counts;
    for (int row = 0; row < model.rowCount(); ++row)
        counts[model.entryAt(row)->action]++;
    return counts;
}

} // namespace

class TestRestorePreviewModel final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::shared_ptr<Repository> m_repo;
    QString m_src;
    QString m_snapshot;

    QString path(const QString &name) const { return m_tmp.filePath(name); }

    RestorePlan planTo(const QString &target, ConflictPolicy policy = ConflictPolicy::IfChanged) const
    {
        RestorePlan plan;
        plan.snapshot = m_snapshot;
        plan.target = target;
        plan.conflict = policy;
        return plan;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        Repository::InitOptions o;
        o.kdf = KdfParams{1, 8u << 20};
        auto repo = Repository::init(std::make_unique<LocalBackend>(path(QStringLiteral("repo"))),
                                     QStringLiteral("pw"), o);
        QVERIFY(repo.ok());
        m_repo = *repo;
        m_src = path(QStringLiteral("src"));
        for (int i = 0; i < 3000; ++i)
            writeFile(m_src + QStringLiteral("/d%1/f%2.txt").arg(i % 10).arg(i), QByteArray::number(i));
        BackupParams p;
        p.repo = m_repo;
        p.paths = {m_src};
        p.kind = BackupKind::Full;
        BackupJob job(p);
        job.runHere();
        QVERIFY(job.result().status.ok());
        m_snapshot = job.result().snapshot.id;

        // A target that already holds the version, with two files edited since: conflicts.
        RestoreJob restore(RestoreParams{m_repo, planTo(path(QStringLiteral("target"))), 0, {}});
        restore.runHere();
        QVERIFY(restore.result().status.ok());
        writeFile(path(QStringLiteral("target/src/d1/f1.txt")), "edited one");
        writeFile(path(QStringLiteral("target/src/d2/f2.txt")), "edited two");
    }

    void structureWhileRowsArrive()
    {
        RestorePreviewModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy finished(&model, &RestorePreviewModel::finished);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.start(m_repo, planTo(path(QStringLiteral("fresh"))));
        QVERIFY(model.isRunning());
        QCOMPARE(model.rowCount(), 0); // nothing was computed on this thread
        QVERIFY(finished.wait(60000));
        QVERIFY(!model.isRunning());
        QCOMPARE(model.columnCount(), int(RestorePreviewModel::ColumnCount));
        // src, 10 folders and 3000 files, all to create, in a few batches rather than one per row.
        QCOMPARE(model.rowCount(), 3011);
        QVERIFY2(inserted.size() >= 3 && inserted.size() <= 100,
                 qPrintable(QString::number(inserted.size())));
        QCOMPARE(model.summary().create, 3011);
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("fresh")))); // a preview writes nothing

        const PlannedEntry *first = model.entryAt(0);
        QVERIFY(first);
        QCOMPARE(first->destination, path(QStringLiteral("fresh/src")));
        QCOMPARE(model.data(model.index(0, RestorePreviewModel::ActionColumn)).toString(),
                 QStringLiteral("Create"));
        QCOMPARE(model.data(model.index(0, RestorePreviewModel::TypeColumn)).toString(),
                 QStringLiteral("Folder"));
        QCOMPARE(model.data(model.index(0, 0), RestorePreviewModel::OriginalRole).toString(), m_src);
        QVERIFY(!model.entryAt(model.rowCount()));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void countsMatchSummary_data()
    {
        QTest::addColumn<ConflictPolicy>("policy");
        QTest::addColumn<qint64>("overwrite");
        QTest::addColumn<qint64>("skip");
        QTest::addColumn<qint64>("keepBoth");
        QTest::addColumn<qint64>("unchanged");
        // Folders that exist are merged: 11 unchanged rows in every case.
        QTest::newRow("overwrite") << ConflictPolicy::Overwrite << qint64(3000) << qint64(0) << qint64(0)
                                   << qint64(11);
        QTest::newRow("skip") << ConflictPolicy::Skip << qint64(0) << qint64(2) << qint64(0)
                              << qint64(2998 + 11);
        QTest::newRow("if-changed") << ConflictPolicy::IfChanged << qint64(2) << qint64(0) << qint64(0)
                                    << qint64(2998 + 11);
        QTest::newRow("keep-both") << ConflictPolicy::KeepBoth << qint64(0) << qint64(0) << qint64(2)
                                   << qint64(2998 + 11);
    }

    void countsMatchSummary()
    {
        QFETCH(ConflictPolicy, policy);
        const RestorePlan plan = planTo(path(QStringLiteral("target")), policy);
        RestorePreviewModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy finished(&model, &RestorePreviewModel::finished);
        model.start(m_repo, plan);
        QVERIFY(finished.wait(60000));
        const auto summary = finished.first().first().value<PlanSummary>();

        // The engine's own dry run, independently of the model.
        auto direct = planRestore(*m_repo, plan, {});
        QVERIFY(direct.ok());
        const QMap<RestoreAction, qint64> rows = countRows(model);
        for (const PlanSummary &s : {summary, *direct, model.summary()}) {
            QCOMPARE(s.create, rows.value(RestoreAction::Create));
            QCOMPARE(s.overwrite, rows.value(RestoreAction::Overwrite));
            QCOMPARE(s.skip, rows.value(RestoreAction::Skip));
            QCOMPARE(s.keepBoth, rows.value(RestoreAction::KeepBoth));
            QCOMPARE(s.unchanged, rows.value(RestoreAction::Unchanged));
            QCOMPARE(s.refused, 0);
            QCOMPARE(s.bytes, direct->bytes);
        }
        QCOMPARE(rows.value(RestoreAction::Create), 0);
        QTEST(rows.value(RestoreAction::Overwrite), "overwrite");
        QTEST(rows.value(RestoreAction::Skip), "skip");
        QTEST(rows.value(RestoreAction::KeepBoth), "keepBoth");
        QTEST(rows.value(RestoreAction::Unchanged), "unchanged");
        QCOMPARE(model.rowCount(), 3011);
    }

    void filterShowsChosenActions()
    {
        RestorePreviewModel model;
        RestorePreviewFilter filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setActions({RestoreAction::KeepBoth});
        QSignalSpy finished(&model, &RestorePreviewModel::finished);
        model.start(m_repo, planTo(path(QStringLiteral("target")), ConflictPolicy::KeepBoth));
        QVERIFY(finished.wait(60000));
        QCOMPARE(filter.rowCount(), 2);
        QCOMPARE(filter.index(0, RestorePreviewModel::DestinationColumn).data().toString(),
                 path(QStringLiteral("target/src/d1/f1 (restored).txt")));
        QCOMPARE(filter.index(0, RestorePreviewModel::ActionColumn).data().toString(),
                 QStringLiteral("Keep both"));
        filter.setText(QStringLiteral("F2 (RESTORED)"));
        QCOMPARE(filter.rowCount(), 1);
        filter.setActions({});
        QCOMPARE(filter.rowCount(), 1);
        filter.setText({});
        QCOMPARE(filter.rowCount(), model.rowCount());
    }

    void restartDropsTheOldPreview()
    {
        RestorePreviewModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy finished(&model, &RestorePreviewModel::finished);
        model.start(m_repo, planTo(path(QStringLiteral("fresh"))));
        model.start(m_repo, planTo(path(QStringLiteral("target")), ConflictPolicy::Skip));
        QVERIFY(finished.wait(60000));
        QTest::qWait(200); // a late batch of the first preview would show up here
        QCOMPARE(finished.size(), 1);
        QCOMPARE(model.rowCount(), 3011);
        QCOMPARE(model.summary().skip, 2);
        QCOMPARE(model.plan().conflict, ConflictPolicy::Skip);
    }

    void cancelAndDestructionDoNotWait()
    {
        {
            RestorePreviewModel model;
            QSignalSpy finished(&model, &RestorePreviewModel::finished);
            QSignalSpy failed(&model, &RestorePreviewModel::failed);
            model.start(m_repo, planTo(path(QStringLiteral("fresh"))));
            model.cancel();
            QVERIFY(!model.isRunning());
            QTest::qWait(300);
            QCOMPARE(finished.size(), 0);
            QCOMPARE(failed.size(), 0);
        }
        auto *model = new RestorePreviewModel;
        model->start(m_repo, planTo(path(QStringLiteral("fresh"))));
        delete model; // the worker must find nobody to post to, not a dead model
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
    }

    void failureIsReported()
    {
        RestorePreviewModel model;
        QSignalSpy failed(&model, &RestorePreviewModel::failed);
        RestorePlan plan = planTo(path(QStringLiteral("fresh")));
        plan.includes = {QFile::encodeName(m_src + QStringLiteral("/no-such-file"))};
        model.start(m_repo, plan);
        QVERIFY(failed.wait(60000));
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("no-such-file")),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(!model.isRunning());
        QCOMPARE(model.rowCount(), 0);
    }

    void translatedLabels()
    {
        QCOMPARE(RestorePreviewModel::actionLabel(RestoreAction::Overwrite), QStringLiteral("Overwrite"));
        QCOMPARE(RestorePreviewModel::typeLabel(NodeType::Symlink), QStringLiteral("Link"));
        RestorePreviewModel model;
        QCOMPARE(model.headerData(RestorePreviewModel::DestinationColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Destination"));
    }

    void headersAlignLikeTheirColumns()
    {
        // Sizes are right-aligned numbers, the rest left-aligned text: each header sits over its column.
        RestorePreviewModel model;
        const auto alignment = [&](int section) {
            return model.headerData(section, Qt::Horizontal, Qt::TextAlignmentRole).value<Qt::Alignment>() &
                   Qt::AlignHorizontal_Mask;
        };
        QCOMPARE(alignment(RestorePreviewModel::SizeColumn), Qt::AlignRight);
        QCOMPARE(alignment(RestorePreviewModel::DestinationColumn), Qt::AlignLeft);
        QCOMPARE(alignment(RestorePreviewModel::ActionColumn), Qt::AlignLeft);
    }
};

QTEST_GUILESS_MAIN(TestRestorePreviewModel)
#include "tst_restorepreviewmodel.moc"
