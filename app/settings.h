#pragma once

#include <memory>

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "connectionprofile.h"
#include "runfilter.h"

class QSettings;

/**
 * Preferences and window state behind one small facade, with the keys in one table. Tests point
 * it at a temporary file. It never stores a secret: API keys go to the keychain.
 */
class Settings final
{
public:
    /** Uses the user's settings file, or `fileName` (an INI file) when given. */
    explicit Settings(const QString &fileName = {});
    ~Settings();

    QString fileName() const;

    QList<ConnectionProfile> profiles() const;
    void setProfiles(const QList<ConnectionProfile> &profiles);
    QString currentProfileId() const;
    void setCurrentProfileId(const QString &id);
    /** The current profile, or an invalid one when none is saved. */
    ConnectionProfile currentProfile() const;
    /** Adds or replaces a profile (by id) and makes it current. */
    void saveProfile(const ConnectionProfile &profile);
    void removeProfile(const QString &id);

    /** The scope and filter a connection's list was last shown with. */
    QString scope(const QString &connectionKey) const;
    RunFilter filter(const QString &connectionKey) const;
    void setView(const QString &connectionKey, const QString &scope, const RunFilter &filter);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowLayout() const;
    void setWindowLayout(const QByteArray &layout);
    /** "system", "light" or "dark". */
    QString theme() const;
    void setTheme(const QString &theme);

    /** When to notify (NotificationPolicy::toJson), kept as plain data. */
    QJsonObject notificationPolicy() const;
    void setNotificationPolicy(const QJsonObject &policy);
    /** Runs watched until they end, as "connection id/run id"; they survive a restart. */
    QStringList watchedRuns() const;
    void setWatchedRuns(const QStringList &runs);
    /** What is known of each watched run by its key ({"title", "workflow"}), so the Watched
     * list reads well and a run is found again before any server answers. */
    QJsonObject watchedRunNotes() const;
    void setWatchedRunNotes(const QJsonObject &notes);
    /** Closing the window keeps Runwatch in the tray: "yes", "no", or empty (not asked yet). */
    QString closeToTray() const;
    void setCloseToTray(const QString &answer);

    void sync();

private:
    std::unique_ptr<QSettings> m_settings;
    bool m_ownFolder = false; // the default place, not a file named on the command line
};
