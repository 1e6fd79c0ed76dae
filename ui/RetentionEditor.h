// The set editor's Keep tab: every rule of a retention policy (last N; hourly to yearly counts;
// every version within a duration; tagged versions; a total size; how long safety versions
// stay), the Time Machine preset, whether old versions are cleaned up after each backup, and a
// live preview on the set's real versions of which ones the policy keeps and which it removes,
// with the reasons. The preview is computed by core's applyRetention off the GUI thread; sizes
// for the total-size rule are what each version added when it was written (an estimate: the
// prune that applies it counts shared data exactly).
#pragma once

#include "repo/Snapshot.h"
#include "retention/RetentionPolicy.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTreeWidget;

namespace strata {

class RetentionEditor final : public QWidget
{
    Q_OBJECT
public:
    explicit RetentionEditor(QWidget *parent = nullptr);

    // Shows `policy`; rules this editor has no field for (keep-within-daily and the like) are
    // kept as they are.
    void setPolicy(const RetentionPolicy &policy, bool autoPrune, int pruneEveryHours);
    // The policy as edited; a bad duration keeps the one last shown (problem() says why).
    RetentionPolicy policy() const;
    bool autoPrune() const;
    int pruneEveryHours() const;
    // What is wrong with the fields, as a sentence; empty when nothing is.
    QString problem() const;

    // The versions to preview on (the set's, any host: the policy applies per set and host).
    // Without a call the preview says that the versions are not known.
    void setVersions(QList<Snapshot> versions, const QDateTime &now = {});
    void setVersionsUnavailable(const QString &why);
    // The last preview: one decision per version, newest first within each host.
    const QList<RetentionDecision> &preview() const { return m_preview; }
    bool previewPending() const { return m_pending; }

Q_SIGNALS:
    void changed();
    void previewUpdated();

private:
    void schedulePreview();
    void showPreview(QList<RetentionDecision> decisions);

    RetentionPolicy m_base; // what setPolicy gave, for the fields this editor does not show
    QSpinBox *m_last = nullptr, *m_hourly = nullptr, *m_daily = nullptr, *m_weekly = nullptr,
             *m_monthly = nullptr, *m_yearly = nullptr, *m_totalGib = nullptr, *m_safetyDays = nullptr,
             *m_pruneHours = nullptr;
    QLineEdit *m_within = nullptr, *m_tags = nullptr;
    QCheckBox *m_autoPrune = nullptr;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_list = nullptr;

    bool m_haveVersions = false;
    QList<Snapshot> m_versions;
    QDateTime m_now;
    QList<RetentionDecision> m_preview;
    quint64 m_generation = 0; // of the preview asked for last; older answers are dropped
    bool m_pending = false;
};

} // namespace strata
