#include "ui/addtasksdialog.h"

#include "ui/statestyle.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// A list of IDs this large is a wrong file, not a list of IDs.
constexpr qint64 maxImportBytes = 16 * 1024 * 1024;

QString firstCsvColumn(const QString &content)
{
    QString ids;
    const QStringList lines = content.split(u'\n');
    bool first = true;
    for (const QString &line : lines) {
        QString cell;
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(u'"')) {
            const qsizetype close = trimmed.indexOf(u'"', 1);
            cell = trimmed.mid(1, close < 0 ? -1 : close - 1);
        } else {
            cell = trimmed.section(u',', 0, 0).section(u';', 0, 0);
        }
        cell = cell.trimmed();
        if (cell.isEmpty())
            continue;
        // A header row names the column instead of holding an ID.
        const bool header = first && !cell.front().isDigit();
        first = false;
        if (header)
            continue;
        ids += cell + u'\n';
    }
    return ids;
}

} // namespace

AddTasksDialog::AddTasksDialog(const QList<Connection> &connections, QWidget *parent)
    : QDialog(parent)
    , m_connection(new QComboBox(this))
    , m_ids(new QPlainTextEdit(this))
    , m_note(new QLineEdit(this))
    , m_summary(new QLabel(this))
    , m_problems(new QListWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add Tasks"));
    m_connection->setObjectName(u"connectionBox"_s);
    m_ids->setObjectName(u"taskIds"_s);
    m_note->setObjectName(u"note"_s);
    m_summary->setObjectName(u"summary"_s);
    m_problems->setObjectName(u"problems"_s);
    setAcceptDrops(true);
    // Drops land on the dialog, which knows files from text.
    m_ids->setAcceptDrops(false);

    for (const Connection &connection : connections) {
        const QString where = connection.settings.displayName();
        const QString label = connection.name.isEmpty() || connection.name == where
            ? where
            : tr("%1 (%2)").arg(connection.name, where);
        m_connection->addItem(label, connection.id);
        m_connection->setItemData(
            m_connection->count() - 1, connection.settings.libraryLevel, Qt::UserRole + 1);
    }
    m_connection->setEnabled(connections.size() > 1);
    m_scope = new QComboBox(this);
    m_scope->setObjectName(u"scopeBox"_s);
    m_scope->addItem(tr("Space tasks"), false);
    m_scope->addItem(tr("Library level (clear history)"), true);
    // A connection's scope is where its tasks usually live; each add can differ.
    auto followConnection = [this] {
        m_scope->setCurrentIndex(m_connection->currentData(Qt::UserRole + 1).toBool() ? 1 : 0);
    };
    connect(m_connection, &QComboBox::currentIndexChanged, this, followConnection);
    followConnection();

    m_ids->setPlaceholderText(
        tr("Task IDs separated by commas, spaces or new lines; ranges like 100-120; rows copied "
           "from the task table.\nYou can also drop a text or CSV file here. %1 adds.")
            .arg(QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText)));
    m_ids->setTabChangesFocus(true);
    m_note->setPlaceholderText(tr("Optional, e.g. the job these tasks belong to"));
    m_note->setMaxLength(500);
    m_summary->setWordWrap(true);
    m_problems->setVisible(false);
    m_problems->setSelectionMode(QAbstractItemView::NoSelection);
    // Long problems wrap instead of hiding behind a scroll bar.
    m_problems->setWordWrap(true);
    m_problems->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_problems->setMaximumHeight(fontMetrics().height() * 6);

    m_add = m_buttons->addButton(tr("&Add"), QDialogButtonBox::AcceptRole);
    m_add->setToolTip(
        tr("Add these tasks (%1)")
            .arg(QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText)));
    m_add->setObjectName(u"addButton"_s);
    m_add->setDefault(true);
    m_import = m_buttons->addButton(tr("&Import from File…"), QDialogButtonBox::ActionRole);
    // Enter starts a new line of IDs; Ctrl+Enter adds, from any field.
    for (const QKeySequence &keys :
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *submit = new QShortcut(keys, this);
        connect(submit, &QShortcut::activated, this, &AddTasksDialog::accept);
    }
    m_dropInvalid = new QPushButton(tr("&Drop Invalid Entries"), this);
    m_dropInvalid->setObjectName(u"dropInvalidButton"_s);
    m_dropInvalid->setToolTip(tr("Remove everything that is not a task ID or a range"));
    m_dropInvalid->setVisible(false);
    connect(m_dropInvalid, &QPushButton::clicked, this, &AddTasksDialog::dropInvalid);
    connect(m_import, &QPushButton::clicked, this, &AddTasksDialog::chooseFile);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AddTasksDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AddTasksDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("&Connection:"), m_connection);
    form->addRow(tr("&Scope:"), m_scope);
    form->addRow(tr("&Note:"), m_note);

    auto *idsLabel = new QLabel(tr("Task &IDs:"), this);
    idsLabel->setBuddy(m_ids);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(idsLabel);
    layout->addWidget(m_ids, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_problems);
    layout->addWidget(m_dropInvalid, 0, Qt::AlignLeft);
    layout->addWidget(m_buttons);

    connect(m_ids, &QPlainTextEdit::textChanged, this, &AddTasksDialog::reparse);
    connect(m_connection, &QComboBox::currentIndexChanged, this, &AddTasksDialog::reparse);
    reparse();
    resize(520, 420);
}

void AddTasksDialog::setText(const QString &text)
{
    m_ids->setPlainText(text);
}

QString AddTasksDialog::text() const
{
    return m_ids->toPlainText();
}

void AddTasksDialog::setConnection(qint64 connectionId)
{
    const int index = m_connection->findData(connectionId);
    if (index >= 0)
        m_connection->setCurrentIndex(index);
}

bool AddTasksDialog::libraryLevel() const
{
    return m_scope->currentData().toBool();
}

qint64 AddTasksDialog::connectionId() const
{
    return m_connection->currentData().toLongLong();
}

QString AddTasksDialog::note() const
{
    return m_note->text().trimmed();
}

bool AddTasksDialog::canAdd() const
{
    return m_connection->count() > 0 && m_result.ok() && !m_result.ids.isEmpty();
}

void AddTasksDialog::reparse()
{
    m_result = TaskIdParser::parse(m_ids->toPlainText());
    m_problems->clear();
    m_problems->addItems(m_result.invalid);
    m_problems->setVisible(!m_result.invalid.isEmpty());
    m_dropInvalid->setVisible(!m_result.invalid.isEmpty());

    QString summary;
    if (m_connection->count() == 0) {
        summary = tr("There is no connection yet: add one under Connection ▸ Manage Connections.");
    } else if (!m_result.invalid.isEmpty()) {
        summary =
            tr("Not task IDs (%1); fix or remove them to continue:").arg(m_result.invalid.size());
    } else if (m_result.ids.isEmpty()) {
        summary = tr("Enter at least one task ID.");
    } else {
        qsizetype watched = 0;
        if (m_watched) {
            const qint64 connection = connectionId();
            for (qint64 id : std::as_const(m_result.ids))
                watched += m_watched(connection, id) ? 1 : 0;
        }
        const qsizetype fresh = m_result.ids.size() - watched;
        summary = tr("%Ln task(s) to add.", nullptr, int(fresh));
        if (watched > 0)
            summary += u' ' + tr("%n already watched.", nullptr, int(watched));
        if (m_result.duplicates > 0)
            summary += u' ' + tr("Duplicates merged: %1.").arg(m_result.duplicates);
    }
    m_summary->setText(summary);
    QPalette palette = this->palette();
    if (!m_result.invalid.isEmpty())
        palette.setColor(
            QPalette::WindowText, StateStyle::foregroundFor(TaskState::Failed, palette));
    m_summary->setPalette(palette);
    m_add->setEnabled(canAdd());
}

void AddTasksDialog::setWatchedLookup(WatchedLookup watched)
{
    m_watched = std::move(watched);
    reparse();
}

void AddTasksDialog::dropInvalid()
{
    m_ids->setPlainText(TaskIdParser::withoutInvalid(m_ids->toPlainText()));
    m_ids->moveCursor(QTextCursor::End);
}

void AddTasksDialog::accept()
{
    // The text may have changed by means that emit no signal (tests, IME).
    reparse();
    if (!canAdd())
        return;
    QDialog::accept();
}

bool AddTasksDialog::importFile(const QString &path)
{
    m_importError.clear();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        m_importError =
            tr("Cannot read \"%1\": %2").arg(QFileInfo(path).fileName(), file.errorString());
    } else if (file.size() > maxImportBytes) {
        m_importError =
            tr("\"%1\" is too large to be a list of task IDs.").arg(QFileInfo(path).fileName());
    }
    if (!m_importError.isEmpty()) {
        m_summary->setText(m_importError);
        return false;
    }
    QString content = QString::fromUtf8(file.readAll());
    if (path.endsWith(u".csv"_s, Qt::CaseInsensitive))
        content = firstCsvColumn(content);
    QString text = m_ids->toPlainText();
    if (!text.isEmpty() && !text.endsWith(u'\n'))
        text += u'\n';
    m_ids->setPlainText(text + content.trimmed());
    m_ids->moveCursor(QTextCursor::End);
    return true;
}

void AddTasksDialog::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Task IDs"), QString(),
        tr("Task ID lists (*.txt *.csv *.tsv *.log);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void AddTasksDialog::dragEnterEvent(QDragEnterEvent *event)
{
    const QMimeData *mime = event->mimeData();
    if (mime->hasUrls() || mime->hasText())
        event->acceptProposedAction();
}

void AddTasksDialog::dropEvent(QDropEvent *event)
{
    const QMimeData *mime = event->mimeData();
    bool used = false;
    if (mime->hasUrls()) {
        const QList<QUrl> urls = mime->urls();
        for (const QUrl &url : urls) {
            if (url.isLocalFile())
                used = importFile(url.toLocalFile()) || used;
        }
    }
    if (!used && mime->hasText()) {
        QString text = m_ids->toPlainText();
        if (!text.isEmpty() && !text.endsWith(u'\n'))
            text += u'\n';
        m_ids->setPlainText(text + mime->text());
        used = true;
    }
    if (used)
        event->acceptProposedAction();
}
