// Edits an existing backup set: name, sources, exclusions, schedule and kind of runs, what to
// keep, and where the password is kept. OTClient sets show their categories and rebuild their
// exclusions when those change. OK validates everything (problems are shown inline and OK
// refuses), stores the password when it moves to the keychain or a file (checked against the
// repository off the GUI thread first), and saves the set through SetStore::update().
//
// Show it with open(); it never waits in a nested event loop.
#pragma once

#include "profiles/BackupSet.h"
#include "profiles/Presets.h"
#include "repo/Snapshot.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QSpinBox;
class QWidget;

namespace strata {

class PasswordStorageChooser;
class RetentionEditor;
class ScheduleEditor;
class SetStore;

class SetEditor final : public QDialog
{
    Q_OBJECT
public:
    // `store` must be loaded, hold the set, and outlive the editor.
    SetEditor(SetStore &store, BackupSet set, QWidget *parent = nullptr);

    // The set as edited so far (what OK would save).
    BackupSet editedSet() const;
    // What is wrong, as shown at the bottom of the dialog; empty when nothing is.
    QString problem() const;
    bool isBusy() const { return m_busy; }

    ScheduleEditor *scheduleEditor() const { return m_schedule; }
    RetentionEditor *retentionEditor() const { return m_retention; }
    // The set's versions, for the Keep tab's preview (the window reads them off the GUI thread).
    void setVersions(QList<Snapshot> versions);
    void setVersionsUnavailable(const QString &why);
    PasswordStorageChooser *passwordChooser() const { return m_chooser; }

    void addSource(const QString &path);

public Q_SLOTS:
    // Validates, stores the password where needed, saves; stays open on any problem.
    void accept() override;
    // Ignored while the password is being checked and stored.
    void reject() override;

Q_SIGNALS:
    void setChanged(const strata::BackupSet &set);

private:
    QWidget *buildGeneralTab();
    QWidget *buildExclusionsTab();
    QWidget *buildScheduleTab();
    QWidget *buildRetentionTab();
    QWidget *buildPasswordTab();
    QStringList excludeLines() const;
    // The first bad exclude pattern, as a sentence naming its line; empty when all are good.
    QString checkExcludes() const;
    presets::OtclientCategories chosenCategories() const;
    void otclientCategoriesChanged();
    bool passwordNeeded() const;
    void updatePasswordRow();
    void storePasswordThenSave(const BackupSet &set);
    void save(const BackupSet &set);
    void setBusy(bool busy);
    void showProblem(const QString &text);

    SetStore &m_store;
    const BackupSet m_original;
    presets::OtclientCategories m_categories; // the categories the excludes were last built for

    QLineEdit *m_name = nullptr;
    QListWidget *m_sources = nullptr;
    QList<QPair<presets::OtclientCategory, QCheckBox *>> m_categoryBoxes;
    QPlainTextEdit *m_excludes = nullptr;
    QLabel *m_excludesProblem = nullptr;
    QCheckBox *m_excludeCaches = nullptr;
    QCheckBox *m_limitSize = nullptr;
    QSpinBox *m_maxSizeMib = nullptr;
    ScheduleEditor *m_schedule = nullptr;
    QComboBox *m_kind = nullptr;
    QSpinBox *m_fullEvery = nullptr;
    RetentionEditor *m_retention = nullptr;
    PasswordStorageChooser *m_chooser = nullptr;
    QWidget *m_passwordRow = nullptr;
    QLineEdit *m_password = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_busy = false;
};

} // namespace strata
