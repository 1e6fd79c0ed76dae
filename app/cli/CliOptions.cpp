#include "CliOptions.h"

#include <QFile>
#include <QSet>

namespace strata::cli {

namespace {

OptionDef flag(const char *name, const char *help, QChar shortName = QChar())
{
    return {QString::fromLatin1(name), shortName, {}, false, QString::fromUtf8(help)};
}

OptionDef valued(const char *name, const char *valueName, const char *help, bool repeatable = false)
{
    return {QString::fromLatin1(name), QChar(), QString::fromLatin1(valueName), repeatable,
            QString::fromUtf8(help)};
}

QList<CommandDef> buildCommands()
{
    const OptionDef storePassword =
        flag("store-password", "save the password in the OS keychain for later runs");
    const OptionDef newPasswordFile =
        valued("new-password-file", "FILE", "read the new password from FILE's first line");
    const OptionDef threads = valued("threads", "N", "worker threads (default: one per core)");
    const OptionDef noXattrs = flag("no-xattrs", "leave out extended attributes (other than ACLs)");
    const OptionDef noAcls = flag("no-acls", "leave out POSIX ACLs");

    QList<CommandDef> c;
    c.append(
        {QStringLiteral("init"),
         QStringLiteral("init      --repo R"),
         QStringLiteral("create a new, empty repository"),
         QStringLiteral(
             "Creates a repository at R and its first key. The password comes from --password-file,\n"
             "STRATA_PASSWORD, --new-password-file, STRATA_NEW_PASSWORD, or is asked twice on the\n"
             "terminal. Keep it safe: without a password nothing in the repository can be read."),
         {newPasswordFile, storePassword,
          valued("compression", "LEVEL", "zstd level for new blobs, 0 stores them uncompressed (default 2)")},
         {},
         0,
         0});
    c.append(
        {QStringLiteral("backup"),
         QStringLiteral("backup    --repo R [--kind full|incremental|differential] [--set NAME] [--tag T]\n"
                        "                     [--exclude PATTERN]... [--exclude-file F] PATH..."),
         QStringLiteral("back up files and folders into a new version"),
         QStringLiteral(
             "Saves a new version of PATH... in the backup set NAME (default \"default\").\n"
             "  full          re-reads every file\n"
             "  incremental   trusts size, mtime, ctime and inode against the set's last version (default)\n"
             "  differential  compares against the set's last full version\n"
             "Every version restores on its own, whatever its kind.\n"
             "Patterns: '*' and '?' match within a name, '**' across folders; a pattern without '/'\n"
             "matches a name anywhere, one starting with '/' is anchored at the root, a trailing '/'\n"
             "matches folders only. Folders with a CACHEDIR.TAG or a .nobackup file are skipped.\n"
             "Extended attributes (user.*, and as root trusted.* and security.*, file capabilities\n"
             "among them) and POSIX ACLs are kept unless --no-xattrs or --no-acls says otherwise.\n"
             "A backup to a local folder that the last runs' growth (or, the first time, the size\n"
             "of the files) says will not fit stops before writing, unless --no-space-check.\n"
             "Exit code 3 means the version was saved but some files could not be read or changed\n"
             "while being read; 8 means it was cancelled (nothing saved, uploaded data kept)."),
         {valued("kind", "KIND", "full, incremental or differential"),
          valued("set", "NAME", "backup set (default: default)"),
          valued("tag", "T", "tag the version (repeatable)", true),
          valued("exclude", "PATTERN", "leave out paths matching PATTERN (repeatable)", true),
          valued("exclude-file", "F", "read patterns from F, one a line (repeatable)", true),
          valued("exclude-larger-than", "SIZE", "leave out files larger than SIZE (e.g. 10M, 2G)"),
          flag("no-cache-tag", "back up folders tagged with CACHEDIR.TAG too"),
          flag("one-file-system", "do not cross into other file systems"),
          flag("no-space-check", "start even when the destination looks too full for this backup"),
          valued("host", "NAME", "host name to record (default: this machine's)"), noXattrs, noAcls, threads,
          storePassword},
         QStringLiteral("PATH..."),
         1,
         -1});
    c.append(
        {QStringLiteral("snapshots"),
         QStringLiteral("snapshots --repo R [--json]"),
         QStringLiteral("list the versions in the repository"),
         QStringLiteral("Lists the versions, oldest first: id, time, kind, set, host, files, size, paths.\n"
                        "With --json prints a JSON array of objects."),
         {valued("set", "NAME", "only versions of this backup set")},
         {},
         0,
         0});
    c.append({QStringLiteral("tag"),
              QStringLiteral("tag       --repo R [--add T]... [--remove T]... VERSION... [--json]"),
              QStringLiteral("add or remove tags of versions (--add pinned keeps a version forever)"),
              QStringLiteral(
                  "A version with other tags is stored as a new version file (its id changes; it names\n"
                  "the version it replaces as its original), written before the old one goes. Versions\n"
                  "tagged 'pinned' are kept by every retention policy. Takes a shared lock."),
              {valued("add", "T", "give the versions tag T (repeatable)", true),
               valued("remove", "T", "take tag T away (repeatable)", true)},
              QStringLiteral("VERSION"),
              1,
              -1});
    c.append(
        {QStringLiteral("ls"),
         QStringLiteral("ls        --repo R VERSION [PATH] [--json]"),
         QStringLiteral("list the files of a version"),
         QStringLiteral("Prints every path at or below PATH (default: everything) in VERSION, one a line.\n"
                        "VERSION is 'latest', a version id or a unique prefix of one. PATH is an absolute\n"
                        "path as backed up. With --json prints one JSON object a line."),
         {flag("long", "show type, permissions, size and modification time", QLatin1Char('l')),
          flag("one-level", "list only the entries directly inside PATH")},
         QStringLiteral("VERSION"),
         1,
         2});
    c.append(
        {QStringLiteral("restore"),
         QStringLiteral("restore   --repo R VERSION [--target DIR] [--include PATH]...\n"
                        "                     [--conflict overwrite|skip|if-changed|keep-both] [--dry-run] "
                        "[--no-safety]\n"
                        "                     [--salvage] [--no-xattrs] [--no-acls] [--numeric-owner]"),
         QStringLiteral("restore a version, in place or into a folder"),
         QStringLiteral(
             "Without --target files go back to their original places; before anything is overwritten\n"
             "a safety version of the files about to be replaced is saved, and a failed restore puts\n"
             "them back from it (--no-safety turns this off). With --target DIR files land in\n"
             "DIR/<path below the common folder of the version's sources>.\n"
             "On conflict with an existing file (default if-changed):\n"
             "  overwrite   replace it          skip       leave it\n"
             "  if-changed  replace it only when it differs from the version\n"
             "  keep-both   write the restored file beside it under a new name\n"
             "--dry-run lists every file with its action (create, overwrite, skip, keep-both,\n"
             "unchanged) and writes nothing.\n"
             "As root, owners are restored by the names the version recorded where this machine has\n"
             "them, else by number (--numeric-owner: always by number). Extended attributes and ACLs\n"
             "are restored where the target allows; what it refuses is reported once, with a count.\n"
             "A file with data the repository cannot give back is not restored (what is on disk stays)\n"
             "and is listed; everything else is restored, and the exit code is 7. With --salvage such\n"
             "a file is written as NAME.damaged, with zeros where its data is lost."),
         {valued("target", "DIR", "restore into DIR instead of the original places"),
          valued("include", "PATH", "restore only PATH (repeatable; absolute or relative to the version)",
                 true),
          valued("conflict", "POLICY", "overwrite, skip, if-changed or keep-both"),
          flag("dry-run", "show what would be written and write nothing"),
          flag("no-safety", "do not save a safety version before overwriting in place"), noXattrs, noAcls,
          flag("numeric-owner", "restore owners by number, not by the recorded names"),
          flag("salvage", "write damaged files as NAME.damaged with zeros where data is lost"), threads},
         QStringLiteral("VERSION"),
         1,
         1});
    c.append(
        {QStringLiteral("export"),
         QStringLiteral("export    --repo R VERSION FILE [--include PATH]...\n"
                        "                     [--format zip|tar.gz|tar.xz|tar.zst|7z]"),
         QStringLiteral("write a version into an archive file"),
         QStringLiteral(
             "Writes VERSION (or the paths --include names) into FILE, with paths relative to the common\n"
             "folder of the version's sources, as 'restore --target' lays them out. The format comes\n"
             "from FILE's extension (.zip, .tar.gz, .tar.xz, .tar.zst, .7z) unless --format says it.\n"
             "The archive is written to FILE.part and renamed when complete; an existing FILE is\n"
             "replaced only then. Owners and time stamps go in as the format holds them.\n"
             "Exit code 3 means the archive was written but some entries were left out (unsafe\n"
             "names, devices, FIFOs), their names or time stamps could not be kept exactly."),
         {valued("include", "PATH", "export only PATH (repeatable; absolute or relative to the version)",
                 true),
          valued("format", "FORMAT", "zip, tar.gz, tar.xz, tar.zst or 7z")},
         QStringLiteral("VERSION FILE"),
         2,
         2});
    c.append(
        {QStringLiteral("diff"),
         QStringLiteral("diff      --repo R VERSION_A VERSION_B [PATH] [--json]\n"
                        "          --repo R VERSION PATH --to-disk [--json]"),
         QStringLiteral("show what changed between two versions, or since a version"),
         QStringLiteral("Prints one line per change:\n"
                        "  + added   - removed   M content changed   m metadata only   T type changed\n"
                        "and a summary; with PATH only at and below it (absolute, as in the version).\n"
                        "When PATH is a file, prints its unified diff (the hunks 'diff -u' prints), or for\n"
                        "files that are not text their sizes, hashes and the first byte that differs.\n"
                        "--to-disk compares the version with the files on disk now (PATH relative to the\n"
                        "current folder): what restoring PATH would change. Files with the size and time\n"
                        "the version has are taken as unchanged, as a restore takes them.\n"
                        "With --json prints one JSON object a line."),
         {flag("to-disk", "compare VERSION with the files on disk at PATH")},
         QStringLiteral("VERSION_A VERSION_B [PATH]"),
         2,
         3});
    c.append({QStringLiteral("history"),
              QStringLiteral("history   --repo R PATH [--set S] [--json]"),
              QStringLiteral("every version holding PATH, and where it changed"),
              QStringLiteral(
                  "Lists every version (of set S, or all) oldest first with the size PATH has in it, and\n"
                  "marks with * the versions where it appeared, changed (content, size, mode, time or\n"
                  "type) or went. PATH is absolute as backed up, or relative to a backed-up folder.\n"
                  "Answered from the catalog, the local cache of the versions' folder listings, which\n"
                  "reads the versions it lacks first."),
              {valued("set", "S", "only the versions of set S")},
              QStringLiteral("PATH"),
              1,
              1});
    c.append({QStringLiteral("find"),
              QStringLiteral("find      --repo R PATTERN [--json]"),
              QStringLiteral("files whose name matches PATTERN in any version, newest first"),
              QStringLiteral(
                  "PATTERN is a shell pattern for one name, case-insensitive: '*.otml', 'config*',\n"
                  "'keybinds.otml'. Each match is listed once with the newest version holding it and how\n"
                  "many versions do. Answered from the catalog (see 'strata-cli history --help')."),
              {},
              QStringLiteral("PATTERN"),
              1,
              1});
    c.append({QStringLiteral("check"),
              QStringLiteral("check     --repo R [--read-data | --read-data-subset N%]"),
              QStringLiteral("verify the repository's structure and, optionally, its data"),
              QStringLiteral(
                  "Checks the config, keys, index, every version's trees and that every blob they name\n"
                  "is stored. --read-data also reads every pack and verifies each blob; --read-data-subset\n"
                  "does that for a random N% of the packs. Exit code 7 means damage was found."),
              {flag("read-data", "read and verify all stored data"),
               valued("read-data-subset", "N%", "read and verify a random N% of the packs")},
              {},
              0,
              0});
    c.append({QStringLiteral("key"),
              QStringLiteral("key       add|list|remove|passwd --repo R"),
              QStringLiteral("manage the passwords that open the repository"),
              QStringLiteral(
                  "  add         add a password (--new-password-file, STRATA_NEW_PASSWORD, or asked twice)\n"
                  "  list        list the keys; '*' marks the one in use\n"
                  "  remove ID   remove a key (not the one in use, not the last one)\n"
                  "  passwd      change the password of the key in use"),
              {newPasswordFile},
              QStringLiteral("add|list|remove ID|passwd"),
              1,
              2});
    c.append(
        {QStringLiteral("unlock"),
         QStringLiteral("unlock    --repo R [--all]"),
         QStringLiteral("remove stale locks"),
         QStringLiteral("Removes locks left by processes that died or stopped refreshing them. With --all\n"
                        "removes every lock: only do that when no other strata is using the repository."),
         {flag("all", "remove live locks too")},
         {},
         0,
         0});
    c.append({QStringLiteral("repair"),
              QStringLiteral("repair    index --repo R [--read-data]"),
              QStringLiteral("rebuild the index from the packs, and save what damaged packs still hold"),
              QStringLiteral(
                  "  index       re-reads the header at the end of every pack and replaces all index\n"
                  "              files by one naming the intact packs: the repair when check reports\n"
                  "              chunks or trees that are in no index. The readable blobs of a damaged\n"
                  "              pack (cut short, or with a damaged header) move into new packs; a blob\n"
                  "              whose only copy is damaged is dropped, so the next backup of its file\n"
                  "              stores it again. --read-data also reads every pack whole, to find\n"
                  "              damage inside packs whose header still reads. Takes an exclusive lock."),
              {flag("read-data", "read every pack whole and repair damage inside it")},
              QStringLiteral("index"),
              1,
              1});
    const OptionDef dryRun = flag("dry-run", "say what would be removed, change nothing");
    const OptionDef maxUnused =
        valued("max-unused", "PERCENT", "repack packs with more than this share unused (default 5%)");
    c.append(
        {QStringLiteral("forget"),
         QStringLiteral(
             "forget    --repo R [--set S] [--host H] [--keep-last N] [--keep-hourly N] [--keep-daily N]\n"
             "                    [--keep-weekly N] [--keep-monthly N] [--keep-yearly N] [--keep-within D]\n"
             "                    [--keep-tag T]... [--max-size SIZE] [--dry-run] [--prune] [--json]\n"
             "strata-cli forget    --repo R VERSION..."),
         QStringLiteral("remove old versions by a retention policy, or the versions named"),
         QStringLiteral(
             "Applies the policy to each set and host on its own, so one machine's policy never removes\n"
             "another's versions; --set and --host choose the groups. Counts keep the newest version of\n"
             "each of the last N hours, days, weeks, months or years that have one (as restic's forget);\n"
             "'all' keeps one of every such period. --keep-within D keeps everything within D of the\n"
             "group's newest version (D like 2w3d: y, m, w, d, h). --max-size drops the oldest versions\n"
             "until the rest need at most SIZE in the repository. The newest version of every group and\n"
             "versions tagged 'pinned' are always kept; safety versions (taken before restores) are kept\n"
             "--keep-safety-days days (30) and never counted. With VERSION... removes those versions.\n"
             "Forgetting removes the versions only; --prune (or 'strata-cli prune') gives the space back.\n"
             "Takes an exclusive lock."),
         {valued("set", "S", "only the versions of set S"),
          valued("host", "H", "only the versions made on H"),
          valued("keep-last", "N", "keep the last N versions"),
          valued("keep-hourly", "N", "keep the newest version of each of the last N hours"),
          valued("keep-daily", "N", "... days"),
          valued("keep-weekly", "N", "... weeks"),
          valued("keep-monthly", "N", "... months"),
          valued("keep-yearly", "N", "... years"),
          valued("keep-within", "D", "keep every version within D of the newest (2w3d)"),
          valued("keep-within-hourly", "D", "keep one an hour within D of the newest"),
          valued("keep-within-daily", "D", "keep one a day within D"),
          valued("keep-within-weekly", "D", "keep one a week within D"),
          valued("keep-within-monthly", "D", "keep one a month within D"),
          valued("keep-within-yearly", "D", "keep one a year within D"),
          valued("keep-tag", "T", "keep versions tagged T (repeatable)", true),
          valued("max-size", "SIZE", "drop the oldest versions until the rest need at most SIZE"),
          valued("keep-safety-days", "N", "keep safety versions N days (default 30)"),
          flag("time-machine", "every version for 24 h, daily for a month, weekly before"),
          dryRun,
          flag("prune", "prune afterwards"),
          maxUnused},
         QStringLiteral("VERSION"),
         0,
         -1});
    c.append({QStringLiteral("prune"),
              QStringLiteral("prune     --repo R [--max-unused PERCENT] [--dry-run] [--json]"),
              QStringLiteral("give back the space of forgotten versions"),
              QStringLiteral(
                  "Finds every blob a version still uses, deletes the packs that hold none, and repacks\n"
                  "the packs whose unused share is above --max-unused (default 5%): their used blobs move\n"
                  "into new packs, and the old packs go once the new index names everything that stays.\n"
                  "Killed at any moment, it leaves a sound repository, and the next prune finishes the\n"
                  "job. Refuses to delete anything while a version cannot be read. Takes an exclusive lock."),
              {maxUnused, dryRun},
              {},
              0,
              0});
    return c;
}

QString formatOptions(const QList<OptionDef> &options)
{
    QString text;
    for (const OptionDef &o : options) {
        QString left = QStringLiteral("  ");
        left += o.shortName.isNull() ? QStringLiteral("    ") : QStringLiteral("-%1, ").arg(o.shortName);
        left += QStringLiteral("--") + o.name;
        if (!o.valueName.isEmpty())
            left += QLatin1Char(' ') + o.valueName;
        if (left.size() < 32)
            left = left.leftJustified(32);
        else
            left += QStringLiteral("\n") + QString(32, QLatin1Char(' '));
        text += left + o.help + QLatin1Char('\n');
    }
    return text;
}

const OptionDef *findOption(const QList<OptionDef> &options, const QString &longName, QChar shortName)
{
    for (const OptionDef &o : options) {
        if (!longName.isEmpty() && o.name == longName)
            return &o;
        if (!shortName.isNull() && o.shortName == shortName)
            return &o;
    }
    return nullptr;
}

Error usage(const QString &command, const QString &message)
{
    const QString help = command.isEmpty() ? QStringLiteral("strata-cli --help")
                                           : QStringLiteral("strata-cli %1 --help").arg(command);
    const QString prefix = command.isEmpty() ? QString() : command + QStringLiteral(": ");
    return Error::invalid(prefix + message + QStringLiteral(" (see '%1')").arg(help));
}

} // namespace

const QList<CommandDef> &commandDefs()
{
    static const QList<CommandDef> commands = buildCommands();
    return commands;
}

const CommandDef *findCommand(const QString &name)
{
    for (const CommandDef &c : commandDefs())
        if (c.name == name)
            return &c;
    return nullptr;
}

const QList<OptionDef> &globalOptionDefs()
{
    static const QList<OptionDef> options = {
        valued("repo", "PATH", "the repository (default: $STRATA_REPOSITORY)"),
        valued("password-file", "FILE", "read the password from FILE's first line"),
        flag("no-keychain", "do not look for the password in the OS keychain"),
        flag("json", "machine-readable output on stdout"),
        flag("quiet", "no progress and no summary; errors and warnings only", QLatin1Char('q')),
        flag("verbose", "also show the engine's informational log messages", QLatin1Char('v')),
        flag("profile", "print the time spent per pipeline stage at the end (also STRATA_TRACE=1)"),
        flag("help", "show help", QLatin1Char('h')),
    };
    return options;
}

QString versionText()
{
    return QStringLiteral("strata-cli %1").arg(QStringLiteral(STRATA_VERSION));
}

QString overallHelp()
{
    QString text = versionText() + QStringLiteral(" - deduplicated, encrypted backups\n\nUsage:\n");
    for (const CommandDef &c : commandDefs())
        text += QStringLiteral("  strata-cli ") +
                QString(c.synopsis).replace(QLatin1Char('\n'), QStringLiteral("\n  ")) + QLatin1Char('\n');
    text += QStringLiteral("\nCommands:\n");
    for (const CommandDef &c : commandDefs())
        text += QStringLiteral("  ") + c.name.leftJustified(12) + c.summary + QLatin1Char('\n');
    text += QStringLiteral("\nGlobal options (before or after the command):\n") +
            formatOptions(globalOptionDefs());
    text += QStringLiteral("      --version                 show the version\n");
    text += QStringLiteral(
        "\nVersions are named by 'latest', a full id or a unique prefix of one.\n"
        "\nPassword, first found of: --password-file, $STRATA_PASSWORD, the OS keychain (saved there with\n"
        "--store-password), a prompt when stdin is a terminal. New passwords (init, key add, key passwd):\n"
        "--new-password-file, $STRATA_NEW_PASSWORD, or a prompt typed twice (init also takes the first "
        "two).\n"
        "\nEnvironment:\n"
        "  STRATA_REPOSITORY     the repository when --repo is not given\n"
        "  STRATA_PASSWORD       the repository's password\n"
        "  STRATA_NEW_PASSWORD   the new password for init, key add and key passwd\n"
        "  STRATA_NO_KEYCHAIN    set to 1 to never ask the OS keychain\n"
        "\nExit codes:\n"
        "  0  success\n"
        "  1  failure\n"
        "  2  usage error\n"
        "  3  partial success: some files were unreadable or changed while read, or some restore\n"
        "     entries failed or were refused\n"
        "  4  no repository at the given place\n"
        "  5  wrong password\n"
        "  6  the repository is locked by another process\n"
        "  7  corruption found\n"
        "  8  cancelled (SIGINT or SIGTERM)\n"
        "  9  the storage could not be reached or stopped answering, after retries\n"
        "  10 the storage refused the credentials, the host key or access\n"
        "\nRun 'strata-cli COMMAND --help' for the options of one command.\n");
    return text;
}

QString commandHelp(const CommandDef &command)
{
    QString text = QStringLiteral("Usage: strata-cli ") +
                   QString(command.synopsis).replace(QLatin1Char('\n'), QStringLiteral("\n       ")) +
                   QStringLiteral("\n\n") + command.summary.left(1).toUpper() + command.summary.mid(1) +
                   QStringLiteral(".\n\n") + command.details + QLatin1Char('\n');
    if (!command.options.isEmpty())
        text += QStringLiteral("\nOptions:\n") + formatOptions(command.options);
    text += QStringLiteral("\nGlobal options:\n") + formatOptions(globalOptionDefs());
    text += QStringLiteral(
        "\nExit codes: 0 ok, 1 failure, 2 usage, 3 partial, 4 no repository, 5 wrong password,\n"
        "6 locked, 7 corruption, 8 cancelled, 9 unreachable, 10 access denied (see 'strata-cli --help').\n");
    return text;
}

QString CliOptions::value(const QString &name, const QString &fallback) const
{
    const auto it = m_values.constFind(name);
    if (it == m_values.constEnd() || it->isEmpty())
        return fallback;
    return it->constLast();
}

Result<CliOptions> CliOptions::parse(const QStringList &arguments, const QList<QByteArray> &raw)
{
    CliOptions result;
    const auto rawAt = [&](qsizetype i) {
        return raw.size() == arguments.size() ? raw.at(i) : QFile::encodeName(arguments.at(i));
    };
    const CommandDef *command = nullptr;
    QList<OptionDef> known = globalOptionDefs();
    known.append(flag("version", "show the version"));
    bool optionsEnded = false;

    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        const bool looksLikeOption = !optionsEnded && arg.size() > 1 && arg.startsWith(QLatin1Char('-'));
        if (!optionsEnded && arg == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        if (!looksLikeOption) {
            if (!command) {
                if (arg == QLatin1String("help")) {
                    // "strata-cli help [COMMAND]" is the same as "[COMMAND] --help".
                    result.m_values.insert(QStringLiteral("help"), {QString()});
                    if (i + 1 < arguments.size()) {
                        command = findCommand(arguments.at(i + 1));
                        if (!command)
                            return usage({}, QStringLiteral("unknown command '%1'").arg(arguments.at(i + 1)));
                        result.m_command = command->name;
                    }
                    return result;
                }
                command = findCommand(arg);
                if (!command)
                    return usage({}, QStringLiteral("unknown command '%1'").arg(arg));
                result.m_command = command->name;
                known.append(command->options);
                continue;
            }
            result.m_args.append(arg);
            result.m_rawArgs.append(rawAt(i));
            continue;
        }

        QString name;
        QChar shortName;
        std::optional<QString> inlineValue;
        if (arg.startsWith(QLatin1String("--"))) {
            name = arg.mid(2);
            const qsizetype eq = name.indexOf(QLatin1Char('='));
            if (eq >= 0) {
                inlineValue = name.mid(eq + 1);
                name.truncate(eq);
            }
        } else if (arg.size() == 2) {
            shortName = arg.at(1);
        } else {
            return usage(result.m_command, QStringLiteral("unknown option '%1'").arg(arg));
        }
        const OptionDef *def = findOption(known, name, shortName);
        if (!def) {
            const QString hint = command ? QString() : QStringLiteral(" before the command");
            return usage(result.m_command, QStringLiteral("unknown option '%1'%2").arg(arg, hint));
        }
        QStringList &slot = result.m_values[def->name];
        QList<QByteArray> &rawSlot = result.m_rawValues[def->name];
        if (def->valueName.isEmpty()) {
            if (inlineValue)
                return usage(result.m_command, QStringLiteral("option --%1 takes no value").arg(def->name));
            slot = {QString()};
            rawSlot = {QByteArray()};
            continue;
        }
        QString value;
        QByteArray rawValue;
        if (inlineValue) {
            value = *inlineValue;
            const QByteArray given = rawAt(i);
            rawValue = given.mid(given.indexOf('=') + 1);
        } else if (i + 1 < arguments.size()) {
            value = arguments.at(++i);
            rawValue = rawAt(i);
        } else {
            return usage(result.m_command,
                         QStringLiteral("option --%1 needs a value (%2)").arg(def->name, def->valueName));
        }
        if (def->repeatable) {
            slot.append(value);
            rawSlot.append(rawValue);
        } else {
            slot = {value}; // the last one wins, so scripts can override a default they prepend
            rawSlot = {rawValue};
        }
    }

    if (result.helpRequested() || result.versionRequested() || !command)
        return result;
    if (result.m_args.size() < command->minArgs) {
        // Name only what is missing: "diff a" lacks VERSION_B, not both.
        const QStringList names = command->argsName.split(QLatin1Char(' '));
        const QString missing = result.m_args.size() < names.size() && command->name != QLatin1String("key")
                                    ? names.mid(result.m_args.size()).join(QLatin1Char(' '))
                                    : command->argsName;
        return usage(command->name, QStringLiteral("missing %1").arg(missing));
    }
    if (command->maxArgs >= 0 && result.m_args.size() > command->maxArgs)
        return usage(command->name,
                     QStringLiteral("unexpected argument '%1'").arg(result.m_args.at(command->maxArgs)));
    return result;
}

} // namespace strata::cli
