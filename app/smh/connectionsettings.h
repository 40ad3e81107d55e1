#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QUrl>

// Where and as whom to ask: everything about a connection except its secret.
// This is what may be stored in plain settings and in the ledger.
struct ConnectionSettings
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionSettings)

public:
    static constexpr QStringView singleTenantSpace = u"-";

    QUrl endpoint; // already validated by Endpoint::parse()
    QString libraryId;
    QString spaceId = singleTenantSpace.toString();
    QString userId; // optional
    QString caFile; // optional extra CA certificate(s), PEM
    // Use GET /api/v1/task/{LibraryId}/{TaskIdList}, without a space.
    bool libraryLevel = false;

    // Which setting a problem is about, so that a form can mark the field
    // and decide what blocks what without reading the sentence.
    enum class Field {
        Endpoint,
        Library,
        Space,
        User,
        CaFile,
    };
    struct Problem
    {
        Field field;
        QString text; // a sentence for the user
    };
    QList<Problem> problems() const;
    // The sentences alone, empty when the settings can be used.
    QStringList validate() const;

    // "library/space", for display.
    QString displayName() const;

    // The same library and space of the same server (the space does not
    // count at library level), whoever asks and however: two profiles for
    // one place would watch the same tasks twice.
    bool samePlace(const ConnectionSettings &other) const
    {
        return endpoint == other.endpoint && libraryId == other.libraryId
            && libraryLevel == other.libraryLevel && (libraryLevel || spaceId == other.spaceId);
    }

    // A space, a line break or a control character: in an ID or a pasted
    // secret almost certainly a paste mistake.
    static bool hasControlOrSpace(QStringView text);

    friend bool operator==(const ConnectionSettings &, const ConnectionSettings &) = default;
};
