#include "ScheduleEditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLocale>
#include <QSpinBox>
#include <QTimeEdit>

namespace strata {

namespace {

// The most hours "every N hours" accepts: a week (BackupSet::validate's limit).
constexpr int MaxHours = 168;

// The locale's short time format without seconds (some locales, C among them, show them).
QString timeFormat()
{
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    format.remove(QLatin1String(":ss"));
    return format;
}

} // namespace

ScheduleEditor::ScheduleEditor(QWidget *parent) : QWidget(parent)
{
    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("scheduleMode"));
    m_mode->addItem(tr("Only when I ask"), QVariant::fromValue(int(Schedule::Mode::Manual)));
    m_mode->addItem(tr("Every few hours"), QVariant::fromValue(int(Schedule::Mode::EveryHours)));
    m_mode->addItem(tr("Every day"), QVariant::fromValue(int(Schedule::Mode::Daily)));
    m_mode->addItem(tr("Every week"), QVariant::fromValue(int(Schedule::Mode::Weekly)));

    m_hours = new QSpinBox(this);
    m_hours->setObjectName(QStringLiteral("scheduleHours"));
    m_hours->setRange(1, MaxHours);
    m_hours->setSuffix(tr(" hours"));

    m_weekday = new QComboBox(this);
    m_weekday->setObjectName(QStringLiteral("scheduleWeekday"));
    for (int day = Qt::Monday; day <= Qt::Sunday; ++day)
        m_weekday->addItem(QLocale().dayName(day), day);

    m_time = new QTimeEdit(this);
    m_time->setObjectName(QStringLiteral("scheduleTime"));
    m_time->setDisplayFormat(timeFormat());

    m_form = new QFormLayout(this);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->addRow(tr("&When:"), m_mode);
    m_form->addRow(tr("E&very:"), m_hours);
    m_form->addRow(tr("&Day:"), m_weekday);
    m_form->addRow(tr("&At:"), m_time);

    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        updateRows();
        Q_EMIT changed();
    });
    connect(m_hours, &QSpinBox::valueChanged, this, &ScheduleEditor::changed);
    connect(m_weekday, &QComboBox::currentIndexChanged, this, &ScheduleEditor::changed);
    connect(m_time, &QTimeEdit::timeChanged, this, &ScheduleEditor::changed);

    setSchedule(Schedule{});
}

QString ScheduleEditor::describe(const Schedule &schedule)
{
    const QString at = QLocale().toString(schedule.at, timeFormat());
    switch (schedule.mode) {
    case Schedule::Mode::Manual:
        break;
    case Schedule::Mode::EveryHours:
        return tr("every %n hour(s)", nullptr, schedule.hours);
    case Schedule::Mode::Daily:
        return tr("every day at %1").arg(at);
    case Schedule::Mode::Weekly:
        return tr("every %1 at %2").arg(QLocale().dayName(schedule.weekday), at);
    }
    return tr("only when you ask");
}

Schedule ScheduleEditor::schedule() const
{
    Schedule s;
    s.mode = Schedule::Mode(m_mode->currentData().toInt());
    s.hours = m_hours->value();
    s.weekday = m_weekday->currentData().toInt();
    // Minutes precision: the editor shows no seconds, so none are kept.
    const QTime t = m_time->time();
    s.at = QTime(t.hour(), t.minute());
    return s;
}

void ScheduleEditor::setSchedule(const Schedule &schedule)
{
    m_mode->setCurrentIndex(m_mode->findData(int(schedule.mode)));
    m_hours->setValue(schedule.hours);
    m_weekday->setCurrentIndex(qMax(0, m_weekday->findData(schedule.weekday)));
    m_time->setTime(schedule.at.isValid() ? schedule.at : QTime(12, 0));
    updateRows();
}

void ScheduleEditor::updateRows()
{
    const auto mode = Schedule::Mode(m_mode->currentData().toInt());
    m_form->setRowVisible(m_hours, mode == Schedule::Mode::EveryHours);
    m_form->setRowVisible(m_weekday, mode == Schedule::Mode::Weekly);
    m_form->setRowVisible(m_time, mode == Schedule::Mode::Daily || mode == Schedule::Mode::Weekly);
}

} // namespace strata
