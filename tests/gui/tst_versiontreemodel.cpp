// VersionTreeModel, VersionTreeFilterModel and VersionSearchModel over a real repository:
// structure under QAbstractItemModelTester while folders load lazily on worker threads, the
// change column between two versions, the "changed in this version" filter, names that are not
// UTF-8, a corrupt folder, search by name, and versions switched while a read is running.
#include "catalog/Catalog.h"
#include "engine/Listing.h"
#include "models/VersionSearchModel.h"
#include "models/VersionTreeFilterModel.h"
#include "models/VersionTreeModel.h"
#include "VersionFixture.h"

#include <QAbstractItemModelTester>
#include <QDirIterator>
#include <QSignalSpy>
#include <QThreadPool>
#include <QtTest>

using namespace strata;
using strata::test::VersionFixture;

namespace {

QModelIndex childNamed(const QAbstractItemModel *model, const QModelIndex &parent, const QString &name)
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex i = model->index(row, 0, parent);
        if (i.data().toString() == name)
            return i;
    }
    return {};
}

QStringList childNames(const QAbstractItemModel *model, const QModelIndex &parent)
{
    QStringList names;
    for (int row = 0; row < model->rowCount(parent); ++row)
        names << model->index(row, 0, parent).data().toString();
    names.sort();
    return names;
}

// Asks `model` for the children of `index` and waits for the tree model under it to read them.
bool fetchAndWait(QAbstractItemModel *model, const VersionTreeModel &tree, const QModelIndex &index)
{
    if (model->canFetchMore(index))
        model->fetchMore(index);
    return QTest::qWaitFor([&] { return !tree.isLoading(); }, 10000);
}

EntryChange changeOf(const QModelIndex &i)
{
    return EntryChange(i.data(VersionTreeModel::ChangeRole).toInt());
}

} // namespace

class TestVersionTreeModel final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<VersionFixture> m_fx;

    // The source folder's row, after the model has read the top rows.
    QModelIndex waitForSource(VersionTreeModel &model, const QString &source)
    {
        if (!QTest::qWaitFor([&] { return model.rowCount() > 0 && !model.isLoading(); }, 10000))
            return {};
        return childNamed(&model, {}, source);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fx = std::make_unique<VersionFixture>();
        const QString problem = m_fx->build();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void cleanupTestCase() { m_fx.reset(); }

    void fetchMoreReturnsBeforeTheRows()
    {
        VersionTreeModel model;
        QSignalSpy loading(&model, &VersionTreeModel::loadingChanged);
        model.setVersion(m_fx->repo, m_fx->v2, m_fx->v1);
        // setVersion() returned before anything was read: the top rows come from a worker.
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.isLoading());
        QCOMPARE(loading.count(), 1);
        QTRY_COMPARE(model.rowCount(), 1);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(loading.count(), 2);

        const QModelIndex src = model.index(0, 0);
        QCOMPARE(src.data().toString(), m_fx->src);
        QCOMPARE(src.data(VersionTreeModel::PathRole).toString(), m_fx->src);
        QCOMPARE(src.data(VersionTreeModel::NodeTypeRole).toInt(), int(NodeType::Directory));
        QVERIFY(model.hasChildren(src));
        QVERIFY(model.canFetchMore(src));
        QCOMPARE(model.rowCount(src), 0); // nothing read before a view asks

        model.fetchMore(src);
        // fetchMore() only started the read: the rows arrive later through the event loop.
        QCOMPARE(model.rowCount(src), 0);
        QVERIFY(!model.canFetchMore(src));
        QVERIFY(model.isLoading());
        QTRY_COMPARE(model.rowCount(src), 7);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(loading.count(), 4);
    }

    // The tester fetches every folder it meets and checks each insertion as it comes.
    void structureWhileFetching()
    {
        VersionTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setVersion(m_fx->repo, m_fx->v2, m_fx->v1);
        QTRY_COMPARE(model.rowCount(), 1);
        const QModelIndex src = model.index(0, 0);
        QVERIFY(fetchAndWait(&model, model, src));
        QCOMPARE(model.rowCount(src), 7);
        QCOMPARE(childNames(&model, src),
                 QStringList({QStringLiteral("a.txt"), QStringLiteral("b.txt"),
                              QFile::decodeName(VersionFixture::NonUtf8Name), QStringLiteral("changed"),
                              QStringLiteral("deep"), QStringLiteral("docs"), QStringLiteral("new.txt")}));

        // Down to the deep file, one folder at a time.
        QModelIndex dir = src;
        for (const char *name : {"deep", "l1", "l2", "l3"}) {
            dir = childNamed(&model, dir, QLatin1String(name));
            QVERIFY2(dir.isValid(), name);
            QVERIFY(fetchAndWait(&model, model, dir));
        }
        const QModelIndex deep = childNamed(&model, dir, QStringLiteral("target-file.dat"));
        QVERIFY(deep.isValid());
        QCOMPARE(deep.data(VersionTreeModel::PathRole).toString(),
                 m_fx->src + QStringLiteral("/deep/l1/l2/l3/target-file.dat"));
        QCOMPARE(deep.data(VersionTreeModel::SizeRole).toLongLong(), qint64(12));
        QVERIFY(!model.hasChildren(deep));
        QVERIFY(!model.canFetchMore(deep));
        QCOMPARE(model.index(deep.row(), VersionTreeModel::SizeColumn, deep.parent()).data().toString(),
                 QLocale().formattedDataSize(12));
    }

    void changeColumn()
    {
        VersionTreeModel model;
        model.setVersion(m_fx->repo, m_fx->v2, m_fx->v1);
        const QModelIndex src = waitForSource(model, m_fx->src);
        QVERIFY(src.isValid());
        QCOMPARE(changeOf(src), EntryChange::Modified); // something below changed
        QVERIFY(fetchAndWait(&model, model, src));

        const auto change = [&](const QModelIndex &parent, const QString &name) {
            return changeOf(childNamed(&model, parent, name));
        };
        QCOMPARE(change(src, QStringLiteral("a.txt")), EntryChange::Unchanged);
        QCOMPARE(change(src, QStringLiteral("b.txt")), EntryChange::Modified);
        QCOMPARE(change(src, QStringLiteral("new.txt")), EntryChange::Added);
        QCOMPARE(change(src, QStringLiteral("docs")), EntryChange::Unchanged);
        QCOMPARE(change(src, QStringLiteral("deep")), EntryChange::Unchanged);
        QCOMPARE(change(src, QStringLiteral("changed")), EntryChange::Modified);
        const QModelIndex b = childNamed(&model, src, QStringLiteral("b.txt"));
        QCOMPARE(model.index(b.row(), VersionTreeModel::ChangeColumn, src).data().toString(),
                 QStringLiteral("Modified"));

        // Below a changed folder the comparison goes on; below an unchanged one too, unread.
        QModelIndex sub = childNamed(&model, src, QStringLiteral("changed"));
        QVERIFY(fetchAndWait(&model, model, sub));
        sub = childNamed(&model, sub, QStringLiteral("sub"));
        QCOMPARE(changeOf(sub), EntryChange::Modified);
        QVERIFY(fetchAndWait(&model, model, sub));
        QCOMPARE(change(sub, QStringLiteral("x.txt")), EntryChange::Modified);
        const QModelIndex docs = childNamed(&model, src, QStringLiteral("docs"));
        QVERIFY(fetchAndWait(&model, model, docs));
        QCOMPARE(change(docs, QStringLiteral("readme.md")), EntryChange::Unchanged);

        // Against nothing, everything is new, and the column stays quiet rather than say so.
        model.setVersion(m_fx->repo, m_fx->v1);
        const QModelIndex first = waitForSource(model, m_fx->src);
        QVERIFY(first.isValid());
        QVERIFY(fetchAndWait(&model, model, first));
        for (int row = 0; row < model.rowCount(first); ++row) {
            QCOMPARE(changeOf(model.index(row, 0, first)), EntryChange::Added);
            QCOMPARE(model.index(row, VersionTreeModel::ChangeColumn, first).data().toString(), QString());
        }
    }

    void changedOnlyFilter()
    {
        VersionTreeModel model;
        VersionTreeFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
        filter.setChangedOnly(true);
        filter.sort(VersionTreeModel::NameColumn);
        model.setVersion(m_fx->repo, m_fx->v2, m_fx->v1);
        QTRY_COMPARE(filter.rowCount(), 1);
        QPersistentModelIndex src = filter.index(0, 0);
        QVERIFY(fetchAndWait(&filter, model, src));
        // Folders first, then files, each by name.
        QStringList shown;
        for (int row = 0; row < filter.rowCount(src); ++row)
            shown << filter.index(row, 0, src).data().toString();
        QCOMPARE(shown, QStringList(
                            {QStringLiteral("changed"), QStringLiteral("b.txt"), QStringLiteral("new.txt")}));

        // Hidden folders were never read.
        const QModelIndex sourceSrc = filter.mapToSource(src);
        const QModelIndex docs = childNamed(&model, sourceSrc, QStringLiteral("docs"));
        QVERIFY(docs.isValid());
        QVERIFY(model.canFetchMore(docs));
        QCOMPARE(model.rowCount(docs), 0);

        QPersistentModelIndex changed = childNamed(&filter, src, QStringLiteral("changed"));
        QVERIFY(fetchAndWait(&filter, model, changed));
        QPersistentModelIndex sub = childNamed(&filter, changed, QStringLiteral("sub"));
        QVERIFY(fetchAndWait(&filter, model, sub));
        QCOMPARE(childNames(&filter, sub), QStringList(QStringLiteral("x.txt")));

        // Switching the filter off shows everything again, still from what was read.
        filter.setChangedOnly(false);
        QCOMPARE(filter.rowCount(src), 7);
    }

    void sortsFoldersFirst()
    {
        VersionTreeModel model;
        VersionTreeFilterModel filter;
        filter.setSourceModel(&model);
        model.setVersion(m_fx->repo, m_fx->v2, m_fx->v1);
        QTRY_COMPARE(filter.rowCount(), 1);
        QPersistentModelIndex src = filter.index(0, 0);
        QVERIFY(fetchAndWait(&filter, model, src));
        const auto names = [&] {
            QStringList shown;
            for (int row = 0; row < filter.rowCount(src); ++row)
                shown << filter.index(row, 0, src).data().toString();
            return shown;
        };
        filter.sort(VersionTreeModel::SizeColumn, Qt::DescendingOrder);
        QCOMPARE(names().mid(3),
                 QStringList({QStringLiteral("b.txt"), QFile::decodeName(VersionFixture::NonUtf8Name),
                              QStringLiteral("a.txt"), QStringLiteral("new.txt")}));
        filter.sort(VersionTreeModel::NameColumn, Qt::DescendingOrder);
        QCOMPARE(names().mid(0, 3),
                 QStringList({QStringLiteral("docs"), QStringLiteral("deep"), QStringLiteral("changed")}));
    }

    void nonUtf8NameKeepsItsBytes()
    {
        VersionTreeModel model;
        model.setVersion(m_fx->repo, m_fx->v2, m_fx->v1);
        const QModelIndex src = waitForSource(model, m_fx->src);
        QVERIFY(src.isValid());
        QVERIFY(fetchAndWait(&model, model, src));
        const QByteArray raw = QFile::encodeName(m_fx->src) + '/' + VersionFixture::NonUtf8Name;
        QModelIndex found;
        for (int row = 0; row < model.rowCount(src); ++row) {
            if (model.index(row, 0, src).data(VersionTreeModel::RawPathRole).toByteArray() == raw)
                found = model.index(row, 0, src);
        }
        QVERIFY2(found.isValid(), "the entry with a Latin-1 name is not listed with its raw bytes");
        QCOMPARE(found.data().toString(), QFile::decodeName(VersionFixture::NonUtf8Name));
        QVERIFY(found.data().toString().endsWith(QStringLiteral(".txt")));
        QCOMPARE(found.data(VersionTreeModel::PathRole).toString(), QFile::decodeName(raw));
        QCOMPARE(changeOf(found), EntryChange::Unchanged);
    }

    void searchFindsDeepFile()
    {
        VersionSearchModel search;
        QAbstractItemModelTester tester(&search, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy finished(&search, &VersionSearchModel::finished);
        search.setVersion(m_fx->repo, m_fx->v2);
        search.setQuery(QStringLiteral("GET-fi")); // case-insensitive, part of the name
        QVERIFY(search.isSearching());
        QCOMPARE(search.rowCount(), 0); // streamed in later, from a worker
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(search.rowCount(), 1);
        const QModelIndex hit = search.index(0, VersionSearchModel::NameColumn);
        QCOMPARE(hit.data().toString(), QStringLiteral("target-file.dat"));
        QCOMPARE(hit.data(VersionTreeModel::PathRole).toString(),
                 m_fx->src + QStringLiteral("/deep/l1/l2/l3/target-file.dat"));
        QCOMPARE(search.index(0, VersionSearchModel::FolderColumn).data().toString(),
                 m_fx->src + QStringLiteral("/deep/l1/l2/l3"));
        QCOMPARE(hit.data(VersionTreeModel::SizeRole).toLongLong(), qint64(12));
        QVERIFY(!search.isSearching());

        // A glob matches the whole name.
        search.setQuery(QStringLiteral("*.MD"));
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(search.rowCount(), 1);
        QCOMPARE(search.index(0, 0).data().toString(), QStringLiteral("readme.md"));

        search.setQuery(QStringLiteral("no such name"));
        QTRY_COMPARE(finished.count(), 3);
        QCOMPARE(search.rowCount(), 0);
    }

    void searchIsCappedAndCancellable()
    {
        VersionSearchModel search;
        QSignalSpy finished(&search, &VersionSearchModel::finished);
        search.setVersion(m_fx->repo, m_fx->v2);
        search.setLimit(2);
        search.setQuery(QStringLiteral(".")); // every file here has a dot
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(search.rowCount(), 2);
        QVERIFY(search.isTruncated());
        QCOMPARE(finished.at(0).at(1).toBool(), true);

        // A new query replaces a running one: no row of the old one ever shows.
        search.setLimit(VersionSearchModel::DefaultLimit);
        QStringList inserted;
        connect(&search, &QAbstractItemModel::rowsInserted, this,
                [&](const QModelIndex &, int first, int last) {
                    for (int row = first; row <= last; ++row)
                        inserted << search.index(row, 0).data().toString();
                });
        search.setQuery(QStringLiteral("t"));
        search.setQuery(QStringLiteral("readme"));
        QTRY_COMPARE(finished.count(), 2);
        QThreadPool::globalInstance()->waitForDone(); // the cancelled walk has ended too
        QCoreApplication::processEvents();
        QCOMPARE(inserted, QStringList(QStringLiteral("readme.md")));
        QCOMPARE(finished.count(), 2);
        QVERIFY(!search.isTruncated());
    }

    void versionSwitchedMidLoad()
    {
        VersionTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QStringList inserted;
        connect(&model, &QAbstractItemModel::rowsInserted, this,
                [&](const QModelIndex &parent, int first, int last) {
                    for (int row = first; row <= last; ++row)
                        inserted << model.index(row, 0, parent).data(VersionTreeModel::PathRole).toString();
                });
        // Switched before the top rows came.
        model.setVersion(m_fx->repo, m_fx->v2, m_fx->v1);
        model.setVersion(m_fx->repo, m_fx->other);
        QTRY_COMPARE(model.rowCount(), 1);
        QTRY_VERIFY(!model.isLoading());
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(inserted.value(0), m_fx->src2);
        for (const QString &path : std::as_const(inserted)) // the tester reads src2's folders too
            QVERIFY2(path.startsWith(m_fx->src2), qPrintable(path));

        // Switched while a folder was being read (no tester here: it would read it first).
        VersionTreeModel plain;
        plain.setVersion(m_fx->repo, m_fx->v2, m_fx->v1);
        const QModelIndex src = waitForSource(plain, m_fx->src);
        QVERIFY(src.isValid());
        QSignalSpy plainInserted(&plain, &QAbstractItemModel::rowsInserted);
        plain.fetchMore(src);
        QVERIFY(plain.isLoading());
        plain.setVersion(m_fx->repo, m_fx->other);
        QTRY_COMPARE(plain.rowCount(), 1);
        QTRY_VERIFY(!plain.isLoading());
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(plainInserted.count(), 1); // the new top row only
        QCOMPARE(plain.index(0, 0).data().toString(), m_fx->src2);
        QCOMPARE(plain.rowCount(plain.index(0, 0)), 0);

        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.isLoading());
    }

    // With a catalog that holds the versions, the change column, the "changed in this version"
    // filter and the search answer from it, and say exactly what the repository says.
    void theCatalogGivesTheSameAnswers()
    {
        QTemporaryDir dir;
        auto opened = Catalog::open(dir.filePath(QStringLiteral("catalog.sqlite")), m_fx->repo->config().id);
        QVERIFY(opened);
        std::shared_ptr<Catalog> catalog = std::move(*opened);
        QVERIFY(catalog->update(*m_fx->repo));

        // Every row, read down to the bottom through `model` (the tree or the filter over it).
        const std::function<void(QAbstractItemModel *, const VersionTreeModel &, const QModelIndex &,
                                 QStringList &)>
            rows = [&](QAbstractItemModel *model, const VersionTreeModel &tree, const QModelIndex &parent,
                       QStringList &out) {
                QVERIFY(fetchAndWait(model, tree, parent));
                for (int row = 0; row < model->rowCount(parent); ++row) {
                    const QModelIndex i = model->index(row, 0, parent);
                    out << QStringLiteral("%1 %2 %3 %4")
                               .arg(i.data(VersionTreeModel::PathRole).toString())
                               .arg(i.data(VersionTreeModel::ChangeRole).toInt())
                               .arg(i.data(VersionTreeModel::SizeRole).toLongLong())
                               .arg(model->index(row, VersionTreeModel::ChangeColumn, parent)
                                        .data()
                                        .toString());
                    rows(model, tree, i, out);
                }
            };
        const auto shown = [&](const Snapshot &version, const std::optional<Snapshot> &before,
                               std::shared_ptr<Catalog> with, bool changedOnly) {
            VersionTreeModel tree;
            QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
            VersionTreeFilterModel filter;
            filter.setSourceModel(&tree);
            filter.setChangedOnly(changedOnly);
            tree.setCatalog(std::move(with));
            tree.setVersion(m_fx->repo, version, before);
            QStringList out;
            if (QTest::qWaitFor([&] { return tree.rowCount() > 0 && !tree.isLoading(); }, 10000))
                rows(&filter, tree, {}, out);
            out.sort();
            out << QStringLiteral("from the catalog: %1").arg(tree.changesFromCatalog());
            return out;
        };
        const QString fromRepo = QStringLiteral("from the catalog: 0"),
                      fromCatalog = QStringLiteral("from the catalog: 1");
        for (const bool changedOnly : {false, true}) {
            QStringList viaRepo = shown(m_fx->v2, m_fx->v1, nullptr, changedOnly);
            QStringList viaCatalog = shown(m_fx->v2, m_fx->v1, catalog, changedOnly);
            QCOMPARE(viaRepo.takeLast(), fromRepo);
            QCOMPARE(viaCatalog.takeLast(), fromCatalog);
            QCOMPARE(viaCatalog, viaRepo);
            QVERIFY(viaRepo.size() >= (changedOnly ? 5 : 10)); // src, b.txt, changed, sub, x.txt, new.txt
            // Backwards (v1 against v2), and against another set's version.
            for (const auto &[version, before] :
                 {std::pair{m_fx->v1, m_fx->v2}, std::pair{m_fx->v2, m_fx->other}}) {
                QStringList r = shown(version, before, nullptr, changedOnly);
                QStringList c = shown(version, before, catalog, changedOnly);
                QCOMPARE(c.takeLast(), fromCatalog);
                r.removeLast();
                QCOMPARE(c, r);
            }
        }
        // Nothing to compare with: the catalog has no part in it.
        QCOMPARE(shown(m_fx->v1, std::nullopt, catalog, false).last(), fromRepo);

        // The search: the same hits in the same order, up to the same limit.
        const auto searched = [&](const QString &query, std::shared_ptr<Catalog> with, int limit) {
            VersionSearchModel model;
            model.setLimit(limit);
            model.setCatalog(std::move(with));
            model.setVersion(m_fx->repo, m_fx->v2);
            model.setQuery(query);
            QStringList out;
            if (!QTest::qWaitFor([&] { return !model.isSearching(); }, 10000))
                return QStringList{QStringLiteral("still searching")};
            for (int row = 0; row < model.rowCount(); ++row) {
                const QModelIndex i = model.index(row, 0);
                out << QStringLiteral("%1 %2 %3 %4")
                           .arg(i.data(VersionTreeModel::PathRole).toString(),
                                i.siblingAtColumn(VersionSearchModel::FolderColumn).data().toString())
                           .arg(i.data(VersionTreeModel::SizeRole).toLongLong())
                           .arg(i.data(VersionTreeModel::MtimeRole).toDateTime().toMSecsSinceEpoch());
            }
            out << QStringLiteral("truncated %1, from the catalog %2")
                       .arg(model.isTruncated())
                       .arg(model.searchedCatalog());
            return out;
        };
        for (const QString &query :
             {QStringLiteral("txt"), QStringLiteral("*.MD"), QStringLiteral("caf"), QStringLiteral("e"),
              QStringLiteral("l?"), QStringLiteral("no such name")})
            for (const int limit : {VersionSearchModel::DefaultLimit, 2}) {
                QStringList r = searched(query, nullptr, limit);
                QStringList c = searched(query, catalog, limit);
                QVERIFY2(r.last().endsWith(QLatin1String("from the catalog 0")), qPrintable(r.last()));
                QVERIFY2(c.last().endsWith(QLatin1String("from the catalog 1")), qPrintable(c.last()));
                r.last().chop(1);
                c.last().chop(1);
                QCOMPARE(c, r);
            }
        QVERIFY(searched(QStringLiteral("txt"), catalog, 100).size() > 4);
    }

    // Last: it damages the repository the other tests read.
    void corruptFolderFailsAlone()
    {
        auto docs = findNode(*m_fx->repo, m_fx->v2, m_fx->src + QStringLiteral("/docs"));
        QVERIFY(docs.ok());
        const auto where = m_fx->repo->findBlob(docs->subtree);
        QVERIFY(where.has_value());
        QString packPath;
        QDirIterator it(m_fx->path(QStringLiteral("repo/data")), {where->pack.toHex()}, QDir::Files,
                        QDirIterator::Subdirectories);
        if (it.hasNext())
            packPath = it.next();
        QVERIFY2(!packPath.isEmpty(), "the pack holding the folder's tree was not found");
        QFile pack(packPath);
        QVERIFY(pack.open(QIODevice::ReadWrite));
        QVERIFY(pack.seek(where->offset + where->length / 2));
        char byte = 0;
        QVERIFY(pack.getChar(&byte));
        QVERIFY(pack.seek(where->offset + where->length / 2));
        QVERIFY(pack.putChar(char(byte ^ 0x5a)));
        pack.close();

        VersionTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy failed(&model, &VersionTreeModel::loadFailed);
        model.setVersion(m_fx->repo, m_fx->v2, m_fx->v1);
        const QModelIndex src = waitForSource(model, m_fx->src);
        QVERIFY(src.isValid());
        QVERIFY(fetchAndWait(&model, model, src));
        const QModelIndex docsRow = childNamed(&model, src, QStringLiteral("docs"));
        QVERIFY(fetchAndWait(&model, model, docsRow));
        QCOMPARE(failed.count(), 1);
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains(m_fx->src + QStringLiteral("/docs")), qPrintable(message));
        QVERIFY(!model.hasChildren(docsRow));
        QVERIFY(!model.canFetchMore(docsRow));
        QCOMPARE(docsRow.data(Qt::ToolTipRole).toString(), message);

        // The rest of the tree keeps working.
        const QModelIndex changed = childNamed(&model, src, QStringLiteral("changed"));
        QVERIFY(fetchAndWait(&model, model, changed));
        QCOMPARE(childNames(&model, changed), QStringList(QStringLiteral("sub")));
        QCOMPARE(failed.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestVersionTreeModel)
#include "tst_versiontreemodel.moc"
