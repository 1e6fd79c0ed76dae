#include "profiles/SetStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>

#include <algorithm>
#include <cmath>

namespace strata {

Q_LOGGING_CATEGORY(lcProfiles, "strata.profiles")

namespace {

Error notLoaded()
{
    return {ErrorCode::Internal, QStringLiteral("the backup sets were changed before SetStore::load()")};
}

} // namespace

QString SetStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/sets.json");
}

SetStore::SetStore(QString path) : m_path(std::move(path)) {}

Status SetStore::load()
{
    m_sets.clear();
    m_fileIsBad = false;
    m_readOnly = false;
    m_loaded = true;

    QFile file(m_path);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly)) {
        // Whatever it holds, it must not be replaced by a write that never saw it; the copy
        // before such a write fails the same way, so the write is refused.
        m_fileIsBad = true;
        return Error::io(
            QStringLiteral("cannot read the backup sets file %1: %2").arg(m_path, file.errorString()));
    }
    Parsed parsed = parse(file.readAll(), m_path);
    m_sets = std::move(parsed.sets);
    if (parsed.status)
        return {};
    const Error &error = parsed.status.error();
    if (error.code == ErrorCode::Unsupported) {
        m_readOnly = true;
        return error;
    }
    m_fileIsBad = true;
    return Error{error.code,
                 error.message +
                     QStringLiteral("; it will be kept as %1.bad when the sets are next saved").arg(m_path)};
}

SetStore::Parsed SetStore::parse(const QByteArray &bytes, const QString &path)
{
    Parsed out;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (doc.isNull() || !doc.isObject()) {
        const QString reason =
            doc.isNull()
                ? QStringLiteral("%1 at byte %2").arg(parseError.errorString()).arg(parseError.offset)
                : QStringLiteral("not a JSON object");
        out.status =
            Error::corrupt(QStringLiteral("the backup sets file %1 is damaged (%2)").arg(path, reason));
        return out;
    }
    const QJsonObject root = doc.object();
    // As a double: converting a huge one to an int is undefined (found by tests/fuzz/fuzz_sets).
    const QJsonValue format = root.value(QLatin1String("format"));
    const double version = format.toDouble();
    if (!format.isDouble() || version < 1 || std::floor(version) != version) {
        out.status = Error::corrupt(
            QStringLiteral("the backup sets file %1 is damaged (no format version)").arg(path));
        return out;
    }
    if (version > FormatVersion) {
        out.status =
            Error{ErrorCode::Unsupported,
                  QStringLiteral("the backup sets file %1 was written by a newer Strata (format %2; this one "
                                 "reads format %3): update Strata to see and change these sets")
                      .arg(path)
                      .arg(version)
                      .arg(FormatVersion)};
        return out;
    }
    const QJsonValue list = root.value(QLatin1String("sets"));
    if (!list.isArray()) {
        out.status =
            Error::corrupt(QStringLiteral("the backup sets file %1 is damaged (no list of sets)").arg(path));
        return out;
    }

    // One damaged set must not hide the others: keep what validates, report the rest.
    QStringList problems;
    QSet<QString> ids;
    QSet<QString> names;
    int position = 0;
    for (const QJsonValue &value : list.toArray()) {
        ++position;
        if (!value.isObject()) {
            problems.append(QStringLiteral("entry %1 is not an object").arg(position));
            continue;
        }
        Result<BackupSet> set = BackupSet::fromJson(value.toObject());
        if (!set) {
            problems.append(set.error().message);
            continue;
        }
        if (ids.contains(set->id)) {
            problems.append(QStringLiteral("backup set \"%1\" repeats the id %2").arg(set->name, set->id));
            continue;
        }
        if (names.contains(set->name.toCaseFolded())) {
            problems.append(QStringLiteral("the name \"%1\" is used twice").arg(set->name));
            continue;
        }
        ids.insert(set->id);
        names.insert(set->name.toCaseFolded());
        out.sets.append(std::move(set).value());
    }
    if (!problems.isEmpty())
        out.status = Error::corrupt(QStringLiteral("the backup sets file %1 is damaged: %2")
                                        .arg(path, problems.join(QStringLiteral("; "))));
    return out;
}

std::optional<BackupSet> SetStore::find(const QString &id) const
{
    for (const BackupSet &set : m_sets)
        if (set.id == id)
            return set;
    return std::nullopt;
}

std::optional<BackupSet> SetStore::findByName(const QString &name) const
{
    const QString folded = name.trimmed().toCaseFolded();
    for (const BackupSet &set : m_sets)
        if (set.name.trimmed().toCaseFolded() == folded)
            return set;
    return std::nullopt;
}

Status SetStore::checkName(const BackupSet &set) const
{
    const std::optional<BackupSet> other = findByName(set.name);
    if (other && other->id != set.id)
        return Error::invalid(QStringLiteral("a backup set named \"%1\" already exists").arg(other->name));
    return {};
}

Result<QString> SetStore::add(BackupSet set)
{
    if (!m_loaded)
        return notLoaded();
    if (set.id.isEmpty())
        set.id = BackupSet::newId();
    STRATA_TRY(set.validate());
    if (find(set.id))
        return Error::invalid(QStringLiteral("a backup set with the id %1 already exists").arg(set.id));
    STRATA_TRY(checkName(set));
    QList<BackupSet> next = m_sets;
    next.append(set);
    STRATA_TRY(write(next));
    m_sets = std::move(next);
    return set.id;
}

Status SetStore::update(const BackupSet &set)
{
    if (!m_loaded)
        return notLoaded();
    STRATA_TRY(set.validate());
    QList<BackupSet> next = m_sets;
    auto it = std::find_if(next.begin(), next.end(), [&](const BackupSet &s) { return s.id == set.id; });
    if (it == next.end())
        return Error::notFound(QStringLiteral("no backup set with the id %1").arg(set.id));
    STRATA_TRY(checkName(set));
    *it = set;
    STRATA_TRY(write(next));
    m_sets = std::move(next);
    return {};
}

Status SetStore::remove(const QString &id)
{
    if (!m_loaded)
        return notLoaded();
    QList<BackupSet> next = m_sets;
    const auto removed = next.removeIf([&](const BackupSet &s) { return s.id == id; });
    if (removed == 0)
        return Error::notFound(QStringLiteral("no backup set with the id %1").arg(id));
    STRATA_TRY(write(next));
    m_sets = std::move(next);
    return {};
}

Status SetStore::save()
{
    if (!m_loaded)
        return notLoaded();
    return write(m_sets);
}

Status SetStore::keepBadCopy()
{
    if (!QFile::exists(m_path)) {
        m_fileIsBad = false;
        return {};
    }
    // Never replace an earlier copy: it may be the only one of sets the user still wants back.
    QString target = m_path + QStringLiteral(".bad");
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = m_path + QStringLiteral(".bad.%1").arg(n);
    QFile file(m_path);
    if (!file.copy(target))
        return Error::io(
            QStringLiteral("cannot keep a copy of the damaged backup sets file %1 as %2 (%3), so it "
                           "was not replaced")
                .arg(m_path, target, file.errorString()));
    qCWarning(lcProfiles) << "kept the damaged backup sets file as" << target;
    m_badCopy = target;
    m_fileIsBad = false;
    return {};
}

Status SetStore::write(const QList<BackupSet> &sets)
{
    if (m_readOnly)
        return Error{
            ErrorCode::Unsupported,
            QStringLiteral("the backup sets file %1 was written by a newer Strata and is left unchanged")
                .arg(m_path)};
    if (m_fileIsBad)
        STRATA_TRY(keepBadCopy());

    const QString dir = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(dir))
        return Error::io(QStringLiteral("cannot create the folder %1 for the backup sets").arg(dir));

    QJsonArray list;
    for (const BackupSet &set : sets)
        list.append(set.toJson());
    const QJsonObject root{{QStringLiteral("format"), FormatVersion}, {QStringLiteral("sets"), list}};
    const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);

    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::io(
            QStringLiteral("cannot write the backup sets file %1: %2").arg(m_path, file.errorString()));
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return Error::io(QStringLiteral("cannot write the backup sets file %1: %2").arg(m_path, reason));
    }
    if (!file.commit())
        return Error::io(
            QStringLiteral("cannot write the backup sets file %1: %2").arg(m_path, file.errorString()));
    return {};
}

} // namespace strata
