// Putting one entry of a version in place on disk: a file's content is written unnamed (or
// under a temporary name) and takes its name only once whole; folders, links, FIFOs and devices
// are made directly; metadata follows the content. It keeps the two records a restore needs
// afterwards: what it created (so a rollback can remove it) and what it found taken by another
// program when it came to name an entry (left alone, and reported).
#pragma once

#include "engine/Restore.h"
#include "engine/RestoreJournal.h"
#include "engine/WarningTally.h"
#include "util/Owners.h"

#include <QByteArray>

#include <fcntl.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace strata {

class FilePlacement final
{
public:
    struct Callbacks
    {
        std::function<bool()> cancelled;         // checked between chunks
        std::function<void(qint64 bytes)> wrote; // file content written, for progress
        std::function<void(const QByteArray &path, const QString &message)> warning;
    };
    // `failAfter`: the test hook's RestoreTestHooks::failAfterFiles, or -1. The plan says which
    // metadata to set and how owners are mapped.
    FilePlacement(Repository &repo, const RestorePlan &plan, const RestoreTestHooks &hooks, qint64 failAfter,
                  Callbacks callbacks);

    // Writes a regular file. Thread-safe for files with one link; files with several links
    // must all come from one thread (the first path written carries the content, later ones
    // link to it). `dirFd` is the folder `dest` is in, open, or -1 to go by the path alone.
    Status writeFile(const Node &node, const QByteArray &dest, RestoreAction action, int dirFd = -1);
    // Any entry the action writes: folders (their metadata waits for applyMetadata), links,
    // FIFOs, devices and sockets, and files through writeFile. Skip and Unchanged write nothing.
    Status writeEntry(const Node &node, const QByteArray &dest, RestoreAction action);
    // Owner, permissions, extended attributes and time stamps of an entry already in place.
    Status applyMetadata(const Node &node, const QByteArray &path, bool isDir);

    // Undoes every creation so far, newest first: files, links and then folders (a folder is
    // only removed when empty, so one that held the user's files stays).
    void removeCreated();

    struct Appeared
    {
        QString message;
        RestoreAction action;
        qint64 size;
    };
    // Entries planned as new whose names another program took while the restore ran.
    std::vector<Appeared> takeAppeared();
    // The actions of entries the target has no room for (symlinks on FAT, sockets on a share):
    // reported in refusals(), counted by the caller as failed.
    std::vector<RestoreAction> takeNotMade();
    // A folder whose listing the repository could not give back: nothing below it is restored.
    void damagedFolder(const QByteArray &dest, const QString &problem);
    // Files with chunks the repository could not give back (RestoreResult::damaged).
    std::vector<DamagedFile> takeDamaged();
    // The action and size of each damaged file that was not written, which its caller counted.
    std::vector<std::pair<RestoreAction, qint64>> takeUnwritten();
    qint64 filesWritten() const { return m_filesWritten.load(); }
    // What the target refused for many entries at once (attributes, sockets, devices): one
    // line per reason, with a count and the first paths.
    QStringList refusals() const { return m_refusals.summaries(); }

private:
    struct OpenFile
    {
        int fd = -1;
        int at = AT_FDCWD;
        QByteArray tmp; // its temporary name; empty while it is unnamed (O_TMPFILE)
    };
    struct Damage
    {
        int chunksLost = 0;
        qint64 bytesLost = 0;
        QString problem; // the first chunk's
    };
    Status placeFile(const Node &node, const QByteArray &dest, RestoreAction action, int dirFd);
    // Gives the written `file` its name `target` (`name` relative to file.at), replacing what is
    // there only with `replace`; closes it. Returns false when the name was taken meanwhile.
    // `placed` runs the moment the name is the file's.
    Result<bool> nameFile(OpenFile &file, const QByteArray &name, const QByteArray &target, bool replace,
                          const std::function<void()> &placed);
    // Records a damaged file: salvaged as `salvagedAs`, or (empty) not written at all, which
    // takes back the `action` and `unwritten` bytes the caller will count as written.
    void damaged(const QByteArray &dest, const Damage &damage, const QByteArray &salvagedAs,
                 RestoreAction action, qint64 unwritten);
    // The plaintext length of chunk `i`, from the tree or else the index.
    std::optional<quint32> chunkLength(const Node &node, std::size_t i) const;
    // A later path of a hard-linked file: linked to the first one. Returns false when it must
    // be copied instead (another file system).
    bool linkToFirst(const Node &node, const QByteArray &firstPath, const QByteArray &dest, bool existed,
                     RestoreAction action);
    // Writes the chunks; a chunk the repository cannot give back (ErrorCode::Corrupt) is
    // counted in `damage` and, with salvage, left as a hole of its length.
    Status writeContent(const Node &node, int fd, const QByteArray &dest, Damage &damage);
    Status writeSymlink(const Node &node, const QByteArray &dest, RestoreAction action);
    Status writeSpecial(const Node &node, const QByteArray &dest, RestoreAction action);
    // The owner to give an entry: the recorded names' ids on this machine, else the numbers.
    std::pair<uid_t, gid_t> ownerOf(const Node &node);
    // Sets the entry's attributes on `fd` (or `path` when fd < 0); refusals are counted.
    void setAttributes(const Node &node, int fd, const QByteArray &path);
    static bool refusesKind(int err);
    // A metadata call failed with `err`: when the target refuses that kind of metadata, it is
    // counted in the refusals and true returned; otherwise false (a real error).
    bool refusedMetadata(const QString &what, int err, const QByteArray &path);
    // Sets the modification time (futimens on fd, else utimensat with `flags`); a failure or
    // a time the file system clamped is counted in the refusals.
    void setTimes(const Node &node, int fd, const QByteArray &path, int flags);
    // An entry of a kind (`what`, plural) the target refused to make; counted and reported.
    void notMade(const QString &what, int err, const QByteArray &dest, RestoreAction action);
    void recordNotMade(RestoreAction action);
    void created(const QByteArray &path);
    void appeared(const QByteArray &dest, RestoreAction action, qint64 size);
    void placing(const QByteArray &dest)
    {
        if (m_hooks.beforePlacing)
            m_hooks.beforePlacing(dest);
    }
    bool cancelled() const { return m_callbacks.cancelled && m_callbacks.cancelled(); }
    bool reserveFileSlot() { return m_failAfter < 0 || m_fileSlots.fetch_add(1) < m_failAfter; }

    Repository &m_repo;
    const AttributeOptions m_attributes;
    const bool m_numericOwner;
    const bool m_salvage;
    const RestoreTestHooks &m_hooks;
    const qint64 m_failAfter;
    const Callbacks m_callbacks;
    const bool m_isRoot;
    std::atomic<qint64> m_fileSlots{0};                  // files started (for the failAfter test hook)
    std::atomic<qint64> m_filesWritten{0};               // files finished
    std::unordered_map<quint64, QByteArray> m_hardLinks; // inode in the version -> first path written
    OwnerNames m_owners;
    WarningTally m_refusals;
    RestoreJournal m_journal; // the named temporaries, for the next run to clean up after a kill

    std::mutex m_mutex; // guards the records below
    std::vector<QByteArray> m_created;
    std::vector<Appeared> m_appeared;
    std::vector<RestoreAction> m_notMade;
    std::vector<DamagedFile> m_damaged;
    std::vector<std::pair<RestoreAction, qint64>> m_unwritten;
};

} // namespace strata
