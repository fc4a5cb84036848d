#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

#include "runfilter.h"

/** The exit statuses of runwatch-cli, as documented in its help and the README. */
namespace CliExit {
constexpr int kOk = 0;
constexpr int kRunNotCompleted = 1; // watch: the run ended otherwise; cancel/retry: a run was not
constexpr int kError = 2; // usage, connection, key or server error
constexpr int kInterrupted = 130; // Ctrl+C (128 + SIGINT, as shells report it)
} // namespace CliExit

/** Which server to talk to, as the command line chose it. */
struct CliConnectionOptions
{
    QString connection; // a saved connection's name or id; empty: the current one
    QString settingsFile; // empty: the user's settings, as the window uses them
    QUrl server; // a server named on the command line, its key from the environment
    bool platform = false; // the server (or the demo's) is a workflow platform
    bool demo = false; // the built-in demo server, started in this process
    bool allowInsecureHttp = false;
    QStringList workflows; // the workflows a platform connection lists (and a list's scope)
    QString keychainService = QStringLiteral("Runwatch");
};

/** What `runwatch-cli runs <verb> …` asked for, read and checked before anything is sent. */
struct CliArguments
{
    enum class Verb { None, List, View, Watch, Cancel, Retry, Export };

    Verb verb = Verb::None;
    CliConnectionOptions connection;
    bool verbose = false;
    bool json = false;
    RunFilter filter;
    QString workflow; // the list's scope (one workflow); empty: every workflow
    int limit = 20; // list: how many runs
    QStringList runIds; // view, watch: one; cancel, retry: one or more
    double intervalSeconds = 3; // watch
    QString format; // export: "csv" or "jsonl"
    QString output; // export: a file; empty: standard output

    /**
     * Reads the arguments (the program's name first). On `--help` or `--version`, `text` is set
     * to what to print and the verb stays None; on a mistake, `error` says what is wrong.
     */
    static CliArguments parse(const QStringList &arguments, QString *text, QString *error);
    /** The overview `runwatch-cli --help` prints: commands, connections, exit statuses. */
    static QString overview();
};
