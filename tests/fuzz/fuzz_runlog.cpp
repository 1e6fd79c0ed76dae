// The run log runs.jsonl: RunLog::parse on any bytes (it never fails, it skips), and the records
// it accepts are written back as RunLog writes them and read again to the same records.
#include "FuzzSupport.h"

#include "profiles/RunLog.h"

#include <QJsonDocument>

using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    RunLog::Parsed parsed = RunLog::parse(fuzz::input(data, size));
    QByteArray written;
    for (const RunRecord &r : parsed.records)
        written += QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact) + '\n';
    RunLog::Parsed again = RunLog::parse(written);
    fuzz::check(again.skipped == 0, "every record written back reads again");
    fuzz::check(again.records.size() == parsed.records.size(), "a round trip keeps every record");
    for (qsizetype i = 0; i < parsed.records.size(); ++i)
        fuzz::check(again.records[i].toJson() == parsed.records[i].toJson(), "a round trip keeps the record");
    return 0;
}
