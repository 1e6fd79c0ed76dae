#include "engine/Excludes.h"

#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace strata {

namespace {

// The one signature the CACHEDIR.TAG specification (bford.info/cachedir) recognises.
constexpr char CacheDirSignature[] = "Signature: 8a477f597d28d172789f06886806bc55";
constexpr qsizetype CacheDirSignatureSize = sizeof CacheDirSignature - 1;

// Translates a glob into a regular expression body: '*' and '?' stay within a name, '**'
// crosses folders ("a/**/b" also matches "a/b"), '[...]' and '[!...]' are classes that never
// match '/', '\' escapes the next character, everything else is literal.
QString globToRegex(QStringView glob)
{
    QString out;
    const qsizetype n = glob.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = glob[i];
        if (c == u'*') {
            if (i + 1 < n && glob[i + 1] == u'*') {
                ++i;
                if (i + 1 < n && glob[i + 1] == u'/') {
                    ++i;
                    out += QLatin1String("(?:.*/)?");
                } else {
                    out += QLatin1String(".*");
                }
            } else {
                out += QLatin1String("[^/]*");
            }
        } else if (c == u'?') {
            out += QLatin1String("[^/]");
        } else if (c == u'[') {
            // A ']' right after '[' or '[!' belongs to the class, as in fnmatch.
            qsizetype j = i + 1;
            if (j < n && (glob[j] == u'!' || glob[j] == u'^'))
                ++j;
            if (j < n && glob[j] == u']')
                ++j;
            while (j < n && glob[j] != u']')
                ++j;
            if (j >= n) {
                out += QLatin1String("\\["); // unterminated: a literal '['
                continue;
            }
            qsizetype k = i + 1;
            const bool negated = glob[k] == u'!' || glob[k] == u'^';
            out += negated ? QLatin1String("[^/") : QLatin1String("[");
            if (negated)
                ++k;
            for (; k < j; ++k) {
                if (glob[k] == u'\\' || glob[k] == u'[')
                    out += QLatin1Char('\\');
                out += glob[k];
            }
            out += QLatin1Char(']');
            i = j;
        } else if (c == u'\\' && i + 1 < n) {
            ++i;
            out += QRegularExpression::escape(glob.mid(i, 1).toString());
        } else {
            out += QRegularExpression::escape(QString(c));
        }
    }
    return out;
}

QStringView withoutTrailingSlashes(QStringView path)
{
    while (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);
    return path;
}

} // namespace

Status Excludes::addPattern(const QString &pattern)
{
    QStringView p = pattern;
    Rule rule;
    rule.pattern = pattern;
    while (p.size() > 1 && p.endsWith(u'/')) {
        rule.dirOnly = true;
        p.chop(1);
    }
    if (p.isEmpty() || p == u"/")
        return Error::invalid(QStringLiteral("empty exclude pattern \"%1\"").arg(pattern));
    const bool anchored = p.startsWith(u'/');
    rule.basename = !p.contains(u'/');
    // A pattern matches a path or any folder above it, so "node_modules" also covers every
    // file inside one; the walker does not descend there anyway, but callers that test a
    // single deep path get the same answer. Unanchored patterns may start at any name.
    const QString prefix = anchored ? QStringLiteral("^") : QStringLiteral("(?:^|/)");
    rule.regex = QRegularExpression(prefix + globToRegex(p) + QLatin1String("(?:/.*)?$"),
                                    QRegularExpression::DontCaptureOption);
    if (!rule.regex.isValid())
        return Error::invalid(
            QStringLiteral("invalid exclude pattern \"%1\": %2").arg(pattern, rule.regex.errorString()));
    rule.regex.optimize(); // compile now, not on the first match from a worker thread
    m_rules.push_back(std::move(rule));
    return {};
}

Status Excludes::addPatternFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (!file.exists())
            return Error::notFound(QStringLiteral("exclude file %1 does not exist").arg(path));
        return Error::io(QStringLiteral("cannot read exclude file %1: %2").arg(path, file.errorString()));
    }
    const QByteArray content = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error::io(QStringLiteral("cannot read exclude file %1: %2").arg(path, file.errorString()));
    return addPatternList(content, path);
}

Status Excludes::addPatternList(const QByteArray &content, const QString &origin)
{
    // Parse everything first, so a bad line leaves the set of rules unchanged.
    Excludes parsed;
    int lineNumber = 0;
    for (const QByteArray &raw : content.split('\n')) {
        ++lineNumber;
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (Status s = parsed.addPattern(line); !s)
            return Error::invalid(
                QStringLiteral("%1, line %2: %3").arg(origin).arg(lineNumber).arg(s.error().message));
    }
    for (Rule &rule : parsed.m_rules)
        m_rules.push_back(std::move(rule));
    return {};
}

bool Excludes::matches(const QString &absolutePath, bool isDir) const
{
    const QStringView path = withoutTrailingSlashes(absolutePath);
    // "dir/" rules: a file matches when its folder (or one above it) does.
    QStringView parent;
    if (!isDir) {
        const qsizetype slash = path.lastIndexOf(u'/');
        if (slash > 0)
            parent = path.left(slash);
    }
    for (const Rule &rule : m_rules) {
        if (rule.dirOnly && !isDir) {
            if (!parent.isEmpty() && rule.regex.match(parent).hasMatch())
                return true;
        } else if (rule.regex.match(path).hasMatch()) {
            return true;
        }
    }
    return false;
}

bool Excludes::isTaggedFolder(const QString &absolutePath) const
{
    const QString dir = withoutTrailingSlashes(absolutePath).toString();
    if (excludeCaches) {
        const QByteArray tag = QFile::encodeName(dir + QLatin1String("/CACHEDIR.TAG"));
        const int fd = ::open(tag.constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (fd >= 0) {
            // Only the signature is read: a tag file may hold anything after it. O_NONBLOCK keeps
            // a FIFO planted under that name from blocking the walk.
            char buf[CacheDirSignatureSize];
            qsizetype got = 0;
            while (got < CacheDirSignatureSize) {
                const ssize_t n = ::read(fd, buf + got, std::size_t(CacheDirSignatureSize - got));
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0)
                    break;
                got += n;
            }
            ::close(fd);
            if (got == CacheDirSignatureSize && std::memcmp(buf, CacheDirSignature, std::size_t(got)) == 0)
                return true;
        }
    }
    for (const QString &marker : markerFiles) {
        if (marker.isEmpty())
            continue;
        struct stat st
        {};
        if (::lstat(QFile::encodeName(dir + QLatin1Char('/') + marker).constData(), &st) == 0)
            return true;
    }
    return false;
}

QStringList Excludes::patterns() const
{
    QStringList out;
    out.reserve(qsizetype(m_rules.size()));
    for (const Rule &rule : m_rules)
        out.append(rule.pattern);
    return out;
}

} // namespace strata
