#include "repo/Tree.h"

#include "util/Bytes.h"

#include <algorithm>
#include <numeric>

namespace strata {

namespace {
constexpr quint8 kTreeFormat1 = 1;
constexpr quint8 kTreeFormat2 = 2;
constexpr quint8 kFlagSparse = 1;
constexpr quint8 kFlagChunkSizes = 2; // format 2: each chunk's length follows the chunk ids
// No chunk is longer than the largest chunker setting a config accepts.
constexpr quint64 kMaxChunkSize = 64u << 20;

bool nameLess(const Node &a, const Node &b)
{
    return a.name < b.name;
}

void writeTime(ByteWriter &w, const Timestamp &t)
{
    w.svarint(t.sec);
    w.varint(t.nsec);
}

Timestamp readTime(ByteReader &r)
{
    Timestamp t;
    t.sec = r.svarint();
    t.nsec = quint32(std::min<quint64>(r.varint(), 0xffffffffu));
    return t;
}

// The fields both formats share after the name and type, and the type's own part; format 1
// keeps times as one nanosecond count and has none of the names, attributes and chunk sizes.
Status parseNode(ByteReader &r, quint8 format, Node &n)
{
    n.mode = quint32(r.varint());
    n.uid = quint32(r.varint());
    n.gid = quint32(r.varint());
    if (format == kTreeFormat1) {
        n.mtime = Timestamp::fromNs(r.i64());
        n.ctime = Timestamp::fromNs(r.i64());
    } else {
        n.user = r.bytes();
        n.group = r.bytes();
        n.mtime = readTime(r);
        n.ctime = readTime(r);
        if (!n.mtime.valid() || !n.ctime.valid())
            return Error::corrupt(
                QStringLiteral("tree blob has a time stamp with more than a second of nanoseconds"));
    }
    n.inode = r.varint();
    n.device = r.varint();
    n.size = r.varint();
    n.links = quint32(r.varint());
    n.rdev = r.varint();
    const quint8 flags = r.u8();
    n.sparse = flags & kFlagSparse;
    if (format == kTreeFormat2) {
        const quint64 attrs = r.count(2);
        n.xattrs.reserve(attrs);
        for (quint64 i = 0; i < attrs && r.ok(); ++i) {
            ExtendedAttribute a{r.bytes(), r.bytes()};
            if (!r.ok())
                break;
            if (a.name.isEmpty() || a.name.contains('\0') ||
                (!n.xattrs.empty() && !(n.xattrs.back().name < a.name)))
                return Error::corrupt(
                    QStringLiteral("tree blob has an invalid, unsorted or duplicate extended "
                                   "attribute name"));
            n.xattrs.push_back(std::move(a));
        }
    }
    switch (n.type) {
    case NodeType::File: {
        const quint64 chunks = r.count(32);
        n.content.reserve(chunks);
        for (quint64 c = 0; c < chunks && r.ok(); ++c)
            n.content.push_back(r.id());
        if (format == kTreeFormat2 && (flags & kFlagChunkSizes)) {
            n.chunkSizes.reserve(chunks);
            quint64 total = 0;
            for (quint64 c = 0; c < chunks && r.ok(); ++c) {
                const quint64 size = r.varint();
                if (size == 0 || size > kMaxChunkSize)
                    return Error::corrupt(
                        QStringLiteral("tree blob has a chunk of impossible length %1").arg(size));
                total += size;
                n.chunkSizes.push_back(quint32(size));
            }
            if (r.ok() && total != n.size)
                return Error::corrupt(
                    QStringLiteral("tree blob has a file whose chunks add up to %1 bytes, not "
                                   "its size of %2")
                        .arg(total)
                        .arg(n.size));
        }
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
    return {};
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
    out.reserve(qsizetype(nodes.size()) * 112);
    ByteWriter w(&out);
    w.u8(kTreeFormat2);
    w.varint(nodes.size());
    for (const Node &n : nodes) {
        // Lengths are written only when they describe the file exactly; parse() refuses others.
        const bool sizes = n.type == NodeType::File && !n.content.empty() &&
                           n.chunkSizes.size() == n.content.size() &&
                           std::accumulate(n.chunkSizes.begin(), n.chunkSizes.end(), quint64(0)) == n.size;
        w.bytes(n.name);
        w.u8(quint8(n.type));
        w.varint(n.mode);
        w.varint(n.uid);
        w.varint(n.gid);
        w.bytes(n.user);
        w.bytes(n.group);
        writeTime(w, n.mtime);
        writeTime(w, n.ctime);
        w.varint(n.inode);
        w.varint(n.device);
        w.varint(n.size);
        w.varint(n.links);
        w.varint(n.rdev);
        w.u8((n.sparse ? kFlagSparse : 0) | (sizes ? kFlagChunkSizes : 0));
        w.varint(n.xattrs.size());
        for (const ExtendedAttribute &a : n.xattrs) {
            w.bytes(a.name);
            w.bytes(a.value);
        }
        switch (n.type) {
        case NodeType::File:
            w.varint(n.content.size());
            for (const BlobId &id : n.content)
                w.id(id);
            if (sizes)
                for (quint32 size : n.chunkSizes)
                    w.varint(size);
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
    const quint8 format = r.u8();
    if (format != kTreeFormat1 && format != kTreeFormat2)
        return Error::corrupt(QStringLiteral("tree blob has an unknown format"));
    Tree tree;
    tree.format = format;
    // The smallest possible entry is 18 bytes in format 2 and 28 in format 1: a hostile count
    // cannot make us allocate more than the input could describe.
    const quint64 count = r.count(format == kTreeFormat1 ? 28 : 18);
    tree.nodes.reserve(count);
    for (quint64 i = 0; i < count && r.ok(); ++i) {
        Node n;
        n.name = r.bytes();
        const quint8 type = r.u8();
        if (!r.ok())
            break;
        if (type < quint8(NodeType::File) || type > quint8(NodeType::Socket))
            return Error::corrupt(QStringLiteral("tree blob has an entry of unknown type %1").arg(type));
        n.type = NodeType(type);
        STRATA_TRY(parseNode(r, format, n));
        // Strictly sorted names: no duplicates, so a crafted tree cannot put a folder under a
        // name a symlink already took.
        if (r.ok() && !tree.nodes.empty() && !(tree.nodes.back().name < n.name))
            return Error::corrupt(QStringLiteral("tree blob has unsorted or duplicate names"));
        tree.nodes.push_back(std::move(n));
    }
    if (!r.ok() || !r.atEnd())
        return Error::corrupt(QStringLiteral("tree blob is truncated or has trailing bytes"));
    return tree;
}

} // namespace strata
