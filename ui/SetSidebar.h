// The sidebar of backup sets: each set's name, a glyph for its last result, a line on its last
// run and one on its next run, and a warning when its backups are stale; with the actions on the
// current set (back up now, edit, remove) and "new set". A line too long for the width wraps
// once before it is elided; the tooltip has everything. The sidebar only asks: the window that
// owns it answers the request signals (runs the backup, opens the editor, confirms the removal).
#pragma once

#include <QWidget>

class QAction;
class QListView;
class QModelIndex;

namespace strata {

class SetListModel;

class SetSidebar final : public QWidget
{
    Q_OBJECT
public:
    // The model stays owned by the caller and must outlive the sidebar.
    explicit SetSidebar(SetListModel *model, QWidget *parent = nullptr);

    // The id of the current set; empty when there are no sets.
    QString currentSet() const { return m_current; }
    // Makes a set current (an unknown id is ignored). Emits currentSetChanged when it changes.
    void setCurrentSet(const QString &id);

    QListView *view() const { return m_view; }
    // The lines a set's row shows at the view's width, as drawn (name; last run, wrapped onto
    // a second line if need be; next run; the stale warning), elided where even that is not
    // enough. Empty for an unknown id. For tests.
    QStringList linesShown(const QString &id) const;

    // Wide enough for a status line of about 26 average characters beside the glyph.
    QSize minimumSizeHint() const override;
    // The actions, for the window's menus and toolbars. Their shortcuts (Ctrl+B, Ctrl+E,
    // Ctrl+N, Delete) work while the focus is inside the sidebar.
    QAction *backupAction() const { return m_backup; }
    QAction *editAction() const { return m_edit; }
    QAction *newSetAction() const { return m_new; }
    QAction *removeAction() const { return m_remove; }

Q_SIGNALS:
    // The current set changed (empty: none). When the model is reset the current set stays
    // current if it is still there; otherwise the first set becomes current.
    void currentSetChanged(const QString &id);
    void backupRequested(const QString &id);
    void editRequested(const QString &id);
    void newSetRequested();
    void removeRequested(const QString &id);

private:
    QAction *makeAction(const QString &text, const QKeySequence &shortcut, const QString &objectName);
    void syncCurrent();
    void restoreCurrentAfterReset();
    void updateActions();
    void showContextMenu(const QPoint &pos);

    SetListModel *m_model = nullptr;
    QListView *m_view = nullptr;
    QAction *m_backup = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_new = nullptr;
    QAction *m_remove = nullptr;
    QString m_current;
};

} // namespace strata
