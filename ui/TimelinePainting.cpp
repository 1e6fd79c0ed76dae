#include "TimelinePainting.h"

#include "StatusColors.h"
#include "TimelineWidget.h"

#include <QLocale>
#include <QPainter>
#include <QPolygonF>

#include <algorithm>

namespace strata::timeline {

namespace {

QString yearText(const QDate &date)
{
    return QLocale().toString(date, QStringLiteral("yyyy"));
}

} // namespace

QDateTime floorTo(Unit unit, const QDateTime &t)
{
    const QDate d = t.date();
    switch (unit) {
    case Unit::FiveMinutes:
        return t.addSecs(-(t.time().minute() % 5 * 60 + t.time().second())).addMSecs(-t.time().msec());
    case Unit::Hour:
        // Subtracting keeps the result valid even within a DST gap.
        return t.addSecs(-(t.time().minute() * 60 + t.time().second())).addMSecs(-t.time().msec());
    case Unit::Day:
        return d.startOfDay();
    case Unit::Month:
        return QDate(d.year(), d.month(), 1).startOfDay();
    case Unit::Year:
        return QDate(d.year(), 1, 1).startOfDay();
    case Unit::None:
        break;
    }
    return t;
}

QDateTime nextOf(Unit unit, const QDateTime &t)
{
    switch (unit) {
    case Unit::FiveMinutes:
        return t.addSecs(300);
    case Unit::Hour:
        return t.addSecs(3600);
    case Unit::Day:
        return t.date().addDays(1).startOfDay();
    case Unit::Month:
        return QDate(t.date().year(), t.date().month(), 1).addMonths(1).startOfDay();
    case Unit::Year:
        return QDate(t.date().year() + 1, 1, 1).startOfDay();
    case Unit::None:
        break;
    }
    return {};
}

QString minorLabel(Unit unit, const QDateTime &t)
{
    const QLocale locale;
    switch (unit) {
    case Unit::FiveMinutes:
    case Unit::Hour:
        return locale.toString(t.time(), QLocale::ShortFormat);
    case Unit::Day:
        return TimelineWidget::tr("%1 %2", "short weekday and day of month")
            .arg(locale.dayName(t.date().dayOfWeek(), QLocale::ShortFormat))
            .arg(t.date().day());
    case Unit::Month:
        return locale.standaloneMonthName(t.date().month(), QLocale::ShortFormat);
    case Unit::Year:
        return yearText(t.date());
    case Unit::None:
        break;
    }
    return {};
}

QString majorLabel(Unit unit, const QDateTime &t)
{
    const QLocale locale;
    switch (unit) {
    case Unit::Day:
        return locale.toString(t.date(), QLocale::LongFormat);
    case Unit::Month:
        return TimelineWidget::tr("%1 %2", "month and year")
            .arg(locale.standaloneMonthName(t.date().month(), QLocale::LongFormat), yearText(t.date()));
    case Unit::Year:
        return yearText(t.date());
    case Unit::FiveMinutes:
    case Unit::Hour:
    case Unit::None:
        break;
    }
    return {};
}

QColor kindColor(BackupKind kind, const QPalette &palette)
{
    switch (kind) {
    case BackupKind::Full:
        return palette.color(QPalette::Highlight);
    case BackupKind::Incremental:
        return palette.color(QPalette::Link);
    case BackupKind::Differential:
        return palette.color(QPalette::LinkVisited);
    case BackupKind::Safety:
        return palette.color(QPalette::WindowText);
    }
    return palette.color(QPalette::Text);
}

// Shapes tell the kinds apart where colours do not (colour blindness, a palette whose roles look
// alike); the outline keeps a light fill visible on a light base.
void drawLeavingMark(QPainter &p, QPointF c, double size, const QPalette &pal)
{
    const double r = size * 0.75;
    p.setPen(QPen(errorColor(pal), std::max(1.5, size / 6), Qt::SolidLine, Qt::RoundCap));
    p.drawLine(c + QPointF(-r, r), c + QPointF(r, -r));
}

void drawPinnedMark(QPainter &p, QPointF c, double size, const QPalette &pal)
{
    const double r = std::max(2.0, size / 5);
    p.setPen(Qt::NoPen);
    p.setBrush(pal.color(QPalette::Text));
    p.drawEllipse(c + QPointF(0, -size * 0.9), r, r);
}

void drawMarkedRing(QPainter &p, QPointF c, double size, const QPalette &pal)
{
    const double r = size * 0.85;
    p.setPen(QPen(pal.color(QPalette::Highlight), std::max(1.5, size / 7)));
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(c, r, r);
}

void drawMarkedBadgeDot(QPainter &p, const QRectF &badge, double size, const QPalette &pal)
{
    // Outlined in the base colour, so it shows on a highlighted badge too.
    const double r = std::max(2.5, size / 4);
    p.setPen(QPen(pal.color(QPalette::Base), 1));
    p.setBrush(pal.color(QPalette::Highlight));
    p.drawEllipse(QPointF(badge.right() - r / 2, badge.top() + r / 2), r, r);
}

void drawKindMarker(QPainter &p, BackupKind kind, QPointF c, double size, const QPalette &palette)
{
    const QColor fill = kindColor(kind, palette);
    const double r = size / 2;
    p.setPen(QPen(isDarkPalette(palette) ? fill.lighter(140) : fill.darker(140), 1));
    p.setBrush(fill);
    switch (kind) {
    case BackupKind::Full:
        p.drawEllipse(c, r, r);
        break;
    case BackupKind::Incremental:
        p.drawPolygon(
            QPolygonF{{c.x(), c.y() - r}, {c.x() + r, c.y()}, {c.x(), c.y() + r}, {c.x() - r, c.y()}});
        break;
    case BackupKind::Differential:
        p.drawRect(QRectF(c.x() - r * 0.85, c.y() - r * 0.85, r * 1.7, r * 1.7));
        break;
    case BackupKind::Safety:
        p.drawPolygon(
            QPolygonF{{c.x(), c.y() - r}, {c.x() + r, c.y() + r * 0.8}, {c.x() - r, c.y() + r * 0.8}});
        break;
    }
}

void drawFailedMarker(QPainter &p, QPointF c, double size, const QPalette &palette)
{
    const double r = size * 0.35;
    p.setPen(QPen(errorColor(palette), std::max(2.0, size / 6), Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(c.x() - r, c.y() - r), QPointF(c.x() + r, c.y() + r));
    p.drawLine(QPointF(c.x() - r, c.y() + r), QPointF(c.x() + r, c.y() - r));
}

} // namespace strata::timeline
