// The common path through the main window, driven as a user would, with real input events
// counted one by one: yesterday's version of one file back in place, from launch, in at most
// five interactions for a configured set (its password in a 0600 file, as a configured set
// with a keychain needs no typing either). A later change that lengthens the path fails here.
// Also: the one-page restore's outcomes, safety versions (hidden by default, named in words,
// compared with nothing), the newest regular version selected on opening, and restoring what
// a search found.
#include "MainWindow.h"
#include "QuickRestoreDialog.h"
#include "RestoreWizard.h"
#include "TestUtil.h"
#include "TimelineWidget.h"
#include "Translations.h"
#include "VersionBrowser.h"

#include "engine/BackupJob.h"
#include "models/SnapshotListModel.h"
#include "models/VersionTreeModel.h"
#include "profiles/RunLog.h"
#include "profiles/SetStore.h"
#include "repo/Repository.h"
#include "secrets/PasswordFile.h"
#include "service/BackupService.h"
#include "storage/LocalBackend.h"

#include <QAction>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

using namespace strata;
using namespace strata::test;

namespace {

const QString Password = QStringLiteral("common path password");

// Counts what the user does: each click, double click or key press through it is one.
struct User
{
    int interactions = 0;
    QStringList steps;
    void click(QWidget *w, const QPoint &at, const QString &what)
    {
        QTest::mouseClick(w, Qt::LeftButton, {}, at);
        note(what);
    }
    void doubleClick(QWidget *w, const QPoint &at, const QString &what)
    {
        // A double click is one interaction; QTest needs the press before it.
        QTest::mousePress(w, Qt::LeftButton, {}, at);
        QTest::mouseRelease(w, Qt::LeftButton, {}, at);
        QTest::mouseDClick(w, Qt::LeftButton, {}, at);
        note(what);
    }
    void clickButton(QAbstractButton *b, const QString &what)
    {
        QTest::mouseClick(b, Qt::LeftButton);
        note(what);
    }
    void note(const QString &what)
    {
        ++interactions;
        steps << QStringLiteral("%1. %2").arg(interactions).arg(what);
    }
};

bool put(const QString &file, const QByteArray &content)
{
    return QDir().mkpath(QFileInfo(file).absolutePath()) && writeFile(QFile::encodeName(file), content);
}

QModelIndex rowNamed(QAbstractItemModel *model, const QModelIndex &parent, const QString &name)
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex i = model->index(row, 0, parent);
        if (i.data().toString() == name)
            return i;
    }
    return {};
}

} // namespace

class TestCommonPath final : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_src, m_repo, m_setId, m_yesterday, m_today;
    std::unique_ptr<SetStore> m_store;
    std::unique_ptr<RunLog> m_log;
    std::unique_ptr<BackupService> m_service;

    QString path(const QString &name) const { return m_dir->filePath(name); }
    QString notes() const { return m_src + QStringLiteral("/Letters/notes.txt"); }

    // A backup of the source now, its version's time moved to `time` (the version is saved
    // again under its new id): versions a day apart, as a real history has them.
    QString backUp(BackupKind kind, const QDateTime &time)
    {
        auto repo = Repository::open(m_repo, Password);
        if (!repo)
            return {};
        BackupParams params;
        params.repo = *repo;
        params.paths = {m_src};
        params.set = QStringLiteral("Documents");
        params.kind = kind;
        BackupJob job(params);
        job.runHere();
        if (!job.result().status.ok())
            return {};
        Snapshot s = job.result().snapshot;
        const QString old = s.id;
        s.id.clear();
        s.time = time;
        if (!(*repo)->saveSnapshot(s) || !(*repo)->removeSnapshot(old))
            return {};
        return s.id;
    }

    std::unique_ptr<MainWindow> openWindow()
    {
        auto window = std::make_unique<MainWindow>(*m_service);
        window->setPasswordPrompt([](const PasswordRequest &, auto answer) { answer(std::nullopt); });
        window->resize(1440, 900);
        window->show();
        QSignalSpy opened(window.get(), &MainWindow::repositoryOpened);
        window->showSet(m_setId);
        if (!opened.wait(20000))
            return nullptr;
        return window;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<QuickRestoreDialog *>();
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_src = path(QStringLiteral("home/ana/Documents"));
        m_repo = path(QStringLiteral("repo"));
        QVERIFY(put(notes(), "yesterday's notes\n"));
        QVERIFY(put(m_src + QStringLiteral("/Letters/bank.txt"), "dear bank\n"));
        QVERIFY(put(m_src + QStringLiteral("/budget.txt"), "42\n"));
        Repository::InitOptions options;
        options.kdf = KdfParams{1, 8u << 20};
        QVERIFY(Repository::init(std::make_unique<LocalBackend>(m_repo), Password, options));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_yesterday = backUp(BackupKind::Full, now.addDays(-1));
        QVERIFY(!m_yesterday.isEmpty());
        QVERIFY(put(notes(), "today's notes, written over yesterday's\n"));
        m_today = backUp(BackupKind::Incremental, now.addSecs(-600));
        QVERIFY(!m_today.isEmpty());

        const QString passwordFile = path(QStringLiteral("config/password"));
        QVERIFY(PasswordFile::write(passwordFile, Password));
        m_store = std::make_unique<SetStore>(path(QStringLiteral("config/sets.json")));
        QVERIFY(m_store->load().ok());
        BackupSet set;
        set.name = QStringLiteral("Documents");
        set.sources = {m_src};
        set.repository = m_repo;
        set.passwordStorage = PasswordStorage::File;
        set.passwordFile = passwordFile;
        auto added = m_store->add(set);
        QVERIFY(added);
        m_setId = *added;
        m_log = std::make_unique<RunLog>(path(QStringLiteral("data/runs.jsonl")));
        m_service = std::make_unique<BackupService>(*m_store, *m_log);
    }

    void cleanup()
    {
        m_service.reset();
        m_dir.reset();
    }

    void yesterdaysFileInFiveInteractions()
    {
        auto window = openWindow();
        QVERIFY(window);
        QCOMPARE(window->currentVersion(), m_today); // opens on the newest
        auto *timeline = window->findChild<TimelineWidget *>();
        auto *browser = window->findChild<VersionBrowser *>();
        QTreeView *tree = browser->treeView();
        User user;

        // 1. Yesterday's version on the timeline.
        const QRect marker = timeline->versionMarkerRect(m_yesterday);
        QVERIFY2(!marker.isEmpty(), "yesterday's version is not drawn");
        user.click(timeline->viewport(), marker.center(), QStringLiteral("click yesterday's version"));
        QTRY_COMPARE(window->currentVersion(), m_yesterday);

        // 2. Its folder, opened (the source folder itself is open already).
        QModelIndex letters;
        QTRY_VERIFY((letters = rowNamed(tree->model(), tree->model()->index(0, 0), QStringLiteral("Letters")))
                        .isValid());
        tree->scrollTo(letters);
        user.doubleClick(tree->viewport(), tree->visualRect(letters).center(),
                         QStringLiteral("open Letters"));
        QVERIFY(tree->isExpanded(letters));

        // 3. The file.
        QModelIndex file;
        QTRY_VERIFY((file = rowNamed(tree->model(), letters, QStringLiteral("notes.txt"))).isValid());
        user.click(tree->viewport(), tree->visualRect(file).center(), QStringLiteral("select notes.txt"));
        QVERIFY(browser->selectionIsOneFile());

        // 4. Restore… (the browser's button), which opens the one-page restore for one file.
        QSignalSpy quick(window.get(), &MainWindow::quickRestoreOpened);
        auto *restoreButton = browser->findChild<QPushButton *>(QStringLiteral("restoreButton"));
        QVERIFY(restoreButton && restoreButton->isEnabled());
        user.clickButton(restoreButton, QStringLiteral("click Restore…"));
        QCOMPARE(quick.count(), 1);
        auto *dialog = quick.at(0).at(0).value<QuickRestoreDialog *>();
        QTRY_COMPARE(dialog->state(), QuickRestoreDialog::State::Changed);
        QVERIFY2(dialog->message().contains(QStringLiteral("safety version")), qPrintable(dialog->message()));

        // 5. Restore.
        user.clickButton(dialog->restoreButton(), QStringLiteral("click Restore"));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->state() == QuickRestoreDialog::State::Restored, 20000);

        QVERIFY2(user.interactions <= 5, qPrintable(user.steps.join(QLatin1Char('\n'))));
        qInfo("%s", qPrintable(user.steps.join(QStringLiteral("; "))));
        QCOMPARE(readFile(QFile::encodeName(notes())), QByteArray("yesterday's notes\n"));
        // The file it replaced is in a safety version, which the window lists once asked.
        QVERIFY(dialog->result() && !dialog->result()->safetySnapshot.isEmpty());
        QTRY_VERIFY(window->snapshotModel()->allSnapshots().size() == 3);
        QCOMPARE(window->snapshotModel()->rowCount(), 2); // hidden by default
    }

    void quickRestoreSaysWhatItWillDo()
    {
        auto window = openWindow();
        QVERIFY(window);
        // The same as on disk: nothing to do, and the button says so by being off.
        auto *same = window->restoreFile(m_today, QFile::encodeName(notes()));
        QVERIFY(same);
        QTRY_COMPARE(same->state(), QuickRestoreDialog::State::Same);
        QVERIFY(!same->restoreButton()->isEnabled());
        same->close();

        // Gone from disk: put back, and no safety version is needed.
        QVERIFY(QFile::remove(m_src + QStringLiteral("/budget.txt")));
        auto *missing =
            window->restoreFile(m_today, QFile::encodeName(m_src + QStringLiteral("/budget.txt")));
        QTRY_COMPARE(missing->state(), QuickRestoreDialog::State::Missing);
        QTest::mouseClick(missing->restoreButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(missing->state(), QuickRestoreDialog::State::Restored, 20000);
        QCOMPARE(readFile(QFile::encodeName(m_src + QStringLiteral("/budget.txt"))), QByteArray("42\n"));
        QVERIFY(missing->result()->safetySnapshot.isEmpty());
        missing->close();

        // Keep both: the current file stays as it is, the restored one lands beside it.
        auto *both = window->restoreFile(m_yesterday, QFile::encodeName(notes()));
        QTRY_COMPARE(both->state(), QuickRestoreDialog::State::Changed);
        QVERIFY(both->keepBothBox()->isVisible());
        both->keepBothBox()->setChecked(true);
        QTest::mouseClick(both->restoreButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(both->state(), QuickRestoreDialog::State::Restored, 20000);
        QCOMPARE(readFile(QFile::encodeName(notes())),
                 QByteArray("today's notes, written over yesterday's\n"));
        QCOMPARE(both->result()->done.keepBoth, 1);
        both->close();

        // A folder is not one file: the wizard takes it, from More Options….
        auto *folder = window->restoreFile(m_today, QFile::encodeName(m_src + QStringLiteral("/Letters")));
        QTRY_COMPARE(folder->state(), QuickRestoreDialog::State::Unusable);
        QVERIFY(!folder->restoreButton()->isEnabled());
        auto *more = folder->findChild<QPushButton *>(QStringLiteral("quickRestoreMoreOptions"));
        QTest::mouseClick(more, Qt::LeftButton);
        QTRY_VERIFY(window->findChild<RestoreWizard *>());
    }

    void safetyVersionsHiddenNamedAndComparedWithNothing()
    {
        {
            auto window = openWindow();
            QVERIFY(window);
            auto *dialog = window->restoreFile(m_yesterday, QFile::encodeName(notes()));
            QTRY_COMPARE(dialog->state(), QuickRestoreDialog::State::Changed);
            QTest::mouseClick(dialog->restoreButton(), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(dialog->state(), QuickRestoreDialog::State::Restored, 20000);
        }
        // Opened again: the newest version is now the safety version, but the newest regular one
        // is shown, and the safety one is not on the timeline at all.
        auto window = openWindow();
        QVERIFY(window);
        SnapshotListModel *model = window->snapshotModel();
        QCOMPARE(model->allSnapshots().size(), 3);
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(window->currentVersion(), m_today);
        auto *timeline = window->findChild<TimelineWidget *>();
        QCOMPARE(timeline->versionCount(), 2);

        // The toggle shows it, named for what it holds, and the newest regular version stays current.
        // Counted in words under C.UTF-8 too (the tests run in it), as the window's translations
        // give every locale its plural forms.
        const auto translations = installTranslations();
        auto *count = window->findChild<QLabel *>(QStringLiteral("versionCount"));
        QVERIFY(count);
        auto *toggle = window->findChild<QAction *>(QStringLiteral("showSafety"));
        QVERIFY(toggle && !toggle->isChecked());
        toggle->trigger();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(count->text(), QStringLiteral("3 versions"));
        QCOMPARE(timeline->versionCount(), 3);
        QCOMPARE(window->currentVersion(), m_today);
        const QModelIndex safety = model->index(0, SnapshotListModel::KindColumn);
        QCOMPARE(model->data(safety, SnapshotListModel::KindRole).toInt(), int(BackupKind::Safety));
        const QString label = model->data(safety).toString();
        QVERIFY2(label.startsWith(QStringLiteral("Before restoring the version of ")), qPrintable(label));
        QVERIFY2(!label.contains(QStringLiteral("restore-of")), qPrintable(label));

        // Selected, it is compared with nothing: its Change column is empty, as its summary has
        // nothing it changed either.
        timeline->setCurrentVersion(model->data(safety, SnapshotListModel::SnapshotIdRole).toString());
        auto *browser = window->findChild<VersionBrowser *>();
        QTreeView *tree = browser->treeView();
        QTRY_VERIFY(tree->model()->rowCount() > 0);
        // It holds the one file the restore replaced, under its full path.
        QAbstractItemModel *files = tree->model();
        int seen = 0;
        const std::function<void(const QModelIndex &)> visit = [&](const QModelIndex &parent) {
            for (int row = 0; row < files->rowCount(parent); ++row) {
                ++seen;
                QCOMPARE(files->index(row, VersionTreeModel::ChangeColumn, parent).data().toString(),
                         QString());
                visit(files->index(row, 0, parent));
            }
        };
        visit({});
        QVERIFY(seen > 0);
        toggle->trigger();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(count->text(), QStringLiteral("2 versions"));
        QCOMPARE(window->currentVersion(), m_today);
    }

    // Behind the password prompt the timeline says the repository is locked, not that it has no
    // versions; once the password is given the versions show.
    void lockedRepositorySaysSo()
    {
        auto set = m_store->find(m_setId);
        QVERIFY(set);
        BackupSet asking = *set;
        asking.passwordStorage = PasswordStorage::AskEachTime;
        QVERIFY(m_store->update(asking));
        MainWindow window(*m_service);
        std::function<void(std::optional<PasswordAnswer>)> pending;
        window.setPasswordPrompt([&](const PasswordRequest &, auto answer) { pending = answer; });
        window.show();
        auto *timeline = window.findChild<TimelineWidget *>();
        window.showSet(m_setId);
        QTRY_VERIFY(pending);
        QVERIFY2(timeline->placeholderText().startsWith(QStringLiteral("Locked")),
                 qPrintable(timeline->placeholderText()));
        QCOMPARE(timeline->versionCount(), 0);
        QSignalSpy opened(&window, &MainWindow::repositoryOpened);
        pending(PasswordAnswer{Password, false});
        QVERIFY(opened.wait(20000));
        QCOMPARE(timeline->versionCount(), 2);
        QCOMPARE(timeline->placeholderText(), QStringLiteral("No versions yet"));
    }

    void restoreWhatTheSearchFound()
    {
        auto window = openWindow();
        QVERIFY(window);
        auto *browser = window->findChild<VersionBrowser *>();
        QTest::keyClicks(browser->searchEdit(), QStringLiteral("notes"));
        QTRY_VERIFY(browser->isShowingSearch());
        QTRY_COMPARE(browser->searchView()->model()->rowCount(), 1);
        auto *restoreButton = browser->findChild<QPushButton *>(QStringLiteral("restoreButton"));
        // Nothing selected yet: the button offers the matches, not the whole version.
        QVERIFY2(!restoreButton->text().contains(QStringLiteral("All")), qPrintable(restoreButton->text()));
        QSignalSpy requested(browser, &VersionBrowser::restoreRequested);
        QTest::mouseClick(restoreButton, Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(0).value<QList<QByteArray>>(),
                 QList<QByteArray>{QFile::encodeName(notes())});
        // Selected: that one, on one page.
        QSignalSpy quick(window.get(), &MainWindow::quickRestoreOpened);
        browser->searchView()->selectionModel()->select(browser->searchView()->model()->index(0, 0),
                                                        QItemSelectionModel::ClearAndSelect |
                                                            QItemSelectionModel::Rows);
        QVERIFY(browser->selectionIsOneFile());
        QTest::mouseClick(restoreButton, Qt::LeftButton);
        QCOMPARE(quick.count(), 1);
        QCOMPARE(requested.at(1).at(0).value<QList<QByteArray>>(),
                 QList<QByteArray>{QFile::encodeName(notes())});
    }
};

QTEST_MAIN(TestCommonPath)
#include "tst_commonpath.moc"
