// backup: builds BackupParams from the command line and runs a BackupJob.
#include "Commands.h"
#include "Console.h"
#include "engine/BackupJob.h"
#include "JobRunner.h"
#include "JsonViews.h"
#include "Session.h"
#include "util/Paths.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>

#include <sys/stat.h>

namespace strata::cli {

namespace {

// The kinds a user may ask for; safety versions are taken by restores only.
std::optional<BackupKind> parseKind(const QString &name)
{
    const auto kind = kindFromName(name);
    if (kind == BackupKind::Safety)
        return std::nullopt;
    return kind;
}

// Everything that can be wrong with the command line, found before a password is asked for.
Result<BackupParams> paramsFrom(const CliOptions &options)
{
    BackupParams params;
    if (options.isSet(QStringLiteral("kind"))) {
        const std::optional<BackupKind> kind = parseKind(options.value(QStringLiteral("kind")));
        if (!kind)
            return Error::invalid(
                QStringLiteral("backup: --kind is full, incremental or differential, not '%1'")
                    .arg(options.value(QStringLiteral("kind"))));
        params.kind = *kind;
    }
    if (options.isSet(QStringLiteral("set"))) {
        params.set = options.value(QStringLiteral("set")).trimmed();
        if (params.set.isEmpty())
            return Error::invalid(QStringLiteral("backup: --set needs a name"));
    }
    params.tags = options.values(QStringLiteral("tag"));
    params.host = options.value(QStringLiteral("host"));
    params.oneFileSystem = options.isSet(QStringLiteral("one-file-system"));
    params.checkSpace = !options.isSet(QStringLiteral("no-space-check"));
    params.attributes.xattrs = !options.isSet(QStringLiteral("no-xattrs"));
    params.attributes.acls = !options.isSet(QStringLiteral("no-acls"));
    if (options.isSet(QStringLiteral("threads"))) {
        bool ok = false;
        params.threads = options.value(QStringLiteral("threads")).toInt(&ok);
        if (!ok || params.threads < 1 || params.threads > 256)
            return Error::invalid(QStringLiteral("backup: --threads takes a number from 1 to 256"));
    }

    for (const QString &pattern : options.values(QStringLiteral("exclude")))
        if (Status added = params.excludes.addPattern(pattern); !added)
            return Error::invalid(
                QStringLiteral("backup: bad --exclude '%1': %2").arg(pattern, added.error().message));
    for (const QString &file : options.values(QStringLiteral("exclude-file")))
        if (Status added = params.excludes.addPatternFile(file); !added)
            return added.error();
    if (options.isSet(QStringLiteral("exclude-larger-than"))) {
        Result<qint64> size = parseSize(options.value(QStringLiteral("exclude-larger-than")));
        if (!size)
            return Error::invalid(QStringLiteral("backup: --exclude-larger-than: ") + size.error().message);
        params.excludes.maxFileSize = *size;
    }
    if (options.isSet(QStringLiteral("no-cache-tag")))
        params.excludes.excludeCaches = false;

    // As bytes, so a folder whose name is not UTF-8 can be given.
    const QByteArray cwd = QFile::encodeName(QDir::currentPath());
    for (const QByteArray &path : options.rawArgs()) {
        struct stat st;
        // A dangling symlink is still something to back up.
        if (::lstat(path.constData(), &st) != 0)
            return Error::notFound(QStringLiteral("backup: %1 does not exist").arg(QFile::decodeName(path)));
        params.rawPaths.append(paths::absoluteBelow(cwd, path));
    }
    return params;
}

QString upgradeNote(int from, const QString &url)
{
    return QStringLiteral(
               "The repository at %1 was raised from format %2 to %3, so that new versions keep extended "
               "attributes, ACLs, owner names, time stamps of any year and chunk lengths. The versions "
               "already in it are unchanged and restore as before; Strata builds that read only format "
               "%2 now refuse the repository with a message instead of misreading it.")
        .arg(url)
        .arg(from)
        .arg(RepositoryFormatVersion);
}

void printSummary(const BackupResult &r, qint64 durationMs, qint64 warnings)
{
    const SnapshotStats &s = r.snapshot.stats;
    printLine(QStringLiteral("Files:     %1 new, %2 changed, %3 unmodified (%4 files, %5 in the version)")
                  .arg(groupedNumber(s.filesNew), groupedNumber(s.filesChanged),
                       groupedNumber(s.filesUnmodified), groupedNumber(s.files), humanBytes(s.bytes)));
    printLine(QStringLiteral("Added:     %1 to the repository (read %2)")
                  .arg(humanBytes(s.bytesAdded), humanBytes(s.bytesRead)));
    if (warnings > 0 || r.unreadable > 0 || r.changedWhileRead > 0)
        printLine(QStringLiteral("Warnings:  %1 (%2 unreadable, %3 changed while read)")
                      .arg(groupedNumber(warnings), groupedNumber(r.unreadable),
                           groupedNumber(r.changedWhileRead)));
    printLine(QStringLiteral("Duration:  %1").arg(humanDuration(durationMs)));
    printLine(QStringLiteral("Version:   %1 saved (%2, set %3)")
                  .arg(r.snapshot.shortId(), kindName(r.snapshot.kind), r.snapshot.set));
}

} // namespace

ExitCode runBackup(const CliOptions &options)
{
    Result<BackupParams> params = paramsFrom(options);
    if (!params)
        return reportError(params.error());

    Result<Session> session = Session::open(options, {.lock = std::nullopt}); // the job takes its own
    if (!session)
        return reportError(session.error());
    if (options.isSet(QStringLiteral("store-password")) &&
        session->password().source != SecretOrigin::Keychain)
        storePasswordInKeychain(options, session->repo(), session->password().text);

    params->repo = session->shared();
    QElapsedTimer clock;
    clock.start();
    BackupJob job(std::move(*params));
    ProgressPrinter printer(options);
    const BackupResult result = runJob(job, printer);
    const qint64 durationMs =
        result.snapshot.stats.durationMs > 0 ? result.snapshot.stats.durationMs : clock.elapsed();
    // The job's own count covers warnings emitted before anyone listened; take the larger.
    const qint64 warnings = qMax<qint64>(printer.warningCount(), result.unreadable + result.changedWhileRead);

    ExitCode code = ExitCode::Success;
    if (!result.status)
        code = exitCodeFor(result.status.error().code);
    else if (result.partial())
        code = ExitCode::Partial;

    if (options.json()) {
        QJsonObject o{{QStringLiteral("type"), QStringLiteral("result")},
                      {QStringLiteral("command"), QStringLiteral("backup")},
                      {QStringLiteral("ok"), result.status.ok()},
                      {QStringLiteral("exitCode"), toInt(code)},
                      {QStringLiteral("warnings"), warnings},
                      {QStringLiteral("unreadable"), result.unreadable},
                      {QStringLiteral("changedWhileRead"), result.changedWhileRead},
                      {QStringLiteral("durationMs"), durationMs}};
        if (result.upgradedFromFormat > 0)
            o.insert(QStringLiteral("upgradedFromFormat"), result.upgradedFromFormat);
        if (result.status) {
            o.insert(QStringLiteral("snapshot"), result.snapshot.id);
            o.insert(QStringLiteral("shortId"), result.snapshot.shortId());
            o.insert(QStringLiteral("kind"), kindName(result.snapshot.kind));
            o.insert(QStringLiteral("set"), result.snapshot.set);
            o.insert(QStringLiteral("stats"), statsJson(result.snapshot.stats));
        } else {
            o.insert(QStringLiteral("error"), errorJson(result.status.error()));
        }
        printJson(o);
    }

    if (result.upgradedFromFormat > 0 && !options.json())
        printNote(upgradeNote(result.upgradedFromFormat, session->url()));
    if (!result.status) {
        if (result.status.error().code == ErrorCode::Cancelled) {
            printError(
                QStringLiteral("backup cancelled: no version saved; the data uploaded so far is kept for the "
                               "next backup"));
            return ExitCode::Cancelled;
        }
        return reportError(result.status.error());
    }
    if (!options.json() && !options.quiet())
        printSummary(result, durationMs, warnings);
    if (code == ExitCode::Partial && !options.json())
        printWarning(
            QStringLiteral("version %1 saved, but %2 file(s) could not be read and %3 changed while read")
                .arg(result.snapshot.shortId())
                .arg(result.unreadable)
                .arg(result.changedWhileRead));
    return code;
}

} // namespace strata::cli
