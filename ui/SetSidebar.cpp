#include "SetSidebar.h"

#include "models/SetListModel.h"
#include "StatusColors.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QVBoxLayout>

namespace strata {

namespace {

using Result = SetStatus::Result;

// How many average characters a status line gets at the sidebar's narrowest.
constexpr int StatusChars = 26;

// The glyph of a last result: green check, amber "!", red cross, a running arc, a grey bar for
// cancelled, an empty ring for never. Drawn with vectors, so crisp at any scale.
void drawStatusGlyph(QPainter &p, Result result, const QRectF &box, const QPalette &palette)
{
    const double d = std::min(box.width(), box.height());
    const QRectF circle(box.center().x() - d / 2, box.center().y() - d / 2, d, d);
    const QPointF c = circle.center();
    const double r = d / 2;
    const double stroke = std::max(1.5, d / 8);
    const QColor mark = palette.color(QPalette::Base);
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    switch (result) {
    case Result::Succeeded:
        p.setPen(Qt::NoPen);
        p.setBrush(successColor(palette));
        p.drawEllipse(circle);
        p.setPen(QPen(mark, stroke, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawPolyline(QPolygonF{{c.x() - r * 0.45, c.y()},
                                 {c.x() - r * 0.1, c.y() + r * 0.35},
                                 {c.x() + r * 0.5, c.y() - r * 0.35}});
        break;
    case Result::Partial:
        p.setPen(Qt::NoPen);
        p.setBrush(warningColor(palette));
        p.drawEllipse(circle);
        p.setPen(QPen(mark, stroke, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(c.x(), c.y() - r * 0.5), QPointF(c.x(), c.y() + r * 0.1));
        p.drawPoint(QPointF(c.x(), c.y() + r * 0.45));
        break;
    case Result::Failed:
        p.setPen(Qt::NoPen);
        p.setBrush(errorColor(palette));
        p.drawEllipse(circle);
        p.setPen(QPen(mark, stroke, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(c.x() - r * 0.4, c.y() - r * 0.4), QPointF(c.x() + r * 0.4, c.y() + r * 0.4));
        p.drawLine(QPointF(c.x() - r * 0.4, c.y() + r * 0.4), QPointF(c.x() + r * 0.4, c.y() - r * 0.4));
        break;
    case Result::Running:
        p.setPen(QPen(palette.color(QPalette::Highlight), stroke, Qt::SolidLine, Qt::RoundCap));
        p.setBrush(Qt::NoBrush);
        p.drawArc(circle.adjusted(stroke / 2, stroke / 2, -stroke / 2, -stroke / 2), 90 * 16, -270 * 16);
        break;
    case Result::Cancelled:
        p.setPen(QPen(palette.color(QPalette::Text), 1));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(circle.adjusted(0.5, 0.5, -0.5, -0.5));
        p.setPen(QPen(palette.color(QPalette::Text), stroke, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(c.x() - r * 0.45, c.y()), QPointF(c.x() + r * 0.45, c.y()));
        break;
    case Result::Never:
        p.setPen(QPen(palette.color(QPalette::PlaceholderText), stroke, Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(circle.adjusted(stroke / 2, stroke / 2, -stroke / 2, -stroke / 2));
        break;
    }
    p.restore();
}

// `text` broken between words into at most `maxLines` lines of `width`, the last one elided.
QStringList wrapped(const QString &text, const QFontMetrics &metrics, int width, int maxLines)
{
    QStringList lines;
    QString rest = text.trimmed();
    while (lines.size() < maxLines - 1 && metrics.horizontalAdvance(rest) > width) {
        qsizetype cut = -1;
        for (qsizetype space = rest.indexOf(QLatin1Char(' ')); space > 0;
             space = rest.indexOf(QLatin1Char(' '), space + 1)) {
            if (metrics.horizontalAdvance(rest.left(space)) > width)
                break;
            cut = space;
        }
        if (cut < 0)
            break; // one word wider than the line: elided below
        lines << rest.left(cut);
        rest = rest.mid(cut + 1).trimmed();
    }
    if (!rest.isEmpty())
        lines << metrics.elidedText(rest, Qt::ElideRight, width);
    return lines;
}

// What a row says, line by line, at a given width: what sizeHint counts is what paint draws.
struct RowText
{
    QString name;
    QStringList status; // the last run (wrapped onto a second line if need be), then the next run
    QStringList stale;  // why the set is stale, wrapped likewise; empty when it is not

    qsizetype lineCount() const { return 1 + status.size() + stale.size(); }
    QStringList lines() const { return QStringList{name} + status + stale; }
};

int padding(const QFontMetrics &metrics)
{
    return metrics.height() / 3;
}

int glyphSize(const QFontMetrics &metrics)
{
    return metrics.height() * 7 / 5;
}

// From the row's left edge to its text.
int textIndent(const QFontMetrics &metrics)
{
    return 2 * padding(metrics) + glyphSize(metrics);
}

RowText rowText(const QModelIndex &index, const QFont &font, int rowWidth)
{
    const QFontMetrics metrics(font);
    const int width = std::max(1, rowWidth - textIndent(metrics) - padding(metrics));
    QFont bold = font;
    bold.setBold(true);
    RowText row;
    row.name = QFontMetrics(bold).elidedText(index.data().toString(), Qt::ElideRight, width);
    row.status = wrapped(index.data(SetListModel::LastRunTextRole).toString(), metrics, width, 2);
    if (const QString next = index.data(SetListModel::NextRunTextRole).toString(); !next.isEmpty())
        row.status << metrics.elidedText(next, Qt::ElideRight, width);
    if (index.data(SetListModel::StaleRole).toBool())
        row.stale = wrapped(index.data(SetListModel::StaleTextRole).toString(), metrics, width, 2);
    return row;
}

// The row's width: the item's own, or (asked for a size before layout) the view's.
int rowWidth(const QStyleOptionViewItem &option)
{
    if (option.rect.width() > 0)
        return option.rect.width();
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        return view->viewport()->width();
    return 200;
}

// The name in bold, the last and the next run, and a warning when the set is stale, beside the
// glyph; a line that does not fit goes on to a second one rather than being cut.
class SetDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QFontMetrics &metrics = option.fontMetrics;
        const RowText row = rowText(index, option.font, rowWidth(option));
        // The width is a floor, not a wish: the view gives every row its full width.
        return {textIndent(metrics) + padding(metrics),
                int(row.lineCount()) * metrics.height() + 2 * padding(metrics)};
    }

    void paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.text.clear(); // the panel only: the lines are drawn below
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, p, widget);

        const bool selected = option.state & QStyle::State_Selected;
        const QPalette &pal = option.palette;
        const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
        QColor secondary = text;
        secondary.setAlphaF(0.75);
        const QFontMetrics &metrics = option.fontMetrics;
        const int line = metrics.height();
        const int pad = padding(metrics);
        const QRect &rect = option.rect;

        const QRectF glyph(rect.left() + pad, rect.top() + pad + line * 0.15, glyphSize(metrics),
                           glyphSize(metrics));
        drawStatusGlyph(*p, Result(index.data(SetListModel::StatusRole).toInt()), glyph, pal);

        const RowText row = rowText(index, option.font, rect.width());
        const int textLeft = rect.left() + textIndent(metrics);
        QRect lineRect(textLeft, rect.top() + pad, rect.right() - pad - textLeft + 1, line);
        const auto draw = [&](const QString &s) {
            p->drawText(lineRect, Qt::AlignLeft | Qt::AlignVCenter, s);
            lineRect.translate(0, line);
        };
        p->save();
        QFont bold = option.font;
        bold.setBold(true);
        p->setFont(bold);
        p->setPen(text);
        draw(row.name);
        p->setFont(option.font);
        p->setPen(secondary);
        for (const QString &s : row.status)
            draw(s);
        // Amber on the base colour; on the highlight it would lose contrast.
        p->setPen(selected ? text : warningColor(pal));
        for (const QString &s : row.stale)
            draw(s);
        p->restore();
    }
};

} // namespace

SetSidebar::SetSidebar(SetListModel *model, QWidget *parent) : QWidget(parent), m_model(model)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *heading = new QLabel(tr("Backup &sets"), this);
    layout->addWidget(heading);

    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("sets"));
    m_view->setAccessibleName(tr("Backup sets"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new SetDelegate(m_view));
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setTextElideMode(Qt::ElideRight);
    // The rows wrap and elide to the view's width, so they are laid out again when it changes
    // and never need a horizontal scroll bar.
    m_view->setResizeMode(QListView::Adjust);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    heading->setBuddy(m_view);
    layout->addWidget(m_view, 1);

    m_backup =
        makeAction(tr("&Back Up Now"), QKeySequence(Qt::CTRL | Qt::Key_B), QStringLiteral("backupAction"));
    m_edit = makeAction(tr("&Edit…"), QKeySequence(Qt::CTRL | Qt::Key_E), QStringLiteral("editAction"));
    m_new = makeAction(tr("&New Set…"), QKeySequence::New, QStringLiteral("newSetAction"));
    m_remove = makeAction(tr("&Remove…"), QKeySequence::Delete, QStringLiteral("removeAction"));
    connect(m_backup, &QAction::triggered, this, [this] { Q_EMIT backupRequested(m_current); });
    connect(m_edit, &QAction::triggered, this, [this] { Q_EMIT editRequested(m_current); });
    connect(m_new, &QAction::triggered, this, &SetSidebar::newSetRequested);
    connect(m_remove, &QAction::triggered, this, [this] { Q_EMIT removeRequested(m_current); });

    // "Back up now" is the main action: a full-width button; the others share a row.
    auto *backupButton = new QPushButton(this);
    backupButton->setObjectName(QStringLiteral("backupButton"));
    backupButton->setText(m_backup->text());
    backupButton->setToolTip(m_backup->toolTip());
    connect(backupButton, &QPushButton::clicked, m_backup, &QAction::trigger);
    connect(m_backup, &QAction::changed, backupButton,
            [this, backupButton] { backupButton->setEnabled(m_backup->isEnabled()); });
    layout->addWidget(backupButton);
    auto *row = new QHBoxLayout;
    for (QAction *action : {m_new, m_edit, m_remove}) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        row->addWidget(button);
    }
    layout->addLayout(row);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &SetSidebar::syncCurrent);
    connect(m_view, &QListView::activated, m_edit, &QAction::trigger);
    connect(m_view, &QWidget::customContextMenuRequested, this, &SetSidebar::showContextMenu);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SetSidebar::restoreCurrentAfterReset);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &to) {
                // A stale line appears or goes: the row's height changes.
                for (int row = from.row(); row <= to.row(); ++row)
                    Q_EMIT m_view->itemDelegate()->sizeHintChanged(m_model->index(row));
                updateActions();
            });

    restoreCurrentAfterReset();
}

QSize SetSidebar::minimumSizeHint() const
{
    // "Last backup 59 minutes ago" and "Next: tomorrow 12:00 PM" on a line each, beside the glyph.
    const QFontMetrics metrics = m_view->fontMetrics();
    const int text = textIndent(metrics) + padding(metrics) + StatusChars * metrics.averageCharWidth();
    const int chrome =
        2 * m_view->frameWidth() + style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_view);
    const QSize fromLayout = QWidget::minimumSizeHint();
    return {std::max(fromLayout.width(), text + chrome), fromLayout.height()};
}

QStringList SetSidebar::linesShown(const QString &id) const
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return {};
    return rowText(m_model->index(row), m_view->font(), m_view->viewport()->width()).lines();
}

QAction *SetSidebar::makeAction(const QString &text, const QKeySequence &shortcut, const QString &objectName)
{
    auto *action = new QAction(text, this);
    action->setObjectName(objectName);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QString tip = text;
    tip.remove(QLatin1Char('&'));
    action->setToolTip(tr("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
    addAction(action);
    return action;
}

void SetSidebar::setCurrentSet(const QString &id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    m_view->setCurrentIndex(m_model->index(row));
}

void SetSidebar::syncCurrent()
{
    const QString id = m_model->setIdAt(m_view->currentIndex().row());
    updateActions();
    if (id == m_current)
        return;
    m_current = id;
    Q_EMIT currentSetChanged(id);
}

void SetSidebar::restoreCurrentAfterReset()
{
    int row = m_model->rowOf(m_current);
    if (row < 0 && m_model->rowCount() > 0)
        row = 0;
    if (row >= 0)
        m_view->setCurrentIndex(m_model->index(row));
    syncCurrent();
}

void SetSidebar::updateActions()
{
    const bool any = !m_model->setIdAt(m_view->currentIndex().row()).isEmpty();
    const bool running = any && m_model->status(m_model->setIdAt(m_view->currentIndex().row())).last ==
                                    SetStatus::Result::Running;
    m_backup->setEnabled(any && !running);
    m_edit->setEnabled(any);
    m_remove->setEnabled(any);
}

void SetSidebar::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (index.isValid())
        m_view->setCurrentIndex(index);
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("setMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (index.isValid()) {
        menu->addAction(m_backup);
        menu->addAction(m_edit);
        menu->addAction(m_remove);
        menu->addSeparator();
    }
    menu->addAction(m_new);
    menu->popup(m_view->viewport()->mapToGlobal(pos));
}

} // namespace strata
