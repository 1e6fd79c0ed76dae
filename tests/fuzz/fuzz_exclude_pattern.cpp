// One exclude pattern, as a set's editor or `--exclude` gives it: the input is the pattern
// (UTF-8) and, after a NUL, a path to test. Excludes::addPattern compiles the glob to a regular
// expression; matches() runs it on that path and on a few fixed ones, as a file and as a folder.
#include "FuzzSupport.h"

#include "engine/Excludes.h"

using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = fuzz::input(data, size);
    const qsizetype nul = bytes.indexOf('\0');
    const QString pattern = QString::fromUtf8(nul < 0 ? bytes : bytes.left(nul));
    const QString path = nul < 0 ? QString() : QString::fromUtf8(bytes.mid(nul + 1));
    Excludes excludes;
    if (!excludes.addPattern(pattern))
        return 0;
    fuzz::check(excludes.patterns() == QStringList{pattern}, "the pattern is kept as given");
    for (const QString &p : {path, QString(QLatin1Char('/') + path), QStringLiteral("/home/ana/a.tmp"),
                             QStringLiteral("/home/ana/node_modules/x/y.js"), QStringLiteral("/")}) {
        (void)excludes.matches(p, false);
        (void)excludes.matches(p, true);
    }
    return 0;
}
