#include "demo/smhsimulator.h"

#include "smh/taskreply.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSharedPointer>

using namespace Qt::StringLiterals;

namespace {

// A stable 64-bit mix of the ID, so that the same ID behaves the same way in
// every demo run (splitmix64).
quint64 mix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

QString inodeFor(quint64 seed)
{
    return QString::number(mix(seed), 16).rightJustified(16, u'0');
}

const QStringList folders = {u"marketing"_s, u"design"_s, u"legal"_s, u"archive"_s, u"video"_s,
    u"photos"_s, u"contracts"_s, u"reports"_s};
const QStringList files = {u"test.docx"_s, u"brief.pptx"_s, u"q3-figures.xlsx"_s, u"logo.psd"_s,
    u"interview.mov"_s, u"scan-0042.tiff"_s, u"minutes.docx"_s};

QString randomToken()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(
        reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / int(sizeof(quint32)));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

SmhSimulator::SmhSimulator(QObject *parent)
    : QObject(parent)
    , m_server([this](const HttpRequest &request) { return handle(request); })
    , m_staticToken(randomToken())
{
    auto clock = QSharedPointer<QElapsedTimer>::create();
    clock->start();
    m_nowMs = [clock] { return clock->elapsed(); };
    m_tokens.insert(m_staticToken, {std::numeric_limits<qint64>::max(), 0, false, {}});
    Library first;
    first.secret = defaultLibrarySecret.toString();
    m_libraries.insert(m_libraryId, first);
}

void SmhSimulator::setLibraryId(const QString &id)
{
    if (id == m_libraryId)
        return;
    m_libraries.insert(id, m_libraries.take(m_libraryId));
    m_libraryId = id;
}

SmhSimulator::Library *SmhSimulator::findLibrary(const QString &id)
{
    const auto it = m_libraries.find(id.isEmpty() ? m_libraryId : id);
    return it == m_libraries.end() ? nullptr : &*it;
}

const SmhSimulator::Library *SmhSimulator::findLibrary(const QString &id) const
{
    const auto it = m_libraries.constFind(id.isEmpty() ? m_libraryId : id);
    return it == m_libraries.cend() ? nullptr : &*it;
}

void SmhSimulator::addLibrary(const LibrarySetup &setup)
{
    Library added;
    added.secret = setup.secret;
    added.adminGrant = setup.adminGrant;
    added.history = setup.history;
    added.baseBytes = setup.baseBytes;
    added.historyBytes = setup.historyBytes;
    m_libraries.insert(setup.id, added);
    m_libraryOrder.removeAll(setup.id);
    m_libraryOrder << setup.id;
}

QStringList SmhSimulator::libraryIds() const
{
    return QStringList {m_libraryId} + m_libraryOrder;
}

QString SmhSimulator::librarySecret(const QString &libraryId) const
{
    const Library *found = findLibrary(libraryId);
    return found ? found->secret : QString();
}

SmhSimulator::HistoryState SmhSimulator::historyState(const QString &libraryId) const
{
    return library(libraryId).history;
}

void SmhSimulator::setHistoryState(const HistoryState &state, const QString &libraryId)
{
    library(libraryId).history = state;
}

int SmhSimulator::clearCount(const QString &libraryId) const
{
    return library(libraryId).clearCount;
}

int SmhSimulator::historyWrites(const QString &libraryId) const
{
    return library(libraryId).historyWrites;
}

bool SmhSimulator::start(quint16 port)
{
    return m_server.listen(QHostAddress::LocalHost, port);
}

void SmhSimulator::revokeAllTokens()
{
    m_tokens.clear();
}

QString SmhSimulator::issueToken(qint64 periodSeconds, bool admin, const QString &libraryId)
{
    const QString token = randomToken();
    const qint64 expiry =
        periodSeconds > 0 ? nowMs() + periodSeconds * 1000 : std::numeric_limits<qint64>::max();
    m_tokens.insert(token, {expiry, periodSeconds, admin, libraryId});
    return token;
}

void SmhSimulator::setUsage(qint64 baseBytes, qint64 historyBytes, const QString &libraryId)
{
    library(libraryId).baseBytes = baseBytes;
    library(libraryId).historyBytes = historyBytes;
}

qint64 SmhSimulator::usageBytes(const QString &libraryId) const
{
    return usageBytes(library(libraryId));
}

qint64 SmhSimulator::usageBytes(const Library &library) const
{
    // A clear's space shows as released only a while after the task ended.
    const qint64 now = nowMs();
    qint64 bytes = library.baseBytes + library.historyBytes;
    for (const ClearTask &task : library.clearTasks) {
        if (now >= task.startMs + m_clearRunMs + m_usageLagMs)
            bytes -= task.freedBytes;
    }
    return bytes;
}

void SmhSimulator::seedDemoHistory()
{
    library().history = {true, 20, 30, 60};
    // A clear that ended before the demo started: its library-level task is
    // watched, and v2 says how many versions it deleted.
    library().clearTasks.insert(demoClearTaskId, {nowMs() - 3'600'000, 48'210, 0});
    // Long enough that the drop shows after the monitor has seen the clear end.
    m_usageLagMs = 15'000;
}

QStringList SmhSimulator::seedDemoFleet()
{
    constexpr qint64 gib = 1024LL * 1024 * 1024;
    const QList<LibrarySetup> fleet = {
        // History switched off long ago; the versions it kept are still there.
        {u"smhdemo-media"_s, u"demo-media-secret-0123456789"_s, {false, 5, 7, 0}, 220 * gib,
            31 * gib, true},
        // The account's secret may read tasks here, not administer the library.
        {u"smhdemo-archive"_s, u"demo-archive-secret-0123456789"_s, {true, 100, 365, 300},
            1200 * gib, 180 * gib, false},
        // Small and busy: many versions kept briefly.
        {u"smhdemo-team"_s, u"demo-team-secret-0123456789"_s, {true, 50, 7, 5}, 3 * gib / 4,
            gib / 5, true},
    };
    QStringList ids;
    for (const LibrarySetup &setup : fleet) {
        addLibrary(setup);
        ids << setup.id;
    }
    return ids;
}

SmhSimulator::TaskScript SmhSimulator::scriptFor(qint64 taskId) const
{
    const quint64 h = mix(quint64(taskId));
    TaskScript script;
    const int bucket = int(h % 100);
    if (bucket < 8) {
        script.known = false;
        return script;
    }
    script.finalStatus = bucket < 58 ? 200 : bucket < 73 ? 204 : bucket < 95 ? 500 : 409;
    script.runMs = 4'000 + qint64((h >> 8) % 80'000);
    const QString folder = folders.at(qsizetype((h >> 16) % quint64(folders.size())));
    const QString file = files.at(qsizetype((h >> 24) % quint64(files.size())));
    script.convertFrom = {folder, u"v%1"_s.arg((h >> 32) % 9 + 1), file};
    script.path = {folder, file};
    script.srcInode = inodeFor(h);
    script.dstInode = inodeFor(h + 1);
    return script;
}

QJsonArray SmhSimulator::batchResult(qint64 taskId, int count, int failed)
{
    // A batch delete's items: what went to the recycle bin, and the last
    // `failed` entries refused as SMH refuses them.
    const quint64 h = mix(quint64(taskId));
    const QString folder = folders.at(qsizetype(h % quint64(folders.size())));
    QJsonArray items;
    for (int i = 0; i < count; ++i) {
        const QString file = files.at(qsizetype((h >> 8) + quint64(i)) % files.size());
        QJsonObject item {{u"path"_s, QJsonArray {folder, u"%1-%2"_s.arg(i).arg(file)}}};
        if (i >= count - failed) {
            item.insert(u"status"_s, 403);
            item.insert(u"code"_s, u"NoPermission"_s);
            item.insert(u"message"_s, u"The entry is locked by another user."_s);
        } else {
            item.insert(u"status"_s, 200);
            item.insert(u"recycledItemId"_s, qint64(h % 100'000) + i);
        }
        items.append(item);
    }
    return items;
}

QList<qint64> SmhSimulator::seedDemoTasks()
{
    // Mostly fresh tasks plus a few that ended before the monitor started, so
    // that every state is on screen within the first minute.
    QList<qint64> ids;
    const qint64 now = nowMs();
    for (qint64 id = 1001; id <= 1024; ++id) {
        TaskScript script = scriptFor(id);
        script.known = true;
        script.startMs = now - ((id % 5 == 0) ? 120'000 : 0);
        script.runMs = 3'000 + (id - 1001) * 2'500;
        if (id == 1003)
            script.finalStatus = 500;
        if (id == 1006)
            script.finalStatus = 204;
        // A few of v2's other kinds, so that the Type column shows them.
        if (id == 1008 || id == 1016)
            script.taskType = u"fileUncompress"_s;
        if (id == 1012)
            script.taskType = u"videoTranscode"_s;
        m_tasks.insert(id, script);
        ids << id;
    }
    TaskScript expired;
    expired.known = false;
    m_tasks.insert(990, expired);
    ids << 990;
    TaskScript odd = scriptFor(1025);
    odd.known = true;
    odd.startMs = now;
    odd.runMs = 9'000;
    odd.finalStatus = 409;
    m_tasks.insert(1025, odd);
    ids << 1025;
    // Batch tasks answer an array of items: a delete that went through, and
    // a move of a thousand entries of which two were refused.
    TaskScript deleted = scriptFor(1026);
    deleted.known = true;
    deleted.startMs = now;
    deleted.runMs = 6'000;
    deleted.finalStatus = 200;
    deleted.result = batchResult(1026, 12, 0);
    m_tasks.insert(1026, deleted);
    ids << 1026;
    TaskScript moved = deleted;
    moved.runMs = 11'000;
    moved.result = batchResult(1027, 1000, 2);
    moved.taskType = u"batchMove"_s;
    m_tasks.insert(1027, moved);
    ids << 1027;
    return ids;
}

void SmhSimulator::failNextQueries(int count, const HttpResponse &response)
{
    m_failuresLeft = count;
    m_failure = response;
}

QString SmhSimulator::nextRequestId()
{
    return u"sim-%1"_s.arg(qulonglong(++m_requestSerial), 8, 10, QChar(u'0'));
}

HttpResponse SmhSimulator::handle(const HttpRequest &request)
{
    HttpResponse response = route(request);
    if (m_stall && m_stall(request))
        response.delay = m_stallDelay;
    return response;
}

HttpResponse SmhSimulator::route(const HttpRequest &request)
{
    const QStringList segments = request.pathSegments();
    // api v1 <resource> ...
    if (segments.size() < 3 || segments.at(0) != u"api" || segments.at(1) != u"v1")
        return HttpResponse::error(404, u"NotFound"_s, u"No such API."_s, nextRequestId());
    const QString resource = segments.at(2);
    if (resource == u"task") {
        if (request.method != "GET")
            return HttpResponse::error(405, u"MethodNotAllowed"_s, u"Use GET."_s, nextRequestId());
        return handleTaskQuery(segments.mid(3), request);
    }
    if (resource == u"directory-history")
        return handleHistory(segments.mid(3), request);
    if (resource == u"usage" || resource == u"space")
        return handleUsage(segments, request);
    if (resource == u"task-result")
        return handleTaskResult(segments.mid(3), request);
    if (resource == u"token") {
        if (segments.size() == 3 && (request.method == "GET" || request.method == "POST"))
            return handleCreateToken(request);
        if (segments.size() == 5 && request.method == "POST")
            return handleRenewToken(segments.at(3), segments.at(4));
        if (segments.size() == 5 && request.method == "DELETE")
            return handleDeleteToken(segments.at(3), segments.at(4));
    }
    return HttpResponse::error(404, u"NotFound"_s, u"No such API."_s, nextRequestId());
}

std::optional<HttpResponse> SmhSimulator::checkToken(const QString &token)
{
    const auto it = m_tokens.find(token);
    if (token.isEmpty() || it == m_tokens.end())
        return HttpResponse::error(
            403, u"InvalidAccessToken"_s, u"The access token is invalid."_s, nextRequestId());
    const qint64 now = nowMs();
    if (it->expiryMs <= now) {
        m_tokens.erase(it);
        // SMH answers an expired token as it answers an invalid one.
        return HttpResponse::error(
            403, u"InvalidAccessToken"_s, u"The access token has expired."_s, nextRequestId());
    }
    // Every use extends the token by its period again, as SMH documents.
    if (it->periodSeconds > 0)
        it->expiryMs = now + it->periodSeconds * 1000;
    return std::nullopt;
}

std::optional<HttpResponse> SmhSimulator::refuse(
    bool routeExists, const QString &libraryId, const QString &token, Access access)
{
    if (!routeExists)
        return HttpResponse::error(404, u"RouteNotFound"_s, u"No such API."_s, nextRequestId());
    if (libraryId.isEmpty() || !findLibrary(libraryId))
        return HttpResponse::error(
            404, u"LibraryNotFound"_s, u"The library does not exist."_s, nextRequestId());
    if (access == Access::Library)
        return std::nullopt;
    if (auto refused = checkToken(token))
        return refused;
    // A token opens the library it was minted for, and no other.
    const TokenState state = m_tokens.value(token);
    if ((state.library.isEmpty() ? m_libraryId : state.library) != libraryId)
        return HttpResponse::error(403, u"InvalidAccessToken"_s,
            u"The access token is not for this library."_s, nextRequestId());
    if (access == Access::Admin && !state.admin)
        return HttpResponse::error(403, u"NoPermission"_s,
            u"This operation needs an access token with the admin grant."_s, nextRequestId());
    return std::nullopt;
}

std::optional<TaskStatusReport> SmhSimulator::clearReport(
    const Library &library, qint64 taskId) const
{
    const auto it = library.clearTasks.constFind(taskId);
    if (it == library.clearTasks.cend())
        return std::nullopt;
    TaskStatusReport report;
    report.taskId = taskId;
    report.found = true;
    const bool done = nowMs() >= it->startMs + m_clearRunMs;
    report.status = done ? TaskStatusReport::statusSucceeded : TaskStatusReport::statusRunning;
    if (done) {
        TaskResult result;
        result.raw = QJsonObject {{u"deleteCount"_s, it->deleteCount}};
        report.result = result;
    }
    return report;
}

HttpResponse SmhSimulator::handleHistory(const QStringList &segments, const HttpRequest &request)
{
    // {LibraryId}/library-history
    if (auto refused = refuse(segments.size() == 2 && segments.at(1) == u"library-history",
            segments.value(0), request.queryValue(u"access_token"_s), Access::Admin))
        return *refused;
    Library &target = library(segments.value(0));
    if (request.method == "POST" || request.method == "DELETE") {
        const bool clear = request.method == "DELETE";
        ++(clear ? target.clearRequests : target.historyWriteRequests);
        const int call = int(clear ? HistoryCall::Clear : HistoryCall::WriteSettings);
        if (target.historyFaults.contains(call)) {
            const HistoryFault fault = target.historyFaults.take(call);
            if (fault.applied)
                changeHistory(target, request);
            return fault.response;
        }
        return changeHistory(target, request);
    }
    if (request.method == "GET") {
        const HistoryState &history = target.history;
        QJsonObject body {{u"enableFileHistory"_s, history.enabled}};
        if (history.count)
            body.insert(u"fileHistoryCount"_s, *history.count);
        if (history.expireDays)
            body.insert(u"fileHistoryExpireDay"_s, *history.expireDays);
        if (history.mergeInterval)
            body.insert(u"mergeInterval"_s, *history.mergeInterval);
        return HttpResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    return HttpResponse::error(405, u"MethodNotAllowed"_s, u"No such method."_s, nextRequestId());
}

HttpResponse SmhSimulator::changeHistory(Library &target, const HttpRequest &request)
{
    if (request.method == "POST") {
        const QJsonObject change = QJsonDocument::fromJson(request.body).object();
        HistoryState next = target.history;
        const QJsonValue count = change.value(u"fileHistoryCount");
        const QJsonValue expire = change.value(u"fileHistoryExpireDay");
        const QJsonValue merge = change.value(u"mergeInterval");
        if (!count.isUndefined()) {
            if (count.toInt(-1) < 1 || count.toInt(-1) > 999)
                return HttpResponse::error(400, u"InvalidFileHistoryCount"_s,
                    u"fileHistoryCount must be 1-999."_s, nextRequestId());
            next.count = count.toInt();
        }
        if (!expire.isUndefined()) {
            if (expire.toInt(-1) < 0 || expire.toInt(-1) > 999)
                return HttpResponse::error(400, u"InvalidFileHistoryExpireDay"_s,
                    u"fileHistoryExpireDay must be 0-999."_s, nextRequestId());
            next.expireDays = expire.toInt();
        }
        if (!merge.isUndefined()) {
            const int seconds = merge.toInt(-1);
            if (seconds != 0 && (seconds < 5 || seconds > 600))
                return HttpResponse::error(400, u"InvalidFileHistoryMergeInterval"_s,
                    u"mergeInterval must be 0 or 5-600."_s, nextRequestId());
            next.mergeInterval = seconds;
        }
        if (change.value(u"enableFileHistory").isBool())
            next.enabled = change.value(u"enableFileHistory").toBool();
        if (next.enabled && (!next.count || !next.expireDays))
            return HttpResponse::error(400, u"ParamInvalid"_s,
                u"Enabling file history needs fileHistoryCount and fileHistoryExpireDay."_s,
                nextRequestId());
        target.history = next;
        ++target.historyWrites;
        return HttpResponse::json(204, QByteArray());
    }
    if (request.method == "DELETE") {
        if (target.history.enabled)
            return HttpResponse::error(400, u"ParamInvalid"_s,
                u"File history must be switched off before clearing it."_s, nextRequestId());
        const qint64 now = nowMs();
        if (now - target.lastClearMs < clearIntervalMs)
            return HttpResponse::error(
                429, u"RateLimitExceeded"_s, u"One clear a minute."_s, nextRequestId());
        target.lastClearMs = now;
        ++target.clearCount;
        qint64 remaining = target.historyBytes;
        for (const ClearTask &task : std::as_const(target.clearTasks))
            remaining -= task.freedBytes;
        const qint64 id = m_nextClearTaskId++;
        // About one version per 256 KiB freed: a plausible count for the demo.
        target.clearTasks.insert(id, {now, remaining / (256 * 1024), remaining});
        return HttpResponse::json(
            202, QJsonDocument(QJsonObject {{u"taskId"_s, id}}).toJson(QJsonDocument::Compact));
    }
    return HttpResponse::error(405, u"MethodNotAllowed"_s, u"No such method."_s, nextRequestId());
}

void SmhSimulator::failNextHistoryCall(HistoryCall call, const HttpResponse &response, bool applied)
{
    library().historyFaults.insert(int(call), {response, applied});
}

int SmhSimulator::liveAdminTokens() const
{
    const qint64 now = nowMs();
    return int(std::count_if(m_tokens.cbegin(), m_tokens.cend(),
        [now](const TokenState &token) { return token.admin && token.expiryMs > now; }));
}

HttpResponse SmhSimulator::handleUsage(const QStringList &segments, const HttpRequest &request)
{
    // api v1 usage {Lib} | api v1 space {Lib} {Space} size
    const bool usage = segments.at(2) == u"usage" && segments.size() == 4;
    const bool space =
        segments.at(2) == u"space" && segments.size() == 6 && segments.at(5) == u"size";
    if (auto refused = refuse((usage || space) && request.method == "GET", segments.value(3),
            request.queryValue(u"access_token"_s), usage ? Access::Admin : Access::Token))
        return *refused;
    const qint64 bytes = usageBytes(library(segments.value(3)));
    // A space holds a fixed share of the library in the simulator.
    const QJsonObject body = usage ? QJsonObject {{u"totalFileSize"_s, QString::number(bytes)}}
                                   : QJsonObject {{u"size"_s, QString::number(bytes / 4)}};
    return HttpResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpResponse SmhSimulator::handleTaskResult(const QStringList &segments, const HttpRequest &request)
{
    m_taskResultPaths << request.url().path();
    if (!m_taskResultEnabled)
        return HttpResponse::error(404, u"RouteNotFound"_s, u"No such API."_s, nextRequestId());
    // {LibraryId}/{TaskId} (library level) or {LibraryId}/{SpaceId}/{TaskId}
    if (auto refused =
            refuse((segments.size() == 2 || segments.size() == 3) && request.method == "GET",
                segments.value(0), request.queryValue(u"access_token"_s), Access::Token))
        return *refused;
    const bool libraryLevel = segments.size() == 2;
    const qint64 taskId = segments.constLast().toLongLong();
    const Library &target = library(segments.value(0));
    const bool clear = target.clearTasks.contains(taskId);
    const std::optional<TaskStatusReport> report = clear
        ? (libraryLevel ? clearReport(target, taskId) : std::nullopt)
        : scriptedReport(taskId, libraryLevel);
    if (!report)
        return HttpResponse::error(404, u"TaskNotFound"_s, u"No such task."_s, nextRequestId());
    const QString type = clear ? u"clearLibraryHistory"_s : taskTypeOf(taskId);
    QJsonObject body {{u"taskId"_s, QString::number(taskId)}, {u"taskType"_s, type}};
    int status = report->status;
    if (clear && status == TaskStatusReport::statusSucceeded) {
        body.insert(u"clearLibraryHistoryResult"_s,
            QJsonObject {{u"status"_s, 200}, {u"code"_s, QString()},
                {u"deleteCount"_s, target.clearTasks.value(taskId).deleteCount}});
    } else if (status == TaskStatusReport::statusSucceededNoResult) {
        status = TaskStatusReport::statusSucceeded; // v2 has no 204
    } else if (status == TaskStatusReport::statusSucceeded && report->result) {
        const TaskResult &result = *report->result;
        if (result.shape == TaskResult::Shape::Batch) {
            // 207: some items refused; 400: every one.
            const qsizetype failed = result.failedItemCount();
            status = failed == 0 ? 200 : failed < result.itemCount ? 207 : 400;
            body.insert(type + u"Results"_s, result.toJson());
        } else if (type == u"fileUncompress") {
            const quint64 h = mix(quint64(taskId));
            const int files = int(h % 40) + 2;
            const int failed = int((h >> 8) % 3);
            QJsonArray failedItems;
            for (int i = 0; i < failed; ++i)
                failedItems.append(QJsonObject {
                    {u"path"_s, u"broken-%1.bin"_s.arg(i)}, {u"code"_s, u"FileCorrupted"_s}});
            body.insert(u"fileUncompressResult"_s,
                QJsonObject {{u"outputDir"_s, QString(TaskResult::joined(result.path) + u".d"_s)},
                    {u"fileCount"_s, files}, {u"successCount"_s, files - failed},
                    {u"failedCount"_s, failed}, {u"failedItems"_s, failedItems}});
            if (failed > 0)
                status = 207;
        } else {
            body.insert(type + u"Result"_s, result.toJson());
        }
    }
    if (!clear && report->status != TaskStatusReport::statusRunning)
        status = m_tasks.value(taskId).typedStatus.value_or(status);
    body.insert(u"status"_s, status);
    return HttpResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QString SmhSimulator::taskTypeOf(qint64 taskId) const
{
    for (const Library &each : m_libraries) {
        if (each.clearTasks.contains(taskId))
            return u"clearLibraryHistory"_s;
    }
    const TaskScript script = m_tasks.value(taskId, scriptFor(taskId));
    if (!script.taskType.isEmpty())
        return script.taskType;
    return script.result.isArray() ? u"batchDelete"_s : u"convertFile"_s;
}

std::optional<TaskStatusReport> SmhSimulator::scriptedReport(qint64 taskId, bool libraryLevel)
{
    TaskScript script;
    if (const auto set = m_tasks.constFind(taskId); set != m_tasks.cend()) {
        script = *set;
    } else {
        // Any other ID behaves as scriptFor() says from when it was first
        // asked about: only that moment is kept, not a script per ID (a
        // million IDs asked about took 0.4 GB).
        auto asked = m_firstAsked.constFind(taskId);
        if (asked == m_firstAsked.cend())
            asked = m_firstAsked.insert(taskId, nowMs());
        script = scriptFor(taskId);
        script.startMs = *asked;
    }
    if (!script.known || script.libraryLevel.value_or(libraryLevel) != libraryLevel)
        return std::nullopt;
    TaskStatusReport report;
    report.taskId = taskId;
    report.found = true;
    const bool done = nowMs() >= script.startMs + script.runMs;
    report.status = done ? script.finalStatus : TaskStatusReport::statusRunning;
    if (done && script.finalStatus == TaskStatusReport::statusSucceeded)
        report.result = script.result.isNull() || script.result.isUndefined()
            ? TaskResult {script.convertFrom, script.path, script.srcInode, script.dstInode}
            : TaskResult::fromJson(script.result);
    return report;
}

HttpResponse SmhSimulator::handleTaskQuery(const QStringList &segments, const HttpRequest &request)
{
    ++m_taskQueryCount;
    if (m_maxUrlBytes > 0 && request.target.size() > m_maxUrlBytes) {
        ++m_uriTooLongCount;
        return HttpResponse::error(
            414, u"URITooLong"_s, u"The request URI is too long."_s, nextRequestId());
    }
    if (m_failuresLeft > 0) {
        --m_failuresLeft;
        return m_failure;
    }
    // {LibraryId}/{SpaceId}/{TaskIdList} or {LibraryId}/{TaskIdList}
    if (auto refused = refuse(segments.size() == 2 || segments.size() == 3, segments.value(0),
            request.queryValue(u"access_token"_s), Access::Token))
        return *refused;

    QList<qint64> ids;
    for (const QString &part : segments.constLast().split(u',')) {
        bool ok = false;
        const qint64 id = part.toLongLong(&ok);
        if (!ok)
            return HttpResponse::error(
                400, u"InvalidArgument"_s, u"Task IDs must be integers."_s, nextRequestId());
        ids << id;
    }
    m_lastQueriedIds = ids;

    const bool libraryLevel = segments.size() == 2;
    const Library &target = library(segments.value(0));
    QJsonArray tasks;
    for (qint64 id : std::as_const(ids)) {
        // A clear is a library-level task: only that form of the query knows it.
        if (target.clearTasks.contains(id)) {
            if (libraryLevel)
                tasks.append(TaskReply::toJson(*clearReport(target, id)));
            continue;
        }
        const std::optional<TaskStatusReport> report = scriptedReport(id, libraryLevel);
        if (!report)
            continue;
        QJsonObject object = TaskReply::toJson(*report);
        object.insert(u"kind"_s, u"clearHistory"_s); // an extra field clients must ignore
        tasks.append(object);
    }
    return HttpResponse::json(200, QJsonDocument(tasks).toJson(QJsonDocument::Compact));
}

HttpResponse SmhSimulator::handleCreateToken(const HttpRequest &request)
{
    QUrlQuery query = request.query();
    if (request.method == "POST" && !request.body.isEmpty())
        query = QUrlQuery(QString::fromUtf8(request.body));
    const QString library = query.queryItemValue(u"library_id"_s, QUrl::FullyDecoded);
    const QString secret = query.queryItemValue(u"library_secret"_s, QUrl::FullyDecoded);
    const Library *target = findLibrary(library);
    if (library.isEmpty() || !target || secret != target->secret)
        return HttpResponse::error(404, u"WrongLibraryIdOrSecret"_s,
            u"The library ID or secret is wrong."_s, nextRequestId());
    bool ok = false;
    qint64 period = query.queryItemValue(u"period"_s).toLongLong(&ok);
    if (!ok || period <= 0)
        period = m_tokenLifetimeSeconds;
    ++m_mintCount;
    const QString token = randomToken();
    const bool admin =
        query.queryItemValue(u"grant"_s, QUrl::FullyDecoded) == u"admin" && target->adminGrant;
    m_tokens.insert(token, {nowMs() + period * 1000, period, admin, library});
    const QJsonObject body {{u"accessToken"_s, token}, {u"expiresIn"_s, period}};
    return HttpResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpResponse SmhSimulator::handleRenewToken(const QString &libraryId, const QString &token)
{
    if (auto refused = refuse(true, libraryId, token, Access::Library))
        return *refused;
    ++m_renewCount;
    if (auto refused = checkToken(token))
        return *refused;
    const qint64 period = m_tokens.value(token).periodSeconds;
    const QJsonObject body {
        {u"accessToken"_s, token}, {u"expiresIn"_s, period > 0 ? period : m_tokenLifetimeSeconds}};
    return HttpResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpResponse SmhSimulator::handleDeleteToken(const QString &libraryId, const QString &token)
{
    if (auto refused = refuse(true, libraryId, token, Access::Token))
        return *refused;
    m_tokens.remove(token);
    return HttpResponse::json(204, QByteArray());
}
