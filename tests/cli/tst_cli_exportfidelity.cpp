// Time stamps and owners in exports, read back by tools that share no code with ours: GNU tar
// and bsdtar for tar, 7z, unzip and bsdtar for zip, 7z for 7z. The source lives on tmpfs
// (/dev/shm), which holds every time stamp (ext4 stops in 2446), and the extractions too.
//
// What each reader gives back is pinned here, so a change in our writers that a reader would
// see fails: tar holds every stamp to the nanosecond (GNU tar reads pax times as decimals;
// libarchive 3.6 reads a negative fractional time as -S + F, so bsdtar is checked on whole and
// positive stamps only); zip and 7z hold 100 ns steps from 1601 to 30828 (7z reads zip's NTFS
// field; unzip 6 and libarchive read zip times only from 1970 and 1980 on, which is theirs).
#include "TestUtil.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace strata::test;

namespace {

struct Stamp
{
    const char *name;
    const char *date; // for touch -d
    qint64 sec;       // what stat gives back
    long nsec;
};
// 1901 just after INT32_MIN seconds, 1960 before 1970 with nanoseconds, 2038 just after
// INT32_MAX, 2400 and 2500 past a 64-bit count of nanoseconds.
const Stamp kStamps[] = {{"y1901", "1901-12-14 00:00:00.25 UTC", -2147472000, 250000000},
                         {"y1960", "1960-06-15 12:00:00.123456789 UTC", -301233600, 123456789},
                         {"y2038", "2038-01-20 00:00:00.5 UTC", 2147558400, 500000000},
                         {"y2400", "2400-01-01 00:00:00.7 UTC", 13569465600, 700000000},
                         {"y2500", "2500-06-01 00:00:01 UTC", 16738272001, 0}};
// Before 1601: zip and 7z cannot hold it, tar can.
const Stamp kAncient{"y1500", "1500-01-01 00:00:00.5 UTC", -14831769600, 500000000};

struct Seen
{
    qint64 sec = 0;
    long nsec = 0;
    uint uid = 0, gid = 0;
    bool ok = false;
};

Seen statOf(const QString &path)
{
    struct stat st;
    Seen s;
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return s;
    s = {qint64(st.st_mtim.tv_sec), st.st_mtim.tv_nsec, st.st_uid, st.st_gid, true};
    return s;
}

QString shown(qint64 sec, long nsec)
{
    return QStringLiteral("%1 s + %2 ns").arg(sec).arg(nsec);
}

} // namespace

class TestCliExportFidelity final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_shm{QStringLiteral("/dev/shm/strata-exportfidelity-XXXXXX")};
    QString m_src, m_repo;
    QProcessEnvironment m_env;

    QString path(const QString &name) const { return m_shm.path() + QLatin1Char('/') + name; }

    RunResult sh(const QString &script)
    {
        return runProgram(QStringLiteral("sh"), {QStringLiteral("-c"), script}, m_env, {}, 120000);
    }

    RunResult cli(const QStringList &args) { return runCli(args, m_env); }

    // Exports the version and extracts it with `extract` (a shell command; %1 is the archive,
    // %2 the folder): the extracted tree/ folder.
    QString exportAndExtract(const QString &name, const QString &extract, QStringList *warnings = nullptr)
    {
        const QString file = path(name);
        const QString dir = path(name + QStringLiteral(".x"));
        if (!QFileInfo::exists(file)) {
            const RunResult r = cli({QStringLiteral("export"), QStringLiteral("--repo"), m_repo,
                                     QStringLiteral("latest"), file, QStringLiteral("--json")});
            // 3: done, with warnings (what the archive could not hold exactly).
            if (r.exitCode != 0 && !(r.exitCode == 3 && warnings)) {
                qWarning("%s", qPrintable(r.describe()));
                return {};
            }
            if (warnings)
                for (const QJsonObject &w : jsonObjectsWithKey(r.out, QStringLiteral("message")))
                    *warnings << w.value(QStringLiteral("message")).toString();
        }
        removeTree(dir);
        QDir().mkpath(dir);
        const RunResult x = sh(extract.arg(file, dir));
        if (x.exitCode != 0) {
            qWarning("%s", qPrintable(x.describe()));
            return {};
        }
        return dir + QStringLiteral("/tree");
    }

    // Every stamp at `step` ns (0: the exact nanosecond), for the stamps `which` accepts.
    void compareTimes(const QString &root, long step, const std::function<bool(const Stamp &)> &which = {})
    {
        QVERIFY(!root.isEmpty());
        for (const Stamp &s : kStamps) {
            if (which && !which(s))
                continue;
            const Seen got = statOf(root + QLatin1Char('/') + QLatin1String(s.name));
            QVERIFY2(got.ok, s.name);
            const long want = step ? s.nsec - s.nsec % step : s.nsec;
            QVERIFY2(
                got.sec == s.sec && got.nsec == want,
                qPrintable(QStringLiteral("%1: %2, expected %3")
                               .arg(QLatin1String(s.name), shown(got.sec, got.nsec), shown(s.sec, want))));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_shm.isValid());
        QVERIFY2(isRoot(), "owners are set and read back as root");
        m_env = cliEnvironment(path(QStringLiteral("home")), QStringLiteral("pw"));
        m_src = path(QStringLiteral("tree"));
        m_repo = path(QStringLiteral("repo"));
        QVERIFY(QDir().mkpath(m_src + QStringLiteral("/dir")));
        for (const Stamp &s : kStamps)
            QVERIFY(writeFile(QFile::encodeName(m_src + QLatin1Char('/') + QLatin1String(s.name)), s.name));
        // Owners: a uid and gid no name stands for here, and a named pair.
        RunResult r =
            sh(QStringLiteral("set -e; cd '%1'; chown 4321:4322 y1960 dir; chown nobody:nogroup y2400; "
                              "ln -s y2038 link; chown -h 4321:4322 link")
                   .arg(m_src));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        for (const Stamp &s : kStamps) {
            r = sh(QStringLiteral("touch -h -d '%1' '%2/%3'")
                       .arg(QLatin1String(s.date), m_src, QLatin1String(s.name)));
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
            const Seen seen = statOf(m_src + QLatin1Char('/') + QLatin1String(s.name));
            QVERIFY2(seen.sec == s.sec && seen.nsec == s.nsec,
                     qPrintable(QLatin1String(s.name) + QStringLiteral(": tmpfs gave ") +
                                shown(seen.sec, seen.nsec)));
        }
        r = sh(QStringLiteral("touch -d '1960-06-15 12:00:00.123456789 UTC' '%1/dir'").arg(m_src));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));

        r = cli({QStringLiteral("init"), QStringLiteral("--repo"), m_repo});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), m_repo, m_src});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    }

    void tarKeepsEveryStampAndOwner_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("tar.gz") << QStringLiteral("out.tar.gz");
        QTest::newRow("tar.xz") << QStringLiteral("out.tar.xz");
        QTest::newRow("tar.zst") << QStringLiteral("out.tar.zst");
    }

    void tarKeepsEveryStampAndOwner()
    {
        QFETCH(QString, name);
        QStringList warnings;
        // GNU tar as root: owners by name where the name exists here, else by number.
        const QString gnu =
            exportAndExtract(name, QStringLiteral("tar -xf '%1' -C '%2' --warning=no-timestamp"), &warnings);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
        compareTimes(gnu, 0);
        QCOMPARE(statOf(gnu + QStringLiteral("/y1960")).uid, 4321u);
        QCOMPARE(statOf(gnu + QStringLiteral("/y1960")).gid, 4322u);
        QCOMPARE(statOf(gnu + QStringLiteral("/dir")).uid, 4321u);
        QCOMPARE(statOf(gnu + QStringLiteral("/link")).gid, 4322u);
        QCOMPARE(statOf(gnu + QStringLiteral("/y2400")).uid, 65534u);
        QCOMPARE(statOf(gnu + QStringLiteral("/y2038")).uid, 0u);
        const Seen dir = statOf(gnu + QStringLiteral("/dir"));
        QVERIFY2(dir.sec == -301233600 && dir.nsec == 123456789, qPrintable(shown(dir.sec, dir.nsec)));

        // The names are in the archive, beside the numbers.
        const RunResult list =
            sh(QStringLiteral("tar -tvf '%1' --numeric-owner; tar -tvf '%1'").arg(path(name)));
        QVERIFY2(list.out.contains("4321/4322"), list.out.constData());
        QVERIFY2(list.out.contains("nobody/nogroup"), list.out.constData());
        QVERIFY2(list.out.contains("65534/65534"), list.out.constData());

        // bsdtar: the same for every stamp it reads as pax means it.
        const QString bsd = exportAndExtract(name, QStringLiteral("bsdtar -xpf '%1' -C '%2'"));
        compareTimes(bsd, 0, [](const Stamp &s) { return s.sec >= 0 || s.nsec == 0; });
        QCOMPARE(statOf(bsd + QStringLiteral("/y1960")).uid, 4321u);
        QCOMPARE(statOf(bsd + QStringLiteral("/y2400")).gid, 65534u);
    }

    void zipKeepsStampsToTheTenthMicrosecond()
    {
        QStringList warnings;
        const QString seven = exportAndExtract(QStringLiteral("out.zip"),
                                               QStringLiteral("7z x -o'%2' '%1' >/dev/null"), &warnings);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
        compareTimes(seven, 100);
        const RunResult t = sh(QStringLiteral("unzip -t '%1'").arg(path(QStringLiteral("out.zip"))));
        QVERIFY2(t.exitCode == 0, qPrintable(t.describe()));

        // unzip -X as root takes the owner's numbers; it reads times from 1970 to 2106.
        const QString unzip =
            exportAndExtract(QStringLiteral("out.zip"), QStringLiteral("cd '%2' && unzip -qX '%1'"));
        QVERIFY(!unzip.isEmpty());
        QCOMPARE(statOf(unzip + QStringLiteral("/y1960")).uid, 4321u);
        QCOMPARE(statOf(unzip + QStringLiteral("/y1960")).gid, 4322u);
        QCOMPARE(statOf(unzip + QStringLiteral("/y2400")).uid, 65534u);
        QCOMPARE(statOf(unzip + QStringLiteral("/y2038")).sec, qint64(2147558400));
        // Before 1970 it falls back to zip's own field, which starts in 1980: never 2096.
        QVERIFY(statOf(unzip + QStringLiteral("/y1960")).sec < qint64(2147483647));

        const QString bsd =
            exportAndExtract(QStringLiteral("out.zip"), QStringLiteral("bsdtar -xpf '%1' -C '%2'"));
        QVERIFY(!bsd.isEmpty());
        QCOMPARE(statOf(bsd + QStringLiteral("/y1960")).uid, 4321u);
        const qint64 y1960 = statOf(bsd + QStringLiteral("/y1960")).sec;
        QVERIFY2(y1960 < qint64(2147483647), qPrintable(QString::number(y1960)));
    }

    void sevenZipKeepsStampsToTheTenthMicrosecond()
    {
        QStringList warnings;
        const QString seven = exportAndExtract(QStringLiteral("out.7z"),
                                               QStringLiteral("7z x -o'%2' '%1' >/dev/null"), &warnings);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
        compareTimes(seven, 100);
        const RunResult t = sh(QStringLiteral("7z t '%1'").arg(path(QStringLiteral("out.7z"))));
        QVERIFY2(t.exitCode == 0 && t.out.contains("Everything is Ok"), qPrintable(t.describe()));
        QVERIFY(QFileInfo(seven + QStringLiteral("/link")).isSymLink());
        const Seen dir = statOf(seven + QStringLiteral("/dir"));
        QVERIFY2(dir.sec == -301233600 && dir.nsec == 123456700, qPrintable(shown(dir.sec, dir.nsec)));
    }

    // A stamp before 1601: zip and 7z clamp it with a warning that names the file; tar keeps it.
    void stampOutsideTheFormatIsClampedWithAWarning()
    {
        const QString file = m_src + QLatin1Char('/') + QLatin1String(kAncient.name);
        QVERIFY(writeFile(QFile::encodeName(file), "old\n"));
        RunResult r = sh(QStringLiteral("touch -d '%1' '%2'").arg(QLatin1String(kAncient.date), file));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), m_repo, m_src});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        for (const QString &name : {QStringLiteral("old.zip"), QStringLiteral("old.7z")}) {
            QStringList warnings;
            const QString x =
                exportAndExtract(name, QStringLiteral("7z x -o'%2' '%1' >/dev/null"), &warnings);
            QVERIFY2(warnings.size() == 1 && warnings.first().contains(QStringLiteral("y1500")) &&
                         warnings.first().contains(QStringLiteral("1601-01-01")),
                     qPrintable(name + QStringLiteral(": ") + warnings.join(QLatin1Char('\n'))));
            const Seen seen = statOf(x + QStringLiteral("/y1500"));
            QVERIFY2(seen.sec == -11644473600 && seen.nsec == 0,
                     qPrintable(name + shown(seen.sec, seen.nsec)));
            compareTimes(x, 100);
        }
        QStringList warnings;
        const QString tar =
            exportAndExtract(QStringLiteral("old.tar.zst"),
                             QStringLiteral("tar -xf '%1' -C '%2' --warning=no-timestamp"), &warnings);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
        const Seen seen = statOf(tar + QStringLiteral("/y1500"));
        QVERIFY2(seen.sec == kAncient.sec && seen.nsec == kAncient.nsec,
                 qPrintable(shown(seen.sec, seen.nsec)));
    }
};

QTEST_GUILESS_MAIN(TestCliExportFidelity)
#include "tst_cli_exportfidelity.moc"
