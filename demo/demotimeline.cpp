#include "demotimeline.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

#include "demosimulator.h"
#include "runstatus.h"

using namespace Qt::StringLiterals;

namespace {

/** What a step of a workflow does, read from its label, for the actions it takes. */
enum class StepKind { Login, Verify, Navigate, Fill, Extract, Download };

StepKind kindOf(const QString &label)
{
    const QString text = label.toLower();
    const auto has = [&text](std::initializer_list<QLatin1StringView> words) {
        return std::any_of(words.begin(), words.end(),
            [&text](QLatin1StringView word) { return text.contains(word); });
    };
    if (text.startsWith("opening"_L1))
        return StepKind::Navigate;
    if (has({"mfa"_L1, "verification"_L1, "code"_L1}))
        return StepKind::Verify;
    if (has({"login"_L1, "signing in"_L1, "sign in"_L1}))
        return StepKind::Login;
    if (has({"download"_L1}))
        return StepKind::Download;
    if (has({"extract"_L1, "reading"_L1, "scoring"_L1}))
        return StepKind::Extract;
    if (has({"enter"_L1, "fill"_L1, "upload"_L1, "choos"_L1, "select"_L1, "answer"_L1, "accept"_L1,
            "submit"_L1, "solv"_L1, "search"_L1, "review"_L1}))
        return StepKind::Fill;
    return StepKind::Navigate;
}

QString blockTypeOf(StepKind kind)
{
    switch (kind) {
    case StepKind::Login:
    case StepKind::Verify:
        return u"login"_s;
    case StepKind::Fill:
        return u"action"_s;
    case StepKind::Extract:
        return u"extraction"_s;
    case StepKind::Download:
        return u"file_download"_s;
    case StepKind::Navigate:
        break;
    }
    return u"navigation"_s;
}

/** "Opening Billing → Invoices" → "Billing → Invoices": what a step works on. */
QString objectOf(const QString &label)
{
    const qsizetype space = label.indexOf(u' ');
    if (space > 0 && label.left(space).endsWith("ing"_L1))
        return label.mid(space + 1);
    return label;
}

/** "Opening the login page" → "opening_the_login_page", as workflow authors name blocks. */
QString blockLabel(const QString &label)
{
    QString name;
    for (QChar c : label.toLower()) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            name.append(c);
        else if (!name.endsWith(u'_') && !name.isEmpty())
            name.append(u'_');
    }
    while (name.endsWith(u'_'))
        name.chop(1);
    return name;
}

QString humanize(const QString &key)
{
    QString text = key;
    text.replace(u'_', u' ');
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

struct PlannedAction
{
    TimelineAction action;
    int weight = 3; // how long it takes, relative to the others
};

struct PlannedStep
{
    QString stepId;
    QString label;
    QList<PlannedAction> actions;
};

struct PlannedBlock
{
    TimelineBlock block;
    QList<PlannedStep> steps;
};

/** Makes the whole plan of a run, done or not, from a generator seeded by its id. */
class Planner
{
public:
    Planner(const DemoRun &run, const DemoTimeline::Setting &setting)
        : m_setting(setting)
        , m_random(quint32(qHash(run.runId)))
    {
        for (auto it = run.parameters.begin(); it != run.parameters.end(); ++it) {
            if (it.value().isString() && !it.key().contains("credential"_L1))
                m_fields.append({it.key(), it.value().toString()});
        }
    }

    QString id(QLatin1StringView prefix)
    {
        QString text = prefix;
        text.append(QChar(u'1' + m_random.bounded(9)));
        for (int i = 1; i < 18; ++i)
            text.append(QChar(u'0' + m_random.bounded(10)));
        return text;
    }

    QString elementId()
    {
        QString text;
        for (int i = 0; i < 4; ++i)
            text.append(QChar(u'A' + m_random.bounded(26)));
        return text;
    }

    PlannedAction action(const QString &type, const QString &description, const QString &intention,
        const QString &reasoning, bool onElement = true)
    {
        PlannedAction planned;
        TimelineAction &action = planned.action;
        action.actionId = id("act_"_L1);
        action.actionType = type;
        action.description = description;
        action.intention = intention;
        action.reasoning = reasoning;
        if (onElement)
            action.elementId = elementId();
        action.confidence = 0.8 + m_random.bounded(20) / 100.0;
        planned.weight = 2 + int(m_random.bounded(8));
        return planned;
    }

    /** The actions of one step, at most `count` of them (2 or 3; more when huge). */
    QList<PlannedAction> actions(StepKind kind, const QString &label, int count)
    {
        const QString target = objectOf(label);
        QList<PlannedAction> script;
        switch (kind) {
        case StepKind::Login:
            script = {
                typed(u"Email"_s, u"ops@acme.example"_s,
                    u"The page shows a login form; I will type the username into the field "
                    "labelled Email."_s,
                    u"Enter the username of the stored credential"_s),
                typed(u"Password"_s, u"********"_s,
                    u"The Email field is filled and the Password field below it is empty; I "
                    "will type the password of the stored credential."_s,
                    u"Enter the password"_s),
                clicked(u"Sign in"_s,
                    u"Both fields are filled and the Sign in button is enabled; clicking it "
                    "submits the form."_s,
                    u"Submit the login form"_s),
            };
            break;
        case StepKind::Verify:
            script = {
                waited(u"The site says a verification code was sent; I will wait for it to "
                       "arrive before typing it."_s),
                typed(u"Verification code"_s, u"******"_s,
                    u"The code arrived; I will type it into the field labelled Verification "
                    "code."_s,
                    u"Enter the one-time code"_s),
                clicked(u"Verify"_s, u"With the code entered, the Verify button sends it."_s,
                    u"Confirm the code"_s),
            };
            break;
        case StepKind::Fill: {
            const auto field = m_fields.value(int(m_random.bounded(qMax(1, int(m_fields.size())))),
                {u"reference"_s, u"REF-2026-0042"_s});
            script = {
                typed(humanize(field.first), field.second,
                    u"The form has a field labelled “%1”, which matches the parameter %2; I "
                    "will type “%3” into it."_s.arg(
                        humanize(field.first), field.first, field.second.left(80)),
                    u"Fill in %1"_s.arg(humanize(field.first).toLower())),
                selected(),
                clicked(u"Next"_s,
                    u"Every required field on this page is filled; clicking Next moves on to "
                    "the following page."_s,
                    u"Go on to the next page"_s),
            };
            break;
        }
        case StepKind::Extract:
            script = {
                scrolled(),
                waited(u"The table is still filling in row by row; I will wait until it "
                       "stops changing."_s),
                extracted(target),
            };
            break;
        case StepKind::Download:
            script = {
                clicked(u"Download"_s,
                    u"There is a Download button next to the file the goal names; clicking it "
                    "starts the download."_s,
                    u"Start the download"_s),
                waited(u"The download has started; I will wait for it to finish."_s),
                clicked(u"Close"_s,
                    u"The download finished and a dialog still covers the page; closing it "
                    "gets back to the list."_s,
                    u"Dismiss the download dialog"_s),
            };
            break;
        case StepKind::Navigate:
            script = {
                action(u"click"_s, u"Click the link to %1"_s.arg(target), u"Open %1"_s.arg(target),
                    u"The goal is to reach %1. The page has a link to it in the navigation "
                    "bar; following it is the shortest way there."_s.arg(target)),
                waited(u"The page is still loading: a spinner covers the content. I will wait "
                       "for it to settle before acting."_s),
                scrolled(),
            };
            break;
        }
        // Fewer than the script has: keep its first and last (open and act, type and submit).
        if (count == 2)
            return {script.first(), script.last()};
        while (script.size() < count)
            script.append(script.size() % 2 ? scrolled()
                                            : waited(u"The page changed after the "
                                                     "last action; I will wait for "
                                                     "it to settle."_s));
        return script.mid(0, count);
    }

    PlannedAction completed()
    {
        PlannedAction planned
            = action(u"complete"_s, u"Mark the task complete"_s, u"Finish the task"_s,
                u"Everything the goal asked for is done and the page confirms it; I will mark the "
                "task as complete."_s,
                false);
        planned.action.response = u"The goal is achieved: %1"_s.arg(m_setting.description);
        return planned;
    }

    int bounded(int limit) { return int(m_random.bounded(limit)); }

private:
    PlannedAction typed(const QString &field, const QString &value, const QString &reasoning,
        const QString &intention)
    {
        PlannedAction planned
            = action(u"input_text"_s, u"Type into %1"_s.arg(field), intention, reasoning);
        planned.action.text = value;
        return planned;
    }

    PlannedAction clicked(const QString &what, const QString &reasoning, const QString &intention)
    {
        return action(u"click"_s, u"Click “%1”"_s.arg(what), intention, reasoning);
    }

    PlannedAction waited(const QString &reasoning)
    {
        return action(
            u"wait"_s, u"Wait for the page"_s, u"Let the page finish loading"_s, reasoning, false);
    }

    PlannedAction scrolled()
    {
        return action(u"scroll"_s, u"Scroll down"_s, u"Bring the rest of the page into view"_s,
            u"Only the top of the page is visible and what the goal needs is further down; I "
            "will scroll to bring it into view."_s,
            false);
    }

    PlannedAction selected()
    {
        static const QStringList options {
            u"Standard"_s, u"Monthly"_s, u"United States"_s, u"Full time"_s, u"PDF"_s};
        const QString option = options.at(bounded(int(options.size())));
        PlannedAction planned = action(u"select_option"_s, u"Choose “%1”"_s.arg(option),
            u"Pick the option the goal asks for"_s,
            u"The dropdown below the field has no selection yet; “%1” is the option that fits "
            "the goal."_s.arg(option));
        planned.action.optionLabel = option;
        planned.action.optionValue = option.toLower().replace(u' ', u'_');
        return planned;
    }

    PlannedAction extracted(const QString &target)
    {
        PlannedAction planned = action(u"extract"_s, u"Extract %1"_s.arg(target),
            u"Read what the goal asks for from the page"_s,
            u"The page now shows what the goal asks for; I will extract it into the requested "
            "fields."_s,
            false);
        planned.action.dataExtractionGoal = u"Extract %1"_s.arg(target);
        const QJsonObject output {{u"records"_s, 1 + bounded(40)}, {u"source"_s, target}};
        planned.action.response
            = QString::fromUtf8(QJsonDocument(output).toJson(QJsonDocument::Compact));
        planned.action.output = output;
        return planned;
    }

    const DemoTimeline::Setting &m_setting;
    QRandomGenerator m_random;
    QList<std::pair<QString, QString>> m_fields; // parameters worth typing: key, value
};

bool failedLike(const QString &status)
{
    return status == "failed"_L1 || status == "terminated"_L1 || status == "timed_out"_L1;
}

QString contentSuffix(const QString &type)
{
    if (type.startsWith("screenshot"_L1))
        return u"png"_s;
    if (type == "recording"_L1)
        return u"webm"_s;
    if (type == "download"_L1)
        return u"csv"_s;
    if (type == "skyvern_log"_L1 || type.startsWith("llm_prompt"_L1))
        return u"txt"_s;
    if (type.startsWith("html"_L1))
        return u"html"_s;
    return u"json"_s;
}

} // namespace

DemoTimeline::DemoTimeline(const DemoRun &run, const Setting &setting, const QUrl &base, bool huge)
{
    build(run, setting, base, huge);
}

QString DemoTimeline::artifactId(const QString &runId, const QString &tag)
{
    return u"a_%1_%2"_s.arg(runId, tag);
}

QString DemoTimeline::runOfArtifact(const QString &artifactId)
{
    if (!artifactId.startsWith("a_"_L1))
        return {};
    const qsizetype tag = artifactId.lastIndexOf(u'_');
    return tag > 2 ? artifactId.mid(2, tag - 2) : QString();
}

const QStringList &DemoTimeline::artifactTypes()
{
    static const QStringList types {u"recording"_s, u"audio"_s, u"session_replay"_s,
        u"eval_score"_s, u"eval_trajectory"_s, u"eval_rubrics"_s, u"browser_console_log"_s,
        u"browser_session_action_log"_s, u"skyvern_log"_s, u"skyvern_log_raw"_s, u"screenshot"_s,
        u"screenshot_llm"_s, u"screenshot_action"_s, u"screenshot_final"_s, u"screenshot_proxy"_s,
        u"llm_prompt"_s, u"llm_request"_s, u"llm_response"_s, u"llm_response_parsed"_s,
        u"llm_response_rendered"_s, u"visible_elements_id_css_map"_s,
        u"visible_elements_id_frame_map"_s, u"visible_elements_tree"_s,
        u"visible_elements_tree_trimmed"_s, u"visible_elements_tree_in_prompt"_s,
        u"hashed_href_map"_s, u"visible_elements_id_xpath_map"_s, u"html"_s, u"html_scrape"_s,
        u"html_action"_s, u"trace"_s, u"har"_s, u"script_file"_s, u"pdf"_s, u"step_archive"_s,
        u"task_archive"_s, u"download"_s};
    return types;
}

const DemoTimeline::Item *DemoTimeline::item(const QString &artifactId) const
{
    for (const Item &candidate : m_items) {
        if (candidate.artifact.artifactId == artifactId)
            return &candidate;
    }
    return nullptr;
}

void DemoTimeline::build(const DemoRun &run, const Setting &setting, const QUrl &base, bool huge)
{
    if (!run.startedAt.isValid() || run.status == "created"_L1 || run.status == "queued"_L1)
        return; // nothing has happened yet

    // The whole plan first, from a generator seeded by the run's id, so what is done never
    // changes as more gets done.
    Planner planner(run, setting);
    const int plannedSteps = qMax(1, qMax(run.plannedSteps, run.stepCount));
    const int totalSteps = huge ? kHugeActions / 5 : plannedSteps;
    const int blockCount = huge ? 4 : qBound(2, (totalSteps + 1) / 2, 4);
    const QString organization = DemoSimulator::organizationId();
    const bool workflowRun = run.runType == "workflow_run"_L1;
    QList<PlannedBlock> blocks;
    int step = 0;
    for (int b = 0; b < blockCount && step < totalSteps; ++b) {
        const int steps = totalSteps / blockCount + (b < totalSteps % blockCount ? 1 : 0);
        PlannedBlock planned;
        TimelineBlock &block = planned.block;
        const QString first = setting.stepLabels.value(
            qMin(step, int(setting.stepLabels.size()) - 1), u"Step %1"_s.arg(step + 1));
        block.workflowRunBlockId = planner.id("wrb_"_L1);
        block.workflowRunId = workflowRun ? run.runId : QString();
        block.organizationId = organization;
        block.blockType = blockTypeOf(kindOf(first));
        // Labels name blocks uniquely in a workflow.
        block.label = blockLabel(first);
        for (int n = 2; std::any_of(blocks.cbegin(), blocks.cend(),
                 [&block](const PlannedBlock &other) { return other.block.label == block.label; });
             ++n)
            block.label = blockLabel(first) + u"_%1"_s.arg(n);
        block.taskId = planner.id("tsk_"_L1);
        block.engine = u"skyvern-1.0"_s;
        block.url = b == 0 ? setting.startUrl : QString();
        QStringList labels;
        for (int s = 0; s < steps; ++s, ++step) {
            PlannedStep planStep;
            planStep.stepId = planner.id("stp_"_L1);
            planStep.label = setting.stepLabels.value(
                qMin(step, int(setting.stepLabels.size()) - 1), u"Step %1"_s.arg(step + 1));
            const int count = huge ? 5 : steps >= 3 ? 2 : 2 + planner.bounded(2);
            planStep.actions = planner.actions(kindOf(planStep.label), planStep.label, count);
            if (!labels.contains(planStep.label))
                labels.append(planStep.label);
            planned.steps.append(planStep);
        }
        block.description = labels.join(u", "_s);
        if (block.blockType == "extraction"_L1)
            block.dataExtractionGoal = u"Extract %1"_s.arg(objectOf(first));
        else
            block.navigationGoal = u"%1, then stop."_s.arg(labels.join(u", then "_s));
        blocks.append(planned);
    }
    // The last step of the plan ends the task.
    QList<PlannedAction> &lastActions = blocks.last().steps.last().actions;
    if (huge)
        lastActions.last() = planner.completed();
    else
        lastActions.append(planner.completed());

    // How far the run got.
    const bool finished = !isActiveStatus(runStatusFromWire(run.status));
    const bool failed = failedLike(run.status);
    int done = qBound(0, run.stepCount, totalSteps);
    if (run.status == "completed"_L1 || (huge && finished))
        done = totalSteps;
    else if (failed)
        done = qMax(1, done);
    const bool inProgress = run.status == "running"_L1;
    if (inProgress)
        done = qMin(done, totalSteps - 1);

    // When: the finished actions spread over the run's time so far, in proportion to how long
    // each takes, one millisecond apart at least so their order survives any sort.
    const QDateTime start = run.startedAt;
    QDateTime end = run.finishedAt.isValid() ? run.finishedAt : run.modifiedAt;
    if (!end.isValid() || end < start)
        end = start;
    int totalWeight = 0;
    int finishedActions = 0;
    step = 0;
    for (const PlannedBlock &block : blocks) {
        for (const PlannedStep &planStep : block.steps) {
            if (step++ >= done)
                break;
            for (const PlannedAction &action : planStep.actions) {
                totalWeight += action.weight;
                ++finishedActions;
            }
        }
    }
    const qint64 span = qMax<qint64>(0, start.msecsTo(end) - 2);
    qint64 lastMs = 0;
    int weightSoFar = 0;
    const auto nextTime = [&](int weight) {
        weightSoFar += weight;
        const qint64 at = 1 + (totalWeight > 0 ? span * weightSoFar / totalWeight : 0);
        lastMs = qMax(lastMs + 2, at); // the action started at lastMs + 1
        return start.addMSecs(lastMs);
    };

    const auto artifact = [&](const QString &tag, const QString &type, const QDateTime &when) {
        Artifact made;
        made.artifactId = artifactId(run.runId, tag);
        made.artifactType = type;
        made.uri = u"s3://skyvern-artifacts/v1/production/%1/%2/%3.%4"_s.arg(
            organization, run.runId, made.artifactId, contentSuffix(type));
        made.signedUrl
            = base.toString() + u"/artifacts/%1/evidence/%2"_s.arg(run.runId, made.artifactId);
        made.runId = run.runId;
        made.workflowRunId = workflowRun ? run.runId : QString();
        made.organizationId = organization;
        made.createdAt = when;
        made.modifiedAt = when;
        return made;
    };
    const auto scene = [&](const QString &label, int number) {
        ScreenshotScene made;
        made.url = setting.startUrl.isEmpty() ? u"https://example.com"_s : setting.startUrl;
        made.pageTitle = setting.title;
        made.stepLabel = label;
        made.step = number;
        made.stepCount = totalSteps;
        made.accentSeed = setting.accentSeed;
        return made;
    };

    // The planner thinks first.
    TimelineEntry plan;
    plan.kind = TimelineEntry::Kind::Thought;
    plan.kindText = u"thought"_s;
    plan.thought.thoughtId = planner.id("ot_"_L1);
    plan.thought.taskId = blocks.first().block.taskId;
    plan.thought.organizationId = organization;
    plan.thought.workflowRunId = workflowRun ? run.runId : QString();
    plan.thought.thoughtType = u"plan"_s;
    plan.thought.thoughtScenario = u"generate_plan"_s;
    plan.thought.userInput = setting.description;
    plan.thought.observation
        = u"The browser is on %1, the start page of “%2”."_s.arg(setting.startUrl, setting.title);
    plan.thought.thought = u"To get this done I will start with “%1” and then work through "
                           "the remaining %2 steps, checking the page after each one."_s
                               .arg(blocks.first().steps.first().label)
                               .arg(totalSteps - 1);
    plan.thought.createdAt = start;
    plan.thought.modifiedAt = start;
    plan.createdAt = start;
    plan.modifiedAt = start;
    m_timeline.entries.append(plan);

    Item recording;
    recording.artifact = artifact(u"recording"_s, u"recording"_s, start);
    m_items.append(recording);

    step = 0;
    TimelinePosition failure;
    ScreenshotScene lastScene = scene(blocks.first().steps.first().label, 1);
    for (const PlannedBlock &plannedBlock : std::as_const(blocks)) {
        if (step >= done && !(inProgress && step == done))
            break;
        TimelineEntry entry;
        entry.kind = TimelineEntry::Kind::Block;
        entry.kindText = u"block"_s;
        TimelineBlock block = plannedBlock.block;
        bool blockDone = true;
        for (int s = 0; s < plannedBlock.steps.size(); ++s, ++step) {
            const PlannedStep &planStep = plannedBlock.steps.at(s);
            if (step > done || (step == done && !inProgress)) {
                blockDone = false;
                break;
            }
            const QDateTime stepStart = start.addMSecs(lastMs + 1);
            Item llm;
            llm.artifact = artifact(u"s%1"_s.arg(step + 1), u"screenshot_llm"_s, stepStart);
            llm.artifact.taskId = block.taskId;
            llm.artifact.stepId = planStep.stepId;
            llm.artifact.workflowRunBlockId = block.workflowRunBlockId;
            llm.scene = scene(planStep.label, step + 1);
            m_items.append(llm);
            for (int a = 0; a < planStep.actions.size(); ++a) {
                TimelineAction action = planStep.actions.at(a).action;
                action.taskId = block.taskId;
                action.stepId = planStep.stepId;
                action.stepOrder = s;
                action.actionOrder = a;
                if (step == done) {
                    // Running: the first action of the next step is under way.
                    action.status = ActionStatus::Pending;
                    action.statusText = u"pending"_s;
                    action.startedAt = qMax(end, start.addMSecs(lastMs + 1));
                    action.createdAt = action.startedAt;
                    action.modifiedAt = action.startedAt;
                    block.actions.append(action);
                    blockDone = false;
                    break;
                }
                action.startedAt = start.addMSecs(lastMs + 1);
                action.finishedAt = nextTime(planStep.actions.at(a).weight);
                action.createdAt = action.startedAt;
                action.modifiedAt = action.finishedAt;
                const bool failing = failed && step == done - 1 && a == planStep.actions.size() - 1;
                action.status = failing ? ActionStatus::Failed : ActionStatus::Completed;
                action.statusText = actionStatusToWire(action.status);
                Item shot;
                shot.artifact = artifact(u"s%1a%2"_s.arg(step + 1).arg(a + 1),
                    u"screenshot_action"_s, action.finishedAt);
                shot.artifact.taskId = block.taskId;
                shot.artifact.stepId = planStep.stepId;
                shot.artifact.workflowRunBlockId = block.workflowRunBlockId;
                shot.scene = scene(action.description, step + 1);
                if (failing) {
                    for (const DemoRunError &runError : run.errors)
                        action.errors.append(
                            {runError.errorCode, runError.reasoning, runError.confidence});
                    shot.scene.errorBanner = run.failureReason;
                    block.status = runStatusFromWire(run.status);
                    block.statusText = run.status;
                    block.failureReason = run.failureReason;
                    for (const DemoRunError &runError : run.errors)
                        block.errorCodes.append(runError.errorCode);
                    failure = {{int(m_timeline.entries.size())}, int(block.actions.size())};
                }
                action.screenshotArtifactId = shot.artifact.artifactId;
                lastScene = shot.scene;
                m_items.append(shot);
                block.actions.append(action);
            }
            if (!blockDone)
                break;
        }
        const TimelineAction &firstAction = block.actions.first();
        const TimelineAction &lastAction = block.actions.last();
        block.createdAt = firstAction.startedAt;
        block.modifiedAt
            = lastAction.finishedAt.isValid() ? lastAction.finishedAt : lastAction.startedAt;
        if (block.statusText.isEmpty()) {
            // A block cut short ends as the run did: running, canceled, paused.
            block.statusText = blockDone ? u"completed"_s : run.status;
            block.status = runStatusFromWire(block.statusText);
        }
        if (!isActiveStatus(block.status))
            block.durationSeconds = block.createdAt.msecsTo(block.modifiedAt) / 1000.0;
        if (block.blockType == "extraction"_L1 && block.status == RunStatus::Completed)
            block.output = lastAction.output;
        entry.block = block;
        entry.createdAt = block.createdAt;
        entry.modifiedAt = block.modifiedAt;
        m_timeline.entries.append(entry);
        if (failure.isValid() || !blockDone)
            break;
    }

    if (failure.isValid()) {
        // The planner says why it gave up.
        const QDateTime when = start.addMSecs(lastMs + 1);
        TimelineEntry why;
        why.kind = TimelineEntry::Kind::Thought;
        why.kindText = u"thought"_s;
        why.thought = plan.thought;
        why.thought.thoughtId = planner.id("ot_"_L1);
        why.thought.thoughtType = u"failure_describe"_s;
        why.thought.thoughtScenario = u"failure_describe"_s;
        why.thought.workflowRunBlockId
            = m_timeline.entries.at(failure.entryPath.first()).block.workflowRunBlockId;
        why.thought.observation = u"The page shows: %1"_s.arg(run.failureReason);
        why.thought.thought = u"The run cannot go on from here; the last action failed."_s;
        why.thought.answer = run.failureReason;
        why.thought.createdAt = when;
        why.thought.modifiedAt = when;
        why.createdAt = when;
        why.modifiedAt = when;
        m_timeline.entries.append(why);
    }

    if (finished && finishedActions > 0) {
        Item final;
        final.artifact = artifact(u"final"_s, u"screenshot_final"_s, end);
        final.scene = lastScene;
        m_items.append(final);
        m_items.append({artifact(u"har"_s, u"har"_s, end), {}, {}});
        m_items.append({artifact(u"log"_s, u"skyvern_log"_s, end), {}, {}});
        for (int i = 0; i < run.downloadedFiles.size(); ++i) {
            Item file;
            file.artifact = artifact(u"f%1"_s.arg(i + 1), u"download"_s, end);
            file.fileName = run.downloadedFiles.at(i);
            m_items.append(file);
        }
    }

    if (huge && finished) {
        // What else a real server keeps per step: the model's prompts and answers, the page.
        static const QStringList kinds {u"llm_prompt"_s, u"llm_request"_s, u"llm_response"_s,
            u"llm_response_parsed"_s, u"visible_elements_tree"_s, u"html_scrape"_s};
        for (int i = 0; m_items.size() < kHugeArtifacts; ++i) {
            Item extra;
            extra.artifact = artifact(u"p%1"_s.arg(i + 1), kinds.at(i % kinds.size()), end);
            m_items.append(extra);
        }
    }
}
