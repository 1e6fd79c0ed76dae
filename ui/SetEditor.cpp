#include "SetEditor.h"

#include "Labels.h"
#include "RetentionEditor.h"

#include "engine/Excludes.h"
#include "PasswordStorageChooser.h"
#include "profiles/SetStore.h"
#include "repo/Repository.h"
#include "ScheduleEditor.h"
#include "secrets/PasswordFile.h"
#include "secrets/SecretStore.h"
#include "util/Async.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace strata {

namespace {

constexpr qint64 MiB = 1024 * 1024;

// Sizes are edited in whole MiB; a stored size that is not a whole unit stays exact
// unless the user changes the number.
qint64 sizeFromBox(const QSpinBox *box, qint64 unit, qint64 original)
{
    const qint64 shown = (original + unit / 2) / unit;
    return box->value() == shown ? original : box->value() * unit;
}

} // namespace

SetEditor::SetEditor(SetStore &store, BackupSet set, QWidget *parent)
    : QDialog(parent), m_store(store), m_original(std::move(set))
{
    setWindowTitle(tr("Edit Backup “%1”").arg(m_original.name));
    if (m_original.preset == QLatin1String("otclient"))
        m_categories = presets::otclientCategoriesOf(m_original);

    auto *tabs = new QTabWidget(this);
    tabs->addTab(buildGeneralTab(), tr("&General"));
    tabs->addTab(buildExclusionsTab(), tr("E&xclusions"));
    tabs->addTab(buildScheduleTab(), tr("&Schedule"));
    tabs->addTab(buildRetentionTab(), tr("&Keep"));
    tabs->addTab(buildPasswordTab(), tr("&Password"));

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Working"));
    m_progress->hide();
    m_problem = wrappedLabel(QString(), this, QStringLiteral("problem"));
    QFont bold = m_problem->font();
    bold.setBold(true);
    m_problem->setFont(bold);
    m_problem->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SetEditor::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SetEditor::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(m_progress);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
}

QWidget *SetEditor::buildGeneralTab()
{
    auto *tab = new QWidget(this);
    m_name = new QLineEdit(m_original.name, tab);
    m_name->setObjectName(QStringLiteral("name"));

    m_sources = new QListWidget(tab);
    m_sources->setObjectName(QStringLiteral("sources"));
    m_sources->setAccessibleName(tr("Folders to back up"));
    for (const QString &source : m_original.sources)
        addSource(source);
    auto *add = new QPushButton(tr("&Add…"), tab);
    auto *remove = new QPushButton(tr("&Remove"), tab);
    remove->setEnabled(false);
    connect(add, &QPushButton::clicked, this, [this] {
        auto *dialog = new QFileDialog(this, tr("Add a Folder"), QDir::homePath());
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setOption(QFileDialog::ShowDirsOnly);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QFileDialog::fileSelected, this, &SetEditor::addSource);
        dialog->open();
    });
    connect(remove, &QPushButton::clicked, this, [this] { delete m_sources->currentItem(); });
    connect(m_sources, &QListWidget::currentRowChanged, remove,
            [remove](int row) { remove->setEnabled(row >= 0); });
    auto *sourceButtons = new QVBoxLayout;
    sourceButtons->addWidget(add);
    sourceButtons->addWidget(remove);
    sourceButtons->addStretch();
    auto *sourcesRow = new QHBoxLayout;
    sourcesRow->addWidget(m_sources);
    sourcesRow->addLayout(sourceButtons);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    auto *sourcesLabel = new QLabel(tr("&What to back up:"), tab);
    sourcesLabel->setBuddy(m_sources);
    form->addRow(sourcesLabel, sourcesRow);
    auto *repository = wrappedLabel(QDir::toNativeSeparators(m_original.repository), tab);
    repository->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    form->addRow(tr("Where to:"), repository);

    auto *layout = new QVBoxLayout(tab);
    layout->addLayout(form);
    if (m_original.preset == QLatin1String("otclient")) {
        auto *group = new QGroupBox(tr("OTClient: what to include"), tab);
        auto *groupLayout = new QVBoxLayout(group);
        for (const presets::OtclientCategoryInfo &info : presets::otclientCategories()) {
            const QString text = info.selectable
                                     ? tr("%1: %2").arg(info.label, info.description)
                                     : tr("%1: %2 (always left out)").arg(info.label, info.description);
            auto *box = new QCheckBox(text, group);
            box->setObjectName(QStringLiteral("otclient_") + info.key);
            box->setEnabled(info.selectable);
            box->setChecked(info.selectable && m_categories.testFlag(info.category));
            connect(box, &QCheckBox::toggled, this, &SetEditor::otclientCategoriesChanged);
            m_categoryBoxes.append({info.category, box});
            groupLayout->addWidget(box);
        }
        groupLayout->addWidget(wrappedLabel(presets::otclientCredentialsWarning(), group));
        layout->addWidget(group);
    }
    layout->addStretch();
    return tab;
}

QWidget *SetEditor::buildExclusionsTab()
{
    auto *tab = new QWidget(this);
    m_excludes = new QPlainTextEdit(m_original.excludes.join(QLatin1Char('\n')), tab);
    m_excludes->setObjectName(QStringLiteral("excludes"));
    m_excludes->setAccessibleName(tr("Patterns to leave out"));
    m_excludes->setTabChangesFocus(true);
    m_excludes->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_excludesProblem = wrappedLabel(QString(), tab, QStringLiteral("excludesProblem"));
    m_excludesProblem->hide();
    connect(m_excludes, &QPlainTextEdit::textChanged, this, [this] {
        const QString problem = checkExcludes();
        m_excludesProblem->setText(problem);
        m_excludesProblem->setVisible(!problem.isEmpty());
    });

    m_excludeCaches = new QCheckBox(tr("Leave out folders marked as &caches (CACHEDIR.TAG)"), tab);
    m_excludeCaches->setObjectName(QStringLiteral("excludeCaches"));
    m_excludeCaches->setChecked(m_original.excludeCaches);

    m_limitSize = new QCheckBox(tr("Leave out files &larger than:"), tab);
    m_limitSize->setObjectName(QStringLiteral("limitSize"));
    m_maxSizeMib = new QSpinBox(tab);
    m_maxSizeMib->setObjectName(QStringLiteral("maxFileSize"));
    m_maxSizeMib->setAccessibleName(tr("Largest file size"));
    m_maxSizeMib->setRange(1, 1'000'000);
    m_maxSizeMib->setSuffix(tr(" MiB"));
    m_limitSize->setChecked(m_original.maxFileSize > 0);
    m_maxSizeMib->setValue(m_original.maxFileSize > 0 ? int((m_original.maxFileSize + MiB / 2) / MiB) : 1024);
    m_maxSizeMib->setEnabled(m_limitSize->isChecked());
    connect(m_limitSize, &QCheckBox::toggled, m_maxSizeMib, &QWidget::setEnabled);
    auto *sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_limitSize);
    sizeRow->addWidget(m_maxSizeMib);
    sizeRow->addStretch();

    auto *label = new QLabel(tr("Leave &out, one pattern a line (for example *.tmp, node_modules/ or "
                                "/home/me/Videos):"),
                             tab);
    label->setWordWrap(true);
    label->setBuddy(m_excludes);
    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(label);
    layout->addWidget(m_excludes);
    layout->addWidget(m_excludesProblem);
    layout->addWidget(m_excludeCaches);
    layout->addLayout(sizeRow);
    return tab;
}

QWidget *SetEditor::buildScheduleTab()
{
    auto *tab = new QWidget(this);
    m_schedule = new ScheduleEditor(tab);
    m_schedule->setSchedule(m_original.schedule);

    m_kind = new QComboBox(tab);
    m_kind->setObjectName(QStringLiteral("kind"));
    m_kind->addItem(tr("Incremental: read only what changed since the last backup"),
                    int(BackupKind::Incremental));
    m_kind->addItem(tr("Differential: read what changed since the last full backup"),
                    int(BackupKind::Differential));
    m_kind->setCurrentIndex(qMax(0, m_kind->findData(int(m_original.kindPolicy.normal))));
    m_fullEvery = new QSpinBox(tab);
    m_fullEvery->setObjectName(QStringLiteral("fullEveryDays"));
    m_fullEvery->setRange(0, 365);
    m_fullEvery->setSpecialValueText(tr("never"));
    m_fullEvery->setSuffix(tr(" days"));
    m_fullEvery->setValue(m_original.kindPolicy.fullEveryDays);

    auto *when = new QGroupBox(tr("When"), tab);
    auto *whenLayout = new QVBoxLayout(when);
    whenLayout->addWidget(m_schedule);
    auto *how = new QGroupBox(tr("What each backup reads"), tab);
    auto *form = new QFormLayout(how);
    form->addRow(tr("K&ind of backup:"), m_kind);
    form->addRow(tr("&Full backup (re-reads every file) every:"), m_fullEvery);
    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(when);
    layout->addWidget(how);
    layout->addStretch();
    return tab;
}

QWidget *SetEditor::buildRetentionTab()
{
    m_retention = new RetentionEditor(this);
    m_retention->setPolicy(m_original.retention, m_original.autoPrune, m_original.pruneEveryHours);
    return m_retention;
}

void SetEditor::setVersions(QList<Snapshot> versions)
{
    m_retention->setVersions(std::move(versions));
}

void SetEditor::setVersionsUnavailable(const QString &why)
{
    m_retention->setVersionsUnavailable(why);
}

QWidget *SetEditor::buildPasswordTab()
{
    auto *tab = new QWidget(this);
    m_chooser = new PasswordStorageChooser(tab);
    m_chooser->setStorage(m_original.passwordStorage);
    m_chooser->setPasswordFile(m_original.passwordFile.isEmpty() ? PasswordFile::defaultPath(m_original.id)
                                                                 : m_original.passwordFile);

    m_passwordRow = new QWidget(tab);
    m_password = new QLineEdit(m_passwordRow);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    auto *rowLayout = new QFormLayout(m_passwordRow);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    rowLayout->addRow(
        wrappedLabel(tr("Type the repository's password once, so Strata can keep it there:"), m_passwordRow));
    rowLayout->addRow(tr("Pass&word:"), m_password);

    connect(m_chooser, &PasswordStorageChooser::changed, this, [this] {
        // Learn whether the keychain works only when the user moves the password there; a set
        // that already uses it keeps working whatever a probe would say today.
        if (m_chooser->storage() == PasswordStorage::Keychain &&
            m_original.passwordStorage != PasswordStorage::Keychain &&
            m_chooser->keychainState() == PasswordStorageChooser::KeychainState::Unknown)
            m_chooser->probeKeychain();
        updatePasswordRow();
    });

    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(m_chooser);
    layout->addWidget(m_passwordRow);
    layout->addStretch();
    updatePasswordRow();
    return tab;
}

void SetEditor::addSource(const QString &path)
{
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    for (int i = 0; i < m_sources->count(); ++i) {
        if (m_sources->item(i)->data(Qt::UserRole).toString() == clean)
            return;
    }
    auto *item = new QListWidgetItem(QDir::toNativeSeparators(clean), m_sources);
    item->setData(Qt::UserRole, clean);
}

QStringList SetEditor::excludeLines() const
{
    QStringList lines;
    const QStringList raw = m_excludes->toPlainText().split(QLatin1Char('\n'));
    for (const QString &line : raw) {
        if (!line.trimmed().isEmpty())
            lines.append(line.trimmed());
    }
    return lines;
}

QString SetEditor::checkExcludes() const
{
    const QStringList raw = m_excludes->toPlainText().split(QLatin1Char('\n'));
    for (int i = 0; i < raw.size(); ++i) {
        const QString pattern = raw.at(i).trimmed();
        if (pattern.isEmpty())
            continue;
        Excludes probe;
        if (Status s = probe.addPattern(pattern); !s)
            return tr("Line %1 is not a valid pattern: %2").arg(i + 1).arg(s.error().message);
    }
    return {};
}

presets::OtclientCategories SetEditor::chosenCategories() const
{
    return checkedCategories(m_categoryBoxes);
}

void SetEditor::otclientCategoriesChanged()
{
    const QString folder = m_original.sources.value(0);
    const presets::OtclientCategories chosen = chosenCategories();
    auto rebuilt = presets::otclient(folder, chosen);
    if (!rebuilt) {
        showProblem(tr("Choose at least one kind of OTClient file."));
        return;
    }
    showProblem({});
    // The user's own patterns (those the old choice did not make) survive the rebuild.
    const auto before = presets::otclient(folder, m_categories);
    const QStringList previous = before ? before->excludes : QStringList();
    QStringList excludes = rebuilt->excludes;
    for (const QString &line : excludeLines()) {
        if (!previous.contains(line) && !excludes.contains(line))
            excludes.append(line);
    }
    m_categories = chosen;
    m_excludes->setPlainText(excludes.join(QLatin1Char('\n')));
}

BackupSet SetEditor::editedSet() const
{
    BackupSet set = m_original;
    set.name = m_name->text().trimmed();
    set.sources.clear();
    for (int i = 0; i < m_sources->count(); ++i)
        set.sources.append(m_sources->item(i)->data(Qt::UserRole).toString());
    set.excludes = excludeLines();
    set.excludeCaches = m_excludeCaches->isChecked();
    set.maxFileSize = m_limitSize->isChecked()
                          ? sizeFromBox(m_maxSizeMib, MiB, qMax<qint64>(m_original.maxFileSize, 0))
                          : -1;
    set.schedule = m_schedule->schedule();
    set.kindPolicy.normal = BackupKind(m_kind->currentData().toInt());
    set.kindPolicy.fullEveryDays = m_fullEvery->value();
    set.retention = m_retention->policy();
    set.autoPrune = m_retention->autoPrune();
    set.pruneEveryHours = m_retention->pruneEveryHours();
    if (set.preset == QLatin1String("otclient")) {
        if (auto rebuilt = presets::otclient(set.sources.value(0), m_categories))
            set.presetOptions = rebuilt->presetOptions;
    }
    if (const auto storage = m_chooser->storage())
        set.passwordStorage = *storage;
    set.passwordFile = set.passwordStorage == PasswordStorage::File ? m_chooser->passwordFile() : QString();
    return set;
}

QString SetEditor::problem() const
{
    return m_problem->isVisible() ? m_problem->text() : QString();
}

void SetEditor::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

bool SetEditor::passwordNeeded() const
{
    const auto storage = m_chooser->storage();
    if (!storage || *storage == PasswordStorage::AskEachTime)
        return false;
    if (*storage != m_original.passwordStorage)
        return true;
    return *storage == PasswordStorage::File && m_chooser->passwordFile() != m_original.passwordFile;
}

void SetEditor::updatePasswordRow()
{
    m_passwordRow->setVisible(passwordNeeded());
}

void SetEditor::setBusy(bool busy)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    m_buttons->setEnabled(!busy);
}

void SetEditor::reject()
{
    // Closing while the password is being stored would leave it stored for a set never saved.
    if (!m_busy)
        QDialog::reject();
}

void SetEditor::accept()
{
    if (m_busy)
        return;
    showProblem({});
    if (const QString bad = checkExcludes(); !bad.isEmpty()) {
        showProblem(bad);
        m_excludes->setFocus();
        return;
    }
    if (const QString bad = m_retention->problem(); !bad.isEmpty()) {
        showProblem(bad);
        return;
    }
    if (!m_categoryBoxes.isEmpty() && chosenCategories() == presets::OtclientCategories()) {
        showProblem(tr("Choose at least one kind of OTClient file."));
        return;
    }
    if (!m_chooser->isComplete()) {
        showProblem(m_chooser->keychainMessage().isEmpty() ? tr("Choose where the password is kept.")
                                                           : m_chooser->keychainMessage());
        return;
    }
    const BackupSet set = editedSet();
    if (Status valid = set.validate(); !valid) {
        showProblem(valid.error().message);
        return;
    }
    if (passwordNeeded()) {
        if (m_password->text().isEmpty()) {
            showProblem(tr("Type the repository's password, so Strata can keep it where you chose."));
            m_password->setFocus();
            return;
        }
        storePasswordThenSave(set);
        return;
    }
    save(set);
}

void SetEditor::storePasswordThenSave(const BackupSet &set)
{
    // The password is checked against the repository first (Argon2: a moment, off the GUI
    // thread), so a typo is not kept for every later backup to fail on.
    struct Checked
    {
        QString repositoryId;
        std::optional<Error> error;
        bool wrongPassword = false;
    };
    const QString password = m_password->text();
    const QString location = set.repository;
    const QString file = set.passwordStorage == PasswordStorage::File ? set.passwordFile : QString();
    setBusy(true);
    runAsync(
        this,
        [location, password, file] {
            Checked checked;
            auto repo = Repository::open(location, password);
            if (!repo) {
                checked.error = repo.error();
                checked.wrongPassword = repo.error().code == ErrorCode::WrongPassword;
                return checked;
            }
            checked.repositoryId = (*repo)->config().id;
            if (!file.isEmpty()) {
                if (Status written = PasswordFile::write(file, password); !written)
                    checked.error = written.error();
            }
            return checked;
        },
        [this, set, password](const Checked &checked) {
            if (checked.error) {
                setBusy(false);
                showProblem(checked.wrongPassword
                                ? tr("This password does not open the repository. Check it and try again.")
                                : tr("The password could not be kept: %1").arg(checked.error->message));
                return;
            }
            if (set.passwordStorage != PasswordStorage::Keychain) {
                setBusy(false);
                save(set);
                return;
            }
            SecretStore::writeAsync(SecretStore::keyForRepository(checked.repositoryId), password, this,
                                    [this, set](const Status &stored) {
                                        setBusy(false);
                                        if (!stored) {
                                            m_chooser->setKeychainProblem(stored.error().code,
                                                                          stored.error().message);
                                            showProblem(m_chooser->keychainMessage());
                                            return;
                                        }
                                        save(set);
                                    });
        });
}

void SetEditor::save(const BackupSet &set)
{
    if (Status updated = m_store.update(set); !updated) {
        showProblem(tr("The changes could not be saved: %1").arg(updated.error().message));
        return;
    }
    // A password file Strata made and no longer uses should not linger with the password in it.
    if (m_original.passwordStorage == PasswordStorage::File && set.passwordFile != m_original.passwordFile &&
        m_original.passwordFile == PasswordFile::defaultPath(m_original.id))
        QFile::remove(m_original.passwordFile);
    Q_EMIT setChanged(set);
    QDialog::accept();
}

} // namespace strata
