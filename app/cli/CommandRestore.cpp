// restore: a RestorePlan from the command line, shown with planRestore() for --dry-run or
// carried out by a RestoreJob.
#include "Commands.h"
#include "Console.h"
#include "engine/Restore.h"
#include "Interrupt.h"
#include "JobRunner.h"
#include "Session.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>

#include <algorithm>

namespace strata::cli {

namespace {

QJsonObject summaryJson(const PlanSummary &s)
{
    return {{QStringLiteral("create"), s.create},       {QStringLiteral("overwrite"), s.overwrite},
            {QStringLiteral("skip"), s.skip},           {QStringLiteral("keepBoth"), s.keepBoth},
            {QStringLiteral("unchanged"), s.unchanged}, {QStringLiteral("refused"), s.refused},
            {QStringLiteral("damaged"), s.damaged},     {QStringLiteral("bytes"), s.bytes}};
}

QJsonArray damagedJson(const QList<DamagedFile> &damaged)
{
    QJsonArray out;
    for (const DamagedFile &d : damaged) {
        QJsonObject o{{QStringLiteral("path"), d.path},
                      {QStringLiteral("problem"), d.problem},
                      {QStringLiteral("chunksLost"), d.chunksLost},
                      {QStringLiteral("bytesLost"), d.bytesLost}};
        if (!d.salvagedAs.isEmpty())
            o.insert(QStringLiteral("salvagedAs"), d.salvagedAs);
        if (d.folder)
            o.insert(QStringLiteral("folder"), true);
        out.append(o);
    }
    return out;
}

QString summaryText(const PlanSummary &s)
{
    return QStringLiteral(
               "%1 to create, %2 to overwrite, %3 kept beside existing files, %4 skipped, %5 unchanged, "
               "%6 refused; %7 to write")
        .arg(groupedNumber(s.create), groupedNumber(s.overwrite), groupedNumber(s.keepBoth),
             groupedNumber(s.skip), groupedNumber(s.unchanged), groupedNumber(s.refused),
             humanBytes(s.bytes));
}

Result<RestorePlan> planFrom(const CliOptions &options)
{
    RestorePlan plan;
    plan.snapshot = options.args().at(0);
    if (options.isSet(QStringLiteral("target"))) {
        const QString target = options.value(QStringLiteral("target"));
        if (target.isEmpty())
            return Error::invalid(QStringLiteral("restore: --target needs a folder"));
        plan.target = QDir::cleanPath(QDir::current().absoluteFilePath(target));
    }
    plan.includes = options.rawValues(QStringLiteral("include"));
    if (options.isSet(QStringLiteral("conflict"))) {
        const std::optional<ConflictPolicy> policy =
            conflictPolicyFromName(options.value(QStringLiteral("conflict")));
        if (!policy)
            return Error::invalid(
                QStringLiteral("restore: --conflict is overwrite, skip, if-changed or keep-both, not "
                               "'%1'")
                    .arg(options.value(QStringLiteral("conflict"))));
        plan.conflict = *policy;
    }
    plan.safetyVersion = !options.isSet(QStringLiteral("no-safety"));
    plan.attributes.xattrs = !options.isSet(QStringLiteral("no-xattrs"));
    plan.attributes.acls = !options.isSet(QStringLiteral("no-acls"));
    plan.numericOwner = options.isSet(QStringLiteral("numeric-owner"));
    plan.salvage = options.isSet(QStringLiteral("salvage"));
    return plan;
}

ExitCode dryRun(const CliOptions &options, Repository &repo, const RestorePlan &plan)
{
    const bool json = options.json();
    const auto each = [&](const PlannedEntry &e) {
        if (json) {
            printJson({{QStringLiteral("type"), QStringLiteral("planned")},
                       {QStringLiteral("action"), restoreActionName(e.action)},
                       {QStringLiteral("destination"), e.destination},
                       {QStringLiteral("original"), e.original},
                       {QStringLiteral("nodeType"), nodeTypeName(e.type)},
                       {QStringLiteral("size"), e.size}});
            return;
        }
        printLine(restoreActionName(e.action).leftJustified(10) + e.destination);
    };
    const auto refused = [&](const QString &path, const QString &why) {
        if (json)
            printJson({{QStringLiteral("type"), QStringLiteral("refused")},
                       {QStringLiteral("path"), path},
                       {QStringLiteral("message"), why}});
        else
            printWarning(QStringLiteral("refused %1: %2").arg(path, why));
    };

    const Interrupt::Scope interruptible;
    Result<PlanSummary> summary = planRestore(repo, plan, each, refused, Interrupt::flag());
    if (!summary)
        return reportError(summary.error());
    // A folder the repository cannot list is damage, as in a real restore.
    const ExitCode code = summary->damaged > 0   ? ExitCode::Corrupt
                          : summary->refused > 0 ? ExitCode::Partial
                                                 : ExitCode::Success;
    if (json) {
        QJsonObject o{{QStringLiteral("type"), QStringLiteral("result")},
                      {QStringLiteral("command"), QStringLiteral("restore")},
                      {QStringLiteral("dryRun"), true},
                      {QStringLiteral("ok"), true},
                      {QStringLiteral("exitCode"), toInt(code)},
                      {QStringLiteral("summary"), summaryJson(*summary)}};
        printJson(o);
    } else if (!options.quiet()) {
        printLine(QStringLiteral("Dry run, nothing written: ") + summaryText(*summary));
    }
    return code;
}

} // namespace

ExitCode runRestore(const CliOptions &options)
{
    Result<RestorePlan> plan = planFrom(options);
    if (!plan)
        return reportError(plan.error());
    int threads = 0;
    if (options.isSet(QStringLiteral("threads"))) {
        bool ok = false;
        threads = options.value(QStringLiteral("threads")).toInt(&ok);
        if (!ok || threads < 1 || threads > 256)
            return reportError(
                Error::invalid(QStringLiteral("restore: --threads takes a number from 1 to 256")));
    }

    Result<Session> session = Session::open(options, {});
    if (!session)
        return reportError(session.error());
    // Resolved once here, so "latest" cannot move between the plan and the restore, and a bad
    // name is reported before anything starts.
    Result<Snapshot> snapshot = session->repo().findSnapshot(plan->snapshot);
    if (!snapshot)
        return reportError(snapshot.error());
    plan->snapshot = snapshot->id;

    if (options.isSet(QStringLiteral("dry-run")))
        return dryRun(options, session->repo(), *plan);

    const bool inPlace = plan->target.isEmpty();
    if (!options.json() && !options.quiet())
        printNote(
            inPlace ? QStringLiteral("Restoring version %1 to its original places.").arg(snapshot->shortId())
                    : QStringLiteral("Restoring version %1 into %2.").arg(snapshot->shortId(), plan->target));

    QElapsedTimer clock;
    clock.start();
    RestoreParams params{session->shared(), *plan, threads, {}};
    // A fault that no real part produces on demand: the tests use it to exercise the rollback.
    if (qEnvironmentVariableIntValue("STRATA_TEST") == 1 &&
        qEnvironmentVariableIsSet("STRATA_TEST_FAIL_RESTORE_AFTER"))
        params.hooks.failAfterFiles = qEnvironmentVariableIntValue("STRATA_TEST_FAIL_RESTORE_AFTER");
    RestoreJob job(std::move(params));
    ProgressPrinter printer(options);
    const RestoreResult result = runJob(job, printer);
    const qint64 durationMs = clock.elapsed();

    ExitCode code = ExitCode::Success;
    if (!result.status)
        code = exitCodeFor(result.status.error().code);
    else if (!result.damaged.isEmpty())
        code = ExitCode::Corrupt;
    else if (result.failed > 0 || result.done.refused > 0)
        code = ExitCode::Partial;

    if (options.json()) {
        QJsonObject o{
            {QStringLiteral("type"), QStringLiteral("result")},
            {QStringLiteral("command"), QStringLiteral("restore")},
            {QStringLiteral("dryRun"), false},
            {QStringLiteral("ok"), result.status.ok()},
            {QStringLiteral("exitCode"), toInt(code)},
            {QStringLiteral("snapshot"), snapshot->id},
            {QStringLiteral("target"), inPlace ? QJsonValue() : QJsonValue(plan->target)},
            {QStringLiteral("summary"), summaryJson(result.done)},
            {QStringLiteral("failed"), result.failed},
            {QStringLiteral("warnings"), qMax<qint64>(printer.warningCount(), result.warnings.size())},
            {QStringLiteral("safetySnapshot"), result.safetySnapshot},
            {QStringLiteral("rolledBack"), result.rolledBack},
            {QStringLiteral("damaged"), damagedJson(result.damaged)},
            {QStringLiteral("durationMs"), durationMs}};
        if (!result.status)
            o.insert(QStringLiteral("error"), errorJson(result.status.error()));
        printJson(o);
    }

    // Where the safety version is matters most when something went wrong, so say it even then.
    if (!options.json()) {
        if (!result.safetySnapshot.isEmpty())
            printNote(QStringLiteral("Safety version %1 holds the files this restore replaced "
                                     "('strata-cli restore --repo %2 %1' puts them back).")
                          .arg(result.safetySnapshot.left(8), session->url()));
        if (result.rolledBack)
            printNote(
                QStringLiteral("The restore failed and was rolled back: the replaced files were put back and "
                               "the files it had created were removed."));
    }
    if (!result.status) {
        if (result.status.error().code == ErrorCode::Cancelled) {
            printError(result.rolledBack
                           ? QStringLiteral("restore cancelled and rolled back")
                           : QStringLiteral("restore cancelled: some files may already be restored"));
            return ExitCode::Cancelled;
        }
        return reportError(result.status.error());
    }
    if (!options.json() && !options.quiet())
        printLine(
            QStringLiteral("Restored in %1: %2 created, %3 overwritten, %4 kept beside existing files, %5 "
                           "skipped, %6 unchanged, %7 written.")
                .arg(humanDuration(durationMs), groupedNumber(result.done.create),
                     groupedNumber(result.done.overwrite), groupedNumber(result.done.keepBoth),
                     groupedNumber(result.done.skip), groupedNumber(result.done.unchanged),
                     humanBytes(result.done.bytes)));
    if (!result.damaged.isEmpty() && !options.json()) {
        // Every affected file, on stdout: this is the list the user needs to act on.
        const qsizetype salvaged =
            std::count_if(result.damaged.begin(), result.damaged.end(),
                          [](const DamagedFile &d) { return !d.salvagedAs.isEmpty(); });
        printLine(QStringLiteral("%1 file(s) or folder(s) are damaged in the repository and were %2:")
                      .arg(result.damaged.size())
                      .arg(salvaged ? QStringLiteral("salvaged with zeros where data is lost")
                                    : QStringLiteral("not restored")));
        for (const DamagedFile &d : result.damaged)
            printLine(QStringLiteral("    %1%2")
                          .arg(d.path, d.folder                 ? QStringLiteral("/ (the whole folder)")
                                       : d.salvagedAs.isEmpty() ? QString()
                                                                : QStringLiteral(" -> ") + d.salvagedAs));
        printError(
            QStringLiteral("the repository at %1 is damaged: %2 file(s) or folder(s) could not be restored "
                           "whole; every other "
                           "file was. Run 'strata-cli check --repo %1 --read-data' to see the damage%3.")
                .arg(session->url())
                .arg(result.damaged.size())
                .arg(salvaged == result.damaged.size()
                         ? QString()
                         : QStringLiteral(", or restore again with --salvage to keep what is left of them")));
    }
    if (code == ExitCode::Partial && !options.json())
        printWarning(QStringLiteral("%1 entr%2 could not be restored and %3 refused (unsafe names)")
                         .arg(result.failed)
                         .arg(result.failed == 1 ? QStringLiteral("y") : QStringLiteral("ies"))
                         .arg(result.done.refused));
    return code;
}

} // namespace strata::cli
