// BackupService: runs the user's backup sets. It opens each set's repository (finding the
// password where the set keeps it, then through a PasswordPrompt), decides the kind of each run from the
// set's policy and the repository's versions, runs one BackupJob at a time per repository (a second set on
// the same repository waits its turn), records every run in the RunLog and keeps the Scheduler told, so
// scheduled runs and "back up now" never overlap. After a run that wrote a version, a set with a retention
// policy forgets what the policy lets go (this set's versions on this host only) and prunes when the
// repository's last prune is pruneEveryHours old; the outcome is part of the run's record, and a failure
// there never turns the backup itself into a failure.
//
// The GUI and a future headless agent share it; it holds no widgets. It lives on the thread
// that owns it (the GUI thread) and every method must be called from there: the repository
// opening and the backups themselves run on worker threads.
#pragma once

#include "engine/BackupJob.h"
#include "engine/Forget.h"
#include "engine/Progress.h"
#include "profiles/RunLog.h"
#include "profiles/SetStore.h"
#include "schedule/Scheduler.h"
#include "secrets/SecretResolver.h"

#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>

namespace strata {

class Repository;

class BackupService final : public QObject
{
    Q_OBJECT
public:
    using RepositoryCallback = std::function<void(Result<std::shared_ptr<Repository>>)>;
    // Asks a person for the password of a set's repository, on the service's thread, and
    // answers through `done`, later or at once (std::nullopt: they declined). `request` says
    // why it asks (a stored password that was refused, an unreadable file, a wrong answer) and
    // whether the keychain could remember the answer. Only a run a person started asks: a
    // scheduled run uses what the set stores, and fails with a clear message without it.
    using PasswordPrompt = std::function<void(const BackupSet &set, const SecretRequest &request,
                                              std::function<void(std::optional<SecretAnswer>)> done)>;

    // The store and the log must outlive the service. `clock` is for the scheduler's tests.
    BackupService(SetStore &store, RunLog &log, std::shared_ptr<const Clock> clock = {},
                  QObject *parent = nullptr);
    // Cancels the running backups and waits for them: what they uploaded is flushed, so the
    // next run does not upload it again.
    ~BackupService() override;

    Scheduler &scheduler() { return m_scheduler; }
    SetStore &store() { return m_store; }
    const RunLog &runLog() const { return m_log; }

    // Passwords come from where the set keeps them (the keychain, or its file), then from the
    // prompt. Without a prompt an AskEachTime set fails with a message saying it needs one.
    void setPasswordPrompt(PasswordPrompt prompt);

    // Gives the scheduler the store's sets as they are now (after an add, edit or removal),
    // with their last successful run from the run log.
    void syncSets();

    // Opens the set's repository, or hands out the one already open. A wrong password from
    // the source is asked for again (interactive) or reported (not interactive).
    void openRepository(const QString &setId, bool interactive, QObject *context, RepositoryCallback done);
    // Closes the cached repository of a location (after its password changed, or to release it).
    void forgetRepository(const QString &location);

    // Queues a run of the set; false when it is queued or running already, or unknown.
    bool backUpNow(const QString &setId);
    // Cancels the set's run (queued or running); false when it had none.
    bool cancel(const QString &setId);

    bool isQueued(const QString &setId) const;
    bool isRunning(const QString &setId) const;
    bool isBusy() const { return !m_queue.isEmpty() || !m_running.isEmpty(); }
    // The last progress of a running set (phase Preparing when it has not reported yet).
    Progress lastProgress(const QString &setId) const;

Q_SIGNALS:
    void runQueued(const QString &setId);
    void runStarted(const QString &setId, strata::BackupKind kind);
    void runProgress(const QString &setId, const strata::Progress &progress);
    void runWarning(const QString &setId, const QString &path, const QString &message);
    void runFinished(const strata::RunRecord &record);
    // The service went from idle to busy or back (any set queued or running).
    void busyChanged(bool busy);
    // A run wrote a new version into this repository (location as in the set).
    void versionsChanged(const QString &location);
    // A password the person asked to remember opened the repository, but the keychain did not
    // keep it (`message` says why).
    void passwordNotSaved(const QString &location, const QString &message);
    // The repository's catalog (the local cache of its versions' listings, Catalog.h) has been
    // brought up to date after a run: its history and search answers include the new version.
    void catalogUpdated(const QString &location);

private:
    struct Pending
    {
        QString setId;
        bool scheduled = false;
        QDateTime queuedAt;
    };
    struct Running
    {
        QString setId;
        QString location;
        bool scheduled = false;
        QDateTime started;
        BackupKind kind = BackupKind::Incremental;
        QPointer<BackupJob> job; // null while the repository is being opened
        QPointer<Job> retention; // the forget (and prune) after the backup, while it runs
        bool cancelled = false;
        Progress progress;
    };
    struct Opening
    {
        QList<std::pair<QPointer<QObject>, RepositoryCallback>> waiting;
    };

    void enqueue(const QString &setId, bool scheduled);
    void pump();
    void begin(const Pending &pending, const BackupSet &set);
    void launch(const QString &setId, const BackupSet &set, std::shared_ptr<Repository> repo);
    void finish(const QString &setId, RunRecord record);
    // The backup itself; `before` is what a retention run made room with (ran: false if none).
    // After a run that wrote a version, the set's retention runs (and prunes when due).
    void startBackup(const QString &setId, const BackupSet &set, std::shared_ptr<Repository> repo,
                     const Excludes &excludes, BackupKind kind, const RunRecord::Retention &before);
    // Forgets by the set's policy for this host, prunes as asked, then calls `then`.
    void startRetention(const QString &setId, const BackupSet &set, std::shared_ptr<Repository> repo,
                        ForgetParams::Prune prune, std::function<void(const RunRecord::Retention &)> then);
    // When a run of a set on `location` last pruned, from the run log; invalid: never.
    QDateTime lastPrune(const QString &location) const;
    void fail(const QString &setId, const QString &message, bool cancelled = false);
    void opened(const QString &location, Result<std::shared_ptr<Repository>> result);
    void updateBusy();
    // Brings the repository's catalog up to date off this thread, one update per repository at
    // a time (a request meanwhile runs once more after it). A failure is logged, never a run's.
    void updateCatalog(const QString &location, std::shared_ptr<Repository> repo);
    bool repositoryBusy(const QString &location) const;

    SetStore &m_store;
    RunLog &m_log;
    std::shared_ptr<const Clock> m_clock;
    Scheduler m_scheduler;
    PasswordPrompt m_prompt;
    QMap<QString, std::shared_ptr<Repository>> m_repos; // by location
    QMap<QString, Opening> m_opening;                   // by location
    QList<Pending> m_queue;
    QMap<QString, Running> m_running; // by set id
    bool m_busy = false;
    QSet<QString> m_catalogUpdating, m_catalogAgain; // by location
};

} // namespace strata
