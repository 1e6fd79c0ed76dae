// The user's backup sets, kept as one JSON file ({"format": 1, "sets": [...]}) in the config
// folder. Every change is written at once, atomically (QSaveFile: a crash leaves the old file or
// the new one, never half of one).
//
// A file that cannot be read is never overwritten silently: load() reports it, and the next
// write first copies it to "<file>.bad" (or ".bad.2", ".bad.3", ... when that exists). A file
// written by a newer Strata (a higher format) is left alone: the store is then read-only.
//
// Not thread-safe; one instance per process, used from the GUI thread (or the CLI's main).
#pragma once

#include "profiles/BackupSet.h"
#include "util/Result.h"

#include <QList>
#include <QString>

#include <optional>

namespace strata {

class SetStore final
{
public:
    static constexpr int FormatVersion = 1;

    // QStandardPaths::AppConfigLocation + "/sets.json".
    static QString defaultPath();

    explicit SetStore(QString path = defaultPath());

    // What the bytes of a sets file hold: every set that validates, and in `status` what was
    // wrong: ErrorCode::Corrupt for a damaged file (the sets that could be read are kept),
    // Unsupported for a newer format (no sets). Pure; `path` only names the file in messages.
    struct Parsed
    {
        QList<BackupSet> sets;
        Status status;
    };
    static Parsed parse(const QByteArray &bytes, const QString &path);

    QString path() const { return m_path; }

    // Reads the file. A missing file is an empty store, not an error. A file that is not valid
    // JSON, holds a set that does not validate or repeats an id gives ErrorCode::Corrupt with
    // the reason; the sets that could be read stay loaded, and the next write keeps a ".bad"
    // copy first. A newer format gives ErrorCode::Unsupported and makes the store read-only.
    Status load();

    const QList<BackupSet> &sets() const { return m_sets; }
    std::optional<BackupSet> find(const QString &id) const;
    std::optional<BackupSet> findByName(const QString &name) const;
    bool isReadOnly() const { return m_readOnly; }
    // Where the last write put the unreadable file, empty if it has not happened.
    QString badCopyPath() const { return m_badCopy; }

    // Each of these needs a load() first (so a file never read is never replaced), validates, writes the file
    // and only then changes sets(); on an error nothing changed. Names are unique (case-insensitively):
    // versions record a set by its name. add() gives the set a new id when it has none and returns the id.
    Result<QString> add(BackupSet set);
    Status update(const BackupSet &set);
    Status remove(const QString &id);

    // Writes the current sets (after a load() that reported a corrupt file, to start afresh).
    Status save();

private:
    Status checkName(const BackupSet &set) const;
    Status write(const QList<BackupSet> &sets);
    Status keepBadCopy();

    QString m_path;
    QList<BackupSet> m_sets;
    bool m_loaded = false;
    bool m_fileIsBad = false; // the file on disk could not be read and has not been copied yet
    bool m_readOnly = false;
    QString m_badCopy;
};

} // namespace strata
