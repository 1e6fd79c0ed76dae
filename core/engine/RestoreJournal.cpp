#include "engine/RestoreJournal.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata {

namespace {
Q_LOGGING_CATEGORY(lcJournal, "strata.restore.journal")

const QByteArray kPrefix = QByteArrayLiteral(".strata-restore-");
constexpr int kRandomLetters = 12;
const char kLetters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

QByteArray randomLetters(int n)
{
    QByteArray out(n, Qt::Uninitialized);
    for (char &c : out)
        c = kLetters[QRandomGenerator::global()->bounded(int(sizeof kLetters - 1))];
    return out;
}

bool writeAll(int fd, const QByteArray &data)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

QByteArray readAll(int fd)
{
    QByteArray out;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return out;
        out.append(buf, n);
    }
}
} // namespace

RestoreJournal::RestoreJournal(QString dir) : m_dir(std::move(dir)) {}

RestoreJournal::~RestoreJournal()
{
    if (m_fd < 0)
        return;
    // Removed before its lock goes, so no other run reads it as ended in between.
    ::unlink(QFile::encodeName(m_path).constData());
    ::close(m_fd);
}

QString RestoreJournal::defaultDir()
{
    // One folder for the GUI and strata-cli, whatever their application names: either one
    // cleans up after the other.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/Strata/restore-journals");
}

bool RestoreJournal::isTemporaryName(const QByteArray &path)
{
    const QByteArray name = path.mid(path.lastIndexOf('/') + 1);
    if (name.size() != kPrefix.size() + kRandomLetters || !name.startsWith(kPrefix))
        return false;
    for (char c : name.mid(kPrefix.size()))
        if (!std::strchr(kLetters, c) || c == '\0')
            return false;
    return true;
}

bool RestoreJournal::open()
{
    if (m_fd >= 0)
        return true;
    if (m_failed || m_dir.isEmpty())
        return false;
    m_failed = true;
    if (!QDir().mkpath(m_dir)) {
        qCWarning(lcJournal) << "cannot create" << m_dir << "- temporaries of this restore are not journaled";
        return false;
    }
    // Made and locked under a name no cleanup reads, then given its name: a cleanup never
    // sees it unlocked.
    const QByteArray base = QFile::encodeName(m_dir) + '/' + randomLetters(16);
    const QByteArray making = base + ".making";
    const int fd = ::open(making.constData(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) {
        qCWarning(lcJournal) << "cannot create a journal in" << m_dir << ":" << std::strerror(errno);
        return false;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0 ||
        ::rename(making.constData(), QByteArray(base + ".journal").constData()) != 0) {
        qCWarning(lcJournal) << "cannot set up a journal in" << m_dir << ":" << std::strerror(errno);
        ::close(fd);
        ::unlink(making.constData());
        return false;
    }
    m_fd = fd;
    m_path = QFile::decodeName(base + ".journal");
    m_failed = false;
    return true;
}

QByteArray RestoreJournal::temporaryIn(const QByteArray &folder)
{
    QByteArray name = folder.isEmpty() ? QByteArrayLiteral(".") : folder;
    if (!name.endsWith('/'))
        name += '/';
    name += kPrefix + randomLetters(kRandomLetters);
    std::lock_guard guard(m_mutex);
    if (open() && !writeAll(m_fd, name + '\0'))
        qCWarning(lcJournal) << "cannot write to" << m_path << ":" << std::strerror(errno);
    return name;
}

RestoreJournal::Cleanup RestoreJournal::removeAbandoned(const QString &dir)
{
    Cleanup out;
    // A run killed while it set up its journal leaves it under its first name, naming nothing.
    for (const QString &name :
         QDir(dir).entryList({QStringLiteral("*.making")}, QDir::Files | QDir::Hidden)) {
        const QByteArray path = QFile::encodeName(dir + QLatin1Char('/') + name);
        const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0 && ::flock(fd, LOCK_EX | LOCK_NB) == 0)
            ::unlink(path.constData());
        if (fd >= 0)
            ::close(fd);
    }
    const QStringList names = QDir(dir).entryList({QStringLiteral("*.journal")}, QDir::Files | QDir::Hidden);
    for (const QString &name : names) {
        const QByteArray path = QFile::encodeName(dir + QLatin1Char('/') + name);
        const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue; // another cleanup took it
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            ::close(fd); // its run is alive
            continue;
        }
        struct stat st;
        if (::fstat(fd, &st) != 0 || st.st_nlink == 0) {
            ::close(fd); // removed while this one waited for it
            continue;
        }
        bool allGone = true;
        for (const QByteArray &temp : readAll(fd).split('\0')) {
            if (temp.isEmpty() || !isTemporaryName(temp))
                continue;
            struct stat t;
            if (::lstat(temp.constData(), &t) != 0)
                continue; // renamed into place or removed before the run ended
            if (!S_ISREG(t.st_mode) && !S_ISLNK(t.st_mode))
                continue;
            if (::unlink(temp.constData()) == 0 || errno == ENOENT) {
                out.removed++;
                continue;
            }
            allGone = false;
            out.problems << QStringLiteral("cannot remove %1, left by an interrupted restore: %2")
                                .arg(QFile::decodeName(temp), QString::fromLocal8Bit(std::strerror(errno)));
        }
        if (allGone) { // otherwise kept for a later try
            ::unlink(path.constData());
            out.journals++;
        }
        ::close(fd);
    }
    for (const QString &problem : out.problems)
        qCWarning(lcJournal).noquote() << problem;
    if (out.removed)
        qCInfo(lcJournal) << "removed" << out.removed << "temporary files that interrupted restores left ("
                          << out.journals << "journals)";
    return out;
}

} // namespace strata
