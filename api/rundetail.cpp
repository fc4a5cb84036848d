#include "rundetail.h"

#include <QJsonArray>
#include <QJsonDocument>

#include "jsonreader.h"

using namespace Qt::StringLiterals;

namespace {

template<typename Item, typename Decode>
QList<Item> decodeObjects(JsonReader &reader, QLatin1StringView key, Decode decode)
{
    QList<Item> items;
    const QJsonArray array = reader.optionalArray(key);
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = u"%1[%2]"_s.arg(reader.fieldPath(key)).arg(i);
        if (!array.at(i).isObject()) {
            reader.fail(u"%1: expected an object, got %2"_s.arg(path, jsonTypeName(array.at(i))));
            break;
        }
        JsonReader itemReader(array.at(i).toObject(), path);
        items.append(decode(itemReader));
        if (!itemReader.ok()) {
            reader.fail(itemReader.error());
            break;
        }
    }
    return items;
}

} // namespace

QJsonObject RunError::toJson() const
{
    QJsonObject json {{u"error_code"_s, errorCode}, {u"reasoning"_s, jsonStringOrNull(reasoning)}};
    if (confidence)
        json.insert(u"confidence_float"_s, *confidence);
    return json;
}

QJsonObject DownloadedFile::toJson() const
{
    return {
        {u"url"_s, url},
        {u"checksum"_s, jsonStringOrNull(checksum)},
        {u"filename"_s, jsonStringOrNull(filename)},
        {u"file_size"_s, fileSize ? QJsonValue(*fileSize) : QJsonValue()},
        {u"modified_at"_s, jsonTimestampOrNull(modifiedAt)},
    };
}

std::optional<RunDetail> RunDetail::fromJson(const QByteArray &body, QString *error)
{
    const auto document
        = parseResponse(body, true, u"expected a JSON object describing the run"_s, error);
    if (!document)
        return std::nullopt;
    JsonReader reader(document->object(), QString());
    RunDetail run;
    run.runId = reader.requiredString("run_id"_L1);
    run.runType = reader.requiredString("run_type"_L1);
    run.statusText = reader.requiredString("status"_L1);
    run.status = runStatusFromWire(run.statusText);
    run.createdAt = reader.requiredTimestamp("created_at"_L1);
    run.modifiedAt = reader.requiredTimestamp("modified_at"_L1);
    run.queuedAt = reader.optionalTimestamp("queued_at"_L1);
    run.startedAt = reader.optionalTimestamp("started_at"_L1);
    run.finishedAt = reader.optionalTimestamp("finished_at"_L1);
    run.failureReason = reader.optionalString("failure_reason"_L1);
    run.errors = decodeObjects<RunError>(reader, "errors"_L1, [](JsonReader &item) {
        RunError runError;
        runError.errorCode = item.optionalString("error_code"_L1);
        runError.reasoning = item.optionalString("reasoning"_L1);
        runError.confidence = item.optionalNumber("confidence_float"_L1);
        return runError;
    });
    const QJsonArray screenshots = reader.optionalArray("screenshot_urls"_L1);
    for (qsizetype i = 0; i < screenshots.size(); ++i) {
        if (!screenshots.at(i).isString()) {
            reader.fail(u"screenshot_urls[%1]: expected a string, got %2"_s.arg(i).arg(
                jsonTypeName(screenshots.at(i))));
            break;
        }
        run.screenshotUrls.append(screenshots.at(i).toString());
    }
    run.recordingUrl = reader.optionalString("recording_url"_L1);
    run.downloadedFiles
        = decodeObjects<DownloadedFile>(reader, "downloaded_files"_L1, [](JsonReader &item) {
              DownloadedFile file;
              file.url = item.requiredString("url"_L1);
              file.checksum = item.optionalString("checksum"_L1);
              file.filename = item.optionalString("filename"_L1);
              file.fileSize = item.optionalInteger("file_size"_L1);
              file.modifiedAt = item.optionalTimestamp("modified_at"_L1);
              return file;
          });
    run.output = reader.optionalValue("output"_L1);
    run.appUrl = reader.optionalString("app_url"_L1);
    run.stepCount = reader.optionalInteger("step_count"_L1);
    run.browserSessionId = reader.optionalString("browser_session_id"_L1);
    run.browserProfileId = reader.optionalString("browser_profile_id"_L1);
    run.runWith = reader.optionalString("run_with"_L1);
    run.aiFallback = reader.optionalBool("ai_fallback"_L1);
    run.runRequest = reader.optionalObject("run_request"_L1);
    if (!reader.ok()) {
        if (error)
            *error = reader.error();
        return std::nullopt;
    }
    return run;
}

QJsonObject RunDetail::toJson() const
{
    QJsonArray errorArray;
    for (const RunError &runError : errors)
        errorArray.append(runError.toJson());
    QJsonArray files;
    for (const DownloadedFile &file : downloadedFiles)
        files.append(file.toJson());
    return {
        {u"run_id"_s, runId},
        {u"run_type"_s, runType},
        {u"status"_s, statusText.isEmpty() ? runStatusToWire(status) : statusText},
        {u"created_at"_s, jsonTimestampOrNull(createdAt)},
        {u"modified_at"_s, jsonTimestampOrNull(modifiedAt)},
        {u"queued_at"_s, jsonTimestampOrNull(queuedAt)},
        {u"started_at"_s, jsonTimestampOrNull(startedAt)},
        {u"finished_at"_s, jsonTimestampOrNull(finishedAt)},
        {u"failure_reason"_s, jsonStringOrNull(failureReason)},
        {u"errors"_s, errorArray},
        {u"screenshot_urls"_s, QJsonArray::fromStringList(screenshotUrls)},
        {u"recording_url"_s, jsonStringOrNull(recordingUrl)},
        {u"downloaded_files"_s, files},
        {u"output"_s, output},
        {u"app_url"_s, jsonStringOrNull(appUrl)},
        {u"step_count"_s, stepCount ? QJsonValue(*stepCount) : QJsonValue()},
        {u"browser_session_id"_s, jsonStringOrNull(browserSessionId)},
        {u"browser_profile_id"_s, jsonStringOrNull(browserProfileId)},
        {u"run_with"_s, jsonStringOrNull(runWith)},
        {u"ai_fallback"_s, aiFallback ? QJsonValue(*aiFallback) : QJsonValue()},
        {u"run_request"_s, runRequest.isEmpty() ? QJsonValue() : runRequest},
    };
}

QList<std::pair<QString, QString>> RunDetail::requestParameters() const
{
    QList<std::pair<QString, QString>> parameters;
    const QJsonObject given = runRequest.value(QLatin1String("parameters")).toObject();
    for (auto it = given.constBegin(); it != given.constEnd(); ++it) {
        const QJsonValue value = it.value();
        QString text;
        if (value.isString())
            text = value.toString();
        else if (value.isDouble() || value.isBool() || value.isNull())
            text = QString::fromUtf8(
                QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact))
                       .mid(1)
                       .chopped(1);
        else
            text = QString::fromUtf8(value.isObject()
                    ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                    : QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        parameters.append({it.key(), text.simplified()});
    }
    return parameters;
}

QStringList RunDetail::errorCodes() const
{
    QStringList codes;
    for (const RunError &error : errors) {
        if (!error.errorCode.isEmpty() && !codes.contains(error.errorCode))
            codes.append(error.errorCode);
    }
    return codes;
}
