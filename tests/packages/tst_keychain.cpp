// SecretStore against a real Secret Service (gnome-keyring on a private bus), against a bus
// with none, and against one that never answers. run-with-keyring.sh sets up the bus and
// tells the test which world it runs in through STRATA_KEYCHAIN_MODE.
#include "secrets/SecretStore.h"

#include <QElapsedTimer>
#include <QObject>
#include <QtConcurrent>
#include <QtTest>

using namespace strata;

class TestKeychain final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keyForRepository()
    {
        QCOMPARE(SecretStore::keyForRepository(QStringLiteral("abc")), QStringLiteral("repository:abc"));
    }

    void writeReadRemove()
    {
        const QString key = SecretStore::keyForRepository(QStringLiteral("write-read-remove"));
        QVERIFY(SecretStore::write(key, QStringLiteral("first")).ok());
        auto read = SecretStore::read(key);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
        QCOMPARE(*read, QStringLiteral("first"));

        // A second write replaces the secret rather than adding another entry.
        QVERIFY(SecretStore::write(key, QStringLiteral("second")).ok());
        QCOMPARE(*SecretStore::read(key), QStringLiteral("second"));

        QVERIFY(SecretStore::remove(key).ok());
        auto gone = SecretStore::read(key);
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().code, ErrorCode::NotFound);
    }

    void nonAsciiSecret()
    {
        const QString key = SecretStore::keyForRepository(QStringLiteral("ünïcødé"));
        const QString secret = QStringLiteral("senha çãõ 密码 🔑 with spaces");
        QVERIFY(SecretStore::write(key, secret).ok());
        QCOMPARE(*SecretStore::read(key), secret);
        QVERIFY(SecretStore::remove(key).ok());
    }

    void missingEntry()
    {
        auto r = SecretStore::read(SecretStore::keyForRepository(QStringLiteral("never-written")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::NotFound);
    }

    void asyncOnThisThread()
    {
        const QString key = SecretStore::keyForRepository(QStringLiteral("async"));
        QObject context;
        std::optional<Status> written;
        SecretStore::writeAsync(key, QStringLiteral("async secret"), &context, [&](Status s) {
            QCOMPARE(QThread::currentThread(), context.thread());
            written = s;
        });
        QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 15000);
        QVERIFY(written->ok());

        std::optional<Result<QString>> read;
        SecretStore::readAsync(key, &context, [&](Result<QString> r) { read = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 15000);
        QVERIFY(read->ok());
        QCOMPARE(**read, QStringLiteral("async secret"));
        QVERIFY(SecretStore::remove(key).ok());
    }

    void asyncContextDestroyed()
    {
        // The answer for a context that died meanwhile is dropped, not delivered to a corpse.
        bool called = false;
        auto *context = new QObject;
        SecretStore::readAsync(QStringLiteral("repository:dropped"), context,
                               [&](Result<QString>) { called = true; });
        delete context;
        // A later request on the same queue answering proves the first one was done with.
        QObject alive;
        bool later = false;
        SecretStore::readAsync(QStringLiteral("repository:dropped"), &alive,
                               [&](Result<QString>) { later = true; });
        QTRY_VERIFY_WITH_TIMEOUT(later, 15000);
        QVERIFY(!called);
    }

    void blockingFromWorkerThreads()
    {
        // Qt Keychain's executor is not thread-safe: SecretStore must serialise for it.
        QList<QFuture<bool>> futures;
        for (int i = 0; i < 6; ++i) {
            futures.append(QtConcurrent::run([i] {
                const QString key = SecretStore::keyForRepository(QStringLiteral("thread-%1").arg(i));
                const QString secret = QStringLiteral("secret %1").arg(i);
                if (!SecretStore::write(key, secret).ok())
                    return false;
                auto r = SecretStore::read(key);
                const bool same = r.ok() && *r == secret;
                return SecretStore::remove(key).ok() && same;
            }));
        }
        for (auto &f : futures)
            QVERIFY(f.result());
    }

    void noSecretService()
    {
        QElapsedTimer clock;
        clock.start();
        auto r = SecretStore::read(SecretStore::keyForRepository(QStringLiteral("x")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Unsupported);
        QVERIFY2(r.error().message.contains(QLatin1String("no keychain is available")),
                 qPrintable(r.error().message));
        QVERIFY2(r.error().message.contains(QLatin1String("gnome-keyring")), qPrintable(r.error().message));
        QVERIFY(clock.elapsed() < 5000);

        auto w = SecretStore::write(SecretStore::keyForRepository(QStringLiteral("x")), QStringLiteral("s"));
        QVERIFY(!w.ok());
        QCOMPARE(w.error().code, ErrorCode::Unsupported);
    }

    void noSessionBus()
    {
        // Even without any bus the answer is a clear "no keychain", not a hang. Qt Keychain
        // connects once per process, so this runs in a child process with no bus address.
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=/nonexistent/strata-bus"));
        env.remove(QStringLiteral("DISPLAY"));
        env.insert(QStringLiteral("STRATA_KEYCHAIN_CHILD"), QStringLiteral("1"));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("noSecretService")});
        QVERIFY(child.waitForFinished(30000));
        QVERIFY2(child.exitCode() == 0, child.readAllStandardOutput().constData());
    }

    void serviceNeverAnswers()
    {
        QElapsedTimer clock;
        clock.start();
        auto r = SecretStore::read(SecretStore::keyForRepository(QStringLiteral("x")));
        const qint64 ms = clock.elapsed();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Unsupported);
        QVERIFY2(r.error().message.contains(QLatin1String("did not answer")), qPrintable(r.error().message));
        QVERIFY2(ms >= 8000 && ms < 20000, qPrintable(QString::number(ms)));
    }
};

// Each world (a live keyring, no Secret Service, one that never answers) runs only its own
// functions: run-with-keyring.sh names the world in STRATA_KEYCHAIN_MODE. Nothing is skipped.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    TestKeychain test;
    QStringList args = app.arguments();
    if (args.size() == 1) {
        const QString mode = qEnvironmentVariable("STRATA_KEYCHAIN_MODE");
        if (mode == QLatin1String("keyring"))
            args << QStringLiteral("keyForRepository") << QStringLiteral("writeReadRemove")
                 << QStringLiteral("nonAsciiSecret") << QStringLiteral("missingEntry")
                 << QStringLiteral("asyncOnThisThread") << QStringLiteral("asyncContextDestroyed")
                 << QStringLiteral("blockingFromWorkerThreads");
        else if (mode == QLatin1String("none"))
            args << QStringLiteral("noSecretService") << QStringLiteral("noSessionBus");
        else if (mode == QLatin1String("hang"))
            args << QStringLiteral("serviceNeverAnswers");
        else {
            std::fprintf(stderr, "tst_keychain: run it through tests/packages/run-with-keyring.sh\n");
            return 1;
        }
    }
    return QTest::qExec(&test, args);
}
#include "tst_keychain.moc"
