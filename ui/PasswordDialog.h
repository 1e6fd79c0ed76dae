// The dialog that asks for a repository's password: once to open an existing repository, or
// twice (typed and confirmed) to create a new one, with the choice of remembering it in the
// keychain. It is shown with open(), never exec(), so the GUI never waits in a nested loop.
#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace strata {

class PasswordDialog final : public QDialog
{
    Q_OBJECT
public:
    enum class Mode
    {
        Open,
        Create
    };

    PasswordDialog(Mode mode, const QString &location, QWidget *parent = nullptr);

    // A line shown above the fields: why the dialog appears again ("wrong password").
    void setProblem(const QString &text);
    // Whether "remember in the keychain" can be ticked, and why not when it cannot.
    void setKeychainAvailable(bool available, const QString &why = {});

    QString password() const;
    bool rememberInKeychain() const;

private:
    void updateAcceptable();

    Mode m_mode;
    QLabel *m_problem = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_confirm = nullptr;
    QLabel *m_mismatch = nullptr;
    QCheckBox *m_remember = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace strata
