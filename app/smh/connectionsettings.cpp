#include "smh/connectionsettings.h"

#include "smh/endpoint.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace {

// "." and ".." would be read as path navigation, not as an ID.
bool isDotSegment(const QString &value)
{
    return value == u"." || value == u"..";
}

} // namespace

// IDs are path segments: anything that would need escaping is almost
// certainly a paste mistake, and control characters never belong.
bool ConnectionSettings::hasControlOrSpace(QStringView text)
{
    for (QChar c : text) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

QList<ConnectionSettings::Problem> ConnectionSettings::problems() const
{
    QList<Problem> problems;
    if (endpoint.isEmpty())
        problems.append({Field::Endpoint, tr("No endpoint is set.")});
    else if (const Expected<QUrl> parsed = Endpoint::parse(endpoint.toString()); !parsed)
        problems.append({Field::Endpoint, parsed.error().message()});
    if (libraryId.isEmpty())
        problems.append({Field::Library, tr("The library ID is empty.")});
    else if (hasControlOrSpace(libraryId))
        problems.append(
            {Field::Library, tr("The library ID contains spaces or control characters.")});
    else if (isDotSegment(libraryId))
        problems.append({Field::Library, tr("\"%1\" is not a library ID.").arg(libraryId)});
    if (!libraryLevel) {
        if (spaceId.isEmpty())
            problems.append({Field::Space,
                tr("The space ID is empty (use \"-\" for a single-tenant library).")});
        else if (hasControlOrSpace(spaceId))
            problems.append(
                {Field::Space, tr("The space ID contains spaces or control characters.")});
        else if (isDotSegment(spaceId))
            problems.append({Field::Space,
                tr("\"%1\" is not a space ID (use \"-\" for a single-tenant library).")
                    .arg(spaceId)});
    }
    if (hasControlOrSpace(userId))
        problems.append({Field::User, tr("The user ID contains spaces or control characters.")});
    if (!caFile.isEmpty() && !QFileInfo(caFile).isReadable())
        problems.append(
            {Field::CaFile, tr("The CA certificate file \"%1\" cannot be read.").arg(caFile)});
    return problems;
}

QStringList ConnectionSettings::validate() const
{
    QStringList sentences;
    const QList<Problem> found = problems();
    for (const Problem &problem : found)
        sentences << problem.text;
    return sentences;
}

QString ConnectionSettings::displayName() const
{
    return libraryLevel ? libraryId : libraryId + u'/' + spaceId;
}
