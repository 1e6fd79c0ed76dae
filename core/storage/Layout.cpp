#include "storage/Layout.h"

namespace strata {

QString subdirOf(FileKind kind)
{
    switch (kind) {
    case FileKind::Config:
        return {};
    case FileKind::Key:
        return QStringLiteral("keys");
    case FileKind::Pack:
        return QStringLiteral("data");
    case FileKind::Index:
        return QStringLiteral("index");
    case FileKind::Snapshot:
        return QStringLiteral("snapshots");
    case FileKind::Lock:
        return QStringLiteral("locks");
    case FileKind::Forgotten:
        return QStringLiteral("forgotten");
    case FileKind::Retired:
        return QStringLiteral("retired");
    }
    return {};
}

Status checkName(FileKind kind, const QString &name)
{
    if (kind == FileKind::Config)
        return {};
    const qsizetype minLength = kind == FileKind::Pack ? 2 : 1;
    if (name.size() < minLength || name.startsWith(QLatin1Char('.')) || name.contains(QLatin1Char('/')) ||
        name.contains(QChar(u'\0')))
        return Error::invalid(QStringLiteral("invalid repository file name \"%1\"").arg(name));
    return {};
}

} // namespace strata
