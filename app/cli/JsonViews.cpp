#include "JsonViews.h"

#include "Console.h"

#include <QFile>
#include <QJsonArray>

namespace strata::cli {

QJsonObject statsJson(const SnapshotStats &s)
{
    return {
        {QStringLiteral("files"), s.files},
        {QStringLiteral("dirs"), s.dirs},
        {QStringLiteral("bytes"), s.bytes},
        {QStringLiteral("filesNew"), s.filesNew},
        {QStringLiteral("filesChanged"), s.filesChanged},
        {QStringLiteral("filesUnmodified"), s.filesUnmodified},
        {QStringLiteral("bytesRead"), s.bytesRead},
        {QStringLiteral("blobsAdded"), s.blobsAdded},
        {QStringLiteral("bytesAdded"), s.bytesAdded},
        {QStringLiteral("durationMs"), s.durationMs},
        {QStringLiteral("warnings"), s.warnings},
    };
}

QJsonObject snapshotJson(const Snapshot &s)
{
    QJsonObject o{
        {QStringLiteral("id"), s.id},
        {QStringLiteral("shortId"), s.shortId()},
        {QStringLiteral("time"), isoTime(s.time)},
        {QStringLiteral("kind"), kindName(s.kind)},
        {QStringLiteral("set"), s.set},
        {QStringLiteral("host"), s.host},
        {QStringLiteral("user"), s.user},
        {QStringLiteral("paths"), QJsonArray::fromStringList(s.paths)},
        {QStringLiteral("tags"), QJsonArray::fromStringList(s.tags)},
        {QStringLiteral("parent"), s.parent},
        {QStringLiteral("tree"), s.tree.toHex()},
        {QStringLiteral("program"), s.program},
        {QStringLiteral("stats"), statsJson(s.stats)},
    };
    if (!s.original.isEmpty())
        o.insert(QStringLiteral("original"), s.original);
    return o;
}

QJsonObject keyJson(const KeyEntry &key)
{
    return {
        {QStringLiteral("id"), key.id},
        {QStringLiteral("current"), key.current},
        {QStringLiteral("host"), key.host},
        {QStringLiteral("user"), key.user},
        {QStringLiteral("created"), isoTime(key.created)},
        {QStringLiteral("problem"), key.problem.isEmpty() ? QJsonValue() : QJsonValue(key.problem)},
    };
}

QJsonObject nodeJson(const QString &path, const Node &node)
{
    QJsonObject o{
        {QStringLiteral("path"), path},
        {QStringLiteral("name"), QFile::decodeName(node.name)},
        {QStringLiteral("type"), nodeTypeName(node.type)},
        {QStringLiteral("mode"), qint64(node.mode)},
        {QStringLiteral("permissions"), modeString(node.type, node.mode)},
        {QStringLiteral("uid"), qint64(node.uid)},
        {QStringLiteral("gid"), qint64(node.gid)},
        {QStringLiteral("size"), qint64(node.size)},
        {QStringLiteral("mtime"), isoTime(node.mtime.toDateTime())},
        {QStringLiteral("mtimeNs"), node.mtime.nsText()},
    };
    if (node.type == NodeType::Symlink)
        o.insert(QStringLiteral("target"), QFile::decodeName(node.linkTarget));
    if (node.links > 1)
        o.insert(QStringLiteral("links"), qint64(node.links));
    if (!node.user.isEmpty())
        o.insert(QStringLiteral("user"), QString::fromUtf8(node.user));
    if (!node.group.isEmpty())
        o.insert(QStringLiteral("group"), QString::fromUtf8(node.group));
    if (!node.xattrs.empty()) {
        QJsonArray names;
        for (const ExtendedAttribute &a : node.xattrs)
            names.append(QString::fromUtf8(a.name));
        o.insert(QStringLiteral("xattrs"), names);
    }
    return o;
}

} // namespace strata::cli
