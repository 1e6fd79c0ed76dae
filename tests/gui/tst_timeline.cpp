// TimelineWidget and VersionSummary, offscreen: 200 versions of every kind in one day plus failed
// runs, shown through a SnapshotListModel (under QAbstractItemModelTester); the current version
// shared with a selection model both ways and kept across resets; rows coming and going through
// a filter proxy; keyboard and mouse navigation; zoom by keys, buttons and Ctrl+wheel; scrolling
// the selection into view; clusters and tooltips, with the changed-file count when the model
// knows it; rendering in a light and a dark palette with kinds told apart by their pixels, and
// marked versions ringed.
#include "models/SnapshotListModel.h"
#include "TimelineWidget.h"
#include "VersionSummary.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QToolTip>
#include <QTranslator>
#include <QtTest>

#include <algorithm>
#include <random>

#include <time.h>

using namespace strata;

namespace {

const QDateTime Day0(QDate(2024, 6, 5), QTime(0, 0)); // local time

QString idFor(int i)
{
    return QStringLiteral("%1").arg(i, 64, 16, QLatin1Char('0'));
}

Snapshot makeVersion(int i, const QDateTime &time, BackupKind kind)
{
    Snapshot s;
    s.id = idFor(i);
    s.time = time;
    s.kind = kind;
    s.host = QStringLiteral("laptop");
    s.user = QStringLiteral("tester");
    s.set = QStringLiteral("Documents");
    s.paths = {QStringLiteral("/home/tester/Documents"), QStringLiteral("/home/tester/Pictures")};
    s.tags = {QStringLiteral("nightly")};
    s.stats.files = 1000 + i;
    s.stats.filesNew = i;
    s.stats.filesChanged = 10;
    s.stats.filesUnmodified = 990 - 10;
    s.stats.bytes = 5ll << 30;
    s.stats.bytesAdded = 3 << 20;
    s.stats.durationMs = 83'000;
    s.stats.warnings = i % 2;
    return s;
}

// 200 versions, one every 7 minutes through a day, kinds in turn, handed over shuffled.
QList<Snapshot> dayOfVersions()
{
    const BackupKind kinds[] = {BackupKind::Full, BackupKind::Incremental, BackupKind::Differential,
                                BackupKind::Safety};
    QList<Snapshot> versions;
    for (int i = 0; i < 200; ++i)
        versions.append(makeVersion(i, Day0.addSecs(i * 7 * 60), kinds[i % 4]));
    std::shuffle(versions.begin(), versions.end(), std::mt19937(42));
    return versions;
}

QList<FailedRun> failures()
{
    return {{Day0.addSecs(3 * 3600 + 30), QStringLiteral("Documents"),
             QStringLiteral("Disk full on /media/backup")},
            {Day0.addSecs(20 * 3600 + 30), QStringLiteral("Documents"), QStringLiteral("Repository locked")}};
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe6));
    p.setColor(QPalette::Link, QColor(0x6c, 0xd4, 0x9f));
    p.setColor(QPalette::LinkVisited, QColor(0xc5, 0x8a, 0xf9));
    return p;
}

// A timeline over a model of its own, which QAbstractItemModelTester checks throughout.
struct Viewed
{
    SnapshotListModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
    TimelineWidget timeline;
    Viewed() { timeline.setModel(&model); }
    // The id the model shows in `row`.
    QString idAt(int row) const
    {
        return model.data(model.index(row, 0), SnapshotListModel::SnapshotIdRole).toString();
    }
};

// The widget shown at a fixed size, with focus, and its window exposed.
struct Shown : Viewed
{
    explicit Shown(int width = 900)
    {
        timeline.resize(width, timeline.sizeHint().height());
        timeline.show();
        timeline.activateWindow();
        timeline.setFocus();
    }
};

QPoint centre(const QRect &rect)
{
    return QRectF(rect).center().toPoint();
}

} // namespace

class TestTimeline final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void keepsSelectionAcrossResets()
    {
        Viewed viewed;
        TimelineWidget &timeline = viewed.timeline;
        QCOMPARE(timeline.model(), &viewed.model);
        QItemSelectionModel *selection = timeline.selectionModel();
        QVERIFY(selection);
        QCOMPARE(selection->model(), &viewed.model);
        QSignalSpy changed(&timeline, &TimelineWidget::currentVersionChanged);
        const QList<Snapshot> versions = dayOfVersions();
        viewed.model.setSnapshots(versions);
        QCOMPARE(timeline.versionCount(), 200);
        QCOMPARE(timeline.currentVersion(), QString());

        timeline.setCurrentVersion(idFor(50));
        QCOMPARE(timeline.currentVersion(), idFor(50));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toString(), idFor(50));
        QVERIFY(timeline.accessibleDescription().contains(QStringLiteral("51 of 200")));
        // The model is newest first: version 50 of 200 is row 149.
        QCOMPARE(selection->currentIndex().row(), 149);
        QVERIFY(selection->isRowSelected(149));

        // A reset with the same ids, the current one in another row: it stays, silently, and
        // the selection model follows it to its new row.
        QList<Snapshot> fewer = versions;
        fewer.removeIf([](const Snapshot &s) { return s.id == idFor(199) || s.id == idFor(198); });
        viewed.model.setSnapshots(fewer);
        QCOMPARE(timeline.versionCount(), 198);
        QCOMPARE(timeline.currentVersion(), idFor(50));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(selection->currentIndex().row(), 147);
        QCOMPARE(viewed.idAt(selection->currentIndex().row()), idFor(50));
        QVERIFY(selection->isRowSelected(147));

        // Without it: no current version, announced.
        QList<Snapshot> without = versions;
        without.removeIf([](const Snapshot &s) { return s.id == idFor(50); });
        viewed.model.setSnapshots(without);
        QCOMPARE(timeline.currentVersion(), QString());
        QVERIFY(!selection->currentIndex().isValid());
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.at(1).at(0).toString(), QString());

        // Unknown ids clear, and nonsense input does no harm.
        timeline.setCurrentVersion(idFor(10));
        QVERIFY(selection->currentIndex().isValid());
        timeline.setCurrentVersion(QStringLiteral("nope"));
        QCOMPARE(timeline.currentVersion(), QString());
        QVERIFY(!selection->currentIndex().isValid());
        QVERIFY(!selection->hasSelection());
        viewed.model.setSnapshots({});
        QCOMPARE(timeline.versionCount(), 0);
        QTest::keyClick(&timeline, Qt::Key_Right);
        QTest::keyClick(&timeline, Qt::Key_PageDown);
        QCOMPARE(timeline.currentVersion(), QString());
        Snapshot undated = makeVersion(1, QDateTime(), BackupKind::Full);
        viewed.model.setSnapshots({undated});
        QVERIFY(!timeline.grab().isNull());
    }

    void withoutModel()
    {
        TimelineWidget timeline;
        QCOMPARE(timeline.model(), nullptr);
        QCOMPARE(timeline.selectionModel(), nullptr);
        QSignalSpy changed(&timeline, &TimelineWidget::currentVersionChanged);
        timeline.setCurrentVersion(idFor(1));
        QTest::keyClick(&timeline, Qt::Key_End);
        QCOMPARE(timeline.currentVersion(), QString());
        QCOMPARE(timeline.versionCount(), 0);
        QCOMPARE(changed.count(), 0);
        QVERIFY(!timeline.grab().isNull());

        // A model that goes away takes its versions with it, without a word.
        auto model = std::make_unique<SnapshotListModel>();
        model->setSnapshots(dayOfVersions());
        timeline.setModel(model.get());
        timeline.setCurrentVersion(idFor(3));
        QCOMPARE(changed.count(), 1);
        model.reset();
        QCOMPARE(timeline.model(), nullptr);
        QCOMPARE(timeline.versionCount(), 0);
        QCOMPARE(timeline.currentVersion(), QString());
        QCOMPARE(changed.count(), 1);
        QVERIFY(!timeline.grab().isNull());
    }

    void sharesTheSelectionModel()
    {
        Shown shown;
        TimelineWidget &timeline = shown.timeline;
        shown.model.setSnapshots(dayOfVersions());
        QItemSelectionModel shared(&shown.model);
        shared.setCurrentIndex(shown.model.index(10, 0),
                               QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QSignalSpy changed(&timeline, &TimelineWidget::currentVersionChanged);
        timeline.setSelectionModel(&shared);
        QCOMPARE(timeline.selectionModel(), &shared);
        // What was current in the shared selection is current on the timeline at once.
        QCOMPARE(timeline.currentVersion(), shown.idAt(10));
        QCOMPARE(changed.count(), 1);
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        timeline.setZoom(TimelineWidget::Zoom::Hours);

        // A row made current in the selection model moves the timeline, into view.
        shared.setCurrentIndex(shown.model.index(180, SnapshotListModel::SizeColumn),
                               QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(timeline.currentVersion(), shown.idAt(180));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.last().at(0).toString(), shown.idAt(180));
        QVERIFY(timeline.viewport()->rect().contains(timeline.versionMarkerRect(shown.idAt(180))));
        shared.clearCurrentIndex();
        QCOMPARE(timeline.currentVersion(), QString());
        QCOMPARE(changed.count(), 3);

        // And the other way round: the keyboard and the mouse move the selection model.
        timeline.setCurrentVersion(idFor(20));
        QCOMPARE(shared.currentIndex().row(), 199 - 20);
        QTest::keyClick(&timeline, Qt::Key_Right); // a newer version: a row up
        QCOMPARE(timeline.currentVersion(), idFor(21));
        QCOMPARE(shared.currentIndex().row(), 199 - 21);
        QCOMPARE(shared.selectedRows().size(), 1);
        QCOMPARE(shared.selectedRows().at(0).row(), 199 - 21);
        const QRect other = timeline.versionMarkerRect(idFor(23));
        QVERIFY(!other.isEmpty());
        QTest::mouseClick(timeline.viewport(), Qt::LeftButton, {}, centre(other));
        QCOMPARE(shared.currentIndex().row(), 199 - 23);
        QCOMPARE(shown.idAt(shared.currentIndex().row()), idFor(23));

        // A selection model over another model is refused.
        SnapshotListModel elsewhere;
        QItemSelectionModel foreign(&elsewhere);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("selection model")));
        timeline.setSelectionModel(&foreign);
        QCOMPARE(timeline.selectionModel(), &shared);
    }

    void followsRowsThroughAProxy()
    {
        SnapshotListModel model;
        QList<Snapshot> versions = dayOfVersions();
        for (Snapshot &s : versions) {
            if (s.id.toInt(nullptr, 16) % 2)
                s.set = QStringLiteral("Pictures");
        }
        model.setSnapshots(versions);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setFilterKeyColumn(SnapshotListModel::SetColumn);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        TimelineWidget timeline;
        timeline.setModel(&proxy);
        QCOMPARE(timeline.versionCount(), 200);
        timeline.setCurrentVersion(idFor(40));
        QSignalSpy changed(&timeline, &TimelineWidget::currentVersionChanged);
        QSignalSpy removed(&proxy, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&proxy, &QAbstractItemModel::rowsInserted);

        // Rows leave (not a reset): the even ones stay, and so does the current version.
        proxy.setFilterFixedString(QStringLiteral("Documents"));
        QVERIFY(removed.count() > 0);
        QCOMPARE(timeline.versionCount(), 100);
        QCOMPARE(timeline.currentVersion(), idFor(40));
        QCOMPARE(changed.count(), 0);
        QVERIFY(timeline.versionMarkerRect(idFor(41)).isEmpty());

        // Rows come back.
        proxy.setFilterFixedString(QString());
        QVERIFY(inserted.count() > 0);
        QCOMPARE(timeline.versionCount(), 200);
        QCOMPARE(timeline.currentVersion(), idFor(40));
        QTest::keyClick(&timeline, Qt::Key_Right);
        QCOMPARE(timeline.currentVersion(), idFor(41));

        // The current version's row leaves: the timeline says which is current now.
        proxy.setFilterFixedString(QStringLiteral("Documents"));
        QCOMPARE(timeline.versionCount(), 100);
        QVERIFY(changed.count() >= 2);
        QCOMPARE(changed.last().at(0).toString(), timeline.currentVersion());
        QVERIFY(timeline.currentVersion() != idFor(41));
        const QModelIndex current = timeline.selectionModel()->currentIndex();
        QCOMPARE(current.isValid(), !timeline.currentVersion().isEmpty());
        if (current.isValid())
            QCOMPARE(current.data(SnapshotListModel::SnapshotIdRole).toString(), timeline.currentVersion());
        QVERIFY(!timeline.grab().isNull());
    }

    void keyboardNavigation()
    {
        Shown shown;
        TimelineWidget &timeline = shown.timeline;
        shown.model.setSnapshots(dayOfVersions());
        timeline.setFailedRuns(failures());
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        QSignalSpy changed(&timeline, &TimelineWidget::currentVersionChanged);
        QSignalSpy activated(&timeline, &TimelineWidget::versionActivated);

        QTest::keyClick(&timeline, Qt::Key_Home);
        QCOMPARE(timeline.currentVersion(), idFor(0));
        QTest::keyClick(&timeline, Qt::Key_Right);
        QCOMPARE(timeline.currentVersion(), idFor(1));
        QTest::keyClick(&timeline, Qt::Key_Right);
        QTest::keyClick(&timeline, Qt::Key_Left);
        QCOMPARE(timeline.currentVersion(), idFor(1));
        QCOMPARE(changed.count(), 4);
        QCOMPARE(changed.last().at(0).toString(), idFor(1));

        QTest::keyClick(&timeline, Qt::Key_End);
        QCOMPARE(timeline.currentVersion(), idFor(199));
        QTest::keyClick(&timeline, Qt::Key_Right); // already the last: nothing
        QCOMPARE(timeline.currentVersion(), idFor(199));
        QCOMPARE(changed.count(), 5);

        // PageUp goes back by about a screen's worth of time, never by less than one version.
        timeline.setZoom(TimelineWidget::Zoom::Hours);
        QTest::keyClick(&timeline, Qt::Key_PageUp);
        const QString afterPageUp = timeline.currentVersion();
        const int index = afterPageUp.toInt(nullptr, 16);
        QVERIFY2(index < 199 - 10, qPrintable(afterPageUp));
        QVERIFY(!timeline.versionMarkerRect(afterPageUp).isEmpty());
        QTest::keyClick(&timeline, Qt::Key_PageDown);
        QVERIFY(timeline.currentVersion().toInt(nullptr, 16) > index);

        QTest::keyClick(&timeline, Qt::Key_Return);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toString(), timeline.currentVersion());
        QVERIFY(timeline.accessibleDescription().contains(QStringLiteral("of 200")));

        // Walking through all of them one by one works at the finest zoom.
        QTest::keyClick(&timeline, Qt::Key_Home);
        for (int i = 1; i < 200; ++i) {
            QTest::keyClick(&timeline, Qt::Key_Right);
            QCOMPARE(timeline.currentVersion(), idFor(i));
            QVERIFY(!timeline.versionMarkerRect(idFor(i)).isEmpty());
        }
    }

    void zoom()
    {
        Shown shown;
        TimelineWidget &timeline = shown.timeline;
        shown.model.setSnapshots(dayOfVersions());
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        // A day fits 900 px only at the days level.
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Days);

        QSignalSpy zoomed(&timeline, &TimelineWidget::zoomChanged);
        timeline.zoomIn();
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Hours);
        timeline.zoomIn(); // the finest already
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Hours);
        QCOMPARE(zoomed.count(), 1);
        QTest::keyClick(&timeline, Qt::Key_Minus);
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Days);
        QTest::keyClick(&timeline, Qt::Key_Minus);
        QTest::keyClick(&timeline, Qt::Key_Minus);
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Years);
        timeline.zoomOut();
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Years);
        QTest::keyClick(&timeline, Qt::Key_Plus);
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Months);
        auto *box = timeline.findChild<QComboBox *>(QStringLiteral("zoom"));
        QVERIFY(box);
        QCOMPARE(box->currentIndex(), int(TimelineWidget::Zoom::Months));

        // Ctrl+wheel zooms in around the pointer.
        const QPoint at(timeline.viewport()->width() / 2, 10);
        QWheelEvent wheel(at, timeline.viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(timeline.viewport(), &wheel);
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Days);

        // "0" fits everything again.
        timeline.setZoom(TimelineWidget::Zoom::Hours);
        QTest::keyClick(&timeline, Qt::Key_0);
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Days);
        QCOMPARE(zoomed.count(), 8);
    }

    void selectionScrollsIntoView()
    {
        Shown shown(500);
        TimelineWidget &timeline = shown.timeline;
        shown.model.setSnapshots(dayOfVersions());
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        timeline.setZoom(TimelineWidget::Zoom::Hours);
        QScrollBar *bar = timeline.horizontalScrollBar();
        QVERIFY(bar->maximum() > 0); // a day at 160 px an hour is wider than the view

        timeline.setCurrentVersion(idFor(0));
        const QRect first = timeline.versionMarkerRect(idFor(0));
        QVERIFY(!first.isEmpty());
        QVERIFY(timeline.viewport()->rect().contains(first));
        QVERIFY(timeline.versionMarkerRect(idFor(199)).isEmpty());

        const int before = bar->value();
        timeline.setCurrentVersion(idFor(199));
        QVERIFY(bar->value() > before);
        QVERIFY(timeline.viewport()->rect().contains(timeline.versionMarkerRect(idFor(199))));
        QVERIFY(timeline.versionMarkerRect(idFor(0)).isEmpty());

        // The keyboard keeps the selection in view too.
        QTest::keyClick(&timeline, Qt::Key_Home);
        QVERIFY(timeline.viewport()->rect().contains(timeline.versionMarkerRect(idFor(0))));
    }

    void clustersStayUsable()
    {
        Shown shown;
        TimelineWidget &timeline = shown.timeline;
        shown.model.setSnapshots(dayOfVersions());
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));

        // At the days level 200 versions share about 120 px: clusters with a count.
        timeline.setZoom(TimelineWidget::Zoom::Days);
        const QRect badge = timeline.versionMarkerRect(idFor(100));
        QVERIFY(!badge.isEmpty());
        QCOMPARE(timeline.versionMarkerRect(idFor(101)), badge);
        QHelpEvent help(QEvent::ToolTip, centre(badge), timeline.viewport()->mapToGlobal(centre(badge)));
        QApplication::sendEvent(timeline.viewport(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QStringLiteral(" versions</b>")), qPrintable(QToolTip::text()));
        QVERIFY(QToolTip::text().contains(QStringLiteral("Click to zoom in")));
        QToolTip::hideText();

        // A click on the badge selects the nearest version and zooms in on it.
        QSignalSpy changed(&timeline, &TimelineWidget::currentVersionChanged);
        QTest::mouseClick(timeline.viewport(), Qt::LeftButton, {}, centre(badge));
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Hours);
        QCOMPARE(changed.count(), 1);
        const QString picked = timeline.currentVersion();
        QVERIFY(!picked.isEmpty());
        QVERIFY(!timeline.versionMarkerRect(picked).isEmpty());

        // At the hours level every version seven minutes apart has a marker of its own, and a
        // click picks exactly it; a double click activates it.
        QSignalSpy activated(&timeline, &TimelineWidget::versionActivated);
        int singles = 0;
        for (int i = 0; i < 199; ++i) {
            const QRect a = timeline.versionMarkerRect(idFor(i));
            const QRect b = timeline.versionMarkerRect(idFor(i + 1));
            if (a.isEmpty() || b.isEmpty())
                continue;
            QVERIFY2(!a.intersects(b), qPrintable(QString::number(i)));
            ++singles;
        }
        QVERIFY2(singles > 20, qPrintable(QString::number(singles)));
        for (int i = 0; i < 200; ++i) {
            const QRect rect = timeline.versionMarkerRect(idFor(i));
            if (rect.isEmpty() || idFor(i) == timeline.currentVersion())
                continue;
            QTest::mouseClick(timeline.viewport(), Qt::LeftButton, {}, centre(rect));
            QCOMPARE(timeline.currentVersion(), idFor(i));
            QTest::mouseDClick(timeline.viewport(), Qt::LeftButton, {}, centre(rect));
            QCOMPARE(activated.count(), 1);
            QCOMPARE(activated.at(0).at(0).toString(), idFor(i));
            break;
        }
        QCOMPARE(activated.count(), 1);
    }

    void failedRunTooltip()
    {
        Shown shown;
        TimelineWidget &timeline = shown.timeline;
        shown.model.setSnapshots(dayOfVersions());
        timeline.setFailedRuns(failures());
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        timeline.setZoom(TimelineWidget::Zoom::Hours);
        // Version 26 is 3 h 2 min into the day, beside the first failure.
        timeline.setCurrentVersion(idFor(26));
        const QRect cross = timeline.failedRunMarkerRect(0);
        QVERIFY(!cross.isEmpty());
        QVERIFY(timeline.failedRunMarkerRect(5).isEmpty());

        QHelpEvent help(QEvent::ToolTip, centre(cross), timeline.viewport()->mapToGlobal(centre(cross)));
        QApplication::sendEvent(timeline.viewport(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QStringLiteral("Disk full on /media/backup")),
                 qPrintable(QToolTip::text()));
        QVERIFY(QToolTip::text().contains(QStringLiteral("Backup failed")));
        QVERIFY(!QToolTip::text().contains(QStringLiteral("Repository locked")));
        QToolTip::hideText();

        // A version's tooltip names its kind, host and size added.
        const QRect marker = timeline.versionMarkerRect(idFor(27));
        QHelpEvent onVersion(QEvent::ToolTip, centre(marker),
                             timeline.viewport()->mapToGlobal(centre(marker)));
        QApplication::sendEvent(timeline.viewport(), &onVersion);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QStringLiteral("Safety")), qPrintable(QToolTip::text()));
        QVERIFY(QToolTip::text().contains(QStringLiteral("Host: laptop")));
        QVERIFY(QToolTip::text().contains(QLocale().formattedDataSize(3 << 20)));
        QToolTip::hideText();
    }

    void tooltipSaysHowManyFilesChanged()
    {
        // The English plural forms: "1 file changed", "12 files changed".
        QTranslator english;
        QVERIFY(english.load(QStringLiteral(":/i18n/strata_en.qm")));
        QVERIFY(QCoreApplication::installTranslator(&english));
        auto uninstall = qScopeGuard([&] { QCoreApplication::removeTranslator(&english); });

        Shown shown;
        TimelineWidget &timeline = shown.timeline;
        shown.model.setSnapshots(dayOfVersions());
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        timeline.setZoom(TimelineWidget::Zoom::Hours);
        timeline.setCurrentVersion(idFor(100));
        for (int i : {100, 101, 102, 103})
            QVERIFY(!timeline.versionMarkerRect(idFor(i)).isEmpty());
        const auto showTipOn = [&](int i) {
            const QPoint at = centre(timeline.versionMarkerRect(idFor(i)));
            QHelpEvent help(QEvent::ToolTip, at, timeline.viewport()->mapToGlobal(at));
            QApplication::sendEvent(timeline.viewport(), &help);
        };

        // Unknown: nothing said about it.
        showTipOn(100);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QStringLiteral("Host: laptop")), qPrintable(QToolTip::text()));
        QVERIFY2(!QToolTip::text().contains(QStringLiteral("changed")), qPrintable(QToolTip::text()));

        const int scroll = timeline.horizontalScrollBar()->value();
        shown.model.setChangeCounts({{idFor(100), 12}, {idFor(101), 1}, {idFor(102), 0}});
        showTipOn(100);
        QTRY_VERIFY2(QToolTip::text().contains(QStringLiteral("<br>12 files changed")),
                     qPrintable(QToolTip::text()));
        showTipOn(101);
        QTRY_VERIFY2(QToolTip::text().contains(QStringLiteral("<br>1 file changed")),
                     qPrintable(QToolTip::text()));
        showTipOn(102);
        QTRY_VERIFY2(QToolTip::text().contains(QStringLiteral("<br>0 files changed")),
                     qPrintable(QToolTip::text()));
        showTipOn(103); // not counted: unknown still
        QTRY_VERIFY2(!QToolTip::text().contains(QStringLiteral("changed")), qPrintable(QToolTip::text()));
        QVERIFY(QToolTip::text().contains(QStringLiteral("Host: laptop")));
        QToolTip::hideText();
        // Counts neither move the view nor the current version.
        QCOMPARE(timeline.currentVersion(), idFor(100));
        QCOMPARE(timeline.horizontalScrollBar()->value(), scroll);
    }

    void rendersKindsInLightAndDark_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void rendersKindsInLightAndDark()
    {
        QFETCH(bool, dark);
        Shown shown;
        TimelineWidget &timeline = shown.timeline;
        const QPalette palette = dark ? darkPalette() : QApplication::palette();
        timeline.setPalette(palette);
        const QList<BackupKind> kinds{BackupKind::Full, BackupKind::Incremental, BackupKind::Differential,
                                      BackupKind::Safety};
        QList<Snapshot> versions;
        for (int i = 0; i < kinds.size(); ++i)
            versions.append(makeVersion(i, Day0.addSecs(3600 * (i + 1)), kinds[i]));
        shown.model.setSnapshots(versions);
        timeline.setFailedRuns(
            {{Day0.addSecs(3600 * 5 + 600), QStringLiteral("Documents"), QStringLiteral("x")}});
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Hours);

        const QImage image = timeline.viewport()->grab().toImage();
        QVERIFY(!image.isNull());
        const QColor base = palette.color(QPalette::Base);
        QCOMPARE(image.pixelColor(2, 2), base);

        // Each kind's marker is filled with its own palette colour, distinct from the others
        // and from the background.
        const QList<QPalette::ColorRole> roles{QPalette::Highlight, QPalette::Link, QPalette::LinkVisited,
                                               QPalette::WindowText};
        QList<QRgb> seen;
        for (int i = 0; i < kinds.size(); ++i) {
            const QRect rect = timeline.versionMarkerRect(idFor(i));
            QVERIFY(!rect.isEmpty());
            const QColor pixel = image.pixelColor(centre(rect));
            QCOMPARE(pixel, palette.color(roles[i]));
            QVERIFY(pixel != base);
            QVERIFY(!seen.contains(pixel.rgb()));
            seen.append(pixel.rgb());
        }
        // The shapes differ too: a circle leaves its bounding box' corner empty, a square fills it.
        const QRect full = timeline.versionMarkerRect(idFor(0));
        const QRect square = timeline.versionMarkerRect(idFor(2));
        QCOMPARE(image.pixelColor(full.topLeft()), base);
        QCOMPARE(image.pixelColor(square.topLeft() + QPoint(2, 2)), palette.color(QPalette::LinkVisited));

        // The failed run's cross is red, whatever the palette.
        const QColor cross = image.pixelColor(centre(timeline.failedRunMarkerRect(0)));
        QVERIFY2(cross.red() > 2 * cross.green() && cross.red() > 2 * cross.blue(), qPrintable(cross.name()));

        // Axis labels and the legend are drawn in the palette's text colour.
        bool textSeen = false;
        for (int y = 0; y < image.height() && !textSeen; ++y) {
            for (int x = 0; x < image.width() && !textSeen; ++x)
                textSeen = image.pixelColor(x, y) == palette.color(QPalette::Text);
        }
        QVERIFY(textSeen);
    }

    void marksVersions()
    {
        Shown shown;
        TimelineWidget &timeline = shown.timeline;
        const QPalette palette = darkPalette();
        timeline.setPalette(palette);
        QList<Snapshot> versions;
        for (int i = 0; i < 4; ++i)
            versions.append(makeVersion(i, Day0.addSecs(3600 * (i + 1)), BackupKind::Incremental));
        shown.model.setSnapshots(versions);
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Hours);
        QVERIFY(timeline.markedVersions().isEmpty());
        QVERIFY(!timeline.isMarked(idFor(1)));

        // Pixels of (nearly) the highlight colour in `area`, leaving out `inner`.
        const QColor highlight = palette.color(QPalette::Highlight);
        const auto highlighted = [&](const QRect &area, const QRect &inner = {}) {
            const QImage image = timeline.viewport()->grab().toImage();
            int count = 0;
            for (int y = area.top(); y <= area.bottom(); ++y) {
                for (int x = area.left(); x <= area.right(); ++x) {
                    if (inner.contains(x, y) || !image.rect().contains(x, y))
                        continue;
                    const QColor c = image.pixelColor(x, y);
                    if (std::abs(c.red() - highlight.red()) + std::abs(c.green() - highlight.green()) +
                            std::abs(c.blue() - highlight.blue()) <
                        60)
                        ++count;
                }
            }
            return count;
        };
        const auto around = [&](int i) {
            const QRect marker = timeline.versionMarkerRect(idFor(i));
            const int m = marker.width();
            return highlighted(marker.adjusted(-m, -m, m, m), marker.adjusted(-1, -1, 1, 1));
        };
        QVERIFY(!timeline.versionMarkerRect(idFor(1)).isEmpty());
        QCOMPARE(around(1), 0);
        QCOMPARE(around(2), 0);

        // Marked: a ring around the marker; the others stay as they were. Ids the model does not
        // show are kept too.
        timeline.setMarkedVersions({idFor(1), QStringLiteral("elsewhere")});
        QVERIFY(timeline.isMarked(idFor(1)));
        QVERIFY(timeline.isMarked(QStringLiteral("elsewhere")));
        QVERIFY(!timeline.isMarked(idFor(2)));
        QCOMPARE(timeline.markedVersions().size(), 2);
        QVERIFY2(around(1) >= 10, qPrintable(QString::number(around(1))));
        QCOMPARE(around(2), 0);

        // The marks belong to the ids: a new listing keeps them.
        shown.model.setSnapshots(versions);
        QVERIFY(timeline.isMarked(idFor(1)));
        QVERIFY(around(1) >= 10);

        // The current version, marked, paints too.
        timeline.setCurrentVersion(idFor(1));
        QVERIFY(!timeline.viewport()->grab().isNull());

        // A badge holding a marked version carries a dot; one without, none.
        shown.model.setSnapshots(dayOfVersions());
        timeline.setCurrentVersion({});
        timeline.setZoom(TimelineWidget::Zoom::Days);
        timeline.setMarkedVersions({});
        const QRect badge = timeline.versionMarkerRect(idFor(100));
        QVERIFY(!badge.isEmpty());
        QCOMPARE(timeline.versionMarkerRect(idFor(101)), badge);
        const QRect near = badge.adjusted(-4, -4, 4, 4);
        QCOMPARE(highlighted(near), 0);
        timeline.setMarkedVersions({idFor(101)});
        QVERIFY2(highlighted(near) >= 4, qPrintable(QString::number(highlighted(near))));

        // Clearing takes every mark away.
        timeline.setMarkedVersions({});
        QVERIFY(!timeline.isMarked(idFor(101)));
        QCOMPARE(highlighted(near), 0);
    }

    // São Paulo skipped midnight on 2018-11-04 (00:00 became 01:00), Berlin skips 02:00 in
    // spring and repeats it in autumn: the axis must step through all of them and terminate.
    void daylightSavingChanges_data()
    {
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<QDateTime>("start");
        QTest::newRow("midnight skipped")
            << QByteArray("America/Sao_Paulo") << QDateTime(QDate(2018, 11, 3), QTime(20, 0), Qt::UTC);
        QTest::newRow("spring forward")
            << QByteArray("Europe/Berlin") << QDateTime(QDate(2024, 3, 30), QTime(22, 0), Qt::UTC);
        QTest::newRow("fall back") << QByteArray("Europe/Berlin")
                                   << QDateTime(QDate(2024, 10, 26), QTime(22, 0), Qt::UTC);
    }

    void daylightSavingChanges()
    {
        QFETCH(QByteArray, zone);
        QFETCH(QDateTime, start);
        const QByteArray oldZone = qgetenv("TZ");
        qputenv("TZ", zone);
        tzset();
        auto restore = qScopeGuard([&] {
            if (oldZone.isNull())
                qunsetenv("TZ");
            else
                qputenv("TZ", oldZone);
            tzset();
        });

        QVERIFY2(start.toLocalTime().offsetFromUtc() != 0, "the time zone did not take effect");

        Shown shown;
        TimelineWidget &timeline = shown.timeline;
        QList<Snapshot> versions;
        for (int i = 0; i < 24; ++i)
            versions.append(makeVersion(i, start.addSecs(i * 1200).toLocalTime(), BackupKind(i % 4)));
        shown.model.setSnapshots(versions);
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        for (auto zoom : {TimelineWidget::Zoom::Hours, TimelineWidget::Zoom::Days,
                          TimelineWidget::Zoom::Months, TimelineWidget::Zoom::Years}) {
            timeline.setZoom(zoom);
            QVERIFY(!timeline.viewport()->grab().isNull());
        }
        // Markers keep time order across the change: x grows with the absolute time.
        timeline.setZoom(TimelineWidget::Zoom::Hours);
        int lastX = -1;
        for (int i = 0; i < versions.size(); ++i) {
            timeline.setCurrentVersion(idFor(i));
            const QRect rect = timeline.versionMarkerRect(idFor(i));
            QVERIFY(!rect.isEmpty());
            const int x = rect.center().x() + timeline.horizontalScrollBar()->value();
            QVERIFY2(x > lastX, qPrintable(QString::number(i)));
            lastX = x;
        }
    }

    void summary()
    {
        VersionSummary summary;
        summary.show();
        auto *placeholder = summary.findChild<QLabel *>(QStringLiteral("placeholder"));
        QVERIFY(placeholder && placeholder->isVisible());

        Snapshot s = makeVersion(7, Day0.addSecs(3600 * 14 + 120), BackupKind::Differential);
        s.stats.durationMs = 3'723'000;
        summary.setVersion(s);
        QVERIFY(!placeholder->isVisible());
        QCOMPARE(summary.versionId(), s.id);
        auto text = [&](const char *name) {
            return summary.findChild<QLabel *>(QLatin1String(name))->text();
        };
        QCOMPARE(text("time"), QLocale().toString(s.time, QLocale::LongFormat));
        QCOMPARE(text("kind"), QStringLiteral("Differential"));
        QCOMPARE(text("host"), QStringLiteral("laptop"));
        QCOMPARE(text("user"), QStringLiteral("tester"));
        QCOMPARE(text("set"), QStringLiteral("Documents"));
        QCOMPARE(text("files"), QStringLiteral("1,007 (7 new, 10 changed, 980 unmodified)"));
        QCOMPARE(text("size"), QLocale().formattedDataSize(5ll << 30));
        QCOMPARE(text("added"), QLocale().formattedDataSize(3 << 20));
        QCOMPARE(text("duration"), QStringLiteral("1 h 2 min"));
        QCOMPARE(text("paths"), QStringLiteral("/home/tester/Documents\n/home/tester/Pictures"));
        QCOMPARE(text("tags"), QStringLiteral("nightly"));
        QVERIFY(text("warnings").startsWith(QStringLiteral("1 ")));
        QVERIFY(summary.findChild<QLabel *>(QStringLiteral("time"))->textInteractionFlags() &
                Qt::TextSelectableByMouse);

        QCOMPARE(VersionSummary::durationText(400), QStringLiteral("less than a second"));
        QCOMPARE(VersionSummary::durationText(83'000), QStringLiteral("1 min 23 s"));

        summary.clear();
        QVERIFY(placeholder->isVisible());
        QCOMPARE(summary.versionId(), QString());
        QCOMPARE(text("kind"), QString());
        // Clearing empties the values, never the row labels beside them.
        auto *form = summary.findChild<QFormLayout *>();
        QVERIFY(form);
        auto *kindLabel =
            qobject_cast<QLabel *>(form->labelForField(summary.findChild<QLabel *>(QStringLiteral("kind"))));
        QVERIFY(kindLabel);
        QCOMPARE(kindLabel->text(), QStringLiteral("Kind:"));
    }
};

QTEST_MAIN(TestTimeline)
#include "tst_timeline.moc"
