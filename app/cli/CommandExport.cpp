// export: writes a version (or the parts --include names) to an archive file through an
// ExportJob, with the same progress, --json result line and exit codes as restore.
#include "archive/ArchiveExport.h"
#include "Commands.h"
#include "Console.h"
#include "engine/TreeGuard.h"
#include "JobRunner.h"
#include "Session.h"

#include <QDir>
#include <QElapsedTimer>

namespace strata::cli {

ExitCode runExport(const CliOptions &options)
{
    qRegisterMetaType<strata::ExportResult>();
    const QString version = options.args().at(0);
    const QString file = QDir::cleanPath(QDir::current().absoluteFilePath(options.args().at(1)));
    std::optional<ArchiveFormat> format;
    if (options.isSet(QStringLiteral("format"))) {
        format = archiveFormatFromName(options.value(QStringLiteral("format")));
        if (!format)
            return reportError(Error::invalid(QStringLiteral("export: --format is %1, not '%2'")
                                                  .arg(archiveFormatNames().join(QStringLiteral(", ")),
                                                       options.value(QStringLiteral("format")))));
    } else {
        format = archiveFormatFromFileName(file);
        if (!format)
            return reportError(Error::invalid(
                QStringLiteral("export: cannot tell the format from the name %1; end it in .zip, .tar.gz, "
                               ".tar.xz, .tar.zst or .7z, or give --format")
                    .arg(QFileInfo(file).fileName())));
    }

    Result<Session> session = Session::open(options, {});
    if (!session)
        return reportError(session.error());
    // Resolved here so a bad name is reported before anything starts, and "latest" cannot move.
    Result<Snapshot> snapshot = session->repo().findSnapshot(version);
    if (!snapshot)
        return reportError(snapshot.error());

    // The archive writer walks the version on its own; a cycle, an endless nesting or an
    // unreadable folder is refused here first, before anything is written.
    if (Status trees = verifyVersionTrees(session->repo(), *snapshot); !trees)
        return reportError(trees.error());

    if (!options.json() && !options.quiet())
        printNote(QStringLiteral("Exporting version %1 to %2 (%3).")
                      .arg(snapshot->shortId(), file, archiveFormatName(*format)));

    QElapsedTimer clock;
    clock.start();
    ExportJob job(ExportParams{session->shared(), snapshot->id, file, *format,
                               options.rawValues(QStringLiteral("include"))});
    ProgressPrinter printer(options);
    const ExportResult result = runJob(job, printer);
    const qint64 durationMs = clock.elapsed();

    ExitCode code = ExitCode::Success;
    if (!result.status)
        code = exitCodeFor(result.status.error().code);
    else if (!result.warnings.isEmpty())
        code = ExitCode::Partial;

    if (options.json()) {
        QJsonObject o{
            {QStringLiteral("type"), QStringLiteral("result")},
            {QStringLiteral("command"), QStringLiteral("export")},
            {QStringLiteral("ok"), result.status.ok()},
            {QStringLiteral("exitCode"), toInt(code)},
            {QStringLiteral("snapshot"), snapshot->id},
            {QStringLiteral("file"), file},
            {QStringLiteral("format"), archiveFormatName(*format)},
            {QStringLiteral("files"), result.files},
            {QStringLiteral("dirs"), result.dirs},
            {QStringLiteral("symlinks"), result.symlinks},
            {QStringLiteral("bytes"), result.bytes},
            {QStringLiteral("warnings"), qMax<qint64>(printer.warningCount(), result.warnings.size())},
            {QStringLiteral("durationMs"), durationMs}};
        if (!result.status)
            o.insert(QStringLiteral("error"), errorJson(result.status.error()));
        printJson(o);
    }
    if (!result.status) {
        if (result.status.error().code == ErrorCode::Cancelled) {
            printError(QStringLiteral("export cancelled: no archive was written"));
            return ExitCode::Cancelled;
        }
        return reportError(result.status.error());
    }
    if (!options.json() && !options.quiet())
        printLine(QStringLiteral("Exported in %1: %2 files, %3 folders, %4 links, %5 into %6.")
                      .arg(humanDuration(durationMs), groupedNumber(result.files), groupedNumber(result.dirs),
                           groupedNumber(result.symlinks), humanBytes(result.bytes), file));
    if (code == ExitCode::Partial && !options.json())
        printWarning(
            QStringLiteral("%1 entr%2 left out or stored under a changed name (see the warnings above)")
                .arg(result.warnings.size())
                .arg(result.warnings.size() == 1 ? QStringLiteral("y") : QStringLiteral("ies")));
    return code;
}

} // namespace strata::cli
