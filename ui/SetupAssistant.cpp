#include "SetupAssistant.h"

#include "PasswordStorageChooser.h"
#include "SetupAssistantPages.h"

namespace strata {

SetupAssistant::SetupAssistant(SetStore &store, QWidget *parent)
    : QWizard(parent), m_draft(std::make_unique<AssistantDraft>())
{
    setWindowTitle(tr("Set Up Backups"));
    setOption(QWizard::NoBackButtonOnStartPage);
    // Every page is a step of one story; a modern look is the same on every platform.
    setWizardStyle(QWizard::ModernStyle);

    m_welcome = new WelcomePage(this);
    m_sources = new SourcesPage(m_draft.get(), this);
    m_destination = new DestinationPage(m_draft.get(), this);
    m_password = new PasswordPage(m_draft.get(), this);
    m_storage = new StoragePage(m_draft.get(), this);
    m_schedule = new SchedulePage(m_draft.get(), this);
    m_summary = new SummaryPage(m_draft.get(), store, this);
    setPage(WelcomeId, m_welcome);
    setPage(SourcesId, m_sources);
    setPage(DestinationId, m_destination);
    setPage(PasswordId, m_password);
    setPage(StorageId, m_storage);
    setPage(ScheduleId, m_schedule);
    setPage(SummaryId, m_summary);
    setButtonText(QWizard::FinishButton, tr("&Finish"));
    // Room for the longest page (OTClient's categories) without squeezing it when it unfolds.
    setMinimumSize(680, 600);

    // A keychain that refuses the password on Finish is no longer offered.
    connect(m_summary, &SummaryPage::keychainFailed, m_storage->chooser(),
            &PasswordStorageChooser::setKeychainProblem);
    connect(m_summary, &SummaryPage::created, this, [this](const BackupSet &set) {
        m_created = set;
        Q_EMIT setCreated(set);
        accept(); // validates the summary page again, which now says yes
    });
}

SetupAssistant::~SetupAssistant() = default;

void SetupAssistant::done(int result)
{
    // Finish is creating the repository and adding the set: closing now would hide a set that
    // still appears, so Escape and the window's close button wait until it is over.
    if (result == QDialog::Rejected && m_summary->isBusy())
        return;
    QWizard::done(result);
}

} // namespace strata
