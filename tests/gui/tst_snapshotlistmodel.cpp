// SnapshotListModel: structure (checked by QAbstractItemModelTester through a reset and a
// change of counts), newest-first order, roles, changed-file counts and display texts.
#include "models/SnapshotListModel.h"

#include <QAbstractItemModelTester>
#include <QObject>
#include <QSignalSpy>
#include <QtTest>

using namespace strata;

namespace {

Snapshot makeSnapshot(const QString &id, const QDateTime &time, BackupKind kind, qint64 files, qint64 bytes)
{
    Snapshot s;
    s.id = id;
    s.time = time;
    s.kind = kind;
    s.host = QStringLiteral("host-") + id.left(1);
    s.set = QStringLiteral("home");
    s.stats.files = files;
    s.stats.bytes = bytes;
    s.stats.bytesAdded = bytes / 2;
    s.tags = {QStringLiteral("tag")};
    return s;
}

QList<Snapshot> threeSnapshots()
{
    const QDateTime base(QDate(2024, 5, 1), QTime(10, 0), Qt::UTC);
    return {
        makeSnapshot(QString(64, QLatin1Char('a')), base, BackupKind::Full, 10, 1000),
        makeSnapshot(QString(64, QLatin1Char('c')), base.addDays(2), BackupKind::Differential, 30, 3 << 20),
        makeSnapshot(QString(64, QLatin1Char('b')), base.addDays(1), BackupKind::Incremental, 20, 2000),
    };
}

} // namespace

class TestSnapshotListModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void structure()
    {
        SnapshotListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(SnapshotListModel::ColumnCount));
        model.setSnapshots(threeSnapshots());
        QCOMPARE(model.rowCount(), 3);
        model.setSnapshots({});
        QCOMPARE(model.rowCount(), 0);
        model.setSnapshots(threeSnapshots());
        model.setChangeCounts({{QString(64, QLatin1Char('a')), 4}});
        // A table has no children under any cell.
        QCOMPARE(model.rowCount(model.index(0, 0)), 0);
        QCOMPARE(model.columnCount(model.index(0, 0)), 0);
    }

    void resetSignals()
    {
        SnapshotListModel model;
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setSnapshots(threeSnapshots());
        QCOMPARE(reset.count(), 1);
    }

    void newestFirst()
    {
        SnapshotListModel model;
        model.setSnapshots(threeSnapshots());
        QCOMPARE(model.data(model.index(0, 0), SnapshotListModel::SnapshotIdRole).toString(),
                 QString(64, QLatin1Char('c')));
        QCOMPARE(model.data(model.index(1, 0), SnapshotListModel::SnapshotIdRole).toString(),
                 QString(64, QLatin1Char('b')));
        QCOMPARE(model.data(model.index(2, 0), SnapshotListModel::SnapshotIdRole).toString(),
                 QString(64, QLatin1Char('a')));
        QCOMPARE(model.rowOf(QString(64, QLatin1Char('a'))), 2);
        QCOMPARE(model.rowOf(QStringLiteral("nope")), -1);
        QVERIFY(model.snapshotAt(0));
        QCOMPARE(model.snapshotAt(0)->kind, BackupKind::Differential);
        QVERIFY(!model.snapshotAt(3));
        QVERIFY(!model.snapshotAt(-1));
    }

    void roles()
    {
        SnapshotListModel model;
        model.setSnapshots(threeSnapshots());
        // Every role answers on every column, so a view or a proxy may ask any cell.
        for (int column = 0; column < SnapshotListModel::ColumnCount; ++column) {
            const QModelIndex i = model.index(0, column);
            QCOMPARE(model.data(i, SnapshotListModel::TimeRole).toDateTime(),
                     QDateTime(QDate(2024, 5, 3), QTime(10, 0), Qt::UTC));
            QCOMPARE(model.data(i, SnapshotListModel::KindRole).toInt(), int(BackupKind::Differential));
            QCOMPARE(model.data(i, SnapshotListModel::SetRole).toString(), QStringLiteral("home"));
            QCOMPARE(model.data(i, SnapshotListModel::HostRole).toString(), QStringLiteral("host-c"));
            QCOMPARE(model.data(i, SnapshotListModel::FilesRole).toLongLong(), 30);
            QCOMPARE(model.data(i, SnapshotListModel::SizeRole).toLongLong(), 3 << 20);
            QCOMPARE(model.data(i, SnapshotListModel::TagsRole).toStringList(),
                     QStringList{QStringLiteral("tag")});
            QCOMPARE(model.data(i, SnapshotListModel::BytesAddedRole).toLongLong(), (3 << 20) / 2);
        }
        QVERIFY(int(SnapshotListModel::SnapshotIdRole) >= int(Qt::UserRole));
        const auto names = model.roleNames();
        QCOMPARE(names.value(SnapshotListModel::SnapshotIdRole), QByteArray("snapshotId"));
        QCOMPARE(names.value(Qt::DisplayRole), QByteArray("display"));
    }

    void changeCounts()
    {
        SnapshotListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // Counts for no rows yet: nothing to announce, but they are kept for when rows come.
        model.setChangeCounts({{QString(64, QLatin1Char('b')), 0}});
        QCOMPARE(changed.count(), 0);
        model.setSnapshots(threeSnapshots());
        const auto count = [&](int row) {
            return model.index(row, 0).data(SnapshotListModel::ChangedFilesRole);
        };
        QCOMPARE(count(1), QVariant::fromValue<qint64>(0)); // known, and none: not unknown
        QVERIFY(!count(0).isValid());
        QVERIFY(!count(2).isValid());

        const QString c(64, QLatin1Char('c'));
        const QString a(64, QLatin1Char('a'));
        model.setChangeCounts({{c, 12}, {a, 3'000'000'000}});
        QCOMPARE(changed.count(), 1);
        const QList<QVariant> args = changed.at(0);
        QCOMPARE(args.at(0).toModelIndex(), model.index(0, 0));
        QCOMPARE(args.at(1).toModelIndex(), model.index(2, SnapshotListModel::ColumnCount - 1));
        QCOMPARE(args.at(2).value<QList<int>>(), QList<int>{SnapshotListModel::ChangedFilesRole});
        QCOMPARE(count(0).toLongLong(), 12);
        QCOMPARE(count(0).typeId(), QMetaType::LongLong);
        QVERIFY(!count(1).isValid()); // no longer in the hash
        QCOMPARE(count(2).toLongLong(), 3'000'000'000);
        // On every column too.
        QCOMPARE(model.index(0, SnapshotListModel::SizeColumn).data(SnapshotListModel::ChangedFilesRole),
                 count(0));

        // The counts belong to the versions: a new listing keeps them.
        model.setSnapshots(threeSnapshots());
        QCOMPARE(count(0).toLongLong(), 12);
        QCOMPARE(model.roleNames().value(SnapshotListModel::ChangedFilesRole), QByteArray("changedFiles"));
    }

    void display()
    {
        QLocale::setDefault(QLocale::c());
        SnapshotListModel model;
        model.setSnapshots(threeSnapshots());
        QCOMPARE(model.data(model.index(0, SnapshotListModel::IdColumn)).toString(),
                 QStringLiteral("cccccccc"));
        QCOMPARE(model.data(model.index(0, SnapshotListModel::IdColumn), Qt::ToolTipRole).toString(),
                 QString(64, QLatin1Char('c')));
        QCOMPARE(model.data(model.index(0, SnapshotListModel::KindColumn)).toString(),
                 QStringLiteral("Differential"));
        QCOMPARE(model.data(model.index(2, SnapshotListModel::KindColumn)).toString(),
                 QStringLiteral("Full"));
        QCOMPARE(model.data(model.index(0, SnapshotListModel::SetColumn)).toString(), QStringLiteral("home"));
        QCOMPARE(model.data(model.index(0, SnapshotListModel::FilesColumn)).toString(), QStringLiteral("30"));
        QCOMPARE(model.data(model.index(0, SnapshotListModel::SizeColumn)).toString(),
                 QStringLiteral("3.00 MiB"));
        QVERIFY(!model.data(model.index(0, SnapshotListModel::TimeColumn)).toString().isEmpty());
        for (int column = 0; column < SnapshotListModel::ColumnCount; ++column)
            QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());
        QVERIFY(!model.data(model.index(3, 0)).isValid());
    }
};

QTEST_GUILESS_MAIN(TestSnapshotListModel)
#include "tst_snapshotlistmodel.moc"
