// Running work on the thread pool and hearing its answer on the caller's thread.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <type_traits>

namespace strata {

// Runs `work` on the global thread pool and `done(result)` on `context`'s thread once it has
// finished. The watcher is a child of `context`: when the context dies first, `done` is
// never called (the work itself still runs to its end, so it must own what it uses).
template <typename Work, typename Done>
void runAsync(QObject *context, Work work, Done done)
{
    using T = std::invoke_result_t<Work>;
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::move(done)]() mutable {
                         watcher->deleteLater();
                         done(watcher->result());
                     });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace strata
