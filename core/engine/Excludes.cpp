#include "engine/Excludes.h"

#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <string>

namespace strata {

namespace {

// The one signature the CACHEDIR.TAG specification (bford.info/cachedir) recognises.
constexpr char CacheDirSignature[] = "Signature: 8a477f597d28d172789f06886806bc55";
constexpr qsizetype CacheDirSignatureSize = sizeof CacheDirSignature - 1;

QString codePoint(char32_t c)
{
    return QString::fromUcs4(&c, 1);
}

} // namespace

// Compiles a glob: '*' and '?' stay within a name, '**' crosses folders ("a/**/b" also matches
// "a/b"), '[...]' and '[!...]' are classes that never match '/', '\' escapes the next
// character, everything else is literal. Works on code points, so '?' is one character even
// outside the Basic Multilingual Plane. Fails only on a class with a range out of order.
Status Excludes::compileGlob(QStringView glob, std::vector<Token> &tokens)
{
    const QList<uint> g = glob.toUcs4();
    const qsizetype n = g.size();
    auto literal = [&](char32_t c) {
        Token t;
        t.c = c;
        tokens.push_back(std::move(t));
    };
    for (qsizetype i = 0; i < n; ++i) {
        const char32_t c = g[i];
        Token t;
        if (c == U'*') {
            if (i + 1 < n && g[i + 1] == U'*') {
                ++i;
                t.kind = Token::Any;
                if (i + 1 < n && g[i + 1] == U'/') {
                    ++i;
                    t.kind = Token::AnyDirs;
                    tokens.push_back(t);
                    t.kind = Token::InDirs;
                }
            } else {
                t.kind = Token::Star;
            }
        } else if (c == U'?') {
            t.kind = Token::OneChar;
        } else if (c == U'[') {
            // A ']' right after '[' or '[!' belongs to the class, as in fnmatch.
            qsizetype j = i + 1;
            if (j < n && (g[j] == U'!' || g[j] == U'^'))
                ++j;
            if (j < n && g[j] == U']')
                ++j;
            while (j < n && g[j] != U']')
                ++j;
            if (j >= n) {
                literal(c); // unterminated: a literal '['
                continue;
            }
            qsizetype k = i + 1;
            t.kind = Token::Class;
            t.negated = g[k] == U'!' || g[k] == U'^';
            if (t.negated)
                ++k;
            // "a-z" is a range; a '-' first or last is itself.
            while (k < j) {
                if (k + 2 < j && g[k + 1] == U'-') {
                    if (g[k] > g[k + 2])
                        return Error::invalid(QStringLiteral("the range %1-%2 is out of order")
                                                  .arg(codePoint(g[k]), codePoint(g[k + 2])));
                    t.ranges.emplace_back(g[k], g[k + 2]);
                    k += 3;
                } else {
                    t.ranges.emplace_back(g[k], g[k]);
                    ++k;
                }
            }
            i = j;
        } else if (c == U'\\' && i + 1 < n) {
            literal(g[++i]);
            continue;
        } else {
            literal(c);
            continue;
        }
        tokens.push_back(std::move(t));
    }
    return {};
}

namespace {

// What consuming `c` in state i of `tokens` leads to, as calls of set(state).
template <typename Set>
void step(const Excludes::Token &t, std::size_t i, char32_t c, Set &&set)
{
    using Token = Excludes::Token;
    switch (t.kind) {
    case Token::Char:
        if (c == t.c)
            set(i + 1);
        break;
    case Token::OneChar:
        if (c != U'/')
            set(i + 1);
        break;
    case Token::Class: {
        bool in = false;
        for (const auto &[from, to] : t.ranges)
            in = in || (c >= from && c <= to);
        if (c != U'/' && in != t.negated)
            set(i + 1);
        break;
    }
    case Token::Star:
        if (c != U'/')
            set(i);
        break;
    case Token::Any:
        set(i);
        break;
    case Token::AnyDirs:
        set(i + 1);
        if (c == U'/')
            set(i + 2);
        break;
    case Token::InDirs:
        set(i);
        if (c == U'/')
            set(i + 1);
        break;
    }
}

} // namespace

void Excludes::prepare(Rule &rule)
{
    // The states each state reaches without a character: tokens that may match nothing let
    // the state after them in at once ("**/" skips its inner state too).
    const std::size_t done = rule.tokens.size();
    if (done >= 64)
        return;
    rule.closure.assign(done + 1, 0);
    for (std::size_t i = done + 1; i-- > 0;) {
        quint64 reach = quint64(1) << i;
        if (i < done) {
            const Token::Kind kind = rule.tokens[i].kind;
            if (kind == Token::Star || kind == Token::Any)
                reach |= rule.closure[i + 1];
            else if (kind == Token::AnyDirs)
                reach |= rule.closure[i + 2];
        }
        rule.closure[i] = reach;
    }
}

// Runs the glob as a set of states over the path (a Thompson simulation of the automaton),
// one pass, so no pattern makes a match slow. State i means "tokens before i matched"; the
// last state is a full match, which stands at the end of the path or before a '/' (a path
// inside a matching folder matches too). An unanchored rule may start at any name. Patterns
// of fewer than 64 tokens (all that people write) keep their states in one word.
bool Excludes::matchesRule(const Rule &rule, std::u32string_view path)
{
    const std::vector<Token> &tokens = rule.tokens;
    const std::size_t done = tokens.size();
    if (!rule.closure.empty()) {
        const quint64 doneBit = quint64(1) << done;
        quint64 states = rule.closure[0];
        for (const char32_t c : path) {
            if ((states & doneBit) && c == U'/')
                return true;
            quint64 next = 0;
            for (quint64 m = states & ~doneBit; m; m &= m - 1) {
                const std::size_t i = std::size_t(std::countr_zero(m));
                step(tokens[i], i, c, [&](std::size_t s) { next |= rule.closure[s]; });
            }
            if (!rule.anchored && c == U'/')
                next |= rule.closure[0];
            if (!next && rule.anchored)
                return false;
            states = next;
        }
        return states & doneBit;
    }

    std::vector<char> states(done + 1, 0), next(done + 1, 0);
    auto close = [&](std::vector<char> &set) {
        for (std::size_t i = 0; i < done; ++i) {
            if (!set[i])
                continue;
            if (tokens[i].kind == Token::Star || tokens[i].kind == Token::Any)
                set[i + 1] = 1;
            else if (tokens[i].kind == Token::AnyDirs)
                set[i + 2] = 1;
        }
    };
    states[0] = 1;
    close(states);
    for (const char32_t c : path) {
        if (states[done] && c == U'/')
            return true;
        std::fill(next.begin(), next.end(), 0);
        for (std::size_t i = 0; i < done; ++i)
            if (states[i])
                step(tokens[i], i, c, [&](std::size_t s) { next[s] = 1; });
        if (!rule.anchored && c == U'/')
            next[0] = 1;
        close(next);
        if (rule.anchored && std::find(next.begin(), next.end(), 1) == next.end())
            return false;
        states.swap(next);
    }
    return states[done];
}

namespace {

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
    // A pattern matches a path or any folder above it, so "node_modules" also covers every
    // file inside one; the walker does not descend there anyway, but callers that test a
    // single deep path get the same answer. Unanchored patterns may start at any name.
    rule.anchored = p.startsWith(u'/');
    if (Status s = compileGlob(p, rule.tokens); !s)
        return Error::invalid(
            QStringLiteral("invalid exclude pattern \"%1\": %2").arg(pattern, s.error().message));
    prepare(rule);
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
    // Code points, as the patterns are compiled: '?' is one character, whatever its size.
    thread_local std::u32string buffer;
    const QStringView text = withoutTrailingSlashes(absolutePath);
    buffer.clear();
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
            buffer.push_back(QChar::surrogateToUcs4(c, text[++i]));
        else
            buffer.push_back(c.isSurrogate() ? U'\uFFFD' : char32_t(c.unicode()));
    }
    const std::u32string_view path = buffer;
    // "dir/" rules: a file matches when its folder (or one above it) does.
    std::u32string_view parent;
    if (!isDir) {
        const std::size_t slash = path.rfind(U'/');
        if (slash != std::u32string_view::npos && slash > 0)
            parent = path.substr(0, slash);
    }
    for (const Rule &rule : m_rules) {
        if (rule.dirOnly && !isDir) {
            if (!parent.empty() && matchesRule(rule, parent))
                return true;
        } else if (matchesRule(rule, path)) {
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
