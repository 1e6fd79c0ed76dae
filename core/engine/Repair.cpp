#include "engine/Repair.h"

#include "crypto/Crypto.h"

#include <algorithm>
#include <map>

namespace strata {

namespace {

struct Salvage
{
    FileInfo file;
    std::vector<PackedBlob> blobs; // what it should hold, from its header or the old index
    QString problem;
};

} // namespace

Result<RepairReport> repairIndex(Repository &repo, const RepairParams &params)
{
    auto packs = repo.backend().list(FileKind::Pack);
    STRATA_TRY(packs);
    auto oldFiles = repo.indexFiles();
    STRATA_TRY(oldFiles);
    // Damaged packs an earlier repair had emptied, killed before it removed them.
    auto retired = repo.retiredPacks();
    STRATA_TRY(retired);

    // What the old index files say each pack holds: for a pack whose header is damaged, the
    // only record of where its blobs are. Read file by file, not from the loaded index, which
    // keeps one place per blob: a blob that is also in another pack (one a killed repair had
    // moved it to, or a second copy a backup wrote) must still be known in this one. Damaged
    // index files are skipped; they get replaced.
    std::map<BlobId, std::vector<PackedBlob>> known;
    for (const QString &name : *oldFiles) {
        auto plain = repo.openFile(FileKind::Index, name);
        if (!plain || !forEachPackedBlob(*plain, {})) // checked whole first: nothing from a damaged file
            continue;
        (void)forEachPackedBlob(*plain,
                                [&](const BlobId &pack, const PackedBlob &b) { known[pack].push_back(b); });
    }

    RepairReport report;
    std::vector<PackContents> intact;
    std::vector<Salvage> damaged;
    qint64 done = 0;
    QByteArray buffer;
    for (const FileInfo &f : *packs) {
        if (params.progress)
            params.progress(done++, packs->size());
        const auto id = BlobId::fromHex(f.name);
        if (!id)
            continue;
        Result<std::vector<PackedBlob>> header = Error::corrupt(QString());
        QString problem;
        if (params.readData) {
            if (Status read = repo.backend().readInto(FileKind::Pack, f.name, 0, -1, buffer); !read) {
                report.unreadablePacks << f.name + QStringLiteral(": ") + read.error().message;
                continue;
            }
            header = repo.parsePackHeader(buffer);
            if (crypto::sha256(buffer).toHex() != f.name)
                problem = QStringLiteral("does not match its name");
        } else {
            header = repo.readPackTail(f);
        }
        if (header && problem.isEmpty()) {
            report.packs++;
            report.blobs += qint64(header->size());
            intact.push_back(PackContents{*id, std::move(header.value())});
            continue;
        }
        if (!header)
            problem = header.error().message;
        std::vector<PackedBlob> blobs = header ? std::move(header.value()) : known[*id];
        if (blobs.empty() && retired->contains(f.name)) {
            damaged.push_back(Salvage{f, {}, problem}); // its blobs are stored again already
            continue;
        }
        if (blobs.empty()) {
            report.unreadablePacks << f.name + QStringLiteral(": ") + problem +
                                          QStringLiteral(" (and no index file says what it held)");
            continue;
        }
        damaged.push_back(Salvage{f, std::move(blobs), problem});
    }

    // The new index first, naming only intact packs, and only it loaded: blobs of the damaged
    // ones are then missing, so saving them again below stores them anew. The old index files
    // stay until those blobs are stored: for a pack whose header is damaged they are the only
    // record of where its blobs are, which a repair killed half way needs to start over.
    auto written = repo.writeSealedFile(FileKind::Index, serializePackList(intact));
    STRATA_TRY(written);
    STRATA_TRY(repo.loadIndexFiles({*written}));

    std::vector<QString> emptied;
    for (const Salvage &s : damaged) {
        if (s.blobs.empty()) {
            report.packsSalvaged++;
            emptied.push_back(s.file.name);
            continue;
        }
        if (Status read = repo.backend().readInto(FileKind::Pack, s.file.name, 0, -1, buffer); !read) {
            report.unreadablePacks << s.file.name + QStringLiteral(": ") + read.error().message;
            continue;
        }
        qint64 moved = 0;
        for (const PackedBlob &b : s.blobs) {
            if (repo.hasBlob(b.id))
                continue; // another pack has it, or it was moved already
            auto plain = qint64(b.offset) + b.length <= buffer.size()
                             ? repo.openBlob(b, QByteArrayView(buffer.constData() + b.offset, b.length))
                             : Result<QByteArray>(Error::corrupt(QStringLiteral("cut off")));
            if (!plain) {
                report.lostBlobs << b.id.shortHex();
                continue;
            }
            auto saved = repo.saveBlob(b.type, b.id, *plain);
            STRATA_TRY(saved);
            ++moved;
        }
        report.blobsSalvaged += moved;
        report.packsSalvaged++;
        emptied.push_back(s.file.name);
    }
    STRATA_TRY(repo.flush());
    // Everything readable in the damaged packs is stored again: the old index files can go, and
    // then the packs. Not the other way round: an index file naming a pack that is gone is a
    // problem for check, and for a restore that looks a blob up there, until the next repair.
    // A kill between the two leaves a damaged pack that no index names; the note left first
    // tells the next repair that nothing in it is needed, so that one removes it without asking.
    for (const QString &name : emptied) {
        if (!retired->contains(name))
            STRATA_TRY(repo.retirePack(name));
    }
    for (const QString &old : *oldFiles) {
        if (old == *written)
            continue;
        STRATA_TRY(repo.backend().remove(FileKind::Index, old));
        report.indexFilesReplaced++;
    }
    for (const QString &name : emptied)
        STRATA_TRY(repo.backend().remove(FileKind::Pack, name));
    // Last the notes: of the packs just removed, and of any a prune removed since.
    QSet<QString> gone = *retired;
    for (const QString &name : emptied)
        gone.insert(name);
    for (const FileInfo &f : *packs) {
        if (std::find(emptied.begin(), emptied.end(), f.name) == emptied.end())
            gone.remove(f.name);
    }
    for (const QString &name : gone)
        STRATA_TRY(repo.removeRetiredNote(name));
    STRATA_TRY(repo.loadIndex());
    return report;
}

} // namespace strata
