// A folder of files to back up and a repository to back them up into, both in one temporary
// folder: what the catalog and diff tests build their versions from.
#pragma once

#include "repo/Repository.h"

#include <QTemporaryDir>

#include <memory>

namespace strata::test {

class SourceFixture
{
public:
    // A new temporary folder with an empty repository "repo" in it (fast key derivation);
    // false, with a warning, when either cannot be made.
    bool init();

    std::shared_ptr<Repository> repo() const { return m_repo; }
    QString path(const QString &rel) const { return m_tmp->filePath(rel); }
    // The absolute path of `rel` in the source folder "src" (the folder itself when empty).
    QByteArray src(const QString &rel = {}) const;
    // Writes `content` to src/`rel`, making its folders.
    bool put(const QString &rel, const QByteArray &content) const;
    // An incremental backup of the source folder into set "home" (on `host` when given); the
    // version, or an empty one (with a warning) when the backup failed.
    Snapshot backUp(const QString &host = {}) const;

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::shared_ptr<Repository> m_repo;
};

} // namespace strata::test
