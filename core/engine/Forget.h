// Removes versions: by a retention policy (applyRetention decides, this job carries it out), or
// the versions named. Forgetting removes only the version files; the data they alone held stays
// until a prune, which `prune` here runs under the same exclusive lock.
#pragma once

#include "engine/Job.h"
#include "engine/Prune.h"
#include "repo/Repository.h"
#include "retention/RetentionPolicy.h"

#include <map>
#include <memory>
#include <optional>
#include <unordered_set>

namespace strata {

struct ForgetParams
{
    std::shared_ptr<Repository> repo;
    RetentionPolicy policy;
    QString set;  // only this set's versions (empty: every set)
    QString host; // only this host's versions (empty: every host)
    // Ids or unique id prefixes of versions to remove, whatever the policy says. A version file
    // that cannot be read can be named too (by its file name): it is what a damaged version
    // leaves, and nothing else can remove it.
    QStringList versions;
    QDateTime now; // invalid: the current time
    bool dryRun = false;
    enum class Prune
    {
        Never,
        IfForgotten, // forget --prune: only when this run removed a version
        Always,      // also reclaims what earlier forgets left (the service, when a prune is due)
    };
    Prune prune = Prune::Never;
    double maxUnusedPercent = 5;
};

struct ForgetResult
{
    Status status;
    bool dryRun = false;
    // The policy's decision for every version of the chosen groups (empty with named versions).
    QList<RetentionDecision> decisions;
    QStringList removed; // ids of the versions removed (dry run: that would be)
    bool pruned = false; // a prune ran (or, in a dry run, was planned)
    PruneResult prune;
};

class ForgetJob final : public Job
{
    Q_OBJECT
public:
    explicit ForgetJob(ForgetParams params, QObject *parent = nullptr);
    ~ForgetJob() override;
    const ForgetResult &result() const { return m_result; }

Q_SIGNALS:
    void finished(const strata::ForgetResult &result);

protected:
    Status execute() override;
    void finish(const Status &status) override;
    QString what() const override { return QStringLiteral("forget"); }

private:
    Status forgetNamed();
    Status forgetByPolicy();

    ForgetParams m_params;
    ForgetResult m_result;
};

// What keeping each version adds to the bytes its newer kept versions need, for a size limit:
// walks the version's trees (each once) and sums the stored size of blobs not met before in
// the same set and host. For applyRetention's RetentionSizeFn; one per decision.
class RetentionSizer final
{
public:
    RetentionSizer(Repository &repo, CancelToken cancel) : m_repo(repo), m_cancel(std::move(cancel)) {}
    // A version whose trees cannot be read counts what could be read; the first error is kept.
    qint64 operator()(const Snapshot &version);
    const std::optional<Error> &error() const { return m_error; }

private:
    struct Group
    {
        std::unordered_set<BlobId> trees, blobs;
    };
    Repository &m_repo;
    CancelToken m_cancel;
    std::map<std::pair<QString, QString>, Group> m_groups;
    std::optional<Error> m_error;
};

} // namespace strata

Q_DECLARE_METATYPE(strata::ForgetResult)
