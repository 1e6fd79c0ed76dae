// Shows a job's progress and warnings: a one-line bar redrawn in place on a terminal, JSON
// lines on stdout with --json, nothing otherwise (logs of timers and cron stay clean).
// Warnings are always shown: on stderr, or as JSON lines with --json.
#pragma once

#include "CliOptions.h"
#include "engine/Progress.h"

#include <QJsonObject>
#include <QString>

namespace strata::cli {

class ProgressPrinter final
{
public:
    enum class Mode
    {
        None,
        Bar,
        Json
    };

    // Progress: none with --quiet or when neither --json nor a terminal on stderr; JSON lines
    // with --json; else the bar. Warnings: JSON lines with --json, else stderr lines.
    explicit ProgressPrinter(const CliOptions &options);

    void progress(const Progress &progress);
    void warning(const QString &path, const QString &message);
    // A line for the person at the terminal ("cancelling..."); not shown with --json.
    void note(const QString &message);
    // Wipes the bar so the summary starts on a clean line.
    void finish();

    Mode mode() const { return m_mode; }
    qint64 warningCount() const { return m_warnings; }

    static QString phaseId(Phase phase);    // "backing-up": stable, for JSON
    static QString phaseLabel(Phase phase); // "Backing up": for people
    static QJsonObject toJson(const Progress &progress);

private:
    QString barLine(const Progress &progress, int width) const;

    Mode m_mode;
    bool m_json;
    qint64 m_warnings = 0;
};

} // namespace strata::cli
