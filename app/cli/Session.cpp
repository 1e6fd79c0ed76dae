#include "Session.h"

#include "Console.h"
#include "secrets/SecretStore.h"
#include "storage/Backend.h"

namespace strata::cli {

namespace {

// The repository id from the plain config, for the keychain key. A config that names a newer
// format is reported right away, before anyone is asked for a password.
Result<QString> readRepositoryId(Backend &backend)
{
    Result<RepoConfig> config = Repository::readConfig(backend);
    if (!config)
        return config.error();
    return config->id;
}

Result<std::shared_ptr<Repository>> openWith(const QString &url, const QString &location,
                                             const QString &password)
{
    Result<std::unique_ptr<Backend>> backend = openBackend(url);
    if (!backend)
        return backend.error();
    Result<std::shared_ptr<Repository>> repo = Repository::open(std::move(*backend), password);
    if (!repo && repo.error().code == ErrorCode::WrongPassword)
        return Error{ErrorCode::WrongPassword,
                     QStringLiteral("wrong password for repository at %1").arg(location)};
    if (!repo && repo.error().code == ErrorCode::RepositoryMissing && repo.error().message.isEmpty())
        return Error{ErrorCode::RepositoryMissing, QStringLiteral("no repository at %1").arg(location)};
    return repo;
}

} // namespace

Result<QString> repositoryUrl(const CliOptions &options)
{
    QString url = options.value(QStringLiteral("repo"));
    if (url.isEmpty())
        url = qEnvironmentVariable("STRATA_REPOSITORY");
    if (url.isEmpty())
        return Error::invalid(
            QStringLiteral("%1: no repository given: use --repo PATH or set STRATA_REPOSITORY")
                .arg(options.command()));
    return url;
}

Result<Session> Session::open(const CliOptions &options, const SessionOptions &sessionOptions)
{
    Session session;
    Result<QString> url = repositoryUrl(options);
    if (!url)
        return url.error();
    session.m_url = *url;

    Result<std::unique_ptr<Backend>> backend = openBackend(session.m_url);
    if (!backend)
        return backend.error();
    const QString location = (*backend)->location();
    Result<bool> exists = (*backend)->exists();
    if (!exists)
        return exists.error();
    if (!*exists) {
        // Says whether it is a repository that lost its config, or none at all.
        Result<RepoConfig> config = Repository::readConfig(**backend);
        return config
                   ? Error{ErrorCode::RepositoryMissing, QStringLiteral("no repository at %1").arg(location)}
                   : config.error();
    }

    QString repoId;
    if (Result<QString> id = readRepositoryId(**backend); id)
        repoId = *id;
    else if (id.error().code == ErrorCode::Unsupported)
        return id.error();
    backend->reset();

    Result<std::optional<Password>> given = explicitPassword(options);
    if (!given)
        return given.error();

    std::optional<Result<std::shared_ptr<Repository>>> opened;
    if (given->has_value()) {
        session.m_password = **given;
        opened = openWith(session.m_url, location, session.m_password.text);
    } else {
        if (!repoId.isEmpty() && keychainUsable(options)) {
            Result<QString> stored = SecretStore::read(SecretStore::keyForRepository(repoId));
            if (stored) {
                session.m_password = {*stored, PasswordSource::Keychain};
                opened = openWith(session.m_url, location, *stored);
                if (!*opened && opened->error().code == ErrorCode::WrongPassword) {
                    if (!stdinIsTerminal())
                        return Error{
                            ErrorCode::WrongPassword,
                            QStringLiteral("wrong password for repository at %1 (the one saved in the "
                                           "keychain; save the right one with --store-password)")
                                .arg(location)};
                    printWarning(
                        QStringLiteral("the password in the keychain does not open %1").arg(location));
                    opened.reset();
                }
            }
        }
        if (!opened) {
            if (!stdinIsTerminal())
                return noPasswordError();
            Result<QString> typed = promptPassword(QStringLiteral("Password for %1: ").arg(location));
            if (!typed)
                return typed.error();
            session.m_password = {*typed, PasswordSource::Prompt};
            opened = openWith(session.m_url, location, *typed);
        }
    }
    if (!*opened)
        return opened->error();
    session.m_repo = std::move(**opened);

    if (sessionOptions.lock) {
        Result<std::unique_ptr<RepoLock>> lock = session.m_repo->lock(*sessionOptions.lock);
        if (!lock)
            return lock.error();
        session.m_lock = std::move(*lock);
    }
    if (sessionOptions.loadIndex && !session.m_repo->indexLoaded())
        STRATA_TRY(session.m_repo->loadIndex());
    return session;
}

void storePasswordInKeychain(const CliOptions &options, const Repository &repo, const QString &password)
{
    if (!keychainUsable(options)) {
        printWarning(
            QStringLiteral("the password was not saved: %1")
                .arg(options.isSet(QStringLiteral("no-keychain")) ||
                             qEnvironmentVariableIsSet("STRATA_NO_KEYCHAIN")
                         ? QStringLiteral("the keychain is turned off (--no-keychain or STRATA_NO_KEYCHAIN)")
                         : QStringLiteral("no keychain is available (no D-Bus session bus)")));
        return;
    }
    const bool quiet = options.quiet() || options.json();
    const Status saved = SecretStore::write(SecretStore::keyForRepository(repo.config().id), password);
    if (!saved) {
        const QString why =
            saved.error().code == ErrorCode::Unsupported ? QStringLiteral("no keychain is available")
            : saved.error().code == ErrorCode::Locked    ? QStringLiteral("the keychain is locked")
                                                         : errorText(saved.error());
        printWarning(QStringLiteral("the password was not saved in the keychain: %1").arg(why));
        return;
    }
    if (!quiet)
        printNote(QStringLiteral("Saved the password in the keychain."));
}

} // namespace strata::cli
