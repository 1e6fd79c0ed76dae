// The repository's versions: one sealed file each, named by its content hash, and a note per
// version that forget removed, so that check tells a forgotten version from a lost one.
#pragma once

#include "repo/SealedFiles.h"
#include "repo/Snapshot.h"

#include <QList>
#include <QSet>

namespace strata {

class SnapshotStore final
{
public:
    // Both must outlive the store (the repository owns them).
    SnapshotStore(Backend &backend, const SealedFiles &files) : m_backend(backend), m_files(files) {}

    Result<Snapshot> load(const QString &id) const;
    // Oldest first; a damaged version is left out (with a log line) so it hides no other.
    Result<QList<Snapshot>> list() const;
    // "latest" (optionally of one set), a full id, or a unique prefix.
    Result<Snapshot> find(const QString &spec, const QString &set = {}) const;
    // Stores the snapshot and fills in its id.
    Status save(Snapshot &snapshot) const;
    Status remove(const QString &id) const;
    // Leaves a note under forgotten/ (naming `replacedBy`, if any), then removes the version.
    Status forget(const QString &id, const QString &replacedBy = {}) const;
    Result<QSet<QString>> forgotten() const;

private:
    Backend &m_backend;
    const SealedFiles &m_files;
};

} // namespace strata
