// The tray's state and menu, as the user reads them: all quiet, runs active, or new failures
// with their count (in the tooltip and drawn on the icon) until the window is looked at; the last
// five notable runs, newest first, each opening its run; pause for an hour; quit.

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>

#include "themedicon.h"
#include "translations.h"
#include "traycontroller.h"

using namespace Qt::StringLiterals;

class TestTrayController : public QObject
{
    Q_OBJECT

    static RunEvent ended(int i, RunStatus status)
    {
        RunEvent event;
        event.connectionId = u"prod"_s;
        event.connectionName = u"Skyvern Cloud"_s;
        event.run.workflowRunId = u"wr_%1"_s.arg(i);
        event.run.workflowTitle = u"Workflow %1"_s.arg(i);
        event.run.status = status;
        return event;
    }
    static QImage imageOf(const QIcon &icon) { return icon.pixmap(32).toImage(); }
    static QList<QAction *> notableRuns(TrayController &tray)
    {
        QList<QAction *> runs;
        for (QAction *action : tray.menu()->actions()) {
            if (action->objectName() == "trayNotableRun"_L1)
                runs.append(action);
        }
        return runs;
    }

private slots:
    void initTestCase() { Translations::install(qApp, QLocale(QLocale::English)); }

    void theStateIsReadFromTheTooltipAndTheIcon()
    {
        TrayController tray;
        QCOMPARE(tray.state(), TrayController::State::Quiet);
        QCOMPARE(tray.toolTip(), u"Runwatch: all quiet"_s);
        const QImage quiet = imageOf(tray.icon());
        QCOMPARE(quiet, imageOf(ThemedIcon::application()));

        tray.setActiveRuns(3);
        QCOMPARE(tray.state(), TrayController::State::Active);
        QCOMPARE(tray.toolTip(), u"Runwatch: 3 runs active"_s);
        const QImage active = imageOf(tray.icon());
        QVERIFY(active != quiet);

        tray.runEnded(ended(1, RunStatus::Completed), false);
        QCOMPARE(tray.state(), TrayController::State::Active); // a success is no news
        tray.runEnded(ended(2, RunStatus::Failed), false);
        tray.runEnded(ended(3, RunStatus::TimedOut), false);
        QCOMPARE(tray.state(), TrayController::State::NewFailures);
        QCOMPARE(tray.unseenFailures(), 2);
        QCOMPARE(tray.toolTip(), u"Runwatch: 2 new failures since you last looked"_s);
        const QImage failures = imageOf(tray.icon());
        QVERIFY(failures != active && failures != quiet);
        // The count is drawn: three failures look different from two.
        tray.runEnded(ended(4, RunStatus::Failed), false);
        QVERIFY(imageOf(tray.icon()) != failures);

        // Looked at: no longer new.
        tray.markSeen();
        QCOMPARE(tray.unseenFailures(), 0);
        QCOMPARE(tray.state(), TrayController::State::Active);
        tray.setActiveRuns(0);
        QCOMPARE(tray.state(), TrayController::State::Quiet);
    }

    void theMenuListsTheLastFiveToldRunsAndOpensThem()
    {
        TrayController tray;
        QSignalSpy open(&tray, &TrayController::openRunRequested);
        QVERIFY(notableRuns(tray).isEmpty());
        tray.runEnded(ended(0, RunStatus::Failed), false); // not told: not listed
        QVERIFY(notableRuns(tray).isEmpty());
        for (int i = 1; i <= 7; ++i)
            tray.runEnded(ended(i, i % 2 ? RunStatus::Failed : RunStatus::Completed), true);
        const QList<QAction *> runs = notableRuns(tray);
        QCOMPARE(runs.size(), TrayController::kNotableRuns);
        QCOMPARE(runs.first()->text(), u"Failed · Workflow 7 · Skyvern Cloud"_s);
        QCOMPARE(runs.last()->data().toString(), u"wr_3"_s);
        // Between the header and Quit, which stays last.
        QCOMPARE(tray.menu()->actions().last()->objectName(), u"trayQuitAction"_s);
        runs.at(1)->trigger();
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.first().at(0).toString(), u"prod"_s);
        QCOMPARE(open.first().at(1).toString(), u"wr_6"_s);
    }

    void pauseAndQuitAreAsked()
    {
        TrayController tray;
        QSignalSpy pause(&tray, &TrayController::pauseRequested);
        QSignalSpy quit(&tray, &TrayController::quitRequested);
        auto *pauseAction = tray.menu()->findChild<QAction *>(u"trayPauseAction"_s);
        QVERIFY(pauseAction && !pauseAction->isChecked());
        pauseAction->trigger();
        QCOMPARE(pause.count(), 1);
        QCOMPARE(pause.first().first().toBool(), true);
        tray.setPausedUntil(QDateTime::currentDateTime().addSecs(3600));
        QVERIFY(pauseAction->isChecked());
        QVERIFY(tray.toolTip().contains(u"paused until"_s));
        tray.setPausedUntil({});
        QVERIFY(!pauseAction->isChecked());
        tray.menu()->findChild<QAction *>(u"trayQuitAction"_s)->trigger();
        QCOMPARE(quit.count(), 1);
    }
};

QTEST_MAIN(TestTrayController)
#include "tst_traycontroller.moc"
