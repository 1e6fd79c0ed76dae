#include "QuickRestoreDialog.h"

#include "Labels.h"
#include "PathLabel.h"

#include "models/TimeText.h"
#include "util/Async.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace strata {

namespace {

RestorePlan planFor(const Snapshot &version, const QByteArray &path, ConflictPolicy conflict)
{
    RestorePlan plan;
    plan.snapshot = version.id;
    plan.includes = {path};
    plan.conflict = conflict;
    plan.safetyVersion = true;
    return plan;
}

} // namespace

QuickRestoreDialog::QuickRestoreDialog(std::shared_ptr<Repository> repo, Snapshot version, QByteArray path,
                                       QWidget *parent)
    : QDialog(parent), m_repo(std::move(repo)), m_version(std::move(version)), m_path(std::move(path))
{
    setObjectName(QStringLiteral("quickRestore"));
    setWindowTitle(tr("Restore a File"));
    const QString native = QDir::toNativeSeparators(QFile::decodeName(m_path));
    const QString name = QFileInfo(QFile::decodeName(m_path)).fileName();

    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("quickRestoreHeadline"));
    m_headline->setTextFormat(Qt::PlainText);
    m_headline->setWordWrap(true);
    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);
    m_headline->setText(tr("Restore “%1” as it was on %2?").arg(name, timeText(m_version.time)));

    m_where = new PathLabel(native, this);
    m_where->setObjectName(QStringLiteral("quickRestoreWhere"));
    auto *whereRow = new QHBoxLayout;
    auto *whereLabel = new QLabel(tr("To its original place:"), this);
    whereRow->addWidget(whereLabel);
    whereRow->addWidget(m_where, 1);

    m_message = wrappedLabel(tr("Looking at the file on disk…"), this, QStringLiteral("quickRestoreMessage"));
    m_keepBoth = new QCheckBox(tr("&Keep the current file too (the restored one gets a new name)"), this);
    m_keepBoth->setObjectName(QStringLiteral("quickRestoreKeepBoth"));
    m_keepBoth->hide();
    m_bar = new QProgressBar(this);
    m_bar->setRange(0, 0);
    m_bar->setTextVisible(false);
    m_bar->hide();

    m_buttons = new QDialogButtonBox(this);
    m_restore = m_buttons->addButton(tr("&Restore"), QDialogButtonBox::AcceptRole);
    m_restore->setObjectName(QStringLiteral("quickRestoreButton"));
    m_restore->setEnabled(false);
    m_restore->setDefault(true);
    m_moreOptions = m_buttons->addButton(tr("&More Options…"), QDialogButtonBox::ActionRole);
    m_moreOptions->setObjectName(QStringLiteral("quickRestoreMoreOptions"));
    m_moreOptions->setToolTip(tr("Restore somewhere else, into an archive, or with a preview"));
    m_buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_restore, &QPushButton::clicked, this, &QuickRestoreDialog::start);
    connect(m_moreOptions, &QPushButton::clicked, this, [this] {
        Q_EMIT moreOptionsRequested(m_version.id, m_path);
        QDialog::reject();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QuickRestoreDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_headline);
    layout->addLayout(whereRow);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(m_message);
    layout->addWidget(m_keepBoth);
    layout->addWidget(m_bar);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 72);
    check();
}

QuickRestoreDialog::~QuickRestoreDialog()
{
    if (!m_job)
        return;
    // The job must not outlive its thread, nor the GUI wait for it: cancelled, it rolls back
    // what it replaced and deletes itself once done.
    RestoreJob *job = m_job;
    m_job = nullptr;
    job->disconnect(this);
    job->cancel();
    connect(job, &RestoreJob::finished, job, &QObject::deleteLater);
    if (job->state() == JobState::Done || job->state() == JobState::Failed)
        job->deleteLater();
}

QString QuickRestoreDialog::headline() const
{
    return m_headline->text();
}

QString QuickRestoreDialog::message() const
{
    return m_message->text();
}

void QuickRestoreDialog::check()
{
    runAsync(
        this,
        [repo = m_repo, plan = planFor(m_version, m_path, ConflictPolicy::IfChanged),
         path = QFile::decodeName(m_path)]() -> Result<std::optional<PlannedEntry>> {
            std::optional<PlannedEntry> file;
            int entries = 0;
            auto summary = planRestore(*repo, plan, [&](const PlannedEntry &e) {
                // The folders above it come with it; anything else means it is not one file.
                if (e.type == NodeType::Directory && e.original != path)
                    return;
                ++entries;
                file = e;
            });
            STRATA_TRY(summary);
            if (entries != 1 || !file || file->type != NodeType::File)
                return std::optional<PlannedEntry>();
            return file;
        },
        [this](Result<std::optional<PlannedEntry>> entry) { checked(std::move(entry)); });
}

void QuickRestoreDialog::checked(Result<std::optional<PlannedEntry>> entry)
{
    if (!entry.ok()) {
        setState(State::Unusable, tr("Cannot tell what the restore would do: %1").arg(entry.error().message));
        return;
    }
    if (!entry->has_value()) {
        setState(State::Unusable, tr("This is not a single file of the version. More Options… restores it "
                                     "with the restore wizard."));
        return;
    }
    const QString size = QLocale().formattedDataSize((*entry)->size);
    switch ((*entry)->action) {
    case RestoreAction::Create:
        setState(State::Missing, tr("It is not there now: the restore puts it back (%1).").arg(size));
        break;
    case RestoreAction::Overwrite:
        setState(State::Changed, tr("The file there has changed since this version. The restore replaces it "
                                    "(%1); a safety version of the current file is taken first, so you can "
                                    "go back to it.")
                                     .arg(size));
        m_keepBoth->show();
        break;
    case RestoreAction::Unchanged:
    case RestoreAction::Skip:
    case RestoreAction::KeepBoth:
        setState(State::Same, tr("The file there is already the same as in this version: there is nothing "
                                 "to restore."));
        break;
    }
}

void QuickRestoreDialog::start()
{
    if (m_state != State::Missing && m_state != State::Changed)
        return;
    const ConflictPolicy conflict = m_keepBoth->isVisible() && m_keepBoth->isChecked()
                                        ? ConflictPolicy::KeepBoth
                                        : ConflictPolicy::IfChanged;
    RestoreParams params;
    params.repo = m_repo;
    params.plan = planFor(m_version, m_path, conflict);
    m_job = new RestoreJob(std::move(params));
    connect(m_job, &RestoreJob::finished, this, &QuickRestoreDialog::jobDone);
    m_keepBoth->setEnabled(false);
    m_bar->show();
    setState(State::Restoring, conflict == ConflictPolicy::KeepBoth
                                   ? tr("Restoring a copy beside the current file…")
                                   : tr("Taking a safety version and restoring the file…"));
    m_job->start();
}

void QuickRestoreDialog::jobDone(const RestoreResult &result)
{
    // finished() is the job's last word, but its thread may still be returning: delete later.
    m_job->deleteLater();
    m_job = nullptr;
    m_result = result;
    m_bar->hide();
    if (result.status.ok() && result.damaged.isEmpty()) {
        QString text = tr("Restored.");
        if (!result.safetySnapshot.isEmpty())
            text += QLatin1Char(' ') + tr("The file it replaced is kept in a safety version (%1): "
                                          "Show Safety Versions in the Repository menu lists it.")
                                           .arg(result.safetySnapshot.left(8));
        else if (result.done.keepBoth > 0)
            text += QLatin1Char(' ') + tr("The current file is left as it was, beside the restored copy.");
        setState(State::Restored, text);
    } else if (result.status.ok()) {
        setState(State::Failed, tr("The repository could not give back all of the file: %1. The file on disk "
                                   "was left as it was.")
                                    .arg(result.damaged.front().problem));
    } else if (result.status.error().code == ErrorCode::Cancelled) {
        setState(State::Failed, result.rolledBack ? tr("Cancelled. The file is back as it was before.")
                                                  : tr("Cancelled. Nothing was changed."));
    } else {
        setState(State::Failed,
                 result.rolledBack
                     ? tr("The restore failed and the file is back as it was before: %1")
                           .arg(result.status.error().message)
                     : tr("The restore failed; nothing was changed: %1").arg(result.status.error().message));
    }
    Q_EMIT restoreFinished(result);
}

void QuickRestoreDialog::reject()
{
    if (m_job) {
        // Cancel first; the outcome (rolled back) shows here, and a second Close closes.
        m_job->cancel();
        m_message->setText(tr("Cancelling… the file is put back as it was."));
        return;
    }
    QDialog::reject();
}

void QuickRestoreDialog::setState(State state, const QString &text)
{
    m_state = state;
    m_message->setText(text);
    const bool ready = state == State::Missing || state == State::Changed;
    const bool over = state == State::Restored || state == State::Failed;
    m_restore->setEnabled(ready);
    m_restore->setVisible(!over);
    m_moreOptions->setEnabled(state != State::Restoring);
    m_moreOptions->setVisible(!over);
    if (QPushButton *cancel = m_buttons->button(QDialogButtonBox::Cancel))
        cancel->setText(over || state == State::Same ? tr("&Close") : tr("&Cancel"));
    if (!ready && !over && state != State::Restoring)
        m_moreOptions->setDefault(true);
    // Grows with its message, which changes as the dialog looks and restores: a wrapped label
    // asks for the height of its text at the width it will have.
    const QMargins margins = layout()->contentsMargins();
    const int width = std::max(m_message->width(), minimumWidth() - margins.left() - margins.right());
    m_message->setMinimumHeight(m_message->heightForWidth(width));
    adjustSize();
    Q_EMIT stateChanged(state);
}

} // namespace strata
