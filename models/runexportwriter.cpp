#include "runexportwriter.h"

#include <cmath>

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include "runformat.h"
#include "runlistmodel.h"

using namespace Qt::StringLiterals;

namespace {

// The fields a run list item has beyond WorkflowRun::toJson(): what lists of every run type
// and the workflow platform carry, and the connection of a merged list.
const QStringList &extraFieldNames()
{
    static const QStringList names {u"run_type"_s, u"source"_s, u"workflow_version"_s,
        u"triggered_by"_s, u"compute_units"_s, u"is_simulation"_s, u"is_dust_test"_s};
    return names;
}

QString jsonText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (std::trunc(number) == number && std::abs(number) < 9007199254740992.0)
            return QString::number(qint64(number));
        return QString::number(number, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

qint64 durationMs(const WorkflowRun &run, const QDateTime &now)
{
    // As the list measures it: to the finish, to now while active, else to the last change.
    if (!run.startedAt.isValid())
        return -1;
    const QDateTime end = run.finishedAt.isValid()
        ? run.finishedAt
        : (isActiveStatus(run.status) ? now : run.modifiedAt);
    return qMax<qint64>(0, run.startedAt.msecsTo(end));
}

} // namespace

RunExportWriter::RunExportWriter(Format format, Fields fields, QList<Column> shown)
    : m_format(format)
    , m_fields(fields)
    , m_shown(std::move(shown))
    , m_now(QDateTime::currentDateTimeUtc())
{ }

void RunExportWriter::setList(const RunListModel *list)
{
    m_list = list;
}

QStringList RunExportWriter::everyFieldNames()
{
    static const QStringList names = [] {
        QStringList all;
        // toJson() is a QJsonObject, whose keys come sorted: the wire's order is written here.
        all << u"workflow_run_id"_s << u"workflow_id"_s << u"workflow_permanent_id"_s
            << u"organization_id"_s << u"status"_s << u"created_at"_s << u"modified_at"_s
            << u"queued_at"_s << u"started_at"_s << u"finished_at"_s << u"workflow_title"_s
            << u"trigger_type"_s << u"failure_reason"_s << u"failure_category"_s
            << u"parent_workflow_run_id"_s << u"retried_from_workflow_run_id"_s
            << u"browser_session_id"_s << u"browser_profile_id"_s << u"extra_http_headers"_s
            << u"proxy_location"_s << u"webhook_callback_url"_s << u"totp_verification_url"_s
            << u"totp_identifier"_s << u"max_elapsed_time_minutes"_s << u"run_with"_s
            << u"ai_fallback"_s << u"workflow_schedule_id"_s;
        return all + extraFieldNames();
    }();
    return names;
}

QByteArray RunExportWriter::header() const
{
    if (m_format != Format::Csv)
        return {};
    QStringList names;
    if (m_fields == Fields::Every) {
        names = everyFieldNames();
    } else {
        for (const Column &column : m_shown)
            names.append(column.header);
    }
    QString line;
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (i > 0)
            line += u',';
        line += csvField(names.at(i));
    }
    // The byte order mark tells spreadsheets the file is UTF-8 (they guess a code page without).
    return QByteArray("\xEF\xBB\xBF") + line.toUtf8() + "\r\n";
}

QJsonObject RunExportWriter::everyField(const WorkflowRun &run) const
{
    QJsonObject json = run.toJson();
    json.insert(u"run_type"_s, run.runType.isEmpty() ? u"workflow_run"_s : run.runType);
    json.insert(u"source"_s, run.source.isEmpty() ? QJsonValue() : QJsonValue(run.source));
    json.insert(u"workflow_version"_s,
        run.workflowVersion ? QJsonValue(*run.workflowVersion) : QJsonValue());
    json.insert(
        u"triggered_by"_s, run.triggeredBy.isEmpty() ? QJsonValue() : QJsonValue(run.triggeredBy));
    json.insert(
        u"compute_units"_s, run.computeUnits ? QJsonValue(*run.computeUnits) : QJsonValue());
    json.insert(u"is_simulation"_s, run.isSimulation);
    json.insert(u"is_dust_test"_s, run.isDustTest);
    return json;
}

QString RunExportWriter::exportTime(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s) : QString();
}

QString RunExportWriter::shownCell(const WorkflowRun &run, int column) const
{
    const RunListModel *list = m_list.data();
    switch (column) {
    case RunListModel::StatusColumn:
        return RunFormat::statusText(run.status, run.statusText);
    case RunListModel::WorkflowColumn:
        return list ? list->workflowTitleOf(run)
                    : (run.workflowTitle.isEmpty() ? run.workflowPermanentId : run.workflowTitle);
    case RunListModel::RunIdColumn:
        return run.workflowRunId;
    case RunListModel::TriggerColumn:
        return RunFormat::triggerText(run.triggerType, run.triggerText);
    case RunListModel::CreatedColumn:
        return exportTime(run.createdAt);
    case RunListModel::StartedColumn:
        return exportTime(run.startedAt);
    case RunListModel::DurationColumn:
        return RunFormat::duration(durationMs(run, m_now));
    case RunListModel::FailureReasonColumn:
        // Whole: the table shows a first line to scan, an export is read to the end.
        return list ? list->failureReasonOf(run) : run.failureReason;
    case RunListModel::ErrorCodesColumn:
        return list ? list->errorCodes(run.workflowRunId).join(u", "_s) : QString();
    case RunListModel::SourceColumn:
        return run.source;
    case RunListModel::TagsColumn: {
        if (!list)
            return {};
        QStringList texts;
        for (const RunTag &tag : list->tags(run.workflowRunId))
            texts.append(tag.text());
        return texts.join(u", "_s);
    }
    case RunListModel::TypeColumn:
        return RunFormat::runTypeText(run.runType);
    default:
        return {};
    }
}

QStringList RunExportWriter::cells(const WorkflowRun &run) const
{
    QStringList texts;
    if (m_fields == Fields::Every) {
        const QJsonObject json = everyField(run);
        const QStringList &names = everyFieldNames();
        texts.reserve(names.size());
        for (const QString &name : names)
            texts.append(jsonText(json.value(name)));
        return texts;
    }
    texts.reserve(m_shown.size());
    for (const Column &column : m_shown)
        texts.append(shownCell(run, column.column));
    return texts;
}

void RunExportWriter::appendRun(const WorkflowRun &run, QByteArray &out) const
{
    if (m_format == Format::JsonLines) {
        QJsonObject json;
        if (m_fields == Fields::Every) {
            json = everyField(run);
        } else {
            for (const Column &column : m_shown)
                json.insert(column.header, shownCell(run, column.column));
        }
        out += QJsonDocument(json).toJson(QJsonDocument::Compact);
        out += '\n';
        return;
    }
    const QStringList texts = cells(run);
    QString line;
    for (qsizetype i = 0; i < texts.size(); ++i) {
        if (i > 0)
            line += u',';
        line += csvField(m_fields == Fields::AsShown ? defusedFormula(texts.at(i)) : texts.at(i));
    }
    out += line.toUtf8();
    out += "\r\n";
}

QString RunExportWriter::csvField(const QString &text)
{
    bool quote = false;
    for (const QChar c : text) {
        if (c == u',' || c == u'"' || c == u'\n' || c == u'\r') {
            quote = true;
            break;
        }
    }
    if (!quote)
        return text;
    QString quoted;
    quoted.reserve(text.size() + 8);
    quoted += u'"';
    for (const QChar c : text) {
        if (c == u'"')
            quoted += u'"';
        quoted += c;
    }
    quoted += u'"';
    return quoted;
}

QString RunExportWriter::defusedFormula(const QString &text)
{
    if (text.isEmpty())
        return text;
    const QChar first = text.front();
    if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t'
        || first == u'\r')
        return u'\'' + text;
    return text;
}
