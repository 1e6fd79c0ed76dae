#include "Password.h"

#include "Console.h"
#include "Interrupt.h"

#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace strata::cli {

namespace {

QString envPassword(const char *name)
{
    if (!qEnvironmentVariableIsSet(name))
        return {};
    return qEnvironmentVariable(name);
}

} // namespace

Result<QString> readPasswordFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("cannot read password file %1: %2").arg(path, file.errorString()));
    QByteArray line = file.readLine(64 * 1024);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty())
        return Error::invalid(QStringLiteral("password file %1 is empty").arg(path));
    return QString::fromUtf8(line);
}

Result<std::optional<Password>> explicitPassword(const CliOptions &options)
{
    // The option wins over the environment: it was chosen for this very run.
    if (options.isSet(QStringLiteral("password-file"))) {
        Result<QString> text = readPasswordFile(options.value(QStringLiteral("password-file")));
        if (!text)
            return text.error();
        return std::optional<Password>(Password{*text, SecretOrigin::Given});
    }
    if (qEnvironmentVariableIsSet("STRATA_PASSWORD"))
        return std::optional<Password>(Password{envPassword("STRATA_PASSWORD"), SecretOrigin::Environment});
    return std::optional<Password>();
}

Result<SecretChain> passwordChain(const CliOptions &options)
{
    SecretChain chain;
    chain.noSecretMessage = noPasswordError().message;
    Result<std::optional<Password>> given = explicitPassword(options);
    if (!given)
        return given.error();
    if (given->has_value()) {
        chain.sources.append((*given)->source == SecretOrigin::Environment
                                 ? SecretSource::environment(QStringLiteral("STRATA_PASSWORD"))
                                 : SecretSource::given((*given)->text, QStringLiteral("--password-file")));
        return chain;
    }
    if (keychainUsable(options))
        chain.sources.append(SecretSource::keychain());
    if (stdinIsTerminal()) {
        chain.promptAttempts = 1;
        chain.prompt = [](const SecretRequest &request) -> std::optional<SecretAnswer> {
            if (request.problem != SecretRequest::Problem::None)
                printWarning(request.problemText());
            Result<QString> typed = promptPassword(QStringLiteral("Password for %1: ").arg(request.location));
            if (!typed)
                return std::nullopt;
            return SecretAnswer{*typed, false};
        };
    }
    return chain;
}

Result<QString> promptPassword(const QString &prompt)
{
    if (!stdinIsTerminal())
        return noPasswordError();
    clearStatusLine();
    std::fflush(stdout);
    const QByteArray promptBytes = prompt.toUtf8();
    std::fwrite(promptBytes.constData(), 1, size_t(promptBytes.size()), stderr);
    std::fflush(stderr);

    termios saved{};
    const bool haveTerminal = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (haveTerminal) {
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        silent.c_lflag |= ECHONL;
        // Ctrl-C must put echo back before the process goes.
        Interrupt::setTerminalToRestore(&saved);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    QByteArray line;
    bool gotLine = false;
    for (int c; (c = std::fgetc(stdin)) != EOF;) {
        if (c == '\n') {
            gotLine = true;
            break;
        }
        line.append(char(c));
    }
    if (haveTerminal) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        Interrupt::setTerminalToRestore(nullptr);
    }
    if (!gotLine) {
        std::fputc('\n', stderr);
        if (line.isEmpty())
            return Error::invalid(QStringLiteral("no password given"));
    }
    if (line.endsWith('\r'))
        line.chop(1);
    return QString::fromUtf8(line);
}

Result<QString> newPassword(const CliOptions &options, bool acceptCurrent)
{
    const auto checked = [](QString text) -> Result<QString> {
        if (text.isEmpty())
            return Error::invalid(QStringLiteral("the new password is empty"));
        return text;
    };
    if (acceptCurrent) {
        Result<std::optional<Password>> given = explicitPassword(options);
        if (!given)
            return given.error();
        if (given->has_value())
            return checked((*given)->text);
    }
    if (options.isSet(QStringLiteral("new-password-file"))) {
        Result<QString> text = readPasswordFile(options.value(QStringLiteral("new-password-file")));
        if (!text)
            return text.error();
        return checked(*text);
    }
    if (qEnvironmentVariableIsSet("STRATA_NEW_PASSWORD"))
        return checked(envPassword("STRATA_NEW_PASSWORD"));
    if (!stdinIsTerminal())
        return Error::invalid(QStringLiteral("no new password given: set STRATA_NEW_PASSWORD, use "
                                             "--new-password-file, or run on a terminal to type it"));
    Result<QString> first = promptPassword(QStringLiteral("New password: "));
    if (!first)
        return first.error();
    if (first->isEmpty())
        return Error::invalid(QStringLiteral("the new password is empty"));
    Result<QString> second = promptPassword(QStringLiteral("Type the new password again: "));
    if (!second)
        return second.error();
    if (*first != *second)
        return Error::invalid(QStringLiteral("the two passwords differ"));
    return first;
}

bool keychainUsable(const CliOptions &options)
{
    if (options.isSet(QStringLiteral("no-keychain")))
        return false;
    const QString no = qEnvironmentVariable("STRATA_NO_KEYCHAIN");
    if (!no.isEmpty() && no != QLatin1String("0"))
        return false;
#if defined(Q_OS_LINUX)
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
        if (runtime.isEmpty() || !QFileInfo::exists(runtime + QStringLiteral("/bus")))
            return false;
    }
#endif
    return true;
}

Error noPasswordError()
{
    return Error::invalid(
        QStringLiteral("no password given: set STRATA_PASSWORD, use --password-file, save it in "
                       "the keychain with --store-password, or run on a terminal to type it"));
}

} // namespace strata::cli
