// One way to find a secret a repository needs (its password; later a storage's credentials),
// shared by the window, the service and strata-cli: the sources a caller names are tried in
// turn (a secret given for this run, the OS keychain, a 0600 password file, an environment
// variable), then a prompt the caller injects, until the secret is accepted. A secret that is
// refused moves on to the next source and tells the prompt why it asks.
//
// Blocking: the keychain, the file and the check of each answer take time, and a prompt waits
// for a person. Call it from a worker thread (or the CLI's main thread); a GUI's prompt hands
// its question to the GUI thread and waits for the answer (see BlockingPrompt in the window).
#pragma once

#include "util/Result.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace strata {

// Where a secret came from, so a caller can tell "typed" from "stored" (strata-cli saves a
// typed password in the keychain on request; a changed password replaces a keychain entry).
enum class SecretOrigin
{
    Given,       // handed over for this run (--password-file, STRATA_PASSWORD, a field the user filled)
    Keychain,    // the OS keychain
    File,        // a password file that only its owner can read (PasswordFile.h)
    Environment, // an environment variable
    Prompt,      // typed in answer to the prompt
};

struct SecretSource
{
    SecretOrigin origin = SecretOrigin::Given;
    QString value; // Given: the secret itself; File: the path; Environment: the variable's name
    QString label; // how messages name it ("--password-file", "STRATA_PASSWORD"); empty: a default

    static SecretSource given(QString secret, QString label = {})
    {
        return {SecretOrigin::Given, std::move(secret), std::move(label)};
    }
    static SecretSource keychain() { return {SecretOrigin::Keychain, {}, {}}; }
    static SecretSource file(QString path) { return {SecretOrigin::File, std::move(path), {}}; }
    static SecretSource environment(QString name) { return {SecretOrigin::Environment, name, name}; }
};

// What the keychain said when it was asked, so a prompt can offer to remember the answer
// there only when it can be remembered, and say why not otherwise.
enum class KeychainState
{
    NotAsked,  // no keychain source in the chain
    Available, // it answered (with nothing, or with a secret that was refused)
    Locked,
    Missing, // no keychain on this desktop (no Secret Service, no D-Bus session)
};

// What a prompt is asked.
struct SecretRequest
{
    enum class Purpose
    {
        OpenRepository,   // the password of an existing repository
        CreateRepository, // the password of a repository about to be made: typed twice
    };
    enum class Problem
    {
        None,
        TypedWrong,       // the last typed answer was refused
        StoredWrong,      // a stored or given secret (problemOrigin) was refused
        StoredUnreadable, // a source could not be read (problemDetail says why)
    };

    Purpose purpose = Purpose::OpenRepository;
    QString location;     // where the repository is, as a person reads it
    QString repositoryId; // empty for a new repository
    Problem problem = Problem::None;
    SecretOrigin problemOrigin = SecretOrigin::Given;
    QString problemDetail;
    KeychainState keychain = KeychainState::NotAsked;

    // The problem in a sentence (English: the CLI prints it, the window words its own).
    QString problemText() const;
};

struct SecretAnswer
{
    QString secret;
    bool remember = false; // save it in the keychain once it is accepted
};

// Asks a person; std::nullopt when they declined (the resolver then fails with Cancelled).
using SecretPrompt = std::function<std::optional<SecretAnswer>(const SecretRequest &)>;

struct SecretChain
{
    QList<SecretSource> sources; // tried in this order
    QString keychainKey;         // the entry Keychain sources read (SecretStore::keyForRepository)
    SecretPrompt prompt;         // empty: nobody to ask
    int promptAttempts = 0;      // how often the prompt is asked; 0: until the person gives up
    // The error when no source had a secret and nobody could be asked ("no password given: ...").
    QString noSecretMessage;
};

struct ResolvedSecret
{
    QString secret;
    SecretOrigin origin = SecretOrigin::Given;
    bool remember = false; // the person asked to save it in the keychain
};

// Says whether a secret is the right one: ok; ErrorCode::WrongPassword or Auth when it is not
// (the next source is tried); any other error ends the search with that error.
using SecretCheck = std::function<Status(const QString &secret)>;

// Tries the chain's sources, then its prompt, until `check` accepts a secret. Errors:
// Cancelled when the person declined; WrongPassword (or Auth) naming the last refused source
// when nobody can be asked; a source's own error when it was unreadable and nothing else was
// there; InvalidArgument with noSecretMessage when there was nothing at all.
Result<ResolvedSecret> resolveSecret(const SecretChain &chain, SecretRequest request,
                                     const SecretCheck &check);

// "the keychain", "the password file /x/y", "STRATA_PASSWORD": for messages.
QString describeSource(const SecretSource &source);

} // namespace strata
