#include "TestUtil.h"

#include "repo/Repository.h"
#include "storage/LocalBackend.h"
#include "util/Timestamp.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <map>

namespace strata::test {

QString cliPath()
{
    return QStringLiteral(STRATA_CLI_DEFAULT);
}

// ---- running programs ---------------------------------------------------------------------------

QString RunResult::text() const
{
    return QString::fromUtf8(out) + QString::fromUtf8(err);
}

QString RunResult::describe() const
{
    QString what = timedOut  ? QStringLiteral("timed out")
                   : crashed ? QStringLiteral("crashed")
                             : QStringLiteral("exit %1").arg(exitCode);
    // NUL bytes shown visibly: messages go through C strings.
    const auto shown = [](const QByteArray &b) {
        return QString::fromUtf8(b.left(6000)).replace(QChar(0), QStringLiteral("\\0"));
    };
    return QStringLiteral("%1\n--- stdout:\n%2\n--- stderr:\n%3").arg(what, shown(out), shown(err));
}

QProcessEnvironment cliEnvironment(const QString &home, const QString &password)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("TZ"), QStringLiteral("UTC"));
    env.insert(QStringLiteral("STRATA_TEST"), QStringLiteral("1"));
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/.cache"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home + QStringLiteral("/.run"));
    if (!password.isNull())
        env.insert(QStringLiteral("STRATA_PASSWORD"), password);
    // A sanitizer build's settings and suppressions reach the programs the tests start.
    const QProcessEnvironment own = QProcessEnvironment::systemEnvironment();
    for (const QString &name : own.keys())
        if (name.endsWith(QLatin1String("SAN_OPTIONS")) || name.endsWith(QLatin1String("SYMBOLIZER_PATH")))
            env.insert(name, own.value(name));
    return env;
}

RunResult runProgram(const QString &program, const QStringList &args, const QProcessEnvironment &env,
                     const QByteArray &stdinData, int timeoutMs, const QString &workingDir)
{
    RunResult r;
    QProcess p;
    p.setProcessEnvironment(env);
    if (!workingDir.isEmpty())
        p.setWorkingDirectory(workingDir);
    QElapsedTimer timer;
    timer.start();
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        r.err = "could not start " + program.toUtf8() + ": " + p.errorString().toUtf8();
        return r;
    }
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        r.timedOut = true;
        p.kill();
        p.waitForFinished(5000);
    }
    r.elapsedMs = timer.elapsed();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.crashed = !r.timedOut && p.exitStatus() == QProcess::CrashExit;
    r.exitCode = (r.timedOut || r.crashed) ? -1 : p.exitCode();
    return r;
}

RunResult runCli(const QStringList &args, const QProcessEnvironment &env, const QByteArray &stdinData,
                 int timeoutMs)
{
    return runProgram(cliPath(), args, env, stdinData, timeoutMs);
}

std::unique_ptr<QProcess> startCli(const QStringList &args, const QProcessEnvironment &env)
{
    auto p = std::make_unique<QProcess>();
    p->setProcessEnvironment(env);
    p->start(cliPath(), args);
    p->closeWriteChannel();
    return p;
}

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> result;
    auto take = [&result](const QJsonDocument &doc) {
        if (doc.isObject())
            result.append(doc.object());
        for (const QJsonValue &v : doc.array())
            if (v.isObject())
                result.append(v.toObject());
    };
    // One document (an array of versions, perhaps indented) or JSON lines.
    const QJsonDocument whole = QJsonDocument::fromJson(out.trimmed());
    if (!whole.isNull()) {
        take(whole);
        return result;
    }
    for (const QByteArray &line : out.split('\n')) {
        const QByteArray t = line.trimmed();
        if (t.startsWith('{') || t.startsWith('['))
            take(QJsonDocument::fromJson(t));
    }
    return result;
}

QJsonObject jsonResult(const QByteArray &out)
{
    const QList<QJsonObject> lines = jsonLines(out);
    for (auto it = lines.rbegin(); it != lines.rend(); ++it)
        if (it->value(QStringLiteral("type")).toString() == QStringLiteral("result"))
            return *it;
    return {};
}

static void collectWithKey(const QJsonValue &v, const QString &key, QList<QJsonObject> &found)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (o.contains(key))
            found.append(o);
        for (auto it = o.begin(); it != o.end(); ++it)
            collectWithKey(it.value(), key, found);
    } else if (v.isArray()) {
        for (const QJsonValue &e : v.toArray())
            collectWithKey(e, key, found);
    }
}

QList<QJsonObject> jsonObjectsWithKey(const QByteArray &out, const QString &key)
{
    QList<QJsonObject> found;
    for (const QJsonObject &o : jsonLines(out))
        collectWithKey(o, key, found);
    return found;
}

QString backupSnapshotId(const QByteArray &out)
{
    const QJsonObject result = jsonResult(out);
    const QJsonValue v = result.value(QStringLiteral("snapshot"));
    if (v.isString())
        return v.toString();
    if (v.isObject())
        return v.toObject().value(QStringLiteral("id")).toString();
    return result.value(QStringLiteral("id")).toString();
}

// ---- building trees ---------------------------------------------------------------------------

namespace {

quint64 splitmix64(quint64 &state)
{
    quint64 z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

bool writeAll(int fd, const char *data, qint64 size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += n;
        size -= n;
    }
    return true;
}

QByteArray join(const QByteArray &a, const QByteArray &b)
{
    return a + '/' + b;
}

} // namespace

QByteArray pseudoRandomBytes(qint64 size, quint64 seed)
{
    QByteArray data(size, Qt::Uninitialized);
    quint64 state = seed;
    qint64 i = 0;
    for (; i + 8 <= size; i += 8) {
        const quint64 v = splitmix64(state);
        std::memcpy(data.data() + i, &v, 8);
    }
    if (i < size) {
        const quint64 v = splitmix64(state);
        std::memcpy(data.data() + i, &v, size_t(size - i));
    }
    return data;
}

bool writeRandomFile(const QByteArray &path, qint64 size, quint64 seed)
{
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    constexpr qint64 piece = 4 << 20;
    quint64 state = seed;
    QByteArray buf(piece, Qt::Uninitialized);
    bool ok = true;
    for (qint64 done = 0; done < size && ok; done += piece) {
        const qint64 n = std::min(piece, size - done);
        for (qint64 i = 0; i < n; i += 8) {
            const quint64 v = splitmix64(state);
            std::memcpy(buf.data() + i, &v, size_t(std::min<qint64>(8, n - i)));
        }
        ok = writeAll(fd, buf.constData(), n);
    }
    return ::close(fd) == 0 && ok;
}

bool writeFile(const QByteArray &path, const QByteArray &content, int mode)
{
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0)
        return false;
    const bool ok = writeAll(fd, content.constData(), content.size());
    ::fchmod(fd, mode_t(mode));
    return ::close(fd) == 0 && ok;
}

QByteArray readFile(const QByteArray &path, bool *ok)
{
    QByteArray data;
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (ok)
        *ok = fd >= 0;
    if (fd < 0)
        return data;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && ok)
            *ok = false;
        if (n <= 0)
            break;
        data.append(buf, n);
    }
    ::close(fd);
    return data;
}

bool overwriteAt(const QByteArray &path, qint64 offset, const QByteArray &bytes)
{
    const int fd = ::open(path.constData(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::pwrite(fd, bytes.constData(), size_t(bytes.size()), offset) == bytes.size();
    return ::close(fd) == 0 && ok;
}

int openFileDescriptors()
{
    // Files and folders only: a sanitizer opens pipes to its symbolizer whenever it reads a
    // stack, and nothing the tests measure opens a pipe or a socket.
    int count = 0;
    const QDir fds(QStringLiteral("/proc/self/fd"));
    for (const QString &name : fds.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)) {
        struct stat st;
        if (::fstat(name.toInt(), &st) == 0 && !S_ISFIFO(st.st_mode) && !S_ISSOCK(st.st_mode))
            count++;
    }
    return count;
}

bool setMtimeNs(const QByteArray &path, qint64 ns)
{
    timespec ts[2];
    ts[0].tv_sec = ts[1].tv_sec = time_t(ns / 1000000000);
    ts[0].tv_nsec = ts[1].tv_nsec = long(ns % 1000000000);
    return ::utimensat(AT_FDCWD, path.constData(), ts, AT_SYMLINK_NOFOLLOW) == 0;
}

FidelityTree makeFidelityTree(const QByteArray &root, QString *error, quint64 seed)
{
    FidelityTree t;
    auto fail = [&](const QString &what) {
        if (error)
            *error = what + QStringLiteral(": ") + QString::fromLocal8Bit(strerror(errno));
        return FidelityTree{};
    };
    auto p = [&](const char *rel) { return join(root, rel); };

    if (::mkdir(root.constData(), 0755) != 0)
        return fail(QStringLiteral("mkdir root"));
    for (const char *d : {"nested", "nested/a", "nested/a/b", "nested/a/b/c", "private", "empty-dir"})
        if (::mkdir(p(d).constData(), 0755) != 0)
            return fail(QStringLiteral("mkdir %1").arg(QLatin1String(d)));

    // Regular files of several shapes.
    struct Plain
    {
        const char *name;
        QByteArray content;
        int mode;
    };
    QByteArray text;
    for (int i = 0; i < 40000; ++i)
        text += "line " + QByteArray::number(i) + " of a very compressible log file, more or less the same\n";
    const QList<Plain> plain = {
        {"empty.txt", QByteArray(), 0644},
        {"small.txt", QByteArray("hello, strata\n"), 0644},
        {"text.log", text, 0644},
        {"nested/a/b/c/deep.txt", QByteArray("deep inside\n"), 0644},
        {"nested/notes.md", QByteArray("# notes\nsome notes\n"), 0644},
        {"private/secret.txt", QByteArray("only for me\n"), 0600},
        {"script.sh", QByteArray("#!/bin/sh\necho hi\n"), 0755},
        {"readonly.txt", QByteArray("do not touch\n"), 0444},
        {"hard1", QByteArray("one inode, two names\n"), 0640},
    };
    for (const Plain &f : plain) {
        if (!writeFile(p(f.name), f.content, f.mode))
            return fail(QStringLiteral("write %1").arg(QLatin1String(f.name)));
        t.regularFiles.append(f.name);
    }
    if (!writeRandomFile(p("random5m.bin"), 5 << 20, seed))
        return fail(QStringLiteral("write random5m.bin"));
    t.regularFiles.append("random5m.bin");

    // Names that are not UTF-8 and that hold a newline.
    const QByteArray latin1Name("caf\xe9");
    if (!writeFile(join(root, latin1Name), QByteArray("latin-1 name\n")))
        return fail(QStringLiteral("write non-UTF-8 name"));
    t.regularFiles.append(latin1Name);
    const QByteArray newlineName("new\nline.txt");
    if (!writeFile(join(root, newlineName), QByteArray("newline in the name\n")))
        return fail(QStringLiteral("write newline name"));
    t.regularFiles.append(newlineName);

    // Hard link pair across folders.
    if (::link(p("hard1").constData(), p("nested/hard2").constData()) != 0)
        return fail(QStringLiteral("link"));

    // Symlinks: relative, dangling.
    if (::symlink("nested/a/b/c/deep.txt", p("link-relative").constData()) != 0)
        return fail(QStringLiteral("symlink relative"));
    if (::symlink("../no/such/target", p("nested/link-dangling").constData()) != 0)
        return fail(QStringLiteral("symlink dangling"));

    // Sparse: 64 MiB with data at the start, the middle and the end.
    t.sparseFile = "sparse.img";
    t.sparseSize = qint64(64) << 20;
    {
        const int fd = ::open(p("sparse.img").constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0 || ::ftruncate(fd, t.sparseSize) != 0)
            return fail(QStringLiteral("sparse"));
        const QByteArray block = pseudoRandomBytes(4096, seed + 7);
        for (qint64 off : {qint64(0), t.sparseSize / 2, t.sparseSize - 4096})
            if (::pwrite(fd, block.constData(), size_t(block.size()), off) != block.size())
                return fail(QStringLiteral("sparse pwrite"));
        ::close(fd);
    }
    t.regularFiles.append(t.sparseFile);

    if (::chmod(p("private").constData(), 0700) != 0 || ::chmod(p("readonly.txt").constData(), 0444) != 0 ||
        ::chmod(p("script.sh").constData(), 0755) != 0)
        return fail(QStringLiteral("chmod"));

    // mtimes with nanoseconds, children before their folders.
    qint64 ns = 1600000000LL * 1000000000LL + 123456789;
    const QByteArrayList all = listTree(root);
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        ns += 1000000007LL; // distinct seconds and nanoseconds for each entry
        if (!setMtimeNs(join(root, *it), ns))
            return fail(QStringLiteral("utimensat %1").arg(printable(*it)));
    }
    if (!setMtimeNs(root, ns + 999))
        return fail(QStringLiteral("utimensat root"));
    t.root = root;
    return t;
}

bool copyTree(const QByteArray &from, const QByteArray &to, QString *error)
{
    const RunResult r = runProgram(QStringLiteral("cp"),
                                   {QStringLiteral("-a"), QFile::decodeName(from), QFile::decodeName(to)},
                                   QProcessEnvironment::systemEnvironment(), {}, 120000);
    if (r.exitCode != 0 && error)
        *error = QStringLiteral("cp -a failed: ") + r.describe();
    return r.exitCode == 0;
}

bool removeTree(const QString &path)
{
    if (path.isEmpty())
        return false;
    const RunResult r = runProgram(QStringLiteral("rm"), {QStringLiteral("-rf"), QStringLiteral("--"), path},
                                   QProcessEnvironment::systemEnvironment(), {}, 120000);
    return r.exitCode == 0;
}

// ---- comparing trees --------------------------------------------------------------------------

namespace {

void walk(const QByteArray &root, const QByteArray &rel, std::map<QByteArray, TreeEntry> &out)
{
    const QByteArray dirPath = rel.isEmpty() ? root : join(root, rel);
    DIR *dir = ::opendir(dirPath.constData());
    if (!dir)
        return;
    QByteArrayList names;
    while (const dirent *e = ::readdir(dir)) {
        const QByteArray name(e->d_name);
        if (name == "." || name == "..")
            continue;
        names.append(name);
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    for (const QByteArray &name : names) {
        const QByteArray r = rel.isEmpty() ? name : join(rel, name);
        const QByteArray full = join(root, r);
        TreeEntry entry;
        if (::lstat(full.constData(), &entry.st) != 0)
            continue;
        if (S_ISLNK(entry.st.st_mode)) {
            char buf[4096];
            const ssize_t n = ::readlink(full.constData(), buf, sizeof buf);
            if (n >= 0)
                entry.linkTarget = QByteArray(buf, int(n));
        }
        out[r] = entry;
        if (S_ISDIR(entry.st.st_mode))
            walk(root, r, out);
    }
}

// Exact at any range: 2400 does not fit a 64-bit count of nanoseconds.
QString mtimeNs(const struct stat &st)
{
    return Timestamp::fromTimespec(st.st_mtim).nsText();
}

QString typeName(mode_t m)
{
    if (S_ISREG(m))
        return QStringLiteral("file");
    if (S_ISDIR(m))
        return QStringLiteral("dir");
    if (S_ISLNK(m))
        return QStringLiteral("symlink");
    if (S_ISFIFO(m))
        return QStringLiteral("fifo");
    return QStringLiteral("special");
}

bool isUtf8(const QByteArray &b)
{
    return QString::fromUtf8(b).toUtf8() == b;
}

// Hard-link structure: for each file with several links, the set of its names in the tree.
std::map<QByteArray, QByteArrayList> linkGroups(const std::map<QByteArray, TreeEntry> &entries)
{
    std::map<std::pair<dev_t, ino_t>, QByteArrayList> byInode;
    for (const auto &[rel, e] : entries)
        if (S_ISREG(e.st.st_mode) && e.st.st_nlink > 1)
            byInode[{e.st.st_dev, e.st.st_ino}].append(rel);
    std::map<QByteArray, QByteArrayList> groups;
    for (auto &[key, names] : byInode) {
        std::sort(names.begin(), names.end());
        for (const QByteArray &n : names)
            groups[n] = names;
    }
    return groups;
}

} // namespace

QStringList compareTrees(const QByteArray &a, const QByteArray &b, const CompareOptions &options)
{
    QStringList diffs;
    struct stat sa, sb;
    if (::lstat(a.constData(), &sa) != 0)
        return {QStringLiteral("missing root %1").arg(printable(a))};
    if (::lstat(b.constData(), &sb) != 0)
        return {QStringLiteral("missing root %1").arg(printable(b))};
    if (options.compareRootMetadata) {
        if ((sa.st_mode & 07777) != (sb.st_mode & 07777))
            diffs << QStringLiteral("root: mode %1 vs %2")
                         .arg(sa.st_mode & 07777, 0, 8)
                         .arg(sb.st_mode & 07777, 0, 8);
        if (options.compareDirMtimes && mtimeNs(sa) != mtimeNs(sb))
            diffs << QStringLiteral("root: mtime %1 vs %2").arg(mtimeNs(sa), mtimeNs(sb));
    }

    std::map<QByteArray, TreeEntry> ea, eb;
    walk(a, {}, ea);
    walk(b, {}, eb);
    for (const auto &[rel, x] : ea)
        if (!eb.count(rel))
            diffs << QStringLiteral("only in A: %1").arg(printable(rel));
    for (const auto &[rel, y] : eb)
        if (!ea.count(rel))
            diffs << QStringLiteral("only in B: %1").arg(printable(rel));

    for (const auto &[rel, x] : ea) {
        const auto it = eb.find(rel);
        if (it == eb.end())
            continue;
        const TreeEntry &y = it->second;
        const QString name = printable(rel);
        if ((x.st.st_mode & S_IFMT) != (y.st.st_mode & S_IFMT)) {
            diffs << QStringLiteral("%1: type %2 vs %3")
                         .arg(name, typeName(x.st.st_mode), typeName(y.st.st_mode));
            continue;
        }
        const bool isLink = S_ISLNK(x.st.st_mode), isDir = S_ISDIR(x.st.st_mode),
                   isReg = S_ISREG(x.st.st_mode);
        if (!isLink && (x.st.st_mode & 07777) != (y.st.st_mode & 07777))
            diffs << QStringLiteral("%1: mode %2 vs %3")
                         .arg(name)
                         .arg(x.st.st_mode & 07777, 0, 8)
                         .arg(y.st.st_mode & 07777, 0, 8);
        if (!isDir && x.st.st_size != y.st.st_size)
            diffs << QStringLiteral("%1: size %2 vs %3").arg(name).arg(x.st.st_size).arg(y.st.st_size);
        if ((!isDir || options.compareDirMtimes) && mtimeNs(x.st) != mtimeNs(y.st))
            diffs << QStringLiteral("%1: mtime %2 vs %3").arg(name, mtimeNs(x.st), mtimeNs(y.st));
        if (isLink && x.linkTarget != y.linkTarget)
            diffs << QStringLiteral("%1: symlink target %2 vs %3")
                         .arg(name, printable(x.linkTarget), printable(y.linkTarget));
        if (isReg && options.runCmp && x.st.st_size == y.st.st_size) {
            const QByteArray pa = join(a, rel), pb = join(b, rel);
            if (isUtf8(pa) && isUtf8(pb) && !rel.contains('\n')) {
                const RunResult r =
                    runProgram(QStringLiteral("cmp"),
                               {QStringLiteral("-s"), QString::fromUtf8(pa), QString::fromUtf8(pb)},
                               QProcessEnvironment::systemEnvironment(), {}, 60000);
                if (r.exitCode != 0)
                    diffs << QStringLiteral("%1: content differs (cmp exit %2)").arg(name).arg(r.exitCode);
            } else if (readFile(pa) != readFile(pb)) {
                diffs << QStringLiteral("%1: content differs").arg(name);
            }
        }
    }

    const auto ga = linkGroups(ea), gb = linkGroups(eb);
    for (const auto &[rel, names] : ga) {
        const auto it = gb.find(rel);
        if (it == gb.end() || it->second != names)
            diffs << QStringLiteral("%1: hard links %2 vs %3")
                         .arg(printable(rel), printable(names.join(' ')),
                              it == gb.end() ? QStringLiteral("(none)") : printable(it->second.join(' ')));
    }
    for (const auto &[rel, names] : gb)
        if (!ga.count(rel))
            diffs << QStringLiteral("%1: hard links only in B: %2")
                         .arg(printable(rel), printable(names.join(' ')));

    if (options.runDiff) {
        const RunResult r = runProgram(QStringLiteral("diff"),
                                       {QStringLiteral("-r"), QStringLiteral("--no-dereference"),
                                        QFile::decodeName(a), QFile::decodeName(b)},
                                       QProcessEnvironment::systemEnvironment(), {}, 120000);
        if (r.exitCode != 0)
            diffs << QStringLiteral("diff -r --no-dereference: exit %1: %2")
                         .arg(r.exitCode)
                         .arg(QString::fromUtf8(QByteArray(r.out + r.err).left(2000)));
    }
    return diffs;
}

qint64 allocatedBlocks(const QByteArray &path)
{
    const RunResult r = runProgram(QStringLiteral("stat"),
                                   {QStringLiteral("-c"), QStringLiteral("%b"), QFile::decodeName(path)},
                                   QProcessEnvironment::systemEnvironment(), {}, 10000);
    bool ok = false;
    const qint64 blocks = r.out.trimmed().toLongLong(&ok);
    return (r.exitCode == 0 && ok) ? blocks : -1;
}

std::map<QByteArray, TreeEntry> statTree(const QByteArray &root)
{
    std::map<QByteArray, TreeEntry> entries;
    walk(root, {}, entries);
    return entries;
}

QByteArrayList listTree(const QByteArray &root)
{
    QByteArrayList names;
    for (const auto &[rel, e] : statTree(root))
        names.append(rel);
    return names;
}

qint64 treeBytes(const QString &root)
{
    qint64 total = 0;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

QStringList treeFiles(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(root).relativeFilePath(it.next()));
    files.sort();
    return files;
}

QString printable(const QByteArray &name)
{
    QString s;
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7f && u != '\\')
            s += QLatin1Char(c);
        else
            s += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
    }
    return s;
}

bool isRoot()
{
    return ::geteuid() == 0;
}

QStringList leftoverTemporaries(const QString &root)
{
    QStringList out;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (it.fileName().startsWith(QLatin1String(".strata-")))
            out << path;
    }
    return out;
}

bool initSmallRepository(const QString &repo, const QString &password, QString *error)
{
    Repository::InitOptions options;
    options.kdf = KdfParams{1, 8u << 20};
    options.config.chunkMin = 16 << 10;
    options.config.chunkAvg = 64 << 10;
    options.config.chunkMax = 256 << 10;
    options.config.packSize = 1 << 20;
    auto repository = Repository::init(std::make_unique<LocalBackend>(repo), password, options);
    if (!repository && error)
        *error = repository.error().message;
    return repository.ok();
}

} // namespace strata::test
