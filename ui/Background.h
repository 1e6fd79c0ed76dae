// Runs a piece of blocking work (opening a repository, a keychain call, reading a folder) on
// the global thread pool and hands its result back on the GUI thread. The watcher is a child
// of `context`: when the context dies first, the result is simply dropped.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent>

#include <utility>

namespace strata {

// `work` must not touch `context` or any widget: it runs on another thread. `done(result)`
// runs on `context`'s thread.
template <typename T, typename Work, typename Done>
void runInBackground(QObject *context, Work work, Done done)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::move(done)]() mutable {
                         watcher->deleteLater();
                         done(watcher->result());
                     });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace strata
