// Where a set's password is kept: the OS keychain, nowhere (typed each time), or a file only
// the user can read. It finds out whether the keychain works before the user relies on it (a
// probe secret written and removed off the GUI thread) and, when the keychain is absent or
// locked, says so and takes the choice away from it, so the user must pick another option:
// never a silent failure. Used by the setup assistant and the set editor.
#pragma once

#include "profiles/BackupSet.h"

#include <QWidget>

#include <optional>

class QAbstractButton;
class QButtonGroup;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace strata {

class PasswordStorageChooser final : public QWidget
{
    Q_OBJECT
public:
    enum class KeychainState
    {
        Unknown,     // not checked yet
        Checking,    // a probe is on its way
        Available,   // the probe was stored and removed
        Unavailable, // absent, locked or failing: the option is disabled, the reason shown
    };

    explicit PasswordStorageChooser(QWidget *parent = nullptr);

    // Checks the keychain again (asynchronously); keychainChecked() follows.
    void probeKeychain();
    // Marks the keychain unusable after a real store failed (e.g. it was locked meanwhile).
    void setKeychainProblem(ErrorCode code, const QString &detail);
    KeychainState keychainState() const { return m_keychainState; }
    // The text shown about the keychain (empty while it works or is unchecked).
    QString keychainMessage() const;

    // Nothing when no usable option is chosen (e.g. the keychain was chosen and then found
    // missing).
    std::optional<PasswordStorage> storage() const;
    void setStorage(PasswordStorage storage);
    QString passwordFile() const;
    void setPasswordFile(const QString &path);

    // A usable option is chosen (and, for a file, a path is given).
    bool isComplete() const;

Q_SIGNALS:
    void changed();
    void keychainChecked(bool available);

private:
    void browse();
    void updateEnabled();

    QButtonGroup *m_group = nullptr;
    QRadioButton *m_keychain = nullptr;
    QRadioButton *m_ask = nullptr;
    QRadioButton *m_file = nullptr;
    QLabel *m_keychainStatus = nullptr;
    QPushButton *m_recheck = nullptr;
    QLineEdit *m_filePath = nullptr;
    QPushButton *m_browse = nullptr;
    QLabel *m_fileWarning = nullptr;
    KeychainState m_keychainState = KeychainState::Unknown;
    quint64 m_probeGeneration = 0;
};

} // namespace strata
