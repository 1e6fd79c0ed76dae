// Keeps the catalog of the repository a window shows: opens it and brings it up to date on the
// thread pool (a stale or damaged file is discarded and rebuilt), reports how far it got at a
// bounded rate, and counts how many files each version changed (Catalog::changeCounts) for the
// timeline. The window only asks and listens; a headless agent could do the same.
//
// Lives on the thread that made it and is called from there; the work runs elsewhere and its
// answers come back through signals on this object's thread. Dropping it (or clear()) cancels
// what runs: its late answer goes nowhere. QtCore only.
#pragma once

#include "util/Cancel.h"

#include <QHash>
#include <QObject>

#include <memory>

class QTimer;

namespace strata {

class Catalog;
class Repository;

class CatalogUpdater final : public QObject
{
    Q_OBJECT
public:
    // How often progress is reported while the catalog is brought up to date.
    static constexpr int ProgressIntervalMs = 125;

    explicit CatalogUpdater(QObject *parent = nullptr);
    ~CatalogUpdater() override;

    // Where the catalog file is (tests); empty, the default: Catalog::defaultPath(repository id).
    void setPath(const QString &path) { m_path = path; }

    // Opens the catalog of `repo` (the one open already when it is the same repository), brings
    // it up to date and counts the changes of `set`'s versions (all when empty). Returns at once;
    // asked again while it runs, it runs once more after.
    void refresh(std::shared_ptr<Repository> repo, const QString &set);
    // Forgets the catalog (another repository is shown); what runs is cancelled.
    void clear();

    // The catalog, once a refresh brought it up to date (null before).
    std::shared_ptr<Catalog> catalog() const { return m_catalog; }
    bool isUpdating() const { return m_running; }

Q_SIGNALS:
    // Versions read into the catalog so far, of `total` missing from it; not more often than
    // every ProgressIntervalMs, and once with done == total at the end of an update that read any.
    void progress(qint64 done, qint64 total);
    // The file was of another repository, of another layout or damaged: it starts over (why).
    void discarded(const QString &why);
    // The catalog is up to date with the repository.
    void ready(std::shared_ptr<strata::Catalog> catalog);
    // How many files each version changed, by version id (SnapshotListModel::setChangeCounts).
    void changeCountsReady(const QHash<QString, qint64> &counts);
    // Opening or updating failed (a person can read why); the catalog stays as it was.
    void failed(const QString &message);

private:
    struct Shared;
    struct Outcome;
    void start();
    void poll();
    void finish(quint64 generation, const Outcome &outcome);

    QString m_path;
    std::shared_ptr<Catalog> m_catalog;
    QString m_repositoryId; // of m_catalog
    std::shared_ptr<Repository> m_repo;
    QString m_set;
    bool m_running = false;
    bool m_again = false;
    quint64 m_generation = 0;
    CancelToken m_cancel;
    std::shared_ptr<Shared> m_shared; // what the running work reports
    qint64 m_shownDone = -1, m_shownTotal = -1;
    QTimer *m_poll = nullptr;
};

} // namespace strata
