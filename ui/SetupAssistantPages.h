// The pages of the setup assistant (SetupAssistant.h): what to back up, where, the password,
// where the password is kept, when, and a summary whose Finish creates everything. The pages
// share one AssistantDraft that each fills in when the user moves on. SummaryPage lives in
// SetupAssistant.cpp, next to the Finish it drives.
#pragma once

#include "Labels.h"

#include "profiles/BackupSet.h"
#include "profiles/Presets.h"

#include <QWizardPage>

#include <memory>
#include <optional>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QTimer;

namespace strata {

class Clock;
class PasswordStorageChooser;
class ScheduleEditor;
class SetStore;

// Small builders the pages share, so every page says things the same way.
namespace assistant {
// A line that says what is wrong; hidden while nothing is.
QLabel *problemLabel(QWidget *parent, const QString &objectName);
void setProblem(QLabel *label, const QString &text);
// An indeterminate bar for work that has no steps to count (Argon2, a keychain call).
QProgressBar *busyBar(QWidget *parent);
} // namespace assistant

// What the assistant has gathered so far.
struct AssistantDraft
{
    QString setId = BackupSet::newId(); // stays the same when the user goes back and changes the preset
    BackupSet set;                      // built by SourcesPage, completed by the pages after it
    bool connectExisting = false;
    QString repositoryId; // known once an existing repository opened or a new one was created
    QString password;
    QString createdAt; // where this assistant already created a repository (a second Finish reuses it)
};

class WelcomePage final : public QWizardPage
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);
};

class SourcesPage final : public QWizardPage
{
    Q_OBJECT
public:
    enum class Choice
    {
        Home,
        Documents,
        Otclient,
        Custom
    };

    SourcesPage(AssistantDraft *draft, QWidget *parent = nullptr);

    bool otclientOffered() const;
    void choose(Choice choice);
    // Adds a folder to the "Choose folders" list (the Add button's dialog calls this).
    void addFolder(const QString &path);

    bool isComplete() const override;
    bool validatePage() override;

private:
    Choice choice() const;
    presets::OtclientCategories otclientCategories() const;
    Result<BackupSet> buildSet() const;
    void updatePanels();
    QWidget *buildOtclientPanel();
    QWidget *buildCustomPanel();

    AssistantDraft *m_draft;
    QStringList m_otclientFolders;
    QButtonGroup *m_group = nullptr;
    QWidget *m_otclientPanel = nullptr;
    QComboBox *m_otclientFolder = nullptr;
    QList<QPair<presets::OtclientCategory, QCheckBox *>> m_categoryBoxes;
    QWidget *m_customPanel = nullptr;
    QListWidget *m_folders = nullptr;
    QPushButton *m_removeFolder = nullptr;
    QLabel *m_problem = nullptr;
};

class DestinationPage final : public QWizardPage
{
    Q_OBJECT
public:
    // What is at a chosen location, found off the GUI thread.
    struct FolderProbe
    {
        enum class Kind
        {
            Missing,    // nothing there yet
            Empty,      // an empty folder
            Repository, // a Strata repository
            NotEmpty,   // a folder with other files
            NotAFolder,
            Unreadable, // something repository-like that cannot be read (e.g. a newer format)
        };
        Kind kind = Kind::Missing;
        bool writable = false; // a new repository can be created there
        QString repositoryId;
        QString problem;
    };
    static FolderProbe probeFolder(const QString &path);

    DestinationPage(AssistantDraft *draft, QWidget *parent = nullptr);

    QString location() const;
    void setOtherLocation(const QString &path);
    void setConnectExisting(bool existing);
    // The text shown about the location (what is there, or why it cannot be used).
    QString statusText() const;
    bool isChecking() const { return m_checking; }

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    void locationChanged();
    void startProbe();
    void showStatus();

    AssistantDraft *m_draft;
    QRadioButton *m_default = nullptr;
    QRadioButton *m_other = nullptr;
    QLabel *m_defaultPath = nullptr;
    QLineEdit *m_otherPath = nullptr;
    QPushButton *m_browse = nullptr;
    QRadioButton *m_new = nullptr;
    QRadioButton *m_existing = nullptr;
    QLabel *m_status = nullptr;
    QTimer *m_debounce = nullptr;
    bool m_checking = false;
    quint64 m_generation = 0;
    QString m_probedLocation;
    FolderProbe m_probe;
};

class PasswordPage final : public QWizardPage
{
    Q_OBJECT
public:
    PasswordPage(AssistantDraft *draft, QWidget *parent = nullptr);

    // A short, translated judgement of a new password ("weak: ...").
    static QString strengthHint(const QString &password);

    QString problem() const;
    bool isVerifying() const { return m_verifying; }

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    void updateHints();
    void showProblem(const QString &text);

    AssistantDraft *m_draft;
    QLabel *m_intro = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_confirm = nullptr;
    QLabel *m_confirmLabel = nullptr;
    QLabel *m_strength = nullptr;
    QLabel *m_mismatch = nullptr;
    QLabel *m_problem = nullptr;
    QProgressBar *m_busy = nullptr;
    bool m_verifying = false;
    // The location and password that opened the repository, so Next does not check again.
    QString m_verifiedLocation;
    QString m_verifiedPassword;
};

class StoragePage final : public QWizardPage
{
    Q_OBJECT
public:
    StoragePage(AssistantDraft *draft, QWidget *parent = nullptr);

    PasswordStorageChooser *chooser() const { return m_chooser; }

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    AssistantDraft *m_draft;
    PasswordStorageChooser *m_chooser = nullptr;
    QString m_defaultFile;
    bool m_probed = false;
};

class SchedulePage final : public QWizardPage
{
    Q_OBJECT
public:
    SchedulePage(AssistantDraft *draft, QWidget *parent = nullptr);

    ScheduleEditor *editor() const { return m_editor; }

    void initializePage() override;
    bool validatePage() override;

private:
    AssistantDraft *m_draft;
    ScheduleEditor *m_editor = nullptr;
};

class SummaryPage final : public QWizardPage
{
    Q_OBJECT
public:
    SummaryPage(AssistantDraft *draft, SetStore &store, QWidget *parent = nullptr);

    QString problem() const;
    bool isBusy() const { return m_busy; }
    // The clock that says when the first backup runs (the system clock unless replaced).
    void setClock(std::shared_ptr<const Clock> clock);
    // When a new set with `schedule` first backs up, as the scheduler will decide it once
    // Finish has added the set: a set that never ran is due at once unless it is manual.
    static QString firstBackupText(const Schedule &schedule, const QDateTime &now);
    // Rendered from the next run the rule gives (invalid: never on its own).
    static QString firstBackupText(const QDateTime &next, const QDateTime &now);

    void initializePage() override;
    bool isComplete() const override;
    // Finish: starts creating everything and returns false; once all is done, `created` follows
    // and a second call returns true.
    bool validatePage() override;

Q_SIGNALS:
    void created(const strata::BackupSet &set);
    void keychainFailed(strata::ErrorCode code, const QString &detail);

private:
    void start();
    // What the worker did on Finish: the repository (created or known) and the password file.
    struct FinishWork
    {
        QString repositoryId;
        bool created = false;
        std::optional<Error> error;         // the repository could not be created
        std::optional<Error> passwordError; // the password file could not be written
    };
    void repositoryReady(BackupSet set, const FinishWork &work);
    void addToStore(BackupSet set);
    void setBusy(bool busy, const QString &what = {});
    void showProblem(const QString &text);
    void describe();

    AssistantDraft *m_draft;
    SetStore &m_store;
    std::shared_ptr<const Clock> m_clock;
    QLineEdit *m_name = nullptr;
    QFormLayout *m_form = nullptr; // the name, then one row per choice
    QLabel *m_firstBackup = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_activity = nullptr;
    QLabel *m_problem = nullptr;
    bool m_busy = false;
    bool m_done = false;
};

} // namespace strata
