// The background pack writer: packs are indexed only once they are stored, flush() waits for
// every pending write, and a backend that fails (a full disk) stops saves and backups with a
// clear error instead of hanging them. The fault comes from a Backend wrapper around a real
// local folder, because a real disk cannot be made to fill up on cue.
#include "crypto/Crypto.h"
#include "engine/BackupJob.h"
#include "repo/Repository.h"
#include "storage/LocalBackend.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

using namespace strata;

namespace {

// A local folder whose pack writes fail with ENOSPC after `packsAllowed` of them, and may be slow.
class FaultyBackend final : public Backend
{
public:
    struct Shared
    {
        std::mutex mutex;
        int packsAllowed = 1 << 30;
        int packWriteDelayMs = 0;
        QStringList packsWritten;
        QList<QPair<QString, QStringList>> indexWrites; // index file, packs stored before it
    };

    FaultyBackend(const QString &root, std::shared_ptr<Shared> shared)
        : m_inner(root), m_shared(std::move(shared))
    {}

    QString location() const override { return m_inner.location(); }
    Result<bool> exists() override { return m_inner.exists(); }
    Status create() override { return m_inner.create(); }

protected:
    Status doWrite(FileKind kind, const QString &name, const QByteArray &data, const CancelToken &) override
    {
        if (kind == FileKind::Pack) {
            int delay;
            {
                std::lock_guard guard(m_shared->mutex);
                if (m_shared->packsWritten.size() >= m_shared->packsAllowed)
                    return Error::io(QStringLiteral("cannot write %1: No space left on device").arg(name));
                delay = m_shared->packWriteDelayMs;
            }
            if (delay)
                std::this_thread::sleep_for(std::chrono::milliseconds(delay));
        }
        STRATA_TRY(m_inner.write(kind, name, data));
        std::lock_guard guard(m_shared->mutex);
        if (kind == FileKind::Pack)
            m_shared->packsWritten << name;
        else if (kind == FileKind::Index)
            m_shared->indexWrites << qMakePair(name, m_shared->packsWritten);
        return {};
    }
    Result<QByteArray> doRead(FileKind kind, const QString &name, qint64 offset, qint64 length,
                              const CancelToken &) override
    {
        return m_inner.read(kind, name, offset, length);
    }
    Result<QList<FileInfo>> doList(FileKind kind, const CancelToken &) override { return m_inner.list(kind); }

public:
    Status remove(FileKind kind, const QString &name) override { return m_inner.remove(kind, name); }
    Result<qint64> size(FileKind kind, const QString &name) override { return m_inner.size(kind, name); }

private:
    LocalBackend m_inner;
    std::shared_ptr<Shared> m_shared;
};

// 1 MiB packs (the smallest allowed), so a few MiB of blobs make several.
std::shared_ptr<Repository> create(const QString &path, std::shared_ptr<FaultyBackend::Shared> shared)
{
    Repository::InitOptions o;
    o.kdf = KdfParams{1, 8u << 20};
    o.config.packSize = 1u << 20;
    auto r = Repository::init(std::make_unique<FaultyBackend>(path, shared), QStringLiteral("pw"), o);
    if (!r)
        qFatal("init failed: %s", qPrintable(r.error().message));
    return *r;
}

// 256 KiB of incompressible data: four fill a pack.
QByteArray blob()
{
    return crypto::randomBytes(256 * 1024);
}

} // namespace

class TestPackWriter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void packsAreIndexedOnlyAfterTheyAreStored()
    {
        QTemporaryDir dir;
        auto shared = std::make_shared<FaultyBackend::Shared>();
        shared->packWriteDelayMs = 20; // saves run ahead of the writer
        auto repo = create(dir.path(), shared);
        std::vector<BlobId> ids;
        for (int i = 0; i < 24; ++i) {
            const QByteArray data = blob();
            ids.push_back(repo->blobId(data));
            auto added = repo->saveBlob(BlobType::Data, ids.back(), data);
            QVERIFY(added.ok());
            QVERIFY(*added);
        }
        QVERIFY(repo->flush().ok());
        QVERIFY(repo->writeStats().packsWritten >= 5);
        for (const BlobId &id : ids)
            QVERIFY(repo->loadBlob(id).ok()); // flush() waited for every write

        // Every index file names only packs that were durably stored before it was written.
        std::lock_guard guard(shared->mutex);
        QVERIFY(!shared->indexWrites.isEmpty());
        for (const auto &[name, storedBefore] : std::as_const(shared->indexWrites)) {
            auto plain = repo->openFile(FileKind::Index, name);
            if (!plain)
                continue; // a per-pack file merged away later
            auto packs = parsePackList(*plain);
            QVERIFY(packs.ok());
            for (const PackContents &p : *packs)
                QVERIFY2(storedBefore.contains(p.pack.toHex()), qPrintable(name));
        }
    }

    void failedPackWriteStopsSavesAndFlushReportsIt()
    {
        QTemporaryDir dir;
        auto shared = std::make_shared<FaultyBackend::Shared>();
        shared->packsAllowed = 2;
        auto repo = create(dir.path(), shared);
        std::optional<Error> saveError;
        std::vector<BlobId> ids;
        for (int i = 0; i < 200 && !saveError; ++i) {
            const QByteArray data = blob();
            ids.push_back(repo->blobId(data));
            auto added = repo->saveBlob(BlobType::Data, ids.back(), data);
            if (!added)
                saveError = added.error();
        }
        QVERIFY2(saveError, "saves went on after the disk was full");
        QVERIFY(saveError->message.contains(QStringLiteral("No space left")));
        const Status flushed = repo->flush();
        QVERIFY(!flushed.ok());
        QVERIFY(flushed.error().message.contains(QStringLiteral("No space left")));

        // What was stored is indexed and readable; what was not is not pretended to be.
        auto reopened = Repository::open(dir.path(), QStringLiteral("pw"));
        QVERIFY(reopened.ok());
        QVERIFY((*reopened)->loadIndex().ok());
        qsizetype readable = 0;
        for (const BlobId &id : ids)
            if ((*reopened)->findBlob(id))
                readable += (*reopened)->loadBlob(id).ok() ? 1 : 0;
        QCOMPARE((*reopened)->index().packCount(), qsizetype(2));
        QCOMPARE(readable, (*reopened)->index().size());

        // The error is reported once; with room again the same repository stores blobs.
        {
            std::lock_guard guard(shared->mutex);
            shared->packsAllowed = 1 << 30;
        }
        const QByteArray data = blob();
        QVERIFY(repo->saveBlob(BlobType::Data, repo->blobId(data), data).ok());
        QVERIFY(repo->flush().ok());
        QVERIFY(repo->loadBlob(repo->blobId(data)).ok());
    }

    void backupFailsClearlyWhenTheDiskFills()
    {
        QTemporaryDir dir;
        const QString src = dir.filePath(QStringLiteral("src"));
        QVERIFY(QDir().mkpath(src));
        for (int i = 0; i < 12; ++i) {
            QFile f(src + QStringLiteral("/f%1").arg(i));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(crypto::randomBytes(600 * 1024));
        }
        auto shared = std::make_shared<FaultyBackend::Shared>();
        shared->packsAllowed = 2;
        BackupParams p;
        p.repo = create(dir.filePath(QStringLiteral("repo")), shared);
        p.paths = {src};
        BackupJob job(p);
        job.runHere(); // a hang here fails the test by its timeout
        QVERIFY(!job.result().status.ok());
        QVERIFY2(job.result().status.error().message.contains(QStringLiteral("No space left")),
                 qPrintable(job.result().status.error().message));
        auto versions = p.repo->listSnapshots();
        QVERIFY(versions.ok());
        QVERIFY(versions->isEmpty());
    }

    void cancellingWithSlowWritesEndsPromptly()
    {
        QTemporaryDir dir;
        const QString src = dir.filePath(QStringLiteral("src"));
        QVERIFY(QDir().mkpath(src));
        for (int i = 0; i < 40; ++i) {
            QFile f(src + QStringLiteral("/f%1").arg(i));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(crypto::randomBytes(512 * 1024));
        }
        auto shared = std::make_shared<FaultyBackend::Shared>();
        shared->packWriteDelayMs = 300;
        BackupParams p;
        p.repo = create(dir.filePath(QStringLiteral("repo")), shared);
        p.paths = {src};
        BackupJob job(p);
        const auto stored = [&] {
            std::lock_guard guard(shared->mutex);
            return shared->packsWritten.size();
        };
        // Cancels from another thread once the first pack is stored, as the GUI would.
        using Clock = std::chrono::steady_clock;
        std::atomic<bool> finished{false};
        std::atomic<Clock::rep> cancelledAt{0};
        std::thread canceller([&] {
            while (stored() == 0 && !finished)
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            cancelledAt = Clock::now().time_since_epoch().count();
            job.cancel();
        });
        job.runHere();
        const auto endedAt = Clock::now().time_since_epoch().count();
        finished = true;
        canceller.join();
        // At most the queued packs are still stored: a few writes of 300 ms, not all 20.
        const qint64 ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                              Clock::duration(endedAt - cancelledAt.load()))
                              .count();
        QVERIFY2(ms < 5000, qPrintable(QString::number(ms)));
        QCOMPARE(job.result().status.error().code, ErrorCode::Cancelled);
        // What was stored is indexed, so the next run need not store it again.
        auto reopened = Repository::open(dir.filePath(QStringLiteral("repo")), QStringLiteral("pw"));
        QVERIFY(reopened.ok());
        QVERIFY((*reopened)->loadIndex().ok());
        QCOMPARE((*reopened)->index().packCount(), stored());
    }
};

QTEST_GUILESS_MAIN(TestPackWriter)
#include "tst_packwriter.moc"
