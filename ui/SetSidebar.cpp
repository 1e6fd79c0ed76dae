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

// Two lines (name, status) and a third when the set is stale, beside the glyph.
class SetDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const int line = option.fontMetrics.height();
        const int lines = index.data(SetListModel::StaleRole).toBool() ? 3 : 2;
        return {option.rect.width() > 0 ? option.rect.width() : 200, lines * line + 2 * padding(option)};
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
        const int line = option.fontMetrics.height();
        const int pad = padding(option);
        const QRect area = option.rect.adjusted(pad, pad, -pad, -pad);

        const QRectF glyph(area.left(), area.top() + line * 0.15, line * 1.4, line * 1.4);
        drawStatusGlyph(*p, Result(index.data(SetListModel::StatusRole).toInt()), glyph, pal);

        const int textLeft = int(glyph.right()) + pad;
        const QRect textRect(textLeft, area.top(), area.right() - textLeft, line);
        p->save();
        QFont bold = option.font;
        bold.setBold(true);
        p->setFont(bold);
        p->setPen(text);
        p->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                    QFontMetrics(bold).elidedText(index.data().toString(), Qt::ElideRight, textRect.width()));
        p->setFont(option.font);
        p->setPen(secondary);
        const QRect statusRect = textRect.translated(0, line);
        p->drawText(statusRect, Qt::AlignLeft | Qt::AlignVCenter,
                    option.fontMetrics.elidedText(index.data(SetListModel::StatusTextRole).toString(),
                                                  Qt::ElideRight, statusRect.width()));
        if (index.data(SetListModel::StaleRole).toBool()) {
            // Amber on the base colour; on the highlight it would lose contrast.
            p->setPen(selected ? text : warningColor(pal));
            const QRect staleRect = statusRect.translated(0, line);
            p->drawText(staleRect, Qt::AlignLeft | Qt::AlignVCenter,
                        option.fontMetrics.elidedText(index.data(SetListModel::StaleTextRole).toString(),
                                                      Qt::ElideRight, staleRect.width()));
        }
        p->restore();
    }

private:
    static int padding(const QStyleOptionViewItem &option) { return option.fontMetrics.height() / 3; }
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
