#include "ServerEnv.h"

#include <QFile>
#include <QRegularExpression>

namespace strata::test {

QHash<QString, QString> readServerEnv(const QString &envVarName, QString *why)
{
    const auto fail = [why](const QString &message) {
        if (why)
            *why = message;
        return QHash<QString, QString>();
    };
    const QString path = qEnvironmentVariable(qPrintable(envVarName));
    if (path.isEmpty())
        return fail(QStringLiteral("%1 is not set: run this test through ctest, which starts its server "
                                   "(tests/servers/README.md)")
                        .arg(envVarName));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return fail(QStringLiteral("%1=%2: cannot read it (%3); did the server's start fixture fail?")
                        .arg(envVarName, path, file.errorString()));

    static const QRegularExpression line(QStringLiteral("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$"));
    QHash<QString, QString> values;
    int number = 0;
    while (!file.atEnd()) {
        ++number;
        const QString text = QString::fromUtf8(file.readLine()).trimmed();
        if (text.isEmpty() || text.startsWith(QLatin1Char('#')))
            continue;
        const QRegularExpressionMatch m = line.match(text);
        if (!m.hasMatch())
            return fail(QStringLiteral("%1 line %2 is not KEY=VALUE: %3").arg(path).arg(number).arg(text));
        values.insert(m.captured(1), m.captured(2));
    }
    if (values.isEmpty())
        return fail(QStringLiteral("%1 is empty; did the server's start fixture fail?").arg(path));
    if (why)
        why->clear();
    return values;
}

} // namespace strata::test
