#include "storage/Backend.h"

#include "storage/LocalBackend.h"

#include <QDir>
#include <QUrl>

namespace strata {

Result<std::unique_ptr<Backend>> openBackend(const QString &url)
{
    // Not trimmed: a path may legitimately start or end with a space.
    const QString &spec = url;
    if (spec.isEmpty())
        return Error::invalid(QStringLiteral("no repository location given"));

    QString path;
    if (spec.startsWith(QLatin1String("file://"), Qt::CaseInsensitive)) {
        const QUrl u(spec);
        if (!u.isValid() || !u.isLocalFile() || u.toLocalFile().isEmpty())
            return Error::invalid(QStringLiteral("not a valid file URL: %1").arg(spec));
        path = u.toLocalFile();
    } else if (const qsizetype sep = spec.indexOf(QLatin1String("://")); sep > 0) {
        return Error{ErrorCode::Unsupported,
                     QStringLiteral("no backend for scheme %1 yet").arg(spec.left(sep).toLower())};
    } else {
        path = spec;
    }
    // Relative paths are resolved once, here: a later chdir must not move the repository.
    path = QDir::cleanPath(QDir::current().absoluteFilePath(path));
    return std::unique_ptr<Backend>(std::make_unique<LocalBackend>(path));
}

} // namespace strata
