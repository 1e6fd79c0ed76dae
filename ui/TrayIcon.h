// The system tray icon: its picture says idle, running, paused or error; its menu backs up a
// set now, pauses the schedule for an hour or until tomorrow, opens the window and quits. It
// notifies on failed runs and stale sets, never on success unless asked to.
#pragma once

#include "profiles/RunLog.h"

#include <QDate>
#include <QHash>
#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace strata {

class BackupService;

class TrayIcon final : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Idle,
        Running,
        Paused,
        Error, // a set's last run failed
    };

    explicit TrayIcon(BackupService *service, QObject *parent = nullptr);
    ~TrayIcon() override;

    // Whether the desktop shows tray icons at all.
    static bool isAvailable();

    void show();
    void hide();
    bool isVisible() const;

    State state() const { return m_state; }
    // The menu as it is now (rebuilt before it is shown: sets come and go).
    QMenu *menu() const { return m_menu; }
    // Rebuilds the menu from the service's sets and state now (done before each showing).
    void rebuildMenu();

    void setNotifyOnSuccess(bool on) { m_notifyOnSuccess = on; }
    // Tells the user the sets have had no successful backup for longer than their schedule
    // promises; each set is named once per day at most.
    void notifyStale(const QStringList &setIds);
    // A plain information message (when the desktop shows them).
    void showMessage(const QString &title, const QString &body) { notify(title, body, false); }
    // The last message shown (title and body), for tests: notifications are not inspectable.
    QString lastMessage() const { return m_lastMessage; }

Q_SIGNALS:
    void openRequested();
    void quitRequested();
    void stateChanged(strata::TrayIcon::State state);

private:
    void updateState();
    void notify(const QString &title, const QString &body, bool warning);
    void finished(const RunRecord &record);

    QPointer<BackupService> m_service;
    QSystemTrayIcon *m_icon = nullptr;
    QMenu *m_menu = nullptr;
    State m_state = State::Idle;
    bool m_notifyOnSuccess = false;
    QString m_lastMessage;
    QHash<QString, QDate> m_staleNotified; // set id -> day it was last named
};

} // namespace strata
