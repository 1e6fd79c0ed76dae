#include "models/VersionTreeFilterModel.h"

#include "models/VersionTreeModel.h"

namespace strata {

VersionTreeFilterModel::VersionTreeFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    setSortRole(VersionTreeModel::SortRole);
}

void VersionTreeFilterModel::setChangedOnly(bool changedOnly)
{
    if (changedOnly == m_changedOnly)
        return;
    m_changedOnly = changedOnly;
    invalidateFilter();
}

bool VersionTreeFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_changedOnly)
        return true;
    const QVariant change =
        sourceModel()->index(sourceRow, 0, sourceParent).data(VersionTreeModel::ChangeRole);
    return !change.isValid() || change.toInt() != int(EntryChange::Unchanged);
}

bool VersionTreeFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const auto isFolder = [](const QModelIndex &i) {
        return i.data(VersionTreeModel::NodeTypeRole).toInt() == int(NodeType::Directory);
    };
    const bool leftFolder = isFolder(left), rightFolder = isFolder(right);
    if (leftFolder != rightFolder) // folders stay first whichever way the column sorts
        return sortOrder() == Qt::AscendingOrder ? leftFolder : rightFolder;
    const QVariant l = left.data(VersionTreeModel::SortRole), r = right.data(VersionTreeModel::SortRole);
    if (l.typeId() == QMetaType::QString && r.typeId() == QMetaType::QString)
        return m_collator.compare(l.toString(), r.toString()) < 0;
    return QVariant::compare(l, r) == QPartialOrdering::Less;
}

} // namespace strata
