// The pages of the RestoreWizard and the choices they share (Context). Each page shows and
// edits a part of the Context; the wizard turns the Context into the RestorePlan or the
// ExportParams the engine runs. Internal to the wizard (and its tests).
#pragma once

#include "Labels.h"

#include "archive/ArchiveExport.h"
#include "engine/Restore.h"

#include <QPointer>
#include <QWizardPage>

#include <functional>
#include <memory>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QTableView;

namespace strata {

class RestorePreviewFilter;
class RestorePreviewModel;
class SnapshotListModel;

namespace wizard {

enum class Destination
{
    InPlace,
    Folder,
    Archive
};

struct Context
{
    std::shared_ptr<Repository> repo;
    QList<Snapshot> versions;
    QList<QByteArray> paths; // chosen by the caller, as bytes; empty: the whole version
    QString preset;
    std::function<bool()> clientRunning;
    qint64 failAfterFiles = -1;

    // The choices.
    QString snapshot; // full id
    bool everything = true;
    Destination destination = Destination::InPlace;
    QString folder;      // clean absolute path, for Destination::Folder
    QString archiveFile; // clean absolute path, for Destination::Archive
    ArchiveFormat format = ArchiveFormat::Zip;
    ConflictPolicy conflict = ConflictPolicy::IfChanged;
    bool safetyVersion = true;

    // The outcome, filled by the progress page.
    bool done = false;
    RestoreResult restoreResult;
    ExportResult exportResult;
    QStringList warnings; // as the job reported them (the first kMaxWarnings)
    qint64 warningCount = 0;

    static constexpr int kMaxWarnings = 1000;

    bool isArchive() const { return destination == Destination::Archive; }
    bool isOtclient() const { return preset == QLatin1String("otclient"); }
    const Snapshot *version() const;
    QList<QByteArray> includes() const { return everything ? QList<QByteArray>() : paths; }
    RestorePlan plan() const;
};

// Helpers shared by the pages: a word-wrapped plain-text note, a bold selectable one for
// problems, an explanation indented under a radio button, and locale-formatted numbers.
QLabel *makeProblemLabel(QWidget *parent, const QString &objectName);
QLabel *makeExplanation(const QString &text, QWidget *parent);
QString humanBytes(qint64 bytes);
QString number(qint64 n);

class WhatPage final : public QWizardPage
{
    Q_OBJECT
public:
    WhatPage(std::shared_ptr<Context> context, const QString &versionId, QWidget *parent = nullptr);
    bool isComplete() const override;

private:
    void update();

    std::shared_ptr<Context> m_context;
    SnapshotListModel *m_versions = nullptr;
    QComboBox *m_version = nullptr;
    QLabel *m_summary = nullptr;
    QRadioButton *m_everything = nullptr;
    QRadioButton *m_chosen = nullptr;
    QListWidget *m_pathList = nullptr;
};

class WherePage final : public QWizardPage
{
    Q_OBJECT
public:
    WherePage(std::shared_ptr<Context> context, QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

Q_SIGNALS:
    void destinationChanged();

private:
    void update();
    void formatChosen();
    void fileNameEdited();
    void browseFolder();
    void browseArchive();
    QString folderProblem() const;
    QString archiveProblem() const;
    QString exampleDestination() const;

    std::shared_ptr<Context> m_context;
    QRadioButton *m_inPlace = nullptr;
    QRadioButton *m_folder = nullptr;
    QRadioButton *m_archive = nullptr;
    QLabel *m_inPlaceNote = nullptr;
    QList<QWidget *> m_folderWidgets;  // enabled while "Another folder" is chosen
    QList<QWidget *> m_archiveWidgets; // enabled while "An archive file" is chosen
    QLineEdit *m_folderEdit = nullptr;
    QLabel *m_folderNote = nullptr;
    QComboBox *m_format = nullptr;
    QLineEdit *m_fileEdit = nullptr;
    QCheckBox *m_replace = nullptr;
    QLabel *m_problem = nullptr;
};

class ConflictsPage final : public QWizardPage
{
    Q_OBJECT
public:
    ConflictsPage(std::shared_ptr<Context> context, QWidget *parent = nullptr);
    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;

    RestorePreviewModel *previewModel() const { return m_model; }
    void stopPreview();

private:
    void startPreview();
    void showSummary();
    void filterChosen();

    std::shared_ptr<Context> m_context;
    QButtonGroup *m_policies = nullptr;
    RestorePreviewModel *m_model = nullptr;
    RestorePreviewFilter *m_filter = nullptr;
    QComboBox *m_filterCombo = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_counts = nullptr;
    QCheckBox *m_safety = nullptr;
    QLabel *m_safetyNote = nullptr;
    QString m_failure;
};

class OtclientPage final : public QWizardPage
{
    Q_OBJECT
public:
    OtclientPage(std::shared_ptr<Context> context, QWidget *parent = nullptr);
    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    void checkClient();

    std::shared_ptr<Context> m_context;
    QLabel *m_message = nullptr;
    QPushButton *m_checkAgain = nullptr;
    QLabel *m_warning = nullptr;
    quint64 m_generation = 0;
    bool m_scanned = false;
    bool m_touchesConfig = false;
    bool m_refused = false;
};

class ProgressPage final : public QWizardPage
{
    Q_OBJECT
public:
    ProgressPage(std::shared_ptr<Context> context, QWidget *parent = nullptr);
    ~ProgressPage() override;
    void initializePage() override;
    bool isComplete() const override;

    bool isRunning() const { return m_job != nullptr; }
    void cancel();

Q_SIGNALS:
    void finished(bool ok);

private:
    void showProgress(const Progress &progress);
    void addWarning(const QString &path, const QString &message);
    void jobDone();
    void releaseJob();

    std::shared_ptr<Context> m_context;
    QLabel *m_phase = nullptr;
    QProgressBar *m_bar = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_current = nullptr;
    Job *m_job = nullptr;
};

class ReportPage final : public QWizardPage
{
    Q_OBJECT
public:
    ReportPage(std::shared_ptr<Context> context, QWidget *parent = nullptr);
    void initializePage() override;

Q_SIGNALS:
    // "Undo this restore…": restore the safety version with this id in place.
    void undoRequested(const QString &safetyVersion);

private:
    QString restoreText() const;
    QString exportText() const;

    std::shared_ptr<Context> m_context;
    QLabel *m_headline = nullptr;
    QLabel *m_details = nullptr;
    QLabel *m_warningsLabel = nullptr;
    QListWidget *m_warnings = nullptr;
    QLabel *m_damagedLabel = nullptr;
    QListWidget *m_damaged = nullptr; // files the repository could not give back whole
    QLabel *m_undo = nullptr;
    QPushButton *m_undoButton = nullptr;
};

} // namespace wizard
} // namespace strata
