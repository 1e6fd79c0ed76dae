// check: runs a CheckJob and reports problems, damaged packs and the files they affect.
#include "Commands.h"
#include "Console.h"
#include "engine/Check.h"
#include "JobRunner.h"
#include "Session.h"

#include <QJsonArray>

namespace strata::cli {

namespace {

Result<int> parsePercent(QString text)
{
    text = text.trimmed();
    if (text.endsWith(QLatin1Char('%')))
        text.chop(1);
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || value <= 0 || value > 100)
        return Error::invalid(QStringLiteral("check: --read-data-subset takes a percentage from 1% to 100%"));
    return qMax(1, int(value + 0.5));
}

} // namespace

ExitCode runCheck(const CliOptions &options)
{
    CheckParams params;
    const bool subset = options.isSet(QStringLiteral("read-data-subset"));
    if (subset && options.isSet(QStringLiteral("read-data")))
        return reportError(
            Error::invalid(QStringLiteral("check: use either --read-data or --read-data-subset")));
    params.readData = subset || options.isSet(QStringLiteral("read-data"));
    if (subset) {
        Result<int> percent = parsePercent(options.value(QStringLiteral("read-data-subset")));
        if (!percent)
            return reportError(percent.error());
        params.readDataPercent = *percent;
    }

    // The job reads the index files itself (loading them here would stop at the first damaged
    // one instead of reporting it), and takes its own lock.
    Result<Session> session = Session::open(options, {.lock = std::nullopt});
    if (!session)
        return reportError(session.error());
    params.repo = session->shared();
    const bool readData = params.readData;
    CheckJob job(std::move(params));
    ProgressPrinter printer(options);
    const CheckResult result = runJob(job, printer);

    ExitCode code = ExitCode::Success;
    if (!result.status)
        code = exitCodeFor(result.status.error().code);
    else if (!result.healthy())
        code = ExitCode::Corrupt;

    const auto problemJson = [](const CheckProblem &p) {
        QJsonObject o{{QStringLiteral("problem"), p.problem},
                      {QStringLiteral("remedy"), p.remedy},
                      {QStringLiteral("versions"), QJsonArray::fromStringList(p.versions)},
                      {QStringLiteral("affectedFiles"), QJsonArray::fromStringList(p.affectedFiles)},
                      {QStringLiteral("affectedCount"), p.affectedCount}};
        if (!p.pack.isEmpty())
            o.insert(QStringLiteral("pack"), p.pack);
        return o;
    };
    if (options.json()) {
        QJsonArray problems, packs;
        for (const CheckProblem &p : result.problems) {
            problems.append(problemJson(p));
            if (!p.pack.isEmpty())
                packs.append(problemJson(p));
        }
        QJsonObject o{{QStringLiteral("type"), QStringLiteral("result")},
                      {QStringLiteral("command"), QStringLiteral("check")},
                      {QStringLiteral("ok"), result.status.ok()},
                      {QStringLiteral("healthy"), result.healthy()},
                      {QStringLiteral("exitCode"), toInt(code)},
                      {QStringLiteral("dataRead"), result.dataRead},
                      {QStringLiteral("errors"), QJsonArray::fromStringList(result.errors)},
                      {QStringLiteral("problems"), problems},
                      {QStringLiteral("damagedPacks"), packs},
                      {QStringLiteral("snapshotsChecked"), result.snapshotsChecked},
                      {QStringLiteral("treesChecked"), result.treesChecked},
                      {QStringLiteral("packsChecked"), result.packsChecked},
                      {QStringLiteral("blobsChecked"), result.blobsChecked},
                      {QStringLiteral("unreferencedPacks"), result.unreferencedPacks}};
        if (!result.status)
            o.insert(QStringLiteral("error"), errorJson(result.status.error()));
        printJson(o);
        return code;
    }

    if (!result.status)
        return reportError(result.status.error());

    // Problems go to stdout: they are the answer to the question the user asked.
    for (const CheckProblem &p : result.problems) {
        printLine(QStringLiteral("error: ") + p.problem);
        if (!p.versions.isEmpty())
            printLine(
                QStringLiteral("    version(s) affected: %1").arg(p.versions.join(QStringLiteral(", "))));
        if (p.affectedCount > 0)
            printLine(QStringLiteral("    %1 file(s) or folder(s) affected%2:")
                          .arg(groupedNumber(p.affectedCount))
                          .arg(p.affectedCount > p.affectedFiles.size()
                                   ? QStringLiteral(", the first %1 listed").arg(p.affectedFiles.size())
                                   : QString()));
        for (const QString &file : p.affectedFiles)
            printLine(QStringLiteral("        ") + file);
        if (!p.remedy.isEmpty())
            printLine(QStringLiteral("    repair: ") + p.remedy);
    }
    if (!options.quiet()) {
        QString checked =
            QStringLiteral("Checked %1 version(s), %2 tree(s)")
                .arg(groupedNumber(result.snapshotsChecked), groupedNumber(result.treesChecked));
        if (readData)
            checked += QStringLiteral(", read %1 pack(s) with %2 blob(s)")
                           .arg(groupedNumber(result.packsChecked), groupedNumber(result.blobsChecked));
        printLine(checked + QLatin1Char('.'));
        if (!readData)
            printLine(
                QStringLiteral("The data in the packs was not read, so damage inside them is not found; "
                               "'strata-cli check --read-data' reads and verifies all of it "
                               "(--read-data-subset 10% a random tenth)."));
        if (result.unreferencedPacks > 0)
            printLine(QStringLiteral(
                          "%1 pack(s) are in no index file: left by an interrupted backup, or their index "
                          "was lost (then 'strata-cli repair index' brings them back).")
                          .arg(result.unreferencedPacks));
    }
    if (code == ExitCode::Corrupt)
        printError(QStringLiteral("the repository at %1 is damaged: %2 problem(s), %3 damaged pack(s)")
                       .arg(session->repo().location())
                       .arg(result.errors.size())
                       .arg(result.damagedPacks().size()));
    else if (!options.quiet())
        printLine(QStringLiteral("No problems found."));
    return code;
}

} // namespace strata::cli
