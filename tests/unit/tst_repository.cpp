// The repository format through its public API: creating and opening, passwords and key
// files, blobs and packs, index files, snapshots, and locks.
#include "crypto/Crypto.h"
#include "repo/Lock.h"
#include "repo/Repository.h"
#include "storage/LocalBackend.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace strata;

namespace {
const KdfParams kFastKdf{1, 8u << 20};

Repository::InitOptions fastOptions()
{
    Repository::InitOptions o;
    o.kdf = kFastKdf;
    return o;
}

std::shared_ptr<Repository> create(const QString &path, const QString &password = QStringLiteral("pw"))
{
    auto r = Repository::init(std::make_unique<LocalBackend>(path), password, fastOptions());
    if (!r)
        qFatal("init failed: %s", qPrintable(r.error().message));
    return *r;
}

int countFiles(const QString &dir)
{
    int n = 0;
    const auto entries = QDir(dir).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QFileInfo &e : entries)
        n += e.isDir() ? countFiles(e.filePath()) : 1;
    return n;
}
} // namespace

class TestRepository final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initThenOpen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("repo"));
        const QString id = create(path)->config().id;
        auto opened = Repository::open(path, QStringLiteral("pw"));
        QVERIFY(opened.ok());
        QCOMPARE((*opened)->config().id, id);
        QCOMPARE((*opened)->config().version, RepositoryFormatVersion);
    }

    void initRefusesAnExistingRepository()
    {
        QTemporaryDir dir;
        create(dir.path());
        auto again =
            Repository::init(std::make_unique<LocalBackend>(dir.path()), QStringLiteral("x"), fastOptions());
        QVERIFY(!again.ok());
        QVERIFY(again.error().message.contains(QStringLiteral("already exists")));
    }

    void wrongPasswordAndMissingRepository()
    {
        QTemporaryDir dir;
        create(dir.path());
        auto wrong = Repository::open(dir.path(), QStringLiteral("nope"));
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().code, ErrorCode::WrongPassword);
        auto missing = Repository::open(dir.filePath(QStringLiteral("absent")), QStringLiteral("pw"));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::RepositoryMissing);
    }

    void newerFormatIsRefusedClearly()
    {
        QTemporaryDir dir;
        create(dir.path());
        QFile f(dir.filePath(QStringLiteral("config")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        o[QStringLiteral("version")] = 99;
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(o).toJson());
        f.close();
        auto r = Repository::open(dir.path(), QStringLiteral("pw"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Unsupported);
        QVERIFY(r.error().message.contains(QStringLiteral("99")));
    }

    void blobsDedupAndSurviveReopening()
    {
        QTemporaryDir dir;
        std::vector<BlobId> ids;
        {
            auto repo = create(dir.path());
            for (int i = 0; i < 40; ++i) {
                // 1 MiB each, half compressible: 40 MiB fill at least two 16 MiB packs.
                QByteArray data =
                    crypto::randomBytes(512 * 1024) + QByteArray(512 * 1024, char('a' + i % 26));
                const BlobId id = repo->blobId(data);
                auto added = repo->saveBlob(BlobType::Data, id, data);
                QVERIFY(added.ok());
                QVERIFY(*added);
                auto again = repo->saveBlob(BlobType::Data, id, data);
                QVERIFY(again.ok());
                QVERIFY(!*again); // in flight or stored: never twice
                ids.push_back(id);
            }
            QVERIFY(repo->flush().ok());
            QVERIFY(repo->writeStats().packsWritten >= 2);
            // Per-pack index files are merged into one at the end of a run.
            QCOMPARE(countFiles(dir.filePath(QStringLiteral("index"))), 1);
        }
        auto repo = *Repository::open(dir.path(), QStringLiteral("pw"));
        QVERIFY(repo->loadIndex().ok());
        for (const BlobId &id : ids) {
            auto data = repo->loadBlob(id);
            QVERIFY2(data.ok(), qPrintable(data.ok() ? QString() : data.error().message));
            QCOMPARE(repo->blobId(*data), id);
        }
    }

    void damagedIndexFileAddsNothing()
    {
        QTemporaryDir dir;
        std::vector<BlobId> ids;
        {
            auto repo = create(dir.path());
            for (int i = 0; i < 3; ++i) {
                const QByteArray data = crypto::randomBytes(1000);
                ids.push_back(repo->blobId(data));
                QVERIFY(repo->saveBlob(BlobType::Data, ids.back(), data).ok());
            }
            QVERIFY(repo->flush().ok());
            // Authentic but cut short: the entries before the cut must not be indexed either.
            std::vector<PackContents> fake(1);
            fake[0].pack = crypto::sha256("pack");
            fake[0].blobs = {{crypto::sha256("a"), BlobType::Data, 0, 10, 10, false},
                             {crypto::sha256("b"), BlobType::Data, 10, 10, 10, false}};
            QVERIFY(repo->writeSealedFile(FileKind::Index, serializePackList(fake).chopped(1)).ok());
        }
        auto repo = *Repository::open(dir.path(), QStringLiteral("pw"));
        QVERIFY(!repo->loadIndex().ok());
        QStringList damaged;
        QVERIFY(repo->loadIndex(&damaged).ok());
        QCOMPARE(damaged.size(), 1);
        QVERIFY(!repo->findBlob(crypto::sha256("a")));
        QCOMPARE(repo->index().size(), qsizetype(3));
        for (const BlobId &id : ids)
            QVERIFY(repo->loadBlob(id).ok());
    }

    void lostIndexIsRebuiltFromPackHeaders()
    {
        QTemporaryDir dir;
        std::vector<BlobId> ids;
        {
            auto repo = create(dir.path());
            for (int i = 0; i < 24; ++i) {
                const QByteArray data = crypto::randomBytes(1 << 20);
                ids.push_back(repo->blobId(data));
                QVERIFY(repo->saveBlob(i % 2 ? BlobType::Tree : BlobType::Data, ids.back(), data).ok());
            }
            QVERIFY(repo->flush().ok());
        }
        for (const QFileInfo &f : QDir(dir.filePath(QStringLiteral("index"))).entryInfoList(QDir::Files))
            QVERIFY(QFile::remove(f.filePath()));
        auto repo = *Repository::open(dir.path(), QStringLiteral("pw"));
        QVERIFY(repo->loadIndex().ok());
        QVERIFY(!repo->loadBlob(ids.front()).ok());

        auto report = repo->rebuildIndex();
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QCOMPARE(report->blobs, qint64(ids.size()));
        QVERIFY(report->packs >= 2);
        QVERIFY(report->unreadablePacks.isEmpty());
        for (const BlobId &id : ids) {
            auto loc = repo->findBlob(id);
            QVERIFY(loc);
            QVERIFY(repo->loadBlob(id).ok());
        }
        QCOMPARE(countFiles(dir.filePath(QStringLiteral("index"))), 1);
    }

    // What prune does with the used blobs of a partly used pack: the sealed bytes move into a new
    // pack unchanged, load as before, and a damaged one is refused before it is stored.
    void copiedBlobsMoveSealedAndAuthenticated()
    {
        QTemporaryDir dir;
        std::vector<QByteArray> contents;
        {
            auto repo = create(dir.path());
            for (int i = 0; i < 6; ++i) {
                // Compressible and not: both stay as they were written.
                contents.push_back(i % 2 ? crypto::randomBytes(70000) : QByteArray(90000, char('a' + i)));
                QVERIFY(repo->saveBlob(i == 5 ? BlobType::Tree : BlobType::Data,
                                       repo->blobId(contents.back()), contents.back())
                            .ok());
            }
            QVERIFY(repo->flush().ok());
        }
        auto repo = *Repository::open(dir.path(), QStringLiteral("pw"));
        const QStringList oldIndex = *repo->indexFiles();
        auto packs = repo->backend().list(FileKind::Pack);
        QCOMPARE(packs->size(), 1);
        const FileInfo oldPack = packs->first();
        const QByteArray stored = *repo->backend().read(FileKind::Pack, oldPack.name);
        auto blobs = repo->readPackTail(oldPack);
        QVERIFY(blobs.ok());
        QCOMPARE(blobs->size(), contents.size());
        QVERIFY(std::any_of(blobs->begin(), blobs->end(), [](const PackedBlob &b) { return b.compressed; }));

        // No index loaded: to this object every blob is new, as a repacked blob is to prune.
        PackedBlob damaged = blobs->front();
        QByteArray flipped = stored.mid(damaged.offset, damaged.length);
        flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 0x04);
        auto refused = repo->copyBlob(damaged, flipped);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Corrupt);
        for (const PackedBlob &b : *blobs) {
            auto copied = repo->copyBlob(b, QByteArrayView(stored.constData() + b.offset, b.length));
            QVERIFY2(copied.ok(), qPrintable(copied.ok() ? QString() : copied.error().message));
            QVERIFY(*copied);
            QVERIFY(!*repo->copyBlob(b, QByteArrayView(stored.constData() + b.offset, b.length)));
        }
        QVERIFY(repo->flush().ok());
        QCOMPARE(repo->writeStats().blobsAdded, qint64(blobs->size()));

        packs = repo->backend().list(FileKind::Pack);
        QCOMPARE(packs->size(), 2);
        const FileInfo newPack = packs->at(0).name == oldPack.name ? packs->at(1) : packs->at(0);
        const QByteArray moved = *repo->backend().read(FileKind::Pack, newPack.name);
        auto movedBlobs = repo->readPackTail(newPack);
        QVERIFY(movedBlobs.ok());
        QCOMPARE(movedBlobs->size(), blobs->size());
        for (std::size_t i = 0; i < blobs->size(); ++i) {
            const PackedBlob &was = blobs->at(i), &is = movedBlobs->at(i);
            QCOMPARE(is.id, was.id);
            QCOMPARE(is.type, was.type);
            QCOMPARE(is.compressed, was.compressed);
            QCOMPARE(is.rawLength, was.rawLength);
            QCOMPARE(moved.mid(is.offset, is.length), stored.mid(was.offset, was.length));
        }
        // With the old pack and the index file naming it gone (as prune leaves them), every
        // blob loads from the new one.
        QVERIFY(repo->backend().remove(FileKind::Pack, oldPack.name).ok());
        for (const QString &f : oldIndex)
            QVERIFY(repo->backend().remove(FileKind::Index, f).ok());
        QVERIFY(repo->loadIndex().ok());
        for (const QByteArray &c : contents) {
            auto loaded = repo->loadBlob(repo->blobId(c));
            QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
            QCOMPARE(*loaded, c);
        }
    }

    void packNamesAreTheirHashes()
    {
        QTemporaryDir dir;
        auto repo = create(dir.path());
        const QByteArray data("hello");
        QVERIFY(repo->saveBlob(BlobType::Data, repo->blobId(data), data).ok());
        QVERIFY(repo->flush().ok());
        auto packs = repo->backend().list(FileKind::Pack);
        QVERIFY(packs.ok());
        QCOMPARE(packs->size(), 1);
        auto bytes = repo->backend().read(FileKind::Pack, packs->first().name);
        QCOMPARE(crypto::sha256(*bytes).toHex(), packs->first().name);
        // No plaintext of the user's data anywhere in the repository.
        QVERIFY(!bytes->contains("hello"));
    }

    void snapshotsLatestAndPrefixes()
    {
        QTemporaryDir dir;
        auto repo = create(dir.path());
        auto tree = repo->saveTree(Tree{});
        QVERIFY(tree.ok());
        QStringList ids;
        for (int i = 0; i < 3; ++i) {
            Snapshot s;
            s.time = QDateTime::currentDateTimeUtc().addSecs(i);
            s.set = QStringLiteral("docs");
            s.kind = i == 2 ? BackupKind::Safety : BackupKind::Full;
            s.paths = {QStringLiteral("/x")};
            s.tree = *tree;
            QVERIFY(repo->saveSnapshot(s).ok());
            ids << s.id;
        }
        QVERIFY(repo->flush().ok());
        auto latest = repo->findSnapshot(QStringLiteral("latest"));
        QVERIFY(latest.ok());
        QCOMPARE(latest->id, ids[1]); // a safety version is not "latest"
        auto byPrefix = repo->findSnapshot(ids[0].left(10));
        QVERIFY(byPrefix.ok());
        QCOMPARE(byPrefix->id, ids[0]);
        QCOMPARE(repo->findSnapshot(QStringLiteral("zzzz")).error().code, ErrorCode::NotFound);
        QCOMPARE(repo->listSnapshots()->size(), 3);
    }

    void severalPasswords()
    {
        QTemporaryDir dir;
        auto repo = create(dir.path());
        auto second = repo->addKey(QStringLiteral("second"), kFastKdf);
        QVERIFY(second.ok());
        QCOMPARE(repo->listKeys()->size(), 2);
        QVERIFY(Repository::open(dir.path(), QStringLiteral("second")).ok());
        // The key in use cannot be removed; the other one can.
        QVERIFY(!repo->removeKey(repo->currentKeyId()).ok());
        QVERIFY(repo->removeKey(second->left(12)).ok());
        QCOMPARE(Repository::open(dir.path(), QStringLiteral("second")).error().code,
                 ErrorCode::WrongPassword);
        QVERIFY(!repo->removeKey(repo->currentKeyId()).ok()); // the last key stays
        QVERIFY(repo->changePassword(QStringLiteral("new"), kFastKdf).ok());
        QCOMPARE(Repository::open(dir.path(), QStringLiteral("pw")).error().code, ErrorCode::WrongPassword);
        QVERIFY(Repository::open(dir.path(), QStringLiteral("new")).ok());
    }

    void exclusiveLocksConflictAndStaleOnesAreTakenOver()
    {
        QTemporaryDir dir;
        auto repo = create(dir.path());
        auto other = *Repository::open(dir.path(), QStringLiteral("pw"));
        {
            auto shared1 = repo->lock(LockMode::Shared);
            QVERIFY(shared1.ok());
            auto shared2 = other->lock(LockMode::Shared);
            QVERIFY(shared2.ok());
            auto exclusive = other->lock(LockMode::Exclusive);
            QVERIFY(!exclusive.ok());
            QCOMPARE(exclusive.error().code, ErrorCode::Locked);
            QVERIFY(exclusive.error().message.contains(QSysInfo::machineHostName()));
        }
        QCOMPARE(countFiles(dir.filePath(QStringLiteral("locks"))), 0); // released on destruction

        // A lock left by a process that died on this host is stale and taken over.
        QProcess dead;
        dead.start(QStringLiteral("true"), {});
        QVERIFY(dead.waitForFinished());
        const qint64 deadPid = dead.processId() ? dead.processId() : 999999;
        const QByteArray json =
            QJsonDocument(QJsonObject{{QStringLiteral("host"), QSysInfo::machineHostName()},
                                      {QStringLiteral("pid"), deadPid > 0 ? deadPid : 999999},
                                      {QStringLiteral("mode"), QStringLiteral("exclusive")},
                                      {QStringLiteral("time"),
                                       QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}})
                .toJson();
        QVERIFY(repo->writeSealedFile(FileKind::Lock, json).ok());
        auto taken = repo->lock(LockMode::Exclusive);
        QVERIFY2(taken.ok(), qPrintable(taken.ok() ? QString() : taken.error().message));
    }

    void liveForeignLockBlocksAndUnlockAllClearsIt()
    {
        QTemporaryDir dir;
        auto repo = create(dir.path());
        const QByteArray json =
            QJsonDocument(QJsonObject{{QStringLiteral("host"), QStringLiteral("another-host")},
                                      {QStringLiteral("pid"), 1},
                                      {QStringLiteral("mode"), QStringLiteral("exclusive")},
                                      {QStringLiteral("time"),
                                       QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}})
                .toJson();
        QVERIFY(repo->writeSealedFile(FileKind::Lock, json).ok());
        auto blocked = repo->lock(LockMode::Shared);
        QVERIFY(!blocked.ok());
        QVERIFY(blocked.error().message.contains(QStringLiteral("another-host")));
        QCOMPARE(*repo->removeLocks(false), 0); // fresh and foreign: not stale
        QCOMPARE(*repo->removeLocks(true), 1);
        QVERIFY(repo->lock(LockMode::Shared).ok());
    }

    // Found by tests/fuzz/fuzz_snapshot: a time in the year 10000 in UTC cannot be written back
    // as ISO text, so a version read with it lost its time once shown or saved again.
    void snapshotTimeMustBeWritableAgain()
    {
        const QString tree = QString(64, QLatin1Char('a'));
        const auto json = [&](const char *time) {
            return QStringLiteral(R"({"time":"%1","kind":"full","tree":"%2"})")
                .arg(QLatin1String(time), tree)
                .toUtf8();
        };
        auto refused = Snapshot::parse(json("9999-12-31T23:30:00.000-01:00"));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Corrupt);
        auto kept = Snapshot::parse(json("9999-12-31T23:30:00.000+01:00"));
        QVERIFY2(kept.ok(), qPrintable(kept.ok() ? QString() : kept.error().message));
        QCOMPARE(kept->toJson().value(QStringLiteral("time")).toString(),
                 QStringLiteral("9999-12-31T22:30:00.000Z"));
    }

    // A pid beyond pid_t would be cut to another process by kill(): 2^32 to 0, "this process
    // group", which always exists, so the forged lock looked held by a live process.
    void lockWithAnImpossiblePidIsNobodys()
    {
        QTemporaryDir dir;
        auto repo = create(dir.path());
        const QByteArray json =
            QJsonDocument(QJsonObject{{QStringLiteral("host"), QSysInfo::machineHostName()},
                                      {QStringLiteral("pid"), qint64(1) << 32},
                                      {QStringLiteral("mode"), QStringLiteral("exclusive")},
                                      {QStringLiteral("time"),
                                       QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}})
                .toJson();
        auto parsed = LockInfo::parse(QStringLiteral("forged"), json);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, ErrorCode::Corrupt);
        QVERIFY(parsed.error().message.contains(QStringLiteral("4294967296")));
        QVERIFY(repo->writeSealedFile(FileKind::Lock, json).ok());
        auto taken = repo->lock(LockMode::Exclusive);
        QVERIFY2(taken.ok(), qPrintable(taken.ok() ? QString() : taken.error().message));
    }
};

QTEST_GUILESS_MAIN(TestRepository)
#include "tst_repository.moc"
