// The buffer packs are built in: appends keep every byte in order across growth, the view
// shares the bytes without copying, and freeing it gives its memory back to the system.
#include "util/MappedBuffer.h"

#include <QFile>
#include <QTest>

using namespace strata;

namespace {

// Resident memory of this process, in bytes (the second field of /proc/self/statm, in pages).
qint64 residentBytes()
{
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = f.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * 4096 : -1;
}

} // namespace

class TestMappedBuffer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendsSurviveGrowth()
    {
        MappedBuffer buffer(10);
        QCOMPARE(buffer.capacity(), 4096); // whole pages
        QByteArray expected;
        for (int i = 0; i < 3000; ++i) {
            const QByteArray piece = QByteArray::number(i) + QByteArray(i % 97, char('a' + i % 26));
            buffer.append(piece);
            expected += piece;
        }
        QVERIFY(buffer.capacity() > 4096);
        QCOMPARE(buffer.size(), expected.size());
        QCOMPARE(buffer.view(), expected);
        buffer.append({});
        QCOMPARE(buffer.size(), expected.size());
    }

    void viewSharesTheBytes()
    {
        MappedBuffer buffer(1 << 20);
        buffer.append("abc");
        const QByteArray view = buffer.view();
        QVERIFY(!view.isDetached()); // raw data: no copy was made
        QCOMPARE(view, QByteArray("abc"));
    }

    void freeingReturnsTheMemory()
    {
        const qint64 before = residentBytes();
        QVERIFY(before > 0);
        {
            MappedBuffer buffer(24 << 20);
            // In pieces: a 20 MiB source would be heap memory of its own, which a sanitizer's
            // allocator keeps resident after it is freed (ASan's quarantine).
            const QByteArray piece(1 << 20, 'x');
            for (int i = 0; i < 20; ++i)
                buffer.append(piece);
            QVERIFY(residentBytes() >= before + (20 << 20) - (1 << 20));
        }
        QVERIFY2(residentBytes() < before + (2 << 20), "the pages stayed resident");
    }
};

QTEST_GUILESS_MAIN(TestMappedBuffer)
#include "tst_mappedbuffer.moc"
