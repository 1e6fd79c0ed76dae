#include "schedule/Scheduler.h"

#include <QLoggingCategory>

#include <algorithm>
#include <climits>
#include <utility>
#include <vector>

Q_LOGGING_CATEGORY(lcSchedule, "strata.schedule")

namespace strata {

Scheduler::Scheduler(QObject *parent) : Scheduler(std::make_shared<SystemClock>(), parent) {}

Scheduler::Scheduler(std::shared_ptr<const Clock> clock, QObject *parent)
    : QObject(parent), m_clock(std::move(clock))
{
    m_tickTimer.setInterval(30 * 1000);
    m_tickTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_tickTimer, &QTimer::timeout, this, &Scheduler::tick);
    m_graceTimer.setSingleShot(true);
    connect(&m_graceTimer, &QTimer::timeout, this, &Scheduler::tick);
}

Scheduler::~Scheduler() = default;

void Scheduler::setTickInterval(int ms)
{
    m_tickTimer.setInterval(std::max(ms, 1));
}

void Scheduler::setResumeGrace(int ms)
{
    m_resumeGraceMs = std::max(ms, 0);
}

void Scheduler::setStartDelay(int ms)
{
    m_startDelayMs = std::max(ms, 0);
}

void Scheduler::setJumpTolerance(int ms)
{
    m_jumpToleranceMs = std::max(ms, 0);
}

void Scheduler::setRetryDelay(int ms)
{
    m_retryDelayMs = std::max(ms, 0);
}

void Scheduler::setClaimTimeout(int ms)
{
    m_claimTimeoutMs = std::max(ms, 0);
}

QString Scheduler::queueKey(const ScheduleEntry &entry)
{
    // The prefixes keep a set id from ever colliding with a repository key.
    return entry.repositoryKey.isEmpty() ? QStringLiteral("set:") + entry.setId
                                         : QStringLiteral("repo:") + entry.repositoryKey;
}

void Scheduler::setEntry(const ScheduleEntry &entry)
{
    Item &item = m_items[entry.setId];
    const bool changedRule = !(item.entry.rule == entry.rule) || item.entry.lastRun != entry.lastRun;
    item.entry = entry;
    if (changedRule) {
        // A new rule or a new last run (a version made elsewhere) supersedes a pending retry.
        item.retryAtMs = -1;
        item.retryAt = {};
        item.pinnedNext = {};
    }
    reportNextRuns(m_clock->now());
    evaluate();
}

void Scheduler::removeEntry(const QString &setId)
{
    if (m_items.remove(setId) > 0)
        evaluate(); // the set may have been the one holding its repository's queue
}

std::optional<ScheduleEntry> Scheduler::entry(const QString &setId) const
{
    const auto it = m_items.constFind(setId);
    if (it == m_items.constEnd())
        return std::nullopt;
    return it->entry;
}

QList<ScheduleEntry> Scheduler::entries() const
{
    QList<ScheduleEntry> out;
    out.reserve(m_items.size());
    for (const Item &item : m_items)
        out.append(item.entry);
    return out;
}

QDateTime Scheduler::computeNext(const Item &item, const QDateTime &now) const
{
    QDateTime next =
        item.pinnedNext.isValid() ? item.pinnedNext : item.entry.rule.nextRunAfter(item.entry.lastRun, now);
    if (next.isValid() && item.retryAt.isValid() && item.retryAt > next)
        next = item.retryAt;
    return next;
}

QDateTime Scheduler::nextRun(const QString &setId) const
{
    const auto it = m_items.constFind(setId);
    return it == m_items.constEnd() ? QDateTime() : computeNext(*it, m_clock->now());
}

Scheduler::State Scheduler::state(const QString &setId) const
{
    const auto it = m_items.constFind(setId);
    if (it == m_items.constEnd())
        return State::Idle;
    if (it->running || it->claimed)
        return State::Running;
    const QDateTime now = m_clock->now();
    const QDateTime next = computeNext(*it, now);
    return next.isValid() && next <= now ? State::Waiting : State::Idle;
}

bool Scheduler::isEligible(const Item &item, const QDateTime &now, qint64 mono) const
{
    if (item.running || item.claimed)
        return false;
    // The retry wait is monotonic so that setting the clock cannot cut it short or stretch it.
    if (item.retryAtMs >= 0 && mono < item.retryAtMs)
        return false;
    const QDateTime next = computeNext(item, now);
    return next.isValid() && next <= now;
}

bool Scheduler::repositoryBusy(const QString &key) const
{
    for (const Item &item : m_items) {
        if ((item.running || item.claimed) && queueKey(item.entry) == key)
            return true;
    }
    return false;
}

bool Scheduler::holding(qint64 mono) const
{
    return m_paused || mono < m_graceEndMs;
}

void Scheduler::beginGrace(qint64 ms)
{
    const qint64 mono = m_clock->elapsedMs();
    m_graceEndMs = std::max(m_graceEndMs, mono + ms);
    // The periodic tick would end the grace too; this just ends it on time. It is a short
    // monotonic timer, so a suspend in the middle only delays it.
    if (m_graceEndMs > mono)
        m_graceTimer.start(int(std::min<qint64>(m_graceEndMs - mono + 1, INT_MAX)));
}

void Scheduler::start()
{
    if (m_started)
        return;
    m_started = true;
    m_lastWall = m_clock->now();
    m_lastMono = m_clock->elapsedMs();
    m_graceEndMs = -1;
    beginGrace(m_startDelayMs);
    m_tickTimer.start();
    qCDebug(lcSchedule) << "started with" << m_items.size() << "entries; first runs after" << m_startDelayMs
                        << "ms";
    evaluate();
}

void Scheduler::stop()
{
    m_started = false;
    m_tickTimer.stop();
    m_graceTimer.stop();
}

void Scheduler::tick()
{
    if (!m_started)
        return;
    const QDateTime now = m_clock->now();
    const qint64 mono = m_clock->elapsedMs();
    // Between two ticks both clocks should advance alike. Wall time running ahead means the
    // machine slept (CLOCK_MONOTONIC stops meanwhile) or the clock was set forward; behind
    // means it was set back. Either way the next runs are recomputed below from the rules, so
    // nothing armed for the old time survives.
    const qint64 drift = m_lastWall.msecsTo(now) - (mono - m_lastMono);
    m_lastWall = now;
    m_lastMono = mono;
    if (drift > m_jumpToleranceMs) {
        qCInfo(lcSchedule) << "wall clock moved" << drift / 1000
                           << "s ahead of monotonic time (suspend or clock change); catching up after"
                           << m_resumeGraceMs / 1000 << "s";
        beginGrace(m_resumeGraceMs);
        Q_EMIT clockJumped(drift);
    } else if (drift < -m_jumpToleranceMs) {
        qCInfo(lcSchedule) << "wall clock set back by" << -drift / 1000 << "s";
        Q_EMIT clockJumped(drift);
    }
    if (m_paused && m_pausedUntil.isValid() && now >= m_pausedUntil) {
        m_paused = false;
        m_pausedUntil = {};
        Q_EMIT resumed();
    }
    evaluate();
}

void Scheduler::systemResumed()
{
    if (m_started)
        beginGrace(m_resumeGraceMs);
}

void Scheduler::evaluate()
{
    if (!m_started)
        return;
    // Slots of runDue may call back in (runStarted, runFinished, setEntry): the outer call
    // finishes the work, so there is never more than one pass over m_items at a time.
    if (m_evaluating) {
        m_evaluateAgain = true;
        return;
    }
    m_evaluating = true;
    do {
        m_evaluateAgain = false;
        const QDateTime now = m_clock->now();
        const qint64 mono = m_clock->elapsedMs();

        std::vector<std::pair<qint64, QString>> queued;
        for (auto it = m_items.begin(); it != m_items.end(); ++it) {
            Item &item = *it;
            if (item.claimed && mono - item.claimedAtMs >= m_claimTimeoutMs) {
                qCWarning(lcSchedule) << "set" << it.key() << "was due but never started; releasing it";
                item.claimed = false;
            }
            // A last run in the future means the clock went back. An elapsed-time rule takes
            // it as a run just now, so the interval is counted from the moment the clock was
            // seen set back. A slot rule caps its wait at about one period from "now", which
            // recedes with every tick: the first answer is pinned until the clock passes the
            // last run again (then the rule needs no cap) or the set runs.
            if (item.entry.lastRun.isValid() && item.entry.lastRun > now) {
                if (item.entry.rule.mode == ScheduleRule::EveryHours) {
                    item.entry.lastRun = now;
                } else if (!item.pinnedNext.isValid()) {
                    item.pinnedNext = item.entry.rule.nextRunAfter(item.entry.lastRun, now);
                    qCInfo(lcSchedule) << "set" << it.key() << "last ran in the future; next run pinned at"
                                       << item.pinnedNext;
                }
            } else {
                item.pinnedNext = {};
            }
            if (isEligible(item, now, mono)) {
                if (item.queuedSeq < 0)
                    item.queuedSeq = ++m_seq;
                queued.emplace_back(item.queuedSeq, it.key());
            } else {
                item.queuedSeq = -1;
            }
        }

        reportNextRuns(now);
        if (m_evaluateAgain || holding(mono))
            continue;

        // First come, first served within each repository; sets on other repositories run
        // side by side.
        std::sort(queued.begin(), queued.end());
        for (const auto &[seq, setId] : queued) {
            const auto it = m_items.find(setId);
            if (it == m_items.end() || repositoryBusy(queueKey(it->entry)))
                continue;
            it->claimed = true;
            it->claimedAtMs = mono;
            it->queuedSeq = -1;
            it->startedAt = now;
            qCInfo(lcSchedule) << "set" << setId << "is due";
            Q_EMIT runDue(setId);
            // The slot may have changed anything: start over with fresh state.
            m_evaluateAgain = true;
            break;
        }
    } while (m_evaluateAgain && m_started);
    m_evaluating = false;
}

void Scheduler::reportNextRuns(const QDateTime &now)
{
    const QStringList ids = m_items.keys();
    for (const QString &id : ids) {
        const auto it = m_items.find(id);
        if (it == m_items.end())
            continue;
        const QDateTime next = computeNext(*it, now);
        // A due set's next run is "now" for some rules and so moves with every tick; once due,
        // it stays reported as due until it runs.
        const bool bothDue =
            next.isValid() && it->reportedNext.isValid() && next <= now && it->reportedNext <= now;
        if (it->reported && (next == it->reportedNext || bothDue))
            continue;
        it->reported = true;
        it->reportedNext = next;
        Q_EMIT nextRunChanged(id, next);
    }
}

void Scheduler::runStarted(const QString &setId)
{
    const auto it = m_items.find(setId);
    if (it == m_items.end()) {
        qCWarning(lcSchedule) << "runStarted for unknown set" << setId;
        return;
    }
    if (!it->claimed)
        it->startedAt = m_clock->now();
    it->claimed = false;
    it->running = true;
    it->queuedSeq = -1;
}

void Scheduler::runFinished(const QString &setId, const QDateTime &when, bool ok)
{
    const auto it = m_items.find(setId);
    if (it == m_items.end())
        return; // removed while it ran
    const QDateTime now = m_clock->now();
    Item &item = *it;
    item.running = false;
    item.claimed = false;
    if (ok) {
        const QDateTime ran = when.isValid() ? when : (item.startedAt.isValid() ? item.startedAt : now);
        // A late report of an older run must not move the schedule back.
        if (!item.entry.lastRun.isValid() || ran > item.entry.lastRun)
            item.entry.lastRun = ran;
        item.retryAtMs = -1;
        item.pinnedNext = {};
        item.retryAt = {};
    } else {
        item.retryAtMs = m_clock->elapsedMs() + m_retryDelayMs;
        item.retryAt = now.addMSecs(m_retryDelayMs);
        qCInfo(lcSchedule) << "set" << setId << "failed; retrying after" << m_retryDelayMs / 1000 << "s";
    }
    item.startedAt = {};
    reportNextRuns(now);
    evaluate();
}

void Scheduler::pauseUntil(const QDateTime &until)
{
    m_paused = true;
    m_pausedUntil = until;
    Q_EMIT paused(until);
    if (until.isValid() && until <= m_clock->now())
        resume();
}

void Scheduler::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    m_pausedUntil = {};
    Q_EMIT resumed();
    evaluate();
}

} // namespace strata
