// One directory of a version: its entries sorted by name (raw bytes, not assumed UTF-8).
// Serialised deterministically, so an unchanged directory produces the same tree blob and
// costs nothing in a new version.
#pragma once

#include "crypto/BlobId.h"
#include "util/Result.h"

#include <QByteArray>

#include <vector>

namespace strata {

enum class NodeType : quint8
{
    File = 1,
    Directory = 2,
    Symlink = 3,
    Fifo = 4,
    CharDevice = 5,
    BlockDevice = 6,
    Socket = 7
};

struct Node
{
    QByteArray name; // one path component, never empty, never "." or "..", no '/' or NUL
    NodeType type = NodeType::File;
    quint32 mode = 0; // permission bits (07777)
    quint32 uid = 0;
    quint32 gid = 0;
    qint64 mtimeNs = 0;
    qint64 ctimeNs = 0; // only for change detection; not restored
    quint64 inode = 0;
    quint64 device = 0;
    quint64 size = 0;
    quint32 links = 1;           // > 1: a hard link; entries with the same (device, inode) are one file
    bool sparse = false;         // the file had holes: restore zero runs as holes
    std::vector<BlobId> content; // File: its chunks in order
    BlobId subtree;              // Directory
    QByteArray linkTarget;       // Symlink
    quint64 rdev = 0;            // devices

    // Whether the name is safe to create inside a directory (no '/', NUL, "." or "..").
    static bool isSafeName(const QByteArray &name);
};

struct Tree
{
    std::vector<Node> nodes; // sorted by name

    QByteArray serialize() const;
    static Result<Tree> parse(const QByteArray &data);

    // Binary search by name; nullptr when absent.
    const Node *find(const QByteArray &name) const;
    void sort();
};

} // namespace strata
