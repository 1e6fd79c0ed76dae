// repair index killed after it removed the old index files and before it removed the damaged
// pack it had emptied: the next repair must know that pack is not needed, though no index names
// it any more, and finish the job without reporting lost data. The kill comes from a Backend
// wrapper whose pack removals fail, because a real kill cannot be made to land in that instant
// on cue (the kill campaign, tst_cli_campaign, finds it by chance).
#include "Crafted.h"
#include "TestUtil.h"

#include "engine/Repair.h"
#include "repo/Repository.h"
#include "storage/LocalBackend.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::test;

namespace {

// A local folder whose pack removals fail: the state a repair killed before it removed its
// emptied packs leaves.
class PackRemovalFails final : public Backend
{
public:
    explicit PackRemovalFails(const QString &root) : m_inner(root) {}

    QString location() const override { return m_inner.location(); }
    Result<bool> exists() override { return m_inner.exists(); }
    Status create() override { return m_inner.create(); }
    Status remove(FileKind kind, const QString &name) override
    {
        if (kind == FileKind::Pack)
            return Error::io(QStringLiteral("killed before %1 was removed").arg(name));
        return m_inner.remove(kind, name);
    }
    Result<qint64> size(FileKind kind, const QString &name) override { return m_inner.size(kind, name); }

protected:
    Status doWrite(FileKind kind, const QString &name, const QByteArray &data,
                   const CancelToken &cancel) override
    {
        return m_inner.write(kind, name, data, cancel);
    }
    Result<QByteArray> doRead(FileKind kind, const QString &name, qint64 offset, qint64 length,
                              const CancelToken &cancel) override
    {
        return m_inner.read(kind, name, offset, length, cancel);
    }
    Result<QList<FileInfo>> doList(FileKind kind, const CancelToken &cancel) override
    {
        return m_inner.list(kind, cancel);
    }

private:
    LocalBackend m_inner;
};

QStringList names(Backend &backend, FileKind kind)
{
    QStringList out;
    if (auto files = backend.list(kind))
        for (const FileInfo &f : *files)
            out << f.name;
    out.sort();
    return out;
}

} // namespace

class TestRepair : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void killedBeforeTheDamagedPackWentFinishesNext();
    void unnamedDamagedPackWithoutANoteIsReported();

private:
    // A repository with two files in one pack, then that pack's header damaged.
    void prepare(const QString &repo);
    QString m_damagedPack;
    std::map<BlobId, QByteArray> m_contents;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRepair::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_contents.clear();
}

void TestRepair::prepare(const QString &repo)
{
    auto r = test::initCraftRepository(repo);
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    std::vector<Node> nodes;
    for (int i = 0; i < 2; ++i) {
        const QByteArray content = pseudoRandomBytes(50'000 + i, quint64(i + 1));
        auto node = test::craftFile(**r, "file" + QByteArray::number(i), content);
        QVERIFY(node);
        m_contents[node->content.front()] = content;
        nodes.push_back(*node);
    }
    QVERIFY(test::craftVersion(**r, nodes));
    const auto loc = (*r)->findBlob(m_contents.begin()->first);
    QVERIFY(loc);
    m_damagedPack = loc->pack.toHex();
    (*r).reset();

    // The header is the pack's tail: flipping its last bytes before the magic makes it unreadable,
    // while the old index files still say what the pack held.
    const QByteArray file = QFile::encodeName(repo + QStringLiteral("/data/") + m_damagedPack.left(2) +
                                              QLatin1Char('/') + m_damagedPack);
    const QByteArray data = readFile(file);
    QVERIFY(data.size() > 16);
    QVERIFY(overwriteAt(file, data.size() - 12, QByteArray(8, '\x5a')));
}

void TestRepair::killedBeforeTheDamagedPackWentFinishesNext()
{
    const QString repo = m_dir->filePath(QStringLiteral("repo"));
    prepare(repo);
    {
        auto killed = Repository::open(std::make_unique<PackRemovalFails>(repo), QStringLiteral("test-pw"));
        QVERIFY2(killed, killed ? "" : qPrintable(killed.error().message));
        QVERIFY((*killed)->loadIndex());
        auto report = repairIndex(**killed);
        QVERIFY2(!report, "the removal of the damaged pack was to fail");
    }
    LocalBackend backend(repo);
    // The state of the kill window: no index file names the damaged pack, which is still there,
    // and a note says it was emptied.
    QVERIFY(names(backend, FileKind::Pack).contains(m_damagedPack));
    QCOMPARE(names(backend, FileKind::Retired), QStringList{m_damagedPack});
    {
        auto r = Repository::open(repo, QStringLiteral("test-pw"));
        QVERIFY(r);
        QVERIFY((*r)->loadIndex());
        for (const auto &[id, content] : m_contents) {
            const auto loc = (*r)->findBlob(id);
            QVERIFY(loc);
            QVERIFY(loc->pack.toHex() != m_damagedPack);
        }
    }

    auto r = Repository::open(repo, QStringLiteral("test-pw"));
    QVERIFY(r);
    QVERIFY((*r)->loadIndex());
    auto report = repairIndex(**r);
    QVERIFY2(report, report ? "" : qPrintable(report.error().message));
    QVERIFY2(report->unreadablePacks.isEmpty(), qPrintable(report->unreadablePacks.join(QLatin1Char('\n'))));
    QVERIFY(report->lostBlobs.isEmpty());
    QCOMPARE(report->packsSalvaged, 1);
    QCOMPARE(report->blobsSalvaged, 0); // the killed repair had stored them again
    QVERIFY(!names(backend, FileKind::Pack).contains(m_damagedPack));
    QVERIFY(names(backend, FileKind::Retired).isEmpty());
    for (const auto &[id, content] : m_contents) {
        auto blob = (*r)->loadBlob(id);
        QVERIFY2(blob, blob ? "" : qPrintable(blob.error().message));
        QCOMPARE(*blob, content);
    }

    // And a third repair has nothing left to do.
    auto third = repairIndex(**r);
    QVERIFY(third);
    QCOMPARE(third->packsSalvaged, 0);
    QVERIFY(third->unreadablePacks.isEmpty());
}

// Without the note, a damaged pack that no index names is reported: nothing can tell what it held.
// This is what the note changes.
void TestRepair::unnamedDamagedPackWithoutANoteIsReported()
{
    const QString repo = m_dir->filePath(QStringLiteral("repo"));
    prepare(repo);
    {
        auto killed = Repository::open(std::make_unique<PackRemovalFails>(repo), QStringLiteral("test-pw"));
        QVERIFY(killed);
        QVERIFY((*killed)->loadIndex());
        QVERIFY(!repairIndex(**killed));
    }
    LocalBackend backend(repo);
    QVERIFY(backend.remove(FileKind::Retired, m_damagedPack));

    auto r = Repository::open(repo, QStringLiteral("test-pw"));
    QVERIFY(r);
    QVERIFY((*r)->loadIndex());
    auto report = repairIndex(**r);
    QVERIFY(report);
    QCOMPARE(report->unreadablePacks.size(), 1);
    QVERIFY(report->unreadablePacks.front().startsWith(m_damagedPack));
    QVERIFY(names(backend, FileKind::Pack).contains(m_damagedPack)); // kept: it may hold something
}

QTEST_GUILESS_MAIN(TestRepair)
#include "tst_repair.moc"
