// TimelineWidget's drawing: the axis and its labels (each whole in view, or left out), the
// versions' markers and badges, the months' bars of the years level, the selection and the legend.
#include "TimelineWidget.h"

#include "TimelinePainting.h"
#include "VersionSummary.h"

#include <QLocale>
#include <QPainter>
#include <QStyleOptionFocusRect>

#include <algorithm>

namespace strata {

using namespace timeline;

namespace {

Unit minorUnit(TimelineWidget::Zoom zoom)
{
    switch (zoom) {
    case TimelineWidget::Zoom::Minutes:
        return Unit::FiveMinutes;
    case TimelineWidget::Zoom::Hours:
        return Unit::Hour;
    case TimelineWidget::Zoom::Days:
        return Unit::Day;
    case TimelineWidget::Zoom::Months:
        return Unit::Month;
    case TimelineWidget::Zoom::Years:
        return Unit::Year;
    }
    return Unit::None;
}

Unit majorUnit(TimelineWidget::Zoom zoom)
{
    switch (zoom) {
    case TimelineWidget::Zoom::Minutes:
    case TimelineWidget::Zoom::Hours:
        return Unit::Day;
    case TimelineWidget::Zoom::Days:
        return Unit::Month;
    case TimelineWidget::Zoom::Months:
        return Unit::Year;
    case TimelineWidget::Zoom::Years:
        return Unit::None;
    }
    return Unit::None;
}

} // namespace

void TimelineWidget::paintEvent(QPaintEvent *)
{
    rebuildGroups();
    QPainter p(viewport());
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const Metrics g = metrics();
    const QRect view = viewport()->rect();
    p.fillRect(view, pal.color(QPalette::Base));

    if (m_versions.isEmpty() && m_failed.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(view, Qt::AlignCenter, placeholderText());
    } else {
        paintAxis(p, g);

        const int paired = pairedIndex();
        if (paired >= 0) {
            // The second selected version: the current one's line, dashed.
            const double x = viewX(m_times[paired]);
            p.setPen(QPen(pal.color(QPalette::Highlight), 2, Qt::DashLine));
            p.drawLine(QPointF(x, 0), QPointF(x, g.axisY));
        }
        if (m_current >= 0) {
            const double x = viewX(m_times[m_current]);
            p.setPen(QPen(pal.color(QPalette::Highlight), 2));
            p.drawLine(QPointF(x, 0), QPointF(x, g.axisY));
        }

        for (int i = 0; i < m_failed.size(); ++i) {
            const QRect rect = failedRunMarkerRect(i);
            if (!rect.isEmpty())
                drawFailedMarker(p, QRectF(rect).center(), g.marker, pal);
        }

        if (m_zoom == Zoom::Years)
            paintMonths(p, g);
        const double left = -offset() - 2 * g.marker;
        const double right = left + view.width() + 4 * g.marker;
        auto it = std::lower_bound(m_groups.cbegin(), m_groups.cend(), left,
                                   [](const Group &group, double x) { return group.x1 < x; });
        for (; m_zoom != Zoom::Years && it != m_groups.cend() && it->x0 <= right; ++it) {
            const QRect rect = groupRect(*it);
            if (!it->isCluster()) {
                const Version &v = m_versions[it->first];
                const QPointF c = QRectF(rect).center();
                drawKindMarker(p, v.kind, c, g.marker, pal);
                if (m_marked.contains(v.id))
                    drawMarkedRing(p, c, g.marker, pal);
                if (m_leaving.contains(v.id))
                    drawLeavingMark(p, c, g.marker, pal);
                if (v.pinned)
                    drawPinnedMark(p, c, g.marker, pal);
                continue;
            }
            // A cluster holding a selected version is highlighted; its count stays readable.
            const bool current = (m_current >= it->first && m_current <= it->last) ||
                                 (paired >= it->first && paired <= it->last);
            p.setPen(QPen(pal.color(current ? QPalette::HighlightedText : QPalette::ButtonText), 1));
            p.setBrush(pal.color(current ? QPalette::Highlight : QPalette::Button));
            p.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), rect.height() / 2.0,
                              rect.height() / 2.0);
            p.drawText(rect, Qt::AlignCenter, QLocale().toString(it->count()));
            const auto first = m_versions.cbegin() + it->first;
            const auto last = m_versions.cbegin() + it->last + 1;
            if (!m_marked.isEmpty() &&
                std::any_of(first, last, [&](const Version &v) { return m_marked.contains(v.id); }))
                drawMarkedBadgeDot(p, rect, g.marker, pal);
        }

        if (drawnAlone(paired)) {
            // Larger too, its ring dashed: selected, not current.
            const QPointF c(viewX(m_times[paired]), g.laneY);
            drawKindMarker(p, m_versions[paired].kind, c, g.marker * 1.3, pal);
            p.setPen(QPen(pal.color(QPalette::Text), 2, Qt::DashLine));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(c, g.marker * 1.05, g.marker * 1.05);
        }
        if (drawnAlone(m_current)) {
            // The current version, larger and ringed.
            const QPointF c(viewX(m_times[m_current]), g.laneY);
            drawKindMarker(p, m_versions[m_current].kind, c, g.marker * 1.3, pal);
            p.setPen(QPen(pal.color(QPalette::Text), 2));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(c, g.marker * 1.05, g.marker * 1.05);
            // Between the enlarged marker and the ring, still in sight.
            if (m_marked.contains(m_versions[m_current].id))
                drawMarkedRing(p, c, g.marker, pal);
        }
    }
    paintLegend(p, g);

    if (hasFocus()) {
        QStyleOptionFocusRect option;
        option.initFrom(this);
        option.rect = view.adjusted(1, 1, -1, -1);
        option.backgroundColor = pal.color(QPalette::Base);
        style()->drawPrimitive(QStyle::PE_FrameFocusRect, &option, &p, this);
    }
}

QList<TimelineWidget::AxisLabel> TimelineWidget::axisLabels() const
{
    QList<AxisLabel> labels;
    if (m_versions.isEmpty() && m_failed.isEmpty())
        return labels;
    const Metrics g = metrics();
    const QFontMetrics fm = fontMetrics();
    const double width = viewport()->width();
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(msAt(0)).toLocalTime();
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(msAt(width)).toLocalTime();

    // Hour and minute labels sit on their tick, the others in the middle of their period, or of
    // the part of it in view. A label that does not fit whole is left out, never cut.
    const Unit minor = minorUnit(m_zoom);
    const bool onTick = minor == Unit::Hour || minor == Unit::FiveMinutes;
    for (QDateTime t = floorTo(minor, from); t.isValid() && t <= to; t = nextOf(minor, t)) {
        const double x = viewX(t.toMSecsSinceEpoch());
        const double next = viewX(nextOf(minor, t).toMSecsSinceEpoch());
        const QString text = minorLabel(minor, t);
        const double labelWidth = fm.horizontalAdvance(text) + 2;
        if (labelWidth + 4 > next - x)
            continue; // no room at this zoom for this font
        const double centre = onTick ? x : (std::max(x, 0.0) + std::min(next, width)) / 2;
        const QRectF rect(centre - labelWidth / 2, g.minorLabelY, labelWidth, fm.height());
        const double start = onTick ? 0.0 : std::max(x, 0.0);
        const double end = onTick ? width : std::min(next, width);
        if (rect.left() >= start && rect.right() <= end)
            labels.append({rect, text, false});
    }

    // Major labels stick to the left edge while their period is in view, so the date context is
    // always readable, and leave before they would cross into the next period or out of view.
    const Unit major = majorUnit(m_zoom);
    if (major == Unit::None)
        return labels;
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    for (QDateTime t = floorTo(major, from); t.isValid() && t <= to; t = nextOf(major, t)) {
        const double x = viewX(t.toMSecsSinceEpoch());
        const double next = viewX(nextOf(major, t).toMSecsSinceEpoch());
        const QString text = majorLabel(major, t);
        const double labelWidth = boldMetrics.horizontalAdvance(text) + 2;
        const QRectF rect(std::min(std::max(x, 0.0) + 4, next - labelWidth - 4), g.majorLabelY, labelWidth,
                          fm.height());
        if (rect.left() >= std::max(x, 0.0) && rect.right() <= width)
            labels.append({rect, text, true});
    }
    return labels;
}

void TimelineWidget::paintAxis(QPainter &p, const Metrics &g) const
{
    const QPalette &pal = palette();
    const QFontMetrics fm = fontMetrics();
    const int width = viewport()->width();
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(msAt(0)).toLocalTime();
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(msAt(width)).toLocalTime();

    p.setPen(QPen(pal.color(QPalette::Text), 1));
    p.drawLine(QPointF(0, g.axisY + 0.5), QPointF(width, g.axisY + 0.5));
    const Unit minor = minorUnit(m_zoom);
    for (QDateTime t = floorTo(minor, from); t.isValid() && t <= to; t = nextOf(minor, t)) {
        const double x = viewX(t.toMSecsSinceEpoch());
        p.drawLine(QPointF(x, g.axisY), QPointF(x, g.axisY + 4));
    }

    // Major boundaries: a faint line across the lanes and a tick down to their labels.
    const Unit major = majorUnit(m_zoom);
    if (major != Unit::None) {
        QColor grid = pal.color(QPalette::Text);
        grid.setAlphaF(0.25);
        for (QDateTime t = floorTo(major, from); t.isValid() && t <= to; t = nextOf(major, t)) {
            const double x = viewX(t.toMSecsSinceEpoch());
            if (x < 0)
                continue;
            p.setPen(QPen(grid, 1));
            p.drawLine(QPointF(x, 0), QPointF(x, g.axisY));
            p.setPen(QPen(pal.color(QPalette::Text), 1));
            p.drawLine(QPointF(x, g.axisY), QPointF(x, g.majorLabelY + fm.height()));
        }
    }

    QFont bold = p.font();
    bold.setBold(true);
    p.save();
    p.setPen(pal.color(QPalette::Text));
    for (const AxisLabel &label : axisLabels()) {
        p.setFont(label.major ? bold : font());
        p.drawText(label.rect, (label.major ? Qt::AlignLeft : Qt::AlignHCenter) | Qt::AlignVCenter,
                   label.text);
    }
    p.restore();
}

void TimelineWidget::paintMonths(QPainter &p, const Metrics &g) const
{
    // A bar a month, as tall as its share of the fullest month, its count above it where it fits.
    const QPalette &pal = palette();
    const int paired = pairedIndex();
    const QRect view = viewport()->rect();
    QColor fill = pal.color(QPalette::Highlight);
    fill.setAlphaF(0.55);
    p.save();
    for (const Group &group : std::as_const(m_groups)) {
        const QRect column = groupRect(group);
        if (!column.intersects(view))
            continue;
        const bool selected = (m_current >= group.first && m_current <= group.last) ||
                              (paired >= group.first && paired <= group.last);
        const QRectF bar = monthBar(group);
        p.setPen(selected ? QPen(pal.color(QPalette::Text), 1) : Qt::NoPen);
        p.setBrush(selected ? pal.color(QPalette::Highlight) : fill);
        p.drawRect(selected ? bar.adjusted(0.5, 0.5, -0.5, -0.5) : bar);
        const QString count = QLocale().toString(group.count());
        const int countWidth = fontMetrics().horizontalAdvance(count);
        if (countWidth + 2 <= column.width()) {
            p.setPen(pal.color(QPalette::Text));
            p.drawText(QRectF(column.left(), bar.top() - fontMetrics().height(), column.width(),
                              fontMetrics().height()),
                       Qt::AlignCenter, count);
        }
        const auto first = m_versions.cbegin() + group.first;
        const auto last = m_versions.cbegin() + group.last + 1;
        if (!m_marked.isEmpty() &&
            std::any_of(first, last, [&](const Version &v) { return m_marked.contains(v.id); }))
            drawMarkedBadgeDot(p, bar, g.marker, pal);
    }
    p.restore();
}

void TimelineWidget::paintLegend(QPainter &p, const Metrics &g) const
{
    const QPalette &pal = palette();
    const QFontMetrics fm = fontMetrics();
    const double size = g.marker * 0.8;
    double x = 8;
    auto item = [&](const QString &label, auto drawShape) {
        drawShape(QPointF(x + size / 2, g.legendY));
        x += size + 4;
        p.setPen(pal.color(QPalette::Text));
        const int width = fm.horizontalAdvance(label);
        p.drawText(QRectF(x, g.legendY - fm.height() / 2.0, width + 2, fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, label);
        x += width + 14;
    };
    for (BackupKind kind :
         {BackupKind::Full, BackupKind::Incremental, BackupKind::Differential, BackupKind::Safety})
        item(VersionSummary::kindLabel(kind), [&](QPointF c) { drawKindMarker(p, kind, c, size, pal); });
    item(tr("Failed"), [&](QPointF c) { drawFailedMarker(p, c, size, pal); });
}

} // namespace strata
