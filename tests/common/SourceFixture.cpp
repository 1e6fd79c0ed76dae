#include "SourceFixture.h"

#include "TestUtil.h"

#include "engine/BackupJob.h"
#include "storage/LocalBackend.h"

#include <QDir>
#include <QFileInfo>

namespace strata::test {

bool SourceFixture::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    if (!m_tmp->isValid()) {
        qWarning("cannot make a temporary folder: %s", qPrintable(m_tmp->errorString()));
        return false;
    }
    Repository::InitOptions options;
    options.kdf = KdfParams{1, 8u << 20};
    auto repo = Repository::init(std::make_unique<LocalBackend>(path(QStringLiteral("repo"))),
                                 QStringLiteral("pw"), options);
    if (!repo) {
        qWarning("cannot make a repository: %s", qPrintable(repo.error().message));
        return false;
    }
    m_repo = *repo;
    return true;
}

QByteArray SourceFixture::src(const QString &rel) const
{
    return QFile::encodeName(path(QStringLiteral("src")) +
                             (rel.isEmpty() ? QString() : QLatin1Char('/') + rel));
}

bool SourceFixture::put(const QString &rel, const QByteArray &content) const
{
    const QString file = path(QStringLiteral("src/") + rel);
    return QDir().mkpath(QFileInfo(file).path()) && writeFile(QFile::encodeName(file), content);
}

Snapshot SourceFixture::backUp(const QString &host) const
{
    BackupParams params;
    params.repo = m_repo;
    params.paths = {path(QStringLiteral("src"))};
    params.kind = BackupKind::Incremental;
    params.set = QStringLiteral("home");
    params.host = host;
    params.checkSpace = false;
    BackupJob job(params);
    job.runHere();
    if (!job.result().status.ok())
        qWarning("backup failed: %s", qPrintable(job.result().status.error().message));
    return job.result().snapshot;
}

} // namespace strata::test
