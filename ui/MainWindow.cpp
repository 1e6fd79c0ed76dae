#include "MainWindow.h"

#include "models/SnapshotListModel.h"
#include "repo/Repository.h"
#include "secrets/SecretStore.h"
#include "storage/Backend.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QtConcurrent>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcUi, "strata.ui")

static void initStrataResources()
{
    // The resources live in a static library: referencing them keeps the linker from dropping them.
    Q_INIT_RESOURCE(resources);
}

namespace strata {

namespace {

struct Probe
{
    bool exists = false;
    QString repositoryId;
};

struct Opened
{
    std::shared_ptr<Repository> repo;
    QList<Snapshot> snapshots;
};

// Reads only the plain config file, which needs no password: its id names the keychain entry.
Result<Probe> probeRepository(const QString &location)
{
    auto backend = openBackend(location);
    STRATA_TRY(backend);
    auto config = Repository::readConfig(**backend);
    if (!config && config.error().code == ErrorCode::RepositoryMissing)
        return Probe{};
    STRATA_TRY(config);
    return Probe{true, config->id};
}

} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    initStrataResources();
    setWindowTitle(tr("Strata"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/strata.svg")));
    m_model = new SnapshotListModel(this);
    buildUi();
    setPasswordPrompt({});
    resize(900, 560);
}

MainWindow::~MainWindow()
{
    if (m_busyCursor)
        QApplication::restoreOverrideCursor();
}

QString MainWindow::defaultRepositoryPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/repository");
}

void MainWindow::buildUi()
{
    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    auto *openAction = fileMenu->addAction(tr("&Open Repository…"), this, &MainWindow::browse);
    openAction->setShortcut(QKeySequence::Open);
    fileMenu->addSeparator();
    auto *quitAction = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quitAction->setShortcut(QKeySequence::Quit);
    auto *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Strata"), this, [this] {
        auto *box = new QMessageBox(QMessageBox::Information, tr("About Strata"),
                                    tr("Strata %1\nDeduplicated, encrypted backups with versions.")
                                        .arg(QApplication::applicationVersion()),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);

    auto *locationRow = new QHBoxLayout;
    auto *locationLabel = new QLabel(tr("&Repository:"), central);
    m_locationEdit = new QLineEdit(central);
    m_locationEdit->setObjectName(QStringLiteral("location"));
    m_locationEdit->setPlaceholderText(tr("Folder of a repository"));
    locationLabel->setBuddy(m_locationEdit);
    m_openButton = new QPushButton(tr("Open"), central);
    m_browseButton = new QPushButton(tr("Browse…"), central);
    locationRow->addWidget(locationLabel);
    locationRow->addWidget(m_locationEdit, 1);
    locationRow->addWidget(m_openButton);
    locationRow->addWidget(m_browseButton);
    layout->addLayout(locationRow);
    connect(m_openButton, &QPushButton::clicked, this,
            [this] { openRepository(m_locationEdit->text().trimmed()); });
    connect(m_locationEdit, &QLineEdit::returnPressed, m_openButton, &QPushButton::click);
    connect(m_browseButton, &QPushButton::clicked, this, &MainWindow::browse);

    m_problemLabel = new QLabel(central);
    m_problemLabel->setObjectName(QStringLiteral("problem"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setTextFormat(Qt::PlainText);
    m_problemLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problemLabel->hide();
    layout->addWidget(m_problemLabel);

    m_view = new QTableView(central);
    m_view->setObjectName(QStringLiteral("versions"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_view, 1);
    setCentralWidget(central);

    m_countLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_countLabel);
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

void MainWindow::browse()
{
    auto *dialog = new QFileDialog(this, tr("Open Repository"), m_location);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &dir) { openRepository(dir); });
    dialog->open();
}

template <typename T>
void MainWindow::runInBackground(std::function<T()> work, std::function<void(T)> done)
{
    auto *watcher = new QFutureWatcher<T>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [watcher, done = std::move(done)] {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

void MainWindow::openRepository(const QString &location, const QString &password)
{
    const quint64 generation = ++m_generation;
    m_location = location;
    m_repositoryId.clear();
    m_repo.reset();
    m_model->setSnapshots({});
    m_locationEdit->setText(QDir::toNativeSeparators(location));
    m_problemLabel->hide();
    setWindowTitle(tr("%1 – Strata").arg(QDir::toNativeSeparators(location)));
    if (location.isEmpty()) {
        fail(tr("Choose the folder of a repository."));
        return;
    }
    setBusy(true, tr("Looking for a repository at %1…").arg(QDir::toNativeSeparators(location)));

    runInBackground<Result<Probe>>(
        [location] { return probeRepository(location); },
        [this, generation, password](Result<Probe> probe) {
            if (!isCurrent(generation))
                return;
            if (!probe.ok()) {
                fail(tr("Cannot read %1: %2").arg(m_location, probe.error().message));
                return;
            }
            if (!probe->exists) {
                askPassword(generation, {PasswordDialog::Mode::Create, m_location, {}, true, {}});
                return;
            }
            m_repositoryId = probe->repositoryId;
            if (!password.isEmpty()) {
                openWith(generation, password, false, false);
                return;
            }
            setBusy(true, tr("Asking the keychain for the password…"));
            SecretStore::readAsync(
                SecretStore::keyForRepository(m_repositoryId), this,
                [this, generation](Result<QString> secret) {
                    if (!isCurrent(generation))
                        return;
                    if (secret.ok()) {
                        openWith(generation, *secret, false, true);
                        return;
                    }
                    const ErrorCode code = secret.error().code;
                    m_keychainAvailable = code == ErrorCode::NotFound;
                    m_keychainProblem = m_keychainAvailable         ? QString()
                                        : code == ErrorCode::Locked ? tr("The keychain is locked.")
                                                                    : tr("No keychain is available.");
                    qCInfo(lcUi) << "no password from the keychain:" << secret.error().message;
                    askPassword(
                        generation,
                        {PasswordDialog::Mode::Open, m_location, {}, m_keychainAvailable, m_keychainProblem});
                });
        });
}

void MainWindow::askPassword(quint64 generation, PasswordRequest request)
{
    setBusy(false, request.mode == PasswordDialog::Mode::Create ? tr("No repository yet.")
                                                                : tr("Waiting for the password…"));
    const PasswordDialog::Mode mode = request.mode;
    m_prompt(request,
             [this, guard = QPointer<MainWindow>(this), generation, mode](std::optional<PasswordAnswer> a) {
                 if (!guard || !isCurrent(generation))
                     return;
                 if (!a) {
                     fail(mode == PasswordDialog::Mode::Create ? tr("No repository was created.")
                                                               : tr("The repository was not opened."));
                     return;
                 }
                 if (mode == PasswordDialog::Mode::Create)
                     createWith(generation, a->password, a->remember);
                 else
                     openWith(generation, a->password, a->remember, false);
             });
}

void MainWindow::openWith(quint64 generation, const QString &password, bool remember, bool fromKeychain)
{
    setBusy(true, tr("Opening %1…").arg(QDir::toNativeSeparators(m_location)));
    const QString location = m_location;
    runInBackground<Result<Opened>>(
        [location, password]() -> Result<Opened> {
            auto repo = Repository::open(location, password);
            if (!repo)
                return Result<Opened>(repo.error());
            auto snapshots = (*repo)->listSnapshots();
            if (!snapshots)
                return Result<Opened>(snapshots.error());
            return Result<Opened>(Opened{*repo, *snapshots});
        },
        [this, generation, password, remember, fromKeychain](Result<Opened> opened) {
            if (!isCurrent(generation))
                return;
            if (!opened.ok()) {
                const Error &error = opened.error();
                if (error.code == ErrorCode::WrongPassword) {
                    askPassword(generation,
                                {PasswordDialog::Mode::Open, m_location,
                                 fromKeychain ? tr("The password in the keychain does not open this "
                                                   "repository any more.")
                                              : tr("Wrong password. Try again."),
                                 m_keychainAvailable, m_keychainProblem});
                    return;
                }
                fail(tr("Cannot open %1: %2").arg(m_location, error.message));
                return;
            }
            if (remember)
                this->remember(password);
            showOpened(generation, opened->repo, opened->snapshots, false);
        });
}

void MainWindow::createWith(quint64 generation, const QString &password, bool remember)
{
    setBusy(true, tr("Creating a repository at %1…").arg(QDir::toNativeSeparators(m_location)));
    const QString location = m_location;
    runInBackground<Result<std::shared_ptr<Repository>>>(
        [location, password]() -> Result<std::shared_ptr<Repository>> {
            if (!QDir().mkpath(location))
                return Result<std::shared_ptr<Repository>>(
                    Error::io(QStringLiteral("cannot create %1").arg(location)));
            auto backend = openBackend(location);
            if (!backend)
                return Result<std::shared_ptr<Repository>>(backend.error());
            return Repository::init(std::move(*backend), password);
        },
        [this, generation, password, remember](Result<std::shared_ptr<Repository>> repo) {
            if (!isCurrent(generation))
                return;
            if (!repo.ok()) {
                fail(tr("Cannot create a repository at %1: %2").arg(m_location, repo.error().message));
                return;
            }
            m_repositoryId = (*repo)->config().id;
            if (remember)
                this->remember(password);
            showOpened(generation, *repo, {}, true);
        });
}

void MainWindow::showOpened(quint64 generation, std::shared_ptr<Repository> repo, QList<Snapshot> snapshots,
                            bool created)
{
    m_repo = std::move(repo);
    m_repositoryId = m_repo->config().id;
    m_model->setSnapshots(std::move(snapshots));
    m_view->resizeColumnsToContents();
    m_problemLabel->hide();
    setBusy(false, created ? tr("Created a repository at %1.").arg(QDir::toNativeSeparators(m_location))
                           : tr("Opened %1.").arg(QDir::toNativeSeparators(m_location)));
    Q_EMIT repositoryOpened(m_location);
}

void MainWindow::remember(const QString &password)
{
    SecretStore::writeAsync(
        SecretStore::keyForRepository(m_repositoryId), password, this, [this](Status status) {
            if (!status.ok()) {
                qCWarning(lcUi) << "could not store the password:" << status.error().message;
                statusBar()->showMessage(
                    tr("The password could not be saved in the keychain: %1").arg(status.error().message));
            }
        });
}

void MainWindow::fail(const QString &message)
{
    m_problemLabel->setText(message);
    m_problemLabel->show();
    setBusy(false, message);
    Q_EMIT repositoryFailed(message);
}

void MainWindow::setBusy(bool busy, const QString &message)
{
    m_openButton->setEnabled(!busy);
    m_browseButton->setEnabled(!busy);
    if (busy != m_busyCursor) {
        m_busyCursor = busy;
        if (busy)
            QApplication::setOverrideCursor(Qt::BusyCursor);
        else
            QApplication::restoreOverrideCursor();
    }
    statusBar()->showMessage(message);
    m_countLabel->setText(m_repo ? tr("%n version(s)", nullptr, m_model->rowCount()) : QString());
}

} // namespace strata
