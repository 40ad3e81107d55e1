#include "ui/ledgerdialog.h"

#include "smh/secretstore.h"
#include "tasks/ledgerpassword.h"
#include "tasks/ledgerprobe.h"
#include "tasks/ledgersetting.h"
#include "tasks/ledgersql.h"
#include "tasks/taskstore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

const QString defaultSslMode = u"prefer"_s;

QString sslModeOf(const QString &location)
{
    const QString mode = QUrlQuery(QUrl(location)).queryItemValue(u"sslmode"_s);
    return mode.isEmpty() ? defaultSslMode : mode;
}

} // namespace

LedgerLocationDialog::LedgerLocationDialog(
    const QString &running, SecretStore *secrets, QSettings *settings, QWidget *parent)
    : QDialog(parent)
    , m_running(running)
    , m_secrets(secrets)
    , m_settings(settings)
{
    setWindowTitle(tr("Ledger Location"));
    setObjectName(u"ledgerLocationDialog"_s);
    buildForm();
    loadSaved();
    updateEnabled();
}

LedgerLocationDialog::~LedgerLocationDialog() = default;

void LedgerLocationDialog::buildForm()
{
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Where the window and the commands (watch, query, history, "
                                "profile) keep their ledger when no --ledger is given."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_local = new QRadioButton(tr("This c&omputer"), this);
    m_local->setObjectName(u"localRadio"_s);
    layout->addWidget(m_local);
    m_localPath = new QLabel(QDir::toNativeSeparators(TaskStore::localPath()), this);
    m_localPath->setObjectName(u"localPathLabel"_s);
    m_localPath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_localPath->setWordWrap(true);
    m_localPath->setIndent(24);
    layout->addWidget(m_localPath);

    m_team = new QRadioButton(tr("A &team database (PostgreSQL)"), this);
    m_team->setObjectName(u"teamRadio"_s);
    layout->addWidget(m_team);
    m_teamFields = new QWidget(this);
    auto *form = new QFormLayout(m_teamFields);
    form->setContentsMargins(24, 0, 0, 0);
    auto field = [this](QLineEdit *edit, const QString &name) {
        edit->setObjectName(name);
        connect(edit, &QLineEdit::textEdited, this, &LedgerLocationDialog::updateEnabled);
        return edit;
    };
    m_host = field(new QLineEdit(m_teamFields), u"hostEdit"_s);
    m_host->setPlaceholderText(tr("e.g. %1").arg(u"db.example.com"_s));
    m_port = new QSpinBox(m_teamFields);
    m_port->setObjectName(u"portSpin"_s);
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_port->setGroupSeparatorShown(false);
    m_database = field(new QLineEdit(m_teamFields), u"databaseEdit"_s);
    m_user = field(new QLineEdit(m_teamFields), u"userEdit"_s);
    m_sslMode = new QComboBox(m_teamFields);
    m_sslMode->setObjectName(u"sslModeCombo"_s);
    // libpq's own words for its modes; "prefer" is its default.
    for (const QString &mode :
        {u"prefer"_s, u"disable"_s, u"require"_s, u"verify-ca"_s, u"verify-full"_s})
        m_sslMode->addItem(mode, mode);
    m_password = field(new QLineEdit(m_teamFields), u"passwordEdit"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData
        | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    m_password->setPlaceholderText(tr("from PGPASSWORD, ~/.pgpass or the keychain"));
    m_keep = new QCheckBox(tr("&Keep the password in the keychain"), m_teamFields);
    m_keep->setObjectName(u"keepCheck"_s);
    m_keep->setChecked(true);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&SSL mode:"), m_sslMode);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(QString(), m_keep);
    auto *order = new QLabel(tr("The password is looked for in PGPASSWORD, then ~/.pgpass, then "
                                "the keychain; it is never saved in the settings."),
        m_teamFields);
    order->setWordWrap(true);
    form->addRow(QString(), order);
    layout->addWidget(m_teamFields);

    m_test = new QPushButton(tr("Test &Connection"), this);
    m_test->setObjectName(u"testButton"_s);
    m_test->setAutoDefault(false);
    connect(m_test, &QPushButton::clicked, this, &LedgerLocationDialog::testConnection);
    m_testResult = new QLabel(this);
    m_testResult->setObjectName(u"testResultLabel"_s);
    m_testResult->setWordWrap(true);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test, 0, Qt::AlignTop);
    testRow->addWidget(m_testResult, 1);
    layout->addLayout(testRow);

    m_note = new QLabel(this);
    m_note->setObjectName(u"noteLabel"_s);
    m_note->setWordWrap(true);
    m_note->hide();
    layout->addWidget(m_note);
    layout->addStretch(1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = m_buttons->button(QDialogButtonBox::Save);
    m_save->setObjectName(u"saveButton"_s);
    m_save->setDefault(true);
    m_restart = m_buttons->addButton(tr("&Restart Now"), QDialogButtonBox::AcceptRole);
    m_restart->setObjectName(u"restartButton"_s);
    m_restart->hide();
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    // Save keeps the dialog open: what was saved, and whether to restart, is said here.
    disconnect(m_buttons, &QDialogButtonBox::accepted, nullptr, nullptr);
    connect(m_save, &QPushButton::clicked, this, &LedgerLocationDialog::save);
    connect(m_restart, &QPushButton::clicked, this, [this] {
        Q_EMIT restartRequested();
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    connect(m_local, &QRadioButton::toggled, this, &LedgerLocationDialog::updateEnabled);
    connect(m_team, &QRadioButton::toggled, this, &LedgerLocationDialog::updateEnabled);
}

void LedgerLocationDialog::loadSaved()
{
    const Expected<QString> saved = LedgerSetting(m_settings).location();
    if (!saved) {
        say(m_note, saved.error().message());
        m_local->setChecked(true);
        return;
    }
    if (saved->isEmpty()) {
        m_local->setChecked(true);
        return;
    }
    const QUrl url(*saved);
    m_team->setChecked(true);
    m_host->setText(url.host());
    m_port->setValue(url.port(5432));
    m_database->setText(url.path().mid(1));
    m_user->setText(url.userName());
    m_sslMode->setCurrentIndex(std::max(0, m_sslMode->findData(sslModeOf(*saved))));
}

void LedgerLocationDialog::updateEnabled()
{
    const bool team = m_team->isChecked();
    m_teamFields->setEnabled(team);
    m_test->setEnabled(team && !m_probe);
}

namespace {

// The URL the fields describe, checked: never with a password.
Expected<QString> composed(const QString &host, int port, const QString &database,
    const QString &user, const QString &sslMode)
{
    const Expected<QString> url = LedgerSetting::compose(host, port, database, user);
    if (!url || sslMode == defaultSslMode)
        return url;
    return LedgerSetting::check(*url + u"?sslmode="_s + sslMode);
}

} // namespace

void LedgerLocationDialog::testConnection()
{
    const Expected<QString> location = composed(m_host->text(), m_port->value(), m_database->text(),
        m_user->text(), m_sslMode->currentData().toString());
    if (!location)
        return say(m_testResult, location.error().message());
    say(m_testResult, tr("Connecting to %1…").arg(LedgerLocation::display(*location)));
    m_test->setEnabled(false);
    if (!m_password->text().isEmpty() || !LedgerPasswordJob::needed(*location))
        return probe(*location);
    // As a monitor would: the password kept in the keychain, when libpq has none.
    auto *read = new LedgerPasswordJob(*location, std::chrono::seconds(testDeadlineSeconds), this);
    connect(read, &LedgerPasswordJob::finished, this, [this, read, location = *location] {
        read->deleteLater();
        probe(location);
    });
    read->start();
}

void LedgerLocationDialog::probe(const QString &location)
{
    m_probe = new LedgerProbe(
        location, m_password->text(), std::chrono::seconds(testDeadlineSeconds), this);
    connect(m_probe, &LedgerProbe::finished, this, [this](const LedgerProbe::Verdict &verdict) {
        m_probe->deleteLater();
        m_probe = nullptr;
        say(m_testResult, verdict ? *verdict : verdict.error().message());
        updateEnabled();
    });
    m_probe->start();
}

void LedgerLocationDialog::save()
{
    QString location;
    if (m_team->isChecked()) {
        const Expected<QString> url = composed(m_host->text(), m_port->value(), m_database->text(),
            m_user->text(), m_sslMode->currentData().toString());
        if (!url)
            return say(m_note, url.error().message());
        location = *url;
    }
    m_save->setEnabled(false);
    if (location.isEmpty() || !m_secrets)
        return saved(location);
    keepPassword(location);
}

// The password into the keychain (or out of it) before the location is saved:
// a keychain that refuses leaves everything as it was.
void LedgerLocationDialog::keepPassword(const QString &location)
{
    const SecretKey key = SecretKey::ledger(LedgerLocation::canonical(location));
    const QString password = m_password->text();
    if (m_keep->isChecked() && password.isEmpty())
        return saved(location);
    SecretWriteJob *job =
        m_keep->isChecked() ? m_secrets->write(key, password) : m_secrets->remove(key);
    connect(job, &SecretJob::finished, this, [this, job, location] {
        if (const Expected<void> kept = job->result(); !kept) {
            m_save->setEnabled(true);
            return say(m_note, kept.error().message());
        }
        saved(location);
    });
}

void LedgerLocationDialog::saved(const QString &location)
{
    m_save->setEnabled(true);
    if (const Expected<void> written = LedgerSetting(m_settings).setLocation(location); !written)
        return say(m_note, written.error().message());
    // The field forgets what was typed: it lives in the keychain now.
    m_password->clear();
    const QString next = location.isEmpty() ? TaskStore::localPath() : location;
    const bool same = LedgerLocation::isPostgres(next) && LedgerLocation::isPostgres(m_running)
        ? LedgerLocation::canonical(next) == LedgerLocation::canonical(m_running)
        : next == m_running;
    if (same) {
        say(m_note, tr("Saved. This window already uses that ledger."));
        return;
    }
    say(m_note,
        tr("Saved. The commands use %1 from now on; this window keeps %2 until it starts "
           "again.")
            .arg(LedgerLocation::display(next), LedgerLocation::display(m_running)));
    m_restart->show();
    m_restart->setDefault(true);
    m_restart->setFocus();
}

void LedgerLocationDialog::say(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}
