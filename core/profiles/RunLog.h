// The record of every backup run on this machine: when, which set, what came of it. The
// sidebar's status, the timeline's failed runs, stale warnings and the scheduler's "last run"
// after a restart all come from here; the repository only knows the runs that succeeded.
//
// Kept as JSON Lines (<AppDataLocation>/runs.jsonl), one run a line, appended and flushed as
// each run ends, so a crash loses at most the line being written. Lines that cannot be parsed
// (a torn last line, a newer Strata's record) are skipped and counted, never fatal. The file
// is trimmed to the newest KeepRecords runs when it grows past twice that.
//
// Not thread-safe; used from the thread that owns it (the GUI thread).
#pragma once

#include "repo/Snapshot.h"
#include "util/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace strata {

struct RunRecord
{
    enum class Outcome
    {
        Succeeded,
        Partial, // a version was written, but some files could not be read
        Failed,
        Cancelled,
    };

    QString setId;
    QString setName;
    QDateTime started;
    QDateTime finished;
    Outcome outcome = Outcome::Failed;
    BackupKind kind = BackupKind::Incremental;
    bool scheduled = false; // started by the scheduler rather than by a person
    QString snapshot;       // the version's id, when one was written
    QString message;        // why it failed, or the first warning
    qint64 files = 0;
    qint64 bytes = 0;
    qint64 bytesAdded = 0;
    qint64 warnings = 0;
    // What the set's retention did after the run (forget, and prune when it was due).
    struct Retention
    {
        bool ran = false;      // false: the set has no policy, or the run wrote no version
        qint64 forgotten = 0;  // versions the policy let go
        bool pruned = false;   // a prune ran after the forget
        qint64 bytesFreed = 0; // what the prune gave back
        QString error;         // why forget or prune failed (the backup itself stands)
        bool operator==(const Retention &) const = default;
    } retention;

    // A version was written (Succeeded or Partial).
    bool wroteVersion() const { return outcome == Outcome::Succeeded || outcome == Outcome::Partial; }

    QJsonObject toJson() const;
    static Result<RunRecord> fromJson(const QJsonObject &o);
};

QString outcomeName(RunRecord::Outcome outcome);
std::optional<RunRecord::Outcome> outcomeFromName(const QString &name);

class RunLog final
{
public:
    static constexpr int KeepRecords = 2000;

    // QStandardPaths::AppDataLocation + "/runs.jsonl".
    static QString defaultPath();

    explicit RunLog(QString path = defaultPath());

    QString path() const { return m_path; }

    // The records in the bytes of a run log, oldest first, and how many lines were skipped.
    // Pure: never fails, whatever the bytes.
    struct Parsed
    {
        QList<RunRecord> records;
        int skipped = 0;
    };
    static Parsed parse(const QByteArray &bytes);

    // Reads the file; a missing file is an empty log. Only an unreadable file is an error.
    Status load();
    // Lines skipped by the last load().
    int skippedLines() const { return m_skipped; }

    // Appends the run to the file (created with its folder when missing) and to records().
    Status append(const RunRecord &record);

    const QList<RunRecord> &records() const { return m_records; } // oldest first
    std::optional<RunRecord> last(const QString &setId) const;
    // The last run that wrote a version.
    std::optional<RunRecord> lastSuccess(const QString &setId) const;
    // Runs that failed (not cancelled ones), oldest first; all sets when setId is empty.
    QList<RunRecord> failures(const QString &setId = {}) const;

private:
    Status rewrite();

    QString m_path;
    QList<RunRecord> m_records;
    int m_skipped = 0;
};

} // namespace strata
