#include "FreeSpaceDialog.h"
#include "models/TimeText.h"

#include "Labels.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace strata {

namespace {

QString dataSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

FreeSpaceDialog::FreeSpaceDialog(std::shared_ptr<Repository> repo, std::optional<RetentionPolicy> policy,
                                 const QString &setName, const QString &host, QWidget *parent)
    : QDialog(parent), m_repo(std::move(repo)), m_policy(std::move(policy)), m_setName(setName), m_host(host)
{
    setWindowTitle(tr("Free Up Space"));
    auto *layout = new QVBoxLayout(this);
    m_summary = wrappedLabel({}, this, QStringLiteral("summary"));
    layout->addWidget(m_summary);
    m_versions = new QTreeWidget(this);
    m_versions->setObjectName(QStringLiteral("versions"));
    m_versions->setHeaderLabels({tr("Version"), tr("Why it goes")});
    m_versions->setRootIsDecorated(false);
    m_versions->setSelectionMode(QAbstractItemView::NoSelection);
    m_versions->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_versions->setMinimumSize(460, 160);
    layout->addWidget(m_versions, 1);
    m_space = wrappedLabel({}, this, QStringLiteral("space"));
    layout->addWidget(m_space);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progress"));
    layout->addWidget(m_progress);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_freeButton = m_buttons->addButton(tr("&Free Up Space"), QDialogButtonBox::AcceptRole);
    m_freeButton->setObjectName(QStringLiteral("freeUp"));
    layout->addWidget(m_buttons);
    connect(m_freeButton, &QPushButton::clicked, this, &FreeSpaceDialog::run);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &FreeSpaceDialog::reject);
    startPlanning();
}

FreeSpaceDialog::~FreeSpaceDialog()
{
    // A job outlives no dialog: what it did so far stays sound (prune is safe to stop anywhere).
    if (m_job) {
        m_job->cancel();
        m_job->wait();
    }
}

QString FreeSpaceDialog::message() const
{
    return m_space->text();
}

ForgetParams FreeSpaceDialog::baseParams() const
{
    ForgetParams params;
    params.repo = m_repo;
    params.prune = ForgetParams::Prune::Always;
    if (m_policy) {
        params.policy = *m_policy;
        params.set = m_setName;
        params.host = m_host;
    }
    return params;
}

void FreeSpaceDialog::setState(State state)
{
    m_state = state;
    m_freeButton->setVisible(state != State::Done);
    m_buttons->button(QDialogButtonBox::Cancel)->setText(state == State::Done ? tr("&Close") : tr("Cancel"));
    m_progress->setVisible(state == State::Planning || state == State::Running);
    if (state == State::Planning || state == State::Running)
        m_progress->setRange(0, 0);
    Q_EMIT stateChanged(state);
}

void FreeSpaceDialog::startPlanning()
{
    m_freeButton->setEnabled(false);
    m_summary->setText(tr("Working out what a clean-up would remove…"));
    m_space->clear();
    setState(State::Planning);
    ForgetParams params = baseParams();
    params.dryRun = true;
    auto *job = new ForgetJob(std::move(params), this);
    m_job = job;
    connect(job, &ForgetJob::finished, this, [this, job](const ForgetResult &plan) {
        job->deleteLater();
        showPlan(plan);
    });
    job->start();
}

void FreeSpaceDialog::showPlan(const ForgetResult &plan)
{
    m_plan = plan;
    m_versions->clear();
    if (!plan.status.ok()) {
        m_summary->setText(tr("The clean-up cannot be planned."));
        m_space->setText(plan.status.error().message);
        setState(State::Done);
        return;
    }
    const QLocale locale;
    QList<QTreeWidgetItem *> items;
    for (const RetentionDecision &d : plan.decisions) {
        if (d.keep)
            continue;
        auto *item = new QTreeWidgetItem({timeText(d.time), d.reasons.join(QStringLiteral("; "))});
        item->setData(0, Qt::UserRole, d.id);
        items << item;
    }
    m_versions->addTopLevelItems(items);
    const int removed = int(plan.removed.size());
    if (!m_policy && m_setName.isEmpty())
        m_summary->setText(tr("No backup set here has rules for this repository, so no version is removed: "
                              "only the space that removed versions left behind comes back."));
    else if (!m_policy)
        m_summary->setText(tr("“%1” has no rules for old versions (see its Keep tab), so no version is "
                              "removed: only the space that removed versions left behind comes back.")
                               .arg(m_setName));
    else if (removed == 0)
        m_summary->setText(tr("The rules of “%1” keep every version made on this computer.").arg(m_setName));
    else
        m_summary->setText(
            tr("The rules of “%1” remove %n version(s) made on this computer:", nullptr, removed)
                .arg(m_setName));
    m_versions->setVisible(removed > 0);
    const PruneResult &p = plan.prune;
    const qint64 freed = qMax<qint64>(0, p.bytesFreed());
    if (freed > 0)
        m_space->setText(tr("About %1 of %2 comes back (%n pack(s) to delete or repack).", nullptr,
                            int(p.packsDeleted + p.packsRepacked))
                             .arg(dataSize(freed), dataSize(p.bytesBefore)));
    else
        m_space->setText(tr("Nothing comes back: everything stored is still in use."));
    m_freeButton->setEnabled(removed > 0 || freed > 0);
    setState(State::Ready);
}

void FreeSpaceDialog::run()
{
    if (m_state != State::Ready || !m_freeButton->isEnabled())
        return;
    // Exactly the versions the preview showed go, named: a backup since then changes nothing
    // here. With none named and no rules, the job only prunes.
    ForgetParams params = baseParams();
    params.policy = {};
    params.set.clear();
    params.host.clear();
    params.versions = m_plan.removed;
    m_freeButton->setEnabled(false);
    m_summary->setText(
        tr("Removing %n version(s) and giving the space back…", nullptr, int(params.versions.size())));
    setState(State::Running);
    auto *job = new ForgetJob(std::move(params), this);
    m_job = job;
    connect(job, &Job::progress, this, [this](const Progress &p) {
        if (p.bytesTotal > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(1000 * qMin(p.bytesDone, p.bytesTotal) / p.bytesTotal));
        }
    });
    connect(job, &ForgetJob::finished, this, [this, job](const ForgetResult &outcome) {
        job->deleteLater();
        showOutcome(outcome);
    });
    job->start();
}

void FreeSpaceDialog::showOutcome(const ForgetResult &outcome)
{
    m_outcome = outcome;
    if (outcome.status.ok()) {
        m_summary->setText(tr("Removed %n version(s).", nullptr, int(outcome.removed.size())));
        m_space->setText(tr("Freed %1: the repository now holds %2.")
                             .arg(dataSize(qMax<qint64>(0, outcome.prune.bytesFreed())),
                                  dataSize(outcome.prune.bytesAfter)));
        setState(State::Done);
        Q_EMIT repositoryChanged();
        return;
    }
    const Error &e = outcome.status.error();
    if (e.code == ErrorCode::Locked) {
        // Nothing changed: the lock was refused before anything went. It can be tried again.
        m_summary->setText(tr("The repository is in use, so nothing was removed. Try again when that has "
                              "finished."));
        m_space->setText(e.message);
        m_freeButton->setEnabled(true);
        setState(State::Ready);
        return;
    }
    m_summary->setText(e.code == ErrorCode::Cancelled ? tr("The clean-up was stopped.")
                                                      : tr("The clean-up stopped with a problem."));
    m_space->setText(
        tr("%1\nEvery version that was kept is whole; the next clean-up finishes the job.").arg(e.message));
    setState(State::Done);
    if (!outcome.removed.isEmpty() || outcome.pruned)
        Q_EMIT repositoryChanged();
}

void FreeSpaceDialog::reject()
{
    if (m_job && m_state == State::Running) {
        // Stopping is safe at any point; the dialog stays until the job has stopped.
        m_job->cancel();
        m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(false);
        connect(m_job, &ForgetJob::finished, this, [this] { QDialog::reject(); });
        return;
    }
    QDialog::reject();
}

} // namespace strata
