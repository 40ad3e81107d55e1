#include "smh/smherror.h"

#include <cstddef>
#include <cstdint>

// Any bytes as an error reply: the first two give the status, the next
// line the request-ID header, the rest the body. The one line shown to a
// person never holds a line break from the server.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const int status = 300 + (data[0] << 8 | data[1]) % 300;
    QByteArray rest(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));
    const qsizetype lineEnd = rest.indexOf('\n');
    const QByteArray requestId = lineEnd < 0 ? QByteArray() : rest.left(lineEnd);
    const QByteArray body = lineEnd < 0 ? rest : rest.mid(lineEnd + 1);
    const SmhError error = SmhError::fromHttpReply(status, body, requestId);
    if (error.kind() != SmhError::Kind::Http || error.httpStatus() != status)
        __builtin_trap();
    if (error.code().contains(u'\n') || error.message().contains(u'\n')
        || error.requestId().contains(u'\n') || error.detail().contains(u'\n'))
        __builtin_trap();
    (void)error.toString();
    (void)error.isTransient();
    return 0;
}
