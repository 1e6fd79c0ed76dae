#include "catalog/CatalogUpdater.h"

#include "catalog/Catalog.h"
#include "repo/Repository.h"
#include "util/Async.h"

#include <QLoggingCategory>
#include <QTimer>

#include <atomic>
#include <mutex>

Q_LOGGING_CATEGORY(lcCatalogUpdater, "strata.catalog.updater")

namespace strata {

// Written by the work, read by poll() on the updater's thread.
struct CatalogUpdater::Shared
{
    std::atomic<qint64> done{0}, total{0};
    std::mutex mutex;
    QString discarded; // guarded by mutex
    bool discardedTold = false;
};

struct CatalogUpdater::Outcome
{
    std::shared_ptr<Catalog> catalog;
    QString repositoryId;
    QString error; // empty: up to date
    bool updated = false;
    qint64 total = 0; // versions the update read
    QHash<QString, qint64> counts;
    bool counted = false;
};

CatalogUpdater::CatalogUpdater(QObject *parent) : QObject(parent), m_poll(new QTimer(this))
{
    m_poll->setInterval(ProgressIntervalMs);
    connect(m_poll, &QTimer::timeout, this, &CatalogUpdater::poll);
}

CatalogUpdater::~CatalogUpdater()
{
    m_cancel.cancel();
}

void CatalogUpdater::refresh(std::shared_ptr<Repository> repo, const QString &set)
{
    if (!repo)
        return;
    if (repo->config().id != m_repositoryId) {
        clear();
        m_repositoryId = repo->config().id;
    }
    m_repo = std::move(repo);
    m_set = set;
    if (m_running) {
        m_again = true;
        return;
    }
    start();
}

void CatalogUpdater::clear()
{
    ++m_generation;
    m_cancel.cancel();
    m_poll->stop();
    m_catalog.reset();
    m_repositoryId.clear();
    m_repo.reset();
    m_running = false;
    m_again = false;
}

void CatalogUpdater::start()
{
    const quint64 generation = ++m_generation;
    m_running = true;
    m_again = false;
    m_cancel = CancelToken::make();
    m_shared = std::make_shared<Shared>();
    m_shownDone = m_shownTotal = -1;
    m_poll->start();
    runAsync(
        this,
        [repo = m_repo, catalog = m_catalog, path = m_path, set = m_set, shared = m_shared,
         cancel = m_cancel]() mutable {
            Outcome out;
            const QString id = repo->config().id;
            out.repositoryId = id;
            if (!catalog) {
                QString discarded;
                auto opened = Catalog::open(path.isEmpty() ? Catalog::defaultPath(id) : path, id, &discarded);
                if (!opened) {
                    out.error = opened.error().message;
                    return out;
                }
                catalog = std::move(*opened);
                if (!discarded.isEmpty()) {
                    std::lock_guard guard(shared->mutex);
                    shared->discarded = discarded;
                }
            }
            out.catalog = catalog;
            auto report = catalog->update(
                *repo,
                [&](qint64 done, qint64 total) {
                    shared->total = total;
                    shared->done = done;
                },
                cancel);
            if (!report) {
                out.error = report.error().message;
                return out;
            }
            out.updated = true;
            out.total = shared->total;
            // Counts of a catalog that lacks versions would compare with the wrong ones: only
            // once it is up to date.
            auto counts = catalog->changeCounts(set);
            if (counts) {
                out.counts = std::move(*counts);
                out.counted = true;
            } else {
                qCWarning(lcCatalogUpdater).noquote()
                    << "cannot count the versions' changes:" << counts.error().message;
            }
            return out;
        },
        [this, generation](const Outcome &outcome) { finish(generation, outcome); });
}

void CatalogUpdater::poll()
{
    if (!m_shared)
        return;
    QString discarded;
    {
        std::lock_guard guard(m_shared->mutex);
        if (!m_shared->discarded.isEmpty() && !m_shared->discardedTold) {
            m_shared->discardedTold = true;
            discarded = m_shared->discarded;
        }
    }
    if (!discarded.isEmpty())
        Q_EMIT this->discarded(discarded);
    const qint64 done = m_shared->done, total = m_shared->total;
    if (total > 0 && (done != m_shownDone || total != m_shownTotal)) {
        m_shownDone = done;
        m_shownTotal = total;
        Q_EMIT progress(done, total);
    }
}

void CatalogUpdater::finish(quint64 generation, const Outcome &outcome)
{
    if (generation != m_generation)
        return; // cleared since, or another repository
    poll();     // a discarded file and the last count, if the timer did not tell them yet
    m_poll->stop();
    m_running = false;
    if (outcome.total > 0 && m_shownDone != outcome.total)
        Q_EMIT progress(outcome.total, outcome.total);
    if (outcome.catalog && outcome.repositoryId == m_repositoryId)
        m_catalog = outcome.catalog; // open: the next refresh updates the same one
    if (!outcome.error.isEmpty()) {
        qCWarning(lcCatalogUpdater).noquote() << "the catalog was not brought up to date:" << outcome.error;
        Q_EMIT failed(outcome.error);
    } else {
        Q_EMIT ready(m_catalog);
        if (outcome.counted)
            Q_EMIT changeCountsReady(outcome.counts);
    }
    if (m_again && m_repo)
        start();
}

} // namespace strata
