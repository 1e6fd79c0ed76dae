#include "PasswordStorageChooser.h"

#include "secrets/SecretStore.h"
#include "util/Async.h"

#include <QButtonGroup>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace strata {

namespace {

// Written and removed again to learn whether the keychain can store a secret right now: a
// read alone does not tell, as a locked keychain still answers "not found".
const QString ProbeKey = QStringLiteral("strata:keychain-check");

Status probe()
{
    STRATA_TRY(SecretStore::write(ProbeKey, QStringLiteral("probe")));
    return SecretStore::remove(ProbeKey);
}

QLabel *noteLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setIndent(24); // under its radio button's text
    return label;
}

} // namespace

PasswordStorageChooser::PasswordStorageChooser(QWidget *parent) : QWidget(parent)
{
    setAccessibleName(tr("Where the password is kept"));

    m_keychain = new QRadioButton(tr("In the system &keychain (recommended)"), this);
    m_keychain->setObjectName(QStringLiteral("storeKeychain"));
    m_keychainStatus = noteLabel(QString(), this);
    m_keychainStatus->setObjectName(QStringLiteral("keychainStatus"));
    m_keychainStatus->hide();
    m_recheck = new QPushButton(tr("Check the keychain &again"), this);
    m_recheck->setObjectName(QStringLiteral("recheckKeychain"));
    m_recheck->hide();
    connect(m_recheck, &QPushButton::clicked, this, &PasswordStorageChooser::probeKeychain);

    m_ask = new QRadioButton(tr("Nowhere: I &type it each time"), this);
    m_ask->setObjectName(QStringLiteral("storeAsk"));
    auto *askNote = noteLabel(tr("Scheduled backups cannot run while you are away: each backup waits until "
                                 "you type the password."),
                              this);

    m_file = new QRadioButton(tr("In a file only &you can read"), this);
    m_file->setObjectName(QStringLiteral("storeFile"));
    m_fileWarning = noteLabel(tr("The password is kept unencrypted in this file. Anyone who can use your "
                                 "account, or read your disk, can use it to open your backups."),
                              this);
    m_filePath = new QLineEdit(this);
    m_filePath->setObjectName(QStringLiteral("passwordFile"));
    m_filePath->setAccessibleName(tr("Password file"));
    m_browse = new QPushButton(tr("C&hoose…"), this);
    connect(m_browse, &QPushButton::clicked, this, &PasswordStorageChooser::browse);
    connect(m_filePath, &QLineEdit::textChanged, this, [this](const QString &path) {
        m_filePath->setToolTip(path);
        Q_EMIT changed();
    });

    m_group = new QButtonGroup(this);
    m_group->addButton(m_keychain, int(PasswordStorage::Keychain));
    m_group->addButton(m_ask, int(PasswordStorage::AskEachTime));
    m_group->addButton(m_file, int(PasswordStorage::File));
    connect(m_group, &QButtonGroup::idToggled, this, [this](int, bool checked) {
        if (checked) {
            updateEnabled();
            Q_EMIT changed();
        }
    });

    // The path has a row of its own, so a default path (named after the set) fits whole
    // instead of scrolling its start out of view.
    auto *fileRow = new QVBoxLayout;
    fileRow->setContentsMargins(24, 0, 0, 0);
    fileRow->addWidget(m_filePath);
    auto *browseRow = new QHBoxLayout;
    browseRow->addWidget(m_browse);
    browseRow->addStretch();
    fileRow->addLayout(browseRow);
    auto *recheckRow = new QHBoxLayout;
    recheckRow->setContentsMargins(24, 0, 0, 0);
    recheckRow->addWidget(m_recheck);
    recheckRow->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_keychain);
    layout->addWidget(m_keychainStatus);
    layout->addLayout(recheckRow);
    layout->addSpacing(6);
    layout->addWidget(m_ask);
    layout->addWidget(askNote);
    layout->addSpacing(6);
    layout->addWidget(m_file);
    layout->addWidget(m_fileWarning);
    layout->addLayout(fileRow);

    m_keychain->setChecked(true);
    updateEnabled();
}

void PasswordStorageChooser::probeKeychain()
{
    const quint64 generation = ++m_probeGeneration;
    m_keychainState = KeychainState::Checking;
    m_keychainStatus->setText(tr("Checking whether the keychain can be used…"));
    m_keychainStatus->show();
    m_recheck->hide();
    Q_EMIT changed();
    runAsync(this, probe, [this, generation](const Status &result) {
        if (generation != m_probeGeneration)
            return; // a newer check is on its way
        if (result.ok()) {
            m_keychainState = KeychainState::Available;
            m_keychain->setEnabled(true);
            m_keychainStatus->hide();
            Q_EMIT changed();
        } else {
            setKeychainProblem(result.error().code, result.error().message);
        }
        Q_EMIT keychainChecked(result.ok());
    });
}

void PasswordStorageChooser::setKeychainProblem(ErrorCode code, const QString &detail)
{
    m_keychainState = KeychainState::Unavailable;
    QString text;
    if (code == ErrorCode::Locked)
        text = tr("The keychain is locked, so the password cannot be kept there. Unlock it (for example by "
                  "logging in again) and check again, or choose another option below.");
    else if (code == ErrorCode::Unsupported)
        text = tr("No keychain is available on this computer, so the password cannot be kept there. Choose "
                  "another option below.");
    else
        text = tr("The keychain cannot be used, so the password cannot be kept there. Choose another option "
                  "below.");
    m_keychainStatus->setText(text);
    m_keychainStatus->setToolTip(detail); // the technical reason, for whoever needs it
    m_keychainStatus->show();
    m_recheck->show();
    // The keychain can no longer be the choice: unselect it, so the user has to pick.
    if (m_keychain->isChecked()) {
        m_group->setExclusive(false);
        m_keychain->setChecked(false);
        m_group->setExclusive(true);
    }
    m_keychain->setEnabled(false);
    updateEnabled();
    Q_EMIT changed();
}

QString PasswordStorageChooser::keychainMessage() const
{
    return m_keychainState == KeychainState::Unavailable ? m_keychainStatus->text() : QString();
}

std::optional<PasswordStorage> PasswordStorageChooser::storage() const
{
    const int id = m_group->checkedId();
    if (id < 0)
        return std::nullopt;
    return PasswordStorage(id);
}

void PasswordStorageChooser::setStorage(PasswordStorage storage)
{
    if (QAbstractButton *button = m_group->button(int(storage)); button && button->isEnabled())
        button->setChecked(true);
    updateEnabled();
}

QString PasswordStorageChooser::passwordFile() const
{
    return m_filePath->text().trimmed();
}

void PasswordStorageChooser::setPasswordFile(const QString &path)
{
    m_filePath->setText(path);
}

bool PasswordStorageChooser::isComplete() const
{
    const auto chosen = storage();
    if (!chosen)
        return false;
    if (*chosen == PasswordStorage::Keychain)
        return m_keychainState != KeychainState::Checking && m_keychainState != KeychainState::Unavailable;
    if (*chosen == PasswordStorage::File)
        return !passwordFile().isEmpty();
    return true;
}

void PasswordStorageChooser::browse()
{
    auto *dialog = new QFileDialog(this, tr("Password File"), passwordFile());
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &PasswordStorageChooser::setPasswordFile);
    dialog->open();
}

void PasswordStorageChooser::updateEnabled()
{
    const bool file = m_file->isChecked();
    m_filePath->setEnabled(file);
    m_browse->setEnabled(file);
}

} // namespace strata
