#include "VersionSummary.h"
#include "models/TimeText.h"

#include "StatusColors.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace strata {

VersionSummary::VersionSummary(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_placeholder = new QLabel(tr("No version selected"), this);
    m_placeholder->setObjectName(QStringLiteral("placeholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_placeholder);

    m_details = new QWidget(this);
    m_form = new QFormLayout(m_details);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_time = addRow(tr("Time:"), QStringLiteral("time"));
    m_version = addRow(tr("Version:"), QStringLiteral("version"));
    m_set = addRow(tr("Set:"), QStringLiteral("set"));
    m_host = addRow(tr("Host:"), QStringLiteral("host"));
    m_user = addRow(tr("User:"), QStringLiteral("user"));
    m_kind = addRow(tr("Kind:"), QStringLiteral("kind"));
    m_files = addRow(tr("Files:"), QStringLiteral("files"));
    m_size = addRow(tr("Total size:"), QStringLiteral("size"));
    m_added = addRow(tr("Size added:"), QStringLiteral("added"));
    m_duration = addRow(tr("Duration:"), QStringLiteral("duration"));
    m_paths = addRow(tr("Sources:"), QStringLiteral("paths"));
    m_tags = addRow(tr("Tags:"), QStringLiteral("tags"));
    m_warnings = addRow(tr("Warnings:"), QStringLiteral("warnings"));
    layout->addWidget(m_details);
    layout->addStretch(1);

    clear();
}

QLabel *VersionSummary::addRow(const QString &label, const QString &objectName)
{
    auto *value = new QLabel(m_details);
    value->setObjectName(objectName);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setWordWrap(true);
    // Selectable by keyboard too, so the values can be copied without a mouse.
    QString name = label;
    name.remove(QLatin1Char(':'));
    value->setAccessibleName(name);
    m_form->addRow(label, value);
    m_values.append(value);
    return value;
}

void VersionSummary::setVersion(const Snapshot &version)
{
    const QLocale locale;
    const SnapshotStats &stats = version.stats;
    m_id = version.id;
    m_time->setText(timeText(version.time));
    m_version->setText(version.shortId());
    m_version->setToolTip(version.id);
    m_set->setText(version.set);
    m_host->setText(version.host);
    m_user->setText(version.user);
    m_kind->setText(kindLabel(version.kind));
    m_files->setText(tr("%1 (%2 new, %3 changed, %4 unmodified)")
                         .arg(locale.toString(stats.files), locale.toString(stats.filesNew),
                              locale.toString(stats.filesChanged), locale.toString(stats.filesUnmodified)));
    m_size->setText(locale.formattedDataSize(stats.bytes));
    m_added->setText(locale.formattedDataSize(stats.bytesAdded));
    m_duration->setText(durationText(stats.durationMs));
    m_paths->setText(version.paths.join(QLatin1Char('\n')));
    m_tags->setText(version.tags.isEmpty() ? tr("None") : version.tags.join(QStringLiteral(", ")));
    m_warnings->setText(stats.warnings == 0 ? tr("None")
                                            : tr("%1 (files that could not be read are listed in the log)")
                                                  .arg(locale.toString(stats.warnings)));
    if (stats.warnings > 0) {
        QPalette warning = palette();
        warning.setColor(QPalette::WindowText, warningColor(warning));
        m_warnings->setPalette(warning);
    } else {
        m_warnings->setPalette(QPalette()); // inherit again
    }

    m_placeholder->hide();
    m_details->show();
}

void VersionSummary::clear()
{
    m_id.clear();
    // Only the values: the row labels ("Time:") are QLabels of m_details too.
    for (QLabel *value : std::as_const(m_values))
        value->clear();
    m_details->hide();
    m_placeholder->show();
}

QString VersionSummary::kindLabel(BackupKind kind)
{
    switch (kind) {
    case BackupKind::Full:
        return tr("Full");
    case BackupKind::Incremental:
        return tr("Incremental");
    case BackupKind::Differential:
        return tr("Differential");
    case BackupKind::Safety:
        return tr("Safety");
    }
    return {};
}

QString VersionSummary::durationText(qint64 ms)
{
    const QLocale locale;
    const qint64 secs = ms / 1000;
    if (secs < 1)
        return tr("less than a second");
    if (secs < 60)
        return tr("%1 s").arg(locale.toString(secs));
    if (secs < 3600)
        return tr("%1 min %2 s").arg(locale.toString(secs / 60), locale.toString(secs % 60));
    return tr("%1 h %2 min").arg(locale.toString(secs / 3600), locale.toString(secs % 3600 / 60));
}

} // namespace strata
