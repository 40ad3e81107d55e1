#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

// The committed test CA and server certificate (tests/data/tls, see its README).
namespace TestTls {

// A file under tests/data: $SMH_TEST_DATA when set (ctest), else the source tree.
QString dataPath(const QString &relative);

QString caFile();
QString serverCertificateFile();
QString serverKeyFile();

// For HttpServer::listenTls: the server certificate (127.0.0.1, ::1, localhost)
// and its key; empty local certificate if the files cannot be read.
QSslConfiguration serverConfiguration();

} // namespace TestTls
