#pragma once

#include <QDateTime>
#include <QString>

// A token as SMH minted or renewed it. Only ever kept in memory and in the
// keychain; never in settings, the ledger or any output.
struct AccessToken
{
    QString value;
    qint64 expiresInSeconds = 0;
    QDateTime obtainedAt; // UTC

    bool isNull() const { return value.isEmpty(); }
    QDateTime expiresAt() const { return obtainedAt.addSecs(expiresInSeconds); }
};
