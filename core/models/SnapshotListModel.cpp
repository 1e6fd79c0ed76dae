#include "models/SnapshotListModel.h"
#include "models/TimeText.h"

#include <QLocale>

#include <algorithm>

namespace strata {

namespace {

QString kindLabel(BackupKind kind)
{
    switch (kind) {
    case BackupKind::Full:
        return SnapshotListModel::tr("Full");
    case BackupKind::Incremental:
        return SnapshotListModel::tr("Incremental");
    case BackupKind::Differential:
        return SnapshotListModel::tr("Differential");
    case BackupKind::Safety:
        return SnapshotListModel::tr("Safety");
    }
    return {};
}

} // namespace

SnapshotListModel::SnapshotListModel(QObject *parent) : QAbstractTableModel(parent) {}

void SnapshotListModel::setSnapshots(QList<Snapshot> snapshots)
{
    // Stable, so versions taken in the same second keep the repository's order.
    std::stable_sort(snapshots.begin(), snapshots.end(),
                     [](const Snapshot &a, const Snapshot &b) { return a.time > b.time; });
    m_all = std::move(snapshots);
    applyFilter();
}

void SnapshotListModel::setShowSafety(bool show)
{
    if (show == m_showSafety)
        return;
    m_showSafety = show;
    applyFilter();
}

void SnapshotListModel::applyFilter()
{
    beginResetModel();
    m_snapshots.clear();
    for (const Snapshot &s : std::as_const(m_all))
        if (m_showSafety || s.kind != BackupKind::Safety)
            m_snapshots.append(s);
    endResetModel();
}

QString SnapshotListModel::label(const Snapshot &s) const
{
    if (s.kind != BackupKind::Safety)
        return kindLabel(s.kind);
    // A safety version is tagged with the version whose restore it was taken for.
    static const QString prefix = QStringLiteral("restore-of:");
    for (const QString &tag : s.tags) {
        if (!tag.startsWith(prefix))
            continue;
        const QString restored = tag.mid(prefix.size());
        for (const Snapshot &other : m_all)
            if (!restored.isEmpty() && other.id.startsWith(restored))
                return tr("Before restoring the version of %1").arg(timeText(other.time));
    }
    return tr("Before a restore");
}

const Snapshot *SnapshotListModel::snapshotAt(int row) const
{
    if (row < 0 || row >= m_snapshots.size())
        return nullptr;
    return &m_snapshots[row];
}

int SnapshotListModel::rowOf(const QString &snapshotId) const
{
    for (int i = 0; i < m_snapshots.size(); ++i) {
        if (m_snapshots[i].id == snapshotId)
            return i;
    }
    return -1;
}

void SnapshotListModel::setChangeCounts(const QHash<QString, qint64> &countsById)
{
    m_changeCounts = countsById;
    if (!m_snapshots.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {ChangedFilesRole});
}

int SnapshotListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_snapshots.size());
}

int SnapshotListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SnapshotListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Snapshot &s = m_snapshots[index.row()];
    switch (role) {
    case SnapshotIdRole:
        return s.id;
    case TimeRole:
        return s.time;
    case KindRole:
        return int(s.kind);
    case SetRole:
        return s.set;
    case HostRole:
        return s.host;
    case FilesRole:
        return s.stats.files;
    case SizeRole:
        return s.stats.bytes;
    case ParentRole:
        return s.parent;
    case TagsRole:
        return s.tags;
    case BytesAddedRole:
        return s.stats.bytesAdded;
    case LabelRole:
        return label(s);
    case ChangedFilesRole:
        if (const auto it = m_changeCounts.constFind(s.id); it != m_changeCounts.cend())
            return *it;
        return {};
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case IdColumn:
            return s.shortId();
        case TimeColumn:
            return timeText(s.time);
        case KindColumn:
            return label(s);
        case SetColumn:
            return s.set;
        case HostColumn:
            return s.host;
        case FilesColumn:
            return QLocale().toString(s.stats.files);
        case SizeColumn:
            return QLocale().formattedDataSize(s.stats.bytes);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == IdColumn)
            return s.id;
        if (index.column() == TimeColumn)
            return timeText(s.time);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == FilesColumn || index.column() == SizeColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    default:
        return {};
    }
}

QVariant SnapshotListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case IdColumn:
        return tr("Version");
    case TimeColumn:
        return tr("Time");
    case KindColumn:
        return tr("Kind");
    case SetColumn:
        return tr("Set");
    case HostColumn:
        return tr("Host");
    case FilesColumn:
        return tr("Files");
    case SizeColumn:
        return tr("Size");
    case ColumnCount:
        break;
    }
    return {};
}

QHash<int, QByteArray> SnapshotListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SnapshotIdRole, "snapshotId");
    names.insert(TimeRole, "time");
    names.insert(KindRole, "kind");
    names.insert(SetRole, "set");
    names.insert(HostRole, "host");
    names.insert(FilesRole, "files");
    names.insert(SizeRole, "size");
    names.insert(ParentRole, "parent");
    names.insert(TagsRole, "tags");
    names.insert(BytesAddedRole, "bytesAdded");
    names.insert(ChangedFilesRole, "changedFiles");
    names.insert(LabelRole, "label");
    return names;
}

} // namespace strata
