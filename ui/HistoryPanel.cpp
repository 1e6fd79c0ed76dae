#include "HistoryPanel.h"

#include "DiffViewer.h"
#include "models/FileHistoryModel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace strata {

HistoryPanel::HistoryPanel(std::shared_ptr<Repository> repo, QList<Snapshot> versions, const QByteArray &path,
                           const QString &set, QWidget *parent, const QString &catalogPath)
    : QDialog(parent), m_repo(std::move(repo)), m_versions(std::move(versions)), m_path(path)
{
    setObjectName(QStringLiteral("historyPanel"));
    setWindowTitle(tr("History of %1").arg(QFile::decodeName(path)));
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(QFile::decodeName(path), this);
    title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(title);
    m_onlyChanged = new QCheckBox(tr("&Only versions where it changed"), this);
    m_onlyChanged->setObjectName(QStringLiteral("onlyChanged"));
    layout->addWidget(m_onlyChanged);

    m_model = new FileHistoryModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("versions"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->setShowGrid(false);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(FileHistoryModel::TimeColumn,
                                                     QHeaderView::ResizeToContents);
    layout->addWidget(m_view, 1);
    m_status = new QLabel(tr("Reading the versions…"), this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_compare = buttons->addButton(tr("&Compare"), QDialogButtonBox::ActionRole);
    m_compare->setObjectName(QStringLiteral("compare"));
    m_compare->setToolTip(
        tr("Compare the two selected versions, or the selected one with the version before it"));
    m_compareDisk = buttons->addButton(tr("Compare with &Disk"), QDialogButtonBox::ActionRole);
    m_compareDisk->setObjectName(QStringLiteral("compareDisk"));
    m_restore = buttons->addButton(tr("&Restore This Version…"), QDialogButtonBox::ActionRole);
    m_restore->setToolTip(tr("Put the selected version of it back in its place"));
    m_restore->setObjectName(QStringLiteral("restore"));
    m_openCopy = buttons->addButton(tr("&Open a Copy"), QDialogButtonBox::ActionRole);
    m_openCopy->setObjectName(QStringLiteral("openCopy"));
    m_openCopy->setToolTip(tr("Open the selected version of the file in its application, without "
                              "changing the file on disk"));
    // Enter on a row compares (activated), not whichever button would be the default.
    for (QAbstractButton *b : buttons->buttons())
        if (auto *push = qobject_cast<QPushButton *>(b))
            push->setAutoDefault(false);
    layout->addWidget(buttons);
    resize(640, 420);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_compare, &QPushButton::clicked, this, &HistoryPanel::compare);
    connect(m_compareDisk, &QPushButton::clicked, this, &HistoryPanel::compareWithDisk);
    connect(m_restore, &QPushButton::clicked, this, [this] {
        const QList<int> rows = selectedRows();
        if (rows.size() != 1)
            return;
        const PathVersion *v = m_model->versionAt(rows.first());
        Q_EMIT restoreRequested(v->version.id, m_path, v->entry.type == NodeType::File);
    });
    // A row's own menu: what the buttons do, for the version under the pointer.
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex at = m_view->indexAt(pos);
        if (!at.isValid())
            return;
        if (!m_view->selectionModel()->isRowSelected(at.row(), {}))
            m_view->selectionModel()->setCurrentIndex(at, QItemSelectionModel::ClearAndSelect |
                                                              QItemSelectionModel::Rows);
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        for (QPushButton *b : {m_restore, m_openCopy, m_compare, m_compareDisk}) {
            QAction *a = menu->addAction(b->text(), b, &QPushButton::click);
            a->setEnabled(b->isEnabled());
        }
        menu->popup(m_view->viewport()->mapToGlobal(pos));
    });
    connect(m_openCopy, &QPushButton::clicked, this, [this] {
        const QList<int> rows = selectedRows();
        if (rows.size() == 1)
            Q_EMIT openCopyRequested(m_model->versionAt(rows.first())->version.id, m_path);
    });
    connect(m_view, &QTableView::activated, this, [this] { compare(); });
    connect(m_onlyChanged, &QCheckBox::toggled, m_model, &FileHistoryModel::setOnlyChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &HistoryPanel::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryPanel::updateActions);
    connect(m_model, &FileHistoryModel::loaded, this, [this] {
        const QSet<QString> changed = m_model->changedVersions();
        m_status->setText(tr("%n version(s)", "", int(m_model->rowCount())) + QStringLiteral("; ") +
                          tr("it changed in %n", "", int(changed.size())));
        Q_EMIT changedVersionsKnown(changed);
        if (m_model->rowCount() > 0)
            m_view->selectRow(0);
        m_view->setFocus();
    });
    connect(m_model, &FileHistoryModel::failed, this, [this](const QString &message) {
        m_status->setText(tr("The history cannot be read: %1").arg(message));
    });
    updateActions();
    m_model->load(m_repo, path, set, catalogPath);
}

QList<int> HistoryPanel::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        rows << i.row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void HistoryPanel::updateActions()
{
    const QList<int> rows = selectedRows();
    const bool one = rows.size() == 1;
    const PathVersion *first = rows.isEmpty() ? nullptr : m_model->versionAt(rows.first());
    m_compare->setEnabled(one || rows.size() == 2);
    m_compareDisk->setEnabled(one && first && first->present);
    m_restore->setEnabled(one && first && first->present);
    m_openCopy->setEnabled(one && first && first->present && first->entry.type == NodeType::File);
}

const Snapshot *HistoryPanel::snapshot(const QString &id) const
{
    for (const Snapshot &s : m_versions)
        if (s.id == id)
            return &s;
    return nullptr;
}

void HistoryPanel::compare()
{
    const QList<int> rows = selectedRows();
    if (rows.size() == 2) {
        // Rows are newest first: the lower row is the older version.
        openDiff(m_model->versionAt(rows[1])->version.id, m_model->versionAt(rows[0])->version.id, false);
    } else if (rows.size() == 1) {
        // With the version shown below it (the one before), or with nothing for the first.
        const PathVersion *after = m_model->versionAt(rows[0]);
        const PathVersion *before = m_model->versionAt(rows[0] + 1);
        openDiff(before ? before->version.id : QString(), after->version.id, false);
    }
}

void HistoryPanel::compareWithDisk()
{
    const QList<int> rows = selectedRows();
    if (rows.size() == 1)
        openDiff(m_model->versionAt(rows[0])->version.id, QString(), true);
}

void HistoryPanel::openDiff(const QString &before, const QString &after, bool toDisk)
{
    const Snapshot *a = snapshot(before);
    const Snapshot *b = toDisk ? nullptr : snapshot(after);
    if ((!before.isEmpty() && !a) || (!toDisk && !b)) {
        m_status->setText(tr("That version is no longer in the repository."));
        return;
    }
    // The first version of the file is compared with nothing: an empty version side.
    DiffViewer::Side sideA =
        a ? DiffViewer::versionSide(*a, m_path) : DiffViewer::absentSide(tr("Before it existed"));
    DiffViewer::Side sideB = toDisk ? DiffViewer::diskSide(m_path) : DiffViewer::versionSide(*b, m_path);
    auto *viewer = new DiffViewer(m_repo, std::move(sideA), std::move(sideB), this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->show();
    Q_EMIT diffOpened(viewer);
}

} // namespace strata
