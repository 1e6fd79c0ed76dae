#include "models/SetListModel.h"
#include "models/TimeText.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <utility>

namespace strata {

namespace {

constexpr qint64 Hour = 3600;
constexpr qint64 Day = 24 * Hour;
constexpr int RefreshMs = 60 * 1000;

// Strata ships no English translation to supply plural forms, so the English singular is a string
// of its own; `many` is a numerus string, so languages with several plural forms still get them.
QString counted(qint64 n, const char *one, const char *many)
{
    if (n == 1)
        return QCoreApplication::translate("SetListModel", one);
    return QCoreApplication::translate("SetListModel", many, nullptr, int(n));
}

// The longest a set may go without a success before it counts as stale, or 0 for a manual set.
// Half an interval of grace (at least an hour) absorbs a late start, a slow run or a laptop that
// was asleep at the slot.
qint64 staleAfterSecs(const Schedule &schedule)
{
    qint64 interval = 0;
    switch (schedule.mode) {
    case Schedule::Mode::Manual:
        return 0;
    case Schedule::Mode::EveryHours:
        interval = std::max(1, schedule.hours) * Hour;
        break;
    case Schedule::Mode::Daily:
        interval = Day;
        break;
    case Schedule::Mode::Weekly:
        interval = 7 * Day;
        break;
    }
    return interval + std::max(interval / 2, Hour);
}

QString scheduleText(const Schedule &schedule)
{
    const QLocale locale;
    switch (schedule.mode) {
    case Schedule::Mode::Manual:
        return SetListModel::tr("manual only");
    case Schedule::Mode::EveryHours:
        return counted(schedule.hours, QT_TRANSLATE_NOOP("SetListModel", "every hour"),
                       QT_TRANSLATE_N_NOOP("SetListModel", "every %n hours"));
    case Schedule::Mode::Daily:
        return SetListModel::tr("daily at %1").arg(locale.toString(schedule.at, QLocale::ShortFormat));
    case Schedule::Mode::Weekly:
        return SetListModel::tr("weekly on %1 at %2")
            .arg(locale.dayName(schedule.weekday, QLocale::LongFormat),
                 locale.toString(schedule.at, QLocale::ShortFormat));
    }
    return {};
}

// "just now", "5 minutes ago", "3 hours ago", "2 days ago", or a date for anything older than a
// month (or in the future, when the clock was set back).
QString ago(const QDateTime &then, const QDateTime &now)
{
    const qint64 secs = then.secsTo(now);
    if (secs < -60 || secs >= 30 * Day)
        return SetListModel::tr("on %1").arg(dateText(then.toLocalTime().date()));
    if (secs < 60)
        return SetListModel::tr("just now");
    if (secs < Hour)
        return counted(secs / 60, QT_TRANSLATE_NOOP("SetListModel", "1 minute ago"),
                       QT_TRANSLATE_N_NOOP("SetListModel", "%n minutes ago"));
    if (secs < Day)
        return counted(secs / Hour, QT_TRANSLATE_NOOP("SetListModel", "1 hour ago"),
                       QT_TRANSLATE_N_NOOP("SetListModel", "%n hours ago"));
    return counted(secs / Day, QT_TRANSLATE_NOOP("SetListModel", "1 day ago"),
                   QT_TRANSLATE_N_NOOP("SetListModel", "%n days ago"));
}

// A length of time, coarse: "5 hours", "3 days".
QString lengthOfTime(qint64 secs)
{
    if (secs < 2 * Day)
        return counted(std::max<qint64>(1, secs / Hour), QT_TRANSLATE_NOOP("SetListModel", "1 hour"),
                       QT_TRANSLATE_N_NOOP("SetListModel", "%n hours"));
    return counted(secs / Day, QT_TRANSLATE_NOOP("SetListModel", "1 day"),
                   QT_TRANSLATE_N_NOOP("SetListModel", "%n days"));
}

// "today 14:00", "tomorrow 09:00", "Friday 09:00" within a week, else a short date and time.
QString when(const QDateTime &next, const QDateTime &now)
{
    const QLocale locale;
    const QDateTime local = next.toLocalTime();
    const QString time = locale.toString(local.time(), QLocale::ShortFormat);
    const qint64 days = now.toLocalTime().date().daysTo(local.date());
    if (days == 0)
        return SetListModel::tr("today %1").arg(time);
    if (days == 1)
        return SetListModel::tr("tomorrow %1").arg(time);
    if (days > 1 && days < 7)
        return SetListModel::tr("%1 %2", "weekday and time")
            .arg(locale.dayName(local.date().dayOfWeek(), QLocale::LongFormat), time);
    return timeText(next);
}

QString lastRunText(const SetStatus &status, const QDateTime &now)
{
    switch (status.last) {
    case SetStatus::Result::Never:
        return SetListModel::tr("Never backed up");
    case SetStatus::Result::Running:
        return SetListModel::tr("Backing up now…");
    case SetStatus::Result::Succeeded:
        return SetListModel::tr("Last backup %1").arg(ago(status.lastRun, now));
    case SetStatus::Result::Partial:
        return SetListModel::tr("Last backup %1, some files skipped").arg(ago(status.lastRun, now));
    case SetStatus::Result::Failed:
        if (status.message.isEmpty())
            return SetListModel::tr("Failed %1").arg(ago(status.lastRun, now));
        return SetListModel::tr("Failed: %1").arg(status.message);
    case SetStatus::Result::Cancelled:
        return SetListModel::tr("Cancelled %1").arg(ago(status.lastRun, now));
    }
    return {};
}

QString longTime(const QDateTime &time)
{
    return timeText(time);
}

} // namespace

SetListModel::SetListModel(QObject *parent)
    : QAbstractListModel(parent), m_now([] { return QDateTime::currentDateTime(); })
{
    // "2 hours ago" and staleness move with the clock even when nothing else happens.
    m_refreshTimer.setInterval(RefreshMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &SetListModel::refresh);
    m_refreshTimer.start();
}

void SetListModel::setSets(const QList<BackupSet> &sets)
{
    const QDateTime now = this->now();
    QHash<QString, SetStatus> statuses;
    QHash<QString, QDateTime> firstSeen;
    for (const BackupSet &set : sets) {
        statuses.insert(set.id, m_statuses.value(set.id));
        firstSeen.insert(set.id, m_firstSeen.value(set.id, now));
    }
    m_statuses = std::move(statuses);
    m_firstSeen = std::move(firstSeen);

    const bool sameRows = std::equal(sets.begin(), sets.end(), m_sets.begin(), m_sets.end(),
                                     [](const BackupSet &a, const BackupSet &b) { return a.id == b.id; });
    if (sameRows) {
        const QList<BackupSet> old = std::exchange(m_sets, sets);
        for (int row = 0; row < m_sets.size(); ++row) {
            // A changed schedule can make a set stale, so the change is announced.
            const bool changed = reevaluate(row);
            if (changed || !(old[row] == m_sets[row]))
                emitRowChanged(row);
        }
        return;
    }
    QHash<QString, bool> wasStale;
    for (int row = 0; row < m_sets.size(); ++row)
        wasStale.insert(m_sets[row].id, m_cache[row].stale);
    beginResetModel();
    m_sets = sets;
    m_cache.clear();
    for (const BackupSet &set : m_sets)
        m_cache.append(evaluate(set));
    endResetModel();
    for (int row = 0; row < m_sets.size(); ++row) {
        const auto old = wasStale.constFind(m_sets[row].id);
        if (old != wasStale.cend() && *old != m_cache[row].stale)
            Q_EMIT staleChanged(m_sets[row].id, m_cache[row].stale);
    }
}

void SetListModel::setStatus(const QString &setId, const SetStatus &status)
{
    const int row = rowOf(setId);
    if (row < 0)
        return;
    SetStatus &stored = m_statuses[setId];
    if (stored == status)
        return;
    stored = status;
    reevaluate(row);
    emitRowChanged(row);
}

SetStatus SetListModel::status(const QString &setId) const
{
    return m_statuses.value(setId);
}

QString SetListModel::setIdAt(int row) const
{
    return row >= 0 && row < m_sets.size() ? m_sets[row].id : QString();
}

int SetListModel::rowOf(const QString &setId) const
{
    for (int row = 0; row < m_sets.size(); ++row) {
        if (m_sets[row].id == setId)
            return row;
    }
    return -1;
}

bool SetListModel::isStale(const QString &setId) const
{
    const int row = rowOf(setId);
    return row >= 0 && m_cache[row].stale;
}

void SetListModel::setNow(std::function<QDateTime()> now)
{
    m_now = now ? std::move(now) : [] { return QDateTime::currentDateTime(); };
    refresh();
}

QDateTime SetListModel::now() const
{
    return m_now();
}

void SetListModel::refresh()
{
    for (int row = 0; row < m_sets.size(); ++row) {
        if (reevaluate(row))
            emitRowChanged(row);
    }
}

SetListModel::Cached SetListModel::evaluate(const BackupSet &set) const
{
    const QDateTime now = this->now();
    const SetStatus status = m_statuses.value(set.id);
    Cached cached;

    cached.lastRunText = lastRunText(status, now);
    cached.statusText = cached.lastRunText;
    if (status.nextRun.isValid() && status.last != SetStatus::Result::Running) {
        const QString next = status.nextRun <= now ? tr("due now") : when(status.nextRun, now);
        cached.statusText = tr("%1 · next %2").arg(cached.lastRunText, next);
        cached.nextRunText = tr("Next: %1").arg(next);
    }

    const qint64 limit = staleAfterSecs(set.schedule);
    if (limit > 0) {
        if (status.lastSuccess.isValid()) {
            const qint64 age = status.lastSuccess.secsTo(now);
            cached.stale = age > limit;
            if (cached.stale)
                cached.staleText = tr("No successful backup for %1 (scheduled %2)")
                                       .arg(lengthOfTime(age), scheduleText(set.schedule));
        } else {
            QDateTime since = m_firstSeen.value(set.id, now);
            if (status.lastRun.isValid() && status.lastRun < since)
                since = status.lastRun;
            cached.stale = since.secsTo(now) > limit;
            if (cached.stale)
                cached.staleText =
                    tr("No successful backup yet (scheduled %1)").arg(scheduleText(set.schedule));
        }
    }
    return cached;
}

bool SetListModel::reevaluate(int row)
{
    Cached cached = evaluate(m_sets[row]);
    if (cached == m_cache[row])
        return false;
    const bool staleFlipped = cached.stale != m_cache[row].stale;
    m_cache[row] = std::move(cached);
    if (staleFlipped)
        Q_EMIT staleChanged(m_sets[row].id, m_cache[row].stale);
    return true;
}

void SetListModel::emitRowChanged(int row)
{
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed);
}

int SetListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sets.size());
}

QVariant SetListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BackupSet &set = m_sets[index.row()];
    const Cached &cached = m_cache[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return set.name;
    case SetIdRole:
        return set.id;
    case StatusRole:
        return int(m_statuses.value(set.id).last);
    case StatusTextRole:
        return cached.statusText;
    case StaleRole:
        return cached.stale;
    case StaleTextRole:
        return cached.staleText;
    case LastRunTextRole:
        return cached.lastRunText;
    case NextRunTextRole:
        return cached.nextRunText;
    case Qt::AccessibleDescriptionRole:
        return cached.stale ? tr("%1. %2").arg(cached.statusText, cached.staleText) : cached.statusText;
    case Qt::ToolTipRole: {
        const SetStatus status = m_statuses.value(set.id);
        QStringList lines{set.name, tr("Repository: %1").arg(set.repository),
                          tr("Schedule: %1").arg(scheduleText(set.schedule)), cached.statusText};
        if (cached.stale)
            lines << cached.staleText;
        if (status.lastRun.isValid())
            lines << tr("Last run: %1").arg(longTime(status.lastRun));
        if (status.lastSuccess.isValid())
            lines << tr("Last success: %1").arg(longTime(status.lastSuccess));
        if (status.nextRun.isValid())
            lines << tr("Next run: %1").arg(longTime(status.nextRun));
        if (!status.message.isEmpty() && status.last != SetStatus::Result::Failed)
            lines << status.message; // a failure's message is already in the status line
        return lines.join(QLatin1Char('\n'));
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> SetListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(SetIdRole, "setId");
    names.insert(StatusRole, "status");
    names.insert(StatusTextRole, "statusText");
    names.insert(StaleRole, "stale");
    names.insert(StaleTextRole, "staleText");
    names.insert(LastRunTextRole, "lastRunText");
    names.insert(NextRunTextRole, "nextRunText");
    return names;
}

} // namespace strata
