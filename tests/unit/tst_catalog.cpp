// The catalog over real repositories made by BackupJob: what it answers agrees with the
// repository (its diffs with diffSnapshots for every pair of versions, a file's history with
// what each version holds), unchanged folders are stored once however many versions share them,
// it follows the repository (a forgotten version goes, another host's version comes), and a
// deleted, damaged or foreign catalog file is rebuilt with the same answers.
#include "catalog/Catalog.h"
#include "engine/BackupJob.h"
#include "engine/Diff.h"
#include "engine/Listing.h"
#include "SourceFixture.h"
#include "storage/LocalBackend.h"
#include "TestUtil.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace strata;
using namespace strata::test;

namespace {

QString describe(const DiffEntry &e)
{
    return QStringLiteral("%1 %2 %3->%4 mode %5->%6 mtime %7->%8 fields %9")
        .arg(changeKindName(e.change), e.path)
        .arg(e.sizeA)
        .arg(e.sizeB)
        .arg(e.modeA, 0, 8)
        .arg(e.modeB, 0, 8)
        .arg(e.mtimeA.sec)
        .arg(e.mtimeB.sec)
        .arg(e.fields);
}

} // namespace

class TestCatalog final : public QObject
{
    Q_OBJECT

    SourceFixture m_fx; // the source folder and the repository
    std::shared_ptr<Repository> m_repo;
    QList<Snapshot> m_versions;

    std::unique_ptr<Catalog> openCatalog(const QString &file, QString *discarded = nullptr)
    {
        auto c = Catalog::open(file, m_repo->config().id, discarded);
        if (!c)
            qWarning("catalog: %s", qPrintable(c.error().message));
        return c ? std::move(*c) : nullptr;
    }
    QStringList repoDiff(const Snapshot &a, const Snapshot &b)
    {
        QStringList out;
        auto s = diffSnapshots(*m_repo, a, b, [&](const DiffEntry &e) { out << describe(e); });
        if (!s)
            out << QStringLiteral("error: ") + s.error().message;
        return out;
    }
    QStringList catalogDiff(const Catalog &c, const Snapshot &a, const Snapshot &b)
    {
        QStringList out;
        auto s = c.diff(a.id, b.id, [&](const DiffEntry &e) { out << describe(e); });
        if (!s)
            out << QStringLiteral("error: ") + s.error().message;
        return out;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_fx.init());
        m_repo = m_fx.repo();
        m_versions.clear();
        // v0: the start. v1: a file's content and size change, one gets another mode, a folder
        // appears. v2: a file goes, another changes only its time. v3: a file becomes a folder.
        QVERIFY(m_fx.put(QStringLiteral("a.txt"), "alpha") && m_fx.put(QStringLiteral("b.txt"), "beta") &&
                m_fx.put(QStringLiteral("keep/deep/x.otml"), "x") &&
                m_fx.put(QStringLiteral("keep/y.lua"), "y") &&
                m_fx.put(QStringLiteral("turns"), "file first"));
        m_versions << m_fx.backUp();
        QVERIFY(m_fx.put(QStringLiteral("a.txt"), "alpha, longer now"));
        QVERIFY(::chmod(m_fx.src(QStringLiteral("b.txt")).constData(), 0600) == 0);
        QVERIFY(m_fx.put(QStringLiteral("new/n.otml"), "n"));
        m_versions << m_fx.backUp();
        QVERIFY(QFile::remove(m_fx.path(QStringLiteral("src/b.txt"))));
        QVERIFY(setMtimeNs(m_fx.src(QStringLiteral("keep/y.lua")), 1700000000LL * 1000000000));
        m_versions << m_fx.backUp();
        QVERIFY(QFile::remove(m_fx.path(QStringLiteral("src/turns"))));
        QVERIFY(m_fx.put(QStringLiteral("turns/inside.txt"), "now a folder"));
        m_versions << m_fx.backUp();
        for (const Snapshot &s : std::as_const(m_versions))
            QVERIFY(!s.id.isEmpty());
    }

    void cleanup()
    {
        m_repo.reset();
        m_fx = SourceFixture(); // the repository first, then its folder
    }

    void answersAgreeWithTheRepository()
    {
        auto catalog = openCatalog(m_fx.path(QStringLiteral("cache/catalog.sqlite")));
        QVERIFY(catalog);
        qint64 progressCalls = 0;
        auto report = catalog->update(*m_repo, [&](qint64, qint64 total) {
            ++progressCalls;
            QCOMPARE(total, qint64(4));
        });
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QCOMPARE(report->versionsAdded, 4);
        QVERIFY(report->treesRead > 0);
        QCOMPARE(progressCalls, 5);
        QCOMPARE(catalog->versions().size(), 4);
        // Readable by the user only: it holds file names (its write-ahead log too, and its folder).
        for (const QString &f : {catalog->path(), QString(catalog->path() + QStringLiteral("-wal"))}) {
            struct stat st;
            QVERIFY2(::stat(QFile::encodeName(f).constData(), &st) == 0, qPrintable(f));
            QCOMPARE(st.st_mode & 0777, 0600u);
        }
        struct stat dir;
        QVERIFY(::stat(QFile::encodeName(m_fx.path(QStringLiteral("cache"))).constData(), &dir) == 0);
        QCOMPARE(dir.st_mode & 0777, 0700u);

        // Every pair, both ways, as diffSnapshots says it.
        for (const Snapshot &a : std::as_const(m_versions))
            for (const Snapshot &b : std::as_const(m_versions)) {
                const QStringList expected = repoDiff(a, b);
                QCOMPARE(catalogDiff(*catalog, a, b), expected);
                if (a.id != b.id)
                    QVERIFY(!expected.isEmpty());
            }
        // The mode alone changed (the time stayed: chmod does not touch it).
        const QStringList modeOnly =
            catalogDiff(*catalog, m_versions[0], m_versions[1])
                .filter(QStringLiteral("metadata %1 4->4 ").arg(m_fx.path(QStringLiteral("src/b.txt"))));
        QCOMPARE(modeOnly.size(), 1);
        QVERIFY2(modeOnly.first().contains(QStringLiteral("->600 ")), qPrintable(modeOnly.first()));
        QVERIFY2(modeOnly.first().endsWith(QStringLiteral("fields %1").arg(int(DiffEntry::Mode))),
                 qPrintable(modeOnly.first()));
        QCOMPARE(catalog->diff(QStringLiteral("feedface"), m_versions[0].id, [](const DiffEntry &) {})
                     .error()
                     .code,
                 ErrorCode::NotFound);

        // a.txt: there from the start, changed once (content and size), then unchanged.
        auto a = catalog->history(m_fx.src(QStringLiteral("a.txt")), QStringLiteral("home"));
        QVERIFY(a);
        QCOMPARE(a->size(), 4);
        QCOMPARE(a->at(0).changes, quint8(PathVersion::Appeared));
        QCOMPARE(a->at(1).changes & (PathVersion::Content | PathVersion::Size),
                 PathVersion::Content | PathVersion::Size);
        QCOMPARE(a->at(1).entry.size, quint64(17));
        QVERIFY(!a->at(2).changed() && !a->at(3).changed());
        for (int i = 0; i < 4; ++i)
            QCOMPARE(a->at(i).version.id, m_versions[i].id);
        // b.txt: its mode changed, then it went.
        auto b = catalog->history(m_fx.src(QStringLiteral("b.txt")));
        QVERIFY(b);
        QCOMPARE(b->at(1).changes, quint8(PathVersion::Mode));
        QCOMPARE(b->at(2).changes, quint8(PathVersion::Disappeared));
        QVERIFY(!b->at(2).present && !b->at(3).present && !b->at(3).changed());
        // y.lua: only its time; "turns": a file, then a folder; new/n.otml: from v1 on.
        auto y = catalog->history(m_fx.src(QStringLiteral("keep/y.lua")));
        QCOMPARE(y->at(2).changes, quint8(PathVersion::Modified));
        auto turns = catalog->history(m_fx.src(QStringLiteral("turns")));
        QVERIFY(turns->at(3).changes & PathVersion::Type);
        QCOMPARE(turns->at(3).entry.type, NodeType::Directory);
        auto n = catalog->history(m_fx.src(QStringLiteral("new/n.otml")));
        QVERIFY(!n->at(0).present);
        QCOMPARE(n->at(1).changes, quint8(PathVersion::Appeared));
        // A path no version ever held, and another set's name: nothing present.
        auto none = catalog->history(m_fx.src(QStringLiteral("never/there")));
        QVERIFY(none &&
                std::none_of(none->begin(), none->end(), [](const PathVersion &p) { return p.present; }));
        QVERIFY(catalog->history(m_fx.src(QStringLiteral("a.txt")), QStringLiteral("other"))->isEmpty());

        // By name, in any version: *.otml finds the one always there and the one that came.
        auto otml = catalog->find(QStringLiteral("*.OTML"));
        QVERIFY(otml);
        QCOMPARE(otml->size(), 2);
        QStringList found;
        for (const FoundPath &f : *otml)
            found << QFile::decodeName(f.path) + QStringLiteral(" in %1").arg(f.versions);
        found.sort();
        QCOMPARE(found,
                 (QStringList{QFile::decodeName(m_fx.src(QStringLiteral("keep/deep/x.otml"))) + " in 4",
                              QFile::decodeName(m_fx.src(QStringLiteral("new/n.otml"))) + " in 3"}));
        QCOMPARE(otml->first().newest.id, m_versions[3].id);
        auto removed = catalog->find(QStringLiteral("b.txt"));
        QCOMPARE(removed->size(), 1);
        QCOMPARE(removed->first().newest.id, m_versions[1].id);
        QVERIFY(catalog->find(QStringLiteral("nothing-like-it*"))->isEmpty());
        QCOMPARE(catalog->find(QString()).error().code, ErrorCode::InvalidArgument);
    }

    void versionsInATimeRange()
    {
        auto catalog = openCatalog(m_fx.path(QStringLiteral("catalog.sqlite")));
        QVERIFY(catalog && catalog->update(*m_repo));
        const QList<CatalogVersion> all = catalog->versions();
        const auto ids = [](const QList<CatalogVersion> &vs) {
            QStringList out;
            for (const CatalogVersion &v : vs)
                out << v.id;
            return out;
        };
        // Every range between two versions' times, both ends included, oldest first.
        for (const CatalogVersion &from : all)
            for (const CatalogVersion &to : all) {
                QStringList expected;
                for (const CatalogVersion &v : all)
                    if (v.time >= from.time && v.time <= to.time)
                        expected << v.id;
                auto got = catalog->versionsBetween(from.time, to.time);
                QVERIFY(got);
                QCOMPARE(ids(*got), expected);
                QCOMPARE(ids(*catalog->versionsBetween(from.time, to.time, QStringLiteral("home"))),
                         expected);
            }
        // Open ends, another set, a range with nothing in it.
        QCOMPARE(ids(*catalog->versionsBetween({}, {})), ids(all));
        QCOMPARE(ids(*catalog->versionsBetween(all[2].time, {})).first(), all[2].id);
        QCOMPARE(ids(*catalog->versionsBetween({}, all[1].time)).last(), all[1].id);
        QVERIFY(catalog->versionsBetween({}, {}, QStringLiteral("other"))->isEmpty());
        QVERIFY(catalog->versionsBetween(all[0].time.addSecs(-7200), all[0].time.addSecs(-3600))->isEmpty());
        QVERIFY(catalog->versionsBetween(all[3].time, all[0].time)->isEmpty());
        const CatalogVersion first = catalog->versionsBetween(all[0].time, all[0].time)->first();
        QCOMPARE(first.set, QStringLiteral("home"));
        QCOMPARE(first.time, all[0].time);
    }

    void changeCountsAgreeWithTheDiffs()
    {
        auto catalog = openCatalog(m_fx.path(QStringLiteral("catalog.sqlite")));
        QVERIFY(catalog && catalog->update(*m_repo));
        // What the repository says changed, counted as the timeline counts: no folders of
        // their own, no owner-only changes.
        const auto counted = [&](const Snapshot &a, const Snapshot &b) {
            qint64 n = 0;
            auto s = diffSnapshots(*m_repo, a, b, [&](const DiffEntry &e) {
                if ((e.change == ChangeKind::Added && e.typeB == NodeType::Directory) ||
                    (e.change == ChangeKind::Removed && e.typeA == NodeType::Directory))
                    return;
                if (e.change == ChangeKind::MetadataChanged && e.fields == DiffEntry::Other)
                    return;
                ++n;
            });
            return s ? n : -1;
        };
        auto counts = catalog->changeCounts(QStringLiteral("home"));
        QVERIFY(counts);
        QCOMPARE(counts->size(), 4);
        // v0 holds five files; v1: a.txt, b.txt's mode, new/n.otml; v2: b.txt gone, y.lua's
        // time; v3: "turns" became a folder, with a file in it.
        QCOMPARE(counts->value(m_versions[0].id), 5);
        const qint64 expected[] = {3, 2, 2};
        for (int i = 1; i < 4; ++i) {
            QCOMPARE(counts->value(m_versions[i].id), expected[i - 1]);
            QCOMPARE(counts->value(m_versions[i].id), counted(m_versions[i - 1], m_versions[i]));
        }
        // Kept: the next call answers the same; all sets, the same here; another set, nothing.
        QCOMPARE(*catalog->changeCounts(), *counts);
        QVERIFY(catalog->changeCounts(QStringLiteral("other"))->isEmpty());
        // Once v1 is forgotten, v2 counts against v0.
        QVERIFY(m_repo->forgetSnapshot(m_versions[1].id));
        QVERIFY(catalog->update(*m_repo));
        auto after = catalog->changeCounts();
        QVERIFY(after);
        QCOMPARE(after->size(), 3);
        QVERIFY(!after->contains(m_versions[1].id));
        QCOMPARE(after->value(m_versions[2].id), counted(m_versions[0], m_versions[2]));
        QCOMPARE(after->value(m_versions[3].id), counts->value(m_versions[3].id));
    }

    void pathDiffsAgreeWithTheRepository()
    {
        auto catalog = openCatalog(m_fx.path(QStringLiteral("catalog.sqlite")));
        QVERIFY(catalog && catalog->update(*m_repo));
        const QList<QByteArray> paths{"/",
                                      m_fx.src(),
                                      m_fx.src() + '/',
                                      m_fx.src(QStringLiteral("keep")),
                                      m_fx.src(QStringLiteral("keep/deep/x.otml")),
                                      m_fx.src(QStringLiteral("a.txt")),
                                      m_fx.src(QStringLiteral("b.txt")),
                                      m_fx.src(QStringLiteral("turns")),
                                      m_fx.src(QStringLiteral("turns/inside.txt")),
                                      m_fx.src(QStringLiteral("new")),
                                      m_fx.src(QStringLiteral("never/there")),
                                      m_fx.src(QStringLiteral("a.txt/below-a-file"))};
        for (const QByteArray &p : paths)
            for (const Snapshot &a : std::as_const(m_versions))
                for (const Snapshot &b : std::as_const(m_versions)) {
                    QStringList fromRepo, fromCatalog;
                    auto r =
                        diffSnapshots(*m_repo, a, b, p, [&](const DiffEntry &e) { fromRepo << describe(e); });
                    auto c =
                        catalog->diff(a.id, b.id, p, [&](const DiffEntry &e) { fromCatalog << describe(e); });
                    QCOMPARE(bool(c), bool(r));
                    if (!r) {
                        QCOMPARE(c.error().code, r.error().code);
                        QCOMPARE(c.error().message, r.error().message);
                        continue;
                    }
                    QCOMPARE(fromCatalog, fromRepo);
                    QCOMPARE(c->added, r->added);
                    QCOMPARE(c->removed, r->removed);
                    QCOMPARE(c->modified, r->modified);
                    QCOMPARE(c->metadata, r->metadata);
                    QCOMPARE(c->bytesAdded, r->bytesAdded);
                    QCOMPARE(c->bytesRemoved, r->bytesRemoved);
                }
    }

    void walksMatchingNamesAsTheRepositoryDoes()
    {
        auto catalog = openCatalog(m_fx.path(QStringLiteral("catalog.sqlite")));
        QVERIFY(catalog && catalog->update(*m_repo));
        const auto byRepo = [&](const Snapshot &v, const QByteArray &at, const auto &matches) {
            QStringList out;
            auto s = walkSnapshot(*m_repo, v, at, true, [&](const ListedEntry &e) {
                if (matches(e.node->name))
                    out << QStringLiteral("%1 %2 %3").arg(e.path).arg(e.node->size).arg(int(e.node->type));
                return true;
            });
            if (!s)
                out << QString::number(int(s.error().code));
            return out;
        };
        const auto byCatalog = [&](const Snapshot &v, const QByteArray &at, const auto &matches) {
            QStringList out;
            auto s =
                catalog->walkMatching(v.id, at, matches, [&](const QByteArray &p, const CatalogEntry &e) {
                    out << QStringLiteral("%1 %2 %3").arg(QFile::decodeName(p)).arg(e.size).arg(int(e.type));
                    return true;
                });
            if (!s)
                out << QString::number(int(s.error().code));
            return out;
        };
        const std::function<bool(const QByteArray &)> matchers[] = {
            [](const QByteArray &) { return true; }, [](const QByteArray &n) { return n.endsWith(".otml"); },
            [](const QByteArray &n) { return n.contains('t'); },
            [](const QByteArray &n) { return n == "inside.txt"; }, [](const QByteArray &) { return false; }};
        for (const Snapshot &v : std::as_const(m_versions))
            for (const QByteArray &at :
                 {m_fx.src(), m_fx.src(QStringLiteral("keep")), m_fx.src(QStringLiteral("a.txt")),
                  m_fx.src(QStringLiteral("missing"))})
                for (const auto &matches : matchers)
                    QCOMPARE(byCatalog(v, at, matches), byRepo(v, at, matches));
        // Stopping early: the first two only.
        QStringList two;
        QVERIFY(catalog->walkMatching(
            m_versions[0].id, m_fx.src(), [](const QByteArray &) { return true; },
            [&](const QByteArray &p, const CatalogEntry &) {
                two << QFile::decodeName(p);
                return two.size() < 2;
            }));
        QCOMPARE(two.size(), 2);
        QCOMPARE(catalog
                     ->walkMatching(QStringLiteral("feedface"), m_fx.src(), matchers[0],
                                    [](const QByteArray &, const CatalogEntry &) { return true; })
                     .error()
                     .code,
                 ErrorCode::NotFound);
    }

    void unchangedFoldersAreStoredOnce()
    {
        // A wide tree; then twenty versions that change one deep file each.
        for (int d = 0; d < 20; ++d)
            for (int f = 0; f < 10; ++f)
                QVERIFY(
                    m_fx.put(QStringLiteral("wide/d%1/f%2").arg(d).arg(f), QByteArray::number(d * 100 + f)));
        m_versions << m_fx.backUp();
        auto catalog = openCatalog(m_fx.path(QStringLiteral("catalog.sqlite")));
        QVERIFY(catalog && catalog->update(*m_repo));
        const Catalog::Stats one = catalog->stats();
        for (int i = 0; i < 20; ++i) {
            QVERIFY(m_fx.put(QStringLiteral("wide/d7/f3"), "edit " + QByteArray::number(i)));
            const Snapshot s = m_fx.backUp();
            QVERIFY(catalog->addVersion(*m_repo, s));
        }
        const Catalog::Stats many = catalog->stats();
        QCOMPARE(many.versions, one.versions + 20);
        // Each new version adds the changed folder and its ancestors only (d7, wide, src and
        // the folders above it): never the other nineteen folders.
        const qint64 depth = m_fx.src().count('/') + 2;
        QVERIFY2(many.trees - one.trees <= 20 * (depth + 1),
                 qPrintable(QStringLiteral("%1 -> %2 trees").arg(one.trees).arg(many.trees)));
        QVERIFY2(many.entries - one.entries < 20 * 40,
                 qPrintable(QStringLiteral("%1 -> %2 entries").arg(one.entries).arg(many.entries)));
        auto h = catalog->history(m_fx.src(QStringLiteral("wide/d7/f3")));
        QCOMPARE(std::count_if(h->begin(), h->end(), [](const PathVersion &p) { return p.changed(); }), 21);
        auto other = catalog->history(m_fx.src(QStringLiteral("wide/d8/f3")));
        QCOMPARE(
            std::count_if(other->begin(), other->end(), [](const PathVersion &p) { return p.changed(); }), 1);
    }

    void followsTheRepository()
    {
        auto catalog = openCatalog(m_fx.path(QStringLiteral("catalog.sqlite")));
        QVERIFY(catalog && catalog->update(*m_repo));
        const qint64 treesBefore = catalog->stats().trees;
        // Another machine backed up the same folder; this one forgot its first version.
        QVERIFY(m_fx.put(QStringLiteral("from-laptop.txt"), "laptop"));
        const Snapshot laptop = m_fx.backUp(QStringLiteral("laptop"));
        QVERIFY(m_repo->forgetSnapshot(m_versions[0].id));
        auto report = catalog->update(*m_repo);
        QVERIFY(report);
        QCOMPARE(report->versionsAdded, 1);
        QCOMPARE(report->versionsRemoved, 1);
        QCOMPARE(report->versions, 4);
        const QList<CatalogVersion> now = catalog->versions();
        QCOMPARE(now.size(), 4);
        QCOMPARE(now.last().host, QStringLiteral("laptop"));
        QVERIFY(std::none_of(now.begin(), now.end(),
                             [&](const CatalogVersion &v) { return v.id == m_versions[0].id; }));
        auto h = catalog->history(m_fx.src(QStringLiteral("from-laptop.txt")));
        QCOMPARE(h->size(), 4);
        QVERIFY(h->last().present);
        QCOMPARE(h->last().version.id, laptop.id);
        // A second update reads nothing: it has everything.
        auto again = catalog->update(*m_repo);
        QCOMPARE(again->treesRead, 0);
        QCOMPARE(again->versionsAdded, 0);
        // The first version's own listings went with it.
        QVERIFY(catalog->stats().trees <= treesBefore + again->treesRead + 8);
    }

    void deletedDamagedOrForeignFilesAreRebuilt()
    {
        const QString file = m_fx.path(QStringLiteral("catalog.sqlite"));
        QStringList first;
        {
            auto catalog = openCatalog(file);
            QVERIFY(catalog && catalog->update(*m_repo));
            QVERIFY(catalog->diff(m_versions[0].id, m_versions[3].id,
                                  [&](const DiffEntry &e) { first << describe(e); }));
        }
        const auto rebuiltSame = [&](const QString &why) {
            QString discarded;
            auto catalog = openCatalog(file, &discarded);
            QVERIFY2(catalog, qPrintable(why));
            if (!why.isEmpty())
                QVERIFY2(discarded.contains(why), qPrintable(discarded));
            QVERIFY(catalog->update(*m_repo));
            QStringList again;
            QVERIFY(catalog->diff(m_versions[0].id, m_versions[3].id,
                                  [&](const DiffEntry &e) { again << describe(e); }));
            QCOMPARE(again, first);
        };
        // Deleted: built again from the repository.
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(file + suffix);
        rebuiltSame({});
        // Overwritten with garbage.
        for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(file + suffix);
        QVERIFY(writeFile(QFile::encodeName(file), QByteArray(8192, 'G')));
        rebuiltSame(QStringLiteral("not a database"));
        // Another repository's.
        {
            QString discarded;
            auto foreign = Catalog::open(file, QStringLiteral("another-repository-id"), &discarded);
            QVERIFY(foreign);
            QVERIFY2(discarded.contains(QStringLiteral("another repository")), qPrintable(discarded));
            QCOMPARE((*foreign)->versions().size(), 0);
        }
        rebuiltSame(QStringLiteral("another repository"));
    }

    void cancelledUpdateKeepsWholeVersions()
    {
        auto catalog = openCatalog(m_fx.path(QStringLiteral("catalog.sqlite")));
        QVERIFY(catalog);
        const CancelToken cancel = CancelToken::make();
        qint64 done = 0;
        auto report = catalog->update(
            *m_repo,
            [&](qint64 d, qint64) {
                if ((done = d) == 2)
                    cancel.cancel();
            },
            cancel);
        QVERIFY(!report);
        QCOMPARE(report.error().code, ErrorCode::Cancelled);
        QCOMPARE(catalog->versions().size(), 2);
        // What is there answers correctly, and the next update completes it.
        QVERIFY(catalog->update(*m_repo));
        QCOMPARE(catalogDiff(*catalog, m_versions[0], m_versions[3]), repoDiff(m_versions[0], m_versions[3]));
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
