// The engine must never need Qt Gui or Widgets: the CLI and servers run without a display,
// and a GUI include in core/ is how such a dependency starts. Checks the linked result of a
// program that links only strata_core, and every source file under core/.
#include <QDirIterator>
#include <QObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

class TestLayering final : public QObject
{
    Q_OBJECT

private:
    static QStringList guiLibraries(const QString &text)
    {
        static const QRegularExpression lib(
            QStringLiteral("libQt6(Gui|Widgets|OpenGL|OpenGLWidgets|Svg|SvgWidgets|"
                           "Quick|Qml|PrintSupport|XcbQpa|WaylandClient)\\b[^\\s\\]]*"));
        QStringList found;
        for (auto it = lib.globalMatch(text); it.hasNext();)
            found.append(it.next().captured(0));
        found.removeDuplicates();
        return found;
    }

    static QString run(const QString &program, const QStringList &args)
    {
        QProcess p;
        p.start(program, args);
        if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            return QString();
        return QString::fromLocal8Bit(p.readAllStandardOutput());
    }

    // Lines that include a Qt Gui or Widgets header, e.g. <QWidget>, <QtGui/QImage>, "QIcon".
    static const QRegularExpression &guiInclude()
    {
        // Plain literals: moc cannot parse a raw string literal that holds quotes and '#'.
        static const QRegularExpression re(
            QStringLiteral(
                "^\\s*#\\s*include\\s*[<\"](QtWidgets|QtGui|QtSvg|QtOpenGL|"
                "Q(Widget|Application|GuiApplication|Pixmap|Image|Icon|Color|Font|FontMetrics|Painter|"
                "Palette|Brush|Pen|Action|KeySequence|Clipboard|DesktopServices|Screen|Window|Dialog|"
                "MessageBox|SystemTrayIcon|Movie|Cursor|StandardItemModel|TextDocument|Validator|"
                "IntValidator|RegularExpressionValidator))[>\"/]"),
            QRegularExpression::MultilineOption);
        return re;
    }

private Q_SLOTS:
    void probeNeedsNoGuiLibrary()
    {
        const QString probe = QStringLiteral(STRATA_LAYERING_PROBE);
        QVERIFY2(QFileInfo::exists(probe), qPrintable(probe));

        const QString needed = run(QStringLiteral("readelf"), {QStringLiteral("-d"), probe});
        QVERIFY2(needed.contains(QLatin1String("(NEEDED)")), "readelf -d gave no NEEDED entries");
        QVERIFY2(needed.contains(QLatin1String("libQt6Core")), "the probe does not even need QtCore?");
        QCOMPARE(guiLibraries(needed), QStringList());

        // ldd also lists what the direct dependencies pull in (Qt Keychain, QuaZip, KArchive).
        const QString all = run(QStringLiteral("ldd"), {probe});
        QVERIFY2(all.contains(QLatin1String("libQt6Core")), qPrintable(all));
        QVERIFY2(!all.contains(QLatin1String("not found")), qPrintable(all));
        QCOMPARE(guiLibraries(all), QStringList());
    }

    void detectorCatchesGuiIncludes()
    {
        // Guards the check below against a regular expression that matches nothing.
        for (const char *line : {"#include <QWidget>", "#include <QtGui/QImage>", "  #  include \"QIcon\"",
                                 "#include <QtWidgets>", "#include <QPixmap>", "#include <QGuiApplication>"})
            QVERIFY2(guiInclude().match(QLatin1String(line)).hasMatch(), line);
        for (const char *line : {"#include <QString>", "#include <QImageReader_not>", "// #include <QWidget>",
                                 "#include <QCoreApplication>", "#include <QIODevice>"})
            QVERIFY2(!guiInclude().match(QLatin1String(line)).hasMatch(), line);
    }

    void coreSourcesIncludeNoGuiHeader()
    {
        const QString core = QStringLiteral(STRATA_SOURCE_DIR "/core");
        QVERIFY(QFileInfo(core).isDir());
        QStringList offenders;
        int files = 0;
        QDirIterator it(core,
                        {QStringLiteral("*.h"), QStringLiteral("*.cpp"), QStringLiteral("*.hpp"),
                         QStringLiteral("*.cc"), QStringLiteral("*.txt"), QStringLiteral("*.cmake")},
                        QDir::Files, QDirIterator::Subdirectories);
        static const QRegularExpression cmakeGui(QStringLiteral(R"(Qt6?::(Gui|Widgets|Svg|OpenGL))"));
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
            const QString text = QString::fromUtf8(f.readAll());
            ++files;
            const bool isCMake =
                path.endsWith(QLatin1String(".txt")) || path.endsWith(QLatin1String(".cmake"));
            if (isCMake) {
                // Comments may name the rule; only a link line may not.
                for (const QString &line : text.split(QLatin1Char('\n'))) {
                    if (!line.trimmed().startsWith(QLatin1Char('#')) && cmakeGui.match(line).hasMatch())
                        offenders.append(path + QStringLiteral(": ") + line.trimmed());
                }
                continue;
            }
            for (auto m = guiInclude().globalMatch(text); m.hasNext();)
                offenders.append(path + QStringLiteral(": ") + m.next().captured(0).trimmed());
        }
        QVERIFY(files > 5);
        QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestLayering)
#include "tst_layering.moc"
