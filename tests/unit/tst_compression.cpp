// Tests zstd blob compression: round trips, the "does not shrink" rule, the cheap probe for
// random data, damaged input, and throughput (printed only).
#include "repo/Compression.h"

#include <QElapsedTimer>
#include <QtConcurrent>
#include <QTest>

#include <ctime>
#include <random>

using namespace strata;

namespace {

QByteArray randomData(qsizetype size, std::uint64_t seed)
{
    QByteArray out(size, Qt::Uninitialized);
    std::mt19937_64 rng(seed);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = char(rng() >> 17);
    return out;
}

// Something like source code or documents: words from a small vocabulary.
QByteArray textData(qsizetype size, std::uint64_t seed)
{
    static const char *words[] = {
        "backup ",      "version ",  "folder ", "restore ",        "the ", "of ",  "and ",
        "repository\n", "snapshot ", "chunk ",  "{ return x; }\n", "int ", "file "};
    std::mt19937_64 rng(seed);
    QByteArray out;
    out.reserve(size + 32);
    while (out.size() < size)
        out.append(words[rng() % (sizeof words / sizeof *words)]);
    out.truncate(size);
    return out;
}

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

} // namespace

class TestCompression final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("level");
        QTest::newRow("text 1 MiB level 3") << textData(1 << 20, 1) << 3;
        QTest::newRow("text 1 MiB level 1") << textData(1 << 20, 2) << 1;
        QTest::newRow("text 1 MiB level 19") << textData(1 << 20, 3) << 19;
        QTest::newRow("text 1 MiB negative level") << textData(1 << 20, 3) << -5;
        QTest::newRow("small text") << QByteArray(
                                           "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
                                    << 3;
        QTest::newRow("zeros 4 MiB") << QByteArray(4 << 20, '\0') << 3;
        QTest::newRow("text 64 KiB exactly") << textData(64 * 1024, 4) << 3;
        QTest::newRow("text just above probe size") << textData(64 * 1024 + 1, 5) << 3;
    }
    void roundTrip()
    {
        QFETCH(QByteArray, data);
        QFETCH(int, level);
        const auto packed = compression::compress(data, level);
        QVERIFY(packed.has_value());
        QVERIFY(packed->size() <= data.size() - data.size() / 64);
        QVERIFY(packed->size() < data.size());
        auto back = compression::decompress(*packed, data.size());
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
        QCOMPARE(*back, data);
    }

    void incompressible_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("one byte") << QByteArray("x");
        QTest::newRow("random 100 B") << randomData(100, 1);
        QTest::newRow("random 60 KiB (no probe)") << randomData(60 * 1024, 2);
        QTest::newRow("random 1 MiB") << randomData(1 << 20, 3);
        QTest::newRow("random 4 MiB") << randomData(4 << 20, 4);
        // Shrinks, but by less than 1/64: not worth a decompression on every read.
        QByteArray almost = randomData(1 << 20, 5);
        almost.replace(100000, 8000, QByteArray(8000, '\0')); // ~0.8 % compressible
        QTest::newRow("random with 0.8 % zeros") << almost;
    }
    void incompressible()
    {
        QFETCH(QByteArray, data);
        QVERIFY(!compression::compress(data, 3).has_value());
    }

    void mixedDataCompresses()
    {
        // Half zeros, half random in 64 KiB stripes: the probe must not call this random.
        QByteArray data;
        for (int i = 0; i < 16; ++i)
            data += (i % 2) ? randomData(64 * 1024, quint64(i)) : QByteArray(64 * 1024, '\0');
        const auto packed = compression::compress(data, 3);
        QVERIFY(packed.has_value());
        QVERIFY(packed->size() < data.size() * 6 / 10);
        QCOMPARE(compression::decompress(*packed, data.size()).value(), data);
    }

    void probeMakesRandomCheap()
    {
        // Random data costs far less than compressing it: the probe looks at 12 KiB only.
        const QByteArray random = randomData(4 << 20, 9);
        const QByteArray text = textData(4 << 20, 9);
        qint64 t0 = threadCpuNs();
        for (int i = 0; i < 8; ++i)
            QVERIFY(!compression::compress(random, 3).has_value());
        const qint64 randomNs = threadCpuNs() - t0;
        t0 = threadCpuNs();
        for (int i = 0; i < 8; ++i)
            QVERIFY(compression::compress(text, 3).has_value());
        const qint64 textNs = threadCpuNs() - t0;
        qInfo("4 MiB random: %.2f ms per call; 4 MiB text: %.2f ms per call", randomNs / 8e6, textNs / 8e6);
        // A wide margin: the probe is ~300x cheaper; a full zstd run would be about as slow.
        QVERIFY(randomNs * 10 < textNs);
    }

    void wrongSizeIsCorrupt()
    {
        const QByteArray data = textData(100000, 7);
        const auto packed = compression::compress(data, 3);
        QVERIFY(packed.has_value());
        for (qsizetype size : {qsizetype(0), data.size() - 1, data.size() + 1, data.size() * 2}) {
            auto r = compression::decompress(*packed, size);
            QVERIFY2(!r.ok(), qPrintable(QString::number(size)));
            QCOMPARE(r.error().code, ErrorCode::Corrupt);
            QVERIFY(!r.error().message.isEmpty());
        }
    }

    void damagedInputIsCorrupt()
    {
        const QByteArray data = textData(100000, 8);
        const QByteArray packed = compression::compress(data, 3).value();
        const QList<QByteArray> damaged = {
            QByteArray(),
            randomData(1000, 1),
            packed.left(packed.size() / 2),           // truncated
            packed.left(4),                           // magic only
            QByteArray(packed).replace(0, 4, "ZSTX"), // bad magic
            packed + packed.left(10),                 // trailing garbage
        };
        for (const QByteArray &bad : damaged) {
            auto r = compression::decompress(bad, data.size());
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, ErrorCode::Corrupt);
        }
        // The thread's context recovers after errors.
        QCOMPARE(compression::decompress(packed, data.size()).value(), data);
    }

    void refusesHugeSizes()
    {
        const QByteArray packed = compression::compress(QByteArray(1 << 20, '\0'), 3).value();
        for (qsizetype size : {qsizetype(-1), compression::MaxOriginalSize + 1, qsizetype(1) << 40}) {
            auto r = compression::decompress(packed, size);
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, ErrorCode::Corrupt);
        }
        // The limit itself is fine.
        const QByteArray big(compression::MaxOriginalSize, 'z');
        const auto packedBig = compression::compress(big, 1);
        QVERIFY(packedBig.has_value());
        QCOMPARE(compression::decompress(*packedBig, big.size()).value().size(), big.size());
    }

    void threadSafety()
    {
        QList<QByteArray> inputs;
        for (int i = 0; i < 32; ++i)
            inputs.append((i % 3) ? textData(50000 + i * 1000, quint64(i)) : randomData(100000, quint64(i)));
        QThreadPool pool;
        pool.setMaxThreadCount(4);
        std::atomic<int> failures{0};
        QList<int> indexes;
        for (int round = 0; round < 4; ++round)
            for (int i = 0; i < inputs.size(); ++i)
                indexes.append(i);
        QtConcurrent::blockingMap(&pool, indexes, [&](int i) {
            const QByteArray &in = inputs[i];
            const auto packed = compression::compress(in, 3);
            if (packed.has_value() != bool(i % 3)) {
                ++failures;
                return;
            }
            if (packed) {
                auto back = compression::decompress(*packed, in.size());
                if (!back.ok() || *back != in)
                    ++failures;
            }
        });
        QCOMPARE(failures.load(), 0);
    }

    void throughput()
    {
        const QByteArray text = textData(32 << 20, 11);
        const QByteArray random = randomData(32 << 20, 12);
        constexpr qsizetype Block = 1 << 20; // as the chunker would hand them over
        const auto run = [&](const char *what, auto &&fn) {
            QElapsedTimer wall;
            wall.start();
            const qint64 cpu0 = threadCpuNs();
            fn();
            const double cpu = double(threadCpuNs() - cpu0), w = double(wall.nsecsElapsed());
            qInfo("%-28s %7.0f MB/s (wall), %7.0f MB/s (cpu)", what, 32.0 * (1 << 20) / w * 1e3,
                  32.0 * (1 << 20) / cpu * 1e3);
        };
        QList<QByteArray> packed;
        run("zstd-3 compress text", [&] {
            for (qsizetype off = 0; off < text.size(); off += Block)
                packed.append(compression::compress(QByteArrayView(text).sliced(off, Block), 3).value());
        });
        qsizetype packedSize = 0;
        for (const QByteArray &p : packed)
            packedSize += p.size();
        qInfo("text ratio: %.2f", double(packedSize) / double(text.size()));
        run("zstd decompress text", [&] {
            for (const QByteArray &p : packed)
                QCOMPARE(compression::decompress(p, Block).value().size(), Block);
        });
        run("random (probe skips)", [&] {
            for (qsizetype off = 0; off < random.size(); off += Block)
                QVERIFY(!compression::compress(QByteArrayView(random).sliced(off, Block), 3));
        });
    }
};

QTEST_GUILESS_MAIN(TestCompression)
#include "tst_compression.moc"
