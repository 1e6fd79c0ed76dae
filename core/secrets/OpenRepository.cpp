#include "secrets/OpenRepository.h"

#include "secrets/SecretStore.h"
#include "storage/Backend.h"

namespace strata {

namespace {

void tell(const OpenRequest &request, OpenStage stage)
{
    if (request.stage)
        request.stage(stage);
}

// Saves an answer the person asked to remember; the repository opened either way.
std::optional<Error> remember(const ResolvedSecret &secret, const QString &repositoryId)
{
    if (!secret.remember || secret.origin == SecretOrigin::Keychain)
        return std::nullopt;
    const Status saved = SecretStore::write(SecretStore::keyForRepository(repositoryId), secret.secret);
    if (!saved)
        return saved.error();
    return std::nullopt;
}

Result<OpenedRepository> create(const OpenRequest &request, const QString &location)
{
    if (!request.password.prompt && request.password.sources.isEmpty())
        return Error{ErrorCode::RepositoryMissing, QStringLiteral("no repository at %1").arg(location)};
    SecretRequest ask;
    ask.purpose = SecretRequest::Purpose::CreateRepository;
    ask.location = location;
    ask.keychain = KeychainState::Available;
    std::shared_ptr<Repository> made;
    // A new repository takes the first password it is given: nothing can refuse it.
    SecretChain chain = request.password;
    chain.sources.removeIf([](const SecretSource &s) { return s.origin != SecretOrigin::Given; });
    auto secret = resolveSecret(chain, ask, [&](const QString &password) -> Status {
        if (password.isEmpty())
            return Error{ErrorCode::WrongPassword, QStringLiteral("the new password is empty")};
        tell(request, OpenStage::Creating);
        auto backend = openBackend(request.url);
        STRATA_TRY(backend);
        auto repo = Repository::init(std::move(*backend), password, request.init);
        STRATA_TRY(repo);
        made = std::move(*repo);
        return {};
    });
    STRATA_TRY(secret);
    OpenedRepository opened{made, secret->secret, secret->origin, true, {}};
    opened.notRemembered = remember(*secret, made->config().id);
    return opened;
}

} // namespace

Result<OpenedRepository> openRepository(const OpenRequest &request)
{
    tell(request, OpenStage::Looking);
    auto backend = openBackend(request.url);
    STRATA_TRY(backend);
    const QString location = (*backend)->location();

    // The plain config names the keychain entry; a newer format or a lost config is said at
    // once, before anyone is asked for a password.
    QString repositoryId;
    if (auto config = Repository::readConfig(**backend); config) {
        repositoryId = config->id;
    } else if (config.error().code == ErrorCode::RepositoryMissing) {
        if (request.createIfMissing)
            return create(request, location);
        return config.error();
    } else if (config.error().code == ErrorCode::Unsupported || config.error().code == ErrorCode::Corrupt ||
               isTransient(config.error().code) || config.error().code == ErrorCode::Auth) {
        return config.error();
    }
    backend->reset();

    SecretChain chain = request.password;
    if (!repositoryId.isEmpty())
        chain.keychainKey = SecretStore::keyForRepository(repositoryId);
    SecretRequest ask;
    ask.location = location;
    ask.repositoryId = repositoryId;

    std::shared_ptr<Repository> repo;
    tell(request, OpenStage::FindingPassword);
    auto secret = resolveSecret(chain, ask, [&](const QString &password) -> Status {
        tell(request, OpenStage::Opening);
        auto opened = Repository::open(request.url, password);
        if (!opened && opened.error().code == ErrorCode::WrongPassword)
            return Error{ErrorCode::WrongPassword,
                         QStringLiteral("wrong password for repository at %1").arg(location)};
        if (!opened && opened.error().code == ErrorCode::RepositoryMissing &&
            opened.error().message.isEmpty())
            return Error{ErrorCode::RepositoryMissing, QStringLiteral("no repository at %1").arg(location)};
        STRATA_TRY(opened);
        repo = std::move(*opened);
        return {};
    });
    STRATA_TRY(secret);
    OpenedRepository opened{repo, secret->secret, secret->origin, false, {}};
    opened.notRemembered = remember(*secret, repo->config().id);
    return opened;
}

} // namespace strata
