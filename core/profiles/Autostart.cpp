#include "profiles/Autostart.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace strata::autostart {

QString entryPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/autostart/io.strata.Strata.desktop");
}

bool isEnabled()
{
    QFile file(entryPath());
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return !file.readAll().contains("\nHidden=true");
}

Status setEnabled(bool enabled, const QString &program)
{
    const QString path = entryPath();
    if (!enabled) {
        if (QFile::exists(path) && !QFile::remove(path))
            return Error::io(QStringLiteral("cannot remove %1").arg(path));
        return {};
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Error::io(QStringLiteral("cannot create the folder of %1").arg(path));
    // Exec quoting (Desktop Entry spec): a program path with spaces is double-quoted, and
    // inside quotes ", `, $ and \ are escaped.
    QString quoted = program;
    for (const char c : {'\\', '"', '`', '$'})
        quoted.replace(QLatin1Char(c), QStringLiteral("\\") + QLatin1Char(c));
    const QByteArray entry = "[Desktop Entry]\n"
                             "Type=Application\n"
                             "Name=Strata\n"
                             "Comment=Scheduled backups in the background\n"
                             "Exec=\"" +
                             quoted.toUtf8() +
                             "\" --minimized\n"
                             "Icon=io.strata.Strata\n"
                             "X-GNOME-Autostart-enabled=true\n"
                             "NoDisplay=true\n";
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(entry) != entry.size() || !file.commit())
        return Error::io(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace strata::autostart
