#include "service/BackupService.h"

#include "catalog/Catalog.h"
#include "engine/Forget.h"
#include "engine/SpaceCheck.h"
#include "repo/Repository.h"
#include "secrets/OpenRepository.h"
#include "util/AskOnThread.h"
#include "util/Async.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QSysInfo>

namespace strata {

Q_LOGGING_CATEGORY(lcService, "strata.service")

namespace {

Result<Excludes> excludesOf(const BackupSet &set)
{
    Excludes excludes;
    for (const QString &pattern : set.excludes)
        if (auto added = excludes.addPattern(pattern); !added.ok())
            return added.error();
    excludes.excludeCaches = set.excludeCaches;
    excludes.maxFileSize = set.maxFileSize;
    return excludes;
}

// The kind the set's policy asks for, from the set's last full version in the repository.
BackupKind nextKind(Repository &repo, const BackupSet &set, const QDateTime &now)
{
    QDateTime lastFull;
    if (auto versions = repo.listSnapshots(); versions.ok())
        for (const Snapshot &v : *versions)
            if (v.set == set.name && v.kind == BackupKind::Full)
                lastFull = v.time; // oldest first: the last one wins
    return set.kindPolicy.kindForNextRun(lastFull, now);
}

// Where the set keeps its password, and who may be asked when that is not enough.
SecretChain passwordChain(const BackupSet &set)
{
    SecretChain chain;
    switch (set.passwordStorage) {
    case PasswordStorage::Keychain:
        chain.sources.append(SecretSource::keychain());
        chain.noSecretMessage =
            BackupService::tr("The keychain holds no password for the set \"%1\"; open Strata to type it.")
                .arg(set.name);
        break;
    case PasswordStorage::File:
        chain.sources.append(SecretSource::file(set.passwordFile));
        break;
    case PasswordStorage::AskEachTime:
        chain.noSecretMessage =
            BackupService::tr("The set \"%1\" asks for its password each time, so it cannot run unattended.")
                .arg(set.name);
        break;
    }
    return chain;
}

} // namespace

BackupService::BackupService(SetStore &store, RunLog &log, std::shared_ptr<const Clock> clock,
                             QObject *parent)
    : QObject(parent), m_store(store), m_log(log),
      m_clock(clock ? std::move(clock) : std::make_shared<SystemClock>()), m_scheduler(m_clock, this)
{
    connect(&m_scheduler, &Scheduler::runDue, this, [this](const QString &setId) { enqueue(setId, true); });
}

BackupService::~BackupService()
{
    for (const Running &run : std::as_const(m_running)) {
        if (run.job)
            run.job->cancel();
        if (run.retention)
            run.retention->cancel();
    }
    for (const Running &run : std::as_const(m_running)) {
        if (run.job)
            run.job->wait();
        if (run.retention)
            run.retention->wait();
    }
}

void BackupService::setPasswordPrompt(PasswordPrompt prompt)
{
    m_prompt = std::move(prompt);
}

void BackupService::syncSets()
{
    QSet<QString> ids;
    for (const BackupSet &set : m_store.sets()) {
        ids.insert(set.id);
        ScheduleEntry entry;
        entry.setId = set.id;
        entry.rule = set.schedule.rule();
        entry.repositoryKey = set.repository;
        if (const auto last = m_log.lastSuccess(set.id))
            entry.lastRun = last->started;
        m_scheduler.setEntry(entry);
    }
    for (const ScheduleEntry &entry : m_scheduler.entries())
        if (!ids.contains(entry.setId))
            m_scheduler.removeEntry(entry.setId);
}

// ---- repositories -------------------------------------------------------------------------

void BackupService::openRepository(const QString &setId, bool interactive, QObject *context,
                                   RepositoryCallback done)
{
    const auto set = m_store.find(setId);
    if (!set) {
        done(Error::notFound(tr("There is no backup set with the id %1.").arg(setId)));
        return;
    }
    const QString location = set->repository;
    if (const auto it = m_repos.constFind(location); it != m_repos.cend()) {
        done(*it);
        return;
    }
    const bool first = !m_opening.contains(location);
    m_opening[location].waiting.append({QPointer<QObject>(context), std::move(done)});
    if (!first)
        return;

    OpenRequest request;
    request.url = location;
    request.password = passwordChain(*set);
    if (interactive && m_prompt)
        request.password.prompt = [guard = QPointer<BackupService>(this),
                                   set = *set](const SecretRequest &question) -> std::optional<SecretAnswer> {
            return askOnThread<SecretAnswer>(
                guard, [guard, set, question](std::function<void(std::optional<SecretAnswer>)> answer) {
                    if (guard && guard->m_prompt)
                        guard->m_prompt(set, question, std::move(answer));
                });
        };
    runAsync(
        promptingPool(), this, [request] { return strata::openRepository(request); },
        [this, location](Result<OpenedRepository> result) {
            if (!result.ok()) {
                opened(location, result.error());
                return;
            }
            if (result->notRemembered)
                Q_EMIT passwordNotSaved(location, result->notRemembered->message);
            opened(location, std::move(result->repo));
        });
}

void BackupService::opened(const QString &location, Result<std::shared_ptr<Repository>> result)
{
    if (result.ok())
        m_repos.insert(location, *result);
    else
        qCInfo(lcService) << "cannot open" << location << result.error().message;
    const Opening opening = m_opening.take(location);
    for (const auto &[context, callback] : opening.waiting)
        if (context)
            callback(result);
}

void BackupService::forgetRepository(const QString &location)
{
    m_repos.remove(location);
}

// ---- runs -----------------------------------------------------------------------------------

bool BackupService::backUpNow(const QString &setId)
{
    if (!m_store.find(setId) || isQueued(setId) || isRunning(setId))
        return false;
    enqueue(setId, false);
    return true;
}

void BackupService::enqueue(const QString &setId, bool scheduled)
{
    if (!m_store.find(setId)) {
        if (scheduled) // declined: the scheduler must not count it as running
            m_scheduler.runFinished(setId, {}, false);
        return;
    }
    // A run of the set is queued or running already; its end is reported to the scheduler.
    if (isQueued(setId) || isRunning(setId))
        return;
    if (!m_scheduler.entry(setId))
        syncSets(); // a set added since the last sync
    if (!scheduled)
        m_scheduler.runStarted(setId);
    m_queue.append({setId, scheduled, m_clock->now()});
    Q_EMIT runQueued(setId);
    updateBusy();
    pump();
}

bool BackupService::repositoryBusy(const QString &location) const
{
    for (const Running &run : m_running)
        if (run.location == location)
            return true;
    // The catalog is brought up to date through the same Repository a run writes through, and
    // reading it while a backup adds to it is not safe: the next run waits (the update reads
    // little more than the new version's listings).
    return m_catalogUpdating.contains(location);
}

void BackupService::pump()
{
    for (int i = 0; i < m_queue.size();) {
        const Pending pending = m_queue.at(i);
        const auto set = m_store.find(pending.setId);
        if (!set) { // removed while queued
            m_queue.removeAt(i);
            m_scheduler.runFinished(pending.setId, {}, false);
            continue;
        }
        if (repositoryBusy(set->repository)) {
            ++i;
            continue;
        }
        m_queue.removeAt(i);
        begin(pending, *set);
    }
    updateBusy();
}

void BackupService::begin(const Pending &pending, const BackupSet &set)
{
    Running run;
    run.setId = set.id;
    run.location = set.repository;
    run.scheduled = pending.scheduled;
    run.started = m_clock->now();
    m_running.insert(set.id, run);

    openRepository(
        set.id, !pending.scheduled, this, [this, setId = set.id](Result<std::shared_ptr<Repository>> repo) {
            const auto set = m_store.find(setId);
            if (!m_running.contains(setId))
                return;
            if (m_running[setId].cancelled) {
                fail(setId, tr("Cancelled."), true);
                return;
            }
            if (!set) {
                fail(setId, tr("The backup set was removed."));
                return;
            }
            if (!repo.ok()) {
                fail(setId,
                     tr("Cannot open the repository %1: %2").arg(set->repository, repo.error().message));
                return;
            }
            launch(setId, *set, *repo);
        });
}

void BackupService::launch(const QString &setId, const BackupSet &set, std::shared_ptr<Repository> repo)
{
    auto excludes = excludesOf(set);
    if (!excludes.ok()) {
        fail(setId, excludes.error().message);
        return;
    }
    SpaceQuery space;
    space.set = set.name;
    space.host = QSysInfo::machineHostName();
    for (const QString &source : set.sources)
        space.sources << QFile::encodeName(QFileInfo(source).absoluteFilePath());
    space.excludes = *excludes;
    // The versions are read to find the last full one, and a first backup may count its files:
    // that is worker work too.
    struct Plan
    {
        BackupKind kind;
        bool shortOfSpace;
    };
    runAsync(
        this,
        [repo, set, space, now = m_clock->now()] {
            const auto estimate = estimateBackupSpace(*repo, space);
            return Plan{nextKind(*repo, set, now), estimate.ok() && estimate->isShort()};
        },
        [this, setId, set, repo, excludes = std::move(excludes).value()](Plan plan) {
            if (!m_running.contains(setId))
                return;
            if (m_running[setId].cancelled) {
                fail(setId, tr("Cancelled."), true);
                return;
            }
            // Short of space with a policy to apply: make room first. The job checks again
            // and fails before writing anything when that was not enough.
            if (plan.shortOfSpace && set.autoPrune && !set.retention.isEmpty()) {
                startRetention(setId, set, repo, ForgetParams::Prune::Always,
                               [this, setId, set, repo, excludes, plan](const RunRecord::Retention &before) {
                                   if (m_running[setId].cancelled) {
                                       fail(setId, tr("Cancelled."), true);
                                       return;
                                   }
                                   startBackup(setId, set, repo, excludes, plan.kind, before);
                               });
                return;
            }
            startBackup(setId, set, repo, excludes, plan.kind, {});
        });
}

void BackupService::startBackup(const QString &setId, const BackupSet &set, std::shared_ptr<Repository> repo,
                                const Excludes &excludes, BackupKind kind, const RunRecord::Retention &before)
{
    Running &run = m_running[setId];
    BackupParams params;
    params.repo = repo;
    params.paths = set.sources;
    params.kind = kind;
    params.set = set.name;
    params.excludes = excludes;
    auto *job = new BackupJob(std::move(params), this);
    run.job = job;
    run.kind = kind;
    connect(job, &Job::progress, this, [this, setId](const Progress &p) {
        if (auto it = m_running.find(setId); it != m_running.end())
            it->progress = p;
        Q_EMIT runProgress(setId, p);
    });
    connect(job, &Job::warning, this, [this, setId](const QString &path, const QString &message) {
        Q_EMIT runWarning(setId, path, message);
    });
    connect(
        job, &BackupJob::finished, this, [this, setId, job, set, repo, before](const BackupResult &result) {
            job->deleteLater();
            RunRecord record;
            record.retention = before;
            if (result.status.ok()) {
                const SnapshotStats &s = result.snapshot.stats;
                record.outcome =
                    result.partial() ? RunRecord::Outcome::Partial : RunRecord::Outcome::Succeeded;
                record.snapshot = result.snapshot.id;
                record.files = s.files;
                record.bytes = s.bytes;
                record.bytesAdded = s.bytesAdded;
                record.warnings = s.warnings;
                if (!result.warnings.isEmpty())
                    record.message = result.warnings.first();
            } else {
                record.outcome = result.status.error().code == ErrorCode::Cancelled
                                     ? RunRecord::Outcome::Cancelled
                                     : RunRecord::Outcome::Failed;
                record.message = result.status.error().message;
                if (result.status.error().code == ErrorCode::NoSpace && before.pruned)
                    record.message = tr("Old versions were removed first (%1 freed), and still: %2")
                                         .arg(QLocale().formattedDataSize(before.bytesFreed), record.message);
            }
            if (!record.wroteVersion() || !set.autoPrune || set.retention.isEmpty()) {
                finish(setId, std::move(record));
                return;
            }
            // The new version may push an old one out of the policy. A prune that ran before the
            // backup is not repeated.
            const QDateTime last = lastPrune(set.repository);
            const bool due = !before.pruned && (!last.isValid() || last.secsTo(m_clock->now()) >=
                                                                       qint64(set.pruneEveryHours) * 3600);
            startRetention(setId, set, repo, due ? ForgetParams::Prune::Always : ForgetParams::Prune::Never,
                           [this, setId, record](const RunRecord::Retention &after) mutable {
                               RunRecord::Retention &r = record.retention;
                               r.ran = true;
                               r.forgotten += after.forgotten;
                               r.pruned = r.pruned || after.pruned;
                               r.bytesFreed += after.bytesFreed;
                               if (!after.error.isEmpty())
                                   r.error = after.error;
                               finish(setId, std::move(record));
                           });
        });
    Q_EMIT runStarted(setId, kind);
    job->setBackground(true);
    job->start();
}

void BackupService::startRetention(const QString &setId, const BackupSet &set,
                                   std::shared_ptr<Repository> repo, ForgetParams::Prune prune,
                                   std::function<void(const RunRecord::Retention &)> then)
{
    Running &run = m_running[setId];
    ForgetParams params;
    params.repo = repo;
    params.policy = set.retention;
    params.set = set.name;
    params.host = QSysInfo::machineHostName(); // another machine's versions are its own business
    params.now = m_clock->now();
    params.prune = prune;
    auto *job = new ForgetJob(std::move(params), this);
    run.retention = job;
    connect(job, &Job::progress, this, [this, setId](const Progress &p) {
        if (auto it = m_running.find(setId); it != m_running.end())
            it->progress = p;
        Q_EMIT runProgress(setId, p);
    });
    connect(job, &ForgetJob::finished, this, [job, then = std::move(then)](const ForgetResult &result) {
        job->deleteLater();
        RunRecord::Retention retention;
        retention.ran = true;
        retention.forgotten = result.removed.size();
        retention.pruned = result.pruned && result.status.ok();
        retention.bytesFreed = retention.pruned ? result.prune.bytesFreed() : 0;
        if (!result.status.ok()) {
            retention.error = result.status.error().message;
            qCWarning(lcService).noquote() << "retention failed:" << retention.error;
        }
        then(retention);
    });
    job->setBackground(true);
    job->start();
}

QDateTime BackupService::lastPrune(const QString &location) const
{
    const QList<RunRecord> &records = m_log.records();
    for (auto it = records.crbegin(); it != records.crend(); ++it) {
        if (!it->retention.pruned)
            continue;
        const auto set = m_store.find(it->setId);
        if (set && set->repository == location)
            return it->finished;
    }
    return {};
}

void BackupService::fail(const QString &setId, const QString &message, bool cancelled)
{
    RunRecord record;
    record.outcome = cancelled ? RunRecord::Outcome::Cancelled : RunRecord::Outcome::Failed;
    record.message = message;
    finish(setId, std::move(record));
}

void BackupService::finish(const QString &setId, RunRecord record)
{
    const Running run = m_running.take(setId);
    const auto set = m_store.find(setId);
    record.setId = setId;
    record.setName = set ? set->name : QString();
    record.started = run.started;
    record.finished = m_clock->now();
    record.scheduled = run.scheduled;
    // A run that failed before its job started records the kind the set would have run.
    record.kind = run.job ? run.kind : set ? set->kindPolicy.normal : BackupKind::Incremental;
    if (auto logged = m_log.append(record); !logged.ok())
        qCWarning(lcService) << "cannot record the run:" << logged.error().message;

    // A cancelled run is not owed again at once: the person chose to stop it.
    const bool ok = record.wroteVersion() || record.outcome == RunRecord::Outcome::Cancelled;
    m_scheduler.runFinished(setId, record.wroteVersion() ? run.started : QDateTime(), ok);
    if (record.wroteVersion()) {
        Q_EMIT versionsChanged(run.location);
        if (auto repo = m_repos.value(run.location))
            updateCatalog(run.location, repo);
    }
    Q_EMIT runFinished(record);
    pump();
}

void BackupService::updateCatalog(const QString &location, std::shared_ptr<Repository> repo)
{
    if (m_catalogUpdating.contains(location)) {
        m_catalogAgain.insert(location);
        return;
    }
    m_catalogUpdating.insert(location);
    // The new version's listings are read back (most of them are known already: an unchanged
    // folder is the same listing), and versions the clean-up forgot leave it.
    runAsync(
        this,
        [repo]() -> Status {
            const QString id = repo->config().id;
            auto catalog = Catalog::open(Catalog::defaultPath(id), id);
            STRATA_TRY(catalog);
            auto updated = (*catalog)->update(*repo);
            STRATA_TRY(updated);
            return {};
        },
        [this, location, repo](const Status &updated) {
            m_catalogUpdating.remove(location);
            if (updated.ok())
                Q_EMIT catalogUpdated(location);
            else
                qCWarning(lcService).noquote() << "the catalog of" << location
                                               << "was not brought up to date:" << updated.error().message;
            if (m_catalogAgain.remove(location))
                updateCatalog(location, repo);
            else
                pump(); // runs of this repository waited for it
        });
}

bool BackupService::cancel(const QString &setId)
{
    for (int i = 0; i < m_queue.size(); ++i) {
        if (m_queue.at(i).setId != setId)
            continue;
        const Pending pending = m_queue.takeAt(i);
        Running run;
        run.setId = setId;
        run.scheduled = pending.scheduled;
        run.started = pending.queuedAt;
        m_running.insert(setId, run);
        fail(setId, tr("Cancelled before it started."), true);
        return true;
    }
    const auto it = m_running.find(setId);
    if (it == m_running.end())
        return false;
    it->cancelled = true;
    if (it->job)
        it->job->cancel();
    if (it->retention)
        it->retention->cancel();
    return true;
}

bool BackupService::isQueued(const QString &setId) const
{
    return std::any_of(m_queue.cbegin(), m_queue.cend(), [&](const Pending &p) { return p.setId == setId; });
}

bool BackupService::isRunning(const QString &setId) const
{
    return m_running.contains(setId);
}

Progress BackupService::lastProgress(const QString &setId) const
{
    return m_running.value(setId).progress;
}

void BackupService::updateBusy()
{
    const bool busy = isBusy();
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

} // namespace strata
