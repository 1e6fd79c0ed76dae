// The commands of strata-cli. Each takes the parsed command line, does its work, prints its
// output and returns the exit code; errors are printed as one "strata-cli: ..." line.
#pragma once

#include "CliOptions.h"
#include "ExitCodes.h"

namespace strata::cli {

ExitCode runInit(const CliOptions &options);      // CommandsRepo.cpp
ExitCode runSnapshots(const CliOptions &options); // CommandsRepo.cpp
ExitCode runKey(const CliOptions &options);       // CommandsRepo.cpp
ExitCode runUnlock(const CliOptions &options);    // CommandsRepo.cpp
ExitCode runTag(const CliOptions &options);       // CommandsRepo.cpp
ExitCode runRepair(const CliOptions &options);    // CommandsRepo.cpp
ExitCode runBackup(const CliOptions &options);    // CommandBackup.cpp
ExitCode runRestore(const CliOptions &options);   // CommandRestore.cpp
ExitCode runLs(const CliOptions &options);        // CommandsBrowse.cpp
ExitCode runDiff(const CliOptions &options);      // CommandsBrowse.cpp
ExitCode runCheck(const CliOptions &options);     // CommandCheck.cpp
ExitCode runExport(const CliOptions &options);    // CommandExport.cpp
ExitCode runForget(const CliOptions &options);    // CommandForget.cpp
ExitCode runPrune(const CliOptions &options);     // CommandForget.cpp
ExitCode runHistory(const CliOptions &options);   // CommandsCatalog.cpp
ExitCode runFind(const CliOptions &options);      // CommandsCatalog.cpp

} // namespace strata::cli
