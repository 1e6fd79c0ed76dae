// Tests backup sets (JSON form and validation, kind policy), the set store (changes, atomic
// writes, damaged and newer files, no password ever written) and the presets (home, Documents,
// OTClient detection, categories checked against the engine's Excludes, the running check).
#include "engine/Excludes.h"
#include "profiles/BackupSet.h"
#include "profiles/Presets.h"
#include "profiles/SetStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <limits>

#include <sys/stat.h>

using namespace strata;
using namespace strata::presets;

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A set with every field away from its default.
BackupSet fullSet()
{
    BackupSet s;
    s.id = BackupSet::newId();
    s.name = QStringLiteral("Fotos é 📷");
    s.sources = {QStringLiteral("/home/ana/Pictures"), QStringLiteral("/home/ana/Área de trabalho")};
    s.excludes = {QStringLiteral("*.tmp"), QStringLiteral("/home/ana/Pictures/raw/"),
                  QStringLiteral("**/x/")};
    s.excludeCaches = false;
    s.maxFileSize = qint64(5) * 1024 * 1024 * 1024 * 1024; // beyond 32 bits
    s.repository = QStringLiteral("sftp://backup@nas/srv/strata");
    s.kindPolicy.normal = BackupKind::Differential;
    s.kindPolicy.fullEveryDays = 30;
    s.schedule.mode = Schedule::Mode::Weekly;
    s.schedule.hours = 6;
    s.schedule.at = QTime(23, 45);
    s.schedule.weekday = 7;
    s.retention.keepLast = 3;
    s.retention.keepDaily = 7;
    s.retention.keepWeekly = 4;
    s.retention.keepMonthly = 12;
    s.retention.keepYearly = -1;
    s.retention.keepWithin = RetentionDuration{0, 0, 2, 3, 0};
    s.retention.keepWithinDaily = RetentionDuration{0, 1, 0, 0, 0};
    s.retention.keepTags = {QStringLiteral("important")};
    s.retention.maxTotalBytes = qint64(200) * 1024 * 1024 * 1024;
    s.retention.safetyDays = 45;
    s.autoPrune = false;
    s.pruneEveryHours = 72;
    s.passwordStorage = PasswordStorage::File;
    s.passwordFile = QStringLiteral("/home/ana/.config/strata-pass");
    s.preset = QStringLiteral("otclient");
    s.presetOptions = {QStringLiteral("settings"), QStringLiteral("logs")};
    return s;
}

BackupSet minimalSet(const QString &name)
{
    BackupSet s;
    s.id = BackupSet::newId();
    s.name = name;
    s.sources = {QStringLiteral("/srv/") + name};
    s.repository = QStringLiteral("/backup/repo");
    return s;
}

// Every key anywhere in a JSON value, for the "no password" check.
void collectKeys(const QJsonValue &v, QStringList &keys)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            keys.append(it.key());
            collectKeys(it.value(), keys);
        }
    } else if (v.isArray()) {
        for (const QJsonValue &item : v.toArray())
            collectKeys(item, keys);
    }
}

// Files (relative paths) under `root` that a backup of `set` would keep, judged by the engine's
// Excludes exactly as the walker does: a path is left out when it or a folder above it matches.
QStringList keptFiles(const BackupSet &set, const QString &root)
{
    Excludes ex;
    for (const QString &p : set.excludes) {
        const Status s = ex.addPattern(p);
        if (!s)
            qFatal("bad pattern %s: %s", qPrintable(p), qPrintable(s.error().message));
    }
    QStringList kept;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!ex.matches(path, false))
            kept.append(path.mid(root.size() + 1));
    }
    kept.sort();
    return kept;
}

// An OTClient folder with a file in every category.
void makeOtclientFolder(const QString &dir)
{
    for (const char *rel :
         {"config.otml", "keybinds.otml", "hotkeys.otml", "settings/options.otml",
          "characterdata/Knight Ana/containers.json", "modules/game_bot/bot.otml", "modules/game_bot/bot.lua",
          "mods/my_mod/init.lua", "logs/session.txt", "otclient.log", "cache/sprites/a.dat",
          "cache/things.bin", "screenshots/shot.png"})
        QVERIFY(writeFile(dir + QLatin1Char('/') + QLatin1String(rel), "x"));
}

} // namespace

class TestProfiles final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- BackupSet --------------------------------------------------------------------------

    void jsonRoundTrip()
    {
        const BackupSet s = fullSet();
        QVERIFY2(s.validate().ok(), qPrintable(s.validate().ok() ? QString() : s.validate().error().message));
        // Through bytes, as the store writes it.
        const QByteArray bytes = QJsonDocument(s.toJson()).toJson();
        const Result<BackupSet> back = BackupSet::fromJson(QJsonDocument::fromJson(bytes).object());
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
        QCOMPARE(back->id, s.id);
        QCOMPARE(back->name, s.name);
        QCOMPARE(back->sources, s.sources);
        QCOMPARE(back->excludes, s.excludes);
        QCOMPARE(back->excludeCaches, s.excludeCaches);
        QCOMPARE(back->maxFileSize, s.maxFileSize);
        QCOMPARE(back->repository, s.repository);
        QCOMPARE(back->kindPolicy.normal, s.kindPolicy.normal);
        QCOMPARE(back->kindPolicy.fullEveryDays, s.kindPolicy.fullEveryDays);
        QCOMPARE(back->schedule.mode, s.schedule.mode);
        QCOMPARE(back->schedule.hours, s.schedule.hours);
        QCOMPARE(back->schedule.at, s.schedule.at);
        QCOMPARE(back->schedule.weekday, s.schedule.weekday);
        QCOMPARE(back->retention.keepLast, s.retention.keepLast);
        QCOMPARE(back->retention.keepDaily, s.retention.keepDaily);
        QCOMPARE(back->retention.keepWeekly, s.retention.keepWeekly);
        QCOMPARE(back->retention.keepMonthly, s.retention.keepMonthly);
        QCOMPARE(back->retention.maxTotalBytes, s.retention.maxTotalBytes);
        QVERIFY(back->retention == s.retention);
        QCOMPARE(back->autoPrune, s.autoPrune);
        QCOMPARE(back->pruneEveryHours, s.pruneEveryHours);
        QCOMPARE(back->passwordStorage, s.passwordStorage);
        QCOMPARE(back->passwordFile, s.passwordFile);
        QCOMPARE(back->preset, s.preset);
        QCOMPARE(back->presetOptions, s.presetOptions);
        QVERIFY(*back == s); // and nothing the field list above forgot
    }

    void jsonRoundTripEveryEnum_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("storage");
        QTest::newRow("manual full keychain")
            << int(Schedule::Mode::Manual) << int(BackupKind::Full) << int(PasswordStorage::Keychain);
        QTest::newRow("hours incremental ask")
            << int(Schedule::Mode::EveryHours) << int(BackupKind::Incremental)
            << int(PasswordStorage::AskEachTime);
        QTest::newRow("daily differential file")
            << int(Schedule::Mode::Daily) << int(BackupKind::Differential) << int(PasswordStorage::File);
    }
    void jsonRoundTripEveryEnum()
    {
        QFETCH(int, mode);
        QFETCH(int, kind);
        QFETCH(int, storage);
        BackupSet s = fullSet();
        s.schedule.mode = Schedule::Mode(mode);
        s.kindPolicy.normal = BackupKind(kind);
        s.passwordStorage = PasswordStorage(storage);
        if (s.passwordStorage != PasswordStorage::File)
            s.passwordFile.clear();
        const Result<BackupSet> back = BackupSet::fromJson(s.toJson());
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
        QVERIFY(*back == s);
    }

    void defaultsFromSparseJson()
    {
        const QJsonObject o{{QStringLiteral("id"), QStringLiteral("abc")},
                            {QStringLiteral("name"), QStringLiteral("n")},
                            {QStringLiteral("sources"), QJsonArray{QStringLiteral("/a")}},
                            {QStringLiteral("repository"), QStringLiteral("/r")}};
        const Result<BackupSet> s = BackupSet::fromJson(o);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        QCOMPARE(s->excludeCaches, true);
        QCOMPARE(s->maxFileSize, qint64(-1));
        QCOMPARE(s->kindPolicy.normal, BackupKind::Incremental);
        QCOMPARE(s->kindPolicy.fullEveryDays, 7);
        QCOMPARE(s->schedule.mode, Schedule::Mode::Manual);
        QCOMPARE(s->passwordStorage, PasswordStorage::Keychain);
        QVERIFY(s->retention == RetentionPolicy{});
    }

    // Found by tests/fuzz/fuzz_sets: options without a preset were read, but never written back.
    void presetOptionsNeedAPreset()
    {
        QJsonObject o = minimalSet(QStringLiteral("n")).toJson();
        o.insert(QStringLiteral("presetOptions"), QJsonArray{QStringLiteral("settings")});
        const Result<BackupSet> s = BackupSet::fromJson(o);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        QVERIFY(s->presetOptions.isEmpty());
        QVERIFY(*BackupSet::fromJson(s->toJson()) == *s);
    }

    // Found by tests/fuzz/fuzz_sets: a number too large for a 64-bit integer was converted to
    // one (undefined behaviour), and one too large for an int was cut to its low 32 bits.
    void numbersOutOfRangeAreRefused_data()
    {
        QTest::addColumn<QString>("object");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QByteArray>("number");
        QTest::newRow("int beyond 64 bits") << "schedule"
                                            << "hours" << QByteArray("1e300");
        QTest::newRow("int cut to 5") << "schedule"
                                      << "hours" << QByteArray("4294967301");
        QTest::newRow("int below") << "kind"
                                   << "fullEveryDays" << QByteArray("-2147483649");
        QTest::newRow("qint64 beyond") << ""
                                       << "maxFileSize" << QByteArray("9223372036854775808");
        QTest::newRow("qint64 far beyond") << "retention"
                                           << "maxTotalBytes" << QByteArray("-6.6e114");
    }
    void numbersOutOfRangeAreRefused()
    {
        QFETCH(QString, object);
        QFETCH(QString, key);
        QFETCH(QByteArray, number);
        QJsonObject o = minimalSet(QStringLiteral("n")).toJson();
        QByteArray json = QJsonDocument(o).toJson(QJsonDocument::Compact);
        const QByteArray field = '"' + key.toUtf8() + "\":" + number;
        const QByteArray member = object.isEmpty()
                                      ? QByteArray(',' + field)
                                      : QByteArray(",\"" + object.toUtf8() + "\":{" + field + '}');
        json.insert(json.size() - 1, member);
        const QJsonDocument doc = QJsonDocument::fromJson(json);
        QVERIFY2(doc.isObject(), json.constData());
        const Result<BackupSet> s = BackupSet::fromJson(doc.object());
        QVERIFY2(!s.ok(), json.constData());
        QCOMPARE(s.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(s.error().message.contains(key + QStringLiteral("\" is out of range")),
                 qPrintable(s.error().message));
    }

    void largeNumbersAreExact()
    {
        QJsonObject o = minimalSet(QStringLiteral("n")).toJson();
        QByteArray json = QJsonDocument(o).toJson(QJsonDocument::Compact);
        json.insert(json.size() - 1, ",\"maxFileSize\":9007199254740993"); // 2^53 + 1: no double holds it
        const Result<BackupSet> s = BackupSet::fromJson(QJsonDocument::fromJson(json).object());
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        QCOMPARE(s->maxFileSize, qint64(9007199254740993LL));
        const SetStore::Parsed huge =
            SetStore::parse(R"({"format": 1e300, "sets": []})", QStringLiteral("/s"));
        QCOMPARE(huge.status.error().code, ErrorCode::Unsupported);
    }

    void validation_data()
    {
        QTest::addColumn<QString>("key");      // "a.b" for nested keys
        QTest::addColumn<QJsonValue>("value"); // Undefined removes the key
        QTest::addColumn<QString>("expected");

        const QJsonValue remove(QJsonValue::Undefined);
        QTest::newRow("missing name") << QStringLiteral("name") << remove << QStringLiteral("has no name");
        QTest::newRow("blank name") << QStringLiteral("name") << QJsonValue(QStringLiteral("  "))
                                    << QStringLiteral("has no name");
        QTest::newRow("name not a string")
            << QStringLiteral("name") << QJsonValue(3) << QStringLiteral("\"name\" must be a string");
        QTest::newRow("missing sources")
            << QStringLiteral("sources") << remove << QStringLiteral("has no sources");
        QTest::newRow("empty sources")
            << QStringLiteral("sources") << QJsonValue(QJsonArray()) << QStringLiteral("has no sources");
        QTest::newRow("sources not strings")
            << QStringLiteral("sources") << QJsonValue(QJsonArray{1}) << QStringLiteral("list of strings");
        QTest::newRow("relative source")
            << QStringLiteral("sources") << QJsonValue(QJsonArray{QStringLiteral("docs")})
            << QStringLiteral("\"docs\" is not an absolute path");
        QTest::newRow("missing id") << QStringLiteral("id") << remove << QStringLiteral("has no id");
        QTest::newRow("no repository")
            << QStringLiteral("repository") << remove << QStringLiteral("has no repository");
        QTest::newRow("bad exclude") << QStringLiteral("excludes")
                                     << QJsonValue(QJsonArray{QStringLiteral("/")})
                                     << QStringLiteral("empty exclude pattern");
        QTest::newRow("zero max size")
            << QStringLiteral("maxFileSize") << QJsonValue(0) << QStringLiteral("largest file size");
        QTest::newRow("fractional size")
            << QStringLiteral("maxFileSize") << QJsonValue(1.5) << QStringLiteral("whole number");
        QTest::newRow("unknown schedule mode")
            << QStringLiteral("schedule.mode") << QJsonValue(QStringLiteral("hourly"))
            << QStringLiteral("unknown schedule mode \"hourly\"");
        QTest::newRow("bad time") << QStringLiteral("schedule.at") << QJsonValue(QStringLiteral("25:00"))
                                  << QStringLiteral("\"25:00\"");
        QTest::newRow("bad weekday") << QStringLiteral("schedule.weekday") << QJsonValue(8)
                                     << QStringLiteral("weekday");
        QTest::newRow("unknown kind") << QStringLiteral("kind.normal") << QJsonValue(QStringLiteral("mirror"))
                                      << QStringLiteral("unknown backup kind \"mirror\"");
        QTest::newRow("safety kind") << QStringLiteral("kind.normal") << QJsonValue(QStringLiteral("safety"))
                                     << QStringLiteral("safety versions");
        QTest::newRow("negative days")
            << QStringLiteral("kind.fullEveryDays") << QJsonValue(-1) << QStringLiteral("negative");
        QTest::newRow("negative keep")
            << QStringLiteral("retention.keepDaily") << QJsonValue(-2) << QStringLiteral("negative");
        QTest::newRow("bad duration") << QStringLiteral("retention.keepWithin")
                                      << QJsonValue(QStringLiteral("2q")) << QStringLiteral("keepWithin");
        QTest::newRow("prune too often")
            << QStringLiteral("retention.pruneEveryHours") << QJsonValue(0) << QStringLiteral("once an hour");
        QTest::newRow("unknown storage")
            << QStringLiteral("passwordStorage") << QJsonValue(QStringLiteral("plain"))
            << QStringLiteral("unknown password storage \"plain\"");
        QTest::newRow("file without path")
            << QStringLiteral("passwordFile") << remove << QStringLiteral("no file is given");
    }
    void validation()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);

        QJsonObject o = fullSet().toJson();
        const QStringList parts = key.split(QLatin1Char('.'));
        if (parts.size() == 1) {
            if (value.isUndefined())
                o.remove(key);
            else
                o.insert(key, value);
        } else {
            QJsonObject inner = o.value(parts[0]).toObject();
            inner.insert(parts[1], value);
            o.insert(parts[0], inner);
        }
        const Result<BackupSet> s = BackupSet::fromJson(o);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(s.error().message.contains(expected), qPrintable(s.error().message));
        QVERIFY2(s.error().message.startsWith(QLatin1String("backup set")), qPrintable(s.error().message));
    }

    void everyHoursRange()
    {
        BackupSet s = minimalSet(QStringLiteral("h"));
        s.schedule.mode = Schedule::Mode::EveryHours;
        s.schedule.hours = 0;
        QVERIFY(!s.validate().ok());
        QVERIFY(s.validate().error().message.contains(QLatin1String("1 to 168 hours")));
        s.schedule.hours = 168;
        QVERIFY(s.validate().ok());
        // Out-of-range values of a mode not in use do not block saving.
        s.schedule.mode = Schedule::Mode::Manual;
        s.schedule.hours = 0;
        QVERIFY(s.validate().ok());
    }

    void kindForNextRun_data()
    {
        QTest::addColumn<int>("normal");
        QTest::addColumn<int>("days");
        QTest::addColumn<qint64>("ageSecs"); // how long ago the last full was; INT64_MIN: none
        QTest::addColumn<int>("expected");
        const qint64 day = 24 * 3600;
        const int inc = int(BackupKind::Incremental), full = int(BackupKind::Full),
                  diff = int(BackupKind::Differential);
        QTest::newRow("no full yet") << inc << 7 << std::numeric_limits<qint64>::min() << full;
        QTest::newRow("recent full") << inc << 7 << day << inc;
        QTest::newRow("just under 7 days") << inc << 7 << 7 * day - 60 << inc;
        QTest::newRow("exactly 7 days") << inc << 7 << 7 * day << full;
        QTest::newRow("older") << inc << 7 << 30 * day << full;
        QTest::newRow("never forced") << inc << 0 << 400 * day << inc;
        QTest::newRow("always full") << full << 7 << qint64(60) << full;
        QTest::newRow("differential") << diff << 14 << 10 * day << diff;
        QTest::newRow("differential due") << diff << 14 << 14 * day << full;
        QTest::newRow("full in the future, small") << inc << 7 << qint64(-3600) << inc;
        QTest::newRow("full in the future, clock was wrong") << inc << 7 << -3 * day << full;
    }
    void kindForNextRun()
    {
        QFETCH(int, normal);
        QFETCH(int, days);
        QFETCH(qint64, ageSecs);
        QFETCH(int, expected);
        KindPolicy p;
        p.normal = BackupKind(normal);
        p.fullEveryDays = days;
        const QDateTime now(QDate(2026, 3, 29), QTime(12, 0), Qt::UTC);
        const QDateTime lastFull =
            ageSecs == std::numeric_limits<qint64>::min() ? QDateTime() : now.addSecs(-ageSecs);
        QCOMPARE(int(p.kindForNextRun(lastFull, now)), expected);
    }

    // ---- SetStore ---------------------------------------------------------------------------

    void storeAddUpdateRemove()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("config/sets.json"));
        SetStore store(path);
        QVERIFY(store.load().ok()); // missing file: empty
        QVERIFY(store.sets().isEmpty());
        QVERIFY(!QFile::exists(path));

        BackupSet a = minimalSet(QStringLiteral("Alpha"));
        a.id.clear();
        const Result<QString> idA = store.add(a);
        QVERIFY2(idA.ok(), qPrintable(idA.ok() ? QString() : idA.error().message));
        QVERIFY(!QUuid::fromString(*idA).isNull());
        const Result<QString> idB = store.add(fullSet());
        QVERIFY(idB.ok());
        QCOMPARE(store.sets().size(), 2);

        // Names are unique, ignoring case.
        const Result<QString> dup = store.add(minimalSet(QStringLiteral("alpha")));
        QVERIFY(!dup.ok());
        QVERIFY(dup.error().message.contains(QLatin1String("already exists")));
        QCOMPARE(store.sets().size(), 2);

        // Invalid sets are refused and change nothing.
        BackupSet bad = minimalSet(QStringLiteral("Bad"));
        bad.sources.clear();
        QVERIFY(!store.add(bad).ok());

        BackupSet changed = *store.find(*idA);
        changed.name = QStringLiteral("Alpha 2");
        changed.excludes = {QStringLiteral("*.iso")};
        QVERIFY(store.update(changed).ok());
        BackupSet renamedOntoOther = changed;
        renamedOntoOther.name = fullSet().name;
        QVERIFY(!store.update(renamedOntoOther).ok());
        BackupSet unknown = minimalSet(QStringLiteral("Nobody"));
        QCOMPARE(store.update(unknown).error().code, ErrorCode::NotFound);

        // Another instance reads what was written.
        {
            SetStore other(path);
            QVERIFY(other.load().ok());
            QCOMPARE(other.sets().size(), 2);
            QVERIFY(*other.find(*idA) == changed);
            QCOMPARE(other.findByName(QStringLiteral("ALPHA 2"))->id, *idA);
        }

        QVERIFY(store.remove(*idB).ok());
        QCOMPARE(store.remove(*idB).error().code, ErrorCode::NotFound);
        SetStore again(path);
        QVERIFY(again.load().ok());
        QCOMPARE(again.sets().size(), 1);
        QCOMPARE(again.sets().first().id, *idA);

        const QJsonObject root = QJsonDocument::fromJson(readFile(path)).object();
        QCOMPARE(root.value(QLatin1String("format")).toInt(), SetStore::FormatVersion);
        QCOMPARE(root.value(QLatin1String("sets")).toArray().size(), 1);
    }

    void storeNeedsLoad()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("sets.json"));
        QVERIFY(writeFile(path, "{\"format\":1,\"sets\":[]}"));
        SetStore store(path);
        QCOMPARE(store.add(minimalSet(QStringLiteral("x"))).error().code, ErrorCode::Internal);
        QCOMPARE(readFile(path), QByteArray("{\"format\":1,\"sets\":[]}"));
    }

    void storeAtomicSave()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("sets.json"));
        SetStore store(path);
        QVERIFY(store.load().ok());
        QVERIFY(store.add(minimalSet(QStringLiteral("one"))).ok());
        struct stat before
        {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &before), 0);

        QVERIFY(store.add(minimalSet(QStringLiteral("two"))).ok());
        struct stat after
        {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &after), 0);
        // A new file renamed over the old one, not the old one rewritten in place: a crash
        // mid-write leaves the previous file whole.
        QVERIFY(before.st_ino != after.st_ino);
        // And no temporary file is left behind.
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("sets.json")});

        // A write that fails changes neither the file nor the store.
        const QByteArray saved = readFile(path);
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("blocker")), "a file where a folder should be"));
        SetStore blocked(tmp.filePath(QStringLiteral("blocker/sets.json")));
        QVERIFY(blocked.load().ok());
        const Result<QString> r = blocked.add(minimalSet(QStringLiteral("three")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Io);
        QVERIFY(blocked.sets().isEmpty());
        QCOMPARE(readFile(path), saved);
    }

    void storeCorruptKeepsBadCopy()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("sets.json"));
        const QByteArray garbage = "{\"format\": 1, \"sets\": [ {\"name\": \"half wri";
        QVERIFY(writeFile(path, garbage));

        SetStore store(path);
        const Status loaded = store.load();
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, ErrorCode::Corrupt);
        QVERIFY2(loaded.error().message.contains(path), qPrintable(loaded.error().message));
        QVERIFY(loaded.error().message.contains(QLatin1String(".bad")));
        QVERIFY(store.sets().isEmpty());
        QCOMPARE(readFile(path), garbage); // loading never touches it

        QVERIFY(store.add(minimalSet(QStringLiteral("fresh"))).ok());
        QCOMPARE(store.badCopyPath(), path + QStringLiteral(".bad"));
        QCOMPARE(readFile(path + QStringLiteral(".bad")), garbage);
        SetStore reread(path);
        QVERIFY(reread.load().ok());
        QCOMPARE(reread.sets().size(), 1);

        // A second damaged file does not replace the first copy.
        QVERIFY(writeFile(path, "not json at all"));
        SetStore second(path);
        QCOMPARE(second.load().error().code, ErrorCode::Corrupt);
        QVERIFY(second.save().ok());
        QCOMPARE(second.badCopyPath(), path + QStringLiteral(".bad.2"));
        QCOMPARE(readFile(path + QStringLiteral(".bad")), garbage);
        QCOMPARE(readFile(path + QStringLiteral(".bad.2")), QByteArray("not json at all"));
    }

    void storeOneBadSetKeepsTheOthers()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("sets.json"));
        QJsonObject broken = minimalSet(QStringLiteral("broken")).toJson();
        broken.insert(QStringLiteral("schedule"),
                      QJsonObject{{QStringLiteral("mode"), QStringLiteral("sometimes")}});
        const BackupSet good = minimalSet(QStringLiteral("good"));
        const QJsonObject root{{QStringLiteral("format"), 1},
                               {QStringLiteral("sets"), QJsonArray{good.toJson(), broken}}};
        const QByteArray bytes = QJsonDocument(root).toJson();
        QVERIFY(writeFile(path, bytes));

        SetStore store(path);
        const Status loaded = store.load();
        QCOMPARE(loaded.error().code, ErrorCode::Corrupt);
        QVERIFY2(loaded.error().message.contains(QLatin1String("unknown schedule mode \"sometimes\"")),
                 qPrintable(loaded.error().message));
        QCOMPARE(store.sets().size(), 1);
        QVERIFY(store.sets().first() == good);
        QVERIFY(store.save().ok());
        QCOMPARE(readFile(path + QStringLiteral(".bad")), bytes);
    }

    void storeNewerFormatIsLeftAlone()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("sets.json"));
        const QByteArray newer = "{\"format\": 99, \"sets\": [], \"future\": true}";
        QVERIFY(writeFile(path, newer));
        SetStore store(path);
        const Status loaded = store.load();
        QCOMPARE(loaded.error().code, ErrorCode::Unsupported);
        QVERIFY(loaded.error().message.contains(QLatin1String("newer Strata")));
        QVERIFY(store.isReadOnly());
        QCOMPARE(store.add(minimalSet(QStringLiteral("x"))).error().code, ErrorCode::Unsupported);
        QCOMPARE(readFile(path), newer);
        QVERIFY(!QFile::exists(path + QStringLiteral(".bad")));
    }

    void storeNeverWritesAPassword()
    {
        QTemporaryDir tmp;
        const QByteArray secret = "correct horse battery staple 7f3a";
        const QString passwordFile = tmp.filePath(QStringLiteral("strata.pass"));
        QVERIFY(writeFile(passwordFile, secret));

        const QString path = tmp.filePath(QStringLiteral("sets.json"));
        SetStore store(path);
        QVERIFY(store.load().ok());
        BackupSet s = minimalSet(QStringLiteral("with a password file"));
        s.passwordStorage = PasswordStorage::File;
        s.passwordFile = passwordFile;
        QVERIFY(store.add(s).ok());
        BackupSet k = minimalSet(QStringLiteral("keychain"));
        k.passwordFile = QStringLiteral("/left/over/from/an/edit"); // not used: not written
        QVERIFY(store.add(k).ok());

        const QByteArray saved = readFile(path);
        QVERIFY(!saved.contains(secret));
        QVERIFY(saved.contains(QFile::encodeName(passwordFile)));
        QVERIFY(!saved.contains("/left/over/from/an/edit"));
        QStringList keys;
        collectKeys(QJsonDocument::fromJson(saved).object(), keys);
        for (const QString &key : keys) {
            if (key.contains(QLatin1String("pass"), Qt::CaseInsensitive) ||
                key.contains(QLatin1String("secret"), Qt::CaseInsensitive))
                QVERIFY2(key == QLatin1String("passwordStorage") || key == QLatin1String("passwordFile"),
                         qPrintable(key));
        }
        // And a password smuggled into the file by hand is not carried along.
        QJsonObject root = QJsonDocument::fromJson(saved).object();
        QJsonArray sets = root.value(QLatin1String("sets")).toArray();
        QJsonObject first = sets[0].toObject();
        first.insert(QStringLiteral("password"), QString::fromLatin1(secret));
        sets[0] = first;
        root.insert(QStringLiteral("sets"), sets);
        QVERIFY(writeFile(path, QJsonDocument(root).toJson()));
        SetStore reread(path);
        QVERIFY(reread.load().ok());
        QVERIFY(reread.save().ok());
        QVERIFY(!readFile(path).contains(secret));
    }

    // ---- Presets ----------------------------------------------------------------------------

    void homeAndDocuments()
    {
        QTemporaryDir tmp;
        const QString home = tmp.filePath(QStringLiteral("ana"));
        const BackupSet h = homeFolder(home);
        QVERIFY2(h.validate().ok(), qPrintable(h.validate().ok() ? QString() : h.validate().error().message));
        QCOMPARE(h.sources, QStringList{home});
        QCOMPARE(h.repository, defaultRepository());
        QVERIFY(defaultRepository().endsWith(QLatin1String("/repository")));
        QCOMPARE(h.preset, QStringLiteral("home"));

        for (const char *rel : {"Documents/cv.odt", ".cache/mesa/x.bin", ".local/share/Trash/files/old.txt",
                                ".local/share/keep.txt", "src/app/node_modules/x/index.js", "src/app/main.py",
                                "src/app/__pycache__/main.pyc", ".cachedir-not/y"})
            QVERIFY(writeFile(home + QLatin1Char('/') + QLatin1String(rel), "x"));
        QCOMPARE(keptFiles(h, home),
                 (QStringList{QStringLiteral(".cachedir-not/y"), QStringLiteral(".local/share/keep.txt"),
                              QStringLiteral("Documents/cv.odt"), QStringLiteral("src/app/main.py")}));

        // The repository is never backed up into itself.
        Excludes ex;
        for (const QString &p : h.excludes)
            QVERIFY(ex.addPattern(p).ok());
        QVERIFY(ex.matches(defaultRepository() + QStringLiteral("/data/00/abc"), false));

        const BackupSet d = documents();
        QVERIFY(d.validate().ok());
        QCOMPARE(d.sources, QStringList{QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)});
        QVERIFY(d.id != h.id);
        QVERIFY(d.name != h.name);
    }

    void detectOtclient()
    {
        QTemporaryDir tmp;
        const QString home = tmp.path();
        QCOMPARE(detectOtclientFolders(home), QStringList());

        // A folder without config.otml (or with a folder of that name) is not a client's.
        QVERIFY(writeFile(home + QStringLiteral("/.otclient/modules/m.lua"), "x"));
        QVERIFY(QDir().mkpath(home + QStringLiteral("/.local/share/otclient/.otclient/config.otml")));
        QCOMPARE(detectOtclientFolders(home), QStringList());

        // The Redemption fork alone.
        QVERIFY(
            QDir(home + QStringLiteral("/.local/share/otclient/.otclient/config.otml")).removeRecursively());
        QVERIFY(writeFile(home + QStringLiteral("/.local/share/otclient/.otclient/config.otml"), "x"));
        QCOMPARE(detectOtclientFolders(home),
                 QStringList{home + QStringLiteral("/.local/share/otclient/.otclient")});

        // Both, the original first; a trailing slash on home changes nothing.
        QVERIFY(writeFile(home + QStringLiteral("/.otclient/config.otml"), "x"));
        const QStringList both{home + QStringLiteral("/.otclient"),
                               home + QStringLiteral("/.local/share/otclient/.otclient")};
        QCOMPARE(detectOtclientFolders(home), both);
        QCOMPARE(detectOtclientFolders(home + QLatin1Char('/')), both);
    }

    void otclientCategories_data()
    {
        QTest::addColumn<int>("categories");
        QTest::addColumn<QStringList>("kept");
        const QStringList settings{"config.otml", "hotkeys.otml", "keybinds.otml", "settings/options.otml"};
        const QStringList characters{"characterdata/Knight Ana/containers.json"};
        const QStringList modules{"mods/my_mod/init.lua", "modules/game_bot/bot.lua",
                                  "modules/game_bot/bot.otml"};
        const QStringList logs{"logs/session.txt", "otclient.log"};
        const QStringList unknown{"screenshots/shot.png"}; // kept whatever is chosen
        auto sorted = [](QStringList l) {
            l.sort();
            return l;
        };
        using C = OtclientCategory;
        QTest::newRow("default") << int(defaultOtclientCategories())
                                 << sorted(settings + characters + modules + unknown);
        QTest::newRow("settings only") << int(C::Settings) << sorted(settings + unknown);
        QTest::newRow("characters only") << int(C::Characters) << sorted(characters + unknown);
        QTest::newRow("modules only") << int(C::Modules) << sorted(modules + unknown);
        QTest::newRow("with logs") << int(defaultOtclientCategories() | C::Logs)
                                   << sorted(settings + characters + modules + logs + unknown);
        QTest::newRow("logs and cache asked for") << int(C::Logs | C::Cache) << sorted(logs + unknown);
    }
    void otclientCategories()
    {
        QFETCH(int, categories);
        QFETCH(QStringList, kept);
        QTemporaryDir tmp;
        // Glob characters in the path must be taken literally by the anchored patterns.
        const QString folder = tmp.filePath(QStringLiteral("we[ir]d*home?/.otclient"));
        makeOtclientFolder(folder);

        const Result<BackupSet> set = otclient(folder, OtclientCategories(categories));
        QVERIFY2(set.ok(), qPrintable(set.ok() ? QString() : set.error().message));
        QCOMPARE(set->sources, QStringList{folder});
        QCOMPARE(set->name, QStringLiteral("OTClient"));
        QCOMPARE(set->preset, QStringLiteral("otclient"));
        QCOMPARE(int(otclientCategoriesOf(*set)), categories & ~int(OtclientCategory::Cache));
        QVERIFY(!set->presetOptions.contains(QStringLiteral("cache")));
        QCOMPARE(keptFiles(*set, folder), kept);

        // The cache is out of every choice; logs are only in when chosen.
        const QString cacheExclude = escapeGlob(folder) + QStringLiteral("/cache/");
        QVERIFY(set->excludes.contains(cacheExclude));
        QCOMPARE(set->excludes.contains(escapeGlob(folder) + QStringLiteral("/logs/")),
                 !OtclientCategories(categories).testFlag(OtclientCategory::Logs));
        // Through JSON and back, as the store keeps it.
        const Result<BackupSet> back = BackupSet::fromJson(set->toJson());
        QVERIFY(back.ok());
        QCOMPARE(keptFiles(*back, folder), kept);
    }

    void otclientRedemptionAndEmptyChoice()
    {
        const QString folder = QStringLiteral("/home/ana/.local/share/otclient/.otclient");
        const Result<BackupSet> r = otclient(folder);
        QVERIFY(r.ok());
        QCOMPARE(r->name, QStringLiteral("OTClient (Redemption)"));
        QCOMPARE(otclient(folder, {}).error().code, ErrorCode::InvalidArgument);
        QCOMPARE(otclient(folder, OtclientCategory::Cache).error().code, ErrorCode::InvalidArgument);
        QCOMPARE(otclient(QStringLiteral("relative/.otclient")).error().code, ErrorCode::InvalidArgument);

        const QList<OtclientCategoryInfo> infos = presets::otclientCategories();
        QCOMPARE(infos.size(), 5);
        for (const OtclientCategoryInfo &info : infos) {
            QVERIFY(!info.label.isEmpty());
            QCOMPARE(info.defaultOn, defaultOtclientCategories().testFlag(info.category));
            QCOMPARE(info.selectable, info.category != OtclientCategory::Cache);
        }
        QVERIFY(otclientCredentialsWarning().contains(QLatin1String("config.otml")));
    }

    void otclientRunning()
    {
        // Nothing named otclient runs on a test machine.
        QVERIFY(!isOtclientRunning());

        QTemporaryDir proc;
        QVERIFY(writeFile(proc.filePath(QStringLiteral("1/comm")), "systemd\n"));
        QVERIFY(writeFile(proc.filePath(QStringLiteral("77/comm")), "bash\n"));
        QVERIFY(writeFile(proc.filePath(QStringLiteral("self/comm")), "otclient\n")); // not a pid
        QVERIFY(writeFile(proc.filePath(QStringLiteral("sys/comm")), "otclient\n"));
        QVERIFY(!isOtclientRunning(proc.path()));

        QVERIFY(writeFile(proc.filePath(QStringLiteral("4242/comm")), "otclient_gl\n"));
        QVERIFY(isOtclientRunning(proc.path()));

        // comm renamed by the process, the executable still tells.
        QTemporaryDir proc2;
        QVERIFY(writeFile(proc2.filePath(QStringLiteral("900/comm")), "Dispatcher\n"));
        QVERIFY(QFile::link(QStringLiteral("/opt/games/otclient/otclient"),
                            proc2.filePath(QStringLiteral("900/exe"))));
        QVERIFY(isOtclientRunning(proc2.path()));
    }
};

QTEST_GUILESS_MAIN(TestProfiles)
#include "tst_profiles.moc"
