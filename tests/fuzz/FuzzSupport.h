// What every fuzz target shares: the input as a QByteArray that ends where libFuzzer's buffer
// ends (so ASan sees a read one byte past it), Qt's logging silenced (parsers warn about
// damaged files; a fuzzer would print millions of lines), and a way to report a broken
// property: a message and an abort, which libFuzzer records as a crash with its input.
#pragma once

#include <QByteArray>
#include <QLoggingCategory>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace strata::fuzz {

inline QByteArray input(const std::uint8_t *data, std::size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}

[[noreturn]] inline void fail(const char *what)
{
    std::fprintf(stderr, "fuzz property broken: %s\n", what);
    std::abort();
}

inline void check(bool ok, const char *what)
{
    if (!ok)
        fail(what);
}

} // namespace strata::fuzz

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
    return 0;
}
