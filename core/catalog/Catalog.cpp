#include "catalog/Catalog.h"

#include "crypto/Crypto.h"
#include "util/Paths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QStandardPaths>

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

Q_LOGGING_CATEGORY(lcCatalog, "strata.catalog")

namespace strata {

namespace {

// Raised whenever the tables change meaning: an older file is discarded and built again.
constexpr int kLayout = 1;
// Deeper than any real folder tree; a forged repository cannot make the walks recurse forever.
constexpr int kMaxDepth = 1000;

const char *const kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS names(id INTEGER PRIMARY KEY, name BLOB NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS trees(id INTEGER PRIMARY KEY, blob BLOB NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS entries(
    tree INTEGER NOT NULL, name INTEGER NOT NULL, type INTEGER NOT NULL, mode INTEGER NOT NULL,
    size INTEGER NOT NULL, mtime INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    content INTEGER NOT NULL, meta INTEGER NOT NULL, subtree INTEGER,
    PRIMARY KEY(tree, name)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entries_by_name ON entries(name);
CREATE INDEX IF NOT EXISTS entries_by_subtree ON entries(subtree) WHERE subtree IS NOT NULL;
CREATE TABLE IF NOT EXISTS versions(
    id TEXT PRIMARY KEY, time INTEGER NOT NULL, host TEXT NOT NULL, set_name TEXT NOT NULL,
    kind TEXT NOT NULL, tags TEXT NOT NULL, root INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS versions_by_time ON versions(time);
CREATE INDEX IF NOT EXISTS versions_by_set ON versions(set_name, time);
-- What changeCounts() found, by the version and the one it was compared with ('' for none).
CREATE TABLE IF NOT EXISTS change_counts(
    version TEXT NOT NULL, base TEXT NOT NULL, files INTEGER NOT NULL,
    PRIMARY KEY(version, base)) WITHOUT ROWID;
)sql";

Error sqlError(sqlite3 *db, const QString &what)
{
    return Error::io(QStringLiteral("catalog: %1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(db))));
}

qint64 key64(QByteArrayView bytes)
{
    const BlobId h = crypto::sha256(bytes);
    qint64 k = 0;
    std::memcpy(&k, h.bytes.data(), sizeof k);
    return k;
}

// What tells one file's content from another's: its chunks, a link's target, a device number.
qint64 contentKey(const Node &n)
{
    QByteArray b;
    b.reserve(qsizetype(n.content.size() * 32 + n.linkTarget.size() + 8));
    for (const BlobId &id : n.content)
        b.append(reinterpret_cast<const char *>(id.bytes.data()), qsizetype(id.bytes.size()));
    b.append(n.linkTarget);
    b.append(reinterpret_cast<const char *>(&n.rdev), sizeof n.rdev);
    return key64(b);
}

// The rest that diffSnapshots counts as a metadata change: owner, group, extended attributes.
qint64 metaKey(const Node &n)
{
    QByteArray b;
    b.append(reinterpret_cast<const char *>(&n.uid), sizeof n.uid);
    b.append(reinterpret_cast<const char *>(&n.gid), sizeof n.gid);
    for (const ExtendedAttribute &x : n.xattrs) {
        b.append(x.name).append('\0');
        const qint64 len = x.value.size();
        b.append(reinterpret_cast<const char *>(&len), sizeof len).append(x.value);
    }
    return key64(b);
}

// A prepared statement, reset for its next use when the scope ends.
class Stmt final
{
public:
    Stmt(sqlite3 *db, const char *sql) : m_db(db)
    {
        if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK)
            m_stmt = nullptr;
    }
    ~Stmt() { sqlite3_finalize(m_stmt); }
    Stmt(const Stmt &) = delete;
    Stmt &operator=(const Stmt &) = delete;
    bool valid() const { return m_stmt != nullptr; }
    sqlite3_stmt *get() const { return m_stmt; }

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_stmt = nullptr;
};

class Use final
{
public:
    explicit Use(const Stmt &s) : m_s(s.get()) {}
    ~Use()
    {
        sqlite3_reset(m_s);
        sqlite3_clear_bindings(m_s);
    }
    Use &bind(int i, qint64 v)
    {
        sqlite3_bind_int64(m_s, i, v);
        return *this;
    }
    Use &bind(int i, QByteArrayView blob)
    {
        sqlite3_bind_blob(m_s, i, blob.data(), int(blob.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Use &bindText(int i, const QString &text)
    {
        const QByteArray utf8 = text.toUtf8();
        sqlite3_bind_text(m_s, i, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Use &bindNull(int i)
    {
        sqlite3_bind_null(m_s, i);
        return *this;
    }
    int step() { return sqlite3_step(m_s); }
    qint64 integer(int col) const { return sqlite3_column_int64(m_s, col); }
    bool isNull(int col) const { return sqlite3_column_type(m_s, col) == SQLITE_NULL; }
    QByteArray blob(int col) const
    {
        return QByteArray(static_cast<const char *>(sqlite3_column_blob(m_s, col)),
                          sqlite3_column_bytes(m_s, col));
    }
    QString text(int col) const
    {
        return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(m_s, col)),
                                 sqlite3_column_bytes(m_s, col));
    }

private:
    sqlite3_stmt *m_s;
};

struct Row
{
    qint64 name = 0;
    CatalogEntry entry;
    qint64 meta = 0;
    std::optional<qint64> subtree;
};

CatalogVersion versionFrom(const Use &q, int first)
{
    CatalogVersion v;
    v.id = q.text(first);
    v.time = QDateTime::fromMSecsSinceEpoch(q.integer(first + 1), Qt::UTC);
    v.host = q.text(first + 2);
    v.set = q.text(first + 3);
    v.kind = kindFromName(q.text(first + 4)).value_or(BackupKind::Full);
    const QString tags = q.text(first + 5);
    v.tags = tags.isEmpty() ? QStringList() : tags.split(QLatin1Char('\n'));
    return v;
}

// An entry's columns from `first` on: type, mode, size, mtime, mtime_ns, content, meta, subtree.
Row rowAt(const Use &q, int first)
{
    Row r;
    r.entry.type = NodeType(q.integer(first));
    r.entry.mode = quint32(q.integer(first + 1));
    r.entry.size = quint64(q.integer(first + 2));
    r.entry.mtime = Timestamp{q.integer(first + 3), quint32(q.integer(first + 4))};
    r.entry.contentKey = quint64(q.integer(first + 5));
    r.meta = q.integer(first + 6);
    if (!q.isNull(first + 7))
        r.subtree = q.integer(first + 7);
    return r;
}

struct Named
{
    QByteArray name;
    Row row;
};

// The entries of one listing in byte order, as the repository sorts them (and diffSnapshots and
// walkSnapshot walk them).
std::vector<Named> listingOf(const Stmt &listing, std::optional<qint64> tree)
{
    std::vector<Named> out;
    if (!tree)
        return out;
    Use q(listing);
    q.bind(1, *tree);
    while (q.step() == SQLITE_ROW) {
        Named n;
        n.name = q.blob(1);
        n.row = rowAt(q, 2);
        n.row.name = q.integer(0);
        out.push_back(std::move(n));
    }
    std::sort(out.begin(), out.end(), [](const Named &x, const Named &y) { return x.name < y.name; });
    return out;
}

// The walk of two listings that Catalog::diff, changedPaths and changeCounts share: it says
// each change as diffSnapshots would, and never enters folders with the same listing on both
// sides. `emit` gets the path, the kind, the sides there are and the DiffEntry fields.
class ListingDiffer final
{
public:
    using Emit = std::function<void(const QByteArray &, ChangeKind, const Row *, const Row *, quint8)>;
    ListingDiffer(const Stmt &listing, Emit emit) : m_listing(listing), m_emit(std::move(emit)) {}

    Status trees(std::optional<qint64> ta, std::optional<qint64> tb, const QByteArray &dir, int depth)
    {
        if (ta && tb && *ta == *tb)
            return {}; // the same listing: nothing below changed
        if (depth > kMaxDepth)
            return Error::corrupt(
                QStringLiteral("the folders of %1 are nested too deep").arg(QFile::decodeName(dir)));
        const std::vector<Named> la = listingOf(m_listing, ta), lb = listingOf(m_listing, tb);
        std::size_t i = 0, j = 0;
        while (i < la.size() || j < lb.size()) {
            const Named *na = i < la.size() ? &la[i] : nullptr;
            const Named *nb = j < lb.size() ? &lb[j] : nullptr;
            if (na && (!nb || na->name < nb->name)) {
                STRATA_TRY(pair(&na->row, nullptr, dir + '/' + na->name, depth));
                ++i;
            } else if (nb && (!na || nb->name < na->name)) {
                STRATA_TRY(pair(nullptr, &nb->row, dir + '/' + nb->name, depth));
                ++j;
            } else {
                STRATA_TRY(pair(&na->row, &nb->row, dir + '/' + na->name, depth));
                ++i;
                ++j;
            }
        }
        return {};
    }

    // The entries at one path (either may be missing) and everything below them.
    Status pair(const Row *x, const Row *y, const QByteArray &path, int depth)
    {
        if (x && !y) {
            m_emit(path, ChangeKind::Removed, x, nullptr, 0);
            return x->subtree ? trees(x->subtree, std::nullopt, path, depth + 1) : Status{};
        }
        if (y && !x) {
            m_emit(path, ChangeKind::Added, nullptr, y, 0);
            return y->subtree ? trees(std::nullopt, y->subtree, path, depth + 1) : Status{};
        }
        if (x->entry.type != y->entry.type) {
            m_emit(path, ChangeKind::TypeChanged, x, y, 0);
            if (x->subtree)
                STRATA_TRY(trees(x->subtree, std::nullopt, path, depth + 1));
            if (y->subtree)
                STRATA_TRY(trees(std::nullopt, y->subtree, path, depth + 1));
            return {};
        }
        if (x->entry.type == NodeType::Directory)
            return trees(x->subtree, y->subtree, path, depth + 1);
        quint8 fields = 0;
        if (x->entry.contentKey != y->entry.contentKey || x->entry.size != y->entry.size)
            fields |= DiffEntry::Content;
        if (x->entry.mode != y->entry.mode)
            fields |= DiffEntry::Mode;
        if (x->entry.mtime != y->entry.mtime)
            fields |= DiffEntry::MTime;
        if (x->meta != y->meta)
            fields |= DiffEntry::Other;
        if (fields)
            m_emit(path, fields & DiffEntry::Content ? ChangeKind::Modified : ChangeKind::MetadataChanged, x,
                   y, fields);
        return {};
    }

private:
    const Stmt &m_listing;
    Emit m_emit;
};

// What a person calls a change (the version browser's filter, the timeline's counts): not an
// owner, group or extended attribute alone.
bool visibleChange(ChangeKind kind, quint8 fields)
{
    return kind != ChangeKind::MetadataChanged || (fields & ~quint8(DiffEntry::Other)) != 0;
}

} // namespace

struct Catalog::Statements
{
    explicit Statements(sqlite3 *db)
        : findTree(db, "SELECT id FROM trees WHERE blob = ?1"),
          addTree(db, "INSERT INTO trees(blob) VALUES (?1)"),
          findName(db, "SELECT id FROM names WHERE name = ?1"),
          addName(db, "INSERT INTO names(name) VALUES (?1)"),
          addEntry(
              db,
              "INSERT INTO entries(tree, name, type, mode, size, mtime, mtime_ns, content, meta, subtree) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
          addVersion(db, "INSERT OR REPLACE INTO versions(id, time, host, set_name, kind, tags, root) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
          entry(db, "SELECT type, mode, size, mtime, mtime_ns, content, meta, subtree FROM entries "
                    "WHERE tree = ?1 AND name = ?2"),
          listing(db,
                  "SELECT e.name, n.name, e.type, e.mode, e.size, e.mtime, e.mtime_ns, e.content, e.meta, "
                  "e.subtree FROM entries e JOIN names n ON n.id = e.name WHERE e.tree = ?1"),
          versionRoot(db, "SELECT root FROM versions WHERE id = ?1")
    {}
    bool valid() const
    {
        for (const Stmt *s : {&findTree, &addTree, &findName, &addName, &addEntry, &addVersion, &entry,
                              &listing, &versionRoot})
            if (!s->valid())
                return false;
        return true;
    }
    Stmt findTree, addTree, findName, addName, addEntry, addVersion, entry, listing, versionRoot;
};

QString Catalog::defaultPath(const QString &repositoryId)
{
    // Shared by the window and strata-cli, whatever the program is called.
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
           QStringLiteral("/strata/catalog/") + repositoryId + QStringLiteral(".sqlite");
}

Catalog::Catalog(sqlite3 *db, QString path) : m_db(db), m_path(std::move(path)) {}

Catalog::~Catalog()
{
    m_st.reset(); // statements before the connection
    sqlite3_close(m_db);
}

Status Catalog::exec(const char *sql) const
{
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const QString text = QString::fromUtf8(message ? message : "unknown error");
        sqlite3_free(message);
        return Error::io(QStringLiteral("catalog: %1").arg(text));
    }
    return {};
}

Result<std::unique_ptr<Catalog>> Catalog::open(const QString &path, const QString &repositoryId,
                                               QString *discarded)
{
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return Error::io(QStringLiteral("catalog: cannot create %1").arg(dir));
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    // Tries the file as it is; a second attempt starts from nothing.
    for (int attempt = 0; attempt < 2; ++attempt) {
        QString problem;
        sqlite3 *db = nullptr;
        const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
        if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, flags, nullptr) != SQLITE_OK) {
            problem = QString::fromUtf8(db ? sqlite3_errmsg(db) : "cannot open");
            sqlite3_close(db);
            db = nullptr;
        }
        std::unique_ptr<Catalog> catalog;
        if (db) {
            catalog.reset(new Catalog(db, path));
            QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            sqlite3_busy_timeout(db, 10000);
            // 64 MiB of page cache: a rebuild inserts millions of entries into one B-tree.
            Status ready =
                catalog->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
                              " PRAGMA temp_store=MEMORY;");
            if (ready) {
                // A damaged file shows here; so does one SQLite cannot read at all.
                Stmt check(db, "PRAGMA quick_check");
                Use q(check);
                if (!check.valid() || q.step() != SQLITE_ROW || q.text(0) != QLatin1String("ok"))
                    ready = Error::corrupt(QStringLiteral("the file is damaged"));
            }
            if (ready)
                ready = catalog->exec(kSchema);
            if (ready) {
                Stmt meta(db, "SELECT key, value FROM meta");
                QHash<QString, QString> values;
                for (Use q(meta); meta.valid() && q.step() == SQLITE_ROW;)
                    values.insert(q.text(0), q.text(1));
                if (values.isEmpty()) {
                    Stmt put(db, "INSERT INTO meta(key, value) VALUES (?1, ?2)");
                    for (const auto &[k, v] :
                         {std::pair{QStringLiteral("repository"), repositoryId},
                          std::pair{QStringLiteral("layout"), QString::number(kLayout)}}) {
                        Use q(put);
                        if (q.bindText(1, k).bindText(2, v).step() != SQLITE_DONE)
                            ready = sqlError(db, QStringLiteral("writing its header"));
                    }
                } else if (values.value(QStringLiteral("repository")) != repositoryId) {
                    ready = Error::invalid(QStringLiteral("it belongs to another repository"));
                } else if (values.value(QStringLiteral("layout")) != QString::number(kLayout)) {
                    ready = Error{ErrorCode::Unsupported,
                                  QStringLiteral("it was written by another version of Strata")};
                }
            }
            if (ready) {
                catalog->m_st = std::make_unique<Statements>(db);
                if (!catalog->m_st->valid())
                    ready = sqlError(db, QStringLiteral("preparing its queries"));
            }
            if (ready)
                return catalog;
            problem = ready.error().message;
        }
        catalog.reset();
        if (attempt == 1)
            return Error::io(QStringLiteral("catalog %1 cannot be used: %2").arg(path, problem));
        qCWarning(lcCatalog).noquote() << "discarding the catalog" << path << "-" << problem;
        if (discarded)
            *discarded = problem;
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
    }
    return Error::io(QStringLiteral("catalog %1 cannot be used").arg(path));
}

// The row of a tree blob, reading it (and the subtrees the catalog lacks) from the repository.
// Runs inside the caller's transaction: a tree row exists only once all below it does.
Result<qint64> Catalog::treeRowFor(Repository &repo, const BlobId &tree, const CancelToken &cancel,
                                   qint64 *read)
{
    struct Frame
    {
        BlobId id;
        Tree tree;
        std::size_t next = 0;
        std::vector<std::optional<qint64>> subtrees;
    };
    const auto known = [&](const BlobId &id) -> std::optional<qint64> {
        Use q(m_st->findTree);
        if (q.bind(1, QByteArrayView(reinterpret_cast<const char *>(id.bytes.data()), 32)).step() ==
            SQLITE_ROW)
            return q.integer(0);
        return std::nullopt;
    };
    if (auto row = known(tree))
        return *row;
    const auto load = [&](const BlobId &id) -> Result<Frame> {
        STRATA_TRY(cancel.check());
        auto t = repo.loadTree(id);
        STRATA_TRY(t);
        ++*read;
        Frame f{id, std::move(*t), 0, {}};
        f.subtrees.resize(f.tree.nodes.size());
        return f;
    };
    // Depth first without recursion: a deep tree cannot overflow the stack.
    std::vector<Frame> stack;
    auto first = load(tree);
    STRATA_TRY(first);
    stack.push_back(std::move(*first));
    std::unordered_set<BlobId> open{tree};
    QHash<QByteArray, qint64> &names = m_names;
    const auto nameRow = [&](const QByteArray &name) -> Result<qint64> {
        if (auto it = names.constFind(name); it != names.constEnd())
            return *it;
        {
            Use q(m_st->findName);
            if (q.bind(1, name).step() == SQLITE_ROW)
                return names[name] = q.integer(0);
        }
        Use add(m_st->addName);
        if (add.bind(1, name).step() != SQLITE_DONE)
            return sqlError(m_db, QStringLiteral("adding a name"));
        return names[name] = sqlite3_last_insert_rowid(m_db);
    };
    qint64 result = 0;
    while (!stack.empty()) {
        Frame &f = stack.back();
        if (f.next < f.tree.nodes.size()) {
            const Node &n = f.tree.nodes[f.next];
            if (n.type == NodeType::Directory && !f.subtrees[f.next]) {
                if (auto row = known(n.subtree)) {
                    f.subtrees[f.next] = *row;
                } else {
                    if (open.count(n.subtree) || stack.size() >= std::size_t(kMaxDepth))
                        return Error::corrupt(QStringLiteral("folder listing %1 contains itself or is nested "
                                                             "too deep")
                                                  .arg(n.subtree.shortHex()));
                    auto child = load(n.subtree);
                    STRATA_TRY(child);
                    open.insert(n.subtree);
                    stack.push_back(std::move(*child));
                    continue; // `f` may have moved
                }
            }
            ++f.next;
            continue;
        }
        // Every subtree is in: the tree and its entries go in.
        {
            Use add(m_st->addTree);
            if (add.bind(1, QByteArrayView(reinterpret_cast<const char *>(f.id.bytes.data()), 32)).step() !=
                SQLITE_DONE)
                return sqlError(m_db, QStringLiteral("adding a folder listing"));
        }
        const qint64 row = sqlite3_last_insert_rowid(m_db);
        for (std::size_t i = 0; i < f.tree.nodes.size(); ++i) {
            const Node &n = f.tree.nodes[i];
            auto name = nameRow(n.name);
            STRATA_TRY(name);
            Use add(m_st->addEntry);
            add.bind(1, row)
                .bind(2, *name)
                .bind(3, qint64(n.type))
                .bind(4, qint64(n.mode))
                .bind(5, qint64(n.size))
                .bind(6, n.mtime.sec)
                .bind(7, qint64(n.mtime.nsec))
                .bind(8, n.type == NodeType::Directory ? 0 : contentKey(n))
                .bind(9, metaKey(n));
            if (f.subtrees[i])
                add.bind(10, *f.subtrees[i]);
            else
                add.bindNull(10);
            if (add.step() != SQLITE_DONE)
                return sqlError(m_db, QStringLiteral("adding an entry"));
        }
        open.erase(f.id);
        result = row;
        stack.pop_back();
        if (!stack.empty()) {
            Frame &parent = stack.back();
            parent.subtrees[parent.next] = row;
            ++parent.next;
        }
    }
    return result;
}

Status Catalog::addVersionLocked(Repository &repo, const Snapshot &version, const CancelToken &cancel,
                                 qint64 *read)
{
    STRATA_TRY(exec("BEGIN IMMEDIATE"));
    const auto fail = [&](const Error &e) -> Status {
        (void)exec("ROLLBACK");
        m_names.clear(); // names added since BEGIN are gone again
        return e;
    };
    auto root = treeRowFor(repo, version.tree, cancel, read);
    if (!root)
        return fail(root.error());
    Use add(m_st->addVersion);
    add.bindText(1, version.id)
        .bind(2, version.time.toMSecsSinceEpoch())
        .bindText(3, version.host)
        .bindText(4, version.set)
        .bindText(5, kindName(version.kind))
        .bindText(6, version.tags.join(QLatin1Char('\n')))
        .bind(7, *root);
    if (add.step() != SQLITE_DONE)
        return fail(sqlError(m_db, QStringLiteral("adding version %1").arg(version.shortId())));
    if (Status s = exec("COMMIT"); !s)
        return fail(s.error());
    return {};
}

Status Catalog::addVersion(Repository &repo, const Snapshot &version, const CancelToken &cancel)
{
    std::lock_guard guard(m_mutex);
    m_names.clear();
    if (!repo.indexLoaded())
        STRATA_TRY(repo.loadIndex(nullptr, cancel));
    qint64 read = 0;
    return addVersionLocked(repo, version, cancel, &read);
}

Result<Catalog::UpdateReport> Catalog::update(Repository &repo,
                                              const std::function<void(qint64, qint64)> &progress,
                                              const CancelToken &cancel)
{
    std::lock_guard guard(m_mutex);
    m_names.clear(); // a clean-up since the last call may have removed names
    if (!repo.indexLoaded())
        STRATA_TRY(repo.loadIndex(nullptr, cancel));
    auto inRepo = repo.listSnapshots();
    STRATA_TRY(inRepo);
    QSet<QString> have;
    {
        Stmt all(m_db, "SELECT id FROM versions");
        for (Use q(all); q.step() == SQLITE_ROW;)
            have.insert(q.text(0));
    }
    UpdateReport report;
    QSet<QString> present;
    QList<const Snapshot *> missing;
    for (const Snapshot &s : *inRepo) {
        present.insert(s.id);
        if (!have.contains(s.id))
            missing << &s;
    }
    const qint64 total = missing.size();
    if (progress)
        progress(0, total);
    for (const Snapshot *s : std::as_const(missing)) {
        STRATA_TRY(addVersionLocked(repo, *s, cancel, &report.treesRead));
        report.versionsAdded++;
        if (progress)
            progress(report.versionsAdded, total);
    }
    QStringList gone;
    for (const QString &id : std::as_const(have))
        if (!present.contains(id))
            gone << id;
    if (!gone.isEmpty()) {
        STRATA_TRY(exec("BEGIN IMMEDIATE"));
        Stmt drop(m_db, "DELETE FROM versions WHERE id = ?1");
        for (const QString &id : std::as_const(gone)) {
            Use q(drop);
            if (q.bindText(1, id).step() != SQLITE_DONE) {
                (void)exec("ROLLBACK");
                return sqlError(m_db, QStringLiteral("removing a forgotten version"));
            }
        }
        // Listings no version reaches any more go too.
        Status swept = exec(R"sql(
            CREATE TEMP TABLE IF NOT EXISTS reached(id INTEGER PRIMARY KEY);
            DELETE FROM temp.reached;
            WITH RECURSIVE r(id) AS (SELECT root FROM versions
                                     UNION SELECT e.subtree FROM entries e JOIN r ON e.tree = r.id
                                     WHERE e.subtree IS NOT NULL)
            INSERT INTO temp.reached SELECT id FROM r;
            DELETE FROM entries WHERE tree NOT IN (SELECT id FROM temp.reached);
            DELETE FROM trees WHERE id NOT IN (SELECT id FROM temp.reached);
            DELETE FROM names WHERE id NOT IN (SELECT DISTINCT name FROM entries);
            DELETE FROM change_counts WHERE version NOT IN (SELECT id FROM versions)
                OR (base <> '' AND base NOT IN (SELECT id FROM versions));
            DELETE FROM temp.reached;)sql");
        if (swept)
            swept = exec("COMMIT");
        if (!swept) {
            (void)exec("ROLLBACK");
            return swept.error();
        }
        report.versionsRemoved = gone.size();
    }
    report.versions = present.size();
    return report;
}

QList<CatalogVersion> Catalog::versions() const
{
    std::lock_guard guard(m_mutex);
    QList<CatalogVersion> out;
    Stmt all(m_db, "SELECT id, time, host, set_name, kind, tags FROM versions ORDER BY time, id");
    for (Use q(all); q.step() == SQLITE_ROW;)
        out << versionFrom(q, 0);
    return out;
}

bool Catalog::hasVersion(const QString &id) const
{
    std::lock_guard guard(m_mutex);
    return rootOf(id).ok();
}

Result<QList<CatalogVersion>> Catalog::versionsBetween(const QDateTime &from, const QDateTime &to,
                                                       const QString &set) const
{
    std::lock_guard guard(m_mutex);
    // Through versions_by_time (or versions_by_set): a range, not a scan of every version.
    Stmt range(m_db, set.isEmpty() ? "SELECT id, time, host, set_name, kind, tags FROM versions "
                                     "WHERE time BETWEEN ?1 AND ?2 ORDER BY time, id"
                                   : "SELECT id, time, host, set_name, kind, tags FROM versions "
                                     "WHERE set_name = ?3 AND time BETWEEN ?1 AND ?2 ORDER BY time, id");
    if (!range.valid())
        return sqlError(m_db, QStringLiteral("listing versions"));
    Use q(range);
    q.bind(1, from.isValid() ? from.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min())
        .bind(2, to.isValid() ? to.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max());
    if (!set.isEmpty())
        q.bindText(3, set);
    QList<CatalogVersion> out;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
        out << versionFrom(q, 0);
    if (rc != SQLITE_DONE)
        return sqlError(m_db, QStringLiteral("listing versions"));
    return out;
}

Catalog::Stats Catalog::stats() const
{
    std::lock_guard guard(m_mutex);
    Stats st;
    const auto count = [&](const char *sql) {
        Stmt s(m_db, sql);
        Use q(s);
        return s.valid() && q.step() == SQLITE_ROW ? q.integer(0) : 0;
    };
    st.versions = count("SELECT count(*) FROM versions");
    st.trees = count("SELECT count(*) FROM trees");
    st.entries = count("SELECT count(*) FROM entries");
    st.names = count("SELECT count(*) FROM names");
    st.bytes = QFileInfo(m_path).size() + QFileInfo(m_path + QStringLiteral("-wal")).size();
    return st;
}

Result<QList<PathVersion>> Catalog::history(const QByteArray &path, const QString &set) const
{
    std::lock_guard guard(m_mutex);
    const QList<QByteArray> parts = path.split('/');
    std::vector<qint64> nameIds;
    bool unknownName = false;
    for (const QByteArray &part : parts) {
        if (part.isEmpty())
            continue;
        Use q(m_st->findName);
        if (q.bind(1, part).step() != SQLITE_ROW) {
            unknownName = true; // no version has an entry of that name anywhere
            break;
        }
        nameIds.push_back(q.integer(0));
    }
    if (nameIds.empty() && !unknownName)
        return Error::invalid(QStringLiteral("history: give the path of a file or folder, not the root"));

    // (tree, name) -> entry, shared by every version whose folders are the same listing.
    std::map<std::pair<qint64, qint64>, std::optional<Row>> lookups;
    const auto lookup = [&](qint64 tree, qint64 name) -> const std::optional<Row> & {
        auto [it, inserted] = lookups.try_emplace({tree, name});
        if (inserted) {
            Use q(m_st->entry);
            if (q.bind(1, tree).bind(2, name).step() == SQLITE_ROW) {
                Row r;
                r.entry.type = NodeType(q.integer(0));
                r.entry.mode = quint32(q.integer(1));
                r.entry.size = quint64(q.integer(2));
                r.entry.mtime = Timestamp{q.integer(3), quint32(q.integer(4))};
                r.entry.contentKey = quint64(q.integer(5));
                r.meta = q.integer(6);
                if (!q.isNull(7))
                    r.subtree = q.integer(7);
                it->second = r;
            }
        }
        return it->second;
    };

    QList<PathVersion> out;
    Stmt list(m_db, set.isEmpty() ? "SELECT id, time, host, set_name, kind, tags, root FROM versions "
                                    "ORDER BY time, id"
                                  : "SELECT id, time, host, set_name, kind, tags, root FROM versions "
                                    "WHERE set_name = ?1 ORDER BY time, id");
    Use q(list);
    if (!set.isEmpty())
        q.bindText(1, set);
    std::optional<Row> previous;
    bool seen = false;
    while (q.step() == SQLITE_ROW) {
        PathVersion pv;
        pv.version = versionFrom(q, 0);
        std::optional<Row> found;
        if (!unknownName) {
            qint64 tree = q.integer(6);
            for (std::size_t i = 0; i < nameIds.size(); ++i) {
                const std::optional<Row> &r = lookup(tree, nameIds[i]);
                if (!r)
                    break;
                if (i + 1 == nameIds.size())
                    found = r;
                else if (!r->subtree)
                    break; // a file where a folder was expected
                else
                    tree = *r->subtree;
            }
        }
        pv.present = found.has_value();
        if (found) {
            pv.entry = found->entry;
            if (!previous) {
                pv.changes = PathVersion::Appeared;
            } else {
                const CatalogEntry &a = previous->entry, &b = found->entry;
                if (a.type != b.type)
                    pv.changes |= PathVersion::Type;
                if (a.contentKey != b.contentKey || previous->subtree != found->subtree)
                    pv.changes |= PathVersion::Content;
                if (a.size != b.size)
                    pv.changes |= PathVersion::Size;
                if (a.mode != b.mode || previous->meta != found->meta)
                    pv.changes |= PathVersion::Mode;
                if (a.mtime != b.mtime)
                    pv.changes |= PathVersion::Modified;
            }
            seen = true;
        } else if (previous) {
            pv.changes = PathVersion::Disappeared;
        }
        (void)seen;
        previous = found;
        out << pv;
    }
    return out;
}

Result<std::unordered_set<qint64>>
Catalog::matchedNames(const std::function<bool(const QByteArray &)> &matches) const
{
    std::unordered_set<qint64> out;
    Stmt names(m_db, "SELECT id, name FROM names");
    if (!names.valid())
        return sqlError(m_db, QStringLiteral("reading names"));
    for (Use q(names); q.step() == SQLITE_ROW;)
        if (matches(q.blob(1)))
            out.insert(q.integer(0));
    return out;
}

Result<std::unordered_set<qint64>> Catalog::listingsHolding(const std::unordered_set<qint64> &names) const
{
    std::unordered_set<qint64> out;
    if (names.empty())
        return out;
    STRATA_TRY(
        exec("CREATE TEMP TABLE IF NOT EXISTS matched(id INTEGER PRIMARY KEY); DELETE FROM temp.matched;"
             "CREATE TEMP TABLE IF NOT EXISTS holding(id INTEGER PRIMARY KEY); DELETE FROM temp.holding;"));
    {
        Stmt add(m_db, "INSERT INTO temp.matched(id) VALUES (?1)");
        for (const qint64 id : names) {
            Use a(add);
            a.bind(1, id).step();
        }
    }
    STRATA_TRY(exec(R"sql(
        WITH RECURSIVE up(id) AS (SELECT tree FROM entries WHERE name IN (SELECT id FROM temp.matched)
                                  UNION SELECT e.tree FROM entries e JOIN up ON e.subtree = up.id)
        INSERT INTO temp.holding SELECT id FROM up;)sql"));
    {
        Stmt h(m_db, "SELECT id FROM temp.holding");
        for (Use q(h); q.step() == SQLITE_ROW;)
            out.insert(q.integer(0));
    }
    (void)exec("DELETE FROM temp.matched; DELETE FROM temp.holding;");
    return out;
}

Result<QList<FoundPath>> Catalog::find(const QString &pattern, int limit) const
{
    std::lock_guard guard(m_mutex);
    if (pattern.isEmpty())
        return Error::invalid(QStringLiteral("find: give a name or a pattern such as *.otml"));
    const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(
                                    pattern, QRegularExpression::UnanchoredWildcardConversion),
                                QRegularExpression::CaseInsensitiveOption);
    const QRegularExpression anchored(QRegularExpression::anchoredPattern(re.pattern()), re.patternOptions());
    if (!anchored.isValid())
        return Error::invalid(
            QStringLiteral("find: '%1' is not a pattern (%2)").arg(pattern, anchored.errorString()));

    auto matchedIds = matchedNames(
        [&](const QByteArray &name) { return anchored.match(QFile::decodeName(name)).hasMatch(); });
    STRATA_TRY(matchedIds);
    const std::unordered_set<qint64> &matched = *matchedIds;
    // Every listing on the way down to a match: the walks below enter no other.
    auto holdingIds = listingsHolding(matched);
    STRATA_TRY(holdingIds);
    const std::unordered_set<qint64> &holding = *holdingIds;
    if (holding.empty())
        return QList<FoundPath>{};

    // What each listing holds below it that matches, relative to it; shared by every version.
    struct Hit
    {
        QByteArray path;
        CatalogEntry entry;
    };
    std::unordered_map<qint64, std::vector<Hit>> below;
    const std::function<const std::vector<Hit> &(qint64, int)> hits =
        [&](qint64 tree, int depth) -> const std::vector<Hit> & {
        if (auto it = below.find(tree); it != below.end())
            return it->second;
        std::vector<Hit> out;
        std::vector<std::pair<QByteArray, Row>> rows;
        {
            Use q(m_st->listing);
            q.bind(1, tree);
            while (q.step() == SQLITE_ROW) {
                Row r;
                r.name = q.integer(0);
                r.entry.type = NodeType(q.integer(2));
                r.entry.mode = quint32(q.integer(3));
                r.entry.size = quint64(q.integer(4));
                r.entry.mtime = Timestamp{q.integer(5), quint32(q.integer(6))};
                r.entry.contentKey = quint64(q.integer(7));
                if (!q.isNull(9))
                    r.subtree = q.integer(9);
                rows.emplace_back(q.blob(1), r);
            }
        }
        for (const auto &[name, r] : rows) {
            if (matched.count(r.name))
                out.push_back({'/' + name, r.entry});
            if (r.subtree && holding.count(*r.subtree) && depth < kMaxDepth)
                for (const Hit &h : hits(*r.subtree, depth + 1))
                    out.push_back({'/' + name + h.path, h.entry});
        }
        return below[tree] = std::move(out);
    };

    std::map<QByteArray, FoundPath> byPath;
    Stmt list(m_db, "SELECT id, time, host, set_name, kind, tags, root FROM versions ORDER BY time, id");
    std::vector<std::pair<CatalogVersion, qint64>> all;
    for (Use q(list); q.step() == SQLITE_ROW;)
        all.emplace_back(versionFrom(q, 0), q.integer(6));
    for (const auto &[version, root] : all) {
        if (!holding.count(root))
            continue;
        for (const Hit &h : hits(root, 0)) {
            FoundPath &f = byPath[h.path];
            f.path = h.path;
            f.entry = h.entry; // versions go oldest first: the newest one's entry stays
            f.newest = version;
            f.versions++;
        }
    }
    QList<FoundPath> out;
    for (auto &[path, f] : byPath)
        out << f;
    std::stable_sort(out.begin(), out.end(),
                     [](const FoundPath &a, const FoundPath &b) { return a.newest.time > b.newest.time; });
    if (limit > 0 && out.size() > limit)
        out.resize(limit);
    return out;
}

Result<qint64> Catalog::rootOf(const QString &id) const
{
    Use q(m_st->versionRoot);
    if (q.bindText(1, id).step() != SQLITE_ROW)
        return Error::notFound(QStringLiteral("version %1 is not in the catalog").arg(id.left(8)));
    return q.integer(0);
}

Result<DiffSummary> Catalog::diff(const QString &a, const QString &b,
                                  const std::function<void(const DiffEntry &)> &each) const
{
    return diff(a, b, QByteArray("/"), each);
}

Result<DiffSummary> Catalog::diff(const QString &a, const QString &b, const QByteArray &path,
                                  const std::function<void(const DiffEntry &)> &each) const
{
    std::lock_guard guard(m_mutex);
    auto ra = rootOf(a);
    STRATA_TRY(ra);
    auto rb = rootOf(b);
    STRATA_TRY(rb);

    DiffSummary summary;
    ListingDiffer differ(m_st->listing, [&](const QByteArray &p, ChangeKind kind, const Row *ea,
                                            const Row *eb, quint8 fields) {
        DiffEntry e;
        e.path = QFile::decodeName(p);
        e.change = kind;
        e.fields = fields;
        if (ea) {
            e.typeA = ea->entry.type;
            e.sizeA = qint64(ea->entry.size);
            e.modeA = ea->entry.mode;
            e.mtimeA = ea->entry.mtime;
        }
        if (eb) {
            e.typeB = eb->entry.type;
            e.sizeB = qint64(eb->entry.size);
            e.modeB = eb->entry.mode;
            e.mtimeB = eb->entry.mtime;
        }
        summary.count(e);
        each(e);
    });
    const QByteArray clean = path.isEmpty() ? QByteArray("/") : paths::clean(path);
    if (clean == "/") {
        STRATA_TRY(differ.trees(*ra, *rb, QByteArray(), 0));
        return summary;
    }
    // The entry at `clean` in a version's tree, walking down by name.
    const auto entryAt = [&](qint64 root) -> std::optional<Row> {
        qint64 tree = root;
        std::optional<Row> found;
        for (const QByteArray &part : clean.split('/')) {
            if (part.isEmpty())
                continue;
            if (found && !found->subtree)
                return std::nullopt; // a file where a folder was expected
            if (found)
                tree = *found->subtree;
            qint64 name = 0;
            {
                Use q(m_st->findName);
                if (q.bind(1, part).step() != SQLITE_ROW)
                    return std::nullopt; // no version has an entry of that name anywhere
                name = q.integer(0);
            }
            Use q(m_st->entry);
            if (q.bind(1, tree).bind(2, name).step() != SQLITE_ROW)
                return std::nullopt;
            found = rowAt(q, 0);
            found->name = name;
        }
        return found;
    };
    const std::optional<Row> na = entryAt(*ra), nb = entryAt(*rb);
    if (!na && !nb)
        return Error::notFound(
            QStringLiteral("neither %1 nor %2 holds %3").arg(a.left(8), b.left(8), QFile::decodeName(clean)));
    STRATA_TRY(differ.pair(na ? &*na : nullptr, nb ? &*nb : nullptr, clean, 0));
    return summary;
}

Result<QHash<QByteArray, Catalog::PathChange>> Catalog::changedPaths(const QString &a, const QString &b) const
{
    std::lock_guard guard(m_mutex);
    auto ra = rootOf(a);
    STRATA_TRY(ra);
    auto rb = rootOf(b);
    STRATA_TRY(rb);
    QHash<QByteArray, PathChange> out;
    QByteArray removed; // the last removed entry
    ListingDiffer differ(
        m_st->listing, [&](const QByteArray &p, ChangeKind kind, const Row *, const Row *, quint8 fields) {
            if (!visibleChange(kind, fields))
                return;
            if (kind == ChangeKind::Removed) {
                // `b` holds neither it nor what was below it: only the folders
                // above it changed, and they are marked for its first entry.
                if (!removed.isEmpty() && p.startsWith(QByteArray(removed + '/')))
                    return;
                removed = p;
            } else {
                out.insert(p, kind == ChangeKind::Added ? PathChange::Added : PathChange::Modified);
            }
            // Each folder above: the walk goes depth first, so the first one
            // already there means all above it are too.
            for (qsizetype slash = p.lastIndexOf('/'); slash > 0; slash = p.lastIndexOf('/', slash - 1)) {
                const QByteArray dir = p.left(slash);
                auto it = out.find(dir);
                if (it != out.end())
                    break;
                out.insert(dir, PathChange::Modified);
            }
        });
    STRATA_TRY(differ.trees(*ra, *rb, QByteArray(), 0));
    return out;
}

Result<QHash<QString, qint64>> Catalog::changeCounts(const QString &set) const
{
    std::lock_guard guard(m_mutex);
    struct Pending
    {
        QString id, base;
        qint64 root = 0;
        std::optional<qint64> baseRoot;
    };
    QHash<QString, qint64> out;
    QList<Pending> missing;
    {
        Stmt list(m_db, set.isEmpty() ? "SELECT id, set_name, kind, root FROM versions ORDER BY time, id"
                                      : "SELECT id, set_name, kind, root FROM versions WHERE set_name = ?1 "
                                        "ORDER BY time, id");
        Stmt known(m_db, "SELECT files FROM change_counts WHERE version = ?1 AND base = ?2");
        if (!list.valid() || !known.valid())
            return sqlError(m_db, QStringLiteral("reading change counts"));
        // The last version of each set that is not a safety version: what the next compares with.
        QHash<QString, std::pair<QString, qint64>> previous;
        Use q(list);
        if (!set.isEmpty())
            q.bindText(1, set);
        while (q.step() == SQLITE_ROW) {
            Pending p;
            p.id = q.text(0);
            const QString setName = q.text(1);
            p.root = q.integer(3);
            if (const auto it = previous.constFind(setName); it != previous.cend()) {
                p.base = it->first;
                p.baseRoot = it->second;
            }
            if (kindFromName(q.text(2)).value_or(BackupKind::Full) != BackupKind::Safety)
                previous.insert(setName, {p.id, p.root});
            Use k(known);
            if (k.bindText(1, p.id).bindText(2, p.base).step() == SQLITE_ROW)
                out.insert(p.id, k.integer(0));
            else
                missing << p;
        }
    }
    if (missing.isEmpty())
        return out;
    // Counting needs no paths: listings are paired by name id in the order the table keeps
    // them, without reading a name or sorting, which makes a count several times cheaper than
    // the diff it agrees with (tst_catalog).
    Stmt byName(m_db, "SELECT name, type, mode, size, mtime, mtime_ns, content, meta, subtree FROM entries "
                      "WHERE tree = ?1 ORDER BY name");
    if (!byName.valid())
        return sqlError(m_db, QStringLiteral("counting changes"));
    const auto rows = [&](qint64 tree) {
        std::vector<Row> out;
        Use q(byName);
        q.bind(1, tree);
        while (q.step() == SQLITE_ROW) {
            Row r = rowAt(q, 1);
            r.name = q.integer(0);
            out.push_back(r);
        }
        return out;
    };
    std::unordered_map<qint64, qint64> filesBelow; // by listing: what everything in it counts
    const std::function<Result<qint64>(qint64, int)> everything = [&](qint64 tree,
                                                                      int depth) -> Result<qint64> {
        if (auto it = filesBelow.find(tree); it != filesBelow.end())
            return it->second;
        if (depth > kMaxDepth)
            return Error::corrupt(QStringLiteral("the catalog's folders are nested too deep"));
        qint64 n = 0;
        for (const Row &r : rows(tree)) {
            if (r.entry.type != NodeType::Directory)
                ++n;
            if (r.subtree) {
                auto below = everything(*r.subtree, depth + 1);
                STRATA_TRY(below);
                n += *below;
            }
        }
        return filesBelow[tree] = n;
    };
    // As ListingDiffer emits: an added or removed folder counts what it holds, not itself.
    const auto side = [&](const Row &r, int depth) -> Result<qint64> {
        qint64 n = r.entry.type != NodeType::Directory ? 1 : 0;
        if (r.subtree) {
            auto below = everything(*r.subtree, depth + 1);
            STRATA_TRY(below);
            n += *below;
        }
        return n;
    };
    const std::function<Result<qint64>(std::optional<qint64>, qint64, int)> changes =
        [&](std::optional<qint64> ta, qint64 tb, int depth) -> Result<qint64> {
        if (!ta)
            return everything(tb, depth);
        if (*ta == tb)
            return qint64(0);
        if (depth > kMaxDepth)
            return Error::corrupt(QStringLiteral("the catalog's folders are nested too deep"));
        const std::vector<Row> la = rows(*ta), lb = rows(tb);
        qint64 n = 0;
        std::size_t i = 0, j = 0;
        while (i < la.size() || j < lb.size()) {
            const Row *x = i < la.size() ? &la[i] : nullptr;
            const Row *y = j < lb.size() ? &lb[j] : nullptr;
            Result<qint64> more = qint64(0);
            if (x && (!y || x->name < y->name)) {
                more = side(*x, depth);
                ++i;
            } else if (y && (!x || y->name < x->name)) {
                more = side(*y, depth);
                ++j;
            } else {
                if (x->entry.type != y->entry.type) {
                    qint64 both = 1;
                    for (const Row *r : {x, y})
                        if (r->subtree) {
                            auto below = everything(*r->subtree, depth + 1);
                            STRATA_TRY(below);
                            both += *below;
                        }
                    more = both;
                } else if (x->entry.type == NodeType::Directory) {
                    if (x->subtree && y->subtree)
                        more = changes(*x->subtree, *y->subtree, depth + 1);
                } else {
                    const bool visible = x->entry.contentKey != y->entry.contentKey ||
                                         x->entry.size != y->entry.size || x->entry.mode != y->entry.mode ||
                                         x->entry.mtime != y->entry.mtime;
                    more = qint64(visible ? 1 : 0);
                }
                ++i;
                ++j;
            }
            STRATA_TRY(more);
            n += *more;
        }
        return n;
    };
    for (const Pending &p : std::as_const(missing)) {
        auto files = changes(p.baseRoot, p.root, 0);
        STRATA_TRY(files);
        out.insert(p.id, *files);
    }
    // Kept for the next call; a catalog that cannot be written still answers.
    if (exec("BEGIN IMMEDIATE")) {
        Stmt put(m_db, "INSERT OR REPLACE INTO change_counts(version, base, files) VALUES (?1, ?2, ?3)");
        bool ok = put.valid();
        for (const Pending &p : std::as_const(missing)) {
            if (!ok)
                break;
            Use q(put);
            ok = q.bindText(1, p.id).bindText(2, p.base).bind(3, out.value(p.id)).step() == SQLITE_DONE;
        }
        if (!ok || !exec("COMMIT")) {
            qCWarning(lcCatalog).noquote() << "cannot keep the change counts:" << sqlite3_errmsg(m_db);
            (void)exec("ROLLBACK");
        }
    }
    return out;
}

Status Catalog::walkMatching(const QString &id, const QByteArray &path,
                             const std::function<bool(const QByteArray &)> &matches,
                             const std::function<bool(const QByteArray &, const CatalogEntry &)> &each) const
{
    std::lock_guard guard(m_mutex);
    auto root = rootOf(id);
    STRATA_TRY(root);
    const QByteArray clean = path.isEmpty() ? QByteArray("/") : paths::clean(path);
    const auto missing = [&] {
        return Error::notFound(
            QStringLiteral("%1 is not in version %2").arg(QFile::decodeName(clean), id.left(8)));
    };
    // Down to the path's entry, remembering its name.
    std::optional<Row> at;
    QByteArray atName;
    for (const QByteArray &part : clean.split('/')) {
        if (part.isEmpty())
            continue;
        if (at && !at->subtree)
            return missing();
        const qint64 tree = at ? *at->subtree : *root;
        Use n(m_st->findName);
        if (n.bind(1, part).step() != SQLITE_ROW)
            return missing();
        const qint64 name = n.integer(0);
        Use q(m_st->entry);
        if (q.bind(1, tree).bind(2, name).step() != SQLITE_ROW)
            return missing();
        at = rowAt(q, 0);
        at->name = name;
        atName = part;
    }
    auto matchedIds = matchedNames(matches);
    STRATA_TRY(matchedIds);
    const std::unordered_set<qint64> &matched = *matchedIds;
    if (at && !at->subtree) {
        if (matched.count(at->name))
            each(clean, at->entry);
        return {};
    }
    const qint64 top = at ? *at->subtree : *root;
    // Many matching names (a query like "e"): the walk enters nearly every folder anyway, and
    // finding the listings that lead to them would cost more than it saves.
    const bool everywhere = matched.size() > 2000;
    std::unordered_set<qint64> holding;
    if (!everywhere && !matched.empty()) {
        auto h = listingsHolding(matched);
        STRATA_TRY(h);
        holding = std::move(*h);
    }
    const std::function<Status(qint64, const QByteArray &, int, bool &)> walk =
        [&](qint64 tree, const QByteArray &dir, int depth, bool &stop) -> Status {
        if (depth > kMaxDepth)
            return Error::corrupt(
                QStringLiteral("the folders of %1 are nested too deep").arg(QFile::decodeName(dir)));
        for (const Named &n : listingOf(m_st->listing, tree)) {
            const QByteArray p = dir + '/' + n.name;
            if (matched.count(n.row.name) && !each(p, n.row.entry)) {
                stop = true;
                return {};
            }
            if (n.row.subtree && (everywhere || holding.count(*n.row.subtree))) {
                STRATA_TRY(walk(*n.row.subtree, p, depth + 1, stop));
                if (stop)
                    return {};
            }
        }
        return {};
    };
    if (matched.empty() || (!everywhere && !holding.count(top)))
        return {};
    bool stop = false;
    return walk(top, clean == "/" ? QByteArray() : clean, 0, stop);
}

} // namespace strata
