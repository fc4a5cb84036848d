#include "demosimulator.h"

#include <QJsonArray>
#include <QJsonObject>

#include "demodatabase.h"

using namespace Qt::StringLiterals;

DemoSimulator::DemoSimulator(quint32 seed, bool hostileText)
    : m_random(seed)
    , m_hostileText(hostileText)
    , m_templates(DemoCatalog::workflows())
    , m_failures(DemoCatalog::failures())
{ }

QString DemoSimulator::organizationId()
{
    return u"o_310556874913225570"_s;
}

QString DemoSimulator::hostileText(int index)
{
    static const QStringList kinds = [] {
        QStringList texts {
            u"Login failed: \"invalid, password\" at step 3, then \"\"again\"\""_s,
            u"First line\nsecond line, with a comma\r\nthird line\rafter a lone CR"_s,
            u"שלום, עולם: \"הכניסה נכשלה\" (RTL) — and English after it"_s,
            u"=HYPERLINK(\"https://example.invalid\",\"click\")"_s,
            u"-1+2 @sum  ; tabs\tinside\tand a trailing space "_s,
            u"🤖 Bot check, \u200fמעבר\u200e, emoji and marks"_s,
        };
        QString big;
        while (big.size() < 5 * 1024)
            big += texts.at(big.size() % texts.size()) + u'\n';
        texts.append(big.left(5 * 1024));
        return texts;
    }();
    return kinds.at(index % kinds.size());
}

QString DemoSimulator::digits(int count)
{
    QString text;
    text.reserve(count);
    text.append(QChar(u'1' + m_random.bounded(9)));
    while (text.size() < count)
        text.append(QChar(u'0' + m_random.bounded(10)));
    return text;
}

QString DemoSimulator::newRunId()
{
    return u"wr_"_s + digits(18);
}

int DemoSimulator::pick(const QList<int> &weights)
{
    int total = 0;
    for (int weight : weights)
        total += weight;
    int roll = int(m_random.bounded(total));
    for (int i = 0; i < weights.size(); ++i) {
        if (roll < weights.at(i))
            return i;
        roll -= weights.at(i);
    }
    return int(weights.size()) - 1;
}

void DemoSimulator::adopt(const QList<Workflow> &workflows)
{
    for (const Workflow &workflow : workflows) {
        for (int i = 0; i < m_templates.size(); ++i) {
            if (m_templates.at(i).title == workflow.title)
                m_templateIndex.insert(workflow.workflowPermanentId, i);
        }
    }
}

QString DemoSimulator::stepLabel(const QString &workflowPermanentId, int step) const
{
    const int templateIndex = m_templateIndex.value(workflowPermanentId, -1);
    if (templateIndex < 0)
        return QStringLiteral("Step %1").arg(step);
    const QStringList &labels = m_templates.at(templateIndex).stepLabels;
    return labels.at(qBound(0, step - 1, int(labels.size()) - 1));
}

QString DemoSimulator::startUrl(const QString &workflowPermanentId) const
{
    const int templateIndex = m_templateIndex.value(workflowPermanentId, -1);
    return templateIndex < 0 ? QString() : m_templates.at(templateIndex).startUrl;
}

bool DemoSimulator::seed(DemoDatabase &database, int runCount, const QDateTime &now, QString *error)
{
    database.beginTransaction();
    QList<Workflow> workflows;
    const QDateTime epoch = now.addDays(-120);
    for (int i = 0; i < m_templates.size(); ++i) {
        const DemoWorkflowTemplate &source = m_templates.at(i);
        Workflow workflow;
        workflow.workflowPermanentId = u"wpid_"_s + digits(18);
        workflow.workflowId = u"w_"_s + digits(18);
        workflow.organizationId = organizationId();
        workflow.title = m_hostileText ? source.title + u", "_s + hostileText(i) : source.title;
        workflow.description = source.description;
        workflow.version = 1 + m_random.bounded(6);
        workflow.createdAt = epoch.addSecs(i * 86400 * 3);
        workflow.modifiedAt = workflow.createdAt;
        workflow.parameters = source.parameters;
        for (WorkflowParameter &parameter : workflow.parameters)
            parameter.workflowParameterId = u"wp_"_s + digits(18);
        m_templateIndex.insert(workflow.workflowPermanentId, i);
        if (!database.insertWorkflow(workflow, source.startUrl)) {
            if (error)
                *error = database.lastError();
            return false;
        }
        workflows.append(workflow);
    }

    // Ids first, so a child run can name the older run that started it.
    QStringList ids;
    for (int i = 0; i < runCount; ++i)
        ids.append(newRunId());
    const QList<int> workflowWeights {18, 12, 9, 14, 6, 10, 5, 8, 11, 7};
    QDateTime created = now.addSecs(-20);
    for (int i = 0; i < runCount; ++i) {
        created = created.addSecs(-(60 + m_random.bounded(1900)));
        const Workflow &workflow = workflows.at(pick(workflowWeights.mid(0, workflows.size())));
        DemoRun run;
        run.runId = ids.at(i);
        run.createdAt = created;
        fillCommonFields(run, workflow, i);
        if (i > 12 && i + 1 < runCount && m_random.bounded(100) < 6) {
            run.parentRunId = ids.at(i + 1);
            run.triggerType = u"api"_s;
        }
        plan(run);
        run.queuedAt = created.addMSecs(300 + m_random.bounded(15000));
        if (i < 5) {
            // The newest few are still going; the simulator will finish them.
            const QStringList active {
                u"running"_s, u"running"_s, u"queued"_s, u"running"_s, u"created"_s};
            run.status = active.at(i);
            if (run.status == "created"_L1)
                run.queuedAt = {};
            if (run.status == "running"_L1) {
                run.startedAt = run.queuedAt.addSecs(2);
                run.stepCount = 1 + i % 2;
                run.plannedSteps += 6;
            }
            run.modifiedAt = run.startedAt.isValid() ? run.startedAt : created;
        } else {
            const QStringList finals {u"completed"_s, u"failed"_s, u"terminated"_s, u"canceled"_s,
                u"timed_out"_s, u"paused"_s};
            const QString status = finals.at(pick({62, 19, 4, 5, 6, 1}));
            run.startedAt = run.queuedAt.addMSecs(500 + m_random.bounded(90000));
            if (status == "paused"_L1) {
                run.status = status;
                run.stepCount = 1 + m_random.bounded(3);
                run.modifiedAt = run.startedAt.addSecs(30);
            } else if (status == "canceled"_L1 && m_random.bounded(2) == 0) {
                run.status = status; // canceled while still in the queue
                run.startedAt = {};
                run.finishedAt = run.queuedAt.addSecs(5 + m_random.bounded(300));
                run.modifiedAt = run.finishedAt;
            } else {
                const qint64 seconds = status == "timed_out"_L1
                    ? 60 * run.maxElapsedMinutes.value_or(240)
                    : 15 + m_random.bounded(status == "completed"_L1 ? 900 : 400);
                run.stepCount = status == "completed"_L1
                    ? run.plannedSteps
                    : qMax(1, int(m_random.bounded(run.plannedSteps)));
                finish(run, status, run.startedAt.addSecs(seconds));
            }
        }
        if (m_hostileText && !run.failureReason.isEmpty())
            run.failureReason = hostileText(i);
        if (!database.insertRun(run)) {
            if (error)
                *error = database.lastError();
            return false;
        }
    }

    // A few single task runs: not in workflow lists, but `GET /v1/runs/{id}` answers them.
    for (int i = 0; i < 40; ++i) {
        DemoRun task;
        // Mostly Skyvern 2.0 tasks, and some of the other agents a run list shows.
        static const char *const kTypes[] = {"task_v2", "task_v1", "task_v2", "openai_cua",
            "task_v2", "anthropic_cua", "task_v2", "ui_tars"};
        task.runType = QString::fromLatin1(kTypes[i % 8]);
        task.runId = (task.runType == "task_v2"_L1 ? u"tsk_v2_"_s : u"tsk_"_s) + digits(18);
        const DemoWorkflowTemplate &source = m_templates.at(i % m_templates.size());
        task.createdAt = now.addSecs(-3600 * (i + 1) * 7);
        task.queuedAt = task.createdAt.addSecs(2);
        task.startedAt = task.queuedAt.addSecs(5);
        task.taskRequest = QJsonObject {
            {u"prompt"_s, source.description},
            {u"url"_s, source.startUrl},
            {u"engine"_s, u"skyvern-2.0"_s},
            {u"title"_s, source.title},
            {u"proxy_location"_s, u"RESIDENTIAL"_s},
            {u"max_steps"_s, 10},
        };
        task.title = source.title;
        task.plannedSteps = source.stepLabels.size();
        task.stepCount = task.plannedSteps;
        finish(task, i % 4 == 3 ? u"failed"_s : u"completed"_s, task.startedAt.addSecs(120 + i));
        if (!database.insertRun(task)) {
            if (error)
                *error = database.lastError();
            return false;
        }
    }
    if (!database.commit()) {
        if (error)
            *error = database.lastError();
        return false;
    }
    return true;
}

void DemoSimulator::fillCommonFields(DemoRun &run, const Workflow &workflow, int index)
{
    static const QStringList tenants {
        u"acme-prod"_s, u"acme-staging"_s, u"globex-eu"_s, u"initech-us"_s};
    run.workflowPermanentId = workflow.workflowPermanentId;
    run.triggerType
        = QStringList {u"api"_s, u"scheduled"_s, u"manual"_s, u"webhook"_s, u"mcp"_s}.at(
            pick({40, 25, 20, 10, 5}));
    for (const WorkflowParameter &parameter : workflow.parameters)
        run.parameters.insert(parameter.key, DemoCatalog::sampleValue(parameter, index));
    const int headerRoll = int(m_random.bounded(100));
    if (headerRoll < 25)
        run.extraHttpHeaders.insert(u"X-Tenant"_s, tenants.at(index % tenants.size()));
    if (headerRoll < 8)
        run.extraHttpHeaders.insert(u"X-Request-Source"_s, u"crm-sync"_s);
    switch (pick({55, 15, 10, 20})) {
    case 0:
        run.proxyLocation = u"RESIDENTIAL"_s;
        break;
    case 1:
        run.proxyLocation = u"RESIDENTIAL_GB"_s;
        break;
    case 2:
        run.proxyLocation = QJsonObject {
            {u"country"_s, u"US"_s}, {u"subdivision"_s, u"CA"_s}, {u"city"_s, u"San Francisco"_s}};
        break;
    default:
        run.proxyLocation = QJsonValue();
        break;
    }
    if (m_random.bounded(100) < 25)
        run.webhookUrl = u"https://hooks.ops.example/skyvern"_s;
    if (m_random.bounded(100) < 10)
        run.browserSessionId = u"pbs_"_s + digits(18);
    if (m_random.bounded(100) < 12)
        run.browserProfileId = u"bp_"_s + digits(18);
    if (m_random.bounded(100) < 15) {
        run.totpIdentifier = u"ops+%1@acme.example"_s.arg(index % 5);
    }
    run.maxElapsedMinutes = QList<int> {30, 60, 120, 240}.at(pick({30, 40, 20, 10}));
    run.runWith = m_random.bounded(100) < 20 ? u"code"_s : u"agent"_s;
    run.aiFallback = run.runWith == "code"_L1;
}

void DemoSimulator::plan(DemoRun &run)
{
    const int templateIndex = m_templateIndex.value(run.workflowPermanentId, -1);
    const int steps = templateIndex >= 0 ? int(m_templates.at(templateIndex).stepLabels.size()) : 4;
    run.plannedSteps = qMax(2, steps - int(m_random.bounded(2)));
    run.plannedOutcome
        = QStringList {u"completed"_s, u"failed"_s, u"timed_out"_s, u"terminated"_s}.at(
            pick({64, 26, 6, 4}));
    if (run.status.isEmpty())
        run.status = u"created"_s;
}

void DemoSimulator::finish(DemoRun &run, const QString &status, const QDateTime &now)
{
    run.status = status;
    run.finishedAt = now;
    run.modifiedAt = now;
    const int templateIndex = m_templateIndex.value(run.workflowPermanentId, -1);
    if (status == "completed"_L1) {
        run.stepCount = qMax(run.stepCount, run.plannedSteps);
        QJsonObject output {
            {u"records"_s, 1 + int(m_random.bounded(40))}, {u"completed_steps"_s, run.stepCount}};
        if (templateIndex >= 0) {
            const DemoWorkflowTemplate &source = m_templates.at(templateIndex);
            output.insert(u"source_url"_s, source.startUrl);
            if (!source.downloadName.isEmpty())
                run.downloadedFiles = {source.downloadName};
        }
        output.insert(u"extracted"_s,
            QJsonObject {{u"confidence"_s, 0.7 + m_random.bounded(30) / 100.0},
                {u"notes"_s, u"All requested fields were found."_s}});
        run.output = output;
        return;
    }
    if (status == "failed"_L1 || status == "terminated"_L1) {
        const DemoFailure &failure = m_failures.at(m_random.bounded(int(m_failures.size())));
        run.failureReason
            = status == "terminated"_L1 ? u"Terminated: "_s + failure.reason : failure.reason;
        run.errors = {{failure.errorCode, failure.reason, 0.75 + m_random.bounded(25) / 100.0}};
        if (m_random.bounded(100) < 20) {
            const DemoFailure &second = m_failures.at(m_random.bounded(int(m_failures.size())));
            if (second.errorCode != failure.errorCode)
                run.errors.append({second.errorCode, second.reason, 0.55});
        }
        run.failureCategory = QJsonArray {QJsonObject {{u"category"_s, failure.category},
            {u"confidence_float"_s, 0.8}, {u"reasoning"_s, failure.reason}}};
        return;
    }
    if (status == "timed_out"_L1) {
        run.failureReason = u"Timed out: the page stopped responding and the run hit its time "
                            "limit."_s;
        run.failureCategory = QJsonArray {
            QJsonObject {{u"category"_s, u"TIMEOUT"_s}, {u"confidence_float"_s, 1.0}}};
    }
}

bool DemoSimulator::advance(DemoRun &run, const QDateTime &now)
{
    if (run.status == "created"_L1) {
        run.status = u"queued"_s;
        run.queuedAt = now;
    } else if (run.status == "queued"_L1) {
        run.status = u"running"_s;
        run.startedAt = now;
    } else if (run.status == "running"_L1) {
        ++run.stepCount;
        if (run.stepCount >= run.plannedSteps) {
            const QString outcome
                = run.plannedOutcome.isEmpty() ? u"completed"_s : run.plannedOutcome;
            if (outcome != "completed"_L1)
                run.stepCount = qMax(1, run.plannedSteps - 1);
            finish(run, outcome, now);
            return true;
        }
    } else {
        return false;
    }
    run.modifiedAt = now;
    return true;
}

DemoRun DemoSimulator::scheduledRun(const QList<Workflow> &workflows, const QDateTime &now)
{
    DemoRun run;
    run.runId = newRunId();
    run.createdAt = now;
    run.modifiedAt = now;
    if (!workflows.isEmpty()) {
        const Workflow &workflow = workflows.at(m_random.bounded(int(workflows.size())));
        fillCommonFields(run, workflow, ++m_sampleIndex);
    }
    run.triggerType = u"scheduled"_s;
    plan(run);
    return run;
}
