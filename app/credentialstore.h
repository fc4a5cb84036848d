#pragma once

#include <functional>

#include <QHash>
#include <QObject>
#include <QString>

/**
 * Keeps API keys in the OS keychain (QtKeychain), one entry per connection profile. When no
 * keychain service answers (a bare machine without a secret service), keys are held in memory
 * for this session only and the user is told so; they are never written to disk in plain text.
 */
class CredentialStore final : public QObject
{
    Q_OBJECT
public:
    /** `problem` is empty on success, else a sentence for the user. */
    using ReadHandler = std::function<void(const QString &secret, const QString &problem)>;
    using WriteHandler = std::function<void(const QString &problem)>;

    explicit CredentialStore(const QString &service, QObject *parent = nullptr);

    void read(const QString &account, QObject *context, ReadHandler handler);
    void write(
        const QString &account, const QString &secret, QObject *context, WriteHandler handler);
    void remove(const QString &account, QObject *context = nullptr, WriteHandler handler = {});

    /** False once the keychain has failed to answer; keys then live for this session only. */
    bool isKeychainAvailable() const { return m_keychainAvailable; }
    /** Why the keychain is not used, in a sentence for the user. */
    QString unavailableReason() const { return m_unavailableReason; }

signals:
    void keychainUnavailable(const QString &reason);

private:
    void markUnavailable(const QString &detail);

    QString m_service;
    QHash<QString, QString> m_sessionSecrets;
    bool m_keychainAvailable = true;
    QString m_unavailableReason;
};
