// Figures for the README: how long the hot paths of a poll cycle take.
// A benchmark, not a test: it prints numbers and never fails on them.
#include "smh/taskquery.h"
#include "smh/taskreply.h"
#include "tasks/pollplanner.h"
#include "tasks/taskidparser.h"

#include <QElapsedTimer>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

template<typename F>
double medianMs(int rounds, F &&work)
{
    QList<double> times;
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times << double(timer.nsecsElapsed()) / 1e6;
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

void report(const char *what, double ms)
{
    std::printf("%-58s %10.3f ms\n", what, ms);
}

} // namespace

int main()
{
    ConnectionSettings settings;
    settings.endpoint = QUrl(u"https://smhxxxxxxxx.api.tencentsmh.cn"_s);
    settings.libraryId = u"smhxxxxxxxx"_s;
    const QString token = QString(u'x').repeated(64);

    QList<qint64> ids;
    for (qint64 id = 10'000'000; id < 10'100'000; ++id)
        ids << id;

    qsizetype batchCount = 0;
    report("TaskQuery::batches, 100,000 IDs",
        medianMs(9, [&] { batchCount = TaskQuery::batches(settings, token, ids).size(); }));
    std::printf("%-58s %10lld\n", "  requests for 100,000 eight-digit IDs", qlonglong(batchCount));

    // One full batch as SMH would answer it.
    const QList<QList<qint64>> batches = TaskQuery::batches(settings, token, ids);
    const QList<qint64> batch = batches.constFirst();
    QJsonArray array;
    for (qint64 id : batch) {
        TaskStatusReport report;
        report.taskId = id;
        report.found = true;
        report.status = 200;
        report.result = TaskResult {{u"marketing"_s, u"v3"_s, u"brief.pptx"_s},
            {u"marketing"_s, u"brief.pptx"_s}, u"0123456789abcdef"_s, u"fedcba9876543210"_s};
        array.append(TaskReply::toJson(report));
    }
    const QByteArray body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    std::printf("%-58s %10lld\n", "  IDs in the first request", qlonglong(batch.size()));
    std::printf("%-58s %10lld\n", "  bytes of its reply (every task with a result)",
        qlonglong(body.size()));
    report("TaskReply::parse, one full batch with results",
        medianMs(21, [&] { (void)TaskReply::parse(body, batch); }));

    PollPlanner planner;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (qint64 id : std::as_const(ids))
        planner.track({1, id}, now);
    report("PollPlanner::dueTasks, 100,000 tracked",
        medianMs(9, [&] { (void)planner.dueTasks(1, now); }));
    report("PollPlanner::dueTasks, the 1,788 most overdue of 100,000",
        medianMs(9, [&] { (void)planner.dueTasks(1, now, 1788); }));
    report("PollPlanner::nextWake + trackedCount, 100,000 tracked", medianMs(9, [&] {
        (void)planner.nextWake(1);
        (void)planner.trackedCount(1);
    }));
    report("PollPlanner::recordObservation x 100,000", medianMs(5, [&] {
        for (qint64 id : std::as_const(ids))
            planner.recordObservation({1, id}, TaskState::Running, TaskState::Running, now);
    }));

    QString pasted;
    for (qint64 id = 0; id < 100'000; ++id)
        pasted += QString::number(1'000'000 + id) + (id % 10 == 9 ? u"\n"_s : u", "_s);
    report("TaskIdParser::parse, 100,000 pasted IDs",
        medianMs(9, [&] { (void)TaskIdParser::parse(pasted); }));
    return 0;
}
