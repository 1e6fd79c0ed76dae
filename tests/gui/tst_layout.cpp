// The main window's layout holds still (issue #13): choosing another version, or another file,
// does not move the file list sideways or change the summary pane's width, whatever the version
// holds (long source paths without a space, several sources, millions of files, warnings, tags,
// times of different lengths); and the summary shows a path elided, never broken, with the whole
// path in its tooltip. The real MainWindow over a real repository (VersionFixture's and more).
#include "MainWindow.h"
#include "models/SnapshotListModel.h"
#include "models/TimeText.h"
#include "models/VersionTreeModel.h"
#include "profiles/RunLog.h"
#include "profiles/SetStore.h"
#include "service/BackupService.h"
#include "VersionBrowser.h"
#include "VersionFixture.h"
#include "VersionSummary.h"

#include <QItemSelectionModel>
#include <QLabel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

using namespace strata;
using namespace strata::test;

namespace {

// A folder name of 60 characters and no space, three times over.
const QString LongName = QStringLiteral("an-uncommonly-long-folder-name-without-a-single-space-in-it");

} // namespace

class TestLayout final : public QObject
{
    Q_OBJECT

    std::unique_ptr<VersionFixture> m_fx;
    QString m_longSource;
    QStringList m_ids; // every version, in the order they are visited

    QString backUp(const QStringList &paths, Snapshot *out)
    {
        BackupParams params;
        params.repo = m_fx->repo;
        params.paths = paths;
        params.kind = BackupKind::Full;
        params.set = QStringLiteral("home");
        params.threads = 2;
        BackupJob job(params);
        job.runHere();
        if (!job.result().status.ok())
            return job.result().status.error().message;
        *out = job.result().snapshot;
        return {};
    }

    static bool put(const QString &file, const QByteArray &content)
    {
        return QDir().mkpath(QFileInfo(file).path()) && writeFile(QFile::encodeName(file), content);
    }

    // Where a widget is in the window.
    static QRect inWindow(const QWidget *widget)
    {
        return QRect(widget->mapTo(widget->window(), QPoint(0, 0)), widget->size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_fx = std::make_unique<VersionFixture>();
        const QString problem = m_fx->build();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        // A source deep under folders with long names and no space to break at, beside a
        // second source of 300 files.
        m_longSource = m_fx->path(LongName + QLatin1Char('/') + LongName + QLatin1Char('/') + LongName);
        QVERIFY(put(m_longSource + QStringLiteral("/report.txt"), "long"));
        const QString many = m_fx->path(QStringLiteral("many"));
        for (int i = 0; i < 300; ++i)
            QVERIFY(put(many + QStringLiteral("/file-%1.txt").arg(i), QByteArray::number(i)));
        Snapshot wide;
        QString e = backUp({m_longSource, many}, &wide);
        QVERIFY2(e.isEmpty(), qPrintable(e));

        // v2 again under another name, with a time of another length, a long host, tags,
        // warnings and counts in the millions. Same tree and paths, so the browser shows it.
        Snapshot big = m_fx->v2;
        big.id.clear();
        big.time = QDateTime(QDate(2024, 12, 31), QTime(23, 59, 59));
        big.host = QStringLiteral("a-rather-long-host-name.backup-servers.internal.example.org");
        big.user = QStringLiteral("somebody-with-a-long-login-name");
        big.tags = {QStringLiteral("before-the-upgrade"), QStringLiteral("monthly"),
                    QStringLiteral("keep-this-one-forever-please")};
        big.stats.files = 1234567;
        big.stats.filesNew = 12345;
        big.stats.filesChanged = 22222;
        big.stats.filesUnmodified = 1200000;
        big.stats.bytes = 987654321098;
        big.stats.bytesAdded = 123456789012;
        big.stats.durationMs = 5 * 3600 * 1000 + 59 * 60 * 1000;
        big.stats.warnings = 1234;
        QVERIFY(m_fx->repo->saveSnapshot(big).ok());
        // And one with almost nothing to say.
        Snapshot small = m_fx->other;
        small.id.clear();
        small.time = QDateTime(QDate(2024, 1, 1), QTime(1, 0));
        small.host = QStringLiteral("x");
        small.user = QStringLiteral("y");
        small.stats = {};
        QVERIFY(m_fx->repo->saveSnapshot(small).ok());

        // Long and short, back and forth, so a pane that followed its content would move.
        m_ids = {m_fx->v1.id, wide.id, small.id, big.id, m_fx->other.id, wide.id, m_fx->v2.id, small.id};
    }

    void cleanupTestCase() { m_fx.reset(); }

    void fileListStaysPut_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1280x800") << QSize(1280, 800);
        QTest::newRow("1440x900") << QSize(1440, 900);
    }

    void fileListStaysPut()
    {
        QFETCH(QSize, size);
        QTemporaryDir home;
        SetStore store(home.filePath(QStringLiteral("sets.json")));
        QVERIFY(store.load().ok());
        RunLog log(home.filePath(QStringLiteral("runs.jsonl")));
        BackupService service(store, log);
        MainWindow window(service);
        window.setPasswordPrompt([](const PasswordRequest &, auto answer) { answer(std::nullopt); });
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openRepository(m_fx->path(QStringLiteral("repo")), QStringLiteral("pw"));
        QTRY_COMPARE_WITH_TIMEOUT(window.snapshotModel()->rowCount(), 6, 20000);

        auto *summary = window.findChild<VersionSummary *>(QStringLiteral("summary"));
        auto *browser = window.findChild<VersionBrowser *>(QStringLiteral("browser"));
        QVERIFY(summary && browser);
        QTreeView *files = browser->treeView();
        SnapshotListModel *model = window.snapshotModel();
        const auto rowOf = [&](const QString &id) {
            for (int row = 0; row < model->rowCount(); ++row) {
                if (model->data(model->index(row, 0), SnapshotListModel::SnapshotIdRole).toString() == id)
                    return row;
            }
            return -1;
        };
        // A version shown, its folders read and the layout settled.
        const auto show = [&](const QString &id) {
            const int row = rowOf(id);
            if (row < 0)
                return false;
            window.versionSelection()->setCurrentIndex(
                model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            const bool shown = QTest::qWaitFor([&] {
                return summary->versionId() == id && browser->treeModel()->rowCount() > 0 &&
                       !browser->treeModel()->isLoading();
            });
            QCoreApplication::sendPostedEvents(); // the layout requests the new texts made
            QCoreApplication::processEvents();
            return shown;
        };

        QVERIFY(show(m_ids.first()));
        const QRect list = inWindow(files);
        const int summaryWidth = summary->width();
        QVERIFY2(list.width() > size.width() / 3, qPrintable(QString::number(list.width())));
        // Wide enough for the summary to read well, from the font alone.
        QVERIFY(summaryWidth >= 30 * summary->fontMetrics().averageCharWidth());

        for (const QString &id : std::as_const(m_ids)) {
            QVERIFY2(show(id), qPrintable(id));
            QCOMPARE(summary->versionId(), id);
            QCOMPARE(inWindow(files).x(), list.x());
            QCOMPARE(inWindow(files).width(), list.width());
            QCOMPARE(inWindow(files), list);
            QCOMPARE(summary->width(), summaryWidth);

            // A few files, one after the other: the list stays where it is.
            const QModelIndex top = files->model()->index(0, 0);
            files->expand(top);
            QTRY_VERIFY(!browser->treeModel()->isLoading());
            const int children = files->model()->rowCount(top);
            for (int row = 0; row < std::min(children, 3); ++row) {
                files->setCurrentIndex(files->model()->index(row, 0, top));
                QCoreApplication::processEvents();
                QCOMPARE(inWindow(files), list);
                QCOMPARE(summary->width(), summaryWidth);
            }
        }
    }

    // What the summary shows of the longest version: one line for the time, the files in two
    // lines, each source on a line of its own, elided in the middle, the whole in the tooltip.
    void summaryElidesPaths()
    {
        QTemporaryDir home;
        SetStore store(home.filePath(QStringLiteral("sets.json")));
        QVERIFY(store.load().ok());
        RunLog log(home.filePath(QStringLiteral("runs.jsonl")));
        BackupService service(store, log);
        MainWindow window(service);
        window.setPasswordPrompt([](const PasswordRequest &, auto answer) { answer(std::nullopt); });
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openRepository(m_fx->path(QStringLiteral("repo")), QStringLiteral("pw"));
        QTRY_COMPARE_WITH_TIMEOUT(window.snapshotModel()->rowCount(), 6, 20000);
        auto *summary = window.findChild<VersionSummary *>(QStringLiteral("summary"));
        QVERIFY(summary);

        const QString wide = m_ids.at(1);
        SnapshotListModel *model = window.snapshotModel();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->data(model->index(row, 0), SnapshotListModel::SnapshotIdRole).toString() == wide)
                window.versionSelection()->setCurrentIndex(
                    model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        }
        QCOMPARE(summary->versionId(), wide);
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();

        auto *paths = summary->findChild<QLabel *>(QStringLiteral("paths"));
        QVERIFY(paths);
        const QStringList lines = paths->text().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2); // one line a source, however long
        // Elided in the middle: the start and the end of the path kept, around a "…".
        const QStringList halves = lines.at(0).split(QChar(0x2026));
        QCOMPARE(halves.size(), 2);
        QVERIFY2(m_longSource.startsWith(halves.at(0)) && m_longSource.endsWith(halves.at(1)),
                 qPrintable(lines.at(0)));
        QVERIFY2(halves.at(1).size() > 8, qPrintable(lines.at(0)));
        QVERIFY2(lines.at(1).endsWith(QStringLiteral("/many")), qPrintable(lines.at(1)));
        for (const QString &line : lines)
            QVERIFY2(paths->fontMetrics().horizontalAdvance(line) <= paths->contentsRect().width(),
                     qPrintable(line));
        QVERIFY(paths->toolTip().contains(m_longSource));

        auto *time = summary->findChild<QLabel *>(QStringLiteral("time"));
        QVERIFY(time);
        QVERIFY(!time->text().isEmpty());
        QVERIFY2(time->fontMetrics().horizontalAdvance(time->text()) <= time->contentsRect().width(),
                 qPrintable(time->text()));

        auto *files = summary->findChild<QLabel *>(QStringLiteral("files"));
        QVERIFY(files);
        const QStringList fileLines = files->text().split(QLatin1Char('\n'));
        QCOMPARE(fileLines.size(), 2);
        QVERIFY2(fileLines.at(0).startsWith(QStringLiteral("301 file")), qPrintable(files->text()));
        QVERIFY2(fileLines.at(1).contains(QStringLiteral("301\u00a0new")), qPrintable(files->text()));
    }
};

QTEST_MAIN(TestLayout)
#include "tst_layout.moc"
