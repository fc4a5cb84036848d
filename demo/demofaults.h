#pragma once

#include <QList>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include "demohttpresponder.h"
#include "demoreply.h"

/** Ways the demo server can misbehave, to show how the client copes. */
enum class DemoFault {
    None,
    Latency, // answers late (0.2–1.5 s)
    Stall, // never answers; the client's timeout must fire
    Reset, // sends half the body, then resets the connection
    ServerError, // 500
    BadGateway, // 502
    Unavailable, // 503
    RateLimited, // 429 with Retry-After: 1
    Malformed, // a body that is not JSON
    Truncated, // JSON cut short
    WrongType, // a field of the wrong type
    Absurd, // huge texts, many errors, year 9999, empty ids, unknown statuses, RTL text
    DuplicateIds, // a run repeated on a page
    LaunchReset, // creates the launched run, then drops the connection before answering
    NotFound, // 404: a screenshot link that went stale
};

/** Which faults to inject and how often. */
struct DemoFaultOptions
{
    double rate = 0; // share of API answers that get a fault, 0–1
    QList<DemoFault> kinds; // empty: all but LaunchReset
    bool dropLaunchAnswers = false; // every launch: LaunchReset
    quint32 seed = 1;
    // What runs did and left, on every run (not by chance like `rate`), to show the extremes:
    bool hugeEvidence = false; // timelines of 2,000 actions, artifact lists of 10,000
    bool brokenEvidence = false; // the first action's screenshot is no image, the recording cut
};

/**
 * Decides per request whether and how to misbehave, and rewrites or delivers the answer
 * accordingly. Only API answers get faults; artifacts get their own (404, not an image).
 */
class DemoFaultInjector
{
public:
    explicit DemoFaultInjector(DemoFaultOptions options);

    bool isActive() const { return m_options.rate > 0 || m_options.dropLaunchAnswers; }
    DemoFault pick(bool isLaunch, bool isArtifact);
    /** Changes the body for the faults that are about content; the others leave it. */
    void mutate(DemoFault fault, DemoReply &reply);
    /** Writes the answer as the fault wants it (late, half, not at all). */
    void deliver(DemoFault fault, DemoHttpResponder responder, DemoReply reply);
    int injected() const { return m_injected; }

    static QString name(DemoFault fault);
    /** The names parseKinds() knows, in the order of the help text. */
    static QStringList kindNames();
    /** Reads "latency,reset,…"; returns false with the unknown name (or none) in `error`. */
    static bool parseKinds(const QString &text, QList<DemoFault> *kinds, QString *error);

private:
    DemoFaultOptions m_options;
    QRandomGenerator m_random;
    int m_injected = 0;
};
