// SetListModel: structure (QAbstractItemModelTester through resets and in-place updates),
// statuses kept by id, dataChanged for the affected row only, the stale rules at a fixed "now",
// and the status texts.
#include "models/SetListModel.h"

#include <QAbstractItemModelTester>
#include <QObject>
#include <QSignalSpy>
#include <QtTest>

using namespace strata;

namespace {

BackupSet makeSet(const QString &id, const QString &name, Schedule::Mode mode = Schedule::Mode::Manual,
                  int hours = 24)
{
    BackupSet set;
    set.id = id;
    set.name = name;
    set.sources = {QStringLiteral("/home/tester/") + name};
    set.repository = QStringLiteral("/backups/") + name;
    set.schedule.mode = mode;
    set.schedule.hours = hours;
    return set;
}

const QDateTime Noon(QDate(2024, 6, 5), QTime(12, 0)); // local time, a Wednesday

// Times as the test's locale writes them (CLDR versions differ in the spaces they use).
QString shortTime(int hour, int minute)
{
    return QLocale().toString(QTime(hour, minute), QLocale::ShortFormat);
}

} // namespace

class TestSetListModel final : public QObject
{
    Q_OBJECT

private:
    QDateTime m_now = Noon;

    // A model whose clock is m_now, with the tester watching it for the whole test.
    struct Fixture
    {
        SetListModel model;
        QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
    };
    std::unique_ptr<Fixture> makeModel()
    {
        auto f = std::make_unique<Fixture>();
        f->model.setNow([this] { return m_now; });
        return f;
    }

private Q_SLOTS:
    void init()
    {
        m_now = Noon;
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void structureAndOrder()
    {
        auto f = makeModel();
        SetListModel &model = f->model;
        QCOMPARE(model.rowCount(), 0);
        model.setSets({makeSet("a", "Home"), makeSet("b", "Documents"), makeSet("c", "Games")});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.setIdAt(1), QStringLiteral("b"));
        QCOMPARE(model.rowOf(QStringLiteral("c")), 2);
        QCOMPARE(model.rowOf(QStringLiteral("zzz")), -1);
        QCOMPARE(model.setIdAt(3), QString());
        QCOMPARE(model.setIdAt(-1), QString());
        QCOMPARE(model.data(model.index(0)).toString(), QStringLiteral("Home"));
        QCOMPARE(model.data(model.index(0), SetListModel::SetIdRole).toString(), QStringLiteral("a"));
        QCOMPARE(model.rowCount(model.index(0)), 0);
        QVERIFY(!model.data(model.index(0), SetListModel::StaleRole).toBool());
        QCOMPARE(model.data(model.index(0), SetListModel::StatusRole).toInt(), int(SetStatus::Result::Never));
        QCOMPARE(model.data(model.index(0), SetListModel::StatusTextRole).toString(),
                 QStringLiteral("Never backed up"));

        // Same ids in the same order: updated in place, a renamed row announced alone.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setSets({makeSet("a", "Home"), makeSet("b", "Papers"), makeSet("c", "Games")});
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(model.data(model.index(1)).toString(), QStringLiteral("Papers"));

        // Another order or other ids: a reset.
        model.setSets({makeSet("c", "Games"), makeSet("a", "Home")});
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.setIdAt(0), QStringLiteral("c"));
        model.setSets({});
        QCOMPARE(model.rowCount(), 0);
    }

    void statusesKeptById()
    {
        auto f = makeModel();
        SetListModel &model = f->model;
        model.setSets({makeSet("a", "Home"), makeSet("b", "Documents")});

        SetStatus failed;
        failed.last = SetStatus::Result::Failed;
        failed.lastRun = Noon.addSecs(-600);
        failed.message = QStringLiteral("disk full");
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setStatus(QStringLiteral("b"), failed);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 1);
        // The same status again changes nothing; an unknown id is ignored.
        model.setStatus(QStringLiteral("b"), failed);
        model.setStatus(QStringLiteral("nope"), failed);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.status(QStringLiteral("nope")).last, SetStatus::Result::Never);

        // Reordered, with a new set: b keeps its status wherever it lands.
        model.setSets({makeSet("c", "Games"), makeSet("b", "Documents"), makeSet("a", "Home")});
        QCOMPARE(model.status(QStringLiteral("b")), failed);
        QCOMPARE(model.data(model.index(1), SetListModel::StatusRole).toInt(),
                 int(SetStatus::Result::Failed));
        QCOMPARE(model.data(model.index(1), SetListModel::StatusTextRole).toString(),
                 QStringLiteral("Failed: disk full"));
        // Removed, then back: the old status is gone.
        model.setSets({makeSet("a", "Home")});
        model.setSets({makeSet("a", "Home"), makeSet("b", "Documents")});
        QCOMPARE(model.status(QStringLiteral("b")).last, SetStatus::Result::Never);
    }

    void staleRules_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("hours");
        QTest::addColumn<qint64>("lastSuccessAgoSecs");
        QTest::addColumn<bool>("stale");
        const int manual = int(Schedule::Mode::Manual);
        const int every = int(Schedule::Mode::EveryHours);
        const int daily = int(Schedule::Mode::Daily);
        const int weekly = int(Schedule::Mode::Weekly);
        const qint64 h = 3600;
        QTest::newRow("manual, a year ago") << manual << 24 << 365 * 24 * h << false;
        // Every 6 hours: 6 + 3 hours of grace.
        QTest::newRow("6h, 8h ago") << every << 6 << 8 * h << false;
        QTest::newRow("6h, 10h ago") << every << 6 << 10 * h << true;
        // Every hour: the grace is at least one hour.
        QTest::newRow("1h, 1.9h ago") << every << 1 << 19 * h / 10 << false;
        QTest::newRow("1h, 2.1h ago") << every << 1 << 21 * h / 10 << true;
        QTest::newRow("daily, 35h ago") << daily << 24 << 35 * h << false;
        QTest::newRow("daily, 37h ago") << daily << 24 << 37 * h << true;
        QTest::newRow("weekly, 10 days ago") << weekly << 24 << 240 * h << false;
        QTest::newRow("weekly, 11 days ago") << weekly << 24 << 264 * h << true;
    }

    void staleRules()
    {
        QFETCH(int, mode);
        QFETCH(int, hours);
        QFETCH(qint64, lastSuccessAgoSecs);
        QFETCH(bool, stale);
        auto f = makeModel();
        SetListModel &model = f->model;
        model.setSets({makeSet("a", "Home", Schedule::Mode(mode), hours)});
        SetStatus status;
        status.last = SetStatus::Result::Succeeded;
        status.lastRun = status.lastSuccess = Noon.addSecs(-lastSuccessAgoSecs);
        model.setStatus(QStringLiteral("a"), status);
        QCOMPARE(model.isStale(QStringLiteral("a")), stale);
        QCOMPARE(model.data(model.index(0), SetListModel::StaleRole).toBool(), stale);
        QCOMPARE(model.data(model.index(0), SetListModel::StaleTextRole).toString().isEmpty(), !stale);
    }

    void staleWhenNeverSucceeded()
    {
        auto f = makeModel();
        SetListModel &model = f->model;
        QSignalSpy staleChanged(&model, &SetListModel::staleChanged);
        model.setSets(
            {makeSet("a", "Home", Schedule::Mode::Daily), makeSet("b", "Docs", Schedule::Mode::Daily)});
        // Just made: not stale yet.
        QVERIFY(!model.isStale(QStringLiteral("a")));

        // A failed run three days ago proves the set is older than its first sighting.
        SetStatus failed;
        failed.last = SetStatus::Result::Failed;
        failed.lastRun = Noon.addDays(-3);
        failed.message = QStringLiteral("repository not found");
        model.setStatus(QStringLiteral("b"), failed);
        QVERIFY(model.isStale(QStringLiteral("b")));
        QCOMPARE(model.data(model.index(1), SetListModel::StaleTextRole).toString(),
                 QStringLiteral("No successful backup yet (scheduled daily at %1)").arg(shortTime(12, 0)));
        QCOMPARE(
            model.data(model.index(1), Qt::AccessibleDescriptionRole).toString(),
            QStringLiteral("Failed: repository not found. No successful backup yet (scheduled daily at %1)")
                .arg(shortTime(12, 0)));
        QCOMPARE(staleChanged.count(), 1);
        QCOMPARE(staleChanged.at(0).at(0).toString(), QStringLiteral("b"));
        QCOMPARE(staleChanged.at(0).at(1).toBool(), true);

        // Time passes without a success: a becomes stale on the next refresh, and only a's row
        // and b's (whose "ago" texts do not move: b shows its message) change.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        m_now = Noon.addSecs(37 * 3600);
        model.refresh();
        QVERIFY(model.isStale(QStringLiteral("a")));
        QCOMPARE(staleChanged.count(), 2);
        QCOMPARE(staleChanged.at(1).at(0).toString(), QStringLiteral("a"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);

        // A success ends it.
        SetStatus ok;
        ok.last = SetStatus::Result::Succeeded;
        ok.lastRun = ok.lastSuccess = m_now.addSecs(-60);
        model.setStatus(QStringLiteral("a"), ok);
        QVERIFY(!model.isStale(QStringLiteral("a")));
        QCOMPARE(staleChanged.count(), 3);
        QCOMPARE(staleChanged.at(2).at(1).toBool(), false);
        QCOMPARE(model.data(model.index(0), SetListModel::StaleTextRole).toString(), QString());

        // Making the schedule manual ends b's warning too.
        model.setSets(
            {makeSet("a", "Home", Schedule::Mode::Daily), makeSet("b", "Docs", Schedule::Mode::Manual)});
        QVERIFY(!model.isStale(QStringLiteral("b")));
        QCOMPARE(staleChanged.count(), 4);
    }

    void statusTexts()
    {
        auto f = makeModel();
        SetListModel &model = f->model;
        model.setSets({makeSet("a", "Home", Schedule::Mode::EveryHours, 6)});
        const QModelIndex row = model.index(0);
        auto text = [&] { return model.data(row, SetListModel::StatusTextRole).toString(); };

        SetStatus s;
        s.last = SetStatus::Result::Succeeded;
        s.lastRun = s.lastSuccess = Noon.addSecs(-2 * 3600 - 120);
        s.nextRun = QDateTime(Noon.date(), QTime(14, 0));
        model.setStatus(QStringLiteral("a"), s);
        QCOMPARE(text(), QStringLiteral("Last backup 2 hours ago · next today %1").arg(shortTime(14, 0)));

        s.nextRun = QDateTime(Noon.date().addDays(1), QTime(9, 30));
        model.setStatus(QStringLiteral("a"), s);
        QCOMPARE(text(), QStringLiteral("Last backup 2 hours ago · next tomorrow %1").arg(shortTime(9, 30)));
        s.nextRun = QDateTime(Noon.date().addDays(3), QTime(9, 30));
        model.setStatus(QStringLiteral("a"), s);
        QCOMPARE(text(), QStringLiteral("Last backup 2 hours ago · next Saturday %1").arg(shortTime(9, 30)));
        s.nextRun = Noon.addSecs(-60);
        model.setStatus(QStringLiteral("a"), s);
        QCOMPARE(text(), QStringLiteral("Last backup 2 hours ago · next due now"));

        // The same in two, for the sidebar's two lines.
        auto lastRun = [&] { return model.data(row, SetListModel::LastRunTextRole).toString(); };
        auto nextRun = [&] { return model.data(row, SetListModel::NextRunTextRole).toString(); };
        QCOMPARE(lastRun(), QStringLiteral("Last backup 2 hours ago"));
        QCOMPARE(nextRun(), QStringLiteral("Next: due now"));
        s.nextRun = QDateTime(Noon.date().addDays(1), QTime(9, 30));
        model.setStatus(QStringLiteral("a"), s);
        QCOMPARE(nextRun(), QStringLiteral("Next: tomorrow %1").arg(shortTime(9, 30)));
        QCOMPARE(model.roleNames().value(SetListModel::NextRunTextRole), QByteArray("nextRunText"));

        s.nextRun = {};
        s.last = SetStatus::Result::Partial;
        s.lastRun = s.lastSuccess = Noon.addSecs(-30);
        s.message = QStringLiteral("2 files could not be read");
        model.setStatus(QStringLiteral("a"), s);
        QCOMPARE(text(), QStringLiteral("Last backup just now, some files skipped"));
        QCOMPARE(nextRun(), QString()); // no next run: no second line
        QVERIFY(model.data(row, Qt::ToolTipRole).toString().contains(s.message));
        QVERIFY(model.data(row, Qt::ToolTipRole).toString().contains(QStringLiteral("/backups/Home")));
        QVERIFY(model.data(row, Qt::ToolTipRole).toString().contains(QStringLiteral("every 6 hours")));

        s.last = SetStatus::Result::Cancelled;
        s.lastRun = Noon.addDays(-3);
        model.setStatus(QStringLiteral("a"), s);
        QCOMPARE(text(), QStringLiteral("Cancelled 3 days ago"));

        s.last = SetStatus::Result::Running;
        s.nextRun = Noon.addSecs(3600); // not shown while running
        model.setStatus(QStringLiteral("a"), s);
        QCOMPARE(text(), QStringLiteral("Backing up now…"));
        QCOMPARE(lastRun(), text());
        QCOMPARE(nextRun(), QString());
        QCOMPARE(model.data(row, SetListModel::StatusRole).toInt(), int(SetStatus::Result::Running));

        s.last = SetStatus::Result::Failed;
        s.message.clear();
        s.nextRun = {};
        s.lastRun = Noon.addSecs(-5 * 60);
        model.setStatus(QStringLiteral("a"), s);
        QCOMPARE(text(), QStringLiteral("Failed 5 minutes ago"));

        // The stale text says for how long. The last success was 30 s before noon.
        m_now = Noon.addDays(3);
        model.refresh();
        QCOMPARE(model.data(row, SetListModel::StaleTextRole).toString(),
                 QStringLiteral("No successful backup for 3 days (scheduled every 6 hours)"));
        QCOMPARE(text(), QStringLiteral("Failed 3 days ago"));
    }
};

QTEST_GUILESS_MAIN(TestSetListModel)
#include "tst_setlistmodel.moc"
