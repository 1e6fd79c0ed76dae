// Helpers shared by the tests: running strata-cli in a fixed environment, building a
// "fidelity tree" that exercises every kind of file metadata a backup must keep, and comparing
// two trees both by walking them with lstat and with independent tools (diff, cmp, stat).
//
// Paths that may hold names which are not UTF-8 are handled as raw bytes (QByteArray);
// QString paths are only used where the name is known to be plain.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>

#include <sys/stat.h>

class QProcess;

namespace strata::test {

QString cliPath();

// ---- running programs -------------------------------------------------------------------------

struct RunResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool timedOut = false;
    bool crashed = false; // killed by a signal (a crash unless the test killed it)
    qint64 elapsedMs = 0;

    // stdout and stderr together, for messages and substring checks.
    QString text() const;
    // A one-line description for failure messages: exit code, and the output.
    QString describe() const;
};

// The environment every CLI run gets: PATH, LANG=C.UTF-8, TZ=UTC, STRATA_TEST=1, HOME and the
// XDG folders under `home`, and STRATA_PASSWORD (unless `password` is null).
QProcessEnvironment cliEnvironment(const QString &home, const QString &password = QStringLiteral("test-pw"));

// Runs a program to completion (or kills it after `timeoutMs`).
RunResult runProgram(const QString &program, const QStringList &args, const QProcessEnvironment &env,
                     const QByteArray &stdinData = {}, int timeoutMs = 120000,
                     const QString &workingDir = {});

// Runs strata-cli with `args`.
RunResult runCli(const QStringList &args, const QProcessEnvironment &env, const QByteArray &stdinData = {},
                 int timeoutMs = 120000);

// Starts strata-cli without waiting (for tests that kill it). The caller owns the process.
std::unique_ptr<QProcess> startCli(const QStringList &args, const QProcessEnvironment &env);

// The JSON objects of a --json output, one per line (lines that are not JSON objects are skipped).
QList<QJsonObject> jsonLines(const QByteArray &out);
// The last {"type":"result"} line, or an empty object.
QJsonObject jsonResult(const QByteArray &out);
// Every JSON object anywhere in the lines (nested ones too) that has key `key`.
QList<QJsonObject> jsonObjectsWithKey(const QByteArray &out, const QString &key);
// The id of the version a `backup --json` run created ("snapshot" of the result line, a string
// or an object with an "id"), or an empty string.
QString backupSnapshotId(const QByteArray &out);

// ---- building trees -------------------------------------------------------------------------

// Deterministic pseudo-random bytes (splitmix64), so data is the same on every run.
QByteArray pseudoRandomBytes(qint64 size, quint64 seed);
// Writes a file of `size` pseudo-random bytes, in pieces so memory stays small.
bool writeRandomFile(const QByteArray &path, qint64 size, quint64 seed);
bool writeFile(const QByteArray &path, const QByteArray &content, int mode = 0644);
QByteArray readFile(const QByteArray &path, bool *ok = nullptr);
// Overwrites bytes in the middle of a file without changing its size or truncating it.
bool overwriteAt(const QByteArray &path, qint64 offset, const QByteArray &bytes);
// Sets atime and mtime (nanoseconds since the epoch) without following a symlink.
bool setMtimeNs(const QByteArray &path, qint64 ns);
// How many file descriptors this process has open (to catch leaks).
int openFileDescriptors();

struct FidelityTree
{
    QByteArray root;
    QByteArray sparseFile; // relative path of the sparse file
    qint64 sparseSize = 0;
    QByteArrayList regularFiles; // relative paths
};

// Creates `root` (which must not exist) holding: empty, small, 5 MiB random and compressible
// text files, nested folders, relative and dangling symlinks, a hard link pair, a 64 MiB sparse
// file with data at 3 places, a name that is not UTF-8, a name with a newline, modes 0600,
// 0755, 0444 and a 0700 folder, and mtimes with nanoseconds on everything.
// On failure returns an empty root and sets `error`.
FidelityTree makeFidelityTree(const QByteArray &root, QString *error, quint64 seed = 1);

// Copies a tree with `cp -a` (an independent tool), keeping hard links, modes and times.
bool copyTree(const QByteArray &from, const QByteArray &to, QString *error = nullptr);

// Removes a tree with `rm -rf`: QDir cannot remove names that are not UTF-8, so every test
// that makes a fidelity tree calls this on its temporary folder before the folder is dropped.
bool removeTree(const QString &path);

// ---- comparing trees ------------------------------------------------------------------------

struct CompareOptions
{
    bool compareRootMetadata = true; // mode and mtime of the two roots themselves
    bool compareDirMtimes = true;
    bool runDiff = true; // also `diff -r --no-dereference`
    bool runCmp = true;  // compare contents with `cmp` (in-process for non-UTF-8 names)
};

// Walks both trees with lstat and compares type, permission bits, size, mtime (ns) of files,
// folders and symlinks, symlink targets, contents and hard-link structure. Returns the
// differences, empty when the trees are equal.
QStringList compareTrees(const QByteArray &a, const QByteArray &b, const CompareOptions &options = {});

// Allocated 512-byte blocks of a file as `stat -c %b` prints them (-1 on failure).
qint64 allocatedBlocks(const QByteArray &path);

// What lstat says of every entry below root, by relative path (raw bytes), with symlink
// targets; folders are walked into, symlinks are not.
struct TreeEntry
{
    struct stat st;
    QByteArray linkTarget;
};
std::map<QByteArray, TreeEntry> statTree(const QByteArray &root);
// Relative paths of every entry below root (raw bytes), sorted.
QByteArrayList listTree(const QByteArray &root);
// Sum of the sizes of the regular files below a folder, and their relative paths.
qint64 treeBytes(const QString &root);
QStringList treeFiles(const QString &root);

// Files below root whose names start with ".strata-": what an interrupted write would leave.
QStringList leftoverTemporaries(const QString &root);

// Makes a name printable for messages (non-printable bytes as \xNN).
QString printable(const QByteArray &name);

bool isRoot();

// Makes a repository with small chunks and 1 MiB packs, so a data set of a few MiB makes many
// packs and index entries, and a fast key derivation, so each command against it is quick.
bool initSmallRepository(const QString &repo, const QString &password, QString *error = nullptr);

} // namespace strata::test
