// One version: when, where from, which paths, what kind of backup, and its root tree.
// Stored as sealed JSON under snapshots/<sha256 of the file>.
#pragma once

#include "crypto/BlobId.h"
#include "util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace strata {

enum class BackupKind
{
    Full,
    Incremental,
    Differential,
    Safety
};
QString kindName(BackupKind kind);
std::optional<BackupKind> kindFromName(const QString &name);

struct SnapshotStats
{
    qint64 files = 0;
    qint64 dirs = 0;
    qint64 bytes = 0; // total size of the files in the version
    qint64 filesNew = 0;
    qint64 filesChanged = 0;
    qint64 filesUnmodified = 0;
    qint64 bytesRead = 0; // what this run read from disk
    qint64 blobsAdded = 0;
    qint64 bytesAdded = 0; // what this run added to the repository (compressed, sealed)
    qint64 durationMs = 0;
    qint64 warnings = 0;
};

struct Snapshot
{
    QString id; // the file name: sha256 of the stored file, 64 hex digits
    QDateTime time;
    QString host;
    QString user;
    QString set;                // the backup set's name; incremental and differential parents are per set
    QStringList paths;          // absolute source paths, for display
    QList<QByteArray> rawPaths; // the same as bytes: authoritative for names that are not UTF-8
    QStringList tags;
    BackupKind kind = BackupKind::Full;
    QString parent; // the version compared against, empty for a full backup
    // The version this one replaced when only its tags changed (the first of a chain of such
    // changes), so what names the old id can find it again; empty for a version a backup made.
    QString original;
    BlobId tree; // root tree: mirrors the absolute paths from "/"
    SnapshotStats stats;
    QString program; // "strata 0.1.0"
    // Which attributes the backup kept (format 2); both false for a format 1 version. A later
    // backup with the same choice may take an unchanged entry's attributes from this version.
    bool keptXattrs = false;
    bool keptAcls = false;

    QJsonObject toJson() const;
    static Result<Snapshot> fromJson(const QJsonObject &o);
    // The plaintext of a snapshot file (after authentication): a JSON object as toJson() writes
    // it. ErrorCode::Corrupt for anything else, with a message that follows "snapshot <id>".
    // The id is left empty: it is the file's name.
    static Result<Snapshot> parse(const QByteArray &json);
    QString shortId() const { return id.left(8); }
};

} // namespace strata
