// What a running job reports: a phase, counts, bytes, rate, ETA and the current path.
// ProgressMeter aggregates per-file updates from worker threads and decides when a report
// is due (about 10 a second), so no consumer is ever flooded with one signal per file.
#pragma once

#include <QElapsedTimer>
#include <QMetaType>
#include <QString>

#include <atomic>
#include <deque>
#include <functional>
#include <mutex>

namespace strata {

enum class Phase
{
    Preparing,
    Scanning,
    Backing,
    Finishing,
    Planning,
    Restoring,
    Verifying,
    RollingBack,
    Pruning, // removing versions, repacking and deleting packs
    Done
};
QString phaseName(Phase phase);

struct Progress
{
    Phase phase = Phase::Preparing;
    qint64 filesDone = 0;
    qint64 filesTotal = -1; // -1: not known yet
    qint64 bytesDone = 0;
    qint64 bytesTotal = -1;
    double bytesPerSecond = 0;
    qint64 etaSeconds = -1; // -1: unknown
    qint64 elapsedMs = 0;
    QString currentPath;
};

// Every method may be called from any thread. addDone() and the totals are lock-free, cheap
// enough for once per file; the other calls take a short lock.
class ProgressMeter final
{
public:
    explicit ProgressMeter(int intervalMs = 100);

    void setPhase(Phase phase);
    void setTotals(qint64 files, qint64 bytes);
    void addTotals(qint64 files, qint64 bytes);
    void addDone(qint64 files, qint64 bytes);
    void setCurrent(const QString &path);

    // Fills `out` and returns true when a report is due (at most once per intervalMs, or
    // always with force); else returns false and leaves `out` alone.
    bool due(Progress *out, bool force = false);

    // Replaces the clock (milliseconds since the meter started) so tests can step time.
    void setClockForTesting(std::function<qint64()> nowMs);

private:
    Progress snapshot(qint64 now);

    std::mutex m_mutex;
    QElapsedTimer m_clock;
    std::function<qint64()> m_testClock;
    qint64 m_lastReportMs = -1000000;
    int m_intervalMs;
    Phase m_phase = Phase::Preparing;
    std::atomic<qint64> m_filesDone{0}, m_bytesDone{0}, m_filesTotal{-1}, m_bytesTotal{-1};
    QString m_current;
    // rate over a sliding window of the last few seconds: (ms, bytesDone) samples, oldest first
    struct Sample
    {
        qint64 ms;
        qint64 bytes;
    };
    std::deque<Sample> m_samples;
    double m_rate = 0;
};

} // namespace strata

Q_DECLARE_METATYPE(strata::Progress)
