// Where strata-cli gets passwords from: the environment, a password file, the OS keychain
// and a no-echo prompt on the terminal. New passwords (init, key add, key passwd) have their
// own environment variable and file option and are typed twice when prompted.
#pragma once

#include "CliOptions.h"
#include "secrets/SecretResolver.h"
#include "util/Result.h"

#include <QString>

#include <optional>

namespace strata::cli {

struct Password
{
    QString text;
    SecretOrigin source = SecretOrigin::Prompt;
};

// --password-file, else $STRATA_PASSWORD; std::nullopt when neither was given.
Result<std::optional<Password>> explicitPassword(const CliOptions &options);

// Where an existing repository's password is looked for: a password given for this run
// (--password-file or $STRATA_PASSWORD) alone, since it was chosen for this very run; else the
// keychain when it may be asked, then one prompt on the terminal (none without a terminal).
Result<SecretChain> passwordChain(const CliOptions &options);

// The password for a new key: --new-password-file, $STRATA_NEW_PASSWORD, or asked twice on the
// terminal. With acceptCurrent (init) --password-file and $STRATA_PASSWORD are taken first.
// Refuses an empty password.
Result<QString> newPassword(const CliOptions &options, bool acceptCurrent);

// Asks on the terminal with echo off. InvalidArgument when stdin is not a terminal.
Result<QString> promptPassword(const QString &prompt);

// The first line of a file, without its line break.
Result<QString> readPasswordFile(const QString &path);

// Whether the keychain may be asked: not with --no-keychain or STRATA_NO_KEYCHAIN=1, and on
// Linux only when a D-Bus session bus is there (cron has none, and waiting for one would hang).
bool keychainUsable(const CliOptions &options);

// The error for "no password and nobody to ask".
Error noPasswordError();

} // namespace strata::cli
