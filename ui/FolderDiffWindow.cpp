#include "FolderDiffWindow.h"
#include "models/TimeText.h"

#include "DiffViewer.h"
#include "models/FolderDiffModel.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace strata {

namespace {

// Beyond this many entries the tree opens one level only: expanding everything would take
// longer than reading it did.
constexpr qint64 ExpandAllUpTo = 5000;

QString shortTime(const Snapshot &s)
{
    return timeText(s.time);
}

} // namespace

FolderDiffWindow::FolderDiffWindow(std::shared_ptr<Repository> repo, const Snapshot &before,
                                   const Snapshot &after, QWidget *parent, const QString &catalogPath)
    : QDialog(parent), m_repo(std::move(repo))
{
    setObjectName(QStringLiteral("folderDiff"));
    setWindowTitle(titleFor(before, after));
    auto *layout = new QVBoxLayout(this);

    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Show:"), this));
    const auto filterButton = [&](const char *name) {
        auto *b = new QPushButton(this);
        b->setObjectName(QLatin1String(name));
        b->setCheckable(true);
        b->setChecked(true);
        b->setAutoDefault(false);
        filters->addWidget(b);
        connect(b, &QPushButton::toggled, this, &FolderDiffWindow::filterChanged);
        return b;
    };
    m_added = filterButton("showAdded");
    m_added->setToolTip(tr("Show what the newer version has and the older did not"));
    m_removed = filterButton("showRemoved");
    m_removed->setToolTip(tr("Show what the older version had and the newer does not"));
    m_changed = filterButton("showChanged");
    m_changed->setToolTip(tr("Show what both versions hold, changed"));
    filters->addStretch(1);
    layout->addLayout(filters);

    m_model = new FolderDiffModel(this);
    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("changes"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(FolderDiffModel::NameColumn, QHeaderView::Stretch);
    for (int c :
         {FolderDiffModel::ChangeColumn, FolderDiffModel::SizeBeforeColumn, FolderDiffModel::SizeAfterColumn})
        m_view->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    layout->addWidget(m_view, 1);

    m_summary = new QLabel(tr("Reading the changes…"), this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_compare = buttons->addButton(tr("&Compare"), QDialogButtonBox::ActionRole);
    m_compare->setObjectName(QStringLiteral("compare"));
    m_compare->setToolTip(tr("Show the selected file in both versions side by side (Enter)"));
    // Enter on a row opens it (activated), not whichever button would be the default.
    for (QAbstractButton *b : buttons->buttons())
        if (auto *push = qobject_cast<QPushButton *>(b))
            push->setAutoDefault(false);
    layout->addWidget(buttons);
    resize(760, 520);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_compare, &QPushButton::clicked, this, &FolderDiffWindow::compare);
    connect(m_view, &QTreeView::activated, this, &FolderDiffWindow::openDiff);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &FolderDiffWindow::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &FolderDiffWindow::updateActions);
    connect(m_model, &FolderDiffModel::loaded, this, &FolderDiffWindow::showLoaded);
    connect(m_model, &FolderDiffModel::failed, this, [this](const QString &message) {
        m_summary->setText(tr("The changes cannot be read: %1").arg(message));
    });
    filterChanged(); // the buttons' texts
    updateActions();
    m_model->load(m_repo, before, after, catalogPath);
}

QString FolderDiffWindow::titleFor(const Snapshot &before, const Snapshot &after)
{
    return tr("Changes from %1 to %2").arg(shortTime(before), shortTime(after));
}

void FolderDiffWindow::filterChanged()
{
    const bool loaded = m_model->isLoaded();
    const auto label = [&](QPushButton *b, const QString &withCount, const QString &alone,
                           FolderDiffModel::Kind kind) {
        b->setText(loaded ? withCount.arg(QLocale().toString(m_model->count(kind))) : alone);
    };
    label(m_added, tr("&Added (%1)"), tr("&Added"), FolderDiffModel::Added);
    label(m_removed, tr("&Removed (%1)"), tr("&Removed"), FolderDiffModel::Removed);
    label(m_changed, tr("C&hanged (%1)"), tr("C&hanged"), FolderDiffModel::Changed);

    FolderDiffModel::KindFlags shown;
    shown.setFlag(FolderDiffModel::ShowAdded, m_added->isChecked());
    shown.setFlag(FolderDiffModel::ShowRemoved, m_removed->isChecked());
    shown.setFlag(FolderDiffModel::ShowChanged, m_changed->isChecked());
    if (shown == m_model->filter())
        return;
    // The row the user was on stays current when the new filter still shows it.
    const QByteArray current = m_view->currentIndex().data(FolderDiffModel::PathRole).toByteArray();
    m_model->setFilter(shown);
    expand();
    const QModelIndex again = m_model->indexOf(current);
    m_view->setCurrentIndex(again.isValid() ? again : m_model->index(0, 0));
}

void FolderDiffWindow::showLoaded()
{
    filterChanged();
    const DiffSummary &s = m_model->summary();
    const QLocale locale;
    if (s.added + s.removed + s.modified + s.metadata == 0) {
        m_summary->setText(tr("Nothing changed between these versions."));
    } else {
        m_summary->setText(tr("%1 added (%2), %3 removed (%4), %5 changed")
                               .arg(locale.toString(s.added), locale.formattedDataSize(s.bytesAdded),
                                    locale.toString(s.removed), locale.formattedDataSize(s.bytesRemoved),
                                    locale.toString(m_model->count(FolderDiffModel::Changed))));
    }
    expand();
    m_view->setCurrentIndex(m_model->index(0, 0));
    m_view->setFocus();
}

void FolderDiffWindow::expand()
{
    const DiffSummary &s = m_model->summary();
    if (s.added + s.removed + s.modified + s.metadata <= ExpandAllUpTo)
        m_view->expandAll();
    else
        m_view->expandToDepth(0);
}

void FolderDiffWindow::updateActions()
{
    m_compare->setEnabled(m_view->currentIndex().data(FolderDiffModel::ComparableRole).toBool());
}

void FolderDiffWindow::compare()
{
    openDiff(m_view->currentIndex());
}

void FolderDiffWindow::openDiff(const QModelIndex &index)
{
    const QModelIndex row = index.siblingAtColumn(FolderDiffModel::NameColumn);
    const DiffEntry *entry = m_model->entryAt(row);
    if (!entry || !row.data(FolderDiffModel::ComparableRole).toBool())
        return; // a folder: the arrow keys open it
    const QByteArray path = row.data(FolderDiffModel::PathRole).toByteArray();
    const Snapshot &a = m_model->versionA();
    const Snapshot &b = m_model->versionB();
    // A side that does not hold the file is shown empty, so all of it reads as added or removed.
    DiffViewer::Side before = entry->change == ChangeKind::Added
                                  ? DiffViewer::absentSide(tr("Not in the version of %1").arg(shortTime(a)))
                                  : DiffViewer::versionSide(a, path);
    DiffViewer::Side after = entry->change == ChangeKind::Removed
                                 ? DiffViewer::absentSide(tr("Not in the version of %1").arg(shortTime(b)))
                                 : DiffViewer::versionSide(b, path);
    auto *viewer = new DiffViewer(m_repo, std::move(before), std::move(after), this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->show();
    Q_EMIT diffOpened(viewer);
}

} // namespace strata
