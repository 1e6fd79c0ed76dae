#include "storage/S3Backend.h"

#include "storage/Layout.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QUrl>
#include <QXmlStreamReader>

#include <openssl/evp.h>

#include <algorithm>
#include <utility>

namespace strata {

namespace {

// The payload hash S3 checks: the store refuses a body that changed on the way
// (XAmzContentSHA256Mismatch), which UNSIGNED-PAYLOAD would let through.
QByteArray sha256Hex(const char *data, qint64 size)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data ? data : "", std::size_t(size), digest, &length, EVP_sha256(), nullptr);
    return QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex();
}

// curl 7.88 signs the query string as it is given, without sorting or encoding it: the
// signature only matches when the query is already canonical (sorted by name, every name with
// a "=", values encoded the way SigV4 encodes them).
QByteArray canonicalQuery(QList<std::pair<QByteArray, QString>> params)
{
    std::sort(params.begin(), params.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QByteArray out;
    for (const auto &[name, value] : params) {
        if (!out.isEmpty())
            out.append('&');
        out.append(name).append('=').append(http::percentEncode(value, false));
    }
    return out;
}

// The text of the elements named `names` directly inside each `record` element of an S3 XML
// answer (ListBucketResult's Contents, ListMultipartUploadsResult's Upload), plus the
// top-level fields in `top`.
struct XmlRecords
{
    QList<QHash<QString, QString>> records;
    QHash<QString, QString> top;
    bool ok = false;
};

XmlRecords parseRecords(const QByteArray &body, const QString &record)
{
    XmlRecords out;
    QXmlStreamReader xml(body);
    if (!xml.readNextStartElement())
        return out;
    while (xml.readNextStartElement()) {
        if (xml.name() == record) {
            QHash<QString, QString> fields;
            while (xml.readNextStartElement())
                fields.insert(xml.name().toString(),
                              xml.readElementText(QXmlStreamReader::SkipChildElements));
            out.records.append(std::move(fields));
        } else {
            out.top.insert(xml.name().toString(), xml.readElementText(QXmlStreamReader::SkipChildElements));
        }
    }
    out.ok = !xml.hasError();
    return out;
}

// An INI file of the AWS tools: the keys of section `section`, in lower case.
QHash<QString, QString> iniSection(const QString &path, const QString &section)
{
    QHash<QString, QString> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    bool inSection = false;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';')))
            continue;
        if (line.startsWith(QLatin1Char('[')) && line.endsWith(QLatin1Char(']'))) {
            inSection = line.mid(1, line.size() - 2).trimmed() == section;
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (inSection && eq > 0)
            out.insert(line.left(eq).trimmed().toLower(), line.mid(eq + 1).trimmed());
    }
    return out;
}

QString envString(const char *name)
{
    return QString::fromLocal8Bit(qgetenv(name));
}

} // namespace

Result<S3Credentials> s3CredentialsFromEnvironment()
{
    S3Credentials out;
    const QString profile =
        qEnvironmentVariableIsEmpty("AWS_PROFILE") ? QStringLiteral("default") : envString("AWS_PROFILE");
    const QString home = QDir::homePath();
    const QString credentialsFile = qEnvironmentVariableIsEmpty("AWS_SHARED_CREDENTIALS_FILE")
                                        ? home + QStringLiteral("/.aws/credentials")
                                        : envString("AWS_SHARED_CREDENTIALS_FILE");
    const QString configFile = qEnvironmentVariableIsEmpty("AWS_CONFIG_FILE")
                                   ? home + QStringLiteral("/.aws/config")
                                   : envString("AWS_CONFIG_FILE");

    if (!qEnvironmentVariableIsEmpty("AWS_ACCESS_KEY_ID") &&
        !qEnvironmentVariableIsEmpty("AWS_SECRET_ACCESS_KEY")) {
        out.accessKey = envString("AWS_ACCESS_KEY_ID");
        out.secretKey = envString("AWS_SECRET_ACCESS_KEY");
        out.sessionToken = envString("AWS_SESSION_TOKEN");
    } else {
        const auto section = iniSection(credentialsFile, profile);
        out.accessKey = section.value(QStringLiteral("aws_access_key_id"));
        out.secretKey = section.value(QStringLiteral("aws_secret_access_key"));
        out.sessionToken = section.value(QStringLiteral("aws_session_token"));
        out.region = section.value(QStringLiteral("region"));
    }
    if (!qEnvironmentVariableIsEmpty("AWS_REGION"))
        out.region = envString("AWS_REGION");
    else if (!qEnvironmentVariableIsEmpty("AWS_DEFAULT_REGION"))
        out.region = envString("AWS_DEFAULT_REGION");
    else if (out.region.isEmpty()) // ~/.aws/config names its profiles "profile NAME", except default
        out.region =
            iniSection(configFile,
                       profile == QLatin1String("default") ? profile : QStringLiteral("profile ") + profile)
                .value(QStringLiteral("region"));

    if (out.accessKey.isEmpty() || out.secretKey.isEmpty())
        return Error::auth(
            QStringLiteral("no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or "
                           "add an access key to profile [%1] of %2")
                .arg(profile, credentialsFile));
    return out;
}

Result<std::unique_ptr<S3Backend>> S3Backend::open(const QString &url, S3Options options)
{
    QString spec = url;
    if (spec.startsWith(QLatin1String("s3:"), Qt::CaseInsensitive))
        spec = spec.mid(3);
    const QUrl u(spec, QUrl::StrictMode);
    const QString scheme = u.scheme().toLower();
    if (!u.isValid() || (scheme != QLatin1String("https") && scheme != QLatin1String("http")) ||
        u.host().isEmpty())
        return Error::invalid(
            QStringLiteral("not a valid S3 location: %1 (expected s3:https://HOST[:PORT]/BUCKET[/PREFIX])")
                .arg(url));
    if (!u.userInfo().isEmpty())
        return Error::invalid(QStringLiteral("an S3 location takes no user name or key in its URL: %1")
                                  .arg(u.toString(QUrl::RemoveUserInfo)));
    const QString path = u.path(QUrl::FullyDecoded);
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return Error::invalid(QStringLiteral("no bucket in the S3 location %1").arg(url));
    if (parts.contains(QLatin1String("..")) || parts.contains(QLatin1String(".")))
        return Error::invalid(
            QStringLiteral("the S3 location %1 has a \".\" or \"..\" in its path").arg(url));
    if (options.accessKey.isEmpty() || options.secretKey.isEmpty())
        return Error::auth(QStringLiteral("no S3 access key and secret key for %1").arg(url));
    if (options.partSize < (qint64(5) << 20))
        return Error::invalid(QStringLiteral("S3 parts must be at least 5 MiB"));

    QByteArray hostPort = QUrl::toAce(u.host());
    if (u.host().contains(QLatin1Char(':'))) // an IPv6 literal
        hostPort = '[' + u.host().toLatin1() + ']';
    if (u.port() > 0)
        hostPort += ':' + QByteArray::number(u.port());
    const QString bucket = parts.first();
    const QString prefix = parts.mid(1).join(QLatin1Char('/'));
    return std::unique_ptr<S3Backend>(
        new S3Backend(std::move(options), scheme.toLatin1(), hostPort, bucket, prefix));
}

S3Backend::S3Backend(S3Options options, QByteArray scheme, QByteArray hostPort, QString bucket,
                     QString prefix)
    : m_options(std::move(options)), m_scheme(std::move(scheme)), m_hostPort(std::move(hostPort)),
      m_bucket(std::move(bucket)), m_prefix(std::move(prefix))
{
    if (m_options.region.isEmpty())
        m_options.region = QStringLiteral("us-east-1");
    m_location = QStringLiteral("s3:%1://%2/%3")
                     .arg(QString::fromLatin1(m_scheme), QString::fromLatin1(m_hostPort), m_bucket);
    if (!m_prefix.isEmpty())
        m_location += QLatin1Char('/') + m_prefix;
    m_sigV4 = "aws:amz:" + m_options.region.toUtf8() + ":s3";
    m_userPassword = m_options.accessKey.toUtf8() + ':' + m_options.secretKey.toUtf8();
    m_client = std::make_unique<http::Client>(QString::fromLatin1(m_hostPort), m_options.http);
}

S3Backend::~S3Backend() = default;

QString S3Backend::keyOf(FileKind kind, const QString &name) const
{
    QString relative;
    if (kind == FileKind::Config)
        relative = QStringLiteral("config");
    else if (kind == FileKind::Pack)
        relative = QStringLiteral("data/") + name.left(2) + QLatin1Char('/') + name;
    else
        relative = subdirOf(kind) + QLatin1Char('/') + name;
    return m_prefix.isEmpty() ? relative : m_prefix + QLatin1Char('/') + relative;
}

QString S3Backend::what(const QString &verb, const QString &key) const
{
    return QStringLiteral("cannot %1 %2://%3/%4/%5")
        .arg(verb, QString::fromLatin1(m_scheme), QString::fromLatin1(m_hostPort), m_bucket, key);
}

http::Request S3Backend::request(const QByteArray &method, const QString &key, const QByteArray &query,
                                 const char *body, qint64 bodySize) const
{
    http::Request r;
    r.method = method;
    const QByteArray encodedKey = http::percentEncode(key, true);
    if (m_options.virtualHost)
        r.url = m_scheme + "://" + http::percentEncode(m_bucket, false) + '.' + m_hostPort + '/' + encodedKey;
    else
        r.url = m_scheme + "://" + m_hostPort + '/' + http::percentEncode(m_bucket, false) +
                (key.isEmpty() ? QByteArray() : '/' + encodedKey);
    if (!query.isEmpty())
        r.url += '?' + query;
    r.body = body;
    r.bodySize = bodySize;
    // Sent on every request, bodies or not: RADOS Gateway refuses a SigV4 signature without it.
    r.headers.append("x-amz-content-sha256: " + sha256Hex(body, bodySize));
    if (!m_options.sessionToken.isEmpty())
        r.headers.append("x-amz-security-token: " + m_options.sessionToken.toUtf8());
    r.awsSigV4 = m_sigV4;
    r.userPassword = m_userPassword;
    return r;
}

Result<bool> S3Backend::exists()
{
    const QString key = keyOf(FileKind::Config, {});
    auto response = m_client->perform(request("HEAD", key), {});
    STRATA_TRY(response);
    if (response->success())
        return true;
    if (response->status == 404)
        return false;
    return http::statusError(*response, what(QStringLiteral("check"), key), m_client->host());
}

Status S3Backend::create()
{
    auto bucket = m_client->perform(request("HEAD", {}), {});
    STRATA_TRY(bucket);
    if (bucket->status == 404) {
        if (!m_options.createBucket)
            return Error::notFound(QStringLiteral("bucket %1 does not exist at %2")
                                       .arg(m_bucket, QString::fromLatin1(m_hostPort)));
        // us-east-1 is the default location, which AWS refuses to be named explicitly.
        QByteArray config;
        if (m_options.region != QLatin1String("us-east-1"))
            config = "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                     "<LocationConstraint>" +
                     m_options.region.toHtmlEscaped().toUtf8() +
                     "</LocationConstraint></CreateBucketConfiguration>";
        auto made = m_client->perform(request("PUT", {}, {}, config.constData(), config.size()), {});
        STRATA_TRY(made);
        // Someone else may have made it meanwhile: "already owned by you" is what we wanted.
        if (!made->success() && http::xmlErrorCode(made->body) != QLatin1String("BucketAlreadyOwnedByYou"))
            return http::statusError(*made, QStringLiteral("cannot create bucket %1").arg(m_bucket),
                                     m_client->host());
    } else if (!bucket->success()) {
        return http::statusError(*bucket, QStringLiteral("cannot open bucket %1").arg(m_bucket),
                                 m_client->host());
    }
    auto found = exists();
    STRATA_TRY(found);
    if (*found)
        return Error::invalid(QStringLiteral("a repository already exists at %1").arg(m_location));
    return {};
}

Status S3Backend::doWrite(FileKind kind, const QString &name, const QByteArray &data,
                          const CancelToken &cancel)
{
    STRATA_TRY(checkName(kind, name));
    const QString key = keyOf(kind, name);
    if (data.size() >= m_options.multipartThreshold && data.size() > m_options.partSize)
        return putMultipart(key, data, cancel);
    auto response = m_client->perform(request("PUT", key, {}, data.constData(), data.size()), cancel);
    STRATA_TRY(response);
    if (!response->success())
        return http::statusError(*response, what(QStringLiteral("write"), key), m_client->host());
    return {};
}

Status S3Backend::putMultipart(const QString &key, const QByteArray &data, const CancelToken &cancel)
{
    const QString verb = QStringLiteral("write");
    auto started = m_client->perform(request("POST", key, "uploads="), cancel);
    STRATA_TRY(started);
    if (!started->success())
        return http::statusError(*started, what(verb, key), m_client->host());
    const QString uploadId = parseRecords(started->body, {}).top.value(QStringLiteral("UploadId"));
    if (uploadId.isEmpty())
        return Error::io(
            QStringLiteral("%1: %2 started no multipart upload").arg(what(verb, key), m_client->host()));

    // The parts stay on the server (and are billed) until completed or aborted: a failure
    // aborts, without the caller's token, which may be the reason for the failure.
    const auto abort = [&](Error error) -> Status {
        http::Request drop = request("DELETE", key, canonicalQuery({{"uploadId", uploadId}}));
        drop.timeoutMs = http::cleanupTimeoutMs(error);
        (void)m_client->perform(drop, {});
        return error;
    };
    QByteArray complete = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
    int part = 0;
    for (qint64 offset = 0; offset < data.size(); offset += m_options.partSize) {
        ++part;
        const qint64 n = std::min(m_options.partSize, data.size() - offset);
        const QByteArray query =
            canonicalQuery({{"partNumber", QString::number(part)}, {"uploadId", uploadId}});
        auto put = m_client->perform(request("PUT", key, query, data.constData() + offset, n), cancel);
        if (!put)
            return abort(put.error());
        if (!put->success())
            return abort(http::statusError(*put, what(verb, key), m_client->host()));
        const QByteArray etag = put->header("etag");
        if (etag.isEmpty())
            return abort(Error::io(QStringLiteral("%1: %2 gave part %3 no ETag")
                                       .arg(what(verb, key), m_client->host())
                                       .arg(part)));
        complete += "<Part><PartNumber>" + QByteArray::number(part) + "</PartNumber><ETag>" +
                    QString::fromUtf8(etag).toHtmlEscaped().toUtf8() + "</ETag></Part>";
    }
    complete += "</CompleteMultipartUpload>";
    auto done = m_client->perform(
        request("POST", key, canonicalQuery({{"uploadId", uploadId}}), complete.constData(), complete.size()),
        cancel);
    if (!done)
        return abort(done.error());
    // S3 may answer 200 and still fail, with an <Error> in the body (it sends the status before
    // it knows).
    if (!done->success() || !http::xmlErrorCode(done->body).isEmpty()) {
        http::Response failed = *done;
        if (failed.success())
            failed.status = 500;
        return abort(http::statusError(failed, what(verb, key), m_client->host()));
    }
    return {};
}

Result<QByteArray> S3Backend::doRead(FileKind kind, const QString &name, qint64 offset, qint64 length,
                                     const CancelToken &cancel)
{
    QByteArray out;
    STRATA_TRY(doReadInto(kind, name, offset, length, out, cancel));
    return out;
}

Status S3Backend::doReadInto(FileKind kind, const QString &name, qint64 offset, qint64 length,
                             QByteArray &out, const CancelToken &cancel)
{
    STRATA_TRY(checkName(kind, name));
    const QString key = keyOf(kind, name);
    return http::readRange(*m_client, request("GET", key), offset, length, out,
                           what(QStringLiteral("read"), key), cancel);
}

Status S3Backend::listKeys(const QString &prefix, bool direct, QList<FileInfo> &out,
                           const CancelToken &cancel)
{
    QString token;
    for (;;) {
        QList<std::pair<QByteArray, QString>> params{{"list-type", QStringLiteral("2")}, {"prefix", prefix}};
        if (direct)
            params.append({"delimiter", QStringLiteral("/")});
        if (!token.isEmpty())
            params.append({"continuation-token", token});
        auto response = m_client->perform(request("GET", {}, canonicalQuery(params)), cancel);
        STRATA_TRY(response);
        if (!response->success())
            return http::statusError(*response, what(QStringLiteral("list"), prefix), m_client->host());
        const XmlRecords page = parseRecords(response->body, QStringLiteral("Contents"));
        if (!page.ok)
            return Error::io(QStringLiteral("%1: %2 sent a listing that is not XML")
                                 .arg(what(QStringLiteral("list"), prefix), m_client->host()));
        for (const auto &entry : page.records) {
            const QString relative = entry.value(QStringLiteral("Key")).mid(prefix.size());
            // A pack's key is data/xx/NAME; other kinds have no folder below theirs (the
            // delimiter keeps deeper keys out). Names starting with a dot are nobody's files.
            const qsizetype slash = relative.indexOf(QLatin1Char('/'));
            QString name = relative;
            if (!direct) {
                if (slash != 2 || relative.indexOf(QLatin1Char('/'), slash + 1) >= 0)
                    continue;
                name = relative.mid(slash + 1);
            }
            if (name.isEmpty() || name.startsWith(QLatin1Char('.')))
                continue;
            out.append(FileInfo{name, entry.value(QStringLiteral("Size")).toLongLong()});
        }
        token = page.top.value(QStringLiteral("NextContinuationToken"));
        if (page.top.value(QStringLiteral("IsTruncated")) != QLatin1String("true") || token.isEmpty())
            return {};
        STRATA_TRY(cancel.check());
    }
}

Result<QList<FileInfo>> S3Backend::doList(FileKind kind, const CancelToken &cancel)
{
    QList<FileInfo> out;
    if (kind == FileKind::Config) {
        auto s = size(kind, {});
        if (s.ok())
            out.append(FileInfo{QStringLiteral("config"), *s});
        else if (s.error().code != ErrorCode::NotFound)
            return s.error();
        return out;
    }
    const QString base = m_prefix.isEmpty() ? QString() : m_prefix + QLatin1Char('/');
    STRATA_TRY(listKeys(base + subdirOf(kind) + QLatin1Char('/'), kind != FileKind::Pack, out, cancel));
    return out;
}

Status S3Backend::remove(FileKind kind, const QString &name)
{
    STRATA_TRY(checkName(kind, name));
    const QString key = keyOf(kind, name);
    auto response = m_client->perform(request("DELETE", key), {});
    STRATA_TRY(response);
    if (!response->success() && response->status != 404)
        return http::statusError(*response, what(QStringLiteral("delete"), key), m_client->host());
    return {};
}

Result<qint64> S3Backend::size(FileKind kind, const QString &name)
{
    STRATA_TRY(checkName(kind, name));
    const QString key = keyOf(kind, name);
    auto response = m_client->perform(request("HEAD", key), {});
    STRATA_TRY(response);
    if (!response->success())
        return http::statusError(*response, what(QStringLiteral("read"), key), m_client->host());
    bool ok = false;
    const qint64 length = response->header("content-length").toLongLong(&ok);
    if (!ok)
        return Error::io(
            QStringLiteral("%1: %2 gave no size").arg(what(QStringLiteral("read"), key), m_client->host()));
    return length;
}

Result<int> S3Backend::removeStaleTemporaries(int olderThanSeconds)
{
    const QString prefix = m_prefix.isEmpty() ? QString() : m_prefix + QLatin1Char('/');
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addSecs(-olderThanSeconds);
    int removed = 0;
    QString keyMarker;
    QString idMarker;
    for (;;) {
        QList<std::pair<QByteArray, QString>> params{{"uploads", {}}, {"prefix", prefix}};
        if (!keyMarker.isEmpty())
            params.append({"key-marker", keyMarker});
        if (!idMarker.isEmpty())
            params.append({"upload-id-marker", idMarker});
        auto response = m_client->perform(request("GET", {}, canonicalQuery(params)), {});
        STRATA_TRY(response);
        if (!response->success())
            return http::statusError(*response, what(QStringLiteral("list the uploads in"), prefix),
                                     m_client->host());
        const XmlRecords page = parseRecords(response->body, QStringLiteral("Upload"));
        for (const auto &upload : page.records) {
            const QDateTime started =
                QDateTime::fromString(upload.value(QStringLiteral("Initiated")), Qt::ISODateWithMs);
            if (!started.isValid() || started >= cutoff)
                continue;
            const QString key = upload.value(QStringLiteral("Key"));
            auto aborted = m_client->perform(
                request("DELETE", key,
                        canonicalQuery({{"uploadId", upload.value(QStringLiteral("UploadId"))}})),
                {});
            STRATA_TRY(aborted);
            if (aborted->success() || aborted->status == 404)
                ++removed;
        }
        keyMarker = page.top.value(QStringLiteral("NextKeyMarker"));
        idMarker = page.top.value(QStringLiteral("NextUploadIdMarker"));
        if (page.top.value(QStringLiteral("IsTruncated")) != QLatin1String("true") || keyMarker.isEmpty())
            return removed;
    }
}

} // namespace strata
