// Opening a repository is one call for every caller (the window, the service, strata-cli):
// find the storage, read the plain config (which names the keychain entry and refuses a newer
// format before anyone is asked for a password), find the password through the caller's chain
// (SecretResolver.h), and, when asked, make a new repository where there is none. An answer
// the person asked to remember is saved in the keychain once it opened the repository.
//
// Blocking: call it from a worker thread or the CLI's main thread.
#pragma once

#include "repo/Repository.h"
#include "secrets/SecretResolver.h"

#include <functional>
#include <memory>
#include <optional>

namespace strata {

enum class OpenStage
{
    Looking,         // reading the storage's config
    FindingPassword, // asking the chain's sources (the keychain may take a moment)
    Opening,         // trying a password
    Creating,        // writing a new repository
};

struct OpenRequest
{
    QString url;
    // The password's chain; its keychainKey is filled in from the repository's id.
    SecretChain password;
    // Where there is no repository: ask the chain's prompt for a new password (purpose
    // CreateRepository) and make one. Without it, a missing repository is RepositoryMissing.
    bool createIfMissing = false;
    Repository::InitOptions init;
    // Told on the opening thread as the work goes on (for a status line).
    std::function<void(OpenStage)> stage;
};

struct OpenedRepository
{
    std::shared_ptr<Repository> repo;
    QString password;
    SecretOrigin origin = SecretOrigin::Given;
    bool created = false;
    // Set when the person asked to remember the password and the keychain would not keep it.
    std::optional<Error> notRemembered;
};

// Errors: RepositoryMissing (saying whether only the config is gone), Unsupported (a newer
// format), WrongPassword (naming the source that was refused), Cancelled (the prompt was
// declined), InvalidArgument (no password and nobody to ask), and the storage's own errors.
Result<OpenedRepository> openRepository(const OpenRequest &request);

} // namespace strata
