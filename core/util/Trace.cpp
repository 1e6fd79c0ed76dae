#include "util/Trace.h"

#include <QStringList>

#include <array>
#include <cstdlib>

namespace strata::trace {

namespace {
std::atomic<bool> g_enabled{std::getenv("STRATA_TRACE") && *std::getenv("STRATA_TRACE") &&
                            std::getenv("STRATA_TRACE")[0] != '0'};
std::array<std::atomic<std::int64_t>, std::size_t(Stage::Count)> g_ns{};
std::array<std::atomic<std::int64_t>, std::size_t(Stage::Count)> g_calls{};

const char *name(Stage s)
{
    switch (s) {
    case Stage::Walk:
        return "walk (readdir, lstat)";
    case Stage::WalkWait:
        return "walker waiting for readers";
    case Stage::Read:
        return "read file data";
    case Stage::Chunk:
        return "chunking";
    case Stage::Hash:
        return "blob ids (HMAC-SHA256)";
    case Stage::Compress:
        return "compression";
    case Stage::Seal:
        return "encryption";
    case Stage::PackWait:
        return "waiting for the pack";
    case Stage::PackWrite:
        return "storing packs and index";
    case Stage::PackQueue:
        return "waiting for the pack writer";
    case Stage::Tree:
        return "trees";
    case Stage::Restore:
        return "writing restored files";
    case Stage::BlobRead:
        return "reading blobs to restore";
    case Stage::Count:
        break;
    }
    return "?";
}
} // namespace

bool enabled()
{
    return g_enabled.load(std::memory_order_relaxed);
}

void setEnabled(bool on)
{
    g_enabled = on;
}

void add(Stage stage, std::int64_t ns)
{
    g_ns[std::size_t(stage)].fetch_add(ns, std::memory_order_relaxed);
    g_calls[std::size_t(stage)].fetch_add(1, std::memory_order_relaxed);
}

void reset()
{
    for (auto &v : g_ns)
        v = 0;
    for (auto &v : g_calls)
        v = 0;
}

QString summary()
{
    QStringList lines;
    for (std::size_t i = 0; i < std::size_t(Stage::Count); ++i) {
        if (!g_calls[i])
            continue;
        lines << QStringLiteral("%1 %2 s in %3 calls")
                     .arg(QString::fromLatin1(name(Stage(i))), -30)
                     .arg(double(g_ns[i]) / 1e9, 8, 'f', 3)
                     .arg(g_calls[i].load());
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace strata::trace
