// VersionBrowser offscreen over a real repository: the tree opens on the source folder, the
// "changed in this version" box filters it, typing searches (after a pause) and shows the
// results instead of the tree, Restore… hands over the selected paths, "Open a Copy" restores
// the file into a temporary folder and hands it to the desktop (captured here through
// QDesktopServices::setUrlHandler), and "Show History" stays off until a history view exists.
#include "models/VersionSearchModel.h"
#include "models/VersionTreeFilterModel.h"
#include "models/VersionTreeModel.h"
#include "VersionBrowser.h"
#include "VersionFixture.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDesktopServices>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTreeView>
#include <QtTest>

using namespace strata;
using strata::test::VersionFixture;

// Stands in for the desktop: records the URLs it is asked to open.
class UrlCatcher final : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;

public Q_SLOTS:
    void openUrl(const QUrl &url) { urls.append(url); }
};

namespace {

QModelIndex rowNamed(const QAbstractItemModel *model, const QModelIndex &parent, const QString &name)
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex i = model->index(row, 0, parent);
        if (i.data().toString() == name)
            return i;
    }
    return {};
}

void selectRows(QTreeView *view, const QModelIndexList &rows)
{
    view->selectionModel()->clearSelection();
    for (const QModelIndex &row : rows)
        view->selectionModel()->select(row, QItemSelectionModel::Select | QItemSelectionModel::Rows);
}

QPushButton *button(const VersionBrowser &browser, const QString &name)
{
    return browser.findChild<QPushButton *>(name);
}

} // namespace

class TestVersionBrowser final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<VersionFixture> m_fx;
    UrlCatcher m_desktop;

    // A shown browser on v2 (compared with v1), its source folder read and expanded.
    bool showVersion(VersionBrowser &browser)
    {
        browser.resize(800, 500);
        browser.show();
        browser.setVersion(m_fx->repo, m_fx->v2, m_fx->v1);
        return QTest::qWaitFor(
            [&] {
                const QModelIndex src = browser.treeFilter()->index(0, 0);
                return src.isValid() && browser.treeView()->isExpanded(src) &&
                       browser.treeFilter()->rowCount(src) == 7 && !browser.treeModel()->isLoading();
            },
            10000);
    }

    QModelIndex srcRow(const VersionBrowser &browser) const { return browser.treeFilter()->index(0, 0); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_fx = std::make_unique<VersionFixture>();
        const QString problem = m_fx->build();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QDesktopServices::setUrlHandler(QStringLiteral("file"), &m_desktop, "openUrl");
    }

    void cleanupTestCase()
    {
        QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
        m_fx.reset();
    }

    void opensOnTheSourceFolder()
    {
        VersionBrowser browser;
        QVERIFY(!browser.restoreAction()->isEnabled()); // no version yet
        QVERIFY(showVersion(browser));
        QCOMPARE(browser.treeFilter()->rowCount(), 1);
        QCOMPARE(srcRow(browser).data().toString(), m_fx->src);
        QVERIFY(browser.treeView()->isSortingEnabled());
        QVERIFY(browser.treeView()->uniformRowHeights());
        QVERIFY(!browser.isShowingSearch());
        // Folders first, then files by name.
        QCOMPARE(browser.treeFilter()->index(0, 0, srcRow(browser)).data().toString(),
                 QStringLiteral("changed"));
        const QModelIndex b = rowNamed(browser.treeFilter(), srcRow(browser), QStringLiteral("b.txt"));
        QCOMPARE(
            browser.treeFilter()->index(b.row(), VersionTreeModel::SizeColumn, b.parent()).data().toString(),
            QLocale().formattedDataSize(20));
    }

    void changedOnlyBox()
    {
        VersionBrowser browser;
        QVERIFY(showVersion(browser));
        QTest::mouseClick(browser.changedOnlyBox(), Qt::LeftButton);
        QVERIFY(browser.changedOnlyBox()->isChecked());
        QStringList shown;
        for (int row = 0; row < browser.treeFilter()->rowCount(srcRow(browser)); ++row)
            shown << browser.treeFilter()->index(row, 0, srcRow(browser)).data().toString();
        QCOMPARE(shown, QStringList(
                            {QStringLiteral("changed"), QStringLiteral("b.txt"), QStringLiteral("new.txt")}));
        QTest::mouseClick(browser.changedOnlyBox(), Qt::LeftButton);
        QCOMPARE(browser.treeFilter()->rowCount(srcRow(browser)), 7);
    }

    void typingSearches()
    {
        VersionBrowser browser;
        QVERIFY(showVersion(browser));
        QTest::keyClicks(browser.searchEdit(), QStringLiteral("target"));
        // Debounced: nothing starts while the user is typing.
        QVERIFY(!browser.isShowingSearch());
        QCOMPARE(browser.searchModel()->query(), QString());
        QTRY_VERIFY(browser.isShowingSearch());
        QTRY_COMPARE(browser.searchView()->model()->rowCount(), 1);
        QVERIFY(browser.searchView()->isVisible());
        QVERIFY(!browser.treeView()->isVisible());
        const QModelIndex hit = browser.searchView()->model()->index(0, 0);
        QCOMPARE(hit.data().toString(), QStringLiteral("target-file.dat"));

        // The selection (and so every action) follows the list that is shown.
        selectRows(browser.searchView(), {hit});
        QCOMPARE(browser.selectedPaths(),
                 QStringList(m_fx->src + QStringLiteral("/deep/l1/l2/l3/target-file.dat")));
        QVERIFY(browser.openCopyAction()->isEnabled());

        // Another version keeps the query and searches it there.
        browser.setVersion(m_fx->repo, m_fx->other);
        QTRY_VERIFY(!browser.searchModel()->isSearching());
        QCOMPARE(browser.searchModel()->rowCount(), 0);

        browser.setVersion(m_fx->repo, m_fx->v2, m_fx->v1);
        QTRY_COMPARE(browser.searchModel()->rowCount(), 1);
        // Escape empties the search and goes back to the tree at once.
        browser.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&browser));
        browser.searchEdit()->setFocus();
        QTest::keyClick(browser.searchEdit(), Qt::Key_Escape);
        QCOMPARE(browser.searchEdit()->text(), QString());
        QVERIFY(!browser.isShowingSearch());
        QVERIFY(browser.treeView()->isVisible());
    }

    void restoreCarriesTheSelection()
    {
        VersionBrowser browser;
        QVERIFY(showVersion(browser));
        QSignalSpy restore(&browser, &VersionBrowser::restoreRequested);
        const QModelIndex src = srcRow(browser);
        selectRows(browser.treeView(), {rowNamed(browser.treeFilter(), src, QStringLiteral("new.txt")),
                                        rowNamed(browser.treeFilter(), src, QStringLiteral("b.txt"))});
        QPushButton *restoreButton = button(browser, QStringLiteral("restoreButton"));
        QVERIFY(restoreButton);
        QVERIFY(restoreButton->isEnabled());
        QTest::mouseClick(restoreButton, Qt::LeftButton);
        QCOMPARE(restore.count(), 1);
        QCOMPARE(restore.at(0).at(0).value<QList<QByteArray>>(),
                 QList<QByteArray>({QFile::encodeName(m_fx->src + QStringLiteral("/b.txt")),
                                    QFile::encodeName(m_fx->src + QStringLiteral("/new.txt"))}));

        // Nothing selected: the whole version, and the button says so.
        browser.treeView()->clearSelection();
        QCOMPARE(restoreButton->text(), tr("&Restore All…"));
        browser.treeView()->setFocus();
        browser.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&browser));
        QTest::keyClick(browser.treeView(), Qt::Key_R, Qt::ControlModifier);
        QCOMPARE(restore.count(), 2);
        QVERIFY(restore.at(1).at(0).value<QList<QByteArray>>().isEmpty());
    }

    void openCopyWritesTheSameBytes()
    {
        VersionBrowser browser;
        QVERIFY(showVersion(browser));
        QSignalSpy opened(&browser, &VersionBrowser::copyOpened);
        m_desktop.urls.clear();
        const QModelIndex b = rowNamed(browser.treeFilter(), srcRow(browser), QStringLiteral("b.txt"));
        selectRows(browser.treeView(), {b});
        QVERIFY(browser.openCopyAction()->isEnabled());
        QTest::mouseClick(button(browser, QStringLiteral("openCopyButton")), Qt::LeftButton);
        QTRY_COMPARE(m_desktop.urls.size(), 1);
        QCOMPARE(opened.count(), 1);
        const QString copy = m_desktop.urls.first().toLocalFile();
        QVERIFY2(!copy.startsWith(m_fx->src), qPrintable(copy)); // never the original
        QCOMPARE(QFileInfo(copy).fileName(), QStringLiteral("b.txt"));
        QFile original(m_fx->src + QStringLiteral("/b.txt"));
        QFile copied(copy);
        QVERIFY(original.open(QIODevice::ReadOnly));
        QVERIFY(copied.open(QIODevice::ReadOnly));
        QCOMPARE(copied.readAll(), original.readAll());
        // Read-only: edits would be lost with the temporary folder.
        QCOMPARE(QFileInfo(copy).permissions() & (QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());

        // Enter or a double click on a file opens one too; on a folder it does not.
        Q_EMIT browser.treeView()->activated(
            rowNamed(browser.treeFilter(), srcRow(browser), QStringLiteral("docs")));
        Q_EMIT browser.treeView()->activated(
            rowNamed(browser.treeFilter(), srcRow(browser), QStringLiteral("a.txt")));
        QTRY_COMPARE(opened.count(), 2);
        QCOMPARE(m_desktop.urls.size(), 2);
        QFile second(m_desktop.urls.at(1).toLocalFile());
        QVERIFY(second.open(QIODevice::ReadOnly));
        QCOMPARE(second.readAll(), QByteArray("alpha"));
    }

    void copiesGoWithTheBrowser()
    {
        QString copy;
        {
            VersionBrowser browser;
            QVERIFY(showVersion(browser));
            m_desktop.urls.clear();
            browser.openCopy(m_fx->src + QStringLiteral("/docs/readme.md"));
            QTRY_COMPARE(m_desktop.urls.size(), 1);
            copy = m_desktop.urls.first().toLocalFile();
            QVERIFY(QFileInfo::exists(copy));
        }
        QVERIFY(!QFileInfo::exists(copy));
    }

    void openCopyOfMissingFileSaysWhy()
    {
        VersionBrowser browser;
        QVERIFY(showVersion(browser));
        QSignalSpy failed(&browser, &VersionBrowser::copyFailed);
        m_desktop.urls.clear();
        browser.openCopy(m_fx->src + QStringLiteral("/not-there.txt"));
        QTRY_COMPARE(failed.count(), 1);
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("not-there.txt")), qPrintable(message));
        QVERIFY(m_desktop.urls.isEmpty());
        auto *box = browser.findChild<QMessageBox *>();
        QVERIFY(box);
        QCOMPARE(box->text(), message);
        box->close();
    }

    void keepsThePlaceAcrossVersions()
    {
        VersionBrowser browser;
        QVERIFY(showVersion(browser));
        QTreeView *view = browser.treeView();
        QModelIndex changed = rowNamed(browser.treeFilter(), srcRow(browser), QStringLiteral("changed"));
        view->expand(changed);
        QTRY_COMPARE(browser.treeFilter()->rowCount(changed), 1);
        QModelIndex sub = browser.treeFilter()->index(0, 0, changed);
        view->expand(sub);
        QTRY_COMPARE(browser.treeFilter()->rowCount(sub), 1);
        view->setCurrentIndex(browser.treeFilter()->index(0, 0, sub));
        const QString x = m_fx->src + QStringLiteral("/changed/sub/x.txt");
        QCOMPARE(browser.selectedPaths(), QStringList(x));

        // The previous version opens where the user was, each folder read as it reappears.
        browser.setVersion(m_fx->repo, m_fx->v1);
        QTRY_COMPARE(view->currentIndex().data(VersionTreeModel::PathRole).toString(), x);
        QCOMPARE(browser.selectedPaths(), QStringList(x));
        changed = rowNamed(browser.treeFilter(), srcRow(browser), QStringLiteral("changed"));
        QVERIFY(view->isExpanded(srcRow(browser)));
        QVERIFY(view->isExpanded(changed));
        QVERIFY(view->isExpanded(browser.treeFilter()->index(0, 0, changed)));
        QCOMPARE(view->currentIndex().data(VersionTreeModel::SizeRole).toLongLong(), qint64(2)); // "x1"
    }

    void rawPathsForNamesThatAreNotUtf8()
    {
        VersionBrowser browser;
        QVERIFY(showVersion(browser));
        const QModelIndex latin1 =
            rowNamed(browser.treeFilter(), srcRow(browser), QFile::decodeName(VersionFixture::NonUtf8Name));
        QVERIFY(latin1.isValid());
        selectRows(browser.treeView(), {latin1});
        const QList<QByteArray> raw{QFile::encodeName(m_fx->src) + '/' + VersionFixture::NonUtf8Name};
        QCOMPARE(browser.selectedRawPaths(), raw);

        // Restoring it asks for exactly those bytes.
        QSignalSpy restore(&browser, &VersionBrowser::restoreRequested);
        QTest::mouseClick(button(browser, QStringLiteral("restoreButton")), Qt::LeftButton);
        QCOMPARE(restore.count(), 1);
        QCOMPARE(restore.at(0).at(0).value<QList<QByteArray>>(), raw);

        // An opened copy holds its bytes, under the name shown (a name that is not UTF-8 has no URL).
        QSignalSpy opened(&browser, &VersionBrowser::copyOpened);
        m_desktop.urls.clear();
        QTest::mouseClick(button(browser, QStringLiteral("openCopyButton")), Qt::LeftButton);
        QTRY_COMPARE(m_desktop.urls.size(), 1);
        QCOMPARE(opened.count(), 1);
        const QString copy = m_desktop.urls.first().toLocalFile();
        QCOMPARE(QFileInfo(copy).fileName(), QFile::decodeName(VersionFixture::NonUtf8Name));
        QFile copied(copy);
        QVERIFY(copied.open(QIODevice::ReadOnly));
        QCOMPARE(copied.readAll(), QByteArray("latin-1 name"));
    }

    void historyOnlyOnceAvailable()
    {
        VersionBrowser browser;
        QVERIFY(showVersion(browser));
        QSignalSpy history(&browser, &VersionBrowser::historyRequested);
        const QModelIndex a = rowNamed(browser.treeFilter(), srcRow(browser), QStringLiteral("a.txt"));
        selectRows(browser.treeView(), {a});
        QVERIFY(!browser.historyAction()->isEnabled());
        QVERIFY(!button(browser, QStringLiteral("historyButton"))->isEnabled());
        browser.setHistoryAvailable(true);
        QVERIFY(browser.historyAction()->isEnabled());
        QTest::mouseClick(button(browser, QStringLiteral("historyButton")), Qt::LeftButton);
        QCOMPARE(history.count(), 1);
        QCOMPARE(history.at(0).at(0).toString(), m_fx->src + QStringLiteral("/a.txt"));
        // One entry at a time.
        selectRows(browser.treeView(),
                   {a, rowNamed(browser.treeFilter(), srcRow(browser), QStringLiteral("b.txt"))});
        QVERIFY(!browser.historyAction()->isEnabled());
        QVERIFY(!browser.openCopyAction()->isEnabled());
    }

    void comparesWithThePreviousVersionAndTheDisk()
    {
        VersionBrowser browser;
        QVERIFY(showVersion(browser));
        QSignalSpy opened(&browser, &VersionBrowser::diffOpened);
        const QModelIndex b = rowNamed(browser.treeFilter(), srcRow(browser), QStringLiteral("b.txt"));
        selectRows(browser.treeView(), {b});
        QVERIFY(browser.comparePreviousAction()->isEnabled());
        QVERIFY(browser.compareDiskAction()->isEnabled());

        // From the keyboard: Ctrl+D, v1's b.txt against v2's.
        QTest::keyClick(browser.treeView(), Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(opened.count(), 1);
        auto *previous = opened.at(0).at(0).value<DiffViewer *>();
        QVERIFY(QTest::qWaitFor([&] { return previous->result() != nullptr; }, 10000));
        QVERIFY(previous->result()->text);
        QCOMPARE(previous->result()->text->a.bytes(), QByteArray("beta"));
        QCOMPARE(previous->result()->text->b.bytes(), QByteArray("beta, second edition"));
        previous->close(); // deleted on close

        // The disk holds what v2 holds.
        browser.compareDiskAction()->trigger();
        QCOMPARE(opened.count(), 2);
        auto *disk = opened.at(1).at(0).value<DiffViewer *>();
        QVERIFY(QTest::qWaitFor([&] { return disk->result() != nullptr; }, 10000));
        QVERIFY(disk->result()->identical());

        // Without a version before it, there is nothing to compare with; folders are not files.
        browser.setVersion(m_fx->repo, m_fx->v1);
        QVERIFY(QTest::qWaitFor([&] { return !browser.treeModel()->isLoading(); }, 10000));
        selectRows(browser.treeView(),
                   {rowNamed(browser.treeFilter(), srcRow(browser), QStringLiteral("a.txt"))});
        QVERIFY(!browser.comparePreviousAction()->isEnabled());
        QVERIFY(browser.compareDiskAction()->isEnabled());
        selectRows(browser.treeView(),
                   {rowNamed(browser.treeFilter(), srcRow(browser), QStringLiteral("docs"))});
        QVERIFY(!browser.compareDiskAction()->isEnabled());
    }
};

QTEST_MAIN(TestVersionBrowser)
#include "tst_versionbrowser.moc"
