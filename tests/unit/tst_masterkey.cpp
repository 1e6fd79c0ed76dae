// Tests master key generation and password-wrapped key files: round trips, wrong passwords,
// damaged and hostile key files.
#include "crypto/MasterKey.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace strata;

namespace {

// Fast parameters: the format is the same, the tests do not wait for a real KDF.
const KdfParams Fast{1, 64 * 1024};

QJsonObject toObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson();
}

} // namespace

class TestMasterKey final : public QObject
{
    Q_OBJECT

private:
    MasterKey m_key;
    QByteArray m_file; // m_key wrapped under "correct horse" with Fast

private Q_SLOTS:
    void initTestCase()
    {
        m_key = MasterKey::generate();
        auto wrapped = wrapMasterKey(m_key, QStringLiteral("correct horse"), Fast);
        QVERIFY2(wrapped.ok(), qPrintable(wrapped.ok() ? QString() : wrapped.error().message));
        m_file = *wrapped;
    }

    void generate()
    {
        const MasterKey a = MasterKey::generate(), b = MasterKey::generate();
        QVERIFY(a.isValid());
        QCOMPARE(a.encryptionKey.size(), 32);
        QCOMPARE(a.idKey.size(), 32);
        QVERIFY(a.encryptionKey != a.idKey);
        QVERIFY(a.encryptionKey != b.encryptionKey);
        QVERIFY(a.idKey != b.idKey);
        QVERIFY(a.chunkerSeed != b.chunkerSeed);
        QVERIFY(!MasterKey().isValid());
    }

    void roundTrip()
    {
        auto opened = unwrapMasterKey(m_file, QStringLiteral("correct horse"));
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        QCOMPARE(opened->encryptionKey, m_key.encryptionKey);
        QCOMPARE(opened->idKey, m_key.idKey);
        QCOMPARE(opened->chunkerSeed, m_key.chunkerSeed);
    }

    void seedKeepsAllBits()
    {
        // JSON numbers are doubles: a 64-bit seed must survive anyway.
        MasterKey key = MasterKey::generate();
        key.chunkerSeed = 0xfedcba9876543211ull;
        auto file = wrapMasterKey(key, QStringLiteral("pw"), Fast);
        QVERIFY(file.ok());
        QCOMPARE(unwrapMasterKey(*file, QStringLiteral("pw")).value().chunkerSeed, 0xfedcba9876543211ull);
    }

    void defaultParameters()
    {
        // The real cost once, so the defaults are known to work (46 MiB, 4 passes).
        QCOMPARE(KdfParams().opsLimit, 4u);
        QCOMPARE(KdfParams().memLimit, quint64(46) << 20);
        QElapsedTimer t;
        t.start();
        auto file = wrapMasterKey(m_key, QStringLiteral("pw"));
        QVERIFY(file.ok());
        auto opened = unwrapMasterKey(*file, QStringLiteral("pw"));
        QVERIFY(opened.ok());
        QCOMPARE(opened->idKey, m_key.idKey);
        qInfo("default Argon2id: %lld ms for wrap + unwrap", t.elapsed());
        auto info = readKeyFileInfo(*file);
        QVERIFY(info.ok());
        QCOMPARE(info->kdf.memLimit, quint64(46) << 20);
        QCOMPARE(info->kdf.opsLimit, 4u);
    }

    void fileFormat()
    {
        const QJsonObject o = toObject(m_file);
        QCOMPARE(o.value(QLatin1String("version")).toInt(), 1);
        QCOMPARE(o.value(QLatin1String("kdf")).toString(), QStringLiteral("argon2id"));
        QCOMPARE(o.value(QLatin1String("ops")).toInteger(), 1);
        QCOMPARE(o.value(QLatin1String("mem")).toInteger(), 64 * 1024);
        auto salt = QByteArray::fromBase64Encoding(o.value(QLatin1String("salt")).toString().toLatin1(),
                                                   QByteArray::AbortOnBase64DecodingErrors);
        QVERIFY(salt);
        QCOMPARE((*salt).size(), 16);
        auto data = QByteArray::fromBase64Encoding(o.value(QLatin1String("data")).toString().toLatin1(),
                                                   QByteArray::AbortOnBase64DecodingErrors);
        QVERIFY(data);
        QVERIFY((*data).size() > 24 + 16 + 64); // nonce, tag, two keys
        const QDateTime created =
            QDateTime::fromString(o.value(QLatin1String("created")).toString(), Qt::ISODateWithMs);
        QVERIFY(created.isValid());
        QVERIFY(qAbs(created.secsTo(QDateTime::currentDateTimeUtc())) < 120);
        QVERIFY(o.contains(QLatin1String("host")));
        QVERIFY(o.contains(QLatin1String("user")));

        // No key material in clear, in any usual encoding.
        for (const QByteArray &secret : {m_key.encryptionKey, m_key.idKey}) {
            QVERIFY(!m_file.contains(secret));
            QVERIFY(!m_file.contains(secret.toBase64()));
            QVERIFY(!m_file.contains(secret.toHex()));
            QVERIFY(!(*data).contains(secret.left(8)));
        }
        // Salt and nonce are fresh on every wrap.
        auto again = wrapMasterKey(m_key, QStringLiteral("correct horse"), Fast);
        QVERIFY(again.ok());
        QVERIFY(toObject(*again).value(QLatin1String("salt")) != o.value(QLatin1String("salt")));
        QVERIFY(toObject(*again).value(QLatin1String("data")) != o.value(QLatin1String("data")));
    }

    void keyFileInfo()
    {
        auto info = readKeyFileInfo(m_file);
        QVERIFY(info.ok());
        QCOMPARE(info->kdf.opsLimit, Fast.opsLimit);
        QCOMPARE(info->kdf.memLimit, Fast.memLimit);
        QVERIFY(info->created.isValid());
        QCOMPARE(info->host, toObject(m_file).value(QLatin1String("host")).toString());
        QCOMPARE(info->user, toObject(m_file).value(QLatin1String("user")).toString());
    }

    void wrongPassword_data()
    {
        QTest::addColumn<QString>("password");
        QTest::newRow("other") << QStringLiteral("battery staple");
        QTest::newRow("empty") << QString();
        QTest::newRow("case") << QStringLiteral("Correct horse");
        QTest::newRow("trailing space") << QStringLiteral("correct horse ");
    }
    void wrongPassword()
    {
        QFETCH(QString, password);
        auto r = unwrapMasterKey(m_file, password);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::WrongPassword);
        QVERIFY(!r.error().message.isEmpty());
    }

    void unicodePasswordIsNormalized()
    {
        // "é" precomposed when wrapping, decomposed (e + combining acute) when opening.
        const QString composed = QStringLiteral("caf\u00e9 \u00fcber");
        const QString decomposed = QStringLiteral("cafe\u0301 u\u0308ber");
        QVERIFY(composed != decomposed);
        auto file = wrapMasterKey(m_key, composed, Fast);
        QVERIFY(file.ok());
        auto opened = unwrapMasterKey(*file, decomposed);
        QVERIFY(opened.ok());
        QCOMPARE(opened->encryptionKey, m_key.encryptionKey);
    }

    void tamperedSecret()
    {
        // A flipped bit in the sealed part cannot be told from a wrong password.
        QJsonObject o = toObject(m_file);
        QByteArray data = QByteArray::fromBase64(o.value(QLatin1String("data")).toString().toLatin1());
        data[30] = char(data[30] ^ 1);
        o.insert(QLatin1String("data"), QString::fromLatin1(data.toBase64()));
        auto r = unwrapMasterKey(toJson(o), QStringLiteral("correct horse"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::WrongPassword);
        // Changing the salt changes the derived key: also a failed authentication.
        o = toObject(m_file);
        o.insert(QLatin1String("salt"), QString::fromLatin1(QByteArray(16, 'x').toBase64()));
        QCOMPARE(unwrapMasterKey(toJson(o), QStringLiteral("correct horse")).error().code,
                 ErrorCode::WrongPassword);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<int>("code");
        const QJsonObject good = toObject(m_file);
        const auto with = [&](const char *field, const QJsonValue &value) {
            QJsonObject o = good;
            o.insert(QLatin1String(field), value);
            return toJson(o);
        };
        const auto without = [&](const char *field) {
            QJsonObject o = good;
            o.remove(QLatin1String(field));
            return toJson(o);
        };
        const int corrupt = int(ErrorCode::Corrupt), unsupported = int(ErrorCode::Unsupported);
        QTest::newRow("empty") << QByteArray() << corrupt;
        QTest::newRow("not json") << QByteArray("hello") << corrupt;
        QTest::newRow("truncated json") << m_file.left(m_file.size() / 2) << corrupt;
        QTest::newRow("array") << QByteArray("[1,2]") << corrupt;
        QTest::newRow("no version") << without("version") << corrupt;
        QTest::newRow("version 2") << with("version", 2) << unsupported;
        QTest::newRow("unknown kdf") << with("kdf", QStringLiteral("scrypt")) << unsupported;
        QTest::newRow("no kdf") << without("kdf") << unsupported;
        QTest::newRow("no salt") << without("salt") << corrupt;
        QTest::newRow("salt not base64") << with("salt", QStringLiteral("!!!!")) << corrupt;
        QTest::newRow("short salt") << with("salt", QString::fromLatin1(QByteArray(8, 's').toBase64()))
                                    << corrupt;
        QTest::newRow("no data") << without("data") << corrupt;
        QTest::newRow("data not base64") << with("data", QStringLiteral("a*b")) << corrupt;
        QTest::newRow("short data") << with("data", QString::fromLatin1(QByteArray(30, 'd').toBase64()))
                                    << corrupt;
        QTest::newRow("no ops") << without("ops") << corrupt;
        QTest::newRow("ops string") << with("ops", QStringLiteral("3")) << corrupt;
        QTest::newRow("ops zero") << with("ops", 0) << corrupt;
        QTest::newRow("ops huge") << with("ops", 1e9) << corrupt;
        QTest::newRow("ops fraction") << with("ops", 1.5) << corrupt;
        QTest::newRow("mem negative") << with("mem", -1) << corrupt;
        QTest::newRow("mem tiny") << with("mem", 1024) << corrupt;
        QTest::newRow("mem 8 GiB") << with("mem", 8.0 * 1024 * 1024 * 1024) << corrupt;
        QTest::newRow("mem 1 TiB") << with("mem", 1024.0 * 1024 * 1024 * 1024) << corrupt;
        QTest::newRow("mem 4 GiB") << with("mem", 4.0 * 1024 * 1024 * 1024) << corrupt;
        {
            // Each bound alone allowed, together minutes of work before the password is checked.
            QJsonObject o = good;
            o.insert(QLatin1String("mem"), 1024.0 * 1024 * 1024);
            o.insert(QLatin1String("ops"), 64);
            QTest::newRow("1 GiB x 64 passes") << toJson(o) << corrupt;
        }
        QTest::newRow("mem 1e300") << with("mem", 1e300) << corrupt;
    }
    void malformed()
    {
        QFETCH(QByteArray, file);
        QFETCH(int, code);
        QElapsedTimer t;
        t.start();
        auto r = unwrapMasterKey(file, QStringLiteral("correct horse"));
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error().code), code);
        QVERIFY(!r.error().message.isEmpty());
        // Rejected before deriving anything: a hostile file costs no time or memory.
        QVERIFY(t.elapsed() < 2000);
        auto info = readKeyFileInfo(file);
        QVERIFY(!info.ok());
        QCOMPARE(int(info.error().code), code);
    }

    void wrapRejectsBadInput()
    {
        auto r = wrapMasterKey(MasterKey(), QStringLiteral("pw"), Fast);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        r = wrapMasterKey(m_key, QStringLiteral("pw"), KdfParams{0, Fast.memLimit});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        r = wrapMasterKey(m_key, QStringLiteral("pw"), KdfParams{1, KdfParams::MaxMemLimit + 1});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TestMasterKey)
#include "tst_masterkey.moc"
