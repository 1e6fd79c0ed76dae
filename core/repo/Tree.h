// One directory of a version: its entries sorted by name (raw bytes, not assumed UTF-8).
// Serialised deterministically, so an unchanged directory produces the same tree blob and
// costs nothing in a new version.
//
// Format 2 (written since repository format 2) keeps everything a restore needs to give a file
// back as it was: time stamps as seconds and nanoseconds (any year), the owner's user and group
// names beside the numbers, extended attributes (ACLs and file capabilities among them) and each
// chunk's length. Format 1 trees (a single 64-bit nanosecond count per time, none of the rest)
// are still read.
#pragma once

#include "crypto/BlobId.h"
#include "util/Result.h"
#include "util/Timestamp.h"

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

struct ExtendedAttribute
{
    QByteArray name; // with its namespace: "user.comment", "system.posix_acl_access"
    QByteArray value;
    friend bool operator==(const ExtendedAttribute &, const ExtendedAttribute &) = default;
};

struct Node
{
    QByteArray name; // one path component, never empty, never "." or "..", no '/' or NUL
    NodeType type = NodeType::File;
    quint32 mode = 0; // permission bits (07777)
    quint32 uid = 0;
    quint32 gid = 0;
    QByteArray user;  // the owner's name where the backup knew it (format 2); empty: unknown
    QByteArray group; // the same for the group
    Timestamp mtime;
    Timestamp ctime; // only for change detection; not restored
    quint64 inode = 0;
    quint64 device = 0;
    quint64 size = 0;
    quint32 links = 1;           // > 1: a hard link; entries with the same (device, inode) are one file
    bool sparse = false;         // the file had holes: restore zero runs as holes
    std::vector<BlobId> content; // File: its chunks in order
    // File: the plaintext length of each chunk, as many as `content` (format 2); empty when
    // unknown (format 1 trees). It places every chunk without reading the others.
    std::vector<quint32> chunkSizes;
    BlobId subtree;                        // Directory
    QByteArray linkTarget;                 // Symlink
    quint64 rdev = 0;                      // devices
    std::vector<ExtendedAttribute> xattrs; // sorted by name, ACLs included

    // Whether the name is safe to create inside a directory (no '/', NUL, "." or "..").
    static bool isSafeName(const QByteArray &name);
};

struct Tree
{
    std::vector<Node> nodes; // sorted by name
    quint8 format = 2;       // what parse() read; serialize() always writes the current one

    // Always the current format (2).
    QByteArray serialize() const;
    // Reads format 1 and 2 trees; refuses anything else, truncated or trailing input, and
    // unsorted or duplicate names, with ErrorCode::Corrupt.
    static Result<Tree> parse(const QByteArray &data);

    // Binary search by name; nullptr when absent.
    const Node *find(const QByteArray &name) const;
    void sort();
};

} // namespace strata
