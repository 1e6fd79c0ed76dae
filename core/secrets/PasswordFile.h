// A repository password kept in a file that only its owner can read: the fallback for
// unattended backups when no keychain is available. The set stores the file's path, never
// the password (profiles/BackupSet.h).
//
// The file is created with mode 0600 from its first byte (never chmod'ed afterwards, so there
// is no moment when others could read it) and replaced atomically; a folder created for it gets
// 0700. Reading refuses a file that others could have read or replaced, so a password that
// leaked is not silently used.
//
// POSIX only. Blocking but fast (one small local file); safe to call from any thread.
#pragma once

#include "util/Result.h"

#include <QString>

namespace strata {

class PasswordFile final
{
public:
    // QStandardPaths::AppConfigLocation + "/passwords/" + setId.
    static QString defaultPath(const QString &setId);

    // Writes `password` (UTF-8, no trailing newline) to `path`, replacing any file there. Missing
    // folders are created with mode 0700. An empty password is an InvalidArgument error.
    static Status write(const QString &path, const QString &password);

    // Reads the password. Errors: NotFound when there is no file; Io when it is not a regular
    // file, not owned by the current user, or readable or writable by group or others (the
    // message says how to fix it); InvalidArgument when it is empty or not UTF-8 text. One
    // trailing newline ("\n" or "\r\n") is dropped, so `echo secret > file` works.
    static Result<QString> read(const QString &path);
};

} // namespace strata
