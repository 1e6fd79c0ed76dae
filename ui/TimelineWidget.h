// The timeline: a repository's versions on a zoomable time axis (minutes, hours, days, months,
// years), each kind with its own shape and colour, failed runs as red crosses, versions the caller
// marks ringed in the highlight colour, markers that would overlap drawn as one badge with a
// count. At the years level each month is a bar whose height follows its number of versions.
// Custom painted in logical coordinates with antialiasing (vectors only, palette colours), so it
// stays crisp at any device pixel ratio and follows light and dark themes; markers and their hit
// areas grow with the font.
//
// A view over a model of versions (SnapshotListModel's rows and roles, or a proxy over it): it
// follows the model's resets, insertions, removals and changes, and its current version is the
// current index of a selection model it shares with the window's other views of that model.
//
// Keyboard: Left/Right previous/next version, Home/End first/last, PageUp/PageDown a screen's
// worth of time earlier/later, +/- zoom, 0 fit all, Enter activates. Mouse: click selects, double
// click activates, drag or wheel pans, Ctrl+wheel zooms around the pointer. A click on a badge
// selects its nearest version and zooms in, centred on the badge, as far as it takes to split it;
// a badge not even the finest zoom splits lists its versions in a menu instead. A click on a
// month's bar zooms in on that month.
//
// Two versions can be selected, to compare them: Ctrl+click selects a second version beside
// the current one (or drops it again), Shift+click and Shift+Left/Right move the current
// version while the other selected one stays. The current version is always the one moved to,
// so what shows the current version follows as it does without a second one; any other move
// selects the current version alone again.
#pragma once

#include "repo/Snapshot.h"

#include <QAbstractItemModel>
#include <QAbstractScrollArea>
#include <QDateTime>
#include <QHash>
#include <QItemSelectionModel>
#include <QList>
#include <QMetaObject>
#include <QPointer>
#include <QSet>
#include <QString>

class QComboBox;
class QMenu;

namespace strata {

// A backup run that produced no version.
struct FailedRun
{
    QDateTime time;
    QString set;
    QString message;
};

class TimelineWidget final : public QAbstractScrollArea
{
    Q_OBJECT
public:
    // The unit of the axis' ticks, finest first. Minutes came later: it is below Hours so the
    // values the others always had stay theirs.
    enum class Zoom
    {
        Minutes = -1,
        Hours,
        Days,
        Months,
        Years
    };
    Q_ENUM(Zoom)

    explicit TimelineWidget(QWidget *parent = nullptr);

    // Shows the rows of `model`, read through SnapshotListModel's roles on column 0 (any row
    // order; the axis sorts by time). Not owned: once it is destroyed the timeline shows nothing,
    // without a signal. Gives the timeline a selection model of its own over `model`, until
    // setSelectionModel() replaces it. Across a reset the current version stays current when
    // its id is still there; otherwise there is none (and currentVersionChanged("") is emitted).
    void setModel(QAbstractItemModel *model);
    QAbstractItemModel *model() const { return m_model; }
    // Shares `selection` (over model(), which must be set first; another model's selection is
    // refused with a warning): its current index is the timeline's current version, and the
    // timeline selects the rows it makes current. Not owned; the selection model the timeline
    // made for itself is deleted.
    void setSelectionModel(QItemSelectionModel *selection);
    QItemSelectionModel *selectionModel() const { return m_selection; }
    // How many versions are shown.
    int versionCount() const { return int(m_versions.size()); }

    void setFailedRuns(const QList<FailedRun> &runs);
    // Versions the set's next clean-up removes (by its retention policy): crossed out, and
    // their tooltips say why. Pinned versions (tag "pinned") carry a pin.
    void setLeavingVersions(const QHash<QString, QString> &whyById);
    bool isLeaving(const QString &id) const { return m_leaving.contains(id); }
    // Versions to point out, by id, whatever the reason the caller has (the versions in which the
    // open file's history changed): each carries a ring in the palette's highlight colour, and a
    // badge holding any of them a highlight-coloured dot. Ids the model does not show are kept,
    // for when it does. Replaces the previous set.
    void setMarkedVersions(const QSet<QString> &ids);
    const QSet<QString> &markedVersions() const { return m_marked; }
    bool isMarked(const QString &id) const { return m_marked.contains(id); }

    // The id of the current version, empty when there is none.
    QString currentVersion() const;
    // Makes a version current in the selection model and scrolls it into view; an unknown or
    // empty id clears the selection.
    void setCurrentVersion(const QString &id);
    // The ids of the selected versions (the current one and a second one, see above), oldest
    // first.
    QStringList selectedVersions() const;

    Zoom zoom() const { return m_zoom; }
    // Changes the zoom keeping the current version (or the middle of the view) in place.
    void setZoom(Zoom zoom);
    void zoomIn();
    void zoomOut();
    // The finest zoom that shows every version and failed run at once (or Years, showing the
    // newest). The view keeps fitting itself as it is resized until the user zooms or pans.
    void fitAll();

    // Where a version is drawn, in viewport coordinates: its marker, or the badge of the
    // cluster it is drawn in. Empty when it is scrolled out of view or unknown.
    QRect versionMarkerRect(const QString &id) const;
    // Where the failed run with this index (in the list given to setFailedRuns) is drawn.
    QRect failedRunMarkerRect(int index) const;

    // What a click at a viewport point lands on, as the timeline hit-tests it.
    struct Hit
    {
        enum class Kind
        {
            None,
            Version, // one version's marker
            Cluster, // a badge of versions too close to tell apart at this zoom
            Month    // a month's bar at the years level
        };
        Kind kind = Kind::None;
        QRect area;      // what answers a click, at least markerHitSize() square for a marker
        QStringList ids; // the versions it holds, oldest first
        QString label;   // the count drawn on a badge or above a month's bar, when drawn
    };
    Hit hitAt(const QPoint &pos) const;
    // The side of the square around a marker that a click selects it in, in logical pixels.
    int markerHitSize() const;
    // The labels of the axis as drawn, in viewport coordinates: each lies whole in the viewport.
    struct AxisLabel
    {
        QRectF rect;
        QString text;
        bool major = false; // the bold date context below the ticks' labels
    };
    QList<AxisLabel> axisLabels() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // What an empty timeline says: "No versions yet" unless the caller knows better (a locked
    // repository waiting for its password has versions, just none shown yet). Empty: the default.
    void setPlaceholderText(const QString &text);
    QString placeholderText() const;

Q_SIGNALS:
    // The current version's id changed, whoever changed the selection model; not emitted when a
    // reset brings back the same id.
    void currentVersionChanged(const QString &id);
    // Double click or Enter on a version.
    void versionActivated(const QString &id);
    void zoomChanged(strata::TimelineWidget::Zoom zoom);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    // What drawing and ordering need of a version; the tooltip reads the rest from the model.
    struct Version
    {
        int row = -1; // in the model
        QString id;
        QDateTime time;
        BackupKind kind = BackupKind::Full;
        bool pinned = false;
    };
    // Versions drawn as one marker: a single version, or a cluster of neighbours closer than a
    // marker's width; at the years level, a month's versions. Positions are in content
    // coordinates (before scrolling): the first and last version, or the month's bounds.
    struct Group
    {
        int first = 0;
        int last = 0;
        double x0 = 0;
        double x1 = 0;
        bool month = false;
        int count() const { return last - first + 1; }
        bool isCluster() const { return !month && last > first; }
        bool isSingle() const { return !month && last == first; }
    };
    struct Metrics
    {
        int marker = 0; // a marker's size in pixels
        int laneY = 0;  // centre of the versions' lane
        int failY = 0;  // centre of the failed runs' lane
        int axisY = 0;
        int minorLabelY = 0; // top of the tick labels
        int majorLabelY = 0;
        int legendY = 0; // centre of the legend's row
        int bandTop = 0; // the months' bars at the years level, their counts above them
        int bandBottom = 0;
    };

    Metrics metrics() const;
    static double scale(Zoom zoom); // pixels per millisecond
    static constexpr Zoom Finest = Zoom::Minutes;
    static constexpr Zoom Coarsest = Zoom::Years;
    static constexpr int Pad = 48; // content margin before the first and after the last marker
    double pixelsPerMs() const;
    double contentWidth() const;
    double contentX(qint64 ms) const;
    double offset() const; // content to viewport
    double viewX(qint64 ms) const { return contentX(ms) + offset(); }
    qint64 msAt(double viewportX) const;

    void connectModel();
    void readModel();
    // After the model changed: the versions read again, the view kept or fitted.
    void modelChanged();
    void dataChanged(const QList<int> &roles);
    void selectionCurrentChanged(const QModelIndex &current);
    int versionOfRow(int row) const;
    // Emits currentVersionChanged when the current id differs from the one last announced.
    void announceCurrent();
    void updateRange();
    // Makes a version current in the selection model, scrolled into view unless `scroll` is
    // false (it was clicked, so it is).
    void setCurrentIndex(int index, bool scroll = true);
    // The selected version that is not the current one, or -1.
    int pairedIndex() const;
    // Selects `anchor` and `index`, `index` current; one alone when they are the same or
    // `anchor` is -1.
    void selectPair(int anchor, int index, bool scroll = true);
    void applyZoom(Zoom zoom, double anchorViewX);
    void updateScrollBar();
    void ensureVisible(int index);
    void scrollContentTo(double value);
    void rebuildGroups() const;
    // Greedy from the oldest, in content coordinates at `pixelsPerMs`, so clusters do not change
    // while scrolling: versions first..last of m_times.
    QList<Group> clusterVersions(int first, int last, double pixelsPerMs) const;
    QList<Group> monthGroups() const;
    QRect groupRect(const Group &group) const;
    // groupRect grown to markerHitSize() for a single marker.
    QRect hitRect(const Group &group) const;
    // A month's bar inside its column (groupRect), its height following its count.
    QRectF monthBar(const Group &group) const;
    int badgeWidth() const;
    int groupAt(const QPoint &pos) const;
    int nearestInGroup(const Group &group, double viewportX) const;
    bool drawnAlone(int index) const; // the version has a marker of its own
    // The ways a click picks a version (alone, Ctrl, Shift), for markers and the cluster menu.
    void pick(int index, Qt::KeyboardModifiers modifiers);
    // A badge or month clicked at `viewportX`: zooms in centred on it, or lists a badge's
    // versions.
    void openGroup(const Group &group, Qt::KeyboardModifiers modifiers, double viewportX);
    void showClusterMenu(const Group &group, Qt::KeyboardModifiers modifiers);
    QString monthToolTip(const Group &group) const;
    QString kindCounts(const Group &group) const;
    QList<int> failedRunsAt(const QPoint &pos) const;
    QString versionToolTip(int index) const;
    QString groupToolTip(const Group &group) const;
    QString failedToolTip(const QList<int> &runs) const;
    void updateAccessibleDescription();
    void clicked(const QPoint &pos, Qt::KeyboardModifiers modifiers);

    void paintAxis(QPainter &p, const Metrics &g) const;
    void paintMonths(QPainter &p, const Metrics &g) const;
    void paintLegend(QPainter &p, const Metrics &g) const;

    QPointer<QAbstractItemModel> m_model;
    QPointer<QItemSelectionModel> m_selection;
    QPointer<QItemSelectionModel> m_ownSelection; // made by setModel, until replaced
    QList<QMetaObject::Connection> m_modelConnections;
    QList<QMetaObject::Connection> m_selectionConnections;
    QString m_resetKeeps; // the current id while the model resets
    QString m_announced;  // the id currentVersionChanged last carried
    bool m_scrollToCurrent = true;

    QList<Version> m_versions;         // oldest first
    QList<qint64> m_times;             // m_versions' times, ms since the epoch
    QList<int> m_versionOfRow;         // model row -> index in m_versions
    QList<FailedRun> m_failed;         // as given
    QHash<QString, QString> m_leaving; // version id -> why the next clean-up removes it
    QSet<QString> m_marked;            // version ids
    QString m_placeholder;             // what an empty timeline says, empty: "No versions yet"
    qint64 m_rangeStart = 0;           // earliest version or failure
    qint64 m_rangeEnd = 0;             // latest
    int m_current = -1;                // the selection's current row, as an index in m_versions
    Zoom m_zoom = Zoom::Days;
    bool m_autoFit = true;

    mutable QList<Group> m_groups;
    mutable QList<int> m_groupOf;    // version index to group index
    mutable int m_maxMonthCount = 0; // the fullest month's versions, at the years level
    mutable bool m_groupsValid = false;

    QPoint m_pressPos;
    int m_pressScroll = 0;
    bool m_pressed = false;
    bool m_dragging = false;

    QComboBox *m_zoomBox = nullptr;
    QMenu *m_clusterMenu = nullptr; // a badge's versions, when no zoom splits it
};

} // namespace strata
