#include "ui/ledgerwaitwindow.h"

#include "tasks/ledgerping.h"
#include "tasks/ledgersql.h"
#include "ui/statestyle.h"

#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

LedgerWaitWindow::LedgerWaitWindow(const QString &location, QWidget *parent)
    : QWidget(parent)
    , m_location(location)
    , m_retry(new LedgerRetry(location, this))
    , m_style(new StateStyle(this))
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_retryNow(new QPushButton(tr("Retry Now"), this))
    , m_quit(new QPushButton(tr("Quit"), this))
{
    setObjectName(u"ledgerWait"_s);
    setWindowTitle(tr("Team ledger unreachable"));
    m_text->setObjectName(u"ledgerWaitText"_s);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setTextFormat(Qt::PlainText);
    m_retryNow->setObjectName(u"retryNow"_s);
    m_quit->setObjectName(u"quit"_s);
    auto *hint = new QLabel(
        tr("Your tasks open here as soon as the ledger answers; nothing is polled meanwhile."),
        this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    auto *message = new QHBoxLayout;
    message->addWidget(m_icon, 0, Qt::AlignTop);
    message->addWidget(m_text, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_retryNow);
    buttons->addWidget(m_quit);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(message);
    layout->addWidget(hint);
    layout->addStretch();
    layout->addLayout(buttons);
    resize(560, 200);

    m_icon->setPixmap(m_style->troubleIcon(StateStyle::Trouble::Network).pixmap(32, 32));
    connect(m_style, &StateStyle::changed, this, [this] {
        m_icon->setPixmap(m_style->troubleIcon(StateStyle::Trouble::Network).pixmap(32, 32));
    });
    connect(m_retryNow, &QPushButton::clicked, m_retry, &LedgerRetry::retryNow);
    connect(m_quit, &QPushButton::clicked, this, &LedgerWaitWindow::quitRequested);
    connect(m_retry, &LedgerRetry::attemptStarted, this, &LedgerWaitWindow::attemptStarted);
    connect(m_retry, &LedgerRetry::waiting, this,
        [this](const Error &why, const QDateTime &) { waiting(why.message()); });
    connect(m_retry, &LedgerRetry::reachable, this, &LedgerWaitWindow::attemptEnded);
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &LedgerWaitWindow::updateText);
    m_showLater.setSingleShot(true);
    connect(&m_showLater, &QTimer::timeout, this, &QWidget::show);
}

LedgerWaitWindow::~LedgerWaitWindow() = default;

bool LedgerWaitWindow::waitsFor(const QString &location)
{
    return LedgerLocation::isPostgres(location);
}

QString LedgerWaitWindow::ledgerName(const QString &location)
{
    const QUrl url(location);
    if (!url.isValid() || url.host().isEmpty())
        return LedgerLocation::display(location);
    return u"%1:%2%3"_s.arg(url.host()).arg(url.port(5432)).arg(url.path());
}

void LedgerWaitWindow::check(const std::optional<QString> &failure)
{
    if (!waitsFor(m_location)) {
        if (failure)
            Q_EMIT refused(*failure);
        else
            Q_EMIT reachable();
        return;
    }
    m_failure = failure;
    m_retry->start();
}

QString LedgerWaitWindow::text() const
{
    return m_text->text();
}

void LedgerWaitWindow::closeEvent(QCloseEvent *event)
{
    // Closing the window while waiting ends the program; the start going on
    // hides it instead.
    event->accept();
    m_retry->stop();
    Q_EMIT quitRequested();
}

void LedgerWaitWindow::attemptStarted()
{
    m_retryNow->setEnabled(false);
    m_countdown.stop();
    updateText();
    // A server that refuses answers in milliseconds; one that does not
    // answer at all takes libpq's connect timeout, and the user sees why.
    if (!isVisible() && !m_showLater.isActive())
        m_showLater.start(500);
}

void LedgerWaitWindow::waiting(const QString &why)
{
    m_why = why;
    while (m_why.endsWith(u'.'))
        m_why.chop(1);
    m_retryNow->setEnabled(true);
    m_showLater.stop();
    updateText();
    m_countdown.start();
    show();
}

// The server answered: a failure to open the ledger that was not about
// reaching it (the server answers at once) is the ledger's own, and final.
void LedgerWaitWindow::attemptEnded()
{
    m_showLater.stop();
    m_countdown.stop();
    hide();
    const bool answeredAtOnce = m_retry->failures() == 0;
    if (m_failure && answeredAtOnce)
        return Q_EMIT refused(*m_failure);
    m_why.clear();
    Q_EMIT reachable();
}

void LedgerWaitWindow::updateText()
{
    const QString name = ledgerName(m_location);
    if (m_why.isEmpty()) {
        m_text->setText(tr("Connecting to the team ledger at %1…").arg(name));
        return;
    }
    const QDateTime next = m_retry->nextAttemptAt();
    if (!next.isValid()) {
        m_text->setText(
            tr("The team ledger at %1 cannot be reached: %2. Trying again now…").arg(name, m_why));
        return;
    }
    const qint64 seconds =
        std::max<qint64>(1, (QDateTime::currentDateTimeUtc().msecsTo(next) + 999) / 1000);
    m_text->setText(tr("The team ledger at %1 cannot be reached: %2. Retrying in %3 s.")
                        .arg(name, m_why, QLocale().toString(seconds)));
}
