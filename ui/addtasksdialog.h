#pragma once

#include "tasks/task.h"
#include "tasks/taskidparser.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

// Asks which task IDs to watch and on which connection. IDs may be typed or
// pasted (commas, spaces, new lines, ranges like 100-120), imported from a
// text or CSV file, or dropped as a file. The text is checked as it changes:
// every invalid token is listed and Add stays disabled until none is left, so
// nothing is added from input that is partly wrong. Duplicates are merged.
class AddTasksDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddTasksDialog)

public:
    explicit AddTasksDialog(const QList<Connection> &connections, QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const;
    void setConnection(qint64 connectionId);
    qint64 connectionId() const;
    QString note() const;
    // Library-level tasks are queried without a space (clear history).
    bool libraryLevel() const;

    // The IDs to add; meaningful once the input is valid.
    QList<qint64> ids() const { return m_result.ids; }
    const TaskIdParser::Result &parseResult() const { return m_result; }
    bool canAdd() const;

    // Appends the IDs of a text file (or the first column of a CSV file) to
    // the text; false with a message shown when the file cannot be read.
    bool importFile(const QString &path);
    QString lastImportError() const { return m_importError; }

    QPlainTextEdit *idsEdit() const { return m_ids; }
    QListWidget *problemList() const { return m_problems; }
    QLabel *summaryLabel() const { return m_summary; }
    QPushButton *addButton() const { return m_add; }
    QComboBox *connectionBox() const { return m_connection; }

    // Tells which IDs the chosen connection already watches, so that the
    // counts say what Add would really add.
    using WatchedLookup = std::function<bool(qint64 connectionId, qint64 taskId)>;
    void setWatchedLookup(WatchedLookup watched);

    void accept() override;

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void reparse();
    void chooseFile();
    void dropInvalid();

    QComboBox *m_connection;
    QComboBox *m_scope = nullptr;
    QPlainTextEdit *m_ids;
    QLineEdit *m_note;
    QLabel *m_summary;
    QListWidget *m_problems;
    QPushButton *m_add;
    QPushButton *m_import;
    QPushButton *m_dropInvalid;
    QDialogButtonBox *m_buttons;
    TaskIdParser::Result m_result;
    WatchedLookup m_watched;
    QString m_importError;
};
