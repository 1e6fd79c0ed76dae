#include "models/FileHistoryModel.h"
#include "models/TimeText.h"

#include "util/Async.h"

#include <QLocale>

#include <algorithm>

namespace strata {

FileHistoryModel::FileHistoryModel(QObject *parent) : QAbstractTableModel(parent) {}

void FileHistoryModel::load(std::shared_ptr<Repository> repo, const QByteArray &path, const QString &set,
                            const QString &catalogPath)
{
    const quint64 generation = ++m_generation;
    beginResetModel();
    m_all.clear();
    m_shown.clear();
    m_path = path;
    endResetModel();
    m_loading = true;
    Q_EMIT loadingChanged(true);
    runAsync(
        this,
        [repo = std::move(repo), path, set, catalogPath]() -> Result<QList<PathVersion>> {
            const QString id = repo->config().id;
            auto catalog = Catalog::open(catalogPath.isEmpty() ? Catalog::defaultPath(id) : catalogPath, id);
            STRATA_TRY(catalog);
            auto updated = (*catalog)->update(*repo);
            STRATA_TRY(updated);
            return (*catalog)->history(path, set);
        },
        [this, generation](Result<QList<PathVersion>> history) {
            if (generation != m_generation)
                return; // another path was asked for since
            m_loading = false;
            Q_EMIT loadingChanged(false);
            if (!history) {
                Q_EMIT failed(history.error().message);
                return;
            }
            QList<PathVersion> all = std::move(*history);
            std::reverse(all.begin(), all.end()); // newest first, as the version list
            beginResetModel();
            m_all = std::move(all);
            m_shown.clear();
            endResetModel();
            show();
            Q_EMIT loaded();
        });
}

void FileHistoryModel::setOnlyChanged(bool only)
{
    if (only == m_onlyChanged)
        return;
    m_onlyChanged = only;
    show();
}

void FileHistoryModel::show()
{
    beginResetModel();
    m_shown.clear();
    for (int i = 0; i < m_all.size(); ++i)
        if (!m_onlyChanged || m_all[i].changed())
            m_shown.append(i);
    endResetModel();
}

const PathVersion *FileHistoryModel::versionAt(int row) const
{
    return row >= 0 && row < m_shown.size() ? &m_all[m_shown[row]] : nullptr;
}

QSet<QString> FileHistoryModel::changedVersions() const
{
    QSet<QString> ids;
    for (const PathVersion &v : m_all)
        if (v.changed())
            ids.insert(v.version.id);
    return ids;
}

QString FileHistoryModel::changesText(quint8 changes)
{
    QStringList parts;
    if (changes & PathVersion::Appeared)
        parts << tr("appeared");
    if (changes & PathVersion::Disappeared)
        parts << tr("gone");
    if (changes & PathVersion::Type)
        parts << tr("type");
    if (changes & PathVersion::Content)
        parts << tr("content");
    if (changes & PathVersion::Size)
        parts << tr("size");
    if (changes & PathVersion::Mode)
        parts << tr("permissions");
    if (changes & PathVersion::Modified)
        parts << tr("time only");
    return parts.join(QStringLiteral(", "));
}

int FileHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

int FileHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FileHistoryModel::data(const QModelIndex &index, int role) const
{
    const PathVersion *v = index.isValid() ? versionAt(index.row()) : nullptr;
    if (!v)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return timeText(v->version.time);
        case SizeColumn:
            return v->present ? QLocale().formattedDataSize(qint64(v->entry.size))
                              : tr("not in this version");
        case ChangeColumn:
            return changesText(v->changes);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case VersionIdRole:
        return v->version.id;
    case PresentRole:
        return v->present;
    case ChangedRole:
        return v->changed();
    case ChangesRole:
        return int(v->changes);
    default:
        return {};
    }
}

QVariant FileHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Version");
    case SizeColumn:
        return tr("Size");
    case ChangeColumn:
        return tr("What changed");
    }
    return {};
}

} // namespace strata
