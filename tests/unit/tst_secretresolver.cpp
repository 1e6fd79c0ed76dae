// The one secret resolver and the one call that opens a repository: sources are tried in the
// order given, a refused one moves on and tells the prompt why, the prompt is asked until it
// is right or declined, and without anyone to ask the error names what was refused. Also the
// bridge a worker uses to ask the GUI thread, which must never leave a worker waiting.
#include "repo/Repository.h"
#include "secrets/OpenRepository.h"
#include "secrets/PasswordFile.h"
#include "storage/LocalBackend.h"
#include "util/AskOnThread.h"

#include <QSemaphore>
#include <QtConcurrent/QtConcurrentRun>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace strata;

namespace {

const QString Right = QStringLiteral("right-pw");

Status acceptRight(const QString &secret)
{
    if (secret == Right)
        return {};
    return Error{ErrorCode::WrongPassword, QStringLiteral("wrong password")};
}

} // namespace

class TestSecretResolver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sourcesAreTriedInOrder()
    {
        QTemporaryDir tmp;
        const QString file = tmp.filePath(QStringLiteral("pw"));
        QVERIFY(PasswordFile::write(file, Right).ok());
        SecretChain chain;
        chain.sources = {SecretSource::given(QStringLiteral("stale")), SecretSource::file(file)};
        QStringList asked;
        auto resolved = resolveSecret(chain, {}, [&](const QString &s) {
            asked << s;
            return acceptRight(s);
        });
        QVERIFY(resolved.ok());
        QCOMPARE(resolved->origin, SecretOrigin::File);
        QCOMPARE(asked, (QStringList{QStringLiteral("stale"), Right}));
    }

    void environmentIsReadByName()
    {
        qputenv("STRATA_TEST_SECRET", Right.toUtf8());
        SecretChain chain;
        chain.sources = {SecretSource::environment(QStringLiteral("STRATA_TEST_UNSET_SECRET")),
                         SecretSource::environment(QStringLiteral("STRATA_TEST_SECRET"))};
        auto resolved = resolveSecret(chain, {}, acceptRight);
        qunsetenv("STRATA_TEST_SECRET");
        QVERIFY(resolved.ok());
        QCOMPARE(resolved->origin, SecretOrigin::Environment);
    }

    void aRefusedSourceTellsThePromptWhy()
    {
        SecretChain chain;
        chain.sources = {SecretSource::given(QStringLiteral("stale"))};
        QList<SecretRequest> requests;
        chain.prompt = [&](const SecretRequest &r) -> std::optional<SecretAnswer> {
            requests << r;
            return SecretAnswer{requests.size() < 3 ? QStringLiteral("typo") : Right, true};
        };
        SecretRequest first;
        first.location = QStringLiteral("/backups");
        auto resolved = resolveSecret(chain, first, acceptRight);
        QVERIFY(resolved.ok());
        QCOMPARE(resolved->origin, SecretOrigin::Prompt);
        QVERIFY(resolved->remember);
        QCOMPARE(requests.size(), 3);
        QCOMPARE(requests.at(0).problem, SecretRequest::Problem::StoredWrong);
        QCOMPARE(requests.at(0).problemOrigin, SecretOrigin::Given);
        QCOMPARE(requests.at(1).problem, SecretRequest::Problem::TypedWrong);
        QVERIFY(!requests.at(1).problemText().isEmpty());
    }

    void anUnreadableFileIsSaidAndOtherErrorsStop()
    {
        SecretChain chain;
        chain.sources = {SecretSource::file(QStringLiteral("/nonexistent/strata-pw"))};
        std::optional<SecretRequest> seen;
        chain.prompt = [&](const SecretRequest &r) -> std::optional<SecretAnswer> {
            seen = r;
            return std::nullopt; // declined
        };
        auto declined = resolveSecret(chain, {}, acceptRight);
        QVERIFY(!declined.ok());
        QCOMPARE(declined.error().code, ErrorCode::Cancelled);
        QVERIFY(seen);
        QCOMPARE(seen->problem, SecretRequest::Problem::StoredUnreadable);
        QVERIFY(seen->problemText().contains(QStringLiteral("/nonexistent/strata-pw")));

        // Without a prompt the file's own error is the answer.
        chain.prompt = {};
        auto unreadable = resolveSecret(chain, {}, acceptRight);
        QVERIFY(!unreadable.ok());
        QCOMPARE(unreadable.error().code, ErrorCode::NotFound);

        // A storage failure is not a wrong password: nothing else is tried.
        chain.sources = {SecretSource::given(QStringLiteral("a")), SecretSource::given(Right)};
        int checks = 0;
        auto broken = resolveSecret(chain, {}, [&](const QString &) -> Status {
            ++checks;
            return Error::io(QStringLiteral("disk gone"));
        });
        QCOMPARE(broken.error().code, ErrorCode::Io);
        QCOMPARE(checks, 1);
    }

    void withNobodyToAskTheErrorNamesTheSource()
    {
        SecretChain chain;
        chain.noSecretMessage = QStringLiteral("nothing to go on");
        auto none = resolveSecret(chain, {}, acceptRight);
        QCOMPARE(none.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(none.error().message, QStringLiteral("nothing to go on"));

        chain.sources = {SecretSource::given(QStringLiteral("x"), QStringLiteral("--password-file"))};
        auto wrong = resolveSecret(chain, {}, acceptRight);
        QCOMPARE(wrong.error().code, ErrorCode::WrongPassword);
        QVERIFY2(wrong.error().message.contains(QStringLiteral("--password-file")),
                 qPrintable(wrong.error().message));

        // A limited prompt gives up with the last refusal.
        chain.sources.clear();
        chain.promptAttempts = 2;
        int asked = 0;
        chain.prompt = [&](const SecretRequest &) -> std::optional<SecretAnswer> {
            ++asked;
            return SecretAnswer{QStringLiteral("nope")};
        };
        auto gaveUp = resolveSecret(chain, {}, acceptRight);
        QCOMPARE(gaveUp.error().code, ErrorCode::WrongPassword);
        QCOMPARE(asked, 2);
    }

    void openingIsOneCall()
    {
        QTemporaryDir tmp;
        const QString url = tmp.filePath(QStringLiteral("repo"));
        // Nothing there: missing, unless asked to create it.
        OpenRequest request;
        request.url = url;
        request.password.sources = {SecretSource::given(Right)};
        auto missing = openRepository(request);
        QCOMPARE(missing.error().code, ErrorCode::RepositoryMissing);

        request.createIfMissing = true;
        request.init.kdf = KdfParams{1, 8u << 20};
        QList<OpenStage> stages;
        request.stage = [&](OpenStage s) { stages << s; };
        auto created = openRepository(request);
        QVERIFY2(created.ok(), created ? "" : qPrintable(created.error().message));
        QVERIFY(created->created);
        QVERIFY(stages.contains(OpenStage::Creating));

        // Existing: a stale given password, then the typed one.
        request.createIfMissing = false;
        request.password.sources = {SecretSource::given(QStringLiteral("stale"))};
        int asked = 0;
        request.password.prompt = [&](const SecretRequest &r) -> std::optional<SecretAnswer> {
            ++asked;
            if (r.repositoryId != created->repo->config().id)
                return std::nullopt;
            return SecretAnswer{Right};
        };
        stages.clear();
        auto opened = openRepository(request);
        QVERIFY2(opened.ok(), opened ? "" : qPrintable(opened.error().message));
        QVERIFY(!opened->created);
        QCOMPARE(opened->origin, SecretOrigin::Prompt);
        QCOMPARE(opened->repo->config().id, created->repo->config().id);
        QCOMPARE(asked, 1);
        QCOMPARE(stages.first(), OpenStage::Looking);

        // A wrong password with nobody to ask says where the repository is.
        request.password.prompt = {};
        auto wrong = openRepository(request);
        QCOMPARE(wrong.error().code, ErrorCode::WrongPassword);
        QVERIFY(wrong.error().message.contains(url));
    }

    void aWorkerAsksTheOwnersThread()
    {
        QObject ownerObject;
        QObject &owner = ownerObject;
        const QPointer<QObject> ownerGuard(&ownerObject);
        // Answered later, on the owner's thread.
        auto answered = QtConcurrent::run([&] {
            return askOnThread<int>(ownerGuard, [&](std::function<void(std::optional<int>)> answer) {
                QVERIFY(QThread::currentThread() == owner.thread());
                QTimer::singleShot(20, &owner, [answer] { answer(42); });
            });
        });
        QTRY_VERIFY(answered.isFinished());
        QCOMPARE(answered.result(), std::optional<int>(42));

        // A question dropped unanswered (a dialog destroyed) ends the wait with nothing.
        auto dropped = QtConcurrent::run(
            [&] { return askOnThread<int>(ownerGuard, [](std::function<void(std::optional<int>)>) {}); });
        QTRY_VERIFY(dropped.isFinished());
        QCOMPARE(dropped.result(), std::nullopt);

        // The owner gone before the question runs: nothing, never a hang.
        auto *gone = new QObject;
        QPointer<QObject> guard(gone);
        QSemaphore posted;
        auto orphaned = QtConcurrent::run([&] {
            posted.release();
            return askOnThread<int>(guard, [](std::function<void(std::optional<int>)> answer) { answer(1); });
        });
        posted.acquire();
        delete gone; // before this thread's event loop runs the question
        QTRY_VERIFY(orphaned.isFinished());
        QCOMPARE(orphaned.result(), std::nullopt);

        // Asked from the owner's own thread it refuses instead of waiting for itself.
        QCOMPARE(
            askOnThread<int>(ownerGuard, [](std::function<void(std::optional<int>)> answer) { answer(1); }),
            std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestSecretResolver)
#include "tst_secretresolver.moc"
