// Writes the seed corpora of the fuzz targets from files Strata itself makes: a repository
// with two backups of a small folder (config, key file, index files, snapshots, locks, trees,
// packs and compressed blobs), the format 1 fixture of tests/data, and sets.json, runs.jsonl
// and exclude files written by core/profiles. Encrypted objects are written as the plaintext
// their parsers see after authentication (packs with the header in the clear).
//
//   strata-fuzz-seeds <out folder> [<tests/data folder>]
//
// Each target's seeds land in <out>/<target>/; the folder is emptied first.
#include "Crafted.h"

#include "engine/BackupJob.h"
#include "engine/Excludes.h"
#include "profiles/Presets.h"
#include "profiles/RunLog.h"
#include "profiles/SetStore.h"
#include "repo/Compression.h"
#include "repo/Lock.h"
#include "repo/Pack.h"
#include "storage/LocalBackend.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cstdio>

using namespace strata;

namespace {

// Seeds above this size only slow the fuzzers down; the run scripts use -max_len=16384.
constexpr qsizetype kMaxSeed = 16384;

class Seeds final
{
public:
    explicit Seeds(QString root) : m_root(std::move(root)) {}

    void add(const QString &target, const QString &name, const QByteArray &bytes)
    {
        if (bytes.size() > kMaxSeed)
            return;
        const QString dir = m_root + QLatin1Char('/') + target;
        QDir().mkpath(dir);
        QFile f(dir + QLatin1Char('/') + name);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            fail(QStringLiteral("cannot write seed %1/%2").arg(target, name));
        m_count[target]++;
    }

    void report() const
    {
        for (auto it = m_count.cbegin(); it != m_count.cend(); ++it)
            std::printf("%-16s %d seeds\n", qPrintable(it.key()), it.value());
    }

    [[noreturn]] static void fail(const QString &why)
    {
        std::fprintf(stderr, "strata-fuzz-seeds: %s\n", qPrintable(why));
        std::exit(1);
    }

private:
    QString m_root;
    QMap<QString, int> m_count;
};

template <typename T>
T need(Result<T> r, const char *what)
{
    if (!r)
        Seeds::fail(QStringLiteral("%1: %2").arg(QLatin1String(what), r.error().message));
    return std::move(r).value();
}

void need(const Status &s, const char *what)
{
    if (!s)
        Seeds::fail(QStringLiteral("%1: %2").arg(QLatin1String(what), s.error().message));
}

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(content) != content.size())
        Seeds::fail(QStringLiteral("cannot write %1").arg(path));
}

// A small folder with every kind of entry a tree records.
void makeSource(const QString &src)
{
    writeFile(src + QStringLiteral("/hello.txt"), "hello\n");
    writeFile(src + QStringLiteral("/empty"), {});
    QByteArray text;
    for (int i = 0; text.size() < 40000; ++i)
        text += "line " + QByteArray::number(i) + " of a report that compresses well\n";
    writeFile(src + QStringLiteral("/docs/report.txt"), text);
    QByteArray noise;
    quint64 x = 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < 6000; ++i) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        noise.append(char(x));
    }
    writeFile(src + QStringLiteral("/docs/noise.bin"), noise);
    writeFile(src + QStringLiteral("/deep/a/b/c/leaf.txt"), "at the bottom\n");
    const QByteArray s = QFile::encodeName(src);
    auto at = [&](const char *name) { return QByteArray(s + '/' + name); };
    (void)::symlink("hello.txt", at("link").constData());
    (void)::symlink("../missing", at("dangling").constData());
    (void)::link(at("hello.txt").constData(), at("hardlink").constData());
    (void)::mkfifo(at("fifo").constData(), 0600);
    ::chmod(at("docs/noise.bin").constData(), 0600);
    // Where the file system takes user attributes, trees hold them too (format 2).
    (void)::setxattr(at("hello.txt").constData(), "user.comment", "a seed", 6, 0);
}

void backup(const std::shared_ptr<Repository> &repo, const QString &src, BackupKind kind)
{
    BackupParams p;
    p.repo = repo;
    p.paths = {src};
    p.kind = kind;
    p.set = QStringLiteral("seeds");
    p.tags = {QStringLiteral("fuzz")};
    p.threads = 1;
    BackupJob job(p);
    job.runHere();
    need(job.result().status, "backup");
}

// Everything a repository holds, as its parsers see it.
void repositorySeeds(Seeds &seeds, Repository &repo, const QString &prefix)
{
    Backend &backend = repo.backend();
    seeds.add(QStringLiteral("config"), prefix + QStringLiteral("config"),
              need(backend.read(FileKind::Config, QStringLiteral("config")), "read config"));
    for (const FileInfo &f : need(backend.list(FileKind::Key), "list keys"))
        seeds.add(QStringLiteral("keyfile"), prefix + QStringLiteral("key-") + f.name.left(8),
                  need(backend.read(FileKind::Key, f.name), "read key"));
    seeds.add(QStringLiteral("keyfile"), prefix + QStringLiteral("secret"),
              serializeKeyFileSecret(repo.masterKey()));
    for (const FileInfo &f : need(backend.list(FileKind::Snapshot), "list snapshots"))
        seeds.add(QStringLiteral("snapshot"), prefix + f.name.left(8),
                  need(repo.openFile(FileKind::Snapshot, f.name), "open snapshot"));
    for (const FileInfo &f : need(backend.list(FileKind::Index), "list index"))
        seeds.add(QStringLiteral("index"), prefix + f.name.left(8),
                  need(repo.openFile(FileKind::Index, f.name), "open index"));

    for (const FileInfo &f : need(backend.list(FileKind::Pack), "list packs")) {
        const QByteArray data = need(backend.read(FileKind::Pack, f.name), "read pack");
        const auto blobs = need(repo.parsePackHeader(data), "parse pack header");
        const quint32 sealedLength =
            need(pack::headerLength(data, data.size() - pack::TrailerSize), "trailer");
        const QByteArray plain = serializePackList({PackContents{*BlobId::fromHex(f.name), blobs}});
        seeds.add(QStringLiteral("pack_header"), prefix + f.name.left(8),
                  data.left(data.size() - pack::TrailerSize - sealedLength) + plain +
                      pack::trailer(quint32(plain.size())));
        for (const PackedBlob &b : blobs) {
            const QByteArray blob = need(repo.loadBlob(b.id), "load blob");
            const QString name = prefix + b.id.shortHex();
            if (b.type == BlobType::Tree)
                seeds.add(QStringLiteral("tree"), name, blob);
            if (auto frame = compression::compress(blob, repo.config().compressionLevel)) {
                QByteArray seed(4, '\0');
                for (int i = 0; i < 4; ++i)
                    seed[i] = char(quint32(blob.size()) >> (8 * i));
                seeds.add(QStringLiteral("compression"), name, seed + *frame);
            }
        }
    }
}

void lockSeeds(Seeds &seeds, Repository &repo)
{
    for (LockMode mode : {LockMode::Shared, LockMode::Exclusive}) {
        auto lock = need(repo.lock(mode), "lock");
        for (const FileInfo &f : need(repo.backend().list(FileKind::Lock), "list locks"))
            seeds.add(QStringLiteral("lock"),
                      (mode == LockMode::Shared ? QStringLiteral("shared-") : QStringLiteral("exclusive-")) +
                          f.name.left(8),
                      need(repo.openFile(FileKind::Lock, f.name), "open lock"));
    }
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        Seeds::fail(QStringLiteral("cannot read %1").arg(path));
    return f.readAll();
}

QStringList setsSeeds(Seeds &seeds, const QString &dir, const QString &repoPath)
{
    SetStore store(dir + QStringLiteral("/sets.json"));
    need(store.load(), "load sets");
    BackupSet custom;
    custom.name = QStringLiteral("Photos [2024]");
    custom.sources = {QStringLiteral("/home/ana/Pictures"), QStringLiteral("/srv/photos")};
    custom.excludes = {QStringLiteral("*.tmp"), QStringLiteral("/home/ana/Pictures/cache/"),
                       QStringLiteral("**/thumbs/*.jpg"), QStringLiteral("[!.]*.raw"),
                       QStringLiteral("a\\*b")};
    custom.excludeCaches = false;
    custom.maxFileSize = 1 << 30;
    custom.repository = repoPath;
    custom.kindPolicy = KindPolicy{BackupKind::Differential, 30};
    custom.schedule = Schedule{Schedule::Mode::Weekly, 24, QTime(3, 30), 6};
    custom.retention.keepLast = 5;
    custom.retention.keepDaily = 7;
    custom.retention.keepWeekly = 4;
    custom.retention.keepMonthly = 12;
    custom.retention.keepWithin = RetentionDuration{0, 0, 2, 3, 0};
    custom.retention.keepTags = {QStringLiteral("important")};
    custom.retention.maxTotalBytes = qint64(1) << 40;
    custom.passwordStorage = PasswordStorage::File;
    custom.passwordFile = QStringLiteral("/home/ana/.config/strata/password");
    need(store.add(custom), "add custom set");
    BackupSet hourly = presets::homeFolder(QStringLiteral("/home/ana"));
    hourly.schedule = Schedule{Schedule::Mode::EveryHours, 6, QTime(12, 0), 1};
    hourly.passwordStorage = PasswordStorage::AskEachTime;
    need(store.add(hourly), "add home set");
    need(store.add(presets::otclient(QStringLiteral("/home/ana/.otclient")).value()), "add otclient set");
    seeds.add(QStringLiteral("sets"), QStringLiteral("sets.json"), readAll(store.path()));

    QStringList patterns;
    for (const BackupSet &set : store.sets()) {
        patterns += set.excludes;
        // One set a file too: smaller seeds mutate faster.
        SetStore one(dir + QStringLiteral("/one-") + set.id + QStringLiteral(".json"));
        need(one.load(), "load one set");
        need(one.add(set), "add one set");
        seeds.add(QStringLiteral("sets"), QStringLiteral("set-") + set.id.left(8), readAll(one.path()));
    }
    return patterns;
}

void runLogSeeds(Seeds &seeds, const QString &dir)
{
    RunLog log(dir + QStringLiteral("/runs.jsonl"));
    need(log.load(), "load run log");
    const QDateTime start =
        QDateTime::fromString(QStringLiteral("2024-03-31T01:59:58.123Z"), Qt::ISODateWithMs);
    int n = 0;
    for (auto outcome : {RunRecord::Outcome::Succeeded, RunRecord::Outcome::Partial,
                         RunRecord::Outcome::Failed, RunRecord::Outcome::Cancelled}) {
        for (BackupKind kind : {BackupKind::Full, BackupKind::Incremental, BackupKind::Differential}) {
            RunRecord r;
            r.setId = QStringLiteral("5f0c4a8e-2d1b-4c3a-9e7f-%1").arg(n, 12, 10, QLatin1Char('0'));
            r.setName = QStringLiteral("Home %1").arg(n);
            r.started = start.addSecs(3600 * n);
            r.finished = r.started.addMSecs(61234);
            r.outcome = outcome;
            r.kind = kind;
            r.scheduled = n % 2;
            if (r.wroteVersion())
                r.snapshot = QString(64, QLatin1Char('a' + n % 6));
            if (outcome != RunRecord::Outcome::Succeeded)
                r.message = QStringLiteral("cannot read /home/ana/\u00e9t\u00e9.txt: permission denied");
            r.files = 1000 + n;
            r.bytes = qint64(n) << 32;
            r.bytesAdded = 4096 * n;
            r.warnings = n % 3;
            need(log.append(r), "append run");
            seeds.add(QStringLiteral("runlog"), QStringLiteral("line-%1").arg(n),
                      QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact) + '\n');
            ++n;
        }
    }
    seeds.add(QStringLiteral("runlog"), QStringLiteral("runs.jsonl"), readAll(log.path()));
}

void excludeSeeds(Seeds &seeds, const QString &dir, QStringList patterns)
{
    patterns += {QStringLiteral("node_modules"),  QStringLiteral("build/*.o"),        QStringLiteral("/tmp/"),
                 QStringLiteral("**/.git/**"),    QStringLiteral("[a-z]?[!0-9].log"), QStringLiteral("[]x]*"),
                 QStringLiteral("\\[literal\\]"), QStringLiteral("caf\u00e9/*.bak")};
    patterns.removeDuplicates();
    const QStringList paths{QStringLiteral("/home/ana/project/node_modules/x/index.js"),
                            QStringLiteral("/home/ana/src/build/main.o"), QStringLiteral("/tmp/x"),
                            QStringLiteral("/home/ana/.cache/thumbnails/a.png"),
                            QStringLiteral("/home/ana/caf\u00e9/old.bak")};
    QByteArray file = "# exclude file written by strata-fuzz-seeds\n\n";
    int n = 0;
    for (const QString &p : std::as_const(patterns)) {
        Excludes check;
        if (!check.addPattern(p))
            continue;
        file += p.toUtf8() + '\n';
        seeds.add(QStringLiteral("exclude_pattern"), QStringLiteral("pattern-%1").arg(n),
                  p.toUtf8() + '\0' + paths[n % paths.size()].toUtf8());
        ++n;
    }
    const QString path = dir + QStringLiteral("/excludes.txt");
    writeFile(path, file);
    Excludes check;
    need(check.addPatternFile(path), "read exclude file");
    seeds.add(QStringLiteral("exclude_file"), QStringLiteral("excludes.txt"), file);
    seeds.add(QStringLiteral("exclude_file"), QStringLiteral("crlf.txt"),
              "*.tmp\r\n# note\r\n  /var/cache/  \r\n");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    if (argc < 2) {
        std::fprintf(stderr, "usage: strata-fuzz-seeds <out folder> [<tests/data folder>]\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QDir(out).removeRecursively();
    Seeds seeds(out);
    QTemporaryDir tmp;
    if (!tmp.isValid())
        Seeds::fail(QStringLiteral("no temporary folder"));

    // Small chunks, so that a few kilobytes make several chunks and several packs stay small.
    const QString src = tmp.path() + QStringLiteral("/src");
    makeSource(src);
    Repository::InitOptions options;
    options.kdf = KdfParams{1, 8u << 20};
    options.config.chunkMin = 4096;
    options.config.chunkAvg = 8192;
    options.config.chunkMax = 16384;
    options.config.packSize = 1 << 20;
    const QString repoPath = tmp.path() + QStringLiteral("/repo");
    auto repo =
        need(Repository::init(std::make_unique<LocalBackend>(repoPath), QStringLiteral("seed-pw"), options),
             "init");
    backup(repo, src, BackupKind::Full);
    writeFile(src + QStringLiteral("/hello.txt"), "hello again\n");
    writeFile(src + QStringLiteral("/deep/new.txt"), "new in the second version\n");
    backup(repo, src, BackupKind::Incremental);
    need(repo->loadIndex(), "load index");
    repositorySeeds(seeds, *repo, QStringLiteral("v2-"));
    lockSeeds(seeds, *repo);

    // The first Strata's format, kept in tests/data: format 1 trees and the files around them.
    if (argc > 2) {
        const QString fixture = QString::fromLocal8Bit(argv[2]) + QStringLiteral("/repo-v1");
        auto v1 =
            need(Repository::open(std::make_unique<LocalBackend>(fixture), QStringLiteral("v1-fixture")),
                 "open the format 1 fixture");
        need(v1->loadIndex(), "load the fixture's index");
        repositorySeeds(seeds, *v1, QStringLiteral("v1-"));
    }

    const QStringList patterns = setsSeeds(seeds, tmp.path(), repoPath);
    runLogSeeds(seeds, tmp.path());
    excludeSeeds(seeds, tmp.path(), patterns);
    seeds.report();
    return 0;
}
