// Which paths a backup leaves out: glob patterns (as given or read from an exclude file),
// folders tagged with CACHEDIR.TAG, folders holding a marker file (.nobackup), and files
// larger than a limit.
//
// Patterns: "*" and "?" match within a name, "**" across folders; a pattern with no "/"
// matches a name anywhere ("*.tmp", "node_modules"); one starting with "/" is anchored at the
// file system root ("/home/ana/Videos"); a trailing "/" matches folders only. A relative
// pattern with a "/" inside ("build/*.o") matches at any depth. "[abc]", "[a-z]" and "[!a]"
// are character classes, "\" escapes. A path inside a matching folder matches too, so a
// caller may test a deep path without walking down to it. Case-sensitive.
#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

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

private:
    struct Rule
    {
        QString pattern;
        QRegularExpression regex;
        bool dirOnly = false;
        bool basename = false;
    };
    std::vector<Rule> m_rules;
};

} // namespace strata
