#include "smh/secretstore.h"
#include "verifyexpected.h"

#include <QFile>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

class TestSecretStore final : public QObject
{
    Q_OBJECT

private:
    static QString readBack(SecretStore &store, qint64 id, QString *error = nullptr)
    {
        return readBack(store, SecretKey::connection(id), error);
    }

    static QString readBack(SecretStore &store, const SecretKey &key, QString *error = nullptr)
    {
        QString value;
        bool done = false;
        SecretReadJob *job = store.read(key);
        QObject::connect(job, &SecretJob::finished, job, [&, job] {
            const Expected<QString> secret = job->result();
            value = secret.valueOr(QString());
            if (error)
                *error = secret ? QString() : secret.error().message();
            done = true;
        });
        if (!QTest::qWaitFor([&done] { return done; }, 20'000))
            return u"<timeout>"_s;
        return value;
    }

    static QString writeAndWait(SecretStore &store, qint64 id, const QString &secret)
    {
        return writeAndWait(store, SecretKey::connection(id), secret);
    }

    static QString writeAndWait(SecretStore &store, const SecretKey &key, const QString &secret)
    {
        QString result;
        bool done = false;
        SecretWriteJob *job = store.write(key, secret);
        QObject::connect(job, &SecretJob::finished, job, [&, job] {
            const Expected<void> written = job->result();
            result = written ? QString() : written.error().message();
            done = true;
        });
        return QTest::qWaitFor([&done] { return done; }, 20'000) ? result : u"<timeout>"_s;
    }

    // A store that cannot reach a keychain and keeps its file in `dir`.
    static void withoutKeychain(SecretStore &store, const QTemporaryDir &dir)
    {
        store.setKeychainEnabled(false);
        store.setPrivateFilePath(dir.filePath(u"data/secrets.json"_s));
    }

    static mode_t modeOf(const QString &path)
    {
        struct stat info = {};
        if (::stat(QFile::encodeName(path).constData(), &info) != 0)
            return 07777;
        return info.st_mode & 0777;
    }

    static QByteArray contentsOf(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void sessionOnlyKeepsSecretsInMemory()
    {
        SecretStore store;
        store.setKeychainEnabled(false);
        store.write(7, u"secret-seven-value"_s);
        QCOMPARE(store.backend(), SecretStore::Backend::SessionOnly);
        QCOMPARE(readBack(store, 7), u"secret-seven-value"_s);
        QCOMPARE(readBack(store, 8), QString());
        store.remove(7);
        QCOMPARE(readBack(store, 7), QString());
    }

    void noKeychainFallsBackWithAClearMessage()
    {
        // No session bus: the keychain cannot be reached, as on a server or in CI.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        SecretStore store;
        bool written = false;
        QString writeError;
        SecretWriteJob *job = store.write(1, u"token-value-for-one"_s);
        QObject::connect(job, &SecretJob::finished, job, [&, job] {
            const Expected<void> done = job->result();
            writeError = done ? QString() : done.error().message();
            written = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(written, 20'000);
        if (store.backend() == SecretStore::Backend::Keychain)
            QSKIP("a keychain answered even without a session bus");
        QVERIFY(writeError.isEmpty()); // nothing is lost: it is kept for the session
        QVERIFY(!store.backendProblem().isEmpty());
        QVERIFY(!store.backendProblem().contains(u"token-value-for-one"_s));
        QCOMPARE(readBack(store, 1), u"token-value-for-one"_s);

        // A probe finds the same before anything is written.
        SecretStore probed;
        bool known = false;
        QObject::connect(probed.probe(), &SecretJob::finished, &probed, [&known] { known = true; });
        QTRY_VERIFY_WITH_TIMEOUT(known, 20'000);
        QCOMPARE(probed.backend(), SecretStore::Backend::SessionOnly);
        QVERIFY(!probed.backendProblem().isEmpty());
    }

    void privateFileIsOnlyWrittenAfterOptingIn()
    {
        QTemporaryDir dir;
        SecretStore store;
        withoutKeychain(store, dir);
        QCOMPARE(writeAndWait(store, 1, u"first-secret-value"_s), QString());
        QVERIFY(!QFile::exists(store.privateFilePath()));
        QCOMPARE(store.backend(), SecretStore::Backend::SessionOnly);

        SMH_VERIFY(store.enablePrivateFile());
        QCOMPARE(store.backend(), SecretStore::Backend::PrivateFile);
        QVERIFY(store.backendProblem().contains(u"secrets.json"_s));
        QVERIFY(!store.backendProblem().contains(u"first-secret-value"_s));
        // What the session already knew went in with the opt-in.
        QVERIFY(contentsOf(store.privateFilePath()).contains("first-secret-value"));
        QCOMPARE(writeAndWait(store, 2, u"second-secret-value"_s), QString());

        SecretStore nextSession;
        withoutKeychain(nextSession, dir);
        QCOMPARE(readBack(nextSession, 1), u"first-secret-value"_s);
        QCOMPARE(readBack(nextSession, 2), u"second-secret-value"_s);
        QCOMPARE(readBack(nextSession, 3), QString());

        nextSession.remove(1);
        SecretStore third;
        withoutKeychain(third, dir);
        QCOMPARE(readBack(third, 1), QString());
        QCOMPARE(readBack(third, 2), u"second-secret-value"_s);

        SMH_VERIFY(third.disablePrivateFile());
        QVERIFY(!QFile::exists(third.privateFilePath()));
        QCOMPARE(third.backend(), SecretStore::Backend::SessionOnly);
        // Opting out forgets nothing in use this session.
        QCOMPARE(readBack(third, 2), u"second-secret-value"_s);
        SecretStore fourth;
        withoutKeychain(fourth, dir);
        QCOMPARE(readBack(fourth, 2), QString());
    }

    void privateFileIsMode0600WhateverTheUmask()
    {
        QTemporaryDir dir;
        const mode_t previous = ::umask(0);
        SecretStore store;
        withoutKeychain(store, dir);
        store.write(5, u"five-secret-value"_s);
        const Expected<void> enabled = store.enablePrivateFile();
        const QString rewritten = writeAndWait(store, 6, u"six-secret-value"_s);
        ::umask(previous);
        SMH_VERIFY(enabled);
        QCOMPARE(rewritten, QString());
        QCOMPARE(modeOf(store.privateFilePath()), mode_t(0600));
    }

    void entriesOfOtherSessionsAreKept()
    {
        QTemporaryDir dir;
        SecretStore first;
        withoutKeychain(first, dir);
        QVERIFY(first.enablePrivateFile());
        QCOMPARE(writeAndWait(first, 1, u"from-the-first-session"_s), QString());

        // A second session that never read connection 1 must not drop it.
        SecretStore second;
        withoutKeychain(second, dir);
        QCOMPARE(writeAndWait(second, 2, u"from-the-second-session"_s), QString());
        SecretStore check;
        withoutKeychain(check, dir);
        QCOMPARE(readBack(check, 1), u"from-the-first-session"_s);
        QCOMPARE(readBack(check, 2), u"from-the-second-session"_s);
    }

    // A team ledger's password has keys of its own: it never answers for a
    // connection, nor a connection's secret for it, in the file or in
    // memory, and a connection's entries written later keep it.
    void ledgerPasswordsHaveTheirOwnKeys()
    {
        QTemporaryDir dir;
        const SecretKey ledger = SecretKey::ledger(u"postgresql://smh@db:5432/team"_s);
        QVERIFY(ledger.fileKey() != SecretKey::connection(1).fileKey());
        QVERIFY(ledger.keychainKey() != SecretKey::connection(1).keychainKey());
        QVERIFY(ledger.keychainKey().startsWith(u"ledger-"_s));
        SecretStore first;
        withoutKeychain(first, dir);
        QVERIFY(first.enablePrivateFile());
        QCOMPARE(writeAndWait(first, ledger, u"ledger-password"_s), QString());
        QCOMPARE(writeAndWait(first, 1, u"token-one"_s), QString());
        QCOMPARE(readBack(first, ledger), u"ledger-password"_s);

        SecretStore second;
        withoutKeychain(second, dir);
        QCOMPARE(writeAndWait(second, 2, u"token-two"_s), QString());
        SecretStore check;
        withoutKeychain(check, dir);
        QCOMPARE(readBack(check, ledger), u"ledger-password"_s);
        QCOMPARE(readBack(check, 1), u"token-one"_s);
        QCOMPARE(
            readBack(check, SecretKey::ledger(u"postgresql://smh@db:5432/other"_s)), QString());
    }

    void fileReadableByOthersIsRefusedAndLeftAlone()
    {
        QTemporaryDir dir;
        SecretStore store;
        withoutKeychain(store, dir);
        QVERIFY(store.enablePrivateFile());
        QString error;
        QCOMPARE(writeAndWait(store, 1, u"exposed-secret-value"_s), QString());
        QVERIFY(QFile::setPermissions(store.privateFilePath(),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                | QFileDevice::ReadOther));
        const QByteArray before = contentsOf(store.privateFilePath());

        SecretStore next;
        withoutKeychain(next, dir);
        QCOMPARE(readBack(next, 1, &error), QString());
        QVERIFY(error.contains(u"chmod 600"_s));
        QVERIFY(!error.contains(u"exposed-secret-value"_s));
        // Nothing is written over it either: the user decides what to do.
        const QString writeError = writeAndWait(next, 2, u"another-secret"_s);
        QVERIFY(writeError.contains(u"chmod 600"_s));
        QCOMPARE(contentsOf(next.privateFilePath()), before);
        QCOMPARE(readBack(next, 2), u"another-secret"_s); // still usable this session
    }

    void fileOfAnotherUserIsRefused()
    {
        if (::geteuid() != 0)
            QSKIP("only root can give a file away");
        QTemporaryDir dir;
        SecretStore store;
        withoutKeychain(store, dir);
        QVERIFY(store.enablePrivateFile());
        QString error;
        QCOMPARE(writeAndWait(store, 1, u"planted-secret-value"_s), QString());
        QCOMPARE(::chown(QFile::encodeName(store.privateFilePath()).constData(), 65534, 65534), 0);
        SecretStore next;
        withoutKeychain(next, dir);
        QCOMPARE(readBack(next, 1, &error), QString());
        QVERIFY(error.contains(u"another user"_s));
    }

    void damagedFileIsNotOverwritten()
    {
        QTemporaryDir dir;
        SecretStore store;
        withoutKeychain(store, dir);
        QVERIFY(store.enablePrivateFile());
        QString error;
        const QByteArray damaged = "{\"format\":1,\"secrets\":{\"1\":\"half-written-sec";
        {
            QFile file(store.privateFilePath());
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(damaged);
        }
        QCOMPARE(readBack(store, 1, &error), QString());
        QVERIFY(error.contains(u"damaged"_s));
        QVERIFY(!error.contains(u"half-written"_s));
        QVERIFY(!writeAndWait(store, 2, u"new-secret-value"_s).isEmpty());
        QCOMPARE(contentsOf(store.privateFilePath()), damaged);

        const QByteArray newer = "{\"format\":2,\"secrets\":{}}";
        {
            QFile file(store.privateFilePath());
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(newer);
        }
        const Expected<void> refused = store.enablePrivateFile();
        QVERIFY(!refused);
        QVERIFY(refused.error().message().contains(u"newer version"_s));
        QCOMPARE(contentsOf(store.privateFilePath()), newer);
    }

    void noFileWhenThereIsNoPlaceForOne()
    {
        // Demo mode: neither keychain nor file.
        SecretStore store;
        store.setKeychainEnabled(false);
        store.setPrivateFilePath({});
        const Expected<void> refused = store.enablePrivateFile();
        QVERIFY(!refused);
        QVERIFY(!refused.error().message().isEmpty());
        QCOMPARE(store.backend(), SecretStore::Backend::SessionOnly);
        QCOMPARE(writeAndWait(store, 1, u"demo-secret"_s), QString());
        QCOMPARE(readBack(store, 1), u"demo-secret"_s);
    }

    void jobsFinishOnceInTheOrderOfTheCalls()
    {
        QTemporaryDir dir;
        SecretStore store;
        withoutKeychain(store, dir);
        SMH_VERIFY(store.enablePrivateFile());
        QStringList heard;
        SecretWriteJob *write = store.write(1, u"job-secret-value"_s);
        SecretReadJob *read = store.read(1);
        SecretWriteJob *remove = store.remove(1);
        SecretReadJob *readAgain = store.read(1);
        SecretJob *probe = store.probe();
        const QList<QPointer<SecretJob>> jobs {write, read, remove, readAgain, probe};
        QList<std::shared_ptr<QSignalSpy>> spies;
        for (SecretJob *job : jobs)
            spies << std::make_shared<QSignalSpy>(job, &SecretJob::finished);
        connect(write, &SecretJob::finished, this,
            [&heard, write] { heard << (write->result() ? u"written"_s : u"not written"_s); });
        connect(read, &SecretJob::finished, this,
            [&heard, read] { heard << read->result().valueOr(u"error"_s); });
        connect(remove, &SecretJob::finished, this,
            [&heard, remove] { heard << (remove->result() ? u"removed"_s : u"not removed"_s); });
        connect(readAgain, &SecretJob::finished, this,
            [&heard, readAgain] { heard << readAgain->result().valueOr(u"error"_s); });
        connect(probe, &SecretJob::finished, this, [&heard] { heard << u"probed"_s; });
        // Answers known at once still come after the calls returned.
        QVERIFY(heard.isEmpty());
        QTRY_COMPARE(heard.size(), 5);
        QCOMPARE(heard,
            QStringList(
                {u"written"_s, u"job-secret-value"_s, u"removed"_s, QString(), u"probed"_s}));
        // Each job deletes itself once its finished() is delivered, never twice.
        for (const QPointer<SecretJob> &job : jobs)
            QTRY_VERIFY(job.isNull());
        for (const auto &spy : std::as_const(spies))
            QCOMPARE(spy->count(), 1);
    }

    void removeTellsItsJobWhyTheFileWasNotChanged()
    {
        QTemporaryDir dir;
        SecretStore store;
        withoutKeychain(store, dir);
        SMH_VERIFY(store.enablePrivateFile());
        QCOMPARE(writeAndWait(store, 1, u"kept-secret-value"_s), QString());
        QVERIFY(QFile::setPermissions(store.privateFilePath(),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));

        QString error;
        SecretWriteJob *heard = store.remove(1);
        connect(heard, &SecretJob::finished, this, [&error, heard] {
            error = heard->result() ? u"none"_s : heard->result().error().message();
        });
        QTRY_VERIFY(!error.isEmpty());
        QVERIFY(error.contains(u"chmod 600"_s));
        QVERIFY(!error.contains(u"kept-secret-value"_s));

        // Nobody listening: the failure is logged instead of lost.
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"chmod 600"_s));
        QPointer<SecretWriteJob> unheard = store.remove(1);
        QTRY_VERIFY(unheard.isNull());
    }

    void jobsOfAStoreThatIsGoneNeverFinish()
    {
        auto store = std::make_unique<SecretStore>();
        store->setKeychainEnabled(false);
        store->setPrivateFilePath({});
        QPointer<SecretReadJob> read = store->read(1);
        QPointer<SecretWriteJob> write = store->write(1, u"gone-secret"_s);
        QSignalSpy readSpy(read.get(), &SecretJob::finished);
        QSignalSpy writeSpy(write.get(), &SecretJob::finished);
        store.reset();
        // Gone with their store, and nothing is delivered from a dead job.
        QVERIFY(read.isNull());
        QVERIFY(write.isNull());
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QCOMPARE(readSpy.count(), 0);
        QCOMPARE(writeSpy.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
