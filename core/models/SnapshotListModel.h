// The versions of one repository as a flat table (newest first) for the timeline, the version
// list and pickers. QtCore only: the CLI and tests use it without a display.
#pragma once

#include "repo/Snapshot.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace strata {

class SnapshotListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        IdColumn,
        TimeColumn,
        KindColumn,
        SetColumn,
        HostColumn,
        FilesColumn,
        SizeColumn,
        ColumnCount
    };
    enum Role
    {
        SnapshotIdRole = Qt::UserRole, // QString, the full id
        TimeRole,                      // QDateTime, UTC
        KindRole,                      // int, a BackupKind
        SetRole,                       // QString
        HostRole,                      // QString
        FilesRole,                     // qint64
        SizeRole,                      // qint64, bytes of the files in the version
        ParentRole,                    // QString, the full id of the parent or empty
        TagsRole,                      // QStringList
        BytesAddedRole,                // qint64, what the version added to the repository
        ChangedFilesRole,              // qint64, files the version changed; invalid when unknown
    };
    Q_ENUM(Column)
    Q_ENUM(Role)

    explicit SnapshotListModel(QObject *parent = nullptr);

    // Replaces the list; the model shows it newest first whatever order it comes in.
    void setSnapshots(QList<Snapshot> snapshots);
    const QList<Snapshot> &snapshots() const { return m_snapshots; }
    // The snapshot shown in `row`, or nullptr when the row is out of range.
    const Snapshot *snapshotAt(int row) const;
    // The row showing the version with this id, or -1.
    int rowOf(const QString &snapshotId) const;
    // How many files each version changed, by version id, for ChangedFilesRole; a version
    // missing from the hash reads as unknown. Emits dataChanged for that role. The counts
    // belong to the ids (a version never changes), so they outlive setSnapshots.
    void setChangeCounts(const QHash<QString, qint64> &countsById);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<Snapshot> m_snapshots;
    QHash<QString, qint64> m_changeCounts; // version id -> files it changed
};

} // namespace strata
