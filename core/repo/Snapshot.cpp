#include "repo/Snapshot.h"

#include "util/Timestamp.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace strata {

QString kindName(BackupKind kind)
{
    switch (kind) {
    case BackupKind::Full:
        return QStringLiteral("full");
    case BackupKind::Incremental:
        return QStringLiteral("incremental");
    case BackupKind::Differential:
        return QStringLiteral("differential");
    case BackupKind::Safety:
        return QStringLiteral("safety");
    }
    return {};
}

std::optional<BackupKind> kindFromName(const QString &name)
{
    for (BackupKind k :
         {BackupKind::Full, BackupKind::Incremental, BackupKind::Differential, BackupKind::Safety})
        if (kindName(k) == name)
            return k;
    return std::nullopt;
}

QJsonObject Snapshot::toJson() const
{
    QJsonObject s{{QStringLiteral("files"), stats.files},
                  {QStringLiteral("dirs"), stats.dirs},
                  {QStringLiteral("bytes"), stats.bytes},
                  {QStringLiteral("files_new"), stats.filesNew},
                  {QStringLiteral("files_changed"), stats.filesChanged},
                  {QStringLiteral("files_unmodified"), stats.filesUnmodified},
                  {QStringLiteral("bytes_read"), stats.bytesRead},
                  {QStringLiteral("blobs_added"), stats.blobsAdded},
                  {QStringLiteral("bytes_added"), stats.bytesAdded},
                  {QStringLiteral("duration_ms"), stats.durationMs},
                  {QStringLiteral("warnings"), stats.warnings}};
    QJsonArray raw;
    for (const QByteArray &p : rawPaths)
        raw.append(QString::fromLatin1(p.toBase64()));
    QJsonObject o{{QStringLiteral("time"), time.toUTC().toString(Qt::ISODateWithMs)},
                  {QStringLiteral("host"), host},
                  {QStringLiteral("user"), user},
                  {QStringLiteral("set"), set},
                  {QStringLiteral("paths"), QJsonArray::fromStringList(paths)},
                  {QStringLiteral("raw_paths"), raw},
                  {QStringLiteral("tags"), QJsonArray::fromStringList(tags)},
                  {QStringLiteral("kind"), kindName(kind)},
                  {QStringLiteral("parent"), parent},
                  {QStringLiteral("tree"), tree.toHex()},
                  {QStringLiteral("stats"), s},
                  {QStringLiteral("program"), program},
                  {QStringLiteral("attributes"),
                   QJsonObject{{QStringLiteral("xattrs"), keptXattrs}, {QStringLiteral("acls"), keptAcls}}}};
    if (!original.isEmpty())
        o.insert(QStringLiteral("original"), original);
    return o;
}

Result<Snapshot> Snapshot::parse(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        return Error::corrupt(QStringLiteral("is not valid JSON"));
    return fromJson(doc.object());
}

Result<Snapshot> Snapshot::fromJson(const QJsonObject &o)
{
    Snapshot s;
    s.time = timeFromIsoText(o.value(QStringLiteral("time")).toString());
    s.host = o.value(QStringLiteral("host")).toString();
    s.user = o.value(QStringLiteral("user")).toString();
    s.set = o.value(QStringLiteral("set")).toString();
    for (const auto &v : o.value(QStringLiteral("paths")).toArray())
        s.paths << v.toString();
    for (const auto &v : o.value(QStringLiteral("raw_paths")).toArray())
        s.rawPaths << QByteArray::fromBase64(v.toString().toLatin1());
    if (s.rawPaths.size() != s.paths.size()) {
        s.rawPaths.clear();
        for (const QString &p : s.paths)
            s.rawPaths << QFile::encodeName(p);
    }
    for (const auto &v : o.value(QStringLiteral("tags")).toArray())
        s.tags << v.toString();
    const auto kind = kindFromName(o.value(QStringLiteral("kind")).toString());
    const auto tree = BlobId::fromHex(o.value(QStringLiteral("tree")).toString());
    if (!s.time.isValid() || !kind || !tree)
        return Error::corrupt(QStringLiteral("lacks a valid time, kind or tree"));
    s.kind = *kind;
    s.tree = *tree;
    s.parent = o.value(QStringLiteral("parent")).toString();
    s.program = o.value(QStringLiteral("program")).toString();
    s.original = o.value(QStringLiteral("original")).toString();
    const QJsonObject attributes = o.value(QStringLiteral("attributes")).toObject();
    s.keptXattrs = attributes.value(QStringLiteral("xattrs")).toBool(false);
    s.keptAcls = attributes.value(QStringLiteral("acls")).toBool(false);
    const QJsonObject st = o.value(QStringLiteral("stats")).toObject();
    auto get = [&](const char *key) { return st.value(QLatin1String(key)).toInteger(); };
    s.stats.files = get("files");
    s.stats.dirs = get("dirs");
    s.stats.bytes = get("bytes");
    s.stats.filesNew = get("files_new");
    s.stats.filesChanged = get("files_changed");
    s.stats.filesUnmodified = get("files_unmodified");
    s.stats.bytesRead = get("bytes_read");
    s.stats.blobsAdded = get("blobs_added");
    s.stats.bytesAdded = get("bytes_added");
    s.stats.durationMs = get("duration_ms");
    s.stats.warnings = get("warnings");
    return s;
}

} // namespace strata
