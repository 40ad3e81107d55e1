#pragma once

#include "tasks/connectionprofiles.h"

#include <QDialog>
#include <QPointer>
#include <QSet>

#include <functional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class Monitor;

// Edits the saved connections (libraries and spaces) side by side: endpoint,
// library ID, space ID, user ID, how to authenticate, an extra CA file. Each
// profile is checked as it is typed and the problems are listed in words; OK
// refuses to close while one is left. "Test Connection" asks the server with
// the typed credentials. Tokens and secrets are typed into password fields
// and never shown again.
class ConnectionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionDialog)

public:
    ConnectionDialog(
        Monitor *monitor, const QList<Connection> &connections, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    // The current token of a saved connection, for testing it without
    // typing the secret again.
    void setTokenLookup(std::function<QString(qint64)> lookup)
    {
        m_tokenLookup = std::move(lookup);
    }
    // Saved connections that have no token or secret at all (none in the
    // keychain, none given): their secret field asks for one.
    void setCredentialsMissing(const QSet<qint64> &connectionIds);
    // Shown under the form, e.g. when secrets last for this session only.
    void setSecretStorageNote(const QString &note);
    // What the secret field says of a saved secret: where it is kept.
    void setSavedSecretHint(const QString &hint);
    // Without a keychain: offer to keep secrets in a private file instead.
    void offerPrivateFile(bool chosen);
    bool privateFileChosen() const;

    void selectConnection(qint64 connectionId);
    // Adds an empty profile and selects it.
    void addProfile();
    // Adds a profile filled from `settings` (command line) and selects it.
    void addProfile(const ConnectionSettings &settings, AuthKind authKind);
    void removeCurrentProfile();

    // What is wrong with a profile, by kind: the dialog decides what blocks
    // what (and what to show before the user typed) without reading words.
    enum class Problem {
        Endpoint,
        Library,
        Space,
        User,
        CaFile,
        SecretMissing,
        SecretMalformed,
        Duplicate,
    };
    Q_ENUM(Problem)
    struct Found
    {
        Problem problem;
        QString text;
    };

    QList<ConnectionEdit> edits() const;
    // Every problem of the selected profile, shown or not yet.
    QList<Found> problems() const;
    int profileCount() const;

    void testConnection();
    void accept() override;

Q_SIGNALS:
    void testFinished(bool ok, const QString &message);

private:
    struct Profile
    {
        Connection connection;
        Connection original;
        QString endpointText;
        QString secret;
        bool isNew = false;
        bool removed = false;
        // A new profile shows a field's problems once that field was typed
        // in, or all of them once OK or Test was pressed.
        QSet<Problem> touched;
        bool revealed = false;
    };

    // The constructor's steps, in this order.
    void setUpFields();
    void buildForm();
    void setUpMessages();
    void layOutDialog();
    void loadProfiles(const QList<Connection> &connections);
    void connectProfileList();
    void connectFields();
    void nameWidgets();

    Profile *current();
    const Profile *current() const;
    QList<Found> problemsOf(const Profile &profile) const;
    QList<Found> shownProblemsOf(const Profile &profile) const;
    void setTesting(bool testing);
    // The endpoint as typed, or why it cannot be used; settingsOf() leaves
    // such an endpoint empty.
    Expected<QUrl> endpointOf(const Profile &profile) const;
    ConnectionSettings settingsOf(const Profile &profile) const;
    void loadForm();
    void storeForm();
    void refreshList();
    void showProblems();
    void showTestResult(bool ok, const QString &message);
    void updateSecretField();

    QPointer<Monitor> m_monitor;
    std::function<QString(qint64)> m_tokenLookup;
    QSet<qint64> m_missing;
    QString m_savedSecretHint;
    QList<Profile> m_profiles;
    int m_current = -1;
    bool m_loading = false;
    quint64 m_testSerial = 0;

    QListWidget *m_list;
    QPushButton *m_addButton;
    QPushButton *m_removeButton;
    QWidget *m_form;
    QLineEdit *m_name;
    QLineEdit *m_endpoint;
    QPushButton *m_libraryHost;
    QLineEdit *m_library;
    QLineEdit *m_space;
    QCheckBox *m_libraryLevel;
    QLineEdit *m_user;
    QComboBox *m_auth;
    QLabel *m_secretLabel;
    QLineEdit *m_secret;
    QLineEdit *m_caFile;
    QPushButton *m_caBrowse;
    QLabel *m_problems;
    QPushButton *m_test;
    QPushButton *m_cancelTest;
    QProgressBar *m_testProgress;
    QLabel *m_testResult;
    QLabel *m_storageNote;
    QCheckBox *m_privateFile;
    QDialogButtonBox *m_buttons;
};
