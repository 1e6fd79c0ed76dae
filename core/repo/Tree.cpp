#include "repo/Tree.h"

#include "util/Bytes.h"

#include <algorithm>

namespace strata {

namespace {
constexpr quint8 kTreeFormat = 1;
constexpr quint8 kFlagSparse = 1;

bool nameLess(const Node &a, const Node &b)
{
    return a.name < b.name;
}
} // namespace

bool Node::isSafeName(const QByteArray &name)
{
    return !name.isEmpty() && name != "." && name != ".." && !name.contains('/') && !name.contains('\0');
}

void Tree::sort()
{
    std::sort(nodes.begin(), nodes.end(), nameLess);
}

const Node *Tree::find(const QByteArray &name) const
{
    auto it = std::lower_bound(nodes.begin(), nodes.end(), name,
                               [](const Node &n, const QByteArray &key) { return n.name < key; });
    if (it == nodes.end() || it->name != name)
        return nullptr;
    return &*it;
}

QByteArray Tree::serialize() const
{
    QByteArray out;
    out.reserve(qsizetype(nodes.size()) * 96);
    ByteWriter w(&out);
    w.u8(kTreeFormat);
    w.varint(nodes.size());
    for (const Node &n : nodes) {
        w.bytes(n.name);
        w.u8(quint8(n.type));
        w.varint(n.mode);
        w.varint(n.uid);
        w.varint(n.gid);
        w.i64(n.mtimeNs);
        w.i64(n.ctimeNs);
        w.varint(n.inode);
        w.varint(n.device);
        w.varint(n.size);
        w.varint(n.links);
        w.varint(n.rdev);
        w.u8(n.sparse ? kFlagSparse : 0);
        switch (n.type) {
        case NodeType::File:
            w.varint(n.content.size());
            for (const BlobId &id : n.content)
                w.id(id);
            break;
        case NodeType::Directory:
            w.id(n.subtree);
            break;
        case NodeType::Symlink:
            w.bytes(n.linkTarget);
            break;
        default:
            break;
        }
    }
    return out;
}

Result<Tree> Tree::parse(const QByteArray &data)
{
    ByteReader r(data);
    if (r.u8() != kTreeFormat)
        return Error::corrupt(QStringLiteral("tree blob has an unknown format"));
    Tree tree;
    // The smallest possible entry is well over 20 bytes: a hostile count cannot make us allocate.
    const quint64 count = r.count(20);
    tree.nodes.reserve(count);
    for (quint64 i = 0; i < count && r.ok(); ++i) {
        Node n;
        n.name = r.bytes();
        const quint8 type = r.u8();
        if (type < quint8(NodeType::File) || type > quint8(NodeType::Socket))
            return Error::corrupt(QStringLiteral("tree blob has an entry of unknown type %1").arg(type));
        n.type = NodeType(type);
        n.mode = quint32(r.varint());
        n.uid = quint32(r.varint());
        n.gid = quint32(r.varint());
        n.mtimeNs = r.i64();
        n.ctimeNs = r.i64();
        n.inode = r.varint();
        n.device = r.varint();
        n.size = r.varint();
        n.links = quint32(r.varint());
        n.rdev = r.varint();
        n.sparse = r.u8() & kFlagSparse;
        switch (n.type) {
        case NodeType::File: {
            const quint64 chunks = r.count(32);
            n.content.reserve(chunks);
            for (quint64 c = 0; c < chunks && r.ok(); ++c)
                n.content.push_back(r.id());
            break;
        }
        case NodeType::Directory:
            n.subtree = r.id();
            break;
        case NodeType::Symlink:
            n.linkTarget = r.bytes();
            break;
        default:
            break;
        }
        // Strictly sorted names: no duplicates, so a crafted tree cannot put a folder under a
        // name a symlink already took.
        if (!tree.nodes.empty() && !(tree.nodes.back().name < n.name))
            return Error::corrupt(QStringLiteral("tree blob has unsorted or duplicate names"));
        tree.nodes.push_back(std::move(n));
    }
    if (!r.ok() || !r.atEnd())
        return Error::corrupt(QStringLiteral("tree blob is truncated or has trailing bytes"));
    return tree;
}

} // namespace strata
