// PasswordFile: created private from the start, read back only when it is still private and
// the user's own.
#include "secrets/PasswordFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace strata;

namespace {

mode_t modeOf(const QString &path)
{
    struct stat st
    {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return mode_t(-1);
    return st.st_mode & 07777;
}

bool writeRaw(const QString &path, const QByteArray &bytes, mode_t mode)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const bool ok = f.write(bytes) == bytes.size();
    f.close();
    return ok && ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

} // namespace

class TestPasswordFile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void defaultPathIsInTheConfigFolder()
    {
        const QString path = PasswordFile::defaultPath(QStringLiteral("abc-123"));
        QCOMPARE(path, QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
                           QStringLiteral("/passwords/abc-123"));
    }

    void roundTripIsPrivate()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new/deeper/pw"));
        const QString password = QStringLiteral("senha çã 密码 with spaces");
        QVERIFY(PasswordFile::write(path, password).ok());
        QCOMPARE(modeOf(path), mode_t(0600));
        // Folders created for the file are private; the one that existed is left alone.
        QCOMPARE(modeOf(dir.filePath(QStringLiteral("new/deeper"))), mode_t(0700));
        QCOMPARE(modeOf(dir.filePath(QStringLiteral("new"))), mode_t(0700));
        QCOMPARE(modeOf(dir.path()), mode_t(0700)); // QTemporaryDir's own

        auto read = PasswordFile::read(path);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
        QCOMPARE(*read, password);
        // Exactly the password: no newline added, no temporary left behind.
        QCOMPARE(QDir(dir.filePath(QStringLiteral("new/deeper")))
                     .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("pw")});
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), password.toUtf8());
    }

    void replacesAnOpenFileAtomically()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("pw"));
        QVERIFY(writeRaw(path, "old", 0644));
        QVERIFY(PasswordFile::write(path, QStringLiteral("new")).ok());
        // The file was replaced, not rewritten in place: its mode is the private one.
        QCOMPARE(modeOf(path), mode_t(0600));
        QCOMPARE(*PasswordFile::read(path), QStringLiteral("new"));
    }

    void trimsOneTrailingNewline_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("lf") << QByteArray("secret\n") << QStringLiteral("secret");
        QTest::newRow("crlf") << QByteArray("secret\r\n") << QStringLiteral("secret");
        QTest::newRow("two lf") << QByteArray("secret\n\n") << QStringLiteral("secret\n");
        QTest::newRow("inner spaces kept") << QByteArray(" se cret \n") << QStringLiteral(" se cret ");
    }
    void trimsOneTrailingNewline()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("pw"));
        QVERIFY(writeRaw(path, content, 0600));
        auto read = PasswordFile::read(path);
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
        QCOMPARE(*read, expected);
    }

    void refusesFilesOthersCanReach_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("group readable") << 0640;
        QTest::newRow("world readable") << 0604;
        QTest::newRow("group writable") << 0620;
        QTest::newRow("0644") << 0644;
    }
    void refusesFilesOthersCanReach()
    {
        QFETCH(int, mode);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("pw"));
        QVERIFY(writeRaw(path, "secret", mode_t(mode)));
        auto read = PasswordFile::read(path);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, ErrorCode::Io);
        // The message names the file, its mode and the fix.
        QVERIFY2(read.error().message.contains(path), qPrintable(read.error().message));
        QVERIFY2(read.error().message.contains(QString::number(mode, 8)), qPrintable(read.error().message));
        QVERIFY2(read.error().message.contains(QLatin1String("chmod 600")), qPrintable(read.error().message));
    }

    void refusesAnotherUsersFile()
    {
        if (::geteuid() != 0)
            QSKIP("only root can give a file to another user");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("pw"));
        QVERIFY(writeRaw(path, "secret", 0600));
        QVERIFY(::chown(QFile::encodeName(path).constData(), 65534, 65534) == 0);
        auto read = PasswordFile::read(path);
        QVERIFY(!read.ok());
        QVERIFY2(read.error().message.contains(QLatin1String("another user")),
                 qPrintable(read.error().message));
    }

    void refusesWhatIsNotAPassword()
    {
        QTemporaryDir dir;
        auto missing = PasswordFile::read(dir.filePath(QStringLiteral("none")));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);

        auto folder = PasswordFile::read(dir.path());
        QVERIFY(!folder.ok());

        const QString empty = dir.filePath(QStringLiteral("empty"));
        QVERIFY(writeRaw(empty, "\n", 0600));
        auto e = PasswordFile::read(empty);
        QVERIFY(!e.ok());
        QCOMPARE(e.error().code, ErrorCode::InvalidArgument);

        const QString binary = dir.filePath(QStringLiteral("binary"));
        QVERIFY(writeRaw(binary, QByteArray("\xff\xfe\x00x", 4), 0600));
        QVERIFY(!PasswordFile::read(binary).ok());

        QVERIFY(!PasswordFile::write(dir.filePath(QStringLiteral("x")), QString()).ok());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x"))));
    }

    void writeFailureIsReported()
    {
        if (::geteuid() == 0)
            QSKIP("root writes into read-only folders");
        QTemporaryDir dir;
        QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(), 0500) == 0);
        Status s = PasswordFile::write(dir.filePath(QStringLiteral("pw")), QStringLiteral("x"));
        ::chmod(QFile::encodeName(dir.path()).constData(), 0700);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(dir.path()), qPrintable(s.error().message));
    }
};

QTEST_GUILESS_MAIN(TestPasswordFile)
#include "tst_passwordfile.moc"
