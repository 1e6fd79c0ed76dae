// A repository on a WebDAV server (Nextcloud, ownCloud, Apache mod_dav, nginx, rclone serve
// webdav), over libcurl. Layout as LocalBackend's folders, as collections: ROOT/config,
// ROOT/keys/<id>, ROOT/data/<first two hex digits>/<id>, ... A write goes to a temporary name
// (.tmp-<random>) in the target folder and is then MOVEd over the final name, so a half-sent
// file never appears under a final name. RFC 4918 lets a server replace the target by a delete
// and a move: during a replacement a reader may briefly see the file missing, never a mix.
#pragma once

#include "storage/Backend.h"
#include "storage/Http.h"

#include <atomic>
#include <memory>
#include <mutex>

namespace strata {

struct WebDavOptions
{
    // Used where the URL has no user name (and password) of its own.
    QString user;
    QString password;
    http::Options http;
};

// STRATA_WEBDAV_USER and STRATA_WEBDAV_PASSWORD. Safe from any thread.
WebDavOptions webDavOptionsFromEnvironment();

class WebDavBackend final : public Backend
{
public:
    // `url`: "https://[USER[:PASSWORD]@]HOST[:PORT]/PATH" or "http://...", with or without
    // "webdav:" in front.
    static Result<std::unique_ptr<WebDavBackend>> open(const QString &url, WebDavOptions options);
    ~WebDavBackend() override;

    // The URL without user name or password.
    QString location() const override { return m_location; }
    Result<bool> exists() override;
    // Makes the root (and its missing parents) and the folders of an empty repository.
    Status create() override;
    Status remove(FileKind kind, const QString &name) override;
    Result<qint64> size(FileKind kind, const QString &name) override;
    Result<int> removeStaleTemporaries(int olderThanSeconds) override;

protected:
    Status doWrite(FileKind kind, const QString &name, const QByteArray &data,
                   const CancelToken &cancel) override;
    Result<QByteArray> doRead(FileKind kind, const QString &name, qint64 offset, qint64 length,
                              const CancelToken &cancel) override;
    Status doReadInto(FileKind kind, const QString &name, qint64 offset, qint64 length, QByteArray &out,
                      const CancelToken &cancel) override;
    Result<QList<FileInfo>> doList(FileKind kind, const CancelToken &cancel) override;

public:
    // One entry of a PROPFIND answer.
    struct Entry
    {
        QString name; // the last path segment, percent-decoded
        bool collection = false;
        qint64 size = 0;
        QString lastModified; // HTTP date, as sent
    };

private:
    WebDavBackend(WebDavOptions options, QByteArray base, QString location);

    QString relativeOf(FileKind kind, const QString &name) const;
    QByteArray urlOf(const QString &relative) const;
    http::Request request(const QByteArray &method, const QString &relative, const char *body = nullptr,
                          qint64 bodySize = 0);
    QString what(const QString &verb, const QString &relative) const;
    Status makeCollection(const QString &relative, const CancelToken &cancel);
    // The entries of a folder (Depth 1) or of one file (depth 0), without the folder itself.
    // A missing folder gives an empty list.
    Result<QList<Entry>> propfind(const QString &relative, int depth, const CancelToken &cancel);
    void learnAuth(const http::Response &response);
    Result<http::Response> send(const http::Request &request, const CancelToken &cancel);

    WebDavOptions m_options;
    QByteArray m_base; // scheme://host[:port]/encoded/root, no trailing slash
    QString m_location;
    QByteArray m_userPassword;
    // CURLAUTH_ANY until a server's 401 told which scheme it wants: curl sends the
    // credentials at once for one scheme, and for "any" first asks without them on every
    // request (which resends a whole pack after the refusal).
    std::atomic<long> m_auth;
    std::atomic<bool> m_authProbed{false};
    std::unique_ptr<http::Client> m_client;
};

} // namespace strata
