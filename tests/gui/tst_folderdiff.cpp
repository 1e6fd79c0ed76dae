// The folder diff on the offscreen platform, over a real repository: its model (checked by
// QAbstractItemModelTester) against diffSnapshots for the same pair, from the catalog and from
// the repository; the filters and their counts; a changed, an added and a removed file opened
// in the diff viewer with the right sides; and two versions selected on the timeline (Ctrl+click,
// Shift+click, Shift+arrows) enabling Repository > Compare Versions… in the window.
#include "DiffViewer.h"
#include "FolderDiffWindow.h"
#include "MainWindow.h"
#include "models/FolderDiffModel.h"
#include "models/SnapshotListModel.h"
#include "profiles/RunLog.h"
#include "profiles/SetStore.h"
#include "service/BackupService.h"
#include "TimelineWidget.h"
#include "VersionFixture.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QTreeView>
#include <QtTest>

#include <functional>

using namespace strata;
using namespace strata::test;

namespace {

// Every row of the model, depth first.
void eachRow(const QAbstractItemModel &model, const std::function<void(const QModelIndex &)> &each,
             const QModelIndex &parent = {})
{
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex i = model.index(r, 0, parent);
        each(i);
        eachRow(model, each, i);
    }
}

FolderDiffModel::Kind kindAt(const QModelIndex &i)
{
    return FolderDiffModel::Kind(i.data(FolderDiffModel::KindRole).toInt());
}

} // namespace

class TestFolderDiff final : public QObject
{
    Q_OBJECT

    std::unique_ptr<VersionFixture> m_fx;
    QTemporaryDir m_cache;
    Snapshot m_v3; // after v2: a.txt gone, docs/readme.md read-only, newdir/ with two files

    QString catalogPath() const { return m_cache.filePath(QStringLiteral("catalog.sqlite")); }
    QByteArray file(const char *rel) const { return QFile::encodeName(m_fx->src) + '/' + rel; }

    static const FileDiff *waitForResult(DiffViewer *viewer)
    {
        if (!QTest::qWaitFor([&] { return viewer->result() != nullptr; }, 10000))
            qWarning("the diff viewer did not finish");
        return viewer->result();
    }

    // The entries diffSnapshots gives for a pair, by path, and its summary.
    static DiffSummary engineDiff(Repository &repo, const Snapshot &a, const Snapshot &b,
                                  QHash<QByteArray, DiffEntry> *entries)
    {
        auto summary = diffSnapshots(
            repo, a, b, [&](const DiffEntry &e) { entries->insert(QFile::encodeName(e.path), e); });
        if (!summary)
            qWarning() << "diffSnapshots failed:" << summary.error().message;
        return summary ? *summary : DiffSummary{};
    }

    std::unique_ptr<FolderDiffWindow> openWindow(const Snapshot &a, const Snapshot &b)
    {
        auto window = std::make_unique<FolderDiffWindow>(m_fx->repo, a, b, nullptr, catalogPath());
        QSignalSpy loaded(window->model(), &FolderDiffModel::loaded);
        window->show();
        if (!loaded.wait(20000))
            qWarning("the folder diff did not load");
        return window;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_cache.isValid());
        m_fx = std::make_unique<VersionFixture>();
        const QString problem = m_fx->build();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        // v3: one file removed, one whose permissions alone change, a new folder of files.
        QVERIFY(QFile::remove(m_fx->src + QStringLiteral("/a.txt")));
        QVERIFY(QFile::setPermissions(m_fx->src + QStringLiteral("/docs/readme.md"),
                                      QFile::ReadOwner | QFile::ReadGroup));
        QVERIFY(QDir().mkpath(m_fx->src + QStringLiteral("/newdir")));
        QVERIFY(writeFile(file("newdir/n1.txt"), "one"));
        QVERIFY(writeFile(file("newdir/n2.txt"), "two!"));
        BackupParams params;
        params.repo = m_fx->repo;
        params.paths = {m_fx->src};
        params.kind = BackupKind::Incremental;
        params.set = QStringLiteral("home");
        params.threads = 2;
        BackupJob job(params);
        job.runHere();
        const Status &status = job.result().status;
        QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().message));
        m_v3 = job.result().snapshot;
    }

    void cleanupTestCase() { m_fx.reset(); }

    void modelMatchesTheEngine_data()
    {
        QTest::addColumn<bool>("useCatalog");
        QTest::newRow("catalog") << true;
        QTest::newRow("repository") << false;
    }

    void modelMatchesTheEngine()
    {
        QFETCH(bool, useCatalog);
        FolderDiffModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &FolderDiffModel::loaded);
        QSignalSpy failed(&model, &FolderDiffModel::failed);
        model.load(m_fx->repo, m_fx->v1, m_v3, catalogPath(), useCatalog);
        QVERIFY(model.isLoading());
        QVERIFY(loaded.wait(20000));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(model.fromCatalog(), useCatalog);

        QHash<QByteArray, DiffEntry> expected;
        const DiffSummary s = engineDiff(*m_fx->repo, m_fx->v1, m_v3, &expected);
        QCOMPARE(model.count(FolderDiffModel::Added), s.added);
        QCOMPARE(model.count(FolderDiffModel::Removed), s.removed);
        QCOMPARE(model.count(FolderDiffModel::Changed), s.modified + s.metadata);
        QCOMPARE(model.summary().bytesAdded, s.bytesAdded);
        // new.txt, newdir and its two files; a.txt; b.txt, x.txt and readme.md.
        QCOMPARE(s.added, 4);
        QCOMPARE(s.removed, 1);
        QCOMPARE(s.modified + s.metadata, 3);

        // Every entry of the engine's is a row of the same kind, and every row with a change
        // is one of the engine's entries.
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            const QModelIndex i = model.indexOf(it.key());
            QVERIFY2(i.isValid(), it.key().constData());
            QCOMPARE(i.data(FolderDiffModel::PathRole).toByteArray(), it.key());
            QCOMPARE(i.data(FolderDiffModel::ChangeKindRole).toInt(), int(it->change));
        }
        int changedRows = 0;
        eachRow(model, [&](const QModelIndex &i) {
            if (kindAt(i) != FolderDiffModel::Unchanged) {
                ++changedRows;
                QVERIFY(expected.contains(i.data(FolderDiffModel::PathRole).toByteArray()));
            }
        });
        QCOMPARE(changedRows, expected.size());

        // The unchanged folders down to the source read as one row; so do changed/ and sub/.
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex top = model.index(0, 0);
        QCOMPARE(top.data().toString(), QFile::decodeName(QFile::encodeName(m_fx->src)));
        QCOMPARE(kindAt(top), FolderDiffModel::Unchanged);
        const QModelIndex changedSub = model.indexOf(file("changed"));
        QCOMPARE(changedSub, model.indexOf(file("changed/sub")));
        QCOMPARE(changedSub.data().toString(), QStringLiteral("changed/sub"));
        QCOMPARE(changedSub.parent(), top);

        // What each row says.
        const auto row = [&](const char *rel, int column) {
            return model.indexOf(file(rel)).siblingAtColumn(column).data().toString();
        };
        QCOMPARE(row("a.txt", FolderDiffModel::ChangeColumn), QStringLiteral("Removed"));
        QCOMPARE(row("a.txt", FolderDiffModel::SizeBeforeColumn), QLocale().formattedDataSize(5));
        QCOMPARE(row("a.txt", FolderDiffModel::SizeAfterColumn), QString());
        QCOMPARE(row("new.txt", FolderDiffModel::ChangeColumn), QStringLiteral("Added"));
        QCOMPARE(row("new.txt", FolderDiffModel::SizeBeforeColumn), QString());
        QVERIFY(row("b.txt", FolderDiffModel::ChangeColumn).startsWith(QStringLiteral("Changed: content")));
        QCOMPARE(row("b.txt", FolderDiffModel::SizeAfterColumn), QLocale().formattedDataSize(20));
        QVERIFY2(row("docs/readme.md", FolderDiffModel::ChangeColumn).contains(QStringLiteral("permissions")),
                 qPrintable(row("docs/readme.md", FolderDiffModel::ChangeColumn)));
        QVERIFY(!row("docs/readme.md", FolderDiffModel::ChangeColumn).contains(QStringLiteral("content")));
        const QModelIndex newdir = model.indexOf(file("newdir"));
        QCOMPARE(kindAt(newdir), FolderDiffModel::Added);
        QCOMPARE(model.rowCount(newdir), 2);
        QVERIFY(!newdir.data(FolderDiffModel::ComparableRole).toBool()); // a folder
        QVERIFY(model.indexOf(file("newdir/n2.txt")).data(FolderDiffModel::ComparableRole).toBool());
        // Nothing that did not change: a.txt's neighbour docs/ holds only readme.md here.
        QVERIFY(!model.indexOf(file("deep")).isValid());
        QCOMPARE(model.rowCount(model.indexOf(file("docs"))), 1);
    }

    void filtersShowTheirKinds()
    {
        FolderDiffModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &FolderDiffModel::loaded);
        model.load(m_fx->repo, m_fx->v1, m_v3, catalogPath());
        QVERIFY(loaded.wait(20000));
        const qint64 added = model.count(FolderDiffModel::Added);
        const qint64 removed = model.count(FolderDiffModel::Removed);
        const qint64 changed = model.count(FolderDiffModel::Changed);

        // Rows of each kind the view shows now.
        const auto shown = [&] {
            QHash<int, int> kinds;
            eachRow(model, [&](const QModelIndex &i) { kinds[kindAt(i)]++; });
            return kinds;
        };
        QHash<int, int> all = shown();
        QCOMPARE(all.value(FolderDiffModel::Added), added);
        QCOMPARE(all.value(FolderDiffModel::Removed), removed);
        QCOMPARE(all.value(FolderDiffModel::Changed), changed);

        model.setFilter(FolderDiffModel::ShowAdded);
        QHash<int, int> only = shown();
        QCOMPARE(only.value(FolderDiffModel::Added), added);
        QCOMPARE(only.value(FolderDiffModel::Removed), 0);
        QCOMPARE(only.value(FolderDiffModel::Changed), 0);
        QVERIFY(!model.indexOf(file("a.txt")).isValid());
        QVERIFY(!model.indexOf(file("docs")).isValid()); // nothing added below it
        QVERIFY(model.indexOf(file("newdir/n1.txt")).isValid());
        // The counts are the whole diff's, whatever is shown.
        QCOMPARE(model.count(FolderDiffModel::Removed), removed);

        model.setFilter(FolderDiffModel::ShowRemoved | FolderDiffModel::ShowChanged);
        only = shown();
        QCOMPARE(only.value(FolderDiffModel::Added), 0);
        QCOMPARE(only.value(FolderDiffModel::Removed), removed);
        QCOMPARE(only.value(FolderDiffModel::Changed), changed);
        QVERIFY(model.indexOf(file("a.txt")).isValid());
        QVERIFY(!model.indexOf(file("new.txt")).isValid());

        model.setFilter({});
        QCOMPARE(model.rowCount(), 0);
        model.setFilter(FolderDiffModel::ShowAll);
        QCOMPARE(shown(), all);
    }

    void windowFiltersAndCounts()
    {
        auto window = openWindow(m_fx->v1, m_v3);
        FolderDiffModel *model = window->model();
        QVERIFY(model->isLoaded());
        auto *added = window->findChild<QPushButton *>(QStringLiteral("showAdded"));
        auto *removed = window->findChild<QPushButton *>(QStringLiteral("showRemoved"));
        auto *changed = window->findChild<QPushButton *>(QStringLiteral("showChanged"));
        QVERIFY(added && removed && changed);
        QCOMPARE(added->text(), QStringLiteral("&Added (4)"));
        QCOMPARE(removed->text(), QStringLiteral("&Removed (1)"));
        QCOMPARE(changed->text(), QStringLiteral("C&hanged (3)"));
        QVERIFY(window->windowTitle().startsWith(QStringLiteral("Changes from ")));
        const QString summary = window->findChild<QLabel *>(QStringLiteral("summary"))->text();
        QVERIFY2(summary.contains(QStringLiteral("4 added")) &&
                     summary.contains(QStringLiteral("1 removed")) &&
                     summary.contains(QStringLiteral("3 changed")),
                 qPrintable(summary));
        // The tree is open and on its first row, for the keyboard.
        QVERIFY(window->view()->isExpanded(model->indexOf(file("newdir"))));
        QVERIFY(window->view()->currentIndex().isValid());

        // The buttons' mnemonics toggle the filters.
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        QTest::keyClick(window.get(), Qt::Key_A, Qt::AltModifier);
        QTRY_VERIFY(!added->isChecked()); // a mnemonic clicks with an animation
        QCOMPARE(model->filter(), FolderDiffModel::ShowRemoved | FolderDiffModel::ShowChanged);
        QVERIFY(!model->indexOf(file("new.txt")).isValid());
        QTest::keyClick(window.get(), Qt::Key_H, Qt::AltModifier);
        QTRY_COMPARE(model->filter(), FolderDiffModel::KindFlags(FolderDiffModel::ShowRemoved));
        QVERIFY(!model->indexOf(file("b.txt")).isValid());
        QVERIFY(model->indexOf(file("a.txt")).isValid());
        // The counts stay those of the whole diff.
        QCOMPARE(added->text(), QStringLiteral("&Added (4)"));
        added->click();
        changed->click();
        QCOMPARE(model->filter(), FolderDiffModel::KindFlags(FolderDiffModel::ShowAll));
    }

    void opensTheFileDiff()
    {
        auto window = openWindow(m_fx->v1, m_v3);
        QSignalSpy opened(window.get(), &FolderDiffWindow::diffOpened);
        QTreeView *view = window->view();
        FolderDiffModel *model = window->model();
        auto *compare = window->findChild<QPushButton *>(QStringLiteral("compare"));
        QVERIFY(compare);

        // A folder is not a file to compare: nothing opens.
        view->setCurrentIndex(model->indexOf(file("newdir")));
        QVERIFY(!compare->isEnabled());
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(opened.count(), 0);

        // Changed: Enter, both versions.
        view->setCurrentIndex(model->indexOf(file("b.txt")));
        QVERIFY(compare->isEnabled());
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(opened.count(), 1);
        const FileDiff *changed = waitForResult(opened.at(0).at(0).value<DiffViewer *>());
        QVERIFY(changed && changed->text);
        QCOMPARE(changed->a.bytes, QByteArray("beta"));
        QCOMPARE(changed->b.bytes, QByteArray("beta, second edition"));

        // Added: Compare, nothing before it.
        view->setCurrentIndex(model->indexOf(file("newdir/n2.txt")));
        QTest::mouseClick(compare, Qt::LeftButton);
        QCOMPARE(opened.count(), 2);
        const FileDiff *added = waitForResult(opened.at(1).at(0).value<DiffViewer *>());
        QVERIFY(added);
        QVERIFY(!added->a.exists);
        QVERIFY(added->b.exists);
        QCOMPARE(added->b.bytes, QByteArray("two!"));

        // Removed: a double click, nothing after it.
        const QModelIndex gone = model->indexOf(file("a.txt"));
        view->scrollTo(gone);
        const QPoint at = view->visualRect(gone).center();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(opened.count(), 3);
        const FileDiff *removed = waitForResult(opened.at(2).at(0).value<DiffViewer *>());
        QVERIFY(removed);
        QVERIFY(removed->a.exists);
        QCOMPARE(removed->a.bytes, QByteArray("alpha"));
        QVERIFY(!removed->b.exists);

        // Permissions alone: the same bytes on both sides.
        view->setCurrentIndex(model->indexOf(file("docs/readme.md")));
        window->compare();
        QCOMPARE(opened.count(), 4);
        const FileDiff *mode = waitForResult(opened.at(3).at(0).value<DiffViewer *>());
        QVERIFY(mode && mode->identical());
    }

    void nothingChanged()
    {
        auto window = openWindow(m_fx->v1, m_fx->v1);
        QCOMPARE(window->model()->rowCount(), 0);
        QCOMPARE(window->model()->count(FolderDiffModel::Added), 0);
        QVERIFY(window->findChild<QLabel *>(QStringLiteral("summary"))
                    ->text()
                    .startsWith(QStringLiteral("Nothing")));
    }

    void closingWhileLoadingIsSafe()
    {
        {
            FolderDiffModel model;
            model.load(m_fx->repo, m_fx->v1, m_v3, catalogPath());
        } // cancelled; its answer must never arrive at the dead model
        QTest::qWait(300);
        // And a second load replaces the first: only its answer counts.
        FolderDiffModel model;
        QSignalSpy loaded(&model, &FolderDiffModel::loaded);
        model.load(m_fx->repo, m_fx->v1, m_v3, catalogPath());
        model.load(m_fx->repo, m_fx->v2, m_v3, catalogPath());
        QVERIFY(loaded.wait(20000));
        QTest::qWait(200);
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(model.versionA().id, m_fx->v2.id);
        QCOMPARE(model.count(FolderDiffModel::Added), 3); // newdir and its files; new.txt was in v2
    }

    // Ctrl+click and Shift+click on a timeline of its own: versions a day apart, so each has
    // its own marker.
    void timelineSelectsTwoWithTheMouse()
    {
        SnapshotListModel model;
        QList<Snapshot> versions;
        for (int i = 0; i < 4; ++i) {
            Snapshot s;
            s.id = QStringLiteral("%1").arg(i, 64, 16, QLatin1Char('0'));
            s.time = QDateTime(QDate(2024, 6, 1 + i), QTime(12, 0), Qt::UTC);
            s.set = QStringLiteral("home");
            versions << s;
        }
        model.setSnapshots(versions);
        QItemSelectionModel selection(&model);
        TimelineWidget timeline;
        timeline.setModel(&model);
        timeline.setSelectionModel(&selection);
        timeline.resize(900, timeline.sizeHint().height());
        timeline.show();
        timeline.setZoom(TimelineWidget::Zoom::Days);
        timeline.fitAll();
        const auto id = [&](int i) { return versions[i].id; };
        const auto click = [&](int i, Qt::KeyboardModifiers modifiers) {
            const QRect r = timeline.versionMarkerRect(id(i));
            QVERIFY2(!r.isEmpty(), "the marker is not in view");
            QTest::mouseClick(timeline.viewport(), Qt::LeftButton, modifiers, r.center());
        };

        click(1, {});
        QCOMPARE(timeline.selectedVersions(), QStringList{id(1)});
        // Ctrl+click: a second one, current now; the first stays selected.
        click(3, Qt::ControlModifier);
        QCOMPARE(timeline.selectedVersions(), (QStringList{id(1), id(3)}));
        QCOMPARE(timeline.currentVersion(), id(3));
        QCOMPARE(selection.selectedRows().size(), 2);
        // Ctrl+click on another: the current one and it.
        click(0, Qt::ControlModifier);
        QCOMPARE(timeline.selectedVersions(), (QStringList{id(0), id(3)}));
        // Ctrl+click on the one not current: dropped.
        click(3, Qt::ControlModifier);
        QCOMPARE(timeline.selectedVersions(), QStringList{id(0)});
        QCOMPARE(timeline.currentVersion(), id(0));
        // Shift+click: the other end moves, the first stays.
        click(2, Qt::ShiftModifier);
        QCOMPARE(timeline.selectedVersions(), (QStringList{id(0), id(2)}));
        click(1, Qt::ShiftModifier);
        QCOMPARE(timeline.selectedVersions(), (QStringList{id(0), id(1)}));
        QCOMPARE(timeline.currentVersion(), id(1));
        // A plain click: one again.
        click(2, {});
        QCOMPARE(timeline.selectedVersions(), QStringList{id(2)});
        // And a plain click on the current one of a pair leaves it alone.
        click(3, Qt::ControlModifier);
        click(3, {});
        QCOMPARE(timeline.selectedVersions(), QStringList{id(3)});
    }

    // The window: Shift+Left on the timeline selects two, which enables Compare Versions…;
    // it opens the folder diff of the older against the newer.
    void windowComparesTwoSelectedVersions()
    {
        QTemporaryDir home;
        SetStore store(home.filePath(QStringLiteral("sets.json")));
        QVERIFY(store.load().ok());
        RunLog log(home.filePath(QStringLiteral("runs.jsonl")));
        BackupService service(store, log);
        MainWindow window(service);
        window.setPasswordPrompt([](const PasswordRequest &, auto answer) { answer(std::nullopt); });
        window.show();
        window.openRepository(m_fx->path(QStringLiteral("repo")), QStringLiteral("pw"));
        QTRY_COMPARE_WITH_TIMEOUT(window.snapshotModel()->rowCount(), 4, 20000);

        auto *timeline = window.findChild<TimelineWidget *>();
        auto *action = window.findChild<QAction *>(QStringLiteral("compareVersions"));
        QVERIFY(timeline && action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
        QVERIFY(!action->isEnabled()); // one version selected

        // The newest (v3), then Shift+Left twice: the other set's version, then v2, with v3
        // still selected. The window shows the current one.
        timeline->setFocus();
        QTest::keyClick(timeline, Qt::Key_End);
        QCOMPARE(window.currentVersion(), m_v3.id);
        QTest::keyClick(timeline, Qt::Key_Left, Qt::ShiftModifier);
        QCOMPARE(timeline->selectedVersions(), (QStringList{m_fx->other.id, m_v3.id}));
        QVERIFY(action->isEnabled());
        QTest::keyClick(timeline, Qt::Key_Left, Qt::ShiftModifier);
        QCOMPARE(timeline->selectedVersions(), (QStringList{m_fx->v2.id, m_v3.id}));
        QCOMPARE(window.currentVersion(), m_fx->v2.id);
        QCOMPARE(window.versionSelection()->selectedRows().size(), 2);
        QVERIFY(action->isEnabled());

        // A plain arrow: one version again.
        QTest::keyClick(timeline, Qt::Key_Right);
        QVERIFY(!action->isEnabled());
        QTest::keyClick(timeline, Qt::Key_Right);
        QTest::keyClick(timeline, Qt::Key_Left, Qt::ShiftModifier);
        QTest::keyClick(timeline, Qt::Key_Left, Qt::ShiftModifier);
        QCOMPARE(timeline->selectedVersions(), (QStringList{m_fx->v2.id, m_v3.id}));

        QSignalSpy opened(&window, &MainWindow::folderDiffOpened);
        action->trigger();
        QCOMPARE(opened.count(), 1);
        auto *diff = opened.at(0).at(0).value<FolderDiffWindow *>();
        QVERIFY(diff);
        QCOMPARE(diff->model()->versionA().id, m_fx->v2.id); // the older first
        QCOMPARE(diff->model()->versionB().id, m_v3.id);
        QTRY_VERIFY_WITH_TIMEOUT(diff->model()->isLoaded(), 20000);
        QHash<QByteArray, DiffEntry> expected;
        const DiffSummary s = engineDiff(*m_fx->repo, m_fx->v2, m_v3, &expected);
        QCOMPARE(diff->model()->count(FolderDiffModel::Added), s.added);
        QCOMPARE(diff->model()->count(FolderDiffModel::Removed), s.removed);
        QCOMPARE(diff->model()->count(FolderDiffModel::Changed), s.modified + s.metadata);
        QVERIFY(diff->model()->indexOf(file("a.txt")).isValid());
        diff->close(); // deleted on close
        QTRY_VERIFY(!window.findChild<FolderDiffWindow *>());
    }
};

QTEST_MAIN(TestFolderDiff)
#include "tst_folderdiff.moc"
