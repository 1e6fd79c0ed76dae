// Issue 12's catalog benchmark: a repository of many versions of a large tree, written straight
// through the repository API (real packs, real encryption and compression, no file system walk),
// then the catalog built from it and asked what the history panel and the diff viewer ask.
//
//   bench_catalog --out DIR [--versions 1000] [--files 100000] [--changed 1] [--folders 50] [--reuse]
//
// --reuse keeps the repository and the catalog an earlier run left in DIR (writing them takes
// most of an hour) and only times the queries; the rebuild is then not timed (-1).
//
// The tree: /bench/data/dNN/mN/lN/fNNN, 1,000 leaf folders of --files/1000 files each, file sizes
// 1-16 KiB of incompressible bytes. Each version changes --changed percent of the files (new
// content), spread over --folders leaf folders picked at random for that version (1%: 1,000 files,
// 20 in each of 50 folders); the rest of the tree is the same listings as before.
//
// Prints one JSON object: the figures and the targets (history < 50 ms, two-version diff
// < 200 ms, catalog < 10% of the repository, full rebuild < 60 s).
#include "catalog/Catalog.h"
#include "storage/LocalBackend.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>
#include <cstring>

using namespace strata;

namespace {

qint64 treeBytes(const QString &dir)
{
    qint64 total = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

int fail(const QString &what)
{
    std::fprintf(stderr, "bench_catalog: %s\n", qPrintable(what));
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString out;
    int versions = 1000, files = 100000, folders = 50;
    double changedPercent = 1;
    bool reuse = false;
    QStringList args = app.arguments();
    if (args.removeAll(QStringLiteral("--reuse")) > 0)
        reuse = true;
    for (int i = 1; i + 1 < args.size(); i += 2) {
        const QString &k = args[i], &v = args[i + 1];
        if (k == QLatin1String("--out"))
            out = v;
        else if (k == QLatin1String("--versions"))
            versions = v.toInt();
        else if (k == QLatin1String("--files"))
            files = v.toInt();
        else if (k == QLatin1String("--changed"))
            changedPercent = v.toDouble();
        else if (k == QLatin1String("--folders"))
            folders = v.toInt();
        else
            return fail(QStringLiteral("unknown option %1").arg(k));
    }
    if (out.isEmpty() || versions < 2 || files < 1000 || folders < 1 || changedPercent <= 0)
        return fail(
            QStringLiteral("usage: bench_catalog --out DIR [--versions N] [--files N] [--changed PERCENT] "
                           "[--folders N]"));
    const QString repoPath = out + QStringLiteral("/repo");
    const QString catalogPath = out + QStringLiteral("/catalog/catalog.sqlite");
    reuse = reuse && QFile::exists(repoPath + QStringLiteral("/config")) && QFile::exists(catalogPath);
    double buildSeconds = -1;
    const auto writeRepository = [&]() -> int {
        QDir(out).removeRecursively();
        QDir().mkpath(out);
        Repository::InitOptions options;
        options.kdf = KdfParams{1, 8u << 20};
        auto created =
            Repository::init(std::make_unique<LocalBackend>(repoPath), QStringLiteral("bench"), options);
        if (!created)
            return fail(created.error().message);
        std::shared_ptr<Repository> repo = *created;
        QRandomGenerator rng(12);

        constexpr int kLeaves = 1000; // 10 x 10 x 10
        const int perLeaf = files / kLeaves;
        // Each leaf folder's files: their nodes, kept so a version only rewrites what it changes.
        std::vector<Tree> leaves(kLeaves);
        const auto newContent = [&](Node &n) -> bool {
            QByteArray data(qsizetype(1024 + rng.bounded(15 * 1024)), Qt::Uninitialized);
            for (qsizetype i = 0; i + 4 <= data.size(); i += 4) {
                const quint32 x = rng.generate();
                std::memcpy(data.data() + i, &x, 4);
            }
            const BlobId id = repo->blobId(data);
            if (!repo->saveBlob(BlobType::Data, id, data))
                return false;
            n.content = {id};
            n.chunkSizes = {quint32(data.size())};
            n.size = quint64(data.size());
            n.mtime = Timestamp{1700000000 + qint64(rng.bounded(100000000)), 0};
            return true;
        };
        for (int l = 0; l < kLeaves; ++l)
            for (int f = 0; f < perLeaf; ++f) {
                Node n;
                n.name = QStringLiteral("f%1.dat").arg(f, 3, 10, QLatin1Char('0')).toUtf8();
                n.type = NodeType::File;
                n.mode = 0644;
                if (!newContent(n))
                    return fail(QStringLiteral("saving a blob failed"));
                leaves[l].nodes.push_back(std::move(n));
            }

        const auto dirNode = [](const QByteArray &name, const BlobId &subtree) {
            Node n;
            n.name = name;
            n.type = NodeType::Directory;
            n.mode = 0755;
            n.subtree = subtree;
            return n;
        };
        // Listings of unchanged folders are the same blobs: saveTree stores them once.
        std::vector<BlobId> leafIds(kLeaves);
        std::vector<bool> leafDirty(kLeaves, true);
        QElapsedTimer build;
        build.start();
        QStringList ids;
        for (int v = 0; v < versions; ++v) {
            if (v > 0) {
                // This version's changes: `folders` leaf folders, the same number of files in each.
                const int changed = std::max(1, int(files * changedPercent / 100));
                const int inEach = std::max(1, changed / folders);
                for (int k = 0; k < folders; ++k) {
                    const int l = int(rng.bounded(kLeaves));
                    for (int c = 0; c < inEach; ++c)
                        if (!newContent(leaves[l].nodes[std::size_t(rng.bounded(perLeaf))]))
                            return fail(QStringLiteral("saving a blob failed"));
                    leafDirty[l] = true;
                }
            }
            for (int l = 0; l < kLeaves; ++l)
                if (leafDirty[l]) {
                    auto saved = repo->saveTree(leaves[l]);
                    if (!saved)
                        return fail(saved.error().message);
                    leafIds[l] = *saved;
                    leafDirty[l] = false;
                }
            Tree data;
            for (int d = 0; d < 10; ++d) {
                Tree top;
                for (int m = 0; m < 10; ++m) {
                    Tree mid;
                    for (int l = 0; l < 10; ++l)
                        mid.nodes.push_back(
                            dirNode("l" + QByteArray::number(l), leafIds[std::size_t(d * 100 + m * 10 + l)]));
                    top.nodes.push_back(dirNode("m" + QByteArray::number(m), *repo->saveTree(mid)));
                }
                data.nodes.push_back(dirNode(QStringLiteral("d%1").arg(d, 2, 10, QLatin1Char('0')).toUtf8(),
                                             *repo->saveTree(top)));
            }
            Tree bench, root;
            bench.nodes.push_back(dirNode("data", *repo->saveTree(data)));
            root.nodes.push_back(dirNode("bench", *repo->saveTree(bench)));
            Snapshot s;
            s.time = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC).addSecs(qint64(v) * 3600);
            s.host = QStringLiteral("bench");
            s.user = QStringLiteral("bench");
            s.set = QStringLiteral("bench");
            s.paths = {QStringLiteral("/bench/data")};
            s.rawPaths = {"/bench/data"};
            s.kind = v == 0 ? BackupKind::Full : BackupKind::Incremental;
            s.tree = *repo->saveTree(root);
            s.stats.files = files;
            if (Status flushed = repo->flush(); !flushed)
                return fail(flushed.error().message);
            if (Status saved = repo->saveSnapshot(s); !saved)
                return fail(saved.error().message);
            ids << s.id;
            if ((v + 1) % 100 == 0)
                std::fprintf(stderr, "bench_catalog: %d versions written (%.0f s)\n", v + 1,
                             build.elapsed() / 1000.0);
        }
        buildSeconds = build.elapsed() / 1000.0;
        return 0;
    };
    if (!reuse)
        if (const int failed = writeRepository())
            return failed;

    // The catalog, built from nothing, as on a new machine.
    auto reopened = Repository::open(repoPath, QStringLiteral("bench"));
    if (!reopened)
        return fail(reopened.error().message);
    std::shared_ptr<Repository> repo = *reopened;
    auto catalog = Catalog::open(catalogPath, repo->config().id);
    if (!catalog)
        return fail(catalog.error().message);
    QElapsedTimer t;
    t.start();
    auto report = (*catalog)->update(*repo);
    if (!report)
        return fail(report.error().message);
    const double rebuildSeconds = reuse ? -1 : t.elapsed() / 1000.0;
    const Catalog::Stats st = (*catalog)->stats();
    QRandomGenerator rng(34);

    // A file that changed in some versions and one that never did, and diffs: adjacent versions,
    // and the first against the last.
    const QList<CatalogVersion> all = (*catalog)->versions();
    qint64 changedRows = 0;
    std::vector<double> historyMs, quietMs, diffMs, farMs;
    for (int run = 0; run < 5; ++run) {
        const QByteArray busy = QStringLiteral("/bench/data/d%1/m%2/l%3/f%4.dat")
                                    .arg(run % 10, 2, 10, QLatin1Char('0'))
                                    .arg(run)
                                    .arg(run)
                                    .arg(run, 3, 10, QLatin1Char('0'))
                                    .toUtf8();
        t.restart();
        auto h = (*catalog)->history(busy);
        historyMs.push_back(t.nsecsElapsed() / 1e6);
        if (!h || h->size() != versions)
            return fail(QStringLiteral("history of %1 failed").arg(QString::fromUtf8(busy)));
        changedRows += std::count_if(h->begin(), h->end(), [](const PathVersion &p) { return p.changed(); });
        t.restart();
        auto q = (*catalog)->history("/bench/data/d09/m9/l9/nothing-here");
        quietMs.push_back(t.nsecsElapsed() / 1e6);
        const int a = int(rng.bounded(versions - 1));
        qint64 entries = 0;
        t.restart();
        auto d = (*catalog)->diff(all[a].id, all[a + 1].id, [&](const DiffEntry &) { ++entries; });
        diffMs.push_back(t.nsecsElapsed() / 1e6);
        if (!d || entries == 0)
            return fail(QStringLiteral("diff failed"));
        t.restart();
        auto far = (*catalog)->diff(all.first().id, all.last().id, [](const DiffEntry &) {});
        farMs.push_back(t.nsecsElapsed() / 1e6);
        if (!far)
            return fail(QStringLiteral("diff failed"));
    }
    // The timeline's per-version counts: the first call diffs every adjacent pair and keeps
    // the counts, later ones read them back.
    t.restart();
    auto counts = (*catalog)->changeCounts();
    const double countsFirstMs = t.nsecsElapsed() / 1e6;
    if (!counts || counts->size() != all.size())
        return fail(QStringLiteral("changeCounts failed"));
    t.restart();
    auto countsAgain = (*catalog)->changeCounts();
    const double countsKeptMs = t.nsecsElapsed() / 1e6;
    if (!countsAgain || *countsAgain != *counts)
        return fail(QStringLiteral("changeCounts changed"));
    std::vector<double> rangeMs;
    for (int run = 0; run < 5; ++run) {
        const int span = std::min(100, int(all.size()));
        const int a = int(rng.bounded(int(all.size()) - span + 1));
        t.restart();
        auto range =
            (*catalog)->versionsBetween(all[a].time, all[a + span - 1].time, QStringLiteral("bench"));
        rangeMs.push_back(t.nsecsElapsed() / 1e6);
        if (!range || range->size() != span)
            return fail(QStringLiteral("versionsBetween failed"));
    }
    const qint64 repoBytes = treeBytes(repoPath);
    const QJsonObject result{
        {QStringLiteral("versions"), versions},
        {QStringLiteral("files"), files},
        {QStringLiteral("changedPercent"), changedPercent},
        {QStringLiteral("changedFolders"), folders},
        {QStringLiteral("buildSeconds"), buildSeconds},
        {QStringLiteral("repositoryBytes"), repoBytes},
        {QStringLiteral("catalogBytes"), st.bytes},
        {QStringLiteral("catalogShare"), double(st.bytes) / double(repoBytes)},
        {QStringLiteral("catalogTrees"), st.trees},
        {QStringLiteral("catalogEntries"), st.entries},
        {QStringLiteral("rebuildSeconds"), rebuildSeconds},
        {QStringLiteral("treesRead"), report->treesRead},
        {QStringLiteral("historyMs"), median(historyMs)},
        {QStringLiteral("historyAbsentMs"), median(quietMs)},
        {QStringLiteral("historyChangedRows"), double(changedRows) / 5},
        {QStringLiteral("diffAdjacentMs"), median(diffMs)},
        {QStringLiteral("diffFirstLastMs"), median(farMs)},
        {QStringLiteral("changeCountsFirstMs"), countsFirstMs},
        {QStringLiteral("changeCountsKeptMs"), countsKeptMs},
        {QStringLiteral("changeCountsMedian"), median([&] {
             std::vector<double> v;
             for (qint64 c : std::as_const(*counts))
                 v.push_back(double(c));
             return v;
         }())},
        {QStringLiteral("versionsBetween100Ms"), median(rangeMs)},
        {QStringLiteral("targets"),
         QJsonObject{{QStringLiteral("historyUnder50ms"), median(historyMs) < 50},
                     {QStringLiteral("diffUnder200ms"), median(diffMs) < 200},
                     {QStringLiteral("catalogUnder10Percent"), double(st.bytes) < 0.1 * double(repoBytes)},
                     {QStringLiteral("rebuildUnder60s"), rebuildSeconds < 60}}},
    };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Indented).constData());
    return 0;
}
