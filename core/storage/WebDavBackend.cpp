#include "storage/WebDavBackend.h"

#include "storage/Layout.h"

#include "crypto/Crypto.h"

#include <QDateTime>
#include <QLocale>
#include <QThread>
#include <QUrl>
#include <QXmlStreamReader>

#include <curl/curl.h>

#include <algorithm>

namespace strata {

namespace {

const auto TempPrefix = QLatin1String(".tmp-");

QString parentOf(const QString &relative)
{
    const qsizetype slash = relative.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : relative.left(slash);
}

const QByteArray PropfindBody = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                                "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:resourcetype/><d:getcontentlength/>"
                                "<d:getlastmodified/></d:prop></d:propfind>";

// The last segment of an href ("/dav/repo/keys/ab%20c" or "https://host/dav/repo/keys/"),
// percent-decoded.
QString hrefName(const QString &href)
{
    QString path = href;
    if (const qsizetype scheme = path.indexOf(QLatin1String("://")); scheme >= 0) {
        const qsizetype slash = path.indexOf(QLatin1Char('/'), scheme + 3);
        path = slash < 0 ? QString() : path.mid(slash);
    }
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    const QString segment = path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
    return QString::fromUtf8(QByteArray::fromPercentEncoding(segment.toUtf8()));
}

// A multistatus answer's responses, the first one (the folder asked about) included.
Result<QList<WebDavBackend::Entry>> parseMultistatus(const QByteArray &body)
{
    QList<WebDavBackend::Entry> out;
    QXmlStreamReader xml(body);
    WebDavBackend::Entry *current = nullptr;
    const auto dav = QLatin1String("DAV:");
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement || xml.namespaceUri() != dav)
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("response")) {
            out.append(WebDavBackend::Entry{});
            current = &out.last();
        } else if (!current) {
            continue;
        } else if (name == QLatin1String("href")) {
            current->name = hrefName(xml.readElementText().trimmed());
        } else if (name == QLatin1String("collection")) {
            current->collection = true;
        } else if (name == QLatin1String("getcontentlength")) {
            current->size = xml.readElementText().trimmed().toLongLong();
        } else if (name == QLatin1String("getlastmodified")) {
            current->lastModified = xml.readElementText().trimmed();
        }
    }
    if (xml.hasError())
        return Error::io(
            QStringLiteral("the server sent a folder listing that is not XML: %1").arg(xml.errorString()));
    return out;
}

} // namespace

WebDavOptions webDavOptionsFromEnvironment()
{
    WebDavOptions options;
    options.user = qEnvironmentVariable("STRATA_WEBDAV_USER");
    options.password = qEnvironmentVariable("STRATA_WEBDAV_PASSWORD");
    return options;
}

Result<std::unique_ptr<WebDavBackend>> WebDavBackend::open(const QString &url, WebDavOptions options)
{
    QString spec = url;
    if (spec.startsWith(QLatin1String("webdav:"), Qt::CaseInsensitive))
        spec = spec.mid(7);
    const QUrl u(spec, QUrl::StrictMode);
    const QString scheme = u.scheme().toLower();
    if (!u.isValid() || (scheme != QLatin1String("https") && scheme != QLatin1String("http")) ||
        u.host().isEmpty())
        return Error::invalid(
            QStringLiteral("not a valid WebDAV location: %1 (expected webdav:https://HOST[:PORT]/PATH)")
                .arg(QUrl(spec).toString(QUrl::RemoveUserInfo)));
    const QStringList parts = u.path(QUrl::FullyDecoded).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.contains(QLatin1String("..")) || parts.contains(QLatin1String(".")))
        return Error::invalid(QStringLiteral("the WebDAV location %1 has a \".\" or \"..\" in its path")
                                  .arg(u.toString(QUrl::RemoveUserInfo)));
    if (!u.userName().isEmpty()) {
        options.user = u.userName(QUrl::FullyDecoded);
        options.password = u.password(QUrl::FullyDecoded);
    }

    QByteArray hostPort = QUrl::toAce(u.host());
    if (u.host().contains(QLatin1Char(':')))
        hostPort = '[' + u.host().toLatin1() + ']';
    if (u.port() > 0)
        hostPort += ':' + QByteArray::number(u.port());
    QByteArray base = scheme.toLatin1() + "://" + hostPort;
    for (const QString &part : parts)
        base += '/' + http::percentEncode(part, false);
    QString location = QStringLiteral("webdav:%1://%2/%3")
                           .arg(scheme, QString::fromLatin1(hostPort), parts.join(QLatin1Char('/')));
    return std::unique_ptr<WebDavBackend>(new WebDavBackend(std::move(options), base, location));
}

WebDavBackend::WebDavBackend(WebDavOptions options, QByteArray base, QString location)
    : m_options(std::move(options)), m_base(std::move(base)), m_location(std::move(location)),
      m_auth(CURLAUTH_ANY)
{
    if (!m_options.user.isEmpty())
        m_userPassword = m_options.user.toUtf8() + ':' + m_options.password.toUtf8();
    const QByteArray host = QUrl::fromEncoded(m_base).authority(QUrl::FullyEncoded).toUtf8();
    m_client = std::make_unique<http::Client>(QString::fromUtf8(host), m_options.http);
}

WebDavBackend::~WebDavBackend() = default;

QString WebDavBackend::relativeOf(FileKind kind, const QString &name) const
{
    if (kind == FileKind::Config)
        return QStringLiteral("config");
    if (kind == FileKind::Pack)
        return QStringLiteral("data/") + name.left(2) + QLatin1Char('/') + name;
    return subdirOf(kind) + QLatin1Char('/') + name;
}

QByteArray WebDavBackend::urlOf(const QString &relative) const
{
    if (relative.isEmpty())
        return m_base + '/';
    return m_base + '/' + http::percentEncode(relative, true);
}

QString WebDavBackend::what(const QString &verb, const QString &relative) const
{
    return QStringLiteral("cannot %1 %2/%3").arg(verb, m_location, relative);
}

http::Request WebDavBackend::request(const QByteArray &method, const QString &relative, const char *body,
                                     qint64 bodySize)
{
    http::Request r;
    r.method = method;
    r.url = urlOf(relative);
    r.body = body;
    r.bodySize = bodySize;
    if (!m_userPassword.isEmpty()) {
        r.userPassword = m_userPassword;
        r.httpAuth = m_auth.load(std::memory_order_relaxed);
    }
    return r;
}

Result<http::Response> WebDavBackend::send(const http::Request &r, const CancelToken &cancel)
{
    // 423 Locked: servers built on Go's x/net/webdav (rclone) lock the paths of a MOVE or MKCOL
    // while it runs and refuse a concurrent one on the same path, which parallel writers of
    // one file (a lock refreshed twice) or of one new data/<xx> folder do. It passes soon.
    for (int attempt = 1;; ++attempt) {
        auto response = m_client->perform(r, cancel);
        if (!response || response->status != 423 || attempt == 60)
            return response;
        QThread::msleep(std::min(10 * attempt, 200));
        STRATA_TRY(cancel.check());
    }
}

void WebDavBackend::learnAuth(const http::Response &response)
{
    const long offered = response.authOffered;
    if (m_userPassword.isEmpty() || offered == 0 ||
        m_auth.load(std::memory_order_relaxed) != long(CURLAUTH_ANY))
        return;
    // Digest where offered: Basic sends the password itself, readable on plain http.
    if (offered & CURLAUTH_DIGEST)
        m_auth.store(CURLAUTH_DIGEST, std::memory_order_relaxed);
    else if (offered == long(CURLAUTH_BASIC))
        m_auth.store(CURLAUTH_BASIC, std::memory_order_relaxed);
}

Result<QList<WebDavBackend::Entry>> WebDavBackend::propfind(const QString &relative, int depth,
                                                            const CancelToken &cancel)
{
    http::Request r =
        request("PROPFIND", depth > 0 && !relative.isEmpty() ? relative + QLatin1Char('/') : relative,
                PropfindBody.constData(), PropfindBody.size());
    r.headers.append("Depth: " + QByteArray::number(depth));
    r.headers.append("Content-Type: application/xml; charset=utf-8");
    auto response = send(r, cancel);
    STRATA_TRY(response);
    learnAuth(*response);
    if (response->status == 404 && depth > 0)
        return QList<Entry>(); // a folder not made yet, or lost in a copy, holds nothing
    if (response->status != 207)
        return http::statusError(*response, what(QStringLiteral("list"), relative), m_client->host());
    auto entries = parseMultistatus(response->body);
    STRATA_TRY(entries);
    // The first response is the resource asked about; a folder's own entry is not its content.
    if (depth > 0 && !entries->isEmpty())
        entries->removeFirst();
    return entries;
}

Result<bool> WebDavBackend::exists()
{
    auto response = send(request("HEAD", QStringLiteral("config")), {});
    STRATA_TRY(response);
    learnAuth(*response);
    if (response->success())
        return true;
    if (response->status == 404)
        return false;
    return http::statusError(*response, what(QStringLiteral("check"), QStringLiteral("config")),
                             m_client->host());
}

Status WebDavBackend::makeCollection(const QString &relative, const CancelToken &cancel)
{
    auto response =
        send(request("MKCOL", relative.isEmpty() ? QString() : relative + QLatin1Char('/')), cancel);
    STRATA_TRY(response);
    learnAuth(*response);
    // 405: the folder exists already (or another writer just made it).
    if (response->success() || response->status == 405)
        return {};
    return http::statusError(*response, what(QStringLiteral("create folder"), relative), m_client->host());
}

Status WebDavBackend::create()
{
    auto found = exists();
    STRATA_TRY(found);
    if (*found)
        return Error::invalid(QStringLiteral("a repository already exists at %1").arg(m_location));
    // The root and its missing parents: MKCOL answers 409 while a parent is missing, so the
    // levels are made from the top. Levels above the root may refuse (a share's root), which
    // matters only if the root itself then fails.
    // m_base is ORIGIN/segment/segment, each segment encoded already.
    const qsizetype pathStart = m_base.indexOf('/', m_base.indexOf("://") + 3);
    QByteArray path = pathStart < 0 ? m_base : m_base.left(pathStart);
    const QList<QByteArray> levels =
        pathStart < 0 ? QList<QByteArray>() : m_base.mid(pathStart + 1).split('/');
    for (qsizetype i = 0; i < levels.size(); ++i) {
        path += '/' + levels.at(i);
        http::Request r = request("MKCOL", {});
        r.url = path + '/';
        auto response = send(r, {});
        STRATA_TRY(response);
        learnAuth(*response);
        if (i + 1 == levels.size() && !response->success() && response->status != 405)
            return http::statusError(*response, QStringLiteral("cannot create folder %1").arg(m_location),
                                     m_client->host());
    }
    for (FileKind kind : {FileKind::Key, FileKind::Pack, FileKind::Index, FileKind::Snapshot, FileKind::Lock})
        STRATA_TRY(makeCollection(subdirOf(kind), {}));
    return {};
}

Status WebDavBackend::doWrite(FileKind kind, const QString &name, const QByteArray &data,
                              const CancelToken &cancel)
{
    STRATA_TRY(checkName(kind, name));
    const QString relative = relativeOf(kind, name);
    const QString dir = parentOf(relative);
    const QString temp = (dir.isEmpty() ? QString() : dir + QLatin1Char('/')) + TempPrefix +
                         QString::fromLatin1(crypto::randomBytes(8).toHex());
    const QString verb = QStringLiteral("write");

    if (!m_authProbed.load(std::memory_order_relaxed) && !m_userPassword.isEmpty()) {
        // Learn the server's scheme with a request without a body: asking with a pack would
        // send it twice.
        auto probe = send(request("HEAD", QStringLiteral("config")), cancel);
        STRATA_TRY(probe);
        learnAuth(*probe);
        m_authProbed.store(true, std::memory_order_relaxed);
    }
    const auto dropTemp = [&](Error error) -> Status {
        // Without the caller's token, which may be why the write failed.
        http::Request drop = request("DELETE", temp);
        drop.timeoutMs = http::cleanupTimeoutMs(error);
        (void)send(drop, {});
        return error;
    };
    auto put = send(request("PUT", temp, data.constData(), data.size()), cancel);
    if (!put)
        return dropTemp(put.error());
    learnAuth(*put);
    if ((put->status == 404 || put->status == 409) && !dir.isEmpty()) {
        // Folders are made on first use, as LocalBackend does: data/<xx> always, the others
        // when a copy of the repository lost its empty folders.
        if (kind == FileKind::Pack)
            STRATA_TRY(makeCollection(parentOf(dir), cancel));
        STRATA_TRY(makeCollection(dir, cancel));
        put = send(request("PUT", temp, data.constData(), data.size()), cancel);
        if (!put)
            return dropTemp(put.error());
    }
    if (!put->success())
        return dropTemp(http::statusError(*put, what(verb, relative), m_client->host()));

    http::Request move = request("MOVE", temp);
    move.headers.append("Destination: " + urlOf(relative));
    move.headers.append("Overwrite: T");
    auto moved = send(move, cancel);
    if (!moved)
        return dropTemp(moved.error());
    if (!moved->success())
        return dropTemp(http::statusError(*moved, what(verb, relative), m_client->host()));
    return {};
}

Result<QByteArray> WebDavBackend::doRead(FileKind kind, const QString &name, qint64 offset, qint64 length,
                                         const CancelToken &cancel)
{
    QByteArray out;
    STRATA_TRY(doReadInto(kind, name, offset, length, out, cancel));
    return out;
}

Status WebDavBackend::doReadInto(FileKind kind, const QString &name, qint64 offset, qint64 length,
                                 QByteArray &out, const CancelToken &cancel)
{
    STRATA_TRY(checkName(kind, name));
    const QString relative = relativeOf(kind, name);
    return http::readRange(*m_client, request("GET", relative), offset, length, out,
                           what(QStringLiteral("read"), relative), cancel);
}

Result<QList<FileInfo>> WebDavBackend::doList(FileKind kind, const CancelToken &cancel)
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
    const auto appendFiles = [&](const QString &dir) -> Status {
        auto entries = propfind(dir, 1, cancel);
        STRATA_TRY(entries);
        // Skips folders, our temp files and hidden files a client may drop here: no repository
        // file name starts with a dot.
        for (const Entry &e : *entries)
            if (!e.collection && !e.name.isEmpty() && !e.name.startsWith(QLatin1Char('.')))
                out.append(FileInfo{e.name, e.size});
        return {};
    };
    const QString dir = subdirOf(kind);
    if (kind != FileKind::Pack) {
        STRATA_TRY(appendFiles(dir));
        return out;
    }
    auto subdirs = propfind(dir, 1, cancel);
    STRATA_TRY(subdirs);
    for (const Entry &e : *subdirs)
        if (e.collection && e.name.size() == 2 && !e.name.startsWith(QLatin1Char('.')))
            STRATA_TRY(appendFiles(dir + QLatin1Char('/') + e.name));
    return out;
}

Status WebDavBackend::remove(FileKind kind, const QString &name)
{
    STRATA_TRY(checkName(kind, name));
    const QString relative = relativeOf(kind, name);
    auto response = send(request("DELETE", relative), {});
    STRATA_TRY(response);
    learnAuth(*response);
    if (!response->success())
        return http::statusError(*response, what(QStringLiteral("delete"), relative), m_client->host());
    return {};
}

Result<qint64> WebDavBackend::size(FileKind kind, const QString &name)
{
    STRATA_TRY(checkName(kind, name));
    const QString relative = relativeOf(kind, name);
    auto entries = propfind(relative, 0, {});
    STRATA_TRY(entries);
    if (entries->isEmpty() || entries->first().collection)
        return Error::io(QStringLiteral("%1: not a file").arg(what(QStringLiteral("read"), relative)));
    return entries->first().size;
}

Result<int> WebDavBackend::removeStaleTemporaries(int olderThanSeconds)
{
    QStringList dirs{QString()};
    for (FileKind kind : {FileKind::Key, FileKind::Index, FileKind::Snapshot, FileKind::Lock,
                          FileKind::Forgotten, FileKind::Retired})
        dirs << subdirOf(kind);
    auto packDirs = propfind(QStringLiteral("data"), 1, {});
    STRATA_TRY(packDirs);
    for (const Entry &e : *packDirs)
        if (e.collection && e.name.size() == 2)
            dirs << QStringLiteral("data/") + e.name;
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addSecs(-olderThanSeconds);
    int removed = 0;
    for (const QString &dir : dirs) {
        auto entries = propfind(dir, 1, {});
        STRATA_TRY(entries);
        for (const Entry &e : *entries) {
            if (e.collection || !e.name.startsWith(TempPrefix))
                continue;
            // An RFC 1123 date ("Mon, 07 Dec 2026 15:51:24 GMT"), in English whatever the locale.
            QString date = e.lastModified;
            date.remove(QLatin1String(" GMT"));
            QDateTime modified = QLocale::c().toDateTime(date, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
            modified.setTimeSpec(Qt::UTC);
            if (!modified.isValid() || modified >= cutoff)
                continue;
            const QString temp = dir.isEmpty() ? e.name : dir + QLatin1Char('/') + e.name;
            auto response = send(request("DELETE", temp), {});
            STRATA_TRY(response);
            if (response->success())
                ++removed;
        }
    }
    return removed;
}

} // namespace strata
