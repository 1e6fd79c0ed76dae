#include "TrayIcon.h"
#include "models/TimeText.h"

#include "service/BackupService.h"

#include <QIcon>
#include <QLocale>
#include <QMenu>
#include <QSystemTrayIcon>

namespace strata {

namespace {

QIcon iconFor(TrayIcon::State state)
{
    switch (state) {
    case TrayIcon::State::Running:
        return QIcon(QStringLiteral(":/icons/tray-running.svg"));
    case TrayIcon::State::Paused:
        return QIcon(QStringLiteral(":/icons/tray-paused.svg"));
    case TrayIcon::State::Error:
        return QIcon(QStringLiteral(":/icons/tray-error.svg"));
    case TrayIcon::State::Idle:
        break;
    }
    return QIcon(QStringLiteral(":/icons/tray-idle.svg"));
}

} // namespace

TrayIcon::TrayIcon(BackupService *service, QObject *parent)
    : QObject(parent), m_service(service), m_icon(new QSystemTrayIcon(this)), m_menu(new QMenu)
{
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_icon->setContextMenu(m_menu);
    connect(m_menu, &QMenu::aboutToShow, this, &TrayIcon::rebuildMenu);
    connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            Q_EMIT openRequested();
    });
    connect(service, &BackupService::busyChanged, this, &TrayIcon::updateState);
    connect(service, &BackupService::runFinished, this, &TrayIcon::finished);
    connect(&service->scheduler(), &Scheduler::paused, this, &TrayIcon::updateState);
    connect(&service->scheduler(), &Scheduler::resumed, this, &TrayIcon::updateState);
    updateState();
    rebuildMenu();
}

TrayIcon::~TrayIcon()
{
    delete m_menu; // a QMenu cannot be a child of a QObject that is not a widget
}

bool TrayIcon::isAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::show()
{
    m_icon->show();
}

void TrayIcon::hide()
{
    m_icon->hide();
}

bool TrayIcon::isVisible() const
{
    return m_icon->isVisible();
}

void TrayIcon::rebuildMenu()
{
    m_menu->clear();
    m_menu->addAction(tr("&Open Strata"), this, &TrayIcon::openRequested);
    m_menu->addSeparator();
    if (!m_service)
        return;

    const QList<BackupSet> &sets = m_service->store().sets();
    if (sets.isEmpty()) {
        m_menu->addAction(tr("No backup sets yet"))->setEnabled(false);
    } else {
        QMenu *target = m_menu;
        if (sets.size() > 1)
            target = m_menu->addMenu(tr("&Back up now"));
        for (const BackupSet &set : sets) {
            const QString text = sets.size() > 1 ? set.name : tr("&Back up \"%1\" now").arg(set.name);
            QAction *action = target->addAction(text, this, [this, id = set.id] {
                if (m_service)
                    m_service->backUpNow(id);
            });
            action->setEnabled(!m_service->isQueued(set.id) && !m_service->isRunning(set.id));
        }
    }

    m_menu->addSeparator();
    Scheduler &scheduler = m_service->scheduler();
    if (scheduler.isPaused()) {
        const QDateTime until = scheduler.pausedUntil();
        const QString label = until.isValid() ? tr("Scheduled backups paused until %1").arg(timeText(until))
                                              : tr("Scheduled backups paused");
        m_menu->addAction(label)->setEnabled(false);
        m_menu->addAction(tr("&Resume scheduled backups"), &scheduler, &Scheduler::resume);
    } else {
        m_menu->addAction(tr("&Pause for 1 hour"), &scheduler,
                          [&scheduler] { scheduler.pauseUntil(QDateTime::currentDateTime().addSecs(3600)); });
        m_menu->addAction(tr("Pause until &tomorrow"), &scheduler, [&scheduler] {
            scheduler.pauseUntil(QDateTime(QDate::currentDate().addDays(1), QTime(0, 0)));
        });
    }
    m_menu->addSeparator();
    m_menu->addAction(tr("&Quit"), this, &TrayIcon::quitRequested);
}

void TrayIcon::updateState()
{
    State state = State::Idle;
    if (m_service && m_service->isBusy()) {
        state = State::Running;
    } else if (m_service && m_service->scheduler().isPaused()) {
        state = State::Paused;
    } else if (m_service) {
        for (const BackupSet &set : m_service->store().sets()) {
            const auto last = m_service->runLog().last(set.id);
            if (last && last->outcome == RunRecord::Outcome::Failed)
                state = State::Error;
        }
    }
    const QString tips[] = {tr("Strata: idle"), tr("Strata: backing up…"),
                            tr("Strata: scheduled backups paused"), tr("Strata: the last backup failed")};
    m_icon->setIcon(iconFor(state));
    m_icon->setToolTip(tips[int(state)]);
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void TrayIcon::finished(const RunRecord &record)
{
    updateState();
    if (record.outcome == RunRecord::Outcome::Failed)
        notify(tr("Backup of \"%1\" failed").arg(record.setName), record.message, true);
    else if (record.outcome == RunRecord::Outcome::Partial)
        notify(tr("Backup of \"%1\" is incomplete").arg(record.setName), record.message, true);
    else if (record.outcome == RunRecord::Outcome::Succeeded && m_notifyOnSuccess)
        notify(tr("Backup of \"%1\" done").arg(record.setName),
               tr("%n file(s) backed up.", nullptr, int(record.files)), false);
}

void TrayIcon::notifyStale(const QStringList &setIds)
{
    if (!m_service)
        return;
    const QDate today = QDate::currentDate();
    QStringList names;
    for (const QString &id : setIds) {
        const auto set = m_service->store().find(id);
        if (!set || m_staleNotified.value(id) == today)
            continue;
        m_staleNotified.insert(id, today);
        names << set->name;
    }
    if (names.isEmpty())
        return;
    notify(tr("Backups are overdue"),
           tr("No backup has succeeded for longer than the schedule promises: %1")
               .arg(names.join(QStringLiteral(", "))),
           true);
}

void TrayIcon::notify(const QString &title, const QString &body, bool warning)
{
    m_lastMessage = title + QLatin1Char('\n') + body;
    if (m_icon->isVisible() && QSystemTrayIcon::supportsMessages())
        m_icon->showMessage(title, body, warning ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
}

} // namespace strata
