// Which paths a backup leaves out: glob patterns (as given or read from an exclude file),
// folders tagged with CACHEDIR.TAG, folders holding a marker file (.nobackup), and files
// larger than a limit.
//
// Patterns: "*" and "?" match within a name, "**" across folders; a pattern with no "/"
// matches a name anywhere ("*.tmp", "node_modules"); one starting with "/" is anchored at the
// file system root ("/home/ana/Videos"); a trailing "/" matches folders only. A relative
// pattern with a "/" inside ("build/*.o") matches at any depth. "[abc]", "[a-z]" and "[!a]"
// are character classes (never matching "/"), "\" escapes. A path inside a matching folder
// matches too, so a caller may test a deep path without walking down to it. Case-sensitive.
//
// Matching takes time in proportion to the path's length times the pattern's, whatever the
// pattern: globs are not turned into backtracking regular expressions, which a pattern such as
// "*a*a*a*a*a*a*a*a*a*a*b" made take seconds per path (found by tests/fuzz).
#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <string_view>
#include <vector>

namespace strata {

class Excludes final
{
public:
    Status addPattern(const QString &pattern);
    // One pattern a line; blank lines and lines starting with '#' are ignored.
    Status addPatternFile(const QString &path);
    // The same for the bytes of such a file (UTF-8); `origin` names it in messages. A bad line
    // gives ErrorCode::InvalidArgument naming it and adds no pattern at all.
    Status addPatternList(const QByteArray &content, const QString &origin);

    bool excludeCaches = true; // folders with a valid CACHEDIR.TAG
    QStringList markerFiles{QStringLiteral(".nobackup")};
    qint64 maxFileSize = -1; // -1: no limit

    // Whether the path (absolute) matches a pattern. isDir lets "dir/" patterns apply.
    bool matches(const QString &absolutePath, bool isDir) const;
    // Whether the folder at absolutePath is tagged (CACHEDIR.TAG or a marker file).
    bool isTaggedFolder(const QString &absolutePath) const;
    QStringList patterns() const;

    // One element of a compiled glob (public for the matcher's helpers in Excludes.cpp only).
    struct Token
    {
        enum Kind : quint8
        {
            Char,    // the character c
            OneChar, // "?": any character but '/'
            Class,   // "[...]": a character in `ranges` (or not, when negated), never '/'
            Star,    // "*": any characters but '/'
            Any,     // "**": any characters
            AnyDirs, // "**/": nothing, or any characters ending with '/'; always followed by
            InDirs,  // the state inside such a run, which may end only after a '/'
        };
        Kind kind = Char;
        bool negated = false;
        char32_t c = 0;
        std::vector<std::pair<char32_t, char32_t>> ranges;
    };

private:
    struct Rule
    {
        QString pattern;
        std::vector<Token> tokens;
        bool anchored = false; // starts at the root, not at any folder
        bool dirOnly = false;
        std::vector<quint64> closure; // per state, the states it reaches for free (< 64 tokens)
    };
    static Status compileGlob(QStringView glob, std::vector<Token> &tokens);
    static void prepare(Rule &rule);
    static bool matchesRule(const Rule &rule, std::u32string_view path);
    std::vector<Rule> m_rules;
};

} // namespace strata
