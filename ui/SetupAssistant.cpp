#include "SetupAssistant.h"

#include "models/TimeText.h"
#include "PasswordDialog.h"
#include "PasswordStorageChooser.h"
#include "profiles/SetStore.h"
#include "repo/Repository.h"
#include "schedule/Clock.h"
#include "schedule/ScheduleRule.h"
#include "ScheduleEditor.h"
#include "secrets/PasswordFile.h"
#include "secrets/SecretStore.h"
#include "SetupAssistantPages.h"
#include "storage/Backend.h"
#include "util/Async.h"

#include <QAbstractButton>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QVBoxLayout>

namespace strata {

namespace {

bool isInside(const QString &path, const QString &folder)
{
    const QString p = QDir::cleanPath(path);
    const QString f = QDir::cleanPath(folder);
    return p == f || p.startsWith(f.endsWith(QLatin1Char('/')) ? f : f + QLatin1Char('/'));
}

} // namespace

using namespace assistant;

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

void SetupAssistant::setClock(std::shared_ptr<const Clock> clock)
{
    m_summary->setClock(std::move(clock));
}

void SetupAssistant::done(int result)
{
    // Finish is creating the repository and adding the set: closing now would hide a set that
    // still appears, so Escape and the window's close button wait until it is over.
    if (result == QDialog::Rejected && m_summary->isBusy())
        return;
    QWizard::done(result);
}

// ---- summary and finish ---------------------------------------------------------------------

SummaryPage::SummaryPage(AssistantDraft *draft, SetStore &store, QWidget *parent)
    : QWizardPage(parent), m_draft(draft), m_store(store), m_clock(std::make_shared<SystemClock>())
{
    setTitle(tr("Ready"));
    setSubTitle(tr("Check the choices below, then press Finish."));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("setName"));
    m_firstBackup = wrappedLabel(QString(), this, QStringLiteral("firstBackup"));
    m_progress = busyBar(this);
    m_progress->setAccessibleName(tr("Setting up the backup"));
    m_activity = wrappedLabel(QString(), this, QStringLiteral("activity"));
    m_activity->hide();
    m_problem = problemLabel(this, QStringLiteral("finishProblem"));

    m_form = new QFormLayout;
    m_form->addRow(tr("Na&me of this backup:"), m_name);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addSpacing(12);
    layout->addWidget(m_firstBackup);
    layout->addStretch();
    layout->addWidget(m_activity);
    layout->addWidget(m_progress);
    layout->addWidget(m_problem);
    connect(m_name, &QLineEdit::textChanged, this, [this] {
        setProblem(m_problem, {});
        Q_EMIT completeChanged();
    });
}

void SummaryPage::setClock(std::shared_ptr<const Clock> clock)
{
    m_clock = std::move(clock);
}

void SummaryPage::initializePage()
{
    m_name->setText(m_draft->set.name);
    describe();
    setProblem(m_problem, {});
}

void SummaryPage::describe()
{
    // One row per choice; paths on lines of their own, elided in the middle, never wrapped.
    while (m_form->rowCount() > 1)
        m_form->removeRow(1);
    const BackupSet &set = m_draft->set;
    auto *sources = new QWidget(this);
    auto *sourceLines = new QVBoxLayout(sources);
    sourceLines->setContentsMargins(0, 0, 0, 0);
    sourceLines->setSpacing(0);
    for (const QString &source : set.sources)
        sourceLines->addWidget(new PathLabel(QDir::toNativeSeparators(source), sources));
    m_form->addRow(tr("What:"), sources);
    m_form->addRow(m_draft->connectExisting ? tr("Existing repository:") : tr("New repository:"),
                   new PathLabel(QDir::toNativeSeparators(set.repository), this));
    switch (set.passwordStorage) {
    case PasswordStorage::Keychain:
        m_form->addRow(tr("Password:"), wrappedLabel(tr("Kept in the system keychain"), this));
        break;
    case PasswordStorage::AskEachTime:
        m_form->addRow(tr("Password:"), wrappedLabel(tr("Kept nowhere: you type it for each backup"), this));
        break;
    case PasswordStorage::File:
        m_form->addRow(tr("Password file:"), new PathLabel(QDir::toNativeSeparators(set.passwordFile), this));
        break;
    }
    m_form->addRow(tr("When:"), wrappedLabel(ScheduleEditor::describe(set.schedule), this));
    m_firstBackup->setText(firstBackupText(set.schedule, m_clock->now()));
}

QString SummaryPage::firstBackupText(const Schedule &schedule, const QDateTime &now)
{
    // Finish adds the set to the store; the main window then hands it to BackupService, whose
    // scheduler asks the rule for the next run after no run at all.
    return firstBackupText(schedule.rule().nextRunAfter(QDateTime(), now), now);
}

QString SummaryPage::firstBackupText(const QDateTime &next, const QDateTime &now)
{
    if (!next.isValid())
        return tr("No backup runs on its own: start each one with “Back Up Now” in the main window.");
    if (next <= now)
        return tr("The first backup starts as soon as you press Finish.");
    const QString time = QLocale().toString(next.time(), QLocale::ShortFormat);
    if (next.date() == now.date())
        return tr("The first backup runs today at %1.").arg(time);
    return tr("The first backup runs on %1 at %2.").arg(dateText(next.date()), time);
}

QString SummaryPage::problem() const
{
    return m_problem->isVisible() ? m_problem->text() : QString();
}

bool SummaryPage::isComplete() const
{
    return !m_busy && !m_name->text().trimmed().isEmpty();
}

bool SummaryPage::validatePage()
{
    if (m_done)
        return true;
    if (!m_busy)
        start();
    return false;
}

void SummaryPage::showProblem(const QString &text)
{
    setProblem(m_problem, text);
}

void SummaryPage::setBusy(bool busy, const QString &what)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    m_activity->setText(what);
    m_activity->setVisible(busy);
    m_name->setEnabled(!busy);
    Q_EMIT completeChanged(); // first: the wizard re-enables Back when it hears this
    // Going back or cancelling mid-way would leave half of the work done behind the user's back.
    if (QWizard *w = wizard()) {
        w->button(QWizard::BackButton)->setEnabled(!busy);
        w->button(QWizard::CancelButton)->setEnabled(!busy);
    }
}

void SummaryPage::start()
{
    showProblem({});
    BackupSet set = m_draft->set;
    set.name = m_name->text().trimmed();
    if (m_store.isReadOnly()) {
        showProblem(tr("Your backup sets were saved by a newer version of Strata, so this version cannot add "
                       "one. Update Strata and try again."));
        return;
    }
    if (m_store.findByName(set.name)) {
        showProblem(tr("A backup named \"%1\" exists already. Choose another name.").arg(set.name));
        m_name->setFocus();
        return;
    }
    // A repository inside a folder being backed up would copy itself into itself.
    for (const QString &source : std::as_const(set.sources)) {
        const QString pattern = presets::escapeGlob(QDir::cleanPath(set.repository));
        if (isInside(set.repository, source) && !set.excludes.contains(pattern))
            set.excludes.append(pattern);
    }
    if (Status valid = set.validate(); !valid) {
        showProblem(valid.error().message);
        return;
    }

    const QString location = set.repository;
    const bool create = !m_draft->connectExisting && m_draft->createdAt != location;
    const QString knownId = m_draft->repositoryId;
    const QString password = m_draft->password;
    const QString file = set.passwordStorage == PasswordStorage::File ? set.passwordFile : QString();
    setBusy(true,
            create ? tr("Creating the repository. This takes a moment…") : tr("Saving the backup settings…"));
    runAsync(
        this,
        [location, create, knownId, password, file] {
            FinishWork work;
            work.repositoryId = knownId;
            if (create) {
                // The backend creates the repository folder itself but never its parents (a
                // missing disk must not silently become a folder): the assistant was asked for
                // this place, so it makes them.
                const QString parent = QFileInfo(location).absolutePath();
                if (!QDir().mkpath(parent)) {
                    work.error = Error::io(QStringLiteral("cannot create folder %1").arg(parent));
                    return work;
                }
                auto backend = openBackend(location);
                auto repo = backend ? Repository::init(std::move(*backend), password)
                                    : Result<std::shared_ptr<Repository>>(backend.error());
                if (!repo) {
                    work.error = repo.error();
                    return work;
                }
                work.repositoryId = (*repo)->config().id;
                work.created = true;
            }
            if (!file.isEmpty()) {
                if (Status written = PasswordFile::write(file, password); !written)
                    work.passwordError = written.error();
            }
            return work;
        },
        [this, set](const FinishWork &work) { repositoryReady(set, work); });
}

void SummaryPage::repositoryReady(BackupSet set, const FinishWork &work)
{
    if (work.created)
        m_draft->createdAt = set.repository;
    if (work.error) {
        setBusy(false);
        showProblem(tr("The repository could not be created: %1").arg(work.error->message));
        return;
    }
    m_draft->repositoryId = work.repositoryId;
    if (work.passwordError) {
        setBusy(false);
        showProblem(tr("The password file could not be written: %1").arg(work.passwordError->message));
        return;
    }
    if (set.passwordStorage != PasswordStorage::Keychain) {
        addToStore(set);
        return;
    }
    m_activity->setText(tr("Saving the password in the keychain…"));
    SecretStore::writeAsync(SecretStore::keyForRepository(work.repositoryId), m_draft->password, this,
                            [this, set](const Status &stored) {
                                if (!stored) {
                                    setBusy(false);
                                    showProblem(
                                        tr("The keychain did not take the password. Go back and choose "
                                           "another place to keep it. (%1)")
                                            .arg(stored.error().message));
                                    Q_EMIT keychainFailed(stored.error().code, stored.error().message);
                                    return;
                                }
                                addToStore(set);
                            });
}

void SummaryPage::addToStore(BackupSet set)
{
    Result<QString> added = m_store.add(set);
    setBusy(false);
    if (!added) {
        showProblem(tr("The backup could not be saved: %1").arg(added.error().message));
        return;
    }
    set.id = *added;
    m_done = true;
    Q_EMIT created(set);
}

} // namespace strata
