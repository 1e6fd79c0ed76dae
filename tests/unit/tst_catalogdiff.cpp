// diffVersions, the one entry point for the changes between two versions: with a catalog that
// holds both it answers from the catalog, without one (or with one that lacks a version) from
// the repository, and the two answers are the same entries in the same order, with the same
// summary and the same errors, over a real repository with additions, removals, content, mode,
// time and type changes, for the whole versions and below a path.
#include "catalog/Catalog.h"
#include "catalog/CatalogDiff.h"
#include "engine/BackupJob.h"
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
    return QStringLiteral("%1 %2 %3/%4 %5->%6 mode %7->%8 mtime %9.%10->%11.%12 fields %13")
        .arg(changeKindName(e.change), e.path)
        .arg(int(e.typeA))
        .arg(int(e.typeB))
        .arg(e.sizeA)
        .arg(e.sizeB)
        .arg(e.modeA, 0, 8)
        .arg(e.modeB, 0, 8)
        .arg(e.mtimeA.sec)
        .arg(e.mtimeA.nsec)
        .arg(e.mtimeB.sec)
        .arg(e.mtimeB.nsec)
        .arg(e.fields);
}

struct Answer
{
    QStringList entries;
    QString summary; // or the error
    bool fromCatalog = false;
    bool operator==(const Answer &o) const { return entries == o.entries && summary == o.summary; }
};

} // namespace

class TestCatalogDiff final : public QObject
{
    Q_OBJECT

    SourceFixture m_fx; // the source folder and the repository
    std::shared_ptr<Repository> m_repo;
    QList<Snapshot> m_versions;

    Answer ask(const Snapshot &a, const Snapshot &b, const QByteArray &at, const Catalog *catalog)
    {
        Answer out;
        auto s = diffVersions(
            *m_repo, a, b, at, [&](const DiffEntry &e) { out.entries << describe(e); }, catalog,
            &out.fromCatalog);
        out.summary = s ? QStringLiteral("+%1 -%2 M%3 m%4 +%5B -%6B")
                              .arg(s->added)
                              .arg(s->removed)
                              .arg(s->modified)
                              .arg(s->metadata)
                              .arg(s->bytesAdded)
                              .arg(s->bytesRemoved)
                        : QStringLiteral("error %1: %2").arg(int(s.error().code)).arg(s.error().message);
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fx.init());
        m_repo = m_fx.repo();
        // v0: the start. v1: content, a mode, a time, a new folder, a link. v2: a file and a
        // folder removed, a file turned into a folder, a link retargeted.
        QVERIFY(
            m_fx.put(QStringLiteral("a.txt"), "alpha") && m_fx.put(QStringLiteral("b.sh"), "#!/bin/sh\n") &&
            m_fx.put(QStringLiteral("docs/readme.md"), "read me") &&
            m_fx.put(QStringLiteral("docs/old/o.txt"), "o") &&
            m_fx.put(QStringLiteral("docs/t.txt"), "time") && m_fx.put(QStringLiteral("turns"), "a file"));
        m_versions << m_fx.backUp();
        QVERIFY(m_fx.put(QStringLiteral("a.txt"), "alpha, and more"));
        QVERIFY(::chmod(m_fx.src(QStringLiteral("b.sh")).constData(), 0755) == 0);
        QVERIFY(setMtimeNs(m_fx.src(QStringLiteral("docs/t.txt")), 1700000000LL * 1000000000 + 5));
        QVERIFY(m_fx.put(QStringLiteral("new/deeper/n.txt"), "n") &&
                m_fx.put(QStringLiteral("new/m.txt"), "m"));
        QVERIFY(::symlink("a.txt", m_fx.src(QStringLiteral("link")).constData()) == 0);
        m_versions << m_fx.backUp();
        QVERIFY(QFile::remove(m_fx.path(QStringLiteral("src/a.txt"))));
        QVERIFY(QDir(m_fx.path(QStringLiteral("src/docs/old"))).removeRecursively());
        QVERIFY(QFile::remove(m_fx.path(QStringLiteral("src/turns"))));
        QVERIFY(m_fx.put(QStringLiteral("turns/inside.txt"), "now a folder"));
        QVERIFY(QFile::remove(m_fx.path(QStringLiteral("src/link"))));
        QVERIFY(::symlink("b.sh", m_fx.src(QStringLiteral("link")).constData()) == 0);
        m_versions << m_fx.backUp();
        for (const Snapshot &s : std::as_const(m_versions))
            QVERIFY(!s.id.isEmpty());
    }

    void cleanupTestCase()
    {
        m_repo.reset();
        m_fx = SourceFixture(); // the repository first, then its folder
    }

    void catalogAndRepositoryAgree()
    {
        auto catalog = Catalog::open(m_fx.path(QStringLiteral("catalog.sqlite")), m_repo->config().id);
        QVERIFY(catalog);
        QVERIFY((*catalog)->update(*m_repo));
        const QList<QByteArray> paths{{},
                                      "/",
                                      m_fx.src(),
                                      m_fx.src(QStringLiteral("docs")),
                                      m_fx.src(QStringLiteral("docs/old")),
                                      m_fx.src(QStringLiteral("docs/t.txt")),
                                      m_fx.src(QStringLiteral("a.txt")),
                                      m_fx.src(QStringLiteral("b.sh")),
                                      m_fx.src(QStringLiteral("link")),
                                      m_fx.src(QStringLiteral("new")),
                                      m_fx.src(QStringLiteral("turns")),
                                      m_fx.src(QStringLiteral("docs/../new/./m.txt")),
                                      m_fx.src(QStringLiteral("not/there"))};
        int changes = 0;
        for (const QByteArray &at : paths)
            for (const Snapshot &a : std::as_const(m_versions))
                for (const Snapshot &b : std::as_const(m_versions)) {
                    const Answer fromRepo = ask(a, b, at, nullptr);
                    const Answer fromCatalog = ask(a, b, at, catalog->get());
                    QVERIFY(!fromRepo.fromCatalog);
                    QVERIFY(fromCatalog.fromCatalog);
                    QCOMPARE(fromCatalog.entries, fromRepo.entries);
                    QCOMPARE(fromCatalog.summary, fromRepo.summary);
                    changes += int(fromRepo.entries.size());
                }
        QVERIFY(changes > 100); // the fixture did change things
        // Each kind of change is there, between v0 and v2 and between v1 and v2.
        const Answer all = ask(m_versions[0], m_versions[2], "/", catalog->get());
        const QString joined = ask(m_versions[0], m_versions[1], "/", catalog->get()).entries.join('\n') +
                               all.entries.join('\n');
        for (const char *kind : {"added ", "removed ", "modified ", "metadata ", "type "})
            QVERIFY2(joined.contains(QLatin1String(kind)), kind);
    }

    void aCatalogWithoutTheVersionsFallsBack()
    {
        // Only the first two versions: a diff with the third reads the repository.
        auto catalog = Catalog::open(m_fx.path(QStringLiteral("partial.sqlite")), m_repo->config().id);
        QVERIFY(catalog);
        QVERIFY((*catalog)->addVersion(*m_repo, m_versions[0]));
        QVERIFY((*catalog)->addVersion(*m_repo, m_versions[1]));
        const Answer within = ask(m_versions[0], m_versions[1], m_fx.src(), catalog->get());
        QVERIFY(within.fromCatalog);
        const Answer beyond = ask(m_versions[1], m_versions[2], m_fx.src(), catalog->get());
        QVERIFY(!beyond.fromCatalog);
        QCOMPARE(beyond, ask(m_versions[1], m_versions[2], m_fx.src(), nullptr));
        QVERIFY(!beyond.entries.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCatalogDiff)
#include "tst_catalogdiff.moc"
