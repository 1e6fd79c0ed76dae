// The in-memory blob index: lookups after growth, the pack list format, and what it costs.
#include "crypto/Crypto.h"
#include "repo/Index.h"

#include <QTest>

using namespace strata;

class TestIndex final : public QObject
{
    Q_OBJECT

private:
    static BlobId idOf(int i) { return crypto::sha256(QByteArray::number(i)); }

private Q_SLOTS:
    void findsEveryBlobAfterGrowing()
    {
        Index index;
        const int n = 200000;
        std::vector<BlobId> packs{idOf(-1), idOf(-2), idOf(-3)};
        for (int i = 0; i < n; ++i) {
            PackedBlob b{idOf(i),        i % 7 ? BlobType::Data : BlobType::Tree,
                         quint32(i),     quint32(i + 1),
                         quint32(i + 2), bool(i % 2)};
            index.add(packs[i % 3], b);
        }
        QCOMPARE(index.size(), n);
        QCOMPARE(index.packCount(), 3);
        for (int i = 0; i < n; i += 997) {
            auto loc = index.find(idOf(i));
            QVERIFY(loc);
            QCOMPARE(loc->pack, packs[i % 3]);
            QCOMPARE(loc->offset, quint32(i));
            QCOMPARE(loc->length, quint32(i + 1));
            QCOMPARE(loc->rawLength, quint32(i + 2));
            QCOMPARE(loc->compressed, bool(i % 2));
            QCOMPARE(loc->type, i % 7 ? BlobType::Data : BlobType::Tree);
        }
        QVERIFY(!index.contains(idOf(n + 1)));
        // The figure the design promises: tables between 53% and 80% full, 52 bytes a slot.
        const double perBlob = double(index.memoryBytes()) / n;
        qInfo("index memory: %.1f bytes per blob", perBlob);
        QVERIFY(perBlob < 100);
    }

    void reservedIndexNeverGrows()
    {
        Index index;
        index.add(idOf(-1), PackedBlob{idOf(-5), BlobType::Data, 0, 1, 1, false});
        const int n = 50000;
        index.reserve(index.size() + n);
        const qsizetype reserved = index.memoryBytes();
        for (int i = 0; i < n; ++i)
            index.add(idOf(-1), PackedBlob{idOf(i), BlobType::Data, quint32(i), 1, 1, false});
        QCOMPARE(index.memoryBytes(), reserved);
        // Sized for them, not for twice as many: 80% full plus the slack an uneven spread over
        // the tables needs (30% at 50,000 blobs, 6% at a million).
        const double perBlob = double(reserved) / n;
        qInfo("reserved index memory: %.1f bytes per blob", perBlob);
        QVERIFY(perBlob < 90);
        QCOMPARE(index.size(), n + 1);
        QVERIFY(index.find(idOf(-5))); // entries from before the reserve stay
        QCOMPARE(index.find(idOf(n - 1))->offset, quint32(n - 1));
    }

    void addingTwiceKeepsOneEntry()
    {
        Index index;
        PackedBlob b{idOf(1), BlobType::Data, 1, 2, 3, false};
        index.add(idOf(100), b);
        index.add(idOf(101), b);
        QCOMPARE(index.size(), 1);
    }

    void packListRoundTrip()
    {
        std::vector<PackContents> packs(2);
        packs[0].pack = idOf(10);
        packs[0].blobs = {{idOf(1), BlobType::Data, 0, 100, 200, true},
                          {idOf(2), BlobType::Tree, 100, 50, 50, false}};
        packs[1].pack = idOf(11);
        packs[1].blobs = {{idOf(3), BlobType::Data, 0, 0xffffffffu, 7, false}};
        auto parsed = parsePackList(serializePackList(packs));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->size(), std::size_t(2));
        QCOMPARE((*parsed)[0].blobs[1].type, BlobType::Tree);
        QCOMPARE((*parsed)[0].blobs[0].compressed, true);
        QCOMPARE((*parsed)[1].blobs[0].length, 0xffffffffu);
        QVERIFY(!parsePackList(serializePackList(packs).chopped(1)).ok());

        // The streaming parser sees the same entries, in order, with their packs.
        std::vector<std::pair<BlobId, PackedBlob>> seen;
        auto count =
            forEachPackedBlob(serializePackList(packs),
                              [&](const BlobId &pack, const PackedBlob &b) { seen.emplace_back(pack, b); });
        QVERIFY(count.ok());
        QCOMPARE(*count, qsizetype(3));
        QCOMPARE(seen.size(), std::size_t(3));
        QCOMPARE(seen[1].first, idOf(10));
        QCOMPARE(seen[1].second.id, idOf(2));
        QCOMPARE(seen[2].first, idOf(11));
        QCOMPARE(seen[2].second.length, 0xffffffffu);
        QVERIFY(!forEachPackedBlob(serializePackList(packs).chopped(1), {}).ok());
    }
};

QTEST_GUILESS_MAIN(TestIndex)
#include "tst_index.moc"
