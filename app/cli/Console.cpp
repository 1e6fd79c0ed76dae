#include "Console.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <sys/ioctl.h>
#include <unistd.h>

namespace strata::cli {

namespace {

// Worker threads can log through Qt's message handler while the main thread draws the bar.
std::recursive_mutex g_stderrMutex;
bool g_statusShown = false;
bool g_verbose = false;

std::atomic<bool> g_stdoutBroken{false};

void writeTo(FILE *stream, const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    if (stream == stdout && std::ferror(stdout))
        g_stdoutBroken.store(true);
}

void stderrLine(const QString &text)
{
    const std::lock_guard guard(g_stderrMutex);
    clearStatusLine();
    // stdout may be a pipe to the same terminal: keep the order the user would expect.
    std::fflush(stdout);
    writeTo(stderr, text.toUtf8() + '\n');
    std::fflush(stderr);
}

// Core messages should be one line already; a stray newline must not break line-based parsers.
QString oneLine(QString text)
{
    text.replace(QLatin1String("\r\n"), QLatin1String("; "));
    text.replace(QLatin1Char('\n'), QLatin1String("; "));
    text.replace(QLatin1Char('\r'), QLatin1String("; "));
    return text.trimmed();
}

} // namespace

void printLine(const QString &line)
{
    writeTo(stdout, line.toUtf8() + '\n');
}

void printRaw(const QByteArray &bytes)
{
    writeTo(stdout, bytes);
}

void printJson(const QJsonObject &object)
{
    writeTo(stdout, QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n');
    std::fflush(stdout);
}

void printJsonDocument(const QJsonValue &value)
{
    const QJsonDocument doc =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    writeTo(stdout, doc.toJson(QJsonDocument::Indented));
    std::fflush(stdout);
}

void printError(const QString &message)
{
    stderrLine(QStringLiteral("strata-cli: ") + oneLine(message));
}

void printWarning(const QString &message)
{
    stderrLine(QStringLiteral("strata-cli: warning: ") + oneLine(message));
}

void printNote(const QString &message)
{
    stderrLine(message);
}

QString errorText(const Error &error)
{
    QString message = oneLine(error.message);
    // A failed write says only "No space left on device"; the estimate before a backup (which
    // fails before anything is full) explains itself.
    if (error.code == ErrorCode::NoSpace && !message.startsWith(QLatin1String("Not enough free space"))) {
        const QString full = QStringLiteral("the destination is full");
        if (!message.contains(full, Qt::CaseInsensitive))
            message = message.isEmpty() ? full : full + QStringLiteral(" (") + message + QLatin1Char(')');
    }
    if (message.isEmpty())
        message = errorCodeName(error.code);
    return message;
}

ExitCode reportError(const Error &error)
{
    printError(errorText(error));
    return exitCodeFor(error.code);
}

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Io:
        return QStringLiteral("io");
    case ErrorCode::NoSpace:
        return QStringLiteral("no-space");
    case ErrorCode::NotFound:
        return QStringLiteral("not-found");
    case ErrorCode::RepositoryMissing:
        return QStringLiteral("repository-missing");
    case ErrorCode::WrongPassword:
        return QStringLiteral("wrong-password");
    case ErrorCode::Locked:
        return QStringLiteral("locked");
    case ErrorCode::Corrupt:
        return QStringLiteral("corrupt");
    case ErrorCode::Unsupported:
        return QStringLiteral("unsupported");
    case ErrorCode::InvalidArgument:
        return QStringLiteral("invalid-argument");
    case ErrorCode::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorCode::Network:
        return QStringLiteral("network");
    case ErrorCode::Timeout:
        return QStringLiteral("timeout");
    case ErrorCode::Auth:
        return QStringLiteral("access-denied");
    case ErrorCode::Internal:
        break;
    }
    return QStringLiteral("internal");
}

QJsonObject errorJson(const Error &error)
{
    return {{QStringLiteral("code"), errorCodeName(error.code)},
            {QStringLiteral("message"), errorText(error)}};
}

void setStatusLine(const QString &line)
{
    const std::lock_guard guard(g_stderrMutex);
    writeTo(stderr, "\r" + line.toUtf8() + "\x1b[K");
    std::fflush(stderr);
    g_statusShown = true;
}

void clearStatusLine()
{
    const std::lock_guard guard(g_stderrMutex);
    if (!g_statusShown)
        return;
    writeTo(stderr, "\r\x1b[K");
    std::fflush(stderr);
    g_statusShown = false;
}

bool stdoutBroken()
{
    return g_stdoutBroken.load();
}

void installLogHandler()
{
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &context, const QString &message) {
        switch (type) {
        case QtDebugMsg:
        case QtInfoMsg:
            if (g_verbose)
                printNote(QStringLiteral("strata-cli: %1: %2")
                              .arg(QLatin1String(context.category ? context.category : "log"), message));
            return;
        case QtWarningMsg:
            printWarning(message);
            return;
        case QtCriticalMsg:
        case QtFatalMsg:
            printError(message);
            return;
        }
    });
}

void setVerbose(bool verbose)
{
    g_verbose = verbose;
}

bool stdinIsTerminal()
{
    return isatty(STDIN_FILENO) == 1;
}

bool stderrIsTerminal()
{
    return isatty(STDERR_FILENO) == 1;
}

int terminalWidth()
{
    winsize size{};
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
    bool ok = false;
    const int columns = qEnvironmentVariableIntValue("COLUMNS", &ok);
    return ok && columns > 0 ? columns : 80;
}

QString humanBytes(qint64 bytes)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    if (bytes < 0)
        return QStringLiteral("?");
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    double value = double(bytes);
    int unit = 0;
    while (value >= 1024 && unit < 5) {
        value /= 1024;
        ++unit;
    }
    return QStringLiteral("%1 %2")
        .arg(value, 0, 'f', value < 10 ? 2 : (value < 100 ? 1 : 0))
        .arg(QLatin1String(units[unit]));
}

QString humanDuration(qint64 ms)
{
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    if (ms < 60 * 1000)
        return QStringLiteral("%1 s").arg(double(ms) / 1000, 0, 'f', 1);
    const qint64 s = ms / 1000;
    if (s < 3600)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0'));
}

QString clockDuration(qint64 seconds)
{
    if (seconds < 0)
        return QStringLiteral("?");
    const auto two = [](qint64 v) { return QStringLiteral("%1").arg(v, 2, 10, QLatin1Char('0')); };
    if (seconds < 3600)
        return QStringLiteral("%1:%2").arg(seconds / 60).arg(two(seconds % 60));
    return QStringLiteral("%1:%2:%3").arg(seconds / 3600).arg(two((seconds / 60) % 60), two(seconds % 60));
}

QString groupedNumber(qint64 n)
{
    QString digits = QString::number(n < 0 ? -n : n);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char(','));
    return n < 0 ? QLatin1Char('-') + digits : digits;
}

Result<qint64> parseSize(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*([kKmMgGtTpP]?)(?:i?[bB])?\\s*$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return Error::invalid(QStringLiteral("'%1' is not a size (examples: 500k, 10M, 2G)").arg(text));
    double value = m.captured(1).toDouble();
    const QString unit = m.captured(2).toLower();
    const QString units = QStringLiteral("kmgtp");
    if (!unit.isEmpty())
        for (qsizetype i = 0; i <= units.indexOf(unit); ++i)
            value *= 1024;
    if (value > 9.0e18)
        return Error::invalid(QStringLiteral("size '%1' is too large").arg(text));
    return qint64(value);
}

QString nodeTypeName(NodeType type)
{
    switch (type) {
    case NodeType::File:
        return QStringLiteral("file");
    case NodeType::Directory:
        return QStringLiteral("dir");
    case NodeType::Symlink:
        return QStringLiteral("symlink");
    case NodeType::Fifo:
        return QStringLiteral("fifo");
    case NodeType::CharDevice:
        return QStringLiteral("chardev");
    case NodeType::BlockDevice:
        return QStringLiteral("blockdev");
    case NodeType::Socket:
        return QStringLiteral("socket");
    }
    return QStringLiteral("unknown");
}

QString modeString(NodeType type, quint32 mode)
{
    QString s(10, QLatin1Char('-'));
    switch (type) {
    case NodeType::Directory:
        s[0] = QLatin1Char('d');
        break;
    case NodeType::Symlink:
        s[0] = QLatin1Char('l');
        break;
    case NodeType::Fifo:
        s[0] = QLatin1Char('p');
        break;
    case NodeType::CharDevice:
        s[0] = QLatin1Char('c');
        break;
    case NodeType::BlockDevice:
        s[0] = QLatin1Char('b');
        break;
    case NodeType::Socket:
        s[0] = QLatin1Char('s');
        break;
    case NodeType::File:
        break;
    }
    const char letters[] = "rwxrwxrwx";
    for (int i = 0; i < 9; ++i)
        if (mode & (0400u >> i))
            s[i + 1] = QLatin1Char(letters[i]);
    // setuid, setgid and sticky replace the x of their class, capitalised when x is unset
    const auto special = [&](quint32 bit, int pos, char lower) {
        if (mode & bit)
            s[pos] = QLatin1Char(s[pos] == QLatin1Char('x') ? lower : char(lower - 'a' + 'A'));
    };
    special(04000, 3, 's');
    special(02000, 6, 's');
    special(01000, 9, 't');
    return s;
}

QString formatTime(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                          : QStringLiteral("?");
}

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

} // namespace strata::cli
