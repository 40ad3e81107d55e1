#include "tasks/launchrequest.h"

#include "smh/endpoint.h"
#include "tasks/monitoroptions.h"
#include "tasks/startup.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace {

constexpr int formatVersion = 1;
constexpr qsizetype maxFieldChars = 4096;
constexpr qsizetype maxCredentialChars = 64 * 1024; // as a --token-file
constexpr qsizetype maxProblems = 32;
// The longest ID list one input may name, as text (TaskIdParser's limits
// refuse it anyway, with their own sentence).
constexpr qsizetype maxIdTextChars = 32 * 1024 * 1024;

const QString versionKey = u"v"_s;
const QString connectionKey = u"connection"_s;
const QString credentialKey = u"credential"_s;
const QString profileKey = u"profile"_s;
const QString idsKey = u"ids"_s;
const QString problemsKey = u"problems"_s;

// The reader of one message: the first problem found is kept, and every
// later read is harmless.
class Reader
{
    Q_DECLARE_TR_FUNCTIONS(LaunchRequest)

public:
    QString problem;

    QString text(const QCborMap &map, const QString &key, qsizetype maxChars)
    {
        const QCborValue value = map.value(key);
        if (value.isUndefined() || value.isNull())
            return {};
        if (!value.isString()) {
            fail(tr("\"%1\" is not text.").arg(key));
            return {};
        }
        QString string = value.toString();
        if (string.size() > maxChars) {
            fail(tr("\"%1\" is longer than %2 characters.").arg(key).arg(maxChars));
            return {};
        }
        return string;
    }

    bool flag(const QCborMap &map, const QString &key)
    {
        const QCborValue value = map.value(key);
        if (value.isUndefined())
            return false;
        if (!value.isBool())
            fail(tr("\"%1\" is not true or false.").arg(key));
        return value.toBool();
    }

    void fail(const QString &why)
    {
        if (problem.isEmpty())
            problem = why;
    }
};

QCborMap encodeConnection(const Connection &connection)
{
    const ConnectionSettings &s = connection.settings;
    return QCborMap {{u"name"_s, connection.name}, {u"endpoint"_s, s.endpoint.toString()},
        {u"library"_s, s.libraryId}, {u"space"_s, s.spaceId}, {u"user"_s, s.userId},
        {u"caFile"_s, s.caFile}, {u"libraryLevel"_s, s.libraryLevel},
        {u"secret"_s, connection.authKind == AuthKind::LibrarySecret}};
}

std::optional<Connection> decodeConnection(const QCborValue &value, Reader &reader)
{
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isMap()) {
        reader.fail(LaunchRequest::tr("The connection is not a map."));
        return std::nullopt;
    }
    const QCborMap map = value.toMap();
    Connection connection;
    connection.name = reader.text(map, u"name"_s, maxFieldChars);
    ConnectionSettings &s = connection.settings;
    const Expected<QUrl> endpoint = Endpoint::parse(reader.text(map, u"endpoint"_s, maxFieldChars));
    if (endpoint)
        s.endpoint = *endpoint;
    else
        reader.fail(endpoint.error().message());
    s.libraryId = reader.text(map, u"library"_s, maxFieldChars);
    s.spaceId = reader.text(map, u"space"_s, maxFieldChars);
    s.userId = reader.text(map, u"user"_s, maxFieldChars);
    s.caFile = reader.text(map, u"caFile"_s, maxFieldChars);
    s.libraryLevel = reader.flag(map, u"libraryLevel"_s);
    connection.authKind =
        reader.flag(map, u"secret"_s) ? AuthKind::LibrarySecret : AuthKind::AccessToken;
    // As strict as the command line it came from.
    if (reader.problem.isEmpty()) {
        if (const QStringList problems = s.validate(); !problems.isEmpty())
            reader.fail(problems.join(u' '));
    }
    return connection;
}

} // namespace

LaunchRequest LaunchRequest::fromOptions(const MonitorOptions &options)
{
    LaunchRequest request;
    request.connection = Startup::connection(options);
    if (request.connection && !request.connection->settings.caFile.isEmpty()) {
        // Saved with the connection, and read later from elsewhere.
        QString &caFile = request.connection->settings.caFile;
        caFile = QFileInfo(caFile).absoluteFilePath();
    }
    request.credential = Startup::credential(options);
    request.profile = options.profile;
    const Expected<QString> ids = Startup::taskIdText(options);
    if (ids)
        request.taskIdText = *ids;
    else
        request.problems << ids.error().message();
    return request;
}

QByteArray LaunchRequest::encode() const
{
    QCborMap map {{versionKey, formatVersion}, {profileKey, profile}, {idsKey, taskIdText},
        {problemsKey, QCborArray::fromStringList(problems)}};
    if (connection) {
        map.insert(connectionKey, encodeConnection(*connection));
        map.insert(credentialKey, credential);
    }
    return map.toCborValue().toCbor();
}

Expected<LaunchRequest> LaunchRequest::decode(const QByteArray &bytes)
{
    QCborParserError parseError;
    const QCborValue root = QCborValue::fromCbor(bytes, &parseError);
    if (parseError.error != QCborError::NoError || !root.isMap())
        return unexpected(Error::input(tr("The request could not be read.")));
    const QCborMap map = root.toMap();
    if (map.value(versionKey).toInteger(-1) != formatVersion)
        return unexpected(
            Error::input(tr("The request is of another version of SMH Task Monitor.")));

    Reader reader;
    LaunchRequest request;
    request.connection = decodeConnection(map.value(connectionKey), reader);
    request.credential = reader.text(map, credentialKey, maxCredentialChars);
    request.profile = reader.text(map, profileKey, maxFieldChars);
    request.taskIdText = reader.text(map, idsKey, maxIdTextChars);
    const QCborValue problems = map.value(problemsKey);
    if (!problems.isUndefined()) {
        const QCborArray list = problems.toArray();
        if (!problems.isArray() || list.size() > maxProblems)
            reader.fail(tr("\"%1\" is not a short list.").arg(problemsKey));
        for (const QCborValue &problem : list) {
            if (!problem.isString() || problem.toString().size() > maxFieldChars)
                reader.fail(tr("\"%1\" holds something other than short text.").arg(problemsKey));
            else
                request.problems << problem.toString();
        }
    }
    if (!reader.problem.isEmpty())
        return unexpected(Error::input(tr("The request was refused: %1").arg(reader.problem)));
    return request;
}
