#include "runfilter.h"

#include <QCoreApplication>
#include <QUrlQuery>

#include "timestamps.h"
#include "workflowrun.h"

using namespace Qt::StringLiterals;

bool RunFilter::isEmpty() const
{
    return statuses.isEmpty() && searchKey.isEmpty() && errorCode.isEmpty() && !hasCreatedRange()
        && sources.isEmpty() && tags.isEmpty() && runTypes.isEmpty() && workflowIds.isEmpty();
}

QString RunFilter::tagTermError(const QString &term)
{
    const auto say
        = [](const char *text) { return QCoreApplication::translate("RunFilter", text); };
    if (term.trimmed().isEmpty())
        return say(QT_TRANSLATE_NOOP("RunFilter", "A tag is empty."));
    if (term.size() > kMaxTagLength)
        return say(QT_TRANSLATE_NOOP("RunFilter", "The tag “%1…” is longer than %2 characters."))
            .arg(term.left(20))
            .arg(kMaxTagLength);
    if (term.contains(u','))
        return say(QT_TRANSLATE_NOOP("RunFilter", "Separate tags with commas, not inside one."));
    const qsizetype colon = term.indexOf(u':');
    if (colon == 0 || colon == term.size() - 1 || term.count(u':') > 1)
        return say(
            QT_TRANSLATE_NOOP("RunFilter", "The tag “%1” is not a label, group:label or group:*."))
            .arg(term);
    if (term.contains(u'*') && !term.endsWith(u":*"_s))
        return say(QT_TRANSLATE_NOOP(
                       "RunFilter", "The tag “%1” may have * only as a whole label (group:*)."))
            .arg(term);
    return {};
}

bool RunFilter::hasCreatedRange() const
{
    return createdAfter.isValid() || createdBefore.isValid() || createdWithinSeconds > 0;
}

QDateTime RunFilter::effectiveCreatedAfter(const QDateTime &now) const
{
    if (createdWithinSeconds > 0)
        return now.toUTC().addSecs(-createdWithinSeconds);
    return createdAfter;
}

QString RunFilter::validationError() const
{
    if (searchKey.size() > kMaxTextLength)
        return QCoreApplication::translate("RunFilter",
            "The search text is %1 characters long; the server "
            "accepts at most %2.")
            .arg(searchKey.size())
            .arg(kMaxTextLength);
    if (errorCode.size() > kMaxTextLength)
        return QCoreApplication::translate("RunFilter",
            "The error code is %1 characters long; the server "
            "accepts at most %2.")
            .arg(errorCode.size())
            .arg(kMaxTextLength);
    if (tags.size() > kMaxTagTerms)
        return QCoreApplication::translate(
            "RunFilter", "At most %1 tags can be filtered by at once.")
            .arg(kMaxTagTerms);
    for (const QString &term : tags) {
        const QString problem = tagTermError(term);
        if (!problem.isEmpty())
            return problem;
    }
    if (workflowIds.size() > kMaxWorkflows)
        return QCoreApplication::translate(
            "RunFilter", "At most %1 workflows can be chosen at once.")
            .arg(kMaxWorkflows);
    if (tags.isEmpty() && runTypes.isEmpty() && !workflowIds.isEmpty()) {
        if (!searchKey.isEmpty() && searchKey.size() < 3)
            return QCoreApplication::translate(
                "RunFilter", "With several workflows, the search needs at least 3 characters.");
        if (!errorCode.isEmpty())
            return QCoreApplication::translate("RunFilter",
                "The server filters by error code or by several workflows, not both at once.");
    }
    if (needsEveryRunType() && !searchKey.isEmpty() && searchKey.size() < 3)
        return QCoreApplication::translate(
            "RunFilter", "With tags or run types, the search needs at least 3 characters.");
    if (needsEveryRunType() && !errorCode.isEmpty())
        return QCoreApplication::translate("RunFilter",
            "The server filters by error code or by tags and run types, not both at once.");
    const QDateTime after = effectiveCreatedAfter(QDateTime::currentDateTimeUtc());
    if (after.isValid() && createdBefore.isValid() && createdBefore <= after)
        return QCoreApplication::translate("RunFilter",
            "\"Created before\" must be later than \"created "
            "after\".");
    return {};
}

namespace {
// QUrlQuery reads '%' in a value as the start of an escape and servers read '+' as a space;
// a user's text is literal.
QString literal(const QString &text)
{
    QString escaped = text;
    return escaped.replace(u'%', u"%25"_s).replace(u'+', u"%2B"_s);
}
} // namespace

void RunFilter::addTo(QUrlQuery &query, bool includeDateRange) const
{
    for (RunStatus status : statuses)
        query.addQueryItem(u"status"_s, runStatusToWire(status));
    if (!searchKey.isEmpty())
        query.addQueryItem(u"search_key"_s, literal(searchKey));
    if (!errorCode.isEmpty())
        query.addQueryItem(u"error_code"_s, literal(errorCode));
    const QDateTime after = effectiveCreatedAfter(QDateTime::currentDateTimeUtc());
    if (includeDateRange && after.isValid())
        query.addQueryItem(u"created_at_start"_s, formatTimestamp(after));
    if (includeDateRange && createdBefore.isValid())
        query.addQueryItem(u"created_at_end"_s, formatTimestamp(createdBefore));
    for (const QString &type : runTypes)
        query.addQueryItem(u"run_type"_s, type);
    for (const QString &tag : tags)
        query.addQueryItem(u"tags"_s, literal(tag));
    for (const QString &workflow : workflowIds)
        query.addQueryItem(u"workflow_permanent_id"_s, literal(workflow));
}

RunFilter RunFilter::fromQuery(const QUrlQuery &query)
{
    RunFilter filter;
    const QStringList statuses = query.allQueryItemValues(u"status"_s, QUrl::FullyDecoded);
    for (const QString &wire : statuses) {
        const RunStatus status = runStatusFromWire(wire);
        if (status != RunStatus::Unknown && !filter.statuses.contains(status))
            filter.statuses.append(status);
    }
    filter.searchKey = query.queryItemValue(u"search_key"_s, QUrl::FullyDecoded);
    filter.errorCode = query.queryItemValue(u"error_code"_s, QUrl::FullyDecoded);
    filter.createdAfter = parseTimestamp(query.queryItemValue(u"created_at_start"_s));
    filter.createdBefore = parseTimestamp(query.queryItemValue(u"created_at_end"_s));
    filter.runTypes = query.allQueryItemValues(u"run_type"_s, QUrl::FullyDecoded);
    filter.runTypes.removeDuplicates();
    filter.tags = query.allQueryItemValues(u"tags"_s, QUrl::FullyDecoded);
    filter.tags.removeDuplicates();
    filter.workflowIds = query.allQueryItemValues(u"workflow_permanent_id"_s, QUrl::FullyDecoded);
    filter.workflowIds.removeDuplicates();
    filter.workflowIds.removeAll(QString());
    return filter;
}

QUrlQuery RunFilter::toSavedQuery() const
{
    RunFilter absolute = *this;
    absolute.createdWithinSeconds = 0;
    QUrlQuery query;
    absolute.addTo(query, true);
    if (createdWithinSeconds > 0)
        query.addQueryItem(u"created_within"_s, QString::number(createdWithinSeconds));
    for (const QString &source : sources)
        query.addQueryItem(u"source"_s, literal(source));
    return query;
}

RunFilter RunFilter::fromSavedQuery(const QUrlQuery &query)
{
    RunFilter filter = fromQuery(query);
    filter.createdWithinSeconds = qMax(0, query.queryItemValue(u"created_within"_s).toInt());
    if (filter.createdWithinSeconds > 0)
        filter.createdAfter = {};
    filter.sources = query.allQueryItemValues(u"source"_s, QUrl::FullyDecoded);
    filter.sources.removeDuplicates();
    filter.sources.removeAll(QString());
    return filter;
}

bool RunFilter::matchesSource(const WorkflowRun &run) const
{
    return sources.isEmpty() || sources.contains(run.source);
}

bool RunFilter::matchesStatus(const WorkflowRun &run) const
{
    if (statuses.isEmpty() || statuses.contains(run.status))
        return true;
    // A partial run ended with failures: a user asking for failed runs wants it too.
    return run.status == RunStatus::Partial && statuses.contains(RunStatus::Failed);
}

bool RunFilter::matchesLocally(const WorkflowRun &run, const QStringList &shown) const
{
    if (!matchesStatus(run) || !matchesSource(run))
        return false;
    if (!runTypes.isEmpty()
        && !runTypes.contains(run.runType.isEmpty() ? u"workflow_run"_s : run.runType))
        return false;
    if (!workflowIds.isEmpty() && !workflowIds.contains(run.workflowPermanentId))
        return false;
    if (searchKey.isEmpty())
        return true;
    const auto has
        = [this](const QString &text) { return text.contains(searchKey, Qt::CaseInsensitive); };
    if (has(run.workflowRunId) || has(run.workflowPermanentId) || has(run.workflowTitle)
        || has(run.failureReason))
        return true;
    if (std::any_of(shown.cbegin(), shown.cend(), has))
        return true;
    for (auto it = run.extraHttpHeaders.cbegin(); it != run.extraHttpHeaders.cend(); ++it) {
        if (has(it.key()) || has(it.value()))
            return true;
    }
    return false;
}

bool RunFilter::operator==(const RunFilter &other) const
{
    return statuses == other.statuses && searchKey == other.searchKey
        && errorCode == other.errorCode && createdAfter == other.createdAfter
        && createdBefore == other.createdBefore
        && createdWithinSeconds == other.createdWithinSeconds && sources == other.sources
        && tags == other.tags && runTypes == other.runTypes && workflowIds == other.workflowIds;
}
