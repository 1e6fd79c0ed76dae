// The HTTP layer of the remote backends without a storage server: how servers' error answers
// (S3's XML codes, WebDAV's statuses) become error codes and messages, the encodings S3's
// signature depends on, and the transport failures a person must be able to act on (refused,
// unknown host, TLS) against real sockets on loopback.
#include "storage/Backend.h"
#include "storage/Http.h"

#include <QProcess>
#include <QStandardPaths>
#include <QtConcurrent>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

namespace {

http::Response answer(long status, const QByteArray &body = {})
{
    http::Response r;
    r.status = status;
    r.body = body;
    return r;
}

QByteArray s3Error(const char *code, const char *extra = "")
{
    return QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>") + code +
           "</Code><Message></Message>" + extra + "<RequestId>tx1</RequestId></Error>";
}

} // namespace

class TestHttp final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusErrors_data()
    {
        QTest::addColumn<long>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("mentions");
        QTest::addRow("signature") << 403L << s3Error("SignatureDoesNotMatch") << int(ErrorCode::Auth)
                                   << QStringLiteral("secret key does not match");
        QTest::addRow("access key") << 403L << s3Error("InvalidAccessKeyId") << int(ErrorCode::Auth)
                                    << QStringLiteral("InvalidAccessKeyId");
        QTest::addRow("denied") << 403L << s3Error("AccessDenied") << int(ErrorCode::Auth)
                                << QStringLiteral("access denied");
        QTest::addRow("webdav 401") << 401L << QByteArray("Unauthorized") << int(ErrorCode::Auth)
                                    << QStringLiteral("user name or password");
        QTest::addRow("no bucket") << 404L << s3Error("NoSuchBucket", "<BucketName>backups</BucketName>")
                                   << int(ErrorCode::NotFound)
                                   << QStringLiteral("bucket backups does not exist at");
        QTest::addRow("no key") << 404L << s3Error("NoSuchKey") << int(ErrorCode::NotFound)
                                << QStringLiteral("not found");
        QTest::addRow("insufficient storage")
            << 507L << QByteArray() << int(ErrorCode::NoSpace) << QStringLiteral("no space");
        QTest::addRow("quota") << 403L << s3Error("QuotaExceeded") << int(ErrorCode::NoSpace)
                               << QStringLiteral("QuotaExceeded");
        QTest::addRow("too large") << 400L << s3Error("EntityTooLarge") << int(ErrorCode::NoSpace)
                                   << QStringLiteral("EntityTooLarge");
        QTest::addRow("slow down") << 503L << s3Error("SlowDown") << int(ErrorCode::Network)
                                   << QStringLiteral("try again later");
        QTest::addRow("internal") << 500L << QByteArray() << int(ErrorCode::Network) << QStringLiteral("500");
        QTest::addRow("too many") << 429L << QByteArray() << int(ErrorCode::Network) << QStringLiteral("429");
        QTest::addRow("request timeout")
            << 408L << QByteArray() << int(ErrorCode::Network) << QStringLiteral("408");
        QTest::addRow("damaged") << 400L << s3Error("XAmzContentSHA256Mismatch") << int(ErrorCode::Network)
                                 << QStringLiteral("damaged on the way");
        QTest::addRow("clock") << 403L << s3Error("RequestTimeTooSkewed") << int(ErrorCode::Auth)
                               << QStringLiteral("clock");
        QTest::addRow("bad request") << 400L << s3Error("InvalidArgument") << int(ErrorCode::InvalidArgument)
                                     << QStringLiteral("refused the request");
        QTest::addRow("teapot") << 418L << QByteArray() << int(ErrorCode::Io) << QStringLiteral("418");
    }
    void statusErrors()
    {
        QFETCH(long, status);
        QFETCH(QByteArray, body);
        QFETCH(int, code);
        QFETCH(QString, mentions);
        const Error e = http::statusError(answer(status, body), QStringLiteral("cannot read s3://h/b/config"),
                                          QStringLiteral("s3.example.com"));
        QCOMPARE(int(e.code), code);
        QVERIFY2(e.message.contains(mentions), qPrintable(e.message));
        QVERIFY2(e.message.contains(QLatin1String("s3.example.com")), qPrintable(e.message));
        QVERIFY2(e.message.startsWith(QLatin1String("cannot read s3://h/b/config")), qPrintable(e.message));
    }

    void encodings()
    {
        QCOMPARE(http::percentEncode(QStringLiteral("a b/c+d~e_f.g-h"), true),
                 QByteArray("a%20b/c%2Bd~e_f.g-h"));
        QCOMPARE(http::percentEncode(QStringLiteral("a/b=c&\u00fc"), false),
                 QByteArray("a%2Fb%3Dc%26%C3%BC"));
        QCOMPARE(http::rangeHeader(0, -1), QByteArray());
        QCOMPARE(http::rangeHeader(10, -1), QByteArray("Range: bytes=10-"));
        QCOMPARE(http::rangeHeader(10, 5), QByteArray("Range: bytes=10-14"));
        QCOMPARE(http::contentRangeTotal("bytes 0-9/1234"), qint64(1234));
        QCOMPARE(http::contentRangeTotal("bytes */77"), qint64(77));
        QCOMPARE(http::contentRangeTotal("bytes 0-9/*"), qint64(-1));
        QCOMPARE(http::xmlErrorCode(s3Error("NoSuchKey")), QStringLiteral("NoSuchKey"));
        QCOMPARE(http::xmlErrorCode("Not Found"), QString());
    }

    void refusedAndUnknownHost()
    {
        // A port that was just free: bound, then closed.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        http::Client refused(QStringLiteral("127.0.0.1:%1").arg(port), {});
        http::Request r;
        r.url = "http://127.0.0.1:" + QByteArray::number(port) + "/x";
        auto result = refused.perform(r, {});
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Network);
        QVERIFY2(
            result.error().message.contains(QStringLiteral("connection to 127.0.0.1:%1 refused").arg(port)),
            qPrintable(result.error().message));

        http::Client unknown(QStringLiteral("no-such-host.invalid"), {});
        r.url = "http://no-such-host.invalid/x";
        result = unknown.perform(r, {});
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Network);
        QVERIFY2(result.error().message.contains(QLatin1String("cannot find host no-such-host.invalid")),
                 qPrintable(result.error().message));
    }

    // https to a server that speaks plain HTTP: the handshake fails, a network error naming TLS.
    void tlsHandshakeFails()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        connect(&server, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *s = server.nextPendingConnection();
            s->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            s->flush();
        });
        const QByteArray host = "127.0.0.1:" + QByteArray::number(server.serverPort());
        http::Client client(QString::fromLatin1(host), {});
        auto future = QtConcurrent::run([&] {
            http::Request r;
            r.url = "https://" + host + "/x";
            return client.perform(r, {});
        });
        QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 20000);
        const auto result = future.result();
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Network);
        QVERIFY2(result.error().message.startsWith(
                     QStringLiteral("TLS connection with %1 failed").arg(QString::fromLatin1(host))),
                 qPrintable(result.error().message));
    }

    // A self-signed certificate (openssl s_server): not trusted, which no retry cures.
    void untrustedCertificate()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QSKIP("no openssl command");
        QTemporaryDir dir;
        QProcess gen;
        gen.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                   dir.filePath(QStringLiteral("key.pem")), QStringLiteral("-out"),
                   dir.filePath(QStringLiteral("cert.pem")), QStringLiteral("-days"), QStringLiteral("1"),
                   QStringLiteral("-subj"), QStringLiteral("/CN=localhost")});
        QVERIFY(gen.waitForFinished(30000) && gen.exitCode() == 0);
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        QProcess server;
        server.start(
            QStringLiteral("openssl"),
            {QStringLiteral("s_server"), QStringLiteral("-accept"), QStringLiteral("127.0.0.1:%1").arg(port),
             QStringLiteral("-cert"), dir.filePath(QStringLiteral("cert.pem")), QStringLiteral("-key"),
             dir.filePath(QStringLiteral("key.pem")), QStringLiteral("-www"), QStringLiteral("-quiet")});
        QVERIFY(server.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QTcpSocket s;
                s.connectToHost(QHostAddress::LocalHost, port);
                return s.waitForConnected(200);
            }(),
            10000);
        const QString host = QStringLiteral("127.0.0.1:%1").arg(port);
        http::Client client(host, {});
        http::Request r;
        r.url = "https://" + host.toLatin1() + "/";
        auto result = client.perform(r, {});
        server.kill();
        server.waitForFinished();
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Auth);
        QVERIFY2(result.error().message.startsWith(
                     QStringLiteral("TLS certificate of %1 is not trusted").arg(host)),
                 qPrintable(result.error().message));
    }

    // openBackend()'s s3: and webdav: forms: only with an http(s) endpoint, and the URL's
    // mistakes said before any network call.
    void openBackendForms()
    {
        for (const QString &url : {QStringLiteral("s3://bucket/x"), QStringLiteral("WebDAV://server/"),
                                   QStringLiteral("webdav:ftp://server/")}) {
            auto r = openBackend(url);
            QVERIFY(!r);
            QCOMPARE(r.error().code, ErrorCode::Unsupported);
        }
        qputenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        qputenv("AWS_SECRET_ACCESS_KEY", "secret");
        auto noBucket = openBackend(QStringLiteral("s3:https://s3.example.com/"));
        QVERIFY(!noBucket);
        QCOMPARE(noBucket.error().code, ErrorCode::InvalidArgument);
        auto s3 = openBackend(QStringLiteral("s3:https://s3.example.com:9000/bucket/some/prefix"));
        QVERIFY(s3);
        QCOMPARE((*s3)->location(), QStringLiteral("s3:https://s3.example.com:9000/bucket/some/prefix"));
        qunsetenv("AWS_ACCESS_KEY_ID");
        qunsetenv("AWS_SECRET_ACCESS_KEY");
        auto dav = openBackend(
            QStringLiteral("webdav:https://ana:s3cret@dav.example.com/remote.php/dav/files/ana/backup"));
        QVERIFY(dav);
        QCOMPARE((*dav)->location(),
                 QStringLiteral("webdav:https://dav.example.com/remote.php/dav/files/ana/backup"));
    }

    void cancelledBeforeStart()
    {
        http::Client client(QStringLiteral("127.0.0.1:1"), {});
        const CancelToken token = CancelToken::make();
        token.cancel();
        http::Request r;
        r.url = "http://127.0.0.1:1/";
        auto result = client.perform(r, token);
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestHttp)
#include "tst_http.moc"
