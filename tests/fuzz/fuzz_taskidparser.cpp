#include "tasks/taskidparser.h"

#include <QSet>

#include <cstddef>
#include <cstdint>

// Any text as pasted task IDs: it ends, stays within the limits, and what it
// accepts are unique, non-negative IDs.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const TaskIdParser::Result result = TaskIdParser::parse(text);
    if (result.ids.size() > TaskIdParser::maxIdsPerInput || result.invalid.size() > 11)
        __builtin_trap();
    if (!result.ok() && !result.ids.isEmpty())
        __builtin_trap(); // nothing is added until the input is right
    QSet<qint64> seen;
    for (qint64 id : result.ids) {
        if (id < 0 || seen.contains(id))
            __builtin_trap();
        seen.insert(id);
    }
    return 0;
}
