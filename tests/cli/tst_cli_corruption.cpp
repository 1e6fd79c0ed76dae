// The corruption matrix: for every kind of file in a repository (config, key, index, snapshot,
// pack header, a data blob, a tree blob, lock) a flipped byte, a truncation and a deletion,
// each on a fresh copy of a two-version repository. For each cell: does `check --read-data`
// detect it, does it name the versions and files affected, and what does `repair index
// --read-data` bring back (the repository checks clean again, and every file that is not lost
// restores). Each row states the outcome it must have; the whole table is printed.
#include "TestUtil.h"

#include "crypto/Crypto.h"
#include "engine/Listing.h"
#include "repo/Repository.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace strata;
using namespace strata::test;

namespace {

enum class Kind
{
    Config,
    Key,
    Index,
    Snapshot,
    PackHeader,
    DataBlob,
    TreeBlob,
    Lock
};
enum class Damage
{
    Flip,
    FlipValue, // a digit of a setting, so the file stays valid JSON with valid settings
    Truncate,
    Delete
};

// What a cell of the matrix must show.
struct Expected
{
    bool named;    // check names the versions and files (or the file) affected
    bool repaired; // after repair, check is clean and both versions restore whole
};

} // namespace

Q_DECLARE_METATYPE(Kind)
Q_DECLARE_METATYPE(Damage)

class TestCliCorruption final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void matrix_data();
    void matrix();

private:
    RunResult cli(const QStringList &args) { return runCli(args, m_env, {}, 60000); }
    QString path(const QString &rel) const { return m_tmp.path() + QLatin1Char('/') + rel; }
    // The file (and, for blobs, the byte range in it) that a kind of damage targets.
    bool locate(const QString &repo, Kind kind, QString *file, qint64 *begin, qint64 *end);
    QStringList restoreProblems(const QString &repo, const QString &name);

    QTemporaryDir m_tmp;
    QProcessEnvironment m_env;
    QString m_repo, m_src;
    QString m_v1, m_v2; // v1 full, v2 incremental with v1 as its parent
    QStringList m_table;
};

void TestCliCorruption::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(QDir().mkpath(path(QStringLiteral("home"))));
    m_env = cliEnvironment(path(QStringLiteral("home")));
    m_repo = path(QStringLiteral("base"));
    m_src = path(QStringLiteral("src"));
    QVERIFY(QDir().mkpath(m_src + QStringLiteral("/dir")));
    QVERIFY(writeFile(QFile::encodeName(m_src + QStringLiteral("/a.txt")), "alpha, first version\n"));
    QVERIFY(writeFile(QFile::encodeName(m_src + QStringLiteral("/dir/b.txt")), "beta, in a folder\n"));
    QVERIFY(writeRandomFile(QFile::encodeName(m_src + QStringLiteral("/c.bin")), 300 << 10, 7));
    RunResult r = cli({QStringLiteral("init"), QStringLiteral("--repo"), m_repo});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), m_repo, QStringLiteral("--json"), m_src});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    m_v1 = backupSnapshotId(r.out);
    QVERIFY(writeFile(QFile::encodeName(m_src + QStringLiteral("/a.txt")), "alpha, second version\n"));
    r = cli({QStringLiteral("backup"), QStringLiteral("--repo"), m_repo, QStringLiteral("--kind"),
             QStringLiteral("incremental"), QStringLiteral("--json"), m_src});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    m_v2 = backupSnapshotId(r.out);
    QVERIFY(!m_v1.isEmpty() && !m_v2.isEmpty());
    r = cli({QStringLiteral("check"), QStringLiteral("--repo"), m_repo, QStringLiteral("--read-data")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    m_table << QStringLiteral("| file | damage | detected | named | repaired |")
            << QStringLiteral("|---|---|---|---|---|");
}

void TestCliCorruption::cleanupTestCase()
{
    qInfo("corruption matrix:\n%s", qPrintable(m_table.join(QLatin1Char('\n'))));
    removeTree(m_tmp.path());
}

bool TestCliCorruption::locate(const QString &repo, Kind kind, QString *file, qint64 *begin, qint64 *end)
{
    const auto whole = [&](const QString &f) {
        *file = f;
        *begin = 0;
        *end = QFileInfo(f).size();
        return !f.isEmpty() && *end > 0;
    };
    switch (kind) {
    case Kind::Config:
        return whole(repo + QStringLiteral("/config"));
    case Kind::Key: {
        const QStringList keys = QDir(repo + QStringLiteral("/keys")).entryList(QDir::Files);
        return keys.size() == 1 && whole(repo + QStringLiteral("/keys/") + keys.first());
    }
    case Kind::Index: {
        // The index file that names the first version's pack.
        const QStringList files = QDir(repo + QStringLiteral("/index")).entryList(QDir::Files, QDir::Size);
        return !files.isEmpty() && whole(repo + QStringLiteral("/index/") + files.first());
    }
    case Kind::Snapshot:
        return whole(repo + QStringLiteral("/snapshots/") + m_v1);
    case Kind::Lock: {
        // A live lock of another program on another host.
        auto r = Repository::open(repo, QStringLiteral("test-pw"));
        if (!r)
            return false;
        const QJsonObject lock{
            {QStringLiteral("host"), QStringLiteral("another-host")},
            {QStringLiteral("pid"), 4711},
            {QStringLiteral("mode"), QStringLiteral("shared")},
            {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
        auto name = (*r)->writeSealedFile(FileKind::Lock, QJsonDocument(lock).toJson(QJsonDocument::Compact));
        return name && whole(repo + QStringLiteral("/locks/") + *name);
    }
    case Kind::PackHeader:
    case Kind::DataBlob:
    case Kind::TreeBlob:
        break;
    }
    auto r = Repository::open(repo, QStringLiteral("test-pw"));
    if (!r || !(*r)->loadIndex())
        return false;
    Repository &repository = **r;
    auto snap = repository.loadSnapshot(m_v1);
    if (!snap)
        return false;
    const QByteArray src = QFile::encodeName(m_src);
    auto node = findNode(repository, *snap, QByteArray(src + (kind == Kind::TreeBlob ? "/dir" : "/c.bin")));
    if (!node)
        return false;
    const BlobId blob = kind == Kind::TreeBlob ? node->subtree : node->content.front();
    const auto loc = repository.findBlob(blob);
    if (!loc)
        return false;
    *file =
        repo + QStringLiteral("/data/") + loc->pack.toHex().left(2) + QLatin1Char('/') + loc->pack.toHex();
    if (kind == Kind::PackHeader) {
        const QByteArray data = readFile(QFile::encodeName(*file));
        if (data.size() < 8)
            return false;
        const auto *t = reinterpret_cast<const uchar *>(data.constData() + data.size() - 8);
        const qint64 headerLength = t[0] | t[1] << 8 | t[2] << 16 | qint64(t[3]) << 24;
        *begin = data.size() - 8 - headerLength;
        *end = data.size() - 4; // the header and its length, not the magic
        return true;
    }
    *begin = loc->offset;
    *end = qint64(loc->offset) + loc->length;
    return true;
}

QStringList TestCliCorruption::restoreProblems(const QString &repo, const QString &name)
{
    QStringList problems;
    for (const QString &version : {m_v1, m_v2}) {
        const QString target = path(name + QStringLiteral("-restored-") + version.left(8));
        const RunResult r = cli({QStringLiteral("restore"), QStringLiteral("--repo"), repo, version,
                                 QStringLiteral("--target"), target});
        if (r.exitCode != 0) {
            problems << QStringLiteral("restore of %1: %2").arg(version.left(8), r.describe());
            continue;
        }
        if (version == m_v2) {
            const QStringList d =
                compareTrees(QFile::encodeName(m_src), QFile::encodeName(target + QStringLiteral("/src")));
            if (!d.isEmpty())
                problems << d;
        }
    }
    return problems;
}

void TestCliCorruption::matrix_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<Damage>("damage");
    QTest::addColumn<bool>("named");
    QTest::addColumn<bool>("repaired");
    struct Row
    {
        const char *name;
        Kind kind;
        Damage damage;
        Expected expected;
    };
    // Repaired: the index is rebuilt from the packs; what a damaged pack still holds is stored
    // again. Not repaired: a blob, a version or a key whose only copy is damaged, and the
    // plain config, which nothing else holds.
    const Row rows[] = {
        {"config flipped", Kind::Config, Damage::Flip, {true, false}},
        {"config value flipped", Kind::Config, Damage::FlipValue, {true, false}},
        {"config truncated", Kind::Config, Damage::Truncate, {true, false}},
        {"config deleted", Kind::Config, Damage::Delete, {true, false}},
        {"key flipped", Kind::Key, Damage::Flip, {true, false}},
        {"key truncated", Kind::Key, Damage::Truncate, {true, false}},
        {"key deleted", Kind::Key, Damage::Delete, {true, false}},
        {"index flipped", Kind::Index, Damage::Flip, {true, true}},
        {"index truncated", Kind::Index, Damage::Truncate, {true, true}},
        {"index deleted", Kind::Index, Damage::Delete, {true, true}},
        {"snapshot flipped", Kind::Snapshot, Damage::Flip, {true, false}},
        {"snapshot truncated", Kind::Snapshot, Damage::Truncate, {true, false}},
        {"snapshot deleted", Kind::Snapshot, Damage::Delete, {true, false}},
        {"pack header flipped", Kind::PackHeader, Damage::Flip, {true, true}},
        {"pack header truncated", Kind::PackHeader, Damage::Truncate, {true, true}},
        {"pack deleted", Kind::PackHeader, Damage::Delete, {true, false}},
        {"data blob flipped", Kind::DataBlob, Damage::Flip, {true, false}},
        {"data blob truncated", Kind::DataBlob, Damage::Truncate, {true, false}},
        {"data blob's pack deleted", Kind::DataBlob, Damage::Delete, {true, false}},
        {"tree blob flipped", Kind::TreeBlob, Damage::Flip, {true, false}},
        {"tree blob truncated", Kind::TreeBlob, Damage::Truncate, {true, false}},
        {"tree blob's pack deleted", Kind::TreeBlob, Damage::Delete, {true, false}},
        {"lock flipped", Kind::Lock, Damage::Flip, {true, true}},
        {"lock truncated", Kind::Lock, Damage::Truncate, {true, true}},
        {"lock deleted", Kind::Lock, Damage::Delete, {false, true}},
    };
    for (const Row &r : rows)
        QTest::newRow(r.name) << r.kind << r.damage << r.expected.named << r.expected.repaired;
}

void TestCliCorruption::matrix()
{
    QFETCH(Kind, kind);
    QFETCH(Damage, damage);
    QFETCH(bool, named);
    QFETCH(bool, repaired);
    const QString name =
        QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'));
    const QString repo = path(name);
    QVERIFY(copyTree(QFile::encodeName(m_repo), QFile::encodeName(repo)));
    QString file;
    qint64 begin = 0, end = 0;
    QVERIFY(locate(repo, kind, &file, &begin, &end));
    const QByteArray f = QFile::encodeName(file);
    switch (damage) {
    case Damage::Flip: {
        const qint64 at = begin + (end - begin) / 2;
        QByteArray byte = readFile(f).mid(at, 1);
        QCOMPARE(byte.size(), 1);
        byte[0] = char(byte[0] ^ 0x01);
        QVERIFY(overwriteAt(f, at, byte));
        break;
    }
    case Damage::FlipValue: {
        QByteArray data = readFile(f);
        const qsizetype at = data.indexOf("\"pack_size\": ") + qsizetype(strlen("\"pack_size\": ")) + 2;
        QVERIFY(at > 20 && data[at] >= '0' && data[at] <= '8');
        QVERIFY(overwriteAt(f, at, QByteArray(1, char(data[at] + 1))));
        break;
    }
    case Damage::Truncate:
        QVERIFY(::truncate(f.constData(), off_t(begin + (end - begin) / 2)) == 0);
        break;
    case Damage::Delete:
        QVERIFY(QFile::remove(file));
        break;
    }
    const QString damagedName = QFileInfo(file).fileName();

    RunResult check =
        cli({QStringLiteral("check"), QStringLiteral("--repo"), repo, QStringLiteral("--read-data")});
    QVERIFY2(!check.crashed && !check.timedOut, qPrintable(check.describe()));
    // A damaged lock is harmless (nobody holds it): check removes it, says so, and passes.
    const bool detected =
        kind == Kind::Lock ? check.text().contains(damagedName.left(8)) : check.exitCode == 7;
    // Named: the versions and files a damaged blob or version takes with it, or the damaged
    // file itself when it holds no user data (config, key, index, lock).
    bool isNamed = false;
    switch (kind) {
    case Kind::Config:
        isNamed = check.text().contains(QStringLiteral("config"));
        break;
    case Kind::Key:
        isNamed = check.text().contains(damage == Damage::Delete ? QStringLiteral("no key files")
                                                                 : damagedName.left(8));
        break;
    case Kind::Lock:
        isNamed = check.text().contains(damagedName.left(8));
        break;
    case Kind::Index:
        isNamed = check.text().contains(damagedName.left(8)) ||
                  check.text().contains(QStringLiteral("in no index"));
        break;
    case Kind::Snapshot:
        isNamed = check.text().contains(m_v1.left(8));
        break;
    case Kind::PackHeader:
        isNamed = check.text().contains(damagedName.left(16));
        break;
    case Kind::DataBlob:
        isNamed = check.text().contains(QStringLiteral("/src/c.bin")) &&
                  check.text().contains(m_v1.left(8)) && check.text().contains(m_v2.left(8));
        break;
    case Kind::TreeBlob:
        isNamed = check.text().contains(QStringLiteral("/src/dir")) && check.text().contains(m_v1.left(8)) &&
                  check.text().contains(m_v2.left(8));
        break;
    }

    // What a person reads, for the log: the first lines of the report.
    qInfo("%s", qPrintable(check.text().split(QLatin1Char('\n')).mid(0, 12).join(QLatin1Char('\n'))));

    const RunResult repair = cli({QStringLiteral("repair"), QStringLiteral("index"), QStringLiteral("--repo"),
                                  repo, QStringLiteral("--read-data")});
    QVERIFY2(!repair.crashed && !repair.timedOut, qPrintable(repair.describe()));
    const RunResult after =
        cli({QStringLiteral("check"), QStringLiteral("--repo"), repo, QStringLiteral("--read-data")});
    const QStringList restored = after.exitCode == 0 ? restoreProblems(repo, name) : QStringList{};
    const bool isRepaired = after.exitCode == 0 && restored.isEmpty();

    m_table << QStringLiteral("| %1 | %2 | %3 | %4 | %5 |")
                   .arg(QString::fromLatin1(QTest::currentDataTag()).section(QLatin1Char(' '), 0, -2),
                        QString::fromLatin1(QTest::currentDataTag()).section(QLatin1Char(' '), -1),
                        detected ? QStringLiteral("yes") : QStringLiteral("no"),
                        isNamed ? QStringLiteral("yes") : QStringLiteral("no"),
                        isRepaired ? QStringLiteral("yes") : QStringLiteral("no"));
    const QString report =
        QStringLiteral("check:\n%1\nrepair:\n%2\ncheck after repair:\n%3\n%4")
            .arg(check.describe(), repair.describe(), after.describe(), restored.join(QLatin1Char('\n')));
    // Every damage but a deleted lock (which nothing can tell from a lock released) is found.
    if (!(kind == Kind::Lock && damage == Damage::Delete))
        QVERIFY2(detected, qPrintable(report));
    QVERIFY2(isNamed == named, qPrintable(report));
    QVERIFY2(isRepaired == repaired, qPrintable(report));
    if (!repaired && kind != Kind::Config && kind != Kind::Key) {
        // What cannot be brought back is said plainly, by check after the repair.
        QVERIFY2(after.exitCode == 7, qPrintable(report));
        QVERIFY2(after.text().contains(QStringLiteral("cannot be brought back")), qPrintable(report));
    }
}

QTEST_GUILESS_MAIN(TestCliCorruption)
#include "tst_cli_corruption.moc"
