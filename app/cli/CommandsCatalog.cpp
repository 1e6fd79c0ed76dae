// history and find: questions about every version at once, answered from the catalog (the
// local cache of the versions' folder listings), which is brought up to date first.
#include "catalog/Catalog.h"
#include "Commands.h"
#include "Console.h"
#include "Interrupt.h"
#include "JsonViews.h"
#include "Session.h"
#include "util/Paths.h"

#include <QDir>
#include <QJsonArray>
#include <QTemporaryDir>

namespace strata::cli {

namespace {

// The repository's catalog, up to date. Where the cache folder cannot be written the catalog
// is built in a temporary folder for this run only.
Result<std::unique_ptr<Catalog>> upToDateCatalog(const CliOptions &options, Repository &repo,
                                                 std::unique_ptr<QTemporaryDir> &scratch)
{
    auto catalog = Catalog::open(Catalog::defaultPath(repo.config().id), repo.config().id);
    if (!catalog) {
        printWarning(
            QStringLiteral("%1; using a temporary catalog for this run").arg(catalog.error().message));
        scratch = std::make_unique<QTemporaryDir>();
        catalog = Catalog::open(scratch->filePath(QStringLiteral("catalog.sqlite")), repo.config().id);
        STRATA_TRY(catalog);
    }
    const bool talk = !options.quiet() && !options.json();
    const Interrupt::Scope interruptible;
    const CancelToken cancel = CancelToken::make();
    auto report = (*catalog)->update(
        repo,
        [&](qint64 done, qint64 total) {
            if (Interrupt::requested())
                cancel.cancel();
            if (talk && total > 0 && (done == 0 || done == total || done % 50 == 0))
                printNote(QStringLiteral("Reading versions into the catalog: %1 of %2").arg(done).arg(total));
        },
        cancel);
    STRATA_TRY(report);
    return catalog;
}

QStringList changeNames(quint8 changes)
{
    QStringList out;
    const std::pair<PathVersion::Change, const char *> names[] = {
        {PathVersion::Appeared, "appeared"}, {PathVersion::Disappeared, "disappeared"},
        {PathVersion::Type, "type"},         {PathVersion::Content, "content"},
        {PathVersion::Size, "size"},         {PathVersion::Mode, "mode"},
        {PathVersion::Modified, "mtime"}};
    for (const auto &[flag, name] : names)
        if (changes & flag)
            out << QString::fromLatin1(name);
    return out;
}

QJsonObject versionJson(const CatalogVersion &v)
{
    return {{QStringLiteral("id"), v.id},
            {QStringLiteral("shortId"), v.id.left(8)},
            {QStringLiteral("time"), isoTime(v.time)},
            {QStringLiteral("host"), v.host},
            {QStringLiteral("set"), v.set},
            {QStringLiteral("kind"), kindName(v.kind)}};
}

} // namespace

ExitCode runHistory(const CliOptions &options)
{
    Result<Session> session = Session::open(options, {});
    if (!session)
        return reportError(session.error());
    std::unique_ptr<QTemporaryDir> scratch;
    auto catalog = upToDateCatalog(options, session->repo(), scratch);
    if (!catalog)
        return reportError(catalog.error());
    const QString set = options.value(QStringLiteral("set"));
    const QByteArray given = options.rawArgs().value(0);

    // An absolute path is taken as it is; a relative one below each folder the versions backed
    // up (the first that some version holds it in), else below the current folder.
    QList<QByteArray> candidates;
    if (given.startsWith('/')) {
        candidates << paths::absoluteBelow("/", given);
    } else {
        QList<QByteArray> sources;
        auto all = session->repo().listSnapshots();
        if (all)
            for (const Snapshot &s : *all)
                if (set.isEmpty() || s.set == set)
                    for (const QByteArray &p : s.rawPaths)
                        if (!sources.contains(p))
                            sources << p;
        for (const QByteArray &source : std::as_const(sources))
            candidates << paths::absoluteBelow(source, given);
        candidates << paths::absoluteBelow(QFile::encodeName(QDir::currentPath()), given);
    }
    QList<PathVersion> rows;
    QByteArray chosen;
    for (const QByteArray &candidate : std::as_const(candidates)) {
        auto h = (*catalog)->history(candidate, set);
        if (!h)
            return reportError(h.error());
        if (std::any_of(h->cbegin(), h->cend(), [](const PathVersion &p) { return p.present; })) {
            rows = *h;
            chosen = candidate;
            break;
        }
    }
    if (chosen.isEmpty())
        return reportError(
            Error::notFound(QStringLiteral("history: no version holds %1%2")
                                .arg(QFile::decodeName(given),
                                     set.isEmpty() ? QString() : QStringLiteral(" in set ") + set)));
    const int changed =
        int(std::count_if(rows.cbegin(), rows.cend(), [](const PathVersion &p) { return p.changed(); }));
    const int present =
        int(std::count_if(rows.cbegin(), rows.cend(), [](const PathVersion &p) { return p.present; }));
    if (options.json()) {
        QJsonArray versions;
        for (const PathVersion &p : std::as_const(rows)) {
            QJsonObject o = versionJson(p.version);
            o.insert(QStringLiteral("present"), p.present);
            o.insert(QStringLiteral("changed"), p.changed());
            o.insert(QStringLiteral("changes"), QJsonArray::fromStringList(changeNames(p.changes)));
            if (p.present) {
                o.insert(QStringLiteral("nodeType"), nodeTypeName(p.entry.type));
                o.insert(QStringLiteral("size"), qint64(p.entry.size));
                o.insert(QStringLiteral("mode"), qint64(p.entry.mode));
                o.insert(QStringLiteral("mtime"), isoTime(p.entry.mtime.toDateTime()));
            }
            versions.append(o);
        }
        printJsonDocument(QJsonObject{{QStringLiteral("path"), QFile::decodeName(chosen)},
                                      {QStringLiteral("versions"), versions},
                                      {QStringLiteral("present"), present},
                                      {QStringLiteral("changed"), changed}});
        return ExitCode::Success;
    }
    if (!options.quiet())
        printLine(QFile::decodeName(chosen));
    for (const PathVersion &p : std::as_const(rows)) {
        const QString what = !p.present    ? (p.changed() ? QStringLiteral("removed") : QStringLiteral("-"))
                             : p.changed() ? changeNames(p.changes).join(QLatin1Char(','))
                                           : QStringLiteral("unchanged");
        printLine(QStringLiteral("%1  %2  %3  %4  %5")
                      .arg(p.changed() ? QLatin1Char('*') : QLatin1Char(' '))
                      .arg(p.version.id.left(8), formatTime(p.version.time),
                           p.present ? humanBytes(qint64(p.entry.size)).rightJustified(10)
                                     : QString(10, QLatin1Char(' ')),
                           what));
    }
    if (!options.quiet())
        printLine(
            QStringLiteral("%1 version(s) hold it; it changed in %2 (marked *).").arg(present).arg(changed));
    return ExitCode::Success;
}

ExitCode runFind(const CliOptions &options)
{
    Result<Session> session = Session::open(options, {});
    if (!session)
        return reportError(session.error());
    std::unique_ptr<QTemporaryDir> scratch;
    auto catalog = upToDateCatalog(options, session->repo(), scratch);
    if (!catalog)
        return reportError(catalog.error());
    auto found = (*catalog)->find(options.args().value(0), 0);
    if (!found)
        return reportError(found.error());
    for (const FoundPath &f : *found) {
        if (options.json()) {
            printJson({{QStringLiteral("type"), QStringLiteral("match")},
                       {QStringLiteral("path"), QFile::decodeName(f.path)},
                       {QStringLiteral("nodeType"), nodeTypeName(f.entry.type)},
                       {QStringLiteral("size"), qint64(f.entry.size)},
                       {QStringLiteral("versions"), f.versions},
                       {QStringLiteral("newest"), versionJson(f.newest)}});
            continue;
        }
        printLine(QStringLiteral("%1  %2  %3  %4")
                      .arg(f.newest.id.left(8), formatTime(f.newest.time),
                           humanBytes(qint64(f.entry.size)).rightJustified(10), QFile::decodeName(f.path)));
    }
    if (!options.json() && !options.quiet())
        printLine(QStringLiteral("%1 match(es), newest first (the version shown is the newest holding each).")
                      .arg(found->size()));
    return ExitCode::Success;
}

} // namespace strata::cli
