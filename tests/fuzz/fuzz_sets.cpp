// The user's sets.json: SetStore::parse on any bytes (every set through BackupSet::fromJson and
// validate(), exclude patterns compiled), and the sets it accepts are written back as SetStore
// writes them and read again to the same sets.
#include "FuzzSupport.h"

#include "profiles/SetStore.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString path = QStringLiteral("/fuzz/sets.json");
    SetStore::Parsed parsed = SetStore::parse(fuzz::input(data, size), path);
    if (!parsed.status)
        fuzz::check(parsed.status.error().code == ErrorCode::Corrupt ||
                        parsed.status.error().code == ErrorCode::Unsupported,
                    "a sets file is damaged or newer, nothing else");
    QJsonArray list;
    for (const BackupSet &set : parsed.sets) {
        fuzz::check(set.validate().ok(), "every set read validates");
        list.append(set.toJson());
    }
    const QJsonObject root{{QStringLiteral("format"), SetStore::FormatVersion},
                           {QStringLiteral("sets"), list}};
    SetStore::Parsed again = SetStore::parse(QJsonDocument(root).toJson(), path);
    fuzz::check(again.status.ok(), "the sets read, written back, read again");
    fuzz::check(again.sets == parsed.sets, "a round trip keeps the sets");
    return 0;
}
