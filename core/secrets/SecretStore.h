// Passwords in the OS keychain (Secret Service, KWallet, macOS Keychain, Windows Credential
// Store) through Qt Keychain. Keys are "repository:<repository id>" so a password follows a
// repository wherever it is mounted. When no keychain answers, or it is locked, the error
// says so (ErrorCode::Unsupported for "no keychain", ErrorCode::Locked for "locked"), so the
// caller can offer the user a clear choice instead of failing silently.
#pragma once

#include "util/Result.h"

#include <QObject>
#include <QString>

#include <functional>

namespace strata {

class SecretStore final
{
public:
    static QString keyForRepository(const QString &repositoryId);

    // Blocking calls: they wait (at most about 10 s) for the answer of the keychain thread, so call
    // them from the CLI or a worker thread, never from the GUI thread.
    static Result<QString> read(const QString &key);
    static Status write(const QString &key, const QString &secret);
    static Status remove(const QString &key);

    // Non-blocking variants for the GUI: `done` runs on `context`'s thread.
    static void readAsync(const QString &key, QObject *context, std::function<void(Result<QString>)> done);
    static void writeAsync(const QString &key, const QString &secret, QObject *context,
                           std::function<void(Status)> done);
};

} // namespace strata
