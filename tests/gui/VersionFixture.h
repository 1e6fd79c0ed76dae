// A real repository with versions to browse, shared by the version tree, search and browser
// tests. Made through core's public API: Repository::init on a local folder and BackupJob.
//
//   v1 (full, set "home")   src/ a.txt b.txt docs/readme.md changed/sub/x.txt
//                              deep/l1/l2/l3/target-file.dat caf\xe9.txt (not UTF-8)
//   v2 (incremental)        b.txt and changed/sub/x.txt rewritten, new.txt added
//   other (full, set "o")   src2/ only.txt
#pragma once

#include "engine/BackupJob.h"
#include "storage/LocalBackend.h"
#include "TestUtil.h"

#include <QDir>
#include <QTemporaryDir>

namespace strata::test {

class VersionFixture final
{
public:
    static constexpr const char *NonUtf8Name = "caf\xe9.txt";

    VersionFixture() = default;
    ~VersionFixture() { removeTree(m_tmp.path()); } // QDir cannot remove the non-UTF-8 name
    VersionFixture(const VersionFixture &) = delete;
    VersionFixture &operator=(const VersionFixture &) = delete;

    // Builds everything; an empty string on success, else what went wrong.
    QString build()
    {
        if (!m_tmp.isValid())
            return QStringLiteral("no temporary folder");
        Repository::InitOptions options;
        options.kdf = KdfParams{1, 8u << 20}; // fast: the tests are not about key stretching
        auto repo = Repository::init(std::make_unique<LocalBackend>(path(QStringLiteral("repo"))),
                                     QStringLiteral("pw"), options);
        if (!repo)
            return repo.error().message;
        this->repo = *repo;
        src = path(QStringLiteral("src"));
        src2 = path(QStringLiteral("src2"));
        const bool written = put(QStringLiteral("src/a.txt"), "alpha") &&
                             put(QStringLiteral("src/b.txt"), "beta") &&
                             put(QStringLiteral("src/docs/readme.md"), "# read me\n") &&
                             put(QStringLiteral("src/changed/sub/x.txt"), "x1") &&
                             put(QStringLiteral("src/deep/l1/l2/l3/target-file.dat"), "deep content") &&
                             writeFile(QFile::encodeName(src) + '/' + NonUtf8Name, "latin-1 name") &&
                             put(QStringLiteral("src2/only.txt"), "other set");
        if (!written)
            return QStringLiteral("cannot write the source tree");
        if (QString e = backup({src}, BackupKind::Full, QStringLiteral("home"), &v1); !e.isEmpty())
            return e;
        // Different sizes, so the incremental backup sees the change even within one second.
        if (!put(QStringLiteral("src/b.txt"), "beta, second edition") ||
            !put(QStringLiteral("src/changed/sub/x.txt"), "x2 is longer") ||
            !put(QStringLiteral("src/new.txt"), "new"))
            return QStringLiteral("cannot change the source tree");
        if (QString e = backup({src}, BackupKind::Incremental, QStringLiteral("home"), &v2); !e.isEmpty())
            return e;
        return backup({src2}, BackupKind::Full, QStringLiteral("o"), &other);
    }

    QString path(const QString &relative) const { return m_tmp.filePath(relative); }

    std::shared_ptr<Repository> repo;
    QString src, src2;
    Snapshot v1, v2, other;

private:
    bool put(const QString &relative, const QByteArray &content)
    {
        const QString file = path(relative);
        return QDir().mkpath(QFileInfo(file).path()) && writeFile(QFile::encodeName(file), content);
    }

    QString backup(const QStringList &paths, BackupKind kind, const QString &set, Snapshot *out)
    {
        BackupParams params;
        params.repo = repo;
        params.paths = paths;
        params.kind = kind;
        params.set = set;
        params.threads = 2;
        BackupJob job(params);
        job.runHere();
        if (!job.result().status.ok())
            return job.result().status.error().message;
        *out = job.result().snapshot;
        return {};
    }

    QTemporaryDir m_tmp;
};

} // namespace strata::test
