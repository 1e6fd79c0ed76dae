// TimelineWidget and VersionSummary, offscreen: 200 versions of every kind in one day plus failed
// runs, shown through a SnapshotListModel (under QAbstractItemModelTester); the current version
// shared with a selection model both ways and kept across resets; rows coming and going through
// a filter proxy; keyboard and mouse navigation; zoom by keys, buttons and Ctrl+wheel; scrolling
// the selection into view; clusters and tooltips, with the changed-file count when the model
// knows it; rendering in a light and a dark palette with kinds told apart by their pixels, and
// marked versions ringed.
#include "models/SnapshotListModel.h"
#include "models/TimeText.h"
#include "TimelineWidget.h"
#include "VersionSummary.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QMenu>
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

// The pixel at a point in logical coordinates, whatever the grab's device pixel ratio
// (QT_SCALE_FACTOR=2): its top left device pixel.
QColor pixelAt(const QImage &image, const QPoint &logical)
{
    return image.pixelColor((QPointF(logical) * image.devicePixelRatio()).toPoint());
}

QPoint centre(const QRect &rect)
{
    return QRectF(rect).center().toPoint();
}

// Versions minutes apart (two of them 20 s apart, which no zoom splits), hours apart, days
// apart, and 200 through a year, more of them early in the year than late.
QList<Snapshot> spacedVersions(const QString &spacing)
{
    QList<Snapshot> versions;
    const auto add = [&](const QDateTime &time) {
        versions.append(makeVersion(int(versions.size()), time, BackupKind(versions.size() % 4)));
    };
    const QDateTime start = Day0.addSecs(10 * 3600);
    if (spacing == QLatin1String("minutes")) {
        for (int i = 0; i < 10; ++i)
            add(start.addSecs(i * 120));
        add(start.addSecs(30 * 60));
        add(start.addSecs(30 * 60 + 20));
    } else if (spacing == QLatin1String("hours")) {
        for (int i = 0; i < 30; ++i)
            add(start.addSecs(i * 3600));
    } else if (spacing == QLatin1String("days")) {
        for (int i = 0; i < 40; ++i)
            add(start.addDays(i));
    } else {
        const QDateTime newYear(QDate(2024, 1, 1), QTime(12, 0));
        for (int i = 0; i < 200; ++i)
            add(newYear.addDays(int(365 * (i / 200.0) * (i / 200.0))).addSecs(i * 60));
    }
    return versions;
}

// The timeline's menu of a cluster's versions, when it is open.
QMenu *openClusterMenu(TimelineWidget &timeline)
{
    auto *menu = timeline.findChild<QMenu *>(QStringLiteral("clusterVersions"));
    return menu && menu->isVisible() ? menu : nullptr;
}

QAction *menuEntry(QMenu *menu, const QString &id)
{
    const QList<QAction *> actions = menu->actions();
    const auto it = std::find_if(actions.cbegin(), actions.cend(),
                                 [&](QAction *a) { return a->data().toString() == id; });
    return it == actions.cend() ? nullptr : *it;
}

// Scrolls until the version is drawn, a page at a time, as a user would drag: its rect, or
// an empty one when no scroll position shows it.
QRect findMarker(TimelineWidget &timeline, const QString &id)
{
    QScrollBar *bar = timeline.horizontalScrollBar();
    QRect rect = timeline.versionMarkerRect(id);
    for (int value = 0; rect.isEmpty() && value <= bar->maximum() + bar->pageStep() / 2;
         value += std::max(1, bar->pageStep() / 2)) {
        bar->setValue(value);
        rect = timeline.versionMarkerRect(id);
    }
    return rect;
}

const QList<TimelineWidget::Zoom> AllZooms{TimelineWidget::Zoom::Minutes, TimelineWidget::Zoom::Hours,
                                           TimelineWidget::Zoom::Days, TimelineWidget::Zoom::Months,
                                           TimelineWidget::Zoom::Years};

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
        timeline.zoomIn();
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Minutes);
        timeline.zoomIn(); // the finest already
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Minutes);
        QCOMPARE(zoomed.count(), 2);
        QTest::keyClick(&timeline, Qt::Key_Minus);
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Hours);
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
        QCOMPARE(box->count(), 5);
        QCOMPARE(box->currentData().toInt(), int(TimelineWidget::Zoom::Months));

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
        QCOMPARE(zoomed.count(), 10);
        // The box offers every level, the finest first, and picks the one chosen.
        Q_EMIT box->activated(0);
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Minutes);
        Q_EMIT box->activated(box->count() - 1);
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Years);
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
        QCOMPARE(pixelAt(image, QPoint(2, 2)), base);

        // Each kind's marker is filled with its own palette colour, distinct from the others
        // and from the background.
        const QList<QPalette::ColorRole> roles{QPalette::Highlight, QPalette::Link, QPalette::LinkVisited,
                                               QPalette::WindowText};
        QList<QRgb> seen;
        for (int i = 0; i < kinds.size(); ++i) {
            const QRect rect = timeline.versionMarkerRect(idFor(i));
            QVERIFY(!rect.isEmpty());
            const QColor pixel = pixelAt(image, centre(rect));
            QCOMPARE(pixel, palette.color(roles[i]));
            QVERIFY(pixel != base);
            QVERIFY(!seen.contains(pixel.rgb()));
            seen.append(pixel.rgb());
        }
        // The shapes differ too: a circle leaves its bounding box' corner empty, a square fills it.
        const QRect full = timeline.versionMarkerRect(idFor(0));
        const QRect square = timeline.versionMarkerRect(idFor(2));
        QCOMPARE(pixelAt(image, full.topLeft()), base);
        QCOMPARE(pixelAt(image, square.topLeft() + QPoint(2, 2)), palette.color(QPalette::LinkVisited));

        // The failed run's cross is red, whatever the palette.
        const QColor cross = pixelAt(image, centre(timeline.failedRunMarkerRect(0)));
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
                    if (inner.contains(x, y) || !timeline.viewport()->rect().contains(x, y))
                        continue;
                    const QColor c = pixelAt(image, QPoint(x, y));
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

    void spacings_data()
    {
        QTest::addColumn<QString>("spacing");
        for (const char *spacing : {"minutes", "hours", "days", "year"})
            QTest::newRow(spacing) << QString::fromLatin1(spacing);
    }

    // At every zoom and across the range: each version drawn is hit where it is drawn, alone
    // with a hit area of at least markerHitSize(), in a badge that says how many it holds, or at
    // the years level in its month's bar; and every label of the axis lies whole in the view.
    void clustersAtEveryZoom_data() { spacings_data(); }
    void clustersAtEveryZoom()
    {
        QFETCH(QString, spacing);
        Shown shown;
        TimelineWidget &timeline = shown.timeline;
        const QList<Snapshot> versions = spacedVersions(spacing);
        shown.model.setSnapshots(versions);
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        QVERIFY(timeline.markerHitSize() >= 20);
        const QRectF view = timeline.viewport()->rect();
        QScrollBar *bar = timeline.horizontalScrollBar();
        for (TimelineWidget::Zoom zoom : AllZooms) {
            timeline.setZoom(zoom);
            const QString where =
                QStringLiteral("%1 at %2").arg(spacing, QVariant::fromValue(zoom).toString());
            int drawn = 0;
            int singles = 0;
            for (int step = 0; step <= 8; ++step) {
                bar->setValue(bar->maximum() * step / 8);
                const QList<TimelineWidget::AxisLabel> labels = timeline.axisLabels();
                QVERIFY2(!labels.isEmpty(), qPrintable(where));
                for (const TimelineWidget::AxisLabel &label : labels)
                    QVERIFY2(view.contains(label.rect),
                             qPrintable(where + QStringLiteral(": ") + label.text));
                for (const Snapshot &v : versions) {
                    const QRect rect = timeline.versionMarkerRect(v.id);
                    if (rect.isEmpty() || !view.contains(QRectF(rect).center()))
                        continue;
                    ++drawn;
                    const TimelineWidget::Hit hit = timeline.hitAt(centre(rect));
                    QVERIFY2(hit.ids.contains(v.id), qPrintable(where));
                    QVERIFY2(hit.area.contains(rect), qPrintable(where));
                    if (zoom == TimelineWidget::Zoom::Years) {
                        QCOMPARE(hit.kind, TimelineWidget::Hit::Kind::Month);
                    } else if (hit.ids.size() == 1) {
                        QCOMPARE(hit.kind, TimelineWidget::Hit::Kind::Version);
                        QVERIFY2(hit.area.width() >= timeline.markerHitSize() &&
                                     hit.area.height() >= timeline.markerHitSize(),
                                 qPrintable(where));
                        ++singles;
                    } else {
                        QCOMPARE(hit.kind, TimelineWidget::Hit::Kind::Cluster);
                        QCOMPARE(hit.label, QString::number(hit.ids.size()));
                    }
                }
            }
            QVERIFY2(drawn > 0, qPrintable(where));
            // At the zoom they are spaced for, versions stand alone.
            const bool apart =
                (spacing == QLatin1String("minutes") && zoom == TimelineWidget::Zoom::Minutes) ||
                (spacing == QLatin1String("hours") && zoom == TimelineWidget::Zoom::Hours) ||
                (spacing == QLatin1String("days") && zoom == TimelineWidget::Zoom::Days);
            if (apart)
                QVERIFY2(singles >= 5, qPrintable(where + QStringLiteral(": ") + QString::number(singles)));
        }
    }

    // From the fitted view, clicks alone reach every version: a badge zooms in on itself, a
    // month's bar on the month, and a badge no zoom splits lists its versions.
    void everyVersionReachableByMouse_data() { spacings_data(); }
    void everyVersionReachableByMouse()
    {
        QFETCH(QString, spacing);
        Shown shown;
        TimelineWidget &timeline = shown.timeline;
        const QList<Snapshot> versions = spacedVersions(spacing);
        shown.model.setSnapshots(versions);
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        QSignalSpy changed(&timeline, &TimelineWidget::currentVersionChanged);
        int menus = 0;
        const int stride = versions.size() > 50 ? 7 : 1;
        for (int i = 0; i < versions.size(); i += stride) {
            const QString id = versions[i].id;
            timeline.fitAll();
            bool reached = false;
            for (int step = 0; step < 8 && !reached; ++step) {
                const QRect rect = findMarker(timeline, id);
                QVERIFY2(!rect.isEmpty(), qPrintable(QString::number(i)));
                const TimelineWidget::Hit hit = timeline.hitAt(centre(rect));
                const TimelineWidget::Zoom before = timeline.zoom();
                QTest::mouseClick(timeline.viewport(), Qt::LeftButton, {}, centre(rect));
                if (hit.kind == TimelineWidget::Hit::Kind::Version) {
                    QCOMPARE(timeline.currentVersion(), id);
                    reached = true;
                } else if (QMenu *menu = openClusterMenu(timeline)) {
                    QAction *entry = menuEntry(menu, id);
                    QVERIFY2(entry, qPrintable(QString::number(i)));
                    entry->trigger();
                    menu->hide();
                    QCOMPARE(timeline.currentVersion(), id);
                    ++menus;
                    reached = true;
                } else {
                    // Finer, and centred on what was clicked.
                    QVERIFY2(timeline.zoom() < before, qPrintable(QString::number(i)));
                }
            }
            QVERIFY2(reached, qPrintable(QString::number(i)));
            QCOMPARE(changed.last().at(0).toString(), id);
        }
        // Only the two versions 20 s apart need the menu.
        QCOMPARE(menus, spacing == QLatin1String("minutes") ? 2 : 0);
    }

    void clusterMenuSelectsLikeAClick()
    {
        Shown shown;
        TimelineWidget &timeline = shown.timeline;
        const QDateTime at = Day0.addSecs(10 * 3600 + 30 * 60);
        shown.model.setSnapshots({makeVersion(0, at, BackupKind::Full),
                                  makeVersion(1, at.addSecs(10), BackupKind::Incremental),
                                  makeVersion(2, at.addSecs(25), BackupKind::Differential),
                                  makeVersion(3, at.addSecs(3600), BackupKind::Full),
                                  makeVersion(4, at.addSecs(-3600), BackupKind::Full)});
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        timeline.setZoom(TimelineWidget::Zoom::Hours);
        QSignalSpy changed(&timeline, &TimelineWidget::currentVersionChanged);
        QSignalSpy zoomed(&timeline, &TimelineWidget::zoomChanged);

        // A badge no zoom splits: the finest zoom, centred on it, and its versions listed.
        const QRect badge = timeline.versionMarkerRect(idFor(0));
        QCOMPARE(timeline.hitAt(centre(badge)).kind, TimelineWidget::Hit::Kind::Cluster);
        QTest::mouseClick(timeline.viewport(), Qt::LeftButton, {}, centre(badge));
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Minutes);
        QCOMPARE(zoomed.count(), 1);
        QMenu *menu = openClusterMenu(timeline);
        QVERIFY(menu);
        const QRect there = timeline.versionMarkerRect(idFor(0));
        QVERIFY(std::abs(centre(there).x() - timeline.viewport()->width() / 2) < there.width());
        QCOMPARE(changed.count(), 0); // nothing chosen yet
        QVERIFY(!menuEntry(menu, idFor(3)));
        QAction *second = menuEntry(menu, idFor(1));
        QVERIFY(second && menuEntry(menu, idFor(0)) && menuEntry(menu, idFor(2)));
        // Its time to the second, and its kind.
        QVERIFY2(second->text().contains(QStringLiteral("10:30:10")), qPrintable(second->text()));
        QVERIFY2(second->text().contains(QStringLiteral("Incremental")), qPrintable(second->text()));

        // Chosen: current in the selection model, announced once, as a click does.
        second->trigger();
        menu->hide();
        QCOMPARE(timeline.currentVersion(), idFor(1));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toString(), idFor(1));
        QCOMPARE(shown.idAt(timeline.selectionModel()->currentIndex().row()), idFor(1));
        QCOMPARE(timeline.selectedVersions(), QStringList{idFor(1)});

        // Ctrl+click on the badge, then a choice: a second version beside the current one.
        QTest::mouseClick(timeline.viewport(), Qt::LeftButton, Qt::ControlModifier,
                          centre(timeline.versionMarkerRect(idFor(0))));
        menu = openClusterMenu(timeline);
        QVERIFY(menu);
        QVERIFY(menuEntry(menu, idFor(1))->isChecked());
        QVERIFY(!menuEntry(menu, idFor(2))->isChecked());
        menuEntry(menu, idFor(2))->trigger();
        menu->hide();
        QCOMPARE(timeline.selectedVersions(), (QStringList{idFor(1), idFor(2)}));
        QCOMPARE(timeline.currentVersion(), idFor(2));
        QCOMPARE(timeline.selectionModel()->selectedRows().size(), 2);

        // The tooltip says a click lists them, at the finest zoom.
        const QPoint on = centre(timeline.versionMarkerRect(idFor(0)));
        QHelpEvent help(QEvent::ToolTip, on, timeline.viewport()->mapToGlobal(on));
        QApplication::sendEvent(timeline.viewport(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QStringLiteral("Click to choose one of them")),
                 qPrintable(QToolTip::text()));
        QToolTip::hideText();
    }

    void markersAreEasyToHit()
    {
        Shown shown;
        TimelineWidget &timeline = shown.timeline;
        shown.model.setSnapshots({makeVersion(0, Day0.addSecs(3600), BackupKind::Full),
                                  makeVersion(1, Day0.addSecs(3 * 3600), BackupKind::Safety)});
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Hours);
        const QRect marker = timeline.versionMarkerRect(idFor(0));
        // As tall as a line of text, and never the old 10 px.
        QVERIFY2(marker.width() >= 14 && marker.width() >= timeline.fontMetrics().height() - 1,
                 qPrintable(QString::number(marker.width())));
        const int half = timeline.markerHitSize() / 2 - 1;
        QVERIFY(half >= 9);
        const QPoint c = centre(marker);
        for (const QPoint d :
             {QPoint(half, 0), QPoint(-half, 0), QPoint(0, half), QPoint(0, -half), QPoint(half, half)}) {
            const TimelineWidget::Hit hit = timeline.hitAt(c + d);
            QCOMPARE(hit.kind, TimelineWidget::Hit::Kind::Version);
            QCOMPARE(hit.ids, QStringList{idFor(0)});
        }
        QCOMPARE(timeline.hitAt(c + QPoint(half + 4, 0)).kind, TimelineWidget::Hit::Kind::None);
        // A click near the edge of the hit area selects it.
        QTest::mouseClick(timeline.viewport(), Qt::LeftButton, {}, c + QPoint(half, -half));
        QCOMPARE(timeline.currentVersion(), idFor(0));

        // Markers grow with the font.
        QFont larger = timeline.font();
        larger.setPointSizeF(larger.pointSizeF() * 2);
        timeline.setFont(larger);
        timeline.resize(900, timeline.sizeHint().height());
        QVERIFY2(timeline.versionMarkerRect(idFor(1)).width() > marker.width() * 3 / 2,
                 qPrintable(QString::number(timeline.versionMarkerRect(idFor(1)).width())));
    }

    // Drawn in logical coordinates with antialiasing: at a device pixel ratio of 2 a marker
    // covers twice the device pixels, with smooth edges rather than steps.
    void crispAtDevicePixelRatioTwo()
    {
        Shown shown;
        TimelineWidget &timeline = shown.timeline;
        shown.model.setSnapshots({makeVersion(0, Day0.addSecs(3600), BackupKind::Full),
                                  makeVersion(1, Day0.addSecs(3 * 3600), BackupKind::Safety)});
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        QWidget *viewport = timeline.viewport();
        QImage image(viewport->size() * 2, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(2);
        image.fill(Qt::transparent);
        viewport->render(&image);
        const QRect marker = timeline.versionMarkerRect(idFor(0));
        const QColor fill = timeline.palette().color(QPalette::Highlight);
        const QColor base = timeline.palette().color(QPalette::Base);
        int filled = 0;
        int between = 0;
        const int y = marker.center().y() * 2 + 1;
        for (int x = marker.left() * 2 - 4; x <= marker.right() * 2 + 6; ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c == fill)
                ++filled;
            else if (c != base)
                ++between;
        }
        QVERIFY2(filled >= 2 * marker.width() - 8, qPrintable(QString::number(filled)));
        QVERIFY2(between >= 2, qPrintable(QString::number(between)));
        // Off the row through the centre, the circle's edge is antialiased: partly covered pixels.
        int partial = 0;
        for (int x = marker.left() * 2; x <= marker.right() * 2 + 1; ++x) {
            for (int row = marker.top() * 2; row <= marker.bottom() * 2 + 1; ++row) {
                const QColor c = image.pixelColor(x, row);
                if (c != fill && c != base && c.alpha() == 255)
                    ++partial;
            }
        }
        QVERIFY2(partial >= 8, qPrintable(QString::number(partial)));
    }

    // At the years level a bar a month, its count above it: no badges.
    void yearsShowCountsPerMonth()
    {
        Shown shown;
        TimelineWidget &timeline = shown.timeline;
        const QList<Snapshot> versions = spacedVersions(QStringLiteral("year"));
        shown.model.setSnapshots(versions);
        QVERIFY(QTest::qWaitForWindowExposed(&timeline));
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Years); // a year is wider than 900 px at months
        QHash<int, QStringList> perMonth;
        for (const Snapshot &v : versions)
            perMonth[v.time.date().month()] << v.id;
        QVERIFY(perMonth.size() >= 10);

        int labelled = 0;
        QHash<int, int> barPixels;
        const QImage image = timeline.viewport()->grab().toImage();
        const QColor highlight = timeline.palette().color(QPalette::Highlight);
        for (auto it = perMonth.cbegin(); it != perMonth.cend(); ++it) {
            const QRect column = timeline.versionMarkerRect(it->first());
            QVERIFY(!column.isEmpty());
            const TimelineWidget::Hit hit = timeline.hitAt(centre(column));
            QCOMPARE(hit.kind, TimelineWidget::Hit::Kind::Month);
            QCOMPARE(hit.ids.size(), it->size());
            for (const QString &id : *it)
                QCOMPARE(timeline.versionMarkerRect(id), column);
            if (!hit.label.isEmpty()) {
                QCOMPARE(hit.label, QString::number(it->size()));
                ++labelled;
            }
            int pixels = 0;
            for (int y = column.top(); y <= column.bottom(); ++y) {
                const QColor c = pixelAt(image, QPoint(column.center().x(), y));
                pixels += c.blue() > c.red() + 30 && std::abs(c.hue() - highlight.hue()) < 20;
            }
            barPixels[it.key()] = pixels;
        }
        QCOMPARE(labelled, perMonth.size());
        // The fullest month (January) stands tallest; a sparse one shorter.
        QVERIFY2(barPixels[1] > barPixels[11] + 5,
                 qPrintable(QStringLiteral("%1 %2").arg(barPixels[1]).arg(barPixels[11])));
        // Nowhere along the lane a badge.
        const int laneY = centre(timeline.versionMarkerRect(versions.first().id)).y();
        for (int x = 0; x < timeline.viewport()->width(); x += 3)
            QVERIFY(timeline.hitAt(QPoint(x, laneY)).kind != TimelineWidget::Hit::Kind::Cluster);

        // The tooltip names the month and its count.
        const QRect june = timeline.versionMarkerRect(perMonth[6].first());
        QHelpEvent help(QEvent::ToolTip, centre(june), timeline.viewport()->mapToGlobal(centre(june)));
        QApplication::sendEvent(timeline.viewport(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QStringLiteral("June 2024")), qPrintable(QToolTip::text()));
        QVERIFY2(QToolTip::text().contains(QLocale().toString(perMonth[6].size())),
                 qPrintable(QToolTip::text()));
        QToolTip::hideText();

        // A click zooms in on the month, centred on it, its versions all in view.
        QTest::mouseClick(timeline.viewport(), Qt::LeftButton, {}, centre(june));
        QCOMPARE(timeline.zoom(), TimelineWidget::Zoom::Months);
        for (const QString &id : perMonth[6])
            QVERIFY(!timeline.versionMarkerRect(id).isEmpty());
        const QList<TimelineWidget::AxisLabel> labels = timeline.axisLabels();
        const auto juneLabel =
            std::find_if(labels.cbegin(), labels.cend(),
                         [](const TimelineWidget::AxisLabel &l) { return l.text == QLatin1String("Jun"); });
        QVERIFY(juneLabel != labels.cend());
        QVERIFY2(std::abs(juneLabel->rect.center().x() - timeline.viewport()->width() / 2.0) < 4,
                 qPrintable(QString::number(juneLabel->rect.center().x())));
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
        QCOMPARE(text("time"), timeText(s.time)); // one format across the window
        QCOMPARE(text("kind"), QStringLiteral("Differential"));
        QCOMPARE(text("host"), QStringLiteral("laptop"));
        QCOMPARE(text("user"), QStringLiteral("tester"));
        QCOMPARE(text("set"), QStringLiteral("Documents"));
        // "1,007 files", then the counts on a line of their own that breaks only between them.
        const QStringList files =
            text("files").replace(QChar(0xa0), QLatin1Char(' ')).split(QLatin1Char('\n'));
        QCOMPARE(files.size(), 2);
        QVERIFY2(files[0].startsWith(QStringLiteral("1,007 file")), qPrintable(files[0]));
        QCOMPARE(files[1], QStringLiteral("7 new · 10 changed · 980 unmodified"));
        QCOMPARE(text("size"), QLocale().formattedDataSize(5ll << 30));
        QCOMPARE(text("added"), QLocale().formattedDataSize(3 << 20));
        QCOMPARE(text("duration"), QStringLiteral("1 h 2 min"));
        QCOMPARE(text("paths"), QStringLiteral("/home/tester/Documents\n/home/tester/Pictures"));
        QCOMPARE(text("tags"), QStringLiteral("nightly"));
        QVERIFY(text("warnings").startsWith(QStringLiteral("1 ")));
        QVERIFY(summary.findChild<QLabel *>(QStringLiteral("time"))->textInteractionFlags() &
                Qt::TextSelectableByMouse);

        // A safety version: its kind in the caller's words, no counts of what it changed (it is
        // compared with nothing, like the file list's Change column), its own tags left out.
        Snapshot safety = makeVersion(8, Day0.addSecs(3600 * 15), BackupKind::Safety);
        safety.tags = {QStringLiteral("before-restore"), QStringLiteral("restore-of:0123abcd")};
        summary.setVersion(safety, QStringLiteral("Before restoring the version of yesterday"));
        QCOMPARE(text("kind"), QStringLiteral("Before restoring the version of yesterday"));
        QVERIFY2(text("files").endsWith(QStringLiteral("as they were before the restore")),
                 qPrintable(text("files")));
        QVERIFY(!text("files").contains(QStringLiteral("new")));
        QCOMPARE(text("tags"), QStringLiteral("None"));

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
