#include "ui/connectiondialog.h"

#include "smh/endpoint.h"
#include "smh/redact.h"
#include "smh/smhclient.h"
#include "tasks/monitor.h"
#include "ui/statestyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ConnectionDialog::ConnectionDialog(
    Monitor *monitor, const QList<Connection> &connections, QWidget *parent)
    : QDialog(parent)
    , m_monitor(monitor)
    , m_list(new QListWidget(this))
    , m_addButton(new QPushButton(tr("&Add"), this))
    , m_removeButton(new QPushButton(tr("&Remove"), this))
    , m_form(new QWidget(this))
    , m_name(new QLineEdit(m_form))
    , m_endpoint(new QLineEdit(m_form))
    , m_libraryHost(new QPushButton(tr("Use Library Host"), m_form))
    , m_library(new QLineEdit(m_form))
    , m_space(new QLineEdit(m_form))
    , m_libraryLevel(new QCheckBox(tr("Library-level tasks (no space in the URL)"), m_form))
    , m_user(new QLineEdit(m_form))
    , m_auth(new QComboBox(m_form))
    , m_secretLabel(new QLabel(m_form))
    , m_secret(new QLineEdit(m_form))
    , m_caFile(new QLineEdit(m_form))
    , m_caBrowse(new QPushButton(tr("Browse…"), m_form))
    , m_problems(new QLabel(this))
    , m_test(new QPushButton(tr("&Test Connection"), this))
    , m_cancelTest(new QPushButton(tr("Cancel Test"), this))
    , m_testProgress(new QProgressBar(this))
    , m_testResult(new QLabel(this))
    , m_storageNote(new QLabel(this))
    , m_privateFile(new QCheckBox(
          tr("&Keep tokens and secrets in a private file (only your user account can read it)"),
          this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    // The widgets are made above, in their tab order; the steps only set
    // them up, lay them out and connect them.
    setWindowTitle(tr("Connections"));
    setUpFields();
    buildForm();
    setUpMessages();
    layOutDialog();
    loadProfiles(connections);
    connectProfileList();
    connectFields();
    nameWidgets();
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);

    for (int row = 0; row < m_list->count(); ++row) {
        m_current = m_list->item(row)->data(Qt::UserRole).toInt();
        refreshList();
    }
    if (m_profiles.isEmpty())
        addProfile();
    else
        m_list->setCurrentRow(0);
    resize(780, 500);
}

void ConnectionDialog::setUpFields()
{
    m_name->setPlaceholderText(tr("e.g. Production archive"));
    m_endpoint->setPlaceholderText(Endpoint::defaultUrl.toString());
    m_endpoint->setToolTip(
        tr("The SMH API base URL. Leave empty for the library's own host, "
           "https://<library ID>.api.tencentsmh.cn, as the SMH SDKs recommend. HTTPS is required "
           "except for local test servers."));
    // The placeholder says where an empty endpoint goes: the library's host.
    connect(m_library, &QLineEdit::textChanged, this, [this](const QString &library) {
        m_endpoint->setPlaceholderText(
            tr("%1 (the library's own host)")
                .arg(Endpoint::defaultFor(library.trimmed()).toString()));
    });
    m_libraryHost->setToolTip(
        tr("Use the library's own host, https://<library ID>.api.tencentsmh.cn"));
    m_space->setPlaceholderText(tr("- for a single-tenant library"));
    m_user->setPlaceholderText(tr("Optional"));
    m_auth->addItem(tr("Access token"), int(AuthKind::AccessToken));
    m_auth->addItem(
        tr("Library secret (tokens are minted and renewed)"), int(AuthKind::LibrarySecret));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setAttribute(Qt::WA_InputMethodEnabled, false);
    m_caFile->setPlaceholderText(tr("Optional: extra CA certificates (PEM)"));
}

void ConnectionDialog::buildForm()
{
    auto *endpointRow = new QHBoxLayout;
    endpointRow->addWidget(m_endpoint, 1);
    endpointRow->addWidget(m_libraryHost);
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(m_caBrowse);

    auto *form = new QFormLayout(m_form);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Name:"), m_name);
    // Rows holding a layout get no buddy from QFormLayout: without one the
    // label would show its '&' instead of underlining the shortcut letter.
    auto *endpointLabel = new QLabel(tr("&Endpoint:"), m_form);
    endpointLabel->setBuddy(m_endpoint);
    form->addRow(endpointLabel, endpointRow);
    form->addRow(tr("&Library ID:"), m_library);
    form->addRow(tr("&Space ID:"), m_space);
    form->addRow(QString(), m_libraryLevel);
    form->addRow(tr("&User ID:"), m_user);
    form->addRow(tr("A&uthentication:"), m_auth);
    form->addRow(m_secretLabel, m_secret);
    auto *caLabel = new QLabel(tr("&CA file:"), m_form);
    caLabel->setBuddy(m_caFile);
    form->addRow(caLabel, caRow);
}

void ConnectionDialog::setUpMessages()
{
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::PlainText);
    m_testResult->setWordWrap(true);
    m_testResult->setTextFormat(Qt::PlainText);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_storageNote->setWordWrap(true);
    m_storageNote->setVisible(false);
    m_storageNote->setForegroundRole(QPalette::PlaceholderText);
    m_privateFile->setVisible(false);
    m_privateFile->setToolTip(tr("Less safe than a keychain: anyone who can read your files (a "
                                 "backup, an administrator) can read them."));
}

void ConnectionDialog::layOutDialog()
{
    // Test sits right under the form and the problems below it, so that the
    // button stays put as problems come and go.
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test, 0, Qt::AlignTop);
    testRow->addWidget(m_cancelTest, 0, Qt::AlignTop);
    auto *testState = new QVBoxLayout;
    testState->addWidget(m_testProgress);
    testState->addWidget(m_testResult);
    testRow->addLayout(testState, 1);
    m_testProgress->setRange(0, 0); // busy: no telling how long the server takes
    m_testProgress->setTextVisible(false);
    m_testProgress->setMaximumHeight(fontMetrics().height() / 2 + 2);
    m_testProgress->setVisible(false);
    m_cancelTest->setVisible(false);

    auto *right = new QVBoxLayout;
    right->addWidget(m_form);
    right->addLayout(testRow);
    right->addWidget(m_problems);
    right->addStretch(1);
    right->addWidget(m_storageNote);
    right->addWidget(m_privateFile);

    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_addButton);
    listButtons->addWidget(m_removeButton);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);
    m_list->setMinimumWidth(190);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left);
    columns->addLayout(right, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_buttons);
}

void ConnectionDialog::loadProfiles(const QList<Connection> &connections)
{
    for (const Connection &connection : connections) {
        Profile profile;
        profile.connection = connection;
        profile.original = connection;
        profile.endpointText = connection.settings.endpoint.toString();
        m_profiles.append(profile);
        auto *item = new QListWidgetItem(m_list);
        item->setData(Qt::UserRole, int(m_profiles.size() - 1));
    }
}

void ConnectionDialog::connectProfileList()
{
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        QListWidgetItem *item = m_list->item(row);
        m_current = item ? item->data(Qt::UserRole).toInt() : -1;
        loadForm();
    });
    connect(m_addButton, &QPushButton::clicked, this, qOverload<>(&ConnectionDialog::addProfile));
    connect(m_removeButton, &QPushButton::clicked, this, &ConnectionDialog::removeCurrentProfile);
    for (QLineEdit *edit : {m_name, m_endpoint, m_library, m_space, m_user, m_secret, m_caFile})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::storeForm);
    // Typing in a field reveals its problems, not before.
    const QList<std::pair<QLineEdit *, QList<Problem>>> fields {{m_endpoint, {Problem::Endpoint}},
        {m_library, {Problem::Library, Problem::Duplicate}},
        {m_space, {Problem::Space, Problem::Duplicate}}, {m_user, {Problem::User}},
        {m_secret, {Problem::SecretMissing, Problem::SecretMalformed}},
        {m_caFile, {Problem::CaFile}}};
    for (const auto &[edit, kinds] : fields) {
        const QList<Problem> revealed = kinds;
        connect(edit, &QLineEdit::textEdited, this, [this, revealed] {
            if (Profile *profile = current()) {
                for (Problem problem : revealed)
                    profile->touched.insert(problem);
                showProblems();
                refreshList();
            }
        });
    }
}

void ConnectionDialog::connectFields()
{
    connect(m_libraryLevel, &QCheckBox::toggled, this, [this](bool on) {
        m_space->setEnabled(!on);
        storeForm();
    });
    connect(m_auth, &QComboBox::currentIndexChanged, this, [this] {
        // A token typed for one kind is no secret of the other: it is
        // dropped, not kept under the new kind.
        m_secret->clear();
        storeForm();
        updateSecretField();
    });
    connect(m_libraryHost, &QPushButton::clicked, this, [this] {
        if (!m_library->text().trimmed().isEmpty())
            m_endpoint->setText(Endpoint::forLibrary(m_library->text().trimmed()).toString());
    });
    connect(m_caBrowse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("CA Certificates"),
            m_caFile->text(), tr("PEM certificates (*.pem *.crt);;All files (*)"));
        if (!path.isEmpty())
            m_caFile->setText(path);
    });
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_cancelTest, &QPushButton::clicked, this, [this] {
        // The request ends on its own within its timeout; its answer is
        // no longer awaited.
        ++m_testSerial;
        setTesting(false);
        m_testResult->setPalette(palette());
        m_testResult->setText(tr("Test cancelled."));
    });
}

void ConnectionDialog::nameWidgets()
{
    const QList<std::pair<QWidget *, QString>> named {{m_list, u"profiles"_s}, {m_name, u"name"_s},
        {m_endpoint, u"endpoint"_s}, {m_library, u"library"_s}, {m_space, u"space"_s},
        {m_libraryLevel, u"libraryLevel"_s}, {m_user, u"user"_s}, {m_auth, u"auth"_s},
        {m_secret, u"secret"_s}, {m_caFile, u"caFile"_s}, {m_problems, u"problems"_s},
        {m_test, u"testButton"_s}, {m_cancelTest, u"cancelTestButton"_s},
        {m_testProgress, u"testProgress"_s}, {m_testResult, u"testResult"_s},
        {m_storageNote, u"storageNote"_s}, {m_privateFile, u"privateFile"_s}};
    for (const auto &[widget, name] : named)
        widget->setObjectName(name);
}

ConnectionDialog::~ConnectionDialog() = default;

void ConnectionDialog::setCredentialsMissing(const QSet<qint64> &connectionIds)
{
    m_missing = connectionIds;
    updateSecretField();
}

void ConnectionDialog::setSecretStorageNote(const QString &note)
{
    m_storageNote->setText(note);
    m_storageNote->setVisible(!note.isEmpty());
}

void ConnectionDialog::setSavedSecretHint(const QString &hint)
{
    m_savedSecretHint = hint;
    updateSecretField();
}

void ConnectionDialog::offerPrivateFile(bool chosen)
{
    m_privateFile->setChecked(chosen);
    m_privateFile->setVisible(true);
}

bool ConnectionDialog::privateFileChosen() const
{
    return !m_privateFile->isHidden() && m_privateFile->isChecked();
}

ConnectionDialog::Profile *ConnectionDialog::current()
{
    return m_current >= 0 && m_current < m_profiles.size() ? &m_profiles[m_current] : nullptr;
}

const ConnectionDialog::Profile *ConnectionDialog::current() const
{
    return m_current >= 0 && m_current < m_profiles.size() ? &m_profiles.at(m_current) : nullptr;
}

int ConnectionDialog::profileCount() const
{
    return int(std::count_if(
        m_profiles.cbegin(), m_profiles.cend(), [](const Profile &p) { return !p.removed; }));
}

void ConnectionDialog::selectConnection(qint64 connectionId)
{
    for (int row = 0; row < m_list->count(); ++row) {
        const int index = m_list->item(row)->data(Qt::UserRole).toInt();
        if (m_profiles.at(index).connection.id == connectionId) {
            m_list->setCurrentRow(row);
            return;
        }
    }
}

void ConnectionDialog::addProfile()
{
    addProfile(ConnectionSettings(), AuthKind::AccessToken);
}

void ConnectionDialog::addProfile(const ConnectionSettings &settings, AuthKind authKind)
{
    Profile profile;
    profile.isNew = true;
    profile.connection.settings = settings;
    profile.connection.authKind = authKind;
    profile.original = profile.connection;
    profile.endpointText = settings.endpoint.isEmpty() ? QString() : settings.endpoint.toString();
    m_profiles.append(profile);
    auto *item = new QListWidgetItem(m_list);
    item->setData(Qt::UserRole, int(m_profiles.size() - 1));
    m_list->setCurrentItem(item);
    refreshList();
    if (settings.libraryId.isEmpty())
        m_library->setFocus();
    else
        m_secret->setFocus();
}

void ConnectionDialog::removeCurrentProfile()
{
    Profile *profile = current();
    QListWidgetItem *item = m_list->currentItem();
    if (!profile || !item)
        return;
    profile->removed = true;
    delete item;
    if (m_list->count() == 0) {
        m_current = -1;
        loadForm();
    }
}

Expected<QUrl> ConnectionDialog::endpointOf(const Profile &profile) const
{
    return Endpoint::parse(profile.endpointText.isEmpty()
            ? Endpoint::defaultFor(profile.connection.settings.libraryId).toString()
            : profile.endpointText);
}

ConnectionSettings ConnectionDialog::settingsOf(const Profile &profile) const
{
    ConnectionSettings settings = profile.connection.settings;
    settings.endpoint = endpointOf(profile).valueOr(QUrl());
    return settings;
}

QList<ConnectionDialog::Found> ConnectionDialog::problemsOf(const Profile &profile) const
{
    QList<Found> problems;
    const ConnectionSettings settings = settingsOf(profile);
    if (const Expected<QUrl> endpoint = endpointOf(profile); !endpoint)
        problems.append({Problem::Endpoint, endpoint.error().message()});
    const QList<ConnectionSettings::Problem> found = settings.problems();
    for (const ConnectionSettings::Problem &problem : found) {
        switch (problem.field) {
        case ConnectionSettings::Field::Endpoint:
            // Already explained above, in Endpoint's words.
            if (!settings.endpoint.isEmpty())
                problems.append({Problem::Endpoint, problem.text});
            break;
        case ConnectionSettings::Field::Library:
            problems.append({Problem::Library, problem.text});
            break;
        case ConnectionSettings::Field::Space:
            problems.append({Problem::Space, problem.text});
            break;
        case ConnectionSettings::Field::User:
            problems.append({Problem::User, problem.text});
            break;
        case ConnectionSettings::Field::CaFile:
            problems.append({Problem::CaFile, problem.text});
            break;
        }
    }
    const bool token = profile.connection.authKind == AuthKind::AccessToken;
    const bool needsSecret =
        profile.isNew || profile.connection.authKind != profile.original.authKind;
    if (needsSecret && profile.secret.isEmpty())
        problems.append({Problem::SecretMissing,
            token ? tr("Enter the access token.") : tr("Enter the library secret.")});
    if (ConnectionSettings::hasControlOrSpace(profile.secret))
        problems.append({Problem::SecretMalformed,
            token ? tr("The access token contains spaces or line breaks: paste it again.")
                  : tr("The library secret contains spaces or line breaks: paste it again.")});
    // Of two profiles for the same place, the later one is the mistake.
    for (const Profile &other : m_profiles) {
        if (&other == &profile)
            break;
        if (other.removed)
            continue;
        const ConnectionSettings otherSettings = settingsOf(other);
        if (settings.samePlace(otherSettings) && !settings.libraryId.isEmpty()) {
            problems.append({Problem::Duplicate,
                tr("Another connection already watches this library and space.")});
            break;
        }
    }
    return problems;
}

QList<ConnectionDialog::Found> ConnectionDialog::shownProblemsOf(const Profile &profile) const
{
    QList<Found> problems = problemsOf(profile);
    // A saved profile's problems are real now; a new one's wait for typing.
    if (profile.isNew && !profile.revealed)
        problems.removeIf(
            [&profile](const Found &found) { return !profile.touched.contains(found.problem); });
    return problems;
}

QList<ConnectionDialog::Found> ConnectionDialog::problems() const
{
    const Profile *profile = current();
    return profile ? problemsOf(*profile) : QList<Found>();
}

void ConnectionDialog::loadForm()
{
    const Profile *profile = current();
    m_form->setEnabled(profile != nullptr);
    m_test->setEnabled(profile != nullptr);
    m_removeButton->setEnabled(profile != nullptr);
    m_loading = true;
    const Connection connection = profile ? profile->connection : Connection();
    m_name->setText(connection.name);
    m_endpoint->setText(profile ? profile->endpointText : QString());
    m_library->setText(connection.settings.libraryId);
    m_space->setText(connection.settings.spaceId);
    m_libraryLevel->setChecked(connection.settings.libraryLevel);
    m_space->setEnabled(!connection.settings.libraryLevel);
    m_user->setText(connection.settings.userId);
    m_auth->setCurrentIndex(m_auth->findData(int(connection.authKind)));
    m_secret->setText(profile ? profile->secret : QString());
    m_caFile->setText(connection.settings.caFile);
    m_loading = false;
    m_testResult->clear();
    updateSecretField();
    showProblems();
}

void ConnectionDialog::storeForm()
{
    Profile *profile = current();
    if (m_loading || !profile)
        return;
    profile->connection.name = m_name->text().trimmed();
    profile->endpointText = m_endpoint->text().trimmed();
    ConnectionSettings &settings = profile->connection.settings;
    settings.libraryId = m_library->text().trimmed();
    settings.spaceId = m_space->text().trimmed();
    settings.libraryLevel = m_libraryLevel->isChecked();
    settings.userId = m_user->text().trimmed();
    settings.caFile = m_caFile->text().trimmed();
    settings.endpoint = settingsOf(*profile).endpoint;
    profile->connection.authKind = AuthKind(m_auth->currentData().toInt());
    // Pasted tokens often carry a line break at the end; inner spaces are an error.
    profile->secret = m_secret->text().trimmed();
    m_testResult->clear();
    refreshList();
    showProblems();
}

void ConnectionDialog::refreshList()
{
    QListWidgetItem *item = nullptr;
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(Qt::UserRole).toInt() == m_current)
            item = m_list->item(row);
    }
    const Profile *profile = current();
    if (!item || !profile)
        return;
    const QString where = profile->connection.settings.displayName();
    QString text = profile->connection.name;
    if (text.isEmpty())
        text = profile->connection.settings.libraryId.isEmpty() ? tr("New connection") : where;
    item->setText(text);
    const QList<Found> shown = shownProblemsOf(*profile);
    item->setIcon(shown.isEmpty() ? QIcon() : style()->standardIcon(QStyle::SP_MessageBoxWarning));
    QStringList tip {where};
    for (const Found &found : shown)
        tip << found.text;
    item->setToolTip(tip.join(u'\n'));
}

void ConnectionDialog::showProblems()
{
    const Profile *profile = current();
    const QList<Found> list = profile ? shownProblemsOf(*profile) : QList<Found>();
    QStringList lines;
    for (const Found &found : list)
        lines << u"• "_s + found.text;
    m_problems->setText(lines.join(u'\n'));
    m_problems->setVisible(!list.isEmpty());
    QPalette palette = this->palette();
    palette.setColor(QPalette::WindowText, StateStyle::foregroundFor(TaskState::Failed, palette));
    m_problems->setPalette(palette);
}

void ConnectionDialog::updateSecretField()
{
    const Profile *profile = current();
    const bool token = m_auth->currentData().toInt() == int(AuthKind::AccessToken);
    m_secretLabel->setText(token ? tr("Access &token:") : tr("Library &secret:"));
    m_secretLabel->setBuddy(m_secret);
    const bool saved =
        profile && !profile->isNew && profile->connection.authKind == profile->original.authKind;
    if (saved && m_missing.contains(profile->connection.id))
        m_secret->setPlaceholderText(token ? tr("Not set yet: polling waits for a token")
                                           : tr("Not set yet: polling waits for the secret"));
    else if (saved)
        m_secret->setPlaceholderText(m_savedSecretHint.isEmpty()
                ? tr("Kept in the keychain; type to replace")
                : m_savedSecretHint);
    else
        m_secret->setPlaceholderText(QString());
}

void ConnectionDialog::showTestResult(bool ok, const QString &message)
{
    QPalette palette = this->palette();
    palette.setColor(QPalette::WindowText,
        StateStyle::foregroundFor(ok ? TaskState::Succeeded : TaskState::Failed, palette));
    m_testResult->setPalette(palette);
    m_testResult->setText(message);
    setTesting(false);
    Q_EMIT testFinished(ok, message);
}

void ConnectionDialog::setTesting(bool testing)
{
    m_test->setEnabled(!testing && current() != nullptr);
    m_cancelTest->setVisible(testing);
    m_testProgress->setVisible(testing);
}

void ConnectionDialog::testConnection()
{
    Profile *profile = current();
    if (!profile || !m_monitor)
        return;
    profile->revealed = true;
    showProblems();
    refreshList();
    const ConnectionSettings settings = settingsOf(*profile);
    const QList<Found> found = problemsOf(*profile);
    // A missing secret is fine when the connection already has a token.
    const bool blocked = std::any_of(found.cbegin(), found.cend(),
        [](const Found &problem) { return problem.problem != Problem::SecretMissing; });
    if (blocked) {
        showTestResult(false, tr("Fix the problems above first."));
        return;
    }
    QString secret = profile->secret;
    bool mint = profile->connection.authKind == AuthKind::LibrarySecret && !secret.isEmpty();
    if (secret.isEmpty() && !profile->isNew && m_tokenLookup)
        secret = m_tokenLookup(profile->connection.id);
    if (secret.isEmpty()) {
        showTestResult(false, tr("Enter the token or secret to test with."));
        return;
    }
    setTesting(true);
    m_testResult->setPalette(palette());
    const qint64 timeout =
        std::chrono::duration_cast<std::chrono::seconds>(m_monitor->transferTimeout()).count();
    m_testResult->setText(tr("Testing… (gives up after %1 s without an answer)").arg(timeout));
    const quint64 serial = ++m_testSerial;
    QPointer<ConnectionDialog> guard(this);
    auto failed = [](const SmhError &error) {
        const QString detail = Redact::text(error.toString());
        return error.isAuthError()
            ? tr("Refused: the server did not accept the credentials (%1).").arg(detail)
            : tr("Failed: %1").arg(detail);
    };
    if (mint) {
        TokenJob *job = m_monitor->createToken(settings, secret);
        connect(job, &SmhJob::finished, this, [this, guard, job, serial, settings, failed] {
            if (!guard || serial != m_testSerial)
                return;
            if (job->error().isError()) {
                showTestResult(false, failed(job->error()));
                return;
            }
            // The token was only for the test: give it back.
            if (m_monitor)
                m_monitor->deleteToken(settings, job->token().value);
            showTestResult(true, tr("Connected: the library secret was accepted."));
        });
        return;
    }
    TaskQueryJob *job = m_monitor->queryTasks(settings, secret, {1});
    connect(job, &SmhJob::finished, this, [this, guard, job, serial, failed] {
        if (!guard || serial != m_testSerial)
            return;
        if (job->error().isError())
            showTestResult(false, failed(job->error()));
        else
            showTestResult(true, tr("Connected: the library answered and the token was accepted."));
    });
}

QList<ConnectionEdit> ConnectionDialog::edits() const
{
    QList<ConnectionEdit> result;
    for (const Profile &profile : m_profiles) {
        ConnectionEdit edit;
        edit.connection = profile.connection;
        edit.connection.settings = settingsOf(profile);
        edit.secret = profile.secret;
        if (profile.removed) {
            if (profile.isNew)
                continue;
            edit.kind = ConnectionEdit::Kind::Removed;
            edit.connection = profile.original;
            edit.secret.clear();
        } else if (profile.isNew) {
            edit.kind = ConnectionEdit::Kind::Added;
        } else if (edit.connection != profile.original || !edit.secret.isEmpty()) {
            edit.kind = ConnectionEdit::Kind::Changed;
        } else {
            continue;
        }
        result << edit;
    }
    return result;
}

void ConnectionDialog::accept()
{
    for (int row = 0; row < m_list->count(); ++row) {
        const int index = m_list->item(row)->data(Qt::UserRole).toInt();
        m_profiles[index].revealed = true;
        if (!problemsOf(m_profiles.at(index)).isEmpty()) {
            m_list->setCurrentRow(row);
            showProblems();
            refreshList();
            return;
        }
    }
    QDialog::accept();
}
