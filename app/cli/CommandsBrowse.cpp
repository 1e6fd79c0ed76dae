// ls and diff: reading versions without changing anything.
#include "Commands.h"
#include "Console.h"
#include "engine/Diff.h"
#include "engine/Listing.h"
#include "Interrupt.h"
#include "JsonViews.h"
#include "Session.h"
#include "util/Paths.h"

#include <QDateTime>
#include <QDir>

namespace strata::cli {

namespace {

// Paths in a version are absolute; "home/ana" and "/home/ana/" both mean "/home/ana".
// A path in a version as given (bytes, for names that are not UTF-8), absolute and clean.
QByteArray versionPath(const QByteArray &given)
{
    return paths::absoluteBelow("/", given);
}

QChar changeMark(ChangeKind change)
{
    switch (change) {
    case ChangeKind::Added:
        return QLatin1Char('+');
    case ChangeKind::Removed:
        return QLatin1Char('-');
    case ChangeKind::Modified:
        return QLatin1Char('M');
    case ChangeKind::MetadataChanged:
        return QLatin1Char('m');
    case ChangeKind::TypeChanged:
        return QLatin1Char('T');
    }
    return QLatin1Char('?');
}

} // namespace

ExitCode runLs(const CliOptions &options)
{
    Result<Session> session = Session::open(options, {.lock = LockMode::Shared, .loadIndex = true});
    if (!session)
        return reportError(session.error());
    Repository &repo = session->repo();
    Result<Snapshot> snapshot = repo.findSnapshot(options.args().at(0));
    if (!snapshot)
        return reportError(snapshot.error());

    const bool json = options.json();
    const bool longForm = options.isSet(QStringLiteral("long"));
    const auto each = [&](const ListedEntry &e) {
        if (!e.node)
            return !Interrupt::requested() && !stdoutBroken();
        const Node &node = *e.node;
        if (json) {
            printJson(nodeJson(e.path, node));
        } else if (longForm) {
            QString line = modeString(node.type, node.mode) + QLatin1Char(' ') +
                           QString::number(node.size).rightJustified(12) + QLatin1Char(' ') +
                           formatTime(node.mtime.toDateTime()) + QLatin1Char(' ') + e.path;
            if (node.type == NodeType::Symlink)
                line += QStringLiteral(" -> ") + QFile::decodeName(node.linkTarget);
            printLine(line);
        } else {
            // The exact bytes of the name, so scripts get what is on disk even when it is not UTF-8.
            printRaw((e.rawPath.isEmpty() ? e.path.toUtf8() : e.rawPath) + '\n');
        }
        return !Interrupt::requested() && !stdoutBroken();
    };
    const Interrupt::Scope interruptible;
    const Status walked = walkSnapshot(repo, *snapshot, versionPath(options.rawArgs().value(1)),
                                       !options.isSet(QStringLiteral("one-level")), each);
    if (Interrupt::requested())
        return reportError(Error::cancelled());
    if (stdoutBroken())
        return ExitCode::Success; // the reader has all it wanted
    if (!walked)
        return reportError(walked.error());
    return ExitCode::Success;
}

ExitCode runDiff(const CliOptions &options)
{
    Result<Session> session = Session::open(options, {});
    if (!session)
        return reportError(session.error());
    Repository &repo = session->repo();
    Result<Snapshot> a = repo.findSnapshot(options.args().at(0));
    if (!a)
        return reportError(a.error());
    Result<Snapshot> b = repo.findSnapshot(options.args().at(1));
    if (!b)
        return reportError(b.error());

    const bool json = options.json();
    // Counted here, one per printed line, so the summary always matches the lines above it.
    qint64 counts[5] = {};
    const auto each = [&](const DiffEntry &e) {
        ++counts[int(e.change)];
        if (json) {
            printJson({{QStringLiteral("type"), QStringLiteral("change")},
                       {QStringLiteral("change"), changeKindName(e.change)},
                       {QStringLiteral("mark"), QString(changeMark(e.change))},
                       {QStringLiteral("path"), e.path},
                       {QStringLiteral("nodeTypeA"),
                        e.change == ChangeKind::Added ? QJsonValue() : QJsonValue(nodeTypeName(e.typeA))},
                       {QStringLiteral("nodeTypeB"),
                        e.change == ChangeKind::Removed ? QJsonValue() : QJsonValue(nodeTypeName(e.typeB))},
                       {QStringLiteral("sizeA"), e.sizeA},
                       {QStringLiteral("sizeB"), e.sizeB}});
            return;
        }
        printLine(changeMark(e.change) + QLatin1Char(' ') + e.path);
    };
    Result<DiffSummary> summary = diffSnapshots(repo, *a, *b, each);
    if (!summary)
        return reportError(summary.error());
    const DiffSummary &s = *summary;
    const qint64 added = counts[int(ChangeKind::Added)], removed = counts[int(ChangeKind::Removed)],
                 modified = counts[int(ChangeKind::Modified)],
                 metadata = counts[int(ChangeKind::MetadataChanged)],
                 typeChanged = counts[int(ChangeKind::TypeChanged)];
    if (json) {
        printJson({{QStringLiteral("type"), QStringLiteral("summary")},
                   {QStringLiteral("versionA"), a->id},
                   {QStringLiteral("versionB"), b->id},
                   {QStringLiteral("added"), added},
                   {QStringLiteral("removed"), removed},
                   {QStringLiteral("modified"), modified},
                   {QStringLiteral("metadata"), metadata},
                   {QStringLiteral("typeChanged"), typeChanged},
                   {QStringLiteral("bytesAdded"), s.bytesAdded},
                   {QStringLiteral("bytesRemoved"), s.bytesRemoved}});
    } else if (!options.quiet()) {
        printLine(
            QStringLiteral("%1 -> %2: %3 added, %4 removed, %5 modified, %6 metadata only, %7 type changed "
                           "(+%8, -%9)")
                .arg(a->shortId(), b->shortId(), groupedNumber(added), groupedNumber(removed),
                     groupedNumber(modified), groupedNumber(metadata), groupedNumber(typeChanged),
                     humanBytes(s.bytesAdded), humanBytes(s.bytesRemoved)));
    }
    return ExitCode::Success;
}

} // namespace strata::cli
