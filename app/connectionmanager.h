#pragma once

#include <functional>
#include <map>
#include <memory>

#include <QHash>
#include <QObject>
#include <QStringList>

#include "connectionprofile.h"

class CredentialStore;
class MergedRunSource;
class RunSource;
class Settings;

/**
 * The connections of this session and what they need: their profiles (saved ones and the
 * session's own, such as the demo's), their secrets (from the keychain, or typed for this
 * session), and one run source per connection plus the merged one of all, made when first
 * needed. Knows nothing of windows: before it lets go of a source it says so, so whoever shows
 * one can let go first.
 */
class ConnectionManager final : public QObject
{
    Q_OBJECT
public:
    using SourceFactory
        = std::function<std::unique_ptr<RunSource>(const ConnectionProfile &, const QString &)>;

    ConnectionManager(Settings *settings, CredentialStore *credentials, SourceFactory makeSource,
        QObject *parent = nullptr);
    ~ConnectionManager() override;

    QList<ConnectionProfile> profiles() const { return m_profiles; }
    void setProfiles(const QList<ConnectionProfile> &profiles) { m_profiles = profiles; }
    /** A connection of this session only (the demo's, the command line's), with its secret. */
    void addSessionConnection(const ConnectionProfile &profile, const QString &secret);
    /** The profile of that id, or an invalid one. */
    ConnectionProfile profile(const QString &id) const;
    QString secret(const QString &id) const { return m_secrets.value(id); }
    /** Reads every saved connection's secret from the keychain; `done` runs once all are in. */
    void readSecrets(QObject *context, std::function<void()> done);

    /** The source of one connection, made on first use; null while its secret is unknown. */
    RunSource *source(const QString &id);
    /** A new merged source of every connection whose secret is known; the others are named in
     * `missing`. */
    MergedRunSource *mergeAll(QStringList *missing);
    /** The merged source made last, while it lives; null before. */
    MergedRunSource *merged() const { return m_merged.get(); }

    /** Saves a new or edited connection and its secret (settings and keychain); a problem with
     * the keychain is told through `problem`. */
    void save(const ConnectionProfile &profile, const QString &secret,
        std::function<void(const QString &problem)> problem);
    /** Forgets a saved connection and its secret. */
    void remove(const QString &id);

signals:
    /** Sources are about to be deleted: let go of any of them now. */
    void sourcesAboutToGo();

private:
    /** Lets go of a connection's source and the merged one (they may hold an old secret). */
    void dropSources(const QString &id);

    Settings *m_settings;
    CredentialStore *m_credentials;
    SourceFactory m_makeSource;
    QList<ConnectionProfile> m_profiles;
    QHash<QString, QString> m_secrets; // this session's, by profile id
    std::map<QString, std::unique_ptr<RunSource>> m_sources;
    std::unique_ptr<MergedRunSource> m_merged;
};
