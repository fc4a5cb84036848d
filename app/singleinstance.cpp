#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QStandardPaths>
#include <QThread>

#include "applog.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int kAnswerMs = 3000;
constexpr QByteArrayView kAccepted = "ok\n";
} // namespace

SingleInstance::SingleInstance(const QString &key, QObject *parent)
    : QObject(parent)
{
    QString directory = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (directory.isEmpty())
        directory = QDir::tempPath();
    // Short: a socket path has a length limit (108 bytes on Linux).
    const QByteArray hash
        = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    m_base = QDir(directory).filePath(u"runwatch-"_s + QString::fromLatin1(hash));
}

SingleInstance::~SingleInstance()
{
    if (m_server)
        m_server->close();
}

SingleInstance::Role SingleInstance::claim(const QStringList &arguments)
{
    m_lock = std::make_unique<QLockFile>(m_base + u".lock"_s);
    // Only a dead owner makes a lock stale; a long-running first instance is never displaced.
    m_lock->setStaleLockTime(0);
    // The first instance may still be starting (locked, not yet listening): a few tries.
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < kAnswerMs) {
        if (m_lock->tryLock(0))
            return listen() ? Role::First : Role::Alone;
        if (handOver(arguments))
            return Role::HandedOver;
        QThread::msleep(100);
    }
    qCWarning(lcApp) << "another Runwatch holds" << m_lock->error() << "but did not answer";
    return Role::Alone;
}

bool SingleInstance::listen()
{
    const QString name = m_base + u".socket"_s;
    QLocalServer::removeServer(name); // a socket file a dead first instance left
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(name)) {
        qCWarning(lcApp) << "cannot listen for later starts:" << m_server->errorString();
        return false;
    }
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readFrom(socket); });
            readFrom(socket); // what arrived with the connection
        }
    });
    return true;
}

void SingleInstance::readFrom(QLocalSocket *socket)
{
    // One line of JSON: the arguments. Anything longer than a message can be is dropped.
    if (socket->bytesAvailable() > kMaxMessageBytes) {
        socket->abort();
        return;
    }
    if (!socket->canReadLine())
        return;
    const QByteArray line = socket->readLine(kMaxMessageBytes);
    const QJsonDocument document = QJsonDocument::fromJson(line);
    QStringList arguments;
    for (const QJsonValue &value : document.array()) {
        if (value.isString())
            arguments.append(value.toString());
    }
    socket->write(kAccepted.data(), kAccepted.size());
    socket->disconnectFromServer();
    emit messageReceived(arguments);
}

bool SingleInstance::handOver(const QStringList &arguments)
{
    QLocalSocket socket;
    socket.connectToServer(m_base + u".socket"_s);
    if (!socket.waitForConnected(500))
        return false;
    QByteArray message
        = QJsonDocument(QJsonArray::fromStringList(arguments)).toJson(QJsonDocument::Compact);
    if (message.size() >= kMaxMessageBytes)
        message = "[]"; // still raises the window; the arguments were no link anyway
    socket.write(message + '\n');
    if (!socket.waitForBytesWritten(kAnswerMs))
        return false;
    QByteArray answer;
    QElapsedTimer waited;
    waited.start();
    while (!answer.endsWith('\n') && waited.elapsed() < kAnswerMs) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(kAnswerMs))
            break;
        answer += socket.readAll();
    }
    return answer == kAccepted.toByteArray();
}
