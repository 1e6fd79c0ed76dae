// Lock files (the plaintext after authentication): LockInfo::parse on any bytes, and what it
// accepts can be judged stale or live and described, as Repository::lock() does.
#include "FuzzSupport.h"

#include "repo/Lock.h"

using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    auto info = LockInfo::parse(QStringLiteral("0123456789abcdef"), fuzz::input(data, size));
    if (!info)
        return 0;
    fuzz::check(info->refreshed.isValid(), "an accepted lock has a time stamp");
    (void)info->isStale(QDateTime::currentDateTimeUtc());
    (void)info->describe();
    return 0;
}
