#include "diff/SyntaxColouring.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <srchilite/formattermanager.h>
#include <srchilite/formatterparams.h>
#include <srchilite/langdefmanager.h>
#include <srchilite/langmap.h>
#include <srchilite/regexrulefactory.h>
#include <srchilite/settings.h>
#include <srchilite/sourcehighlighter.h>

#include <algorithm>
#include <map>
#include <mutex>

namespace strata {

namespace {

// OTML, OTClient's markup: indented "tag: value" lines under widget and style names, with Lua
// in "!tag:" values and "@onEvent:" handlers, "//" comments, colours as #rrggbb.
constexpr char OtmlLanguage[] = R"(# OTML (OTClient's .otml, .otui, .otmod), written for Strata's diff viewer
comment start "//"
string delim "\"" "\"" escape "\\"
string delim "'" "'" escape "\\"
(preproc,symbol) = `(^[[:blank:]]*[!@&][[:alpha:]_][[:alnum:]_.-]*)(:)`
(key,symbol) = `(^[[:blank:]]*(?:-[[:blank:]]*)?[[:alpha:]_$][[:alnum:]_.-]*)(:)`
type = `^[[:blank:]]*[[:upper:]][[:alnum:]_]*(?=[[:blank:]]*(?:<|$))`
(symbol,type) = `(<[[:blank:]]*)([[:upper:]][[:alnum:]_]*)`
keyword = "true|false|none|nil"
number = '#[[:xdigit:]]{3,8}\>'
number = '\<[+-]?(([[:digit:]]*\.)?[[:digit:]]+)\>'
)";
constexpr char OtmlFile[] = "otml.lang";

// INI files (settings of many programs, Windows and Wine among them): "[section]", "key=value",
// comments after ";" or "#". Source-highlight maps .ini to its .desktop definition, which
// knows only "#".
constexpr char IniLanguage[] = R"(# INI files, written for Strata's diff viewer
comment start ";"
comment start "#"
section = '^[[:blank:]]*\[.*\]'
(key,symbol) = `(^[[:blank:]]*[^=;#\[[:blank:]][^=]*?)([[:blank:]]*=)`
string delim "\"" "\"" escape "\\"
keyword = "true|false|yes|no|on|off"
number = '\<[+-]?(([[:digit:]]*\.)?[[:digit:]]+)\>'
)";
constexpr char IniFile[] = "strata-ini.lang";

// Strata's own definitions live in a folder of the user's cache, written on first use: the
// library reads definitions from files only (and resolves an `include` in that folder, so this
// one includes nothing).
QString ownDefinitionsFolder()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
                           QStringLiteral("/strata/syntax");
    for (const auto &[name, text] : {std::pair{OtmlFile, OtmlLanguage}, std::pair{IniFile, IniLanguage}}) {
        const QString file = folder + QLatin1Char('/') + QLatin1String(name);
        QFile existing(file);
        if (existing.open(QIODevice::ReadOnly) && existing.readAll() == QByteArray(text))
            continue;
        QDir().mkpath(folder);
        QSaveFile out(file);
        if (out.open(QIODevice::WriteOnly)) {
            out.write(text);
            out.commit();
        }
    }
    return folder;
}

SyntaxStyle styleOf(const std::string &element)
{
    static const std::map<std::string, SyntaxStyle> styles = {
        {"keyword", SyntaxStyle::Keyword},   {"type", SyntaxStyle::Type},
        {"usertype", SyntaxStyle::Type},     {"classname", SyntaxStyle::Type},
        {"string", SyntaxStyle::String},     {"valquote", SyntaxStyle::String},
        {"regexp", SyntaxStyle::String},     {"specialchar", SyntaxStyle::String},
        {"comment", SyntaxStyle::Comment},   {"todo", SyntaxStyle::Comment},
        {"number", SyntaxStyle::Number},     {"preproc", SyntaxStyle::Preprocessor},
        {"function", SyntaxStyle::Function}, {"key", SyntaxStyle::Key},
        {"variable", SyntaxStyle::Key},      {"attribute", SyntaxStyle::Key},
        {"section", SyntaxStyle::Key},       {"label", SyntaxStyle::Key},
        {"symbol", SyntaxStyle::Symbol},     {"cbracket", SyntaxStyle::Symbol},
        {"keyquote", SyntaxStyle::Key},
    };
    const auto it = styles.find(element);
    return it == styles.end() ? SyntaxStyle::Plain : it->second;
}

// Receives what the highlighter found on the current line, as byte offsets.
struct ByteSpan
{
    int start, length;
    SyntaxStyle style;
};
class SpanFormatter final : public srchilite::Formatter
{
public:
    SpanFormatter(SyntaxStyle style, std::vector<ByteSpan> *out) : m_style(style), m_out(out) {}
    void format(const std::string &s, const srchilite::FormatterParams *params) override
    {
        if (m_style == SyntaxStyle::Plain || !params || params->start < 0 || s.empty())
            return;
        if (!m_out->empty() && m_out->back().style == m_style &&
            m_out->back().start + m_out->back().length == params->start) {
            m_out->back().length += int(s.size()); // the library hands out words one by one
            return;
        }
        m_out->push_back({params->start, int(s.size()), m_style});
    }

private:
    SyntaxStyle m_style;
    std::vector<ByteSpan> *m_out;
};

// The library's definition parser keeps its state in globals, and its highlight states are
// shared between highlighters: one colouring at a time, definitions loaded once per process.
std::mutex g_mutex;
srchilite::RegexRuleFactory *g_rules = nullptr;
srchilite::LangDefManager *g_definitions = nullptr;

// UTF-16 position of each byte offset of `utf8`.
int utf16Offset(const std::string &utf8, int byteOffset)
{
    int units = 0;
    for (int i = 0; i < byteOffset && i < int(utf8.size()); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if ((c & 0xC0) == 0x80)
            continue; // a continuation byte
        units += c >= 0xF0 ? 2 : 1;
    }
    return units;
}

} // namespace

QString syntaxLanguageFor(QByteArrayView path)
{
    const QString name = QFileInfo(QFile::decodeName(path.toByteArray())).fileName();
    const QString suffix = QFileInfo(name).suffix().toLower();
    if (suffix == QLatin1String("otml") || suffix == QLatin1String("otui") ||
        suffix == QLatin1String("otmod"))
        return QString::fromLatin1(OtmlFile);
    if (suffix == QLatin1String("ini") || suffix == QLatin1String("cfg"))
        return QString::fromLatin1(IniFile);
    std::lock_guard lock(g_mutex);
    try {
        srchilite::LangMap map(srchilite::Settings::retrieveDataDir(), "lang.map");
        map.open();
        std::string file = map.getMappedFileNameFromFileName(name.toStdString());
        if (file.empty() && !suffix.isEmpty())
            file = map.getMappedFileName(suffix.toStdString());
        if (file == "nohilite.lang")
            return {}; // plain text (.txt)
        return QString::fromStdString(file);
    } catch (...) {
        return {}; // no lang.map: no colouring
    }
}

SyntaxLines colourSyntax(const QString &language, const TextLines &text, const CancelToken &cancel)
{
    if (language.isEmpty() || text.bytes().size() > MaxSyntaxBytes)
        return {};
    std::lock_guard lock(g_mutex);
    try {
        if (!g_definitions) {
            g_rules = new srchilite::RegexRuleFactory;
            g_definitions = new srchilite::LangDefManager(g_rules);
        }
        const bool own = language == QLatin1String(OtmlFile) || language == QLatin1String(IniFile);
        const std::string folder =
            own ? ownDefinitionsFolder().toStdString() : srchilite::Settings::retrieveDataDir();
        srchilite::HighlightStatePtr state = g_definitions->getHighlightState(folder, language.toStdString());
        srchilite::SourceHighlighter highlighter(state);
        std::vector<ByteSpan> found;
        srchilite::FormatterManager formatters(
            srchilite::FormatterPtr(new SpanFormatter(SyntaxStyle::Plain, &found)));
        for (const char *element :
             {"keyword",     "type",      "usertype", "classname", "string",  "valquote", "regexp",
              "specialchar", "comment",   "todo",     "number",    "preproc", "function", "key",
              "variable",    "attribute", "section",  "label",     "symbol",  "cbracket", "keyquote"})
            formatters.addFormatter(element,
                                    srchilite::FormatterPtr(new SpanFormatter(styleOf(element), &found)));
        highlighter.setFormatterManager(&formatters);
        srchilite::FormatterParams params;
        highlighter.setFormatterParams(&params);
        highlighter.setOptimize(false); // with buffering the library reports wrong offsets

        SyntaxLines lines;
        lines.reserve(text.count());
        for (int i = 0; i < text.count(); ++i) {
            if ((i & 255) == 0 && cancel.cancelled())
                return {};
            const std::string line = text.text(i).toStdString();
            found.clear();
            highlighter.highlightParagraph(line);
            QList<SyntaxSpan> spans;
            spans.reserve(qsizetype(found.size()));
            const bool ascii = std::all_of(line.begin(), line.end(), [](char c) { return c >= 0; });
            for (const ByteSpan &s : found) {
                if (ascii) {
                    spans.append({s.start, s.length, s.style});
                    continue;
                }
                const int start = utf16Offset(line, s.start);
                spans.append({start, utf16Offset(line, s.start + s.length) - start, s.style});
            }
            lines.append(std::move(spans));
        }
        return lines;
    } catch (...) {
        return {}; // a definition that does not load (or a library error): shown plain
    }
}

} // namespace strata
