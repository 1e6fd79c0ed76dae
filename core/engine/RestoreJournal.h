// The named temporaries a restore writes (a file that replaces another one, or any file where
// the file system has no unnamed files, and the links that replace a path), each recorded
// before it is made. A restore that is killed or crashes cannot remove its own; the next
// restore, from the GUI or strata-cli, removes what the journals of ended runs name, so a
// temporary never stays to be taken for the user's data by the next backup.
//
// A journal is "<dir>/<random>.journal": the temporaries' paths, each ended by a NUL (a path
// never holds one). Its run holds an exclusive flock on it for as long as it lives; the kernel
// drops that lock when the process ends in any way, which is how an ended run's journal is
// told from a live one's without trusting pids. Records are not fsynced: they survive the
// process, not a power cut.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <mutex>

namespace strata {

class RestoreJournal final
{
public:
    // The journal is made in `dir` on the first temporary, so a restore that needs none
    // leaves no trace. Without a writable `dir` the restore runs on, unjournaled (logged).
    explicit RestoreJournal(QString dir = defaultDir());
    ~RestoreJournal(); // every temporary it named has been renamed or removed by then
    RestoreJournal(const RestoreJournal &) = delete;
    RestoreJournal &operator=(const RestoreJournal &) = delete;

    // A new temporary name in `folder` (".strata-restore-" and 12 random letters), recorded
    // before the caller creates it. Thread-safe.
    QByteArray temporaryIn(const QByteArray &folder);

    struct Cleanup
    {
        int removed = 0;      // temporaries removed
        int journals = 0;     // journals of ended runs read and removed
        QStringList problems; // what could not be removed, and why
    };
    // Removes the temporaries that journals of ended runs in `dir` name, then the journals.
    // Only names of the form temporaryIn makes are removed, and only files and links.
    static Cleanup removeAbandoned(const QString &dir = defaultDir());
    // $XDG_DATA_HOME/Strata/restore-journals, shared by the GUI and strata-cli.
    static QString defaultDir();
    // Whether the last part of `path` is a name temporaryIn makes.
    static bool isTemporaryName(const QByteArray &path);

private:
    bool open(); // under m_mutex
    QString m_dir;
    QString m_path;
    int m_fd = -1;
    bool m_failed = false; // opening failed once: not tried again
    std::mutex m_mutex;
};

} // namespace strata
