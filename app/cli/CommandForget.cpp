// forget and prune: remove versions by a retention policy (or by name) and give the space back.
#include "Commands.h"
#include "Console.h"
#include "engine/Forget.h"
#include "JobRunner.h"
#include "Session.h"

#include <QJsonArray>

namespace strata::cli {

namespace {

Result<int> parseCount(const QString &option, const QString &text)
{
    if (text.trimmed() == QLatin1String("all") || text.trimmed() == QLatin1String("unlimited"))
        return -1;
    bool ok = false;
    const int n = text.trimmed().toInt(&ok);
    if (!ok || n < 0 || n > 1000000)
        return Error::invalid(
            QStringLiteral("forget: --%1 takes a count from 0 to 1000000, or 'all' (not '%2')")
                .arg(option, text));
    return n;
}

Result<double> parseUnused(const QString &command, QString text)
{
    text = text.trimmed();
    if (text.endsWith(QLatin1Char('%')))
        text.chop(1);
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || value < 0 || value > 100)
        return Error::invalid(QStringLiteral("%1: --max-unused takes a percentage from 0% to 100% (not '%2')")
                                  .arg(command, text));
    return value;
}

Result<RetentionPolicy> policyFrom(const CliOptions &options)
{
    RetentionPolicy p =
        options.isSet(QStringLiteral("time-machine")) ? RetentionPolicy::timeMachine() : RetentionPolicy{};
    const std::pair<const char *, int RetentionPolicy::*> counts[] = {
        {"keep-last", &RetentionPolicy::keepLast},       {"keep-hourly", &RetentionPolicy::keepHourly},
        {"keep-daily", &RetentionPolicy::keepDaily},     {"keep-weekly", &RetentionPolicy::keepWeekly},
        {"keep-monthly", &RetentionPolicy::keepMonthly}, {"keep-yearly", &RetentionPolicy::keepYearly}};
    for (const auto &[name, field] : counts) {
        const QString option = QString::fromLatin1(name);
        if (!options.isSet(option))
            continue;
        auto n = parseCount(option, options.value(option));
        STRATA_TRY(n);
        p.*field = *n;
    }
    const std::pair<const char *, RetentionDuration RetentionPolicy::*> durations[] = {
        {"keep-within", &RetentionPolicy::keepWithin},
        {"keep-within-hourly", &RetentionPolicy::keepWithinHourly},
        {"keep-within-daily", &RetentionPolicy::keepWithinDaily},
        {"keep-within-weekly", &RetentionPolicy::keepWithinWeekly},
        {"keep-within-monthly", &RetentionPolicy::keepWithinMonthly},
        {"keep-within-yearly", &RetentionPolicy::keepWithinYearly}};
    for (const auto &[name, field] : durations) {
        const QString option = QString::fromLatin1(name);
        if (!options.isSet(option))
            continue;
        auto d = RetentionDuration::parse(options.value(option));
        if (!d)
            return Error::invalid(QStringLiteral("forget: --%1: %2").arg(option, d.error().message));
        p.*field = *d;
    }
    p.keepTags = options.values(QStringLiteral("keep-tag"));
    if (options.isSet(QStringLiteral("max-size"))) {
        auto size = parseSize(options.value(QStringLiteral("max-size")));
        if (!size)
            return Error::invalid(QStringLiteral("forget: --max-size: %1").arg(size.error().message));
        if (*size <= 0)
            return Error::invalid(QStringLiteral("forget: --max-size must be more than 0"));
        p.maxTotalBytes = *size;
    }
    if (options.isSet(QStringLiteral("keep-safety-days"))) {
        bool ok = false;
        const int days = options.value(QStringLiteral("keep-safety-days")).toInt(&ok);
        if (!ok || days < 0 || days > 100000)
            return Error::invalid(QStringLiteral("forget: --keep-safety-days takes a number of days"));
        p.safetyDays = days;
    }
    return p;
}

QJsonObject pruneJson(const PruneResult &r)
{
    return {{QStringLiteral("dryRun"), r.dryRun},
            {QStringLiteral("versions"), r.versions},
            {QStringLiteral("blobsUsed"), r.blobsUsed},
            {QStringLiteral("blobsUnused"), r.blobsUnused},
            {QStringLiteral("blobsRemoved"), r.blobsRemoved},
            {QStringLiteral("blobsRepacked"), r.blobsRepacked},
            {QStringLiteral("packsBefore"), r.packsBefore},
            {QStringLiteral("packsDeleted"), r.packsDeleted},
            {QStringLiteral("packsRepacked"), r.packsRepacked},
            {QStringLiteral("packsWritten"), r.packsWritten},
            {QStringLiteral("unreferencedPacks"), r.unreferencedPacks},
            {QStringLiteral("bytesBefore"), r.bytesBefore},
            {QStringLiteral("bytesAfter"), r.bytesAfter},
            {QStringLiteral("bytesFreed"), r.bytesFreed()},
            {QStringLiteral("unusedBytesBefore"), r.unusedBytesBefore},
            {QStringLiteral("unusedBytesAfter"), r.unusedBytesAfter}};
}

void printPrune(const PruneResult &r)
{
    const QString verb = r.dryRun ? QStringLiteral("Would delete") : QStringLiteral("Deleted");
    printLine(
        QStringLiteral("%1 %2 pack(s) with nothing in use%3, repack%4 %5 pack(s) (%6 blob(s) in use, %7 "
                       "new pack(s)).")
            .arg(verb, groupedNumber(r.packsDeleted),
                 r.unreferencedPacks ? QStringLiteral(" (%1 in no index)").arg(r.unreferencedPacks)
                                     : QString(),
                 r.dryRun ? QString() : QStringLiteral("ed"), groupedNumber(r.packsRepacked),
                 groupedNumber(r.blobsRepacked), groupedNumber(r.packsWritten)));
    printLine(QStringLiteral("%1 %2 of %3: the repository %4 %5 (%6 still unused, in packs below the limit).")
                  .arg(r.dryRun ? QStringLiteral("Would free") : QStringLiteral("Freed"),
                       humanBytes(r.bytesFreed()), humanBytes(r.bytesBefore),
                       r.dryRun ? QStringLiteral("would hold") : QStringLiteral("holds"),
                       humanBytes(r.bytesAfter), humanBytes(r.unusedBytesAfter)));
}

ExitCode finishWith(const Status &status, const CliOptions &options, QJsonObject json)
{
    const ExitCode code = status ? ExitCode::Success : exitCodeFor(status.error().code);
    if (options.json()) {
        json.insert(QStringLiteral("type"), QStringLiteral("result"));
        json.insert(QStringLiteral("ok"), status.ok());
        json.insert(QStringLiteral("exitCode"), toInt(code));
        if (!status)
            json.insert(QStringLiteral("error"), errorJson(status.error()));
        printJson(json);
        return code;
    }
    if (!status)
        return reportError(status.error());
    return code;
}

} // namespace

ExitCode runForget(const CliOptions &options)
{
    ForgetParams params;
    auto policy = policyFrom(options);
    if (!policy)
        return reportError(policy.error());
    params.policy = *policy;
    params.versions = options.args();
    params.set = options.value(QStringLiteral("set"));
    params.host = options.value(QStringLiteral("host"));
    params.dryRun = options.isSet(QStringLiteral("dry-run"));
    params.prune = options.isSet(QStringLiteral("prune")) ? ForgetParams::Prune::IfForgotten
                                                          : ForgetParams::Prune::Never;
    if (options.isSet(QStringLiteral("max-unused"))) {
        auto unused = parseUnused(QStringLiteral("forget"), options.value(QStringLiteral("max-unused")));
        if (!unused)
            return reportError(unused.error());
        params.maxUnusedPercent = *unused;
    }
    const bool named = !params.versions.isEmpty();
    if (named && (!params.policy.isEmpty() || !params.set.isEmpty() || !params.host.isEmpty()))
        return reportError(Error::invalid(QStringLiteral(
            "forget: give either versions to remove or a policy (--keep-*, --max-size), not both")));
    if (!named && params.policy.isEmpty())
        return reportError(Error::invalid(QStringLiteral(
            "forget: no policy given, so nothing would be removed (give --keep-last, --keep-daily, "
            "..., --max-size or --time-machine, or the versions to remove)")));

    // The job takes the exclusive lock itself (a dry run a shared one).
    Result<Session> session = Session::open(options, {.lock = std::nullopt});
    if (!session)
        return reportError(session.error());
    params.repo = session->shared();
    ForgetJob job(std::move(params));
    ProgressPrinter printer(options);
    const ForgetResult result = runJob(job, printer);

    QJsonObject json{{QStringLiteral("command"), QStringLiteral("forget")},
                     {QStringLiteral("dryRun"), result.dryRun},
                     {QStringLiteral("removed"), QJsonArray::fromStringList(result.removed)}};
    QJsonArray groups;
    for (qsizetype i = 0; i < result.decisions.size();) {
        const RetentionDecision &first = result.decisions.at(i);
        QJsonArray keep, remove;
        qsizetype j = i;
        for (; j < result.decisions.size() && result.decisions.at(j).set == first.set &&
               result.decisions.at(j).host == first.host;
             ++j) {
            const RetentionDecision &d = result.decisions.at(j);
            const QJsonObject o{{QStringLiteral("id"), d.id},
                                {QStringLiteral("time"), isoTime(d.time)},
                                {QStringLiteral("reasons"), QJsonArray::fromStringList(d.reasons)}};
            (d.keep ? keep : remove).append(o);
            if (!options.json() && !options.quiet())
                printLine(QStringLiteral("%1  %2  %3  %4")
                              .arg(d.keep ? QStringLiteral("keep  ") : QStringLiteral("remove"), d.id.left(8),
                                   formatTime(d.time), d.reasons.join(QStringLiteral(", "))));
        }
        groups.append(QJsonObject{{QStringLiteral("set"), first.set},
                                  {QStringLiteral("host"), first.host},
                                  {QStringLiteral("keep"), keep},
                                  {QStringLiteral("remove"), remove}});
        if (!options.json() && !options.quiet())
            printLine(QStringLiteral("    set %1 on %2: %3 kept, %4 to remove\n")
                          .arg(first.set, first.host)
                          .arg(keep.size())
                          .arg(remove.size()));
        i = j;
    }
    json.insert(QStringLiteral("groups"), groups);
    if (result.pruned)
        json.insert(QStringLiteral("prune"), pruneJson(result.prune));
    if (result.status && !options.json() && !options.quiet()) {
        if (named)
            for (const QString &id : result.removed)
                printLine(QStringLiteral("%1 version %2")
                              .arg(result.dryRun ? QStringLiteral("Would remove") : QStringLiteral("Removed"),
                                   id.left(8)));
        printLine(QStringLiteral("%1 %2 version(s).")
                      .arg(result.dryRun ? QStringLiteral("Would remove") : QStringLiteral("Removed"))
                      .arg(result.removed.size()));
        if (result.pruned)
            printPrune(result.prune);
        else if (!result.removed.isEmpty() && !result.dryRun)
            printLine(QStringLiteral("Their data stays until 'strata-cli prune' (or forget --prune)."));
    }
    return finishWith(result.status, options, json);
}

ExitCode runPrune(const CliOptions &options)
{
    PruneParams params;
    params.dryRun = options.isSet(QStringLiteral("dry-run"));
    if (options.isSet(QStringLiteral("max-unused"))) {
        auto unused = parseUnused(QStringLiteral("prune"), options.value(QStringLiteral("max-unused")));
        if (!unused)
            return reportError(unused.error());
        params.maxUnusedPercent = *unused;
    }
    Result<Session> session = Session::open(options, {.lock = std::nullopt}); // the job locks
    if (!session)
        return reportError(session.error());
    params.repo = session->shared();
    PruneJob job(std::move(params));
    ProgressPrinter printer(options);
    const PruneResult result = runJob(job, printer);
    if (result.status && !options.json() && !options.quiet())
        printPrune(result);
    QJsonObject json = pruneJson(result);
    json.insert(QStringLiteral("command"), QStringLiteral("prune"));
    return finishWith(result.status, options, json);
}

} // namespace strata::cli
