// A repository in an S3 bucket (AWS, Ceph RADOS Gateway, MinIO, any S3-compatible store), over
// libcurl with AWS Signature V4. Objects under the prefix mirror LocalBackend's folders:
// PREFIX/config, PREFIX/keys/<id>, PREFIX/data/<first two hex digits>/<id>, PREFIX/index/<id>, ...
// A PUT replaces an object atomically (readers see the old or the new one, never a mix), so no
// temporary names are needed; objects above a size go up in parts (multipart upload).
#pragma once

#include "storage/Backend.h"
#include "storage/Http.h"

#include <memory>

namespace strata {

struct S3Credentials
{
    QString accessKey;
    QString secretKey;
    QString sessionToken; // for temporary credentials; may be empty
    QString region;       // where the credentials' source names one; may be empty
};

// The credentials a user set up for the AWS tools: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
// AWS_SESSION_TOKEN, else the profile AWS_PROFILE (or [default]) of ~/.aws/credentials
// (AWS_SHARED_CREDENTIALS_FILE); the region from AWS_REGION, AWS_DEFAULT_REGION or the
// profile in ~/.aws/config (AWS_CONFIG_FILE). ErrorCode::Auth, saying where it looked, when
// none is found. Reads only the environment and those files; safe from any thread.
Result<S3Credentials> s3CredentialsFromEnvironment();

struct S3Options
{
    QString accessKey;
    QString secretKey;
    QString sessionToken;
    // The signing region. Empty: "us-east-1", which AWS's us-east-1 and Ceph RADOS Gateway's
    // default zone group accept.
    QString region;
    // BUCKET.HOST/KEY instead of HOST/BUCKET/KEY (path style, the default for an explicit
    // endpoint: it needs no wildcard DNS name or certificate).
    bool virtualHost = false;
    // create() makes the bucket when it does not exist, instead of failing.
    bool createBucket = false;
    // Objects of at least this size go up in parts of partSize bytes (S3 wants parts of at
    // least 5 MiB, except the last).
    qint64 multipartThreshold = qint64(64) << 20;
    qint64 partSize = qint64(16) << 20;
    http::Options http;
};

class S3Backend final : public Backend
{
public:
    // `url`: "https://HOST[:PORT]/BUCKET[/PREFIX]" or "http://...", with or without "s3:" in
    // front. Credentials missing from `options` are an error (ErrorCode::Auth): the caller
    // fills them, from s3CredentialsFromEnvironment() or the keychain.
    static Result<std::unique_ptr<S3Backend>> open(const QString &url, S3Options options);
    ~S3Backend() override;

    QString location() const override { return m_location; }
    Result<bool> exists() override;
    // Checks that the bucket exists (or makes it, with S3Options::createBucket) and that no
    // repository is there yet. S3 has no folders to create.
    Status create() override;
    // A missing object is not an error: S3 deletes idempotently, and asking first would cost a
    // round trip for each of the thousands of packs a prune removes.
    Status remove(FileKind kind, const QString &name) override;
    Result<qint64> size(FileKind kind, const QString &name) override;
    // Aborts multipart uploads of this repository begun more than `olderThanSeconds` ago: the
    // parts of a write that was interrupted, which the store keeps (and bills) until then.
    Result<int> removeStaleTemporaries(int olderThanSeconds) override;

    // The object key of a file (PREFIX/data/ab/ab12...), for tests and messages.
    QString keyOf(FileKind kind, const QString &name) const;

protected:
    Status doWrite(FileKind kind, const QString &name, const QByteArray &data,
                   const CancelToken &cancel) override;
    Result<QByteArray> doRead(FileKind kind, const QString &name, qint64 offset, qint64 length,
                              const CancelToken &cancel) override;
    Status doReadInto(FileKind kind, const QString &name, qint64 offset, qint64 length, QByteArray &out,
                      const CancelToken &cancel) override;
    Result<QList<FileInfo>> doList(FileKind kind, const CancelToken &cancel) override;

private:
    S3Backend(S3Options options, QByteArray scheme, QByteArray hostPort, QString bucket, QString prefix);

    // A signed request for `key` (empty: the bucket itself) with a canonical query string.
    http::Request request(const QByteArray &method, const QString &key, const QByteArray &query = {},
                          const char *body = nullptr, qint64 bodySize = 0) const;
    QString what(const QString &verb, const QString &key) const;
    Status putMultipart(const QString &key, const QByteArray &data, const CancelToken &cancel);
    Status listKeys(const QString &prefix, bool direct, QList<FileInfo> &out, const CancelToken &cancel);

    S3Options m_options;
    QByteArray m_scheme;   // "https" or "http"
    QByteArray m_hostPort; // "host[:port]"
    QString m_bucket;
    QString m_prefix; // no leading or trailing slash; may be empty
    QString m_location;
    QByteArray m_sigV4;
    QByteArray m_userPassword;
    std::unique_ptr<http::Client> m_client;
};

} // namespace strata
