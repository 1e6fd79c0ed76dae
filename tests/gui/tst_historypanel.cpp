// The history panel and its model on the offscreen platform, over a real repository and its
// catalog: every version of a file with what changed, "only where it changed", comparing two
// versions (or one with the version before it, or with the disk), restoring one, and the
// changed versions handed on for the timeline's marks.
#include "DiffViewer.h"
#include "HistoryPanel.h"
#include "models/FileHistoryModel.h"
#include "VersionFixture.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QtTest>

using namespace strata;
using namespace strata::test;

class TestHistoryPanel final : public QObject
{
    Q_OBJECT

    std::unique_ptr<VersionFixture> m_fx;
    QTemporaryDir m_cache;

    QString catalogPath() const { return m_cache.filePath(QStringLiteral("catalog.sqlite")); }
    QByteArray file(const char *rel) const { return QFile::encodeName(m_fx->src) + '/' + rel; }
    std::unique_ptr<HistoryPanel> open(const char *rel)
    {
        auto panel =
            std::make_unique<HistoryPanel>(m_fx->repo, QList<Snapshot>{m_fx->v1, m_fx->v2, m_fx->other},
                                           file(rel), QStringLiteral("home"), nullptr, catalogPath());
        QSignalSpy loaded(panel->model(), &FileHistoryModel::loaded);
        panel->show();
        if (!loaded.wait(20000))
            qWarning("the history did not load");
        return panel;
    }
    static QPushButton *button(QWidget &w, const char *name)
    {
        return w.findChild<QPushButton *>(QLatin1String(name));
    }
    static const FileDiff *waitForResult(DiffViewer *viewer)
    {
        QTest::qWaitFor([&] { return viewer->result() != nullptr; }, 10000);
        return viewer->result();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_cache.isValid());
        m_fx = std::make_unique<VersionFixture>();
        const QString problem = m_fx->build();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void cleanupTestCase() { m_fx.reset(); }

    void everyVersionWithWhatChanged()
    {
        auto panel = open("b.txt");
        FileHistoryModel *model = panel->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 2); // the set "home" only: not the other set's version
        // Newest first: v2 changed its content and size, v1 is where it appeared.
        QCOMPARE(model->index(0, 0).data(FileHistoryModel::VersionIdRole).toString(), m_fx->v2.id);
        QVERIFY(model->index(0, FileHistoryModel::ChangeColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("content")));
        QCOMPARE(model->index(1, 0).data(FileHistoryModel::VersionIdRole).toString(), m_fx->v1.id);
        QCOMPARE(model->index(1, FileHistoryModel::ChangeColumn).data().toString(),
                 QStringLiteral("appeared"));
        QCOMPARE(model->changedVersions(), (QSet<QString>{m_fx->v1.id, m_fx->v2.id}));

        // a.txt did not change in v2: "only where it changed" leaves v1.
        auto unchanged = open("a.txt");
        QCOMPARE(unchanged->model()->rowCount(), 2);
        QVERIFY(!unchanged->model()->index(0, 0).data(FileHistoryModel::ChangedRole).toBool());
        unchanged->findChild<QCheckBox *>(QStringLiteral("onlyChanged"))->setChecked(true);
        QCOMPARE(unchanged->model()->rowCount(), 1);
        QCOMPARE(unchanged->model()->index(0, 0).data(FileHistoryModel::VersionIdRole).toString(),
                 m_fx->v1.id);
    }

    void comparesAndRestores()
    {
        auto panel = open("b.txt");
        QSignalSpy opened(panel.get(), &HistoryPanel::diffOpened);
        QSignalSpy restore(panel.get(), &HistoryPanel::restoreRequested);
        QTableView *view = panel->view();

        // Two selected: the older against the newer.
        view->selectAll();
        QVERIFY(button(*panel, "compare")->isEnabled());
        QVERIFY(!button(*panel, "restore")->isEnabled()); // one at a time
        QTest::mouseClick(button(*panel, "compare"), Qt::LeftButton);
        QCOMPARE(opened.count(), 1);
        const FileDiff *two = waitForResult(opened.at(0).at(0).value<DiffViewer *>());
        QVERIFY(two && two->text);
        QCOMPARE(two->text->a.bytes(), QByteArray("beta"));
        QCOMPARE(two->text->b.bytes(), QByteArray("beta, second edition"));

        // The first version alone: against nothing, so every line is new.
        view->selectRow(1);
        QTest::keyClick(view, Qt::Key_Return); // Enter compares
        QCOMPARE(opened.count(), 2);
        const FileDiff *first = waitForResult(opened.at(1).at(0).value<DiffViewer *>());
        QVERIFY(first && first->text);
        QVERIFY(!first->a.exists);
        QCOMPARE(first->text->linesAdded, 1);

        // The newest against the disk, which holds what it holds.
        view->selectRow(0);
        QTest::mouseClick(button(*panel, "compareDisk"), Qt::LeftButton);
        QCOMPARE(opened.count(), 3);
        const FileDiff *disk = waitForResult(opened.at(2).at(0).value<DiffViewer *>());
        QVERIFY(disk && disk->identical());

        QTest::mouseClick(button(*panel, "restore"), Qt::LeftButton);
        QCOMPARE(restore.count(), 1);
        QCOMPARE(restore.at(0).at(0).toString(), m_fx->v2.id);
        QCOMPARE(restore.at(0).at(1).toByteArray(), file("b.txt"));
        QCOMPARE(restore.at(0).at(2).toBool(), true); // a file: the window restores it on one page

        // Open a Copy: of the selected version, one at a time.
        QSignalSpy copy(panel.get(), &HistoryPanel::openCopyRequested);
        view->selectAll();
        QVERIFY(!button(*panel, "openCopy")->isEnabled());
        view->selectRow(1);
        QVERIFY(button(*panel, "openCopy")->isEnabled());
        QTest::mouseClick(button(*panel, "openCopy"), Qt::LeftButton);
        QCOMPARE(copy.count(), 1);
        QCOMPARE(copy.at(0).at(0).toString(), m_fx->v1.id);
        QCOMPARE(copy.at(0).at(1).toByteArray(), file("b.txt"));
    }

    void changedVersionsAreHandedOn()
    {
        auto panel = std::make_unique<HistoryPanel>(m_fx->repo, QList<Snapshot>{m_fx->v1, m_fx->v2},
                                                    file("changed/sub/x.txt"), QStringLiteral("home"),
                                                    nullptr, catalogPath());
        QSignalSpy known(panel.get(), &HistoryPanel::changedVersionsKnown);
        QVERIFY(known.wait(20000));
        QCOMPARE(known.at(0).at(0).value<QSet<QString>>(), (QSet<QString>{m_fx->v1.id, m_fx->v2.id}));
        const QString status = panel->findChild<QLabel *>(QStringLiteral("status"))->text();
        QVERIFY2(status.contains(QStringLiteral("2")), qPrintable(status));
    }

    void aPathNoVersionHolds()
    {
        auto panel = open("nowhere.txt");
        // Listed in every version of the set, held by none, changed in none.
        QVERIFY(panel->model()->changedVersions().isEmpty());
        for (int r = 0; r < panel->model()->rowCount(); ++r)
            QVERIFY(!panel->model()->index(r, 0).data(FileHistoryModel::PresentRole).toBool());
        panel->view()->selectRow(0);
        QVERIFY(!button(*panel, "restore")->isEnabled());
        QVERIFY(!button(*panel, "openCopy")->isEnabled());
    }
};

QTEST_MAIN(TestHistoryPanel)
#include "tst_historypanel.moc"
