// The repository's config file (plain JSON): RepoConfig::fromJson on any bytes, and what it
// accepts is written back by toJson() and read again to the same settings.
#include "FuzzSupport.h"

#include "repo/Config.h"

using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    auto config = RepoConfig::fromJson(fuzz::input(data, size));
    if (!config)
        return 0;
    auto again = RepoConfig::fromJson(config->toJson());
    fuzz::check(again.ok(), "a parsed config, written back, parses again");
    fuzz::check(
        again->version == config->version && again->id == config->id && again->chunkMin == config->chunkMin &&
            again->chunkAvg == config->chunkAvg && again->chunkMax == config->chunkMax &&
            again->compressionLevel == config->compressionLevel && again->packSize == config->packSize,
        "a round trip keeps the settings");
    return 0;
}
