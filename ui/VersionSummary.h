// The summary of one version beside the timeline: when, which set, from where, what kind of run,
// how many files changed, how much it added and how long it took. Plain read-only labels whose
// text can be selected and copied. Its width comes from the font, never from the version shown,
// so the file list beside it stays put as the selection moves; what does not fit is elided
// (paths in the middle) with the whole text in the tooltip.
#pragma once

#include "repo/Snapshot.h"

#include <QWidget>

class QFormLayout;
class QLabel;

namespace strata {

class VersionSummary final : public QWidget
{
    Q_OBJECT
public:
    explicit VersionSummary(QWidget *parent = nullptr);

    void setVersion(const Snapshot &version, const QString &label = {});
    // Shows "No version selected".
    void clear();
    // The id of the version shown, empty after clear().
    QString versionId() const { return m_id; }

    // About 34 average characters wide at the least (more if the row labels need it) and 42 by
    // preference; the same for every version and for none.
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

    // "Full", "Incremental", "Differential", "Safety", translated.
    static QString kindLabel(BackupKind kind);
    // "1 h 5 min", "3 min 20 s", "12 s", "less than a second".
    static QString durationText(qint64 ms);

private:
    QLabel *addRow(const QString &label, const QString &objectName, QLabel *value = nullptr);
    int widthFor(int chars) const;

    QString m_id;
    QLabel *m_placeholder = nullptr;
    QWidget *m_details = nullptr;
    QFormLayout *m_form = nullptr;
    QList<QLabel *> m_values;
    QStringList m_rowLabels;
    QLabel *m_time = nullptr;
    QLabel *m_version = nullptr;
    QLabel *m_set = nullptr;
    QLabel *m_host = nullptr;
    QLabel *m_user = nullptr;
    QLabel *m_kind = nullptr;
    QLabel *m_files = nullptr;
    QLabel *m_size = nullptr;
    QLabel *m_added = nullptr;
    QLabel *m_duration = nullptr;
    QLabel *m_paths = nullptr;
    QLabel *m_tags = nullptr;
    QLabel *m_warnings = nullptr;
};

} // namespace strata
