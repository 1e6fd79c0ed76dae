// A backup set: what to back up (sources, excludes), where to (repository), when (schedule),
// which kind of run (kind policy), what to keep (its retention policy; applying it is ForgetJob's)
// and where the repository password comes from. A plain value type with a JSON form.
//
// A set never holds a password: PasswordStorage only says where the password is found (the OS
// keychain, a prompt, or a file whose *path* is stored here).
#pragma once

#include "repo/Snapshot.h"
#include "retention/RetentionPolicy.h"
#include "schedule/ScheduleRule.h"
#include "util/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTime>

#include <optional>

namespace strata {

// Incremental (or differential) runs, with a full one when the last full is too old: a full run
// re-reads every file, so a file whose content changed behind an unchanged size and mtime is
// caught within fullEveryDays.
struct KindPolicy
{
    BackupKind normal = BackupKind::Incremental; // Full, Incremental or Differential
    int fullEveryDays = 7;                       // 0: never force a full run

    // The kind of the next run. `lastFull` is the time of the set's last full version, invalid
    // when there is none (then Full). A lastFull more than a day after `now` means the clock was
    // wrong when it was taken, so its age is unknown: Full.
    BackupKind kindForNextRun(const QDateTime &lastFull, const QDateTime &now) const;

    bool operator==(const KindPolicy &) const = default;
};

struct Schedule
{
    enum class Mode
    {
        Manual,     // only when asked
        EveryHours, // every `hours` hours
        Daily,      // every day at `at`
        Weekly,     // every week on `weekday` (1 = Monday ... 7 = Sunday, as Qt::DayOfWeek) at `at`
    };
    Mode mode = Mode::Manual;
    int hours = 24;  // EveryHours: 1 to 168
    QTime at{12, 0}; // Daily and Weekly, local time; minutes precision
    int weekday = 1; // Weekly

    bool operator==(const Schedule &) const = default;
    // The scheduler's rule for it: what the service schedules and the assistant announces.
    ScheduleRule rule() const;
};
QString scheduleModeName(Schedule::Mode mode);
std::optional<Schedule::Mode> scheduleModeFromName(const QString &name);

enum class PasswordStorage
{
    Keychain,    // the OS keychain (secrets/SecretStore)
    AskEachTime, // prompt on every run; unattended runs are impossible
    File,        // read from BackupSet::passwordFile (its path only is stored)
};
QString passwordStorageName(PasswordStorage storage);
std::optional<PasswordStorage> passwordStorageFromName(const QString &name);

struct BackupSet
{
    QString id;           // a UUID without braces, stable across renames
    QString name;         // unique within a SetStore; versions record it, so parents are found by it
    QStringList sources;  // absolute paths
    QStringList excludes; // patterns as engine/Excludes.h understands them
    bool excludeCaches = true;
    qint64 maxFileSize = -1; // bytes; -1: no limit
    QString repository;      // a folder path or a URL
    KindPolicy kindPolicy;
    Schedule schedule;
    RetentionPolicy retention; // empty: every version is kept
    // After a scheduled backup, a set with a policy forgets what the policy lets go and prunes,
    // at most once every pruneEveryHours per repository.
    bool autoPrune = true;
    int pruneEveryHours = 24;
    PasswordStorage passwordStorage = PasswordStorage::Keychain;
    QString passwordFile; // only with PasswordStorage::File

    // Which preset made the set ("home", "documents", "otclient"; empty for a custom set) and the
    // preset's chosen options (OTClient categories), so an editor can show them again.
    QString preset;
    QStringList presetOptions;

    static QString newId();

    // Every problem a person must fix before the set can run: a missing name, no sources, a
    // relative source, no repository, a bad exclude pattern, a schedule out of range, a password
    // file missing its path. The first one found, as ErrorCode::InvalidArgument.
    Status validate() const;

    QJsonObject toJson() const;
    // Parses and validates; unknown keys are ignored so a newer Strata's additions do not break
    // reading. Unknown enum names (schedule mode, kind, password storage) are errors.
    static Result<BackupSet> fromJson(const QJsonObject &o);

    bool operator==(const BackupSet &) const = default;
};

} // namespace strata
