// The restore wizard, offscreen, over a real repository backed up from a real tree: restoring
// one file to another folder, an in-place restore with a safety version, exports checked by
// independent readers (unzip, bsdtar), a failing restore that rolls back, cancelling and
// closing while a restore runs, and the OTClient refusal.
#include "engine/BackupJob.h"
#include "engine/Listing.h"
#include "models/RestorePreviewModel.h"
#include "profiles/Presets.h"
#include "RestoreWizard.h"
#include "storage/LocalBackend.h"
#include "TestUtil.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace strata;

namespace {

void writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(data);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The button that moves forward on the current page: Next, the commit button or Finish.
QAbstractButton *forward(QWizard &w)
{
    for (auto which : {QWizard::CommitButton, QWizard::NextButton, QWizard::FinishButton})
        if (w.button(which)->isVisible())
            return w.button(which);
    return nullptr;
}

template <typename T>
T *child(QWizard &w, const char *name)
{
    T *found = w.findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

QStringList temporaryFiles(const QString &root)
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (it.fileName().startsWith(QLatin1String(".strata-")))
            found << path;
    }
    return found;
}

} // namespace

class TestRestoreWizard final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::shared_ptr<Repository> m_repo;
    QString m_src;
    QString m_version;

    QString path(const QString &name) const { return m_tmp->filePath(name); }

    QString backup(const QStringList &paths, const QString &set = QStringLiteral("documents"))
    {
        BackupParams p;
        p.repo = m_repo;
        p.paths = paths;
        p.kind = BackupKind::Full;
        p.set = set;
        BackupJob job(p);
        job.runHere();
        if (!job.result().status.ok())
            qFatal("backup failed: %s", qPrintable(job.result().status.error().message));
        return job.result().snapshot.id;
    }

    QList<Snapshot> versions() const
    {
        auto list = m_repo->listSnapshots();
        return list ? *list : QList<Snapshot>{};
    }

    std::unique_ptr<RestoreWizard> makeWizard(const QStringList &paths = {}, const QString &version = {})
    {
        QList<QByteArray> raw;
        for (const QString &path : paths)
            raw << QFile::encodeName(path);
        auto w =
            std::make_unique<RestoreWizard>(m_repo, versions(), version.isEmpty() ? m_version : version, raw);
        w->show();
        return w;
    }

    // Clicks the forward button once it is enabled (the preview may still be computing).
    void advance(QWizard &w, int expectedPage)
    {
        QTRY_VERIFY_WITH_TIMEOUT(forward(w) && forward(w)->isEnabled(), 30000);
        forward(w)->click();
        QTRY_COMPARE_WITH_TIMEOUT(w.currentId(), expectedPage, 30000);
    }

    void waitForReport(RestoreWizard &w)
    {
        QTRY_COMPARE_WITH_TIMEOUT(w.currentId(), int(RestoreWizard::ReportPageId), 60000);
    }

    // The preview's rows by file name (destination's last part) -> action.
    static QMap<QString, RestoreAction> previewActions(RestoreWizard &w)
    {
        auto *model = w.findChild<RestorePreviewModel *>(QStringLiteral("previewModel"));
        QMap<QString, RestoreAction> actions;
        for (int row = 0; model && row < model->rowCount(); ++row)
            actions.insert(QFileInfo(model->entryAt(row)->destination).fileName(),
                           model->entryAt(row)->action);
        return actions;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        Repository::InitOptions o;
        o.kdf = KdfParams{1, 8u << 20};
        auto repo = Repository::init(std::make_unique<LocalBackend>(path(QStringLiteral("repo"))),
                                     QStringLiteral("pw"), o);
        QVERIFY(repo.ok());
        m_repo = *repo;
        m_src = path(QStringLiteral("src"));
        writeFile(m_src + QStringLiteral("/a.txt"), "alpha");
        writeFile(m_src + QStringLiteral("/docs/b.txt"), "bravo bravo");
        writeFile(m_src + QStringLiteral("/docs/c.bin"), test::pseudoRandomBytes(100000, 7));
        m_version = backup({m_src});
    }

    void cleanup()
    {
        m_repo.reset();
        m_tmp.reset();
    }

    void wherePageIsOneAlignedForm()
    {
        auto w = makeWizard();
        advance(*w, RestoreWizard::WherePageId);
        child<QRadioButton>(*w, "toArchive")->click();
        QWizardPage *page = w->page(RestoreWizard::WherePageId);
        QCoreApplication::processEvents();

        // A label shows its '&' literally unless it is the buddy's mnemonic ("&&" is an '&').
        for (QLabel *label : page->findChildren<QLabel *>()) {
            QString text = label->text();
            text.remove(QStringLiteral("&&"));
            if (text.contains(QLatin1Char('&')))
                QVERIFY2(label->buddy() && label->buddy()->isVisible(), qPrintable(label->text()));
        }
        // Every field of the page starts at the same x, whichever choice it belongs to.
        const auto left = [&](const char *name) {
            return child<QWidget>(*w, name)->mapTo(page, QPoint()).x();
        };
        QCOMPARE(left("format"), left("archiveFile"));
        QCOMPARE(left("folder"), left("format"));
        QVERIFY(child<QWidget>(*w, "folder")->width() > 0);
        QCOMPARE(child<QWidget>(*w, "folder")->width(), child<QWidget>(*w, "archiveFile")->width());
    }

    void previewGivesThePathTheRoom()
    {
        auto w = makeWizard();
        w->resize(900, 700);
        advance(*w, RestoreWizard::WherePageId);
        child<QRadioButton>(*w, "toFolder")->click();
        child<QLineEdit>(*w, "folder")->setText(path(QStringLiteral("out")));
        advance(*w, RestoreWizard::ConflictsPageId);
        QTRY_VERIFY_WITH_TIMEOUT(forward(*w)->isEnabled(), 30000);
        auto *table = child<QTableView>(*w, "preview");
        QHeaderView *header = table->horizontalHeader();
        QCoreApplication::processEvents();

        using Model = RestorePreviewModel;
        QCOMPARE(header->sectionResizeMode(Model::DestinationColumn), QHeaderView::Stretch);
        const int pathWidth = table->columnWidth(Model::DestinationColumn);
        const int sizeWidth = table->columnWidth(Model::SizeColumn);
        QVERIFY2(pathWidth > 3 * sizeWidth,
                 qPrintable(QStringLiteral("%1 %2").arg(pathWidth).arg(sizeWidth)));
        // The short columns hold their contents and header, without much to spare.
        QAbstractItemView *view = table; // sizeHintForColumn() is public here, protected in QTableView
        for (int column : {int(Model::ActionColumn), int(Model::TypeColumn), int(Model::SizeColumn)}) {
            const int contents = qMax(view->sizeHintForColumn(column), header->sectionSizeHint(column));
            QVERIFY2(table->columnWidth(column) >= contents, qPrintable(QString::number(column)));
            QVERIFY2(table->columnWidth(column) <= contents + 8 * table->fontMetrics().averageCharWidth(),
                     qPrintable(QString::number(column)));
        }
        // A long path keeps its end (the file name) in view; the tooltip has it whole.
        const QModelIndex first = table->model()->index(0, Model::DestinationColumn);
        QCOMPARE(first.data(Qt::ToolTipRole).toString(), first.data(Qt::DisplayRole).toString());
        QStyleOptionViewItem option;
        option.initFrom(table);
        auto *delegate = qobject_cast<QStyledItemDelegate *>(table->itemDelegateForIndex(first));
        QVERIFY(delegate);
        struct Peek : QStyledItemDelegate
        {
            static Qt::TextElideMode mode(QStyledItemDelegate *d, const QModelIndex &index)
            {
                QStyleOptionViewItem o;
                (d->*(&Peek::initStyleOption))(&o, index);
                return o.textElideMode;
            }
        };
        QCOMPARE(Peek::mode(delegate, first), Qt::ElideLeft);
    }

    void restoresOneFileToAnotherFolder()
    {
        auto w = makeWizard({m_src + QStringLiteral("/docs/b.txt")});
        QSignalSpy finished(w.get(), &RestoreWizard::restoreFinished);
        QCOMPARE(w->currentId(), int(RestoreWizard::WhatPageId));
        QCOMPARE(child<QComboBox>(*w, "version")->currentData().toString(), m_version);
        QVERIFY(child<QRadioButton>(*w, "chosen")->isChecked());
        QCOMPARE(child<QListWidget>(*w, "chosenPaths")->count(), 1);
        advance(*w, RestoreWizard::WherePageId);

        const QString out = path(QStringLiteral("out"));
        child<QRadioButton>(*w, "toFolder")->click();
        // A file where the folder should be is refused with a message.
        child<QLineEdit>(*w, "folder")->setText(m_src + QStringLiteral("/a.txt"));
        QVERIFY(!forward(*w)->isEnabled());
        QVERIFY(child<QLabel>(*w, "problem")->text().contains(QStringLiteral("not a folder")));
        child<QLineEdit>(*w, "folder")->setText(out);
        QVERIFY(child<QLabel>(*w, "problem")->text().isEmpty());
        advance(*w, RestoreWizard::ConflictsPageId);

        QTRY_VERIFY_WITH_TIMEOUT(forward(*w)->isEnabled(), 30000);
        const auto actions = previewActions(*w);
        QCOMPARE(actions.value(QStringLiteral("b.txt")), RestoreAction::Create);
        QVERIFY(!actions.contains(QStringLiteral("a.txt")));
        QVERIFY(!child<QCheckBox>(*w, "safetyVersion")->isVisible()); // nothing is overwritten
        QCOMPARE(w->plan().target, out);
        QCOMPARE(w->plan().includes,
                 QList<QByteArray>{QFile::encodeName(m_src + QStringLiteral("/docs/b.txt"))});
        advance(*w, RestoreWizard::ProgressPageId);
        waitForReport(*w);

        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(w->result().status.ok());
        QCOMPARE(readFile(out + QStringLiteral("/src/docs/b.txt")),
                 readFile(m_src + QStringLiteral("/docs/b.txt")));
        QVERIFY(!QFileInfo::exists(out + QStringLiteral("/src/a.txt")));
        QCOMPARE(w->result().done.create, 3); // src, docs, b.txt
        QVERIFY(child<QLabel>(*w, "reportHeadline")->text().contains(QStringLiteral("done")));
        QVERIFY(child<QLabel>(*w, "reportDetails")->text().contains(QStringLiteral("3 created")));
        QVERIFY(!child<QAbstractButton>(*w, "undoRestore")->isVisible());
        QVERIFY(forward(*w) == w->button(QWizard::FinishButton));
    }

    void inPlaceRestoreTakesSafetyVersion()
    {
        QTest::qWait(20); // a later mtime for the edit
        writeFile(m_src + QStringLiteral("/a.txt"), "changed after the backup");
        auto w = makeWizard();
        QVERIFY(child<QRadioButton>(*w, "everything")->isChecked());
        advance(*w, RestoreWizard::WherePageId);
        QVERIFY(child<QRadioButton>(*w, "inPlace")->isChecked());
        advance(*w, RestoreWizard::ConflictsPageId);
        QVERIFY(child<QRadioButton>(*w, "policyIfChanged")->isChecked());
        QTRY_VERIFY_WITH_TIMEOUT(forward(*w)->isEnabled(), 30000);
        const auto actions = previewActions(*w);
        QCOMPARE(actions.value(QStringLiteral("a.txt")), RestoreAction::Overwrite);
        QCOMPARE(actions.value(QStringLiteral("b.txt")), RestoreAction::Unchanged);
        QCOMPARE(actions.value(QStringLiteral("c.bin")), RestoreAction::Unchanged);
        QVERIFY(child<QLabel>(*w, "previewCounts")->text().contains(QStringLiteral("1 to overwrite")));
        auto *safety = child<QCheckBox>(*w, "safetyVersion");
        QVERIFY(safety->isVisible());
        QVERIFY(safety->isChecked());
        // The filter narrows the table to the overwritten file.
        auto *filter = child<QComboBox>(*w, "previewFilter");
        filter->setCurrentIndex(filter->findText(RestorePreviewModel::actionLabel(RestoreAction::Overwrite)));
        auto *table = w->findChild<QAbstractItemView *>(QStringLiteral("preview"));
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(w->button(QWizard::CommitButton)->text(), QStringLiteral("&Restore"));
        advance(*w, RestoreWizard::ProgressPageId);
        waitForReport(*w);

        QVERIFY(w->result().status.ok());
        QCOMPARE(readFile(m_src + QStringLiteral("/a.txt")), QByteArray("alpha"));
        const QString safetyId = w->result().safetySnapshot;
        QVERIFY(!safetyId.isEmpty());
        bool found = false;
        for (const Snapshot &s : versions())
            found |= s.id == safetyId && s.kind == BackupKind::Safety;
        QVERIFY(found);
        QVERIFY(child<QLabel>(*w, "undoHint")->text().contains(safetyId.left(8)));

        // "Undo this restore…" opens a wizard on the safety version.
        QSignalSpy opened(w.get(), &RestoreWizard::undoWizardOpened);
        auto *undo = child<QAbstractButton>(*w, "undoRestore");
        QVERIFY(undo->isVisible());
        undo->click();
        QTRY_COMPARE(opened.size(), 1);
        auto *undoWizard = opened.first().first().value<RestoreWizard *>();
        QCOMPARE(child<QComboBox>(*undoWizard, "version")->currentData().toString(), safetyId);
        delete undoWizard;
    }

    void exportsArchives_data()
    {
        QTest::addColumn<ArchiveFormat>("format");
        QTest::addColumn<QString>("checker");
        QTest::newRow("zip") << ArchiveFormat::Zip << QStringLiteral("unzip");
        QTest::newRow("tar.zst") << ArchiveFormat::TarZst << QStringLiteral("bsdtar");
    }

    void exportsArchives()
    {
        QFETCH(ArchiveFormat, format);
        QFETCH(QString, checker);
        const QString tool = QStandardPaths::findExecutable(checker);
        if (tool.isEmpty())
            QSKIP("the archive checker is not installed (installer/setup.sh --test installs it)");

        auto w = makeWizard();
        advance(*w, RestoreWizard::WherePageId);
        child<QRadioButton>(*w, "toArchive")->click();
        auto *file = child<QLineEdit>(*w, "archiveFile");
        auto *formats = child<QComboBox>(*w, "format");
        file->setText(path(QStringLiteral("export.zip")));
        // The extension follows the format.
        formats->setCurrentIndex(formats->findData(int(format)));
        const QString archive = path(QStringLiteral("export.") + archiveFormatName(format));
        QCOMPARE(file->text(), archive);
        // An existing file is only replaced when the user says so.
        writeFile(archive, "old");
        file->clear(); // typing the name again checks the disk again
        file->setText(archive);
        QVERIFY(!forward(*w)->isEnabled());
        QVERIFY(child<QLabel>(*w, "problem")->text().contains(QStringLiteral("exists already")));
        auto *replace = child<QCheckBox>(*w, "replaceArchive");
        QVERIFY(replace->isVisible());
        replace->click();
        QCOMPARE(w->button(QWizard::CommitButton)->text(), QStringLiteral("&Export"));
        advance(*w, RestoreWizard::ProgressPageId); // archives have no conflicts page
        waitForReport(*w);

        QVERIFY2(w->result().status.ok(),
                 qPrintable(w->result().status.ok() ? QString() : w->result().status.error().message));
        QCOMPARE(w->exportResult().files, 3);
        QVERIFY(child<QLabel>(*w, "reportDetails")->text().contains(archive));
        const QStringList args = checker == QLatin1String("unzip")
                                     ? QStringList{QStringLiteral("-t"), archive}
                                     : QStringList{QStringLiteral("-tf"), archive};
        const test::RunResult run = test::runProgram(tool, args, QProcessEnvironment::systemEnvironment());
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2(run.text().contains(QStringLiteral("src/docs/b.txt")), qPrintable(run.describe()));
    }

    void failingRestoreRollsBack()
    {
        QTest::qWait(20);
        for (const QString &name :
             {QStringLiteral("a.txt"), QStringLiteral("docs/b.txt"), QStringLiteral("docs/c.bin")})
            writeFile(m_src + QLatin1Char('/') + name, "edited " + name.toUtf8());
        auto w = makeWizard();
        w->setFailAfterFilesForTesting(1);
        QSignalSpy finished(w.get(), &RestoreWizard::restoreFinished);
        advance(*w, RestoreWizard::WherePageId);
        advance(*w, RestoreWizard::ConflictsPageId);
        child<QRadioButton>(*w, "policyOverwrite")->click();
        QTRY_VERIFY_WITH_TIMEOUT(forward(*w)->isEnabled(), 30000);
        QCOMPARE(previewActions(*w).value(QStringLiteral("c.bin")), RestoreAction::Overwrite);
        advance(*w, RestoreWizard::ProgressPageId);
        waitForReport(*w);

        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(!w->result().status.ok());
        QVERIFY(w->result().rolledBack);
        QVERIFY(child<QLabel>(*w, "reportHeadline")->text().contains(QStringLiteral("rolled back")));
        for (const QString &name :
             {QStringLiteral("a.txt"), QStringLiteral("docs/b.txt"), QStringLiteral("docs/c.bin")})
            QCOMPARE(readFile(m_src + QLatin1Char('/') + name), "edited " + name.toUtf8());
        QVERIFY(temporaryFiles(m_src).isEmpty());
    }

    // A chunk of c.bin is damaged in its pack: the others are restored and the report lists it.
    void damagedFileIsListedInTheReport()
    {
        auto snapshot = m_repo->loadSnapshot(m_version);
        QVERIFY(snapshot.ok());
        auto node = findNode(*m_repo, *snapshot, m_src + QStringLiteral("/docs/c.bin"));
        QVERIFY(node.ok());
        const auto location = m_repo->findBlob(node->content.front());
        QVERIFY(location);
        const QString pack =
            QStringLiteral("%1/data/%2/%3")
                .arg(path(QStringLiteral("repo")), location->pack.toHex().left(2), location->pack.toHex());
        QVERIFY(test::overwriteAt(QFile::encodeName(pack), location->offset + 20, QByteArray(8, '\x33')));

        auto w = makeWizard();
        advance(*w, RestoreWizard::WherePageId);
        const QString out = path(QStringLiteral("out"));
        child<QRadioButton>(*w, "toFolder")->click();
        child<QLineEdit>(*w, "folder")->setText(out);
        advance(*w, RestoreWizard::ConflictsPageId);
        advance(*w, RestoreWizard::ProgressPageId);
        waitForReport(*w);

        QVERIFY(w->result().status.ok()); // not a failure: nothing is rolled back
        QCOMPARE(w->result().damaged.size(), 1);
        QCOMPARE(readFile(out + QStringLiteral("/src/docs/b.txt")), QByteArray("bravo bravo"));
        QVERIFY(!QFileInfo::exists(out + QStringLiteral("/src/docs/c.bin")));
        QVERIFY(child<QLabel>(*w, "reportHeadline")->text().contains(QStringLiteral("damaged")));
        auto *list = child<QListWidget>(*w, "reportDamaged");
        QVERIFY(list->isVisible());
        QCOMPARE(list->count(), 1);
        QVERIFY(list->item(0)->text().contains(out + QStringLiteral("/src/docs/c.bin")));
        QVERIFY(list->item(0)->toolTip().contains(QStringLiteral("authentication")));
    }

    void cancelEndsCleanly()
    {
        // Enough data that the restore is still running when Cancel is clicked.
        QVERIFY(QDir().mkpath(m_src + QStringLiteral("/big")));
        for (int i = 0; i < 24; ++i)
            QVERIFY(test::writeRandomFile(QFile::encodeName(m_src + QStringLiteral("/big/%1.bin").arg(i)),
                                          2 << 20, i));
        m_version = backup({m_src});

        for (bool closeInstead : {false, true}) {
            const QString out =
                path(closeInstead ? QStringLiteral("out-closed") : QStringLiteral("out-cancelled"));
            auto w = makeWizard();
            advance(*w, RestoreWizard::WherePageId);
            child<QRadioButton>(*w, "toFolder")->click();
            child<QLineEdit>(*w, "folder")->setText(out);
            advance(*w, RestoreWizard::ConflictsPageId);
            advance(*w, RestoreWizard::ProgressPageId);
            QVERIFY(w->isRunning());
            QVERIFY(!w->button(QWizard::BackButton)->isEnabled());
            if (closeInstead) {
                w.reset(); // the job is cancelled and cleans up after the wizard is
                           // gone
                QTRY_VERIFY_WITH_TIMEOUT(temporaryFiles(out).isEmpty(), 30000);
                QTest::qWait(200);
                continue;
            }
            w->button(QWizard::CancelButton)->click();
            QVERIFY(w->isVisible()); // Cancel stops the job first; the wizard stays
                                     // to report
            waitForReport(*w);
            QVERIFY(!w->isRunning());
            QVERIFY(!w->result().status.ok());
            QCOMPARE(w->result().status.error().code, ErrorCode::Cancelled);
            QVERIFY(child<QLabel>(*w, "reportHeadline")->text().contains(QStringLiteral("cancelled")));
            QVERIFY(temporaryFiles(out).isEmpty());
            QVERIFY(w->result().done.create < 24 + 3);
        }
    }

    void largePreviewKeepsGuiResponsive()
    {
        // 100k files: the preview fills a table of 100k rows while the event loop keeps turning.
        for (int d = 0; d < 100; ++d) {
            const QString dir = m_src + QStringLiteral("/many/d%1").arg(d);
            QVERIFY(QDir().mkpath(dir));
            for (int f = 0; f < 1000; ++f)
                QVERIFY(test::writeFile(QFile::encodeName(dir + QStringLiteral("/f%1").arg(f)),
                                        QByteArray::number(f)));
        }
        m_version = backup({m_src});
        auto w = makeWizard();
        advance(*w, RestoreWizard::WherePageId);

        // The longest the GUI thread went without serving a 5 ms timer. Planning 100k entries on
        // the GUI thread would take far longer than the bound, which leaves room for a busy machine.
        QElapsedTimer clock;
        qint64 last = 0, worst = 0;
        QTimer ticker;
        ticker.setInterval(5);
        connect(&ticker, &QTimer::timeout, this, [&] {
            worst = qMax(worst, clock.elapsed() - last);
            last = clock.elapsed();
        });
        clock.start();
        ticker.start();
        advance(*w, RestoreWizard::ConflictsPageId);
        QTRY_VERIFY_WITH_TIMEOUT(forward(*w)->isEnabled(), 120000);
        auto *model = w->findChild<RestorePreviewModel *>(QStringLiteral("previewModel"));
        QCOMPARE(model->rowCount(), 100000 + 100 + 1 + 2 + 3); // files, folders d*, many, docs, src's files
        child<QRadioButton>(*w, "policyOverwrite")->click();   // recomputed: 100k rows dropped and refilled
        QTRY_VERIFY_WITH_TIMEOUT(forward(*w)->isEnabled(), 120000);
        QCOMPARE(model->summary().overwrite, 100000 + 3);
        ticker.stop();
        QVERIFY2(worst < 200, qPrintable(QStringLiteral("the GUI thread stalled for %1 ms").arg(worst)));
    }

    void otclientRefusesWhileClientRuns()
    {
        const QString client = path(QStringLiteral("home/.otclient"));
        writeFile(client + QStringLiteral("/config.otml"), "remembered account");
        writeFile(client + QStringLiteral("/characterdata/knight.otml"), "level 8");
        m_version = backup({client}, QStringLiteral("otclient"));
        writeFile(client + QStringLiteral("/config.otml"), "changed by the client");

        bool running = true;
        auto w = makeWizard();
        w->setSetPreset(QStringLiteral("otclient"));
        w->setClientRunningCheck([&running] { return running; });
        advance(*w, RestoreWizard::WherePageId);
        advance(*w, RestoreWizard::ConflictsPageId);
        advance(*w, RestoreWizard::OtclientPageId);
        auto *message = child<QLabel>(*w, "otclientMessage");
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(QStringLiteral("Close OTClient first")), 30000);
        QVERIFY(!forward(*w)->isEnabled());
        QVERIFY(!w->validateCurrentPage());
        auto *again = child<QAbstractButton>(*w, "checkAgain");
        QVERIFY(again->isVisible());
        again->click();
        QVERIFY(!forward(*w)->isEnabled()); // still running
        running = false;
        again->click();
        QVERIFY(forward(*w)->isEnabled());
        QVERIFY(!child<QLabel>(*w, "credentialsWarning")->isVisible());

        // Restored elsewhere, config.otml leaves the encrypted repository: the warning shows.
        running = true;
        w->back();
        w->back();
        QCOMPARE(w->currentId(), int(RestoreWizard::WherePageId));
        child<QRadioButton>(*w, "toFolder")->click();
        child<QLineEdit>(*w, "folder")->setText(path(QStringLiteral("otclient-copy")));
        advance(*w, RestoreWizard::ConflictsPageId);
        advance(*w, RestoreWizard::OtclientPageId);
        auto *warning = child<QLabel>(*w, "credentialsWarning");
        QTRY_VERIFY_WITH_TIMEOUT(warning->isVisible(), 30000);
        QVERIFY(warning->text().contains(presets::otclientCredentialsWarning()));
        QVERIFY(forward(*w)->isEnabled()); // a running client does not matter for a copy elsewhere
        advance(*w, RestoreWizard::ProgressPageId);
        waitForReport(*w);
        QVERIFY(w->result().status.ok());
        QCOMPARE(readFile(path(QStringLiteral("otclient-copy/.otclient/config.otml"))),
                 QByteArray("remembered account"));
    }
};

QTEST_MAIN(TestRestoreWizard)
#include "tst_restorewizard.moc"
