// The demo's launch validator on its own, without a server: what a launch body comes to.

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "demolaunchvalidator.h"

using namespace Qt::StringLiterals;

class TestDemoLaunchValidator : public QObject
{
    Q_OBJECT

    QHash<QString, Workflow> m_workflows;

    DemoLaunchCheck check(const QJsonObject &body) const
    {
        return DemoLaunchValidator(m_workflows).check(QJsonDocument(body).toJson());
    }

private slots:
    void initTestCase()
    {
        Workflow workflow;
        workflow.workflowPermanentId = u"wpid_news"_s;
        WorkflowParameter count;
        count.key = u"count"_s;
        count.type = ParameterType::Integer;
        WorkflowParameter comments;
        comments.key = u"include_comments"_s;
        comments.type = ParameterType::Boolean;
        comments.defaultValue = false;
        workflow.parameters = {count, comments};
        m_workflows.insert(workflow.workflowPermanentId, workflow);
    }

    void validLaunchBecomesARunWithDefaultsFilledIn()
    {
        const DemoLaunchCheck launch = check({{u"agent_id"_s, u"wpid_news"_s},
            {u"title"_s, u"Nightly"_s}, {u"parameters"_s, QJsonObject {{u"count"_s, 5}}},
            {u"max_elapsed_time_minutes"_s, 30},
            {u"proxy_location"_s, QJsonObject {{u"country"_s, u"US"_s}}},
            {u"extra_http_headers"_s, QJsonObject {{u"X-Tenant"_s, u"acme"_s}}}});
        QCOMPARE(launch.status, 200);
        QCOMPARE(launch.run.workflowPermanentId, u"wpid_news"_s);
        QCOMPARE(launch.run.title, u"Nightly"_s);
        QCOMPARE(launch.run.triggerType, u"api"_s);
        QCOMPARE(launch.run.parameters.value(u"count"_s).toInt(), 5);
        QCOMPARE(launch.run.parameters.value(u"include_comments"_s), QJsonValue(false));
        QCOMPARE(launch.run.maxElapsedMinutes, std::optional<int>(30));
        QCOMPARE(launch.run.extraHttpHeaders.value(u"X-Tenant"_s), u"acme"_s);
        QVERIFY(launch.run.runId.isEmpty()); // ids and times are the server's to give
    }

    void proxyDefaultsToResidential()
    {
        const DemoLaunchCheck launch = check(
            {{u"workflow_id"_s, u"wpid_news"_s}, {u"parameters"_s, QJsonObject {{u"count"_s, 1}}}});
        QCOMPARE(launch.status, 200);
        QCOMPARE(launch.run.proxyLocation, QJsonValue(u"RESIDENTIAL"_s));
    }

    void unknownWorkflowIs404()
    {
        const DemoLaunchCheck launch = check({{u"workflow_id"_s, u"wpid_missing"_s}});
        QCOMPARE(launch.status, 404);
        QVERIFY(launch.message.contains(u"wpid_missing"_s));
    }

    void badFieldsAre422NamingEachOne_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("type");
        QTest::newRow("no workflow") << QJsonObject {} << u"workflow_id"_s << u"missing"_s;
        QTest::newRow("missing parameter")
            << QJsonObject {{u"workflow_id"_s, u"wpid_news"_s}} << u"parameters"_s << u"missing"_s;
        QTest::newRow("timeout above 480") << QJsonObject {{u"workflow_id"_s, u"wpid_news"_s},
            {u"max_elapsed_time_minutes"_s, 481}}
                                           << u"max_elapsed_time_minutes"_s << u"less_than_equal"_s;
        QTest::newRow("proxy not in the enum")
            << QJsonObject {{u"workflow_id"_s, u"wpid_news"_s}, {u"proxy_location"_s, u"MARS"_s}}
            << u"proxy_location"_s << u"enum"_s;
        QTest::newRow("integer given as text") << QJsonObject {{u"workflow_id"_s, u"wpid_news"_s},
            {u"parameters"_s, QJsonObject {{u"count"_s, u"five"_s}}}}
                                               << u"parameters"_s << u"value_error"_s;
        QTest::newRow("run_with") << QJsonObject {{u"workflow_id"_s, u"wpid_news"_s},
            {u"run_with"_s, u"magic"_s}}
                                  << u"run_with"_s << u"literal_error"_s;
    }

    void badFieldsAre422NamingEachOne()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, field);
        QFETCH(QString, type);
        const DemoLaunchCheck launch = check(body);
        QCOMPARE(launch.status, 422);
        QCOMPARE(launch.errors.at(0)[u"loc"_s][1].toString(), field);
        QCOMPARE(launch.errors.at(0)[u"type"_s].toString(), type);
    }

    void bodyThatIsNotJsonIs422()
    {
        const DemoLaunchCheck launch = DemoLaunchValidator(m_workflows).check("{\"workflow_id\": ");
        QCOMPARE(launch.status, 422);
        QCOMPARE(launch.errors.at(0)[u"type"_s].toString(), u"json_invalid"_s);
    }
};

QTEST_GUILESS_MAIN(TestDemoLaunchValidator)
#include "tst_demolaunchvalidator.moc"
