#pragma once

#include "smh/expected.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

// The base URL of an SMH deployment. SMH serves HTTPS only; plain HTTP is let
// through for loopback hosts alone, so that the embedded simulator and local
// test servers work while a typo can never send a token in clear text.
class Endpoint
{
    Q_DECLARE_TR_FUNCTIONS(Endpoint)

public:
    static constexpr QStringView defaultUrl = u"https://api.tencentsmh.cn";

    // The per-library host the SDKs recommend.
    static QUrl forLibrary(const QString &libraryId);
    // Where to go when no endpoint is given: the library's own host, or
    // defaultUrl when there is no library ID that can name a host.
    static QUrl defaultFor(const QString &libraryId);

    // A normalised base URL (no trailing slash, no query), or a sentence for
    // the user (Error::Kind::Input) saying what is wrong with `text`.
    static Expected<QUrl> parse(const QString &text);

    static bool isLoopbackHost(const QString &host);
};
