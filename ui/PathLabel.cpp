#include "PathLabel.h"

#include <QEvent>

namespace strata {

PathLabel::PathLabel(const QString &path, QWidget *parent) : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(false);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setPath(path);
}

void PathLabel::setPath(const QString &path)
{
    m_path = path;
    setToolTip(path);
    setAccessibleName(path);
    updateGeometry();
    elide();
}

QSize PathLabel::sizeHint() const
{
    const QMargins m = contentsMargins();
    return {fontMetrics().horizontalAdvance(m_path) + m.left() + m.right() + 2 * margin() + 1,
            QLabel::sizeHint().height()};
}

QSize PathLabel::minimumSizeHint() const
{
    return {qMin(sizeHint().width(), 10 * fontMetrics().averageCharWidth()),
            QLabel::minimumSizeHint().height()};
}

void PathLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    elide();
}

void PathLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        elide();
}

void PathLabel::elide()
{
    setText(
        fontMetrics().elidedText(m_path, Qt::ElideMiddle, qMax(0, contentsRect().width() - 2 * margin())));
}

} // namespace strata
