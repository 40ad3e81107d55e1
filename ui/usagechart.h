#pragma once

#include <QChartView>

class UsageChartModel;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

// Plots a UsageChartModel: used storage over time, with a dashed vertical
// line where each cleanup started and a solid one where it ended. Points are
// appended as rows arrive; the whole series is rebuilt only when the unit
// (KiB, MiB, GiB, TiB) changes.
class UsageChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsageChart)

public:
    explicit UsageChart(UsageChartModel *model, QWidget *parent = nullptr);

    // Points currently plotted (for tests).
    int pointCount() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void appendRows(int first, int last);
    void rebuildMarkers();
    void updateAxes();
    void applyTheme();
    bool chooseUnit();

    UsageChartModel *m_model;
    QLineSeries *m_usage;
    QList<QLineSeries *> m_markers;
    QDateTimeAxis *m_time;
    QValueAxis *m_bytes;
    qint64 m_divisor = 1;
};
