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
