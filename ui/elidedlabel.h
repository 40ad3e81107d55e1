#pragma once

#include <QWidget>

// One line of text that, short of room, ends in "…" instead of being cut
// mid-word; the whole text is in its tooltip and is what "Copy" copies.
class ElidedLabel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ElidedLabel)

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_text; }
    // The tooltip when there is more to say than the text (several lines);
    // without it the tooltip is the text, whenever it does not fit.
    void setDetails(const QString &details);
    // What fits the current width, as painted.
    QString shownText() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void updateToolTip();

    QString m_text;
    QString m_details;
};
