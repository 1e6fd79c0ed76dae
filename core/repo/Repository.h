// An open repository: its config, master key, blob index, packs, trees, snapshots, keys and
// locks. This is the only code that knows the on-disk format; the engine, the CLI and the UI
// go through it. Blob writes are thread-safe and deduplicated, including blobs still in flight.
// Full packs are stored by a background writer thread, so the threads that save blobs keep
// chunking and compressing while a pack is written and synced.
//
// Write order is packs, then index, then snapshot: a crash at any moment leaves at worst
// packs that no index names (harmless, pruned later), never a version pointing at missing data.
#pragma once

#include "crypto/MasterKey.h"
#include "repo/Config.h"
#include "repo/Index.h"
#include "repo/KeyStore.h"
#include "repo/SealedFiles.h"
#include "repo/Snapshot.h"
#include "repo/SnapshotStore.h"
#include "repo/Tree.h"
#include "storage/Backend.h"

#include <QJsonObject>
#include <QList>
#include <QSet>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_set>

namespace strata {

class RepoLock;
enum class LockMode
{
    Shared,
    Exclusive
};

struct WriteStats
{
    qint64 blobsAdded = 0;
    qint64 bytesAdded = 0; // bytes written into packs (sealed)
    qint64 rawBytesAdded = 0;
    qint64 packsWritten = 0;
};

class Repository final
{
public:
    struct InitOptions
    {
        RepoConfig config;
        KdfParams kdf;
    };

    // Creates a new repository in an empty place. Fails if one exists there already.
    static Result<std::shared_ptr<Repository>> init(std::unique_ptr<Backend> backend, const QString &password,
                                                    const InitOptions &options = {});
    // Opens an existing repository: RepositoryMissing, WrongPassword, Unsupported or Corrupt.
    static Result<std::shared_ptr<Repository>> open(std::unique_ptr<Backend> backend,
                                                    const QString &password);
    static Result<std::shared_ptr<Repository>> open(const QString &url, const QString &password);
    // Reads the plain config without a password (RepositoryMissing when there is none), e.g.
    // to find the repository's id for a keychain lookup.
    static Result<RepoConfig> readConfig(Backend &backend);

    ~Repository();

    const RepoConfig &config() const { return m_config; }
    // Raises a repository of an older format to the current one by rewriting its config, so
    // that older builds, which could not read what is written next, refuse it with a message
    // instead. Nothing else changes: versions already stored stay as they are and restore as
    // before. Returns the version it was raised from, or 0 when it was current. Call before
    // the first write of a run.
    Result<int> upgradeFormat();
    // Whether the config file still holds the settings it was written with: false when it
    // carries no authenticator (an older Strata wrote it), Corrupt when it was changed.
    Result<bool> verifyConfig() const;
    const MasterKey &masterKey() const { return m_key; }
    Backend &backend() { return *m_backend; }
    QString location() const { return m_backend->location(); }

    // ---- blobs ----------------------------------------------------------------------------
    // Reads every index file. Blobs named by no index are invisible until then. With
    // `damaged`, unreadable index files are listed there and skipped instead of failing.
    // A cancelled token stops it between files (ErrorCode::Cancelled; the loaded index stays).
    Status loadIndex(QStringList *damaged = nullptr, const CancelToken &cancel = {});
    // The same from the named index files only, the others left out as if they were not there.
    Status loadIndexFiles(const QStringList &names, QStringList *damaged = nullptr,
                          const CancelToken &cancel = {});
    bool indexLoaded() const { return m_indexLoaded; }
    BlobId blobId(QByteArrayView plain) const;
    bool hasBlob(const BlobId &id) const;
    std::optional<BlobLocation> findBlob(const BlobId &id) const;
    // Stores a blob unless the repository (or a pack being written) already has it.
    // Returns true when it was new. Thread-safe. The blob is durable and indexed only after
    // the next flush(); a failed pack write shows up here (for later blobs) and in flush().
    Result<bool> saveBlob(BlobType type, const BlobId &id, QByteArrayView plain);
    // Stores a blob exactly as another pack holds it (prune moves the used blobs of a pack this
    // way), unless the repository (or a pack being written) already has it. The sealed bytes are
    // authenticated first and refused as Corrupt when they fail; they are not decrypted into
    // anything kept, decompressed or encoded again, so what moves is byte for byte what was
    // written and checked. Returns true when it was new. Thread-safe, durable after flush().
    Result<bool> copyBlob(const PackedBlob &blob, QByteArrayView sealed);
    // Reads, authenticates, decompresses and checks the id of a blob. Thread-safe.
    Result<QByteArray> loadBlob(const BlobId &id) const;
    // Writes the pack being filled, waits until every pack handed to the writer is stored and
    // indexed, and merges this session's index files. Returns the first pack or index write
    // error since the last flush (and forgets it, so a later run can try again).
    Status flush();
    WriteStats writeStats() const;
    const Index &index() const { return m_index; }

    // Opens one stored blob from raw pack bytes (used by check to verify packs it has read).
    Result<QByteArray> openBlob(const PackedBlob &blob, QByteArrayView stored) const;
    Result<std::vector<PackedBlob>> parsePackHeader(const QByteArray &wholePack) const;
    // The same from the end of a pack only (its header and trailer) and the pack's size.
    Result<std::vector<PackedBlob>> parsePackTail(QByteArrayView tail, qint64 packSize) const;
    // Reads just the header of a stored pack (two ranged reads).
    Result<std::vector<PackedBlob>> readPackTail(const FileInfo &pack) const;

    Result<Tree> loadTree(const BlobId &id) const;
    Result<BlobId> saveTree(const Tree &tree);

    // ---- metadata files ---------------------------------------------------------------------
    QByteArray sealFile(const QByteArray &plain) const;
    Result<QByteArray> openFile(FileKind kind, const QString &name) const;

    struct RebuildReport
    {
        qint64 packs = 0, blobs = 0, indexFilesReplaced = 0;
        QStringList unreadablePacks; // "<pack>: <problem>"; their blobs stay unindexed
    };
    // Re-reads the header of every pack and replaces all index files by one that names them
    // all: the repair for a lost or damaged index. The new index is durable before any old
    // file goes. Call it under an exclusive lock. Cancelled, it stops before writing anything.
    Result<RebuildReport> rebuildIndex(const std::function<void(qint64 done, qint64 total)> &progress = {},
                                       const CancelToken &cancel = {});
    // Seals and stores a file under the sha256 of its sealed bytes; returns that name.
    Result<QString> writeSealedFile(FileKind kind, const QByteArray &plain);
    Result<QStringList> indexFiles(const CancelToken &cancel = {}) const;

    // ---- snapshots --------------------------------------------------------------------------
    Result<QList<Snapshot>> listSnapshots() const; // oldest first
    Result<Snapshot> loadSnapshot(const QString &id) const;
    // "latest" (optionally of one set), a full id, or a unique prefix.
    Result<Snapshot> findSnapshot(const QString &spec, const QString &set = {}) const;
    // Stores the snapshot and fills in its id.
    Status saveSnapshot(Snapshot &snapshot);
    Status removeSnapshot(const QString &id);
    // Removes a version the user let go, and leaves a note under forgotten/ first: a version
    // that later ones name as their parent is then known to be forgotten, not lost. A version
    // whose tags changed is replaced: `replacedBy` names its successor in the note.
    Status forgetSnapshot(const QString &id, const QString &replacedBy = {});
    // The ids of the versions forget removed.
    Result<QSet<QString>> forgottenSnapshots() const;

    // ---- retired packs ----------------------------------------------------------------------
    // A note under retired/ that repair has stored again everything readable in a damaged pack,
    // left before the index files that say what the pack held go: a repair killed before it
    // removes the pack then knows the pack is not needed, though no index names it any more.
    Status retirePack(const QString &name);
    Result<QSet<QString>> retiredPacks() const;
    Status removeRetiredNote(const QString &name);

    // ---- keys -------------------------------------------------------------------------------
    Result<QString> addKey(const QString &password, const KdfParams &kdf = {});
    Result<QList<KeyEntry>> listKeys() const;
    // Refuses to remove the key in use or the last key.
    Status removeKey(const QString &idOrPrefix);
    // Replaces the current key file by one for the new password.
    Status changePassword(const QString &newPassword, const KdfParams &kdf = {});
    QString currentKeyId() const { return m_keys.currentId(); }

    // ---- locks ------------------------------------------------------------------------------
    // Takes a lock kept fresh by a background thread until the returned object dies.
    // A conflicting lock that is stale (not refreshed for 30 minutes, or its process is gone
    // on this host) is removed; a live one gives ErrorCode::Locked naming its holder.
    Result<std::unique_ptr<RepoLock>> lock(LockMode mode);
    // A shared lock for work that only reads (restore, check, export). Where no lock file can be
    // written (a read-only mount or medium, a folder the user may only read), nobody could prune
    // there either: the work goes ahead without a lock (nullptr), with a log line. A live
    // exclusive lock still gives ErrorCode::Locked.
    Result<std::unique_ptr<RepoLock>> lockForReading();
    // Removes stale locks (all locks with `all`); returns how many.
    Result<int> removeLocks(bool all);

private:
    Repository(std::unique_ptr<Backend> backend, RepoConfig config, MasterKey key, QString keyId);
    struct PackBuilder;
    // Compresses (when it pays) and seals one blob for a pack.
    QByteArray encodeBlob(BlobType type, const BlobId &id, QByteArrayView plain, bool *compressed) const;
    // Marks `id` as being stored by this session: false when it is stored or in a pack already.
    Result<bool> reserveBlob(const BlobId &id);
    // Appends a reserved, sealed blob to the pack being filled (its offset and length are set
    // here) and hands the pack to the writer once it is full.
    Status appendSealed(PackedBlob blob, QByteArrayView sealed);
    Status writePack(std::unique_ptr<PackBuilder> pack);
    // Hands a full pack to the writer thread, waiting while its queue is full.
    Status queuePack(std::unique_ptr<PackBuilder> pack);
    void writerLoop();
    void forgetInFlight(const std::vector<PackedBlob> &blobs);
    Status writeIndexFor(const std::vector<PackContents> &packs);
    Status mergeIndexFiles(const std::vector<QString> &files, const std::vector<PackContents> &packs);

    std::unique_ptr<Backend> m_backend;
    RepoConfig m_config;
    MasterKey m_key;
    // The parts with one job each, over the backend and the key above.
    SealedFiles m_files;
    KeyStore m_keys;
    SnapshotStore m_snapshots;

    mutable std::mutex m_indexMutex; // guards m_index, m_inFlight, m_unflushed
    Index m_index;
    std::unordered_set<BlobId> m_inFlight;
    std::vector<QString> m_runIndexFiles; // one per pack written since the last merge
    std::vector<PackContents> m_runPacks; // what those files hold, to merge them into one
    std::size_t m_runBlobs = 0;           // blobs in m_runPacks
    bool m_indexLoaded = false;

    std::mutex m_packMutex; // guards m_pack
    std::unique_ptr<PackBuilder> m_pack;

    mutable std::mutex m_statsMutex;
    WriteStats m_stats;

    // The pack writer: one thread, started with the first full pack, stopped by the destructor.
    std::mutex m_writeMutex; // guards the members below
    std::condition_variable m_writeChanged;
    std::deque<std::unique_ptr<PackBuilder>> m_writeQueue;
    bool m_writing = false; // the writer holds a pack taken from the queue
    bool m_stopWriter = false;
    std::optional<Error> m_writeError; // the first failure since the last flush()
    std::thread m_writer;

    friend class RepoLock;
};

} // namespace strata
