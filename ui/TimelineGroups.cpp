// TimelineWidget's groups of versions: clusters of markers too close to tell apart, the months'
// bars of the years level, where a click lands on them, and what a click on one does (zoom in
// on it, or list its versions when no zoom splits it).
#include "TimelineWidget.h"

#include "TimelinePainting.h"
#include "VersionSummary.h"

#include <QLocale>
#include <QMenu>
#include <QScrollBar>

#include <algorithm>

namespace strata {

using namespace timeline;

void TimelineWidget::rebuildGroups() const
{
    if (m_groupsValid)
        return;
    m_groups =
        m_zoom == Zoom::Years ? monthGroups() : clusterVersions(0, int(m_times.size()) - 1, pixelsPerMs());
    m_groupOf.resize(m_times.size());
    m_maxMonthCount = 0;
    for (int g = 0; g < m_groups.size(); ++g) {
        for (int i = m_groups[g].first; i <= m_groups[g].last; ++i)
            m_groupOf[i] = g;
        m_maxMonthCount = std::max(m_maxMonthCount, m_groups[g].count());
    }
    m_groupsValid = true;
}

QList<TimelineWidget::Group> TimelineWidget::clusterVersions(int first, int last, double pixelsPerMs) const
{
    // A version joins its predecessor when their markers would touch; a cluster then goes on
    // taking versions as far as its badge reaches, so no two badges overlap.
    QList<Group> groups;
    const int marker = metrics().marker;
    const double join = marker + 4;
    const double reach = badgeWidth() + marker / 2.0 + 2;
    for (int i = first; i <= last; ++i) {
        const double x = double(m_times[i] - m_rangeStart) * pixelsPerMs + Pad;
        const double distance = groups.isEmpty() ? 0 : x - groups.last().x0;
        if (groups.isEmpty() || distance >= (groups.last().isCluster() ? reach : join)) {
            groups.append(Group{i, i, x, x});
        } else {
            groups.last().last = i;
            groups.last().x1 = x;
        }
    }
    return groups;
}

QList<TimelineWidget::Group> TimelineWidget::monthGroups() const
{
    QList<Group> groups;
    QDateTime monthEnd;
    for (int i = 0; i < m_versions.size(); ++i) {
        const QDateTime local = m_versions[i].time.toLocalTime();
        if (!groups.isEmpty() && monthEnd.isValid() && local < monthEnd) {
            groups.last().last = i;
            continue;
        }
        const QDateTime start = floorTo(Unit::Month, local);
        monthEnd = nextOf(Unit::Month, start);
        groups.append(Group{i, i, contentX(start.toMSecsSinceEpoch()),
                            contentX(monthEnd.isValid() ? monthEnd.toMSecsSinceEpoch() : m_times[i]), true});
    }
    return groups;
}

QRect TimelineWidget::groupRect(const Group &group) const
{
    const Metrics g = metrics();
    if (group.month) {
        // The month's column, a pixel clear of its neighbours on either side.
        return QRectF(QPointF(group.x0 + offset() + 1, g.bandTop),
                      QPointF(group.x1 + offset() - 1, g.bandBottom))
            .toAlignedRect();
    }
    const double left = group.x0 + offset() - g.marker / 2.0;
    if (!group.isCluster())
        return QRectF(left, g.laneY - g.marker / 2.0, g.marker, g.marker).toAlignedRect();
    // Starts where its first version's marker would: the versions run on under the badge.
    const int height = g.marker + 4;
    return QRectF(left, g.laneY - height / 2.0, badgeWidth(), height).toAlignedRect();
}

QRect TimelineWidget::hitRect(const Group &group) const
{
    const QRect rect = groupRect(group);
    if (group.month)
        return rect;
    const int size = markerHitSize();
    const QPoint c = rect.center();
    QRect hit(0, 0, std::max(size, rect.width() + 6), std::max(size, rect.height() + 6));
    hit.moveCenter(c);
    return hit;
}

QRectF TimelineWidget::monthBar(const Group &group) const
{
    // Room above the tallest bar for its count.
    const QRectF column = groupRect(group);
    const double room = column.height() - fontMetrics().height();
    const double height = std::max(3.0, room * group.count() / std::max(1, m_maxMonthCount));
    return QRectF(column.left(), column.bottom() + 1 - height, column.width(), height);
}

int TimelineWidget::badgeWidth() const
{
    // One width for every badge, room for three digits: a tidy row, and a known reach.
    return std::max(metrics().marker * 3 / 2, fontMetrics().horizontalAdvance(QLocale().toString(888)) + 10);
}

int TimelineWidget::markerHitSize() const
{
    return std::max(20, metrics().marker * 3 / 2);
}

int TimelineWidget::groupAt(const QPoint &pos) const
{
    rebuildGroups();
    // The groups are ordered by x: search near the pointer only.
    const double contentPos = pos.x() - offset();
    const double slack = std::max(markerHitSize(), badgeWidth());
    auto it = std::lower_bound(m_groups.cbegin(), m_groups.cend(), contentPos - slack,
                               [](const Group &g, double x) { return g.x1 < x; });
    int best = -1;
    double bestDistance = 0;
    for (; it != m_groups.cend() && it->x0 <= contentPos + slack; ++it) {
        const QRect rect = hitRect(*it);
        if (!rect.contains(pos))
            continue;
        // Hit areas larger than the markers may overlap: the nearest marker wins.
        const double distance = std::abs(QRectF(groupRect(*it)).center().x() - pos.x());
        if (best < 0 || distance < bestDistance) {
            best = int(it - m_groups.cbegin());
            bestDistance = distance;
        }
    }
    return best;
}

int TimelineWidget::nearestInGroup(const Group &group, double viewportX) const
{
    const qint64 ms = msAt(viewportX);
    int best = group.first;
    for (int i = group.first; i <= group.last; ++i) {
        if (std::abs(m_times[i] - ms) < std::abs(m_times[best] - ms))
            best = i;
    }
    return best;
}

bool TimelineWidget::drawnAlone(int index) const
{
    rebuildGroups();
    return index >= 0 && index < m_groupOf.size() && m_groups[m_groupOf[index]].isSingle();
}

QList<int> TimelineWidget::failedRunsAt(const QPoint &pos) const
{
    QList<int> runs;
    const int size = markerHitSize();
    for (int i = 0; i < m_failed.size(); ++i) {
        const QRect rect = failedRunMarkerRect(i);
        if (rect.isEmpty())
            continue;
        QRect hit(0, 0, std::max(size, rect.width()), std::max(size, rect.height()));
        hit.moveCenter(rect.center());
        if (hit.contains(pos))
            runs.append(i);
    }
    return runs;
}

QRect TimelineWidget::versionMarkerRect(const QString &id) const
{
    rebuildGroups();
    for (int i = 0; i < m_versions.size(); ++i) {
        if (m_versions[i].id != id)
            continue;
        const QRect rect = groupRect(m_groups[m_groupOf[i]]);
        return rect.intersects(viewport()->rect()) ? rect : QRect();
    }
    return {};
}

QRect TimelineWidget::failedRunMarkerRect(int index) const
{
    if (index < 0 || index >= m_failed.size() || !m_failed[index].time.isValid())
        return {};
    const Metrics g = metrics();
    const double x = viewX(m_failed[index].time.toMSecsSinceEpoch());
    const QRect rect =
        QRectF(x - g.marker / 2.0, g.failY - g.marker / 2.0, g.marker, g.marker).toAlignedRect();
    return rect.intersects(viewport()->rect()) ? rect : QRect();
}

TimelineWidget::Hit TimelineWidget::hitAt(const QPoint &pos) const
{
    Hit hit;
    const int index = groupAt(pos);
    if (index < 0)
        return hit;
    const Group &group = m_groups[index];
    hit.kind = group.month ? Hit::Kind::Month : group.isCluster() ? Hit::Kind::Cluster : Hit::Kind::Version;
    hit.area = hitRect(group);
    for (int i = group.first; i <= group.last; ++i)
        hit.ids << m_versions[i].id;
    const QString count = QLocale().toString(group.count());
    if (group.isCluster())
        hit.label = count;
    else if (group.month && fontMetrics().horizontalAdvance(count) + 2 <= groupRect(group).width())
        hit.label = count;
    return hit;
}

void TimelineWidget::pick(int index, Qt::KeyboardModifiers modifiers)
{
    // Not scrolled: what was clicked is in view, and a second click must land on it again.
    const int paired = pairedIndex();
    if ((modifiers & Qt::ControlModifier) && m_current >= 0) {
        // A second version beside the current one; on one already selected, it is dropped.
        if (index == paired)
            setCurrentIndex(m_current, false);
        else if (index == m_current)
            setCurrentIndex(paired >= 0 ? paired : m_current, false);
        else
            selectPair(m_current, index, false);
    } else if ((modifiers & Qt::ShiftModifier) && m_current >= 0) {
        selectPair(paired >= 0 ? paired : m_current, index, false);
    } else {
        setCurrentIndex(index, false);
    }
}

void TimelineWidget::openGroup(const Group &group, Qt::KeyboardModifiers modifiers, double viewportX)
{
    m_autoFit = false;
    const double middle = viewport()->width() / 2.0;
    if (group.month) {
        // The finest zoom that shows the whole month.
        const qint64 start = msAt(group.x0 + offset());
        const qint64 end = msAt(group.x1 + offset());
        Zoom fit = Zoom::Months;
        for (int z = int(Finest); z < int(Zoom::Months); ++z) {
            if (double(end - start) * scale(Zoom(z)) + 2 * Pad <= viewport()->width()) {
                fit = Zoom(z);
                break;
            }
        }
        applyZoom(fit, middle);
        scrollContentTo(contentX(start + (end - start) / 2) - middle);
        return;
    }
    // The coarsest finer zoom that splits the cluster; the finest when none does.
    Zoom target = Finest;
    bool splits = false;
    for (int z = int(m_zoom) - 1; z >= int(Finest) && !splits; --z) {
        target = Zoom(z);
        splits = clusterVersions(group.first, group.last, scale(target)).size() > 1;
    }
    const qint64 centre = m_times[group.first] + (m_times[group.last] - m_times[group.first]) / 2;
    if (splits) {
        const int nearest = nearestInGroup(group, viewportX);
        pick(nearest, modifiers);
        applyZoom(target, middle);
        scrollContentTo(contentX(centre) - middle);
        ensureVisible(nearest);
        return;
    }
    const int first = group.first;
    if (m_zoom != Finest) {
        applyZoom(Finest, middle);
        scrollContentTo(contentX(centre) - middle);
    }
    rebuildGroups();
    showClusterMenu(m_groups[m_groupOf[first]], modifiers);
}

void TimelineWidget::showClusterMenu(const Group &group, Qt::KeyboardModifiers modifiers)
{
    if (!m_clusterMenu) {
        m_clusterMenu = new QMenu(this);
        m_clusterMenu->setObjectName(QStringLiteral("clusterVersions"));
        m_clusterMenu->setAccessibleName(tr("Versions at this point"));
    }
    m_clusterMenu->clear();
    const QLocale locale;
    // Seconds tell apart what the finest zoom cannot.
    QString format = locale.timeFormat(QLocale::ShortFormat);
    if (!format.contains(QLatin1Char('s')))
        format.replace(QStringLiteral("mm"), QStringLiteral("mm:ss"));
    const QStringList selected = selectedVersions();
    QDate day;
    for (int i = group.first; i <= group.last; ++i) {
        const Version &v = m_versions[i];
        const QDateTime local = v.time.toLocalTime();
        if (local.date() != day) {
            day = local.date();
            m_clusterMenu->addSection(locale.toString(day, QLocale::ShortFormat));
        }
        QAction *action = m_clusterMenu->addAction(
            tr("%1  %2", "a version in the menu of a cluster: its time, its kind")
                .arg(locale.toString(local.time(), format), VersionSummary::kindLabel(v.kind)));
        action->setData(v.id);
        action->setCheckable(true);
        action->setChecked(selected.contains(v.id));
        const QString id = v.id;
        connect(action, &QAction::triggered, this, [this, id, modifiers] {
            const auto it = std::find_if(m_versions.cbegin(), m_versions.cend(),
                                         [&](const Version &v) { return v.id == id; });
            if (it != m_versions.cend())
                pick(int(it - m_versions.cbegin()), modifiers);
        });
    }
    const QRect rect = groupRect(group);
    m_clusterMenu->popup(viewport()->mapToGlobal(rect.bottomLeft() + QPoint(0, 2)));
}

} // namespace strata
