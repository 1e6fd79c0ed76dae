// The progress of a running backup: phase, files, bytes, rate, time left and the current file,
// with Cancel; after the run, one line saying how it went. It follows one set (the one shown
// in the window) through the BackupService's signals and hides itself when that set is idle.
#pragma once

#include "engine/Progress.h"
#include "profiles/RunLog.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace strata {

class BackupService;

class BackupPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit BackupPanel(BackupService *service, QWidget *parent = nullptr);

    // The set whose runs the panel shows (empty: none).
    void setCurrentSet(const QString &setId);
    QString currentSet() const { return m_setId; }

    // What the labels say, for tests and accessibility.
    QString phaseText() const;
    QString detailText() const;
    QString resultText() const;

private:
    void showQueued();
    void showStarted();
    void showProgress(const Progress &progress);
    void showFinished(const RunRecord &record);
    void showIdle();

    QPointer<BackupService> m_service;
    QString m_setId;
    QLabel *m_phase = nullptr;
    QProgressBar *m_bar = nullptr;
    QLabel *m_detail = nullptr;
    QLabel *m_current = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_dismiss = nullptr;
};

} // namespace strata
