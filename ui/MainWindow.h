// The main window: which repository is open, its versions in a table, and a status bar.
// Opening, creating and listing run on worker threads; results come back through
// QFutureWatcher children of the window, so a closed window simply never hears them.
#pragma once

#include "PasswordDialog.h"

#include <QMainWindow>

#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace strata {

class Repository;
class SnapshotListModel;
struct Snapshot;

struct PasswordRequest
{
    PasswordDialog::Mode mode = PasswordDialog::Mode::Open;
    QString location;
    QString problem;               // why the question comes (again); empty the first time
    bool keychainAvailable = true; // whether "remember" can work
    QString keychainProblem;       // why it cannot, for the tooltip
};

struct PasswordAnswer
{
    QString password;
    bool remember = false;
};

// Asks for a password and answers later through the callback (std::nullopt: cancelled).
// Tests replace it; the default shows a PasswordDialog with open().
using PasswordPrompt =
    std::function<void(const PasswordRequest &, std::function<void(std::optional<PasswordAnswer>)>)>;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Where a first start keeps its repository: <AppDataLocation>/repository.
    static QString defaultRepositoryPath();

    // Opens the repository at `location` and lists its versions, without blocking. The
    // password comes from `password` when given, else the keychain, else the user; when
    // nothing is there yet the user is offered to create a repository.
    void openRepository(const QString &location, const QString &password = {});

    void setPasswordPrompt(PasswordPrompt prompt);

    QString location() const { return m_location; }
    SnapshotListModel *snapshotModel() const { return m_model; }
    std::shared_ptr<Repository> repository() const { return m_repo; }

Q_SIGNALS:
    // The repository is open and the table shows its versions.
    void repositoryOpened(const QString &location);
    // Opening or creating failed, or the user cancelled; `message` is shown in the window.
    void repositoryFailed(const QString &message);

private:
    void buildUi();
    void browse();
    void askPassword(quint64 generation, PasswordRequest request);
    void openWith(quint64 generation, const QString &password, bool remember, bool fromKeychain);
    void createWith(quint64 generation, const QString &password, bool remember);
    void showOpened(quint64 generation, std::shared_ptr<Repository> repo, QList<Snapshot> snapshots,
                    bool created);
    void remember(const QString &password);
    void fail(const QString &message);
    void setBusy(bool busy, const QString &message = {});
    bool isCurrent(quint64 generation) const { return generation == m_generation; }

    template <typename T>
    void runInBackground(std::function<T()> work, std::function<void(T)> done);

    QLineEdit *m_locationEdit = nullptr;
    QPushButton *m_openButton = nullptr;
    QPushButton *m_browseButton = nullptr;
    QLabel *m_problemLabel = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_countLabel = nullptr;
    SnapshotListModel *m_model = nullptr;

    PasswordPrompt m_prompt;
    QString m_location;
    QString m_repositoryId;
    bool m_busyCursor = false;
    bool m_keychainAvailable = true;
    QString m_keychainProblem;
    std::shared_ptr<Repository> m_repo;
    // Bumped by every openRepository(): answers for an older request are ignored.
    quint64 m_generation = 0;
};

} // namespace strata
