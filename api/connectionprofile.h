#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <QUrl>

/**
 * A saved connection: which server to talk to and how to call it. The secret (API key) is never
 * part of a profile; it lives in the OS keychain under the profile's id.
 */
struct ConnectionProfile
{
    enum class Kind {
        Skyvern, // Skyvern Cloud or self-hosted: x-api-key, page/page_size lists
        WorkflowPlatform, // the limit/offset platform: bearer token, one workflow per list
    };

    QString id; // stable, also the keychain account name
    QString name;
    Kind kind = Kind::Skyvern;
    QUrl baseUrl;
    bool allowInsecureHttp = false;
    QStringList workflowIds; // WorkflowPlatform: the workflows to watch
    // WorkflowPlatform: names to show for workflow ids, as the platform lists no workflows
    QHash<QString, QString> workflowNames;

    static QString kindToString(Kind kind);
    static Kind kindFromString(const QString &text);
    /** What the secret is called for this kind: "API key" or "token". */
    QString secretName() const;

    bool isValid() const { return !id.isEmpty() && baseUrl.isValid(); }
    /** What the UI calls this connection: its name, or the server's host. */
    QString displayName() const;
    /** A sentence saying why this profile cannot be used, or empty. */
    QString problem() const;
    static QString newId();
    /** The workflows as typed in the connection dialog: "wf_a = Name, wf_b". */
    QString workflowsText() const;
    /** Reads workflowsText(): entries split by commas or lines, each an id, optionally
     * followed by "= display name"; ids alone may also be split by spaces. */
    void setWorkflowsFromText(const QString &text);

    bool operator==(const ConnectionProfile &other) const;
    bool operator!=(const ConnectionProfile &other) const { return !(*this == other); }
};
