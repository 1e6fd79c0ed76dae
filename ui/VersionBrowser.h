// The version browser: the files of one version as a lazily read tree, a "changed in this
// version" filter, a search by name over the whole version, and the actions on what is
// selected: restore (handed to the caller, who runs the wizard), open a copy (restored here into
// a temporary folder and handed to the desktop), compare a file with the set's version before or
// with the file on disk now (the diff viewer), and show the history of a file.
//
// Nothing here reads the repository on the GUI thread: the models read on worker threads and
// "Open a Copy" runs a RestoreJob on its own thread.
#pragma once

#include "DiffViewer.h"
#include "repo/Snapshot.h"

#include <QFile>
#include <QSet>
#include <QWidget>

#include <memory>
#include <optional>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTemporaryDir;
class QTimer;
class QTreeView;

namespace strata {

class Catalog;
class Repository;
class VersionSearchModel;
class VersionTreeFilterModel;
class VersionTreeModel;

class VersionBrowser final : public QWidget
{
    Q_OBJECT
public:
    // How long typing pauses before a search starts.
    static constexpr int SearchDelayMs = 250;

    explicit VersionBrowser(QWidget *parent = nullptr);
    // Waits for a copy being restored (one file) so its temporary folder can go.
    ~VersionBrowser() override;

    // Shows `version`, with changes against `compareTo` (the previous version of the same set;
    // none: everything counts as added). A search being shown runs again on the new version.
    void setVersion(std::shared_ptr<Repository> repo, const Snapshot &version,
                    std::optional<Snapshot> compareTo = {});
    void clear();
    // The repository's catalog (none: there is none yet): the "changed in this version" filter
    // and the search answer from it for the versions shown from now on, without reading the
    // repository's listings.
    void setCatalog(std::shared_ptr<Catalog> catalog);

    // Absolute original paths of the selected entries, in the tree or in the search results,
    // whichever is shown. Empty when nothing is selected (which "Restore…" means as "all").
    QStringList selectedPaths() const;
    // The same as bytes: exact for names that are not UTF-8, which the strings above cannot
    // carry (QFile::decodeName replaces their bytes).
    QList<QByteArray> selectedRawPaths() const;

    // Enables "Show History" once a history view exists (off by default).
    void setHistoryAvailable(bool available);

    // Restores `path` (a file of the shown version) into a temporary folder kept while the
    // browser lives, then opens it with the desktop's application for it. Errors are shown.
    void openCopy(const QByteArray &path); // as bytes: exact for names that are not UTF-8
    void openCopy(const QString &path) { openCopy(QFile::encodeName(path)); }

    VersionTreeModel *treeModel() const { return m_tree; }
    VersionTreeFilterModel *treeFilter() const { return m_treeFilter; }
    VersionSearchModel *searchModel() const { return m_search; }
    QTreeView *treeView() const { return m_treeView; }
    QTreeView *searchView() const { return m_searchView; }
    QLineEdit *searchEdit() const { return m_searchEdit; }
    QCheckBox *changedOnlyBox() const { return m_changedOnly; }
    QAction *restoreAction() const { return m_restoreAction; }
    QAction *openCopyAction() const { return m_openCopyAction; }
    QAction *historyAction() const { return m_historyAction; }
    QAction *comparePreviousAction() const { return m_comparePreviousAction; }
    QAction *compareDiskAction() const { return m_compareDiskAction; }

    // Opens the diff viewer (not modal, deleted when closed) on one file's two sides.
    DiffViewer *openDiff(DiffViewer::Side before, DiffViewer::Side after);
    // Whether the search results are shown instead of the tree.
    bool isShowingSearch() const;

    // Whether exactly one entry is selected and it is a file (what a one-page restore takes).
    bool selectionIsOneFile() const;

Q_SIGNALS:
    // The user asked to restore these paths (empty: the whole version).
    void restoreRequested(const QList<QByteArray> &paths);
    void historyRequested(const QString &path);
    void diffOpened(DiffViewer *viewer);
    // "Open a Copy" wrote `file` and handed it to the desktop.
    void copyOpened(const QString &file);
    void copyFailed(const QString &message);

private:
    void buildUi();
    QPushButton *buttonFor(QAction *action);
    QTreeView *currentView() const;
    void startSearch();
    void updateActions();
    void updateStatus();
    void showContextMenu(QTreeView *view, const QPoint &pos);
    void activate(const QModelIndex &index);
    void showProblem(const QString &message);
    void rememberPlace();
    void reopenPlace(const QModelIndex &parent, int first, int last);

    VersionTreeModel *m_tree = nullptr;
    VersionTreeFilterModel *m_treeFilter = nullptr;
    VersionSearchModel *m_search = nullptr;
    VersionTreeFilterModel *m_searchSort = nullptr;

    QLineEdit *m_searchEdit = nullptr;
    QCheckBox *m_changedOnly = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTreeView *m_treeView = nullptr;
    QTreeView *m_searchView = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_problem = nullptr;
    QAction *m_restoreAction = nullptr;
    QAction *m_openCopyAction = nullptr;
    QAction *m_historyAction = nullptr;
    QAction *m_comparePreviousAction = nullptr;
    QAction *m_compareDiskAction = nullptr;
    QTimer *m_searchTimer = nullptr;

    std::shared_ptr<Repository> m_repo;
    std::optional<Snapshot> m_version;
    std::optional<Snapshot> m_previous; // of the same set: "Compare with Previous Version"
    bool m_historyAvailable = false;
    // Where the user was in the previous version: open folders and the current entry.
    QSet<QString> m_expandedPaths;
    QString m_currentPath;
    std::unique_ptr<QTemporaryDir> m_copies; // made on the first "Open a Copy"
    int m_copyCount = 0;
};

} // namespace strata
