#include "secrets/SecretResolver.h"

#include "secrets/PasswordFile.h"
#include "secrets/SecretStore.h"

namespace strata {

namespace {

bool refused(const Error &error)
{
    return error.code == ErrorCode::WrongPassword || error.code == ErrorCode::Auth;
}

KeychainState keychainStateOf(ErrorCode code)
{
    switch (code) {
    case ErrorCode::NotFound:
        return KeychainState::Available;
    case ErrorCode::Locked:
        return KeychainState::Locked;
    default:
        return KeychainState::Missing;
    }
}

} // namespace

QString describeSource(const SecretSource &source)
{
    if (!source.label.isEmpty())
        return source.label;
    switch (source.origin) {
    case SecretOrigin::Given:
        return QStringLiteral("the password given");
    case SecretOrigin::Keychain:
        return QStringLiteral("the keychain");
    case SecretOrigin::File:
        return QStringLiteral("the password file %1").arg(source.value);
    case SecretOrigin::Environment:
        return source.value;
    case SecretOrigin::Prompt:
        break;
    }
    return QStringLiteral("the password typed");
}

QString SecretRequest::problemText() const
{
    switch (problem) {
    case Problem::None:
        return {};
    case Problem::TypedWrong:
        return QStringLiteral("wrong password, try again");
    case Problem::StoredWrong:
        return problemOrigin == SecretOrigin::Keychain
                   ? QStringLiteral("the password in the keychain does not open %1").arg(location)
                   : QStringLiteral("the password given does not open %1").arg(location);
    case Problem::StoredUnreadable:
        return problemDetail;
    }
    return {};
}

Result<ResolvedSecret> resolveSecret(const SecretChain &chain, SecretRequest request,
                                     const SecretCheck &check)
{
    // The last refusal or unreadable source, for the error when nobody can be asked.
    std::optional<Error> lastProblem;

    for (const SecretSource &source : chain.sources) {
        QString secret;
        switch (source.origin) {
        case SecretOrigin::Given:
        case SecretOrigin::Prompt:
            secret = source.value;
            break;
        case SecretOrigin::Keychain: {
            if (chain.keychainKey.isEmpty())
                continue;
            Result<QString> stored = SecretStore::read(chain.keychainKey);
            request.keychain = stored ? KeychainState::Available : keychainStateOf(stored.error().code);
            if (!stored)
                continue; // nothing there, or no keychain: the prompt says which
            secret = *stored;
            break;
        }
        case SecretOrigin::File: {
            Result<QString> read = PasswordFile::read(source.value);
            if (!read) {
                request.problem = SecretRequest::Problem::StoredUnreadable;
                request.problemOrigin = SecretOrigin::File;
                request.problemDetail =
                    QStringLiteral("the password file cannot be read: %1").arg(read.error().message);
                lastProblem = read.error();
                continue;
            }
            secret = *read;
            break;
        }
        case SecretOrigin::Environment:
            if (!qEnvironmentVariableIsSet(source.value.toLocal8Bit().constData()))
                continue;
            secret = qEnvironmentVariable(source.value.toLocal8Bit().constData());
            break;
        }
        const Status accepted = check(secret);
        if (accepted)
            return ResolvedSecret{secret, source.origin, false};
        if (!refused(accepted.error()))
            return accepted.error();
        request.problem = SecretRequest::Problem::StoredWrong;
        request.problemOrigin = source.origin;
        lastProblem =
            Error{accepted.error().code, QStringLiteral("%1 (the password from %2)")
                                             .arg(accepted.error().message, describeSource(source))};
    }

    if (!chain.prompt) {
        if (lastProblem)
            return *lastProblem;
        return Error::invalid(chain.noSecretMessage.isEmpty() ? QStringLiteral("no password given")
                                                              : chain.noSecretMessage);
    }
    for (int asked = 0; chain.promptAttempts == 0 || asked < chain.promptAttempts; ++asked) {
        const std::optional<SecretAnswer> answer = chain.prompt(request);
        if (!answer)
            return Error::cancelled();
        const Status accepted = check(answer->secret);
        if (accepted)
            return ResolvedSecret{answer->secret, SecretOrigin::Prompt, answer->remember};
        if (!refused(accepted.error()))
            return accepted.error();
        request.problem = SecretRequest::Problem::TypedWrong;
        request.problemOrigin = SecretOrigin::Prompt;
        lastProblem = accepted.error();
    }
    return *lastProblem;
}

} // namespace strata
