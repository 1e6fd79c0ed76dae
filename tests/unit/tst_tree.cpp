// Tree blobs: deterministic serialisation, round trips of every field, and refusal of
// damaged or hostile input (truncation, absurd counts, unsorted or duplicate names).
#include "repo/Tree.h"

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
