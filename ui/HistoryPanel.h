// The history of one file: every version of its set with the date, the size and what changed
// (toggle "only versions where it changed"), and from there: compare two versions (or one with
// the version before it), compare one with the file on disk now, restore one. Read from the
// catalog on the thread pool.
#pragma once

#include "repo/Snapshot.h"

#include <QDialog>
#include <QSet>

#include <memory>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;

namespace strata {

class DiffViewer;
class FileHistoryModel;
class Repository;

class HistoryPanel final : public QDialog
{
    Q_OBJECT
public:
    // `versions` are the repository's (to name the ones compared); `set` limits the history to
    // that set's versions (all when empty). `catalogPath` overrides the catalog's place (tests).
    HistoryPanel(std::shared_ptr<Repository> repo, QList<Snapshot> versions, const QByteArray &path,
                 const QString &set, QWidget *parent = nullptr, const QString &catalogPath = {});

    FileHistoryModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

public Q_SLOTS:
    void compare();
    void compareWithDisk();

Q_SIGNALS:
    // The versions where the file changed, once known (for the timeline's marks).
    void changedVersionsKnown(const QSet<QString> &ids);
    // Restore This Version: `isFile` when that version holds a file there (not a folder).
    void restoreRequested(const QString &versionId, const QByteArray &path, bool isFile);
    void openCopyRequested(const QString &versionId, const QByteArray &path);
    void diffOpened(DiffViewer *viewer);

private:
    void updateActions();
    QList<int> selectedRows() const;
    const Snapshot *snapshot(const QString &id) const;
    void openDiff(const QString &before, const QString &after, bool toDisk);

    std::shared_ptr<Repository> m_repo;
    QList<Snapshot> m_versions;
    QByteArray m_path;
    FileHistoryModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_status = nullptr;
    QCheckBox *m_onlyChanged = nullptr;
    QPushButton *m_compare = nullptr, *m_compareDisk = nullptr, *m_restore = nullptr, *m_openCopy = nullptr;
};

} // namespace strata
