// The exit codes strata-cli promises to scripts, and how a core ErrorCode maps onto them.
// The numbers are a public contract (documented in `strata-cli --help`): never renumber.
#pragma once

#include "util/Result.h"

namespace strata::cli {

enum class ExitCode : int
{
    Success = 0,
    Failure = 1,           // anything not covered below
    Usage = 2,             // bad command line
    Partial = 3,           // done, but some files were unreadable, changed while read, failed or refused
    RepositoryMissing = 4, // no repository at the given place
    WrongPassword = 5,     // no key opens with the password
    Locked = 6,            // another process holds a conflicting lock
    Corrupt = 7,           // check found damage, or a command hit corrupt data
    Cancelled = 8,         // SIGINT or SIGTERM
    Unreachable = 9,       // the storage could not be reached or stopped answering (after retries)
    AccessDenied = 10,     // the storage refused the credentials, the host key or access
};

constexpr ExitCode exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::RepositoryMissing:
        return ExitCode::RepositoryMissing;
    case ErrorCode::WrongPassword:
        return ExitCode::WrongPassword;
    case ErrorCode::Locked:
        return ExitCode::Locked;
    case ErrorCode::Corrupt:
        return ExitCode::Corrupt;
    case ErrorCode::Cancelled:
        return ExitCode::Cancelled;
    case ErrorCode::InvalidArgument:
        return ExitCode::Usage;
    case ErrorCode::Network:
    case ErrorCode::Timeout:
        return ExitCode::Unreachable;
    case ErrorCode::Auth:
        return ExitCode::AccessDenied;
    case ErrorCode::Io:
    case ErrorCode::NoSpace:
    case ErrorCode::NotFound:
    case ErrorCode::Unsupported:
    case ErrorCode::Internal:
        break;
    }
    return ExitCode::Failure;
}

constexpr int toInt(ExitCode code)
{
    return static_cast<int>(code);
}

} // namespace strata::cli
