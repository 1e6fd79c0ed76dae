// Verifying a repository: the structure (config, keys, index files, every snapshot's trees
// and that every blob they name is indexed in an existing pack of the right size) and, with
// readData, the bytes of the packs (their name is their hash, every blob opens and matches
// its id). A damaged pack is named together with the files of every version it affects.
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

struct DamagedPack
{
    QString pack;
    QString problem;
    QStringList affectedFiles; // "<snapshot short id>:<path>"
};

struct CheckResult
{
    Status status;      // not ok: the check itself could not run
    QStringList errors; // problems found; empty when the repository is healthy
    QList<DamagedPack> damagedPacks;
    qint64 snapshotsChecked = 0, treesChecked = 0, packsChecked = 0, blobsChecked = 0;
    qint64 unreferencedPacks = 0; // left by an interrupted backup; harmless
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
    void execute() override;

private:
    CheckParams m_params;
    CheckResult m_result;
};

} // namespace strata

Q_DECLARE_METATYPE(strata::CheckResult)
