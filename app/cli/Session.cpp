#include "Session.h"

#include "Console.h"
#include "secrets/OpenRepository.h"
#include "secrets/SecretStore.h"

namespace strata::cli {

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
    Result<SecretChain> chain = passwordChain(options);
    if (!chain)
        return chain.error();

    OpenRequest request;
    request.url = session.m_url;
    request.password = std::move(*chain);
    Result<OpenedRepository> opened = openRepository(request);
    if (!opened)
        return opened.error();
    session.m_password = {opened->password, opened->origin};
    session.m_repo = std::move(opened->repo);

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
