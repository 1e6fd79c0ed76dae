// strata-cli history and find on a real repository, from the outside: a file's history lists
// every version with the ones where it changed marked, by absolute path or one relative to the
// backed-up folder; find lists matches in any version, newest first; both build the catalog
// under the user's cache folder on first use, rebuild it when it is deleted, and take in a
// version made after it was built; bad input gets a clear message and exit code.
#include "TestUtil.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace strata::test;

namespace {
const QString kPassword = QStringLiteral("catalog-pw");
} // namespace

class TestCliCatalog final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QProcessEnvironment m_env;
    QString m_repo, m_src;

    RunResult cli(const QStringList &args) { return runCli(args, m_env); }
    QString path(const QString &rel) const { return m_tmp.path() + QLatin1Char('/') + rel; }
    bool put(const QString &rel, const QByteArray &content)
    {
        const QString file = m_src + QLatin1Char('/') + rel;
        return QDir().mkpath(QFileInfo(file).path()) && writeFile(QFile::encodeName(file), content);
    }
    QString backup()
    {
        const RunResult r = cli(
            {QStringLiteral("backup"), QStringLiteral("--repo"), m_repo, QStringLiteral("--json"), m_src});
        if (r.exitCode != 0)
            qWarning("backup: %s", qPrintable(r.describe()));
        return backupSnapshotId(r.out);
    }
    QJsonObject history(const QString &p)
    {
        const RunResult r =
            cli({QStringLiteral("history"), QStringLiteral("--repo"), m_repo, p, QStringLiteral("--json")});
        if (r.exitCode != 0)
            qWarning("history: %s", qPrintable(r.describe()));
        return QJsonDocument::fromJson(r.out).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY(QDir().mkpath(path(QStringLiteral("home"))));
        m_env = cliEnvironment(path(QStringLiteral("home")), kPassword);
        m_repo = path(QStringLiteral("repo"));
        m_src = path(QStringLiteral("profile"));
        QString error;
        QVERIFY2(initSmallRepository(m_repo, kPassword, &error), qPrintable(error));
    }

    void historyAndFind()
    {
        QVERIFY(put(QStringLiteral("settings/config.otml"), "volume: 5") &&
                put(QStringLiteral("keys.otml"), "k") && put(QStringLiteral("log.txt"), "one"));
        QStringList made{backup()};
        QVERIFY(put(QStringLiteral("settings/config.otml"), "volume: 10, louder"));
        made << backup();
        QVERIFY(put(QStringLiteral("log.txt"), "two"));
        made << backup();
        QVERIFY(!made.contains(QString()));

        // Relative to the backed-up folder, and absolute: the same answer.
        const QJsonObject h = history(QStringLiteral("settings/config.otml"));
        QCOMPARE(h.value(QStringLiteral("path")).toString(), m_src + QStringLiteral("/settings/config.otml"));
        QCOMPARE(history(m_src + QStringLiteral("/settings/config.otml")), h);
        const QJsonArray versions = h.value(QStringLiteral("versions")).toArray();
        QCOMPARE(versions.size(), 3);
        QCOMPARE(h.value(QStringLiteral("changed")).toInt(), 2);
        QCOMPARE(versions[0].toObject().value(QStringLiteral("changes")).toArray(),
                 QJsonArray{QStringLiteral("appeared")});
        QVERIFY(versions[1]
                    .toObject()
                    .value(QStringLiteral("changes"))
                    .toArray()
                    .contains(QStringLiteral("content")));
        QCOMPARE(versions[1].toObject().value(QStringLiteral("size")).toInteger(), 18);
        QVERIFY(!versions[2].toObject().value(QStringLiteral("changed")).toBool());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(versions[i].toObject().value(QStringLiteral("id")).toString(), made[i]);
        // The catalog is where it belongs, readable by the user only.
        const QStringList catalogs =
            QDir(path(QStringLiteral("home/.cache/strata/catalog"))).entryList({QStringLiteral("*.sqlite")});
        QCOMPARE(catalogs.size(), 1);

        // The text form marks the changes.
        const RunResult text =
            cli({QStringLiteral("history"), QStringLiteral("--repo"), m_repo, QStringLiteral("log.txt")});
        QVERIFY2(text.exitCode == 0, qPrintable(text.describe()));
        QCOMPARE(text.out.count("\n*"), 2);
        QVERIFY2(text.out.contains("it changed in 2"), text.out.constData());

        // A version made after the catalog was built, and a deleted catalog: both caught up.
        QVERIFY(put(QStringLiteral("settings/config.otml"), "volume: 0"));
        made << backup();
        QVERIFY(QDir(path(QStringLiteral("home/.cache/strata"))).removeRecursively());
        const QJsonObject after = history(QStringLiteral("settings/config.otml"));
        QCOMPARE(after.value(QStringLiteral("versions")).toArray().size(), 4);
        QCOMPARE(after.value(QStringLiteral("changed")).toInt(), 3);

        // find: by pattern, case-insensitive, newest first.
        const RunResult found = cli({QStringLiteral("find"), QStringLiteral("--repo"), m_repo,
                                     QStringLiteral("*.OTML"), QStringLiteral("--json")});
        QVERIFY2(found.exitCode == 0, qPrintable(found.describe()));
        QStringList paths;
        for (const QJsonObject &o : jsonLines(found.out)) {
            paths << o.value(QStringLiteral("path")).toString();
            QCOMPARE(o.value(QStringLiteral("versions")).toInt(), 4);
            QCOMPARE(o.value(QStringLiteral("newest")).toObject().value(QStringLiteral("id")).toString(),
                     made[3]);
        }
        paths.sort();
        QCOMPARE(paths, (QStringList{m_src + QStringLiteral("/keys.otml"),
                                     m_src + QStringLiteral("/settings/config.otml")}));
    }

    void badInput()
    {
        const RunResult none = cli(
            {QStringLiteral("history"), QStringLiteral("--repo"), m_repo, QStringLiteral("no/such/file")});
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains("no version holds no/such/file"), none.err.constData());
        QCOMPARE(cli({QStringLiteral("history"), QStringLiteral("--repo"), m_repo}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("find"), QStringLiteral("--repo"), path(QStringLiteral("missing")),
                      QStringLiteral("*")})
                     .exitCode,
                 4);
        QProcessEnvironment wrong = m_env;
        wrong.insert(QStringLiteral("STRATA_PASSWORD"), QStringLiteral("wrong"));
        QCOMPARE(
            runCli({QStringLiteral("find"), QStringLiteral("--repo"), m_repo, QStringLiteral("*")}, wrong)
                .exitCode,
            5);
        const RunResult nothing =
            cli({QStringLiteral("find"), QStringLiteral("--repo"), m_repo, QStringLiteral("zz*")});
        QCOMPARE(nothing.exitCode, 0);
        QVERIFY2(nothing.out.contains("0 match(es)"), nothing.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliCatalog)
#include "tst_cli_catalog.moc"
