#include "ui/usagechart.h"

#include "history/usagechartmodel.h"
#include "tasks/displaytext.h"

#include <QDateTimeAxis>
#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace {

// 1024^n and its IEC symbol, the same in every language.
struct Unit
{
    qint64 divisor;
    const char16_t *symbol;
};

constexpr Unit units[] = {
    {1, u"B"}, {1LL << 10, u"KiB"}, {1LL << 20, u"MiB"}, {1LL << 30, u"GiB"}, {1LL << 40, u"TiB"}};

} // namespace

UsageChart::UsageChart(UsageChartModel *model, QWidget *parent)
    : QChartView(parent)
    , m_model(model)
    , m_usage(new QLineSeries(this))
    , m_time(new QDateTimeAxis(this))
    , m_bytes(new QValueAxis(this))
{
    setObjectName(u"usageChart"_s);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(260);
    QChart *chart = new QChart;
    setChart(chart);
    chart->legend()->setAlignment(Qt::AlignBottom);
    // A line's legend entry is drawn as a piece of that line: dashed for a
    // clear's start, solid for its end, as on the chart.
    chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_usage->setName(tr("Library usage"));
    // A first sample is a point, not yet a line: shown all the same.
    m_usage->setPointsVisible(true);
    chart->addSeries(m_usage);
    m_time->setFormat(DisplayText::clockFormat());
    m_time->setTickCount(5);
    m_bytes->setLabelFormat(u"%.1f"_s);
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_bytes, Qt::AlignLeft);
    m_usage->attachAxis(m_time);
    m_usage->attachAxis(m_bytes);

    connect(model, &QAbstractItemModel::modelReset, this, &UsageChart::rebuild);
    connect(model, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &, int first, int last) { appendRows(first, last); });
    connect(model, &UsageChartModel::markersChanged, this, &UsageChart::rebuildMarkers);
    applyTheme();
    rebuild();
}

int UsageChart::pointCount() const
{
    return int(m_usage->count());
}

void UsageChart::changeEvent(QEvent *event)
{
    // Light or dark: the window's palette changed, and the chart follows it.
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
    QChartView::changeEvent(event);
}

void UsageChart::applyTheme()
{
    // Follow the window's palette (light or dark) rather than a fixed theme.
    const QPalette palette = this->palette();
    QChart *chart = this->chart();
    chart->setBackgroundBrush(palette.base());
    chart->setTitleBrush(palette.text());
    chart->legend()->setLabelColor(palette.color(QPalette::Text));
    for (QAbstractAxis *axis :
        {static_cast<QAbstractAxis *>(m_time), static_cast<QAbstractAxis *>(m_bytes)}) {
        axis->setLabelsColor(palette.color(QPalette::Text));
        axis->setTitleBrush(palette.text());
        axis->setGridLineColor(palette.color(QPalette::Mid));
    }
    QPen pen(palette.color(QPalette::Highlight));
    pen.setWidthF(2);
    m_usage->setPen(pen);
    rebuildMarkers();
}

bool UsageChart::chooseUnit()
{
    const qint64 max = m_model->range().second;
    const Unit *chosen = &units[0];
    for (const Unit &unit : units) {
        if (max >= unit.divisor)
            chosen = &unit;
    }
    const qint64 divisor = chosen->divisor;
    m_bytes->setTitleText(QString::fromUtf16(chosen->symbol));
    if (divisor == m_divisor)
        return false;
    m_divisor = divisor;
    return true;
}

void UsageChart::rebuild()
{
    chooseUnit();
    QList<QPointF> points;
    points.reserve(m_model->rowCount());
    for (int row = 0; row < m_model->rowCount(); ++row)
        points.append({m_model->index(row, UsageChartModel::TimeColumn)
                           .data(UsageChartModel::RawRole)
                           .toDouble(),
            m_model->index(row, UsageChartModel::BytesColumn)
                    .data(UsageChartModel::RawRole)
                    .toDouble()
                / double(m_divisor)});
    m_usage->replace(points);
    updateAxes();
    rebuildMarkers();
}

void UsageChart::appendRows(int first, int last)
{
    if (chooseUnit()) {
        rebuild();
        return;
    }
    for (int row = first; row <= last; ++row) {
        const QPointF point(m_model->index(row, UsageChartModel::TimeColumn)
                                .data(UsageChartModel::RawRole)
                                .toDouble(),
            m_model->index(row, UsageChartModel::BytesColumn)
                    .data(UsageChartModel::RawRole)
                    .toDouble()
                / double(m_divisor));
        m_usage->insert(row, point);
    }
    // The markers span the value axis: redrawn only when it moved.
    const double low = m_bytes->min();
    const double high = m_bytes->max();
    updateAxes();
    if (m_bytes->min() != low || m_bytes->max() != high)
        rebuildMarkers();
}

void UsageChart::updateAxes()
{
    // No samples: say so, rather than an axis of made-up numbers.
    const bool empty = m_model->rowCount() == 0;
    chart()->setTitle(empty ? tr("No usage samples yet") : QString());
    m_bytes->setVisible(!empty);
    m_time->setVisible(!empty);
    if (empty)
        return;
    const auto [min, max] = m_model->range();
    const double low = double(min) / double(m_divisor);
    const double high = double(max) / double(m_divisor);
    const double pad = std::max((high - low) * 0.1, high * 0.02 + 0.1);
    m_bytes->setRange(std::max(0.0, low - pad), high + pad);
    // Round ticks (1, 2, 2.5, 5 × 10^n), labelled with no more decimals than they need.
    m_bytes->setTickCount(5);
    m_bytes->applyNiceNumbers();
    const double step = (m_bytes->max() - m_bytes->min()) / std::max(1, m_bytes->tickCount() - 1);
    m_bytes->setLabelFormat(step >= 1 ? u"%.0f"_s : step >= 0.1 ? u"%.1f"_s : u"%.2f"_s);
    qint64 start = QDateTime::currentMSecsSinceEpoch() - 60'000;
    qint64 end = QDateTime::currentMSecsSinceEpoch();
    if (m_usage->count() > 0) {
        start = std::min(start, qint64(m_usage->at(0).x()));
        end = std::max(qint64(m_usage->at(m_usage->count() - 1).x()), start + 60'000);
    }
    const auto markers = m_model->markers();
    for (const auto &marker : markers) {
        start = std::min(start, marker.at.toMSecsSinceEpoch());
        end = std::max(end, marker.at.toMSecsSinceEpoch());
    }
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(start), QDateTime::fromMSecsSinceEpoch(end));
    // Longer spans need the day in the label; times read as in the tables.
    m_time->setFormat(end - start > 20 * 3600 * 1000 ? DisplayText::dateTimeFormat(false)
                                                     : DisplayText::clockFormat());
}

void UsageChart::rebuildMarkers()
{
    QChart *chart = this->chart();
    for (QLineSeries *series : std::as_const(m_markers)) {
        chart->removeSeries(series);
        delete series;
    }
    m_markers.clear();
    const double low = m_bytes->min();
    const double high = m_bytes->max();
    bool startNamed = false;
    bool endNamed = false;
    const QColor color = palette().color(QPalette::Text);
    const auto markers = m_model->markers();
    for (const auto &marker : markers) {
        auto *line = new QLineSeries;
        const double x = double(marker.at.toMSecsSinceEpoch());
        line->append(x, low);
        line->append(x, high);
        QPen pen(color);
        pen.setStyle(marker.start ? Qt::DashLine : Qt::SolidLine);
        line->setPen(pen);
        line->setName(marker.start ? tr("Clear started") : tr("Clear finished"));
        chart->addSeries(line);
        line->attachAxis(m_time);
        line->attachAxis(m_bytes);
        bool &named = marker.start ? startNamed : endNamed;
        const auto legend = chart->legend()->markers(line);
        for (QLegendMarker *entry : legend)
            entry->setVisible(!named);
        named = true;
        m_markers.append(line);
    }
}
