// The restore wizard: which version and which of its files, where to (their original place,
// another folder, or an archive file), what to do with files already there (with a preview of
// every file the engine's dry run says it will touch), OTClient's rules, then the restore or
// export on a worker thread with progress and Cancel, and a report that says how to undo it.
//
// It builds the same RestorePlan that `strata-cli restore` builds and runs the same RestoreJob
// (or ExportJob for archives), so both paths share one tested engine. Nothing blocks the GUI:
// the preview and the job run on worker threads, and closing the wizard while they run cancels
// them without waiting.
#pragma once

#include "archive/ArchiveExport.h"
#include "engine/Restore.h"

#include <QWizard>

#include <functional>
#include <memory>

namespace strata {

namespace wizard {
struct Context;
class WhatPage;
class WherePage;
class ConflictsPage;
class OtclientPage;
class ProgressPage;
class ReportPage;
} // namespace wizard

class RestoreWizard final : public QWizard
{
    Q_OBJECT
public:
    enum PageId
    {
        WhatPageId,
        WherePageId,
        ConflictsPageId, // folders only (in place or another folder)
        OtclientPageId,  // only when the set's preset is "otclient"
        ProgressPageId,
        ReportPageId
    };

    // `versions` in any order (shown newest first); `versionId` (a full id or a prefix) is
    // preselected, else the newest. `paths` are absolute paths in the version to restore;
    // empty: the whole version.
    RestoreWizard(std::shared_ptr<Repository> repo, QList<Snapshot> versions, QString versionId,
                  QList<QByteArray> paths, QWidget *parent = nullptr);
    // Cancels a running preview or job without waiting for it (the job still rolls back).
    ~RestoreWizard() override;

    // The backup set's preset ("otclient" adds the OTClient page: no restoring config.otml in
    // place while the client runs, and the credentials warning when it goes elsewhere).
    void setSetPreset(const QString &preset);
    // Whether OTClient is running; presets::isOtclientRunning() unless replaced (tests).
    void setClientRunningCheck(std::function<bool()> check);
    // Test hook passed to RestoreParams::hooks.failAfterFiles (-1: never fail).
    void setFailAfterFilesForTesting(qint64 files);

    // The plan as chosen so far (for archives, the snapshot and includes of the export).
    RestorePlan plan() const;
    // Whether a restore or export is running.
    bool isRunning() const;
    // Valid once restoreFinished() was emitted: the restore's result, or for an archive the
    // export's result (exportResult()) with its status copied here.
    const RestoreResult &result() const;
    const ExportResult &exportResult() const;

    int nextId() const override;

public Q_SLOTS:
    // While a job runs: cancels it and waits (without blocking) for it to end; else closes.
    void reject() override;

Q_SIGNALS:
    void restoreFinished(bool ok);
    // The report's "Undo this restore…" opened another wizard on the safety version.
    void undoWizardOpened(strata::RestoreWizard *wizard);

private:
    void updateCommitPage();

    void openUndo(const QString &safetyVersion);

    std::shared_ptr<wizard::Context> m_context; // shared with the pages, which may outlive this object's body
    wizard::WhatPage *m_what = nullptr;
    wizard::WherePage *m_where = nullptr;
    wizard::ConflictsPage *m_conflicts = nullptr;
    wizard::OtclientPage *m_otclient = nullptr;
    wizard::ProgressPage *m_progress = nullptr;
    wizard::ReportPage *m_report = nullptr;
};

} // namespace strata
