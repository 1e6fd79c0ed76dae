// Exporting a version to archives, checked with tools that share no code with ours: unzip,
// bsdtar (libarchive) and 7z read back what our writers wrote, and the extracted trees are
// compared with the backed-up source by diff and stat.
#include "archive/ArchiveExport.h"
#include "archive/ArchiveWriter.h"
#include "engine/BackupJob.h"
#include "storage/LocalBackend.h"
#include "TestUtil.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace strata;
using namespace strata::test;

namespace {

constexpr qint64 kMtime = 1600000000LL * 1000000000 + 123456789; // with nanoseconds zip and tar drop

QString ascii(const char *s)
{
    return QString::fromLatin1(s);
}

} // namespace

class TestArchive final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::shared_ptr<Repository> m_repo;
    QString m_src;      // the backed-up folder: <tmp>/src/tree
    QString m_work;     // a fresh folder per test
    QString m_snapshot; // the version of m_src
    int m_counter = 0;

    QString tmp(const QString &name) const { return m_tmp.path() + QLatin1Char('/') + name; }

    ExportResult exportTo(const QString &file, ArchiveFormat format, const QStringList &includes = {},
                          const QString &snapshot = {})
    {
        QList<QByteArray> raw;
        for (const QString &include : includes)
            raw << QFile::encodeName(include);
        ExportJob job(ExportParams{m_repo, snapshot.isEmpty() ? m_snapshot : snapshot, file, format, raw});
        job.runHere();
        return job.result();
    }

    RunResult run(const QString &program, const QStringList &args, const QString &dir = {})
    {
        return runProgram(program, args, QProcessEnvironment::systemEnvironment(), {}, 120000, dir);
    }

    // The mtime in seconds and the permission bits of a path, as stat(1) prints them.
    QString statOf(const QString &path)
    {
        return QString::fromUtf8(
            run(QStringLiteral("stat"), {QStringLiteral("-c"), QStringLiteral("%Y %a"), path}).out.trimmed());
    }

    // Compares an extracted tree with the source: diff, then mtimes and modes of the files.
    void compareWithSource(const QString &extracted)
    {
        const RunResult d = run(QStringLiteral("diff"),
                                {QStringLiteral("-r"), QStringLiteral("--no-dereference"), m_src, extracted});
        QVERIFY2(d.exitCode == 0, qPrintable(d.describe()));
        for (const char *name :
             {"empty.txt", "big.bin", "nested/deeper/note.txt", "secret.txt", "run.sh", "ação.txt"}) {
            const QString rel = QString::fromUtf8(name);
            const QString a = m_src + QLatin1Char('/') + rel, b = extracted + QLatin1Char('/') + rel;
            if (!QFileInfo::exists(a))
                continue;
            QCOMPARE(statOf(b), statOf(a));
        }
        const QString link = extracted + QStringLiteral("/link");
        QVERIFY2(QFileInfo(link).isSymLink(), qPrintable(link));
        QCOMPARE(run(QStringLiteral("readlink"), {link}).out, QByteArray("nested/deeper/note.txt\n"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        ::umask(022);
        m_src = tmp(QStringLiteral("src/tree"));
        const QByteArray s = QFile::encodeName(m_src);
        QVERIFY(QDir().mkpath(m_src + QStringLiteral("/nested/deeper")));
        QVERIFY(writeFile(s + "/empty.txt", {}));
        QVERIFY(writeRandomFile(s + "/big.bin", 5 << 20, 7));
        QVERIFY(writeFile(s + "/nested/deeper/note.txt", "a note in a nested folder\n"));
        QVERIFY(writeFile(s + "/secret.txt", "only for me\n", 0600));
        QVERIFY(writeFile(s + "/run.sh", "#!/bin/sh\necho hi\n", 0755));
        QVERIFY(writeFile(s + "/ação.txt", "não ascii\n"));
        QVERIFY(::symlink("nested/deeper/note.txt", QByteArray(s + "/link").constData()) == 0);
        QVERIFY(::chmod(QByteArray(s + "/secret.txt").constData(), 0600) == 0);
        QVERIFY(::chmod(QByteArray(s + "/run.sh").constData(), 0755) == 0);
        for (const char *p : {"/empty.txt", "/big.bin", "/nested/deeper/note.txt", "/secret.txt", "/run.sh",
                              "/ação.txt", "/link", "/nested/deeper", "/nested", ""})
            QVERIFY(setMtimeNs(s + p, kMtime));

        Repository::InitOptions o;
        o.kdf = KdfParams{1, 8u << 20};
        auto r = Repository::init(std::make_unique<LocalBackend>(tmp(QStringLiteral("repo"))),
                                  QStringLiteral("pw"), o);
        QVERIFY(r.ok());
        m_repo = *r;
        BackupParams p;
        p.repo = m_repo;
        p.paths = {m_src};
        p.kind = BackupKind::Full;
        BackupJob job(p);
        job.runHere();
        QVERIFY2(job.result().status.ok(),
                 qPrintable(job.result().status.ok() ? QString() : job.result().status.error().message));
        QCOMPARE(job.result().snapshot.stats.files, 6);
        m_snapshot = job.result().snapshot.id;
    }

    void init()
    {
        m_work = tmp(QStringLiteral("work%1").arg(++m_counter));
        QVERIFY(QDir().mkpath(m_work));
    }

    void zip()
    {
        const QString file = m_work + QStringLiteral("/out.zip");
        const ExportResult r = exportTo(file, ArchiveFormat::Zip);
        QVERIFY2(r.status.ok(), qPrintable(r.status.ok() ? QString() : r.status.error().message));
        QCOMPARE(r.files, 6);
        QCOMPARE(r.symlinks, 1);
        QCOMPARE(r.dirs, 3); // tree, nested, deeper
        QCOMPARE(r.bytes, qint64(5 << 20) + 26 + 12 + 18 + 11);
        QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(QLatin1Char('\n'))));
        QVERIFY(!QFile::exists(file + QStringLiteral(".part")));

        const RunResult t = run(QStringLiteral("unzip"), {QStringLiteral("-t"), file});
        QVERIFY2(t.exitCode == 0, qPrintable(t.describe()));
        const QString out = m_work + QStringLiteral("/x");
        const RunResult x =
            run(QStringLiteral("unzip"), {QStringLiteral("-q"), file, QStringLiteral("-d"), out});
        QVERIFY2(x.exitCode == 0, qPrintable(x.describe()));
        compareWithSource(out + QStringLiteral("/tree"));
    }

    void tar_data()
    {
        QTest::addColumn<ArchiveFormat>("format");
        QTest::newRow("tar.gz") << ArchiveFormat::TarGz;
        QTest::newRow("tar.xz") << ArchiveFormat::TarXz;
        QTest::newRow("tar.zst") << ArchiveFormat::TarZst;
    }

    void tar()
    {
        QFETCH(ArchiveFormat, format);
        const QString file = m_work + QStringLiteral("/out.") + archiveFormatName(format);
        const ExportResult r = exportTo(file, format);
        QVERIFY2(r.status.ok(), qPrintable(r.status.ok() ? QString() : r.status.error().message));
        QCOMPARE(r.files, 6);
        QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(QLatin1Char('\n'))));

        const RunResult t = run(QStringLiteral("bsdtar"), {QStringLiteral("-tvf"), file});
        QVERIFY2(t.exitCode == 0, qPrintable(t.describe()));
        QVERIFY2(t.out.contains("tree/ação.txt"), t.out.constData());
        QVERIFY2(t.out.contains("tree/link -> nested/deeper/note.txt"), t.out.constData());
        const QString out = m_work + QStringLiteral("/x");
        QVERIFY(QDir().mkpath(out));
        const RunResult x =
            run(QStringLiteral("bsdtar"), {QStringLiteral("-xf"), file, QStringLiteral("-C"), out});
        QVERIFY2(x.exitCode == 0, qPrintable(x.describe()));
        compareWithSource(out + QStringLiteral("/tree"));
    }

    void sevenZip()
    {
        // The whole version, names that are not ASCII included, streamed into one LZMA2 block.
        const QString file = m_work + QStringLiteral("/all.7z");
        const ExportResult r = exportTo(file, ArchiveFormat::SevenZip);
        QVERIFY2(r.status.ok(), qPrintable(r.status.ok() ? QString() : r.status.error().message));
        QCOMPARE(r.files, 6);
        QCOMPARE(r.symlinks, 1);
        QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(QLatin1Char('\n'))));
        const RunResult t = run(QStringLiteral("7z"), {QStringLiteral("t"), file});
        QVERIFY2(t.exitCode == 0, qPrintable(t.describe()));
        QVERIFY2(t.out.contains("Everything is Ok"), t.out.constData());
        const RunResult l = run(QStringLiteral("7z"), {QStringLiteral("l"), file});
        QVERIFY2(l.out.contains("tree/nested/deeper/note.txt"), l.out.constData());
        QVERIFY2(l.out.contains("tree/ação.txt"), l.out.constData());
        const QString out = m_work + QStringLiteral("/x");
        const RunResult x =
            run(QStringLiteral("7z"), {QStringLiteral("x"), QStringLiteral("-o") + out, file});
        QVERIFY2(x.exitCode == 0, qPrintable(x.describe()));
        compareWithSource(out + QStringLiteral("/tree"));
        // libarchive, a second reader, agrees.
        const RunResult b = run(QStringLiteral("bsdtar"), {QStringLiteral("-tf"), file});
        QVERIFY2(b.exitCode == 0 && b.out.contains("tree/big.bin"), qPrintable(b.describe()));
    }

    void sevenZipOfOnlyEmptyEntries()
    {
        // No content at all: the header alone, no packed stream.
        const QString file = m_work + QStringLiteral("/empty.7z");
        const ExportResult r = exportTo(file, ArchiveFormat::SevenZip, {ascii("tree/empty.txt")});
        QVERIFY2(r.status.ok(), qPrintable(r.status.ok() ? QString() : r.status.error().message));
        const RunResult t = run(QStringLiteral("7z"), {QStringLiteral("t"), file});
        QVERIFY2(t.exitCode == 0 && t.out.contains("Everything is Ok"), qPrintable(t.describe()));
        const QString out = m_work + QStringLiteral("/x");
        QCOMPARE(run(QStringLiteral("7z"), {QStringLiteral("x"), QStringLiteral("-o") + out, file}).exitCode,
                 0);
        QCOMPARE(QFileInfo(out + QStringLiteral("/tree/empty.txt")).size(), 0);
    }

    // A file from 8 GiB on, which ustar's 11 octal digits cannot size, goes in with a pax size
    // record. Zeros compress to almost nothing, so the archive stays small.
    void tarTakesFilesFrom8GiB()
    {
        const QString file = m_work + QStringLiteral("/big.tar.zst");
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        auto writer = ArchiveWriter::create(ArchiveFormat::TarZst, &out);
        QVERIFY(writer.ok());
        ArchiveEntry e;
        e.path = "huge.bin";
        e.mode = 0644;
        e.size = (qint64(1) << 33) + 1;
        QVERIFY((*writer)->beginFile(e).ok());
        const QByteArray zeros(1 << 20, '\0');
        for (qint64 left = e.size; left > 0; left -= zeros.size())
            QVERIFY(
                (*writer)->writeData(QByteArrayView(zeros).first(std::min<qint64>(left, zeros.size()))).ok());
        QVERIFY((*writer)->endFile().ok());
        QVERIFY((*writer)->finish().ok());
        writer->reset();
        out.close();
        const RunResult l = run(QStringLiteral("bsdtar"), {QStringLiteral("-tvf"), file});
        QVERIFY2(l.exitCode == 0 && l.out.contains("8589934593"), qPrintable(l.describe()));
    }

    void includeLimitsTheExport()
    {
        const QString file = m_work + QStringLiteral("/part.zip");
        const ExportResult r = exportTo(file, ArchiveFormat::Zip, {ascii("tree/nested")});
        QVERIFY2(r.status.ok(), qPrintable(r.status.ok() ? QString() : r.status.error().message));
        QCOMPARE(r.files, 1);
        const RunResult l = run(QStringLiteral("unzip"), {QStringLiteral("-Z1"), file});
        QCOMPARE(l.exitCode, 0);
        QCOMPARE(QString::fromUtf8(l.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts),
                 QStringList({ascii("tree/"), ascii("tree/nested/"), ascii("tree/nested/deeper/"),
                              ascii("tree/nested/deeper/note.txt")}));

        // An absolute path works the same; a path that is not there or lies above the base fails
        // before anything is written.
        const ExportResult abs = exportTo(m_work + QStringLiteral("/abs.tar.gz"), ArchiveFormat::TarGz,
                                          {m_src + QStringLiteral("/run.sh")});
        QVERIFY(abs.status.ok());
        QCOMPARE(abs.files, 1);
        const ExportResult missing =
            exportTo(m_work + QStringLiteral("/missing.zip"), ArchiveFormat::Zip, {ascii("tree/nope")});
        QVERIFY(!missing.status.ok());
        QCOMPARE(missing.status.error().code, ErrorCode::NotFound);
        const ExportResult above =
            exportTo(m_work + QStringLiteral("/above.zip"), ArchiveFormat::Zip, {ascii("/")});
        QVERIFY(!above.status.ok());
        QCOMPARE(above.status.error().code, ErrorCode::InvalidArgument);
        QVERIFY(!QFile::exists(m_work + QStringLiteral("/missing.zip")));
        QVERIFY(!QFile::exists(m_work + QStringLiteral("/missing.zip.part")));
    }

    void badVersionIsNotFound()
    {
        const QString file = m_work + QStringLiteral("/v.zip");
        const ExportResult r = exportTo(file, ArchiveFormat::Zip, {}, QStringLiteral("deadbeef"));
        QVERIFY(!r.status.ok());
        QCOMPARE(r.status.error().code, ErrorCode::NotFound);
        QVERIFY(!QFile::exists(file));
    }

    void unwritableDestination()
    {
        // A file where a folder should be: refused even for root.
        QVERIFY(writeFile(QFile::encodeName(m_work + QStringLiteral("/plain")), "x"));
        const QString file = m_work + QStringLiteral("/plain/out.tar.zst");
        const ExportResult r = exportTo(file, ArchiveFormat::TarZst);
        QVERIFY(!r.status.ok());
        QCOMPARE(r.status.error().code, ErrorCode::Io);
        QVERIFY2(r.status.error().message.contains(file + QStringLiteral(".part")),
                 qPrintable(r.status.error().message));
        if (!isRoot()) {
            const QString ro = m_work + QStringLiteral("/ro");
            QVERIFY(QDir().mkpath(ro));
            QVERIFY(::chmod(QFile::encodeName(ro).constData(), 0500) == 0);
            const ExportResult denied = exportTo(ro + QStringLiteral("/out.zip"), ArchiveFormat::Zip);
            QVERIFY(!denied.status.ok());
            QVERIFY(QDir(ro).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
        }
    }

    void cancelRemovesThePartialFile()
    {
        const QString file = m_work + QStringLiteral("/c.tar.gz");
        ExportJob job(ExportParams{m_repo, m_snapshot, file, ArchiveFormat::TarGz, {}});
        bool sawPart = false;
        connect(&job, &Job::progress, &job, [&](const Progress &p) {
            if (p.phase == Phase::Restoring) {
                sawPart = QFile::exists(file + QStringLiteral(".part"));
                job.cancel();
            }
        });
        job.runHere();
        QVERIFY(sawPart);
        QVERIFY(!job.result().status.ok());
        QCOMPARE(job.result().status.error().code, ErrorCode::Cancelled);
        QVERIFY(!QFile::exists(file));
        QVERIFY(!QFile::exists(file + QStringLiteral(".part")));
    }

    void replacesAnExistingFileOnlyWhenDone()
    {
        const QString file = m_work + QStringLiteral("/old.zip");
        QVERIFY(writeFile(QFile::encodeName(file), "old"));
        const ExportResult bad = exportTo(file, ArchiveFormat::Zip, {ascii("tree/nope")});
        QVERIFY(!bad.status.ok());
        QCOMPARE(readFile(QFile::encodeName(file)), QByteArray("old"));
        const ExportResult good = exportTo(file, ArchiveFormat::Zip, {ascii("tree/run.sh")});
        QVERIFY(good.status.ok());
        QCOMPARE(run(QStringLiteral("unzip"), {QStringLiteral("-t"), file}).exitCode, 0);
    }

    void namesThatAreNotUtf8()
    {
        // A second version whose one file has a Latin-1 name: zip and tar keep the bytes, 7z
        // cannot; each says what it did.
        const QByteArray dir = QFile::encodeName(tmp(QStringLiteral("latin/l1")));
        QVERIFY(QDir().mkpath(QFile::decodeName(dir)));
        QVERIFY(writeFile(dir + "/caf\xe9.txt", "latin-1\n"));
        BackupParams p;
        p.repo = m_repo;
        p.rawPaths = {dir};
        p.set = QStringLiteral("latin");
        BackupJob backup(p);
        backup.runHere();
        QVERIFY(backup.result().status.ok());
        const QString id = backup.result().snapshot.id;

        const QString zipFile = m_work + QStringLiteral("/l.zip");
        const ExportResult z = exportTo(zipFile, ArchiveFormat::Zip, {}, id);
        QVERIFY(z.status.ok());
        QCOMPARE(z.warnings.size(), 1);
        const RunResult l = run(QStringLiteral("unzip"), {QStringLiteral("-Z1"), zipFile});
        QVERIFY2(l.out.contains("l1/caf\xe9.txt\n"), l.out.toHex().constData());
        QCOMPARE(run(QStringLiteral("unzip"), {QStringLiteral("-t"), zipFile}).exitCode, 0);

        const QString tarFile = m_work + QStringLiteral("/l.tar.gz");
        const ExportResult t = exportTo(tarFile, ArchiveFormat::TarGz, {}, id);
        QVERIFY(t.status.ok());
        QCOMPARE(t.warnings.size(), 1);
        QVERIFY2(t.warnings.first().contains(QStringLiteral("hdrcharset=BINARY")),
                 qPrintable(t.warnings.first()));
        const RunResult tl = run(QStringLiteral("bsdtar"), {QStringLiteral("-tf"), tarFile});
        QCOMPARE(tl.exitCode, 0);
        QVERIFY2(tl.out.contains("l1/caf\\351.txt\n"), tl.out.constData()); // bsdtar escapes the byte
        const QString xt = m_work + QStringLiteral("/xt");
        QVERIFY(QDir().mkpath(xt));
        QCOMPARE(run(QStringLiteral("bsdtar"), {QStringLiteral("-xf"), tarFile, QStringLiteral("-C"), xt})
                     .exitCode,
                 0);
        QCOMPARE(readFile(QFile::encodeName(xt) + "/l1/caf\xe9.txt"), QByteArray("latin-1\n"));

        // 7z names are UTF-16: the byte that is not UTF-8 becomes U+FFFD, and the warning says so.
        const QString sevenFile = m_work + QStringLiteral("/l.7z");
        const ExportResult z7 = exportTo(sevenFile, ArchiveFormat::SevenZip, {}, id);
        QVERIFY(z7.status.ok());
        QCOMPARE(z7.warnings.size(), 1);
        QVERIFY2(z7.warnings.first().contains(QStringLiteral("U+FFFD")), qPrintable(z7.warnings.first()));
        const RunResult sl = run(QStringLiteral("7z"), {QStringLiteral("l"), sevenFile});
        QVERIFY2(sl.out.contains("l1/caf\xef\xbf\xbd.txt"), sl.out.toHex().constData());
    }

    void commandLine()
    {
        const QProcessEnvironment env = cliEnvironment(m_work, QStringLiteral("pw"));
        const QString repo = tmp(QStringLiteral("repo"));
        const QString file = m_work + QStringLiteral("/cli.tar.xz");
        const RunResult ok =
            runCli({QStringLiteral("export"), QStringLiteral("--repo"), repo, m_snapshot.left(8), file,
                    QStringLiteral("--include"), QStringLiteral("tree/nested"), QStringLiteral("--json")},
                   env);
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.describe()));
        const QJsonObject result = jsonResult(ok.out);
        QCOMPARE(result.value(QStringLiteral("command")).toString(), QStringLiteral("export"));
        QCOMPARE(result.value(QStringLiteral("format")).toString(), QStringLiteral("tar.xz"));
        QCOMPARE(result.value(QStringLiteral("files")).toInt(), 1);
        QCOMPARE(run(QStringLiteral("bsdtar"), {QStringLiteral("-tf"), file}).exitCode, 0);

        const RunResult unknown = runCli({QStringLiteral("export"), QStringLiteral("--repo"), repo,
                                          QStringLiteral("latest"), m_work + QStringLiteral("/x.rar")},
                                         env);
        QCOMPARE(unknown.exitCode, 2);
        const RunResult missing = runCli({QStringLiteral("export"), QStringLiteral("--repo"), repo,
                                          QStringLiteral("deadbeef"), m_work + QStringLiteral("/x.zip")},
                                         env);
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(!QFile::exists(m_work + QStringLiteral("/x.zip")));
    }

    void unsafeNamesAreLeftOut()
    {
        // A crafted version (no file system makes these names) whose names would escape the
        // folder an archive is extracted into.
        Repository &r = *m_repo;
        auto node = [&](const QByteArray &name, NodeType type) {
            Node n;
            n.name = name;
            n.type = type;
            n.mode = type == NodeType::Directory ? 0755 : 0644;
            n.mtime = Timestamp::fromNs(kMtime);
            return n;
        };
        auto file = [&](const QByteArray &name, const QByteArray &content) {
            Node n = node(name, NodeType::File);
            n.size = quint64(content.size());
            const BlobId id = r.blobId(content);
            if (!r.saveBlob(BlobType::Data, id, content).ok())
                qFatal("cannot save a blob");
            n.content.push_back(id);
            return n;
        };
        auto dir = [&](const QByteArray &name, Tree tree) {
            tree.sort();
            auto id = r.saveTree(tree);
            if (!id.ok())
                qFatal("cannot save a tree");
            Node n = node(name, NodeType::Directory);
            n.subtree = *id;
            return n;
        };
        Tree inner;
        inner.nodes.push_back(file("pwned", "through a dot name\n"));
        Tree src;
        src.nodes.push_back(file("normal.txt", "normal\n"));
        src.nodes.push_back(file("../escape", "escaped\n"));
        src.nodes.push_back(file("a/b", "slash\n"));
        src.nodes.push_back(dir("..", inner));
        Tree top;
        top.nodes.push_back(dir("src", src));
        Tree root;
        root.nodes.push_back(dir("hostile", top));
        root.sort();
        auto rootId = r.saveTree(root);
        QVERIFY(rootId.ok());
        QVERIFY(r.flush().ok());
        Snapshot snap;
        snap.time = QDateTime::currentDateTimeUtc();
        snap.host = QStringLiteral("h");
        snap.user = QStringLiteral("u");
        snap.set = QStringLiteral("hostile");
        snap.paths = {QStringLiteral("/hostile/src")};
        snap.rawPaths = {"/hostile/src"};
        snap.tree = *rootId;
        QVERIFY(r.saveSnapshot(snap).ok());

        const QString zipFile = m_work + QStringLiteral("/h.zip");
        const ExportResult z = exportTo(zipFile, ArchiveFormat::Zip, {}, snap.id);
        QVERIFY2(z.status.ok(), qPrintable(z.status.ok() ? QString() : z.status.error().message));
        QCOMPARE(z.files, 1);
        QCOMPARE(z.warnings.size(), 3);
        const RunResult l = run(QStringLiteral("unzip"), {QStringLiteral("-Z1"), zipFile});
        QCOMPARE(QString::fromUtf8(l.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts),
                 QStringList({ascii("src/"), ascii("src/normal.txt")}));
        const QString tarFile = m_work + QStringLiteral("/h.tar.gz");
        const ExportResult t = exportTo(tarFile, ArchiveFormat::TarGz, {}, snap.id);
        QVERIFY(t.status.ok());
        QCOMPARE(t.warnings.size(), 3);
        const RunResult tl = run(QStringLiteral("bsdtar"), {QStringLiteral("-tf"), tarFile});
        QCOMPARE(QString::fromUtf8(tl.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts),
                 QStringList({ascii("src/"), ascii("src/normal.txt")}));
    }

    void cleanupTestCase() { removeTree(m_tmp.path()); }
};

QTEST_GUILESS_MAIN(TestArchive)
#include "tst_archive.moc"
