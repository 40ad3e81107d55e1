#pragma once

#include <QLayout>
#include <QList>

// Lays items out left to right and wraps them onto new lines, like words in
// a paragraph: path segments of any count fit the pane's width.
class FlowLayout final : public QLayout
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlowLayout)

public:
    explicit FlowLayout(QWidget *parent = nullptr, int spacing = 4);
    ~FlowLayout() override;

    void addItem(QLayoutItem *item) override;
    int count() const override { return int(m_items.size()); }
    QLayoutItem *itemAt(int index) const override;
    QLayoutItem *takeAt(int index) override;
    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    // Everything on one line; heightForWidth() tells how tall it gets when narrower.
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

    // Deletes every item and its widget.
    void clear();

private:
    int arrange(const QRect &rect, bool apply) const;

    QList<QLayoutItem *> m_items;
    int m_gap;
};
