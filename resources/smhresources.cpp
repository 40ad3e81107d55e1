#include "smhresources.h"

#include <array>

using namespace Qt::StringLiterals;

namespace SmhResources {

QString applicationId()
{
    return QStringLiteral(SMH_APP_ID);
}

QIcon applicationIcon()
{
    static constexpr std::array sizes {16, 24, 32, 48, 64, 128, 256};
    QIcon icon;
    for (const int size : sizes)
        icon.addFile(u":/icons/app/png/smh-task-monitor-%1.png"_s.arg(size), QSize(size, size));
    return icon;
}

} // namespace SmhResources
