// The diff viewer: one file in two versions (or a version and the disk) side by side. Text as
// aligned lines with line numbers, changed lines tinted and the changed words inside them
// marked, F7 / Shift+F7 to the next / previous change; images side by side with the changed
// region outlined (or blinking from one to the other, or swiped); anything else by size, hash and first
// differing byte.
//
// The files are read and compared on the thread pool; closing the viewer cancels the work.
#pragma once

#include "diff/FileDiff.h"
#include "diff/SyntaxColouring.h"
#include "util/Cancel.h"

#include <QDialog>

#include <memory>

class QComboBox;
class QLabel;
class QSlider;
class QStackedWidget;
class QTableView;

namespace strata {

class ImageOverlay;
class Repository;
class TextDiffModel;

class DiffViewer final : public QDialog
{
    Q_OBJECT
public:
    // What one side shows: the file at `path` in a version, or on disk when there is no
    // version. A version that does not hold the path, or a path not on disk, is an empty side.
    struct Side
    {
        QString title;                   // "Version of 2 Dec 2026 14:00" or "On disk now"
        std::optional<Snapshot> version; // none: the disk
        QByteArray path;                 // absolute
        bool absent = false;             // nothing: a file before it existed
    };
    // "Version of <its local time>" / "On disk now", translated.
    static Side versionSide(const Snapshot &version, const QByteArray &path);
    static Side diskSide(const QByteArray &path);
    static Side absentSide(const QString &title) { return {title, std::nullopt, {}, true}; }

    DiffViewer(std::shared_ptr<Repository> repo, Side before, Side after, QWidget *parent = nullptr);
    ~DiffViewer() override;

    // The comparison once it is done (nothing while it runs or after it failed).
    const FileDiff *result() const { return m_result ? &*m_result : nullptr; }
    TextDiffModel *textModel() const { return m_model; }
    QTableView *textView() const { return m_view; }

public Q_SLOTS:
    void nextChange();
    void previousChange();

Q_SIGNALS:
    void loaded(); // the comparison is shown (or its failure)

private:
    struct Compared
    {
        FileDiff diff;
        SyntaxLines syntaxA, syntaxB; // the texts' colouring, when their format is known
    };
    void present(Result<Compared> compared);
    void showImages(const FileDiff &diff);
    void goToRow(int row);

    CancelToken m_cancel = CancelToken::make();
    std::optional<FileDiff> m_result;
    QLabel *m_summary = nullptr;
    QStackedWidget *m_pages = nullptr;
    QTableView *m_view = nullptr;
    TextDiffModel *m_model = nullptr;
    QLabel *m_imageBefore = nullptr, *m_imageAfter = nullptr;
    QComboBox *m_imageMode = nullptr;
    QSlider *m_swipe = nullptr;
    ImageOverlay *m_overlay = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace strata
