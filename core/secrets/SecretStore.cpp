#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QMutex>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <chrono>
#include <future>
#include <memory>
#include <optional>

Q_LOGGING_CATEGORY(lcSecrets, "strata.secrets")

namespace strata {

namespace {

const QString ServiceName = QStringLiteral("Strata");

// A keychain that is not there may still be "activatable" on D-Bus, and KWallet's backend
// waits up to 24 days for the user to unlock it: every request gives up after this long.
constexpr int TimeoutMs = 10'000;

QString noKeychainMessage()
{
    return QStringLiteral("no keychain is available (install and start a Secret Service such as "
                          "gnome-keyring, or type the password each time)");
}

Error mapKeychainError(QKeychain::Error code, const QString &detail, const QString &key)
{
    switch (code) {
    case QKeychain::NoError:
        break;
    case QKeychain::EntryNotFound:
        return Error::notFound(QStringLiteral("the keychain holds no secret for %1").arg(key));
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return {ErrorCode::Locked, QStringLiteral("the keychain is locked")};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return {ErrorCode::Unsupported, noKeychainMessage()};
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    // The libsecret backend reports a missing Secret Service or session bus only as
    // OtherError with GLib's message, so the message is all there is to tell them apart.
    const QString lower = detail.toLower();
    if (lower.contains(QLatin1String("locked")))
        return {ErrorCode::Locked, QStringLiteral("the keychain is locked")};
    if (lower.contains(QLatin1String("org.freedesktop.secrets")) ||
        lower.contains(QLatin1String("serviceunknown")) || lower.contains(QLatin1String("d-bus")) ||
        lower.contains(QLatin1String("dbus")) || lower.contains(QLatin1String("no such interface")) ||
        lower.contains(QLatin1String("could not connect")) || lower.contains(QLatin1String("autolaunch")))
        return {ErrorCode::Unsupported, noKeychainMessage() + QStringLiteral(": ") + detail};
    return Error::io(QStringLiteral("the keychain failed: %1").arg(detail));
}

Error timeoutError()
{
    return {ErrorCode::Unsupported,
            QStringLiteral("the keychain did not answer within %1 s; ").arg(TimeoutMs / 1000) +
                noKeychainMessage()};
}

enum class Op
{
    Read,
    Write,
    Remove
};
using Reply = std::function<void(Result<QString>)>;

// Qt Keychain funnels every job through one process-wide executor that is not thread-safe
// and takes the thread of its first caller; jobs started from several threads race on it,
// and stall for good once that thread has ended. So every job runs on this one thread.
class KeychainThread final
{
public:
    static KeychainThread *instance()
    {
        static QMutex mutex;
        QMutexLocker lock(&mutex);
        if (!s_instance) {
            s_instance = new KeychainThread;
            // Stop the thread while QtDBus is still alive rather than from a static destructor.
            qAddPostRoutine([] {
                delete s_instance;
                s_instance = nullptr;
            });
        }
        return s_instance;
    }

    QThread *thread() { return &m_thread; }

    ~KeychainThread()
    {
        m_thread.quit();
        m_thread.wait();
        delete m_anchor;
    }

    // `reply` runs exactly once, on the keychain thread.
    void submit(Op op, const QString &key, const QString &secret, Reply reply)
    {
        QMetaObject::invokeMethod(
            m_anchor, [op, key, secret, reply = std::move(reply)] { run(op, key, secret, reply); },
            Qt::QueuedConnection);
    }

private:
    KeychainThread()
    {
        m_thread.setObjectName(QStringLiteral("strata-keychain"));
        m_anchor = new QObject;
        m_anchor->moveToThread(&m_thread);
        m_thread.start();
    }

    static void run(Op op, const QString &key, const QString &secret, const Reply &reply)
    {
        QKeychain::Job *job = nullptr;
        switch (op) {
        case Op::Read:
            job = new QKeychain::ReadPasswordJob(ServiceName);
            break;
        case Op::Write: {
            auto *write = new QKeychain::WritePasswordJob(ServiceName);
            write->setTextData(secret);
            job = write;
            break;
        }
        case Op::Remove:
            job = new QKeychain::DeletePasswordJob(ServiceName);
            break;
        }
        job->setKey(key);
        job->setAutoDelete(true);
        // A job that never finishes still answers once, by the timer; a late finish is dropped.
        auto answered = std::make_shared<bool>(false);
        QObject::connect(job, &QKeychain::Job::finished, job, [=](QKeychain::Job *j) {
            if (*answered)
                return;
            *answered = true;
            if (j->error() != QKeychain::NoError) {
                qCDebug(lcSecrets) << "keychain error" << j->error() << j->errorString();
                reply(mapKeychainError(j->error(), j->errorString(), key));
            } else if (op == Op::Read) {
                reply(static_cast<QKeychain::ReadPasswordJob *>(j)->textData());
            } else {
                reply(QString());
            }
        });
        QTimer::singleShot(TimeoutMs, job, [=] {
            if (*answered)
                return;
            *answered = true;
            qCWarning(lcSecrets) << "keychain timed out for" << key;
            reply(timeoutError());
        });
        job->start();
    }

    static inline KeychainThread *s_instance = nullptr;
    QThread m_thread;
    QObject *m_anchor = nullptr;
};

Error noApplicationError()
{
    return {ErrorCode::Internal, QStringLiteral("the keychain needs a running QCoreApplication")};
}

// Blocks on the answer instead of spinning a local event loop: the work happens on the
// keychain thread, and a nested loop here would deliver unrelated queued events mid-call.
Result<QString> blockingCall(Op op, const QString &key, const QString &secret)
{
    if (!QCoreApplication::instance())
        return noApplicationError();
    auto promise = std::make_shared<std::promise<Result<QString>>>();
    auto future = promise->get_future();
    KeychainThread::instance()->submit(op, key, secret,
                                       [promise](Result<QString> r) { promise->set_value(std::move(r)); });
    // The keychain thread always answers within TimeoutMs; the margin only guards against
    // that thread itself being stuck.
    if (future.wait_for(std::chrono::milliseconds(TimeoutMs + 5'000)) != std::future_status::ready)
        return timeoutError();
    return future.get();
}

// Carries one answer from the keychain thread to the caller's context. A queued signal to a
// context object is dropped if that object dies first, which a raw cross-thread
// invokeMethod on a maybe-dead pointer could not promise.
class Courier final : public QObject
{
    Q_OBJECT
Q_SIGNALS:
    void arrived();
};

void asyncCall(Op op, const QString &key, const QString &secret, QObject *context, Reply done)
{
    if (!QCoreApplication::instance()) {
        QMetaObject::invokeMethod(
            context, [done] { done(noApplicationError()); }, Qt::QueuedConnection);
        return;
    }
    auto answer = std::make_shared<std::optional<Result<QString>>>();
    auto *courier = new Courier;
    QObject::connect(courier, &Courier::arrived, context, [answer, done] { done(**answer); });
    KeychainThread *keychain = KeychainThread::instance();
    courier->moveToThread(keychain->thread());
    keychain->submit(op, key, secret, [courier, answer](Result<QString> r) {
        *answer = std::move(r);
        Q_EMIT courier->arrived();
        delete courier; // on its own thread; the queued call to `context` does not need it
    });
}

Status toStatus(const Result<QString> &r)
{
    if (!r.ok())
        return r.error();
    return {};
}

} // namespace

QString SecretStore::keyForRepository(const QString &repositoryId)
{
    return QStringLiteral("repository:") + repositoryId;
}

Result<QString> SecretStore::read(const QString &key)
{
    return blockingCall(Op::Read, key, {});
}

Status SecretStore::write(const QString &key, const QString &secret)
{
    return toStatus(blockingCall(Op::Write, key, secret));
}

Status SecretStore::remove(const QString &key)
{
    return toStatus(blockingCall(Op::Remove, key, {}));
}

void SecretStore::readAsync(const QString &key, QObject *context, std::function<void(Result<QString>)> done)
{
    asyncCall(Op::Read, key, {}, context, std::move(done));
}

void SecretStore::writeAsync(const QString &key, const QString &secret, QObject *context,
                             std::function<void(Status)> done)
{
    asyncCall(Op::Write, key, secret, context,
              [done = std::move(done)](Result<QString> r) { done(toStatus(r)); });
}

} // namespace strata

#include "SecretStore.moc"
