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
        LabelRole,                     // QString, what the version is in words (see label())
    };
    Q_ENUM(Column)
    Q_ENUM(Role)

    explicit SnapshotListModel(QObject *parent = nullptr);

    // Replaces the list; the model shows it newest first whatever order it comes in.
    void setSnapshots(QList<Snapshot> snapshots);
    // The versions shown (newest first), and all of them, safety versions included.
    const QList<Snapshot> &snapshots() const { return m_snapshots; }
    const QList<Snapshot> &allSnapshots() const { return m_all; }
    // Whether the safety versions a restore takes are shown among the others (the default);
    // the main window hides them unless asked.
    void setShowSafety(bool show);
    bool showsSafety() const { return m_showSafety; }
    // What a version is, in words: its kind ("Incremental"), or for a safety version what it
    // holds ("Before restoring the version of 1 Dec 2026 19:00").
    QString label(const Snapshot &s) const;
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
    void applyFilter();

    QList<Snapshot> m_all;       // newest first
    QList<Snapshot> m_snapshots; // the shown ones
    bool m_showSafety = true;
    QHash<QString, qint64> m_changeCounts; // version id -> files it changed
};

} // namespace strata
