#include "repo/Repository.h"

#include "crypto/Crypto.h"
#include "repo/Compression.h"
#include "repo/KeyStore.h"
#include "repo/Lock.h"
#include "repo/Pack.h"
#include "util/MappedBuffer.h"
#include "util/Trace.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcRepo, "strata.repo")

namespace strata {

namespace {
const QByteArray kPackHeaderDomain = QByteArrayLiteral("strata-pack-header-v1");
// Index files written per pack are merged into one once this many pile up in a session, or
// once they name this many blobs: a pack of small files holds thousands, and a merged file is
// read, decrypted and parsed whole, so its size is what loading an index costs beyond the
// index itself (65,536 blobs: about 3 MiB of plaintext).
constexpr std::size_t kMergeIndexAfter = 64;
constexpr std::size_t kMergeIndexBlobs = 65536;
// Full packs waiting for the writer thread. With one waiting, one being written and one being
// filled, pack data in memory stays under 3 x packSize (48 MiB with 16 MiB packs) however many
// threads save blobs; a deeper queue would only hide a slow disk a little longer.
constexpr std::size_t kMaxQueuedPacks = 1;

QByteArray blobAssociated(const BlobId &id, BlobType type)
{
    QByteArray ad = id.toByteArray();
    ad.append(char(type));
    return ad;
}

const QString kAuthenticatorField = QStringLiteral("authenticator");
const QByteArray kConfigDomain = QByteArrayLiteral("strata-config-v1");

// The config stays plain JSON (a keychain finds the repository's id before any password), so
// it carries a keyed hash of its settings, in their canonical form, to tell when it changed.
QString configAuthenticator(const RepoConfig &config, const MasterKey &key)
{
    return crypto::keyedId(key.idKey, QByteArray(kConfigDomain + '\0' + config.toJson())).toHex();
}

QByteArray authenticatedConfig(const RepoConfig &config, const MasterKey &key)
{
    QJsonObject o = QJsonDocument::fromJson(config.toJson()).object();
    o.insert(kAuthenticatorField, configAuthenticator(config, key));
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}
} // namespace

Result<bool> Repository::verifyConfig() const
{
    auto data = m_backend->read(FileKind::Config, QStringLiteral("config"));
    STRATA_TRY(data);
    const QJsonValue stored = QJsonDocument::fromJson(*data).object().value(kAuthenticatorField);
    if (stored.isUndefined())
        return false; // written by a Strata that did not authenticate it yet
    auto now = RepoConfig::fromJson(*data);
    STRATA_TRY(now);
    if (stored.toString() != configAuthenticator(*now, m_key))
        return Error::corrupt(
            QStringLiteral("the config file does not match the authenticator written with it: "
                           "its settings were damaged or edited"));
    return true;
}

struct Repository::PackBuilder
{
    explicit PackBuilder(qsizetype capacity) : data(capacity) {}
    MappedBuffer data;
    std::vector<PackedBlob> blobs;
};

Repository::Repository(std::unique_ptr<Backend> backend, RepoConfig config, MasterKey key, QString keyId)
    : m_backend(std::move(backend)), m_config(std::move(config)), m_key(std::move(key)),
      m_files(*m_backend, m_key), m_keys(*m_backend, m_key, std::move(keyId)),
      m_snapshots(*m_backend, m_files)
{}

Repository::~Repository()
{
    // The writer stores what is queued (those packs are complete) and ends.
    {
        std::lock_guard guard(m_writeMutex);
        m_stopWriter = true;
    }
    m_writeChanged.notify_all();
    if (m_writer.joinable())
        m_writer.join();
}

Result<std::shared_ptr<Repository>> Repository::init(std::unique_ptr<Backend> backend,
                                                     const QString &password, const InitOptions &options)
{
    if (password.isEmpty())
        return Error::invalid(QStringLiteral("an empty password is not allowed"));
    auto exists = backend->exists();
    STRATA_TRY(exists);
    if (*exists)
        return Error::invalid(QStringLiteral("a repository already exists at %1").arg(backend->location()));
    STRATA_TRY(backend->create());

    RepoConfig config = options.config;
    config.version = RepositoryFormatVersion;
    config.id = crypto::sha256(crypto::randomBytes(32)).toHex();
    MasterKey key = MasterKey::generate();
    auto keyFile = wrapMasterKey(key, password, options.kdf);
    STRATA_TRY(keyFile);
    const QString keyId = crypto::sha256(*keyFile).toHex();
    // The key goes first: a config without a key would be a repository nobody can open.
    STRATA_TRY(backend->write(FileKind::Key, keyId, *keyFile));
    STRATA_TRY(backend->write(FileKind::Config, QStringLiteral("config"), authenticatedConfig(config, key)));
    auto repo = std::shared_ptr<Repository>(new Repository(std::move(backend), config, key, keyId));
    repo->m_indexLoaded = true; // a new repository has no index files
    return repo;
}

Result<int> Repository::upgradeFormat()
{
    if (m_config.version >= RepositoryFormatVersion)
        return 0;
    RepoConfig next = m_config;
    next.version = RepositoryFormatVersion;
    // Written authenticated: a format 1 config carried no authenticator.
    STRATA_TRY(
        m_backend->write(FileKind::Config, QStringLiteral("config"), authenticatedConfig(next, m_key)));
    const int from = m_config.version;
    m_config = next;
    qCInfo(lcRepo) << "raised the repository at" << location() << "from format" << from << "to"
                   << RepositoryFormatVersion;
    return from;
}

Result<RepoConfig> Repository::readConfig(Backend &backend)
{
    auto exists = backend.exists();
    STRATA_TRY(exists);
    if (!*exists) {
        // Key files without a config are a repository that lost its config, not no repository.
        auto keys = backend.list(FileKind::Key);
        if (keys && !keys->isEmpty())
            return Error::corrupt(QStringLiteral("the repository at %1 has lost its config file: its data is "
                                                 "intact, but this Strata cannot open it without one")
                                      .arg(backend.location()));
        return Error{ErrorCode::RepositoryMissing,
                     QStringLiteral("no repository at %1").arg(backend.location())};
    }
    auto data = backend.read(FileKind::Config, QStringLiteral("config"));
    STRATA_TRY(data);
    auto config = RepoConfig::fromJson(*data);
    if (!config && config.error().code == ErrorCode::Unsupported) {
        // A setting that is not there at all is damage; one this build does not know is not.
        const QJsonObject o = QJsonDocument::fromJson(*data).object();
        if (!o.contains(QStringLiteral("cipher")) || !o.contains(QStringLiteral("blob_id")))
            return Error::corrupt(
                QStringLiteral("the repository's config file is damaged: it names no cipher "
                               "or no blob id"));
    }
    return config;
}

Result<std::shared_ptr<Repository>> Repository::open(std::unique_ptr<Backend> backend,
                                                     const QString &password)
{
    auto config = readConfig(*backend);
    STRATA_TRY(config);

    auto unlocked = KeyStore::unlock(*backend, password);
    STRATA_TRY(unlocked);
    return std::shared_ptr<Repository>(
        new Repository(std::move(backend), *config, std::move(unlocked->key), unlocked->keyId));
}

Result<std::shared_ptr<Repository>> Repository::open(const QString &url, const QString &password)
{
    auto backend = openBackend(url);
    STRATA_TRY(backend);
    return open(std::move(backend.value()), password);
}

// ---- metadata files -------------------------------------------------------------------------

QByteArray Repository::sealFile(const QByteArray &plain) const
{
    return m_files.seal(plain);
}

Result<QByteArray> Repository::openFile(FileKind kind, const QString &name) const
{
    return m_files.open(kind, name);
}

Result<QString> Repository::writeSealedFile(FileKind kind, const QByteArray &plain)
{
    return m_files.write(kind, plain);
}

Result<QStringList> Repository::indexFiles(const CancelToken &cancel) const
{
    auto files = m_backend->list(FileKind::Index, cancel);
    STRATA_TRY(files);
    QStringList names;
    for (const FileInfo &f : *files)
        names << f.name;
    return names;
}

// ---- blobs ----------------------------------------------------------------------------------

Status Repository::loadIndex(QStringList *damaged, const CancelToken &cancel)
{
    auto names = indexFiles(cancel);
    STRATA_TRY(names);
    return loadIndexFiles(*names, damaged, cancel);
}

Status Repository::loadIndexFiles(const QStringList &names, QStringList *damaged, const CancelToken &cancel)
{
    Index index;
    for (const QString &name : names) {
        STRATA_TRY(cancel.check());
        auto plain = openFile(FileKind::Index, name);
        // A first pass checks the whole file and counts its entries, so a damaged file adds
        // nothing and the table grows at most once per file.
        Result<qsizetype> entries = plain ? forEachPackedBlob(*plain, {}) : plain.error();
        if (!entries) {
            const QString message = QStringLiteral("index file %1: %2").arg(name, entries.error().message);
            if (!damaged)
                return Error::corrupt(message);
            *damaged << message;
            continue;
        }
        index.reserve(index.size() + *entries);
        (void)forEachPackedBlob(*plain, [&](const BlobId &pack, const PackedBlob &b) { index.add(pack, b); });
    }
    std::lock_guard guard(m_indexMutex);
    m_index = std::move(index);
    m_indexLoaded = true;
    return {};
}

BlobId Repository::blobId(QByteArrayView plain) const
{
    return crypto::keyedId(m_key.idKey, plain);
}

bool Repository::hasBlob(const BlobId &id) const
{
    std::lock_guard guard(m_indexMutex);
    return m_index.contains(id) || m_inFlight.count(id);
}

std::optional<BlobLocation> Repository::findBlob(const BlobId &id) const
{
    std::lock_guard guard(m_indexMutex);
    return m_index.find(id);
}

Result<bool> Repository::reserveBlob(const BlobId &id)
{
    {
        // After a failed pack write every blob would be lost too: stop the caller early.
        std::lock_guard guard(m_writeMutex);
        if (m_writeError)
            return *m_writeError;
    }
    std::lock_guard guard(m_indexMutex);
    if (m_index.contains(id) || m_inFlight.count(id))
        return false;
    m_inFlight.insert(id);
    return true;
}

Status Repository::appendSealed(PackedBlob blob, QByteArrayView sealed)
{
    std::unique_ptr<PackBuilder> full;
    {
        trace::Scope timing(trace::Stage::PackWait);
        std::lock_guard guard(m_packMutex);
        if (!m_pack) {
            // Room for a full pack, its last blob and its header: appends under this lock
            // never copy the pack, and untouched pages cost no memory.
            m_pack =
                std::make_unique<PackBuilder>(qsizetype(m_config.packSize) + m_config.chunkMax + (1 << 20));
        }
        blob.offset = quint32(m_pack->data.size());
        blob.length = quint32(sealed.size());
        m_pack->data.append(sealed);
        m_pack->blobs.push_back(blob);
        if (quint32(m_pack->data.size()) >= m_config.packSize)
            full = std::move(m_pack);
    }
    {
        std::lock_guard guard(m_statsMutex);
        m_stats.blobsAdded++;
        m_stats.bytesAdded += sealed.size();
        m_stats.rawBytesAdded += blob.rawLength;
    }
    if (full)
        STRATA_TRY(queuePack(std::move(full)));
    return {};
}

Result<bool> Repository::saveBlob(BlobType type, const BlobId &id, QByteArrayView plain)
{
    auto reserved = reserveBlob(id);
    if (!reserved || !*reserved)
        return reserved;
    PackedBlob b;
    b.id = id;
    b.type = type;
    b.rawLength = quint32(plain.size());
    const QByteArray sealed = encodeBlob(type, id, plain, &b.compressed);
    STRATA_TRY(appendSealed(b, sealed));
    return true;
}

Result<bool> Repository::copyBlob(const PackedBlob &blob, QByteArrayView sealed)
{
    {
        trace::Scope timing(trace::Stage::Seal);
        if (!crypto::authenticate(m_key.encryptionKey, sealed, blobAssociated(blob.id, blob.type)))
            return Error::corrupt(QStringLiteral("blob %1 fails authentication").arg(blob.id.shortHex()));
    }
    auto reserved = reserveBlob(blob.id);
    if (!reserved || !*reserved)
        return reserved;
    STRATA_TRY(appendSealed(blob, sealed));
    return true;
}

Status Repository::queuePack(std::unique_ptr<PackBuilder> pack)
{
    std::unique_lock guard(m_writeMutex);
    if (!m_writer.joinable())
        m_writer = std::thread([this] { writerLoop(); });
    {
        trace::Scope timing(trace::Stage::PackQueue);
        m_writeChanged.wait(guard, [this] { return m_writeQueue.size() < kMaxQueuedPacks || m_writeError; });
    }
    if (m_writeError) {
        const Error e = *m_writeError;
        guard.unlock();
        forgetInFlight(pack->blobs);
        return e;
    }
    m_writeQueue.push_back(std::move(pack));
    guard.unlock();
    m_writeChanged.notify_all();
    return {};
}

void Repository::writerLoop()
{
    for (;;) {
        std::unique_ptr<PackBuilder> pack;
        bool failedBefore;
        {
            std::unique_lock guard(m_writeMutex);
            m_writeChanged.wait(guard, [this] { return !m_writeQueue.empty() || m_stopWriter; });
            if (m_writeQueue.empty())
                return;
            pack = std::move(m_writeQueue.front());
            m_writeQueue.pop_front();
            m_writing = true;
            failedBefore = m_writeError.has_value();
        }
        m_writeChanged.notify_all(); // room in the queue
        // After a failure the queue is drained without writing, so nobody waits for room forever.
        Status s;
        if (failedBefore)
            forgetInFlight(pack->blobs);
        else
            s = writePack(std::move(pack));
        {
            std::lock_guard guard(m_writeMutex);
            if (!s && !m_writeError)
                m_writeError = s.error();
            m_writing = false;
        }
        m_writeChanged.notify_all();
    }
}

void Repository::forgetInFlight(const std::vector<PackedBlob> &blobs)
{
    std::lock_guard guard(m_indexMutex);
    for (const PackedBlob &b : blobs)
        m_inFlight.erase(b.id);
}

QByteArray Repository::encodeBlob(BlobType type, const BlobId &id, QByteArrayView plain,
                                  bool *compressed) const
{
    std::optional<QByteArray> packed;
    if (m_config.compressionLevel > 0) {
        trace::Scope timing(trace::Stage::Compress);
        packed = compression::compress(plain, m_config.compressionLevel);
    }
    *compressed = packed.has_value();
    trace::Scope timing(trace::Stage::Seal);
    return crypto::seal(m_key.encryptionKey, packed ? QByteArrayView(*packed) : plain,
                        blobAssociated(id, type));
}

Status Repository::writePack(std::unique_ptr<PackBuilder> pack)
{
    trace::Scope timing(trace::Stage::PackWrite);
    PackContents contents;
    contents.blobs = std::move(pack->blobs);
    const QByteArray header =
        crypto::seal(m_key.encryptionKey, serializePackList({contents}), kPackHeaderDomain);
    pack->data.append(QByteArray(header + pack::trailer(quint32(header.size()))));
    const QByteArray data = pack->data.view();
    contents.pack = crypto::sha256(data);

    if (Status s = m_backend->write(FileKind::Pack, contents.pack.toHex(), data); !s) {
        forgetInFlight(contents.blobs);
        return s;
    }
    // Each pack is indexed as soon as it is stored, so a killed backup leaves nothing to upload twice.
    if (Status s = writeIndexFor({contents}); !s) {
        forgetInFlight(contents.blobs);
        return s;
    }
    {
        std::lock_guard guard(m_indexMutex);
        for (const PackedBlob &b : contents.blobs) {
            m_index.add(contents.pack, b);
            m_inFlight.erase(b.id);
        }
    }
    std::lock_guard guard(m_statsMutex);
    m_stats.packsWritten++;
    return {};
}

Status Repository::writeIndexFor(const std::vector<PackContents> &packs)
{
    auto name = writeSealedFile(FileKind::Index, serializePackList(packs));
    STRATA_TRY(name);
    std::vector<QString> merge;
    std::vector<PackContents> mergedPacks;
    {
        std::lock_guard guard(m_indexMutex);
        m_runIndexFiles.push_back(*name);
        m_runPacks.insert(m_runPacks.end(), packs.begin(), packs.end());
        for (const PackContents &p : packs)
            m_runBlobs += p.blobs.size();
        if (m_runIndexFiles.size() >= kMergeIndexAfter || m_runBlobs >= kMergeIndexBlobs) {
            m_runBlobs = 0;
            merge.swap(m_runIndexFiles);
            mergedPacks.swap(m_runPacks);
        }
    }
    if (!merge.empty())
        return mergeIndexFiles(merge, mergedPacks);
    return {};
}

Status Repository::mergeIndexFiles(const std::vector<QString> &files, const std::vector<PackContents> &packs)
{
    // The merged file is durable before the small ones go, so every pack stays indexed throughout.
    auto merged = writeSealedFile(FileKind::Index, serializePackList(packs));
    STRATA_TRY(merged);
    for (const QString &f : files)
        if (Status s = m_backend->remove(FileKind::Index, f); !s)
            qCWarning(lcRepo) << "cannot remove merged index file" << f << s.error().message;
    return {};
}

Status Repository::flush()
{
    std::unique_ptr<PackBuilder> pack;
    {
        std::lock_guard guard(m_packMutex);
        pack = std::move(m_pack);
    }
    if (pack && !pack->blobs.empty())
        (void)queuePack(std::move(pack)); // a failure is m_writeError, returned below
    {
        std::unique_lock guard(m_writeMutex);
        m_writeChanged.wait(guard, [this] { return m_writeQueue.empty() && !m_writing; });
        if (m_writeError) {
            const Error e = *m_writeError;
            m_writeError.reset();
            return e;
        }
    }
    std::vector<QString> files;
    std::vector<PackContents> packs;
    {
        std::lock_guard guard(m_indexMutex);
        files.swap(m_runIndexFiles);
        packs.swap(m_runPacks);
        m_runBlobs = 0;
    }
    if (files.size() > 1)
        return mergeIndexFiles(files, packs);
    return {};
}

WriteStats Repository::writeStats() const
{
    std::lock_guard guard(m_statsMutex);
    return m_stats;
}

Result<QByteArray> Repository::openBlob(const PackedBlob &blob, QByteArrayView stored) const
{
    auto payload = crypto::open(m_key.encryptionKey, stored, blobAssociated(blob.id, blob.type));
    if (!payload)
        return Error::corrupt(QStringLiteral("blob %1 fails authentication").arg(blob.id.shortHex()));
    QByteArray plain;
    if (blob.compressed) {
        auto d = compression::decompress(*payload, blob.rawLength);
        if (!d)
            return Error::corrupt(
                QStringLiteral("blob %1 does not decompress: %2").arg(blob.id.shortHex(), d.error().message));
        plain = std::move(d.value());
    } else {
        plain = std::move(payload.value());
    }
    if (quint32(plain.size()) != blob.rawLength || blobId(plain) != blob.id)
        return Error::corrupt(QStringLiteral("blob %1 does not match its id").arg(blob.id.shortHex()));
    return plain;
}

Result<QByteArray> Repository::loadBlob(const BlobId &id) const
{
    const auto loc = findBlob(id);
    if (!loc)
        return Error::corrupt(QStringLiteral("blob %1 is not in any index file (the repository is damaged: "
                                             "run check)")
                                  .arg(id.shortHex()));
    auto stored = m_backend->read(FileKind::Pack, loc->pack.toHex(), loc->offset, loc->length);
    if (!stored) {
        Error e = stored.error();
        e.message = QStringLiteral("pack %1: %2").arg(loc->pack.toHex(), e.message);
        if (e.code == ErrorCode::NotFound)
            e.code = ErrorCode::Corrupt; // indexed but gone: the repository is damaged
        return e;
    }
    PackedBlob b{id, loc->type, loc->offset, loc->length, loc->rawLength, loc->compressed};
    auto plain = openBlob(b, *stored);
    if (!plain)
        return Error::corrupt(QStringLiteral("pack %1: %2").arg(loc->pack.toHex(), plain.error().message));
    return plain;
}

Result<std::vector<PackedBlob>> Repository::parsePackHeader(const QByteArray &pack) const
{
    return parsePackTail(pack, pack.size());
}

Result<std::vector<PackedBlob>> Repository::parsePackTail(QByteArrayView tail, qint64 packSize) const
{
    auto headerLength = pack::headerLength(tail, tail.size() - pack::TrailerSize);
    STRATA_TRY(headerLength);
    const QByteArrayView header(tail.constData() + tail.size() - pack::TrailerSize - *headerLength,
                                *headerLength);
    auto plain = crypto::open(m_key.encryptionKey, header, kPackHeaderDomain);
    if (!plain)
        return Error::corrupt(QStringLiteral("pack header fails authentication"));
    return pack::parseHeader(*plain, packSize - pack::TrailerSize - *headerLength);
}

Result<std::vector<PackedBlob>> Repository::readPackTail(const FileInfo &pack) const
{
    // Only the end is needed: the trailer gives the header's length, the header the blobs.
    if (pack.size < pack::TrailerSize)
        return Error::corrupt(QStringLiteral("pack is shorter than its trailer"));
    auto trailer =
        m_backend->read(FileKind::Pack, pack.name, pack.size - pack::TrailerSize, pack::TrailerSize);
    STRATA_TRY(trailer);
    auto headerLength = pack::headerLength(*trailer, pack.size - pack::TrailerSize);
    if (!headerLength)
        return Error::corrupt(QStringLiteral("pack has no valid trailer"));
    auto tail = m_backend->read(FileKind::Pack, pack.name, pack.size - pack::TrailerSize - *headerLength,
                                *headerLength + pack::TrailerSize);
    STRATA_TRY(tail);
    return parsePackTail(*tail, pack.size);
}

Result<Repository::RebuildReport>
Repository::rebuildIndex(const std::function<void(qint64, qint64)> &progress, const CancelToken &cancel)
{
    auto packs = m_backend->list(FileKind::Pack, cancel);
    STRATA_TRY(packs);
    auto oldFiles = indexFiles(cancel);
    STRATA_TRY(oldFiles);
    RebuildReport report;
    std::vector<PackContents> contents;
    qint64 done = 0;
    for (const FileInfo &f : *packs) {
        if (progress)
            progress(done++, packs->size());
        STRATA_TRY(cancel.check());
        const auto id = BlobId::fromHex(f.name);
        if (!id)
            continue;
        auto blobs = readPackTail(f);
        if (!blobs) {
            report.unreadablePacks << f.name + QStringLiteral(": ") + blobs.error().message;
            continue;
        }
        report.packs++;
        report.blobs += qint64(blobs->size());
        contents.push_back(PackContents{*id, std::move(blobs.value())});
    }
    auto written = writeSealedFile(FileKind::Index, serializePackList(contents));
    STRATA_TRY(written);
    for (const QString &old : *oldFiles) {
        if (old == *written)
            continue;
        STRATA_TRY(m_backend->remove(FileKind::Index, old));
        report.indexFilesReplaced++;
    }
    STRATA_TRY(loadIndex());
    return report;
}

Result<Tree> Repository::loadTree(const BlobId &id) const
{
    auto data = loadBlob(id);
    STRATA_TRY(data);
    return Tree::parse(*data);
}

Result<BlobId> Repository::saveTree(const Tree &tree)
{
    trace::Scope timing(trace::Stage::Tree);
    const QByteArray data = tree.serialize();
    const BlobId id = blobId(data);
    auto added = saveBlob(BlobType::Tree, id, data);
    STRATA_TRY(added);
    return id;
}

// ---- snapshots ------------------------------------------------------------------------------

Result<Snapshot> Repository::loadSnapshot(const QString &id) const
{
    return m_snapshots.load(id);
}

Result<QList<Snapshot>> Repository::listSnapshots() const
{
    return m_snapshots.list();
}

Result<Snapshot> Repository::findSnapshot(const QString &spec, const QString &set) const
{
    return m_snapshots.find(spec, set);
}

Status Repository::saveSnapshot(Snapshot &snapshot)
{
    return m_snapshots.save(snapshot);
}

Status Repository::removeSnapshot(const QString &id)
{
    return m_snapshots.remove(id);
}

Status Repository::forgetSnapshot(const QString &id, const QString &replacedBy)
{
    return m_snapshots.forget(id, replacedBy);
}

Result<QSet<QString>> Repository::forgottenSnapshots() const
{
    return m_snapshots.forgotten();
}

// ---- retired packs ---------------------------------------------------------------------------

Status Repository::retirePack(const QString &name)
{
    return m_backend->write(FileKind::Retired, name, m_files.note({{QStringLiteral("retired"), name}}));
}

Result<QSet<QString>> Repository::retiredPacks() const
{
    return m_files.names(FileKind::Retired);
}

Status Repository::removeRetiredNote(const QString &name)
{
    return m_backend->remove(FileKind::Retired, name);
}

// ---- keys -----------------------------------------------------------------------------------

Result<QString> Repository::addKey(const QString &password, const KdfParams &kdf)
{
    return m_keys.add(password, kdf);
}

Result<QList<KeyEntry>> Repository::listKeys() const
{
    return m_keys.list();
}

Status Repository::removeKey(const QString &idOrPrefix)
{
    return m_keys.remove(idOrPrefix);
}

Status Repository::changePassword(const QString &newPassword, const KdfParams &kdf)
{
    return m_keys.changePassword(newPassword, kdf);
}

} // namespace strata
