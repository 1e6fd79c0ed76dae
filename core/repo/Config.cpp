#include "repo/Config.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace strata {

namespace {
const QString kMagic = QStringLiteral("strata-repository");
}

QByteArray RepoConfig::toJson() const
{
    QJsonObject chunker{{QStringLiteral("algorithm"), QStringLiteral("fastcdc")},
                        {QStringLiteral("min"), qint64(chunkMin)},
                        {QStringLiteral("avg"), qint64(chunkAvg)},
                        {QStringLiteral("max"), qint64(chunkMax)}};
    QJsonObject o{
        {QStringLiteral("format"), kMagic},
        {QStringLiteral("version"), version},
        {QStringLiteral("id"), id},
        {QStringLiteral("chunker"), chunker},
        {QStringLiteral("compression"), QJsonObject{{QStringLiteral("algorithm"), QStringLiteral("zstd")},
                                                    {QStringLiteral("level"), compressionLevel}}},
        {QStringLiteral("pack_size"), qint64(packSize)},
        {QStringLiteral("cipher"), cipher},
        {QStringLiteral("blob_id"), blobIdHash}};
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Result<RepoConfig> RepoConfig::fromJson(const QByteArray &json)
{
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (doc.isNull() || !doc.isObject())
        return Error::corrupt(
            QStringLiteral("the repository's config file is not valid JSON (%1)").arg(perr.errorString()));
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("format")).toString() != kMagic)
        return Error::corrupt(QStringLiteral("the config file does not describe a Strata repository"));

    RepoConfig c;
    c.version = o.value(QStringLiteral("version")).toInt(-1);
    if (c.version > RepositoryFormatVersion)
        return Error{ErrorCode::Unsupported,
                     QStringLiteral("the repository uses format version %1, but this build of Strata reads "
                                    "versions up to %2: install a newer Strata")
                         .arg(c.version)
                         .arg(RepositoryFormatVersion)};
    if (c.version < 1)
        return Error::corrupt(QStringLiteral("the config file has no valid format version"));

    c.id = o.value(QStringLiteral("id")).toString();
    const QJsonObject chunker = o.value(QStringLiteral("chunker")).toObject();
    c.chunkMin = quint32(chunker.value(QStringLiteral("min")).toInteger());
    c.chunkAvg = quint32(chunker.value(QStringLiteral("avg")).toInteger());
    c.chunkMax = quint32(chunker.value(QStringLiteral("max")).toInteger());
    const QJsonObject comp = o.value(QStringLiteral("compression")).toObject();
    c.compressionLevel = comp.value(QStringLiteral("level")).toInt(3);
    c.packSize = quint32(o.value(QStringLiteral("pack_size")).toInteger(16 << 20));
    c.cipher = o.value(QStringLiteral("cipher")).toString();
    c.blobIdHash = o.value(QStringLiteral("blob_id")).toString();

    const bool avgIsPowerOfTwo = c.chunkAvg && (c.chunkAvg & (c.chunkAvg - 1)) == 0;
    if (c.id.size() != 64 || c.chunkMin < 4096 || !avgIsPowerOfTwo || c.chunkMin >= c.chunkAvg ||
        c.chunkAvg >= c.chunkMax || c.chunkMax > (64u << 20) || c.packSize < (1u << 20) ||
        c.packSize > (1u << 30))
        return Error::corrupt(QStringLiteral("the config file has invalid chunker or pack settings"));
    if (c.cipher != QStringLiteral("aes-256-gcm") || c.blobIdHash != QStringLiteral("hmac-sha256"))
        return Error{ErrorCode::Unsupported,
                     QStringLiteral("unknown cipher %1 or blob id %2").arg(c.cipher, c.blobIdHash)};
    if (c.compressionLevel < 0 || c.compressionLevel > 22)
        return Error::corrupt(QStringLiteral("the config file has an invalid compression level"));
    return c;
}

} // namespace strata
