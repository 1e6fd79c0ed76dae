#include "RestoreWizardPages.h"

#include "engine/Listing.h"
#include "engine/RestoreWalk.h"
#include "models/RestorePreviewModel.h"
#include "models/SnapshotListModel.h"
#include "profiles/Presets.h"
#include "util/Paths.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QtConcurrent>
#include <QVBoxLayout>

namespace strata::wizard {

namespace {

// Nearest folder at or above `path` that exists: where a missing folder would be created.
QFileInfo nearestExisting(const QString &path)
{
    QFileInfo info(path);
    while (!info.exists() && !info.isRoot() && info.absoluteFilePath() != info.absolutePath())
        info = QFileInfo(info.absolutePath());
    return info;
}

const QStringList &archiveSuffixes()
{
    // Every ending archiveFormatFromFileName() knows, so a new format replaces the old ending
    // instead of being added after it.
    static const QStringList suffixes{QStringLiteral(".tar.gz"),  QStringLiteral(".tar.xz"),
                                      QStringLiteral(".tar.zst"), QStringLiteral(".tgz"),
                                      QStringLiteral(".txz"),     QStringLiteral(".tzst"),
                                      QStringLiteral(".zip"),     QStringLiteral(".7z")};
    return suffixes;
}

QString withExtension(const QString &file, ArchiveFormat format)
{
    QString stem = file;
    for (const QString &suffix : archiveSuffixes()) {
        if (stem.endsWith(suffix, Qt::CaseInsensitive)) {
            stem.chop(suffix.size());
            break;
        }
    }
    return stem + QLatin1Char('.') + archiveFormatName(format);
}

// Elides a path at its start, so the file name stays in view however narrow the column; the
// model's tooltip has the path whole.
class PathDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = Qt::ElideLeft;
    }
};

// The width a column of `view` needs for the widest of `texts` and its header, with the
// margins the item delegate draws around a text and a little room to breathe.
int widestText(QTableView *view, int column, const QStringList &texts)
{
    const QFontMetrics metrics = view->fontMetrics();
    const int margins = 2 * (view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1) +
                        2 * metrics.averageCharWidth() + (view->showGrid() ? 1 : 0);
    int width = view->horizontalHeader()->sectionSizeHint(column);
    for (const QString &text : texts)
        width = qMax(width, metrics.horizontalAdvance(text) + margins);
    return width;
}

} // namespace

// ---- Helpers shared by the pages ------------------------------------------------------------

QLabel *makeProblemLabel(QWidget *parent, const QString &objectName)
{
    QLabel *label = wrappedLabel({}, parent, objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}

QLabel *makeExplanation(const QString &text, QWidget *parent)
{
    QLabel *label = wrappedLabel(text, parent);
    label->setContentsMargins(24, 0, 0, 4);
    return label;
}

QString humanBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes);
}

QString number(qint64 n)
{
    return QLocale().toString(n);
}

// ---- Context --------------------------------------------------------------------------------

const Snapshot *Context::version() const
{
    for (const Snapshot &s : versions)
        if (s.id == snapshot)
            return &s;
    return nullptr;
}

RestorePlan Context::plan() const
{
    RestorePlan p;
    p.snapshot = snapshot;
    p.includes = includes();
    p.target = destination == Destination::Folder ? folder : QString();
    p.conflict = conflict;
    p.safetyVersion = safetyVersion;
    return p;
}

// ---- What -----------------------------------------------------------------------------------

WhatPage::WhatPage(std::shared_ptr<Context> context, const QString &versionId, QWidget *parent)
    : QWizardPage(parent), m_context(std::move(context))
{
    setTitle(tr("What to restore"));
    setSubTitle(tr("Choose the version, and whether to restore all of it or only the files you chose."));

    m_versions = new SnapshotListModel(this);
    m_versions->setSnapshots(m_context->versions);

    auto *layout = new QVBoxLayout(this);
    auto *versionLabel = new QLabel(tr("&Version:"), this);
    m_version = new QComboBox(this);
    m_version->setObjectName(QStringLiteral("version"));
    versionLabel->setBuddy(m_version);
    for (int row = 0; row < m_versions->rowCount(); ++row) {
        auto cell = [&](int column) { return m_versions->index(row, column).data().toString(); };
        const QStringList parts{cell(SnapshotListModel::TimeColumn), cell(SnapshotListModel::KindColumn),
                                cell(SnapshotListModel::SetColumn), cell(SnapshotListModel::IdColumn)};
        m_version->addItem(parts.join(QStringLiteral(" · ")), m_versions->snapshotAt(row)->id);
    }
    int row = m_versions->rowOf(versionId);
    for (int i = 0; row < 0 && !versionId.isEmpty() && i < m_versions->rowCount(); ++i)
        if (m_versions->snapshotAt(i)->id.startsWith(versionId))
            row = i;
    m_version->setCurrentIndex(qMax(row, 0));
    layout->addWidget(versionLabel);
    layout->addWidget(m_version);
    m_summary = wrappedLabel({}, this, QStringLiteral("versionSummary"));
    layout->addWidget(m_summary);
    layout->addSpacing(8);

    m_everything = new QRadioButton(tr("&Everything in this version"), this);
    m_everything->setObjectName(QStringLiteral("everything"));
    m_chosen = new QRadioButton(tr("&Only the files and folders you chose:"), this);
    m_chosen->setObjectName(QStringLiteral("chosen"));
    m_pathList = new QListWidget(this);
    m_pathList->setObjectName(QStringLiteral("chosenPaths"));
    m_pathList->setAccessibleName(tr("Chosen files and folders"));
    for (const QByteArray &path : m_context->paths)
        m_pathList->addItem(QFile::decodeName(path));
    layout->addWidget(m_everything);
    layout->addWidget(m_chosen);
    layout->addWidget(m_pathList, 1);
    const bool chosen = !m_context->paths.isEmpty();
    m_chosen->setVisible(chosen);
    m_pathList->setVisible(chosen);
    (chosen ? m_chosen : m_everything)->setChecked(true);
    if (!chosen)
        layout->addStretch(1);

    connect(m_version, &QComboBox::currentIndexChanged, this, &WhatPage::update);
    connect(m_everything, &QRadioButton::toggled, this, &WhatPage::update);
    connect(m_everything, &QRadioButton::toggled, m_pathList,
            [this](bool all) { m_pathList->setEnabled(!all); });
    m_pathList->setEnabled(chosen);
    update();
}

void WhatPage::update()
{
    m_context->snapshot = m_version->currentData().toString();
    m_context->everything = m_everything->isChecked();
    if (const Snapshot *s = m_context->version()) {
        m_summary->setText(tr("%n file(s), %1, from %2", nullptr, int(qMin<qint64>(s->stats.files, INT_MAX)))
                               .arg(humanBytes(s->stats.bytes), s->paths.join(QStringLiteral(", "))));
    } else {
        m_summary->setText(tr("This repository has no versions to restore yet."));
    }
    Q_EMIT completeChanged();
}

bool WhatPage::isComplete() const
{
    return m_context->version() != nullptr;
}

// ---- Where ----------------------------------------------------------------------------------

WherePage::WherePage(std::shared_ptr<Context> context, QWidget *parent)
    : QWizardPage(parent), m_context(std::move(context))
{
    setTitle(tr("Where to restore"));
    setSubTitle(tr("Put the files back where they were, into another folder, or into one archive file."));
    m_inPlace = new QRadioButton(tr("Their &original place"), this);
    m_inPlace->setObjectName(QStringLiteral("inPlace"));
    m_inPlaceNote = wrappedLabel({}, this);
    m_folder = new QRadioButton(tr("&Another folder"), this);
    m_folder->setObjectName(QStringLiteral("toFolder"));
    m_archive = new QRadioButton(tr("An archive &file (zip, tar, 7z)"), this);
    m_archive->setObjectName(QStringLiteral("toArchive"));

    auto *folderLabel = new QLabel(tr("Fol&der:"), this);
    m_folderEdit = new QLineEdit(this);
    m_folderEdit->setObjectName(QStringLiteral("folder"));
    m_folderEdit->setPlaceholderText(tr("Full path of a folder; it is created if missing"));
    folderLabel->setBuddy(m_folderEdit);
    auto *browseFolder = new QPushButton(tr("Bro&wse…"), this);
    browseFolder->setObjectName(QStringLiteral("browseFolder"));
    m_folderNote = wrappedLabel({}, this, QStringLiteral("folderNote"));

    auto *formatLabel = new QLabel(tr("For&mat:"), this);
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("format"));
    m_format->addItem(tr("Zip (.zip): opens everywhere"), int(ArchiveFormat::Zip));
    m_format->addItem(tr("Tar, gzip (.tar.gz)"), int(ArchiveFormat::TarGz));
    m_format->addItem(tr("Tar, xz (.tar.xz): smaller, slower"), int(ArchiveFormat::TarXz));
    m_format->addItem(tr("Tar, zstd (.tar.zst): fast"), int(ArchiveFormat::TarZst));
    m_format->addItem(tr("7-Zip (.7z)"), int(ArchiveFormat::SevenZip));
    formatLabel->setBuddy(m_format);
    auto *fileLabel = new QLabel(tr("F&ile:"), this);
    m_fileEdit = new QLineEdit(this);
    m_fileEdit->setObjectName(QStringLiteral("archiveFile"));
    m_fileEdit->setAccessibleName(tr("Archive file"));
    fileLabel->setBuddy(m_fileEdit);
    auto *browseArchive = new QPushButton(tr("Brow&se…"), this);
    browseArchive->setObjectName(QStringLiteral("browseArchive"));
    m_replace = new QCheckBox(tr("&Replace the existing file"), this);
    m_replace->setObjectName(QStringLiteral("replaceArchive"));

    m_problem = makeProblemLabel(this, QStringLiteral("problem"));

    // One grid for the whole page, so every field starts at the same x whichever choice it
    // belongs to: a radio button spans the row; under it, an indent, the labels, the fields
    // and their Browse buttons.
    enum GridColumn
    {
        IndentColumn,
        LabelColumn,
        FieldColumn,
        ButtonColumn,
        GridColumnCount
    };
    auto *grid = new QGridLayout(this);
    grid->setColumnMinimumWidth(IndentColumn, 24 - grid->horizontalSpacing());
    grid->setColumnStretch(FieldColumn, 1);
    int row = 0;
    auto addChoice = [&](QRadioButton *radio) {
        if (row > 0)
            grid->setRowMinimumHeight(row++, 6);
        grid->addWidget(radio, row++, IndentColumn, 1, GridColumnCount);
    };
    auto addField = [&](QLabel *label, QWidget *field, QWidget *button) {
        grid->addWidget(label, row, LabelColumn);
        grid->addWidget(field, row, FieldColumn, 1, button ? 1 : 2);
        if (button)
            grid->addWidget(button, row, ButtonColumn);
        ++row;
    };
    addChoice(m_inPlace);
    grid->addWidget(m_inPlaceNote, row++, LabelColumn, 1, GridColumnCount - LabelColumn);
    addChoice(m_folder);
    addField(folderLabel, m_folderEdit, browseFolder);
    grid->addWidget(m_folderNote, row++, FieldColumn, 1, 2);
    addChoice(m_archive);
    addField(formatLabel, m_format, nullptr);
    addField(fileLabel, m_fileEdit, browseArchive);
    grid->addWidget(m_replace, row++, FieldColumn, 1, 2);
    grid->addWidget(m_problem, row++, IndentColumn, 1, GridColumnCount);
    grid->setRowStretch(row, 1);
    m_folderWidgets = {folderLabel, m_folderEdit, browseFolder, m_folderNote};
    m_archiveWidgets = {formatLabel, m_format, fileLabel, m_fileEdit, browseArchive, m_replace};
    m_inPlace->setChecked(true);

    for (QRadioButton *radio : {m_inPlace, m_folder, m_archive})
        connect(radio, &QRadioButton::toggled, this, &WherePage::update);
    connect(m_folderEdit, &QLineEdit::textChanged, this, &WherePage::update);
    connect(m_fileEdit, &QLineEdit::textChanged, this, &WherePage::fileNameEdited);
    connect(m_fileEdit, &QLineEdit::editingFinished, this, [this] {
        // A name without an archive extension gets the chosen format's.
        if (!m_fileEdit->text().trimmed().isEmpty() &&
            !archiveFormatFromFileName(m_fileEdit->text().trimmed()))
            m_fileEdit->setText(withExtension(m_fileEdit->text().trimmed(), m_context->format));
    });
    connect(m_format, &QComboBox::currentIndexChanged, this, &WherePage::formatChosen);
    connect(m_replace, &QCheckBox::toggled, this, &WherePage::update);
    connect(browseFolder, &QPushButton::clicked, this, &WherePage::browseFolder);
    connect(browseArchive, &QPushButton::clicked, this, &WherePage::browseArchive);
}

void WherePage::initializePage()
{
    const Snapshot *version = m_context->version();
    m_inPlaceNote->setText(tr("Back to %1. Files that are there now are handled on the next page.")
                               .arg(version ? version->paths.join(QStringLiteral(", ")) : QString()));
    // Sensible defaults in the home folder, named after the version, until the user types one.
    const QString stamp =
        version ? version->time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH.mm")) : QString();
    if (m_folderEdit->text().isEmpty())
        m_folderEdit->setText(QDir::home().filePath(tr("Restored %1").arg(stamp)));
    if (m_fileEdit->text().isEmpty()) {
        const QString set = version && !version->set.isEmpty() ? version->set : QStringLiteral("strata");
        m_fileEdit->setText(
            withExtension(QDir::home().filePath(set + QLatin1Char(' ') + stamp), m_context->format));
    }
    update();
}

void WherePage::formatChosen()
{
    m_context->format = ArchiveFormat(m_format->currentData().toInt());
    const QString file = m_fileEdit->text().trimmed();
    if (!file.isEmpty() && archiveFormatFromFileName(file) != m_context->format)
        m_fileEdit->setText(withExtension(file, m_context->format));
    update();
}

void WherePage::fileNameEdited()
{
    // A typed extension chooses the format, so the two never disagree.
    if (const auto format = archiveFormatFromFileName(m_fileEdit->text().trimmed())) {
        const int index = m_format->findData(int(*format));
        if (index >= 0 && index != m_format->currentIndex()) {
            m_format->setCurrentIndex(index); // formatChosen() calls update()
            return;
        }
    }
    update();
}

void WherePage::browseFolder()
{
    auto *dialog = new QFileDialog(this, tr("Restore into Folder"), m_folderEdit->text());
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &dir) { m_folderEdit->setText(dir); });
    dialog->open();
}

void WherePage::browseArchive()
{
    auto *dialog = new QFileDialog(this, tr("Export to Archive"), m_fileEdit->text());
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    // The replace question is this page's check box, not a second dialog.
    dialog->setOption(QFileDialog::DontConfirmOverwrite);
    dialog->setNameFilter(tr("Archives (*.%1)").arg(archiveFormatName(m_context->format)));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &file) { m_fileEdit->setText(withExtension(file, m_context->format)); });
    dialog->open();
}

QString WherePage::folderProblem() const
{
    const QString text = m_folderEdit->text().trimmed();
    if (text.isEmpty())
        return tr("Type or choose the folder to restore into.");
    if (QDir::isRelativePath(text))
        return tr("Give the full path of the folder, starting with %1.").arg(QDir::rootPath());
    const QFileInfo info(text);
    if (info.exists() && !info.isDir())
        return tr("%1 is a file, not a folder. Choose a folder.").arg(text);
    const QFileInfo existing = nearestExisting(text);
    if (!existing.isDir())
        return tr("%1 cannot be created: %2 is not a folder.").arg(text, existing.filePath());
    if (!existing.isWritable())
        return info.exists() ? tr("You cannot write into %1. Choose another folder.").arg(text)
                             : tr("%1 cannot be created: you cannot write into %2. Choose another folder.")
                                   .arg(text, existing.filePath());
    return {};
}

QString WherePage::archiveProblem() const
{
    const QString text = m_fileEdit->text().trimmed();
    if (text.isEmpty())
        return tr("Type or choose the name of the archive file.");
    if (QDir::isRelativePath(text))
        return tr("Give the full path of the archive file, starting with %1.").arg(QDir::rootPath());
    const QFileInfo info(text);
    if (info.isDir())
        return tr("%1 is a folder. Give the name of a file.").arg(text);
    const QFileInfo folder(info.absolutePath());
    if (!folder.isDir())
        return tr("The folder %1 does not exist.").arg(folder.filePath());
    if (!folder.isWritable())
        return tr("You cannot write into %1. Choose another place.").arg(folder.filePath());
    if (info.exists() && !m_replace->isChecked())
        return tr("%1 exists already. Tick “Replace the existing file” to overwrite it, or choose another "
                  "name.")
            .arg(info.fileName());
    return {};
}

QString WherePage::exampleDestination() const
{
    // Where the first restored path lands, as the engine maps it: below the deepest folder
    // holding all of the version's sources, so /home/ana/Docs goes to <folder>/Docs.
    const Snapshot *version = m_context->version();
    if (!version || m_context->folder.isEmpty())
        return {};
    const QList<QByteArray> paths =
        m_context->everything || m_context->paths.isEmpty() ? version->rawPaths : m_context->paths;
    if (paths.isEmpty())
        return {};
    const QByteArray base = RestoreWalk::baseOf(version->rawPaths);
    const QByteArray first = paths::clean(paths.first());
    if (!first.startsWith(base))
        return {};
    const QByteArray relative = base == "/" ? first : first.mid(base.size());
    return tr("%1 will be restored as %2.")
        .arg(QFile::decodeName(first), QDir::cleanPath(m_context->folder + QFile::decodeName(relative)));
}

void WherePage::update()
{
    m_context->destination = m_archive->isChecked()  ? Destination::Archive
                             : m_folder->isChecked() ? Destination::Folder
                                                     : Destination::InPlace;
    m_context->folder = QDir::cleanPath(m_folderEdit->text().trimmed());
    m_context->archiveFile = QDir::cleanPath(m_fileEdit->text().trimmed());
    for (QWidget *widget : std::as_const(m_folderWidgets))
        widget->setEnabled(m_folder->isChecked());
    for (QWidget *widget : std::as_const(m_archiveWidgets))
        widget->setEnabled(m_archive->isChecked());
    m_replace->setVisible(QFileInfo(m_context->archiveFile).isFile());

    QString problem;
    if (m_context->destination == Destination::Folder)
        problem = folderProblem();
    else if (m_context->destination == Destination::Archive)
        problem = archiveProblem();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_folderNote->setText(problem.isEmpty() && m_context->destination == Destination::Folder
                              ? exampleDestination()
                              : QString());
    m_folderNote->setVisible(!m_folderNote->text().isEmpty());
    Q_EMIT destinationChanged();
    Q_EMIT completeChanged();
}

bool WherePage::isComplete() const
{
    return m_problem->text().isEmpty();
}

bool WherePage::validatePage()
{
    update(); // the disk may have changed since the last keystroke
    return isComplete();
}

// ---- Conflicts and preview ---------------------------------------------------------------------

ConflictsPage::ConflictsPage(std::shared_ptr<Context> context, QWidget *parent)
    : QWizardPage(parent), m_context(std::move(context))
{
    setTitle(tr("Files that are already there"));
    setSubTitle(tr("Choose what happens when a file to restore exists already. The table shows every file "
                   "the restore will touch."));
    auto *layout = new QVBoxLayout(this);

    m_policies = new QButtonGroup(this);
    struct Choice
    {
        ConflictPolicy policy;
        const char *name;
        QString label;
        QString explanation;
    };
    const Choice choices[] = {
        {ConflictPolicy::IfChanged, "policyIfChanged", tr("Overwrite only &changed files (recommended)"),
         tr("Files that differ from the version are replaced; identical files are left alone.")},
        {ConflictPolicy::Overwrite, "policyOverwrite", tr("O&verwrite"),
         tr("Every existing file is replaced by the version's copy, even when it is identical.")},
        {ConflictPolicy::Skip, "policySkip", tr("&Skip"),
         tr("Existing files are kept as they are; only missing files are restored.")},
        {ConflictPolicy::KeepBoth, "policyKeepBoth", tr("&Keep both"),
         tr("The existing file stays; the restored copy is written beside it as “name (restored)”.")},
    };
    for (const Choice &c : choices) {
        auto *radio = new QRadioButton(c.label, this);
        radio->setObjectName(QLatin1String(c.name));
        m_policies->addButton(radio, int(c.policy));
        layout->addWidget(radio);
        layout->addWidget(makeExplanation(c.explanation, this));
    }
    m_policies->button(int(ConflictPolicy::IfChanged))->setChecked(true);
    connect(m_policies, &QButtonGroup::idToggled, this, [this](int id, bool checked) {
        if (!checked)
            return;
        m_context->conflict = ConflictPolicy(id);
        startPreview();
    });

    auto *filterRow = new QHBoxLayout;
    auto *filterLabel = new QLabel(tr("S&how:"), this);
    m_filterCombo = new QComboBox(this);
    m_filterCombo->setObjectName(QStringLiteral("previewFilter"));
    filterLabel->setBuddy(m_filterCombo);
    using Actions = QList<RestoreAction>;
    m_filterCombo->addItem(tr("All files"), QVariant::fromValue(Actions{}));
    m_filterCombo->addItem(tr("Changes only"),
                           QVariant::fromValue(Actions{RestoreAction::Create, RestoreAction::Overwrite,
                                                       RestoreAction::KeepBoth}));
    for (RestoreAction a : {RestoreAction::Create, RestoreAction::Overwrite, RestoreAction::KeepBoth,
                            RestoreAction::Skip, RestoreAction::Unchanged})
        m_filterCombo->addItem(RestorePreviewModel::actionLabel(a), QVariant::fromValue(Actions{a}));
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("previewSearch"));
    m_search->setPlaceholderText(tr("Search by name"));
    m_search->setAccessibleName(tr("Search the preview by name"));
    m_search->setClearButtonEnabled(true);
    filterRow->addWidget(filterLabel);
    filterRow->addWidget(m_filterCombo);
    filterRow->addWidget(m_search, 1);
    layout->addLayout(filterRow);

    m_model = new RestorePreviewModel(this);
    m_model->setObjectName(QStringLiteral("previewModel"));
    m_filter = new RestorePreviewFilter(this);
    m_filter->setSourceModel(m_model);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("preview"));
    m_table->setAccessibleName(tr("Preview of the restore"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Fixed widths: sizing columns to their contents would measure every one of 100k rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setItemDelegateForColumn(RestorePreviewModel::DestinationColumn, new PathDelegate(m_table));
    m_table->setColumnHidden(RestorePreviewModel::OriginalColumn, true);
    // The path takes the room; the other columns are as wide as the widest text they can hold,
    // known without measuring rows: the labels are a closed set, a size has at most four digits.
    QHeaderView *header = m_table->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(RestorePreviewModel::DestinationColumn, QHeaderView::Stretch);
    QStringList actions, types, sizes;
    for (RestoreAction a : {RestoreAction::Create, RestoreAction::Overwrite, RestoreAction::KeepBoth,
                            RestoreAction::Skip, RestoreAction::Unchanged})
        actions << RestorePreviewModel::actionLabel(a);
    for (NodeType t : {NodeType::File, NodeType::Directory, NodeType::Symlink, NodeType::Fifo,
                       NodeType::CharDevice, NodeType::Socket})
        types << RestorePreviewModel::typeLabel(t);
    sizes << humanBytes(1023);
    for (int power = 1; power <= 6; ++power)
        sizes << humanBytes((qint64(1) << (10 * power)) - 1); // "1,024.00 KiB" and so on
    m_table->setColumnWidth(RestorePreviewModel::ActionColumn,
                            widestText(m_table, RestorePreviewModel::ActionColumn, actions));
    m_table->setColumnWidth(RestorePreviewModel::TypeColumn,
                            widestText(m_table, RestorePreviewModel::TypeColumn, types));
    m_table->setColumnWidth(RestorePreviewModel::SizeColumn,
                            widestText(m_table, RestorePreviewModel::SizeColumn, sizes));
    layout->addWidget(m_table, 1);

    m_status = makeProblemLabel(this, QStringLiteral("previewStatus"));
    m_counts = wrappedLabel({}, this, QStringLiteral("previewCounts"));
    layout->addWidget(m_status);
    layout->addWidget(m_counts);

    m_safety = new QCheckBox(tr("&Take a safety version first"), this);
    m_safety->setObjectName(QStringLiteral("safetyVersion"));
    m_safety->setChecked(true);
    m_safetyNote = makeExplanation(tr("Before anything is overwritten, the files about to be replaced are "
                                      "backed up as a safety version. If the restore fails they are put back "
                                      "at once; to undo it later, restore the safety version to its original "
                                      "place."),
                                   this);
    layout->addWidget(m_safety);
    layout->addWidget(m_safetyNote);
    connect(m_safety, &QCheckBox::toggled, this, [this](bool on) { m_context->safetyVersion = on; });

    connect(m_filterCombo, &QComboBox::currentIndexChanged, this, &ConflictsPage::filterChosen);
    connect(m_search, &QLineEdit::textChanged, m_filter, &RestorePreviewFilter::setText);
    connect(m_model, &RestorePreviewModel::summaryChanged, this, &ConflictsPage::showSummary);
    connect(m_model, &RestorePreviewModel::finished, this, [this] {
        showSummary();
        Q_EMIT completeChanged();
    });
    connect(m_model, &RestorePreviewModel::failed, this, [this](const QString &message) {
        m_failure = message;
        showSummary();
        Q_EMIT completeChanged();
    });
}

void ConflictsPage::initializePage()
{
    m_context->conflict = ConflictPolicy(m_policies->checkedId());
    m_context->safetyVersion = m_safety->isChecked();
    startPreview();
}

void ConflictsPage::cleanupPage()
{
    stopPreview();
}

void ConflictsPage::stopPreview()
{
    m_model->cancel();
}

void ConflictsPage::startPreview()
{
    m_failure.clear();
    m_model->start(m_context->repo, m_context->plan());
    showSummary();
    Q_EMIT completeChanged();
}

void ConflictsPage::filterChosen()
{
    m_filter->setActions(m_filterCombo->currentData().value<QList<RestoreAction>>());
}

void ConflictsPage::showSummary()
{
    const PlanSummary &s = m_model->summary();
    if (!m_failure.isEmpty())
        m_status->setText(tr("The preview failed: %1").arg(m_failure));
    else if (m_model->isRunning())
        m_status->setText(
            tr("Working out what the restore will do… %n file(s) so far.", nullptr, m_model->rowCount()));
    else
        m_status->clear();
    m_status->setVisible(!m_status->text().isEmpty());

    QString counts = tr("%1 to create, %2 to overwrite, %3 kept beside as renamed copies, %4 skipped, %5 "
                        "unchanged; %6 to write.")
                         .arg(number(s.create), number(s.overwrite), number(s.keepBoth), number(s.skip),
                              number(s.unchanged), humanBytes(s.bytes));
    if (s.refused > 0)
        counts += QLatin1Char(' ') +
                  tr("%n entry(ies) will not be restored because their names could write outside the folder.",
                     nullptr, int(qMin<qint64>(s.refused, INT_MAX)));
    m_counts->setText(counts);
    m_counts->setToolTip(m_model->refusedReasons().mid(0, 20).join(QLatin1Char('\n')));

    // The safety version only matters when something is overwritten.
    const bool overwrites = s.overwrite > 0;
    m_safety->setVisible(overwrites);
    m_safetyNote->setVisible(overwrites);
}

bool ConflictsPage::isComplete() const
{
    return m_failure.isEmpty() && !m_model->isRunning();
}

bool ConflictsPage::validatePage()
{
    return isComplete();
}

// ---- OTClient -------------------------------------------------------------------------------

OtclientPage::OtclientPage(std::shared_ptr<Context> context, QWidget *parent)
    : QWizardPage(parent), m_context(std::move(context))
{
    setTitle(tr("OTClient"));
    setSubTitle(tr("OTClient keeps its settings in config.otml and rewrites it when it exits."));
    auto *layout = new QVBoxLayout(this);
    m_message = makeProblemLabel(this, QStringLiteral("otclientMessage"));
    m_checkAgain = new QPushButton(tr("&Check again"), this);
    m_checkAgain->setObjectName(QStringLiteral("checkAgain"));
    m_warning = wrappedLabel({}, this, QStringLiteral("credentialsWarning"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_checkAgain);
    row->addStretch(1);
    layout->addWidget(m_message);
    layout->addLayout(row);
    layout->addWidget(m_warning);
    layout->addStretch(1);
    connect(m_checkAgain, &QPushButton::clicked, this, &OtclientPage::checkClient);
}

void OtclientPage::initializePage()
{
    // Whether the restore includes a config.otml: a walk of the chosen part of the version,
    // off the GUI thread.
    const quint64 generation = ++m_generation;
    m_scanned = false;
    m_message->setText(tr("Looking for config.otml in what you restore…"));
    m_checkAgain->hide();
    m_warning->hide();
    Q_EMIT completeChanged();

    const Snapshot *version = m_context->version();
    if (!version)
        return;
    QList<QByteArray> roots = m_context->includes();
    if (roots.isEmpty())
        roots = {QByteArray("/")};
    auto *watcher = new QFutureWatcher<bool>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_scanned = true;
        m_touchesConfig = watcher->result();
        checkClient();
    });
    watcher->setFuture(QtConcurrent::run([repo = m_context->repo, snapshot = *version, roots] {
        bool found = false;
        for (const QByteArray &root : roots) {
            // A path missing from the version is reported by the restore itself.
            (void)walkSnapshot(*repo, snapshot, root, true, [&](const ListedEntry &e) {
                found = e.node->type == NodeType::File && e.node->name == "config.otml";
                return !found;
            });
            if (found)
                break;
        }
        return found;
    }));
}

void OtclientPage::checkClient()
{
    if (!m_scanned)
        return;
    const bool inPlace = m_context->destination == Destination::InPlace;
    m_refused = m_touchesConfig && inPlace && m_context->clientRunning();
    m_checkAgain->setVisible(m_refused);
    if (!m_touchesConfig)
        m_message->setText(tr("This restore does not include config.otml: OTClient may keep running."));
    else if (m_refused)
        m_message->setText(
            tr("OTClient is running. Close OTClient first: it rewrites config.otml when it exits "
               "and would undo the restore. Then click “Check again”."));
    else if (inPlace)
        m_message->setText(tr("OTClient is not running. Keep it closed until the restore has finished."));
    else
        m_message->setText(tr("The restore includes config.otml."));
    // A copy elsewhere is outside the encrypted repository: remind what it may hold.
    const bool warn = m_touchesConfig && !inPlace;
    m_warning->setText(warn ? presets::otclientCredentialsWarning() + QLatin1Char(' ') +
                                  tr("The copy written by this restore is not encrypted: keep it private.")
                            : QString());
    m_warning->setVisible(warn);
    Q_EMIT completeChanged();
}

bool OtclientPage::isComplete() const
{
    return m_scanned && !m_refused;
}

bool OtclientPage::validatePage()
{
    checkClient(); // the client may have started since the page was shown
    return isComplete();
}

} // namespace strata::wizard
