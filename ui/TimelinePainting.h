// Pieces of the timeline's drawing that need no widget state: the calendar units of its axis
// (in local time, labelled through QLocale) and the marker of each kind of version, which the
// timeline's legend draws too.
#pragma once

#include "repo/Snapshot.h"

#include <QColor>
#include <QDateTime>
#include <QPalette>
#include <QPointF>

class QPainter;

namespace strata::timeline {

// A tick of the axis: the start of five minutes, an hour, day, month or year.
enum class Unit
{
    FiveMinutes,
    Hour,
    Day,
    Month,
    Year,
    None
};

// The start of the unit that holds `t`, in local time. Days start at QDate::startOfDay(), so a
// midnight skipped by a DST change gives the day's first valid time.
QDateTime floorTo(Unit unit, const QDateTime &t);
// The start of the next unit: always later than `t`, or invalid past the calendar's end.
QDateTime nextOf(Unit unit, const QDateTime &t);
// "2:05 PM", "2:00 PM", "Wed 5", "Jun", "2024".
QString minorLabel(Unit unit, const QDateTime &t);
// "Wednesday, June 5, 2024", "June 2024", "2024"; empty for minutes and hours.
QString majorLabel(Unit unit, const QDateTime &t);

// Full: Highlight; incremental: Link; differential: LinkVisited; safety: WindowText.
QColor kindColor(BackupKind kind, const QPalette &palette);
// A version the next clean-up removes: a diagonal stroke across its marker.
void drawLeavingMark(QPainter &p, QPointF center, double size, const QPalette &pal);
// A pinned version: a small filled dot above its marker.
void drawPinnedMark(QPainter &p, QPointF center, double size, const QPalette &pal);
// A marked version (TimelineWidget::setMarkedVersions): a ring in the highlight colour around
// its marker, clear of the marker's outline.
void drawMarkedRing(QPainter &p, QPointF center, double size, const QPalette &pal);
// A cluster holding marked versions: a highlight-coloured dot on its badge's top right corner.
void drawMarkedBadgeDot(QPainter &p, const QRectF &badge, double size, const QPalette &pal);
// Full: circle; incremental: diamond; differential: square; safety: triangle, `size` wide.
void drawKindMarker(QPainter &p, BackupKind kind, QPointF centre, double size, const QPalette &palette);
// A red cross.
void drawFailedMarker(QPainter &p, QPointF centre, double size, const QPalette &palette);

} // namespace strata::timeline
