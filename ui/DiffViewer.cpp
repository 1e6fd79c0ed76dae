#include "DiffViewer.h"
#include "models/TimeText.h"

#include "diff/SyntaxColouring.h"
#include "engine/Listing.h"
#include "models/TextDiffModel.h"
#include "repo/Repository.h"
#include "util/Async.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QSlider>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTextLayout>
#include <QTimer>
#include <QVBoxLayout>

namespace strata {

namespace {

QColor tint(const QColor &base, const QColor &with, qreal share)
{
    return QColor::fromRgbF(base.redF() * (1 - share) + with.redF() * share,
                            base.greenF() * (1 - share) + with.greenF() * share,
                            base.blueF() * (1 - share) + with.blueF() * share);
}

// The colour of a syntax style on a light or a dark base.
QColor syntaxColour(SyntaxStyle style, bool dark)
{
    switch (style) {
    case SyntaxStyle::Keyword:
        return dark ? QColor(120, 170, 255) : QColor(30, 70, 170);
    case SyntaxStyle::Type:
        return dark ? QColor(90, 210, 200) : QColor(0, 120, 120);
    case SyntaxStyle::String:
        return dark ? QColor(230, 160, 110) : QColor(170, 60, 0);
    case SyntaxStyle::Comment:
        return dark ? QColor(140, 170, 140) : QColor(95, 120, 95);
    case SyntaxStyle::Number:
        return dark ? QColor(220, 140, 220) : QColor(140, 30, 140);
    case SyntaxStyle::Preprocessor:
        return dark ? QColor(220, 190, 100) : QColor(130, 90, 0);
    case SyntaxStyle::Function:
        return dark ? QColor(150, 200, 255) : QColor(0, 90, 160);
    case SyntaxStyle::Key:
        return dark ? QColor(170, 190, 255) : QColor(60, 50, 160);
    case SyntaxStyle::Symbol:
    case SyntaxStyle::Plain:
        break;
    }
    return {};
}

// Paints a row's tint by what it is, the changed characters of a changed line darker, and the
// text in its syntax colours. One QTextLayout per cell, so tabs and the marks stay aligned.
class DiffLineDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        using K = TextDiffModel::RowKind;
        const auto kind = K(index.data(TextDiffModel::RowKindRole).toInt());
        const bool oldSide = index.column() <= TextDiffModel::OldTextColumn;
        const bool empty = !index.data().isValid();
        const QColor base = option.palette.color(QPalette::Base);
        const QColor removed(220, 50, 47), added(60, 170, 60);
        QColor background = base;
        if (kind == K::Removed || (kind == K::Changed && oldSide))
            background = tint(base, removed, 0.16);
        else if (kind == K::Added || (kind == K::Changed && !oldSide))
            background = tint(base, added, 0.16);
        if (empty && kind != K::Same)
            background = tint(base, option.palette.color(QPalette::Mid), 0.25); // nothing opposite
        painter->save();
        painter->fillRect(option.rect, background);
        if (option.state & QStyle::State_Selected)
            painter->fillRect(option.rect, tint(background, option.palette.color(QPalette::Highlight), 0.3));
        const QString text = index.data().toString();
        const QRect r = option.rect.adjusted(4, 0, -4, 0);
        const bool lineNumber =
            index.column() == TextDiffModel::OldLineColumn || index.column() == TextDiffModel::NewLineColumn;
        if (lineNumber) {
            painter->setPen(option.palette.color(QPalette::PlaceholderText));
            painter->setFont(option.font);
            painter->drawText(r, Qt::AlignRight | Qt::AlignVCenter, text);
            painter->restore();
            return;
        }
        QList<QTextLayout::FormatRange> formats;
        const bool dark = base.lightness() < 128;
        for (const SyntaxSpan &s : index.data(TextDiffModel::SyntaxRole).value<QList<SyntaxSpan>>()) {
            const QColor colour = syntaxColour(s.style, dark);
            if (!colour.isValid())
                continue;
            QTextLayout::FormatRange range{s.start, s.length, {}};
            range.format.setForeground(colour);
            if (s.style == SyntaxStyle::Comment)
                range.format.setFontItalic(true);
            formats.append(range);
        }
        for (const QPoint &s : index.data(TextDiffModel::InlineSpansRole).value<QList<QPoint>>()) {
            QTextLayout::FormatRange range{s.x(), s.y(), {}};
            range.format.setBackground(tint(base, oldSide ? removed : added, 0.42));
            formats.append(range);
        }
        QTextLayout layout(text, option.font);
        QTextOption textOption;
        textOption.setWrapMode(QTextOption::NoWrap);
        textOption.setTabStopDistance(QFontMetricsF(option.font).horizontalAdvance(QLatin1Char(' ')) * 8);
        layout.setTextOption(textOption);
        layout.setFormats(formats);
        layout.beginLayout();
        QTextLine line = layout.createLine();
        if (line.isValid())
            line.setLineWidth(1e6);
        layout.endLayout();
        painter->setPen(option.palette.color(QPalette::Text));
        painter->setClipRect(r);
        layout.draw(painter, QPointF(r.left(), r.top() + (r.height() - line.height()) / 2));
        painter->restore();
    }
};

// Where two images of the same size differ, or an empty rectangle.
QRect changedRegion(const QImage &a, const QImage &b)
{
    if (a.size() != b.size())
        return {};
    const QImage x = a.convertToFormat(QImage::Format_ARGB32), y = b.convertToFormat(QImage::Format_ARGB32);
    int left = x.width(), top = x.height(), right = -1, bottom = -1;
    for (int row = 0; row < x.height(); ++row) {
        const auto *pa = reinterpret_cast<const QRgb *>(x.constScanLine(row));
        const auto *pb = reinterpret_cast<const QRgb *>(y.constScanLine(row));
        for (int col = 0; col < x.width(); ++col) {
            if (pa[col] == pb[col])
                continue;
            left = std::min(left, col);
            right = std::max(right, col);
            top = std::min(top, row);
            bottom = std::max(bottom, row);
        }
    }
    return right < 0 ? QRect() : QRect(QPoint(left, top), QPoint(right, bottom));
}

QPixmap outlined(const QImage &image, const QRect &region, const QColor &colour)
{
    QPixmap pixmap = QPixmap::fromImage(image);
    if (!region.isEmpty()) {
        QPainter p(&pixmap);
        p.setPen(QPen(colour, std::max(1, image.width() / 200)));
        p.drawRect(region.adjusted(-1, -1, 1, 1));
    }
    return pixmap;
}

} // namespace

// Both images in one place: blinking from one to the other, or the new one swiped over the old
// one up to a divider. Scaled alike, so what moved stands out.
class ImageOverlay final : public QWidget
{
public:
    enum class Mode
    {
        Blink,
        Swipe
    };
    explicit ImageOverlay(QWidget *parent) : QWidget(parent)
    {
        setMinimumSize(64, 64);
        setFocusPolicy(Qt::StrongFocus);
        m_timer.setInterval(700);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            m_showAfter = !m_showAfter;
            update();
        });
    }
    void setImages(QPixmap before, QPixmap after)
    {
        m_before = std::move(before);
        m_after = std::move(after);
        update();
    }
    void setMode(Mode mode)
    {
        m_mode = mode;
        if (mode == Mode::Blink && isVisible())
            m_timer.start();
        else
            m_timer.stop();
        update();
    }
    void setSwipe(int permille)
    {
        m_swipe = permille;
        update();
    }
    bool showingAfter() const { return m_showAfter; }

protected:
    void showEvent(QShowEvent *) override { setMode(m_mode); }
    void hideEvent(QHideEvent *) override { m_timer.stop(); }
    void keyPressEvent(QKeyEvent *event) override
    {
        if (m_mode == Mode::Blink && event->key() == Qt::Key_Space) { // flip by hand
            m_timer.stop();
            m_showAfter = !m_showAfter;
            update();
            return;
        }
        QWidget::keyPressEvent(event);
    }
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        const QSize size =
            (m_after.isNull() ? m_before : m_after).size().scaled(this->size(), Qt::KeepAspectRatio);
        const QSize shown = size.width() > m_before.width() && size.width() > m_after.width()
                                ? (m_after.isNull() ? m_before : m_after).size()
                                : size;
        const QRect box(QPoint((width() - shown.width()) / 2, (height() - shown.height()) / 2), shown);
        if (m_mode == Mode::Blink) {
            const QPixmap &image = m_showAfter ? m_after : m_before;
            if (!image.isNull())
                p.drawPixmap(box, image);
            p.setPen(palette().color(QPalette::WindowText));
            p.drawText(rect().adjusted(4, 4, -4, -4), Qt::AlignTop | Qt::AlignLeft,
                       m_showAfter ? DiffViewer::tr("After") : DiffViewer::tr("Before"));
            return;
        }
        const int divider = box.left() + box.width() * m_swipe / 1000;
        if (!m_before.isNull())
            p.drawPixmap(box, m_before);
        if (!m_after.isNull()) {
            p.save();
            p.setClipRect(QRect(QPoint(box.left(), box.top()), QPoint(divider, box.bottom())));
            p.drawPixmap(box, m_after);
            p.restore();
        }
        p.setPen(QPen(palette().color(QPalette::Highlight), 2));
        p.drawLine(divider, box.top(), divider, box.bottom());
    }

private:
    QPixmap m_before, m_after;
    Mode m_mode = Mode::Blink;
    int m_swipe = 500;
    bool m_showAfter = false;
    QTimer m_timer;
};

DiffViewer::Side DiffViewer::versionSide(const Snapshot &version, const QByteArray &path)
{
    return {tr("Version of %1").arg(timeText(version.time)), version, path};
}

DiffViewer::Side DiffViewer::diskSide(const QByteArray &path)
{
    return {tr("On disk now"), std::nullopt, path};
}

DiffViewer::DiffViewer(std::shared_ptr<Repository> repo, Side before, Side after, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Compare %1").arg(QFile::decodeName(after.path)));
    setObjectName(QStringLiteral("diffViewer"));
    auto *layout = new QVBoxLayout(this);
    auto *titles = new QHBoxLayout;
    auto *beforeTitle = new QLabel(before.title, this);
    auto *afterTitle = new QLabel(after.title, this);
    beforeTitle->setObjectName(QStringLiteral("beforeTitle"));
    afterTitle->setObjectName(QStringLiteral("afterTitle"));
    titles->addWidget(beforeTitle, 1);
    titles->addWidget(afterTitle, 1);
    layout->addLayout(titles);

    m_summary = new QLabel(tr("Comparing…"), this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    m_pages = new QStackedWidget(this);
    m_model = new TextDiffModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("textDiff"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new DiffLineDelegate(m_view));
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(QFontMetrics(m_view->font()).height() + 2);
    m_view->horizontalHeader()->setSectionResizeMode(TextDiffModel::OldLineColumn,
                                                     QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(TextDiffModel::NewLineColumn,
                                                     QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(TextDiffModel::OldTextColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(TextDiffModel::NewTextColumn, QHeaderView::Stretch);
    m_pages->addWidget(m_view);

    // Images: side by side, blinking, or swiped, chosen above them.
    auto *images = new QWidget(this);
    auto *imagesLayout = new QVBoxLayout(images);
    auto *modeRow = new QHBoxLayout;
    m_imageMode = new QComboBox(images);
    m_imageMode->setObjectName(QStringLiteral("imageMode"));
    m_imageMode->addItems({tr("Side by side"), tr("Blink (Space flips)"), tr("Swipe")});
    auto *modeLabel = new QLabel(tr("&View:"), images);
    modeLabel->setBuddy(m_imageMode);
    m_swipe = new QSlider(Qt::Horizontal, images);
    m_swipe->setObjectName(QStringLiteral("imageSwipe"));
    m_swipe->setRange(0, 1000);
    m_swipe->setValue(500);
    m_swipe->setAccessibleName(tr("Swipe position"));
    m_swipe->hide();
    modeRow->addWidget(modeLabel);
    modeRow->addWidget(m_imageMode);
    modeRow->addWidget(m_swipe, 1);
    modeRow->addStretch();
    imagesLayout->addLayout(modeRow);
    auto *imageViews = new QStackedWidget(images);
    auto *sides = new QWidget(imageViews);
    auto *imageLayout = new QHBoxLayout(sides);
    m_imageBefore = new QLabel(sides);
    m_imageAfter = new QLabel(sides);
    m_imageBefore->setObjectName(QStringLiteral("imageBefore"));
    m_imageAfter->setObjectName(QStringLiteral("imageAfter"));
    for (QLabel *l : {m_imageBefore, m_imageAfter}) {
        l->setAlignment(Qt::AlignCenter);
        l->setMinimumSize(64, 64);
        imageLayout->addWidget(l, 1);
    }
    imageViews->addWidget(sides);
    m_overlay = new ImageOverlay(imageViews);
    m_overlay->setObjectName(QStringLiteral("imageOverlay"));
    imageViews->addWidget(m_overlay);
    imagesLayout->addWidget(imageViews, 1);
    connect(m_imageMode, &QComboBox::currentIndexChanged, this, [this, imageViews, sides](int mode) {
        imageViews->setCurrentWidget(mode == 0 ? sides : static_cast<QWidget *>(m_overlay));
        m_overlay->setMode(mode == 2 ? ImageOverlay::Mode::Swipe : ImageOverlay::Mode::Blink);
        m_swipe->setVisible(mode == 2);
    });
    connect(m_swipe, &QSlider::valueChanged, this, [this](int value) { m_overlay->setSwipe(value); });
    m_pages->addWidget(images);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pages->addWidget(m_message);
    layout->addWidget(m_pages, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *previous = buttons->addButton(tr("&Previous Change"), QDialogButtonBox::ActionRole);
    auto *next = buttons->addButton(tr("&Next Change"), QDialogButtonBox::ActionRole);
    previous->setObjectName(QStringLiteral("previousChange"));
    next->setObjectName(QStringLiteral("nextChange"));
    previous->setToolTip(tr("Shift+F7"));
    next->setToolTip(tr("F7"));
    connect(previous, &QPushButton::clicked, this, &DiffViewer::previousChange);
    connect(next, &QPushButton::clicked, this, &DiffViewer::nextChange);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    auto *nextAction = new QAction(this);
    nextAction->setShortcut(Qt::Key_F7);
    connect(nextAction, &QAction::triggered, this, &DiffViewer::nextChange);
    auto *previousAction = new QAction(this);
    previousAction->setShortcut(Qt::SHIFT | Qt::Key_F7);
    connect(previousAction, &QAction::triggered, this, &DiffViewer::previousChange);
    addActions({nextAction, previousAction});
    resize(1000, 640);

    runAsync(
        this,
        [repo = std::move(repo), before = std::move(before), after = std::move(after),
         cancel = m_cancel]() -> Result<Compared> {
            const auto read = [&](const Side &side) -> Result<FileSide> {
                if (side.absent)
                    return FileSide{};
                if (!side.version)
                    return readDiskFile(side.path, cancel);
                Result<std::optional<Node>> node = findEntry(*repo, *side.version, side.path);
                STRATA_TRY(node);
                if (!*node)
                    return FileSide{}; // the version does not hold it
                return readVersionFile(*repo, **node, cancel);
            };
            Result<FileSide> a = read(before);
            STRATA_TRY(a);
            Result<FileSide> b = read(after);
            STRATA_TRY(b);
            Result<FileDiff> diff = diffFiles(std::move(*a), std::move(*b), cancel);
            STRATA_TRY(diff);
            Compared compared{std::move(*diff), {}, {}};
            if (compared.diff.text && !compared.diff.identical()) {
                const QString language = syntaxLanguageFor(after.absent ? before.path : after.path);
                compared.syntaxA = colourSyntax(language, compared.diff.text->a, cancel);
                compared.syntaxB = colourSyntax(language, compared.diff.text->b, cancel);
            }
            STRATA_TRY(cancel.check());
            return compared;
        },
        [this](Result<Compared> compared) { present(std::move(compared)); });
}

DiffViewer::~DiffViewer()
{
    m_cancel.cancel();
}

void DiffViewer::present(Result<Compared> compared)
{
    if (!compared) {
        m_summary->setText(tr("The files could not be compared."));
        m_message->setText(compared.error().message);
        m_pages->setCurrentWidget(m_message);
        Q_EMIT loaded();
        return;
    }
    m_result = std::move(compared->diff);
    const FileDiff &d = *m_result;
    const QLocale locale;
    if (d.identical()) {
        m_summary->setText(tr("The files are identical."));
    } else if (d.text) {
        m_summary->setText(tr("%1 removed, %2 added (%3)")
                               .arg(tr("%n line(s)", "", int(d.text->linesRemoved)),
                                    tr("%n line(s)", "", int(d.text->linesAdded)),
                                    textEncodingName(d.text->b.encoding())));
    } else {
        QString text = tr("%1 → %2 bytes").arg(locale.toString(d.a.size), locale.toString(d.b.size));
        if (d.firstDifference >= 0 && d.a.exists && d.b.exists)
            text += QStringLiteral("; ") +
                    tr("first difference at byte %1").arg(locale.toString(d.firstDifference));
        m_summary->setText(text);
    }
    if (d.text) {
        m_model->setDiff(*d.text, std::move(compared->syntaxA), std::move(compared->syntaxB));
        m_pages->setCurrentWidget(m_view);
        if (!m_model->changeRows().isEmpty())
            goToRow(m_model->changeRows().first());
    } else if (d.kind == ContentKind::Image) {
        showImages(d);
    } else {
        const auto hash = [](const FileSide &s) {
            return s.exists ? QString::fromLatin1(s.sha256.toHex()) : tr("(not there)");
        };
        m_message->setText(
            tr("These files are not text.\nBefore: %1 bytes, SHA-256 %2\nAfter: %3 bytes, SHA-256 %4")
                .arg(locale.toString(d.a.size), hash(d.a), locale.toString(d.b.size), hash(d.b)));
        m_pages->setCurrentWidget(m_message);
    }
    Q_EMIT loaded();
}

void DiffViewer::showImages(const FileDiff &diff)
{
    const QImage before = QImage::fromData(diff.a.bytes), after = QImage::fromData(diff.b.bytes);
    if (before.isNull() && after.isNull()) {
        m_message->setText(tr("These images cannot be shown."));
        m_pages->setCurrentWidget(m_message);
        return;
    }
    const QRect region = changedRegion(before, after);
    const QColor mark = palette().color(QPalette::Highlight);
    const QSize box(460, 460);
    const auto fit = [&](const QPixmap &p) {
        return p.width() > box.width() || p.height() > box.height()
                   ? p.scaled(box, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                   : p;
    };
    if (before.isNull())
        m_imageBefore->setText(tr("(not there)"));
    else
        m_imageBefore->setPixmap(fit(outlined(before, region, mark)));
    if (after.isNull())
        m_imageAfter->setText(tr("(not there)"));
    else
        m_imageAfter->setPixmap(fit(outlined(after, region, mark)));
    m_overlay->setImages(before.isNull() ? QPixmap() : outlined(before, region, mark),
                         after.isNull() ? QPixmap() : outlined(after, region, mark));
    if (!region.isEmpty())
        m_summary->setText(m_summary->text() + QStringLiteral("; ") +
                           tr("changed region %1×%2 at %3, %4")
                               .arg(region.width())
                               .arg(region.height())
                               .arg(region.left())
                               .arg(region.top()));
    m_pages->setCurrentIndex(1);
}

void DiffViewer::goToRow(int row)
{
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, TextDiffModel::NewTextColumn);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void DiffViewer::nextChange()
{
    goToRow(m_model->nextChange(m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1));
}

void DiffViewer::previousChange()
{
    const int row = m_view->currentIndex().isValid() ? m_view->currentIndex().row() : m_model->rowCount();
    goToRow(m_model->previousChange(row));
}

} // namespace strata
