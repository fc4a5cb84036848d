#pragma once

#include <QString>
#include <QUrl>

/**
 * A saved connection: which server to talk to and how to call it. The secret (API key) is never
 * part of a profile; it lives in the OS keychain under the profile's id.
 */
struct ConnectionProfile
{
    QString id; // stable, also the keychain account name
    QString name;
    QUrl baseUrl;
    bool allowInsecureHttp = false;

    bool isValid() const { return !id.isEmpty() && baseUrl.isValid(); }
    /** What the UI calls this connection: its name, or the server's host. */
    QString displayName() const;
    /** A sentence saying why this profile cannot be used, or empty. */
    QString problem() const;
    static QString newId();

    bool operator==(const ConnectionProfile &other) const;
    bool operator!=(const ConnectionProfile &other) const { return !(*this == other); }
};
