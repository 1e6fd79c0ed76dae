// Clock: the scheduler's view of time, injectable so tests can step it. It gives two readings:
// the wall time (what schedules are written in, and what the user or NTP can change) and a
// monotonic count of milliseconds (which neither clock changes nor, on Linux, a suspend
// advance). Comparing the two is how the scheduler notices a suspend or a clock jump.
#pragma once

#include <QDateTime>
#include <QElapsedTimer>

namespace strata {

class Clock
{
public:
    virtual ~Clock() = default;

    // Wall time, in local time for the system clock.
    virtual QDateTime now() const = 0;
    // Milliseconds since an arbitrary fixed point; never goes backwards.
    virtual qint64 elapsedMs() const = 0;
};

// QDateTime::currentDateTime() and a QElapsedTimer (CLOCK_MONOTONIC on Linux, which stands
// still while the machine sleeps).
class SystemClock final : public Clock
{
public:
    SystemClock() { m_timer.start(); }

    QDateTime now() const override { return QDateTime::currentDateTime(); }
    qint64 elapsedMs() const override { return m_timer.elapsed(); }

private:
    QElapsedTimer m_timer;
};

// A clock for tests: both readings stand still until told to move. advance() is time passing
// normally; jump() moves the wall time alone, which is what a suspend (forwards) or the user
// or NTP setting the clock (either way) looks like from inside the process.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start) : m_now(std::move(start)) {}

    QDateTime now() const override { return m_now; }
    qint64 elapsedMs() const override { return m_elapsedMs; }

    void advance(qint64 ms)
    {
        if (ms < 0)
            return; // monotonic time cannot go back; use jump() for the wall clock
        m_now = m_now.addMSecs(ms);
        m_elapsedMs += ms;
    }
    void jump(qint64 ms) { m_now = m_now.addMSecs(ms); }
    void setNow(const QDateTime &now) { m_now = now; }

private:
    QDateTime m_now;
    qint64 m_elapsedMs = 0;
};

} // namespace strata
