// The XDG autostart entry: written where desktops look, starting Strata minimized with its
// path quoted, and removed again.
#include "profiles/Autostart.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

class TestAutostart : public QObject
{
    Q_OBJECT
    QTemporaryDir m_config;

private Q_SLOTS:
    void initTestCase() { qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8()); }

    void writesAndRemovesTheEntry()
    {
        QCOMPARE(autostart::entryPath(),
                 m_config.path() + QStringLiteral("/autostart/io.strata.Strata.desktop"));
        QVERIFY(!autostart::isEnabled());
        QVERIFY(autostart::setEnabled(true, QStringLiteral("/opt/my apps/strata")).ok());
        QVERIFY(autostart::isEnabled());
        QFile file(autostart::entryPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY2(text.contains("\nExec=\"/opt/my apps/strata\" --minimized\n"), text.constData());
        QVERIFY(text.startsWith("[Desktop Entry]\n"));
        // An independent reader agrees the entry is well formed (installer/setup.sh --test installs it).
        const QString validator = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
        QVERIFY2(!validator.isEmpty(), "desktop-file-validate is missing: run installer/setup.sh --test");
        QCOMPARE(QProcess::execute(validator, {autostart::entryPath()}), 0);
        QVERIFY(autostart::setEnabled(false, {}).ok());
        QVERIFY(!autostart::isEnabled());
        QVERIFY(!QFile::exists(autostart::entryPath()));
        QVERIFY(autostart::setEnabled(false, {}).ok()); // nothing to remove is fine
    }
};

QTEST_GUILESS_MAIN(TestAutostart)
#include "tst_autostart.moc"
