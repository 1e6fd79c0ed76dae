// Edits when a set runs: manually, every N hours, daily at a time, or weekly on a day at a
// time. Only the fields of the chosen mode are shown. Used by the setup assistant and the set
// editor.
#pragma once

#include "profiles/BackupSet.h"

#include <QWidget>

class QComboBox;
class QFormLayout;
class QSpinBox;
class QTimeEdit;

namespace strata {

class ScheduleEditor final : public QWidget
{
    Q_OBJECT
public:
    explicit ScheduleEditor(QWidget *parent = nullptr);

    // A short sentence for summaries: "every day at 12:00".
    static QString describe(const Schedule &schedule);

    Schedule schedule() const;
    void setSchedule(const Schedule &schedule);

Q_SIGNALS:
    void changed();

private:
    void updateRows();

    QFormLayout *m_form = nullptr;
    QComboBox *m_mode = nullptr;
    QSpinBox *m_hours = nullptr;
    QComboBox *m_weekday = nullptr;
    QTimeEdit *m_time = nullptr;
};

} // namespace strata
