// Sorting and the "changed in this version" filter over a VersionTreeModel (or the flat
// VersionSearchModel, which answers the same roles). Filtering stays lazy: a folder that did
// not change is hidden without being read, and one that did is read only when expanded.
// QtCore only.
#pragma once

#include <QCollator>
#include <QSortFilterProxyModel>

namespace strata {

class VersionTreeFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit VersionTreeFilterModel(QObject *parent = nullptr);

    // Hides unchanged entries and folders with nothing changed below.
    void setChangedOnly(bool changedOnly);
    bool changedOnly() const { return m_changedOnly; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    // Folders before files in either order; names in natural order ("file2" before "file10"); other columns
    // by their SortRole key.
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool m_changedOnly = false;
    QCollator m_collator;
};

} // namespace strata
