// Decoding the contract's JSON into value types: tolerant of what servers add or leave out,
// precise about what is wrong.

#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

#include "rundetail.h"
#include "timestamps.h"
#include "workflow.h"
#include "workflowrun.h"

using namespace Qt::StringLiterals;

namespace {

QJsonObject minimalRun()
{
    return QJsonObject {{u"workflow_run_id"_s, u"wr_1"_s}, {u"workflow_id"_s, u"w_1"_s},
        {u"workflow_permanent_id"_s, u"wpid_1"_s}, {u"organization_id"_s, u"o_1"_s},
        {u"status"_s, u"failed"_s}, {u"created_at"_s, u"2026-11-07T05:31:56Z"_s},
        {u"modified_at"_s, u"2026-11-07T05:32:56Z"_s}};
}

/** JSON written with single quotes, to keep fixtures readable in C++ strings. */
QByteArray quoted(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

QByteArray arrayOf(const QJsonObject &run)
{
    return QJsonDocument(QJsonArray {run}).toJson();
}

} // namespace

class TestWorkflowRun : public QObject
{
    Q_OBJECT

private slots:
    void timestampsAreReadAsUtc_data()
    {
        QTest::addColumn<QString>("wire");
        QTest::addColumn<QString>("utc");
        QTest::newRow("naive is UTC") << u"2026-11-27T05:34:56"_s << u"2026-11-27T05:34:56.000Z"_s;
        QTest::newRow("microseconds")
            << u"2026-11-27T05:34:56.123456"_s << u"2026-11-27T05:34:56.123Z"_s;
        QTest::newRow("Z") << u"2026-11-27T05:34:56.5Z"_s << u"2026-11-27T05:34:56.500Z"_s;
        QTest::newRow("positive offset")
            << u"2026-11-27T07:34:56+02:00"_s << u"2026-11-27T05:34:56.000Z"_s;
        QTest::newRow("negative offset, microseconds")
            << u"2026-11-27T00:34:56.999999-05:00"_s << u"2026-11-27T05:34:56.999Z"_s;
        QTest::newRow("offset into the day before")
            << u"2026-11-27T00:30:00+01:00"_s << u"2026-11-26T23:30:00.000Z"_s;
        QTest::newRow("leap day") << u"2024-02-29T12:00:00Z"_s << u"2024-02-29T12:00:00.000Z"_s;
        QTest::newRow("no leap day") << u"2023-02-29T12:00:00Z"_s << QString();
        QTest::newRow("no 31 November") << u"2026-11-31T12:00:00Z"_s << QString();
        QTest::newRow("hour 24") << u"2026-11-27T24:00:00Z"_s << QString();
        QTest::newRow("before 1970") << u"1969-07-20T20:17:40Z"_s << u"1969-07-20T20:17:40.000Z"_s;
        QTest::newRow("year 0") << u"0000-01-01T00:00:00Z"_s << QString(); // not in QDate
        QTest::newRow("year 1") << u"0001-01-01T00:00:00Z"_s << u"0001-01-01T00:00:00.000Z"_s;
        QTest::newRow("garbage") << u"yesterday"_s << QString();
        QTest::newRow("empty") << QString() << QString();
    }

    void timestampsAreReadAsUtc()
    {
        QFETCH(QString, wire);
        QFETCH(QString, utc);
        QCOMPARE(formatTimestamp(parseTimestamp(wire)), utc);
    }

    void decodesTheRequiredFieldsAlone()
    {
        QString error;
        const auto runs = workflowRunsFromJson(arrayOf(minimalRun()), &error);
        QVERIFY2(runs, qPrintable(error));
        QCOMPARE(runs->size(), 1);
        const WorkflowRun &run = runs->first();
        QCOMPARE(run.workflowRunId, u"wr_1"_s);
        QCOMPARE(run.status, RunStatus::Failed);
        QCOMPARE(run.createdAt, QDateTime(QDate(2026, 11, 7), QTime(5, 31, 56), QTimeZone::utc()));
        QVERIFY(!run.startedAt.isValid());
        QVERIFY(run.failureReason.isEmpty());
        QVERIFY(!run.aiFallback.has_value());
    }

    void ignoresUnknownFieldsAndToleratesNulls()
    {
        QJsonObject json = minimalRun();
        json.insert(u"brand_new_field"_s, QJsonObject {{u"x"_s, 1}});
        json.insert(u"failure_reason"_s, QJsonValue());
        json.insert(u"started_at"_s, QJsonValue());
        json.insert(u"extra_http_headers"_s, QJsonValue());
        QString error;
        QVERIFY2(workflowRunsFromJson(arrayOf(json), &error), qPrintable(error));
    }

    void readsTimestampsWithoutAnOffsetAsUtc()
    {
        QJsonObject json = minimalRun();
        json.insert(u"started_at"_s, u"2026-11-07T05:31:56.123456"_s);
        json.insert(u"finished_at"_s, u"2026-11-07T07:31:56+02:00"_s);
        QString error;
        const auto runs = workflowRunsFromJson(arrayOf(json), &error);
        QVERIFY2(runs, qPrintable(error));
        QCOMPARE(runs->first().startedAt,
            QDateTime(QDate(2026, 11, 7), QTime(5, 31, 56, 123), QTimeZone::utc()));
        QCOMPARE(runs->first().finishedAt,
            QDateTime(QDate(2026, 11, 7), QTime(5, 31, 56), QTimeZone::utc()));
    }

    void keepsAnUnknownStatusAsText()
    {
        QJsonObject json = minimalRun();
        json.insert(u"status"_s, u"hibernating"_s);
        json.insert(u"trigger_type"_s, u"carrier_pigeon"_s);
        const auto runs = workflowRunsFromJson(arrayOf(json), nullptr);
        QVERIFY(runs);
        QCOMPARE(runs->first().status, RunStatus::Unknown);
        QCOMPARE(runs->first().statusText, u"hibernating"_s);
        QCOMPARE(runs->first().triggerType, TriggerType::Unknown);
    }

    void wrongTypesNameTheField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("status number")
            << u"status"_s << QJsonValue(3) << u"[0].status: expected a string, got a number"_s;
        QTest::newRow("missing id") << u"workflow_run_id"_s << QJsonValue()
                                    << u"[0].workflow_run_id: missing required field"_s;
        QTest::newRow("bad date")
            << u"created_at"_s << QJsonValue(u"yesterday"_s)
            << u"[0].created_at: \"yesterday\" is not an ISO 8601 date-time"_s;
        QTest::newRow("headers not strings")
            << u"extra_http_headers"_s << QJsonValue(QJsonObject {{u"X-A"_s, 1}})
            << u"[0].extra_http_headers.X-A: expected a string, got a number"_s;
        QTest::newRow("fraction as integer")
            << u"max_elapsed_time_minutes"_s << QJsonValue(2.5)
            << u"[0].max_elapsed_time_minutes: expected an integer, got a number"_s;
    }

    void wrongTypesNameTheField()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, message);
        QJsonObject json = minimalRun();
        json.insert(field, value);
        QString error;
        QVERIFY(!workflowRunsFromJson(arrayOf(json), &error));
        QCOMPARE(error, message);
    }

    // The decoder looks for each field first where it found it in the run before; runs of one
    // page that carry different fields must each still read their own values.
    void runsWithDifferentFieldsEachReadTheirOwn()
    {
        QJsonObject full = minimalRun();
        full.insert(u"failure_reason"_s, u"Login page changed"_s);
        full.insert(u"started_at"_s, u"2026-11-07T05:32:00Z"_s);
        full.insert(u"ai_fallback"_s, true);
        full.insert(u"workflow_title"_s, u"Invoices"_s);
        QJsonObject sparse = minimalRun();
        sparse.insert(u"workflow_run_id"_s, u"wr_2"_s);
        sparse.insert(u"status"_s, u"completed"_s);
        sparse.insert(u"a_field_from_a_newer_server"_s, u"x"_s);
        sparse.insert(u"b_another"_s, 7);
        QJsonObject third = full;
        third.insert(u"workflow_run_id"_s, u"wr_3"_s);
        third.insert(u"failure_reason"_s, u"Timed out"_s);
        third.remove(u"workflow_title"_s);
        const QByteArray page = QJsonDocument(QJsonArray {full, sparse, third, full}).toJson();
        for (int round = 0; round < 2; ++round) { // the second with places learnt from the first
            QString error;
            const auto runs = workflowRunsFromJson(page, &error);
            QVERIFY2(runs, qPrintable(error));
            QCOMPARE(runs->size(), 4);
            QCOMPARE(runs->at(0).failureReason, u"Login page changed"_s);
            QCOMPARE(runs->at(0).workflowTitle, u"Invoices"_s);
            QCOMPARE(runs->at(0).aiFallback, std::optional<bool>(true));
            QCOMPARE(runs->at(1).workflowRunId, u"wr_2"_s);
            QCOMPARE(runs->at(1).status, RunStatus::Completed);
            QVERIFY(runs->at(1).failureReason.isNull());
            QVERIFY(runs->at(1).workflowTitle.isNull());
            QVERIFY(!runs->at(1).startedAt.isValid());
            QVERIFY(!runs->at(1).aiFallback.has_value());
            QCOMPARE(runs->at(2).workflowRunId, u"wr_3"_s);
            QCOMPARE(runs->at(2).failureReason, u"Timed out"_s);
            QVERIFY(runs->at(2).workflowTitle.isNull());
            QCOMPARE(runs->at(2).startedAt,
                QDateTime(QDate(2026, 11, 7), QTime(5, 32), QTimeZone::utc()));
            QCOMPARE(runs->at(3), runs->at(0));
        }
        // A field of the wrong type in a later run is still named.
        sparse.insert(u"failure_reason"_s, 12);
        QString error;
        QVERIFY(!workflowRunsFromJson(QJsonDocument(QJsonArray {full, sparse}).toJson(), &error));
        QCOMPARE(error, u"[1].failure_reason: expected a string, got a number"_s);
    }

    void rejectsMalformedJsonAndNonArrays()
    {
        QString error;
        QVERIFY(!workflowRunsFromJson("[{\"workflow_run_id\": ", &error));
        QVERIFY(error.contains(u"not valid JSON"_s));
        QVERIFY(!workflowRunsFromJson("{\"detail\": \"x\"}", &error));
        QCOMPARE(error, u"expected a JSON array of runs"_s);
    }

    void roundTripsThroughJson()
    {
        QJsonObject json = minimalRun();
        json.insert(u"proxy_location"_s, QJsonObject {{u"country"_s, u"US"_s}});
        json.insert(u"extra_http_headers"_s, QJsonObject {{u"X-Tenant"_s, u"acme"_s}});
        json.insert(u"ai_fallback"_s, true);
        const auto runs = workflowRunsFromJson(arrayOf(json), nullptr);
        QVERIFY(runs);
        const auto again = workflowRunsFromJson(arrayOf(runs->first().toJson()), nullptr);
        QVERIFY(again);
        QCOMPARE(again->first(), runs->first());
    }

    void runDetailReadsErrorsScreenshotsAndFiles()
    {
        const QByteArray body = quoted(
            "{"
            "            'run_id': 'wr_9', 'run_type': 'workflow_run', 'status': 'failed',"
            "            'created_at': '2026-01-01T00:00:00Z', 'modified_at': "
            "'2026-01-01T00:05:00Z',"
            "            'errors': [{'error_code': 'LOGIN_FAILED', 'reasoning': 'bad password',"
            "                        'confidence_float': 0.9, 'extra': 1}],"
            "            'screenshot_urls': ['https://s/3.png', 'https://s/2.png'],"
            "            'downloaded_files': [{'url': 'https://f/a.csv', 'filename': 'a.csv'}],"
            "            'output': {'rows': 3}, 'step_count': 3, 'run_request': {'workflow_id': "
            "'wpid_1'}"
            "        }");
        QString error;
        const auto detail = RunDetail::fromJson(body, &error);
        QVERIFY2(detail, qPrintable(error));
        QCOMPARE(detail->errors.size(), 1);
        QCOMPARE(detail->errors.first().errorCode, u"LOGIN_FAILED"_s);
        QCOMPARE(detail->screenshotUrls.first(), u"https://s/3.png"_s);
        QCOMPARE(detail->downloadedFiles.first().filename, u"a.csv"_s);
        QCOMPARE(detail->output.toObject().value(u"rows"_s).toInt(), 3);
        QCOMPARE(detail->stepCount, 3);
    }

    void runDetailNamesANestedWrongType()
    {
        QString error;
        QVERIFY(!RunDetail::fromJson(
            quoted("{'run_id': 'wr_9', 'run_type': 'workflow_run',"
                   "            'status': 'failed', 'created_at': '2026-01-01T00:00:00Z',"
                   "            'modified_at': '2026-01-01T00:00:00Z', 'errors': [{'error_code': "
                   "7}]}"),
            &error));
        QCOMPARE(error, u"errors[0].error_code: expected a string, got a number"_s);
    }

    void workflowsKeepOnlyWorkflowParameters()
    {
        const QByteArray body
            = quoted("[{'workflow_permanent_id': 'wpid_1', 'workflow_id': 'w_1',"
                     "            'title': 'Invoices', 'workflow_definition': {'parameters': ["
                     "              {'parameter_type': 'workflow', 'key': 'month', "
                     "'workflow_parameter_type': 'string',"
                     "               'default_value': '2026-01'},"
                     "              {'parameter_type': 'output', 'key': 'block_output'},"
                     "              {'parameter_type': 'workflow', 'key': 'count', "
                     "'workflow_parameter_type': 'integer'}"
                     "            ], 'blocks': []}}]");
        QString error;
        const auto workflows = workflowsFromJson(body, &error);
        QVERIFY2(workflows, qPrintable(error));
        QCOMPARE(workflows->first().parameters.size(), 2);
        QCOMPARE(workflows->first().parameters.at(1).type, ParameterType::Integer);
        QCOMPARE(workflows->first().parameters.at(0).defaultValue.toString(), u"2026-01"_s);
    }
};

QTEST_GUILESS_MAIN(TestWorkflowRun)
#include "tst_workflowrun.moc"
