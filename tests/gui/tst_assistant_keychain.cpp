// The setup assistant against a real Secret Service: gnome-keyring on a private session bus,
// in a throw-away HOME (tests/packages/run-with-keyring.sh sets both up). The password of a
// new repository lands in the keyring, and so does one the set editor moves there; a keyring
// locked before Finish, or already locked when the page is shown, is said plainly and the
// user picks another place for the password.
#include "PasswordStorageChooser.h"
#include "profiles/Presets.h"
#include "profiles/SetStore.h"
#include "repo/Repository.h"
#include "secrets/PasswordFile.h"
#include "secrets/SecretStore.h"
#include "SetEditor.h"
#include "SetupAssistant.h"
#include "SetupAssistantPages.h"
#include "storage/Backend.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QtConcurrent>
#include <QTemporaryDir>
#include <QtTest>

using namespace strata;

namespace {

const QString Password = QStringLiteral("correct horse battery staple");

void clickNext(QWizard &wizard)
{
    QAbstractButton *next = wizard.button(
        wizard.currentId() == SetupAssistant::SummaryId ? QWizard::FinishButton : QWizard::NextButton);
    QTRY_VERIFY2(next->isEnabled(),
                 qPrintable(QStringLiteral("Next is disabled on page %1").arg(wizard.currentId())));
    QTest::mouseClick(next, Qt::LeftButton);
}

#define NEXT(wizard)                                                                                         \
    do {                                                                                                     \
        clickNext(wizard);                                                                                   \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (0)

void choose(QAbstractButton *button)
{
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(6, button->height() / 2));
}

void type(QLineEdit *edit, const QString &text)
{
    edit->clear();
    QTest::keyClicks(edit, text);
}

// Walks to the storage page with a new repository in `location`.
void toStoragePage(SetupAssistant &wizard, const QString &location)
{
    wizard.show();
    NEXT(wizard);
    NEXT(wizard);
    type(wizard.findChild<QLineEdit *>(QStringLiteral("destinationPath")), location);
    NEXT(wizard);
    type(wizard.findChild<QLineEdit *>(QStringLiteral("password")), Password);
    type(wizard.findChild<QLineEdit *>(QStringLiteral("confirm")), Password);
    NEXT(wizard);
    QCOMPARE(wizard.currentId(), int(SetupAssistant::StorageId));
}

// Locks the login keyring through the Secret Service's own D-Bus API, as a screen locker would.
QString lockKeyring()
{
    QProcess lock;
    lock.start(QStringLiteral("dbus-send"),
               {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                QStringLiteral("--dest=org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
                QStringLiteral("org.freedesktop.Secret.Service.Lock"),
                QStringLiteral("array:objpath:/org/freedesktop/secrets/collection/login")});
    if (!lock.waitForFinished(20000) || lock.exitCode() != 0)
        return QString::fromLocal8Bit(lock.readAllStandardError());
    return {};
}

Result<QString> readSecret(const QString &key)
{
    // SecretStore's blocking call belongs off the GUI thread.
    return QtConcurrent::run([key] { return SecretStore::read(key); }).result();
}

} // namespace

class TestAssistantKeychain final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariable("STRATA_KEYCHAIN_MODE") == QLatin1String("keyring"),
                 "run it through tests/packages/run-with-keyring.sh keyring");
        QVERIFY(m_dir.isValid());
    }

    void storesThePasswordInTheKeyring()
    {
        SetStore store(m_dir.filePath(QStringLiteral("stored/sets.json")));
        QVERIFY(store.load().ok());
        SetupAssistant wizard(store);
        QSignalSpy created(&wizard, &SetupAssistant::setCreated);
        const QString location = m_dir.filePath(QStringLiteral("stored/repo"));
        toStoragePage(wizard, location);
        if (QTest::currentTestFailed())
            return;

        PasswordStorageChooser *chooser = wizard.storagePage()->chooser();
        QTRY_COMPARE_WITH_TIMEOUT(chooser->keychainState(), PasswordStorageChooser::KeychainState::Available,
                                  20000);
        QVERIFY(wizard.findChild<QRadioButton *>(QStringLiteral("storeKeychain"))->isChecked());
        QVERIFY(!wizard.findChild<QLabel *>(QStringLiteral("keychainStatus"))->isVisible());
        NEXT(wizard);
        NEXT(wizard);
        NEXT(wizard); // Finish
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 60000);

        const BackupSet set = wizard.createdSet();
        QCOMPARE(set.passwordStorage, PasswordStorage::Keychain);
        auto config = Repository::readConfig(**openBackend(location));
        QVERIFY(config.ok());
        auto secret = readSecret(SecretStore::keyForRepository(config->id));
        QVERIFY2(secret.ok(), secret.ok() ? "" : qPrintable(secret.error().message));
        QCOMPARE(*secret, Password);
        QVERIFY(Repository::open(location, *secret).ok());
        // The probe left nothing behind.
        QCOMPARE(readSecret(QStringLiteral("strata:keychain-check")).error().code, ErrorCode::NotFound);
    }

    void editorMovesThePasswordIntoTheKeyring()
    {
        // A set whose password was typed each time moves it into the keyring.
        const QString location = m_dir.filePath(QStringLiteral("editor/repo"));
        {
            auto backend = openBackend(location);
            QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("editor"))));
            QVERIFY(Repository::init(std::move(*backend), Password, {{}, KdfParams{1, 8ull << 20}}).ok());
        }
        SetStore store(m_dir.filePath(QStringLiteral("editor/sets.json")));
        QVERIFY(store.load().ok());
        BackupSet set = presets::documents();
        set.repository = location;
        set.passwordStorage = PasswordStorage::AskEachTime;
        QVERIFY(store.add(set).ok());

        SetEditor editor(store, set);
        QSignalSpy changed(&editor, &SetEditor::setChanged);
        editor.show();
        auto *tabs = editor.findChild<QTabWidget *>();
        tabs->setCurrentIndex(tabs->count() - 1); // Password
        QCOMPARE(tabs->tabText(tabs->currentIndex()), QStringLiteral("&Password"));
        choose(editor.findChild<QRadioButton *>(QStringLiteral("storeKeychain")));
        QTRY_COMPARE_WITH_TIMEOUT(editor.passwordChooser()->keychainState(),
                                  PasswordStorageChooser::KeychainState::Available, 20000);
        QTest::keyClicks(editor.findChild<QLineEdit *>(QStringLiteral("password")), Password);
        QTest::mouseClick(editor.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 30000);
        QCOMPARE(store.find(set.id)->passwordStorage, PasswordStorage::Keychain);
        auto config = Repository::readConfig(**openBackend(location));
        QVERIFY(config.ok());
        auto secret = readSecret(SecretStore::keyForRepository(config->id));
        QVERIFY2(secret.ok(), secret.ok() ? "" : qPrintable(secret.error().message));
        QCOMPARE(*secret, Password);
    }

    void keyringLockedBeforeFinish()
    {
        SetStore store(m_dir.filePath(QStringLiteral("late/sets.json")));
        QVERIFY(store.load().ok());
        SetupAssistant wizard(store);
        QSignalSpy created(&wizard, &SetupAssistant::setCreated);
        const QString location = m_dir.filePath(QStringLiteral("late/repo"));
        toStoragePage(wizard, location);
        if (QTest::currentTestFailed())
            return;
        PasswordStorageChooser *chooser = wizard.storagePage()->chooser();
        QTRY_COMPARE_WITH_TIMEOUT(chooser->keychainState(), PasswordStorageChooser::KeychainState::Available,
                                  20000);
        NEXT(wizard);
        NEXT(wizard);
        QCOMPARE(wizard.currentId(), int(SetupAssistant::SummaryId));

        // The keyring gets locked while the user reads the summary.
        const QString lockError = lockKeyring();
        QVERIFY2(lockError.isEmpty(), qPrintable(lockError));
        NEXT(wizard); // Finish
        QTRY_VERIFY_WITH_TIMEOUT(!wizard.summaryPage()->problem().isEmpty(), 30000);
        QVERIFY2(wizard.summaryPage()->problem().contains(QLatin1String("keychain did not take")),
                 qPrintable(wizard.summaryPage()->problem()));
        QVERIFY(wizard.isVisible());
        QCOMPARE(created.count(), 0);
        QVERIFY(store.sets().isEmpty());

        // Back on the storage page the keychain is no longer offered, and says why.
        wizard.back();
        wizard.back();
        QCOMPARE(wizard.currentId(), int(SetupAssistant::StorageId));
        QCOMPARE(chooser->keychainState(), PasswordStorageChooser::KeychainState::Unavailable);
        QVERIFY2(chooser->keychainMessage().contains(QLatin1String("locked")),
                 qPrintable(chooser->keychainMessage()));
        QVERIFY(!wizard.findChild<QRadioButton *>(QStringLiteral("storeKeychain"))->isEnabled());
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        choose(wizard.findChild<QRadioButton *>(QStringLiteral("storeFile")));
        NEXT(wizard);
        NEXT(wizard);
        NEXT(wizard); // Finish again: the repository made the first time is used, not made twice
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 60000);
        const BackupSet set = wizard.createdSet();
        QCOMPARE(set.passwordStorage, PasswordStorage::File);
        QVERIFY(Repository::open(location, *PasswordFile::read(set.passwordFile)).ok());
    }

    // Runs after the keyring was locked above.
    void keyringAlreadyLocked()
    {
        SetStore store(m_dir.filePath(QStringLiteral("locked/sets.json")));
        QVERIFY(store.load().ok());
        SetupAssistant wizard(store);
        toStoragePage(wizard, m_dir.filePath(QStringLiteral("locked/repo")));
        if (QTest::currentTestFailed())
            return;
        PasswordStorageChooser *chooser = wizard.storagePage()->chooser();
        QTRY_COMPARE_WITH_TIMEOUT(chooser->keychainState(),
                                  PasswordStorageChooser::KeychainState::Unavailable, 20000);
        auto *status = wizard.findChild<QLabel *>(QStringLiteral("keychainStatus"));
        QVERIFY(status->isVisible());
        QVERIFY2(status->text().contains(QLatin1String("keychain is locked")), qPrintable(status->text()));
        QVERIFY(!wizard.findChild<QRadioButton *>(QStringLiteral("storeKeychain"))->isEnabled());
        QVERIFY(!chooser->storage());
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        // "Check again" asks again, and still gets the honest answer.
        QTest::mouseClick(wizard.findChild<QPushButton *>(QStringLiteral("recheckKeychain")), Qt::LeftButton);
        QCOMPARE(chooser->keychainState(), PasswordStorageChooser::KeychainState::Checking);
        QTRY_COMPARE_WITH_TIMEOUT(chooser->keychainState(),
                                  PasswordStorageChooser::KeychainState::Unavailable, 20000);
        choose(wizard.findChild<QRadioButton *>(QStringLiteral("storeAsk")));
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    }
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("strata"));
    TestAssistantKeychain test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_assistant_keychain.moc"
