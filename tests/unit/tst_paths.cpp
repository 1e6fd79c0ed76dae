// Paths as bytes: cleaning them as QDir::cleanPath does, without losing a byte of a name that
// is not UTF-8.
#include "util/Paths.h"

#include <QTest>

using namespace strata;

class TestPaths : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clean_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("root") << QByteArray("/") << QByteArray("/");
        QTest::newRow("doubled slashes and dots") << QByteArray("//a//b/./c/") << QByteArray("/a/b/c");
        QTest::newRow("dot-dot") << QByteArray("/a/b/../c") << QByteArray("/a/c");
        QTest::newRow("above the root") << QByteArray("/../../a") << QByteArray("/a");
        QTest::newRow("relative keeps what it cannot resolve")
            << QByteArray("a/../../b") << QByteArray("../b");
        QTest::newRow("relative to nothing") << QByteArray("./a/..") << QByteArray(".");
        QTest::newRow("not UTF-8") << QByteArray("/caf\xe9//r\xe9sum\xe9/./x/..")
                                   << QByteArray("/caf\xe9/r\xe9sum\xe9");
        QTest::newRow("dots inside names") << QByteArray("/a/..b/c.") << QByteArray("/a/..b/c.");
    }

    void clean()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, expected);
        QCOMPARE(paths::clean(path), expected);
    }

    void absoluteBelow()
    {
        QCOMPARE(paths::absoluteBelow("/base", "x/y"), QByteArray("/base/x/y"));
        QCOMPARE(paths::absoluteBelow("/base", "/abs/../z"), QByteArray("/z"));
        QCOMPARE(paths::absoluteBelow("/", ""), QByteArray("/"));
        QCOMPARE(paths::absoluteBelow("/base", "caf\xe9"), QByteArray("/base/caf\xe9"));
    }
};

QTEST_GUILESS_MAIN(TestPaths)
#include "tst_paths.moc"
