#pragma once

#include <optional>

#include <QString>
#include <QUrl>

/**
 * A link to one run in Runwatch, `runwatch://run/<connection>/<run_id>`: the connection by its
 * id (ConnectionProfile::id) and the run by the server's id. Links come from other programs
 * (a chat message, a browser), so a link is read strictly: anything but that one shape is
 * refused with a sentence that says what is wrong, and nothing is opened.
 */
struct RunLink
{
    QString connection;
    QString runId;

    static constexpr qsizetype kMaxLength = 1024; // real links are under 200 characters
    static constexpr auto kScheme = "runwatch";

    /** Reads a link; on failure returns nullopt and says why in `error`. */
    static std::optional<RunLink> parse(const QString &text, QString *error);
    /** Whether `text` is meant as a link (its scheme is ours), valid or not. */
    static bool looksLikeLink(const QString &text);
    QUrl toUrl() const;
    QString toString() const { return toUrl().toString(QUrl::FullyEncoded); }
};
