// Everything strata-cli writes to the terminal goes through here: result lines on stdout,
// "strata-cli: ..." errors and warnings on stderr, JSON lines, and the one redrawn status line
// (the progress bar), which is wiped before any other text reaches stderr so they never mix.
#pragma once

#include "ExitCodes.h"
#include "repo/Tree.h"
#include "util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace strata::cli {

// stdout
void printLine(const QString &line);
void printRaw(const QByteArray &bytes);          // bytes as they are, e.g. file names that are not UTF-8
void printJson(const QJsonObject &object);       // one compact line, flushed at once for live consumers
void printJsonDocument(const QJsonValue &value); // indented, for whole-answer output like lists
// Whether stdout was closed by its reader ("strata-cli ls ... | head"): SIGPIPE is ignored so
// the lock is still released, and long listings stop early instead.
bool stdoutBroken();

// stderr
void printError(const QString &message);   // "strata-cli: <message>"
void printWarning(const QString &message); // "strata-cli: warning: <message>"
void printNote(const QString &message);    // a plain line on stderr (hints, "cancelling...")

// Prints the error as one line and returns the exit code it maps to.
ExitCode reportError(const Error &error);
QString errorText(const Error &error);
QString errorCodeName(ErrorCode code); // stable names for --json: "wrong-password", ...
QJsonObject errorJson(const Error &error);

// The status line on stderr: drawn with setStatusLine, wiped by clearStatusLine or by any of
// the stderr printers above.
void setStatusLine(const QString &line);
void clearStatusLine();

// Routes Qt log messages from the core through the printers above: warnings as warning lines,
// debug and info only when verbose. Safe from any thread.
void installLogHandler();
void setVerbose(bool verbose);

bool stdinIsTerminal();
bool stderrIsTerminal();
int terminalWidth(); // columns of the terminal on stderr, 80 when unknown

// Formatting shared by the commands.
QString humanBytes(qint64 bytes);      // "1.5 MiB"
QString humanDuration(qint64 ms);      // "850 ms", "3.4 s", "2 min 05 s", "1 h 02 min"
QString clockDuration(qint64 seconds); // "1:05", "1:02:03"
QString groupedNumber(qint64 n);       // "12,345"
// "10M", "2G", "512k", "1.5GiB", "1000" (bytes); binary multiples.
Result<qint64> parseSize(const QString &text);
QString nodeTypeName(NodeType type);             // "file", "dir", "symlink", ...
QString modeString(NodeType type, quint32 mode); // "drwxr-xr-x"
QString formatTime(const QDateTime &time);       // local, "2024-05-01 13:45:07"
QString isoTime(const QDateTime &time);          // UTC ISO 8601 with milliseconds, for JSON

} // namespace strata::cli
