// A path on one line, the way the password prompt, the setup assistant and the one-page
// restore show one: a path broken after a "/" or in the middle of a name reads as two things.
#pragma once

#include <QLabel>

namespace strata {

// A path on one line that never wraps: elided in the middle when it does not fit (the start
// and the file name stay), whole in the tooltip and for screen readers.
class PathLabel final : public QLabel
{
    Q_OBJECT
public:
    explicit PathLabel(const QString &path = {}, QWidget *parent = nullptr);

    void setPath(const QString &path);
    QString path() const { return m_path; }

    // The whole path; the minimum is a few characters, eliding takes care of the rest.
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void elide();

    QString m_path;
};

} // namespace strata
