#include "cliconnection.h"

#include <QTimer>

#include "credentialstore.h"
#include "demoserver.h"
#include "settings.h"
#include "skyvernclient.h"
#include "workflowplatformclient.h"

using namespace Qt::StringLiterals;

namespace {
// The key for a server named on the command line, or instead of the keychain's. Never an
// argument: it would be left in the shell's history and shown by `ps`.
QString keyFromEnvironment()
{
    const QString key = qEnvironmentVariable("SKYVERN_API_KEY");
    return key.isEmpty() ? qEnvironmentVariable("RUNWATCH_API_KEY") : key;
}
} // namespace

CliConnection::CliConnection(CliConnectionOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{ }

CliConnection::~CliConnection()
{
    // Requests of the source end before the server they talk to.
    m_source.reset();
    m_demo.reset();
}

void CliConnection::open()
{
    // Answers come from the event loop, as for every request.
    QTimer::singleShot(0, this, [this] {
        if (m_options.demo) {
            openDemo();
        } else if (m_options.server.isValid()) {
            m_profile.id = u"command-line"_s;
            m_profile.kind = m_options.platform ? ConnectionProfile::Kind::WorkflowPlatform
                                                : ConnectionProfile::Kind::Skyvern;
            m_profile.baseUrl = m_options.server;
            m_profile.allowInsecureHttp = m_options.allowInsecureHttp;
            m_profile.workflowIds = m_options.workflows;
            const QString key = keyFromEnvironment();
            if (key.isEmpty())
                emit failed(u"set SKYVERN_API_KEY to the %1 of %2."_s.arg(
                    m_profile.secretName(), m_profile.baseUrl.toString()));
            else
                connectWith(key);
        } else {
            openSaved();
        }
    });
}

void CliConnection::openSaved()
{
    const Settings settings(m_options.settingsFile);
    const QList<ConnectionProfile> profiles = settings.profiles();
    const QString wanted = m_options.connection;
    const QString current = settings.currentProfileId();
    for (const ConnectionProfile &profile : profiles) {
        if (wanted.isEmpty()
                ? profile.id == current
                : (profile.id == wanted
                    || profile.displayName().compare(wanted, Qt::CaseInsensitive) == 0)) {
            m_profile = profile;
            break;
        }
    }
    if (!m_profile.isValid() && wanted.isEmpty() && !profiles.isEmpty())
        m_profile = profiles.constFirst(); // "All connections" or a connection since removed
    if (!m_profile.isValid()) {
        QStringList names;
        for (const ConnectionProfile &profile : profiles)
            names.append(u'"' + profile.displayName() + u'"');
        if (profiles.isEmpty())
            emit failed(u"no saved connection in %1: use --server URL (key in SKYVERN_API_KEY) "
                        "or --demo."_s.arg(settings.fileName()));
        else
            emit failed(u"no saved connection is called \"%1\"; there are %2."_s.arg(
                wanted, names.join(u", "_s)));
        return;
    }
    if (!m_options.workflows.isEmpty()
        && m_profile.kind == ConnectionProfile::Kind::WorkflowPlatform)
        m_profile.workflowIds = m_options.workflows;
    const QString problem = m_profile.problem();
    if (!problem.isEmpty()) {
        emit failed(
            u"the connection \"%1\" cannot be used: %2"_s.arg(m_profile.displayName(), problem));
        return;
    }
    const QString key = keyFromEnvironment();
    if (!key.isEmpty()) {
        connectWith(key);
        return;
    }
    m_credentials = new CredentialStore(m_options.keychainService, this);
    m_credentials->read(m_profile.id, this, [this](const QString &secret, const QString &problem) {
        if (!secret.isEmpty()) {
            connectWith(secret);
            return;
        }
        const QString why = !m_credentials->isKeychainAvailable()
            ? u"no keychain service is running"_s
            : (problem.isEmpty() ? u"the keychain holds none"_s : problem);
        emit failed(u"no %1 for the connection \"%2\" (%3); set SKYVERN_API_KEY to it."_s.arg(
            m_profile.secretName(), m_profile.displayName(),
            why.endsWith(u'.') ? why.chopped(1) : why));
    });
}

void CliConnection::openDemo()
{
    DemoServerOptions options;
    options.seed = 1; // the runs the README's examples name
    options.tickMs = 1000;
    m_demo = std::make_unique<DemoServer>(options);
    QString error;
    if (!m_demo->start(&error)) {
        emit failed(u"the demo server did not start: %1"_s.arg(error));
        return;
    }
    m_profile.id = u"demo"_s;
    if (m_options.platform) {
        m_profile.name = u"Demo workflow platform"_s;
        m_profile.kind = ConnectionProfile::Kind::WorkflowPlatform;
        m_profile.baseUrl = m_demo->platform()->baseUrl();
        m_profile.workflowIds = m_options.workflows.isEmpty() ? DemoPlatformServer::workflowIds()
                                                              : m_options.workflows;
        connectWith(options.platformToken);
    } else {
        m_profile.name = u"Demo Skyvern"_s;
        m_profile.baseUrl = m_demo->baseUrl();
        connectWith(m_demo->apiKey());
    }
}

void CliConnection::connectWith(const QString &secret)
{
    if (m_profile.kind == ConnectionProfile::Kind::WorkflowPlatform)
        m_source = std::make_unique<WorkflowPlatformClient>(
            m_profile.baseUrl, secret, m_profile.workflowIds, m_profile.workflowNames);
    else
        m_source = std::make_unique<SkyvernClient>(m_profile.baseUrl, secret);
    emit ready();
}
