// KArchive (KF6) writes tar.gz, tar.xz, tar.zst and 7z archives that independent tools accept:
// libarchive's bsdtar lists and extracts the tars byte for byte, and p7zip tests and
// extracts the 7z.
#include <K7Zip>
#include <KArchiveDirectory>
#include <KCompressionDevice>
#include <KTar>

#include <QDir>
#include <QObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <utility>
#include <vector>

namespace {

using Entries = std::vector<std::pair<QString, QByteArray>>;

Entries sampleEntries()
{
    QByteArray big(3 * 1024 * 1024 + 17, Qt::Uninitialized);
    QRandomGenerator rng(77);
    for (qsizetype i = 0; i < big.size(); ++i)
        big[i] = i < big.size() / 2 ? char(rng.generate()) : char('0' + i % 10);
    return {
        {QStringLiteral("readme.txt"), QByteArray("hello, tar\n")},
        {QStringLiteral("empty"), QByteArray()},
        {QStringLiteral("docs/ação – 日本.txt"), QByteArray("não é ASCII\n").repeated(50)},
        {QStringLiteral("docs/deep/big.bin"), big},
    };
}

struct Tool
{
    int exitCode = -1;
    QString output;
};

Tool run(const QString &program, const QStringList &args, const QString &dir)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return {-1, program + QStringLiteral(" did not start")};
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAll())};
}

bool writeEntries(KArchive &archive, const Entries &entries)
{
    if (!archive.open(QIODevice::WriteOnly))
        return false;
    if (!archive.writeDir(QStringLiteral("docs/emptydir")))
        return false;
    for (const auto &[name, data] : entries) {
        if (!archive.writeFile(name, data, 0100640))
            return false;
    }
    return archive.close();
}

QString compareTree(const QString &root, const Entries &entries)
{
    for (const auto &[name, data] : entries) {
        QFile f(root + QLatin1Char('/') + name);
        if (!f.open(QIODevice::ReadOnly))
            return QStringLiteral("missing after extraction: ") + name;
        if (f.readAll() != data)
            return QStringLiteral("different after extraction: ") + name;
    }
    if (!QFileInfo(root + QStringLiteral("/docs/emptydir")).isDir())
        return QStringLiteral("the empty folder is missing");
    return {};
}

} // namespace

class TestKArchive final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        for (const char *tool : {"bsdtar", "7z"}) {
            if (QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty())
                QFAIL(qPrintable(QStringLiteral("%1 is not installed (installer/setup.sh --test)")
                                     .arg(QLatin1String(tool))));
        }
    }

    void compressedTar_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QByteArray>("magic");
        QTest::newRow("gzip") << int(KCompressionDevice::GZip) << QStringLiteral("tar.gz")
                              << QByteArray("\x1f\x8b");
        QTest::newRow("xz") << int(KCompressionDevice::Xz) << QStringLiteral("tar.xz")
                            << QByteArray("\xfd"
                                          "7zXZ");
        QTest::newRow("zstd") << int(KCompressionDevice::Zstd) << QStringLiteral("tar.zst")
                              << QByteArray("\x28\xb5\x2f\xfd");
    }

    void compressedTar()
    {
        QFETCH(int, type);
        QFETCH(QString, suffix);
        QFETCH(QByteArray, magic);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("test.") + suffix);
        const Entries entries = sampleEntries();
        {
            KCompressionDevice device(path, KCompressionDevice::CompressionType(type));
            KTar tar(&device);
            QVERIFY2(writeEntries(tar, entries), qPrintable(tar.errorString()));
        }
        QFile written(path);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QVERIFY2(written.read(magic.size()) == magic,
                 "the file does not start with the format's magic bytes");

        const Tool list = run(QStringLiteral("bsdtar"), {QStringLiteral("-tf"), path}, dir.path());
        QVERIFY2(list.exitCode == 0, qPrintable(list.output));
        for (const auto &entry : entries)
            QVERIFY2(list.output.contains(entry.first),
                     qPrintable(entry.first + QStringLiteral(" not in:\n") + list.output));

        const QString out = dir.filePath(QStringLiteral("out"));
        QVERIFY(QDir().mkpath(out));
        const Tool extract = run(QStringLiteral("bsdtar"),
                                 {QStringLiteral("-xf"), path, QStringLiteral("-C"), out}, dir.path());
        QVERIFY2(extract.exitCode == 0, qPrintable(extract.output));
        const QString diff = compareTree(out, entries);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        QCOMPARE(QFileInfo(out + QStringLiteral("/readme.txt")).permissions() & QFileDevice::ReadGroup,
                 QFileDevice::ReadGroup);
    }

    void sevenZip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("test.7z"));
        // ASCII names only: see sevenZipNonAsciiNames.
        Entries entries = sampleEntries();
        entries[2].first = QStringLiteral("docs/ascii name.txt");
        {
            K7Zip archive(path);
            QVERIFY2(writeEntries(archive, entries), qPrintable(archive.errorString()));
        }
        const Tool test = run(QStringLiteral("7z"), {QStringLiteral("t"), path}, dir.path());
        QVERIFY2(test.exitCode == 0, qPrintable(test.output));
        QVERIFY2(test.output.contains(QLatin1String("Everything is Ok")), qPrintable(test.output));

        const QString out = dir.filePath(QStringLiteral("out"));
        const Tool extract =
            run(QStringLiteral("7z"),
                {QStringLiteral("x"), QStringLiteral("-y"), QStringLiteral("-o") + out, path}, dir.path());
        QVERIFY2(extract.exitCode == 0, qPrintable(extract.output));
        const QString diff = compareTree(out, entries);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void sevenZipNonAsciiNames()
    {
        // K7Zip (KF6 Archive 6.13 as built by installer/setup.sh) stores each byte of a name
        // sign-extended into UTF-16: "ação" reads back as "a\uffe7\uffe3o" and a character
        // beyond Latin-1 makes 7-Zip reject the headers. A 7z export must not rely on it for
        // such names until this passes.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("names.7z"));
        const QString name = QStringLiteral("ação – 日本.txt");
        {
            K7Zip archive(path);
            QVERIFY(archive.open(QIODevice::WriteOnly));
            QVERIFY(archive.writeFile(name, QByteArray("x\n")));
            QVERIFY(archive.close());
        }
        const Tool test = run(QStringLiteral("7z"), {QStringLiteral("t"), path}, dir.path());
        QEXPECT_FAIL("", "K7Zip writes non-ASCII file names wrongly", Abort);
        QVERIFY2(test.exitCode == 0, qPrintable(test.output));
        const Tool list = run(QStringLiteral("7z"), {QStringLiteral("l"), path}, dir.path());
        QVERIFY2(list.output.contains(name), qPrintable(list.output));
    }

    void readTarBackWithKArchive()
    {
        // What Strata exports it can also import.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("round.tar.zst"));
        const Entries entries = sampleEntries();
        {
            KCompressionDevice device(path, KCompressionDevice::Zstd);
            KTar tar(&device);
            QVERIFY(writeEntries(tar, entries));
        }
        KCompressionDevice device(path, KCompressionDevice::Zstd);
        KTar tar(&device);
        QVERIFY(tar.open(QIODevice::ReadOnly));
        for (const auto &[name, data] : entries) {
            const KArchiveFile *file = tar.directory()->file(name);
            QVERIFY2(file, qPrintable(name));
            QVERIFY(file->data() == data);
        }
    }
};

QTEST_GUILESS_MAIN(TestKArchive)
#include "tst_karchive.moc"
