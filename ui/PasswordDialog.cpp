#include "PasswordDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace strata {

// ---- PasswordDialog -------------------------------------------------------------------------

PasswordDialog::PasswordDialog(Mode mode, const QString &location, QWidget *parent)
    : QDialog(parent), m_mode(mode)
{
    setWindowTitle(mode == Mode::Create ? tr("Create Repository") : tr("Repository Password"));

    // The sentence wraps; the path has a line of its own, so it never breaks after a "/".
    auto *intro = new QLabel(this);
    intro->setObjectName(QStringLiteral("intro"));
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    intro->setText(mode == Mode::Create
                       ? tr("There is no repository in this folder yet. Choose a password to create one "
                            "there. Without this password nobody, including you, can restore the backups.")
                       : tr("Enter the password of this repository."));
    auto *path = new PathLabel(location, this);
    path->setObjectName(QStringLiteral("location"));

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setStyleSheet(QStringLiteral("color: palette(highlight); font-weight: bold;"));
    m_problem->hide();

    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setObjectName(QStringLiteral("password"));

    auto *form = new QFormLayout;
    form->addRow(tr("Repository:"), path);
    form->addRow(tr("&Password:"), m_password);
    if (mode == Mode::Create) {
        m_confirm = new QLineEdit(this);
        m_confirm->setEchoMode(QLineEdit::Password);
        m_confirm->setObjectName(QStringLiteral("confirm"));
        form->addRow(tr("&Confirm:"), m_confirm);
        m_mismatch = new QLabel(tr("The passwords do not match."), this);
        m_mismatch->hide();
        form->addRow(QString(), m_mismatch);
        connect(m_confirm, &QLineEdit::textChanged, this, &PasswordDialog::updateAcceptable);
    }
    connect(m_password, &QLineEdit::textChanged, this, &PasswordDialog::updateAcceptable);

    m_remember = new QCheckBox(tr("&Remember the password in the keychain"), this);
    m_remember->setObjectName(QStringLiteral("remember"));
    m_remember->setChecked(true);
    // Why the box cannot be ticked, under its text; shown only while it cannot.
    m_keychainReason = new QLabel(this);
    m_keychainReason->setObjectName(QStringLiteral("keychainReason"));
    m_keychainReason->setWordWrap(true);
    m_keychainReason->setTextFormat(Qt::PlainText);
    m_keychainReason->setIndent(style()->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, m_remember) +
                                style()->pixelMetric(QStyle::PM_CheckBoxLabelSpacing, nullptr, m_remember));
    m_keychainReason->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(mode == Mode::Create ? tr("C&reate") : tr("&Open"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_problem);
    layout->addLayout(form);
    layout->addWidget(m_remember);
    layout->addWidget(m_keychainReason);
    layout->addWidget(m_buttons);
    updateAcceptable();
}

void PasswordDialog::setProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

void PasswordDialog::setKeychainAvailable(bool available, const QString &why)
{
    m_remember->setEnabled(available);
    m_remember->setChecked(available);
    const QString reason = available       ? QString()
                           : why.isEmpty() ? tr("This backup set does not keep its password in the keychain.")
                                           : why;
    m_remember->setToolTip(reason);
    m_keychainReason->setText(reason);
    m_keychainReason->setVisible(!available);
}

QString PasswordDialog::password() const
{
    return m_password->text();
}

bool PasswordDialog::rememberInKeychain() const
{
    return m_remember->isEnabled() && m_remember->isChecked();
}

void PasswordDialog::updateAcceptable()
{
    bool ok = !m_password->text().isEmpty();
    if (m_mode == Mode::Create) {
        const bool mismatch = !m_confirm->text().isEmpty() && m_confirm->text() != m_password->text();
        m_mismatch->setVisible(mismatch);
        ok = ok && m_confirm->text() == m_password->text();
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

} // namespace strata
