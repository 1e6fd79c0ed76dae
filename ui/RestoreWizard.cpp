#include "RestoreWizard.h"

#include "profiles/Presets.h"
#include "RestoreWizardPages.h"

#include <QAbstractButton>
#include <QFutureWatcher>
#include <QPointer>
#include <QtConcurrent>

namespace strata {

RestoreWizard::RestoreWizard(std::shared_ptr<Repository> repo, QList<Snapshot> versions, QString versionId,
                             QList<QByteArray> paths, QWidget *parent)
    : QWizard(parent), m_context(std::make_shared<wizard::Context>())
{
    m_context->repo = std::move(repo);
    m_context->versions = std::move(versions);
    m_context->paths = std::move(paths);
    m_context->clientRunning = [] { return presets::isOtclientRunning(); };

    setWindowTitle(tr("Restore"));
    setOption(QWizard::NoCancelButtonOnLastPage);
    setOption(QWizard::NoBackButtonOnLastPage);

    m_what = new wizard::WhatPage(m_context, versionId, this);
    m_where = new wizard::WherePage(m_context, this);
    m_conflicts = new wizard::ConflictsPage(m_context, this);
    m_otclient = new wizard::OtclientPage(m_context, this);
    m_progress = new wizard::ProgressPage(m_context, this);
    m_report = new wizard::ReportPage(m_context, this);
    setPage(WhatPageId, m_what);
    setPage(WherePageId, m_where);
    setPage(ConflictsPageId, m_conflicts);
    setPage(OtclientPageId, m_otclient);
    setPage(ProgressPageId, m_progress);
    setPage(ReportPageId, m_report);
    setStartId(WhatPageId);

    connect(this, &QWizard::currentIdChanged, this, &RestoreWizard::updateCommitPage);
    connect(m_where, &wizard::WherePage::destinationChanged, this, &RestoreWizard::updateCommitPage);
    connect(m_progress, &wizard::ProgressPage::finished, this, [this](bool ok) {
        button(QWizard::CancelButton)->setEnabled(true);
        Q_EMIT restoreFinished(ok);
        // Once this signal's receivers are done, show the report.
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (currentId() == ProgressPageId)
                    next();
            },
            Qt::QueuedConnection);
    });
    connect(m_report, &wizard::ReportPage::undoRequested, this, &RestoreWizard::openUndo);
    resize(760, 620);
}

RestoreWizard::~RestoreWizard() = default;

void RestoreWizard::setSetPreset(const QString &preset)
{
    m_context->preset = preset;
    updateCommitPage();
}

void RestoreWizard::setClientRunningCheck(std::function<bool()> check)
{
    m_context->clientRunning = std::move(check);
}

void RestoreWizard::setFailAfterFilesForTesting(qint64 files)
{
    m_context->failAfterFiles = files;
}

RestorePlan RestoreWizard::plan() const
{
    return m_context->plan();
}

bool RestoreWizard::isRunning() const
{
    return m_progress->isRunning();
}

const RestoreResult &RestoreWizard::result() const
{
    return m_context->restoreResult;
}

const ExportResult &RestoreWizard::exportResult() const
{
    return m_context->exportResult;
}

int RestoreWizard::nextId() const
{
    switch (currentId()) {
    case WhatPageId:
        return WherePageId;
    case WherePageId:
        if (!m_context->isArchive())
            return ConflictsPageId;
        return m_context->isOtclient() ? OtclientPageId : ProgressPageId;
    case ConflictsPageId:
        return m_context->isOtclient() ? OtclientPageId : ProgressPageId;
    case OtclientPageId:
        return ProgressPageId;
    case ProgressPageId:
        return ReportPageId;
    default:
        return -1;
    }
}

void RestoreWizard::updateCommitPage()
{
    // The last choice before the job starts is a commit page: its button says what it does,
    // and once the job runs there is no going back to change the choices.
    setButtonText(QWizard::CommitButton, m_context->isArchive() ? tr("&Export") : tr("&Restore"));
    QWizardPage *page = currentPage();
    if (page && currentId() < ProgressPageId)
        page->setCommitPage(nextId() == ProgressPageId);
}

void RestoreWizard::reject()
{
    if (m_progress->isRunning()) {
        m_progress->cancel();
        button(QWizard::CancelButton)->setEnabled(false); // until the job has ended
        return;
    }
    m_conflicts->stopPreview();
    QWizard::reject();
}

void RestoreWizard::openUndo(const QString &safetyVersion)
{
    // The list of versions now includes the safety version; read it off the GUI thread.
    auto *watcher = new QFutureWatcher<Result<QList<Snapshot>>>(this);
    QAbstractButton *undo = m_report->findChild<QAbstractButton *>(QStringLiteral("undoRestore"));
    undo->setEnabled(false);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, safetyVersion, undo] {
        watcher->deleteLater();
        undo->setEnabled(true);
        const Result<QList<Snapshot>> versions = watcher->result();
        if (!versions) {
            undo->setToolTip(tr("Cannot list the versions: %1").arg(versions.error().message));
            return;
        }
        auto *wizard = new RestoreWizard(m_context->repo, *versions, safetyVersion, {}, parentWidget());
        wizard->setAttribute(Qt::WA_DeleteOnClose);
        wizard->setSetPreset(m_context->preset);
        wizard->setClientRunningCheck(m_context->clientRunning);
        wizard->show();
        Q_EMIT undoWizardOpened(wizard);
    });
    watcher->setFuture(QtConcurrent::run([repo = m_context->repo] { return repo->listSnapshots(); }));
}

} // namespace strata
