#include "smh/taskreply.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

// Any bytes as a Query Task reply: parsed without crashing, and what parses
// is what toJson() writes back.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const TaskReply::Parsed parsed = TaskReply::parse(body, {1, 2, 10, 9007199254740993LL});
    if (parsed.error.isError()) {
        if (!parsed.reports.isEmpty())
            __builtin_trap(); // an unusable reply reports nothing
        return 0;
    }
    if (parsed.reports.size() != 4)
        __builtin_trap(); // one report per requested ID
    for (const TaskStatusReport &report : parsed.reports)
        (void)QJsonDocument(TaskReply::toJson(report)).toJson(QJsonDocument::Compact);
    return 0;
}
