// Verifying a repository: the structure (config, keys, index files, every snapshot's trees
// and that every blob they name is indexed in an existing pack of the right size) and, with
// readData, the bytes of the packs (their name is their hash, every blob opens and matches
// its id). Every problem is named together with the versions and files it affects: a damaged
// or missing pack, a tree or chunk in no index file, an unreadable tree or version, a folder
// that contains itself or nests too deep.
#pragma once

#include "engine/Job.h"
#include "repo/Repository.h"

#include <memory>

namespace strata {

struct CheckParams
{
    std::shared_ptr<Repository> repo;
    bool readData = false;
    int readDataPercent = 100; // with readData: check a random subset of the packs
};

// One problem found, with what it costs: the versions and the files it affects, and whether
// anything can bring them back.
struct CheckProblem
{
    QString problem;      // what is wrong ("pack 3f2a…: is truncated", "tree 1b2c… is in no index file")
    QString pack;         // the damaged pack's full id, when the problem is a pack
    QString remedy;       // what brings it back, or that nothing can
    QStringList versions; // short ids of the versions it affects
    QStringList affectedFiles; // "<version short id>:<path>", at most 200 listed
    qint64 affectedCount = 0;  // how many there are, listed or not
};
using DamagedPack = CheckProblem;

struct CheckResult
{
    Status status;      // not ok: the check itself could not run
    QStringList errors; // one line per problem found; empty when the repository is healthy
    QList<CheckProblem> problems;
    QList<CheckProblem> damagedPacks() const; // the problems that are packs
    qint64 snapshotsChecked = 0, treesChecked = 0, packsChecked = 0, blobsChecked = 0;
    qint64 unreferencedPacks = 0; // left by an interrupted backup; harmless
    bool dataRead = false;        // the packs' contents were read and verified (readData)
    bool healthy() const { return status.ok() && errors.isEmpty(); }
};

class CheckJob final : public Job
{
    Q_OBJECT
public:
    explicit CheckJob(CheckParams params, QObject *parent = nullptr);
    ~CheckJob() override;
    const CheckResult &result() const { return m_result; }

Q_SIGNALS:
    void finished(const strata::CheckResult &result);

protected:
    Status execute() override;
    void finish(const Status &status) override;
    QString what() const override { return QStringLiteral("check"); }

private:
    CheckParams m_params;
    CheckResult m_result;
};

} // namespace strata

Q_DECLARE_METATYPE(strata::CheckResult)
