// The catalog: a local cache of a repository's versions and folder listings, so that a file's
// history, a search by name and the changes between two versions are answered without reading
// the repository. It lives under the user's cache folder, one SQLite file per repository id,
// readable by the user only (it holds file names).
//
// Each folder listing (tree blob) is stored once, as the repository stores it: a version is its
// root tree, and an unchanged folder is the same tree in every version, so 1,000 versions of a
// mostly unchanged tree cost little more than one. Entries keep what telling changes apart
// needs (type, mode, size, modification time, and a 64-bit key of the content: the chunk ids of
// a file, the target of a link), not the chunk lists: restoring still reads the repository.
//
// Nothing is lost by deleting it: update() fills it again from the repository, and fills in the
// versions it lacks (another device's backups, a new machine after a disaster) the same way.
// A catalog of another repository, of an older layout, or that SQLite finds damaged is
// discarded and built again.
//
// One connection serves every thread (SQLite's serialized mode), guarded by one mutex; every
// method may be called from any thread.
#pragma once

#include "engine/Diff.h"
#include "repo/Repository.h"
#include "util/Cancel.h"

#include <functional>
#include <memory>
#include <mutex>
#include <unordered_set>

struct sqlite3;

namespace strata {

// One version as the catalog lists it.
struct CatalogVersion
{
    QString id;
    QDateTime time;
    QString host;
    QString set;
    BackupKind kind = BackupKind::Full;
    QStringList tags;
};

// What one version holds at a path.
struct CatalogEntry
{
    NodeType type = NodeType::File;
    quint32 mode = 0;
    quint64 size = 0;
    Timestamp mtime;
    quint64 contentKey = 0; // equal keys: equal content (the chunk ids, or the link target)
};

// One row of a path's history: a version of the path's set, whether it holds the path, and
// what changed since the version before it in the list.
struct PathVersion
{
    enum Change : quint8
    {
        Appeared = 1,
        Disappeared = 2,
        Content = 4,
        Size = 8,
        Mode = 16,
        Type = 32,
        Modified = 64, // the modification time only
    };
    CatalogVersion version;
    bool present = false;
    CatalogEntry entry; // when present
    quint8 changes = 0; // Change flags; the first version a path appears in is Appeared
    bool changed() const { return changes != 0; }
};

// A path found by name in some version.
struct FoundPath
{
    QByteArray path; // absolute, as backed up
    CatalogEntry entry;
    CatalogVersion newest; // the newest version that holds it
    int versions = 0;      // how many versions hold it
};

class Catalog final
{
public:
    // <cache folder>/strata/catalog/<repository id>.sqlite (~/.cache on Linux)
    static QString defaultPath(const QString &repositoryId);

    // Opens the catalog file at `path` (creating it and its folder, 0600 and 0700) for the
    // repository with this id. One of another repository, of another layout, or damaged is
    // removed and started over empty; `discarded` (when given) says why.
    static Result<std::unique_ptr<Catalog>> open(const QString &path, const QString &repositoryId,
                                                 QString *discarded = nullptr);
    ~Catalog();
    Catalog(const Catalog &) = delete;
    Catalog &operator=(const Catalog &) = delete;

    QString path() const { return m_path; }

    struct UpdateReport
    {
        qint64 versionsAdded = 0;
        qint64 versionsRemoved = 0; // forgotten in the repository since
        qint64 treesRead = 0;       // folder listings read from the repository
        qint64 versions = 0;        // in the catalog now
    };
    // Brings the catalog up to the repository's versions: the ones it lacks are added (reading
    // only the folder listings it does not have), the ones gone from the repository are dropped.
    // Each version goes in whole or not at all; cancelled, what was added so far stays.
    // `progress(done, total)` counts versions.
    Result<UpdateReport> update(Repository &repo, const std::function<void(qint64, qint64)> &progress = {},
                                const CancelToken &cancel = {});
    // Adds one version (the end of a backup), reading the listings the catalog lacks.
    Status addVersion(Repository &repo, const Snapshot &version, const CancelToken &cancel = {});

    QList<CatalogVersion> versions() const; // oldest first
    // Whether the catalog holds the version with this (full) id.
    bool hasVersion(const QString &id) const;
    // The versions of `set` (all sets when empty) taken from `from` to `to`, both included,
    // oldest first; an invalid bound leaves that side open.
    Result<QList<CatalogVersion>> versionsBetween(const QDateTime &from, const QDateTime &to,
                                                  const QString &set = {}) const;

    struct Stats
    {
        qint64 versions = 0, trees = 0, entries = 0, names = 0;
        qint64 bytes = 0; // the file's size, with its write-ahead log
    };
    Stats stats() const;

    // Every version of `set` (all sets when empty) with what it holds at `path` (absolute, as
    // backed up), oldest first, changes marked against the previous row. Versions that never
    // held it are listed too, not present, until the end of the list: a version where the path
    // is absent after one where it was is marked Disappeared.
    Result<QList<PathVersion>> history(const QByteArray &path, const QString &set = {}) const;

    // Paths whose name matches `pattern` (a shell glob, case-insensitive: "*.otml", "config*")
    // in any version, newest first by the newest version holding them; at most `limit`.
    Result<QList<FoundPath>> find(const QString &pattern, int limit = 1000) const;

    // What changed from version `a` to `b`, in path order, as diffSnapshots says it; folders with
    // the same listing in both are skipped without being read. NotFound for a version the
    // catalog does not have.
    Result<DiffSummary> diff(const QString &a, const QString &b,
                             const std::function<void(const DiffEntry &)> &each) const;
    // The same at and below one absolute path ("/" or empty: everything), as diffSnapshots does
    // it with a path: a file's path compares that file alone. NotFound when neither version
    // holds the path.
    Result<DiffSummary> diff(const QString &a, const QString &b, const QByteArray &path,
                             const std::function<void(const DiffEntry &)> &each) const;

    // How many files each version of `set` (all sets when empty) changed, by version id: the
    // entries added, removed or changed since the version before it in the same set that is
    // not a safety version (what the version browser compares with), folders themselves not
    // counted; a set's first version counts everything it holds. Changes of owner, group or
    // extended attributes alone do not count (see changedPaths()). Each count is kept in the
    // catalog once computed (a version and the one before it never change), so only versions
    // new since the last call cost a diff.
    Result<QHash<QString, qint64>> changeCounts(const QString &set = {}) const;

    // The paths that changed from version `a` to `b` as the version browser's "changed in
    // this version" filter sees them: Added for what `b` holds that `a` did not, Modified for
    // an entry whose content, size, type, mode or modification time differ, and for every
    // folder with anything added, removed or modified below it. Unchanged paths are absent.
    // Owner, group and extended attributes alone are not a change (the catalog keeps them as
    // one key). NotFound for a version the catalog does not have.
    enum class PathChange : quint8
    {
        Added,
        Modified
    };
    Result<QHash<QByteArray, PathChange>> changedPaths(const QString &a, const QString &b) const;

    // Calls `each` for the entries at or below `path` (absolute; "/" or empty: all) in version
    // `id` whose name `matches` (the raw name bytes), in the order walkSnapshot() visits them;
    // `each` returns false to stop. `matches` is asked once per distinct name, before any
    // `each`. NotFound when the catalog lacks the version or the version the path.
    Status
    walkMatching(const QString &id, const QByteArray &path,
                 const std::function<bool(const QByteArray &name)> &matches,
                 const std::function<bool(const QByteArray &path, const CatalogEntry &entry)> &each) const;

private:
    Catalog(sqlite3 *db, QString path);
    struct Statements;
    Status exec(const char *sql) const;
    Result<qint64> rootOf(const QString &id) const;
    // The ids of the names that `matches`, and the listings on the way down to an entry of one.
    Result<std::unordered_set<qint64>>
    matchedNames(const std::function<bool(const QByteArray &)> &matches) const;
    Result<std::unordered_set<qint64>> listingsHolding(const std::unordered_set<qint64> &names) const;
    Result<qint64> treeRowFor(Repository &repo, const BlobId &tree, const CancelToken &cancel, qint64 *read);
    Status addVersionLocked(Repository &repo, const Snapshot &version, const CancelToken &cancel,
                            qint64 *read);

    sqlite3 *m_db = nullptr;
    QString m_path;
    std::unique_ptr<Statements> m_st;
    // Name rows known during one update() or addVersion(): a version's entries look up the
    // same names again and again. Cleared at each call and when a transaction rolls back.
    QHash<QByteArray, qint64> m_names;
    mutable std::recursive_mutex m_mutex;
};

} // namespace strata
