#include "secrets/PasswordFile.h"

#include "util/Posix.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QStringDecoder>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata {

namespace {

// A password, not a document: anything bigger is the wrong file.
constexpr qint64 MaxFileBytes = 64 * 1024;

using posix::openRetry;

// Creates the missing folders above `path` top-down, each with mode 0700: the folder that
// holds password files must not even list them to others.
Status makePrivateParents(const QString &path)
{
    QStringList missing;
    for (QString dir = QFileInfo(path).absolutePath(); !QFileInfo::exists(dir);
         dir = QFileInfo(dir).absolutePath()) {
        missing.prepend(dir);
        if (QDir(dir).isRoot())
            break;
    }
    for (const QString &dir : std::as_const(missing)) {
        if (::mkdir(QFile::encodeName(dir).constData(), 0700) != 0 && errno != EEXIST)
            return errnoError(QStringLiteral("cannot create folder %1").arg(dir), errno);
    }
    return {};
}

Status writeAll(int fd, const QByteArray &data, const QString &path)
{
    qint64 done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errnoError(QStringLiteral("cannot write %1").arg(path), errno);
        done += n;
    }
    return {};
}

void syncFolder(const QString &dir)
{
    const int fd = openRetry(QFile::encodeName(dir), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        // Best effort: some file systems cannot sync a folder, and the rename is done already.
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

QString PasswordFile::defaultPath(const QString &setId)
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/passwords/") + setId;
}

Status PasswordFile::write(const QString &path, const QString &password)
{
    if (password.isEmpty())
        return Error::invalid(QStringLiteral("an empty password cannot be stored in a file"));
    if (path.isEmpty())
        return Error::invalid(QStringLiteral("no password file was given"));
    const QString absolute = QFileInfo(path).absoluteFilePath();
    STRATA_TRY(makePrivateParents(absolute));

    // mkstemp creates the temporary file with mode 0600, so the password is never readable
    // by others, not even between creating and renaming.
    const QString folder = QFileInfo(absolute).absolutePath();
    QByteArray tmpl = QFile::encodeName(folder + QStringLiteral("/.") + QFileInfo(absolute).fileName() +
                                        QStringLiteral(".XXXXXX"));
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        return errnoError(QStringLiteral("cannot create a file in %1").arg(folder), errno);
    auto fail = [&](Error e) {
        ::close(fd);
        ::unlink(tmpl.constData());
        return e;
    };
    if (::fchmod(fd, 0600) != 0)
        return fail(errnoError(QStringLiteral("cannot restrict the rights of %1").arg(path), errno));
    if (Status s = writeAll(fd, password.toUtf8(), path); !s)
        return fail(s.error());
    if (::fsync(fd) != 0)
        return fail(errnoError(QStringLiteral("cannot write %1").arg(path), errno));
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmpl.constData());
        return errnoError(QStringLiteral("cannot write %1").arg(path), err);
    }
    if (::rename(tmpl.constData(), QFile::encodeName(absolute).constData()) != 0) {
        const int err = errno;
        ::unlink(tmpl.constData());
        return errnoError(QStringLiteral("cannot replace %1").arg(path), err);
    }
    syncFolder(folder);
    return {};
}

Result<QString> PasswordFile::read(const QString &path)
{
    const int fd = openRetry(QFile::encodeName(path), O_RDONLY | O_NOCTTY);
    if (fd < 0) {
        if (errno == ENOENT)
            return Error::notFound(QStringLiteral("the password file %1 does not exist").arg(path));
        return errnoError(QStringLiteral("cannot open the password file %1").arg(path), errno);
    }
    struct Closer
    {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};

    struct stat st
    {};
    if (::fstat(fd, &st) != 0)
        return errnoError(QStringLiteral("cannot read the password file %1").arg(path), errno);
    if (!S_ISREG(st.st_mode))
        return Error::io(QStringLiteral("the password file %1 is not a regular file").arg(path));
    if (st.st_uid != ::geteuid())
        return Error::io(QStringLiteral("the password file %1 belongs to another user; only a file of "
                                        "your own is trusted")
                             .arg(path));
    if ((st.st_mode & 077) != 0)
        return Error::io(QStringLiteral("the password file %1 can be read or changed by other users "
                                        "(mode %2); make it private with: chmod 600 '%1'")
                             .arg(path, QString::number(st.st_mode & 0777, 8).rightJustified(4, u'0')));
    if (st.st_size > MaxFileBytes)
        return Error::invalid(
            QStringLiteral("the password file %1 is too large to hold a password").arg(path));

    QByteArray data(qsizetype(st.st_size), Qt::Uninitialized);
    qint64 done = 0;
    while (done < data.size()) {
        const ssize_t n = ::read(fd, data.data() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errnoError(QStringLiteral("cannot read the password file %1").arg(path), errno);
        if (n == 0)
            break;
        done += n;
    }
    data.truncate(done);
    if (data.endsWith('\n'))
        data.chop(data.endsWith("\r\n") ? 2 : 1);

    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString password = decoder.decode(data);
    if (decoder.hasError())
        return Error::invalid(QStringLiteral("the password file %1 is not UTF-8 text").arg(path));
    if (password.isEmpty())
        return Error::invalid(QStringLiteral("the password file %1 is empty").arg(path));
    return password;
}

} // namespace strata
