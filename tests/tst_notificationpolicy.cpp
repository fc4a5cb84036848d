// When Runwatch tells its user a run ended: the rules first (the first that matches decides),
// then the defaults (watched runs, failures on important connections), never in quiet hours
// or a pause, and the whole policy kept as plain data.

#include <QJsonArray>
#include <QTest>

#include "notificationpolicy.h"

using namespace Qt::StringLiterals;

class TestNotificationPolicy : public QObject
{
    Q_OBJECT

    static RunEvent ended(RunStatus status, const QString &connection = u"prod"_s,
        const QString &workflow = u"wpid_quote"_s, const QStringList &codes = {})
    {
        RunEvent event;
        event.connectionId = connection;
        event.run.workflowRunId = u"wr_1"_s;
        event.run.workflowPermanentId = workflow;
        event.run.status = status;
        event.previous = RunStatus::Running;
        event.errorCodes = codes;
        return event;
    }
    static QDateTime at(int hour, int minute = 0)
    {
        return QDateTime(QDate(2026, 11, 29), QTime(hour, minute));
    }

private slots:
    void byDefaultWatchedRunsAndFailuresOnImportantConnectionsAreTold()
    {
        NotificationPolicy policy;
        RunEvent event = ended(RunStatus::Completed);
        QVERIFY(!policy.shouldNotify(event, at(12))); // nobody asked about it
        event.watched = true;
        QVERIFY(policy.shouldNotify(event, at(12)));
        policy.watchedRunsEnd = false;
        QVERIFY(!policy.shouldNotify(event, at(12)));

        RunEvent failure = ended(RunStatus::Failed);
        QVERIFY(!policy.shouldNotify(failure, at(12)));
        policy.importantConnections.insert(u"prod"_s);
        QVERIFY(policy.shouldNotify(failure, at(12)));
        QVERIFY(policy.shouldNotify(ended(RunStatus::TimedOut), at(12)));
        QVERIFY(!policy.shouldNotify(ended(RunStatus::Completed), at(12)));
        QVERIFY(!policy.shouldNotify(ended(RunStatus::Failed, u"staging"_s), at(12)));
        // A run still going has not ended, whatever a rule says.
        RunEvent running = ended(RunStatus::Running);
        running.watched = true;
        policy.watchedRunsEnd = true;
        QVERIFY(!policy.shouldNotify(running, at(12)));
    }

    void theFirstMatchingRuleDecides()
    {
        NotificationPolicy policy;
        policy.importantConnections.insert(u"prod"_s);
        NotificationRule captcha;
        captcha.errorCode = u"CAPTCHA_DETECTED"_s;
        captcha.action = NotificationRule::Action::Ignore;
        NotificationRule quoteEnds;
        quoteEnds.workflow = u"wpid_quote"_s;
        quoteEnds.statuses = {RunStatus::Completed, RunStatus::Failed};
        policy.rules = {captcha, quoteEnds};

        QVERIFY(!policy.shouldNotify(
            ended(RunStatus::Failed, u"prod"_s, u"wpid_quote"_s, {u"CAPTCHA_DETECTED"_s}), at(12)));
        QVERIFY(policy.shouldNotify(ended(RunStatus::Completed, u"staging"_s), at(12)));
        QVERIFY(!policy.shouldNotify(ended(RunStatus::Canceled, u"staging"_s), at(12)));
        // No rule matched: the defaults.
        QVERIFY(policy.shouldNotify(ended(RunStatus::Failed, u"prod"_s, u"wpid_other"_s), at(12)));
        QVERIFY(
            !policy.shouldNotify(ended(RunStatus::Failed, u"staging"_s, u"wpid_other"_s), at(12)));
    }

    void aRuleMatchesTagsAsTheServersFilterDoes()
    {
        RunEvent event = ended(RunStatus::Failed);
        event.tags = {{u"env"_s, u"prod"_s}, {u"customer"_s, u"acme"_s}, {{}, u"nightly"_s}};
        const auto matching = [&event](const QString &tag) {
            NotificationRule rule;
            rule.tag = tag;
            return rule.matches(event);
        };
        QVERIFY(matching(u"env:prod"_s));
        QVERIFY(!matching(u"env:staging"_s));
        QVERIFY(matching(u"env:*"_s)); // any in the group
        QVERIFY(!matching(u"region:*"_s));
        QVERIFY(matching(u"nightly"_s)); // a label, standalone
        QVERIFY(matching(u"acme"_s)); // a label in any group
        QVERIFY(!matching(u"customer:nightly"_s));
        QVERIFY(matching(QString())); // no tag: any run
        event.tags.clear(); // tags not known (or none): a tag rule does not match
        QVERIFY(!matching(u"env:*"_s));

        // A workflow is named by its id, or by its title as typed.
        event.run.workflowTitle = u"Auto insurance quote"_s;
        NotificationRule byName;
        byName.workflow = u"Auto insurance quote"_s;
        QVERIFY(byName.matches(event));
        byName.workflow = u"Lead enrichment"_s;
        QVERIFY(!byName.matches(event));
    }

    void quietHoursAcrossMidnightAndAPauseTellNothing()
    {
        NotificationPolicy policy;
        RunEvent event = ended(RunStatus::Failed);
        event.watched = true;
        policy.quietHoursOn = true;
        policy.quietFrom = QTime(22, 0);
        policy.quietUntil = QTime(7, 0);
        QVERIFY(!policy.shouldNotify(event, at(23, 30)));
        QVERIFY(!policy.shouldNotify(event, at(3)));
        QVERIFY(!policy.shouldNotify(event, at(6, 59)));
        QVERIFY(policy.shouldNotify(event, at(7)));
        QVERIFY(policy.shouldNotify(event, at(21, 59)));
        // Within one day.
        policy.quietFrom = QTime(12, 0);
        policy.quietUntil = QTime(13, 0);
        QVERIFY(!policy.shouldNotify(event, at(12, 30)));
        QVERIFY(policy.shouldNotify(event, at(23)));
        policy.quietHoursOn = false;
        QVERIFY(policy.shouldNotify(event, at(12, 30)));
        // Paused for an hour.
        policy.pausedUntil = at(14);
        QVERIFY(!policy.shouldNotify(event, at(13, 30)));
        QVERIFY(policy.shouldNotify(event, at(14)));
    }

    void thePolicyIsPlainDataThatSurvivesARoundTrip()
    {
        NotificationPolicy policy;
        NotificationRule rule;
        rule.connection = u"prod"_s;
        rule.workflow = u"wpid_quote"_s;
        rule.statuses = {RunStatus::Failed, RunStatus::TimedOut};
        rule.errorCode = u"LOGIN_FAILED"_s;
        rule.tag = u"env:prod"_s;
        rule.action = NotificationRule::Action::Ignore;
        policy.rules = {rule};
        policy.importantConnections = {u"prod"_s, u"demo"_s};
        policy.watchedRunsEnd = false;
        policy.quietHoursOn = true;
        policy.quietFrom = QTime(21, 30);
        policy.quietUntil = QTime(6, 45);
        policy.pausedUntil = QDateTime(QDate(2026, 11, 29), QTime(18, 0), Qt::UTC);

        const QJsonObject json = policy.toJson();
        QCOMPARE(
            json.value(u"rules"_s).toArray().first().toObject().value(u"action"_s), u"ignore"_s);
        const NotificationPolicy read = NotificationPolicy::fromJson(json);
        QCOMPARE(read.toJson(), json);
        QCOMPARE(read.rules.size(), 1);
        QCOMPARE(read.rules.first().statuses, rule.statuses);
        QCOMPARE(read.rules.first().tag, u"env:prod"_s);
        QCOMPARE(read.quietFrom, QTime(21, 30));
        QCOMPARE(read.pausedUntil, policy.pausedUntil);

        // A hand-edited entry that is not a rule is left out; the defaults fill what is missing.
        QJsonObject edited = json;
        edited.insert(u"rules"_s,
            QJsonArray {QJsonObject {{u"action"_s, u"shout"_s}},
                QJsonObject {
                    {u"action"_s, u"notify"_s}, {u"statuses"_s, QJsonArray {u"exploded"_s}}},
                QJsonObject {{u"action"_s, u"notify"_s}, {u"workflow"_s, u"wpid_x"_s}}});
        edited.remove(u"watched_runs_end"_s);
        edited.insert(u"quiet_from"_s, u"25:99"_s);
        const NotificationPolicy lenient = NotificationPolicy::fromJson(edited);
        QCOMPARE(lenient.rules.size(), 1);
        QCOMPARE(lenient.rules.first().workflow, u"wpid_x"_s);
        QVERIFY(lenient.watchedRunsEnd);
        QCOMPARE(lenient.quietFrom, QTime(22, 0));
        QVERIFY(NotificationPolicy::fromJson({}).watchedRunsEnd);
    }
};

QTEST_APPLESS_MAIN(TestNotificationPolicy)
#include "tst_notificationpolicy.moc"
