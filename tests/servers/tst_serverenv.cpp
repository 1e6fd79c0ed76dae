// readServerEnv(): what a backend's test reads from its server's fixture, and the messages it
// gets when the fixture is missing or broken.
#include "ServerEnv.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using strata::test::readServerEnv;

class TestServerEnv final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { qunsetenv(kVariable); }
    void cleanup() { qunsetenv(kVariable); }

    void unsetVariableSaysHowToRun()
    {
        QString why;
        QVERIFY(readServerEnv(QString::fromLatin1(kVariable), &why).isEmpty());
        QVERIFY2(why.contains(QLatin1String(kVariable)) && why.contains(QLatin1String("ctest")),
                 qPrintable(why));
        qputenv(kVariable, "");
        QVERIFY(readServerEnv(QString::fromLatin1(kVariable), &why).isEmpty());
        QVERIFY2(why.contains(QLatin1String("is not set")), qPrintable(why));
    }

    void readsWhatTheScriptsWrite()
    {
        const QString path = write("# written by rgw.sh\n"
                                   "STRATA_TEST_S3_ENDPOINT=http://127.0.0.1:41234\n"
                                   "\n"
                                   "STRATA_TEST_S3_SECRET_KEY=a=b+c/d\n"
                                   "STRATA_TEST_S3_BUCKET=strata-test");
        qputenv(kVariable, QFile::encodeName(path));
        QString why = QStringLiteral("stale");
        const auto env = readServerEnv(QString::fromLatin1(kVariable), &why);
        QCOMPARE(env.size(), 3);
        QCOMPARE(env.value(QStringLiteral("STRATA_TEST_S3_ENDPOINT")),
                 QStringLiteral("http://127.0.0.1:41234"));
        QCOMPARE(env.value(QStringLiteral("STRATA_TEST_S3_SECRET_KEY")), QStringLiteral("a=b+c/d"));
        QCOMPARE(env.value(QStringLiteral("STRATA_TEST_S3_BUCKET")), QStringLiteral("strata-test"));
        QVERIFY(why.isEmpty());
        QCOMPARE(readServerEnv(QString::fromLatin1(kVariable)).size(), 3); // why may be null
    }

    void brokenFilesNameTheFileAndLine()
    {
        QString why;
        qputenv(kVariable, QFile::encodeName(m_dir.filePath(QStringLiteral("missing"))));
        QVERIFY(readServerEnv(QString::fromLatin1(kVariable), &why).isEmpty());
        QVERIFY2(why.contains(QLatin1String("missing")) && why.contains(QLatin1String("fixture")),
                 qPrintable(why));

        qputenv(kVariable, QFile::encodeName(write("A=1\nnot a line\n")));
        QVERIFY(readServerEnv(QString::fromLatin1(kVariable), &why).isEmpty());
        QVERIFY2(why.contains(QLatin1String("line 2")) && why.contains(QLatin1String("not a line")),
                 qPrintable(why));

        qputenv(kVariable, QFile::encodeName(write("# nothing\n")));
        QVERIFY(readServerEnv(QString::fromLatin1(kVariable), &why).isEmpty());
        QVERIFY2(why.contains(QLatin1String("empty")), qPrintable(why));
    }

private:
    static constexpr const char *kVariable = "STRATA_TEST_SERVERENV_UNDER_TEST";

    QString write(const QByteArray &text)
    {
        const QString path = m_dir.filePath(QStringLiteral("env%1").arg(++m_files));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QTemporaryDir m_dir;
    int m_files = 0;
};

QTEST_GUILESS_MAIN(TestServerEnv)
#include "tst_serverenv.moc"
