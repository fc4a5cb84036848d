#include "credentialstore.h"

#include <QPointer>
#include <qt6keychain/keychain.h>

#include "applog.h"

namespace {
bool isMissingService(QKeychain::Error error)
{
    // Anything but "no such entry" or "the user said no" means there is no usable keychain.
    return error != QKeychain::NoError && error != QKeychain::EntryNotFound
        && error != QKeychain::AccessDeniedByUser;
}
} // namespace

CredentialStore::CredentialStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{ }

void CredentialStore::markUnavailable(const QString &detail)
{
    const bool first = m_keychainAvailable;
    m_keychainAvailable = false;
    // The keychain library's own words ("Failed to execute child process 'dbus-launch'…") mean
    // nothing to most users; they go to the log for whoever sets the machine up.
    qCWarning(lcKeychain).noquote() << "no keychain service:" << detail;
    m_unavailableReason = tr("No keychain service is running on this computer, so keys are kept "
                             "for this session only and asked for again when Runwatch next "
                             "starts. They are never written to disk.");
    if (first)
        emit keychainUnavailable(m_unavailableReason);
}

void CredentialStore::read(const QString &account, QObject *context, ReadHandler handler)
{
    const QPointer<QObject> guard(context);
    const auto deliver = [guard, handler](const QString &secret, const QString &problem) {
        if (guard)
            handler(secret, problem);
    };
    if (!m_keychainAvailable) {
        const QString secret = m_sessionSecrets.value(account);
        deliver(secret, secret.isEmpty() ? m_unavailableReason : QString());
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setInsecureFallback(false);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [this, account, deliver](QKeychain::Job *done) {
        auto *readJob = static_cast<QKeychain::ReadPasswordJob *>(done);
        if (done->error() == QKeychain::NoError) {
            deliver(readJob->textData(), {});
        } else if (done->error() == QKeychain::EntryNotFound) {
            deliver(m_sessionSecrets.value(account), {});
        } else if (done->error() == QKeychain::AccessDeniedByUser) {
            deliver(
                {}, tr("Access to the keychain was refused, so the API key could not be read."));
        } else {
            markUnavailable(done->errorString());
            const QString secret = m_sessionSecrets.value(account);
            deliver(secret, secret.isEmpty() ? m_unavailableReason : QString());
        }
    });
    job->start();
}

void CredentialStore::write(
    const QString &account, const QString &secret, QObject *context, WriteHandler handler)
{
    const QPointer<QObject> guard(context);
    const auto deliver = [guard, handler](const QString &problem) {
        if (guard && handler)
            handler(problem);
    };
    // Held for the session either way, so a failing keychain never loses what the user typed.
    m_sessionSecrets.insert(account, secret);
    if (!m_keychainAvailable) {
        deliver(m_unavailableReason);
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setInsecureFallback(false);
    job->setKey(account);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, deliver](QKeychain::Job *done) {
        if (done->error() == QKeychain::NoError) {
            deliver({});
        } else if (isMissingService(done->error())) {
            markUnavailable(done->errorString());
            deliver(m_unavailableReason);
        } else {
            deliver(tr("The keychain refused to store the API key (%1); it is kept for this "
                       "session only.")
                        .arg(done->errorString()));
        }
    });
    job->start();
}

void CredentialStore::remove(const QString &account, QObject *context, WriteHandler handler)
{
    const QPointer<QObject> guard(context);
    const auto deliver = [guard, handler](const QString &problem) {
        if (guard && handler)
            handler(problem);
    };
    m_sessionSecrets.remove(account);
    if (!m_keychainAvailable) {
        deliver({});
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setInsecureFallback(false);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [deliver](QKeychain::Job *done) {
        const bool gone
            = done->error() == QKeychain::NoError || done->error() == QKeychain::EntryNotFound;
        deliver(gone
                ? QString()
                : tr("The keychain did not remove the API key (%1).").arg(done->errorString()));
    });
    job->start();
}
