#include "storage/Backend.h"

#include "storage/LocalBackend.h"
#include "storage/RetryingBackend.h"
#include "storage/S3Backend.h"
#include "storage/SftpBackend.h"
#include "storage/WebDavBackend.h"

#include <QDir>
#include <QUrl>

namespace strata {

namespace {

// A remote backend's transient failures (a dropped connection, a stall) are retried by one
// wrapper for all of them; a local folder has none worth retrying.
std::unique_ptr<Backend> retrying(std::unique_ptr<Backend> remote)
{
    return std::make_unique<RetryingBackend>(std::move(remote));
}

} // namespace

Result<std::unique_ptr<Backend>> openBackend(const QString &url)
{
    // Not trimmed: a path may legitimately start or end with a space.
    const QString &spec = url;
    if (spec.isEmpty())
        return Error::invalid(QStringLiteral("no repository location given"));

    QString path;
    if (spec.startsWith(QLatin1String("file://"), Qt::CaseInsensitive)) {
        const QUrl u(spec);
        if (!u.isValid() || !u.isLocalFile() || u.toLocalFile().isEmpty())
            return Error::invalid(QStringLiteral("not a valid file URL: %1").arg(spec));
        path = u.toLocalFile();
    } else if (spec.startsWith(QLatin1String("s3:"), Qt::CaseInsensitive)) {
        // Only the endpoint form: s3://BUCKET (AWS's own naming) would need the region's
        // endpoint looked up, which nothing does yet.
        if (!spec.startsWith(QLatin1String("s3:http://"), Qt::CaseInsensitive) &&
            !spec.startsWith(QLatin1String("s3:https://"), Qt::CaseInsensitive))
            return Error{
                ErrorCode::Unsupported,
                QStringLiteral("s3 locations name their endpoint: s3:https://HOST[:PORT]/BUCKET[/PREFIX] "
                               "(s3://BUCKET is not supported yet)")};
        auto credentials = s3CredentialsFromEnvironment();
        STRATA_TRY(credentials);
        S3Options options;
        options.accessKey = credentials->accessKey;
        options.secretKey = credentials->secretKey;
        options.sessionToken = credentials->sessionToken;
        options.region = credentials->region;
        auto s3 = S3Backend::open(spec, std::move(options));
        STRATA_TRY(s3);
        return retrying(std::move(*s3));
    } else if (spec.startsWith(QLatin1String("webdav:"), Qt::CaseInsensitive)) {
        if (!spec.startsWith(QLatin1String("webdav:http://"), Qt::CaseInsensitive) &&
            !spec.startsWith(QLatin1String("webdav:https://"), Qt::CaseInsensitive))
            return Error{ErrorCode::Unsupported,
                         QStringLiteral("webdav locations are webdav:https://HOST[:PORT]/PATH")};
        auto dav = WebDavBackend::open(spec, webDavOptionsFromEnvironment());
        STRATA_TRY(dav);
        return retrying(std::move(*dav));
    } else if (spec.startsWith(QLatin1String("sftp://"), Qt::CaseInsensitive)) {
        // Keys, agent and known_hosts as ssh would use them; ?identity= and ?known_hosts= in
        // the URL for others.
        auto sftp = SftpBackend::open(spec);
        STRATA_TRY(sftp);
        return retrying(std::move(*sftp));
    } else if (const qsizetype sep = spec.indexOf(QLatin1String("://")); sep > 0) {
        return Error{ErrorCode::Unsupported,
                     QStringLiteral("no backend for scheme %1 yet").arg(spec.left(sep).toLower())};
    } else {
        path = spec;
    }
    // Relative paths are resolved once, here: a later chdir must not move the repository.
    path = QDir::cleanPath(QDir::current().absoluteFilePath(path));
    return std::unique_ptr<Backend>(std::make_unique<LocalBackend>(path));
}

} // namespace strata
