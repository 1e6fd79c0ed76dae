// QuaZip (Qt 6 build) writes zip files that an independent reader accepts: Info-ZIP's
// `unzip -t` tests every entry's CRC, and `unzip` extracts the very bytes that went in,
// including a UTF-8 file name and a file large enough to span many deflate blocks.
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <QDir>
#include <QObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <utility>
#include <vector>

namespace {

using Entries = std::vector<std::pair<QString, QByteArray>>;

Entries sampleEntries()
{
    QByteArray big(5 * 1024 * 1024, Qt::Uninitialized);
    QRandomGenerator rng(20240601);
    // Half random, half repetitive: both stored-like and well-compressed deflate blocks.
    rng.fillRange(reinterpret_cast<quint32 *>(big.data()), big.size() / 8);
    for (qsizetype i = big.size() / 2; i < big.size(); ++i)
        big[i] = char('a' + i % 7);
    return {
        {QStringLiteral("hello.txt"), QByteArray("hello, zip\n")},
        {QStringLiteral("empty"), QByteArray()},
        {QStringLiteral("pasta/relatório de ação – 日本.txt"), QByteArray("não é ASCII\n").repeated(100)},
        {QStringLiteral("data/big.bin"), big},
    };
}

QString runTool(const QString &program, const QStringList &args, const QString &dir, int *exitCode)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        *exitCode = -1;
        return program + QStringLiteral(" did not start");
    }
    p.waitForFinished(120000);
    *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return QString::fromUtf8(p.readAll());
}

} // namespace

class TestQuaZip final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("unzip")).isEmpty())
            QFAIL("unzip is not installed (installer/setup.sh --test)");
    }

    void writeAndVerifyWithUnzip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString zipPath = dir.filePath(QStringLiteral("test.zip"));
        const Entries entries = sampleEntries();

        {
            QuaZip zip(zipPath);
            zip.setUtf8Enabled(true); // names are stored as UTF-8 with the language-encoding flag
            QVERIFY2(zip.open(QuaZip::mdCreate), qPrintable(QString::number(zip.getZipError())));
            for (const auto &[name, data] : entries) {
                QuaZipFile file(&zip);
                QuaZipNewInfo info(name);
                info.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                    QFileDevice::ReadGroup | QFileDevice::ReadOther);
                QVERIFY2(file.open(QIODevice::WriteOnly, info, nullptr, 0, Z_DEFLATED, Z_DEFAULT_COMPRESSION),
                         qPrintable(name));
                QCOMPARE(file.write(data), qint64(data.size()));
                file.close();
                QCOMPARE(file.getZipError(), ZIP_OK);
            }
            zip.close();
            QCOMPARE(zip.getZipError(), ZIP_OK);
        }

        int rc = 0;
        const QString test =
            runTool(QStringLiteral("unzip"), {QStringLiteral("-t"), zipPath}, dir.path(), &rc);
        QVERIFY2(rc == 0, qPrintable(test));
        QVERIFY2(test.contains(QLatin1String("No errors detected")), qPrintable(test));
        for (const auto &entry : entries)
            QVERIFY2(test.contains(entry.first),
                     qPrintable(entry.first + QStringLiteral(" missing in:\n") + test));

        const QString out = dir.filePath(QStringLiteral("out"));
        const QString extract =
            runTool(QStringLiteral("unzip"), {QStringLiteral("-q"), zipPath, QStringLiteral("-d"), out},
                    dir.path(), &rc);
        QVERIFY2(rc == 0, qPrintable(extract));
        for (const auto &[name, data] : entries) {
            QFile f(out + QLatin1Char('/') + name);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
            const QByteArray got = f.readAll();
            QCOMPARE(got.size(), data.size());
            QVERIFY2(got == data, qPrintable(name));
        }
    }

    void readBackWithQuaZip()
    {
        // The same library reads its own archive, so a zip exported by Strata can be imported.
        QTemporaryDir dir;
        const QString zipPath = dir.filePath(QStringLiteral("round.zip"));
        const Entries entries = sampleEntries();
        {
            QuaZip zip(zipPath);
            zip.setUtf8Enabled(true);
            QVERIFY(zip.open(QuaZip::mdCreate));
            for (const auto &[name, data] : entries) {
                QuaZipFile file(&zip);
                QVERIFY(file.open(QIODevice::WriteOnly, QuaZipNewInfo(name)));
                file.write(data);
                file.close();
            }
            zip.close();
        }
        QuaZip zip(zipPath);
        QVERIFY(zip.open(QuaZip::mdUnzip));
        QCOMPARE(zip.getEntriesCount(), int(entries.size()));
        for (const auto &[name, data] : entries) {
            QVERIFY2(zip.setCurrentFile(name), qPrintable(name));
            QuaZipFile file(&zip);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(file.readAll() == data);
            file.close();
        }
    }
};

QTEST_GUILESS_MAIN(TestQuaZip)
#include "tst_quazip.moc"
