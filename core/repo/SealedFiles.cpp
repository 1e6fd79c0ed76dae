#include "repo/SealedFiles.h"

#include "crypto/BlobId.h"
#include "crypto/Crypto.h"

#include <QDateTime>
#include <QJsonDocument>

namespace strata {

namespace {
const QByteArray kFileDomain = QByteArrayLiteral("strata-file-v1");
} // namespace

bool isHashName(const QString &name)
{
    return BlobId::fromHex(name).has_value();
}

QByteArray SealedFiles::seal(const QByteArray &plain) const
{
    return crypto::seal(m_key.encryptionKey, plain, kFileDomain);
}

Result<QByteArray> SealedFiles::open(FileKind kind, const QString &name) const
{
    auto data = m_backend.read(kind, name);
    STRATA_TRY(data);
    if (isHashName(name) && crypto::sha256(*data).toHex() != name)
        return Error::corrupt(QStringLiteral("file %1 does not match its name (damaged)").arg(name));
    auto plain = crypto::open(m_key.encryptionKey, *data, kFileDomain);
    if (!plain)
        return Error::corrupt(QStringLiteral("file %1 fails authentication (damaged)").arg(name));
    return plain;
}

Result<QString> SealedFiles::write(FileKind kind, const QByteArray &plain) const
{
    const QByteArray sealed = seal(plain);
    const QString name = crypto::sha256(sealed).toHex();
    STRATA_TRY(m_backend.write(kind, name, sealed));
    return name;
}

QByteArray SealedFiles::note(QJsonObject fields) const
{
    fields.insert(QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    return seal(QJsonDocument(fields).toJson(QJsonDocument::Compact));
}

Result<QSet<QString>> SealedFiles::names(FileKind kind) const
{
    auto files = m_backend.list(kind);
    STRATA_TRY(files);
    QSet<QString> names;
    for (const FileInfo &f : *files)
        names.insert(f.name);
    return names;
}

} // namespace strata
