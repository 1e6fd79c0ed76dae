// A person's first minutes with Strata, through the real window offscreen, in a throw-away HOME
// with no keychain: the first start opens the assistant, which creates a Documents set and its
// repository; Back Up Now makes a version, a change and a second backup another; the timeline
// goes back to the first version by keyboard; the restore wizard brings one file of it back
// into another folder, byte for byte; and a running backup is cancelled from the progress panel.
#include "BackupPanel.h"
#include "MainWindow.h"
#include "RestoreWizard.h"
#include "SetupAssistant.h"
#include "TimelineWidget.h"
#include "VersionSummary.h"

#include "models/SetListModel.h"
#include "models/SnapshotListModel.h"
#include "profiles/RunLog.h"
#include "profiles/SetStore.h"
#include "service/BackupService.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace strata;

namespace {

const QString Password = QStringLiteral("a long and fine passphrase");
QTemporaryDir *g_home = nullptr;

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

// The button that moves a wizard on: Next, Commit (Restore) or Finish.
QAbstractButton *forward(QWizard &w)
{
    for (auto which : {QWizard::CommitButton, QWizard::FinishButton, QWizard::NextButton})
        if (QAbstractButton *b = w.button(which); b && b->isVisible())
            return b;
    return nullptr;
}

void advance(QWizard &w)
{
    const int from = w.currentId();
    QTRY_VERIFY_WITH_TIMEOUT(forward(w) && forward(w)->isEnabled(), 30000);
    const QPointer<QWizard> wizard(&w); // Finish may close and delete it
    QTest::mouseClick(forward(w), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!wizard || wizard->currentId() != from || !wizard->isVisible(), 60000);
}

void typeInto(QWidget &parent, const char *name, const QString &text)
{
    auto *edit = parent.findChild<QLineEdit *>(QLatin1String(name));
    QVERIFY2(edit, name);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

} // namespace

class TestApp final : public QObject
{
    Q_OBJECT

    std::unique_ptr<SetStore> m_store;
    std::unique_ptr<RunLog> m_log;
    std::unique_ptr<BackupService> m_service;
    std::unique_ptr<MainWindow> m_window;
    QString m_docs;

    RunRecord backUpNow()
    {
        QSignalSpy finished(m_service.get(), &BackupService::runFinished);
        auto *action = m_window->findChild<QAction *>(QStringLiteral("backUpNow"));
        if (!action || !action->isEnabled())
            return {};
        action->trigger();
        if (!QTest::qWaitFor([&] { return finished.size() == 1; }, 120000))
            return {};
        return finished.at(0).at(0).value<RunRecord>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_docs = QDir::home().filePath(QStringLiteral("Documents"));
        writeFile(m_docs + QStringLiteral("/letters/landlord.txt"),
                  "Dear landlord, the heating is broken.\n");
        writeFile(m_docs + QStringLiteral("/budget.csv"), "rent,900\nfood,300\n");
        m_store = std::make_unique<SetStore>();
        QVERIFY(m_store->load().ok());
        QVERIFY(m_store->sets().isEmpty());
        m_log = std::make_unique<RunLog>();
        m_service = std::make_unique<BackupService>(*m_store, *m_log);
        m_window = std::make_unique<MainWindow>(*m_service);
        m_window->show();
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_service.reset();
    }

    void firstStartCreatesASet()
    {
        QSignalSpy opened(m_window.get(), &MainWindow::repositoryOpened);
        m_window->start();
        SetupAssistant *assistant = nullptr;
        QTRY_VERIFY((assistant = m_window->findChild<SetupAssistant *>()) && assistant->isVisible());
        advance(*assistant); // welcome
        assistant->findChild<QRadioButton *>(QStringLiteral("presetDocuments"))->click();
        advance(*assistant); // what
        advance(*assistant); // where: the default, a new repository in the data folder
        typeInto(*assistant, "password", Password);
        typeInto(*assistant, "confirm", Password);
        advance(*assistant); // password
        // No keychain here: the page says so, and a private file is chosen instead.
        QTRY_VERIFY(!assistant->findChild<QRadioButton *>(QStringLiteral("storeKeychain"))->isEnabled());
        assistant->findChild<QRadioButton *>(QStringLiteral("storeFile"))->click();
        advance(*assistant); // storage
        advance(*assistant); // schedule
        advance(*assistant); // summary: Finish creates the repository and the set
        QTRY_COMPARE_WITH_TIMEOUT(m_store->sets().size(), 1, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 60000);

        const BackupSet set = m_store->sets().first();
        QCOMPARE(set.sources, QStringList{m_docs});
        QCOMPARE(m_window->currentSet(), set.id);
        QCOMPARE(m_window->setModel()->rowCount(), 1);
        QCOMPARE(m_window->setModel()->status(set.id).last, SetStatus::Result::Never);
    }

    void backUpAndBrowseTheTimeline()
    {
        const RunRecord first = backUpNow();
        QCOMPARE(first.outcome, RunRecord::Outcome::Succeeded);
        QCOMPARE(first.files, 2);
        const QByteArray oldLetter = readFile(m_docs + QStringLiteral("/letters/landlord.txt"));
        writeFile(m_docs + QStringLiteral("/letters/landlord.txt"),
                  "Dear landlord, thank you for the repair.\n");
        const RunRecord second = backUpNow();
        QCOMPARE(second.outcome, RunRecord::Outcome::Succeeded);
        QTRY_COMPARE(m_window->currentVersion(), second.snapshot);
        QCOMPARE(m_window->setModel()->status(m_window->currentSet()).last, SetStatus::Result::Succeeded);

        // Back to the first version with the keyboard, as someone looking for yesterday's file.
        auto *timeline = m_window->findChild<TimelineWidget *>();
        timeline->setFocus();
        QTest::keyClick(timeline, Qt::Key_Home);
        QCOMPARE(m_window->currentVersion(), first.snapshot);
        auto *summary = m_window->findChild<VersionSummary *>();
        QCOMPARE(summary->versionId(), first.snapshot);

        // The wizard restores the old letter into another folder.
        const QString out = g_home->filePath(QStringLiteral("restored"));
        m_window->restore({QFile::encodeName(m_docs + QStringLiteral("/letters/landlord.txt"))});
        RestoreWizard *wizard = nullptr;
        QTRY_VERIFY((wizard = m_window->findChild<RestoreWizard *>()) && wizard->isVisible());
        QSignalSpy done(wizard, &RestoreWizard::restoreFinished);
        advance(*wizard); // what: the version and the one file
        wizard->findChild<QRadioButton *>(QStringLiteral("toFolder"))->click();
        wizard->findChild<QLineEdit *>(QStringLiteral("folder"))->setText(out);
        advance(*wizard); // where
        advance(*wizard); // conflicts and preview: Restore
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 60000);
        QVERIFY(done.at(0).at(0).toBool());
        QCOMPARE(readFile(out + QStringLiteral("/Documents/letters/landlord.txt")), oldLetter);
        QVERIFY(!QFile::exists(out + QStringLiteral("/Documents/budget.csv")));
        wizard->close();
    }

    void cancelARunningBackup()
    {
        // Enough incompressible data that the run is still going when Cancel is clicked.
        QByteArray noise(4 << 20, Qt::Uninitialized);
        for (int i = 0; i < noise.size(); ++i)
            noise[i] = char((i * 2654435761u) >> 13);
        for (int i = 0; i < 30; ++i)
            writeFile(m_docs + QStringLiteral("/video/part%1.bin").arg(i), noise + QByteArray::number(i));
        auto *panel = m_window->findChild<BackupPanel *>();
        auto *cancel = panel->findChild<QPushButton *>(QStringLiteral("cancelBackup"));
        connect(m_service.get(), &BackupService::runStarted, cancel, [cancel] { cancel->click(); });
        const RunRecord run = backUpNow();
        QCOMPARE(run.outcome, RunRecord::Outcome::Cancelled);
        QVERIFY(panel->isVisible());
        QCOMPARE(panel->phaseText(), QStringLiteral("Cancelled"));
        QCOMPARE(m_window->setModel()->status(m_window->currentSet()).last, SetStatus::Result::Cancelled);
        // The cancelled run left no version behind: still the two.
        QCOMPARE(m_window->snapshotModel()->rowCount(), 2);
    }
};

int main(int argc, char **argv)
{
    // A throw-away HOME and XDG folders before anything reads them; no session bus, so no keychain.
    QTemporaryDir home;
    g_home = &home;
    qputenv("HOME", QFile::encodeName(home.path()));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral(".local/share"))));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral(".config"))));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(home.filePath(QStringLiteral(".cache"))));
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/strata-bus");
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("strata"));
    TestApp test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_app.moc"
