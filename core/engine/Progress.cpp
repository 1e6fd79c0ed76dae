#include "engine/Progress.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace strata {

namespace {

constexpr qint64 RateWindowMs = 5000;
// Below this much history a rate is noise (the first reports of a job).
constexpr qint64 MinRateSpanMs = 200;
// Bounds the sample list when due() is called very often.
constexpr qint64 SampleSpacingMs = 100;

} // namespace

QString phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Preparing:
        return QCoreApplication::translate("strata::Progress", "preparing");
    case Phase::Scanning:
        return QCoreApplication::translate("strata::Progress", "scanning");
    case Phase::Backing:
        return QCoreApplication::translate("strata::Progress", "backing up");
    case Phase::Finishing:
        return QCoreApplication::translate("strata::Progress", "finishing");
    case Phase::Planning:
        return QCoreApplication::translate("strata::Progress", "planning");
    case Phase::Restoring:
        return QCoreApplication::translate("strata::Progress", "restoring");
    case Phase::Verifying:
        return QCoreApplication::translate("strata::Progress", "verifying");
    case Phase::RollingBack:
        return QCoreApplication::translate("strata::Progress", "rolling back");
    case Phase::Pruning:
        return QCoreApplication::translate("strata::Progress", "pruning");
    case Phase::Done:
        return QCoreApplication::translate("strata::Progress", "done");
    }
    return {};
}

ProgressMeter::ProgressMeter(int intervalMs) : m_intervalMs(intervalMs)
{
    m_clock.start();
}

void ProgressMeter::setPhase(Phase phase)
{
    std::lock_guard lock(m_mutex);
    m_phase = phase;
}

void ProgressMeter::setTotals(qint64 files, qint64 bytes)
{
    m_filesTotal.store(files, std::memory_order_relaxed);
    m_bytesTotal.store(bytes, std::memory_order_relaxed);
}

void ProgressMeter::addTotals(qint64 files, qint64 bytes)
{
    // Totals start unknown (-1): the first addition makes them known.
    const auto add = [](std::atomic<qint64> &total, qint64 n) {
        qint64 cur = total.load(std::memory_order_relaxed);
        while (!total.compare_exchange_weak(cur, std::max<qint64>(cur, 0) + n, std::memory_order_relaxed)) {
        }
    };
    add(m_filesTotal, files);
    add(m_bytesTotal, bytes);
}

void ProgressMeter::addDone(qint64 files, qint64 bytes)
{
    m_filesDone.fetch_add(files, std::memory_order_relaxed);
    m_bytesDone.fetch_add(bytes, std::memory_order_relaxed);
}

void ProgressMeter::setCurrent(const QString &path)
{
    std::lock_guard lock(m_mutex);
    m_current = path;
}

void ProgressMeter::setClockForTesting(std::function<qint64()> nowMs)
{
    std::lock_guard lock(m_mutex);
    m_testClock = std::move(nowMs);
}

bool ProgressMeter::due(Progress *out, bool force)
{
    std::lock_guard lock(m_mutex);
    const qint64 now = m_testClock ? m_testClock() : m_clock.elapsed();
    if (!force && now - m_lastReportMs < m_intervalMs)
        return false;
    m_lastReportMs = now;
    if (out)
        *out = snapshot(now);
    return true;
}

// Called with m_mutex held.
Progress ProgressMeter::snapshot(qint64 now)
{
    Progress p;
    p.phase = m_phase;
    p.filesDone = m_filesDone.load(std::memory_order_relaxed);
    p.filesTotal = m_filesTotal.load(std::memory_order_relaxed);
    p.bytesDone = m_bytesDone.load(std::memory_order_relaxed);
    p.bytesTotal = m_bytesTotal.load(std::memory_order_relaxed);
    p.currentPath = m_current;
    p.elapsedMs = now;

    if (m_samples.empty() || now - m_samples.back().ms >= SampleSpacingMs)
        m_samples.push_back({now, p.bytesDone});
    // Keep one sample at least a window old, so the rate always spans a full window once the
    // job has run that long, and slides smoothly instead of restarting every few seconds.
    while (m_samples.size() > 2 && now - m_samples[1].ms >= RateWindowMs)
        m_samples.pop_front();
    const Sample &oldest = m_samples.front();
    const qint64 span = now - oldest.ms;
    if (span >= MinRateSpanMs)
        m_rate = std::max(0.0, double(p.bytesDone - oldest.bytes) * 1000.0 / double(span));
    p.bytesPerSecond = m_rate;

    if (p.bytesTotal >= 0 && p.bytesDone >= p.bytesTotal)
        p.etaSeconds = 0;
    else if (p.bytesTotal > 0 && m_rate > 0)
        p.etaSeconds = qint64(std::ceil(double(p.bytesTotal - p.bytesDone) / m_rate));
    return p;
}

} // namespace strata
