// Tests BlobId hex conversion and the crypto primitives: known answers, tamper detection,
// thread safety, and throughput figures printed for the record.
#include "crypto/BlobId.h"
#include "crypto/Crypto.h"

#include <QElapsedTimer>
#include <QSet>
#include <QtConcurrent>

#include <ctime>
#include <QTest>

using namespace strata;

namespace {

QByteArray fromHex(const char *hex)
{
    return QByteArray::fromHex(hex);
}

// Wall time and this thread's CPU time: on a loaded machine the CPU figure is the fair one.
class Stopwatch final
{
public:
    Stopwatch() { restart(); }
    void restart()
    {
        m_wall.start();
        m_cpu = cpuNs();
    }
    void report(const char *what, qint64 bytes) const
    {
        const double wall = double(m_wall.nsecsElapsed()), cpu = double(cpuNs() - m_cpu);
        qInfo("%-14s %6.0f MB/s (wall), %6.0f MB/s (cpu)", what, wall > 0 ? bytes / wall * 1e3 : 0.0,
              cpu > 0 ? bytes / cpu * 1e3 : 0.0);
    }
    double cpuNsSince() const { return double(cpuNs() - m_cpu); }

private:
    static qint64 cpuNs()
    {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    }
    QElapsedTimer m_wall;
    qint64 m_cpu = 0;
};

} // namespace

class TestCrypto final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void blobIdHexRoundTrip()
    {
        BlobId id;
        for (int i = 0; i < 32; ++i)
            id.bytes[std::size_t(i)] = std::uint8_t(i * 7 + 3);
        const QString hex = id.toHex();
        QCOMPARE(hex.size(), 64);
        QCOMPARE(hex, QString::fromLatin1(id.toByteArray().toHex()));
        QCOMPARE(id.shortHex(), hex.left(8));
        const auto back = BlobId::fromHex(hex);
        QVERIFY(back.has_value());
        QCOMPARE(*back, id);
        // Upper case is accepted, output is lower case.
        QCOMPARE(BlobId::fromHex(hex.toUpper()).value(), id);
        QVERIFY(BlobId().isNull());
        QVERIFY(!id.isNull());
    }

    void blobIdRejectsBadHex_data()
    {
        QTest::addColumn<QString>("hex");
        const QString good = QString(64, u'a');
        QTest::newRow("empty") << QString();
        QTest::newRow("short") << good.left(63);
        QTest::newRow("long") << good + u'a';
        QTest::newRow("non-hex") << good.left(63) + u'g';
        QTest::newRow("space") << u' ' + good.left(63);
        QTest::newRow("unicode") << good.left(63) + QChar(0x0661); // Arabic-Indic digit one
    }
    void blobIdRejectsBadHex()
    {
        QFETCH(QString, hex);
        QVERIFY(!BlobId::fromHex(hex).has_value());
    }

    void randomBytes()
    {
        QCOMPARE(crypto::randomBytes(0).size(), 0);
        const QByteArray a = crypto::randomBytes(32), b = crypto::randomBytes(32);
        QCOMPARE(a.size(), 32);
        QVERIFY(a != b);
        QVERIFY(a != QByteArray(32, '\0'));
    }

    void sha256KnownAnswers()
    {
        QCOMPARE(crypto::sha256({}).toHex(),
                 QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(crypto::sha256("abc").toHex(),
                 QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(crypto::sha256(QByteArray(1000000, 'a')).toHex(),
                 QStringLiteral("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }

    void hmacKnownAnswers()
    {
        // RFC 4231, test cases 1 and 2.
        QCOMPARE(crypto::keyedId(QByteArray(20, '\x0b'), "Hi There").toHex(),
                 QStringLiteral("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));
        QCOMPARE(crypto::keyedId("Jefe", "what do ya want for nothing?").toHex(),
                 QStringLiteral("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        // Degenerate but well defined: empty key and message.
        QCOMPARE(crypto::keyedId({}, {}).toHex(),
                 QStringLiteral("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"));
    }

    void hmacKeyChanges()
    {
        // The per-thread context caches its key: switching keys back and forth must re-key.
        const QByteArray k1 = crypto::randomBytes(32), k2 = crypto::randomBytes(32);
        const QByteArray data = crypto::randomBytes(4096);
        const BlobId a1 = crypto::keyedId(k1, data);
        const BlobId b1 = crypto::keyedId(k2, data);
        QVERIFY(a1 != b1);
        QCOMPARE(crypto::keyedId(k1, data), a1);
        QCOMPARE(crypto::keyedId(k1, data), a1);
        QCOMPARE(crypto::keyedId(k2, data), b1);
        QVERIFY(crypto::keyedId(k1, data.left(4095)) != a1);
        QVERIFY(a1 != crypto::sha256(data));
        // Same length, same prefix, different key: still different.
        QByteArray k3 = k1;
        k3[31] = char(k3[31] ^ 1);
        QVERIFY(crypto::keyedId(k3, data) != a1);
    }

    void gcmKnownAnswers()
    {
        // NIST GCM specification test cases 13 and 14 (AES-256, zero key and IV), in our
        // nonce | ciphertext | tag layout.
        const QByteArray key(32, '\0');
        const QByteArray nonce(12, '\0');
        auto empty = crypto::open(key, QByteArray(nonce + fromHex("530f8afbc74536b9a963b4f1c4cb738b")));
        QVERIFY2(empty.ok(), qPrintable(empty.ok() ? QString() : empty.error().message));
        QCOMPARE(empty->size(), 0);
        const QByteArray zerosSealed =
            nonce + fromHex("cea7403d4d606b6e074ec5d3baf39d18") + fromHex("d0d1c8a799996bf0265b98b5d48ab919");
        auto zeros = crypto::open(key, zerosSealed);
        QVERIFY(zeros.ok());
        QCOMPARE(*zeros, QByteArray(16, '\0'));
    }

    void sealRoundTrip_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<QByteArray>("associated");
        QTest::newRow("empty") << 0 << QByteArray();
        QTest::newRow("one byte") << 1 << QByteArray("blob");
        QTest::newRow("block") << 16 << QByteArray();
        QTest::newRow("odd") << 1001 << QByteArray("tree:0123");
        QTest::newRow("1 MiB") << (1 << 20) << QByteArray(32, 'x');
    }
    void sealRoundTrip()
    {
        QFETCH(int, size);
        QFETCH(QByteArray, associated);
        const QByteArray key = crypto::randomBytes(32);
        const QByteArray plain = crypto::randomBytes(size);
        const QByteArray sealed = crypto::seal(key, plain, associated);
        QCOMPARE(sealed.size(), size + crypto::SealOverhead);
        if (size >= 16)
            QVERIFY(!sealed.contains(plain.left(16)));
        auto opened = crypto::open(key, sealed, associated);
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        QCOMPARE(*opened, plain);
        // Fresh nonce every time.
        const QByteArray again = crypto::seal(key, plain, associated);
        QVERIFY(again != sealed);
        QVERIFY(again.left(crypto::NonceSize) != sealed.left(crypto::NonceSize));
    }

    void openDetectsTampering()
    {
        const QByteArray key = crypto::randomBytes(32);
        const QByteArray plain = crypto::randomBytes(100);
        const QByteArray ad("data:abc");
        const QByteArray sealed = crypto::seal(key, plain, ad);

        // A flipped bit anywhere: nonce, ciphertext, tag.
        for (int pos : {0, 11, 12, 60, 111, int(sealed.size()) - 1}) {
            QByteArray bad = sealed;
            bad[pos] = char(bad[pos] ^ 0x10);
            auto r = crypto::open(key, bad, ad);
            QVERIFY2(!r.ok(), qPrintable(QStringLiteral("flip at %1 not detected").arg(pos)));
            QCOMPARE(r.error().code, ErrorCode::Corrupt);
            QVERIFY(!r.error().message.isEmpty());
        }
        // Wrong key, wrong or missing associated data.
        auto wrongKey = crypto::open(crypto::randomBytes(32), sealed, ad);
        QVERIFY(!wrongKey.ok());
        QCOMPARE(wrongKey.error().code, ErrorCode::Corrupt);
        QVERIFY(!crypto::open(key, sealed, "data:abd").ok());
        QVERIFY(!crypto::open(key, sealed).ok());
        // Truncation: shorter than the overhead, and missing the last byte.
        for (int len : {0, 1, crypto::SealOverhead - 1, int(sealed.size()) - 1}) {
            auto r = crypto::open(key, sealed.left(len), ad);
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, ErrorCode::Corrupt);
        }
        QVERIFY(crypto::open(key, sealed.left(crypto::SealOverhead - 1), ad)
                    .error()
                    .message.contains(QLatin1String("too short")));
        // Extra bytes appended.
        QVERIFY(!crypto::open(key, QByteArray(sealed + 'x'), ad).ok());
        // A bad key length is the caller's error, not corruption.
        auto shortKey = crypto::open(key.left(16), sealed, ad);
        QVERIFY(!shortKey.ok());
        QCOMPARE(shortKey.error().code, ErrorCode::InvalidArgument);
        // The original still opens: failures left no state behind in the thread's context.
        QCOMPARE(crypto::open(key, sealed, ad).value(), plain);
    }

    // authenticate() gives open()'s verdict without the plaintext, across its scratch buffer's
    // boundaries, and leaves no state that would fail the next open.
    void authenticateAgreesWithOpen()
    {
        const QByteArray key = crypto::randomBytes(32);
        const QByteArray ad("data:abc");
        for (int size : {0, 1, 65535, 65536, 65537, 3 * 65536 + 5}) {
            const QByteArray sealed = crypto::seal(key, crypto::randomBytes(size), ad);
            QVERIFY2(crypto::authenticate(key, sealed, ad).ok(), qPrintable(QString::number(size)));
            for (qsizetype pos : {qsizetype(0), sealed.size() / 2, sealed.size() - 1}) {
                QByteArray bad = sealed;
                bad[pos] = char(bad[pos] ^ 0x01);
                const Status s = crypto::authenticate(key, bad, ad);
                QVERIFY2(!s.ok(), qPrintable(QStringLiteral("flip at %1 of %2").arg(pos).arg(size)));
                QCOMPARE(s.error().code, ErrorCode::Corrupt);
                QVERIFY(!crypto::open(key, bad, ad).ok());
            }
            QVERIFY(!crypto::authenticate(key, sealed, "data:abd").ok());
            QVERIFY(!crypto::authenticate(crypto::randomBytes(32), sealed, ad).ok());
            QCOMPARE(crypto::authenticate(key, sealed.left(crypto::SealOverhead - 1), ad).error().code,
                     ErrorCode::Corrupt);
            QVERIFY(crypto::authenticate(key, sealed, ad).ok());
        }
        QCOMPARE(crypto::authenticate(key.left(16), crypto::seal(key, "x", ad), ad).error().code,
                 ErrorCode::InvalidArgument);
    }

    void threadSafety()
    {
        const QByteArray key = crypto::randomBytes(32);
        const QByteArray idKey = crypto::randomBytes(32);
        QList<QByteArray> inputs;
        for (int i = 0; i < 64; ++i)
            inputs.append(crypto::randomBytes(1000 + i * 997));
        QList<BlobId> expectedIds, expectedHashes;
        for (const QByteArray &in : inputs) {
            expectedIds.append(crypto::keyedId(idKey, in));
            expectedHashes.append(crypto::sha256(in));
        }
        QThreadPool pool;
        pool.setMaxThreadCount(4);
        std::atomic<int> failures{0};
        QList<int> indexes;
        for (int round = 0; round < 8; ++round)
            for (int i = 0; i < inputs.size(); ++i)
                indexes.append(i);
        QtConcurrent::blockingMap(&pool, indexes, [&](int i) {
            const QByteArray &in = inputs[i];
            // Alternating keys on the same thread exercise the cached HMAC key.
            const QByteArray otherKey = QByteArray(32, char(i));
            if (crypto::keyedId(otherKey, in) == expectedIds[i])
                ++failures;
            if (crypto::keyedId(idKey, in) != expectedIds[i] || crypto::sha256(in) != expectedHashes[i])
                ++failures;
            auto opened = crypto::open(key, crypto::seal(key, in, "ad"), "ad");
            if (!opened.ok() || *opened != in)
                ++failures;
        });
        QCOMPARE(failures.load(), 0);
    }

    void throughput()
    {
        // Figures for the record; timings are not asserted (shared CI machines vary).
        const QByteArray key = crypto::randomBytes(32);
        const QByteArray block = crypto::randomBytes(1 << 20);
        constexpr int Rounds = 128;
        const qint64 total = qint64(Rounds) * block.size();
        Stopwatch t;
        for (int i = 0; i < Rounds; ++i)
            crypto::sha256(block);
        t.report("sha256", total);

        t.restart();
        for (int i = 0; i < Rounds; ++i)
            crypto::keyedId(key, block);
        t.report("hmac-sha256", total);

        QByteArray sealed;
        t.restart();
        for (int i = 0; i < Rounds; ++i)
            sealed = crypto::seal(key, block);
        t.report("aes-gcm seal", total);

        t.restart();
        for (int i = 0; i < Rounds; ++i)
            QVERIFY(crypto::open(key, sealed).ok());
        t.report("aes-gcm open", total);

        // Small blobs (small files, tree nodes) show the per-call overhead.
        const QByteArray small = crypto::randomBytes(512);
        constexpr int SmallRounds = 100000;
        t.restart();
        for (int i = 0; i < SmallRounds; ++i)
            crypto::keyedId(key, small);
        qInfo("hmac-sha256 of 512 B: %.2f us/call (cpu)", t.cpuNsSince() / SmallRounds / 1000);
        t.restart();
        for (int i = 0; i < SmallRounds; ++i)
            crypto::seal(key, small);
        qInfo("aes-gcm seal of 512 B: %.2f us/call (cpu)", t.cpuNsSince() / SmallRounds / 1000);
    }
};

QTEST_GUILESS_MAIN(TestCrypto)
#include "tst_crypto.moc"
