#pragma once

#include <QTimer>
#include <QWidget>

#include <optional>

class LedgerRetry;
class QLabel;
class QPushButton;
class StateStyle;

// What the window shows while a team ledger cannot be reached at start: what
// is wrong, in plain words, with a countdown to the next try and Retry Now.
// It tries again on its own (LedgerRetry: off the GUI thread, a bounded
// back-off) and says reachable() once the server answers, so that the start
// goes on as usual. A fault that time does not mend (a file ledger that cannot
// be opened, a server that answers but refuses the ledger: a newer schema) is
// refused() at once and never retried.
class LedgerWaitWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LedgerWaitWindow)

public:
    explicit LedgerWaitWindow(const QString &location, QWidget *parent = nullptr);
    ~LedgerWaitWindow() override;

    // Whether the ledger at `location` is one whose server may be away (a
    // PostgreSQL URL) and so worth waiting for.
    static bool waitsFor(const QString &location);
    // "host:port/database", as the sentences name a team ledger.
    static QString ledgerName(const QString &location);

    // Before the ledger is opened (no failure) or after opening it failed
    // (`failure`, as said to the user): tries to reach its server. No server
    // to wait for, or one that answers at once after a failure: refused()
    // with the failure (reachable() without one). A server away: this window
    // says so and tries until it answers.
    void check(const std::optional<QString> &failure);
    // The sentence shown (empty while nothing is wrong yet).
    QString text() const;

Q_SIGNALS:
    void reachable();
    void refused(const QString &why);
    // The user closed the window or chose Quit while waiting.
    void quitRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void attemptStarted();
    void waiting(const QString &why);
    void attemptEnded();
    void updateText();

    QString m_location;
    LedgerRetry *m_retry;
    StateStyle *m_style;
    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_retryNow;
    QPushButton *m_quit;
    QTimer m_countdown; // the seconds to the next try, once a second
    QTimer m_showLater; // a first try that takes long is shown as under way
    std::optional<QString> m_failure; // what opening the ledger said, if it was tried
    QString m_why; // what the last try said; empty: none failed yet
    bool m_signalled = false;
};
