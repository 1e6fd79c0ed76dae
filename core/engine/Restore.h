// Restoring a version: a RestorePlan says what to restore and where, planRestore() turns it
// into the list of every file it would create, overwrite, skip or keep beside the existing
// one (the dry run, the wizard's preview), and RestoreJob carries it out.
//
// Where files land: without a target, at their original absolute paths (in place). With a
// target, at target/<path relative to the deepest folder that holds all of the version's
// source paths>: backing up /home/ana/Docs and restoring to /tmp/r gives /tmp/r/Docs/...
//
// Safety: every entry name is checked (no '/', NUL, "." or "..") so a hand-crafted version
// can never write outside the target; a file takes its name only once written whole (a new one
// is written unnamed and linked in, a replacement under a temp name and renamed). Before
// overwriting anything in place a safety version of the files about to be replaced is taken,
// and a failing restore puts them back from it and removes what it had created.
#pragma once

#include "engine/FileAttributes.h"
#include "engine/Job.h"
#include "repo/Repository.h"

#include <functional>
#include <memory>

namespace strata {

enum class ConflictPolicy
{
    Overwrite,
    Skip,
    IfChanged,
    KeepBoth
};
QString conflictPolicyName(ConflictPolicy p);
std::optional<ConflictPolicy> conflictPolicyFromName(const QString &name);

struct RestorePlan
{
    QString snapshot; // id, prefix or "latest"
    QString target;   // empty: original place
    // Absolute original paths, or paths relative to the version's base; empty: all. Bytes, as
    // file names are: a name that is not UTF-8 can be named exactly.
    QList<QByteArray> includes;
    ConflictPolicy conflict = ConflictPolicy::IfChanged;
    bool safetyVersion = true;   // only matters for in-place restores that overwrite
    AttributeOptions attributes; // which recorded extended attributes to set (--no-xattrs, --no-acls)
    // As root, owners are restored by the names the version recorded where this machine knows
    // them, else by number; with numericOwner always by number (--numeric-owner).
    bool numericOwner = false;
    // A file with chunks the repository cannot give back is not written (what is on disk stays);
    // with salvage it is written beside its name as NAME.damaged, with zeros for the lost chunks.
    bool salvage = false;
};

enum class RestoreAction
{
    Create,
    Overwrite,
    Skip,
    KeepBoth,
    Unchanged
};
QString restoreActionName(RestoreAction a);

struct PlannedEntry
{
    QString destination;         // where it would be written (for KeepBoth: the new name)
    QByteArray destinationBytes; // the same as bytes: exact for names that are not UTF-8
    QString original;            // its path in the version
    NodeType type = NodeType::File;
    qint64 size = 0;
    RestoreAction action = RestoreAction::Create;
};

struct PlanSummary
{
    qint64 create = 0, overwrite = 0, skip = 0, keepBoth = 0, unchanged = 0, refused = 0;
    qint64 damaged = 0; // folders whose listing the repository cannot give back (also in refused)
    qint64 bytes = 0;   // to be written

    void add(RestoreAction action, qint64 size);
    // Takes back an add() of an entry that turned out not to be written after all.
    void remove(RestoreAction action, qint64 size);
    qint64 &count(RestoreAction action);
};

// Walks the version and reports every entry the plan touches, in path order, without writing
// anything. Entries with unsafe names are reported through `refused` and not through `each`.
// Memory is bounded by the depth of the tree, not by the number of files.
Result<PlanSummary> planRestore(Repository &repo, const RestorePlan &plan,
                                const std::function<void(const PlannedEntry &)> &each,
                                const std::function<void(const QString &, const QString &)> &refused = {},
                                const std::atomic<bool> *cancel = nullptr);

// A file of the version that could not be restored whole (a chunk is damaged or missing in the
// repository), or a folder whose listing is, so that nothing below it could be restored.
struct DamagedFile
{
    QString path;    // where it was to be restored
    QString problem; // what the repository said of the first lost chunk
    int chunksLost = 0;
    qint64 bytesLost = 0;
    QString salvagedAs;  // NAME.damaged when salvaged; empty when not written
    bool folder = false; // a folder whose listing is lost: nothing below `path` was restored
};

struct RestoreResult
{
    Status status;
    PlanSummary done;        // what was actually written
    qint64 failed = 0;       // entries that could not be written (warnings)
    QString safetySnapshot;  // id of the safety version, when one was taken
    bool rolledBack = false; // the restore failed and the previous state was put back
    QStringList warnings;
    // Files not restored whole because the repository is damaged; a restore with any of these
    // succeeded for the rest but reports ErrorCode::Corrupt's exit code.
    QList<DamagedFile> damaged;
};

// Faults a real file system cannot be made to produce on cue, for the tests.
struct RestoreTestHooks
{
    // Fail the restore after this many files (to test the rollback). -1: never.
    qint64 failAfterFiles = -1;
    // Called just before a new file, link or FIFO takes its name: a test puts something in its way,
    // as another program could while the restore runs.
    std::function<void(const QByteArray &dest)> beforePlacing;
    // How new files are written, to test each way on one machine.
    enum class NewFiles
    {
        Unnamed,       // unnamed (O_TMPFILE), named with linkat(AT_EMPTY_PATH) where allowed
        UnnamedByProc, // named through /proc/self/fd, as before Linux 6.10 for a user who is not root
        NamedTemp      // under a temporary name, as where O_TMPFILE or /proc are missing
    };
    NewFiles newFiles = NewFiles::Unnamed;
};

struct RestoreParams
{
    std::shared_ptr<Repository> repo;
    RestorePlan plan;
    int threads = 0; // threads writing files; 0: one per core
    RestoreTestHooks hooks;
};

class RestoreJob final : public Job
{
    Q_OBJECT
public:
    explicit RestoreJob(RestoreParams params, QObject *parent = nullptr);
    ~RestoreJob() override;
    const RestoreResult &result() const { return m_result; }

Q_SIGNALS:
    void finished(const strata::RestoreResult &result);

protected:
    // Plans, takes the safety version, restores, and rolls back what a failure left.
    Status execute() override;
    void finish(const Status &status) override;
    QString what() const override { return QStringLiteral("restore"); }

private:
    RestoreParams m_params;
    RestoreResult m_result;
};

} // namespace strata

Q_DECLARE_METATYPE(strata::RestoreResult)
