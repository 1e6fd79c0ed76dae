#include "RetentionEditor.h"
#include "models/TimeText.h"

#include "util/Async.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace strata {

namespace {

constexpr qint64 GiB = qint64(1) << 30;

// A count rule: "none" at 0, "all" at -1 (every hour, day, ... that holds a version).
class CountBox final : public QSpinBox
{
public:
    CountBox(int value, const QString &objectName, QWidget *parent) : QSpinBox(parent)
    {
        setObjectName(objectName);
        setRange(-1, 9999);
        setValue(value);
    }

protected:
    QString textFromValue(int value) const override
    {
        if (value == 0)
            return RetentionEditor::tr("none");
        if (value < 0)
            return RetentionEditor::tr("all");
        return QSpinBox::textFromValue(value);
    }
    int valueFromText(const QString &text) const override
    {
        if (text == RetentionEditor::tr("none"))
            return 0;
        if (text == RetentionEditor::tr("all"))
            return -1;
        return QSpinBox::valueFromText(text);
    }
    QValidator::State validate(QString &text, int &pos) const override
    {
        if (RetentionEditor::tr("none").startsWith(text) || RetentionEditor::tr("all").startsWith(text))
            return text == RetentionEditor::tr("none") || text == RetentionEditor::tr("all")
                       ? QValidator::Acceptable
                       : QValidator::Intermediate;
        return QSpinBox::validate(text, pos);
    }
};

QStringList tagList(const QString &text)
{
    QStringList tags;
    for (const QString &t : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (const QString trimmed = t.trimmed(); !trimmed.isEmpty())
            tags << trimmed;
    return tags;
}

} // namespace

RetentionEditor::RetentionEditor(QWidget *parent) : QWidget(parent)
{
    m_last = new CountBox(0, QStringLiteral("keepLast"), this);
    m_hourly = new CountBox(0, QStringLiteral("keepHourly"), this);
    m_daily = new CountBox(0, QStringLiteral("keepDaily"), this);
    m_weekly = new CountBox(0, QStringLiteral("keepWeekly"), this);
    m_monthly = new CountBox(0, QStringLiteral("keepMonthly"), this);
    m_yearly = new CountBox(0, QStringLiteral("keepYearly"), this);
    m_within = new QLineEdit(this);
    m_within->setObjectName(QStringLiteral("keepWithin"));
    m_within->setPlaceholderText(tr("e.g. 2w3d (weeks and days), 24h, 1y"));
    m_tags = new QLineEdit(this);
    m_tags->setObjectName(QStringLiteral("keepTags"));
    m_tags->setPlaceholderText(tr("tags, separated by commas (\"pinned\" is always kept)"));
    m_totalGib = new QSpinBox(this);
    m_totalGib->setObjectName(QStringLiteral("maxTotalSize"));
    m_totalGib->setRange(0, 1'000'000);
    m_totalGib->setSpecialValueText(tr("no limit"));
    m_totalGib->setSuffix(tr(" GiB"));
    m_safetyDays = new QSpinBox(this);
    m_safetyDays->setObjectName(QStringLiteral("safetyDays"));
    m_safetyDays->setRange(0, 3650);
    m_safetyDays->setSuffix(tr(" days"));
    m_autoPrune = new QCheckBox(tr("&Clean up after each backup, by these rules"), this);
    m_autoPrune->setObjectName(QStringLiteral("autoPrune"));
    m_pruneHours = new QSpinBox(this);
    m_pruneHours->setObjectName(QStringLiteral("pruneEveryHours"));
    m_pruneHours->setRange(1, 24 * 365);
    m_pruneHours->setSuffix(tr(" hours"));

    auto *timeMachine = new QPushButton(tr("&Time Machine"), this);
    timeMachine->setObjectName(QStringLiteral("timeMachine"));
    timeMachine->setToolTip(tr("Every version for 24 hours, one a day for a month, one a week after that"));
    connect(timeMachine, &QPushButton::clicked, this,
            [this] { setPolicy(RetentionPolicy::timeMachine(), autoPrune(), pruneEveryHours()); });
    auto *defaults = new QPushButton(tr("De&faults"), this);
    connect(defaults, &QPushButton::clicked, this,
            [this] { setPolicy(RetentionPolicy::defaults(), autoPrune(), pruneEveryHours()); });
    auto *presets = new QHBoxLayout;
    presets->addWidget(new QLabel(tr("Presets:"), this));
    presets->addWidget(timeMachine);
    presets->addWidget(defaults);
    presets->addStretch();

    auto *form = new QFormLayout;
    form->addRow(tr("The &latest versions:"), m_last);
    form->addRow(tr("One an &hour, for this many hours:"), m_hourly);
    form->addRow(tr("One a &day, for this many days:"), m_daily);
    form->addRow(tr("One a &week, for this many weeks:"), m_weekly);
    form->addRow(tr("One a &month, for this many months:"), m_monthly);
    form->addRow(tr("One a &year, for this many years:"), m_yearly);
    form->addRow(tr("Every version &within:"), m_within);
    form->addRow(tr("Versions ta&gged:"), m_tags);
    form->addRow(tr("At most this much in &total:"), m_totalGib);
    form->addRow(tr("&Safety versions, for:"), m_safetyDays);
    form->addRow(m_autoPrune);
    form->addRow(tr("&Give space back at most every:"), m_pruneHours);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("previewSummary"));
    m_summary->setWordWrap(true);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("preview"));
    m_list->setAccessibleName(tr("Which versions the rules keep"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({tr("Version"), tr("Host"), tr("Kept"), tr("Why")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_list->setMinimumWidth(420); // room for the reasons beside the dates

    auto *preview = new QVBoxLayout;
    preview->addWidget(new QLabel(tr("<b>Preview on this set's versions</b>"), this));
    preview->addWidget(m_summary);
    preview->addWidget(m_list, 1);

    auto *left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("When old versions are cleaned up, keep:"), this));
    left->addLayout(form);
    left->addLayout(presets);
    left->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left);
    layout->addLayout(preview, 1);

    const auto edited = [this] {
        m_pruneHours->setEnabled(m_autoPrune->isChecked());
        Q_EMIT changed();
        schedulePreview();
    };
    for (QSpinBox *box : {m_last, m_hourly, m_daily, m_weekly, m_monthly, m_yearly, m_totalGib, m_safetyDays})
        connect(box, &QSpinBox::valueChanged, this, edited);
    connect(m_pruneHours, &QSpinBox::valueChanged, this, [this] { Q_EMIT changed(); });
    connect(m_within, &QLineEdit::textChanged, this, edited);
    connect(m_tags, &QLineEdit::textChanged, this, edited);
    connect(m_autoPrune, &QCheckBox::toggled, this, edited);
    setVersionsUnavailable(tr("The set's versions are being read…"));
}

void RetentionEditor::setPolicy(const RetentionPolicy &policy, bool autoPrune, int pruneEveryHours)
{
    m_base = policy;
    const QSignalBlocker blocks[] = {
        QSignalBlocker(m_last),       QSignalBlocker(m_hourly),    QSignalBlocker(m_daily),
        QSignalBlocker(m_weekly),     QSignalBlocker(m_monthly),   QSignalBlocker(m_yearly),
        QSignalBlocker(m_within),     QSignalBlocker(m_tags),      QSignalBlocker(m_totalGib),
        QSignalBlocker(m_safetyDays), QSignalBlocker(m_autoPrune), QSignalBlocker(m_pruneHours)};
    m_last->setValue(policy.keepLast);
    m_hourly->setValue(policy.keepHourly);
    m_daily->setValue(policy.keepDaily);
    m_weekly->setValue(policy.keepWeekly);
    m_monthly->setValue(policy.keepMonthly);
    m_yearly->setValue(policy.keepYearly);
    m_within->setText(policy.keepWithin.toString());
    m_tags->setText(policy.keepTags.join(QStringLiteral(", ")));
    m_totalGib->setValue(int((policy.maxTotalBytes + GiB / 2) / GiB));
    m_safetyDays->setValue(policy.safetyDays);
    m_autoPrune->setChecked(autoPrune);
    m_pruneHours->setValue(pruneEveryHours);
    m_pruneHours->setEnabled(autoPrune);
    Q_EMIT changed();
    schedulePreview();
}

RetentionPolicy RetentionEditor::policy() const
{
    RetentionPolicy p = m_base;
    p.keepLast = m_last->value();
    p.keepHourly = m_hourly->value();
    p.keepDaily = m_daily->value();
    p.keepWeekly = m_weekly->value();
    p.keepMonthly = m_monthly->value();
    p.keepYearly = m_yearly->value();
    if (auto within = RetentionDuration::parse(m_within->text().trimmed()); within.ok())
        p.keepWithin = *within;
    p.keepTags = tagList(m_tags->text());
    // A size that is not a whole GiB stays exact unless the number is changed.
    const qint64 shown = (m_base.maxTotalBytes + GiB / 2) / GiB;
    p.maxTotalBytes = m_totalGib->value() == shown ? m_base.maxTotalBytes : m_totalGib->value() * GiB;
    p.safetyDays = m_safetyDays->value();
    return p;
}

bool RetentionEditor::autoPrune() const
{
    return m_autoPrune->isChecked();
}

int RetentionEditor::pruneEveryHours() const
{
    return m_pruneHours->value();
}

QString RetentionEditor::problem() const
{
    if (auto within = RetentionDuration::parse(m_within->text().trimmed()); !within.ok())
        return tr("Keep: \"%1\" is not a duration (%2). Write it as 2w3d, 24h or 1y.")
            .arg(m_within->text().trimmed(), within.error().message);
    return {};
}

void RetentionEditor::setVersions(QList<Snapshot> versions, const QDateTime &now)
{
    m_versions = std::move(versions);
    m_now = now;
    m_haveVersions = true;
    schedulePreview();
}

void RetentionEditor::setVersionsUnavailable(const QString &why)
{
    m_haveVersions = false;
    m_versions.clear();
    m_preview.clear();
    m_list->clear();
    m_summary->setText(why);
}

void RetentionEditor::schedulePreview()
{
    if (!m_haveVersions)
        return;
    if (!problem().isEmpty()) {
        m_summary->setText(problem());
        return;
    }
    const quint64 generation = ++m_generation;
    m_pending = true;
    const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
    // A few hundred versions take milliseconds, thousands more; either way not on the GUI thread.
    runAsync(
        this,
        [versions = m_versions, policy = policy(), now] {
            return applyRetention(versions, policy, now,
                                  [](const Snapshot &v) { return v.stats.bytesAdded; });
        },
        [this, generation](QList<RetentionDecision> decisions) {
            if (generation != m_generation)
                return; // the rules changed again meanwhile
            showPreview(std::move(decisions));
        });
}

void RetentionEditor::showPreview(QList<RetentionDecision> decisions)
{
    m_pending = false;
    m_preview = std::move(decisions);
    m_list->clear();
    int removed = 0;
    QList<QTreeWidgetItem *> items;
    for (const RetentionDecision &d : std::as_const(m_preview)) {
        auto *item = new QTreeWidgetItem;
        item->setText(0, timeText(d.time));
        item->setText(1, d.host);
        item->setText(2, d.keep ? tr("kept") : tr("removed"));
        item->setText(3, d.reasons.join(QStringLiteral("; ")));
        item->setData(0, Qt::UserRole, d.id);
        if (!d.keep) {
            removed++;
            item->setForeground(2, palette().brush(QPalette::Disabled, QPalette::Text));
            QFont f = item->font(0);
            f.setStrikeOut(true);
            item->setFont(0, f);
        }
        items << item;
    }
    m_list->addTopLevelItems(items);
    if (m_preview.isEmpty())
        m_summary->setText(tr("This set has no versions yet."));
    else if (removed == 0)
        m_summary->setText(tr("All %n version(s) are kept.", nullptr, int(m_preview.size())));
    else
        m_summary->setText(tr("%1 of %2 versions are kept; the next clean-up removes %3.")
                               .arg(m_preview.size() - removed)
                               .arg(m_preview.size())
                               .arg(removed));
    Q_EMIT previewUpdated();
}

} // namespace strata
