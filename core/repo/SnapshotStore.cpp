#include "repo/SnapshotStore.h"

#include <QJsonDocument>
#include <QLoggingCategory>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcRepo)

namespace strata {

Result<Snapshot> SnapshotStore::load(const QString &id) const
{
    auto plain = m_files.open(FileKind::Snapshot, id);
    STRATA_TRY(plain);
    auto s = Snapshot::parse(*plain);
    if (!s)
        return Error{s.error().code, QStringLiteral("snapshot %1 %2").arg(id.left(8), s.error().message)};
    s->id = id;
    return s;
}

Result<QList<Snapshot>> SnapshotStore::list() const
{
    auto files = m_backend.list(FileKind::Snapshot);
    STRATA_TRY(files);
    QList<Snapshot> out;
    out.reserve(files->size());
    for (const FileInfo &f : *files) {
        auto s = load(f.name);
        if (!s) {
            // One damaged version must not hide all the others; check names it.
            if (s.error().code != ErrorCode::Corrupt)
                return s.error();
            qCWarning(lcRepo).noquote() << QStringLiteral("version %1 cannot be read and is left out: %2")
                                               .arg(f.name.left(8), s.error().message);
            continue;
        }
        out << std::move(s.value());
    }
    std::sort(out.begin(), out.end(), [](const Snapshot &a, const Snapshot &b) {
        return a.time != b.time ? a.time < b.time : a.id < b.id;
    });
    return out;
}

Result<Snapshot> SnapshotStore::find(const QString &spec, const QString &set) const
{
    if (spec.isEmpty())
        return Error::invalid(QStringLiteral("no version given"));
    auto all = list();
    STRATA_TRY(all);
    if (spec == QStringLiteral("latest")) {
        // Safety versions are taken by restores; "latest" means the latest backup of the user's.
        for (auto it = all->crbegin(); it != all->crend(); ++it)
            if ((set.isEmpty() ? it->kind != BackupKind::Safety : it->set == set))
                return *it;
        return Error::notFound(set.isEmpty() ? QStringLiteral("the repository has no versions yet")
                                             : QStringLiteral("set %1 has no versions yet").arg(set));
    }
    const Snapshot *match = nullptr;
    for (const Snapshot &s : *all) {
        if (!s.id.startsWith(spec.toLower()))
            continue;
        if (match)
            return Error::invalid(QStringLiteral("version prefix %1 is ambiguous").arg(spec));
        match = &s;
    }
    if (!match)
        return Error::notFound(QStringLiteral("no version %1 in the repository").arg(spec));
    return *match;
}

Status SnapshotStore::save(Snapshot &snapshot) const
{
    const QByteArray json = QJsonDocument(snapshot.toJson()).toJson(QJsonDocument::Compact);
    auto name = m_files.write(FileKind::Snapshot, json);
    STRATA_TRY(name);
    snapshot.id = *name;
    return {};
}

Status SnapshotStore::remove(const QString &id) const
{
    return m_backend.remove(FileKind::Snapshot, id);
}

Status SnapshotStore::forget(const QString &id, const QString &replacedBy) const
{
    QJsonObject note{{QStringLiteral("forgotten"), id}};
    if (!replacedBy.isEmpty())
        note.insert(QStringLiteral("replaced_by"), replacedBy);
    STRATA_TRY(m_backend.write(FileKind::Forgotten, id, m_files.note(std::move(note))));
    return remove(id);
}

Result<QSet<QString>> SnapshotStore::forgotten() const
{
    return m_files.names(FileKind::Forgotten);
}

} // namespace strata
