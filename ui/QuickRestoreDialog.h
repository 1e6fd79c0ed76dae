// Restoring one file to where it was, on one page: what will happen to the file on disk (it is
// back, replaced, or already the same), then the restore itself with its progress and outcome.
// The common case of "yesterday's version of this file" takes one click here; everything else
// (another place, an archive, several files, the preview) stays with the restore wizard, which
// "More Options…" opens on the same file.
//
// Like the wizard's, the restore takes a safety version of the file before replacing it and
// puts it back when the restore fails; cancelling or closing the dialog mid-way does the same.
#pragma once

#include "engine/Restore.h"
#include "repo/Repository.h"

#include <QDialog>

#include <memory>
#include <optional>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace strata {

class PathLabel;

class QuickRestoreDialog final : public QDialog
{
    Q_OBJECT
public:
    QuickRestoreDialog(std::shared_ptr<Repository> repo, Snapshot version, QByteArray path,
                       QWidget *parent = nullptr);
    ~QuickRestoreDialog() override;

    // What the file on disk is to the version, once the dialog has looked (for tests).
    enum class State
    {
        Checking,
        Missing,  // not on disk: the restore puts it back
        Changed,  // differs: the restore replaces it (a safety version is taken first)
        Same,     // already as in the version: nothing to do
        Unusable, // not a single file, or the check failed: only the wizard can help
        Restoring,
        Restored,
        Failed
    };
    State state() const { return m_state; }
    QPushButton *restoreButton() const { return m_restore; }
    QCheckBox *keepBothBox() const { return m_keepBoth; }
    QString headline() const;
    QString message() const;
    const std::optional<RestoreResult> &result() const { return m_result; }
    bool isRunning() const { return m_job != nullptr; }

Q_SIGNALS:
    // The user wants the wizard for this file.
    void moreOptionsRequested(const QString &versionId, const QByteArray &path);
    // A restore ran (successfully or not, rolled back or not): versions may have been added.
    void restoreFinished(const strata::RestoreResult &result);
    void stateChanged(strata::QuickRestoreDialog::State state);

protected:
    void reject() override;

private:
    void check();
    void checked(Result<std::optional<PlannedEntry>> entry);
    void start();
    void jobDone(const RestoreResult &result);
    void setState(State state, const QString &text);

    std::shared_ptr<Repository> m_repo;
    Snapshot m_version;
    QByteArray m_path;
    State m_state = State::Checking;
    QLabel *m_headline = nullptr;
    PathLabel *m_where = nullptr;
    QLabel *m_message = nullptr;
    QCheckBox *m_keepBoth = nullptr;
    QProgressBar *m_bar = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_restore = nullptr;
    QPushButton *m_moreOptions = nullptr;
    RestoreJob *m_job = nullptr;
    std::optional<RestoreResult> m_result;
};

} // namespace strata
