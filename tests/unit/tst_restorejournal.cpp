// RestoreJournal: the named temporaries of a restore that ended without removing them (killed)
// are removed by the next cleanup; a live run's are not, and nothing but such a temporary ever is.
#include "engine/RestoreJournal.h"

#include "TestUtil.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace strata;

namespace {
bool exists(const QByteArray &path)
{
    struct stat st;
    return ::lstat(path.constData(), &st) == 0;
}

bool touch(const QByteArray &path)
{
    QFile f(QFile::decodeName(path));
    return f.open(QIODevice::WriteOnly) && f.write("x") == 1;
}

int journalCount(const QString &dir)
{
    return int(QDir(dir).entryList({QStringLiteral("*")}, QDir::Files | QDir::Hidden).size());
}
} // namespace

class TestRestoreJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesAreRecordedAndTheJournalGoesWithTheRun()
    {
        QTemporaryDir tmp;
        const QString journals = tmp.path() + QStringLiteral("/journals");
        const QByteArray target = QFile::encodeName(tmp.path());
        {
            RestoreJournal journal(journals);
            QCOMPARE(journalCount(journals), 0); // made on the first temporary only
            const QByteArray a = journal.temporaryIn(target);
            const QByteArray b = journal.temporaryIn(target + '/');
            QVERIFY(a != b);
            const QByteArray prefix = target + "/.strata-restore-";
            QVERIFY2(a.startsWith(prefix), a.constData());
            QVERIFY2(b.startsWith(prefix), b.constData());
            QVERIFY(RestoreJournal::isTemporaryName(a));
            QCOMPARE(journalCount(journals), 1);
            QVERIFY(touch(a));
            // Its run is alive: a cleanup leaves its temporaries alone.
            const auto cleanup = RestoreJournal::removeAbandoned(journals);
            QCOMPARE(cleanup.removed, 0);
            QVERIFY(exists(a));
            QVERIFY(::unlink(a.constData()) == 0);
        }
        QCOMPARE(journalCount(journals), 0);
    }

    void aKilledRunsTemporariesAreRemoved()
    {
        QTemporaryDir tmp;
        const QString journals = tmp.path() + QStringLiteral("/journals");
        const QByteArray target = QFile::encodeName(tmp.path());
        int pipeFds[2];
        QVERIFY(::pipe(pipeFds) == 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) { // records two temporaries, makes one, and is killed
            ::close(pipeFds[0]);
            auto *journal = new RestoreJournal(journals);
            const QByteArray made = journal->temporaryIn(target);
            const QByteArray notMade = journal->temporaryIn(target);
            touch(made);
            const QByteArray both = made + '\n' + notMade + '\n';
            (void)::write(pipeFds[1], both.constData(), size_t(both.size()));
            ::pause();
            ::_exit(0);
        }
        ::close(pipeFds[1]);
        QByteArray got;
        char buf[4096];
        while (got.count('\n') < 2) {
            const ssize_t n = ::read(pipeFds[0], buf, sizeof buf);
            if (n <= 0)
                break;
            got.append(buf, n);
        }
        ::close(pipeFds[0]);
        const QList<QByteArray> names = got.split('\n');
        QVERIFY(names.size() >= 2);
        QVERIFY(exists(names[0]));
        QCOMPARE(RestoreJournal::removeAbandoned(journals).removed, 0); // still running
        ::kill(child, SIGKILL);
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QCOMPARE(journalCount(journals), 1); // what a kill leaves

        const auto cleanup = RestoreJournal::removeAbandoned(journals);
        QCOMPARE(cleanup.removed, 1);
        QCOMPARE(cleanup.journals, 1);
        QVERIFY(cleanup.problems.isEmpty());
        QVERIFY(!exists(names[0]));
        QCOMPARE(journalCount(journals), 0);
    }

    void onlyItsOwnTemporariesAreEverRemoved()
    {
        // A journal that names a user's file, a folder with a temporary's name, and a name
        // that is almost one: none of them is touched, though the journal's run has ended.
        QTemporaryDir tmp;
        const QString journals = tmp.path() + QStringLiteral("/journals");
        QVERIFY(QDir().mkpath(journals));
        const QByteArray root = QFile::encodeName(tmp.path());
        const QByteArray user = root + "/thesis.odt";
        const QByteArray folder = root + "/.strata-restore-ABCDEFabcdef";
        const QByteArray almost = root + "/.strata-restore-ABCDEFabcde";
        const QByteArray real = root + "/sub/.strata-restore-0123456789ab";
        QVERIFY(touch(user));
        QVERIFY(QDir().mkpath(QFile::decodeName(folder)));
        QVERIFY(touch(almost));
        QVERIFY(QDir().mkpath(QFile::decodeName(root + "/sub")));
        QVERIFY(touch(real));
        QVERIFY(touch(QFile::encodeName(journals + QStringLiteral("/killed-while-made.making"))));
        QFile journal(journals + QStringLiteral("/crafted.journal"));
        QVERIFY(journal.open(QIODevice::WriteOnly));
        for (const QByteArray &p : {user, folder, almost, real, QByteArray("relative/.strata-restore-")})
            journal.write(p + '\0');
        journal.close();

        const auto cleanup = RestoreJournal::removeAbandoned(journals);
        QCOMPARE(cleanup.removed, 1);
        QVERIFY(!exists(real));
        QVERIFY(exists(user));
        QVERIFY(exists(folder));
        QVERIFY(exists(almost));
        QCOMPARE(journalCount(journals), 0);
    }

    void anUnwritableFolderOnlyCostsTheCleanup()
    {
        // No journal can be made (the folder is a file): names still come, the restore runs on.
        QTemporaryDir tmp;
        const QString blocked = tmp.path() + QStringLiteral("/blocked");
        QVERIFY(touch(QFile::encodeName(blocked)));
        RestoreJournal journal(blocked + QStringLiteral("/journals"));
        const QByteArray name = journal.temporaryIn(QFile::encodeName(tmp.path()));
        QVERIFY(RestoreJournal::isTemporaryName(name));
        QCOMPARE(RestoreJournal::removeAbandoned(blocked + QStringLiteral("/journals")).removed, 0);
    }
};

QTEST_GUILESS_MAIN(TestRestoreJournal)
#include "tst_restorejournal.moc"
