#pragma once

#include <QDialog>
#include <QPointer>

class LedgerProbe;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSettings;
class QSpinBox;
class QWidget;
class SecretStore;

// File > Ledger Location…: where every door of the program keeps its ledger
// when no --ledger is given: this computer's SQLite file, or a team's
// PostgreSQL database (host, port, database, user, SSL mode). "Test
// Connection" says in words what the server answers, within a deadline. The
// location is saved in the settings without a password; the password, when
// typed, goes to the keychain (never to the settings, never shown again).
// A running window keeps its ledger until it starts again: after saving, the
// dialog says so and offers Restart Now.
class LedgerLocationDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LedgerLocationDialog)

public:
    // `running`: the ledger this window uses now. `secrets` keeps the
    // password; `settings` (not owned) replaces the application's settings.
    LedgerLocationDialog(const QString &running, SecretStore *secrets,
        QSettings *settings = nullptr, QWidget *parent = nullptr);
    ~LedgerLocationDialog() override;

    // How long "Test Connection" waits for the server.
    static constexpr int testDeadlineSeconds = 10;

Q_SIGNALS:
    // Saved, and the user asked for the window to start again on it.
    void restartRequested();

private:
    void buildForm();
    void loadSaved();
    void updateEnabled();
    void testConnection();
    void probe(const QString &location);
    void save();
    void keepPassword(const QString &location);
    void saved(const QString &location);
    void say(QLabel *label, const QString &text);

    QString m_running;
    SecretStore *m_secrets;
    QSettings *m_settings;
    QRadioButton *m_local = nullptr;
    QRadioButton *m_team = nullptr;
    QLabel *m_localPath = nullptr;
    QWidget *m_teamFields = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_user = nullptr;
    QComboBox *m_sslMode = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_keep = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_note = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_restart = nullptr;
    QPointer<LedgerProbe> m_probe;
};
