// Tests FastCDC chunking: cut() contract, determinism, size distribution, re-synchronisation
// after an edit, per-seed boundaries, and the throughput of the inner loop (printed only).
#include "chunk/Chunker.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QSet>
#include <QTest>

#include <ctime>
#include <random>

using namespace strata;

namespace {

QByteArray randomData(qsizetype size, std::uint64_t seed)
{
    QByteArray out(size, Qt::Uninitialized);
    std::mt19937_64 rng(seed);
    qsizetype i = 0;
    for (; i + 8 <= size; i += 8) {
        const std::uint64_t v = rng();
        std::memcpy(out.data() + i, &v, 8);
    }
    for (; i < size; ++i)
        out[i] = char(rng());
    return out;
}

// Chunk lengths of all of data, feeding cut() the whole rest each time as a caller would.
QList<qsizetype> chunkAll(const Chunker &chunker, const QByteArray &data)
{
    QList<qsizetype> sizes;
    const auto *p = reinterpret_cast<const std::uint8_t *>(data.constData());
    std::size_t off = 0;
    const std::size_t len = std::size_t(data.size());
    while (off < len) {
        const std::size_t n = chunker.cut(p + off, len - off);
        if (n == 0 || n > len - off)
            return {}; // a broken cut(); the callers' checks fail on the empty list
        sizes.append(qsizetype(n));
        off += n;
    }
    return sizes;
}

// End offsets of the chunks.
QSet<qsizetype> boundaries(const QList<qsizetype> &sizes)
{
    QSet<qsizetype> out;
    qsizetype off = 0;
    for (qsizetype s : sizes)
        out.insert(off += s);
    return out;
}

QSet<QByteArray> chunkHashes(const QByteArray &data, const QList<qsizetype> &sizes)
{
    QSet<QByteArray> out;
    qsizetype off = 0;
    for (qsizetype s : sizes) {
        out.insert(QCryptographicHash::hash(QByteArrayView(data).sliced(off, s), QCryptographicHash::Sha256));
        off += s;
    }
    return out;
}

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

const ChunkerParams Small{2 * 1024, 8 * 1024, 32 * 1024, 42};

} // namespace

class TestChunker final : public QObject
{
    Q_OBJECT

private:
    QByteArray m_big = randomData(64 << 20, 1); // 64 MiB, shared by several tests

    void checkBounds(const ChunkerParams &params, const QByteArray &data)
    {
        const Chunker chunker(params);
        const QList<qsizetype> sizes = chunkAll(chunker, data);
        QVERIFY(!sizes.isEmpty());
        qsizetype total = 0;
        for (qsizetype i = 0; i < sizes.size(); ++i) {
            total += sizes[i];
            QVERIFY2(sizes[i] <= qsizetype(params.maxSize), qPrintable(QString::number(sizes[i])));
            if (i + 1 < sizes.size())
                QVERIFY2(sizes[i] >= qsizetype(params.minSize), qPrintable(QString::number(sizes[i])));
        }
        QCOMPARE(total, data.size());
    }

private Q_SLOTS:
    void cutContract()
    {
        const Chunker chunker(Small);
        const QByteArray data = randomData(256 * 1024, 7);
        const auto *p = reinterpret_cast<const std::uint8_t *>(data.constData());
        QCOMPARE(chunker.cut(p, 0), std::size_t(0));
        QCOMPARE(chunker.cut(p, 1), std::size_t(1));
        // Up to minSize the rest of the data is one chunk.
        QCOMPARE(chunker.cut(p, Small.minSize - 1), std::size_t(Small.minSize - 1));
        QCOMPARE(chunker.cut(p, Small.minSize), std::size_t(Small.minSize));
        // Whatever the length offered, never beyond maxSize nor below minSize.
        for (std::size_t len :
             {std::size_t(Small.minSize + 1), std::size_t(Small.avgSize), std::size_t(Small.maxSize),
              std::size_t(Small.maxSize + 1), std::size_t(data.size())}) {
            const std::size_t n = chunker.cut(p, len);
            QVERIFY(n >= Small.minSize);
            QVERIFY(n <= std::min<std::size_t>(len, Small.maxSize));
        }
        // A cut found in a long buffer is found at the same place in any buffer that holds it.
        const std::size_t first = chunker.cut(p, std::size_t(data.size()));
        QVERIFY(first < Small.maxSize);
        QCOMPARE(chunker.cut(p, first), first);
        QCOMPARE(chunker.cut(p, first + 1), first);
        QCOMPARE(chunker.cut(p, Small.maxSize), first);
        // Shorter than the first cut: the whole rest comes back (end of the data).
        QCOMPARE(chunker.cut(p, first - 1), first - 1);
    }

    void bounds_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("random") << 0;
        QTest::newRow("zeros") << 1;
        QTest::newRow("repeating text") << 2;
        QTest::newRow("odd tail") << 3;
    }
    void bounds()
    {
        QFETCH(int, kind);
        QByteArray data;
        switch (kind) {
        case 0:
            data = randomData(4 << 20, 3);
            break;
        case 1:
            data = QByteArray(4 << 20, '\0');
            break;
        case 2:
            data = QByteArray("the quick brown fox jumps over the lazy dog. ").repeated(100000);
            break;
        case 3:
            data = randomData((4 << 20) + 12345, 4);
            break;
        }
        checkBounds(Small, data);
        checkBounds(ChunkerParams{}, data);
        checkBounds(ChunkerParams{256 * 1024, 1024 * 1024, 4 * 1024 * 1024, 0xdeadbeef}, data);
    }

    void zerosGiveMaxChunks()
    {
        // No content to cut on: a constant input must not produce tiny chunks.
        const Chunker chunker(Small);
        const QList<qsizetype> sizes = chunkAll(chunker, QByteArray(1 << 20, '\0'));
        QVERIFY(!sizes.isEmpty());
        const qsizetype first = sizes.first();
        for (qsizetype i = 0; i + 1 < sizes.size(); ++i)
            QCOMPARE(sizes[i], first);
    }

    void deterministic()
    {
        const QByteArray data = m_big.left(16 << 20);
        const QList<qsizetype> a = chunkAll(Chunker(ChunkerParams{}), data);
        const QList<qsizetype> b = chunkAll(Chunker(ChunkerParams{}), data);
        QVERIFY(a.size() > 4);
        QCOMPARE(a, b);
        const QList<qsizetype> c = chunkAll(Chunker(Small), data);
        QCOMPARE(c, chunkAll(Chunker(Small), data));
    }

    void averageSize_data()
    {
        QTest::addColumn<quint32>("minSize");
        QTest::addColumn<quint32>("avgSize");
        QTest::addColumn<quint32>("maxSize");
        QTest::newRow("default 256K/1M/4M")
            << quint32(256 * 1024) << quint32(1024 * 1024) << quint32(4 * 1024 * 1024);
        QTest::newRow("64K/256K/1M") << quint32(64 * 1024) << quint32(256 * 1024) << quint32(1024 * 1024);
        QTest::newRow("2K/8K/32K") << quint32(2 * 1024) << quint32(8 * 1024) << quint32(32 * 1024);
    }
    void averageSize()
    {
        QFETCH(quint32, minSize);
        QFETCH(quint32, avgSize);
        QFETCH(quint32, maxSize);
        const QList<qsizetype> sizes = chunkAll(Chunker(ChunkerParams{minSize, avgSize, maxSize, 99}), m_big);
        QVERIFY(!sizes.isEmpty());
        const double mean = double(m_big.size()) / double(sizes.size());
        int atMax = 0;
        for (qsizetype s : sizes)
            atMax += s == qsizetype(maxSize);
        qInfo("avg %u: %lld chunks, mean %.0f (%.2f x avg), %d at max", avgSize, qint64(sizes.size()), mean,
              mean / avgSize, atMax);
        QVERIFY2(mean > 0.7 * avgSize && mean < 1.3 * avgSize, qPrintable(QString::number(mean)));
        // Normalized chunking keeps forced cuts at maxSize rare.
        QVERIFY(atMax <= sizes.size() / 20 + 1);
    }

    void insertionResynchronises()
    {
        const QByteArray original = m_big.left(32 << 20);
        QByteArray edited = original;
        const qsizetype editAt = original.size() / 2 + 12345;
        edited.insert(editAt, "HELLO", 5);

        for (const ChunkerParams &params : {ChunkerParams{}, Small}) {
            const Chunker chunker(params);
            const QList<qsizetype> a = chunkAll(chunker, original);
            const QList<qsizetype> b = chunkAll(chunker, edited);
            const QSet<QByteArray> ha = chunkHashes(original, a);
            const QSet<QByteArray> hb = chunkHashes(edited, b);
            const qsizetype changed = hb.size() - QSet<QByteArray>(hb).intersect(ha).size();
            qInfo("avg %u: %lld of %lld chunks changed by a 5-byte insertion", params.avgSize,
                  qint64(changed), qint64(b.size()));
            QVERIFY(changed >= 1);
            QVERIFY2(changed <= 3, qPrintable(QString::number(changed)));

            // Boundaries before the edit are untouched; after it, all but those within a few
            // chunks of the edit reappear shifted by 5 bytes.
            const QSet<qsizetype> ba = boundaries(a), bb = boundaries(b);
            int before = 0, after = 0, afterSame = 0;
            for (qsizetype x : ba) {
                if (x < editAt) {
                    ++before;
                    QVERIFY(bb.contains(x));
                } else if (x > editAt + 3 * qsizetype(params.maxSize)) {
                    ++after;
                    afterSame += bb.contains(x + 5);
                }
            }
            QVERIFY(before > 0);
            QVERIFY(after > 0);
            QCOMPARE(afterSame, after);
        }
    }

    void seedChangesBoundaries()
    {
        const QByteArray data = m_big.left(8 << 20);
        ChunkerParams p1 = Small, p2 = Small;
        p1.seed = 1;
        p2.seed = 2;
        const QSet<qsizetype> b1 = boundaries(chunkAll(Chunker(p1), data));
        const QSet<qsizetype> b2 = boundaries(chunkAll(Chunker(p2), data));
        QVERIFY(b1.size() > 100);
        const qsizetype common = QSet<qsizetype>(b1).intersect(b2).size() - 1; // the end is shared
        qInfo("seeds 1 and 2: %lld of %lld boundaries in common", qint64(common), qint64(b1.size()));
        QVERIFY(common < b1.size() / 10);
    }

    void throughput()
    {
        // Printed, not asserted: the figure depends on the machine and its load.
        const Chunker chunker(ChunkerParams{});
        QElapsedTimer wall;
        constexpr int Rounds = 4;
        wall.start();
        const qint64 cpu0 = threadCpuNs();
        qsizetype chunks = 0;
        for (int i = 0; i < Rounds; ++i)
            chunks += chunkAll(chunker, m_big).size();
        const double cpuNs = double(threadCpuNs() - cpu0);
        const double bytes = double(Rounds) * double(m_big.size());
        QVERIFY(chunks > 0);
        qInfo("chunker: %.0f MB/s (wall), %.0f MB/s (cpu)", bytes / double(wall.nsecsElapsed()) * 1e3,
              bytes / cpuNs * 1e3);
    }
};

QTEST_GUILESS_MAIN(TestChunker)
#include "tst_chunker.moc"
