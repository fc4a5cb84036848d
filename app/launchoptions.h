#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

/** What the command line asked for. */
struct LaunchOptions
{
    bool demo = false;
    QUrl serverUrl;
    QString apiKey;
    bool allowInsecureHttp = false;
    int demoTickMs = 1000;
    quint32 demoSeed = 1;
    QString settingsFile; // empty: the user's settings
    // Saved run lists for the first paint; empty: next to the settings file, or the user's cache.
    QString cacheFile;
    QString keychainService = QStringLiteral("Runwatch");
    // For the start-up benchmark: print "painted N rows" once rows are on screen, then quit.
    bool reportFirstPaint = false;
    bool minimized = false; // the window starts minimised
    // runwatch:// links to open, as given (read and checked when opened, so a bad one is said
    // in the window rather than lost on a terminal nobody sees).
    QStringList links;

    /** What tells apart setups that must not share one running instance (see SingleInstance). */
    QString instanceKey() const;

    /** Reads arguments and the environment; on failure says why in `error`. */
    static LaunchOptions parse(const QStringList &arguments, QString *error);
};
