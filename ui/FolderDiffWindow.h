// The folder diff: what changed from one version to another (the two selected on the timeline),
// as a tree of the entries added, removed and changed under their folders, with a filter button
// per kind that also says how many there are, and a summary line. Enter, a double click or
// Compare on a file opens it in the diff viewer (a side it is not in stays empty).
//
// The changes are read on the thread pool (FolderDiffModel); closing the window drops them.
#pragma once

#include "repo/Snapshot.h"

#include <QDialog>

#include <memory>

class QLabel;
class QModelIndex;
class QPushButton;
class QTreeView;

namespace strata {

class DiffViewer;
class FolderDiffModel;
class Repository;

class FolderDiffWindow final : public QDialog
{
    Q_OBJECT
public:
    // Compares `before` with `after` (the caller puts the older first). `catalogPath`
    // overrides the catalog's place (tests).
    FolderDiffWindow(std::shared_ptr<Repository> repo, const Snapshot &before, const Snapshot &after,
                     QWidget *parent = nullptr, const QString &catalogPath = {});

    FolderDiffModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }

    // "Changes from <time of before> to <time of after>", translated.
    static QString titleFor(const Snapshot &before, const Snapshot &after);

public Q_SLOTS:
    // Opens the diff viewer on the current row, when it is a file that changed.
    void compare();

Q_SIGNALS:
    void diffOpened(DiffViewer *viewer);

private:
    void filterChanged();
    void showLoaded();
    void expand();
    void updateActions();
    void openDiff(const QModelIndex &index);

    std::shared_ptr<Repository> m_repo;
    FolderDiffModel *m_model = nullptr;
    QTreeView *m_view = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_added = nullptr, *m_removed = nullptr, *m_changed = nullptr;
    QPushButton *m_compare = nullptr;
};

} // namespace strata
