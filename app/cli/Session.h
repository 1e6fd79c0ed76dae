// An open repository for one command: found from --repo or $STRATA_REPOSITORY, opened with a
// password from wherever Password.h finds it (the keychain needs the repository id, which
// the plain config gives before anything is decrypted), optionally locked and with its
// index loaded. The lock is released before the repository closes.
#pragma once

#include "CliOptions.h"
#include "Password.h"
#include "repo/Lock.h"
#include "repo/Repository.h"

#include <memory>
#include <optional>

namespace strata::cli {

struct SessionOptions
{
    std::optional<LockMode> lock = LockMode::Shared; // std::nullopt: take no lock
    bool loadIndex = false;
};

class Session final
{
public:
    // Errors carry the exit code's ErrorCode: RepositoryMissing, WrongPassword, Locked, ...
    static Result<Session> open(const CliOptions &options, const SessionOptions &sessionOptions);

    Repository &repo() { return *m_repo; }
    const std::shared_ptr<Repository> &shared() const { return m_repo; }
    const QString &url() const { return m_url; }
    const Password &password() const { return m_password; }

private:
    // Declared before m_lock, so the lock is destroyed (and its file removed) first.
    std::shared_ptr<Repository> m_repo;
    std::unique_ptr<RepoLock> m_lock;
    QString m_url;
    Password m_password;
};

// --repo, else $STRATA_REPOSITORY; a usage error when neither is given.
Result<QString> repositoryUrl(const CliOptions &options);

// Saves the password in the OS keychain for the repository; says on stderr whether it did.
// Failing to save is a warning, never a failure of the command.
void storePasswordInKeychain(const CliOptions &options, const Repository &repo, const QString &password);

} // namespace strata::cli
