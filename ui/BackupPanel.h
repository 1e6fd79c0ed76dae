// The progress of a running backup: phase, files, bytes, rate, time left and the current file,
// with Cancel; after the run, one line saying how it went. It follows one set (the one shown
// in the window) through the BackupService's signals and hides itself when that set is idle.
// A clean success fades out by itself after a few seconds (not while the pointer is over it);
// a failure, a partial success or a cancelled run stays until dismissed.
#pragma once

#include "engine/Progress.h"
#include "profiles/RunLog.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <chrono>

class QGraphicsOpacityEffect;
class QLabel;
class QPropertyAnimation;
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

    // How long a success stays before it fades out (8 s unless changed); tests shorten it.
    void setFadeDelay(std::chrono::milliseconds delay);
    std::chrono::milliseconds fadeDelay() const;
    // Whether a shown success is counting down or fading, so it will hide by itself.
    bool willFade() const { return m_fades; }

protected:
    void enterEvent(QEnterEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void showQueued();
    void showStarted();
    void showProgress(const Progress &progress);
    void showFinished(const RunRecord &record);
    void showIdle();
    // Counts down to the fade; the pointer over the panel holds it back.
    void startFadeCountdown();
    void fadeOut();
    void stopFading();

    QPointer<BackupService> m_service;
    QString m_setId;
    QLabel *m_phase = nullptr;
    QProgressBar *m_bar = nullptr;
    QLabel *m_detail = nullptr;
    QLabel *m_current = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_dismiss = nullptr;
    QTimer m_fadeTimer;
    QGraphicsOpacityEffect *m_opacity = nullptr; // only while fading
    QPropertyAnimation *m_fade = nullptr;
    bool m_fades = false;
    bool m_hovered = false;
};

} // namespace strata
