#include "settings.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSettings>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {
// Every key the application stores, in one place.
const auto kProfiles = "connections/profiles"_L1;
const auto kProfileId = "id"_L1;
const auto kProfileName = "name"_L1;
const auto kProfileUrl = "baseUrl"_L1;
const auto kProfileInsecure = "allowInsecureHttp"_L1;
const auto kProfileKind = "kind"_L1;
const auto kProfileWorkflows = "workflowIds"_L1;
const auto kProfileWorkflowNames = "workflowNames"_L1; // "id=name" lines
const auto kCurrentProfile = "connections/current"_L1;
const auto kViewGroup = "views"_L1;
const auto kViewScope = "scope"_L1;
const auto kViewFilter = "filter"_L1;
const auto kWindowGeometry = "window/geometry"_L1;
const auto kWindowLayout = "window/layout"_L1;
const auto kTheme = "window/theme"_L1;
const auto kNotificationPolicy = "notifications/policy"_L1;
const auto kWatchedRuns = "notifications/watched"_L1;
const auto kWatchedRunNotes = "notifications/watched_notes"_L1;
const auto kCloseToTray = "window/close_to_tray"_L1;

// Connection keys are URLs; hash them so they make safe, short settings group names.
QString viewGroup(const QString &connectionKey)
{
    const QByteArray hash
        = QCryptographicHash::hash(connectionKey.toUtf8(), QCryptographicHash::Sha1).toHex();
    return kViewGroup + u'/' + QString::fromLatin1(hash.left(16));
}
} // namespace

Settings::Settings(const QString &fileName)
    : m_settings(fileName.isEmpty() ? std::make_unique<QSettings>()
                                    : std::make_unique<QSettings>(fileName, QSettings::IniFormat))
    , m_ownFolder(fileName.isEmpty())
{ }

Settings::~Settings()
{
    sync();
}

QString Settings::fileName() const
{
    return m_settings->fileName();
}

QList<ConnectionProfile> Settings::profiles() const
{
    QList<ConnectionProfile> profiles;
    const int count = m_settings->beginReadArray(kProfiles);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        ConnectionProfile profile;
        profile.id = m_settings->value(kProfileId).toString();
        profile.name = m_settings->value(kProfileName).toString();
        profile.baseUrl = QUrl(m_settings->value(kProfileUrl).toString());
        profile.allowInsecureHttp = m_settings->value(kProfileInsecure, false).toBool();
        profile.kind
            = ConnectionProfile::kindFromString(m_settings->value(kProfileKind).toString());
        profile.workflowIds = m_settings->value(kProfileWorkflows).toStringList();
        const QStringList names = m_settings->value(kProfileWorkflowNames).toStringList();
        for (const QString &line : names) {
            const qsizetype equals = line.indexOf(u'=');
            if (equals > 0)
                profile.workflowNames.insert(line.left(equals), line.mid(equals + 1));
        }
        if (profile.isValid())
            profiles.append(profile);
    }
    m_settings->endArray();
    return profiles;
}

void Settings::setProfiles(const QList<ConnectionProfile> &profiles)
{
    m_settings->remove(kProfiles);
    m_settings->beginWriteArray(kProfiles, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        m_settings->setArrayIndex(i);
        const ConnectionProfile &profile = profiles.at(i);
        m_settings->setValue(kProfileId, profile.id);
        m_settings->setValue(kProfileName, profile.name);
        m_settings->setValue(kProfileUrl, profile.baseUrl.toString());
        m_settings->setValue(kProfileInsecure, profile.allowInsecureHttp);
        m_settings->setValue(kProfileKind, ConnectionProfile::kindToString(profile.kind));
        m_settings->setValue(kProfileWorkflows, profile.workflowIds);
        QStringList names;
        for (const QString &id : profile.workflowIds) {
            if (profile.workflowNames.contains(id))
                names.append(id + u'=' + profile.workflowNames.value(id));
        }
        if (names.isEmpty())
            m_settings->remove(kProfileWorkflowNames);
        else
            m_settings->setValue(kProfileWorkflowNames, names);
    }
    m_settings->endArray();
}

QString Settings::currentProfileId() const
{
    return m_settings->value(kCurrentProfile).toString();
}

void Settings::setCurrentProfileId(const QString &id)
{
    m_settings->setValue(kCurrentProfile, id);
}

ConnectionProfile Settings::currentProfile() const
{
    const QString id = currentProfileId();
    const QList<ConnectionProfile> all = profiles();
    for (const ConnectionProfile &profile : all) {
        if (profile.id == id)
            return profile;
    }
    return {};
}

void Settings::removeProfile(const QString &id)
{
    QList<ConnectionProfile> all = profiles();
    all.removeIf([&id](const ConnectionProfile &profile) { return profile.id == id; });
    setProfiles(all);
    if (currentProfileId() == id)
        setCurrentProfileId(all.isEmpty() ? QString() : all.constFirst().id);
}

void Settings::saveProfile(const ConnectionProfile &profile)
{
    QList<ConnectionProfile> all = profiles();
    const auto it = std::find_if(all.begin(), all.end(),
        [&](const ConnectionProfile &saved) { return saved.id == profile.id; });
    if (it == all.end())
        all.append(profile);
    else
        *it = profile;
    setProfiles(all);
    setCurrentProfileId(profile.id);
}

QString Settings::scope(const QString &connectionKey) const
{
    return m_settings->value(viewGroup(connectionKey) + u'/' + kViewScope).toString();
}

RunFilter Settings::filter(const QString &connectionKey) const
{
    // Stored as the server's own query string (plus a relative range, kept relative), so what is
    // saved reads as what is asked for.
    const QString query
        = m_settings->value(viewGroup(connectionKey) + u'/' + kViewFilter).toString();
    return RunFilter::fromSavedQuery(QUrlQuery(query));
}

void Settings::setView(const QString &connectionKey, const QString &scope, const RunFilter &filter)
{
    const QUrlQuery query = filter.toSavedQuery();
    const QString group = viewGroup(connectionKey);
    m_settings->setValue(group + u'/' + kViewScope, scope);
    m_settings->setValue(group + u'/' + kViewFilter, query.toString(QUrl::FullyEncoded));
}

QByteArray Settings::windowGeometry() const
{
    return m_settings->value(kWindowGeometry).toByteArray();
}

void Settings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings->setValue(kWindowGeometry, geometry);
}

QString Settings::theme() const
{
    return m_settings->value(kTheme, u"system"_s).toString();
}

void Settings::setTheme(const QString &theme)
{
    m_settings->setValue(kTheme, theme);
}

QJsonObject Settings::notificationPolicy() const
{
    return QJsonDocument::fromJson(m_settings->value(kNotificationPolicy).toByteArray()).object();
}

void Settings::setNotificationPolicy(const QJsonObject &policy)
{
    m_settings->setValue(kNotificationPolicy, QJsonDocument(policy).toJson(QJsonDocument::Compact));
}

QStringList Settings::watchedRuns() const
{
    return m_settings->value(kWatchedRuns).toStringList().mid(0, 1000);
}

void Settings::setWatchedRuns(const QStringList &runs)
{
    m_settings->setValue(kWatchedRuns, runs);
}

QJsonObject Settings::watchedRunNotes() const
{
    return QJsonDocument::fromJson(m_settings->value(kWatchedRunNotes).toByteArray()).object();
}

void Settings::setWatchedRunNotes(const QJsonObject &notes)
{
    m_settings->setValue(kWatchedRunNotes, QJsonDocument(notes).toJson(QJsonDocument::Compact));
}

QString Settings::closeToTray() const
{
    return m_settings->value(kCloseToTray).toString();
}

void Settings::setCloseToTray(const QString &answer)
{
    m_settings->setValue(kCloseToTray, answer);
}

QByteArray Settings::windowLayout() const
{
    return m_settings->value(kWindowLayout).toByteArray();
}

void Settings::setWindowLayout(const QByteArray &layout)
{
    m_settings->setValue(kWindowLayout, layout);
}

void Settings::sync()
{
    m_settings->sync();
    // Server addresses and run ids are nobody else's business on a shared machine. Later
    // saves replace the file with one of the same permissions.
    const QFileInfo file(m_settings->fileName());
    if (file.exists())
        QFile::setPermissions(file.filePath(), QFile::ReadOwner | QFile::WriteOwner);
    // Only the folder that is Runwatch's own: a file given on the command line may sit in /tmp.
    if (m_ownFolder && file.dir().dirName() == QCoreApplication::organizationName())
        QFile::setPermissions(file.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}
