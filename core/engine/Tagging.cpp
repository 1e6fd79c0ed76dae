#include "engine/Tagging.h"

#include "repo/Lock.h"

namespace strata {

QStringList changedTags(const QStringList &tags, const TagChange &change)
{
    QStringList out;
    for (const QString &t : tags)
        if (!change.remove.contains(t) && !out.contains(t))
            out << t;
    for (const QString &t : change.add)
        if (!change.remove.contains(t) && !out.contains(t))
            out << t;
    return out;
}

Status validateTag(const QString &tag)
{
    if (tag.isEmpty())
        return Error::invalid(QStringLiteral("a tag cannot be empty"));
    if (tag.trimmed() != tag)
        return Error::invalid(QStringLiteral("the tag '%1' starts or ends with a space").arg(tag));
    for (const QChar c : tag)
        if (c == QLatin1Char(',') || c.category() == QChar::Other_Control)
            return Error::invalid(QStringLiteral("the tag '%1' has a comma or a control character").arg(tag));
    return {};
}

Result<Snapshot> retagVersion(Repository &repo, const QString &version, const TagChange &change, bool lock)
{
    for (const QStringList *list : {&change.add, &change.remove})
        for (const QString &tag : *list)
            STRATA_TRY(validateTag(tag));
    std::unique_ptr<RepoLock> held;
    if (lock) {
        auto taken = repo.lock(LockMode::Shared);
        STRATA_TRY(taken);
        held = std::move(*taken);
    }
    auto found = repo.findSnapshot(version);
    STRATA_TRY(found);
    Snapshot old = *found;
    const QStringList tags = changedTags(old.tags, change);
    if (tags == old.tags)
        return old;
    Snapshot now = old;
    now.tags = tags;
    if (now.original.isEmpty())
        now.original = old.id;
    STRATA_TRY(repo.saveSnapshot(now));
    // Same content and time as before: the file name can only clash if nothing changed.
    if (now.id != old.id)
        STRATA_TRY(repo.forgetSnapshot(old.id, now.id));
    return now;
}

} // namespace strata
