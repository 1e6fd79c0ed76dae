// init, snapshots, tag, key, unlock and repair: the commands about the repository itself.
#include "Commands.h"
#include "Console.h"
#include "engine/Repair.h"
#include "engine/Tagging.h"
#include "JsonViews.h"
#include "Password.h"
#include "Session.h"
#include "storage/Backend.h"

#include <QJsonArray>

namespace strata::cli {

namespace {

// Prints rows as columns padded to their widest cell; the last column is not padded.
void printTable(const QStringList &header, const QList<QStringList> &rows,
                const QList<int> &rightAligned = {})
{
    QList<qsizetype> widths(header.size(), 0);
    for (qsizetype c = 0; c < header.size(); ++c)
        widths[c] = header[c].size();
    for (const QStringList &row : rows)
        for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = qMax(widths[c], row[c].size());
    const auto line = [&](const QStringList &cells) {
        QString text;
        for (qsizetype c = 0; c < cells.size(); ++c) {
            const bool last = c + 1 == cells.size();
            if (rightAligned.contains(int(c)))
                text += cells[c].rightJustified(widths[c]);
            else
                text += last ? cells[c] : cells[c].leftJustified(widths[c]);
            if (!last)
                text += QStringLiteral("  ");
        }
        printLine(text);
    };
    line(header);
    for (const QStringList &row : rows)
        line(row);
}

} // namespace

ExitCode runInit(const CliOptions &options)
{
    Result<QString> url = repositoryUrl(options);
    if (!url)
        return reportError(url.error());
    Result<std::unique_ptr<Backend>> backend = openBackend(*url);
    if (!backend)
        return reportError(backend.error());
    const QString location = (*backend)->location();
    Result<bool> exists = (*backend)->exists();
    if (!exists)
        return reportError(exists.error());
    if (*exists) {
        printError(QStringLiteral("a repository already exists at %1").arg(location));
        return ExitCode::Failure;
    }

    Repository::InitOptions init;
    if (options.isSet(QStringLiteral("compression"))) {
        bool ok = false;
        const int level = options.value(QStringLiteral("compression")).toInt(&ok);
        if (!ok || level < 0 || level > 22) {
            printError(QStringLiteral("init: --compression takes a level from 0 (none) to 22"));
            return ExitCode::Usage;
        }
        init.config.compressionLevel = level;
    }

    Result<QString> password = newPassword(options, true);
    if (!password)
        return reportError(password.error());
    Result<std::shared_ptr<Repository>> repo = Repository::init(std::move(*backend), *password, init);
    if (!repo)
        return reportError(repo.error());

    if (options.isSet(QStringLiteral("store-password")))
        storePasswordInKeychain(options, **repo, *password);
    if (options.json()) {
        printJson({{QStringLiteral("type"), QStringLiteral("result")},
                   {QStringLiteral("command"), QStringLiteral("init")},
                   {QStringLiteral("ok"), true},
                   {QStringLiteral("exitCode"), 0},
                   {QStringLiteral("id"), (*repo)->config().id},
                   {QStringLiteral("location"), (*repo)->location()}});
    } else if (!options.quiet()) {
        printLine(QStringLiteral("Created repository %1 at %2.")
                      .arg((*repo)->config().id.left(8), (*repo)->location()));
        printLine(
            QStringLiteral("Keep the password safe: without it nothing in the repository can be read."));
    }
    return ExitCode::Success;
}

ExitCode runSnapshots(const CliOptions &options)
{
    Result<Session> session = Session::open(options, {});
    if (!session)
        return reportError(session.error());
    Result<QList<Snapshot>> all = session->repo().listSnapshots();
    if (!all)
        return reportError(all.error());
    const QString set = options.value(QStringLiteral("set"));
    QList<Snapshot> snapshots;
    for (const Snapshot &s : *all)
        if (set.isEmpty() || s.set == set)
            snapshots.append(s);

    if (options.json()) {
        QJsonArray array;
        for (const Snapshot &s : snapshots)
            array.append(snapshotJson(s));
        printJsonDocument(array);
        return ExitCode::Success;
    }
    if (snapshots.isEmpty()) {
        if (!options.quiet())
            printLine(set.isEmpty() ? QStringLiteral("No versions yet.")
                                    : QStringLiteral("No versions in set '%1'.").arg(set));
        return ExitCode::Success;
    }
    QList<QStringList> rows;
    for (const Snapshot &s : snapshots)
        rows.append({s.shortId(), formatTime(s.time), kindName(s.kind), s.set, s.host,
                     groupedNumber(s.stats.files), humanBytes(s.stats.bytes),
                     s.paths.join(QStringLiteral(", "))});
    printTable({QStringLiteral("ID"), QStringLiteral("TIME"), QStringLiteral("KIND"), QStringLiteral("SET"),
                QStringLiteral("HOST"), QStringLiteral("FILES"), QStringLiteral("SIZE"),
                QStringLiteral("PATHS")},
               rows, {5, 6});
    if (!options.quiet())
        printLine(QStringLiteral("%1 version(s)").arg(snapshots.size()));
    return ExitCode::Success;
}

ExitCode runTag(const CliOptions &options)
{
    const TagChange change{options.values(QStringLiteral("add")), options.values(QStringLiteral("remove"))};
    if (change.empty())
        return reportError(
            Error::invalid(QStringLiteral("tag: give --add or --remove (see 'strata-cli tag --help')")));
    for (const QStringList *tags : {&change.add, &change.remove})
        for (const QString &t : *tags)
            if (Status valid = validateTag(t); !valid)
                return reportError(Error::invalid(QStringLiteral("tag: ") + valid.error().message));
    Result<Session> session = Session::open(options, {});
    if (!session)
        return reportError(session.error());
    QJsonArray changed;
    for (const QString &version : options.args()) {
        const auto before = session->repo().findSnapshot(version);
        auto now = before ? retagVersion(session->repo(), before->id, change, false) : before;
        if (!now) {
            Error e = now.error();
            e.message = QStringLiteral("tag %1: %2").arg(version, e.message);
            // What was changed before this one stays changed: say which they are.
            if (options.json())
                printJson({{QStringLiteral("type"), QStringLiteral("result")},
                           {QStringLiteral("ok"), false},
                           {QStringLiteral("versions"), changed},
                           {QStringLiteral("error"), errorJson(e)}});
            else if (!changed.isEmpty())
                printLine(
                    QStringLiteral("%1 version(s) were retagged before this failure.").arg(changed.size()));
            return options.json() ? exitCodeFor(e.code) : reportError(e);
        }
        QJsonObject o = snapshotJson(*now);
        o.insert(QStringLiteral("was"), before->id);
        changed.append(o);
        if (!options.json() && !options.quiet())
            printLine(now->id == before->id
                          ? QStringLiteral("Version %1 already has these tags (%2).")
                                .arg(before->shortId(), now->tags.join(QStringLiteral(", ")))
                          : QStringLiteral("Version %1 is now %2, tagged: %3.")
                                .arg(before->shortId(), now->shortId(),
                                     now->tags.isEmpty() ? QStringLiteral("(none)")
                                                         : now->tags.join(QStringLiteral(", "))));
    }
    if (options.json())
        printJson({{QStringLiteral("type"), QStringLiteral("result")},
                   {QStringLiteral("ok"), true},
                   {QStringLiteral("versions"), changed}});
    return ExitCode::Success;
}

ExitCode runKey(const CliOptions &options)
{
    const QString action = options.args().value(0);
    const bool isRemove = action == QLatin1String("remove");
    if (action != QLatin1String("add") && action != QLatin1String("list") && !isRemove &&
        action != QLatin1String("passwd")) {
        printError(
            QStringLiteral("key: unknown action '%1': use add, list, remove ID or passwd").arg(action));
        return ExitCode::Usage;
    }
    if (isRemove && options.args().size() != 2) {
        printError(QStringLiteral("key remove: give the id (or a unique prefix) of the key to remove"));
        return ExitCode::Usage;
    }
    if (!isRemove && options.args().size() != 1) {
        printError(QStringLiteral("key %1: unexpected argument '%2'").arg(action, options.args().value(1)));
        return ExitCode::Usage;
    }

    Result<Session> session = Session::open(options, {});
    if (!session)
        return reportError(session.error());
    Repository &repo = session->repo();
    const auto result = [&](QJsonObject o) {
        o.insert(QStringLiteral("type"), QStringLiteral("result"));
        o.insert(QStringLiteral("command"), QString(QStringLiteral("key ") + action));
        o.insert(QStringLiteral("ok"), true);
        o.insert(QStringLiteral("exitCode"), 0);
        printJson(o);
    };

    if (action == QLatin1String("list")) {
        Result<QList<KeyEntry>> keys = repo.listKeys();
        if (!keys)
            return reportError(keys.error());
        if (options.json()) {
            QJsonArray array;
            for (const KeyEntry &k : *keys)
                array.append(keyJson(k));
            printJsonDocument(array);
            return ExitCode::Success;
        }
        QList<QStringList> rows;
        for (const KeyEntry &k : *keys)
            rows.append({k.current ? QStringLiteral("*") : QString(), k.id.left(8),
                         k.problem.isEmpty() ? k.host : QStringLiteral("unusable: ") + k.problem, k.user,
                         k.created.isValid() ? formatTime(k.created) : QString()});
        printTable({QString(), QStringLiteral("ID"), QStringLiteral("HOST"), QStringLiteral("USER"),
                    QStringLiteral("CREATED")},
                   rows);
        return ExitCode::Success;
    }

    if (isRemove) {
        const QString id = options.args().at(1);
        if (Status removed = repo.removeKey(id); !removed)
            return reportError(removed.error());
        if (options.json())
            result({{QStringLiteral("id"), id}});
        else if (!options.quiet())
            printLine(QStringLiteral("Removed key %1.").arg(id));
        return ExitCode::Success;
    }

    Result<QString> password = newPassword(options, false);
    if (!password)
        return reportError(password.error());

    if (action == QLatin1String("add")) {
        Result<QString> id = repo.addKey(*password);
        if (!id)
            return reportError(id.error());
        if (options.json())
            result({{QStringLiteral("id"), *id}});
        else if (!options.quiet())
            printLine(QStringLiteral("Added key %1.").arg(id->left(8)));
        return ExitCode::Success;
    }

    const QString oldKey = repo.currentKeyId();
    if (Status changed = repo.changePassword(*password); !changed)
        return reportError(changed.error());
    if (options.json())
        result({{QStringLiteral("oldId"), oldKey}, {QStringLiteral("id"), repo.currentKeyId()}});
    else if (!options.quiet())
        printLine(QStringLiteral("Changed the password (key %1 is now %2).")
                      .arg(oldKey.left(8), repo.currentKeyId().left(8)));
    // A keychain entry holding the old password would fail on every later run.
    if (session->password().source == SecretOrigin::Keychain)
        storePasswordInKeychain(options, repo, *password);
    return ExitCode::Success;
}

ExitCode runUnlock(const CliOptions &options)
{
    Result<Session> session = Session::open(options, {.lock = std::nullopt});
    if (!session)
        return reportError(session.error());
    const bool all = options.isSet(QStringLiteral("all"));
    Result<int> removed = session->repo().removeLocks(all);
    if (!removed)
        return reportError(removed.error());
    if (options.json())
        printJson({{QStringLiteral("type"), QStringLiteral("result")},
                   {QStringLiteral("command"), QStringLiteral("unlock")},
                   {QStringLiteral("ok"), true},
                   {QStringLiteral("exitCode"), 0},
                   {QStringLiteral("removed"), *removed}});
    else if (!options.quiet())
        printLine(QStringLiteral("Removed %1 %2lock(s).")
                      .arg(*removed)
                      .arg(all ? QString() : QStringLiteral("stale ")));
    return ExitCode::Success;
}

ExitCode runRepair(const CliOptions &options)
{
    if (options.args().value(0) != QLatin1String("index")) {
        printError(QStringLiteral("repair: unknown part '%1': only 'index' can be repaired")
                       .arg(options.args().value(0)));
        return ExitCode::Usage;
    }
    // Nobody may write packs or index files while the index is replaced.
    Result<Session> session = Session::open(options, {.lock = LockMode::Exclusive});
    if (!session)
        return reportError(session.error());
    RepairParams params;
    params.readData = options.isSet(QStringLiteral("read-data"));
    auto report = repairIndex(session->repo(), params);
    if (!report)
        return reportError(report.error());
    for (const QString &bad : report->unreadablePacks)
        printWarning(QStringLiteral("pack %1: nothing could be taken from it").arg(bad));
    const bool lost = !report->unreadablePacks.isEmpty() || !report->lostBlobs.isEmpty();
    const ExitCode code = lost ? ExitCode::Corrupt : ExitCode::Success;
    if (options.json()) {
        printJson({{QStringLiteral("type"), QStringLiteral("result")},
                   {QStringLiteral("command"), QStringLiteral("repair index")},
                   {QStringLiteral("ok"), code == ExitCode::Success},
                   {QStringLiteral("exitCode"), toInt(code)},
                   {QStringLiteral("packs"), report->packs},
                   {QStringLiteral("blobs"), report->blobs},
                   {QStringLiteral("indexFilesReplaced"), report->indexFilesReplaced},
                   {QStringLiteral("packsSalvaged"), report->packsSalvaged},
                   {QStringLiteral("blobsSalvaged"), report->blobsSalvaged},
                   {QStringLiteral("lostBlobs"), QJsonArray::fromStringList(report->lostBlobs)},
                   {QStringLiteral("unreadablePacks"), QJsonArray::fromStringList(report->unreadablePacks)}});
        return code;
    }
    if (!options.quiet()) {
        printLine(QStringLiteral("Indexed %1 blob(s) in %2 intact pack(s); replaced %3 index file(s).")
                      .arg(groupedNumber(report->blobs), groupedNumber(report->packs))
                      .arg(report->indexFilesReplaced));
        if (report->packsSalvaged > 0)
            printLine(
                QStringLiteral("Moved %1 readable blob(s) out of %2 damaged pack(s) into new packs, and "
                               "removed the damaged packs.")
                    .arg(groupedNumber(report->blobsSalvaged), groupedNumber(report->packsSalvaged)));
        if (!params.readData)
            printLine(QStringLiteral("Packs were not read whole: 'strata-cli repair index --read-data' also "
                                     "finds and repairs damage inside packs whose header still reads."));
    }
    if (!report->lostBlobs.isEmpty())
        printError(
            QStringLiteral("%1 blob(s) had their only copy in a damaged pack and cannot be brought back "
                           "(%2): 'strata-cli check' names the files that lose them; back those files "
                           "up again while they still exist")
                .arg(report->lostBlobs.size())
                .arg(report->lostBlobs.mid(0, 10).join(QStringLiteral(", "))));
    return code;
}

} // namespace strata::cli
