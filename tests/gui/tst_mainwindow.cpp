// Smoke test of the main window, offscreen: it opens a real repository off the GUI thread and
// lists its versions, which the timeline shows through the window's model and selection; it
// asks again after a wrong password; and on a first start it offers to create the repository.
// The password dialog is replaced through setPasswordPrompt().
#include "catalog/Catalog.h"
#include "MainWindow.h"
#include "models/SnapshotListModel.h"
#include "models/VersionTreeModel.h"
#include "profiles/RunLog.h"
#include "profiles/SetStore.h"
#include "repo/Repository.h"
#include "service/BackupService.h"
#include "storage/Backend.h"
#include "TimelineWidget.h"
#include "VersionBrowser.h"
#include "VersionSummary.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFileDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolTip>
#include <QTranslator>
#include <QtTest>

#include "Crafted.h"
#include "HistoryPanel.h"
#include "models/FileHistoryModel.h"

using namespace strata;

namespace {

const QString Password = QStringLiteral("correct horse");

// A repository with two versions, made through core's public API.
QString makeRepository(const QString &path, QStringList *ids)
{
    auto backend = openBackend(path);
    if (!backend)
        return backend.error().message;
    Repository::InitOptions options;
    options.kdf = KdfParams{1, 8ull << 20}; // fast: the test is not about key stretching
    auto repo = Repository::init(std::move(*backend), Password, options);
    if (!repo)
        return repo.error().message;
    for (int i = 0; i < 2; ++i) {
        // /notes.txt, changed in the second version (for the file history).
        auto notes = test::craftFile(**repo, "notes.txt", i == 0 ? "first\n" : "second\n");
        if (!notes)
            return notes.error().message;
        Tree root;
        root.nodes.push_back(*notes);
        auto tree = (*repo)->saveTree(root);
        if (!tree)
            return tree.error().message;
        if (auto flushed = (*repo)->flush(); !flushed)
            return flushed.error().message;
        Snapshot s;
        s.time = QDateTime(QDate(2024, 6, 1 + i), QTime(12, 0), Qt::UTC);
        s.host = QStringLiteral("testhost");
        s.user = QStringLiteral("tester");
        s.set = QStringLiteral("documents");
        s.paths = {QStringLiteral("/home/tester/Documents")};
        s.kind = i == 0 ? BackupKind::Full : BackupKind::Incremental;
        s.tree = *tree;
        s.stats.files = 3 + i;
        s.stats.bytes = 1024 * (i + 1);
        if (auto saved = (*repo)->saveSnapshot(s); !saved)
            return saved.error().message;
        ids->append(s.id);
    }
    return {};
}

} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

    // What the application gives the window: sets, a run log and the service over them.
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<SetStore> m_store;
    std::unique_ptr<RunLog> m_log;
    std::unique_ptr<BackupService> m_service;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<SetStore>(m_home->filePath(QStringLiteral("sets.json")));
        QVERIFY(m_store->load().ok());
        m_log = std::make_unique<RunLog>(m_home->filePath(QStringLiteral("runs.jsonl")));
        m_service = std::make_unique<BackupService>(*m_store, *m_log);
    }

    void cleanup() { m_service.reset(); }

    void listsVersions()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("repo"));
        QStringList ids;
        const QString problem = makeRepository(path, &ids);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        MainWindow window(*m_service);
        QAbstractItemModelTester tester(window.snapshotModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        int prompts = 0;
        window.setPasswordPrompt([&](const PasswordRequest &, auto answer) {
            ++prompts;
            answer(std::nullopt);
        });
        QSignalSpy opened(&window, &MainWindow::repositoryOpened);
        window.show();
        window.openRepository(path, Password);
        // The call returned before the repository was read: the work is on a worker thread.
        QCOMPARE(window.snapshotModel()->rowCount(), 0);
        QTRY_COMPARE(window.snapshotModel()->rowCount(), 2);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(prompts, 0);

        // The timeline selects the newest version; the model lists newest first.
        QCOMPARE(window.currentVersion(), ids.at(1));
        QCOMPARE(window.snapshotModel()->data(window.snapshotModel()->index(0, 0),
                                              SnapshotListModel::SnapshotIdRole),
                 QVariant(ids.at(1)));
        QCOMPARE(window.snapshotModel()->data(window.snapshotModel()->index(1, SnapshotListModel::SetColumn)),
                 QVariant(QStringLiteral("documents")));
        QVERIFY(window.repository());

        // The timeline is a view over the window's model and its one selection.
        auto *timeline = window.findChild<TimelineWidget *>();
        auto *summary = window.findChild<VersionSummary *>(QStringLiteral("summary"));
        QVERIFY(timeline && summary);
        QItemSelectionModel *selection = window.versionSelection();
        QVERIFY(selection);
        QCOMPARE(selection->model(), window.snapshotModel());
        QCOMPARE(timeline->model(), window.snapshotModel());
        QCOMPARE(timeline->selectionModel(), selection);
        QCOMPARE(timeline->versionCount(), 2);
        QCOMPARE(selection->currentIndex().row(), 0);
        QCOMPARE(summary->versionId(), ids.at(1));

        // The older version made current in the selection: the timeline and the summary follow.
        selection->setCurrentIndex(window.snapshotModel()->index(1, 0),
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(timeline->currentVersion(), ids.at(0));
        QCOMPARE(window.currentVersion(), ids.at(0));
        QCOMPARE(summary->versionId(), ids.at(0));

        // The timeline's keyboard moves the window's selection.
        timeline->setFocus();
        QTest::keyClick(timeline, Qt::Key_End);
        QCOMPARE(selection->currentIndex().row(), 0);
        QCOMPARE(window.currentVersion(), ids.at(1));
        QCOMPARE(summary->versionId(), ids.at(1));

        // A file's history: the versions where it changed are marked on the timeline while
        // the history is open, and no longer once it is closed.
        QSignalSpy historyOpened(&window, &MainWindow::historyOpened);
        HistoryPanel *panel = window.showHistory(QStringLiteral("/notes.txt"));
        QVERIFY(panel);
        QCOMPARE(historyOpened.count(), 1);
        QTRY_COMPARE(timeline->markedVersions(), (QSet<QString>{ids.at(0), ids.at(1)}));
        QCOMPARE(panel->model()->rowCount(), 2);
        panel->close(); // deleted on close
        QTRY_VERIFY(timeline->markedVersions().isEmpty());

        // File > File History…: a file chosen on disk opens its history.
        auto *fileHistory = window.findChild<QAction *>(QStringLiteral("fileHistory"));
        QVERIFY(fileHistory && fileHistory->isEnabled());
        fileHistory->trigger();
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<QFileDialog *>(QStringLiteral("fileHistoryDialog"))));
        Q_EMIT dialog->fileSelected(QStringLiteral("/notes.txt"));
        QCOMPARE(historyOpened.count(), 2);
        dialog->reject();
        auto *chosen = window.findChild<HistoryPanel *>();
        QVERIFY(chosen);
        QTRY_COMPARE(chosen->model()->rowCount(), 2);
        chosen->close();
    }

    void asksAgainAfterWrongPassword()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("repo"));
        QStringList ids;
        const QString problem = makeRepository(path, &ids);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        MainWindow window(*m_service);
        QList<PasswordRequest> requests;
        window.setPasswordPrompt([&](const PasswordRequest &request, auto answer) {
            requests.append(request);
            answer(PasswordAnswer{requests.size() == 1 ? QStringLiteral("wrong") : Password, false});
        });
        window.show();
        // No password given and no keychain on this bus: the window has to ask.
        window.openRepository(path);
        QTRY_COMPARE(window.snapshotModel()->rowCount(), 2);
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).mode, PasswordDialog::Mode::Open);
        QVERIFY(requests.at(0).problem.isEmpty());
        QVERIFY(!requests.at(0).keychainAvailable);
        QVERIFY(!requests.at(1).problem.isEmpty());
    }

    void firstStartCreatesRepository()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new/repository"));
        MainWindow window(*m_service);
        QList<PasswordRequest> requests;
        window.setPasswordPrompt([&](const PasswordRequest &request, auto answer) {
            requests.append(request);
            answer(PasswordAnswer{Password, false});
        });
        QSignalSpy opened(&window, &MainWindow::repositoryOpened);
        window.show();
        window.openRepository(path);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 30000);
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.at(0).mode, PasswordDialog::Mode::Create);
        QCOMPARE(window.snapshotModel()->rowCount(), 0);
        QVERIFY(window.repository());
        // What was created opens with the password through the public API.
        auto reopened = Repository::open(path, Password);
        QVERIFY2(reopened.ok(), reopened.ok() ? "" : qPrintable(reopened.error().message));
    }

    void cancelledFirstStartCreatesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("repository"));
        MainWindow window(*m_service);
        window.setPasswordPrompt([](const PasswordRequest &, auto answer) { answer(std::nullopt); });
        QSignalSpy failed(&window, &MainWindow::repositoryFailed);
        window.openRepository(path);
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY(!QFileInfo::exists(path));
        auto *problem = window.findChild<QLabel *>(QStringLiteral("problem"));
        QVERIFY(problem && !problem->text().isEmpty());
    }

    // Once the versions are listed, the window brings the repository's catalog up to date (the
    // status bar says how far it got), the timeline's versions say how many files they changed,
    // and the version browser answers from the catalog. A damaged catalog is rebuilt, and the
    // status bar says so.
    void catalogFillsTheTimelineAndTheBrowser()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("repo"));
        QStringList ids;
        const QString problem = makeRepository(path, &ids);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QString catalogFile;
        for (const bool damaged : {false, true}) {
            if (damaged) {
                for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")})
                    QFile::remove(catalogFile + suffix);
                QFile file(catalogFile);
                QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
                file.write(QByteArray(8192, 'G'));
            }
            MainWindow window(*m_service);
            window.setPasswordPrompt([](const PasswordRequest &, auto answer) { answer(std::nullopt); });
            QSignalSpy messages(window.statusBar(), &QStatusBar::messageChanged);
            window.show();
            window.openRepository(path, Password);
            SnapshotListModel *model = window.snapshotModel();
            QTRY_COMPARE(model->rowCount(), 2);
            const auto changed = [&](int row) {
                return model->index(row, 0).data(SnapshotListModel::ChangedFilesRole);
            };
            QTRY_VERIFY(changed(0).isValid());
            // notes.txt changed in the second version; the first holds that one file.
            QCOMPARE(changed(0).toLongLong(), qint64(1));
            QCOMPARE(changed(1).toLongLong(), qint64(1));
            // And the timeline's tooltip says so.
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto *timeline = window.findChild<TimelineWidget *>();
            const QRect marker = timeline->versionMarkerRect(ids.at(1));
            QVERIFY(!marker.isEmpty());
            QHelpEvent help(QEvent::ToolTip, marker.center(),
                            timeline->viewport()->mapToGlobal(marker.center()));
            QApplication::sendEvent(timeline->viewport(), &help);
            QTRY_VERIFY2(
                QToolTip::text().contains(QRegularExpression(QStringLiteral("<br>1 file(\\(s\\))? changed"))),
                qPrintable(QToolTip::text()));
            QToolTip::hideText();
            catalogFile = Catalog::defaultPath(window.repository()->config().id);
            QVERIFY(QFileInfo::exists(catalogFile));

            QStringList said;
            for (const QList<QVariant> &m : std::as_const(messages))
                said << m.at(0).toString();
            const QString all = said.join(QLatin1Char('\n'));
            if (!damaged) {
                QVERIFY2(all.contains(QStringLiteral("Indexing versions… 2 of 2")), qPrintable(all));
            } else {
                QVERIFY2(all.contains(QStringLiteral("Rebuilding the catalog… 2 of 2 versions")),
                         qPrintable(all));
                QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("rebuilt")),
                         qPrintable(window.statusBar()->currentMessage()));
            }
            // The progress is gone once the catalog is up to date.
            QVERIFY(!window.statusBar()->currentMessage().contains(QStringLiteral("Indexing")));

            // The version browser's next version is compared through the catalog.
            auto *browser = window.findChild<VersionBrowser *>(QStringLiteral("browser"));
            QVERIFY(browser);
            QItemSelectionModel *selection = window.versionSelection();
            selection->setCurrentIndex(model->index(1, 0), QItemSelectionModel::ClearAndSelect);
            selection->setCurrentIndex(model->index(0, 0), QItemSelectionModel::ClearAndSelect);
            // (The fixture's version names a source folder its tree lacks: no rows, but compared.)
            QTRY_VERIFY(!browser->treeModel()->isLoading());
            QVERIFY(browser->treeModel()->changesFromCatalog());
        }
    }

    void closingWhileOpeningIsSafe()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("repo"));
        QStringList ids;
        QVERIFY(makeRepository(path, &ids).isEmpty());
        auto *window = new MainWindow(*m_service);
        window->openRepository(path, Password);
        delete window; // the worker's answer must find nobody, not a dead window
        QTest::qWait(0);
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
    }

    void defaultRepositoryPath()
    {
        const QString path = MainWindow::defaultRepositoryPath();
        QVERIFY(path.endsWith(QLatin1String("/repository")));
        QVERIFY(path.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    }

    void translationsAreEmbedded()
    {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/strata_pt_BR.qm")));
        QCOMPARE(translator.translate("strata::MainWindow", "About Strata"),
                 QStringLiteral("Sobre o Strata"));
        QCOMPARE(translator.translate("strata::SnapshotListModel", "Full"), QStringLiteral("Completa"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
