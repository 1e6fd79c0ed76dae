#include "BackupPanel.h"

#include "service/BackupService.h"

#include <QFontMetrics>
#include <QGraphicsOpacityEffect>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPropertyAnimation>
#include <QPushButton>

namespace strata {

namespace {

using namespace std::chrono_literals;

constexpr auto FadeDuration = 600ms;

QString dataSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString phaseLabel(Phase phase)
{
    switch (phase) {
    case Phase::Preparing:
        return BackupPanel::tr("Preparing");
    case Phase::Scanning:
        return BackupPanel::tr("Looking for changes");
    case Phase::Backing:
        return BackupPanel::tr("Backing up");
    case Phase::Finishing:
        return BackupPanel::tr("Saving the version");
    case Phase::Verifying:
        return BackupPanel::tr("Verifying");
    default:
        return BackupPanel::tr("Working");
    }
}

QString timeLeft(qint64 seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return BackupPanel::tr("less than a minute left");
    if (seconds < 3600)
        return BackupPanel::tr("about %n minute(s) left", nullptr, int((seconds + 30) / 60));
    return BackupPanel::tr("about %n hour(s) left", nullptr, int((seconds + 1800) / 3600));
}

} // namespace

BackupPanel::BackupPanel(BackupService *service, QWidget *parent) : QWidget(parent), m_service(service)
{
    setObjectName(QStringLiteral("backupPanel"));
    setAccessibleName(tr("Backup progress"));
    auto *layout = new QGridLayout(this);
    m_phase = new QLabel(this);
    m_phase->setObjectName(QStringLiteral("phase"));
    QFont bold = m_phase->font();
    bold.setBold(true);
    m_phase->setFont(bold);
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("progress"));
    m_bar->setTextVisible(false);
    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("detail"));
    m_current = new QLabel(this);
    m_current->setObjectName(QStringLiteral("currentFile"));
    m_current->setForegroundRole(QPalette::PlaceholderText);
    m_current->setMinimumWidth(100);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("result"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cancel = new QPushButton(tr("&Cancel backup"), this);
    m_cancel->setObjectName(QStringLiteral("cancelBackup"));
    m_dismiss = new QPushButton(tr("&Dismiss"), this);
    m_dismiss->setObjectName(QStringLiteral("dismiss"));

    layout->addWidget(m_phase, 0, 0);
    layout->addWidget(m_bar, 0, 1);
    layout->addWidget(m_cancel, 0, 2);
    layout->addWidget(m_detail, 1, 0, 1, 2);
    layout->addWidget(m_current, 2, 0, 1, 3);
    layout->addWidget(m_result, 3, 0, 1, 2);
    layout->addWidget(m_dismiss, 3, 2);
    layout->setColumnStretch(1, 1);

    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_service && !m_setId.isEmpty() && m_service->cancel(m_setId)) {
            m_cancel->setEnabled(false);
            m_phase->setText(tr("Cancelling…"));
        }
    });
    connect(m_dismiss, &QPushButton::clicked, this, &BackupPanel::showIdle);
    m_fadeTimer.setSingleShot(true);
    m_fadeTimer.setInterval(8s);
    connect(&m_fadeTimer, &QTimer::timeout, this, &BackupPanel::fadeOut);
    connect(service, &BackupService::runQueued, this, [this](const QString &id) {
        if (id == m_setId)
            showQueued();
    });
    connect(service, &BackupService::runStarted, this, [this](const QString &id) {
        if (id == m_setId)
            showStarted();
    });
    connect(service, &BackupService::runProgress, this, [this](const QString &id, const Progress &p) {
        if (id == m_setId)
            showProgress(p);
    });
    connect(service, &BackupService::runFinished, this, [this](const RunRecord &r) {
        if (r.setId == m_setId)
            showFinished(r);
    });
    showIdle();
}

void BackupPanel::setCurrentSet(const QString &setId)
{
    m_setId = setId;
    if (m_service && m_service->isRunning(setId)) {
        showStarted();
        showProgress(m_service->lastProgress(setId));
    } else if (m_service && m_service->isQueued(setId)) {
        showQueued();
    } else {
        showIdle();
    }
}

QString BackupPanel::phaseText() const
{
    return m_phase->text();
}

QString BackupPanel::detailText() const
{
    return m_detail->text();
}

QString BackupPanel::resultText() const
{
    return m_result->text();
}

void BackupPanel::setFadeDelay(std::chrono::milliseconds delay)
{
    m_fadeTimer.setInterval(delay);
}

std::chrono::milliseconds BackupPanel::fadeDelay() const
{
    return m_fadeTimer.intervalAsDuration();
}

void BackupPanel::enterEvent(QEnterEvent *event)
{
    QWidget::enterEvent(event);
    m_hovered = true;
    if (m_fades) {
        // Someone is reading it: back to full strength, and the count starts again on leaving.
        stopFading();
        m_fades = true;
    }
}

void BackupPanel::leaveEvent(QEvent *event)
{
    QWidget::leaveEvent(event);
    m_hovered = false;
    if (m_fades)
        startFadeCountdown();
}

void BackupPanel::startFadeCountdown()
{
    m_fades = true;
    if (!m_hovered)
        m_fadeTimer.start();
}

void BackupPanel::fadeOut()
{
    if (m_hovered)
        return; // leaving starts the count again
    if (!m_opacity) {
        m_opacity = new QGraphicsOpacityEffect(this);
        setGraphicsEffect(m_opacity); // owns it
    }
    m_fade = new QPropertyAnimation(m_opacity, "opacity", this);
    m_fade->setDuration(int(FadeDuration.count()));
    m_fade->setStartValue(1.0);
    m_fade->setEndValue(0.0);
    m_fade->setEasingCurve(QEasingCurve::InQuad);
    connect(m_fade, &QPropertyAnimation::finished, this, &BackupPanel::showIdle);
    m_fade->start(QAbstractAnimation::DeleteWhenStopped);
}

void BackupPanel::stopFading()
{
    m_fades = false;
    m_fadeTimer.stop();
    if (m_fade) {
        disconnect(m_fade, nullptr, this, nullptr);
        m_fade->stop(); // deletes it
        m_fade = nullptr;
    }
    if (m_opacity) {
        setGraphicsEffect(nullptr); // deletes it; the panel is drawn as before
        m_opacity = nullptr;
    }
}

void BackupPanel::showQueued()
{
    showStarted();
    m_phase->setText(tr("Waiting"));
    m_detail->setText(tr("Another backup into the same repository runs first."));
}

void BackupPanel::showStarted()
{
    stopFading();
    setVisible(true);
    m_phase->setText(phaseLabel(Phase::Preparing));
    m_bar->setRange(0, 0); // busy until the totals are known
    m_bar->setVisible(true);
    m_detail->clear();
    m_detail->setVisible(true);
    m_current->clear();
    m_current->setVisible(true);
    m_result->setVisible(false);
    m_dismiss->setVisible(false);
    m_cancel->setVisible(true);
    m_cancel->setEnabled(true);
}

void BackupPanel::showProgress(const Progress &p)
{
    if (!m_cancel->isEnabled())
        return; // cancelling: keep saying so
    m_phase->setText(phaseLabel(p.phase));
    const QLocale locale;
    QStringList parts;
    if (p.filesTotal >= 0)
        parts << tr("%1 of %2 files").arg(locale.toString(p.filesDone), locale.toString(p.filesTotal));
    else
        parts << tr("%1 files").arg(locale.toString(p.filesDone));
    if (p.bytesTotal > 0) {
        parts << tr("%1 of %2").arg(dataSize(p.bytesDone), dataSize(p.bytesTotal));
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(qBound<qint64>(qint64(0), p.bytesDone * 1000 / p.bytesTotal, qint64(1000))));
    } else {
        parts << dataSize(p.bytesDone);
    }
    if (p.bytesPerSecond > 0)
        parts << tr("%1/s").arg(dataSize(qint64(p.bytesPerSecond)));
    if (const QString left = timeLeft(p.etaSeconds); !left.isEmpty())
        parts << left;
    m_detail->setText(parts.join(QStringLiteral(" · ")));
    const QFontMetrics metrics(m_current->font());
    m_current->setText(metrics.elidedText(p.currentPath, Qt::ElideMiddle, qMax(100, m_current->width())));
    m_current->setToolTip(p.currentPath);
}

void BackupPanel::showFinished(const RunRecord &r)
{
    stopFading();
    setVisible(true);
    m_bar->setVisible(false);
    m_detail->setVisible(false);
    m_current->setVisible(false);
    m_cancel->setVisible(false);
    m_result->setVisible(true);
    m_dismiss->setVisible(true);
    const QLocale locale;
    switch (r.outcome) {
    case RunRecord::Outcome::Succeeded:
        m_phase->setText(tr("Backed up"));
        m_result->setText(tr("%1 files (%2) in the new version; %3 added to the repository.")
                              .arg(locale.toString(r.files), dataSize(r.bytes), dataSize(r.bytesAdded)));
        break;
    case RunRecord::Outcome::Partial:
        m_phase->setText(tr("Backed up, with problems"));
        m_result->setText(tr("%n file(s) could not be read and are missing from the version. First: %1",
                             nullptr, int(r.warnings))
                              .arg(r.message));
        break;
    case RunRecord::Outcome::Cancelled:
        m_phase->setText(tr("Cancelled"));
        m_result->setText(tr("No version was written. What was already uploaded is kept, so the next "
                             "backup does not upload it again."));
        break;
    case RunRecord::Outcome::Failed:
        m_phase->setText(tr("Backup failed"));
        m_result->setText(r.message);
        break;
    }
    // What the set's retention did, before the run (to make room) or after it.
    const RunRecord::Retention &kept = r.retention;
    QString cleanup;
    if (!kept.error.isEmpty())
        cleanup = tr("Cleaning up old versions failed: %1").arg(kept.error);
    else if (kept.forgotten > 0 && kept.bytesFreed > 0)
        cleanup = tr("%n old version(s) removed, %1 freed.", nullptr, int(kept.forgotten))
                      .arg(dataSize(kept.bytesFreed));
    else if (kept.forgotten > 0)
        cleanup = tr("%n old version(s) removed; their space comes back at the next clean-up.", nullptr,
                     int(kept.forgotten));
    else if (kept.bytesFreed > 0)
        cleanup = tr("%1 freed from versions removed earlier.").arg(dataSize(kept.bytesFreed));
    if (!cleanup.isEmpty())
        m_result->setText(m_result->text() + QLatin1Char('\n') + cleanup);
    // Only news that needs nothing more goes by itself; a problem waits to be read.
    if (r.outcome == RunRecord::Outcome::Succeeded && kept.error.isEmpty())
        startFadeCountdown();
}

void BackupPanel::showIdle()
{
    stopFading();
    setVisible(false);
}

} // namespace strata
