#include "ProgressPrinter.h"

#include "Console.h"

namespace strata::cli {

namespace {

// 0..100, or -1 when the totals are not known yet. Bytes say more than file counts when known.
int percentOf(const Progress &p)
{
    if (p.phase == Phase::Done)
        return 100;
    if (p.bytesTotal > 0 && p.bytesDone >= 0)
        return int(qBound(qint64(0), p.bytesDone * 100 / p.bytesTotal, qint64(100)));
    if (p.filesTotal > 0 && p.filesDone >= 0)
        return int(qBound(qint64(0), p.filesDone * 100 / p.filesTotal, qint64(100)));
    return -1;
}

// Keeps the end of the path, which names the file; the start is the folder the user knows.
QString shortenPath(const QString &path, int width)
{
    if (width <= 0)
        return {};
    if (path.size() <= width)
        return path;
    if (width <= 3)
        return path.right(width);
    return QStringLiteral("...") + path.right(width - 3);
}

} // namespace

ProgressPrinter::ProgressPrinter(const CliOptions &options)
    : m_mode(options.quiet()      ? Mode::None
             : options.json()     ? Mode::Json
             : stderrIsTerminal() ? Mode::Bar
                                  : Mode::None),
      m_json(options.json())
{}

QString ProgressPrinter::phaseId(Phase phase)
{
    switch (phase) {
    case Phase::Preparing:
        return QStringLiteral("preparing");
    case Phase::Scanning:
        return QStringLiteral("scanning");
    case Phase::Backing:
        return QStringLiteral("backing-up");
    case Phase::Finishing:
        return QStringLiteral("finishing");
    case Phase::Planning:
        return QStringLiteral("planning");
    case Phase::Restoring:
        return QStringLiteral("restoring");
    case Phase::Verifying:
        return QStringLiteral("verifying");
    case Phase::RollingBack:
        return QStringLiteral("rolling-back");
    case Phase::Pruning:
        return QStringLiteral("pruning");
    case Phase::Done:
        return QStringLiteral("done");
    }
    return QStringLiteral("working");
}

QString ProgressPrinter::phaseLabel(Phase phase)
{
    switch (phase) {
    case Phase::Preparing:
        return QStringLiteral("Preparing");
    case Phase::Scanning:
        return QStringLiteral("Scanning");
    case Phase::Backing:
        return QStringLiteral("Backing up");
    case Phase::Finishing:
        return QStringLiteral("Finishing");
    case Phase::Planning:
        return QStringLiteral("Planning");
    case Phase::Restoring:
        return QStringLiteral("Restoring");
    case Phase::Verifying:
        return QStringLiteral("Verifying");
    case Phase::RollingBack:
        return QStringLiteral("Rolling back");
    case Phase::Pruning:
        return QStringLiteral("Pruning");
    case Phase::Done:
        return QStringLiteral("Done");
    }
    return QStringLiteral("Working");
}

QJsonObject ProgressPrinter::toJson(const Progress &p)
{
    return {
        {QStringLiteral("type"), QStringLiteral("progress")},
        {QStringLiteral("phase"), phaseId(p.phase)},
        {QStringLiteral("percent"), percentOf(p)},
        {QStringLiteral("filesDone"), p.filesDone},
        {QStringLiteral("filesTotal"), p.filesTotal},
        {QStringLiteral("bytesDone"), p.bytesDone},
        {QStringLiteral("bytesTotal"), p.bytesTotal},
        {QStringLiteral("bytesPerSecond"), qint64(p.bytesPerSecond)},
        {QStringLiteral("etaSeconds"), p.etaSeconds},
        {QStringLiteral("elapsedMs"), p.elapsedMs},
        {QStringLiteral("currentPath"), p.currentPath},
    };
}

QString ProgressPrinter::barLine(const Progress &p, int width) const
{
    const int percent = percentOf(p);
    QStringList parts;
    parts << phaseLabel(p.phase);
    if (percent >= 0) {
        constexpr int barWidth = 20;
        const int filled = percent * barWidth / 100;
        parts << QLatin1Char('[') + QString(filled, QLatin1Char('#')) +
                     QString(barWidth - filled, QLatin1Char('.')) + QLatin1Char(']');
        parts << QStringLiteral("%1%").arg(percent, 3);
    }
    if (p.filesTotal >= 0)
        parts << QStringLiteral("%1/%2 files").arg(groupedNumber(p.filesDone), groupedNumber(p.filesTotal));
    else if (p.filesDone > 0)
        parts << QStringLiteral("%1 files").arg(groupedNumber(p.filesDone));
    if (p.bytesTotal >= 0)
        parts << humanBytes(p.bytesDone) + QLatin1Char('/') + humanBytes(p.bytesTotal);
    else if (p.bytesDone > 0)
        parts << humanBytes(p.bytesDone);
    if (p.bytesPerSecond > 0)
        parts << humanBytes(qint64(p.bytesPerSecond)) + QStringLiteral("/s");
    if (p.etaSeconds >= 0)
        parts << QStringLiteral("ETA ") + clockDuration(p.etaSeconds);

    QString line = parts.join(QLatin1Char(' '));
    // One column spare: writing the last column makes some terminals wrap.
    const int room = width - 1 - int(line.size()) - 1;
    if (!p.currentPath.isEmpty() && room >= 10)
        line += QLatin1Char(' ') + shortenPath(p.currentPath, room);
    if (line.size() > width - 1)
        line.truncate(qMax(0, width - 1));
    return line;
}

void ProgressPrinter::progress(const Progress &p)
{
    switch (m_mode) {
    case Mode::None:
        return;
    case Mode::Json:
        printJson(toJson(p));
        return;
    case Mode::Bar:
        setStatusLine(barLine(p, terminalWidth()));
        return;
    }
}

void ProgressPrinter::warning(const QString &path, const QString &message)
{
    ++m_warnings;
    if (m_json) {
        printJson({{QStringLiteral("type"), QStringLiteral("warning")},
                   {QStringLiteral("path"), path},
                   {QStringLiteral("message"), message}});
        return;
    }
    // Messages that name their path already ("X appeared while ...") are not prefixed twice.
    printWarning(path.isEmpty() || message.startsWith(path) ? message
                                                            : path + QStringLiteral(": ") + message);
}

void ProgressPrinter::note(const QString &message)
{
    if (!m_json)
        printNote(message);
}

void ProgressPrinter::finish()
{
    clearStatusLine();
}

} // namespace strata::cli
