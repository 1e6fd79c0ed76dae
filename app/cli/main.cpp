// strata-cli: the command-line client over strata_core, for scripts, timers and servers.
#include "CliOptions.h"
#include "Commands.h"
#include "Console.h"
#include "engine/BackupJob.h"
#include "engine/Check.h"
#include "engine/Forget.h"
#include "engine/Restore.h"
#include "Interrupt.h"

#include "util/Trace.h"

#include <QCoreApplication>

#include <cstdio>
#include <exception>

using namespace strata;
using namespace strata::cli;

namespace {

ExitCode dispatch(const CliOptions &options)
{
    const QString &c = options.command();
    if (c == QLatin1String("init"))
        return runInit(options);
    if (c == QLatin1String("backup"))
        return runBackup(options);
    if (c == QLatin1String("snapshots"))
        return runSnapshots(options);
    if (c == QLatin1String("ls"))
        return runLs(options);
    if (c == QLatin1String("restore"))
        return runRestore(options);
    if (c == QLatin1String("export"))
        return runExport(options);
    if (c == QLatin1String("diff"))
        return runDiff(options);
    if (c == QLatin1String("check"))
        return runCheck(options);
    if (c == QLatin1String("key"))
        return runKey(options);
    if (c == QLatin1String("unlock"))
        return runUnlock(options);
    if (c == QLatin1String("repair"))
        return runRepair(options);
    if (c == QLatin1String("forget"))
        return runForget(options);
    if (c == QLatin1String("prune"))
        return runPrune(options);
    if (c == QLatin1String("tag"))
        return runTag(options);
    if (c == QLatin1String("history"))
        return runHistory(options);
    if (c == QLatin1String("find"))
        return runFind(options);
    printError(QStringLiteral("unknown command '%1' (see 'strata-cli --help')").arg(c));
    return ExitCode::Usage;
}

ExitCode run(const QStringList &arguments, const QList<QByteArray> &raw)
{
    Result<CliOptions> options = CliOptions::parse(arguments, raw);
    if (!options)
        return reportError(options.error());
    setVerbose(options->isSet(QStringLiteral("verbose")));
    if (options->versionRequested()) {
        printLine(versionText());
        return ExitCode::Success;
    }
    if (options->helpRequested()) {
        const CommandDef *command = findCommand(options->command());
        printRaw((command ? commandHelp(*command) : overallHelp()).toUtf8());
        return ExitCode::Success;
    }
    if (options->command().isEmpty()) {
        printError(QStringLiteral("no command given (see 'strata-cli --help')"));
        return ExitCode::Usage;
    }
    if (options->isSet(QStringLiteral("profile")))
        trace::setEnabled(true);
    const ExitCode code = dispatch(*options);
    if (trace::enabled())
        printNote(QStringLiteral("time per stage, summed over threads:\n") + trace::summary());
    return code;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("strata-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION));
    // Queued signals carry these across threads.
    qRegisterMetaType<strata::Progress>();
    qRegisterMetaType<strata::BackupResult>();
    qRegisterMetaType<strata::RestoreResult>();
    qRegisterMetaType<strata::CheckResult>();
    qRegisterMetaType<strata::ForgetResult>();
    qRegisterMetaType<strata::PruneResult>();
    qRegisterMetaType<strata::JobState>();
    Interrupt::install();
    installLogHandler();

    ExitCode code = ExitCode::Failure;
    try {
        // Paths are taken from argv as bytes: arguments() replaces what is not UTF-8.
        QList<QByteArray> raw;
        for (int i = 1; i < argc; ++i)
            raw << QByteArray(argv[i]);
        code = run(QCoreApplication::arguments().mid(1), raw);
    } catch (const std::exception &e) {
        // The core reports errors as values; anything thrown is a bug, but still one line.
        printError(QStringLiteral("internal error: %1").arg(QString::fromLocal8Bit(e.what())));
    } catch (...) {
        printError(QStringLiteral("internal error"));
    }
    clearStatusLine();
    std::fflush(stdout);
    return toInt(code);
}
