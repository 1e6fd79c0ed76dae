#include "VersionSummary.h"
#include "models/TimeText.h"

#include "StatusColors.h"

#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace strata {

namespace {

constexpr int MinimumChars = 34;
constexpr int PreferredChars = 42;
// What a value column needs at the least, however wide the row labels are in a language.
constexpr int ValueChars = 20;

// Whole lines, each elided to the label's width instead of wrapped, so a path never breaks
// mid-word and never widens the pane; the tooltip holds the whole text.
class ElidingLabel final : public QLabel
{
public:
    ElidingLabel(Qt::TextElideMode mode, QWidget *parent) : QLabel(parent), m_mode(mode) {}

    void setLines(const QStringList &lines)
    {
        m_lines = lines;
        setToolTip(lines.join(QLatin1Char('\n')));
        elide();
    }

    // Narrow whatever the text: the layout gives it the field's width, and it elides to that.
    QSize sizeHint() const override
    {
        return {fontMetrics().averageCharWidth() * 4, QLabel::sizeHint().height()};
    }
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QLabel::resizeEvent(event);
        elide();
    }

    void changeEvent(QEvent *event) override
    {
        QLabel::changeEvent(event);
        if (event->type() == QEvent::FontChange)
            elide();
    }

private:
    void elide()
    {
        const QFontMetrics metrics(font());
        const int width = contentsRect().width();
        QStringList shown;
        for (const QString &line : std::as_const(m_lines))
            shown << metrics.elidedText(line, m_mode, width);
        QLabel::setText(shown.join(QLatin1Char('\n')));
    }

    Qt::TextElideMode m_mode;
    QStringList m_lines;
};

// "0 new", kept on one line: the files row wraps between its parts, never inside one.
QString unbroken(QString part)
{
    return part.replace(QLatin1Char(' '), QChar::Nbsp);
}

} // namespace

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
    m_set = addRow(tr("Set:"), QStringLiteral("set"), new ElidingLabel(Qt::ElideRight, m_details));
    m_host = addRow(tr("Host:"), QStringLiteral("host"), new ElidingLabel(Qt::ElideRight, m_details));
    m_user = addRow(tr("User:"), QStringLiteral("user"), new ElidingLabel(Qt::ElideRight, m_details));
    m_kind = addRow(tr("Kind:"), QStringLiteral("kind"));
    m_files = addRow(tr("Files:"), QStringLiteral("files"));
    m_size = addRow(tr("Total size:"), QStringLiteral("size"));
    m_added = addRow(tr("Size added:"), QStringLiteral("added"));
    m_duration = addRow(tr("Duration:"), QStringLiteral("duration"));
    m_paths = addRow(tr("Sources:"), QStringLiteral("paths"), new ElidingLabel(Qt::ElideMiddle, m_details));
    m_tags = addRow(tr("Tags:"), QStringLiteral("tags"));
    m_warnings = addRow(tr("Warnings:"), QStringLiteral("warnings"));
    layout->addWidget(m_details);
    layout->addStretch(1);

    clear();
}

QLabel *VersionSummary::addRow(const QString &label, const QString &objectName, QLabel *value)
{
    if (!value) {
        value = new QLabel(m_details);
        value->setWordWrap(true);
    }
    value->setObjectName(objectName);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // Selectable by keyboard too, so the values can be copied without a mouse.
    QString name = label;
    name.remove(QLatin1Char(':'));
    value->setAccessibleName(name);
    m_form->addRow(label, value);
    m_values.append(value);
    m_rowLabels.append(label);
    return value;
}

int VersionSummary::widthFor(int chars) const
{
    // From the font and the row labels only: nothing of the version shown counts.
    const QFontMetrics metrics = fontMetrics();
    int labels = 0;
    for (const QString &label : m_rowLabels)
        labels = std::max(labels, metrics.horizontalAdvance(label));
    const int spacing = std::max(0, m_form->horizontalSpacing());
    const QMargins margins = contentsMargins();
    return std::max(chars * metrics.averageCharWidth(),
                    labels + spacing + ValueChars * metrics.averageCharWidth()) +
           margins.left() + margins.right();
}

QSize VersionSummary::minimumSizeHint() const
{
    return {widthFor(MinimumChars), QWidget::minimumSizeHint().height()};
}

QSize VersionSummary::sizeHint() const
{
    return {widthFor(PreferredChars), QWidget::sizeHint().height()};
}

void VersionSummary::setVersion(const Snapshot &version, const QString &label)
{
    const QLocale locale;
    const SnapshotStats &stats = version.stats;
    m_id = version.id;
    m_time->setText(timeText(version.time));
    m_version->setText(version.shortId());
    m_version->setToolTip(version.id);
    static_cast<ElidingLabel *>(m_set)->setLines({version.set});
    static_cast<ElidingLabel *>(m_host)->setLines({version.host});
    static_cast<ElidingLabel *>(m_user)->setLines({version.user});
    m_kind->setText(label.isEmpty() ? kindLabel(version.kind) : label);
    // "315 files", then "0 new · 0 changed · 315 unmodified" on a line of its own.
    QString files = tr("%Ln file(s)", nullptr, int(std::min<qint64>(stats.files, INT_MAX)));
    if (version.kind == BackupKind::Safety) {
        // It holds what a restore was about to replace, compared with nothing (as the file
        // list's Change column): no new or changed files to speak of.
        files += QLatin1Char('\n') + tr("as they were before the restore");
    } else if (stats.filesNew + stats.filesChanged + stats.filesUnmodified > 0) {
        const QStringList parts{
            unbroken(tr("%1 new", "files").arg(locale.toString(stats.filesNew))),
            unbroken(tr("%1 changed", "files").arg(locale.toString(stats.filesChanged))),
            unbroken(tr("%1 unmodified", "files").arg(locale.toString(stats.filesUnmodified)))};
        files += QLatin1Char('\n') + parts.join(QStringLiteral(" · "));
    }
    m_files->setText(files);
    m_size->setText(locale.formattedDataSize(stats.bytes));
    m_added->setText(locale.formattedDataSize(stats.bytesAdded));
    m_duration->setText(durationText(stats.durationMs));
    static_cast<ElidingLabel *>(m_paths)->setLines(version.paths);
    // A safety version's own tags (before-restore, restore-of:<id>) are what its kind says.
    QStringList tags = version.tags;
    if (version.kind == BackupKind::Safety)
        tags.removeIf([](const QString &t) {
            return t == QLatin1String("before-restore") || t.startsWith(QLatin1String("restore-of:"));
        });
    m_tags->setText(tags.isEmpty() ? tr("None") : tags.join(QStringLiteral(", ")));
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
    for (QLabel *value : std::as_const(m_values)) {
        if (auto *eliding = dynamic_cast<ElidingLabel *>(value))
            eliding->setLines({});
        else
            value->clear();
    }
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
