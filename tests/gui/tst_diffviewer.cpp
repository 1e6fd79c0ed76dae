// The diff viewer on the offscreen platform over a real repository: text side by side with
// F7 / Shift+F7 between changes, a version against the disk, images with the changed region
// found, other files by hash, and a side that cannot be read.
#include "Crafted.h"
#include "DiffViewer.h"
#include "models/TextDiffModel.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QSlider>
#include <QTableView>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

using namespace strata;
using namespace strata::test;

class TestDiffViewer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void textSideBySide();
    void syntaxColouring();
    void versionAgainstDisk();
    void imagesWithTheChangedRegion();
    void otherFilesByHash();
    void unreadableSide();

private:
    // Opens a viewer and waits until it shows its answer.
    std::unique_ptr<DiffViewer> open(DiffViewer::Side before, DiffViewer::Side after);
    DiffViewer::Side version(const char *name) const
    {
        return DiffViewer::versionSide(m_version, QByteArray("/hostile/") + name);
    }

    QTemporaryDir m_tmp;
    QTranslator m_english; // the English plural forms: "2 lines removed"
    std::shared_ptr<Repository> m_repo;
    Node m_oldLua, m_newLua, m_oldText, m_newText, m_oldImage, m_newImage, m_oldBin, m_newBin;
    Snapshot m_version;
    QByteArray m_newTextBytes;
};

std::unique_ptr<DiffViewer> TestDiffViewer::open(DiffViewer::Side before, DiffViewer::Side after)
{
    auto viewer = std::make_unique<DiffViewer>(m_repo, std::move(before), std::move(after));
    QSignalSpy loaded(viewer.get(), &DiffViewer::loaded);
    viewer->show();
    if (!loaded.wait(20000))
        qWarning("the viewer did not load");
    return viewer;
}

void TestDiffViewer::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY(m_english.load(QStringLiteral(":/i18n/strata_en.qm")));
    QVERIFY(QCoreApplication::installTranslator(&m_english));
    auto repo = initCraftRepository(m_tmp.filePath(QStringLiteral("repo")));
    QVERIFY(repo.ok());
    m_repo = *repo;
    QByteArray oldText, newText;
    for (int i = 1; i <= 60; ++i) {
        oldText += "option" + QByteArray::number(i) + " = " + QByteArray::number(i) + '\n';
        newText +=
            "option" + QByteArray::number(i) + " = " + QByteArray::number(i == 5 || i == 40 ? -i : i) + '\n';
    }
    m_newTextBytes = newText;
    const auto png = [](int shade) {
        QImage image(64, 48, QImage::Format_RGB32);
        image.fill(Qt::white);
        for (int y = 30; y < 35; ++y)
            for (int x = 20; x < 30; ++x)
                image.setPixel(x, y, qRgb(shade, 0, 0));
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        return bytes;
    };
    QByteArray bin(4096, '\0');
    QByteArray bin2 = bin;
    bin2[1000] = 1;
    const auto make = [&](const char *name, const QByteArray &content, Node *out) {
        auto n = craftFile(*m_repo, name, content);
        if (n)
            *out = *n;
        return n.ok();
    };
    QVERIFY(make("old.txt", oldText, &m_oldText) && make("new.txt", newText, &m_newText) &&
            make("old.png", png(255), &m_oldImage) && make("new.png", png(0), &m_newImage) &&
            make("old.bin", bin, &m_oldBin) && make("new.bin", bin2, &m_newBin) &&
            make("old.lua", "local volume = 80 -- percent\n", &m_oldLua) &&
            make("new.lua", "local volume = 65 -- percent\n", &m_newLua));
    auto v = craftVersion(
        *m_repo, {m_oldLua, m_newLua, m_oldText, m_newText, m_oldImage, m_newImage, m_oldBin, m_newBin});
    QVERIFY(v.ok());
    m_version = *v;
}

void TestDiffViewer::textSideBySide()
{
    auto viewer = open(version("old.txt"), version("new.txt"));
    QVERIFY(viewer->result());
    QAbstractItemModelTester tester(viewer->textModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(viewer->textModel()->rowCount(), 60);
    QCOMPARE(viewer->textModel()->changeRows(), (QList<int>{4, 39}));
    const QString summary = viewer->findChild<QLabel *>(QStringLiteral("summary"))->text();
    QVERIFY2(summary.contains(QStringLiteral("2 lines removed")), qPrintable(summary));
    // It opens on the first change; F7 and Shift+F7 step between them.
    QTableView *view = viewer->textView();
    QCOMPARE(view->currentIndex().row(), 4);
    QTest::keyClick(view, Qt::Key_F7);
    QCOMPARE(view->currentIndex().row(), 39);
    QTest::keyClick(view, Qt::Key_F7); // none after the last: stays
    QCOMPARE(view->currentIndex().row(), 39);
    QTest::keyClick(view, Qt::Key_F7, Qt::ShiftModifier);
    QCOMPARE(view->currentIndex().row(), 4);
    // The changed word is marked on both sides.
    const auto spans = view->model()
                           ->index(4, TextDiffModel::NewTextColumn)
                           .data(TextDiffModel::InlineSpansRole)
                           .value<QList<QPoint>>();
    QCOMPARE(spans.size(), 1);
    QVERIFY(!viewer->grab().isNull()); // paints without trouble
}

void TestDiffViewer::syntaxColouring()
{
    // A Lua script is coloured on both sides; a .txt file is not.
    auto viewer = open(version("old.lua"), version("new.lua"));
    QVERIFY(viewer->result());
    const auto spansAt = [&](int column) {
        return viewer->textModel()
            ->index(0, column)
            .data(TextDiffModel::SyntaxRole)
            .value<QList<SyntaxSpan>>();
    };
    for (int column : {int(TextDiffModel::OldTextColumn), int(TextDiffModel::NewTextColumn)}) {
        const QList<SyntaxSpan> spans = spansAt(column);
        QVERIFY(!spans.isEmpty());
        QCOMPARE(spans.first(), (SyntaxSpan{0, 5, SyntaxStyle::Keyword})); // "local"
        QCOMPARE(spans.last().style, SyntaxStyle::Comment);
    }
    QVERIFY(!viewer->grab().isNull());
    auto plain = open(version("old.txt"), version("new.txt"));
    QVERIFY(
        plain->textModel()->index(4, TextDiffModel::NewTextColumn).data(TextDiffModel::SyntaxRole).isNull());
}

void TestDiffViewer::versionAgainstDisk()
{
    QByteArray onDisk = m_newTextBytes;
    onDisk.replace("option60 = 60\n", "option60 = 60\noption61 = 61\n");
    const QString path = m_tmp.filePath(QStringLiteral("disk.txt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write(onDisk) == onDisk.size());
    f.close();
    auto viewer = open(version("new.txt"), DiffViewer::diskSide(QFile::encodeName(path)));
    QVERIFY(viewer->result() && viewer->result()->text);
    QCOMPARE(viewer->result()->text->linesAdded, 1);
    QCOMPARE(viewer->textModel()->changeRows(), QList<int>{60});

    // A file that did not exist before: every line is added.
    auto added = open(version("never-there.txt"), version("new.txt"));
    QVERIFY(added->result() && added->result()->text);
    QCOMPARE(added->result()->text->linesAdded, 60);
}

void TestDiffViewer::imagesWithTheChangedRegion()
{
    auto viewer = open(version("old.png"), version("new.png"));
    QVERIFY(viewer->result());
    QCOMPARE(viewer->result()->kind, ContentKind::Image);
    const QString summary = viewer->findChild<QLabel *>(QStringLiteral("summary"))->text();
    QVERIFY2(summary.contains(QStringLiteral("changed region 10×5 at 20, 30")), qPrintable(summary));
    QVERIFY(!viewer->findChild<QLabel *>(QStringLiteral("imageBefore"))->pixmap().isNull());
    QVERIFY(!viewer->findChild<QLabel *>(QStringLiteral("imageAfter"))->pixmap().isNull());

    // Blink: one image in place of both, Space flips it; Swipe: a divider the slider moves.
    auto *mode = viewer->findChild<QComboBox *>(QStringLiteral("imageMode"));
    auto *overlay = viewer->findChild<QWidget *>(QStringLiteral("imageOverlay"));
    auto *swipe = viewer->findChild<QSlider *>(QStringLiteral("imageSwipe"));
    QVERIFY(mode && overlay && swipe);
    QVERIFY(!overlay->isVisible());
    mode->setCurrentIndex(1);
    QVERIFY(overlay->isVisible());
    QVERIFY(!swipe->isVisible());
    overlay->setFocus();
    const QImage blinkA = overlay->grab().toImage();
    QTest::keyClick(overlay, Qt::Key_Space);
    const QImage blinkB = overlay->grab().toImage();
    QVERIFY(blinkA != blinkB); // the other image
    mode->setCurrentIndex(2);
    QVERIFY(swipe->isVisible());
    swipe->setValue(0);
    const QImage allBefore = overlay->grab().toImage();
    swipe->setValue(1000);
    const QImage allAfter = overlay->grab().toImage();
    QVERIFY(allBefore != allAfter);
    mode->setCurrentIndex(0);
    QVERIFY(!overlay->isVisible());
}

void TestDiffViewer::otherFilesByHash()
{
    auto viewer = open(version("old.bin"), version("new.bin"));
    QVERIFY(viewer->result());
    QCOMPARE(viewer->result()->kind, ContentKind::Binary);
    const QString summary = viewer->findChild<QLabel *>(QStringLiteral("summary"))->text();
    QVERIFY2(summary.contains(QStringLiteral("first difference at byte 1,000")), qPrintable(summary));
    const QString message = viewer->findChild<QLabel *>(QStringLiteral("message"))->text();
    QVERIFY2(message.contains(QString::fromLatin1(viewer->result()->b.sha256.toHex())), qPrintable(message));
}

void TestDiffViewer::unreadableSide()
{
    auto viewer = open(version("old.txt"), DiffViewer::diskSide(QFile::encodeName(m_tmp.path())));
    QVERIFY(!viewer->result());
    const QString message = viewer->findChild<QLabel *>(QStringLiteral("message"))->text();
    QVERIFY2(message.contains(QStringLiteral("not a file")), qPrintable(message));
}

QTEST_MAIN(TestDiffViewer)
#include "tst_diffviewer.moc"
