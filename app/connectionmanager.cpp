#include "connectionmanager.h"

#include "credentialstore.h"
#include "mergedrunsource.h"
#include "settings.h"

ConnectionManager::ConnectionManager(
    Settings *settings, CredentialStore *credentials, SourceFactory makeSource, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_credentials(credentials)
    , m_makeSource(std::move(makeSource))
{ }

ConnectionManager::~ConnectionManager()
{
    // The merged source relays its members' signals: it goes first.
    m_merged.reset();
    m_sources.clear();
}

void ConnectionManager::addSessionConnection(
    const ConnectionProfile &profile, const QString &secret)
{
    m_profiles.removeIf([&profile](const ConnectionProfile &p) { return p.id == profile.id; });
    m_profiles.append(profile);
    m_secrets.insert(profile.id, secret);
}

ConnectionProfile ConnectionManager::profile(const QString &id) const
{
    for (const ConnectionProfile &profile : m_profiles) {
        if (profile.id == id)
            return profile;
    }
    return {};
}

void ConnectionManager::readSecrets(QObject *context, std::function<void()> done)
{
    if (m_profiles.isEmpty()) {
        done();
        return;
    }
    auto waiting = std::make_shared<int>(int(m_profiles.size()));
    for (const ConnectionProfile &saved : std::as_const(m_profiles)) {
        m_credentials->read(saved.id, context,
            [this, id = saved.id, waiting, done](const QString &secret, const QString &) {
                if (!secret.isEmpty())
                    m_secrets.insert(id, secret);
                if (--*waiting == 0)
                    done();
            });
    }
}

RunSource *ConnectionManager::source(const QString &id)
{
    const auto existing = m_sources.find(id);
    if (existing != m_sources.end())
        return existing->second.get();
    const ConnectionProfile chosen = profile(id);
    const QString secret = m_secrets.value(id);
    if (!chosen.isValid() || secret.isEmpty())
        return nullptr;
    RunSource *made = m_makeSource(chosen, secret).release();
    m_sources[id].reset(made);
    return made;
}

MergedRunSource *ConnectionManager::mergeAll(QStringList *missing)
{
    QList<MergedRunSource::Member> members;
    for (const ConnectionProfile &member : std::as_const(m_profiles)) {
        RunSource *memberSource = source(member.id);
        if (!memberSource) {
            if (missing)
                missing->append(member.displayName());
            continue;
        }
        if (member.kind == ConnectionProfile::Kind::WorkflowPlatform) {
            for (const QString &workflow : member.workflowIds)
                members.append({memberSource, member.displayName(), workflow, member.id});
        } else {
            members.append({memberSource, member.displayName(), {}, member.id});
        }
    }
    emit sourcesAboutToGo();
    m_merged = std::make_unique<MergedRunSource>(members);
    return m_merged.get();
}

void ConnectionManager::dropSources(const QString &id)
{
    emit sourcesAboutToGo();
    m_merged.reset();
    m_sources.erase(id);
}

void ConnectionManager::save(const ConnectionProfile &edited, const QString &secret,
    std::function<void(const QString &)> problem)
{
    dropSources(edited.id);
    m_secrets.insert(edited.id, secret);
    const auto it = std::find_if(m_profiles.begin(), m_profiles.end(),
        [&edited](const ConnectionProfile &saved) { return saved.id == edited.id; });
    if (it == m_profiles.end())
        m_profiles.append(edited);
    else
        *it = edited;
    m_settings->saveProfile(edited);
    m_settings->sync();
    m_credentials->write(edited.id, secret, this, [problem](const QString &message) {
        if (!message.isEmpty())
            problem(message);
    });
}

void ConnectionManager::remove(const QString &id)
{
    dropSources(id);
    m_profiles.removeIf([&id](const ConnectionProfile &p) { return p.id == id; });
    m_secrets.remove(id);
    m_settings->removeProfile(id);
    m_settings->sync();
    m_credentials->remove(id);
}
