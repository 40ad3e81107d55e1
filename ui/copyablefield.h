#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

// One value in the details pane: read-only text that can be selected, a copy
// button beside it, and "Copy <name>" on top of its context menu. A line edit
// rather than a label, so that a long inode or path never widens the pane:
// short of room it ends in "…", shows the whole value while it has the focus
// (to select a part), and its tooltip always holds the whole value. A
// wrapping field shows every word on as many lines as it takes.
class CopyableField final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CopyableField)

public:
    CopyableField(const QString &name, QWidget *parent = nullptr);

    void setValue(const QString &value);
    // Wraps onto more lines instead of eliding (a sentence that must be read
    // whole, such as a task's outcome).
    void setWrapping(bool wrap);
    // The text as shown now: elided or whole.
    QString shownText() const;
    QString value() const { return m_value; }
    QString name() const { return m_name; }
    // Copies the whole value to the clipboard.
    void copy();

    QToolButton *copyButton() const { return m_button; }
    QLineEdit *valueEdit() const { return m_edit; }

    // The clipboard icon drawn in the palette's text colour.
    static QIcon copyIcon(const QPalette &palette);

Q_SIGNALS:
    void copied(const QString &name, const QString &value);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showMenu(const QPoint &position);
    void refreshText();

    QString m_name;
    QString m_value;
    QLineEdit *m_edit;
    QLabel *m_wrapped;
    QToolButton *m_button;
};
