#include "VersionBrowser.h"
#include "models/TimeText.h"

#include "engine/Restore.h"
#include "engine/RestoreWalk.h"
#include "models/VersionSearchModel.h"
#include "models/VersionTreeFilterModel.h"
#include "models/VersionTreeModel.h"
#include "repo/Repository.h"
#include "util/Paths.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

#include <cerrno>
#include <cstdio>
#include <cstring>

Q_LOGGING_CATEGORY(lcBrowser, "strata.ui.browser")

namespace strata {

namespace {

// Icons by entry type: the models are QtCore only and hold no QIcon.
class EntryDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() != 0)
            return;
        const QWidget *view = option->widget;
        const QStyle *style = view ? view->style() : QApplication::style();
        QStyle::StandardPixmap icon = QStyle::SP_FileIcon;
        switch (NodeType(index.data(VersionTreeModel::NodeTypeRole).toInt())) {
        case NodeType::Directory:
            icon = QStyle::SP_DirIcon;
            break;
        case NodeType::Symlink:
            icon = QStyle::SP_FileLinkIcon;
            break;
        default:
            break;
        }
        option->icon = style->standardIcon(icon, nullptr, view);
        option->features |= QStyleOptionViewItem::HasDecoration;
    }
};

QTreeView *makeView(QAbstractItemModel *model, const QString &name, const QString &accessibleName,
                    QWidget *parent)
{
    auto *view = new QTreeView(parent);
    view->setObjectName(name);
    view->setAccessibleName(accessibleName);
    view->setModel(model);
    view->setSortingEnabled(true);
    view->sortByColumn(0, Qt::AscendingOrder);
    view->setUniformRowHeights(true); // lets the view skip measuring every row of a large folder
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    view->setItemDelegate(new EntryDelegate(view));
    view->header()->setStretchLastSection(false);
    view->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int column = 1; column < model->columnCount(); ++column)
        view->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    return view;
}

} // namespace

VersionBrowser::VersionBrowser(QWidget *parent) : QWidget(parent)
{
    m_tree = new VersionTreeModel(this);
    m_treeFilter = new VersionTreeFilterModel(this);
    m_treeFilter->setSourceModel(m_tree);
    m_search = new VersionSearchModel(this);
    m_searchSort = new VersionTreeFilterModel(this);
    m_searchSort->setSourceModel(m_search);
    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(SearchDelayMs);
    buildUi();

    connect(m_searchTimer, &QTimer::timeout, this, &VersionBrowser::startSearch);
    connect(m_tree, &VersionTreeModel::loadingChanged, this, &VersionBrowser::updateStatus);
    connect(m_tree, &VersionTreeModel::loadFailed, this, &VersionBrowser::showProblem);
    connect(m_search, &VersionSearchModel::searchingChanged, this, &VersionBrowser::updateStatus);
    connect(m_search, &VersionSearchModel::finished, this, &VersionBrowser::updateStatus);
    connect(m_search, &VersionSearchModel::failed, this, &VersionBrowser::showProblem);
    connect(m_treeFilter, &QAbstractItemModel::rowsInserted, this, &VersionBrowser::reopenPlace);
    connect(m_search, &QAbstractItemModel::rowsInserted, this, &VersionBrowser::updateStatus);
    connect(m_search, &QAbstractItemModel::rowsInserted, this, &VersionBrowser::updateActions);
    connect(m_search, &QAbstractItemModel::modelReset, this, &VersionBrowser::updateActions);
    updateActions();
    updateStatus();
}

VersionBrowser::~VersionBrowser()
{
    // A job still writing into the temporary folder must end before the folder is removed.
    const auto jobs = findChildren<RestoreJob *>();
    for (RestoreJob *job : jobs)
        job->cancel();
    qDeleteAll(jobs);
}

void VersionBrowser::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *filterRow = new QHBoxLayout;
    auto *searchLabel = new QLabel(tr("S&earch:"), this);
    m_searchEdit = new QLineEdit(this);
    m_searchEdit->setObjectName(QStringLiteral("search"));
    m_searchEdit->setAccessibleName(tr("Search by name"));
    m_searchEdit->setPlaceholderText(tr("Part of a name, or a pattern like *.pdf"));
    m_searchEdit->setClearButtonEnabled(true);
    searchLabel->setBuddy(m_searchEdit);
    m_changedOnly = new QCheckBox(tr("&Changed in this version"), this);
    m_changedOnly->setObjectName(QStringLiteral("changedOnly"));
    m_changedOnly->setToolTip(tr("Show only what was added or modified since the previous version"));
    filterRow->addWidget(searchLabel);
    filterRow->addWidget(m_searchEdit, 1);
    filterRow->addWidget(m_changedOnly);
    layout->addLayout(filterRow);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->hide();
    layout->addWidget(m_problem);

    m_stack = new QStackedWidget(this);
    m_treeView = makeView(m_treeFilter, QStringLiteral("versionTree"), tr("Files in this version"), m_stack);
    m_searchView = makeView(m_searchSort, QStringLiteral("searchResults"), tr("Search results"), m_stack);
    m_searchView->setRootIsDecorated(false);
    m_stack->addWidget(m_treeView);
    m_stack->addWidget(m_searchView);
    layout->addWidget(m_stack, 1);

    m_restoreAction = new QAction(tr("&Restore…"), this);
    m_restoreAction->setObjectName(QStringLiteral("restore"));
    m_restoreAction->setToolTip(tr("Restore the selected files and folders (all when none is selected)"));
    m_restoreAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_openCopyAction = new QAction(tr("&Open a Copy"), this);
    m_openCopyAction->setObjectName(QStringLiteral("openCopy"));
    m_openCopyAction->setToolTip(tr("Open this version of the file in its application, without "
                                    "touching the file on disk"));
    m_openCopyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_historyAction = new QAction(tr("Show Hi&story"), this);
    m_historyAction->setObjectName(QStringLiteral("history"));
    m_historyAction->setToolTip(tr("Show every version of the selected file"));
    m_historyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    m_comparePreviousAction = new QAction(tr("Compare with &Previous Version"), this);
    m_comparePreviousAction->setObjectName(QStringLiteral("comparePrevious"));
    m_comparePreviousAction->setToolTip(
        tr("Show what changed in the selected file since the set's version before"));
    m_comparePreviousAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_compareDiskAction = new QAction(tr("Compare with File on &Disk"), this);
    m_compareDiskAction->setObjectName(QStringLiteral("compareDisk"));
    m_compareDiskAction->setToolTip(tr("Show how the file on disk now differs from this version of it"));
    m_compareDiskAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    auto *findAction = new QAction(tr("Find"), this);
    findAction->setShortcut(QKeySequence::Find);
    for (QAction *action : {m_restoreAction, m_openCopyAction, m_historyAction, m_comparePreviousAction,
                            m_compareDiskAction, findAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut); // the window may use them too
        addAction(action);
    }

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_status, 1);
    for (QAction *action : {m_restoreAction, m_openCopyAction, m_historyAction})
        buttonRow->addWidget(buttonFor(action));
    layout->addLayout(buttonRow);

    setTabOrder(m_searchEdit, m_changedOnly);
    setTabOrder(m_changedOnly, m_treeView);
    setTabOrder(m_treeView, m_searchView);

    connect(m_searchEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.trimmed().isEmpty()) {
            m_searchTimer->stop();
            startSearch(); // back to the tree at once
        } else {
            m_searchTimer->start();
        }
    });
    connect(m_searchEdit, &QLineEdit::returnPressed, this, [this] {
        if (m_searchTimer->isActive()) {
            m_searchTimer->stop();
            startSearch();
        }
        currentView()->setFocus();
    });
    auto *clearSearch = new QAction(tr("Clear the Search"), m_searchEdit);
    clearSearch->setShortcut(QKeySequence(Qt::Key_Escape));
    clearSearch->setShortcutContext(Qt::WidgetShortcut);
    m_searchEdit->addAction(clearSearch);
    connect(clearSearch, &QAction::triggered, m_searchEdit, &QLineEdit::clear);
    connect(findAction, &QAction::triggered, this, [this] {
        m_searchEdit->setFocus(Qt::ShortcutFocusReason);
        m_searchEdit->selectAll();
    });
    connect(m_changedOnly, &QCheckBox::toggled, m_treeFilter, &VersionTreeFilterModel::setChangedOnly);
    connect(m_restoreAction, &QAction::triggered, this, [this] {
        // A search with nothing selected restores what it found, never the whole version.
        if (isShowingSearch() && currentView()->selectionModel()->selectedRows().isEmpty()) {
            QList<QByteArray> found;
            for (int row = 0; row < m_searchSort->rowCount(); ++row)
                found << m_searchSort->index(row, 0).data(VersionTreeModel::RawPathRole).toByteArray();
            std::sort(found.begin(), found.end());
            found.erase(std::unique(found.begin(), found.end()), found.end());
            if (!found.isEmpty())
                Q_EMIT restoreRequested(found);
            return;
        }
        Q_EMIT restoreRequested(selectedRawPaths());
    });
    connect(m_openCopyAction, &QAction::triggered, this, [this] {
        const QList<QByteArray> paths = selectedRawPaths();
        if (paths.size() == 1)
            openCopy(paths.first());
    });
    connect(m_comparePreviousAction, &QAction::triggered, this, [this] {
        const QList<QByteArray> paths = selectedRawPaths();
        if (paths.size() == 1 && m_version && m_previous)
            openDiff(DiffViewer::versionSide(*m_previous, paths.first()),
                     DiffViewer::versionSide(*m_version, paths.first()));
    });
    connect(m_compareDiskAction, &QAction::triggered, this, [this] {
        const QList<QByteArray> paths = selectedRawPaths();
        if (paths.size() == 1 && m_version)
            openDiff(DiffViewer::versionSide(*m_version, paths.first()), DiffViewer::diskSide(paths.first()));
    });
    connect(m_historyAction, &QAction::triggered, this, [this] {
        const QStringList paths = selectedPaths();
        if (paths.size() == 1)
            Q_EMIT historyRequested(paths.first());
    });
    for (QTreeView *view : {m_treeView, m_searchView}) {
        connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
                &VersionBrowser::updateActions);
        connect(view, &QTreeView::customContextMenuRequested, this,
                [this, view](const QPoint &pos) { showContextMenu(view, pos); });
        connect(view, &QTreeView::activated, this, &VersionBrowser::activate);
    }
}

QPushButton *VersionBrowser::buttonFor(QAction *action)
{
    auto *button = new QPushButton(action->text(), this);
    button->setObjectName(action->objectName() + QStringLiteral("Button"));
    button->setToolTip(action->toolTip());
    button->setEnabled(action->isEnabled());
    connect(button, &QPushButton::clicked, action, &QAction::trigger);
    connect(action, &QAction::changed, button, [button, action] {
        button->setEnabled(action->isEnabled());
        button->setText(action->text());
    });
    return button;
}

void VersionBrowser::setVersion(std::shared_ptr<Repository> repo, const Snapshot &version,
                                std::optional<Snapshot> compareTo)
{
    m_repo = std::move(repo);
    m_version = version;
    m_problem->hide();
    rememberPlace();
    m_previous = compareTo;
    m_tree->setVersion(m_repo, version, std::move(compareTo));
    m_search->setVersion(m_repo, version);
    updateActions();
    updateStatus();
}

void VersionBrowser::setCatalog(std::shared_ptr<Catalog> catalog)
{
    m_tree->setCatalog(catalog);
    m_search->setCatalog(std::move(catalog));
}

void VersionBrowser::clear()
{
    m_repo.reset();
    m_version.reset();
    m_previous.reset();
    m_problem->hide();
    m_expandedPaths.clear();
    m_currentPath.clear();
    m_tree->clear();
    m_search->clear();
    updateActions();
    updateStatus();
}

bool VersionBrowser::isShowingSearch() const
{
    return m_stack->currentWidget() == m_searchView;
}

QTreeView *VersionBrowser::currentView() const
{
    return isShowingSearch() ? m_searchView : m_treeView;
}

QStringList VersionBrowser::selectedPaths() const
{
    QStringList paths;
    const QModelIndexList rows = currentView()->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        paths << row.data(VersionTreeModel::PathRole).toString();
    paths.sort();
    paths.removeDuplicates();
    return paths;
}

QList<QByteArray> VersionBrowser::selectedRawPaths() const
{
    QList<QByteArray> paths;
    const QModelIndexList rows = currentView()->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        paths << row.data(VersionTreeModel::RawPathRole).toByteArray();
    std::sort(paths.begin(), paths.end());
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
    return paths;
}

bool VersionBrowser::selectionIsOneFile() const
{
    const QModelIndexList rows = currentView()->selectionModel()->selectedRows();
    return rows.size() == 1 &&
           rows.first().data(VersionTreeModel::NodeTypeRole).toInt() == int(NodeType::File);
}

void VersionBrowser::rememberPlace()
{
    m_expandedPaths.clear();
    const std::function<void(const QModelIndex &)> collect = [&](const QModelIndex &parent) {
        for (int row = 0; row < m_treeFilter->rowCount(parent); ++row) {
            const QModelIndex i = m_treeFilter->index(row, 0, parent);
            if (m_treeView->isExpanded(i)) {
                m_expandedPaths.insert(i.data(VersionTreeModel::PathRole).toString());
                collect(i);
            }
        }
    };
    collect({});
    const QModelIndex current = m_treeView->currentIndex();
    m_currentPath = current.isValid() ? current.data(VersionTreeModel::PathRole).toString() : QString();
}

void VersionBrowser::reopenPlace(const QModelIndex &parent, int first, int last)
{
    // A version of one source folder opens on its contents rather than on a single row.
    if (!parent.isValid() && m_expandedPaths.isEmpty() && m_treeFilter->rowCount() == 1)
        m_treeView->expand(m_treeFilter->index(0, 0));
    // Stepping from version to version keeps the folders open and the file selected, so the
    // same file can be compared across versions; each folder is read as it reappears.
    for (int row = first; row <= last; ++row) {
        const QModelIndex i = m_treeFilter->index(row, 0, parent);
        const QString path = i.data(VersionTreeModel::PathRole).toString();
        if (m_expandedPaths.contains(path))
            m_treeView->expand(i);
        if (!m_currentPath.isEmpty() && path == m_currentPath) {
            m_treeView->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect |
                                                                 QItemSelectionModel::Rows);
            m_treeView->scrollTo(i);
        }
    }
}

void VersionBrowser::setHistoryAvailable(bool available)
{
    m_historyAvailable = available;
    updateActions();
}

void VersionBrowser::startSearch()
{
    const QString query = m_searchEdit->text().trimmed();
    m_search->setQuery(query);
    m_stack->setCurrentWidget(query.isEmpty() ? m_treeView : m_searchView);
    m_changedOnly->setEnabled(query.isEmpty()); // the search covers the whole version
    updateActions();
    updateStatus();
}

void VersionBrowser::updateActions()
{
    const QModelIndexList rows = currentView()->selectionModel()->selectedRows();
    const bool oneEntry = rows.size() == 1;
    const bool oneFile =
        oneEntry && rows.first().data(VersionTreeModel::NodeTypeRole).toInt() == int(NodeType::File);
    if (isShowingSearch() && rows.isEmpty()) {
        const int found = m_searchSort->rowCount();
        m_restoreAction->setEnabled(m_version.has_value() && found > 0);
        m_restoreAction->setText(tr("&Restore the %n Found…", nullptr, found));
    } else {
        m_restoreAction->setEnabled(m_version.has_value());
        m_restoreAction->setText(rows.isEmpty() ? tr("&Restore All…") : tr("&Restore…"));
    }
    m_openCopyAction->setEnabled(oneFile);
    m_historyAction->setEnabled(m_historyAvailable && oneEntry);
    m_comparePreviousAction->setEnabled(oneFile && m_previous.has_value());
    m_compareDiskAction->setEnabled(oneFile);
}

DiffViewer *VersionBrowser::openDiff(DiffViewer::Side before, DiffViewer::Side after)
{
    auto *viewer = new DiffViewer(m_repo, std::move(before), std::move(after), this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->show();
    Q_EMIT diffOpened(viewer);
    return viewer;
}

void VersionBrowser::updateStatus()
{
    QString text;
    if (!m_version) {
        text = tr("No version selected.");
    } else if (isShowingSearch()) {
        const int hits = m_search->rowCount();
        if (m_search->isSearching())
            text = tr("Searching… %n match(es) so far", nullptr, hits);
        else if (m_search->isTruncated())
            text = tr("Showing the first %n matches; more are not shown. Type more of the name to narrow "
                      "the search.",
                      nullptr, hits);
        else
            text = tr("%n match(es)", nullptr, hits);
    } else if (m_tree->isLoading()) {
        text = tr("Reading the version…");
    } else {
        text = tr("Version of %1").arg(timeText(m_version->time));
    }
    m_status->setText(text);
}

void VersionBrowser::showProblem(const QString &message)
{
    qCWarning(lcBrowser) << message;
    m_problem->setText(message);
    m_problem->show();
}

void VersionBrowser::showContextMenu(QTreeView *view, const QPoint &pos)
{
    // The menu acts on the row under the pointer, as in a file manager; beside the rows (or
    // from the keyboard) it acts on the selection as it is.
    const QModelIndex under = view->indexAt(pos);
    if (under.isValid() && !view->selectionModel()->isRowSelected(under.row(), under.parent()))
        view->selectionModel()->setCurrentIndex(under, QItemSelectionModel::ClearAndSelect |
                                                           QItemSelectionModel::Rows);
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(m_openCopyAction);
    menu->addAction(m_restoreAction);
    menu->addSeparator();
    menu->addAction(m_comparePreviousAction);
    menu->addAction(m_compareDiskAction);
    menu->addAction(m_historyAction);
    menu->popup(view->viewport()->mapToGlobal(pos));
}

void VersionBrowser::activate(const QModelIndex &index)
{
    // Enter or a double click on a file opens a copy; on a folder the view expands it.
    if (index.data(VersionTreeModel::NodeTypeRole).toInt() == int(NodeType::File))
        openCopy(index.data(VersionTreeModel::RawPathRole).toByteArray());
}

void VersionBrowser::openCopy(const QByteArray &rawPath)
{
    const QByteArray raw = paths::clean(rawPath);
    const QString path = QFile::decodeName(raw);
    if (!m_repo || !m_version)
        return;
    const auto fail = [this](const QString &message) {
        Q_EMIT copyFailed(message);
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Open a Copy"), message, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    };
    if (!m_copies) {
        m_copies =
            std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/strata-copies-XXXXXX"));
        if (!m_copies->isValid()) {
            const QString why = m_copies->errorString();
            m_copies.reset();
            fail(tr("Cannot make a temporary folder for the copy: %1").arg(why));
            return;
        }
    }
    // A folder per copy: opening two versions of one file gives two files, not one overwritten.
    const QString target = m_copies->filePath(QString::number(++m_copyCount));

    // Where the restore puts it: target/<path below the folder holding the version's sources>.
    const QByteArray base = RestoreWalk::baseOf(m_version->rawPaths);
    const QByteArray written = QFile::encodeName(target) + (base == "/" ? raw : raw.mid(base.size()));
    const QString file = QFile::decodeName(written);

    RestoreParams params;
    params.repo = m_repo;
    params.plan.snapshot = m_version->id;
    params.plan.target = target;
    params.plan.includes = {raw};
    params.plan.conflict = ConflictPolicy::Overwrite;
    params.plan.safetyVersion = false;
    auto *job = new RestoreJob(std::move(params), this);
    connect(
        job, &RestoreJob::finished, this,
        [this, job, path, written, file, fail](const RestoreResult &result) {
            job->deleteLater();
            if (!result.status.ok()) {
                fail(tr("Cannot restore a copy of %1: %2").arg(path, result.status.error().message));
                return;
            }
            // A name that is not UTF-8 has no exact QString, nor a URL: the copy takes the name shown.
            if (QFile::encodeName(file) != written &&
                ::rename(written.constData(), QFile::encodeName(file).constData()) != 0) {
                fail(tr("Cannot restore a copy of %1: %2")
                         .arg(path, QString::fromLocal8Bit(std::strerror(errno))));
                return;
            }
            if (result.failed > 0 || !QFile::exists(file)) {
                fail(tr("Cannot restore a copy of %1: %2")
                         .arg(path, result.warnings.value(0, tr("the file was not written"))));
                return;
            }
            // Read-only, so edits are not made to a copy that vanishes with the browser.
            QFile::setPermissions(file, QFile::permissions(file) & ~(QFile::WriteOwner | QFile::WriteGroup |
                                                                     QFile::WriteOther | QFile::WriteUser));
            m_status->setText(tr("Opened a copy of %1.").arg(QFileInfo(file).fileName()));
            if (!QDesktopServices::openUrl(QUrl::fromLocalFile(file))) {
                fail(tr("No application could open %1. The copy is in %2.")
                         .arg(QFileInfo(file).fileName(), QDir::toNativeSeparators(QFileInfo(file).path())));
                return;
            }
            Q_EMIT copyOpened(file);
        });
    m_status->setText(tr("Restoring a copy of %1…").arg(QFileInfo(path).fileName()));
    job->start();
}

} // namespace strata
