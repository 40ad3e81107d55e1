#include "testtls.h"

#include <QFile>
#include <QSslKey>

using namespace Qt::StringLiterals;

namespace TestTls {

QString dataPath(const QString &relative)
{
    QString root = qEnvironmentVariable("SMH_TEST_DATA");
    if (root.isEmpty())
        root = QStringLiteral(SMH_TEST_DATA_DIR);
    return root + u'/' + relative;
}

QString caFile()
{
    return dataPath(u"tls/ca.pem"_s);
}

QString serverCertificateFile()
{
    return dataPath(u"tls/server.pem"_s);
}

QString serverKeyFile()
{
    return dataPath(u"tls/server.key"_s);
}

QSslConfiguration serverConfiguration()
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(serverCertificateFile());
    QFile keyFile(serverKeyFile());
    if (chain.isEmpty() || !keyFile.open(QIODevice::ReadOnly))
        return tls;
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem));
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    return tls;
}

} // namespace TestTls
