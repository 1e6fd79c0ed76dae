#include "profiles/RunLog.h"

#include "util/Timestamp.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <array>

namespace strata {

namespace {

constexpr std::array outcomeNames{
    std::pair{RunRecord::Outcome::Succeeded, "succeeded"},
    std::pair{RunRecord::Outcome::Partial, "partial"},
    std::pair{RunRecord::Outcome::Failed, "failed"},
    std::pair{RunRecord::Outcome::Cancelled, "cancelled"},
};

QByteArray line(const RunRecord &record)
{
    return QJsonDocument(record.toJson()).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace

QString outcomeName(RunRecord::Outcome outcome)
{
    for (const auto &[value, name] : outcomeNames)
        if (value == outcome)
            return QString::fromLatin1(name);
    return {};
}

std::optional<RunRecord::Outcome> outcomeFromName(const QString &name)
{
    for (const auto &[value, text] : outcomeNames)
        if (name == QLatin1String(text))
            return value;
    return std::nullopt;
}

QJsonObject RunRecord::toJson() const
{
    QJsonObject o{
        {QStringLiteral("set_id"), setId},
        {QStringLiteral("set"), setName},
        {QStringLiteral("started"), started.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("finished"), finished.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("outcome"), outcomeName(outcome)},
        {QStringLiteral("kind"), kindName(kind)},
        {QStringLiteral("scheduled"), scheduled},
        {QStringLiteral("files"), files},
        {QStringLiteral("bytes"), bytes},
        {QStringLiteral("bytes_added"), bytesAdded},
        {QStringLiteral("warnings"), warnings},
    };
    if (!snapshot.isEmpty())
        o.insert(QStringLiteral("snapshot"), snapshot);
    if (!message.isEmpty())
        o.insert(QStringLiteral("message"), message);
    if (retention.ran) {
        QJsonObject r{{QStringLiteral("forgotten"), retention.forgotten},
                      {QStringLiteral("pruned"), retention.pruned},
                      {QStringLiteral("bytes_freed"), retention.bytesFreed}};
        if (!retention.error.isEmpty())
            r.insert(QStringLiteral("error"), retention.error);
        o.insert(QStringLiteral("retention"), r);
    }
    return o;
}

Result<RunRecord> RunRecord::fromJson(const QJsonObject &o)
{
    RunRecord r;
    r.setId = o.value(QStringLiteral("set_id")).toString();
    r.setName = o.value(QStringLiteral("set")).toString();
    r.started = timeFromIsoText(o.value(QStringLiteral("started")).toString());
    r.finished = timeFromIsoText(o.value(QStringLiteral("finished")).toString());
    const auto outcome = outcomeFromName(o.value(QStringLiteral("outcome")).toString());
    const auto kind = kindFromName(o.value(QStringLiteral("kind")).toString());
    if (r.setId.isEmpty() || !r.started.isValid() || !outcome || !kind)
        return Error::corrupt(
            QStringLiteral("a run record without a set, a start time, an outcome or a kind"));
    r.outcome = *outcome;
    r.kind = *kind;
    r.scheduled = o.value(QStringLiteral("scheduled")).toBool();
    r.snapshot = o.value(QStringLiteral("snapshot")).toString();
    r.message = o.value(QStringLiteral("message")).toString();
    r.files = o.value(QStringLiteral("files")).toInteger();
    r.bytes = o.value(QStringLiteral("bytes")).toInteger();
    r.bytesAdded = o.value(QStringLiteral("bytes_added")).toInteger();
    r.warnings = o.value(QStringLiteral("warnings")).toInteger();
    if (const QJsonValue kept = o.value(QStringLiteral("retention")); kept.isObject()) {
        const QJsonObject k = kept.toObject();
        r.retention.ran = true;
        r.retention.forgotten = k.value(QStringLiteral("forgotten")).toInteger();
        r.retention.pruned = k.value(QStringLiteral("pruned")).toBool();
        r.retention.bytesFreed = k.value(QStringLiteral("bytes_freed")).toInteger();
        r.retention.error = k.value(QStringLiteral("error")).toString();
    }
    return r;
}

QString RunLog::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/runs.jsonl");
}

RunLog::RunLog(QString path) : m_path(std::move(path)) {}

Status RunLog::load()
{
    m_records.clear();
    m_skipped = 0;
    QFile file(m_path);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(QStringLiteral("cannot read the run log %1: %2").arg(m_path, file.errorString()));
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error::io(QStringLiteral("cannot read the run log %1: %2").arg(m_path, file.errorString()));
    Parsed parsed = parse(bytes);
    m_records = std::move(parsed.records);
    m_skipped = parsed.skipped;
    return {};
}

RunLog::Parsed RunLog::parse(const QByteArray &bytes)
{
    Parsed out;
    for (const QByteArray &line : bytes.split('\n')) {
        const QByteArray text = line.trimmed();
        if (text.isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(text);
        auto record =
            doc.isObject() ? RunRecord::fromJson(doc.object()) : Result<RunRecord>(Error::corrupt({}));
        if (record)
            out.records.append(std::move(record).value());
        else
            ++out.skipped;
    }
    return out;
}

Status RunLog::append(const RunRecord &record)
{
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return Error::io(QStringLiteral("cannot create the folder of the run log %1").arg(m_path));
    m_records.append(record);
    if (m_records.size() > 2 * KeepRecords) {
        m_records.erase(m_records.begin(), m_records.end() - KeepRecords);
        return rewrite();
    }
    QFile file(m_path);
    if (!file.open(QIODevice::ReadWrite))
        return Error::io(QStringLiteral("cannot write the run log %1: %2").arg(m_path, file.errorString()));
    QByteArray bytes = line(record);
    // A line torn by a crash is ended first, so it cannot swallow this record.
    if (file.size() > 0 && file.seek(file.size() - 1) && file.read(1) != "\n")
        bytes.prepend('\n');
    file.seek(file.size());
    if (file.write(bytes) != bytes.size() || !file.flush())
        return Error::io(QStringLiteral("cannot write the run log %1: %2").arg(m_path, file.errorString()));
    return {};
}

Status RunLog::rewrite()
{
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::io(QStringLiteral("cannot write the run log %1: %2").arg(m_path, file.errorString()));
    for (const RunRecord &record : std::as_const(m_records))
        file.write(line(record));
    if (!file.commit())
        return Error::io(QStringLiteral("cannot write the run log %1: %2").arg(m_path, file.errorString()));
    return {};
}

std::optional<RunRecord> RunLog::last(const QString &setId) const
{
    const auto it = std::find_if(m_records.crbegin(), m_records.crend(),
                                 [&](const RunRecord &r) { return r.setId == setId; });
    if (it == m_records.crend())
        return std::nullopt;
    return *it;
}

std::optional<RunRecord> RunLog::lastSuccess(const QString &setId) const
{
    const auto it = std::find_if(m_records.crbegin(), m_records.crend(),
                                 [&](const RunRecord &r) { return r.setId == setId && r.wroteVersion(); });
    if (it == m_records.crend())
        return std::nullopt;
    return *it;
}

QList<RunRecord> RunLog::failures(const QString &setId) const
{
    QList<RunRecord> out;
    for (const RunRecord &r : m_records)
        if (r.outcome == RunRecord::Outcome::Failed && (setId.isEmpty() || r.setId == setId))
            out.append(r);
    return out;
}

} // namespace strata
