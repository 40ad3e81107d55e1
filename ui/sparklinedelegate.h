#pragma once

#include <QStyledItemDelegate>

// Draws a cell's trend (a QList<qint64> in `role`, oldest first) as a small
// line in the palette's highlight colour, scaled to its own range: what
// matters at a glance is the direction, the figures are in the tooltip.
class SparklineDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SparklineDelegate)

public:
    SparklineDelegate(int role, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_role;
};
