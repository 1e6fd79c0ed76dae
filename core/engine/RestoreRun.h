// Carrying out a restore plan: used for the user's restore and for the rollback.
//
// The walk (on the job's thread) creates folders, links and special files in order and hands
// regular files to writer threads through a bounded queue. A folder's metadata is applied by
// whoever finishes its last entry (a file, a subfolder or the walk of the folder itself), so
// its time stamps are set after everything inside it is in place, without any thread waiting.
// Files with several hard links are written by the walk itself: the first path carries the
// content and the later ones link to it, which needs the first one finished. How each entry
// takes its place on disk is FilePlacement's.
#pragma once

#include "engine/FilePlacement.h"
#include "engine/Restore.h"
#include "engine/RestoreWalk.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <unordered_set>
#include <vector>

namespace strata {

class RestoreRun final
{
public:
    // A rollback is not cancellable: it only puts back what the cancelled restore replaced.
    enum class Kind
    {
        Restore,
        Rollback
    };
    RestoreRun(RestoreJob *job, Repository &repo, const Snapshot &snapshot, const RestorePlan &plan,
               ProgressMeter &meter, const RestoreTestHooks &hooks, int threads, Kind kind = Kind::Restore);
    ~RestoreRun();

    // Restores the plan; what was written, and the warnings, are added to `out` (its status
    // is left alone). Fails with the first error of any thread.
    Status run(RestoreResult &out);
    // Undoes what run() created (files and then folders, newest first).
    void removeCreated() { m_placement.removeCreated(); }

private:
    // A folder whose metadata waits for its entries.
    struct DirState
    {
        Node node;
        QByteArray path;
        DirState *parent = nullptr;
        std::atomic<int> pending{1}; // unfinished files and subfolders, plus one for its walk
        // The folder, open (O_PATH) while files are written into it, or -1: new files are created
        // and named relative to it, which spares the kernel a walk of the whole path per file.
        int fd = -1;
        ~DirState();
    };
    struct FileTask
    {
        Node node; // a copy: the walk moves on and frees the tree it came from
        QByteArray dest;
        RestoreAction action;
        DirState *dir;
    };

    Status visitEntry(const RestoreWalk::Item &item, PlanSummary &done);
    void enterDir(const RestoreWalk::Item &item);
    Status queueFile(const RestoreWalk::Item &item);
    // Moves the walk's batch of files to the writers' queue, waiting for room.
    Status handOver();
    void writerLoop(PlanSummary &done);
    // Counts one entry of `dir` as finished; the last one applies the folder's metadata.
    void finishEntry(DirState *dir);
    void recordError(const Error &e);
    bool stopping() const { return cancelled() || m_failed.load(); }
    bool cancelled() const { return m_cancellable && m_job->isCancelled(); }
    void reportProgress();

    RestoreJob *m_job;
    Repository &m_repo;
    const Snapshot &m_snapshot;
    const RestorePlan &m_plan;
    ProgressMeter &m_meter;
    int m_threads;
    bool m_cancellable;
    FilePlacement m_placement;
    std::vector<DirState *> m_dirStack; // the walk's open folders
    std::vector<FileTask> m_batch;      // the walk's files not handed over yet

    std::mutex m_mutex;             // guards the members below
    std::condition_variable m_work; // writers wait for files
    std::condition_variable m_room; // the walk waits for room in the queue
    std::deque<FileTask> m_queue;
    bool m_walkDone = false;
    std::optional<Error> m_error;              // the first failure, from any thread
    std::atomic<bool> m_failed{false};         // m_error is set (read without the lock)
    std::unordered_set<DirState *> m_liveDirs; // freed when finished, or at the end after a failure
};

} // namespace strata
