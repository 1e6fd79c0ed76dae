// The setup assistant, offscreen, in a throw-away HOME with no keychain: it
// creates a real repository and a set through every page, keeps the password
// where it was told, refuses a wrong password for an existing repository, and
// offers OTClient when a client folder exists.
#include "PasswordDialog.h"
#include "PasswordStorageChooser.h"
#include "profiles/Presets.h"
#include "profiles/SetStore.h"
#include "repo/Repository.h"
#include "schedule/Clock.h"
#include "ScheduleEditor.h"
#include "secrets/PasswordFile.h"
#include "SetupAssistant.h"
#include "SetupAssistantPages.h"
#include "storage/Backend.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimeEdit>
#include <QtTest>

#include <sys/stat.h>

using namespace strata;

namespace {

const QString Password = QStringLiteral("correct horse battery staple");

QTemporaryDir *g_home = nullptr; // HOME and the XDG folders of the whole run

void clickNext(QWizard &wizard)
{
    QAbstractButton *next = wizard.button(
        wizard.currentId() == SetupAssistant::SummaryId ? QWizard::FinishButton : QWizard::NextButton);
    QTRY_VERIFY2(next->isEnabled(),
                 qPrintable(QStringLiteral("Next is disabled on page %1").arg(wizard.currentId())));
    QTest::mouseClick(next, Qt::LeftButton);
}

// Clicks a radio button or check box on its indicator: a click elsewhere on a
// wide button misses it, as it would for a user.
void choose(QAbstractButton *button)
{
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(6, button->height() / 2));
}

// Stops the test at the first page that does not let it go on.
#define NEXT(wizard)                                                                                         \
    do {                                                                                                     \
        clickNext(wizard);                                                                                   \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (0)

template <typename T>
T *child(QWidget &parent, const QString &name)
{
    T *w = parent.findChild<T *>(name);
    if (!w)
        qWarning() << "no child" << name;
    return w;
}

void type(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

// Creates a repository through core, with a cheap key derivation: these tests
// are not about Argon2's cost.
QString makeRepository(const QString &path, const QString &password)
{
    auto backend = openBackend(path);
    if (!backend)
        return backend.error().message;
    Repository::InitOptions options;
    options.kdf = KdfParams{1, 8ull << 20};
    auto repo = Repository::init(std::move(*backend), password, options);
    return repo ? QString() : repo.error().message;
}

// Everything the summary page says, paths whole (a PathLabel shows them
// elided).
QString summaryText(SetupAssistant &wizard)
{
    QStringList texts;
    for (QLabel *label : wizard.summaryPage()->findChildren<QLabel *>()) {
        if (auto *path = qobject_cast<PathLabel *>(label))
            texts << path->path();
        else
            texts << label->text();
    }
    return texts.join(QLatin1Char('\n'));
}

QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class TestSetupAssistant final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString storePath(const QString &name) const
    {
        return m_dir.filePath(name + QStringLiteral("/sets.json"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCOMPARE(QDir::homePath(), g_home->path());
        QVERIFY(QDir().mkpath(QDir::home().filePath(QStringLiteral("Documents"))));
    }

    void welcomePageSaysWhatStrataDoes()
    {
        SetStore store(storePath(QStringLiteral("welcome")));
        QVERIFY(store.load().ok());
        SetupAssistant wizard(store);
        wizard.show();
        QCOMPARE(wizard.currentId(), int(SetupAssistant::WelcomeId));
        auto *what = child<QLabel>(wizard, QStringLiteral("welcomeWhat"));
        auto *when = child<QLabel>(wizard, QStringLiteral("welcomeWhen"));
        QVERIFY(what && when);
        QVERIFY(what->isVisible() && when->isVisible());
        QVERIFY2(what->text().contains(QLatin1String("folders")) &&
                     what->text().contains(QLatin1String("encrypted")),
                 qPrintable(what->text()));
        QVERIFY2(when->text().contains(QLatin1String("schedule")), qPrintable(when->text()));
    }

    void summarySaysWhenTheFirstBackupRuns()
    {
        const QDateTime now(QDate::currentDate(), QTime(13, 0));
        Schedule daily;
        daily.mode = Schedule::Mode::Daily;
        // A new set has never run, and the scheduler runs such a set at once,
        // before its slot or after it (ScheduleRule::nextRunAfter): the summary
        // says so either way.
        daily.at = QTime(9, 0);
        QCOMPARE(SummaryPage::firstBackupText(daily, now),
                 QStringLiteral("The first backup starts as soon as you press Finish."));
        daily.at = QTime(18, 0);
        QCOMPARE(SummaryPage::firstBackupText(daily, now),
                 QStringLiteral("The first backup starts as soon as you press Finish."));
        Schedule manual;
        QVERIFY2(
            SummaryPage::firstBackupText(manual, now).startsWith(QLatin1String("No backup runs on its own")),
            qPrintable(SummaryPage::firstBackupText(manual, now)));
        // A run that lies ahead is named: today by its time, another day by its
        // date too.
        const QDateTime later(now.date(), QTime(14, 0));
        QCOMPARE(SummaryPage::firstBackupText(later, now),
                 QStringLiteral("The first backup runs today at %1.")
                     .arg(QLocale().toString(QTime(14, 0), QLocale::ShortFormat)));
        QVERIFY(SummaryPage::firstBackupText(later.addDays(1), now)
                    .startsWith(QLatin1String("The first backup runs on ")));
        QCOMPARE(SummaryPage::firstBackupText(now, now),
                 QStringLiteral("The first backup starts as soon as you press Finish."));
    }

    void passwordDialogKeepsThePathOnOneLine()
    {
        const QString location = QStringLiteral("/media/ana/Backup disk with a long name/strata/repositories/"
                                                "documents-and-pictures-of-the-family");
        PasswordDialog dialog(PasswordDialog::Mode::Open, location);
        dialog.setKeychainAvailable(false, QStringLiteral("No keychain is available."));
        dialog.resize(360, dialog.sizeHint().height());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        // The sentence wraps; the path is on a line of its own, elided in the
        // middle.
        for (QLabel *label : dialog.findChildren<QLabel *>())
            if (label->wordWrap())
                QVERIFY2(!label->text().contains(QLatin1String("/media/")), qPrintable(label->text()));
        auto *path = dialog.findChild<PathLabel *>(QStringLiteral("location"));
        QVERIFY(path && path->isVisible());
        QVERIFY(!path->wordWrap());
        QCOMPARE(path->toolTip(), location);
        QVERIFY2(path->text().contains(QChar(0x2026)), qPrintable(path->text()));
        QVERIFY(path->text().endsWith(QLatin1String("family")));
        QVERIFY(path->fontMetrics().horizontalAdvance(path->text()) <= path->contentsRect().width());

        // A disabled "remember" box says why, next to it.
        auto *remember = dialog.findChild<QCheckBox *>(QStringLiteral("remember"));
        auto *reason = dialog.findChild<QLabel *>(QStringLiteral("keychainReason"));
        QVERIFY(remember && reason);
        QVERIFY(!remember->isEnabled());
        QVERIFY(!dialog.rememberInKeychain());
        QVERIFY(reason->isVisible());
        QCOMPARE(reason->text(), QStringLiteral("No keychain is available."));
        // Without a reason from the caller the box still explains itself.
        dialog.setKeychainAvailable(false);
        QVERIFY(reason->isVisible());
        QVERIFY(!reason->text().isEmpty());
        dialog.setKeychainAvailable(true);
        QVERIFY(remember->isEnabled());
        QVERIFY(!reason->isVisible());
    }

    void homePresetWithNewRepositoryAndPasswordFile()
    {
        SetStore store(storePath(QStringLiteral("home")));
        QVERIFY(store.load().ok());
        SetupAssistant wizard(store);
        // Later than the 18:30 chosen below, so the day's slot has passed.
        wizard.setClock(std::make_shared<ManualClock>(QDateTime(QDate::currentDate(), QTime(19, 0))));
        QSignalSpy created(&wizard, &SetupAssistant::setCreated);
        wizard.show();
        QCOMPARE(wizard.currentId(), int(SetupAssistant::WelcomeId));
        NEXT(wizard);

        // What: the home folder is the default; no OTClient folder exists in this
        // HOME.
        QCOMPARE(wizard.currentId(), int(SetupAssistant::SourcesId));
        QVERIFY(!wizard.sourcesPage()->otclientOffered());
        QVERIFY(!wizard.findChild<QRadioButton *>(QStringLiteral("presetOtclient")));
        QVERIFY(child<QRadioButton>(wizard, QStringLiteral("presetHome"))->isChecked());
        NEXT(wizard);

        // Where: the default place, in the user's data folder, where nothing exists
        // yet.
        QCOMPARE(wizard.currentId(), int(SetupAssistant::DestinationId));
        QCOMPARE(wizard.destinationPage()->location(), presets::defaultRepository());
        QVERIFY(presets::defaultRepository().startsWith(qEnvironmentVariable("XDG_DATA_HOME")));
        QTRY_VERIFY(!wizard.destinationPage()->isChecking());
        QVERIFY2(wizard.destinationPage()->statusText().contains(QLatin1String("new repository")),
                 qPrintable(wizard.destinationPage()->statusText()));
        QVERIFY(child<QRadioButton>(wizard, QStringLiteral("repositoryNew"))->isChecked());
        NEXT(wizard);
        QCOMPARE(wizard.currentId(), int(SetupAssistant::PasswordId));

        // Password: two that differ keep Next disabled and say so.
        auto *password = child<QLineEdit>(wizard, QStringLiteral("password"));
        auto *confirm = child<QLineEdit>(wizard, QStringLiteral("confirm"));
        QVERIFY(confirm->isVisible());
        type(password, QStringLiteral("abc"));
        QVERIFY2(child<QLabel>(wizard, QStringLiteral("strength"))->text().startsWith(QLatin1String("Weak")),
                 qPrintable(child<QLabel>(wizard, QStringLiteral("strength"))->text()));
        type(confirm, QStringLiteral("abd"));
        QVERIFY(child<QLabel>(wizard, QStringLiteral("mismatch"))->isVisible());
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        type(password, Password);
        type(confirm, Password);
        QVERIFY(!child<QLabel>(wizard, QStringLiteral("mismatch"))->isVisible());
        QCOMPARE(child<QLabel>(wizard, QStringLiteral("strength"))->text(), QStringLiteral("Strong."));
        NEXT(wizard);

        // Where the password is kept: there is no keychain, and the page says so
        // and makes the user choose something else.
        QCOMPARE(wizard.currentId(), int(SetupAssistant::StorageId));
        PasswordStorageChooser *chooser = wizard.storagePage()->chooser();
        QTRY_COMPARE_WITH_TIMEOUT(chooser->keychainState(),
                                  PasswordStorageChooser::KeychainState::Unavailable, 20000);
        auto *status = child<QLabel>(wizard, QStringLiteral("keychainStatus"));
        QVERIFY(status->isVisible());
        QVERIFY2(status->text().contains(QLatin1String("No keychain is available")),
                 qPrintable(status->text()));
        auto *keychain = child<QRadioButton>(wizard, QStringLiteral("storeKeychain"));
        QVERIFY(!keychain->isEnabled());
        QVERIFY(!keychain->isChecked());
        QVERIFY(!chooser->storage());
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        choose(child<QRadioButton>(wizard, QStringLiteral("storeFile")));
        QCOMPARE(chooser->storage(), std::optional(PasswordStorage::File));
        const QString file = chooser->passwordFile();
        // The default file is long (it is named after the set); the field shows it
        // whole.
        auto *fileEdit = child<QLineEdit>(wizard, QStringLiteral("passwordFile"));
        QTRY_VERIFY2(fileEdit->width() > fileEdit->fontMetrics().horizontalAdvance(file) + 8,
                     qPrintable(QString::number(fileEdit->width())));
        QVERIFY2(
            file.startsWith(qEnvironmentVariable("XDG_CONFIG_HOME") + QStringLiteral("/strata/passwords/")),
            qPrintable(file));
        NEXT(wizard);

        // When: daily by default.
        QCOMPARE(wizard.currentId(), int(SetupAssistant::ScheduleId));
        QCOMPARE(wizard.schedulePage()->editor()->schedule().mode, Schedule::Mode::Daily);
        auto *time = child<QTimeEdit>(wizard, QStringLiteral("scheduleTime"));
        QVERIFY(time->isVisible());
        QVERIFY(!child<QSpinBox>(wizard, QStringLiteral("scheduleHours"))->isVisible());
        time->setTime(QTime(18, 30));
        NEXT(wizard);

        QCOMPARE(wizard.currentId(), int(SetupAssistant::SummaryId));
        const QString summary = summaryText(wizard);
        QVERIFY2(summary.contains(QDir::homePath()), qPrintable(summary));
        QVERIFY2(summary.contains(file), qPrintable(summary));
        // Paths are whole or elided on one line, never wrapped.
        for (PathLabel *path : wizard.summaryPage()->findChildren<PathLabel *>()) {
            QVERIFY(!path->wordWrap());
            QCOMPARE(path->toolTip(), path->path());
        }
        QCOMPARE(child<QLabel>(wizard, QStringLiteral("firstBackup"))->text(),
                 QStringLiteral("The first backup starts as soon as you press Finish."));
        NEXT(wizard); // Finish
        // Busy creating the repository: Cancel is disabled and Escape does not
        // close.
        QVERIFY(wizard.summaryPage()->isBusy());
        QVERIFY(!wizard.button(QWizard::CancelButton)->isEnabled());
        QVERIFY(!wizard.button(QWizard::BackButton)->isEnabled());
        QTest::keyClick(&wizard, Qt::Key_Escape);
        QVERIFY(wizard.isVisible());

        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 60000);
        QCOMPARE(wizard.result(), int(QDialog::Accepted));
        QVERIFY(!wizard.isVisible());
        const BackupSet set = wizard.createdSet();
        QCOMPARE(created.at(0).at(0).value<BackupSet>(), set);
        QCOMPARE(set.preset, QStringLiteral("home"));
        QCOMPARE(set.sources, QStringList{QDir::homePath()});
        QCOMPARE(set.repository, presets::defaultRepository());
        QCOMPARE(set.passwordStorage, PasswordStorage::File);
        QCOMPARE(set.passwordFile, file);
        QCOMPARE(set.schedule.mode, Schedule::Mode::Daily);
        QCOMPARE(set.schedule.at, QTime(18, 30));

        // The repository exists and opens with the password.
        auto repo = Repository::open(set.repository, Password);
        QVERIFY2(repo.ok(), repo.ok() ? "" : qPrintable(repo.error().message));

        // The store on disk holds the set, without the password.
        SetStore reread(store.path());
        QVERIFY(reread.load().ok());
        QCOMPARE(reread.sets().size(), 1);
        QCOMPARE(*reread.find(set.id), set);
        QVERIFY(!readAll(store.path()).contains(Password));

        // The file is private and its password opens the repository.
        struct stat st
        {};
        QCOMPARE(::stat(QFile::encodeName(file).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        auto fromFile = PasswordFile::read(file);
        QVERIFY2(fromFile.ok(), fromFile.ok() ? "" : qPrintable(fromFile.error().message));
        QVERIFY(Repository::open(set.repository, *fromFile).ok());
    }

    void refusesUnusableDestinations()
    {
        SetStore store(storePath(QStringLiteral("destinations")));
        QVERIFY(store.load().ok());
        SetupAssistant wizard(store);
        wizard.show();
        NEXT(wizard);
        NEXT(wizard);
        QCOMPARE(wizard.currentId(), int(SetupAssistant::DestinationId));
        auto *path = child<QLineEdit>(wizard, QStringLiteral("destinationPath"));

        // A folder with other files is not a place for a new repository.
        const QString busy = m_dir.filePath(QStringLiteral("busy"));
        QVERIFY(QDir().mkpath(busy));
        QFile other(busy + QStringLiteral("/notes.txt"));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.close();
        type(path, busy);
        QVERIFY(child<QRadioButton>(wizard, QStringLiteral("destinationOther"))->isChecked());
        QTRY_VERIFY(wizard.destinationPage()->statusText().contains(QLatin1String("other files")));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());

        // A file is not a folder.
        type(path, other.fileName());
        QTRY_VERIFY(wizard.destinationPage()->statusText().contains(QLatin1String("not a folder")));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());

        // Below a file nothing can be created.
        type(path, other.fileName() + QStringLiteral("/repo"));
        QTRY_VERIFY(wizard.destinationPage()->statusText().contains(QLatin1String("cannot write")));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());

        // An existing repository is recognised, and "new" there is refused.
        const QString existing = m_dir.filePath(QStringLiteral("existing-dest"));
        QVERIFY(makeRepository(existing, Password).isEmpty());
        type(path, existing);
        QTRY_VERIFY(
            wizard.destinationPage()->statusText().contains(QLatin1String("holds a Strata repository")));
        QVERIFY(child<QRadioButton>(wizard, QStringLiteral("repositoryExisting"))->isChecked());
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        choose(child<QRadioButton>(wizard, QStringLiteral("repositoryNew")));
        QVERIFY2(wizard.destinationPage()->statusText().contains(QLatin1String("already holds")),
                 qPrintable(wizard.destinationPage()->statusText()));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());

        // "Connect" where there is no repository is refused too.
        const QString fresh = m_dir.filePath(QStringLiteral("fresh/repo"));
        type(path, fresh);
        QTRY_VERIFY(!wizard.destinationPage()->isChecking());
        QVERIFY(child<QRadioButton>(wizard, QStringLiteral("repositoryNew"))->isChecked());
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        choose(child<QRadioButton>(wizard, QStringLiteral("repositoryExisting")));
        QVERIFY(wizard.destinationPage()->statusText().contains(QLatin1String("no Strata repository")));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    }

    void existingRepositoryWrongPasswordStays()
    {
        const QString location = m_dir.filePath(QStringLiteral("existing"));
        QVERIFY(makeRepository(location, Password).isEmpty());
        auto config = Repository::readConfig(**openBackend(location));
        QVERIFY(config.ok());

        SetStore store(storePath(QStringLiteral("existing")));
        QVERIFY(store.load().ok());
        SetupAssistant wizard(store);
        QSignalSpy created(&wizard, &SetupAssistant::setCreated);
        wizard.show();
        NEXT(wizard);
        choose(child<QRadioButton>(wizard, QStringLiteral("presetDocuments")));
        NEXT(wizard);
        type(child<QLineEdit>(wizard, QStringLiteral("destinationPath")), location);
        QTRY_VERIFY(!wizard.destinationPage()->isChecking());
        // It says which repository it found.
        QVERIFY2(wizard.destinationPage()->statusText().contains(config->id.left(8)),
                 qPrintable(wizard.destinationPage()->statusText()));
        NEXT(wizard);

        QCOMPARE(wizard.currentId(), int(SetupAssistant::PasswordId));
        QVERIFY(!child<QLineEdit>(wizard, QStringLiteral("confirm"))->isVisible());
        auto *password = child<QLineEdit>(wizard, QStringLiteral("password"));
        type(password, QStringLiteral("not the password"));
        NEXT(wizard);
        QTRY_VERIFY_WITH_TIMEOUT(!wizard.passwordPage()->problem().isEmpty(), 30000);
        QVERIFY2(wizard.passwordPage()->problem().contains(QLatin1String("does not open")),
                 qPrintable(wizard.passwordPage()->problem()));
        QCOMPARE(wizard.currentId(), int(SetupAssistant::PasswordId));

        type(password, Password);
        QVERIFY(wizard.passwordPage()->problem().isEmpty());
        NEXT(wizard);
        QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(SetupAssistant::StorageId), 30000);
        choose(child<QRadioButton>(wizard, QStringLiteral("storeAsk")));
        NEXT(wizard);
        auto *mode = child<QComboBox>(wizard, QStringLiteral("scheduleMode"));
        mode->setCurrentIndex(mode->findData(int(Schedule::Mode::EveryHours)));
        child<QSpinBox>(wizard, QStringLiteral("scheduleHours"))->setValue(6);
        NEXT(wizard);
        QCOMPARE(wizard.currentId(), int(SetupAssistant::SummaryId));
        QVERIFY2(summaryText(wizard).contains(QLatin1String("Existing repository")),
                 qPrintable(summaryText(wizard)));
        NEXT(wizard);
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 30000);

        const BackupSet set = wizard.createdSet();
        QCOMPARE(set.repository, QDir::cleanPath(location));
        QCOMPARE(set.passwordStorage, PasswordStorage::AskEachTime);
        QVERIFY(set.passwordFile.isEmpty());
        QCOMPARE(set.schedule.mode, Schedule::Mode::EveryHours);
        QCOMPARE(set.schedule.hours, 6);
        QVERIFY(store.find(set.id).has_value());
        // Connecting made no second repository: the one there still has its id.
        QCOMPARE(Repository::readConfig(**openBackend(location))->id, config->id);
    }

    void readOnlyStoreIsReportedOnTheSummary()
    {
        const QString path = storePath(QStringLiteral("newer"));
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile newer(path);
        QVERIFY(newer.open(QIODevice::WriteOnly));
        newer.write(R"({"format": 99, "sets": []})");
        newer.close();
        SetStore store(path);
        QVERIFY(!store.load().ok());
        QVERIFY(store.isReadOnly());

        const QString location = m_dir.filePath(QStringLiteral("readonly-repo"));
        SetupAssistant wizard(store);
        QSignalSpy created(&wizard, &SetupAssistant::setCreated);
        wizard.show();
        NEXT(wizard);
        NEXT(wizard);
        type(child<QLineEdit>(wizard, QStringLiteral("destinationPath")), location);
        NEXT(wizard);
        type(child<QLineEdit>(wizard, QStringLiteral("password")), Password);
        type(child<QLineEdit>(wizard, QStringLiteral("confirm")), Password);
        NEXT(wizard);
        QTRY_VERIFY(wizard.storagePage()->chooser()->keychainState() ==
                    PasswordStorageChooser::KeychainState::Unavailable);
        choose(child<QRadioButton>(wizard, QStringLiteral("storeAsk")));
        NEXT(wizard);
        NEXT(wizard);
        QCOMPARE(wizard.currentId(), int(SetupAssistant::SummaryId));
        NEXT(wizard);
        QTRY_VERIFY(!wizard.summaryPage()->problem().isEmpty());
        QVERIFY2(wizard.summaryPage()->problem().contains(QLatin1String("newer version")),
                 qPrintable(wizard.summaryPage()->problem()));
        QVERIFY(wizard.isVisible());
        QCOMPARE(wizard.currentId(), int(SetupAssistant::SummaryId));
        QCOMPARE(created.count(), 0);
        QVERIFY(!QFile::exists(location)); // nothing was created behind the message
        QCOMPARE(readAll(path), QStringLiteral(R"({"format": 99, "sets": []})"));
    }

    void otclientPresetWhenAClientFolderExists()
    {
        const QString folder = QDir::home().filePath(QStringLiteral(".otclient"));
        QVERIFY(QDir().mkpath(folder));
        QFile config(folder + QStringLiteral("/config.otml"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("Settings\n");
        config.close();
        auto cleanup = qScopeGuard([&] { QDir(folder).removeRecursively(); });

        SetStore store(storePath(QStringLiteral("otclient")));
        QVERIFY(store.load().ok());
        SetupAssistant wizard(store);
        QSignalSpy created(&wizard, &SetupAssistant::setCreated);
        wizard.show();
        NEXT(wizard);
        QVERIFY(wizard.sourcesPage()->otclientOffered());
        auto *otclient = child<QRadioButton>(wizard, QStringLiteral("presetOtclient"));
        QVERIFY(otclient && otclient->isVisible());
        QVERIFY(!child<QWidget>(wizard, QStringLiteral("otclientPanel"))->isVisible());
        choose(otclient);
        QVERIFY(child<QWidget>(wizard, QStringLiteral("otclientPanel"))->isVisible());

        // Each category with its description; logs off; cache shown but never
        // chosen.
        for (const presets::OtclientCategoryInfo &info : presets::otclientCategories()) {
            auto *box = child<QCheckBox>(wizard, QStringLiteral("otclient_") + info.key);
            QVERIFY2(box, qPrintable(info.key));
            QVERIFY(box->text().contains(info.description));
            QCOMPARE(box->isChecked(), info.selectable && info.defaultOn);
            QCOMPARE(box->isEnabled(), info.selectable);
        }
        auto *logs = child<QCheckBox>(wizard, QStringLiteral("otclient_logs"));
        QVERIFY(!logs->isChecked());
        QVERIFY(child<QCheckBox>(wizard, QStringLiteral("otclient_cache"))
                    ->text()
                    .contains(QLatin1String("always left out")));
        auto *warning = child<QLabel>(wizard, QStringLiteral("otclientWarning"));
        QVERIFY(warning->isVisible());
        QCOMPARE(warning->text(), presets::otclientCredentialsWarning());

        // No category at all cannot go on.
        const QStringList selectable{QStringLiteral("settings"), QStringLiteral("characters"),
                                     QStringLiteral("modules")};
        for (const QString &key : selectable)
            child<QCheckBox>(wizard, QStringLiteral("otclient_") + key)->setChecked(false);
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        child<QCheckBox>(wizard, QStringLiteral("otclient_settings"))->setChecked(true);
        choose(logs);
        NEXT(wizard);

        type(child<QLineEdit>(wizard, QStringLiteral("destinationPath")),
             m_dir.filePath(QStringLiteral("ot-repo")));
        NEXT(wizard);
        type(child<QLineEdit>(wizard, QStringLiteral("password")), Password);
        type(child<QLineEdit>(wizard, QStringLiteral("confirm")), Password);
        NEXT(wizard);
        choose(child<QRadioButton>(wizard, QStringLiteral("storeAsk")));
        NEXT(wizard);
        NEXT(wizard);
        NEXT(wizard);
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 60000);

        const BackupSet set = wizard.createdSet();
        QCOMPARE(set.preset, QStringLiteral("otclient"));
        QCOMPARE(set.sources, QStringList{QDir::cleanPath(folder)});
        QCOMPARE(presets::otclientCategoriesOf(set),
                 presets::OtclientCategories(presets::OtclientCategory::Settings) |
                     presets::OtclientCategory::Logs);
        QCOMPARE(set.excludes, presets::otclient(folder, presets::otclientCategoriesOf(set))->excludes);
    }

    // A first-time user on the defaults: the interactions it takes from the welcome page to a
    // created set whose first backup starts, counted, so a later change cannot quietly make the
    // first run longer. Without a keychain (as here) the password file must be chosen: one more
    // than on a desktop with one.
    void firstRunInTenInteractions()
    {
        QVERIFY(QDir(presets::defaultRepository()).removeRecursively()); // left by an earlier test
        SetStore store(storePath(QStringLiteral("first-run")));
        QVERIFY(store.load().ok());
        SetupAssistant wizard(store);
        QSignalSpy created(&wizard, &SetupAssistant::setCreated);
        wizard.show();
        int interactions = 0;
        QStringList steps;
        const auto next = [&](const QString &page) {
            clickNext(wizard);
            steps << QStringLiteral("%1. Next on %2").arg(++interactions).arg(page);
        };
        next(QStringLiteral("Welcome"));
        next(QStringLiteral("What"));
        QTRY_VERIFY(!wizard.destinationPage()->isChecking());
        next(QStringLiteral("Where"));
        QCOMPARE(wizard.currentId(), int(SetupAssistant::PasswordId));
        type(child<QLineEdit>(wizard, QStringLiteral("password")), Password);
        steps << QStringLiteral("%1. type the password").arg(++interactions);
        type(child<QLineEdit>(wizard, QStringLiteral("confirm")), Password);
        steps << QStringLiteral("%1. type it again").arg(++interactions);
        next(QStringLiteral("Password"));
        QTRY_COMPARE_WITH_TIMEOUT(wizard.storagePage()->chooser()->keychainState(),
                                  PasswordStorageChooser::KeychainState::Unavailable, 20000);
        choose(child<QRadioButton>(wizard, QStringLiteral("storeFile")));
        steps << QStringLiteral("%1. keep it in a file").arg(++interactions);
        next(QStringLiteral("Password storage"));
        next(QStringLiteral("When"));
        QCOMPARE(wizard.currentId(), int(SetupAssistant::SummaryId));
        clickNext(wizard); // Finish
        steps << QStringLiteral("%1. Finish").arg(++interactions);
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 60000);
        qInfo("%s", qPrintable(steps.join(QStringLiteral("; "))));
        QVERIFY2(interactions <= 10, qPrintable(steps.join(QLatin1Char('\n'))));
        QVERIFY(QDir(presets::defaultRepository()).removeRecursively());
    }
};

int main(int argc, char **argv)
{
    // A throw-away HOME and XDG folders before anything reads them; no session
    // bus, so no keychain (CMake sets DBUS_SESSION_BUS_ADDRESS too, this keeps a
    // direct run honest).
    QTemporaryDir home;
    g_home = &home;
    qputenv("HOME", QFile::encodeName(home.path()));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral(".local/share"))));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral(".config"))));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(home.filePath(QStringLiteral(".cache"))));
    qputenv("XDG_DOCUMENTS_DIR", QFile::encodeName(home.filePath(QStringLiteral("Documents"))));
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/strata-bus");
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("strata"));
    TestSetupAssistant test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_setupassistant.moc"
