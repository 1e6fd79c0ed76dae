// A worker thread asking an object of the application's main thread (a window, the service) a
// question and waiting for the answer: how a blocking core call (opening a repository) reaches
// a dialog on the GUI thread. The question runs on the main thread and answers through the
// callback it is given, at once or later. When nobody answers (the context is gone before the
// question runs, or the callback is dropped unanswered, as when a dialog is destroyed), the
// wait ends with std::nullopt: a worker never waits on a question that can no longer be
// answered. The context is a QPointer made on its own thread, so the worker never touches an
// object that may be deleted meanwhile: the question is posted to the application object.
#pragma once

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>

namespace strata {

template <typename T, typename Object>
std::optional<T> askOnThread(QPointer<Object> context,
                             std::function<void(std::function<void(std::optional<T>)> answer)> question)
{
    QCoreApplication *app = QCoreApplication::instance();
    // Asked from the main thread it would wait for itself.
    if (!app || QThread::currentThread() == app->thread())
        return std::nullopt;

    struct Reply
    {
        std::promise<std::optional<T>> promise;
        std::once_flag once;
        void give(std::optional<T> value)
        {
            std::call_once(once, [&] { promise.set_value(std::move(value)); });
        }
        ~Reply() { give(std::nullopt); }
    };
    // The answer callback holds the reply; the last copy to go answers nullopt if nobody did.
    struct Holder
    {
        std::shared_ptr<Reply> reply;
    };
    auto reply = std::make_shared<Reply>();
    std::future<std::optional<T>> answered = reply->promise.get_future();
    auto holder = std::make_shared<Holder>(Holder{std::move(reply)});
    QMetaObject::invokeMethod(
        app,
        [holder, context, question = std::move(question)]() mutable {
            std::shared_ptr<Reply> reply = std::move(holder->reply);
            if (context)
                question([reply](std::optional<T> value) { reply->give(std::move(value)); });
        },
        Qt::QueuedConnection);
    holder.reset(); // only the queued call holds it now: dropped unrun, it answers nullopt
    return answered.get();
}

} // namespace strata
