#pragma once

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QList>
#include <QObject>
#include <QTimer>
#include <QVariant>

#include <type_traits>

namespace strata::test {

// A signal spy for signals emitted on another thread, such as a job's. QSignalSpy (Qt 6.4)
// records in the emitting thread without a lock while the test reads it in its own, a data
// race ThreadSanitizer rightly reports. This one records through a queued connection, in the
// thread it lives in, so the records are only ever touched there. Emissions arrive in the
// order they were made: once a job's finished signal is here, its progress signals are too.
class QueuedSpy : public QObject
{
public:
    template <typename Sender, typename Declarer, typename... Args>
    QueuedSpy(const Sender *sender, void (Declarer::*signal)(Args...))
    {
        connect(
            sender, signal, this,
            [this](Args... args) {
                m_calls.append(QVariantList{QVariant::fromValue(std::decay_t<Args>(args))...});
                if (m_loop)
                    m_loop->quit();
            },
            Qt::QueuedConnection);
    }

    // Waits until one more emission has been recorded; false after `ms` without one.
    bool wait(int ms)
    {
        const qsizetype before = m_calls.size();
        const QDeadlineTimer deadline(ms);
        while (m_calls.size() == before && !deadline.hasExpired()) {
            QEventLoop loop;
            m_loop = &loop;
            QTimer::singleShot(qMax<qint64>(1, deadline.remainingTime()), &loop, &QEventLoop::quit);
            loop.exec();
            m_loop = nullptr;
        }
        return m_calls.size() > before;
    }

    qsizetype size() const { return m_calls.size(); }
    qsizetype count() const { return m_calls.size(); }
    const QVariantList &at(qsizetype i) const { return m_calls.at(i); }
    const QVariantList &first() const { return m_calls.first(); }
    const QVariantList &last() const { return m_calls.last(); }
    auto begin() const { return m_calls.cbegin(); }
    auto end() const { return m_calls.cend(); }

private:
    QList<QVariantList> m_calls;
    QEventLoop *m_loop = nullptr;
};

} // namespace strata::test
