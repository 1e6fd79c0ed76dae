// The set editor, offscreen, over a real store and repository and without a keychain: it
// saves schedule and exclusion changes, refuses a bad pattern and a wrong password inline,
// moves the password into a private file, and rebuilds an OTClient set's exclusions.
#include "PasswordStorageChooser.h"
#include "profiles/Presets.h"
#include "profiles/SetStore.h"
#include "repo/Repository.h"
#include "RetentionEditor.h"
#include "ScheduleEditor.h"
#include "secrets/PasswordFile.h"
#include "SetEditor.h"
#include "storage/Backend.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimeEdit>
#include <QTreeWidget>
#include <QtTest>

#include <sys/stat.h>

using namespace strata;

namespace {

const QString Password = QStringLiteral("correct horse battery staple");

QString makeRepository(const QString &path)
{
    auto backend = openBackend(path);
    if (!backend)
        return backend.error().message;
    Repository::InitOptions options;
    options.kdf = KdfParams{1, 8ull << 20};
    auto repo = Repository::init(std::move(*backend), Password, options);
    return repo ? QString() : repo.error().message;
}

void clickOk(SetEditor &editor)
{
    auto *buttons = editor.findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
}

void choose(QAbstractButton *button)
{
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(6, button->height() / 2));
}

// Brings a tab to the front, as the user would before working on it.
void showTab(SetEditor &editor, const QString &text)
{
    auto *tabs = editor.findChild<QTabWidget *>();
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->tabText(i) == text)
            tabs->setCurrentIndex(i);
    }
    QCOMPARE(tabs->tabText(tabs->currentIndex()), text);
}

void appendLine(QPlainTextEdit *edit, const QString &line)
{
    edit->setFocus();
    edit->moveCursor(QTextCursor::End);
    QTest::keyClick(edit, Qt::Key_Return);
    QTest::keyClicks(edit, line);
}

} // namespace

class TestSetEditor final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_repository;
    std::unique_ptr<SetStore> m_store;
    BackupSet m_set;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_repository = m_dir.filePath(QStringLiteral("repo"));
        const QString problem = makeRepository(m_repository);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // Each test edits a fresh store holding one set (and a second one, for name clashes).
    void init()
    {
        QFile::remove(m_dir.filePath(QStringLiteral("sets.json")));
        m_store = std::make_unique<SetStore>(m_dir.filePath(QStringLiteral("sets.json")));
        QVERIFY(m_store->load().ok());
        BackupSet set = presets::homeFolder(QDir::homePath());
        set.repository = m_repository;
        set.passwordStorage = PasswordStorage::AskEachTime;
        auto id = m_store->add(set);
        QVERIFY(id.ok());
        m_set = *m_store->find(*id);
        BackupSet other = presets::documents();
        other.name = QStringLiteral("Other");
        other.repository = m_repository;
        QVERIFY(m_store->add(other).ok());
    }

    void savesScheduleAndExcludes()
    {
        SetEditor editor(*m_store, m_set);
        QSignalSpy changed(&editor, &SetEditor::setChanged);
        editor.show();
        auto *mode = editor.findChild<QComboBox *>(QStringLiteral("scheduleMode"));
        mode->setCurrentIndex(mode->findData(int(Schedule::Mode::Weekly)));
        auto *weekday = editor.findChild<QComboBox *>(QStringLiteral("scheduleWeekday"));
        weekday->setCurrentIndex(weekday->findData(int(Qt::Friday)));
        editor.findChild<QTimeEdit *>(QStringLiteral("scheduleTime"))->setTime(QTime(8, 15));
        appendLine(editor.findChild<QPlainTextEdit *>(QStringLiteral("excludes")), QStringLiteral("*.iso"));
        editor.findChild<QSpinBox *>(QStringLiteral("keepLast"))->setValue(5);
        auto *fullEvery = editor.findChild<QSpinBox *>(QStringLiteral("fullEveryDays"));
        fullEvery->setValue(0);
        QCOMPARE(fullEvery->text(), QStringLiteral("never"));
        clickOk(editor);

        QCOMPARE(changed.count(), 1);
        QCOMPARE(editor.result(), int(QDialog::Accepted));
        const BackupSet saved = *m_store->find(m_set.id);
        QCOMPARE(changed.at(0).at(0).value<BackupSet>(), saved);
        QCOMPARE(saved.schedule.mode, Schedule::Mode::Weekly);
        QCOMPARE(saved.schedule.weekday, int(Qt::Friday));
        QCOMPARE(saved.schedule.at, QTime(8, 15));
        QCOMPARE(saved.excludes, m_set.excludes + QStringList{QStringLiteral("*.iso")});
        QCOMPARE(saved.retention.keepLast, 5);
        QCOMPARE(saved.kindPolicy.fullEveryDays, 0);
        // What was not touched is kept exactly.
        QCOMPARE(saved.retention.keepDaily, m_set.retention.keepDaily);
        QCOMPARE(saved.maxFileSize, m_set.maxFileSize);
        QCOMPARE(saved.sources, m_set.sources);

        SetStore reread(m_store->path());
        QVERIFY(reread.load().ok());
        QCOMPARE(*reread.find(m_set.id), saved);
    }

    // The Keep tab edits every rule and previews them on the set's versions as they are typed.
    void keepTabPreviewsTheRulesOnTheVersions()
    {
        SetEditor editor(*m_store, m_set);
        QSignalSpy changed(&editor, &SetEditor::setChanged);
        editor.show();
        showTab(editor, QStringLiteral("&Keep"));
        RetentionEditor *keep = editor.retentionEditor();
        QSignalSpy previews(keep, &RetentionEditor::previewUpdated);
        // Ten versions a day apart, the newest an hour old; one of them pinned.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<Snapshot> versions;
        for (int i = 0; i < 10; ++i) {
            Snapshot v;
            v.id = QStringLiteral("%1").arg(i, 64, 10, QLatin1Char('0'));
            v.set = m_set.name;
            v.host = QStringLiteral("desk");
            v.time = now.addSecs(-3600).addDays(-i);
            if (i == 7)
                v.tags = {kPinnedTag};
            versions << v;
        }
        editor.setVersions(versions);
        QVERIFY(previews.wait(10000));
        QCOMPARE(keep->preview().size(), 10);

        // Only the last three, and the pinned one: six go, and the list and summary say so.
        keep->setPolicy(RetentionPolicy{}, true, 24);
        auto *last = editor.findChild<QSpinBox *>(QStringLiteral("keepLast"));
        last->setFocus();
        last->selectAll();
        QTest::keyClicks(last, QStringLiteral("3"));
        QTRY_VERIFY(!keep->previewPending() && keep->policy().keepLast == 3);
        const auto removed = [keep] {
            QStringList ids;
            for (const RetentionDecision &d : keep->preview())
                if (!d.keep)
                    ids << d.id.right(1);
            ids.sort();
            return ids;
        };
        QCOMPARE(removed(), (QStringList{"3", "4", "5", "6", "8", "9"}));
        QVERIFY2(editor.findChild<QLabel *>(QStringLiteral("previewSummary"))
                     ->text()
                     .contains(QStringLiteral("4 of 10")),
                 qPrintable(editor.findChild<QLabel *>(QStringLiteral("previewSummary"))->text()));
        auto *list = editor.findChild<QTreeWidget *>(QStringLiteral("preview"));
        QCOMPARE(list->topLevelItemCount(), 10);
        QCOMPARE(list->topLevelItem(7)->text(2), QStringLiteral("kept"));
        QVERIFY(list->topLevelItem(7)->text(3).contains(QStringLiteral("pinned")));
        QCOMPARE(list->topLevelItem(8)->text(2), QStringLiteral("removed"));

        // Every version within three and a half days of the newest keeps one more.
        auto *within = editor.findChild<QLineEdit *>(QStringLiteral("keepWithin"));
        QTest::keyClicks(within, QStringLiteral("3d12h"));
        QTRY_COMPARE(removed(), (QStringList{"4", "5", "6", "8", "9"}));

        // A bad duration is said, and OK refuses it.
        within->clear();
        QTest::keyClicks(within, QStringLiteral("4x"));
        clickOk(editor);
        QCOMPARE(changed.count(), 0);
        QVERIFY2(editor.problem().contains(QStringLiteral("4x")), qPrintable(editor.problem()));

        // The Time Machine preset fills the fields; what is saved is the whole policy.
        QTest::mouseClick(editor.findChild<QPushButton *>(QStringLiteral("timeMachine")), Qt::LeftButton);
        QCOMPARE(editor.findChild<QSpinBox *>(QStringLiteral("keepWeekly"))->text(), QStringLiteral("all"));
        QCOMPARE(within->text(), QStringLiteral("24h"));
        QTRY_VERIFY(!keep->previewPending());
        QCOMPARE(removed(), QStringList{}); // one a day for a month keeps all ten
        editor.findChild<QSpinBox *>(QStringLiteral("keepYearly"))->setValue(4);
        editor.findChild<QLineEdit *>(QStringLiteral("keepTags"))
            ->setText(QStringLiteral("release, important"));
        editor.findChild<QSpinBox *>(QStringLiteral("safetyDays"))->setValue(12);
        editor.findChild<QCheckBox *>(QStringLiteral("autoPrune"))->setChecked(false);
        clickOk(editor);
        QCOMPARE(changed.count(), 1);
        const BackupSet saved = *m_store->find(m_set.id);
        RetentionPolicy expected = RetentionPolicy::timeMachine();
        expected.keepYearly = 4;
        expected.keepTags = QStringList{QStringLiteral("release"), QStringLiteral("important")};
        expected.safetyDays = 12;
        QCOMPARE(saved.retention, expected);
        QVERIFY(!saved.autoPrune);
        QCOMPARE(saved.pruneEveryHours, 24);
    }

    void refusesABadPattern()
    {
        SetEditor editor(*m_store, m_set);
        QSignalSpy changed(&editor, &SetEditor::setChanged);
        editor.show();
        showTab(editor, QStringLiteral("E&xclusions"));
        auto *excludes = editor.findChild<QPlainTextEdit *>(QStringLiteral("excludes"));
        appendLine(excludes, QStringLiteral("/"));
        const int badLine = excludes->toPlainText().split(QLatin1Char('\n')).size();
        auto *inline_ = editor.findChild<QLabel *>(QStringLiteral("excludesProblem"));
        QVERIFY(inline_->isVisible());
        QVERIFY2(inline_->text().contains(QStringLiteral("Line %1").arg(badLine)),
                 qPrintable(inline_->text()));

        clickOk(editor);
        QCOMPARE(changed.count(), 0);
        QVERIFY(editor.isVisible());
        QVERIFY2(editor.problem().contains(QLatin1String("not a valid pattern")),
                 qPrintable(editor.problem()));
        QCOMPARE(*m_store->find(m_set.id), m_set);

        // Fixing it clears the inline message and OK goes through.
        QTest::keyClick(excludes, Qt::Key_Backspace);
        QTest::keyClicks(excludes, QStringLiteral("/tmp/big"));
        QVERIFY(!inline_->isVisible());
        clickOk(editor);
        QCOMPARE(changed.count(), 1);
        QVERIFY(m_store->find(m_set.id)->excludes.contains(QStringLiteral("/tmp/big")));
    }

    void refusesEmptyNameAndNameClash()
    {
        SetEditor editor(*m_store, m_set);
        editor.show();
        auto *name = editor.findChild<QLineEdit *>(QStringLiteral("name"));
        name->clear();
        clickOk(editor);
        QVERIFY2(editor.problem().contains(QLatin1String("no name")), qPrintable(editor.problem()));
        QTest::keyClicks(name, QStringLiteral("other"));
        clickOk(editor);
        QVERIFY(editor.isVisible());
        QVERIFY2(!editor.problem().isEmpty(), "a name clash must be reported");
        QCOMPARE(m_store->find(m_set.id)->name, m_set.name);
    }

    void movesThePasswordIntoAFile()
    {
        SetEditor editor(*m_store, m_set);
        QSignalSpy changed(&editor, &SetEditor::setChanged);
        editor.show();
        showTab(editor, QStringLiteral("&Password"));
        auto *password = editor.findChild<QLineEdit *>(QStringLiteral("password"));
        QVERIFY(!password->isVisible());
        choose(editor.findChild<QRadioButton *>(QStringLiteral("storeFile")));
        QVERIFY(password->isVisible());
        const QString file = m_dir.filePath(QStringLiteral("secret/pw"));
        editor.findChild<QLineEdit *>(QStringLiteral("passwordFile"))->setText(file);

        // No password, then a wrong one: refused inline, nothing written.
        clickOk(editor);
        QVERIFY2(editor.problem().contains(QLatin1String("Type the repository")),
                 qPrintable(editor.problem()));
        QTest::keyClicks(password, QStringLiteral("wrong"));
        clickOk(editor);
        QTRY_VERIFY_WITH_TIMEOUT(!editor.isBusy(), 30000);
        QVERIFY2(editor.problem().contains(QLatin1String("does not open")), qPrintable(editor.problem()));
        QVERIFY(!QFile::exists(file));
        QCOMPARE(changed.count(), 0);

        password->clear();
        QTest::keyClicks(password, Password);
        clickOk(editor);
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 30000);
        const BackupSet saved = *m_store->find(m_set.id);
        QCOMPARE(saved.passwordStorage, PasswordStorage::File);
        QCOMPARE(saved.passwordFile, file);
        struct stat st
        {};
        QCOMPARE(::stat(QFile::encodeName(file).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QCOMPARE(*PasswordFile::read(file), Password);
    }

    void keychainAbsentIsSaidAndRefused()
    {
        SetEditor editor(*m_store, m_set);
        editor.show();
        showTab(editor, QStringLiteral("&Password"));
        choose(editor.findChild<QRadioButton *>(QStringLiteral("storeKeychain")));
        PasswordStorageChooser *chooser = editor.passwordChooser();
        QTRY_COMPARE_WITH_TIMEOUT(chooser->keychainState(),
                                  PasswordStorageChooser::KeychainState::Unavailable, 20000);
        QVERIFY(!editor.findChild<QRadioButton *>(QStringLiteral("storeKeychain"))->isChecked());
        QVERIFY(editor.findChild<QLabel *>(QStringLiteral("keychainStatus"))->isVisible());
        clickOk(editor);
        QVERIFY(editor.isVisible());
        QVERIFY2(editor.problem().contains(QLatin1String("No keychain")), qPrintable(editor.problem()));
        QCOMPARE(*m_store->find(m_set.id), m_set);
    }

    void otclientCategoriesRebuildExcludes()
    {
        const QString folder = m_dir.filePath(QStringLiteral("home/.otclient"));
        QVERIFY(QDir().mkpath(folder));
        auto made = presets::otclient(folder);
        QVERIFY(made.ok());
        BackupSet set = *made;
        set.repository = m_repository;
        set.passwordStorage = PasswordStorage::AskEachTime;
        set.excludes.append(QStringLiteral("*.bak")); // the user's own
        QVERIFY(m_store->add(set).ok());

        SetEditor editor(*m_store, set);
        QSignalSpy changed(&editor, &SetEditor::setChanged);
        editor.show();
        auto *logs = editor.findChild<QCheckBox *>(QStringLiteral("otclient_logs"));
        auto *modules = editor.findChild<QCheckBox *>(QStringLiteral("otclient_modules"));
        QVERIFY(logs && modules);
        QVERIFY(!logs->isChecked());
        QVERIFY(modules->isChecked());
        QVERIFY(!editor.findChild<QCheckBox *>(QStringLiteral("otclient_cache"))->isEnabled());
        choose(logs);
        choose(modules);
        const auto expected = presets::OtclientCategories(presets::OtclientCategory::Settings) |
                              presets::OtclientCategory::Characters | presets::OtclientCategory::Logs;
        const QStringList excludes = editor.findChild<QPlainTextEdit *>(QStringLiteral("excludes"))
                                         ->toPlainText()
                                         .split(QLatin1Char('\n'));
        QCOMPARE(excludes,
                 presets::otclient(folder, expected)->excludes + QStringList{QStringLiteral("*.bak")});
        clickOk(editor);
        QCOMPARE(changed.count(), 1);
        const BackupSet saved = *m_store->find(set.id);
        QCOMPARE(presets::otclientCategoriesOf(saved), expected);
        QCOMPARE(saved.excludes, excludes);
    }
};

int main(int argc, char **argv)
{
    QTemporaryDir home;
    qputenv("HOME", QFile::encodeName(home.path()));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral(".local/share"))));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral(".config"))));
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/strata-bus");
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("strata"));
    TestSetEditor test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_seteditor.moc"
