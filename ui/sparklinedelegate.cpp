#include "ui/sparklinedelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

SparklineDelegate::SparklineDelegate(int role, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_role(role)
{ }

void SparklineDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // The cell's background, selection and focus as any other cell's.
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    cell.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, widget);

    const QList<qint64> values = index.data(m_role).value<QList<qint64>>();
    if (values.isEmpty())
        return;
    const QRectF area = QRectF(option.rect).adjusted(4, 4, -4, -4);
    if (area.width() < 4 || area.height() < 4)
        return;
    const auto [low, high] = std::minmax_element(values.cbegin(), values.cend());
    const double span = double(*high - *low);
    auto point = [&](qsizetype i) {
        const double x = values.size() == 1
            ? area.right()
            : area.left() + area.width() * double(i) / double(values.size() - 1);
        const double y = span <= 0
            ? area.center().y()
            : area.bottom() - area.height() * double(values.at(i) - *low) / span;
        return QPointF(x, y);
    };
    const bool selected = option.state & QStyle::State_Selected;
    const QColor colour =
        option.palette.color(selected ? QPalette::HighlightedText : QPalette::Highlight);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath line;
    line.moveTo(values.size() == 1 ? QPointF(area.left(), point(0).y()) : point(0));
    for (qsizetype i = values.size() == 1 ? 0 : 1; i < values.size(); ++i)
        line.lineTo(point(i));
    painter->setPen(QPen(colour, 1.5));
    painter->drawPath(line);
    // The latest reading, the one the Usage column shows, as a dot.
    painter->setBrush(colour);
    painter->drawEllipse(point(values.size() - 1), 2.0, 2.0);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize text = QStyledItemDelegate::sizeHint(option, index);
    return {std::max(text.width(), option.fontMetrics.horizontalAdvance(QLatin1Char('M')) * 6),
        text.height()};
}
