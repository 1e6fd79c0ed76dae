// BackupService over a real repository: a run writes a version and a record, the kind follows
// the set's policy, two sets of one repository never run at once, a cancel ends the run, a
// wrong password is asked again or reported, and the scheduler's due runs are carried out.
#include "catalog/Catalog.h"
#include "service/BackupService.h"

#include "repo/Repository.h"
#include "secrets/PasswordFile.h"
#include "storage/LocalBackend.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

namespace {

const QString Password = QStringLiteral("service-pw");

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

} // namespace

class TestBackupService : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_repoPath;
    std::unique_ptr<SetStore> m_store;
    std::unique_ptr<RunLog> m_log;

    QString addSet(const QString &name, const QString &source, Schedule::Mode mode = Schedule::Mode::Manual)
    {
        BackupSet set;
        set.name = name;
        set.sources = {source};
        set.repository = m_repoPath;
        set.schedule.mode = mode;
        set.schedule.hours = 1;
        set.passwordStorage = PasswordStorage::AskEachTime;
        auto id = m_store->add(set);
        if (!id.ok())
            qFatal("%s", qPrintable(id.error().message));
        return *id;
    }

    // The person types `password` first and the right one when asked again; `problems` keeps
    // why each question came.
    static BackupService::PasswordPrompt answering(QStringList *problems, QString password = Password)
    {
        return [problems, password](const BackupSet &, const SecretRequest &request,
                                    std::function<void(std::optional<SecretAnswer>)> done) {
            problems->append(request.problemText());
            done(SecretAnswer{problems->size() == 1 ? password : Password});
        };
    }

    static RunRecord waitFinished(QSignalSpy &spy, int count = 1)
    {
        if (!QTest::qWaitFor([&] { return spy.size() >= count; }, 60000))
            qFatal("the run did not finish");
        return spy.at(count - 1).at(0).value<RunRecord>();
    }

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        m_repoPath = m_tmp->filePath(QStringLiteral("repo"));
        Repository::InitOptions o;
        o.kdf = KdfParams{1, 8u << 20};
        QVERIFY(Repository::init(std::make_unique<LocalBackend>(m_repoPath), Password, o).ok());
        for (int i = 0; i < 40; ++i)
            writeFile(m_tmp->filePath(QStringLiteral("a/f%1").arg(i)), QByteArray::number(i).repeated(500));
        writeFile(m_tmp->filePath(QStringLiteral("b/one")), "b");
        m_store = std::make_unique<SetStore>(m_tmp->filePath(QStringLiteral("sets.json")));
        QVERIFY(m_store->load().ok());
        m_log = std::make_unique<RunLog>(m_tmp->filePath(QStringLiteral("runs.jsonl")));
    }

    void runWritesAVersionAndARecord()
    {
        const QString id = addSet(QStringLiteral("A"), m_tmp->filePath(QStringLiteral("a")));
        BackupService service(*m_store, *m_log);
        QStringList problems;
        service.setPasswordPrompt(answering(&problems));
        QSignalSpy started(&service, &BackupService::runStarted);
        QSignalSpy finished(&service, &BackupService::runFinished);
        QSignalSpy busy(&service, &BackupService::busyChanged);
        QSignalSpy catalogued(&service, &BackupService::catalogUpdated);

        QVERIFY(service.backUpNow(id));
        QVERIFY(!service.backUpNow(id)); // never twice at once
        QVERIFY(service.isBusy());
        RunRecord first = waitFinished(finished);
        QCOMPARE(first.outcome, RunRecord::Outcome::Succeeded);
        QCOMPARE(first.setName, QStringLiteral("A"));
        QCOMPARE(first.files, 40);
        QCOMPARE(first.kind, BackupKind::Full); // no full version yet: the policy asks for one
        QCOMPARE(started.at(0).at(1).value<BackupKind>(), BackupKind::Full);
        QVERIFY(!service.isBusy());
        QCOMPARE(busy.size(), 2);

        // The repository holds it, the log too, and the scheduler knows it ran.
        auto repo = Repository::open(m_repoPath, Password);
        QVERIFY(repo.ok());
        auto versions = (*repo)->listSnapshots();
        QVERIFY(versions.ok());
        QCOMPARE(versions->size(), 1);
        QCOMPARE(versions->first().id, first.snapshot);
        QCOMPARE(versions->first().set, QStringLiteral("A"));
        QCOMPARE(m_log->records().size(), 1);
        RunLog reread(m_log->path());
        QVERIFY(reread.load().ok());
        QCOMPARE(reread.lastSuccess(id)->snapshot, first.snapshot);

        // The second run is the policy's normal kind, and the repository is opened once only.
        QVERIFY(service.backUpNow(id));
        RunRecord second = waitFinished(finished, 2);
        QCOMPARE(second.outcome, RunRecord::Outcome::Succeeded);
        QCOMPARE(second.kind, BackupKind::Incremental);
        QCOMPARE(problems.size(), 1);

        // After each run the catalog takes the new version in, off the service's thread.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QString repoId = (*repo)->config().id;
                auto catalog = Catalog::open(Catalog::defaultPath(repoId), repoId);
                if (!catalog)
                    return false;
                const QList<CatalogVersion> listed = (*catalog)->versions();
                return !catalogued.isEmpty() && listed.size() == 2 && listed.last().id == second.snapshot;
            }(),
            30000);
        QCOMPARE(catalogued.first().first().toString(), m_repoPath);
    }

    void setsOfOneRepositoryTakeTurns()
    {
        const QString a = addSet(QStringLiteral("A"), m_tmp->filePath(QStringLiteral("a")));
        const QString b = addSet(QStringLiteral("B"), m_tmp->filePath(QStringLiteral("b")));
        BackupService service(*m_store, *m_log);
        QStringList problems;
        service.setPasswordPrompt(answering(&problems));
        QStringList events;
        connect(&service, &BackupService::runStarted, this,
                [&](const QString &id) { events << QStringLiteral("start ") + id; });
        connect(&service, &BackupService::runFinished, this,
                [&](const RunRecord &r) { events << QStringLiteral("end ") + r.setId; });
        QSignalSpy finished(&service, &BackupService::runFinished);
        QVERIFY(service.backUpNow(a));
        QVERIFY(service.backUpNow(b));
        QVERIFY(service.isQueued(b));
        waitFinished(finished, 2);
        QCOMPARE(events, (QStringList{QStringLiteral("start ") + a, QStringLiteral("end ") + a,
                                      QStringLiteral("start ") + b, QStringLiteral("end ") + b}));
        QCOMPARE(finished.at(1).at(0).value<RunRecord>().outcome, RunRecord::Outcome::Succeeded);
    }

    void cancelEndsTheRun()
    {
        // Enough data that the run is still going when the first progress report arrives.
        QByteArray noise(4 << 20, Qt::Uninitialized);
        for (int i = 0; i < noise.size(); ++i)
            noise[i] = char((i * 2654435761u) >> 13);
        for (int i = 0; i < 40; ++i)
            writeFile(m_tmp->filePath(QStringLiteral("big/f%1").arg(i)), noise + QByteArray::number(i));
        const QString id = addSet(QStringLiteral("Big"), m_tmp->filePath(QStringLiteral("big")));
        BackupService service(*m_store, *m_log);
        QStringList problems;
        service.setPasswordPrompt(answering(&problems));
        QSignalSpy finished(&service, &BackupService::runFinished);
        connect(&service, &BackupService::runStarted, this, [&] { QVERIFY(service.cancel(id)); });
        QVERIFY(service.backUpNow(id));
        const RunRecord record = waitFinished(finished);
        QCOMPARE(record.outcome, RunRecord::Outcome::Cancelled);
        QVERIFY(!service.isRunning(id));
        auto repo = Repository::open(m_repoPath, Password);
        QVERIFY(repo.ok());
        QCOMPARE((*repo)->listSnapshots()->size(), 0);
        QVERIFY(!service.cancel(id));
    }

    void wrongPasswordIsAskedAgainOrReported()
    {
        const QString id = addSet(QStringLiteral("A"), m_tmp->filePath(QStringLiteral("a")));
        {
            BackupService service(*m_store, *m_log);
            QStringList problems;
            service.setPasswordPrompt(answering(&problems, QStringLiteral("wrong")));
            QSignalSpy finished(&service, &BackupService::runFinished);
            QVERIFY(service.backUpNow(id)); // interactive: asked again, with the reason
            QCOMPARE(waitFinished(finished).outcome, RunRecord::Outcome::Succeeded);
            QCOMPARE(problems.size(), 2);
            QVERIFY(problems.at(0).isEmpty());
            QVERIFY(!problems.at(1).isEmpty());
        }
        {
            // Without a source an ask-each-time set cannot run unattended, and says so.
            BackupService service(*m_store, *m_log);
            service.scheduler().setStartDelay(0);
            QSignalSpy finished(&service, &BackupService::runFinished);
            service.syncSets();
            QVERIFY(service.backUpNow(id));
            const RunRecord record = waitFinished(finished);
            QCOMPARE(record.outcome, RunRecord::Outcome::Failed);
            QVERIFY2(record.message.contains(QStringLiteral("unattended")), qPrintable(record.message));
            QCOMPARE(m_log->failures(id).size(), 1);
        }
    }

    void passwordFileRunsUnattended()
    {
        const QString id = addSet(QStringLiteral("A"), m_tmp->filePath(QStringLiteral("b")));
        BackupSet set = *m_store->find(id);
        set.passwordStorage = PasswordStorage::File;
        set.passwordFile = m_tmp->filePath(QStringLiteral("private/pw"));
        QVERIFY(m_store->update(set).ok());
        QVERIFY(PasswordFile::write(set.passwordFile, Password).ok());
        BackupService service(*m_store, *m_log); // no source: the file is read
        QSignalSpy finished(&service, &BackupService::runFinished);
        QVERIFY(service.backUpNow(id));
        QCOMPARE(waitFinished(finished).outcome, RunRecord::Outcome::Succeeded);
    }

    void scheduledRunsAreCarriedOut()
    {
        const QString id = addSet(QStringLiteral("Hourly"), m_tmp->filePath(QStringLiteral("b")),
                                  Schedule::Mode::EveryHours);
        BackupSet set = *m_store->find(id);
        set.passwordStorage = PasswordStorage::File;
        set.passwordFile = m_tmp->filePath(QStringLiteral("private/pw"));
        QVERIFY(m_store->update(set).ok());
        QVERIFY(PasswordFile::write(set.passwordFile, Password).ok());
        auto clock = std::make_shared<ManualClock>(QDateTime::currentDateTime());
        BackupService service(*m_store, *m_log, clock);
        QStringList problems;
        // A scheduled run never asks anyone: it reads the password where the set keeps it.
        service.setPasswordPrompt([&](const BackupSet &, const SecretRequest &,
                                      std::function<void(std::optional<SecretAnswer>)> done) {
            problems << QStringLiteral("asked");
            done(SecretAnswer{Password});
        });
        service.scheduler().setStartDelay(0);
        service.syncSets();
        QSignalSpy finished(&service, &BackupService::runFinished);
        service.scheduler().start();
        service.scheduler().tick(); // never ran: due at once
        const RunRecord record = waitFinished(finished);
        QCOMPARE(record.outcome, RunRecord::Outcome::Succeeded);
        QVERIFY(record.scheduled);
        QVERIFY(problems.isEmpty());

        // Not due again until the hour has passed.
        clock->advance(30 * 60 * 1000);
        service.scheduler().tick();
        QVERIFY(!service.isBusy());
        clock->advance(31 * 60 * 1000);
        service.scheduler().tick();
        QVERIFY(service.isBusy());
        QCOMPARE(waitFinished(finished, 2).outcome, RunRecord::Outcome::Succeeded);
    }
};

QTEST_GUILESS_MAIN(TestBackupService)
#include "tst_backupservice.moc"
