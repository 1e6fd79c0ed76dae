#include "MainWindow.h"

#include "BackupPanel.h"
#include "FolderDiffWindow.h"
#include "FreeSpaceDialog.h"
#include "HistoryPanel.h"
#include "QuickRestoreDialog.h"
#include "RestoreWizard.h"
#include "SetEditor.h"
#include "SetSidebar.h"
#include "SetupAssistant.h"
#include "TimelineWidget.h"
#include "TrayIcon.h"
#include "VersionBrowser.h"
#include "VersionSummary.h"

#include "catalog/Catalog.h"
#include "catalog/CatalogUpdater.h"
#include "engine/Tagging.h"
#include "models/SetListModel.h"
#include "models/SnapshotListModel.h"
#include "profiles/Autostart.h"
#include "repo/Repository.h"
#include "retention/RetentionPolicy.h"
#include "service/BackupService.h"
#include "util/AskOnThread.h"
#include "util/Async.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIcon>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLoggingCategory>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QSysInfo>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

Q_LOGGING_CATEGORY(lcUi, "strata.ui")

static void initStrataResources()
{
    // The resources live in a static library: referencing them keeps the linker from dropping them.
    Q_INIT_RESOURCE(resources);
}

namespace strata {

namespace {

// How long news such as "Opened ..." stays in the status bar.
constexpr int TransientMessageMs = 6000;

// The versions of one set (safety versions carry the set's name too), or all of them for an
// empty name. Reads the repository: for a worker thread.
Result<QList<Snapshot>> versionsOf(Repository &repo, const QString &setName)
{
    auto all = repo.listSnapshots();
    STRATA_TRY(all);
    if (setName.isEmpty())
        return *all;
    QList<Snapshot> mine;
    std::copy_if(all->cbegin(), all->cend(), std::back_inserter(mine),
                 [&](const Snapshot &s) { return s.set == setName; });
    return mine;
}

SetStatus statusOf(BackupService &service, const QString &setId)
{
    SetStatus status;
    const RunLog &log = service.runLog();
    if (const auto last = log.last(setId)) {
        status.lastRun = last->started;
        status.message = last->message;
        switch (last->outcome) {
        case RunRecord::Outcome::Succeeded:
            status.last = SetStatus::Result::Succeeded;
            break;
        case RunRecord::Outcome::Partial:
            status.last = SetStatus::Result::Partial;
            break;
        case RunRecord::Outcome::Failed:
            status.last = SetStatus::Result::Failed;
            break;
        case RunRecord::Outcome::Cancelled:
            status.last = SetStatus::Result::Cancelled;
            break;
        }
    }
    if (const auto success = log.lastSuccess(setId))
        status.lastSuccess = success->started;
    if (service.isRunning(setId) || service.isQueued(setId))
        status.last = SetStatus::Result::Running;
    status.nextRun = service.scheduler().nextRun(setId);
    return status;
}

} // namespace

MainWindow::MainWindow(BackupService &service, QWidget *parent) : QMainWindow(parent), m_service(service)
{
    initStrataResources();
    setWindowTitle(tr("Strata"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/strata.svg")));
    m_model = new SnapshotListModel(this);
    m_model->setShowSafety(false);
    m_versionSelection = new QItemSelectionModel(m_model, this);
    m_sets = new SetListModel(this);
    buildUi();
    buildActions();
    connectCatalog();
    setPasswordPrompt({});
    resize(1100, 720);

    m_service.setPasswordPrompt(
        [this, guard = QPointer<MainWindow>(this)](const BackupSet &set, const SecretRequest &request,
                                                   std::function<void(std::optional<SecretAnswer>)> done) {
            if (!guard) {
                done(std::nullopt);
                return;
            }
            passwordFor(set, request, std::move(done));
        });
    connect(&m_service, &BackupService::passwordNotSaved, this,
            [this](const QString &, const QString &message) { notRemembered(message); });
    connect(&m_service, &BackupService::runStarted, this, &MainWindow::refreshStatuses);
    connect(&m_service, &BackupService::runQueued, this, &MainWindow::refreshStatuses);
    connect(&m_service, &BackupService::runFinished, this, &MainWindow::runFinished);
    connect(&m_service, &BackupService::busyChanged, this, &MainWindow::updateActions);
    connect(&m_service.scheduler(), &Scheduler::nextRunChanged, this, &MainWindow::refreshStatuses);
    refreshSets();
    // Relative times ("2 hours ago") and staleness move on their own.
    auto *minute = new QTimer(this);
    minute->setInterval(60 * 1000);
    connect(minute, &QTimer::timeout, this, &MainWindow::refreshStatuses);
    minute->start();
}

MainWindow::~MainWindow()
{
    if (m_busyCursor)
        QApplication::restoreOverrideCursor();
    m_service.setPasswordPrompt({});
}

QString MainWindow::defaultRepositoryPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/repository");
}

void MainWindow::buildUi()
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_sidebar = new SetSidebar(m_sets, splitter);
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    splitter->addWidget(m_sidebar);

    auto *right = new QWidget(splitter);
    auto *layout = new QVBoxLayout(right);
    layout->setContentsMargins(style()->pixelMetric(QStyle::PM_LayoutLeftMargin) / 2, 0, 0, 0);
    m_title = new QLabel(right);
    m_title->setObjectName(QStringLiteral("title"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    m_problemLabel = new QLabel(right);
    m_problemLabel->setObjectName(QStringLiteral("problem"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setTextFormat(Qt::PlainText);
    m_problemLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problemLabel->setForegroundRole(QPalette::BrightText);
    m_problemLabel->setAutoFillBackground(true);
    m_problemLabel->setBackgroundRole(QPalette::Highlight);
    m_problemLabel->setMargin(6);
    m_problemLabel->hide();
    layout->addWidget(m_problemLabel);

    m_timeline = new TimelineWidget(right);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_timeline->setModel(m_model);
    m_timeline->setSelectionModel(m_versionSelection);
    layout->addWidget(m_timeline);

    auto *lower = new QSplitter(Qt::Horizontal, right);
    m_summary = new VersionSummary(lower);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_browser = new VersionBrowser(lower);
    m_browser->setObjectName(QStringLiteral("browser"));
    lower->addWidget(m_summary);
    lower->addWidget(m_browser);
    lower->setStretchFactor(1, 3);
    lower->setSizes({340, 760});
    layout->addWidget(lower, 1);

    m_panel = new BackupPanel(&m_service, right);
    layout->addWidget(m_panel);

    splitter->addWidget(right);
    splitter->setStretchFactor(1, 4);
    splitter->setSizes({260, 1000});
    // The style's margins around everything, so nothing touches the window's edge.
    auto *central = new QWidget(this);
    auto *frame = new QVBoxLayout(central);
    const int margin = style()->pixelMetric(QStyle::PM_LayoutLeftMargin);
    frame->setContentsMargins(margin, margin / 2, margin, margin / 2);
    frame->addWidget(splitter);
    setCentralWidget(central);

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("versionCount"));
    statusBar()->addPermanentWidget(m_countLabel);

    connect(m_sidebar, &SetSidebar::currentSetChanged, this, [this](const QString &id) {
        if (!id.isEmpty() && id != m_setId)
            showSet(id);
    });
    connect(m_sidebar, &SetSidebar::backupRequested, this,
            [this](const QString &id) { m_service.backUpNow(id); });
    connect(m_sidebar, &SetSidebar::editRequested, this, &MainWindow::editSet);
    connect(m_sidebar, &SetSidebar::newSetRequested, this, &MainWindow::newSet);
    connect(m_sidebar, &SetSidebar::removeRequested, this, &MainWindow::removeSet);
    connect(m_timeline, &TimelineWidget::currentVersionChanged, this, &MainWindow::selectVersion);
    connect(m_timeline, &TimelineWidget::versionActivated, this, [this] { restore(); });
    connect(m_browser, &VersionBrowser::restoreRequested, this, [this](const QList<QByteArray> &paths) {
        if (paths.size() == 1 && m_browser->selectionIsOneFile())
            restoreFile(currentVersion(), paths.first());
        else
            restore(paths);
    });
    connect(m_browser, &VersionBrowser::historyRequested, this, &MainWindow::showHistory);
    m_browser->setHistoryAvailable(true);
}

void MainWindow::buildActions()
{
    auto *toolbar = addToolBar(tr("Actions"));
    toolbar->setObjectName(QStringLiteral("actions"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    m_backUpAction = new QAction(QIcon(QStringLiteral(":/icons/tray-running.svg")), tr("&Back Up Now"), this);
    m_backUpAction->setObjectName(QStringLiteral("backUpNow"));
    m_backUpAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    connect(m_backUpAction, &QAction::triggered, this, [this] { m_service.backUpNow(m_setId); });
    m_restoreAction = new QAction(tr("&Restore…"), this);
    m_restoreAction->setObjectName(QStringLiteral("restore"));
    m_restoreAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_restoreAction, &QAction::triggered, this, [this] { restoreSelection(); });
    // Back Up Now is the sidebar's, next to the set it backs up (and in the Backup menu): the
    // toolbar holds what acts on the version shown.
    toolbar->addAction(m_restoreAction);

    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(tr("&New Backup Set…"), QKeySequence::New, this, &MainWindow::newSet);
    m_editAction = fileMenu->addAction(tr("&Edit Backup Set…"), this, [this] { editSet(m_setId); });
    m_editAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_removeAction = fileMenu->addAction(tr("Re&move Backup Set…"), this, [this] { removeSet(m_setId); });
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Open Repository…"), QKeySequence::Open, this, &MainWindow::browse);
    m_fileHistoryAction = fileMenu->addAction(tr("File &History…"), this, &MainWindow::chooseFileHistory);
    m_fileHistoryAction->setObjectName(QStringLiteral("fileHistory"));
    m_fileHistoryAction->setToolTip(tr("Choose a file on disk and see every version of it"));
    m_fileHistoryAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_H));
    toolbar->addAction(m_fileHistoryAction);
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, [this] {
        m_quitting = true;
        close();
    });

    auto *backupMenu = menuBar()->addMenu(tr("&Backup"));
    backupMenu->addAction(m_backUpAction);
    backupMenu->addAction(m_restoreAction);

    auto *repositoryMenu = menuBar()->addMenu(tr("&Repository"));
    m_pinAction = repositoryMenu->addAction(tr("&Pin Version"));
    m_pinAction->setObjectName(QStringLiteral("pinVersion"));
    m_pinAction->setCheckable(true);
    m_pinAction->setStatusTip(tr("A pinned version is kept whatever the set's rules say."));
    connect(m_pinAction, &QAction::triggered, this, &MainWindow::setPinned);
    // Two versions selected on the timeline (Ctrl+click, Shift+arrows): what changed between them.
    m_compareVersionsAction =
        repositoryMenu->addAction(tr("&Compare Versions…"), this, [this] { compareVersions(); });
    m_compareVersionsAction->setObjectName(QStringLiteral("compareVersions"));
    m_compareVersionsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_compareVersionsAction->setStatusTip(
        tr("Show what changed between the two versions selected on the timeline (select a second "
           "one with Ctrl+click or Shift+Left/Right)."));
    m_timeline->addAction(m_compareVersionsAction);
    m_timeline->setContextMenuPolicy(Qt::ActionsContextMenu);
    // Safety versions (what a restore replaced) are there to undo a restore, not to browse:
    // hidden unless asked for.
    m_showSafetyAction = repositoryMenu->addAction(tr("Show &Safety Versions"));
    m_showSafetyAction->setObjectName(QStringLiteral("showSafety"));
    m_showSafetyAction->setCheckable(true);
    m_showSafetyAction->setStatusTip(tr("Show the versions Strata took of your files before a restore "
                                        "replaced them."));
    connect(m_showSafetyAction, &QAction::toggled, this, &MainWindow::setShowSafety);
    connect(m_versionSelection, &QItemSelectionModel::selectionChanged, this, &MainWindow::updateActions);
    repositoryMenu->addSeparator();
    m_freeSpaceAction = repositoryMenu->addAction(tr("&Free Up Space…"), this, &MainWindow::freeUpSpace);
    m_freeSpaceAction->setObjectName(QStringLiteral("freeUpSpace"));
    m_freeSpaceAction->setStatusTip(
        tr("Remove the versions the set's rules let go and give their space back, "
           "after a preview."));

    auto *settingsMenu = menuBar()->addMenu(tr("&Settings"));
    m_autostartAction = settingsMenu->addAction(tr("Start Strata at &Login"));
    m_autostartAction->setCheckable(true);
    m_autostartAction->setChecked(autostart::isEnabled());
    connect(m_autostartAction, &QAction::toggled, this, [this](bool on) {
        const Status written = autostart::setEnabled(on, QCoreApplication::applicationFilePath());
        if (!written.ok()) {
            statusBar()->showMessage(tr("Cannot change the login start: %1").arg(written.error().message));
            const QSignalBlocker block(m_autostartAction);
            m_autostartAction->setChecked(!on);
        }
    });

    auto *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Strata"), this, [this] {
        auto *box = new QMessageBox(QMessageBox::Information, tr("About Strata"),
                                    tr("Strata %1\nDeduplicated, encrypted backups with versions.")
                                        .arg(QApplication::applicationVersion()),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    updateActions();
}

void MainWindow::updateActions()
{
    const bool hasSet = !m_setId.isEmpty();
    m_backUpAction->setEnabled(hasSet && !m_service.isRunning(m_setId) && !m_service.isQueued(m_setId));
    const Snapshot *shown = currentSnapshot();
    m_restoreAction->setEnabled(m_repo && shown);
    m_fileHistoryAction->setEnabled(m_repo && shown);
    m_editAction->setEnabled(hasSet);
    m_removeAction->setEnabled(hasSet);
    m_pinAction->setEnabled(m_repo && shown && !m_retagging);
    {
        const QSignalBlocker block(m_pinAction);
        m_pinAction->setChecked(shown && shown->tags.contains(kPinnedTag));
    }
    m_freeSpaceAction->setEnabled(bool(m_repo));
    m_compareVersionsAction->setEnabled(m_repo && m_versionSelection->selectedRows().size() == 2);
}

void MainWindow::setPasswordPrompt(PasswordPrompt prompt)
{
    if (prompt) {
        m_prompt = std::move(prompt);
        return;
    }
    m_prompt = [this](const PasswordRequest &request,
                      std::function<void(std::optional<PasswordAnswer>)> answer) {
        auto *dialog = new PasswordDialog(request.mode, request.location, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setProblem(request.problem);
        dialog->setKeychainAvailable(request.keychainAvailable, request.keychainProblem);
        connect(dialog, &QDialog::finished, this, [dialog, answer](int result) {
            if (result == QDialog::Accepted)
                answer(PasswordAnswer{dialog->password(), dialog->rememberInKeychain()});
            else
                answer(std::nullopt);
        });
        dialog->open();
    };
}

void MainWindow::setTrayIcon(TrayIcon *tray)
{
    m_tray = tray;
    connect(tray, &TrayIcon::openRequested, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    connect(tray, &TrayIcon::quitRequested, this, [this] {
        m_quitting = true;
        close();
    });
}

// ---- sets ---------------------------------------------------------------------------------

void MainWindow::start()
{
    refreshSets();
    if (m_service.store().sets().isEmpty()) {
        newSet();
        return;
    }
    showSet(m_service.store().sets().first().id);
}

void MainWindow::refreshSets()
{
    m_sets->setSets(m_service.store().sets());
    m_service.syncSets();
    refreshStatuses();
}

void MainWindow::refreshStatuses()
{
    QStringList stale;
    for (const BackupSet &set : m_service.store().sets()) {
        m_sets->setStatus(set.id, statusOf(m_service, set.id));
        if (m_sets->index(m_sets->rowOf(set.id)).data(SetListModel::StaleRole).toBool())
            stale << set.id;
    }
    if (m_tray && !stale.isEmpty())
        m_tray->notifyStale(stale);
    updateActions();
}

void MainWindow::newSet()
{
    auto *assistant = new SetupAssistant(m_service.store(), this);
    assistant->setAttribute(Qt::WA_DeleteOnClose);
    connect(assistant, &SetupAssistant::setCreated, this, &MainWindow::setCreated);
    assistant->open();
}

void MainWindow::setCreated(const BackupSet &set)
{
    refreshSets();
    showSet(set.id);
}

void MainWindow::editSet(const QString &setId)
{
    const auto set = m_service.store().find(setId);
    if (!set)
        return;
    auto *editor = new SetEditor(m_service.store(), *set, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    // The Keep tab previews its rules on the set's versions: the ones shown, or read now.
    if (setId == m_setId && m_repo) {
        editor->setVersions(m_model->allSnapshots());
    } else {
        const QString setName = set->name;
        m_service.openRepository(
            setId, false, editor, [editor, setName](Result<std::shared_ptr<Repository>> repo) {
                if (!repo.ok()) {
                    editor->setVersionsUnavailable(
                        SetEditor::tr("No preview: the repository cannot be opened without asking (%1).")
                            .arg(repo.error().message));
                    return;
                }
                runAsync(
                    editor, [repo = *repo, setName] { return versionsOf(*repo, setName); },
                    [editor](Result<QList<Snapshot>> versions) {
                        if (versions.ok())
                            editor->setVersions(*versions);
                        else
                            editor->setVersionsUnavailable(versions.error().message);
                    });
            });
    }
    connect(editor, &SetEditor::setChanged, this, [this](const BackupSet &changed) {
        m_service.forgetRepository(changed.repository); // its password may have changed
        refreshSets();
        showSet(changed.id);
    });
    editor->open();
}

void MainWindow::removeSet(const QString &setId)
{
    const auto set = m_service.store().find(setId);
    if (!set)
        return;
    auto *box =
        new QMessageBox(QMessageBox::Question, tr("Remove Backup Set"),
                        tr("Remove the backup set \"%1\"?\n\nIts versions stay in the repository %2 and "
                           "can still be opened with File > Open Repository.")
                            .arg(set->name, QDir::toNativeSeparators(set->repository)),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, setId](int result) {
        if (result != QMessageBox::Yes)
            return;
        m_service.cancel(setId);
        if (const Status removed = m_service.store().remove(setId); !removed.ok()) {
            fail(tr("Cannot remove the backup set: %1").arg(removed.error().message));
            return;
        }
        refreshSets();
        if (m_setId == setId) {
            m_setId.clear();
            if (!m_service.store().sets().isEmpty())
                showSet(m_service.store().sets().first().id);
        }
    });
    box->open();
}

void MainWindow::showSet(const QString &setId)
{
    const auto set = m_service.store().find(setId);
    if (!set)
        return;
    const quint64 generation = ++m_generation;
    m_setId = setId;
    m_location = set->repository;
    m_repo.reset();
    m_catalog->clear();
    m_browser->setCatalog(nullptr);
    m_model->setSnapshots({});
    m_summary->clear();
    m_browser->clear();
    m_sidebar->setCurrentSet(setId);
    m_panel->setCurrentSet(setId);
    m_problemLabel->hide();
    m_title->setText(set->name);
    setWindowTitle(tr("%1 – Strata").arg(set->name));
    m_timeline->setPlaceholderText(tr("Opening the repository…"));
    setBusy(true, tr("Opening %1…").arg(QDir::toNativeSeparators(set->repository)));
    m_service.openRepository(setId, true, this, [this, generation](Result<std::shared_ptr<Repository>> repo) {
        if (!isCurrent(generation))
            return;
        if (!repo.ok()) {
            fail(repo.error().code == ErrorCode::Cancelled
                     ? tr("The repository was not opened.")
                     : tr("Cannot open %1: %2").arg(m_location, repo.error().message));
            return;
        }
        listVersions(generation, *repo, false);
    });
}

void MainWindow::runFinished(const RunRecord &record)
{
    refreshStatuses();
    if (record.setId != m_setId || !m_repo)
        return;
    if (record.wroteVersion())
        listVersions(m_generation, m_repo, false);
    else
        m_timeline->setFailedRuns(failedRuns());
}

QList<FailedRun> MainWindow::failedRuns() const
{
    QList<FailedRun> runs;
    if (!m_setId.isEmpty())
        for (const RunRecord &r : m_service.runLog().failures(m_setId))
            runs.append({r.started, r.setName, r.message});
    return runs;
}

QString MainWindow::problemText(const SecretRequest &request) const
{
    switch (request.problem) {
    case SecretRequest::Problem::None:
        return {};
    case SecretRequest::Problem::TypedWrong:
        return tr("Wrong password. Try again.");
    case SecretRequest::Problem::StoredWrong:
        return request.problemOrigin == SecretOrigin::Keychain
                   ? tr("The password in the keychain does not open this repository any more.")
               : request.problemOrigin == SecretOrigin::File
                   ? tr("The password in the file does not open this repository any more.")
                   : tr("Wrong password. Try again.");
    case SecretRequest::Problem::StoredUnreadable:
        return tr("The password file cannot be read: %1").arg(request.problemDetail);
    }
    return {};
}

PasswordRequest MainWindow::passwordRequest(const SecretRequest &request, bool keychainKept) const
{
    PasswordRequest asked;
    asked.mode = request.purpose == SecretRequest::Purpose::CreateRepository ? PasswordDialog::Mode::Create
                                                                             : PasswordDialog::Mode::Open;
    asked.location = request.location;
    asked.problem = problemText(request);
    switch (request.keychain) {
    case KeychainState::Available:
        asked.keychainAvailable = keychainKept;
        break;
    case KeychainState::NotAsked:
        asked.keychainAvailable = keychainKept && request.purpose == SecretRequest::Purpose::CreateRepository;
        break;
    case KeychainState::Locked:
        asked.keychainAvailable = false;
        asked.keychainProblem = tr("The keychain is locked.");
        break;
    case KeychainState::Missing:
        asked.keychainAvailable = false;
        asked.keychainProblem = tr("No keychain is available.");
        break;
    }
    return asked;
}

void MainWindow::passwordFor(const BackupSet &set, const SecretRequest &request,
                             std::function<void(std::optional<SecretAnswer>)> done)
{
    PasswordRequest asked = passwordRequest(request, set.passwordStorage == PasswordStorage::Keychain);
    asked.location = set.repository;
    if (set.passwordStorage == PasswordStorage::File)
        asked.keychainProblem = tr("This backup set keeps its password in a file.");
    if (set.id == m_setId)
        m_timeline->setPlaceholderText(tr("Locked: the versions show once the password is given"));
    m_prompt(asked, [done](std::optional<PasswordAnswer> a) {
        if (!a)
            done(std::nullopt);
        else
            done(SecretAnswer{a->password, a->remember});
    });
}

// ---- a repository on its own ----------------------------------------------------------------

void MainWindow::browse()
{
    auto *dialog = new QFileDialog(this, tr("Open Repository"), m_location);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &dir) { openRepository(dir); });
    dialog->open();
}

void MainWindow::openRepository(const QString &location, const QString &password)
{
    const quint64 generation = ++m_generation;
    m_setId.clear();
    m_location = location;
    m_repositoryId.clear();
    m_askedToCreate = false;
    m_repo.reset();
    m_catalog->clear();
    m_browser->setCatalog(nullptr);
    m_model->setSnapshots({});
    m_summary->clear();
    m_browser->clear();
    m_sidebar->setCurrentSet({});
    m_panel->setCurrentSet({});
    m_problemLabel->hide();
    m_title->setText(QDir::toNativeSeparators(location));
    setWindowTitle(tr("%1 – Strata").arg(QDir::toNativeSeparators(location)));
    if (location.isEmpty()) {
        fail(tr("Choose the folder of a repository."));
        return;
    }
    m_timeline->setPlaceholderText(tr("Opening the repository…"));
    setBusy(true, tr("Looking for a repository at %1…").arg(QDir::toNativeSeparators(location)));

    // A password handed over (the assistant's) is tried first, the keychain's otherwise; then
    // the person is asked, for as long as they keep trying.
    OpenRequest request;
    request.url = location;
    request.createIfMissing = true;
    request.password.sources = {password.isEmpty() ? SecretSource::keychain()
                                                   : SecretSource::given(password)};
    request.password.prompt = [guard = QPointer<MainWindow>(this),
                               generation](const SecretRequest &question) -> std::optional<SecretAnswer> {
        return askOnThread<SecretAnswer>(
            guard, [guard, generation, question](std::function<void(std::optional<SecretAnswer>)> answer) {
                if (!guard || !guard->isCurrent(generation)) {
                    answer(std::nullopt);
                    return;
                }
                guard->askPassword(question, std::move(answer));
            });
    };
    request.stage = [guard = QPointer<MainWindow>(this), generation](OpenStage stage) {
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [guard, generation, stage] {
                if (guard && guard->isCurrent(generation))
                    guard->showStage(stage);
            },
            Qt::QueuedConnection);
    };
    runAsync(
        promptingPool(), this, [request] { return strata::openRepository(request); },
        [this, generation](Result<OpenedRepository> opened) {
            if (!isCurrent(generation))
                return;
            if (!opened.ok()) {
                if (opened.error().code == ErrorCode::Cancelled)
                    fail(m_askedToCreate ? tr("No repository was created.")
                                         : tr("The repository was not opened."));
                else if (m_askedToCreate)
                    fail(tr("Cannot create a repository at %1: %2").arg(m_location, opened.error().message));
                else
                    fail(tr("Cannot open %1: %2").arg(m_location, opened.error().message));
                return;
            }
            m_repositoryId = opened->repo->config().id;
            if (opened->notRemembered)
                notRemembered(opened->notRemembered->message);
            if (opened->created)
                showOpened(generation, opened->repo, {}, true);
            else
                listVersions(generation, opened->repo, false);
        });
}

void MainWindow::showStage(OpenStage stage)
{
    const QString where = QDir::toNativeSeparators(m_location);
    switch (stage) {
    case OpenStage::Looking:
        setBusy(true, tr("Looking for a repository at %1…").arg(where));
        break;
    case OpenStage::FindingPassword:
        setBusy(true, tr("Asking the keychain for the password…"));
        break;
    case OpenStage::Opening:
        setBusy(true, tr("Opening %1…").arg(where));
        break;
    case OpenStage::Creating:
        setBusy(true, tr("Creating a repository at %1…").arg(where));
        break;
    }
}

void MainWindow::askPassword(const SecretRequest &request,
                             std::function<void(std::optional<SecretAnswer>)> done)
{
    const bool create = request.purpose == SecretRequest::Purpose::CreateRepository;
    m_askedToCreate = create;
    // Behind the prompt: why no versions show yet, never "No versions yet".
    m_timeline->setPlaceholderText(create ? tr("No repository here yet")
                                          : tr("Locked: the versions show once the password is given"));
    setBusy(false, create ? tr("No repository yet.") : tr("Waiting for the password…"));
    PasswordRequest asked = passwordRequest(request, true);
    asked.location = m_location;
    m_prompt(asked, [done](std::optional<PasswordAnswer> a) {
        if (!a)
            done(std::nullopt);
        else
            done(SecretAnswer{a->password, a->remember});
    });
}

// ---- versions -------------------------------------------------------------------------------

void MainWindow::listVersions(quint64 generation, std::shared_ptr<Repository> repo, bool created)
{
    // A set shows its own versions (safety versions carry the set's name too); a repository
    // opened on its own shows all of them.
    QString setName;
    if (const auto set = m_service.store().find(m_setId))
        setName = set->name;
    runAsync(
        this, [repo, setName] { return versionsOf(*repo, setName); },
        [this, generation, repo, created](Result<QList<Snapshot>> versions) {
            if (!isCurrent(generation))
                return;
            if (!versions.ok()) {
                fail(tr("Cannot list the versions in %1: %2").arg(m_location, versions.error().message));
                return;
            }
            showOpened(generation, repo, *versions, created);
        });
}

void MainWindow::showOpened(quint64 generation, std::shared_ptr<Repository> repo, QList<Snapshot> snapshots,
                            bool created)
{
    if (!isCurrent(generation))
        return;
    // Someone looking at the newest version (the model's first row) follows new backups;
    // someone looking at an older one keeps it.
    const QString previous = currentVersion();
    const bool followNewest = previous.isEmpty() || m_model->rowOf(previous) == newestRegularRow();
    m_repo = std::move(repo);
    m_repositoryId = m_repo->config().id;
    m_timeline->setPlaceholderText({});
    m_model->setSnapshots(snapshots);
    m_timeline->setFailedRuns(failedRuns());
    markLeavingVersions(generation, snapshots);
    if (const auto set = m_service.store().find(m_setId))
        m_catalog->refresh(m_repo, set->name);
    else
        m_catalog->refresh(m_repo, {});
    std::optional<AfterListing> after = std::exchange(m_afterListing, std::nullopt);
    const int afterRow = after ? m_model->rowOf(after->select) : -1;
    const auto makeCurrent = [this](int row) {
        m_versionSelection->setCurrentIndex(m_model->index(row, 0),
                                            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    };
    if (afterRow >= 0)
        makeCurrent(afterRow);
    else if (followNewest && newestRegularRow() >= 0)
        makeCurrent(newestRegularRow());
    if (!currentVersion().isEmpty() && currentVersion() == previous)
        selectVersion(previous); // the same version, shown again over the reopened repository
    if (snapshots.isEmpty()) {
        m_summary->clear();
        m_browser->clear();
    }
    m_problemLabel->hide();
    setBusy(false);
    if (created)
        statusBar()->showMessage(tr("Created a repository at %1.").arg(QDir::toNativeSeparators(m_location)),
                                 TransientMessageMs);
    else
        statusBar()->showMessage(tr("Opened %1.").arg(QDir::toNativeSeparators(m_location)),
                                 TransientMessageMs);
    if (snapshots.isEmpty() && !m_setId.isEmpty())
        statusBar()->showMessage(tr("No versions yet. Back Up Now (Ctrl+B) makes the first one."));
    if (after && !after->message.isEmpty())
        statusBar()->showMessage(after->message);
    updateActions();
    Q_EMIT repositoryOpened(m_location);
}

void MainWindow::connectCatalog()
{
    m_catalog = new CatalogUpdater(this);
    const auto say = [this](const QString &message) {
        m_catalogMessage = message;
        statusBar()->showMessage(message);
    };
    // Why the last catalog file was discarded, until the new one is built.
    auto rebuilding = std::make_shared<QString>();
    connect(m_catalog, &CatalogUpdater::discarded, this, [say, rebuilding](const QString &why) {
        *rebuilding = why;
        say(tr("The catalog of this repository cannot be used (%1): building it again…").arg(why));
    });
    connect(m_catalog, &CatalogUpdater::progress, this, [say, rebuilding](qint64 done, qint64 total) {
        const QLocale locale;
        say(rebuilding->isEmpty()
                ? tr("Indexing versions… %1 of %2").arg(locale.toString(done), locale.toString(total))
                : tr("Rebuilding the catalog… %1 of %2 versions")
                      .arg(locale.toString(done), locale.toString(total)));
    });
    connect(m_catalog, &CatalogUpdater::ready, this, [this, rebuilding](std::shared_ptr<Catalog> catalog) {
        // Only the status bar's own text about the catalog goes; another message stays.
        if (!m_catalogMessage.isEmpty() && statusBar()->currentMessage() == m_catalogMessage)
            statusBar()->clearMessage();
        m_catalogMessage.clear();
        if (const QString why = std::exchange(*rebuilding, QString()); !why.isEmpty())
            statusBar()->showMessage(
                tr("The catalog was rebuilt from the repository (the old one: %1).").arg(why), 15000);
        m_browser->setCatalog(std::move(catalog));
    });
    connect(m_catalog, &CatalogUpdater::changeCountsReady, m_model, &SnapshotListModel::setChangeCounts);
    connect(m_catalog, &CatalogUpdater::failed, this, [say](const QString &message) {
        say(tr("The catalog could not be brought up to date: %1").arg(message));
    });
    // After a backup the service updates the catalog itself: the counts then include the new version.
    connect(&m_service, &BackupService::catalogUpdated, this, [this](const QString &location) {
        if (location != m_location || !m_repo)
            return;
        const auto set = m_service.store().find(m_setId);
        m_catalog->refresh(m_repo, set ? set->name : QString());
    });
}

void MainWindow::markLeavingVersions(quint64 generation, const QList<Snapshot> &versions)
{
    const auto set = m_service.store().find(m_setId);
    m_timeline->setLeavingVersions({});
    if (!set || !set->autoPrune || set->retention.isEmpty())
        return;
    // What the service's clean-up after the next backup does: this host's versions of the set.
    runAsync(
        this,
        [versions, policy = set->retention, host = QSysInfo::machineHostName()] {
            QList<Snapshot> mine;
            std::copy_if(versions.cbegin(), versions.cend(), std::back_inserter(mine),
                         [&](const Snapshot &s) { return s.host == host; });
            QHash<QString, QString> leaving;
            const auto decisions = applyRetention(mine, policy, QDateTime::currentDateTimeUtc(),
                                                  [](const Snapshot &v) { return v.stats.bytesAdded; });
            for (const RetentionDecision &d : decisions)
                if (!d.keep)
                    leaving.insert(d.id, d.reasons.join(QStringLiteral("; ")));
            return leaving;
        },
        [this, generation](const QHash<QString, QString> &leaving) {
            if (isCurrent(generation))
                m_timeline->setLeavingVersions(leaving);
        });
}

void MainWindow::setPinned(bool pinned)
{
    const QString id = currentVersion();
    if (!m_repo || id.isEmpty() || m_retagging)
        return;
    TagChange change;
    (pinned ? change.add : change.remove) << kPinnedTag;
    m_retagging = true;
    updateActions();
    statusBar()->showMessage(pinned ? tr("Pinning the version…") : tr("Unpinning the version…"));
    runAsync(
        this, [repo = m_repo, id, change] { return retagVersion(*repo, id, change); },
        [this, generation = m_generation, pinned](Result<Snapshot> now) {
            m_retagging = false;
            if (!isCurrent(generation))
                return;
            if (!now.ok()) {
                statusBar()->showMessage(pinned
                                             ? tr("Cannot pin the version: %1").arg(now.error().message)
                                             : tr("Cannot unpin the version: %1").arg(now.error().message));
                updateActions();
                return;
            }
            // Other tags make another version file: the listing shows it under its new id.
            m_afterListing = AfterListing{
                now->id, pinned ? tr("Pinned: no clean-up removes this version.")
                                : tr("Unpinned: the set's rules decide about this version again.")};
            listVersions(generation, m_repo, false);
        });
}

void MainWindow::freeUpSpace()
{
    if (!m_repo)
        return;
    std::optional<RetentionPolicy> policy;
    QString setName;
    if (const auto set = m_service.store().find(m_setId)) {
        setName = set->name;
        if (!set->retention.isEmpty())
            policy = set->retention;
    }
    auto *dialog = new FreeSpaceDialog(m_repo, policy, setName, QSysInfo::machineHostName(), this);
    dialog->setObjectName(QStringLiteral("freeSpaceDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &FreeSpaceDialog::repositoryChanged, this, [this, generation = m_generation] {
        if (isCurrent(generation) && m_repo)
            listVersions(generation, m_repo, false);
    });
    dialog->open();
}

QString MainWindow::currentVersion() const
{
    const Snapshot *current = currentSnapshot();
    return current ? current->id : QString();
}

const Snapshot *MainWindow::currentSnapshot() const
{
    return m_model->snapshotAt(m_versionSelection->currentIndex().row());
}

int MainWindow::newestRegularRow() const
{
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (m_model->snapshotAt(row)->kind != BackupKind::Safety)
            return row;
    return m_model->rowCount() > 0 ? 0 : -1;
}

void MainWindow::setShowSafety(bool show)
{
    const QString current = currentVersion();
    m_model->setShowSafety(show);
    const int row = m_model->rowOf(current);
    m_versionSelection->setCurrentIndex(m_model->index(row >= 0 ? row : newestRegularRow(), 0),
                                        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    updateCount();
}

void MainWindow::selectVersion(const QString &id)
{
    const QList<Snapshot> &all = m_model->snapshots();
    const auto it = std::find_if(all.cbegin(), all.cend(), [&](const Snapshot &s) { return s.id == id; });
    if (it == all.cend() || !m_repo) {
        m_summary->clear();
        m_browser->clear();
        updateActions();
        return;
    }
    // Changes are shown against the version before it in the same set, whatever its kind:
    // that is what "changed in this version" means to someone looking at a timeline.
    // A safety version holds only what a restore was about to replace, as it was on disk: there
    // is nothing it changed, and its summary says so too.
    std::optional<Snapshot> before;
    if (it->kind != BackupKind::Safety)
        for (const Snapshot &s : m_model->allSnapshots())
            if (s.set == it->set && s.kind != BackupKind::Safety && s.time < it->time &&
                (!before || s.time > before->time))
                before = s;
    m_summary->setVersion(*it, m_model->label(*it));
    m_browser->setVersion(m_repo, *it, before);
    updateActions();
}

void MainWindow::chooseFileHistory()
{
    if (!m_repo || currentVersion().isEmpty())
        return;
    QString start = QDir::homePath();
    if (const auto set = m_service.store().find(m_setId); set && !set->sources.isEmpty())
        start = set->sources.first();
    auto *dialog = new QFileDialog(this, tr("File History"), start);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setObjectName(QStringLiteral("fileHistoryDialog"));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) {
        if (!file.isEmpty())
            showHistory(QFileInfo(file).absoluteFilePath());
    });
    dialog->open();
}

HistoryPanel *MainWindow::showHistory(const QString &path)
{
    if (!m_repo || currentVersion().isEmpty())
        return nullptr;
    const int row = m_model->rowOf(currentVersion());
    const Snapshot *current = m_model->snapshotAt(row);
    auto *panel = new HistoryPanel(m_repo, m_model->snapshots(), QFile::encodeName(path),
                                   current ? current->set : QString(), this);
    panel->setAttribute(Qt::WA_DeleteOnClose);
    connect(panel, &HistoryPanel::changedVersionsKnown, m_timeline, &TimelineWidget::setMarkedVersions);
    connect(panel, &QObject::destroyed, m_timeline,
            [timeline = m_timeline] { timeline->setMarkedVersions({}); });
    connect(panel, &HistoryPanel::restoreRequested, this,
            [this](const QString &id, const QByteArray &file, bool isFile) {
                m_timeline->setCurrentVersion(id);
                if (currentVersion() != id)
                    return;
                if (isFile)
                    restoreFile(id, file);
                else
                    restore({file});
            });
    connect(panel, &HistoryPanel::openCopyRequested, this, [this](const QString &id, const QByteArray &file) {
        m_timeline->setCurrentVersion(id);
        if (currentVersion() == id)
            m_browser->openCopy(file);
    });
    panel->show();
    Q_EMIT historyOpened(panel);
    return panel;
}

FolderDiffWindow *MainWindow::compareVersions()
{
    const QModelIndexList rows = m_versionSelection->selectedRows();
    const Snapshot *a = rows.size() == 2 ? m_model->snapshotAt(rows[0].row()) : nullptr;
    const Snapshot *b = rows.size() == 2 ? m_model->snapshotAt(rows[1].row()) : nullptr;
    if (!m_repo || !a || !b)
        return nullptr;
    if (b->time < a->time)
        std::swap(a, b); // the older before
    auto *window = new FolderDiffWindow(m_repo, *a, *b, this);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    Q_EMIT folderDiffOpened(window);
    return window;
}

void MainWindow::restoreSelection()
{
    const QList<QByteArray> paths = m_browser->selectedRawPaths();
    if (paths.size() == 1 && m_browser->selectionIsOneFile())
        restoreFile(currentVersion(), paths.first());
    else
        restore(paths);
}

QuickRestoreDialog *MainWindow::restoreFile(const QString &versionId, const QByteArray &path)
{
    const int row = m_model->rowOf(versionId);
    const Snapshot *version = m_model->snapshotAt(row);
    if (!m_repo || !version)
        return nullptr;
    auto *dialog = new QuickRestoreDialog(m_repo, *version, path, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QuickRestoreDialog::moreOptionsRequested, this,
            [this](const QString &id, const QByteArray &file) {
                m_timeline->setCurrentVersion(id);
                if (currentVersion() == id)
                    restore({file});
            });
    connect(dialog, &QuickRestoreDialog::restoreFinished, this, [this, generation = m_generation] {
        // The restore took a safety version.
        if (isCurrent(generation) && m_repo)
            listVersions(generation, m_repo, false);
    });
    dialog->open();
    Q_EMIT quickRestoreOpened(dialog);
    return dialog;
}

void MainWindow::restore(const QList<QByteArray> &paths)
{
    if (!m_repo || currentVersion().isEmpty())
        return;
    auto *wizard = new RestoreWizard(m_repo, m_model->snapshots(), currentVersion(), paths, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    if (const auto set = m_service.store().find(m_setId))
        wizard->setSetPreset(set->preset);
    connect(wizard, &RestoreWizard::restoreFinished, this, [this, generation = m_generation] {
        // A restore in place may have written a safety version.
        if (isCurrent(generation) && m_repo)
            listVersions(generation, m_repo, false);
    });
    wizard->open();
}

// ---- common ---------------------------------------------------------------------------------

void MainWindow::notRemembered(const QString &why)
{
    qCWarning(lcUi) << "could not store the password:" << why;
    statusBar()->showMessage(tr("The password could not be saved in the keychain: %1").arg(why));
}

void MainWindow::fail(const QString &message)
{
    m_timeline->setPlaceholderText(tr("No versions to show"));
    m_problemLabel->setText(message);
    m_problemLabel->show();
    setBusy(false, message);
    Q_EMIT repositoryFailed(message);
}

void MainWindow::setBusy(bool busy, const QString &message)
{
    if (busy != m_busyCursor) {
        m_busyCursor = busy;
        if (busy)
            QApplication::setOverrideCursor(Qt::BusyCursor);
        else
            QApplication::restoreOverrideCursor();
    }
    if (!message.isEmpty() || busy)
        statusBar()->showMessage(message);
    else
        statusBar()->clearMessage();
    updateCount();
}

void MainWindow::updateCount()
{
    m_countLabel->setText(m_repo ? tr("%n version(s)", nullptr, m_model->rowCount()) : QString());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const bool scheduled =
        std::any_of(m_service.store().sets().cbegin(), m_service.store().sets().cend(),
                    [](const BackupSet &s) { return s.schedule.mode != Schedule::Mode::Manual; });
    if (!m_quitting && m_tray && m_tray->isVisible() && scheduled) {
        // The schedule needs the program running: the window goes, the tray stays.
        hide();
        event->ignore();
        QSettings settings;
        if (!settings.value(QStringLiteral("tray/explained")).toBool()) {
            settings.setValue(QStringLiteral("tray/explained"), true);
            m_tray->showMessage(
                tr("Strata keeps running"),
                tr("Scheduled backups run from the tray icon. Quit from its menu to stop them."));
        }
        return;
    }
    // Quitting now. A restore stopped half way must still roll back, so it is never cut off.
    const auto wizards = findChildren<RestoreWizard *>();
    const auto quick = findChildren<QuickRestoreDialog *>();
    if (std::any_of(wizards.cbegin(), wizards.cend(), [](RestoreWizard *w) { return w->isRunning(); }) ||
        std::any_of(quick.cbegin(), quick.cend(), [](QuickRestoreDialog *d) { return d->isRunning(); })) {
        m_quitting = m_quitConfirmed = false;
        event->ignore();
        showNormal();
        statusBar()->showMessage(tr("A restore is running. Cancel it in its window first; Strata then puts "
                                    "back anything it had changed."));
        return;
    }
    if (m_service.isBusy() && !m_quitConfirmed) {
        event->ignore();
        auto *box =
            new QMessageBox(QMessageBox::Question, tr("A Backup Is Running"),
                            tr("Quitting cancels the running backup. What it has uploaded is kept, so "
                               "the next backup continues from there.\n\nQuit anyway?"),
                            QMessageBox::Yes | QMessageBox::No, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::finished, this, [this](int result) {
            if (result != QMessageBox::Yes)
                return;
            m_quitting = m_quitConfirmed = true;
            close();
        });
        box->open();
        return;
    }
    event->accept();
    QCoreApplication::quit();
}

} // namespace strata
