// The command line of strata-cli: which commands and options exist, their help text, and the
// parser that turns argv into a CliOptions. Options may come before or after the positional
// arguments; "--" ends the options.
#pragma once

#include "util/Result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace strata::cli {

struct OptionDef
{
    QString name;      // long name, without "--"
    QChar shortName;   // '\0': none
    QString valueName; // empty: a flag that takes no value
    bool repeatable = false;
    QString help;
};

struct CommandDef
{
    QString name;
    QString synopsis; // what follows "strata-cli " in the usage line
    QString summary;  // one line for the overall help
    QString details;  // paragraphs for the command's --help
    QList<OptionDef> options;
    QString argsName; // names the positional arguments in error messages
    int minArgs = 0;
    int maxArgs = 0; // -1: any number
};

const QList<CommandDef> &commandDefs();
const CommandDef *findCommand(const QString &name);
const QList<OptionDef> &globalOptionDefs();

QString overallHelp();
QString commandHelp(const CommandDef &command);
QString versionText();

class CliOptions final
{
public:
    // Parses the arguments after argv[0]. Usage errors come back as ErrorCode::InvalidArgument
    // with a one-line message that names the command. `raw` holds the same arguments as the
    // bytes given (argv), for paths whose names are not UTF-8; empty: the arguments encoded.
    static Result<CliOptions> parse(const QStringList &arguments, const QList<QByteArray> &raw = {});

    // Empty when no command was given (then helpRequested() or versionRequested() may be set).
    const QString &command() const { return m_command; }
    const QStringList &args() const { return m_args; }
    // The positional arguments as given, byte for byte: what paths are read from.
    const QList<QByteArray> &rawArgs() const { return m_rawArgs; }

    bool isSet(const QString &name) const { return m_values.contains(name); }
    // The last value given for the option, or `fallback` when it was not given.
    QString value(const QString &name, const QString &fallback = {}) const;
    QStringList values(const QString &name) const { return m_values.value(name); }
    // The values as given, byte for byte.
    QList<QByteArray> rawValues(const QString &name) const { return m_rawValues.value(name); }

    bool json() const { return isSet(QStringLiteral("json")); }
    bool quiet() const { return isSet(QStringLiteral("quiet")); }
    bool helpRequested() const { return isSet(QStringLiteral("help")); }
    bool versionRequested() const { return isSet(QStringLiteral("version")); }

private:
    QString m_command;
    QStringList m_args;
    QHash<QString, QStringList> m_values;
    QList<QByteArray> m_rawArgs;
    QHash<QString, QList<QByteArray>> m_rawValues;
};

} // namespace strata::cli
