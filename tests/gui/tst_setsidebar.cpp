// SetSidebar, offscreen: the current set through setCurrentSet, the keyboard and model resets;
// the request signals through shortcuts, buttons, Enter and the context menu; actions disabled
// when nothing can be done; status glyphs and the stale warning drawn in palette-aware colours.
#include "models/SetListModel.h"
#include "SetSidebar.h"
#include "StatusColors.h"

#include <QAction>
#include <QApplication>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QToolButton>
#include <QtTest>

using namespace strata;

namespace {

BackupSet makeSet(const QString &id, const QString &name, Schedule::Mode mode = Schedule::Mode::Daily)
{
    BackupSet set;
    set.id = id;
    set.name = name;
    set.sources = {QStringLiteral("/home/tester/") + name};
    set.repository = QStringLiteral("/backups/") + name;
    set.schedule.mode = mode;
    return set;
}

const QDateTime Now(QDate(2024, 6, 5), QTime(12, 0));

SetStatus statusOf(SetStatus::Result result, qint64 lastSuccessAgoSecs, const QString &message = {})
{
    SetStatus s;
    s.last = result;
    s.lastRun = Now.addSecs(-600);
    if (lastSuccessAgoSecs >= 0)
        s.lastSuccess = Now.addSecs(-lastSuccessAgoSecs);
    s.message = message;
    return s;
}

// Whether any pixel of `rect` in `image` has exactly `colour`.
bool hasColour(const QImage &image, const QRect &rect, const QColor &colour)
{
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x) {
            if (image.pixelColor(x, y) == colour)
                return true;
        }
    }
    return false;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    return p;
}

} // namespace

class TestSetSidebar final : public QObject
{
    Q_OBJECT

private:
    SetListModel *m_model = nullptr;
    SetSidebar *m_sidebar = nullptr;

private Q_SLOTS:
    void init()
    {
        m_model = new SetListModel;
        m_model->setNow([] { return Now; });
        m_model->setSets({makeSet("a", "Home"), makeSet("b", "Documents"), makeSet("c", "Games")});
        m_sidebar = new SetSidebar(m_model);
        m_sidebar->resize(320, 400);
        m_sidebar->show();
        m_sidebar->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_sidebar));
        m_sidebar->view()->setFocus();
    }

    void cleanup()
    {
        delete m_sidebar;
        delete m_model;
    }

    void selection()
    {
        // The first set is current from the start, so the window has something to show.
        QCOMPARE(m_sidebar->currentSet(), QStringLiteral("a"));
        QSignalSpy changed(m_sidebar, &SetSidebar::currentSetChanged);
        m_sidebar->setCurrentSet(QStringLiteral("b"));
        QCOMPARE(m_sidebar->currentSet(), QStringLiteral("b"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("b"));
        m_sidebar->setCurrentSet(QStringLiteral("b"));
        m_sidebar->setCurrentSet(QStringLiteral("unknown"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m_sidebar->currentSet(), QStringLiteral("b"));

        QTest::keyClick(m_sidebar->view(), Qt::Key_Down);
        QCOMPARE(m_sidebar->currentSet(), QStringLiteral("c"));
        QTest::keyClick(m_sidebar->view(), Qt::Key_Up);
        QTest::keyClick(m_sidebar->view(), Qt::Key_Up);
        QCOMPARE(m_sidebar->currentSet(), QStringLiteral("a"));
        QCOMPARE(changed.count(), 4); // b, c, b, a

        // A reset that keeps the set keeps it current, silently; one that drops it moves on.
        m_sidebar->setCurrentSet(QStringLiteral("c"));
        changed.clear();
        m_model->setSets({makeSet("c", "Games"), makeSet("a", "Home")});
        QCOMPARE(m_sidebar->currentSet(), QStringLiteral("c"));
        QCOMPARE(m_sidebar->view()->currentIndex().row(), 0);
        QCOMPARE(changed.count(), 0);
        m_model->setSets({makeSet("a", "Home"), makeSet("b", "Documents")});
        QCOMPARE(m_sidebar->currentSet(), QStringLiteral("a"));
        QCOMPARE(changed.count(), 1);
        m_model->setSets({});
        QCOMPARE(m_sidebar->currentSet(), QString());
        QCOMPARE(changed.count(), 2);
        QVERIFY(!m_sidebar->backupAction()->isEnabled());
        QVERIFY(!m_sidebar->editAction()->isEnabled());
        QVERIFY(!m_sidebar->removeAction()->isEnabled());
        QVERIFY(m_sidebar->newSetAction()->isEnabled());
    }

    void shortcutsAndButtons()
    {
        QSignalSpy backup(m_sidebar, &SetSidebar::backupRequested);
        QSignalSpy edit(m_sidebar, &SetSidebar::editRequested);
        QSignalSpy create(m_sidebar, &SetSidebar::newSetRequested);
        QSignalSpy remove(m_sidebar, &SetSidebar::removeRequested);
        m_sidebar->setCurrentSet(QStringLiteral("b"));
        QWidget *view = m_sidebar->view();

        QTest::keyClick(view, Qt::Key_B, Qt::ControlModifier);
        QCOMPARE(backup.count(), 1);
        QCOMPARE(backup.at(0).at(0).toString(), QStringLiteral("b"));
        QTest::keyClick(view, Qt::Key_E, Qt::ControlModifier);
        QCOMPARE(edit.count(), 1);
        QTest::keyClick(view, Qt::Key_Return); // activation opens the editor too
        QCOMPARE(edit.count(), 2);
        QCOMPARE(edit.at(1).at(0).toString(), QStringLiteral("b"));
        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE(remove.count(), 1);
        QCOMPARE(remove.at(0).at(0).toString(), QStringLiteral("b"));
        QTest::keyClick(view, Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(create.count(), 1);

        auto *backupButton = m_sidebar->findChild<QPushButton *>(QStringLiteral("backupButton"));
        QVERIFY(backupButton);
        QTest::mouseClick(backupButton, Qt::LeftButton);
        QCOMPARE(backup.count(), 2);
        for (QToolButton *button : m_sidebar->findChildren<QToolButton *>()) {
            if (button->defaultAction() == m_sidebar->editAction())
                QTest::mouseClick(button, Qt::LeftButton);
        }
        QCOMPARE(edit.count(), 3);

        // A running set cannot be started again.
        SetStatus running;
        running.last = SetStatus::Result::Running;
        m_model->setStatus(QStringLiteral("b"), running);
        QVERIFY(!m_sidebar->backupAction()->isEnabled());
        QVERIFY(!backupButton->isEnabled());
        QTest::keyClick(view, Qt::Key_B, Qt::ControlModifier);
        QCOMPARE(backup.count(), 2);
        m_sidebar->setCurrentSet(QStringLiteral("a"));
        QVERIFY(m_sidebar->backupAction()->isEnabled());
        QVERIFY(backupButton->isEnabled());
    }

    void contextMenu()
    {
        QSignalSpy backup(m_sidebar, &SetSidebar::backupRequested);
        QListView *view = m_sidebar->view();
        const QRect row = view->visualRect(m_model->index(2));
        QContextMenuEvent event(QContextMenuEvent::Mouse, row.center(),
                                view->viewport()->mapToGlobal(row.center()));
        QApplication::sendEvent(view->viewport(), &event);
        // Right-clicking a row makes it current, and the menu acts on it.
        QCOMPARE(m_sidebar->currentSet(), QStringLiteral("c"));
        QMenu *menu = nullptr;
        QTRY_VERIFY((menu = m_sidebar->findChild<QMenu *>(QStringLiteral("setMenu"))) && menu->isVisible());
        QVERIFY(menu->actions().contains(m_sidebar->backupAction()));
        QVERIFY(menu->actions().contains(m_sidebar->removeAction()));
        QVERIFY(menu->actions().contains(m_sidebar->newSetAction()));
        m_sidebar->backupAction()->trigger();
        QCOMPARE(backup.count(), 1);
        QCOMPARE(backup.at(0).at(0).toString(), QStringLiteral("c"));
        menu->close();
    }

    // The last and the next run on lines of their own, whole at the sidebar's narrowest; a
    // longer status wraps onto a second line; and the tooltip has all of it.
    void statusReadableAtMinimumWidth()
    {
        SetStatus s = statusOf(SetStatus::Result::Succeeded, 59 * 60);
        s.lastRun = s.lastSuccess;
        s.nextRun = QDateTime(Now.date().addDays(1), QTime(12, 0));
        m_model->setStatus(QStringLiteral("a"), s);
        const QString noon = QLocale().toString(QTime(12, 0), QLocale::ShortFormat);

        const int narrowest = m_sidebar->minimumSizeHint().width();
        QVERIFY(narrowest < 320);
        m_sidebar->resize(narrowest, 400);
        QTRY_COMPARE(m_sidebar->width(), narrowest);
        QCoreApplication::processEvents();
        QCOMPARE(m_sidebar->linesShown(QStringLiteral("a")),
                 (QStringList{QStringLiteral("Home"), QStringLiteral("Last backup 59 minutes ago"),
                              QStringLiteral("Next: tomorrow %1").arg(noon)}));
        QListView *view = m_sidebar->view();
        // Three lines for a set with a next run, two for one without.
        QTRY_VERIFY(view->visualRect(m_model->index(0)).height() >
                    view->visualRect(m_model->index(1)).height());
        const QString tip = m_model->index(0).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("Last backup 59 minutes ago · next tomorrow %1").arg(noon)),
                 qPrintable(tip));

        // Too long for one line: it goes on to a second, whole, rather than being cut.
        s.last = SetStatus::Result::Partial;
        s.nextRun = {};
        m_model->setStatus(QStringLiteral("a"), s);
        const QString partial = QStringLiteral("Last backup 59 minutes ago, some files skipped");
        QCOMPARE(m_model->index(0).data(SetListModel::LastRunTextRole).toString(), partial);
        QStringList lines = m_sidebar->linesShown(QStringLiteral("a"));
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.mid(1).join(QLatin1Char(' ')), partial);

        // Too long for two lines (a failure's whole message): elided, never past the row.
        s.last = SetStatus::Result::Failed;
        s.message = QStringLiteral("No space left on device while writing pack 3f2a9c0e to the external "
                                   "disk mounted at /media/tester/Backups, after 2 retries");
        m_model->setStatus(QStringLiteral("a"), s);
        lines = m_sidebar->linesShown(QStringLiteral("a"));
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(2).endsWith(QChar(0x2026)), qPrintable(lines.join(QLatin1Char('|'))));
        for (const QString &line : std::as_const(lines))
            QVERIFY2(view->fontMetrics().horizontalAdvance(line) < view->viewport()->width(),
                     qPrintable(line));
        QVERIFY(m_model->index(0).data(Qt::ToolTipRole).toString().contains(s.message));
    }

    void drawsStatus_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void drawsStatus()
    {
        QFETCH(bool, dark);
        const QPalette palette = dark ? darkPalette() : QApplication::palette();
        m_sidebar->setPalette(palette);
        m_model->setStatus(QStringLiteral("a"), statusOf(SetStatus::Result::Succeeded, 600));
        m_model->setStatus(QStringLiteral("b"),
                           statusOf(SetStatus::Result::Failed, -1, QStringLiteral("disk full")));
        // c succeeded 5 days ago, on a daily schedule: stale.
        m_model->setStatus(QStringLiteral("c"), statusOf(SetStatus::Result::Succeeded, 5 * 24 * 3600));
        m_sidebar->setCurrentSet(QStringLiteral("a")); // c is not selected: its warning is amber
        QVERIFY(m_model->isStale(QStringLiteral("c")));

        QListView *view = m_sidebar->view();
        // The stale row grew a line.
        QTRY_VERIFY(view->visualRect(m_model->index(2)).height() >
                    view->visualRect(m_model->index(0)).height());
        const QImage image = view->viewport()->grab().toImage();
        const QRect ok = view->visualRect(m_model->index(0));
        const QRect failed = view->visualRect(m_model->index(1));
        const QRect stale = view->visualRect(m_model->index(2));
        QVERIFY(hasColour(image, ok, successColor(palette)));
        QVERIFY(!hasColour(image, ok, errorColor(palette)));
        QVERIFY(hasColour(image, failed, errorColor(palette)));
        QVERIFY(!hasColour(image, failed, successColor(palette)));
        QVERIFY(hasColour(image, stale, warningColor(palette)));
        QVERIFY(!hasColour(image, failed, warningColor(palette)));
        QVERIFY(hasColour(image, stale, palette.color(QPalette::Text)));
        QVERIFY(m_model->index(1).data(Qt::ToolTipRole).toString().contains(QStringLiteral("disk full")));
    }
};

QTEST_MAIN(TestSetSidebar)
#include "tst_setsidebar.moc"
