#include "profiles/Presets.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace strata::presets {

namespace {

QString tr(const char *text)
{
    // The context lupdate gives tr() calls in this namespace.
    return QCoreApplication::translate("strata::presets", text);
}

// What a preset starts with, before its sources and excludes: one daily run at noon (when a
// desktop is most likely on), incremental with a weekly full, and a retention that keeps about a
// year at shrinking density.
BackupSet base(const QString &name, const QString &preset)
{
    BackupSet set;
    set.id = BackupSet::newId();
    set.name = name;
    set.repository = defaultRepository();
    set.schedule.mode = Schedule::Mode::Daily;
    set.schedule.at = QTime(12, 0);
    // Every version of the last two days, so a run made by hand is not thinned away at once.
    set.retention.keepWithin.days = 2;
    set.retention.keepDaily = 7;
    set.retention.keepWeekly = 4;
    set.retention.keepMonthly = 12;
    set.preset = preset;
    return set;
}

QString anchored(const QString &folder, const QString &rest)
{
    return escapeGlob(QDir::cleanPath(folder)) + QLatin1Char('/') + rest;
}

struct CategoryPatterns
{
    OtclientCategory category;
    const char *key;
    QStringList patterns; // relative to the OTClient folder; glob syntax
};

const QList<CategoryPatterns> &categoryPatterns()
{
    static const QList<CategoryPatterns> table{
        {OtclientCategory::Settings,
         "settings",
         {QStringLiteral("*.otml"), QStringLiteral("settings/")}}, // *.otml covers config.otml
        {OtclientCategory::Characters, "characters", {QStringLiteral("characterdata/")}},
        {OtclientCategory::Modules, "modules", {QStringLiteral("modules/"), QStringLiteral("mods/")}},
        // The client also writes otclient.log next to config.otml.
        {OtclientCategory::Logs, "logs", {QStringLiteral("logs/"), QStringLiteral("*.log")}},
        {OtclientCategory::Cache, "cache", {QStringLiteral("cache/")}},
    };
    return table;
}

bool startsWithOtclient(const QString &name)
{
    return name.startsWith(QLatin1String("otclient"), Qt::CaseInsensitive);
}

} // namespace

QString escapeGlob(const QString &path)
{
    QString out;
    out.reserve(path.size());
    for (const QChar c : path) {
        if (c == u'*' || c == u'?' || c == u'[' || c == u']' || c == u'\\')
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

QString defaultRepository()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/repository");
}

BackupSet homeFolder(const QString &home)
{
    BackupSet set = base(tr("Home folder"), QStringLiteral("home"));
    const QString h = QDir::cleanPath(home);
    set.sources = {h};
    // Things that rebuild themselves or are downloaded again: backing them up costs space and
    // time on every run and restores nothing a person made.
    for (const char *rest : {".cache/", ".local/share/Trash/", ".thumbnails/", ".ccache/", ".npm/_cacache/",
                             ".cargo/registry/", ".m2/repository/", ".gradle/caches/", ".var/app/*/cache/"})
        set.excludes.append(anchored(h, QLatin1String(rest)));
    for (const char *name : {"node_modules/", "__pycache__/", ".pytest_cache/", ".mypy_cache/", ".tox/"})
        set.excludes.append(QLatin1String(name));
    // The repository lives under ~/.local/share by default: without this the home backup
    // would copy the repository into itself, growing on every run.
    set.excludes.append(escapeGlob(QDir::cleanPath(set.repository)) + QLatin1Char('/'));
    return set;
}

BackupSet homeFolder()
{
    return homeFolder(QDir::homePath());
}

BackupSet documents()
{
    BackupSet set = base(tr("Documents"), QStringLiteral("documents"));
    set.sources = {QDir::cleanPath(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))};
    return set;
}

QList<OtclientCategoryInfo> otclientCategories()
{
    return {
        {OtclientCategory::Settings, QStringLiteral("settings"), tr("Settings"),
         tr("config.otml, keybinds and hotkeys, and the settings folder"), true, true},
        {OtclientCategory::Characters, QStringLiteral("characters"), tr("Characters"),
         tr("Per-character data (characterdata)"), true, true},
        {OtclientCategory::Modules, QStringLiteral("modules"), tr("Modules and mods"),
         tr("Add-ons you installed (modules and mods folders)"), true, true},
        {OtclientCategory::Logs, QStringLiteral("logs"), tr("Logs"), tr("The client's log files"), false,
         true},
        {OtclientCategory::Cache, QStringLiteral("cache"), tr("Cache"),
         tr("Downloaded files the client fetches again; never backed up"), false, false},
    };
}

OtclientCategories defaultOtclientCategories()
{
    return OtclientCategory::Settings | OtclientCategory::Characters | OtclientCategory::Modules;
}

QStringList detectOtclientFolders(const QString &home)
{
    const QString h = QDir::cleanPath(home);
#ifdef Q_OS_WIN
    const QStringList candidates{h + QStringLiteral("/AppData/Roaming/otclient"),
                                 h + QStringLiteral("/AppData/Roaming/otclient/.otclient")};
#else
    const QStringList candidates{h + QStringLiteral("/.otclient"),
                                 h + QStringLiteral("/.local/share/otclient/.otclient")};
#endif
    QStringList found;
    QStringList canonical; // one folder reached by two names (a symlink) is listed once
    for (const QString &folder : candidates) {
        if (!QFileInfo(folder + QStringLiteral("/config.otml")).isFile())
            continue;
        const QString real = QFileInfo(folder).canonicalFilePath();
        if (canonical.contains(real))
            continue;
        canonical.append(real);
        found.append(QDir::cleanPath(folder));
    }
    return found;
}

Result<BackupSet> otclient(const QString &folder, OtclientCategories categories)
{
    categories &= ~OtclientCategories(OtclientCategory::Cache);
    if (!categories)
        return Error::invalid(QStringLiteral("choose at least one kind of OTClient data to back up"));
    const QString f = QDir::cleanPath(folder);
    if (!QDir::isAbsolutePath(f))
        return Error::invalid(
            QStringLiteral("the OTClient folder \"%1\" is not an absolute path").arg(folder));

    // The Redemption fork keeps its folder under ~/.local/share/otclient; two clients on one
    // machine need two names, since names are unique.
    const bool redemption = f.endsWith(QLatin1String("/otclient/.otclient"));
    BackupSet set =
        base(redemption ? tr("OTClient (Redemption)") : tr("OTClient"), QStringLiteral("otclient"));
    set.sources = {f};
    for (const CategoryPatterns &c : categoryPatterns()) {
        if (categories.testFlag(c.category)) {
            set.presetOptions.append(QLatin1String(c.key));
            continue;
        }
        for (const QString &p : c.patterns)
            set.excludes.append(anchored(f, p));
    }
    STRATA_TRY(set.validate());
    return set;
}

OtclientCategories otclientCategoriesOf(const BackupSet &set)
{
    OtclientCategories out;
    for (const CategoryPatterns &c : categoryPatterns())
        if (c.category != OtclientCategory::Cache && set.presetOptions.contains(QLatin1String(c.key)))
            out |= c.category;
    return out;
}

QString otclientCredentialsWarning()
{
    return tr("OTClient's config.otml may hold remembered account names and passwords. They are stored in "
              "your encrypted repository like any other file; anyone who can open the repository can read "
              "them. Turn off \"remember password\" in the client if that is not what you want.");
}

bool isOtclientRunning(const QString &procRoot)
{
#ifdef Q_OS_LINUX
    const QDir proc(procRoot);
    const QStringList entries = proc.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &pid : entries) {
        bool numeric = false;
        pid.toLongLong(&numeric);
        if (!numeric)
            continue;
        const QString dir = procRoot + QLatin1Char('/') + pid;
        // comm is readable for every process; exe only for our own, and it gives the full name
        // where comm is cut at 15 characters.
        QFile comm(dir + QStringLiteral("/comm"));
        if (comm.open(QIODevice::ReadOnly) && startsWithOtclient(QString::fromUtf8(comm.readAll()).trimmed()))
            return true;
        const QString exe = QFileInfo(dir + QStringLiteral("/exe")).symLinkTarget();
        if (!exe.isEmpty() && startsWithOtclient(QFileInfo(exe).fileName()))
            return true;
    }
    return false;
#else
    Q_UNUSED(procRoot);
    return false;
#endif
}

} // namespace strata::presets
