#pragma once

#include <QDateTime>
#include <QRandomGenerator>

#include "democatalog.h"
#include "demorun.h"

class DemoDatabase;

/**
 * Makes the demo server's runs: the deterministic seed data, the plan of a newly launched run,
 * and the clock that moves active runs queued → running → a final status, step by step.
 */
class DemoSimulator
{
public:
    /** `hostileText`: seeded reasons and workflow names are hostileText() (export tests). */
    explicit DemoSimulator(quint32 seed, bool hostileText = false);

    /** Fills an empty store with workflows and `runCount` workflow runs ending at `now`. */
    bool seed(DemoDatabase &database, int runCount, const QDateTime &now, QString *error);
    /** Learns the workflows of a store seeded earlier, so their runs play out the same way. */
    void adopt(const QList<Workflow> &workflows);
    /** What a run of this workflow is doing at a step (1-based), for screenshots. */
    QString stepLabel(const QString &workflowPermanentId, int step) const;
    QString startUrl(const QString &workflowPermanentId) const;
    /** Decides how many steps a new run takes and how it ends. */
    void plan(DemoRun &run);
    /** Moves one active run on by one tick; returns whether it changed. */
    bool advance(DemoRun &run, const QDateTime &now);
    /** A new scheduled run of a random workflow, as a cron trigger would create it. */
    DemoRun scheduledRun(const QList<Workflow> &workflows, const QDateTime &now);
    QString newRunId();

    static QString organizationId();
    /**
     * Text that breaks careless CSV and JSON writers, the `index`th of a few kinds: quotes and
     * commas, line breaks (LF, CRLF, a lone CR), right-to-left Hebrew, a spreadsheet formula,
     * 5 KB of all of them.
     */
    static QString hostileText(int index);

private:
    QString digits(int count);
    int pick(const QList<int> &weights);
    void finish(DemoRun &run, const QString &status, const QDateTime &now);
    void fillCommonFields(DemoRun &run, const Workflow &workflow, int index);

    QRandomGenerator m_random;
    bool m_hostileText = false;
    QList<DemoWorkflowTemplate> m_templates;
    QList<DemoFailure> m_failures;
    QHash<QString, int> m_templateIndex; // workflow permanent id -> template
    int m_sampleIndex = 0;
};
