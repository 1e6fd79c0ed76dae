// Repository > Free Up Space…: forget and prune with a preview first. The dialog plans at once
// (a dry run of the set's retention policy for this host, and of the prune after it) and shows
// which versions would go and why, and how much space comes back. "Free Up Space" then removes
// exactly the versions shown, not a new decision, and prunes; a repository without a set here
// (opened on its own) has no policy, so only the space removed versions left behind comes back.
// The work runs in the engine's jobs on worker threads; while a backup holds the repository the
// job's lock is refused and the dialog says so, with nothing changed.
#pragma once

#include "engine/Forget.h"

#include <QDialog>
#include <QPointer>

#include <memory>
#include <optional>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace strata {

class Repository;

class FreeSpaceDialog final : public QDialog
{
    Q_OBJECT
public:
    enum class State
    {
        Planning,
        Ready, // the plan is shown; "Free Up Space" runs it (disabled when it frees nothing)
        Running,
        Done, // freed, or failed: the message says which
    };
    Q_ENUM(State)

    // `policy`: the set's retention rules, applied to `setName`'s versions made on `host`;
    // std::nullopt: no versions are removed, only pruned.
    FreeSpaceDialog(std::shared_ptr<Repository> repo, std::optional<RetentionPolicy> policy,
                    const QString &setName, const QString &host, QWidget *parent = nullptr);
    ~FreeSpaceDialog() override;

    State state() const { return m_state; }
    // The plan of the dry run (valid once Ready), and the outcome (once Done).
    const ForgetResult &plan() const { return m_plan; }
    const ForgetResult &outcome() const { return m_outcome; }
    QString message() const;

    // Closes; while the clean-up runs, stops it first (safe at any point) and closes after.
    void reject() override;

Q_SIGNALS:
    void stateChanged(strata::FreeSpaceDialog::State state);
    // Versions were removed or space came back: what the window shows is out of date.
    void repositoryChanged();

private:
    void startPlanning();
    void showPlan(const ForgetResult &plan);
    void run();
    void showOutcome(const ForgetResult &outcome);
    void setState(State state);
    ForgetParams baseParams() const;

    std::shared_ptr<Repository> m_repo;
    std::optional<RetentionPolicy> m_policy;
    QString m_setName;
    QString m_host;
    State m_state = State::Planning;
    ForgetResult m_plan;
    ForgetResult m_outcome;
    QPointer<ForgetJob> m_job;

    QLabel *m_summary = nullptr;
    QTreeWidget *m_versions = nullptr;
    QLabel *m_space = nullptr;
    QProgressBar *m_progress = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_freeButton = nullptr;
};

} // namespace strata
