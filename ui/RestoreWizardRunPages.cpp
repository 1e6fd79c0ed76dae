#include "models/TimeText.h"
#include "RestoreWizardPages.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

// The pages that run the job and report on it; the pages of choices are in RestoreWizardPages.cpp.
namespace strata::wizard {

// ---- Progress -------------------------------------------------------------------------------

ProgressPage::ProgressPage(std::shared_ptr<Context> context, QWidget *parent)
    : QWizardPage(parent), m_context(std::move(context))
{
    auto *layout = new QVBoxLayout(this);
    m_phase = wrappedLabel({}, this, QStringLiteral("phase"));
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("progressBar"));
    m_bar->setAccessibleName(tr("Progress"));
    m_counts = wrappedLabel({}, this, QStringLiteral("progressCounts"));
    m_current = new QLabel(this);
    m_current->setObjectName(QStringLiteral("currentFile"));
    m_current->setTextFormat(Qt::PlainText);
    m_current->setMinimumWidth(1); // long paths are elided, never widen the wizard
    layout->addWidget(m_phase);
    layout->addWidget(m_bar);
    layout->addWidget(m_counts);
    layout->addWidget(m_current);
    layout->addStretch(1);
}

ProgressPage::~ProgressPage()
{
    releaseJob();
}

void ProgressPage::releaseJob()
{
    if (!m_job)
        return;
    // The job must not outlive its thread, and the GUI must not wait for it: cancel it and let
    // it delete itself once its finished signal comes back (a rollback still completes).
    Job *job = m_job;
    m_job = nullptr;
    job->disconnect(this);
    job->cancel();
    const auto dispose = [job] { job->deleteLater(); };
    if (auto *restore = qobject_cast<RestoreJob *>(job))
        connect(restore, &RestoreJob::finished, job, dispose);
    else if (auto *exporter = qobject_cast<ExportJob *>(job))
        connect(exporter, &ExportJob::finished, job, dispose);
    // Connected before this check, so a finish between the two is not missed either way.
    if (job->state() == JobState::Done || job->state() == JobState::Failed)
        job->deleteLater();
}

void ProgressPage::initializePage()
{
    m_context->done = false;
    m_context->restoreResult = {};
    m_context->exportResult = {};
    m_context->warnings.clear();
    m_context->warningCount = 0;
    const bool archive = m_context->isArchive();
    setTitle(archive ? tr("Exporting") : tr("Restoring"));
    setSubTitle(archive ? tr("Writing %1.").arg(m_context->archiveFile)
                : m_context->destination == Destination::Folder
                    ? tr("Restoring into %1.").arg(m_context->folder)
                    : tr("Restoring to the original places."));
    m_bar->setRange(0, 0);
    m_counts->clear();
    m_current->clear();
    m_phase->setText(tr("Starting…"));

    if (archive) {
        auto *job = new ExportJob(ExportParams{m_context->repo, m_context->snapshot, m_context->archiveFile,
                                               m_context->format, m_context->includes()});
        connect(job, &ExportJob::finished, this, &ProgressPage::jobDone);
        m_job = job;
    } else {
        RestoreParams params{m_context->repo, m_context->plan(), 0, {}};
        params.hooks.failAfterFiles = m_context->failAfterFiles;
        auto *job = new RestoreJob(std::move(params));
        connect(job, &RestoreJob::finished, this, &ProgressPage::jobDone);
        m_job = job;
    }
    connect(m_job, &Job::progress, this, &ProgressPage::showProgress);
    connect(m_job, &Job::warning, this, &ProgressPage::addWarning);
    m_job->start();
    Q_EMIT completeChanged();
}

bool ProgressPage::isComplete() const
{
    return m_context->done;
}

void ProgressPage::cancel()
{
    if (!m_job)
        return;
    m_job->cancel();
    m_phase->setText(m_context->isArchive() ? tr("Cancelling… the partial archive is removed.")
                                            : tr("Cancelling… files already replaced are put back."));
}

void ProgressPage::showProgress(const Progress &p)
{
    if (m_job && m_job->isCancelled())
        return; // keep saying "Cancelling…"
    const bool archive = m_context->isArchive();
    switch (p.phase) {
    case Phase::Preparing:
    case Phase::Planning:
    case Phase::Scanning:
    case Phase::Backing:
        m_phase->setText(archive ? tr("Working out what to export…")
                                 : tr("Working out what to restore (and taking the safety version)…"));
        break;
    case Phase::Restoring:
    case Phase::Finishing:
    case Phase::Verifying:
        m_phase->setText(archive ? tr("Writing the archive…") : tr("Restoring files…"));
        break;
    case Phase::RollingBack:
        m_phase->setText(tr("The restore failed: putting the previous files back…"));
        break;
    case Phase::Pruning: // a restore never prunes
        break;
    case Phase::Done:
        m_phase->setText(tr("Finishing…"));
        break;
    }
    if (p.bytesTotal > 0) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(std::clamp<qint64>(p.bytesDone * 1000 / p.bytesTotal, 0, 1000)));
    } else if (p.filesTotal > 0) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(std::clamp<qint64>(p.filesDone * 1000 / p.filesTotal, 0, 1000)));
    } else {
        m_bar->setRange(0, 0);
    }
    QString counts = p.filesTotal >= 0 ? tr("%1 of %2 files").arg(number(p.filesDone), number(p.filesTotal))
                                       : tr("%1 files").arg(number(p.filesDone));
    counts += QStringLiteral(", ") +
              (p.bytesTotal >= 0 ? tr("%1 of %2").arg(humanBytes(p.bytesDone), humanBytes(p.bytesTotal))
                                 : humanBytes(p.bytesDone));
    if (p.bytesPerSecond > 0)
        counts += QStringLiteral(", ") + tr("%1/s").arg(humanBytes(qint64(p.bytesPerSecond)));
    if (p.etaSeconds >= 0)
        counts += QStringLiteral(", ") +
                  (p.etaSeconds < 90 ? tr("about %n second(s) left", nullptr, int(p.etaSeconds))
                                     : tr("about %n minute(s) left", nullptr, int(p.etaSeconds / 60)));
    m_counts->setText(counts);
    m_current->setToolTip(p.currentPath);
    m_current->setText(
        m_current->fontMetrics().elidedText(p.currentPath, Qt::ElideMiddle, qMax(m_current->width(), 200)));
}

void ProgressPage::addWarning(const QString &path, const QString &message)
{
    if (m_context->warningCount++ >= Context::kMaxWarnings)
        return;
    m_context->warnings << (message.contains(path) ? message : tr("%1: %2").arg(path, message));
}

void ProgressPage::jobDone()
{
    if (auto *restore = qobject_cast<RestoreJob *>(m_job)) {
        m_context->restoreResult = restore->result();
    } else if (auto *exporter = qobject_cast<ExportJob *>(m_job)) {
        m_context->exportResult = exporter->result();
        m_context->restoreResult = RestoreResult{};
        m_context->restoreResult.status = exporter->result().status;
    }
    // finished() is the job's last word, but its thread may still be returning: delete later.
    m_job->deleteLater();
    m_job = nullptr;
    m_context->done = true;
    m_bar->setRange(0, 1);
    m_bar->setValue(1);
    Q_EMIT completeChanged();
    Q_EMIT finished(m_context->restoreResult.status.ok());
}

// ---- Report ---------------------------------------------------------------------------------

ReportPage::ReportPage(std::shared_ptr<Context> context, QWidget *parent)
    : QWizardPage(parent), m_context(std::move(context))
{
    setTitle(tr("Report"));
    auto *layout = new QVBoxLayout(this);
    m_headline = makeProblemLabel(this, QStringLiteral("reportHeadline"));
    m_details = wrappedLabel({}, this, QStringLiteral("reportDetails"));
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_undo = wrappedLabel({}, this, QStringLiteral("undoHint"));
    m_undo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_undoButton = new QPushButton(tr("&Undo this restore…"), this);
    m_undoButton->setObjectName(QStringLiteral("undoRestore"));
    m_warningsLabel = new QLabel(tr("&Warnings:"), this);
    m_warnings = new QListWidget(this);
    m_warnings->setObjectName(QStringLiteral("reportWarnings"));
    m_warningsLabel->setBuddy(m_warnings);
    m_damagedLabel = new QLabel(tr("&Damaged in the repository:"), this);
    m_damaged = new QListWidget(this);
    m_damaged->setObjectName(QStringLiteral("reportDamaged"));
    m_damagedLabel->setBuddy(m_damaged);
    auto *undoRow = new QHBoxLayout;
    undoRow->addWidget(m_undoButton);
    undoRow->addStretch(1);
    layout->addWidget(m_headline);
    layout->addWidget(m_details);
    layout->addWidget(m_undo);
    layout->addLayout(undoRow);
    layout->addWidget(m_damagedLabel);
    layout->addWidget(m_damaged, 100);
    layout->addWidget(m_warningsLabel);
    layout->addWidget(m_warnings, 100);
    layout->addStretch(1); // takes the room when there are no warnings
    connect(m_undoButton, &QPushButton::clicked, this,
            [this] { Q_EMIT undoRequested(m_context->restoreResult.safetySnapshot); });
}

QString ReportPage::restoreText() const
{
    const RestoreResult &r = m_context->restoreResult;
    const PlanSummary &d = r.done;
    QStringList lines;
    lines << tr("Files written: %1 (%2 created, %3 overwritten, %4 kept beside existing files as renamed "
                "copies), %5.")
                 .arg(number(d.create + d.overwrite + d.keepBoth), number(d.create), number(d.overwrite),
                      number(d.keepBoth), humanBytes(d.bytes));
    lines << tr("Skipped: %1. Unchanged: %2. Failed: %3.")
                 .arg(number(d.skip), number(d.unchanged), number(r.failed));
    if (d.refused > 0)
        lines << tr("Refused because their names could write outside the folder: %1.").arg(number(d.refused));
    return lines.join(QLatin1Char('\n'));
}

QString ReportPage::exportText() const
{
    const ExportResult &r = m_context->exportResult;
    if (!r.status.ok())
        return {};
    const QFileInfo file(m_context->archiveFile);
    return tr("Archive: %1 (%2).\nIt holds %3 files, %4 folders and %5 links: %6 of file content.")
        .arg(file.filePath(), humanBytes(file.size()), number(r.files), number(r.dirs), number(r.symlinks),
             humanBytes(r.bytes));
}

void ReportPage::initializePage()
{
    const RestoreResult &r = m_context->restoreResult;
    const bool archive = m_context->isArchive();
    const bool cancelled = !r.status.ok() && r.status.error().code == ErrorCode::Cancelled;
    QString headline;
    if (r.status.ok())
        headline =
            archive ? tr("The archive is ready.")
            : !r.damaged.isEmpty()
                ? tr("The restore is done, but %n file(s) are damaged in the repository and could not be "
                     "restored whole. Every other file was restored.",
                     nullptr, int(r.damaged.size()))
            : r.failed > 0 || r.done.refused > 0
                ? tr("The restore is done, but some files could not be restored.")
                : tr("The restore is done.");
    else if (cancelled)
        headline = archive ? tr("The export was cancelled. No archive was written.")
                           : tr("The restore was cancelled.");
    else
        headline = archive
                       ? tr("The export failed: %1. No archive was written.").arg(r.status.error().message)
                       : tr("The restore failed: %1").arg(r.status.error().message);
    if (!archive && !r.status.ok()) {
        if (r.rolledBack)
            headline +=
                QLatin1Char('\n') + tr("Everything was rolled back: the files it had replaced were put back "
                                       "and the files it had created were removed.");
        else if (cancelled)
            headline += QLatin1Char('\n') + tr("Files restored before you cancelled stay where they are.");
    }
    m_headline->setText(headline);
    if (const Snapshot *version = m_context->version())
        setSubTitle(tr("Version %1 of %2.").arg(version->shortId(), timeText(version->time)));
    m_details->setText(archive ? exportText() : restoreText());

    const QString safety = r.safetySnapshot;
    const bool undoable = !archive && r.status.ok() && !safety.isEmpty();
    if (!safety.isEmpty())
        m_undo->setText(
            undoable
                ? tr("Safety version %1 holds the files this restore replaced. To undo this restore, restore "
                     "that version to its original place: click “Undo this restore…”.")
                      .arg(safety.left(8))
                : tr("Safety version %1 holds the files as they were before the restore.")
                      .arg(safety.left(8)));
    else
        m_undo->clear();
    m_undo->setVisible(!safety.isEmpty());
    m_undoButton->setVisible(undoable);

    m_damaged->clear();
    for (const DamagedFile &d : r.damaged) {
        auto *item = new QListWidgetItem(
            d.folder ? tr("%1: a folder whose listing is damaged; nothing in it was restored or changed")
                           .arg(d.path)
            : d.salvagedAs.isEmpty() ? tr("%1: not restored; what was there is unchanged").arg(d.path)
                                     : tr("%1: saved as %2, with zeros where %3 are lost")
                                           .arg(d.path, d.salvagedAs, humanBytes(d.bytesLost)),
            m_damaged);
        item->setToolTip(d.problem);
    }
    m_damagedLabel->setVisible(m_damaged->count() > 0);
    m_damaged->setVisible(m_damaged->count() > 0);

    m_warnings->clear();
    m_warnings->addItems(m_context->warnings);
    if (m_context->warningCount > m_context->warnings.size())
        m_warnings->addItem(
            tr("… and %1 more.").arg(number(m_context->warningCount - m_context->warnings.size())));
    m_warningsLabel->setVisible(m_warnings->count() > 0);
    m_warnings->setVisible(m_warnings->count() > 0);
}

} // namespace strata::wizard
