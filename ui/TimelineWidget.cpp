#include "TimelineWidget.h"
#include "models/TimeText.h"

#include "retention/RetentionPolicy.h"
#include "StatusColors.h"
#include "TimelinePainting.h"
#include "VersionSummary.h"

#include "models/SnapshotListModel.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLocale>
#include <QLoggingCategory>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QToolButton>
#include <QToolTip>

#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcTimeline, "strata.ui.timeline")

namespace strata {

using namespace timeline;

namespace {

constexpr double MsPerMinute = 60.0 * 1000.0;
constexpr double MsPerHour = 60 * MsPerMinute;
constexpr double MsPerDay = 24 * MsPerHour;
constexpr int MaxFailedInTip = 5; // failed runs listed in one tooltip
constexpr int MaxScroll = std::numeric_limits<int>::max() / 2;

QString longTime(const QDateTime &time)
{
    return timeText(time);
}

QString zoomName(TimelineWidget::Zoom zoom)
{
    switch (zoom) {
    case TimelineWidget::Zoom::Minutes:
        return TimelineWidget::tr("Minutes");
    case TimelineWidget::Zoom::Hours:
        return TimelineWidget::tr("Hours");
    case TimelineWidget::Zoom::Days:
        return TimelineWidget::tr("Days");
    case TimelineWidget::Zoom::Months:
        return TimelineWidget::tr("Months");
    case TimelineWidget::Zoom::Years:
        return TimelineWidget::tr("Years");
    }
    return {};
}

} // namespace

TimelineWidget::TimelineWidget(QWidget *parent) : QAbstractScrollArea(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Timeline of versions"));
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Always on: the zoom controls live beside it.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);

    auto *controls = new QWidget(this);
    controls->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    auto *row = new QHBoxLayout(controls);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(2);
    auto addButton = [&](const QString &text, const QString &tip, auto slot) {
        auto *button = new QToolButton(controls);
        button->setText(text);
        button->setToolTip(tip);
        button->setAccessibleName(tip);
        button->setAutoRaise(true);
        button->setFocusPolicy(Qt::TabFocus);
        connect(button, &QToolButton::clicked, this, slot);
        row->addWidget(button);
    };
    addButton(QStringLiteral("−"), tr("Zoom out (-)"), &TimelineWidget::zoomOut);
    m_zoomBox = new QComboBox(controls);
    m_zoomBox->setObjectName(QStringLiteral("zoom"));
    m_zoomBox->setAccessibleName(tr("Zoom level"));
    m_zoomBox->setToolTip(tr("Zoom level"));
    for (int zoom = int(Finest); zoom <= int(Coarsest); ++zoom)
        m_zoomBox->addItem(zoomName(Zoom(zoom)), zoom);
    m_zoomBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_zoomBox->setCurrentIndex(m_zoomBox->findData(int(m_zoom)));
    connect(m_zoomBox, &QComboBox::activated, this,
            [this](int index) { setZoom(Zoom(m_zoomBox->itemData(index).toInt())); });
    row->addWidget(m_zoomBox);
    addButton(QStringLiteral("+"), tr("Zoom in (+)"), &TimelineWidget::zoomIn);
    addButton(tr("Fit"), tr("Show all versions (0)"), &TimelineWidget::fitAll);
    addScrollBarWidget(controls, Qt::AlignRight);

    updateAccessibleDescription();
}

void TimelineWidget::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    viewport()->update();
}

QString TimelineWidget::placeholderText() const
{
    return m_placeholder.isEmpty() ? tr("No versions yet") : m_placeholder;
}

QSize TimelineWidget::sizeHint() const
{
    const Metrics g = metrics();
    return {640, g.legendY + fontMetrics().height() + horizontalScrollBar()->sizeHint().height() +
                     2 * frameWidth()};
}

QSize TimelineWidget::minimumSizeHint() const
{
    return {200, sizeHint().height()};
}

// ---- data ---------------------------------------------------------------------------------

void TimelineWidget::setModel(QAbstractItemModel *model)
{
    if (model == m_model)
        return;
    for (const QMetaObject::Connection &c : std::as_const(m_selectionConnections))
        disconnect(c);
    m_selectionConnections.clear();
    delete m_ownSelection;
    m_selection = nullptr;
    m_model = model;
    connectModel();
    if (model) {
        auto *own = new QItemSelectionModel(model, this);
        setSelectionModel(own);
        m_ownSelection = own;
    }
    modelChanged();
}

void TimelineWidget::setSelectionModel(QItemSelectionModel *selection)
{
    if (!selection || selection == m_selection)
        return;
    if (!m_model || selection->model() != m_model) {
        qCWarning(lcTimeline) << "ignoring a selection model over another model than the timeline's";
        return;
    }
    for (const QMetaObject::Connection &c : std::as_const(m_selectionConnections))
        disconnect(c);
    delete m_ownSelection;
    m_selection = selection;
    m_selectionConnections = {connect(selection, &QItemSelectionModel::currentChanged, this,
                                      &TimelineWidget::selectionCurrentChanged),
                              // A second selected version is drawn too.
                              connect(selection, &QItemSelectionModel::selectionChanged, this, [this] {
                                  viewport()->update();
                                  updateAccessibleDescription();
                              })};
    // A selection model forgets its current index when the model resets. Connected to the model
    // after it, the timeline brings the current version back once the selection has let go.
    connectModel();
    selectionCurrentChanged(selection->currentIndex());
}

void TimelineWidget::connectModel()
{
    for (const QMetaObject::Connection &c : std::as_const(m_modelConnections))
        disconnect(c);
    m_modelConnections.clear();
    QAbstractItemModel *model = m_model;
    if (!model)
        return;
    const auto changed = [this] { modelChanged(); };
    m_modelConnections = {
        connect(model, &QAbstractItemModel::modelAboutToBeReset, this,
                [this] { m_resetKeeps = currentVersion(); }),
        connect(model, &QAbstractItemModel::modelReset, this, changed),
        connect(model, &QAbstractItemModel::rowsInserted, this, changed),
        connect(model, &QAbstractItemModel::rowsRemoved, this, changed),
        connect(model, &QAbstractItemModel::rowsMoved, this, changed),
        connect(model, &QAbstractItemModel::layoutChanged, this, changed),
        connect(model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                    dataChanged(roles);
                }),
        // Silent: whoever owned the model may be half destroyed and must not hear from us.
        connect(model, &QObject::destroyed, this,
                [this] {
                    m_versions.clear();
                    m_times.clear();
                    m_versionOfRow.clear();
                    m_current = -1;
                    m_announced.clear();
                    updateRange();
                }),
    };
}

void TimelineWidget::readModel()
{
    m_versions.clear();
    m_times.clear();
    m_versionOfRow.clear();
    const int rows = m_model ? m_model->rowCount() : 0;
    m_versions.reserve(rows);
    for (int row = 0; row < rows; ++row) {
        const QModelIndex index = m_model->index(row, 0);
        Version v;
        v.row = row;
        v.id = index.data(SnapshotListModel::SnapshotIdRole).toString();
        v.time = index.data(SnapshotListModel::TimeRole).toDateTime();
        const int kind = index.data(SnapshotListModel::KindRole).toInt();
        v.kind = kind >= int(BackupKind::Full) && kind <= int(BackupKind::Safety) ? BackupKind(kind)
                                                                                  : BackupKind::Full;
        v.pinned = index.data(SnapshotListModel::TagsRole).toStringList().contains(kPinnedTag);
        m_versions.append(std::move(v));
    }
    // Stable, so versions of the same second keep the model's order.
    std::stable_sort(m_versions.begin(), m_versions.end(),
                     [](const Version &a, const Version &b) { return a.time < b.time; });
    m_versionOfRow.resize(rows, -1);
    for (int i = 0; i < m_versions.size(); ++i) {
        m_times.append(m_versions[i].time.toMSecsSinceEpoch());
        m_versionOfRow[m_versions[i].row] = i;
    }
    m_groupsValid = false;
}

void TimelineWidget::modelChanged()
{
    const bool wasEmpty = m_versions.isEmpty() && m_failed.isEmpty();
    const qint64 centre = msAt(viewport()->width() / 2.0);
    readModel();

    const QString keep = std::exchange(m_resetKeeps, QString());
    if (m_selection && !keep.isEmpty() && !m_selection->currentIndex().isValid()) {
        const auto it = std::find_if(m_versions.cbegin(), m_versions.cend(),
                                     [&](const Version &v) { return v.id == keep; });
        if (it != m_versions.cend()) {
            // The view stays where it is (below), as if nothing had happened.
            const QScopedValueRollback noScroll(m_scrollToCurrent, false);
            m_selection->setCurrentIndex(m_model->index(it->row, 0),
                                         QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        }
    }
    m_current = m_selection ? versionOfRow(m_selection->currentIndex().row()) : -1;

    updateRange();
    if (wasEmpty || m_autoFit) {
        fitAll();
    } else {
        // The range may have grown on either side: keep the same moment in the middle.
        scrollContentTo(contentX(centre) - viewport()->width() / 2.0);
    }
    updateAccessibleDescription();
    announceCurrent();
}

void TimelineWidget::dataChanged(const QList<int> &roles)
{
    // Roles only the tooltip shows are read when it shows.
    static const QList<int> drawn{SnapshotListModel::SnapshotIdRole, SnapshotListModel::TimeRole,
                                  SnapshotListModel::KindRole, SnapshotListModel::TagsRole};
    if (!roles.isEmpty() &&
        std::none_of(roles.cbegin(), roles.cend(), [](int role) { return drawn.contains(role); }))
        return;
    modelChanged();
}

void TimelineWidget::selectionCurrentChanged(const QModelIndex &current)
{
    m_current = current.isValid() && current.model() == m_model && !current.parent().isValid()
                    ? versionOfRow(current.row())
                    : -1;
    if (m_current >= 0 && m_scrollToCurrent)
        ensureVisible(m_current);
    viewport()->update();
    updateAccessibleDescription();
    announceCurrent();
}

int TimelineWidget::versionOfRow(int row) const
{
    return row >= 0 && row < m_versionOfRow.size() ? m_versionOfRow[row] : -1;
}

void TimelineWidget::announceCurrent()
{
    const QString id = currentVersion();
    if (id == m_announced)
        return;
    m_announced = id;
    Q_EMIT currentVersionChanged(id);
}

void TimelineWidget::setLeavingVersions(const QHash<QString, QString> &whyById)
{
    m_leaving = whyById;
    viewport()->update();
}

void TimelineWidget::setMarkedVersions(const QSet<QString> &ids)
{
    m_marked = ids;
    viewport()->update();
}

void TimelineWidget::setFailedRuns(const QList<FailedRun> &runs)
{
    m_failed = runs;
    updateRange();
}

void TimelineWidget::updateRange()
{
    QList<qint64> all = m_times;
    for (const FailedRun &run : std::as_const(m_failed)) {
        if (run.time.isValid())
            all.append(run.time.toMSecsSinceEpoch());
    }
    const auto [lo, hi] = std::minmax_element(all.cbegin(), all.cend());
    m_rangeStart = all.isEmpty() ? 0 : *lo;
    m_rangeEnd = all.isEmpty() ? 0 : *hi;
    m_groupsValid = false;
    updateScrollBar();
    viewport()->update();
}

QString TimelineWidget::currentVersion() const
{
    return m_current >= 0 ? m_versions[m_current].id : QString();
}

void TimelineWidget::setCurrentVersion(const QString &id)
{
    const auto it = std::find_if(m_versions.cbegin(), m_versions.cend(),
                                 [&](const Version &v) { return !id.isEmpty() && v.id == id; });
    setCurrentIndex(it == m_versions.cend() ? -1 : int(it - m_versions.cbegin()));
}

void TimelineWidget::setCurrentIndex(int index, bool scroll)
{
    if (!m_selection)
        return;
    if (index < 0 || index >= m_versions.size()) {
        m_selection->clear();
        return;
    }
    if (scroll)
        ensureVisible(index);
    if (index == m_current && pairedIndex() < 0)
        return;
    // Scrolled already, or clicked and so in view.
    const QScopedValueRollback noScroll(m_scrollToCurrent, false);
    m_selection->setCurrentIndex(m_model->index(m_versions[index].row, 0),
                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

int TimelineWidget::pairedIndex() const
{
    if (!m_selection || !m_model)
        return -1;
    for (const QModelIndex &i : m_selection->selectedRows()) {
        const int v = i.model() == m_model && !i.parent().isValid() ? versionOfRow(i.row()) : -1;
        if (v >= 0 && v != m_current)
            return v;
    }
    return -1;
}

QStringList TimelineWidget::selectedVersions() const
{
    QList<int> selected;
    if (m_selection)
        for (const QModelIndex &i : m_selection->selectedRows())
            if (const int v = versionOfRow(i.row()); v >= 0 && !i.parent().isValid())
                selected << v;
    std::sort(selected.begin(), selected.end());
    QStringList ids;
    for (int v : std::as_const(selected))
        ids << m_versions[v].id;
    return ids;
}

void TimelineWidget::selectPair(int anchor, int index, bool scroll)
{
    if (!m_selection || index < 0 || index >= m_versions.size())
        return;
    if (anchor < 0 || anchor == index || anchor >= m_versions.size())
        return setCurrentIndex(index, scroll);
    if (scroll)
        ensureVisible(index);
    const QModelIndex a = m_model->index(m_versions[anchor].row, 0);
    const QModelIndex b = m_model->index(m_versions[index].row, 0);
    QItemSelection both(a, a);
    both.select(b, b);
    const QScopedValueRollback noScroll(m_scrollToCurrent, false);
    // Selected before it is current: whoever hears of the new current version sees both.
    m_selection->select(both, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_selection->setCurrentIndex(b, QItemSelectionModel::NoUpdate);
}

void TimelineWidget::updateAccessibleDescription()
{
    if (m_current < 0) {
        setAccessibleDescription(m_versions.isEmpty()
                                     ? tr("No versions")
                                     : tr("Versions: %1, none selected").arg(m_versions.size()));
        return;
    }
    const Version &s = m_versions[m_current];
    QString description = tr("%1 version of %2, %3 of %4")
                              .arg(VersionSummary::kindLabel(s.kind), longTime(s.time))
                              .arg(m_current + 1)
                              .arg(m_versions.size());
    if (const int paired = pairedIndex(); paired >= 0)
        description += QStringLiteral("; ") +
                       tr("also selected: the version of %1").arg(longTime(m_versions[paired].time));
    setAccessibleDescription(description);
}

// ---- metrics and coordinates ------------------------------------------------------------

TimelineWidget::Metrics TimelineWidget::metrics() const
{
    const int line = fontMetrics().height();
    Metrics g;
    // As tall as a line of text (even, so it centres on a pixel), and never small.
    g.marker = std::max(14, line & ~1);
    g.laneY = line / 2 + g.marker;
    g.failY = g.laneY + g.marker * 3 / 2;
    g.axisY = g.failY + g.marker;
    g.minorLabelY = g.axisY + 5;
    g.majorLabelY = g.minorLabelY + line;
    g.legendY = g.majorLabelY + line + line * 3 / 4;
    g.bandTop = 2;
    g.bandBottom = g.failY - g.marker / 2 - 2;
    return g;
}

double TimelineWidget::pixelsPerMs() const
{
    return scale(m_zoom);
}

double TimelineWidget::scale(Zoom zoom)
{
    // Minutes: 24 px a minute, so versions a minute apart stand apart. Hours: 180 px an hour,
    // so 200 versions in a day still do (about 21 px each). Years: 30 px a month, room for a
    // count above each month's bar.
    switch (zoom) {
    case Zoom::Minutes:
        return 24 / MsPerMinute;
    case Zoom::Hours:
        return 180 / MsPerHour;
    case Zoom::Days:
        return 120 / MsPerDay;
    case Zoom::Months:
        return 150 / (30.44 * MsPerDay);
    case Zoom::Years:
        return 360 / (365.25 * MsPerDay);
    }
    return 1;
}

double TimelineWidget::contentWidth() const
{
    return double(m_rangeEnd - m_rangeStart) * pixelsPerMs() + 2 * Pad;
}

double TimelineWidget::contentX(qint64 ms) const
{
    return double(ms - m_rangeStart) * pixelsPerMs() + Pad;
}

double TimelineWidget::offset() const
{
    const double width = contentWidth();
    const int viewWidth = viewport()->width();
    // Content narrower than the view is centred.
    if (width < viewWidth)
        return (viewWidth - width) / 2;
    return -horizontalScrollBar()->value();
}

qint64 TimelineWidget::msAt(double viewportX) const
{
    return m_rangeStart + qint64((viewportX - offset() - Pad) / pixelsPerMs());
}

void TimelineWidget::updateScrollBar()
{
    QScrollBar *bar = horizontalScrollBar();
    const double extra = std::ceil(contentWidth() - viewport()->width());
    bar->setRange(0, int(std::clamp(extra, 0.0, double(MaxScroll))));
    bar->setPageStep(viewport()->width());
    bar->setSingleStep(std::max(8, metrics().marker));
}

void TimelineWidget::scrollContentTo(double value)
{
    horizontalScrollBar()->setValue(int(std::clamp(std::round(value), 0.0, double(MaxScroll))));
}

void TimelineWidget::ensureVisible(int index)
{
    const double x = viewX(m_times[index]);
    const double margin = std::min(3.0 * metrics().marker, viewport()->width() / 4.0);
    if (x < margin)
        scrollContentTo(horizontalScrollBar()->value() + x - margin);
    else if (x > viewport()->width() - margin)
        scrollContentTo(horizontalScrollBar()->value() + x - (viewport()->width() - margin));
}

// ---- zoom ---------------------------------------------------------------------------------

void TimelineWidget::setZoom(Zoom zoom)
{
    m_autoFit = false;
    double anchor = viewport()->width() / 2.0;
    if (m_current >= 0) {
        const double x = viewX(m_times[m_current]);
        if (x >= 0 && x <= viewport()->width())
            anchor = x;
    }
    applyZoom(zoom, anchor);
}

void TimelineWidget::zoomIn()
{
    if (m_zoom != Finest)
        setZoom(Zoom(int(m_zoom) - 1));
}

void TimelineWidget::zoomOut()
{
    if (m_zoom != Coarsest)
        setZoom(Zoom(int(m_zoom) + 1));
}

void TimelineWidget::applyZoom(Zoom zoom, double anchorViewX)
{
    const qint64 anchorMs = msAt(anchorViewX);
    const bool changed = zoom != m_zoom;
    m_zoom = zoom;
    m_groupsValid = false;
    updateScrollBar();
    scrollContentTo(contentX(anchorMs) - anchorViewX);
    m_zoomBox->setCurrentIndex(m_zoomBox->findData(int(zoom)));
    viewport()->update();
    if (changed)
        Q_EMIT zoomChanged(zoom);
}

void TimelineWidget::fitAll()
{
    m_autoFit = true;
    const double span = double(m_rangeEnd - m_rangeStart);
    Zoom fit = Zoom::Years;
    for (Zoom zoom : {Zoom::Minutes, Zoom::Hours, Zoom::Days, Zoom::Months}) {
        if (span * scale(zoom) + 2 * Pad <= viewport()->width()) {
            fit = zoom;
            break;
        }
    }
    applyZoom(fit, 0);
    // When even years do not fit, the newest versions are the likeliest to be wanted.
    if (m_current >= 0)
        ensureVisible(m_current);
    else
        horizontalScrollBar()->setValue(horizontalScrollBar()->maximum());
}

// ---- tooltips -----------------------------------------------------------------------------

QString TimelineWidget::versionToolTip(int index) const
{
    const Version &v = m_versions[index];
    const QModelIndex row = m_model->index(v.row, 0);
    const auto read = [&](int role) { return row.data(role); };
    const QLocale locale;
    QStringList lines{QStringLiteral("<b>%1</b>").arg(VersionSummary::kindLabel(v.kind).toHtmlEscaped()),
                      longTime(v.time).toHtmlEscaped()};
    lines << tr("Set: %1").arg(read(SnapshotListModel::SetRole).toString()).toHtmlEscaped()
          << tr("Host: %1").arg(read(SnapshotListModel::HostRole).toString()).toHtmlEscaped()
          << tr("Files: %1").arg(locale.toString(read(SnapshotListModel::FilesRole).toLongLong()))
          << tr("Size added: %1")
                 .arg(locale.formattedDataSize(read(SnapshotListModel::BytesAddedRole).toLongLong()));
    if (const QVariant changed = read(SnapshotListModel::ChangedFilesRole); changed.isValid()) {
        const qint64 count = changed.toLongLong();
        lines << tr("%n file(s) changed", "", int(std::min<qint64>(count, std::numeric_limits<int>::max())));
    }
    if (v.pinned)
        lines << tr("Pinned: no clean-up removes it").toHtmlEscaped();
    if (const auto it = m_leaving.constFind(v.id); it != m_leaving.cend())
        lines << QStringLiteral("<i>%1</i>")
                     .arg(tr("The next clean-up removes it (%1)").arg(*it).toHtmlEscaped());
    return lines.join(QStringLiteral("<br>"));
}

QString TimelineWidget::kindCounts(const Group &group) const
{
    QList<int> perKind(4, 0);
    for (int i = group.first; i <= group.last; ++i)
        ++perKind[int(m_versions[i].kind)];
    QStringList kinds;
    for (BackupKind kind :
         {BackupKind::Full, BackupKind::Incremental, BackupKind::Differential, BackupKind::Safety}) {
        if (perKind[int(kind)] > 0)
            kinds << tr("%1 %2", "count and kind of version")
                         .arg(QLocale().toString(perKind[int(kind)]),
                              VersionSummary::kindLabel(kind).toLower());
    }
    return kinds.join(QStringLiteral(", ")).toHtmlEscaped();
}

QString TimelineWidget::groupToolTip(const Group &group) const
{
    QStringList lines{
        QStringLiteral("<b>%1</b>").arg(tr("%n versions", "a cluster: always more than one", group.count())),
        tr("From %1 to %2")
            .arg(longTime(m_versions[group.first].time), longTime(m_versions[group.last].time))
            .toHtmlEscaped(),
        kindCounts(group)};
    lines << (m_zoom != Finest ? tr("Click to zoom in") : tr("Click to choose one of them"));
    return lines.join(QStringLiteral("<br>"));
}

QString TimelineWidget::monthToolTip(const Group &group) const
{
    const QDateTime month = floorTo(Unit::Month, m_versions[group.first].time.toLocalTime());
    QStringList lines{QStringLiteral("<b>%1</b>").arg(majorLabel(Unit::Month, month).toHtmlEscaped()),
                      tr("%n version(s)", "in a month", group.count()), kindCounts(group)};
    // What the bar cannot show of its versions' marks.
    const auto first = m_versions.cbegin() + group.first;
    const auto last = m_versions.cbegin() + group.last + 1;
    if (const int leaving =
            int(std::count_if(first, last, [&](const Version &v) { return m_leaving.contains(v.id); })))
        lines << QStringLiteral("<i>%1</i>")
                     .arg(tr("%n removed by the next clean-up", "", leaving).toHtmlEscaped());
    lines << tr("Click to zoom in");
    return lines.join(QStringLiteral("<br>"));
}

QString TimelineWidget::failedToolTip(const QList<int> &runs) const
{
    QStringList parts;
    for (int i : runs.mid(0, MaxFailedInTip)) {
        const FailedRun &run = m_failed[i];
        QString part =
            QStringLiteral("<b>%1</b><br>%2").arg(tr("Backup failed"), longTime(run.time).toHtmlEscaped());
        if (!run.set.isEmpty())
            part += QStringLiteral("<br>") + tr("Set: %1").arg(run.set).toHtmlEscaped();
        if (!run.message.isEmpty())
            part += QStringLiteral("<br>") + run.message.toHtmlEscaped();
        parts << part;
    }
    if (runs.size() > MaxFailedInTip)
        parts << tr("and %n more", nullptr, int(runs.size() - MaxFailedInTip));
    return parts.join(QStringLiteral("<hr>"));
}

bool TimelineWidget::viewportEvent(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QAbstractScrollArea::viewportEvent(event);
    auto *help = static_cast<QHelpEvent *>(event);
    const QPoint pos = help->pos();
    QString text;
    QRect area;
    if (const int group = groupAt(pos); group >= 0) {
        const Group &g = m_groups[group];
        text = g.month ? monthToolTip(g) : g.isCluster() ? groupToolTip(g) : versionToolTip(g.first);
        area = groupRect(g);
    } else if (const QList<int> runs = failedRunsAt(pos); !runs.isEmpty()) {
        text = failedToolTip(runs);
        area = failedRunMarkerRect(runs.first());
    }
    if (text.isEmpty()) {
        QToolTip::hideText();
        event->ignore();
    } else {
        QToolTip::showText(help->globalPos(), text, viewport(), area);
    }
    return true;
}

// ---- input --------------------------------------------------------------------------------

void TimelineWidget::keyPressEvent(QKeyEvent *event)
{
    const int last = int(m_versions.size()) - 1;
    // Shift+Left/Right: the current version moves, the other selected one (or the one it
    // leaves) stays selected.
    if ((event->key() == Qt::Key_Left || event->key() == Qt::Key_Right) &&
        (event->modifiers() & Qt::ShiftModifier) && m_current >= 0) {
        const int paired = pairedIndex();
        const int to = std::clamp(m_current + (event->key() == Qt::Key_Left ? -1 : 1), 0, last);
        selectPair(paired >= 0 ? paired : m_current, to);
        event->accept();
        return;
    }
    switch (event->key()) {
    case Qt::Key_Left:
        setCurrentIndex(m_current < 0 ? last : std::max(0, m_current - 1));
        break;
    case Qt::Key_Right:
        setCurrentIndex(m_current < 0 ? std::min(0, last) : std::min(last, m_current + 1));
        break;
    case Qt::Key_Home:
        setCurrentIndex(std::min(0, last));
        break;
    case Qt::Key_End:
        setCurrentIndex(last);
        break;
    case Qt::Key_PageUp:
    case Qt::Key_PageDown: {
        if (last < 0)
            break;
        // A screen's worth of time away from the current version, and at least one version.
        const bool forward = event->key() == Qt::Key_PageDown;
        const qint64 span = qint64(viewport()->width() / pixelsPerMs());
        const int from = m_current < 0 ? (forward ? 0 : last) : m_current;
        const qint64 target = m_times[from] + (forward ? span : -span);
        int to = 0;
        if (forward) {
            to = int(std::lower_bound(m_times.cbegin(), m_times.cend(), target) - m_times.cbegin());
            to = std::clamp(std::max(to, from + 1), 0, last);
        } else {
            to = int(std::upper_bound(m_times.cbegin(), m_times.cend(), target) - m_times.cbegin()) - 1;
            to = std::clamp(std::min(to, from - 1), 0, last);
        }
        setCurrentIndex(to);
        break;
    }
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_0:
        fitAll();
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_current >= 0)
            Q_EMIT versionActivated(currentVersion());
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

void TimelineWidget::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ControlModifier) {
        if (delta.y() == 0)
            return;
        const Zoom next = delta.y() > 0 ? Zoom(std::max(int(Finest), int(m_zoom) - 1))
                                        : Zoom(std::min(int(Coarsest), int(m_zoom) + 1));
        m_autoFit = false;
        applyZoom(next, event->position().x());
        event->accept();
        return;
    }
    // A vertical wheel pans the horizontal axis; a horizontal one (touchpads) too.
    const int steps = delta.x() != 0 ? delta.x() : delta.y();
    m_autoFit = false;
    scrollContentTo(horizontalScrollBar()->value() - steps * horizontalScrollBar()->singleStep() / 40.0);
    event->accept();
}

void TimelineWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mousePressEvent(event);
    setFocus(Qt::MouseFocusReason);
    m_pressed = true;
    m_dragging = false;
    m_pressPos = event->position().toPoint();
    m_pressScroll = horizontalScrollBar()->value();
}

void TimelineWidget::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_pressed)
        return;
    const QPoint delta = event->position().toPoint() - m_pressPos;
    if (!m_dragging && delta.manhattanLength() >= QApplication::startDragDistance()) {
        m_dragging = true;
        m_autoFit = false;
        viewport()->setCursor(Qt::ClosedHandCursor);
    }
    if (m_dragging)
        scrollContentTo(m_pressScroll - delta.x());
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_pressed)
        return QAbstractScrollArea::mouseReleaseEvent(event);
    m_pressed = false;
    if (m_dragging) {
        m_dragging = false;
        viewport()->unsetCursor();
        return;
    }
    clicked(event->position().toPoint(), event->modifiers());
}

void TimelineWidget::clicked(const QPoint &pos, Qt::KeyboardModifiers modifiers)
{
    const int index = groupAt(pos);
    if (index < 0)
        return;
    const Group group = m_groups[index];
    if (group.isSingle())
        pick(group.first, modifiers);
    else
        openGroup(group, modifiers, pos.x());
}

void TimelineWidget::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mouseDoubleClickEvent(event);
    const int index = groupAt(event->position().toPoint());
    if (index >= 0 && m_groups[index].isSingle()) {
        setCurrentIndex(m_groups[index].first, false);
        Q_EMIT versionActivated(currentVersion());
    }
}

void TimelineWidget::focusInEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusInEvent(event);
    viewport()->update();
}

void TimelineWidget::focusOutEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusOutEvent(event);
    viewport()->update();
}

void TimelineWidget::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        m_groupsValid = false; // marker sizes follow the font
        updateGeometry();
    }
    if (event->type() == QEvent::LocaleChange || event->type() == QEvent::PaletteChange)
        viewport()->update();
}

void TimelineWidget::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBar();
    if (m_autoFit)
        fitAll();
}

void TimelineWidget::scrollContentsBy(int, int)
{
    viewport()->update();
}

} // namespace strata
