#include "storage/Http.h"

#include <QXmlStreamReader>

#include <curl/curl.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>

namespace strata::http {

namespace {

// curl_global_init is not thread-safe and must run before any handle exists; backends are
// opened from any thread, so the first one does it, once.
void initCurl()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// A handle's error-body limit: an error page is read for its code and message only.
constexpr qsizetype ErrorBodyLimit = 64 * 1024;
// Idle handles kept per client: one per thread that used it at the same time is plenty.
constexpr std::size_t MaxIdleHandles = 16;
// The most a Content-Length makes us reserve up front; a longer body still arrives, growing.
constexpr qint64 ReserveLimit = qint64(256) << 20;

struct Transfer
{
    const Request *request = nullptr;
    const CancelToken *cancel = nullptr;
    Response *response = nullptr;
    qint64 readPos = 0;
    bool tooLarge = false;
    bool inSink = false; // the current answer's body goes to the caller's sink

    QByteArray &target() { return inSink ? *request->sink : response->body; }
};

size_t onHeader(char *data, size_t size, size_t count, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    const size_t n = size * count;
    QByteArray line(data, qsizetype(n));
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    if (line.startsWith("HTTP/")) {
        // A new answer begins (after a 100 Continue or an authentication round): only the
        // last one counts.
        t->response->headers.clear();
        t->response->body.clear();
        const QList<QByteArray> parts = line.split(' ');
        t->response->status = parts.size() > 1 ? parts.at(1).toLong() : 0;
        t->inSink = t->request->sink && t->response->status >= 200 && t->response->status < 300;
        if (t->inSink)
            t->request->sink->resize(0); // keeps the capacity: the point of readInto
        return n;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return n;
    const QByteArray name = line.left(colon).trimmed().toLower();
    const QByteArray value = line.mid(colon + 1).trimmed();
    t->response->headers.insert(name, value);
    if (name == "content-length" && t->inSink) {
        bool ok = false;
        const qint64 length = value.toLongLong(&ok);
        // Bounded either way: a forged length must not make us allocate.
        const qint64 bound = t->request->maxBodySize >= 0 ? t->request->maxBodySize : ReserveLimit;
        if (ok && length > 0 && length <= std::max(bound, ReserveLimit))
            t->request->sink->reserve(qsizetype(length));
    }
    return n;
}

size_t onBody(char *data, size_t size, size_t count, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    const size_t n = size * count;
    QByteArray &out = t->target();
    if (t->inSink) {
        // The limit is for a partial answer (206): a server that ignored the Range sends the
        // whole file with 200, which the caller cuts to size.
        if (t->request->maxBodySize >= 0 && t->response->status == 206 &&
            out.size() + qint64(n) > t->request->maxBodySize) {
            t->tooLarge = true;
            return 0; // fails the transfer with CURLE_WRITE_ERROR
        }
    } else if (!t->response->success() && out.size() >= ErrorBodyLimit) {
        return n; // the rest of an error page says nothing more we use
    }
    out.append(data, qsizetype(n));
    return n;
}

size_t onRead(char *buffer, size_t size, size_t count, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    const qint64 left = t->request->bodySize - t->readPos;
    const size_t n = size_t(std::min<qint64>(left, qint64(size * count)));
    if (n > 0)
        std::memcpy(buffer, t->request->body + t->readPos, n);
    t->readPos += qint64(n);
    return n;
}

// curl rewinds the body when it must send it again (an authentication round, a redirect).
int onSeek(void *user, curl_off_t offset, int origin)
{
    auto *t = static_cast<Transfer *>(user);
    if (origin != SEEK_SET || offset < 0 || offset > t->request->bodySize)
        return CURL_SEEKFUNC_CANTSEEK;
    t->readPos = offset;
    return CURL_SEEKFUNC_OK;
}

// Called at least once a second, even while nothing moves: where cancellation is noticed.
int onProgress(void *user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    auto *t = static_cast<Transfer *>(user);
    return t->cancel->cancelled() ? 1 : 0;
}

QString curlDetail(const char *errorBuffer, CURLcode code)
{
    const QString text = QString::fromUtf8(errorBuffer).trimmed();
    return text.isEmpty() ? QString::fromUtf8(curl_easy_strerror(code)) : text;
}

Error transportError(CURLcode code, const char *errorBuffer, const Transfer &t, const QString &host,
                     const Options &options, bool connected, int osErrno)
{
    const QString detail = curlDetail(errorBuffer, code);
    switch (code) {
    case CURLE_ABORTED_BY_CALLBACK:
        if (t.cancel->cancelled())
            return Error::cancelled();
        return {ErrorCode::Internal, QStringLiteral("transfer with %1 aborted: %2").arg(host, detail)};
    case CURLE_COULDNT_RESOLVE_HOST:
        return Error::network(
            QStringLiteral("cannot find host %1 (check the name and the network)").arg(host));
    case CURLE_COULDNT_RESOLVE_PROXY:
        return Error::network(QStringLiteral("cannot find the proxy for %1: %2").arg(host, detail));
    case CURLE_COULDNT_CONNECT:
        if (osErrno == ECONNREFUSED || detail.contains(QLatin1String("refused"), Qt::CaseInsensitive))
            return Error::network(
                QStringLiteral("connection to %1 refused (is the server running on that port?)").arg(host));
        return Error::network(QStringLiteral("cannot connect to %1: %2").arg(host, detail));
    case CURLE_OPERATION_TIMEDOUT:
        if (t.request->timeoutMs > 0)
            return Error::timeout(QStringLiteral("%1 did not finish the request within %2 ms")
                                      .arg(host)
                                      .arg(t.request->timeoutMs));
        if (!connected)
            return Error::timeout(QStringLiteral("%1 did not answer within %2 seconds")
                                      .arg(host)
                                      .arg(options.connectTimeoutSeconds));
        return Error::timeout(QStringLiteral("%1 stopped answering (no data for %2 seconds)")
                                  .arg(host)
                                  .arg(options.stallSeconds));
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
        // Not transient: the same certificate is refused again until someone changes something.
        return Error::auth(QStringLiteral("TLS certificate of %1 is not trusted: %2").arg(host, detail));
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_USE_SSL_FAILED:
        return Error::network(QStringLiteral("TLS connection with %1 failed: %2").arg(host, detail));
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_HTTP3:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_SEND_FAIL_REWIND:
        return Error::network(QStringLiteral("connection to %1 broke: %2").arg(host, detail));
    case CURLE_WRITE_ERROR:
        if (t.tooLarge)
            return Error::corrupt(QStringLiteral("%1 sent more data than was asked for").arg(host));
        break;
    case CURLE_OUT_OF_MEMORY:
        return {ErrorCode::Internal, QStringLiteral("out of memory talking to %1").arg(host)};
    default:
        break;
    }
    return Error::io(QStringLiteral("transfer with %1 failed: %2").arg(host, detail));
}

} // namespace

Client::Client(QString host, Options options) : m_host(std::move(host)), m_options(options)
{
    initCurl();
}

Client::~Client()
{
    for (void *handle : m_idle)
        curl_easy_cleanup(static_cast<CURL *>(handle));
}

void *Client::takeHandle()
{
    {
        std::lock_guard guard(m_mutex);
        if (!m_idle.empty()) {
            void *handle = m_idle.back();
            m_idle.pop_back();
            return handle;
        }
    }
    return curl_easy_init();
}

void Client::giveBack(void *handle)
{
    // Reset drops the options but keeps the connection, so the next call skips the handshake.
    curl_easy_reset(static_cast<CURL *>(handle));
    std::lock_guard guard(m_mutex);
    if (m_idle.size() < MaxIdleHandles) {
        m_idle.push_back(handle);
        return;
    }
    curl_easy_cleanup(static_cast<CURL *>(handle));
}

Result<Response> Client::perform(const Request &request, const CancelToken &cancel)
{
    STRATA_TRY(cancel.check());
    CURL *curl = static_cast<CURL *>(takeHandle());
    if (!curl)
        return Error{ErrorCode::Internal, QStringLiteral("cannot start a transfer with %1").arg(m_host)};

    Response response;
    Transfer t;
    t.request = &request;
    t.cancel = &cancel;
    t.response = &response;
    char errorBuffer[CURL_ERROR_SIZE] = {};

    curl_slist *headers = nullptr;
    for (const QByteArray &h : request.headers)
        headers = curl_slist_append(headers, h.constData());
    // curl asks for 100-continue on large bodies; the wait costs a round trip on every pack
    // and some servers never answer it. Not with SigV4: curl 7.88 signs the emptied header too,
    // which the server never sees, so the signature would not match (an S3 server answers the
    // 100 anyway).
    if (request.awsSigV4.isEmpty())
        headers = curl_slist_append(headers, "Expect:");

    curl_easy_setopt(curl, CURLOPT_URL, request.url.constData());
    // The exchange on stderr, for finding out why a server refuses a request.
    static const bool verbose = qEnvironmentVariableIsSet("STRATA_CURL_VERBOSE");
    if (verbose)
        curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L); // several threads; no SIGALRM for DNS timeouts
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, long(m_options.connectTimeoutSeconds));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, m_options.stallBytesPerSecond);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, long(m_options.stallSeconds));
    curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, m_options.verifyTls ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, m_options.verifyTls ? 2L : 0L);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &t);

    if (request.method == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (request.body) {
        // The body is streamed from the caller's memory: a 16 MiB pack is not copied.
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, curl_off_t(request.bodySize));
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, onRead);
        curl_easy_setopt(curl, CURLOPT_READDATA, &t);
        curl_easy_setopt(curl, CURLOPT_SEEKFUNCTION, onSeek);
        curl_easy_setopt(curl, CURLOPT_SEEKDATA, &t);
        if (request.method != "PUT")
            curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.constData());
    } else if (request.method != "GET") {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.constData());
    }
    if (request.timeoutMs > 0)
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, request.timeoutMs);
    if (!request.userPassword.isEmpty())
        curl_easy_setopt(curl, CURLOPT_USERPWD, request.userPassword.constData());
    if (!request.awsSigV4.isEmpty())
        curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, request.awsSigV4.constData());
    else if (request.httpAuth != 0)
        curl_easy_setopt(curl, CURLOPT_HTTPAUTH, request.httpAuth);

    const CURLcode code = curl_easy_perform(curl);
    // Whether a connection stood when the call failed: one reused (no new connects) or one
    // that completed its connect. Tells a stall from a server that never answered.
    double connectTime = 0;
    long newConnections = 0;
    long osErrno = 0;
    curl_easy_getinfo(curl, CURLINFO_CONNECT_TIME, &connectTime);
    curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &newConnections);
    curl_easy_getinfo(curl, CURLINFO_OS_ERRNO, &osErrno);
    curl_slist_free_all(headers);
    if (code != CURLE_OK) {
        // A handle whose transfer failed may hold a broken connection: not worth keeping.
        curl_easy_cleanup(curl);
        return transportError(code, errorBuffer, t, m_host, m_options, newConnections == 0 || connectTime > 0,
                              int(osErrno));
    }
    curl_easy_getinfo(curl, CURLINFO_HTTPAUTH_AVAIL, &response.authOffered);
    giveBack(curl);
    return response;
}

long cleanupTimeoutMs(const Error &error)
{
    return error.code == ErrorCode::Cancelled ? 1000 : 10000;
}

QString xmlErrorCode(const QByteArray &body)
{
    QXmlStreamReader xml(body);
    while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("Error"))
            continue; // descend into it
        if (xml.name() == QLatin1String("Code"))
            return xml.readElementText().trimmed();
        xml.skipCurrentElement();
    }
    return {};
}

QString xmlErrorMessage(const QByteArray &body)
{
    QXmlStreamReader xml(body);
    while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("Error"))
            continue;
        if (xml.name() == QLatin1String("Message"))
            return xml.readElementText().trimmed();
        xml.skipCurrentElement();
    }
    return {};
}

Error statusError(const Response &response, const QString &what, const QString &host)
{
    const long status = response.status;
    const QString code = xmlErrorCode(response.body);
    const QString serverMessage = xmlErrorMessage(response.body);
    QString answer = QStringLiteral("%1 answered %2").arg(host).arg(status);
    if (!code.isEmpty())
        answer += QStringLiteral(" (%1%2)").arg(
            code, serverMessage.isEmpty() ? QString() : QStringLiteral(": ") + serverMessage);
    const auto with = [&](const QString &explanation) {
        return QStringLiteral("%1: %2, %3").arg(what, explanation, answer);
    };

    if (code == QLatin1String("NoSuchBucket")) {
        const QString bucket = [&] {
            QXmlStreamReader xml(response.body);
            while (!xml.atEnd())
                if (xml.readNext() == QXmlStreamReader::StartElement &&
                    xml.name() == QLatin1String("BucketName"))
                    return xml.readElementText();
            return QString();
        }();
        return Error::notFound(QStringLiteral("%1: bucket %2 does not exist at %3")
                                   .arg(what, bucket.isEmpty() ? QStringLiteral("(unnamed)") : bucket, host));
    }
    if (code == QLatin1String("EntityTooLarge") || code == QLatin1String("QuotaExceeded") || status == 507 ||
        status == 413)
        return {ErrorCode::NoSpace, with(QStringLiteral("no space left at the destination"))};
    if (code == QLatin1String("BadDigest") || code == QLatin1String("XAmzContentSHA256Mismatch"))
        return Error::network(with(QStringLiteral("the data was damaged on the way to the server")));
    if (code == QLatin1String("RequestTimeTooSkewed"))
        return Error::auth(with(QStringLiteral("this computer's clock is too far off for the server")));
    if (status == 401 || status == 403) {
        if (code == QLatin1String("SignatureDoesNotMatch"))
            return Error::auth(with(QStringLiteral("the secret key does not match the access key")));
        if (code == QLatin1String("InvalidAccessKeyId"))
            return Error::auth(with(QStringLiteral("the server does not know this access key")));
        if (status == 401)
            return Error::auth(with(QStringLiteral("the server refused the user name or password")));
        return Error::auth(with(QStringLiteral("access denied")));
    }
    if (status == 404)
        return Error::notFound(with(QStringLiteral("not found")));
    if (status == 408 || status == 429 || status >= 500)
        return Error::network(with(QStringLiteral("the server is busy or failing; try again later")));
    if (status == 400 || status == 405 || status == 409 || status == 411 || status == 412 || status == 414)
        return Error::invalid(with(QStringLiteral("the server refused the request")));
    return Error::io(with(QStringLiteral("unexpected answer")));
}

QByteArray percentEncode(const QString &text, bool keepSlash)
{
    static const char hex[] = "0123456789ABCDEF";
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size());
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
            c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
            out.append(char(c));
        } else {
            out.append('%');
            out.append(hex[c >> 4]);
            out.append(hex[c & 15]);
        }
    }
    return out;
}

QByteArray rangeHeader(qint64 offset, qint64 length)
{
    if (offset == 0 && length < 0)
        return {};
    if (length < 0)
        return "Range: bytes=" + QByteArray::number(offset) + '-';
    return "Range: bytes=" + QByteArray::number(offset) + '-' + QByteArray::number(offset + length - 1);
}

qint64 contentRangeTotal(const QByteArray &value)
{
    const qsizetype slash = value.lastIndexOf('/');
    if (slash < 0)
        return -1;
    bool ok = false;
    const qint64 total = value.mid(slash + 1).trimmed().toLongLong(&ok);
    return ok ? total : -1;
}

Status readRange(Client &client, Request request, qint64 offset, qint64 length, QByteArray &out,
                 const QString &what, const CancelToken &cancel)
{
    if (offset < 0)
        return Error::invalid(QStringLiteral("negative offset %1 for reading").arg(offset));
    const auto tooShort = [&](qint64 total) {
        return Error::corrupt(
            QStringLiteral("%1: the file is shorter than expected (%2 bytes at offset %3 asked, "
                           "the file has %4)")
                .arg(what)
                .arg(length)
                .arg(offset)
                .arg(total < 0 ? QStringLiteral("fewer") : QString::number(total)));
    };
    if (length == 0) {
        // Nothing to fetch, but the file must exist and be long enough, as for a local read.
        request.method = "HEAD";
        auto head = client.perform(request, cancel);
        STRATA_TRY(head);
        if (!head->success())
            return statusError(*head, what, client.host());
        const qint64 total = head->header("content-length").toLongLong();
        if (offset > total)
            return tooShort(total);
        out.resize(0);
        return {};
    }
    if (const QByteArray range = rangeHeader(offset, length); !range.isEmpty())
        request.headers.append(range);
    request.sink = &out;
    request.maxBodySize = length;
    auto response = client.perform(request, cancel);
    STRATA_TRY(response);
    const long status = response->status;
    if (status == 416) {
        qint64 total = contentRangeTotal(response->header("content-range"));
        if (total < 0 && length < 0) {
            // Not every server says how long the file is (RADOS Gateway does not): an offset
            // at the very end is a valid empty read, one past it is not.
            request.method = "HEAD";
            request.sink = nullptr;
            request.headers.removeLast();
            auto head = client.perform(request, cancel);
            STRATA_TRY(head);
            if (head->success())
                total = head->header("content-length").toLongLong();
        }
        if (length < 0 && offset == total) { // reading the empty end of a file, as a local read may
            out.resize(0);
            return {};
        }
        return tooShort(total);
    }
    if (!response->success())
        return statusError(*response, what, client.host());
    if (status == 200 && (offset > 0 || length >= 0)) {
        // The server ignored the Range and sent the whole file: cut out what was asked.
        const qint64 total = out.size();
        if (offset > total || (length >= 0 && offset + length > total))
            return tooShort(total);
        const qint64 n = length < 0 ? total - offset : length;
        if (offset > 0)
            std::memmove(out.data(), out.constData() + offset, std::size_t(n));
        out.resize(qsizetype(n));
        return {};
    }
    if (length >= 0 && out.size() != length)
        return tooShort(status == 206 ? contentRangeTotal(response->header("content-range")) : out.size());
    return {};
}

} // namespace strata::http
