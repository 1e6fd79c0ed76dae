// Time per pipeline stage, summed over all threads, for explaining a slow run without a
// profiler. Enabled by STRATA_TRACE=1 (or --profile in the CLI); when off, a stage costs
// one relaxed atomic load.
#pragma once

#include <QString>

#include <atomic>
#include <chrono>

namespace strata::trace {

enum class Stage
{
    Walk,      // readdir and lstat
    WalkWait,  // the walker waiting for room in the readers' queue
    Read,      // read(2) of file data
    Chunk,     // content-defined chunking
    Hash,      // keyed blob ids
    Compress,  // zstd, including the incompressibility probe
    Seal,      // AES-256-GCM
    PackWait,  // waiting for the pack being filled
    PackWrite, // storing packs and index files (write, fsync, rename), on the pack writer
    PackQueue, // a full pack waiting for room in the pack writer's queue
    Tree,      // serialising and storing trees
    Restore,   // writing restored files
    BlobRead,  // reading, opening and checking blobs for a restore
    Count
};

bool enabled();
void setEnabled(bool on);
void add(Stage stage, std::int64_t ns);
void reset();
// One line per stage with time spent (seconds, summed over threads).
QString summary();

class Scope final
{
public:
    explicit Scope(Stage stage) : m_stage(stage), m_on(enabled())
    {
        if (m_on)
            m_start = std::chrono::steady_clock::now();
    }
    ~Scope()
    {
        if (m_on)
            add(m_stage, std::chrono::duration_cast<std::chrono::nanoseconds>(
                             std::chrono::steady_clock::now() - m_start)
                             .count());
    }
    Scope(const Scope &) = delete;
    Scope &operator=(const Scope &) = delete;

private:
    Stage m_stage;
    bool m_on;
    std::chrono::steady_clock::time_point m_start;
};

} // namespace strata::trace
