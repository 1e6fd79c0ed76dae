// A manifest of a folder: for every entry below it (relative path, as raw bytes), its kind,
// size, the SHA-256 of its content, its symlink target, its permission bits and its
// modification time. Tests use it to prove that a restored version is byte for byte the tree
// that was backed up, and that an interrupted in-place restore left, at every path, either the
// old entry or the restored one: never a mix, a half-written file or nothing.
//
// Manifests are values (a sorted map), so they can be taken once and compared many times, and
// are independent of the tool under test: lstat, readlink and QCryptographicHash only.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>

namespace strata::test {

struct ManifestEntry
{
    enum class Kind
    {
        File,
        Dir,
        Symlink,
        Other // FIFOs, sockets, devices: compared by kind and mode only
    };
    Kind kind = Kind::File;
    qint64 size = 0;       // files: bytes; symlinks: length of the target; folders: 0
    QByteArray sha256;     // files: hex SHA-256 of the content
    QByteArray linkTarget; // symlinks
    quint32 mode = 0;      // permission bits (07777)
    qint64 mtimeNs = 0;    // modification time, nanoseconds since the epoch

    // "file 1234 bytes sha256 3f2a9c01… mode 644 mtime …": for failure messages.
    QString describe() const;
};

using Manifest = std::map<QByteArray, ManifestEntry>;

// Walks `root` with lstat (not following symlinks) and hashes every regular file. Returns an
// empty manifest and sets `error` when the root cannot be read; entries that vanish while
// the walk runs are left out.
Manifest makeManifest(const QByteArray &root, QString *error = nullptr);

// Bytes of regular-file content the manifest holds.
qint64 manifestBytes(const Manifest &m);

struct ManifestCompare
{
    bool mtimes = true;     // of files and symlinks
    bool dirModes = true;   // permission bits of folders
    bool dirMtimes = false; // writing into a folder changes its mtime, so off unless asked
    // Paths to leave out of the comparison on both sides (the allowed temporaries, say).
    std::function<bool(const QByteArray &path)> ignore;
};

// Whether `actual` is the entry `expected` under the options. Folders compare by kind (and
// mode, mtime as asked); files by size, hash, mode and mtime; symlinks by target and mtime.
bool sameEntry(const ManifestEntry &expected, const ManifestEntry &actual,
               const ManifestCompare &options = {});

// Every difference between two manifests, one line each ("path: expected …, got …", "path:
// missing (expected …)", "path: unexpected …"); empty when they are equal.
QStringList compareManifests(const Manifest &expected, const Manifest &actual,
                             const ManifestCompare &options = {});

// The state of a tree during or after an interrupted operation that moves it from `before` to
// `after`: for every path in the union of the three manifests, the entry in `actual` must be
// the one in `before` or the one in `after`, where a path absent from one side may be absent
// in `actual` only because it matches that side. Returns one line per path that matches
// neither (a half-written file, a mix of old and new attributes, a path that vanished), and
// for each path that matches, counts it in `oldCount` or `newCount` (paths equal on both
// sides count in neither).
QStringList checkOldOrNew(const Manifest &before, const Manifest &after, const Manifest &actual,
                          const ManifestCompare &options = {}, int *oldCount = nullptr,
                          int *newCount = nullptr);

// Keeps the entries below `prefix` (a relative folder path), with the prefix and its slash cut.
Manifest subManifest(const Manifest &m, const QByteArray &prefix);

} // namespace strata::test
