// Syntax colouring for the diff viewer: which parts of each line are keywords, strings,
// comments, numbers and so on, for the formats people keep in their settings and scripts
// (OTClient's .otml/.otui/.otmod, .lua, .json, .ini, .xml, .cpp, .py, .sh and whatever else
// GNU Source-highlight has a language definition for).
//
// GNU Source-highlight (libsource-highlight) does the scanning from its language definition
// files; Strata adds one for OTML, which it does not know. The styles are names only: the
// viewer chooses colours that suit its palette. QtCore only.
#pragma once

#include "diff/TextDiff.h"
#include "util/Cancel.h"

#include <QList>
#include <QString>

namespace strata {

enum class SyntaxStyle : quint8
{
    Plain,
    Keyword,
    Type,
    String,
    Comment,
    Number,
    Preprocessor, // #include, <?xml ?>, an OTML Lua expression or event
    Function,
    Key, // a key of a key/value format, a variable, an attribute
    Symbol,
};

// Characters [start, start + length) of a line as TextLines::text() shows it.
struct SyntaxSpan
{
    int start = 0, length = 0;
    SyntaxStyle style = SyntaxStyle::Plain;
    friend bool operator==(const SyntaxSpan &, const SyntaxSpan &) = default;
};
// One list of spans per line, in order, without Plain ones.
using SyntaxLines = QList<QList<SyntaxSpan>>;

// A text is coloured up to this size (each side), about a second of scanning; larger ones are
// shown plain, so a big file's comparison is not held up by its colours.
inline constexpr qsizetype MaxSyntaxBytes = 1ll << 20;

// The language definition for a file by its name ("lua.lang", "otml"...), or an empty string
// when there is none.
QString syntaxLanguageFor(QByteArrayView path);

// Colours every line of `text` as `language`. Empty (no colouring) for an unknown language, a
// text over MaxSyntaxBytes, a language definition that does not load, or when cancelled.
SyntaxLines colourSyntax(const QString &language, const TextLines &text, const CancelToken &cancel = {});

} // namespace strata
