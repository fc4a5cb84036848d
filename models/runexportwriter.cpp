#include "runexportwriter.h"

#include <cmath>

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include "jsonreader.h"
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

/** A JSON string as QJsonDocument writes it: UTF-8 as it is, quotes, backslashes and controls
 * escaped. */
void appendJsonString(const QString &text, QString &out)
{
    out += u'"';
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'"':
            out += u"\\\""_s;
            break;
        case u'\\':
            out += u"\\\\"_s;
            break;
        case u'\n':
            out += u"\\n"_s;
            break;
        case u'\r':
            out += u"\\r"_s;
            break;
        case u'\t':
            out += u"\\t"_s;
            break;
        case u'\b':
            out += u"\\b"_s;
            break;
        case u'\f':
            out += u"\\f"_s;
            break;
        default:
            if (c.unicode() < 0x20)
                out += u"\\u%1"_s.arg(int(c.unicode()), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += u'"';
}

void appendJsonValue(const QJsonValue &value, QString &out)
{
    switch (value.type()) {
    case QJsonValue::String:
        appendJsonString(value.toString(), out);
        return;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += u"null"_s;
        return;
    case QJsonValue::Array:
    case QJsonValue::Object:
    case QJsonValue::Bool:
    case QJsonValue::Double:
        // jsonText() writes these as JSON already.
        out += jsonText(value);
        return;
    }
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

QList<QJsonValue> RunExportWriter::everyField(const WorkflowRun &run)
{
    // Straight from the fields, as toJson() writes them (a test holds the two together): a
    // QJsonObject built and read back for every run would halve the export's speed.
    QJsonObject headers;
    for (auto it = run.extraHttpHeaders.cbegin(); it != run.extraHttpHeaders.cend(); ++it)
        headers.insert(it.key(), it.value());
    const auto orNull
        = [](bool present, const QJsonValue &value) { return present ? value : QJsonValue(); };
    return {
        jsonStringOrNull(run.workflowRunId),
        jsonStringOrNull(run.workflowId),
        jsonStringOrNull(run.workflowPermanentId),
        jsonStringOrNull(run.organizationId),
        run.statusText.isEmpty() ? runStatusToWire(run.status) : run.statusText,
        jsonTimestampOrNull(run.createdAt),
        jsonTimestampOrNull(run.modifiedAt),
        jsonTimestampOrNull(run.queuedAt),
        jsonTimestampOrNull(run.startedAt),
        jsonTimestampOrNull(run.finishedAt),
        jsonStringOrNull(run.workflowTitle),
        run.triggerType == TriggerType::Unknown && run.triggerText.isEmpty()
            ? QJsonValue()
            : QJsonValue(
                run.triggerText.isEmpty() ? triggerTypeToWire(run.triggerType) : run.triggerText),
        jsonStringOrNull(run.failureReason),
        orNull(!run.failureCategory.isEmpty(), run.failureCategory),
        jsonStringOrNull(run.parentWorkflowRunId),
        jsonStringOrNull(run.sourceRunId),
        jsonStringOrNull(run.browserSessionId),
        jsonStringOrNull(run.browserProfileId),
        orNull(!run.extraHttpHeaders.isEmpty(), headers),
        run.proxyLocation,
        jsonStringOrNull(run.webhookCallbackUrl),
        jsonStringOrNull(run.totpVerificationUrl),
        jsonStringOrNull(run.totpIdentifier),
        run.maxElapsedTimeMinutes ? QJsonValue(*run.maxElapsedTimeMinutes) : QJsonValue(),
        jsonStringOrNull(run.runWith),
        run.aiFallback ? QJsonValue(*run.aiFallback) : QJsonValue(),
        jsonStringOrNull(run.workflowScheduleId),
        run.runType.isEmpty() ? u"workflow_run"_s : run.runType,
        run.source.isEmpty() ? QJsonValue() : QJsonValue(run.source),
        run.workflowVersion ? QJsonValue(*run.workflowVersion) : QJsonValue(),
        run.triggeredBy.isEmpty() ? QJsonValue() : QJsonValue(run.triggeredBy),
        run.computeUnits ? QJsonValue(*run.computeUnits) : QJsonValue(),
        run.isSimulation,
        run.isDustTest,
    };
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
        const QList<QJsonValue> values = everyField(run);
        texts.reserve(values.size());
        for (const QJsonValue &value : values)
            texts.append(jsonText(value));
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
        // Written by hand, keys in the order of the columns (a QJsonObject would sort them).
        QString line;
        line.reserve(1024);
        line += u'{';
        if (m_fields == Fields::Every) {
            // The names need no escaping: `"workflow_run_id":` once, not per run.
            static const QStringList keys = [] {
                QStringList quoted;
                for (const QString &name : everyFieldNames())
                    quoted.append(u'"' + name + u"\":"_s);
                return quoted;
            }();
            const QList<QJsonValue> values = everyField(run);
            for (qsizetype i = 0; i < values.size(); ++i) {
                if (i > 0)
                    line += u',';
                line += keys.at(i);
                appendJsonValue(values.at(i), line);
            }
        } else {
            for (qsizetype i = 0; i < m_shown.size(); ++i) {
                if (i > 0)
                    line += u',';
                appendJsonString(m_shown.at(i).header, line);
                line += u':';
                appendJsonString(shownCell(run, m_shown.at(i).column), line);
            }
        }
        line += u'}';
        out += line.toUtf8();
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
