#include "SetupAssistantPages.h"

#include "PasswordStorageChooser.h"
#include "repo/Repository.h"
#include "ScheduleEditor.h"
#include "secrets/PasswordFile.h"
#include "storage/Backend.h"
#include "util/Async.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QTimer>
#include <QVBoxLayout>
#include <QWizard>

#include <cmath>

namespace strata {

namespace assistant {

// A line that says what is wrong; hidden while nothing is. Bold, in the normal text colour, so
// it reads in light and dark palettes alike.
QLabel *problemLabel(QWidget *parent, const QString &objectName)
{
    QLabel *label = wrappedLabel(QString(), parent, objectName);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    label->hide();
    return label;
}

void setProblem(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

QProgressBar *busyBar(QWidget *parent)
{
    auto *bar = new QProgressBar(parent);
    bar->setRange(0, 0); // no steps to count: Argon2 or a keychain call just takes a moment
    bar->setTextVisible(false);
    bar->hide();
    return bar;
}

} // namespace assistant

using namespace assistant;

// ---- welcome --------------------------------------------------------------------------------

WelcomePage::WelcomePage(QWidget *parent) : QWizardPage(parent)
{
    setTitle(tr("Welcome to Strata"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(
        wrappedLabel(tr("Strata keeps copies of your files so that you can get back any earlier "
                        "version of them, and a few questions are all it takes to start."),
                     this));
    layout->addSpacing(12);
    // What the next pages set up, in the order they ask.
    layout->addWidget(wrappedLabel(
        tr("It backs up the folders you choose, such as your home folder, into a repository on this "
           "computer or on an external disk, and keeps every version there, encrypted with your password."),
        this, QStringLiteral("welcomeWhat")));
    layout->addWidget(wrappedLabel(tr("It runs on a schedule in the background (every day, unless you choose "
                                      "otherwise), and a missed backup runs as soon as it can."),
                                   this, QStringLiteral("welcomeWhen")));
    layout->addStretch();
}

// ---- what to back up ------------------------------------------------------------------------

SourcesPage::SourcesPage(AssistantDraft *draft, QWidget *parent)
    : QWizardPage(parent), m_draft(draft), m_otclientFolders(presets::detectOtclientFolders(QDir::homePath()))
{
    setTitle(tr("What should be backed up?"));
    setSubTitle(tr("Choose one to start with; you can add more backups later."));

    auto *home = new QRadioButton(tr("Your &home folder"), this);
    home->setObjectName(QStringLiteral("presetHome"));
    auto *documents = new QRadioButton(tr("Your &documents"), this);
    documents->setObjectName(QStringLiteral("presetDocuments"));
    auto *custom = new QRadioButton(tr("&Choose folders…"), this);
    custom->setObjectName(QStringLiteral("presetCustom"));
    m_group = new QButtonGroup(this);
    m_group->addButton(home, int(Choice::Home));
    m_group->addButton(documents, int(Choice::Documents));
    m_group->addButton(custom, int(Choice::Custom));

    auto *layout = new QVBoxLayout(this);
    auto indented = [this](const QString &text) {
        QLabel *label = wrappedLabel(text, this);
        label->setIndent(24);
        return label;
    };
    layout->addWidget(home);
    layout->addWidget(indented(tr("Everything in %1, except caches, the trash and other files that can be "
                                  "downloaded or rebuilt.")
                                   .arg(QDir::toNativeSeparators(QDir::homePath()))));
    layout->addWidget(documents);
    layout->addWidget(indented(QDir::toNativeSeparators(presets::documents().sources.value(0))));
    if (otclientOffered()) {
        auto *otclient = new QRadioButton(tr("&OTClient (the Open Tibia game client)"), this);
        otclient->setObjectName(QStringLiteral("presetOtclient"));
        m_group->addButton(otclient, int(Choice::Otclient));
        layout->addWidget(otclient);
        m_otclientPanel = buildOtclientPanel();
        layout->addWidget(m_otclientPanel);
    }
    layout->addWidget(custom);
    m_customPanel = buildCustomPanel();
    layout->addWidget(m_customPanel);
    m_problem = problemLabel(this, QStringLiteral("sourcesProblem"));
    layout->addWidget(m_problem);
    layout->addStretch();

    connect(m_group, &QButtonGroup::idToggled, this, [this](int, bool checked) {
        if (checked)
            updatePanels();
    });
    home->setChecked(true);
}

QWidget *SourcesPage::buildOtclientPanel()
{
    auto *panel = new QWidget(this);
    panel->setObjectName(QStringLiteral("otclientPanel"));
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(24, 0, 0, 0);
    if (m_otclientFolders.size() > 1) {
        m_otclientFolder = new QComboBox(panel);
        m_otclientFolder->setObjectName(QStringLiteral("otclientFolder"));
        m_otclientFolder->setAccessibleName(tr("OTClient folder"));
        for (const QString &folder : std::as_const(m_otclientFolders))
            m_otclientFolder->addItem(QDir::toNativeSeparators(folder), folder);
        layout->addWidget(m_otclientFolder);
    } else {
        layout->addWidget(wrappedLabel(QDir::toNativeSeparators(m_otclientFolders.value(0)), panel));
    }
    for (const presets::OtclientCategoryInfo &info : presets::otclientCategories()) {
        const QString text = info.selectable
                                 ? tr("%1: %2").arg(info.label, info.description)
                                 : tr("%1: %2 (always left out)").arg(info.label, info.description);
        auto *box = new QCheckBox(text, panel);
        box->setObjectName(QStringLiteral("otclient_") + info.key);
        box->setChecked(info.selectable && info.defaultOn);
        box->setEnabled(info.selectable);
        connect(box, &QCheckBox::toggled, this, &QWizardPage::completeChanged);
        m_categoryBoxes.append({info.category, box});
        layout->addWidget(box);
    }
    layout->addWidget(
        wrappedLabel(presets::otclientCredentialsWarning(), panel, QStringLiteral("otclientWarning")));
    return panel;
}

QWidget *SourcesPage::buildCustomPanel()
{
    auto *panel = new QWidget(this);
    m_folders = new QListWidget(panel);
    m_folders->setObjectName(QStringLiteral("customFolders"));
    m_folders->setAccessibleName(tr("Folders to back up"));
    auto *add = new QPushButton(tr("&Add…"), panel);
    m_removeFolder = new QPushButton(tr("&Remove"), panel);
    m_removeFolder->setEnabled(false);
    connect(add, &QPushButton::clicked, this, [this] {
        auto *dialog = new QFileDialog(this, tr("Add a Folder"), QDir::homePath());
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setOption(QFileDialog::ShowDirsOnly);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QFileDialog::fileSelected, this, &SourcesPage::addFolder);
        dialog->open();
    });
    connect(m_removeFolder, &QPushButton::clicked, this, [this] {
        delete m_folders->currentItem();
        Q_EMIT completeChanged();
    });
    connect(m_folders, &QListWidget::currentRowChanged, this,
            [this](int row) { m_removeFolder->setEnabled(row >= 0); });

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_removeFolder);
    buttons->addStretch();
    auto *layout = new QHBoxLayout(panel);
    layout->setContentsMargins(24, 0, 0, 0);
    layout->addWidget(m_folders);
    layout->addLayout(buttons);
    return panel;
}

bool SourcesPage::otclientOffered() const
{
    return !m_otclientFolders.isEmpty();
}

void SourcesPage::choose(Choice choice)
{
    if (QAbstractButton *button = m_group->button(int(choice)))
        button->setChecked(true);
}

void SourcesPage::addFolder(const QString &path)
{
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    if (m_folders->findItems(QDir::toNativeSeparators(clean), Qt::MatchExactly).isEmpty()) {
        auto *item = new QListWidgetItem(QDir::toNativeSeparators(clean), m_folders);
        item->setData(Qt::UserRole, clean);
    }
    Q_EMIT completeChanged();
}

SourcesPage::Choice SourcesPage::choice() const
{
    return Choice(m_group->checkedId());
}

presets::OtclientCategories SourcesPage::otclientCategories() const
{
    return checkedCategories(m_categoryBoxes);
}

void SourcesPage::updatePanels()
{
    if (m_otclientPanel)
        m_otclientPanel->setVisible(choice() == Choice::Otclient);
    m_customPanel->setVisible(choice() == Choice::Custom);
    setProblem(m_problem, {});
    Q_EMIT completeChanged();
}

bool SourcesPage::isComplete() const
{
    switch (choice()) {
    case Choice::Otclient:
        return otclientCategories() != presets::OtclientCategories();
    case Choice::Custom:
        return m_folders->count() > 0;
    case Choice::Home:
    case Choice::Documents:
        break;
    }
    return true;
}

Result<BackupSet> SourcesPage::buildSet() const
{
    switch (choice()) {
    case Choice::Home:
        return presets::homeFolder(QDir::homePath());
    case Choice::Documents:
        return presets::documents();
    case Choice::Otclient: {
        const QString folder =
            m_otclientFolder ? m_otclientFolder->currentData().toString() : m_otclientFolders.value(0);
        return presets::otclient(folder, otclientCategories());
    }
    case Choice::Custom:
        break;
    }
    // Custom folders start from the Documents preset for its schedule, retention and defaults.
    BackupSet set = presets::documents();
    set.name = tr("My folders");
    set.preset.clear();
    set.sources.clear();
    for (int i = 0; i < m_folders->count(); ++i)
        set.sources.append(m_folders->item(i)->data(Qt::UserRole).toString());
    return set;
}

bool SourcesPage::validatePage()
{
    Result<BackupSet> set = buildSet();
    if (!set) {
        setProblem(m_problem, set.error().message);
        return false;
    }
    // What the later pages chose survives going back here to change the preset.
    const bool first = m_draft->set.id.isEmpty();
    const BackupSet previous = m_draft->set;
    m_draft->set = std::move(*set);
    m_draft->set.id = m_draft->setId;
    if (!first) {
        m_draft->set.repository = previous.repository;
        m_draft->set.schedule = previous.schedule;
        m_draft->set.passwordStorage = previous.passwordStorage;
        m_draft->set.passwordFile = previous.passwordFile;
    }
    setProblem(m_problem, {});
    return true;
}

// ---- where ----------------------------------------------------------------------------------

DestinationPage::FolderProbe DestinationPage::probeFolder(const QString &path)
{
    FolderProbe probe;
    const QFileInfo info(path);
    if (!info.exists()) {
        // A new repository's folders are created on Finish: the nearest existing parent must
        // let us write.
        QString ancestor = info.absolutePath();
        while (!QFileInfo::exists(ancestor) && !QDir(ancestor).isRoot())
            ancestor = QFileInfo(ancestor).absolutePath();
        const QFileInfo parent(ancestor);
        probe.kind = FolderProbe::Kind::Missing;
        probe.writable = parent.isDir() && parent.isWritable();
        return probe;
    }
    if (!info.isDir()) {
        probe.kind = FolderProbe::Kind::NotAFolder;
        return probe;
    }
    auto backend = openBackend(path);
    if (!backend) {
        probe.kind = FolderProbe::Kind::Unreadable;
        probe.problem = backend.error().message;
        return probe;
    }
    Result<RepoConfig> config = Repository::readConfig(**backend);
    if (config) {
        probe.kind = FolderProbe::Kind::Repository;
        probe.repositoryId = config->id;
        return probe;
    }
    if (config.error().code != ErrorCode::RepositoryMissing) {
        probe.kind = FolderProbe::Kind::Unreadable;
        probe.problem = config.error().message;
        return probe;
    }
    const bool empty =
        QDir(path).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    probe.kind = empty ? FolderProbe::Kind::Empty : FolderProbe::Kind::NotEmpty;
    probe.writable = info.isWritable();
    return probe;
}

DestinationPage::DestinationPage(AssistantDraft *draft, QWidget *parent) : QWizardPage(parent), m_draft(draft)
{
    setTitle(tr("Where should the backups go?"));
    setSubTitle(tr("Strata keeps them in a repository: a folder that only Strata reads and writes."));

    m_default = new QRadioButton(tr("In your &data folder (recommended to start)"), this);
    m_default->setObjectName(QStringLiteral("destinationDefault"));
    m_defaultPath = wrappedLabel(QString(), this);
    m_defaultPath->setIndent(24);
    m_other = new QRadioButton(tr("In an&other folder, for example on an external disk:"), this);
    m_other->setObjectName(QStringLiteral("destinationOther"));
    m_otherPath = new QLineEdit(this);
    m_otherPath->setObjectName(QStringLiteral("destinationPath"));
    m_otherPath->setAccessibleName(tr("Backup folder"));
    m_browse = new QPushButton(tr("Brow&se…"), this);
    auto *where = new QButtonGroup(this);
    where->addButton(m_default);
    where->addButton(m_other);

    m_new = new QRadioButton(tr("Create a new &repository there"), this);
    m_new->setObjectName(QStringLiteral("repositoryNew"));
    m_existing = new QRadioButton(tr("&Connect to an existing repository there"), this);
    m_existing->setObjectName(QStringLiteral("repositoryExisting"));
    auto *mode = new QButtonGroup(this);
    mode->addButton(m_new);
    mode->addButton(m_existing);
    m_new->setChecked(true);
    m_default->setChecked(true);

    m_status = wrappedLabel(QString(), this, QStringLiteral("destinationStatus"));

    auto *otherRow = new QHBoxLayout;
    otherRow->setContentsMargins(24, 0, 0, 0);
    otherRow->addWidget(m_otherPath);
    otherRow->addWidget(m_browse);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_default);
    layout->addWidget(m_defaultPath);
    layout->addWidget(m_other);
    layout->addLayout(otherRow);
    layout->addSpacing(12);
    layout->addWidget(m_new);
    layout->addWidget(m_existing);
    layout->addSpacing(12);
    layout->addWidget(m_status);
    layout->addStretch();

    // Typing a path probes it once the typing pauses, not on every key.
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &DestinationPage::startProbe);
    connect(m_otherPath, &QLineEdit::textChanged, this, [this] {
        if (!m_other->isChecked())
            m_other->setChecked(true);
        locationChanged();
    });
    connect(where, &QButtonGroup::buttonToggled, this, [this](QAbstractButton *, bool checked) {
        if (checked)
            locationChanged();
    });
    connect(mode, &QButtonGroup::buttonToggled, this, [this](QAbstractButton *, bool checked) {
        if (checked) {
            showStatus();
            Q_EMIT completeChanged();
        }
    });
    connect(m_browse, &QPushButton::clicked, this, [this] {
        auto *dialog = new QFileDialog(this, tr("Backup Folder"), location());
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setOption(QFileDialog::ShowDirsOnly);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QFileDialog::fileSelected, this, &DestinationPage::setOtherLocation);
        dialog->open();
    });
}

void DestinationPage::initializePage()
{
    m_defaultPath->setText(QDir::toNativeSeparators(presets::defaultRepository()));
    if (m_probedLocation.isEmpty())
        locationChanged();
}

QString DestinationPage::location() const
{
    if (m_default->isChecked())
        return presets::defaultRepository();
    const QString typed = m_otherPath->text().trimmed();
    return typed.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(typed).absoluteFilePath());
}

void DestinationPage::setOtherLocation(const QString &path)
{
    m_other->setChecked(true);
    m_otherPath->setText(QDir::toNativeSeparators(path));
}

void DestinationPage::setConnectExisting(bool existing)
{
    (existing ? m_existing : m_new)->setChecked(true);
}

QString DestinationPage::statusText() const
{
    return m_status->text();
}

void DestinationPage::locationChanged()
{
    ++m_generation; // an answer for the previous location is stale now
    m_checking = !location().isEmpty();
    m_status->setText(m_checking ? tr("Looking at the folder…") : tr("Type or choose a folder."));
    Q_EMIT completeChanged();
    if (m_checking)
        m_debounce->start();
}

void DestinationPage::startProbe()
{
    const QString path = location();
    const quint64 generation = ++m_generation;
    runAsync(
        this, [path] { return probeFolder(path); },
        [this, path, generation](const FolderProbe &probe) {
            if (generation != m_generation)
                return;
            m_checking = false;
            m_probedLocation = path;
            m_probe = probe;
            // What is there decides the likely intent; the user may still change it.
            setConnectExisting(probe.kind == FolderProbe::Kind::Repository);
            showStatus();
            Q_EMIT completeChanged();
        });
}

void DestinationPage::showStatus()
{
    if (m_checking)
        return;
    using Kind = FolderProbe::Kind;
    QString text;
    switch (m_probe.kind) {
    case Kind::Repository:
        text = m_existing->isChecked()
                   ? tr("This folder holds a Strata repository (number %1). You will connect to it with its "
                        "password.")
                         .arg(m_probe.repositoryId.left(8))
                   : tr("This folder already holds a Strata repository (number %1). Connect to it, or choose "
                        "another folder for a new one.")
                         .arg(m_probe.repositoryId.left(8));
        break;
    case Kind::Missing:
    case Kind::Empty:
        if (m_existing->isChecked())
            text = tr("There is no Strata repository in this folder to connect to.");
        else if (!m_probe.writable)
            text = tr("You cannot write to this place. Choose a folder you can write to.");
        else
            text = tr("A new repository will be created in this folder.");
        break;
    case Kind::NotEmpty:
        text = m_existing->isChecked()
                   ? tr("There is no Strata repository in this folder to connect to.")
                   : tr("This folder already holds other files. Choose an empty or a new folder.");
        break;
    case Kind::NotAFolder:
        text = tr("This is a file, not a folder.");
        break;
    case Kind::Unreadable:
        text = tr("The repository in this folder cannot be used: %1").arg(m_probe.problem);
        break;
    }
    m_status->setText(text);
}

bool DestinationPage::isComplete() const
{
    if (m_checking || location().isEmpty() || m_probedLocation != location())
        return false;
    using Kind = FolderProbe::Kind;
    if (m_existing->isChecked())
        return m_probe.kind == Kind::Repository;
    return (m_probe.kind == Kind::Missing || m_probe.kind == Kind::Empty) && m_probe.writable;
}

bool DestinationPage::validatePage()
{
    if (!isComplete())
        return false;
    if (m_draft->set.repository != location() || m_draft->connectExisting != m_existing->isChecked())
        m_draft->repositoryId.clear(); // a different repository: what was learnt no longer holds
    m_draft->set.repository = location();
    m_draft->connectExisting = m_existing->isChecked();
    if (m_draft->connectExisting)
        m_draft->repositoryId = m_probe.repositoryId;
    return true;
}

// ---- password -------------------------------------------------------------------------------

PasswordPage::PasswordPage(AssistantDraft *draft, QWidget *parent) : QWizardPage(parent), m_draft(draft)
{
    setTitle(tr("Password"));
    m_intro = wrappedLabel(QString(), this);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_confirm = new QLineEdit(this);
    m_confirm->setObjectName(QStringLiteral("confirm"));
    m_confirm->setEchoMode(QLineEdit::Password);
    m_strength = wrappedLabel(QString(), this, QStringLiteral("strength"));
    m_mismatch = wrappedLabel(tr("The two passwords are not the same."), this, QStringLiteral("mismatch"));
    m_mismatch->hide();
    m_problem = problemLabel(this, QStringLiteral("passwordProblem"));
    m_busy = busyBar(this);
    m_busy->setAccessibleName(tr("Checking the password"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Password:"), m_password);
    m_confirmLabel = new QLabel(tr("&Again:"), this);
    m_confirmLabel->setBuddy(m_confirm);
    form->addRow(m_confirmLabel, m_confirm);
    form->addRow(QString(), m_strength);
    form->addRow(QString(), m_mismatch);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_busy);
    layout->addStretch();

    connect(m_password, &QLineEdit::textChanged, this, [this] {
        showProblem({});
        updateHints();
    });
    connect(m_confirm, &QLineEdit::textChanged, this, &PasswordPage::updateHints);
}

QString PasswordPage::strengthHint(const QString &password)
{
    // A rough estimate of guessing work: length times the variety of characters used. It is
    // a hint for people, not a policy; long phrases of plain words score well, as they should.
    bool lower = false, upper = false, digit = false, other = false, wide = false;
    for (const QChar c : password) {
        if (c.unicode() > 127)
            wide = true;
        else if (c.isLower())
            lower = true;
        else if (c.isUpper())
            upper = true;
        else if (c.isDigit())
            digit = true;
        else
            other = true;
    }
    const int pool =
        (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 33 : 0) + (wide ? 100 : 0);
    const double bits = pool > 0 ? password.size() * std::log2(double(pool)) : 0.0;
    if (bits < 45)
        return tr("Weak: someone could guess it. A few unrelated words make a strong password that is easy "
                  "to remember.");
    if (bits < 70)
        return tr("Fair: a little longer would be better.");
    return tr("Strong.");
}

void PasswordPage::initializePage()
{
    const bool existing = m_draft->connectExisting;
    setSubTitle(existing ? tr("The repository is locked with a password.")
                         : tr("Your backups are locked with this password."));
    m_intro->setText(existing ? tr("Type the password of the repository in %1.")
                                    .arg(QDir::toNativeSeparators(m_draft->set.repository))
                              : tr("Without it nobody, not even you, can get your files back from the "
                                   "backups. Keep a copy of it somewhere safe, away from this computer."));
    m_confirm->setVisible(!existing);
    m_confirmLabel->setVisible(!existing);
    showProblem({});
    updateHints();
    m_password->setFocus();
}

void PasswordPage::updateHints()
{
    const bool create = !m_draft->connectExisting;
    m_strength->setVisible(create && !m_password->text().isEmpty());
    if (create && !m_password->text().isEmpty())
        m_strength->setText(strengthHint(m_password->text()));
    m_mismatch->setVisible(create && !m_confirm->text().isEmpty() && m_confirm->text() != m_password->text());
    Q_EMIT completeChanged();
}

void PasswordPage::showProblem(const QString &text)
{
    setProblem(m_problem, text);
}

QString PasswordPage::problem() const
{
    return m_problem->isVisible() ? m_problem->text() : QString();
}

bool PasswordPage::isComplete() const
{
    if (m_verifying || m_password->text().isEmpty())
        return false;
    return m_draft->connectExisting || m_confirm->text() == m_password->text();
}

bool PasswordPage::validatePage()
{
    if (!isComplete())
        return false;
    const QString password = m_password->text();
    if (!m_draft->connectExisting) {
        m_draft->password = password;
        return true;
    }
    const QString location = m_draft->set.repository;
    if (location == m_verifiedLocation && password == m_verifiedPassword) {
        m_draft->password = password;
        return true;
    }
    // Opening derives the key with Argon2: a moment of work, on a worker thread.
    m_verifying = true;
    m_busy->show();
    showProblem({});
    Q_EMIT completeChanged();
    runAsync(
        this,
        [location, password]() -> Result<QString> {
            auto repo = Repository::open(location, password);
            if (!repo)
                return repo.error();
            return (*repo)->config().id;
        },
        [this, location, password](const Result<QString> &opened) {
            m_verifying = false;
            m_busy->hide();
            Q_EMIT completeChanged();
            if (!opened) {
                showProblem(opened.error().code == ErrorCode::WrongPassword
                                ? tr("This password does not open the repository. Check it and try again.")
                                : tr("The repository could not be opened: %1").arg(opened.error().message));
                m_password->setFocus();
                m_password->selectAll();
                return;
            }
            m_verifiedLocation = location;
            m_verifiedPassword = password;
            m_draft->repositoryId = *opened;
            if (wizard() && wizard()->currentPage() == this && m_draft->set.repository == location)
                wizard()->next();
        });
    return false;
}

// ---- where the password is kept -------------------------------------------------------------

StoragePage::StoragePage(AssistantDraft *draft, QWidget *parent) : QWizardPage(parent), m_draft(draft)
{
    setTitle(tr("Where should Strata keep the password?"));
    setSubTitle(tr("Scheduled backups need the password when you are not there to type it."));
    m_chooser = new PasswordStorageChooser(this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_chooser);
    layout->addStretch();
    connect(m_chooser, &PasswordStorageChooser::changed, this, &QWizardPage::completeChanged);
}

void StoragePage::initializePage()
{
    // The default file follows the set unless the user typed another one.
    const QString file = PasswordFile::defaultPath(m_draft->set.id);
    if (m_chooser->passwordFile().isEmpty() || m_chooser->passwordFile() == m_defaultFile)
        m_chooser->setPasswordFile(file);
    m_defaultFile = file;
    if (!m_probed) {
        m_probed = true;
        m_chooser->probeKeychain();
    }
}

bool StoragePage::isComplete() const
{
    return m_chooser->isComplete();
}

bool StoragePage::validatePage()
{
    if (!isComplete())
        return false;
    m_draft->set.passwordStorage = *m_chooser->storage();
    m_draft->set.passwordFile =
        m_draft->set.passwordStorage == PasswordStorage::File ? m_chooser->passwordFile() : QString();
    return true;
}

// ---- when -----------------------------------------------------------------------------------

SchedulePage::SchedulePage(AssistantDraft *draft, QWidget *parent) : QWizardPage(parent), m_draft(draft)
{
    setTitle(tr("When should backups run?"));
    setSubTitle(
        tr("Strata backs up in the background while you work. A missed backup runs as soon as it can."));
    m_editor = new ScheduleEditor(this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_editor);
    layout->addStretch();
}

void SchedulePage::initializePage()
{
    m_editor->setSchedule(m_draft->set.schedule);
}

bool SchedulePage::validatePage()
{
    m_draft->set.schedule = m_editor->schedule();
    return true;
}

} // namespace strata
