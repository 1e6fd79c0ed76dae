// The main window. On the left the user's backup sets with their status; on the right the
// versions of the selected set on a timeline, the chosen version's summary and its files, and
// the progress of a running backup. A repository can also be opened on its own (File > Open
// Repository, or `strata --repo`), without a set: then every version in it is shown.
//
// The window never touches repository files and never waits: opening, listing, backing up and
// restoring run on worker threads (through BackupService, the engine's jobs, or runAsync), and
// every answer checks that it still belongs to what the window shows (a generation counter).
#pragma once

#include "PasswordDialog.h"
#include "secrets/OpenRepository.h"

#include "repo/Snapshot.h"
#include "util/Result.h"

#include <QMainWindow>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QItemSelectionModel;
class QLabel;
class QSplitter;

namespace strata {

class BackupPanel;
class CatalogUpdater;
class BackupService;
class FolderDiffWindow;
class HistoryPanel;
class Repository;
class SetListModel;
class SetSidebar;
class QuickRestoreDialog;
class SnapshotListModel;
class TimelineWidget;
class TrayIcon;
class VersionBrowser;
class VersionSummary;
struct BackupSet;
struct FailedRun;
struct RunRecord;

struct PasswordRequest
{
    PasswordDialog::Mode mode = PasswordDialog::Mode::Open;
    QString location;
    QString problem;               // why the question comes (again); empty the first time
    bool keychainAvailable = true; // whether "remember" can work
    QString keychainProblem;       // why it cannot, for the tooltip
};

struct PasswordAnswer
{
    QString password;
    bool remember = false;
};

// Asks for a password and answers later through the callback (std::nullopt: cancelled).
// Tests replace it; the default shows a PasswordDialog with open().
using PasswordPrompt =
    std::function<void(const PasswordRequest &, std::function<void(std::optional<PasswordAnswer>)>)>;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    // The service (and its store and run log) must outlive the window.
    explicit MainWindow(BackupService &service, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Where a first start keeps its repository: <AppDataLocation>/repository.
    static QString defaultRepositoryPath();

    // Shows the sets and selects the first one; with no set yet, starts the setup assistant.
    void start();

    // Shows the versions of a set (opening its repository, asking for its password if needed).
    void showSet(const QString &setId);
    QString currentSet() const { return m_setId; }

    // Opens the repository at `location` on its own and lists all its versions, without
    // blocking. The password comes from `password` when given, else the keychain, else the
    // user; when nothing is there yet the user is offered to create a repository.
    void openRepository(const QString &location, const QString &password = {});

    void setPasswordPrompt(PasswordPrompt prompt);
    // Puts the window in the tray (when there is one): closing it then hides it.
    void setTrayIcon(TrayIcon *tray);

    QString location() const { return m_location; }
    SnapshotListModel *snapshotModel() const { return m_model; }
    // The one selection over snapshotModel() that the timeline and every other view of the
    // versions share: its current row is the version the window shows.
    QItemSelectionModel *versionSelection() const { return m_versionSelection; }
    SetListModel *setModel() const { return m_sets; }
    std::shared_ptr<Repository> repository() const { return m_repo; }
    QString currentVersion() const;

    // Starts the restore wizard on the current version for `paths` (empty: everything).
    void restore(const QList<QByteArray> &paths = {});
    // One file of a version back to its place, on one page (the wizard is a click away).
    QuickRestoreDialog *restoreFile(const QString &versionId, const QByteArray &path);
    // Opens the history of `path` (absolute, as backed up) in the current version's set; the
    // versions where it changed are marked on the timeline while it is open.
    HistoryPanel *showHistory(const QString &path);
    // File > File History…: asks for a file on disk (starting in the set's first source) and
    // shows its history.
    void chooseFileHistory();
    // Repository > Compare Versions…: what changed between the two versions selected on the
    // timeline, the older first; nullptr unless exactly two are selected.
    FolderDiffWindow *compareVersions();

Q_SIGNALS:
    void historyOpened(HistoryPanel *panel);
    void quickRestoreOpened(strata::QuickRestoreDialog *dialog);
    void folderDiffOpened(FolderDiffWindow *window);
    // The repository is open and the timeline shows its versions.
    void repositoryOpened(const QString &location);
    // Opening or creating failed, or the user cancelled; `message` is shown in the window.
    void repositoryFailed(const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildUi();
    void buildActions();
    void browse();
    void newSet();
    void editSet(const QString &setId);
    void removeSet(const QString &setId);
    void setCreated(const BackupSet &set);
    void refreshSets();
    void refreshStatuses();
    void runFinished(const RunRecord &record);
    void selectVersion(const QString &id);
    // The newest version that is not a safety version (the one shown on opening), or -1.
    int newestRegularRow() const;
    void setShowSafety(bool show);
    // The toolbar's and Ctrl+R's restore: one file on one page, anything else in the wizard.
    void restoreSelection();
    // The version current in versionSelection(), or nullptr.
    const Snapshot *currentSnapshot() const;
    QList<FailedRun> failedRuns() const;
    // The service's question for a set's password, put to the person through m_prompt.
    void passwordFor(const BackupSet &set, const SecretRequest &request,
                     std::function<void(std::optional<SecretAnswer>)> done);
    // The same for a repository opened on its own (or about to be created).
    void askPassword(const SecretRequest &request, std::function<void(std::optional<SecretAnswer>)> done);
    QString problemText(const SecretRequest &request) const;
    // The dialog's question; `keychainKept`: an answer may be remembered in the keychain.
    PasswordRequest passwordRequest(const SecretRequest &request, bool keychainKept) const;
    void showStage(OpenStage stage);
    void listVersions(quint64 generation, std::shared_ptr<Repository> repo, bool created);
    void showOpened(quint64 generation, std::shared_ptr<Repository> repo, QList<Snapshot> snapshots,
                    bool created);
    void notRemembered(const QString &why);
    void fail(const QString &message);
    // The busy cursor on or off, and the status bar's message (none: cleared).
    void setBusy(bool busy, const QString &message = {});
    // The status bar's count of the versions shown.
    void updateCount();
    void updateActions();
    // Crosses out on the timeline the versions the set's next clean-up removes.
    void markLeavingVersions(quint64 generation, const QList<Snapshot> &versions);
    // The repository's catalog: brought up to date (progress in the status bar), then handed
    // to the version browser, and its change counts to the timeline.
    void connectCatalog();
    // Repository > Pin Version: tags the current version so no clean-up removes it (or untags it).
    void setPinned(bool pinned);
    // Repository > Free Up Space…: the set's clean-up, previewed first (FreeSpaceDialog).
    void freeUpSpace();
    bool isCurrent(quint64 generation) const { return generation == m_generation; }

    BackupService &m_service;
    SetListModel *m_sets = nullptr;
    SetSidebar *m_sidebar = nullptr;
    TimelineWidget *m_timeline = nullptr;
    VersionSummary *m_summary = nullptr;
    VersionBrowser *m_browser = nullptr;
    BackupPanel *m_panel = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_problemLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    SnapshotListModel *m_model = nullptr;
    QItemSelectionModel *m_versionSelection = nullptr;
    CatalogUpdater *m_catalog = nullptr;
    QString m_catalogMessage; // the status bar's text about the catalog, while it is shown
    TrayIcon *m_tray = nullptr;

    QAction *m_backUpAction = nullptr;
    QAction *m_restoreAction = nullptr;
    QAction *m_showSafetyAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_removeAction = nullptr;
    QAction *m_fileHistoryAction = nullptr;
    QAction *m_autostartAction = nullptr;
    QAction *m_pinAction = nullptr;
    QAction *m_freeSpaceAction = nullptr;
    QAction *m_compareVersionsAction = nullptr;
    bool m_retagging = false; // a pin or unpin is being written
    // After a version changed its id (pinned), the listing selects it and says what happened.
    struct AfterListing
    {
        QString select;
        QString message;
    };
    std::optional<AfterListing> m_afterListing;

    PasswordPrompt m_prompt;
    QString m_setId;    // the set shown; empty when a repository is open on its own
    QString m_location; // the repository shown
    QString m_repositoryId;
    bool m_busyCursor = false;
    bool m_askedToCreate = false; // the last prompt was for a new repository's password
    bool m_quitting = false;      // quit asked for: the tray does not keep the program
    bool m_quitConfirmed = false; // quitting although a backup runs was confirmed
    std::shared_ptr<Repository> m_repo;
    // Bumped whenever what the window shows changes: answers for an older request are ignored.
    quint64 m_generation = 0;
};

} // namespace strata
