// Running work on the thread pool and hearing its answer on the caller's thread.
#pragma once

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>
#include <QThreadPool>

#include <functional>
#include <type_traits>

namespace strata {

// Runs `work` on `pool` and `done(result)` on `context`'s thread once it has finished. The
// watcher is a child of `context`: when the context dies first, `done` is never called (the
// work itself still runs to its end, so it must own what it uses).
template <typename Work, typename Done>
void runAsync(QThreadPool *pool, QObject *context, Work work, Done done)
{
    using T = std::invoke_result_t<Work>;
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::move(done)]() mutable {
                         watcher->deleteLater();
                         done(watcher->result());
                     });
    watcher->setFuture(QtConcurrent::run(pool, std::move(work)));
}

// The same on the global thread pool.
template <typename Work, typename Done>
void runAsync(QObject *context, Work work, Done done)
{
    runAsync(QThreadPool::globalInstance(), context, std::move(work), std::move(done));
}

// Threads of their own for work that may wait on a person (opening a repository may put up a
// password prompt and wait for it): a dialog left open never holds one of the global pool's
// few workers, which the window's listings and the backups need. Owned by the application.
inline QThreadPool *promptingPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool(QCoreApplication::instance());
        p->setMaxThreadCount(16);
        return p;
    }();
    return pool;
}

} // namespace strata
