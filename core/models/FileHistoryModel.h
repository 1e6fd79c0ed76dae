// Every version of one path, for the history panel: when, how big, and what changed since the
// version before (appeared, content, size, mode, time, type, gone). Filled from the catalog,
// which is brought up to date first on the thread pool (so the versions another machine made
// are in it), never on the caller's thread. QtCore only.
#pragma once

#include "catalog/Catalog.h"

#include <QAbstractTableModel>

#include <memory>

namespace strata {

class FileHistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        SizeColumn,
        ChangeColumn,
        ColumnCount
    };
    enum Role
    {
        VersionIdRole = Qt::UserRole, // QString
        PresentRole,                  // bool: the version holds the path
        ChangedRole,                  // bool: it changed in this version
        ChangesRole,                  // int, PathVersion::Change flags
    };
    Q_ENUM(Role)

    explicit FileHistoryModel(QObject *parent = nullptr);

    // Reads the history of `path` (absolute, as backed up) in the versions of `set` (all when
    // empty); `catalogPath` overrides where the catalog is (tests). Emits loaded() or failed().
    void load(std::shared_ptr<Repository> repo, const QByteArray &path, const QString &set = {},
              const QString &catalogPath = {});
    bool isLoading() const { return m_loading; }
    QByteArray path() const { return m_path; }

    // Only the versions where the path changed (appeared, changed or went).
    void setOnlyChanged(bool only);
    bool onlyChanged() const { return m_onlyChanged; }

    // The row shown at `row`, or nullptr.
    const PathVersion *versionAt(int row) const;
    // Every version (shown or not) where the path changed, by id.
    QSet<QString> changedVersions() const;
    // "appeared", "content", "size, mode", "gone"... translated; empty when nothing changed.
    static QString changesText(quint8 changes);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);
    void loadingChanged(bool loading);

private:
    void show();

    QList<PathVersion> m_all; // newest first
    QList<int> m_shown;       // indexes into m_all
    QByteArray m_path;
    bool m_onlyChanged = false;
    bool m_loading = false;
    quint64 m_generation = 0;
};

} // namespace strata
