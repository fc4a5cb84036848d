#include "cliarguments.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include "serveraddress.h"

using namespace Qt::StringLiterals;

namespace {

const QString kExitStatuses = u"Exit status:\n"
                              "  0    done (watch: the run completed)\n"
                              "  1    watch: the run ended otherwise (failed, terminated, timed "
                              "out, canceled);\n"
                              "       cancel, retry: at least one run was not cancelled or "
                              "retried\n"
                              "  2    a mistake on the command line, no key, or the server "
                              "could not be reached or refused\n"
                              "  130  interrupted (Ctrl+C)\n"_s;

struct Options
{
    QCommandLineOption help {{u"h"_s, u"help"_s}, u"Show this help."_s};
    QCommandLineOption version {u"version"_s, u"Show the version."_s};
    QCommandLineOption connection {u"connection"_s,
        u"A saved connection (its name or id), as the Runwatch window keeps them; default: the "
        "one the window shows."_s,
        u"name"_s};
    QCommandLineOption settings {
        u"settings"_s, u"Read saved connections from this settings file."_s, u"file"_s};
    QCommandLineOption server {u"server"_s,
        u"A server to talk to instead of a saved connection; its key is read from "
        "SKYVERN_API_KEY."_s,
        u"url"_s};
    QCommandLineOption platform {u"platform"_s,
        u"The server (or the demo's) is a workflow platform (B3OS): a bearer token, runs "
        "listed one workflow at a time."_s};
    QCommandLineOption demo {
        u"demo"_s, u"Start the built-in demo server in this process and talk to it."_s};
    QCommandLineOption insecure {
        u"allow-insecure-http"_s, u"Allow plain http to a host other than this machine."_s};
    QCommandLineOption workflow {u"workflow"_s,
        u"Only the runs of this workflow (wpid_…); for a workflow platform, repeat it to name "
        "each workflow it lists."_s,
        u"id"_s};
    QCommandLineOption verbose {u"verbose"_s,
        u"Log every request to standard error (method, path, status, time; never a key)."_s};
    QCommandLineOption keychainService {
        u"keychain-service"_s, u"Keychain service name."_s, u"name"_s, u"Runwatch"_s};

    QCommandLineOption json {u"json"_s, u"Print JSON for programs instead of a table."_s};
    QCommandLineOption status {u"status"_s,
        u"Only runs in this status (created, queued, running, paused, failed, terminated, "
        "canceled, timed_out, completed); repeat it or separate with commas."_s,
        u"status"_s};
    QCommandLineOption search {u"search"_s,
        u"Only runs whose id, parameters or extra headers contain this text."_s, u"text"_s};
    QCommandLineOption errorCode {
        u"error-code"_s, u"Only runs that failed with this error code."_s, u"code"_s};
    QCommandLineOption tag {u"tag"_s,
        u"Only runs with this tag (env:prod, env:*, nightly); repeat it for several."_s, u"tag"_s};
    QCommandLineOption limit {
        u"limit"_s, u"How many runs, newest first (default 20)."_s, u"n"_s, u"20"_s};
    QCommandLineOption interval {
        u"interval"_s, u"Seconds between looks at the run (default 3)."_s, u"seconds"_s, u"3"_s};
    QCommandLineOption format {
        u"format"_s, u"csv (RFC 4180, UTF-8) or jsonl (JSON Lines)."_s, u"format"_s};
    QCommandLineOption output {u"output"_s,
        u"Write to this file (whole or not at all) instead of standard output."_s, u"file"_s};

    Options() { keychainService.setFlags(QCommandLineOption::HiddenFromHelp); }

    QList<QCommandLineOption> global() const
    {
        return {help, connection, settings, server, platform, demo, insecure, workflow, verbose,
            keychainService};
    }
};

struct VerbInfo
{
    CliArguments::Verb verb;
    QString name;
    QString synopsis;
    QString description;
};

const QList<VerbInfo> &verbs()
{
    static const QList<VerbInfo> list {
        {CliArguments::Verb::List, u"list"_s, u"runs list [options]"_s,
            u"List runs, newest first."_s},
        {CliArguments::Verb::View, u"view"_s, u"runs view <run id> [--json]"_s,
            u"Show one run: status, times, failure, error codes, links."_s},
        {CliArguments::Verb::Watch, u"watch"_s, u"runs watch <run id> [--interval S]"_s,
            u"Follow a run until it ends, one line per change of status; exit 0 when it "
            "completed, 1 when it ended otherwise."_s},
        {CliArguments::Verb::Cancel, u"cancel"_s, u"runs cancel <run id>… [--json]"_s,
            u"Cancel queued or running runs, one line per run."_s},
        {CliArguments::Verb::Retry, u"retry"_s, u"runs retry <run id>… [--json]"_s,
            u"Start runs that ended again with their parameters, one line per run with the "
            "new run's id."_s},
        {CliArguments::Verb::Export, u"export"_s, u"runs export --format csv|jsonl [options]"_s,
            u"Write every run of the filter, all pages, every field under its wire name."_s},
    };
    return list;
}

bool takesValue(const Options &options, const QString &argument)
{
    if (!argument.startsWith(u'-') || argument.contains(u'='))
        return false;
    QString name = argument;
    while (name.startsWith(u'-'))
        name.remove(0, 1);
    for (const QCommandLineOption &option : options.global()) {
        if (option.names().contains(name))
            return !option.valueName().isEmpty();
    }
    return false;
}

// Everything shares one reader of the filter options, so list and export mean the same.
bool readFilter(
    const QCommandLineParser &parser, const Options &options, CliArguments &args, QString *error)
{
    for (const QString &value : parser.values(options.status)) {
        for (const QString &word : value.split(u',', Qt::SkipEmptyParts)) {
            const QString wire = word.trimmed().toLower().replace(u'-', u'_');
            const RunStatus status = runStatusFromWire(wire);
            if (status == RunStatus::Unknown) {
                QStringList known;
                for (RunStatus each : allRunStatuses())
                    known.append(runStatusToWire(each));
                *error = u"unknown status \"%1\"; the statuses are %2."_s.arg(
                    word.trimmed(), known.join(u", "_s));
                return false;
            }
            if (!args.filter.statuses.contains(status))
                args.filter.statuses.append(status);
        }
    }
    args.filter.searchKey = parser.value(options.search);
    args.filter.errorCode = parser.value(options.errorCode);
    for (const QString &value : parser.values(options.tag)) {
        const QString term = value.trimmed();
        const QString problem = RunFilter::tagTermError(term);
        if (!problem.isEmpty()) {
            *error = u"--tag %1: %2"_s.arg(term, problem);
            return false;
        }
        args.filter.tags.append(term);
    }
    const QString problem = args.filter.validationError();
    if (!problem.isEmpty()) {
        *error = problem;
        return false;
    }
    return true;
}

bool readCount(const QString &text, int min, int *value)
{
    bool ok = false;
    const int number = text.toInt(&ok);
    if (!ok || number < min)
        return false;
    *value = number;
    return true;
}

} // namespace

QString CliArguments::overview()
{
    Options options;
    QString text = u"Usage: runwatch-cli [connection] runs <command> [options]\n\n"
                   "Runwatch's run list for scripts: list, look at, follow, cancel, retry and "
                   "export runs of Skyvern or a workflow platform.\n\nCommands:\n"_s;
    for (const VerbInfo &info : verbs())
        text += u"  %1\n      %2\n"_s.arg(info.synopsis, info.description);
    text += u"\n`runwatch-cli runs <command> --help` lists a command's options.\n\n"
            "Connection (default: the saved connection the Runwatch window shows):\n"_s;
    for (const QCommandLineOption &option : options.global()) {
        if ((option.flags() & QCommandLineOption::HiddenFromHelp)
            || option.names().contains(u"help"_s))
            continue;
        QString name = u"--"_s + option.names().constLast();
        if (!option.valueName().isEmpty())
            name += u" <"_s + option.valueName() + u'>';
        text += u"  %1\n      %2\n"_s.arg(name, option.description());
    }
    text += u"\nThe key of a saved connection comes from the system keychain; SKYVERN_API_KEY, "
            "when set, is used instead (and is the only way to give --server one). A key is "
            "never taken from the command line and never printed.\n\n"_s;
    return text + kExitStatuses;
}

CliArguments CliArguments::parse(const QStringList &arguments, QString *text, QString *error)
{
    CliArguments args;
    Options options;
    // The two words `runs <verb>` may stand anywhere among the options; skip option values.
    QStringList rest = arguments;
    QList<qsizetype> words;
    for (qsizetype i = 1; i < rest.size() && words.size() < 2; ++i) {
        const QString &argument = rest.at(i);
        if (argument == u"--"_s)
            break;
        if (argument.startsWith(u'-')) {
            if (takesValue(options, argument))
                ++i;
            continue;
        }
        words.append(i);
    }
    if (words.isEmpty()) {
        if (rest.contains(u"--version"_s))
            *text = u"runwatch-cli " RUNWATCH_VERSION "\n"_s;
        else if (rest.contains(u"--help"_s) || rest.contains(u"-h"_s) || rest.size() == 1)
            *text = overview();
        else
            *error = u"say what to do, e.g. `runwatch-cli runs list`; see --help."_s;
        return args;
    }
    if (rest.at(words.first()) != u"runs"_s) {
        *error = u"unknown command \"%1\"; the commands are `runs list`, `runs view`, "
                 "`runs watch`, `runs cancel`, `runs retry` and `runs export`."_s.arg(
                     rest.at(words.first()));
        return args;
    }
    const VerbInfo *info = nullptr;
    if (words.size() == 2) {
        for (const VerbInfo &each : verbs()) {
            if (each.name == rest.at(words.at(1)))
                info = &each;
        }
    }
    if (!info) {
        if (words.size() < 2 && (rest.contains(u"--help"_s) || rest.contains(u"-h"_s)))
            *text = overview();
        else
            *error = u"%1; the commands are list, view, watch, cancel, retry and export."_s.arg(
                words.size() < 2 ? u"`runs` needs a command"_s
                                 : u"unknown command \"runs %1\""_s.arg(rest.at(words.at(1))));
        return args;
    }
    rest.removeAt(words.at(1));
    rest.removeAt(words.at(0));

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setApplicationDescription(info->description);
    parser.addOptions(options.global());
    const Verb verb = info->verb;
    const bool filtered = verb == Verb::List || verb == Verb::Export;
    if (filtered)
        parser.addOptions({options.status, options.search, options.errorCode, options.tag});
    if (verb == Verb::List)
        parser.addOption(options.limit);
    if (verb == Verb::Export)
        parser.addOptions({options.format, options.output});
    if (verb == Verb::Watch)
        parser.addOption(options.interval);
    if (verb != Verb::Watch && verb != Verb::Export)
        parser.addOption(options.json);
    if (verb == Verb::View || verb == Verb::Watch)
        parser.addPositionalArgument(u"run-id"_s, u"The run (wr_…, tsk_…)."_s, u"<run id>"_s);
    if (verb == Verb::Cancel || verb == Verb::Retry)
        parser.addPositionalArgument(u"run-id"_s, u"One or more runs."_s, u"<run id>…"_s);
    if (!parser.parse(rest)) {
        *error = parser.errorText();
        if (!error->endsWith(u'.'))
            *error += u'.';
        return args;
    }
    if (parser.isSet(options.help)) {
        QString help = parser.helpText();
        // Qt names the program alone; say the whole command.
        const QString program = QCoreApplication::applicationFilePath().section(u'/', -1);
        help.replace(u"Usage: "_s + program, u"Usage: runwatch-cli runs "_s + info->name);
        *text = help + u'\n' + kExitStatuses;
        return args;
    }

    CliConnectionOptions &connection = args.connection;
    connection.connection = parser.value(options.connection);
    connection.settingsFile = parser.value(options.settings);
    connection.demo = parser.isSet(options.demo);
    connection.platform = parser.isSet(options.platform);
    connection.allowInsecureHttp = parser.isSet(options.insecure);
    connection.workflows = parser.values(options.workflow);
    connection.keychainService = parser.value(options.keychainService);
    args.verbose = parser.isSet(options.verbose);
    args.workflow = connection.workflows.value(0);
    const int ways = int(parser.isSet(options.server)) + int(connection.demo)
        + int(parser.isSet(options.connection));
    if (ways > 1) {
        *error = u"choose one of --connection, --server and --demo."_s;
        return args;
    }
    if (parser.isSet(options.server)) {
        connection.server = ServerAddress::fromUserInput(parser.value(options.server));
        const QString problem
            = ServerAddress::problem(connection.server, connection.allowInsecureHttp);
        if (!problem.isEmpty()) {
            *error = problem;
            return args;
        }
    }
    if (connection.platform && !connection.demo && connection.server.isEmpty()) {
        *error = u"--platform goes with --server or --demo."_s;
        return args;
    }
    if (connection.platform && connection.server.isValid() && connection.workflows.isEmpty()) {
        *error = u"a workflow platform lists runs one workflow at a time: name them with "
                 "--workflow."_s;
        return args;
    }

    const QStringList positional = parser.positionalArguments();
    if ((verb == Verb::View || verb == Verb::Watch) && positional.size() != 1) {
        *error = u"`runs %1` takes one run id."_s.arg(info->name);
        return args;
    }
    if ((verb == Verb::Cancel || verb == Verb::Retry) && positional.isEmpty()) {
        *error = u"`runs %1` needs at least one run id."_s.arg(info->name);
        return args;
    }
    if ((verb == Verb::List || verb == Verb::Export) && !positional.isEmpty()) {
        *error = u"`runs %1` takes no run ids (unexpected \"%2\")."_s.arg(
            info->name, positional.constFirst());
        return args;
    }
    for (const QString &id : positional) {
        if (id.isEmpty() || id.size() > 200 || id.contains(u'/') || id.contains(u' ')) {
            *error = u"\"%1\" is not a run id."_s.arg(id.left(200));
            return args;
        }
        if (!args.runIds.contains(id))
            args.runIds.append(id);
    }
    if (filtered && !readFilter(parser, options, args, error))
        return args;
    if (verb == Verb::List && !readCount(parser.value(options.limit), 1, &args.limit)) {
        *error = u"--limit must be a whole number from 1."_s;
        return args;
    }
    if (verb == Verb::Export) {
        args.format = parser.value(options.format);
        if (args.format != u"csv"_s && args.format != u"jsonl"_s) {
            *error = args.format.isEmpty()
                ? u"`runs export` needs --format csv or --format jsonl."_s
                : u"--format must be csv or jsonl."_s;
            return args;
        }
        args.output = parser.value(options.output);
    }
    if (verb == Verb::Watch) {
        bool ok = false;
        args.intervalSeconds = parser.value(options.interval).toDouble(&ok);
        if (!ok || args.intervalSeconds < 0.1 || args.intervalSeconds > 3600) {
            *error = u"--interval must be a number of seconds from 0.1 to 3600."_s;
            return args;
        }
    }
    args.json = parser.isSet(options.json);
    args.verb = verb;
    return args;
}
