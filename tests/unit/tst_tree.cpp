// Tree blobs: deterministic serialisation, round trips of every field, and refusal of
// damaged or hostile input (truncation, absurd counts, unsorted or duplicate names).
#include "repo/Tree.h"
#include "util/Bytes.h"

#include <QTest>

using namespace strata;

class TestTree final : public QObject
{
    Q_OBJECT

private:
    static Tree sample()
    {
        Tree t;
        Node file;
        file.name = QByteArray("caf\xe9\nname", 9);
        file.type = NodeType::File;
        file.mode = 0640;
        file.uid = 1000;
        file.gid = 100;
        file.mtime = Timestamp{1234567890, 123456789};
        file.ctime = Timestamp{-1, 999999995};
        file.inode = 42;
        file.device = 7;
        file.size = 3 << 20;
        file.links = 2;
        file.sparse = true;
        BlobId a, b;
        a.bytes.fill(1);
        b.bytes.fill(2);
        file.content = {a, b};
        Node dir;
        dir.name = "dir";
        dir.type = NodeType::Directory;
        dir.subtree = b;
        Node link;
        link.name = "link";
        link.type = NodeType::Symlink;
        link.linkTarget = "../some/where";
        t.nodes = {file, dir, link};
        t.sort();
        return t;
    }

private Q_SLOTS:
    void roundTripKeepsEveryField()
    {
        const Tree t = sample();
        const QByteArray data = t.serialize();
        auto parsed = Tree::parse(data);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(parsed->nodes.size(), t.nodes.size());
        const Node *f = parsed->find(QByteArray("caf\xe9\nname", 9));
        QVERIFY(f);
        QVERIFY(f->mtime == (Timestamp{1234567890, 123456789}));
        QVERIFY(f->ctime == (Timestamp{-1, 999999995}));
        QCOMPARE(f->size, quint64(3 << 20));
        QCOMPARE(f->links, 2u);
        QVERIFY(f->sparse);
        QCOMPARE(f->content.size(), std::size_t(2));
        QCOMPARE(parsed->find("link")->linkTarget, QByteArray("../some/where"));
        QCOMPARE(parsed->serialize(), data); // deterministic: same tree, same bytes
    }

    void findMissesAbsentNames() { QVERIFY(!sample().find("nope")); }

    void truncatedInputIsCorrupt()
    {
        const QByteArray data = sample().serialize();
        for (int cut = 0; cut < data.size(); cut += 7) {
            auto r = Tree::parse(data.left(cut));
            QVERIFY2(!r.ok(), qPrintable(QString::number(cut)));
            QCOMPARE(r.error().code, ErrorCode::Corrupt);
        }
    }

    void hugeCountDoesNotAllocate()
    {
        QByteArray data;
        data.append(char(1));
        data.append("\xff\xff\xff\xff\xff\xff\xff\x7f", 8); // a count near 2^63
        auto r = Tree::parse(data);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Corrupt);
    }

    void duplicateOrUnsortedNamesAreCorrupt()
    {
        Tree t = sample();
        t.nodes.push_back(t.nodes.front()); // a duplicate at the end: unsorted too
        auto r = Tree::parse(t.serialize());
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("unsorted")));
    }

    // A format 1 tree as the first Strata wrote it: times as one signed nanosecond count.
    void formatOneTreesAreRead()
    {
        QByteArray data;
        ByteWriter w(&data);
        w.u8(1);
        w.varint(2);
        // "a": a file of two chunks
        w.bytes("a");
        w.u8(quint8(NodeType::File));
        w.varint(0640);
        w.varint(1000);
        w.varint(100);
        w.i64(-310157632876543211); // 1960-03-04 05:06:07.123456789
        w.i64(-1);
        for (int i = 0; i < 5; ++i)
            w.varint(quint64(i + 1)); // inode, device, size, links, rdev
        w.u8(1);                      // sparse
        w.varint(2);
        BlobId id;
        id.bytes.fill(7);
        w.id(id);
        w.id(id);
        // "b": a symlink
        w.bytes("b");
        w.u8(quint8(NodeType::Symlink));
        w.varint(0777);
        w.varint(0);
        w.varint(0);
        w.i64(978307200000000000);
        w.i64(0);
        for (int i = 0; i < 5; ++i)
            w.varint(0);
        w.u8(0);
        w.bytes("target");

        auto parsed = Tree::parse(data);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(parsed->nodes.size(), std::size_t(2));
        const Node &a = parsed->nodes[0];
        QVERIFY(a.mtime == (Timestamp{-310157633, 123456789}));
        QVERIFY(a.ctime == (Timestamp{-1, 999999999}));
        QCOMPARE(a.mode, 0640u);
        QCOMPARE(a.size, quint64(3));
        QCOMPARE(a.links, 4u);
        QVERIFY(a.sparse);
        QCOMPARE(a.content.size(), std::size_t(2));
        QVERIFY(a.chunkSizes.empty()); // unknown in format 1
        QVERIFY(a.user.isEmpty() && a.xattrs.empty());
        QCOMPARE(parsed->nodes[1].linkTarget, QByteArray("target"));
        QVERIFY(parsed->nodes[1].mtime == (Timestamp{978307200, 0}));
        QCOMPARE(quint8(parsed->serialize().at(0)), quint8(2)); // written back as format 2
    }

    void formatTwoKeepsTimesOfAnyYearNamesAndAttributes_data()
    {
        QTest::addColumn<qint64>("sec");
        QTest::addColumn<quint32>("nsec");
        QTest::newRow("1901") << qint64(-2147483648LL) << 1u;
        QTest::newRow("1960") << qint64(-315619200) << 999999999u;
        QTest::newRow("1970") << qint64(0) << 0u;
        QTest::newRow("2038+") << qint64(2147483648LL) << 5u;
        QTest::newRow("2400") << qint64(13569465600LL) << 123456789u;
        QTest::newRow("2500") << qint64(16725225600LL) << 987654321u;
        QTest::newRow("int64 max") << std::numeric_limits<qint64>::max() << 999999999u;
        QTest::newRow("int64 min") << std::numeric_limits<qint64>::min() << 0u;
    }
    void formatTwoKeepsTimesOfAnyYearNamesAndAttributes()
    {
        QFETCH(qint64, sec);
        QFETCH(quint32, nsec);
        Tree t = sample();
        Node &f = t.nodes[0];
        f.mtime = Timestamp{sec, nsec};
        f.ctime = Timestamp{-(sec / 2), nsec}; // not (-sec) / 2: -INT64_MIN overflows
        f.user = "ana";
        f.group = QByteArray("gr\xfcn", 4);
        f.xattrs = {{"security.capability", QByteArray("\x01\0\0\x02", 4)},
                    {"system.posix_acl_access", QByteArray(28, '\x02')},
                    {"user.comment", ""}};
        f.chunkSizes = {1u << 20, 2u << 20}; // adds up to the size
        const QByteArray data = t.serialize();
        auto parsed = Tree::parse(data);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        const Node &g = parsed->nodes[0];
        QCOMPARE(g.mtime.sec, sec);
        QCOMPARE(g.mtime.nsec, nsec);
        QVERIFY(g.ctime == f.ctime);
        QCOMPARE(g.user, QByteArray("ana"));
        QCOMPARE(g.group, f.group);
        QVERIFY(g.xattrs == f.xattrs);
        QVERIFY(g.chunkSizes == f.chunkSizes);
        QCOMPARE(parsed->serialize(), data);
    }

    void chunkLengthsAreWrittenOnlyWhenTheyAddUp()
    {
        Tree t = sample();
        t.nodes[0].chunkSizes = {1u << 20, 1u << 20}; // 2 MiB for a 3 MiB file
        auto parsed = Tree::parse(t.serialize());
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QVERIFY(parsed->nodes[0].chunkSizes.empty());
    }

    // Hand-made format 2 entries that the serializer would never write.
    static QByteArray formatTwoFile(quint64 nsec, const std::vector<ExtendedAttribute> &attrs,
                                    const std::vector<quint64> &chunkSizes, quint64 size)
    {
        QByteArray data;
        ByteWriter w(&data);
        w.u8(2);
        w.varint(1);
        w.bytes("f");
        w.u8(quint8(NodeType::File));
        w.varint(0644);
        w.varint(0);
        w.varint(0);
        w.bytes("root");
        w.bytes("root");
        w.svarint(1);
        w.varint(nsec);
        w.svarint(1);
        w.varint(0);
        w.varint(1);
        w.varint(1);
        w.varint(size);
        w.varint(1);
        w.varint(0);
        w.u8(chunkSizes.empty() ? 0 : 2);
        w.varint(attrs.size());
        for (const auto &a : attrs) {
            w.bytes(a.name);
            w.bytes(a.value);
        }
        w.varint(chunkSizes.empty() ? 1 : chunkSizes.size());
        BlobId id;
        id.bytes.fill(3);
        for (std::size_t i = 0; i < std::max<std::size_t>(1, chunkSizes.size()); ++i)
            w.id(id);
        for (quint64 c : chunkSizes)
            w.varint(c);
        return data;
    }

    void damagedFormatTwoFieldsAreCorrupt_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("message");
        QTest::newRow("valid") << formatTwoFile(5, {{"user.a", "1"}}, {10, 20}, 30) << QString();
        QTest::newRow("a second of nanoseconds") << formatTwoFile(1000000000, {}, {}, 1) << "nanoseconds";
        QTest::newRow("unsorted attributes")
            << formatTwoFile(0, {{"user.b", "1"}, {"user.a", "2"}}, {}, 1) << "extended attribute";
        QTest::newRow("duplicate attributes")
            << formatTwoFile(0, {{"user.a", "1"}, {"user.a", "2"}}, {}, 1) << "extended attribute";
        QTest::newRow("empty attribute name") << formatTwoFile(0, {{"", "1"}}, {}, 1) << "extended attribute";
        QTest::newRow("chunks longer than the file") << formatTwoFile(0, {}, {10, 20}, 29) << "add up";
        QTest::newRow("a chunk of 2^62 bytes") << formatTwoFile(0, {}, {1ull << 62}, 1ull << 62) << "impossible";
        QTest::newRow("a chunk of 0 bytes") << formatTwoFile(0, {}, {0, 5}, 5) << "impossible";
    }
    void damagedFormatTwoFieldsAreCorrupt()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, message);
        auto r = Tree::parse(data);
        if (message.isEmpty()) {
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
            return;
        }
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Corrupt);
        QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
    }

    void safeNames()
    {
        QVERIFY(Node::isSafeName("a"));
        QVERIFY(Node::isSafeName("..a"));
        QVERIFY(Node::isSafeName(QByteArray("\xff\xfe", 2)));
        QVERIFY(!Node::isSafeName(""));
        QVERIFY(!Node::isSafeName("."));
        QVERIFY(!Node::isSafeName(".."));
        QVERIFY(!Node::isSafeName("a/b"));
        QVERIFY(!Node::isSafeName("/abs"));
        QVERIFY(!Node::isSafeName(QByteArray("a\0b", 3)));
    }
};

QTEST_GUILESS_MAIN(TestTree)
#include "tst_tree.moc"
