// Warnings that can hit thousands of entries in one run for one reason (a file system that
// refuses extended attributes, ACLs, sockets or devices): counted per reason and reported once,
// with the count and the first few paths, instead of one line per entry.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QStringList>

#include <map>
#include <mutex>

namespace strata {

class WarningTally final
{
public:
    static constexpr int kPathsShown = 3;

    // Thread-safe. `reason` says what could not be done and why, e.g. "could not set extended
    // attributes (Operation not supported)".
    void add(const QString &reason, const QByteArray &path)
    {
        std::lock_guard guard(m_mutex);
        Entry &e = m_entries[reason];
        if (e.paths.size() < kPathsShown)
            e.paths << QFile::decodeName(path);
        e.count++;
    }

    // One line per reason: "<reason>: 120 entries (/a, /b, /c, ...)".
    QStringList summaries() const
    {
        std::lock_guard guard(m_mutex);
        QStringList out;
        for (const auto &[reason, e] : m_entries) {
            QString line = QStringLiteral("%1: %2 %3 (%4%5)")
                               .arg(reason)
                               .arg(e.count)
                               .arg(e.count == 1 ? QStringLiteral("entry") : QStringLiteral("entries"))
                               .arg(e.paths.join(QStringLiteral(", ")))
                               .arg(e.count > e.paths.size() ? QStringLiteral(", ...") : QString());
            out << line;
        }
        return out;
    }
    bool isEmpty() const
    {
        std::lock_guard guard(m_mutex);
        return m_entries.empty();
    }

private:
    struct Entry
    {
        qint64 count = 0;
        QStringList paths;
    };
    mutable std::mutex m_mutex;
    std::map<QString, Entry> m_entries;
};

} // namespace strata
