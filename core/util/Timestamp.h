// A file's time stamp as the kernel keeps it: whole seconds (64-bit, any sign) and nanoseconds,
// the full range of `struct timespec`. A single count of nanoseconds in 64 bits ends in 2262
// and begins in 1677, so 2400 or a far-future stamp on a file would wrap; this does not.
#pragma once

#include <QDateTime>
#include <QString>

#include <compare>
#include <ctime>

namespace strata {

struct Timestamp
{
    qint64 sec = 0;
    quint32 nsec = 0; // 0 to 999,999,999

    static Timestamp fromTimespec(const timespec &ts) { return {qint64(ts.tv_sec), quint32(ts.tv_nsec)}; }
    // From a count of nanoseconds since 1970 (format 1 trees), rounding towards the past.
    static constexpr Timestamp fromNs(qint64 ns)
    {
        qint64 s = ns / 1000000000;
        qint64 n = ns % 1000000000;
        if (n < 0) {
            n += 1000000000;
            s -= 1;
        }
        return {s, quint32(n)};
    }
    timespec toTimespec() const
    {
        timespec ts;
        ts.tv_sec = time_t(sec);
        ts.tv_nsec = long(nsec);
        return ts;
    }
    // Milliseconds precision, which is what QDateTime holds; exact for every year a person uses.
    QDateTime toDateTime() const
    {
        return QDateTime::fromSecsSinceEpoch(sec, Qt::UTC).addMSecs(qint64(nsec / 1000000));
    }
    // Nanoseconds since 1970 as decimal text, exact at any range (for JSON, which has no 128-bit
    // integers).
    QString nsText() const
    {
        const __int128 ns = __int128(sec) * 1000000000 + nsec;
        __int128 v = ns < 0 ? -ns : ns;
        char buf[48];
        int i = sizeof buf;
        buf[--i] = 0;
        do {
            buf[--i] = char('0' + int(v % 10));
            v /= 10;
        } while (v);
        if (ns < 0)
            buf[--i] = '-';
        return QString::fromLatin1(buf + i);
    }
    bool valid() const { return nsec < 1000000000; }

    friend constexpr auto operator<=>(const Timestamp &, const Timestamp &) = default;
};

// A time stamp of a JSON file Strata writes (snapshots, the run log): ISO 8601 with
// milliseconds, as toUTC().toString(Qt::ISODateWithMs) writes it. Invalid unless it can be
// written back that way and read again: "9999-12-31T23:30:00-01:00" is a valid QDateTime, but
// in UTC it is in the year 10000, which ISO text cannot hold, so a record read with it and
// saved again would lose its time (found by tests/fuzz/fuzz_snapshot and fuzz_runlog).
inline QDateTime timeFromIsoText(const QString &text)
{
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid() ||
        !QDateTime::fromString(t.toUTC().toString(Qt::ISODateWithMs), Qt::ISODateWithMs).isValid())
        return {};
    return t;
}

} // namespace strata
