// The assistant of the first start: it creates the user's first backup set in a few steps
// (what, where, password, where the password is kept, when) and hands it back finished, like
// KeePassXC's new-database wizard. On Finish it creates the repository (or connects to an
// existing one) on a worker thread, stores the password as chosen and adds the set to the
// store; any error is shown on the page and the assistant stays open.
//
// Show it with open() or show(); it never waits in a nested event loop.
#pragma once

#include "profiles/BackupSet.h"

#include <QWizard>

#include <memory>

namespace strata {

struct AssistantDraft;
class DestinationPage;
class PasswordPage;
class SchedulePage;
class SetStore;
class SourcesPage;
class StoragePage;
class SummaryPage;
class WelcomePage;

class Clock;

class SetupAssistant final : public QWizard
{
    Q_OBJECT
public:
    enum PageId
    {
        WelcomeId,
        SourcesId,
        DestinationId,
        PasswordId,
        StorageId,
        ScheduleId,
        SummaryId,
    };

    // `store` must be loaded and must outlive the assistant.
    explicit SetupAssistant(SetStore &store, QWidget *parent = nullptr);
    ~SetupAssistant() override;

    // The set that was added to the store (empty id until setCreated()).
    BackupSet createdSet() const { return m_created; }

    SourcesPage *sourcesPage() const { return m_sources; }
    DestinationPage *destinationPage() const { return m_destination; }
    PasswordPage *passwordPage() const { return m_password; }
    StoragePage *storagePage() const { return m_storage; }
    SchedulePage *schedulePage() const { return m_schedule; }
    SummaryPage *summaryPage() const { return m_summary; }

    // The clock the summary reads to say when the first backup runs (tests).
    void setClock(std::shared_ptr<const Clock> clock);

    // Closing (Escape, Cancel, the window's button) is ignored while Finish is at work.
    void done(int result) override;

Q_SIGNALS:
    // The repository exists (created or connected), the password is kept as chosen and the
    // set is in the store. The assistant closes (accepted) right after.
    void setCreated(const strata::BackupSet &set);

private:
    std::unique_ptr<AssistantDraft> m_draft;
    BackupSet m_created;
    WelcomePage *m_welcome = nullptr;
    SourcesPage *m_sources = nullptr;
    DestinationPage *m_destination = nullptr;
    PasswordPage *m_password = nullptr;
    StoragePage *m_storage = nullptr;
    SchedulePage *m_schedule = nullptr;
    SummaryPage *m_summary = nullptr;
};

} // namespace strata
