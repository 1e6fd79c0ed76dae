// The HTTP transport of the S3 and WebDAV backends: libcurl easy handles, pooled per backend for
// keep-alive, with a connect timeout, a stall timeout and cancellation on every call, and the
// mapping of curl's and the server's failures to Strata's error codes with messages that name
// the host. Only the transport lives here; what a request means belongs to its backend.
#pragma once

#include "util/Cancel.h"
#include "util/Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <mutex>
#include <vector>

namespace strata::http {

// Time limits of every call. The defaults suit a person's internet link; tests lower them.
struct Options
{
    int connectTimeoutSeconds = 15;
    // A transfer that moves fewer than stallBytesPerSecond for stallSeconds fails with
    // ErrorCode::Timeout: a dead server or link is noticed without limiting a long upload.
    int stallSeconds = 30;
    long stallBytesPerSecond = 1;
    // Verify the server's TLS certificate (off only for a test server with its own certificate).
    bool verifyTls = true;
};

struct Request
{
    QByteArray method = "GET";
    // The whole URL, its path and query already percent-encoded (S3 signs them as they are).
    QByteArray url;
    QList<QByteArray> headers; // "Name: value"
    // The body, not copied: it must outlive the call. Null for a request without one.
    const char *body = nullptr;
    qint64 bodySize = 0;
    // "aws:amz:REGION:s3" for AWS Signature V4 (with userPassword "key:secret"), else empty.
    QByteArray awsSigV4;
    QByteArray userPassword;
    long httpAuth = 0; // CURLAUTH_* when userPassword is for HTTP authentication
    // Where a successful (2xx) answer's body goes, reusing its memory; null: Response::body.
    QByteArray *sink = nullptr;
    // The most a body may be: a server that sends more fails the call (a forged length must
    // not make us allocate without bound). < 0: no limit.
    qint64 maxBodySize = -1;
    // A limit on the whole call, for clean-ups after a failure that must not hang on a dead
    // link the way the failed call did. 0: none (the stall timeout still applies).
    long timeoutMs = 0;
};

// The time limit of a clean-up request (aborting an upload, deleting a temporary) after
// `error`: short after a cancel, so the cancel stays prompt (what is left behind is removed by
// removeStaleTemporaries later).
long cleanupTimeoutMs(const Error &error);

struct Response
{
    long status = 0;
    QHash<QByteArray, QByteArray> headers; // names in lower case, of the final answer
    QByteArray body;                       // the body unless it went to Request::sink
    long authOffered = 0;                  // the CURLAUTH_* schemes a 401 on the way offered

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
    bool success() const { return status >= 200 && status < 300; }
};

// A pool of easy handles for one server. Thread-safe: each call takes a handle of its own, and
// gives it back afterwards so its connection is reused by the next call.
class Client final
{
public:
    // `host` names the server in messages ("s3.example.com", "127.0.0.1:8080").
    Client(QString host, Options options);
    ~Client();
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;

    const QString &host() const { return m_host; }
    const Options &options() const { return m_options; }

    // Performs one request. Transport failures (no connection, a timeout, cancellation) are
    // errors; any HTTP answer, whatever its status, is a Response for the caller to judge.
    Result<Response> perform(const Request &request, const CancelToken &cancel);

private:
    void *takeHandle();
    void giveBack(void *handle);

    QString m_host;
    Options m_options;
    std::mutex m_mutex;
    std::vector<void *> m_idle;
};

// The error for an answer that is not a success, from its status and, where the server sent
// one, the error code of its XML body (S3's <Code>). `what` says what was being done
// ("cannot read s3://host/bucket/config").
Error statusError(const Response &response, const QString &what, const QString &host);

// GETs `length` bytes at `offset` (length < 0: to the end) into `out`, reusing its memory, with
// the checks of a local read: a missing file is NotFound, a file shorter than asked is Corrupt.
// `request` carries the URL, headers and credentials of a plain GET.
Status readRange(Client &client, Request request, qint64 offset, qint64 length, QByteArray &out,
                 const QString &what, const CancelToken &cancel);

// The <Code> and <Message> of an S3 (or WebDAV server's) XML error body, empty when absent.
QString xmlErrorCode(const QByteArray &body);
QString xmlErrorMessage(const QByteArray &body);

// Percent-encodes everything but A-Z a-z 0-9 - _ . ~ (and '/' when keepSlash): the encoding
// S3's signature expects for paths and query values, and safe for WebDAV paths.
QByteArray percentEncode(const QString &text, bool keepSlash);

// The Range header for `length` bytes at `offset` (length < 0: to the end); empty when the
// whole file is asked for.
QByteArray rangeHeader(qint64 offset, qint64 length);

// The total size from a Content-Range answer ("bytes 0-9/1234" or "bytes */1234"), or -1.
qint64 contentRangeTotal(const QByteArray &value);

} // namespace strata::http
