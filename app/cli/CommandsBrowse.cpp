// ls and diff: reading versions without changing anything.
#include "catalog/Catalog.h"
#include "catalog/CatalogDiff.h"
#include "Commands.h"
#include "Console.h"
#include "diff/FileDiff.h"
#include "engine/Diff.h"
#include "engine/Listing.h"
#include "Interrupt.h"
#include "JsonViews.h"
#include "Session.h"
#include "util/Paths.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>

#include <sys/stat.h>
#include <unistd.h>

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

namespace {

// One line per change and a summary, counted here so the summary always matches the lines.
class ChangePrinter final
{
public:
    explicit ChangePrinter(const CliOptions &options) : m_json(options.json()), m_quiet(options.quiet()) {}

    void operator()(const DiffEntry &e)
    {
        ++m_counts[int(e.change)];
        if (!m_json) {
            printLine(changeMark(e.change) + QLatin1Char(' ') + e.path);
            return;
        }
        QJsonArray fields;
        for (const auto &[flag, name] : {std::pair{DiffEntry::Content, "content"},
                                         {DiffEntry::Mode, "mode"},
                                         {DiffEntry::MTime, "mtime"},
                                         {DiffEntry::Other, "owner-or-attributes"}})
            if (e.fields & flag)
                fields.append(QLatin1String(name));
        printJson({{QStringLiteral("type"), QStringLiteral("change")},
                   {QStringLiteral("change"), changeKindName(e.change)},
                   {QStringLiteral("mark"), QString(changeMark(e.change))},
                   {QStringLiteral("path"), e.path},
                   {QStringLiteral("nodeTypeA"),
                    e.change == ChangeKind::Added ? QJsonValue() : QJsonValue(nodeTypeName(e.typeA))},
                   {QStringLiteral("nodeTypeB"),
                    e.change == ChangeKind::Removed ? QJsonValue() : QJsonValue(nodeTypeName(e.typeB))},
                   {QStringLiteral("sizeA"), e.sizeA},
                   {QStringLiteral("sizeB"), e.sizeB},
                   {QStringLiteral("fields"), fields}});
    }

    // `labelA`/`labelB` name the sides in the text summary; `idB` is empty for the disk.
    void summary(const DiffSummary &s, const Snapshot &a, const QString &idB, const QString &labelB) const
    {
        const qint64 added = m_counts[int(ChangeKind::Added)], removed = m_counts[int(ChangeKind::Removed)],
                     modified = m_counts[int(ChangeKind::Modified)],
                     metadata = m_counts[int(ChangeKind::MetadataChanged)],
                     typeChanged = m_counts[int(ChangeKind::TypeChanged)];
        if (m_json) {
            printJson({{QStringLiteral("type"), QStringLiteral("summary")},
                       {QStringLiteral("versionA"), a.id},
                       {QStringLiteral("versionB"), idB.isEmpty() ? QJsonValue() : QJsonValue(idB)},
                       {QStringLiteral("toDisk"), idB.isEmpty()},
                       {QStringLiteral("added"), added},
                       {QStringLiteral("removed"), removed},
                       {QStringLiteral("modified"), modified},
                       {QStringLiteral("metadata"), metadata},
                       {QStringLiteral("typeChanged"), typeChanged},
                       {QStringLiteral("bytesAdded"), s.bytesAdded},
                       {QStringLiteral("bytesRemoved"), s.bytesRemoved}});
        } else if (!m_quiet) {
            printLine(QStringLiteral("%1 -> %2: %3 added, %4 removed, %5 modified, %6 metadata only, %7 type "
                                     "changed (+%8, -%9)")
                          .arg(a.shortId(), labelB, groupedNumber(added), groupedNumber(removed),
                               groupedNumber(modified), groupedNumber(metadata), groupedNumber(typeChanged),
                               humanBytes(s.bytesAdded), humanBytes(s.bytesRemoved)));
        }
    }

private:
    bool m_json, m_quiet;
    qint64 m_counts[5] = {};
};

QJsonValue sha256Json(const FileSide &side)
{
    return side.exists ? QJsonValue(QString::fromLatin1(side.sha256.toHex())) : QJsonValue();
}

// A file's two sides as `diff -u` shows them, or by size and hash when they are not text.
ExitCode printFileDiff(const CliOptions &options, const QString &path, const QByteArray &labelA,
                       const QByteArray &labelB, FileSide a, FileSide b)
{
    Result<FileDiff> diff = diffFiles(std::move(a), std::move(b));
    if (!diff)
        return reportError(diff.error());
    const FileDiff &d = *diff;
    if (options.json()) {
        QJsonObject out{{QStringLiteral("type"), QStringLiteral("file")},
                        {QStringLiteral("path"), path},
                        {QStringLiteral("kind"), contentKindName(d.kind)},
                        {QStringLiteral("identical"), d.identical()},
                        {QStringLiteral("existsA"), d.a.exists},
                        {QStringLiteral("existsB"), d.b.exists},
                        {QStringLiteral("sizeA"), d.a.size},
                        {QStringLiteral("sizeB"), d.b.size},
                        {QStringLiteral("sha256A"), sha256Json(d.a)},
                        {QStringLiteral("sha256B"), sha256Json(d.b)},
                        {QStringLiteral("firstDifference"),
                         d.firstDifference < 0 ? QJsonValue() : QJsonValue(d.firstDifference)}};
        if (d.kind == ContentKind::Image)
            out.insert(QStringLiteral("imageFormat"), d.imageFormat);
        if (d.text) {
            const TextDiff &t = *d.text;
            out.insert(QStringLiteral("encodingA"), textEncodingName(t.a.encoding()));
            out.insert(QStringLiteral("encodingB"), textEncodingName(t.b.encoding()));
            out.insert(QStringLiteral("finalNewlineA"), t.a.finalNewline());
            out.insert(QStringLiteral("finalNewlineB"), t.b.finalNewline());
            out.insert(QStringLiteral("linesRemoved"), t.linesRemoved);
            out.insert(QStringLiteral("linesAdded"), t.linesAdded);
            QJsonArray hunks;
            for (const DiffHunk &h : diffHunks(t)) {
                QJsonArray lines;
                int oldLine = h.oldStart;
                const auto context = [&](int until) {
                    for (; oldLine < until; ++oldLine)
                        lines.append(QString(QLatin1Char(' ') + t.a.text(oldLine)));
                };
                for (int c = h.firstChange; c < h.firstChange + h.changeCount; ++c) {
                    const LineChange &change = t.changes[c];
                    context(change.oldStart);
                    for (int k = 0; k < change.oldCount; ++k)
                        lines.append(QString(QLatin1Char('-') + t.a.text(change.oldStart + k)));
                    for (int k = 0; k < change.newCount; ++k)
                        lines.append(QString(QLatin1Char('+') + t.b.text(change.newStart + k)));
                    oldLine = change.oldStart + change.oldCount;
                }
                context(h.oldStart + h.oldCount);
                // 1-based, as the @@ line has them (an empty range names the line before it).
                hunks.append(
                    QJsonObject{{QStringLiteral("oldStart"), h.oldCount ? h.oldStart + 1 : h.oldStart},
                                {QStringLiteral("oldCount"), h.oldCount},
                                {QStringLiteral("newStart"), h.newCount ? h.newStart + 1 : h.newStart},
                                {QStringLiteral("newCount"), h.newCount},
                                {QStringLiteral("lines"), lines}});
            }
            out.insert(QStringLiteral("hunks"), hunks);
        }
        printJson(out);
        return ExitCode::Success;
    }
    if (d.identical())
        return ExitCode::Success; // as diff: nothing to say
    const QByteArray nameA = d.a.exists ? labelA : QByteArray("/dev/null");
    const QByteArray nameB = d.b.exists ? labelB : QByteArray("/dev/null");
    if (d.text) {
        printRaw(unifiedDiff(*d.text, nameA, nameB));
        return ExitCode::Success;
    }
    const auto hash = [](const FileSide &s) {
        return s.exists ? QString::fromLatin1(s.sha256.toHex().left(16)) : QStringLiteral("absent");
    };
    QString line = QStringLiteral("%1 %2 and %3 differ: %4 -> %5 bytes, sha256 %6 -> %7")
                       .arg(d.kind == ContentKind::Image ? QStringLiteral("Images (%1)").arg(d.imageFormat)
                                                         : QStringLiteral("Binary files"),
                            QFile::decodeName(nameA), QFile::decodeName(nameB), groupedNumber(d.a.size),
                            groupedNumber(d.b.size), hash(d.a), hash(d.b));
    if (d.firstDifference >= 0 && d.a.exists && d.b.exists)
        line += QStringLiteral(", first difference at byte %1").arg(groupedNumber(d.firstDifference));
    printLine(line);
    return ExitCode::Success;
}

bool isFolder(const std::optional<Node> &n)
{
    return n && n->type == NodeType::Directory;
}

Result<FileSide> versionSide(Repository &repo, const std::optional<Node> &node)
{
    if (!node)
        return FileSide{};
    return readVersionFile(repo, *node);
}

QByteArray versionLabel(const Snapshot &s, const QByteArray &path)
{
    return s.shortId().toUtf8() + ':' + path;
}

} // namespace

ExitCode runDiff(const CliOptions &options)
{
    const bool toDisk = options.isSet(QStringLiteral("to-disk"));
    if (toDisk && options.args().size() != 2) {
        printError(QStringLiteral("diff --to-disk: give one VERSION and a PATH on disk"));
        return ExitCode::Usage;
    }
    Result<Session> session = Session::open(options, {});
    if (!session)
        return reportError(session.error());
    Repository &repo = session->repo();
    Result<Snapshot> a = repo.findSnapshot(options.args().at(0));
    if (!a)
        return reportError(a.error());
    ChangePrinter printer(options);
    const auto each = [&](const DiffEntry &e) { printer(e); };

    if (toDisk) {
        // A path on disk: relative to the current folder.
        const QByteArray path =
            paths::absoluteBelow(QFile::encodeName(QDir::currentPath()), options.rawArgs().at(1));
        Result<std::optional<Node>> inVersion = findEntry(repo, *a, path);
        if (!inVersion)
            return reportError(inVersion.error());
        struct stat st;
        const bool diskFolder = ::lstat(path.constData(), &st) == 0 && S_ISDIR(st.st_mode);
        if ((*inVersion && !isFolder(*inVersion)) ||
            (!*inVersion && !diskFolder && ::access(path.constData(), F_OK) == 0)) {
            if (diskFolder)
                return reportError(
                    Error::invalid(QStringLiteral("%1 is a folder on disk and a file in version %2")
                                       .arg(QFile::decodeName(path), a->shortId())));
            Result<FileSide> sideA = versionSide(repo, *inVersion);
            if (!sideA)
                return reportError(sideA.error());
            Result<FileSide> sideB = readDiskFile(path);
            if (!sideB)
                return reportError(sideB.error());
            return printFileDiff(options, QFile::decodeName(path), versionLabel(*a, path), path,
                                 std::move(*sideA), std::move(*sideB));
        }
        // Read only: an interrupt may stop it at once.
        Result<DiffSummary> summary = diffWithDisk(repo, *a, path, each);
        if (!summary)
            return reportError(summary.error());
        printer.summary(*summary, *a, QString(), QStringLiteral("disk"));
        return ExitCode::Success;
    }

    Result<Snapshot> b = repo.findSnapshot(options.args().at(1));
    if (!b)
        return reportError(b.error());
    QByteArray path("/");
    if (options.args().size() == 3) {
        path = versionPath(options.rawArgs().at(2));
        Result<std::optional<Node>> na = findEntry(repo, *a, path);
        if (!na)
            return reportError(na.error());
        Result<std::optional<Node>> nb = findEntry(repo, *b, path);
        if (!nb)
            return reportError(nb.error());
        if ((*na && !isFolder(*na)) || (*nb && !isFolder(*nb))) {
            if (isFolder(*na) || isFolder(*nb))
                return reportError(
                    Error::invalid(QStringLiteral("%1 is a folder in one version and a file in the other")
                                       .arg(QFile::decodeName(path))));
            Result<FileSide> sideA = versionSide(repo, *na);
            if (!sideA)
                return reportError(sideA.error());
            Result<FileSide> sideB = versionSide(repo, *nb);
            if (!sideB)
                return reportError(sideB.error());
            return printFileDiff(options, QFile::decodeName(path), versionLabel(*a, path),
                                 versionLabel(*b, path), std::move(*sideA), std::move(*sideB));
        }
    }
    // The catalog answers when history or find has made one and it holds both versions; diff
    // itself never builds one (a whole rebuild to compare two versions would cost far more).
    std::unique_ptr<Catalog> catalog;
    const QString catalogPath = Catalog::defaultPath(repo.config().id);
    if (QFile::exists(catalogPath)) {
        auto opened = Catalog::open(catalogPath, repo.config().id);
        if (opened)
            catalog = std::move(*opened);
    }
    Result<DiffSummary> summary = diffVersions(repo, *a, *b, path, each, catalog.get());
    if (!summary)
        return reportError(summary.error());
    printer.summary(*summary, *a, b->id, b->shortId());
    return ExitCode::Success;
}

} // namespace strata::cli
