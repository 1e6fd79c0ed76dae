// The translations strata_ui embeds under :/i18n: pt_BR (the language of the specification) is
// complete, and English supplies the plural forms its numerus source strings ("%n version(s)")
// cannot spell. The .ts files themselves are checked too, so a string added to the UI later
// without a translation fails here rather than showing up in English to a Brazilian user.
#include "profiles/BackupSet.h"
#include "profiles/Presets.h"
#include "ScheduleEditor.h"
#include "Translations.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QTranslator>
#include <QtTest>
#include <QXmlStreamReader>

using namespace strata;

namespace {

// One <message> of a .ts file, as far as these checks need it.
struct TsMessage
{
    QString context;
    QString source;
    bool numerus = false;
    QString type;      // of the <translation>: "unfinished", "vanished", ... or empty when done
    QStringList forms; // the translation, or its <numerusform>s
};

QList<TsMessage> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<TsMessage> messages;
    QString context;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            TsMessage message;
            message.context = context;
            message.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            messages.append(message);
        } else if (name == QLatin1String("source") && !messages.isEmpty()) {
            messages.last().source = xml.readElementText();
        } else if (name == QLatin1String("translation") && !messages.isEmpty()) {
            TsMessage &message = messages.last();
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            if (!message.numerus)
                message.forms.append(xml.readElementText());
        } else if (name == QLatin1String("numerusform") && !messages.isEmpty()) {
            messages.last().forms.append(xml.readElementText());
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1 at line %2").arg(xml.errorString()).arg(xml.lineNumber());
    return messages;
}

// Loads :/i18n/<name>.qm from strata_ui's resources and installs it; QTranslator's destructor
// uninstalls it again.
bool install(QTranslator &translator, const QString &name)
{
    return translator.load(QStringLiteral(":/i18n/%1.qm").arg(name)) &&
           QCoreApplication::installTranslator(&translator);
}

// The %1, %L2 and %n a text fills in, sorted: a translation must keep every one.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression marker(QStringLiteral("%L?\\d+|%n"));
    QStringList found;
    for (auto it = marker.globalMatch(text); it.hasNext();)
        found << it.next().captured();
    found.sort();
    return found;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void portugueseCoversEveryPart_data()
    {
        QTest::addColumn<QByteArray>("context");
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<QString>("expected");
        QTest::newRow("main window") << QByteArray("strata::MainWindow") << QByteArray("&Back Up Now")
                                     << QStringLiteral("&Fazer backup agora");
        QTest::newRow("sidebar") << QByteArray("strata::SetSidebar") << QByteArray("Backup sets")
                                 << QStringLiteral("Conjuntos de backup");
        QTest::newRow("restore wizard")
            << QByteArray("strata::wizard::ConflictsPage") << QByteArray("&Take a safety version first")
            << QStringLiteral("&Fazer antes uma versão de segurança");
        QTest::newRow("setup assistant")
            << QByteArray("strata::SetupAssistant") << QByteArray("Set Up Backups")
            << QStringLiteral("Configurar backups");
        QTest::newRow("password storage") << QByteArray("strata::PasswordStorageChooser")
                                          << QByteArray("In the system &keychain (recommended)")
                                          << QStringLiteral("No &chaveiro do sistema (recomendado)");
        QTest::newRow("tray") << QByteArray("strata::TrayIcon") << QByteArray("&Pause for 1 hour")
                              << QStringLiteral("&Pausar por 1 hora");
        QTest::newRow("timeline") << QByteArray("strata::TimelineWidget") << QByteArray("No versions yet")
                                  << QStringLiteral("Ainda não há versões");
    }

    void portugueseCoversEveryPart()
    {
        QFETCH(QByteArray, context);
        QFETCH(QByteArray, source);
        QFETCH(QString, expected);
        QTranslator translator;
        QVERIFY(install(translator, QStringLiteral("strata_pt_BR")));
        QCOMPARE(QCoreApplication::translate(context.constData(), source.constData()), expected);
    }

    void portuguesePluralsAndRealCallers()
    {
        QTranslator translator;
        QVERIFY(install(translator, QStringLiteral("strata_pt_BR")));
        QCOMPARE(QCoreApplication::translate("strata::MainWindow", "%n version(s)", nullptr, 1),
                 QStringLiteral("1 versão"));
        QCOMPARE(QCoreApplication::translate("strata::MainWindow", "%n version(s)", nullptr, 3),
                 QStringLiteral("3 versões"));
        Schedule schedule;
        schedule.mode = Schedule::Mode::EveryHours;
        schedule.hours = 6;
        QCOMPARE(ScheduleEditor::describe(schedule), QStringLiteral("a cada 6 horas"));

        // Presets translate at run time in the context lupdate files them under.
        QCOMPARE(presets::documents().name, QStringLiteral("Documentos"));
    }

    void englishSpellsPlurals()
    {
        QTranslator translator;
        QVERIFY(install(translator, QStringLiteral("strata_en")));
        QCOMPARE(QCoreApplication::translate("strata::MainWindow", "%n version(s)", nullptr, 1),
                 QStringLiteral("1 version"));
        QCOMPARE(QCoreApplication::translate("strata::MainWindow", "%n version(s)", nullptr, 2),
                 QStringLiteral("2 versions"));
        Schedule schedule;
        schedule.mode = Schedule::Mode::EveryHours;
        schedule.hours = 1;
        QCOMPARE(ScheduleEditor::describe(schedule), QStringLiteral("every 1 hour"));
        // Only plurals are in it: everything else stays the English source.
        QCOMPARE(QCoreApplication::translate("strata::MainWindow", "&Back Up Now"),
                 QStringLiteral("&Back Up Now"));
    }

    // installTranslations(), which app/gui/main.cpp calls, finds the right file for each locale,
    // and a locale Strata has no translation for (C.UTF-8, German) still gets English plurals.
    void localesFindTheirFile_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<QString>("one");
        QTest::addColumn<QString>("seven");
        QTest::newRow("pt_BR") << QLocale(QLocale::Portuguese, QLocale::Brazil) << QStringLiteral("1 versão")
                               << QStringLiteral("7 versões");
        QTest::newRow("en_US") << QLocale(QLocale::English, QLocale::UnitedStates)
                               << QStringLiteral("1 version") << QStringLiteral("7 versions");
        QTest::newRow("C") << QLocale::c() << QStringLiteral("1 version") << QStringLiteral("7 versions");
        QTest::newRow("de_DE") << QLocale(QLocale::German, QLocale::Germany) << QStringLiteral("1 version")
                               << QStringLiteral("7 versions");
    }
    void localesFindTheirFile()
    {
        QFETCH(QLocale, locale);
        QFETCH(QString, one);
        QFETCH(QString, seven);
        const auto installed = installTranslations(locale);
        QVERIFY(!installed.empty());
        QCOMPARE(QCoreApplication::translate("strata::MainWindow", "%n version(s)", nullptr, 1), one);
        QCOMPARE(QCoreApplication::translate("strata::MainWindow", "%n version(s)", nullptr, 7), seven);
    }

    // Both .ts files are finished: no unfinished or vanished entries, every numerus message has
    // its two forms, and no translation loses a placeholder or its keyboard mnemonic.
    void tsFilesAreComplete_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("pluralsOnly");
        QTest::newRow("pt_BR") << QStringLiteral("strata_pt_BR.ts") << false;
        QTest::newRow("en") << QStringLiteral("strata_en.ts") << true;
    }

    void tsFilesAreComplete()
    {
        QFETCH(QString, file);
        QFETCH(bool, pluralsOnly);
        QString error;
        const QList<TsMessage> messages =
            readTs(QStringLiteral(STRATA_SOURCE_DIR "/translations/") + file, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(messages.size() > (pluralsOnly ? 10 : 500));

        QStringList problems;
        for (const TsMessage &m : messages) {
            const QString where = QStringLiteral("%1 \"%2\"").arg(m.context, m.source);
            if (!m.type.isEmpty())
                problems << QStringLiteral("%1 is %2").arg(where, m.type);
            if (pluralsOnly && !m.numerus)
                problems << where + QStringLiteral(" is not a plural");
            if (m.forms.size() != (m.numerus ? 2 : 1))
                problems << QStringLiteral("%1 has %2 forms").arg(where).arg(m.forms.size());
            for (const QString &form : m.forms) {
                if (form.trimmed().isEmpty())
                    problems << where + QStringLiteral(" has an empty translation");
                else if (placeholders(form) != placeholders(m.source))
                    problems << QStringLiteral("%1 lost a placeholder: \"%2\"").arg(where, form);
                else if (form.count(QLatin1Char('&')) != m.source.count(QLatin1Char('&')))
                    problems << QStringLiteral("%1 changed its mnemonics: \"%2\"").arg(where, form);
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
