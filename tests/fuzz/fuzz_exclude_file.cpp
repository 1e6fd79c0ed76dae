// Exclude files (one pattern a line, '#' comments), as `--exclude-file` reads them:
// Excludes::addPatternList on any bytes; a bad line adds nothing, good ones all match or not.
#include "FuzzSupport.h"

#include "engine/Excludes.h"

using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    Excludes excludes;
    if (!excludes.addPatternList(fuzz::input(data, size), QStringLiteral("/fuzz/excludes.txt"))) {
        fuzz::check(excludes.patterns().isEmpty(), "a bad exclude file adds no pattern");
        return 0;
    }
    for (const QString &p : {QStringLiteral("/home/ana/a.tmp"), QStringLiteral("/home/ana/.cache/x"),
                             QStringLiteral("/home/ana/src/build/main.o"), QStringLiteral("/"),
                             QStringLiteral("/home/ana/Documents/report [final].odt")}) {
        (void)excludes.matches(p, false);
        (void)excludes.matches(p, true);
    }
    return 0;
}
