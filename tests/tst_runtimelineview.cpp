// The Timeline tab and Retry, driven like a person would against the demo server: a failed
// run opens on its failing action with its screenshot and reasoning; the keys step through
// it; a source without timelines has no tab; a broken answer is said and the rest works;
// Retry starts the same workflow again with the same parameters and follows the new run;
// Copy as cURL hands over the request without the key.

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

#include "comparewindow.h"
#include "demoplatformserver.h"
#include "launchrundialog.h"
#include "mainwindow.h"
#include "mergedrunsource.h"
#include "recordingchaptermodel.h"
#include "rundetailpane.h"
#include "runlistmodel.h"
#include "runtimelineview.h"
#include "skyvernclient.h"
#include "support/scriptedserver.h"
#include "support/testserver.h"
#include "support/windowdriver.h"
#include "timelinemodel.h"
#include "workflowplatformclient.h"

using namespace Qt::StringLiterals;
using namespace WindowDriver;

class TestRunTimelineView : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;

private slots:
    void recordingStepsAreTheRunsTimeScaledOntoTheRecording()
    {
        // A 100 s run: actions 90 s, 0 s and 50 s in (sent out of order), and one never timed.
        const QDateTime start(QDate(2026, 11, 29), QTime(10, 0), Qt::UTC);
        const auto action = [&start](const QString &id, int seconds, ActionStatus status) {
            TimelineAction made;
            made.actionId = id;
            made.actionType = u"click"_s;
            made.intention = u"Press "_s + id;
            made.status = status;
            if (seconds >= 0)
                made.startedAt = start.addSecs(seconds);
            return made;
        };
        TimelineEntry block;
        block.kind = TimelineEntry::Kind::Block;
        block.block.actions = {action(u"late"_s, 90, ActionStatus::Failed),
            action(u"first"_s, 0, ActionStatus::Completed),
            action(u"untimed"_s, -1, ActionStatus::Completed),
            action(u"middle"_s, 50, ActionStatus::Completed)};
        RunTimeline timeline;
        timeline.entries = {block};

        RecordingChapterModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setTimeline(timeline, start, start.addSecs(100));
        QCOMPARE(model.rowCount(), 3);
        const auto ids = [&model] {
            QStringList found;
            for (int row = 0; row < model.rowCount(); ++row)
                found.append(model.actionIdOf(row));
            return found;
        };
        QCOMPARE(ids(), (QStringList {u"first"_s, u"middle"_s, u"late"_s}));
        // Until the recording's length is known, a place is the time into the run.
        QCOMPARE(model.offsetOf(1), 50'000);
        QCOMPARE(model.index(1).data().toString(), u"00:50  Click: Press middle"_s);

        // A 10 s recording of a 100 s run: everything a tenth.
        model.setRecordingDuration(10'000);
        QCOMPARE(model.offsetOf(0), 0);
        QCOMPARE(model.offsetOf(1), 5'000);
        QCOMPARE(model.offsetOf(2), 9'000);
        QCOMPARE(model.chapterAt(-1), -1);
        QCOMPARE(model.chapterAt(4'999), 0);
        QCOMPARE(model.chapterAt(5'000), 1);
        QCOMPARE(model.chapterAt(10'000), 2);
        QCOMPARE(model.rowOfAction(u"late"_s), 2);
        QCOMPARE(model.rowOfAction(u"untimed"_s), -1);
        QVERIFY(model.index(2).data(RecordingChapterModel::FailedRole).toBool());
        QVERIFY(!model.index(1).data(RecordingChapterModel::FailedRole).toBool());

        // No run times: the first action starts the recording and the last one ends it.
        model.setTimeline(timeline, {}, {});
        model.setRecordingDuration(9'000);
        QCOMPARE(model.offsetOf(1), 5'000);
        QCOMPARE(model.offsetOf(2), 9'000);

        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.chapterAt(1'000), -1);
    }

    void initTestCase()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->isStarted());
    }

    void aFailedRunOpensOnItsFailingActionWithScreenshotAndReasoning()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        const QString runId = clickRunWith(table, RunStatus::Failed);
        QVERIFY(!runId.isEmpty());
        openTab(window, u"Timeline"_s);
        auto *view = window.findChild<RunTimelineView *>();
        auto *tree = view->findChild<QTreeView *>(u"timelineTreeView"_s);
        QVERIFY(view->isVisible());
        QAbstractItemModelTester tester(
            view->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);

        // The failing action is current, in view, and the pane beside it says why.
        QTRY_VERIFY_WITH_TIMEOUT(tree->currentIndex().isValid(), 20000);
        const QModelIndex failing = tree->currentIndex();
        QVERIFY(failing.data(TimelineModel::IsActionRole).toBool());
        QVERIFY(failing.data(TimelineModel::FailedRole).toBool());
        QVERIFY(tree->viewport()->rect().intersects(tree->visualRect(failing)));
        const QString reasoning = failing.data(TimelineModel::ReasoningRole).toString();
        QVERIFY(reasoning.size() > 20);
        auto *details = view->findChild<QTextBrowser *>(u"timelineDetailsBrowser"_s);
        QTRY_VERIFY(details->toPlainText().contains(reasoning));
        // Its block failed with the run's failure reason, which the pane names too.
        QVERIFY(details->toPlainText().contains(u"Errors"_s));
        auto *screenshot = view->findChild<QLabel *>(u"timelineScreenshotLabel"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!screenshot->pixmap().isNull(), 20000);
        const qint64 failingShot = screenshot->pixmap().cacheKey();

        // Up steps to the action before, with its own reasoning and screenshot.
        tree->setFocus();
        QTest::keyClick(tree, Qt::Key_Up);
        const QModelIndex before = tree->currentIndex();
        QVERIFY(before != failing);
        QVERIFY(before.data(TimelineModel::IsActionRole).toBool());
        QVERIFY(!before.data(TimelineModel::FailedRole).toBool());
        QTRY_VERIFY(
            details->toPlainText().contains(before.data(TimelineModel::ReasoningRole).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(
            !screenshot->pixmap().isNull() && screenshot->pixmap().cacheKey() != failingShot,
            20000);

        // Another run starts again from its own failure, not from the place read before.
        const QString other = [&] {
            for (int row = table->model()->rowCount() - 1; row >= 0; --row) {
                const QModelIndex index = table->model()->index(row, 1);
                if (index.data(RunListModel::StatusRole).toInt() == int(RunStatus::Completed)) {
                    table->scrollTo(index);
                    QTest::mouseClick(
                        table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
                    return index.data(RunListModel::RunIdRole).toString();
                }
            }
            return QString();
        }();
        QVERIFY(!other.isEmpty());
        QTRY_COMPARE(view->runId(), other);
        QTRY_VERIFY_WITH_TIMEOUT(tree->currentIndex().isValid(), 20000);
        QVERIFY(!tree->currentIndex().data(TimelineModel::FailedRole).toBool());
        QVERIFY(tree->currentIndex().data(TimelineModel::IsActionRole).toBool());
    }

    void aBrokenTimelineIsSaidAndTheOverviewStillWorks()
    {
        ScriptedServer server;
        const QByteArray item = R"({"workflow_run_id":"wr_broken","workflow_id":"w_1",
            "workflow_permanent_id":"wpid_1","organization_id":"o_1","status":"failed",
            "created_at":"2026-11-29T10:00:00Z","modified_at":"2026-11-29T10:05:00Z",
            "failure_reason":"The page would not load"})";
        server.setAnswer(u"/v1/workflows/runs"_s, {200, "[" + item + "]", {}, false});
        server.setAnswer(u"/v1/runs/wr_broken/timeline"_s, {200, "<html>oops</html>", {}, false});
        server.setAnswer(u"/v1/runs/wr_broken/artifacts"_s, {200, "[]", {}, false});
        SkyvernClient client(server.url(), u"k"_s);
        client.setRetryPolicy(1, 0);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        QVERIFY(!clickRunWith(table, RunStatus::Failed).isEmpty());
        openTab(window, u"Timeline"_s);
        auto *message = window.findChild<QLabel *>(u"timelineMessageLabel"_s);
        QTRY_VERIFY_WITH_TIMEOUT(
            message->isVisible() && !message->text().contains(u"Loading"_s), 20000);
        QVERIFY2(!message->text().isEmpty(), qPrintable(message->text()));
        // The overview of the same run is one click away and intact.
        openTab(window, u"Overview"_s);
        auto *pane = window.findChild<RunDetailPane *>();
        QTRY_VERIFY(pane->isVisible());
        QCOMPARE(pane->runId(), u"wr_broken"_s);
        QVERIFY(!window.findChild<RunTimelineView *>()->isVisible());
    }

    void aRunWithoutStepsSaysSoInOneLine()
    {
        // A queued run has done nothing yet: Timeline and Screenshots each say so, with no
        // empty table, strip or viewer under the sentence.
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        QVERIFY(!clickRunWith(table, RunStatus::Queued).isEmpty());
        openTab(window, u"Timeline"_s);
        auto *timeline = window.findChild<RunTimelineView *>();
        auto *message = timeline->findChild<QLabel *>(u"timelineMessageLabel"_s);
        QTRY_COMPARE_WITH_TIMEOUT(message->text(), u"This run has no steps yet."_s, 20000);
        QVERIFY(message->isVisible());
        QVERIFY(!timeline->findChild<QSplitter *>(u"timelineSplitter"_s)->isVisible());
        openTab(window, u"Screenshots"_s);
        auto *strip = window.findChild<QWidget *>(u"filmstripListView"_s);
        auto *said = window.findChild<QLabel *>(u"filmstripMessageLabel"_s);
        QTRY_COMPARE_WITH_TIMEOUT(said->text(), u"This run has no screenshots yet."_s, 20000);
        QVERIFY(!strip->isVisible());
    }

    void theWorkflowPlatformHasNoTimelineTab()
    {
        WorkflowPlatformClient platform(m_server->server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        MainWindow window;
        showOn(window, &platform);
        auto *tabs = window.findChild<QTabWidget *>(u"detailTabWidget"_s);
        const int timeline = tabIndex(window, u"Timeline"_s);
        QVERIFY(timeline >= 0);
        QVERIFY(!tabs->isTabVisible(timeline));
        SkyvernClient skyvern(m_server->server()->baseUrl(), u"test-key"_s);
        window.setSource(&skyvern);
        QVERIFY(tabs->isTabVisible(timeline));
        window.setSource(nullptr);
    }

    void aMergedListShowsEachRunTheTabsOfItsOwnConnection()
    {
        SkyvernClient skyvern(m_server->server()->baseUrl(), u"test-key"_s);
        WorkflowPlatformClient platform(m_server->server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        MergedRunSource merged(
            {{&skyvern, u"Skyvern"_s, {}}, {&platform, u"Ops platform"_s, u"wf_price_scan"_s}});
        MainWindow window;
        QTableView *table = showOn(window, &merged);
        auto *tabs = window.findChild<QTabWidget *>(u"detailTabWidget"_s);
        const auto clickRunOf = [table](const QString &source) {
            QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 0, 20000);
            for (int row = 0; row < table->model()->rowCount(); ++row) {
                const QModelIndex index = table->model()->index(row, RunListModel::WorkflowColumn);
                if (table->model()->index(row, RunListModel::SourceColumn).data() != source)
                    continue;
                table->scrollTo(index);
                QTest::mouseClick(
                    table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
                return;
            }
            QFAIL(qPrintable(u"no run of "_s + source));
        };
        const auto shownTabs = [tabs] {
            QStringList names;
            for (int i = 0; i < tabs->count(); ++i) {
                if (tabs->isTabVisible(i))
                    names.append(tabs->tabText(i).remove(u'&'));
            }
            return names;
        };
        const QStringList everyTab {u"Overview"_s, u"Timeline"_s, u"Screenshots"_s, u"Recording"_s};

        clickRunOf(u"Skyvern"_s);
        QCOMPARE(shownTabs(), everyTab);
        openTab(window, u"Timeline"_s);
        // A run of the workflow platform has no steps, screenshots or recording to show.
        clickRunOf(u"Ops platform"_s);
        QCOMPARE(shownTabs(), QStringList {u"Overview"_s});
        QCOMPARE(tabs->currentWidget(), window.findChild<RunDetailPane *>());
        // Back on a Skyvern run, the tab the user chose comes back with it.
        clickRunOf(u"Skyvern"_s);
        QCOMPARE(shownTabs(), everyTab);
        QCOMPARE(tabs->currentIndex(), tabIndex(window, u"Timeline"_s));

        // Edit and retry is offered for the Skyvern run as on its own connection, and the
        // form launches there (the merged list itself launches nothing).
        auto *pane = window.findChild<RunDetailPane *>();
        tabs->setCurrentWidget(pane);
        auto *editRetry = pane->findChild<QPushButton *>(u"editRetryButton"_s);
        QTRY_VERIFY_WITH_TIMEOUT(editRetry->isVisible(), 20000);
        const QString original = pane->runId();
        QTest::mouseClick(editRetry, Qt::LeftButton);
        LaunchRunDialog *form = nullptr;
        QTRY_VERIFY((form = window.findChild<LaunchRunDialog *>()) && form->isVisible());
        QPushButton *run = form->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QTRY_VERIFY_WITH_TIMEOUT(run->isEnabled(), 20000);
        QTest::mouseClick(run, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!pane->runId().isEmpty() && pane->runId() != original, 20000);
        QVERIFY(m_server->server()->storedRun(pane->runId()).has_value());
        window.setSource(nullptr);
    }

    void switchingDetailTabsKeepsTheSplitWhereItIs()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        QVERIFY(!clickRunWith(table, RunStatus::Failed).isEmpty());
        auto *splitter = window.findChild<QSplitter *>(u"mainSplitter"_s);
        QVERIFY(splitter);
        const QList<int> before = splitter->sizes();
        for (const QString &tab : {u"Timeline"_s, u"Screenshots"_s, u"Recording"_s, u"Overview"_s,
                 u"Screenshots"_s, u"Timeline"_s}) {
            openTab(window, tab);
            QTest::qWait(200);
            QCOMPARE(splitter->sizes(), before);
        }
        window.setSource(nullptr);
    }

    void copyAsCurlPutsTheRequestOnTheClipboardWithoutTheKey()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        const QString runId = clickRunWith(table, RunStatus::Completed);
        auto *pane = window.findChild<RunDetailPane *>();
        auto *copy = pane->findChild<QPushButton *>(u"copyCurlButton"_s);
        QTRY_VERIFY_WITH_TIMEOUT(pane->detail().runId == runId && copy->isVisible(), 20000);
        QApplication::clipboard()->clear();
        QTest::mouseClick(copy, Qt::LeftButton);
        const QString text = QApplication::clipboard()->text();
        QVERIFY2(text.startsWith(u"curl -X POST"_s) && text.contains(u"/v1/run/workflows"_s),
            qPrintable(text));
        QVERIFY(text.contains(u"$SKYVERN_API_KEY"_s));
        QVERIFY(!text.contains(u"test-key"_s));
    }

    void editAndRetryOpensTheFormAsTheRunWasStarted()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        const QString runId = clickRunWith(table, RunStatus::Failed);
        const auto original = m_server->server()->storedRun(runId);
        QVERIFY(original);
        // A text parameter to change before sending it again.
        QString key;
        for (auto it = original->parameters.begin(); it != original->parameters.end(); ++it) {
            if (it.value().isString() && key.isEmpty())
                key = it.key();
        }
        QVERIFY(!key.isEmpty());
        auto *pane = window.findChild<RunDetailPane *>();
        auto *edit = pane->findChild<QPushButton *>(u"editRetryButton"_s);
        QTRY_VERIFY_WITH_TIMEOUT(pane->detail().runId == runId && edit->isVisible(), 20000);
        QTest::mouseClick(edit, Qt::LeftButton);
        LaunchRunDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<LaunchRunDialog *>()) && dialog->isVisible());
        auto *workflow = dialog->findChild<QComboBox *>(u"workflowComboBox"_s);
        QTRY_VERIFY_WITH_TIMEOUT(workflow->isEnabled(), 20000);
        QCOMPARE(workflow->currentData().toString(), original->workflowPermanentId);
        QLineEdit *field = nullptr;
        QTRY_VERIFY((field = dialog->findChild<QLineEdit *>(u"param_"_s + key)));
        QCOMPARE(field->text(), original->parameters.value(key).toString());

        field->selectAll();
        QTest::keyClicks(field, u"changed before the retry"_s);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"runButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!pane->runId().isEmpty() && pane->runId() != runId, 20000);
        const auto stored = m_server->server()->storedRun(pane->runId());
        QVERIFY(stored);
        QCOMPARE(stored->workflowPermanentId, original->workflowPermanentId);
        QCOMPARE(stored->parameters.value(key).toString(), u"changed before the retry"_s);
        // Every other parameter went again as it was.
        for (auto it = original->parameters.begin(); it != original->parameters.end(); ++it) {
            if (it.key() != key)
                QCOMPARE(stored->parameters.value(it.key()), it.value());
        }
    }

    void twoRunsOfAWorkflowCompareSideBySide()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 0, 20000);
        // A failed run and a completed one of the same workflow, looked at one after the other.
        QModelIndex failed;
        QModelIndex completed;
        for (int row = 0; row < table->model()->rowCount() && !completed.isValid(); ++row) {
            const QModelIndex index = table->model()->index(row, RunListModel::WorkflowColumn);
            const int status = index.data(RunListModel::StatusRole).toInt();
            if (!failed.isValid() && status == int(RunStatus::Failed))
                failed = index;
            else if (failed.isValid() && status == int(RunStatus::Completed)
                && index.data().toString() == failed.data().toString())
                completed = index;
        }
        QVERIFY(failed.isValid() && completed.isValid());
        for (const QModelIndex &index : {failed, completed}) {
            table->scrollTo(index);
            QTest::mouseClick(
                table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
        }
        table->setFocus();
        QTest::keyClick(table, Qt::Key_F10, Qt::ShiftModifier); // the row's menu, by keyboard
        QMenu *menu = nullptr;
        QTRY_VERIFY((menu = window.findChild<QMenu *>(u"runRowMenu"_s)) && menu->isVisible());
        auto *compare = menu->findChild<QAction *>(u"compareAction"_s);
        QVERIFY(compare);
        const QString failedId = failed.data(RunListModel::RunIdRole).toString();
        // Named as the user saw it (workflow, status), the id as its tip.
        QCOMPARE(compare->toolTip(), failedId);
        QVERIFY(compare->text().contains(failed.data().toString()));
        QVERIFY(compare->text().contains(u"Failed"_s));
        compare->trigger();
        menu->close();

        CompareWindow *comparison = nullptr;
        QTRY_VERIFY((comparison = window.findChild<CompareWindow *>()) && comparison->isVisible());
        auto *grid = comparison->findChild<QTableWidget *>(u"compareTable"_s);
        const auto differs = [grid](const QString &what) {
            for (int row = 0; row < grid->rowCount(); ++row) {
                if (grid->item(row, 0)->text().endsWith(what))
                    return grid->item(row, 0)->data(Qt::UserRole).toBool() ? 1 : 0;
            }
            return -1; // no such row
        };
        QTRY_VERIFY_WITH_TIMEOUT(!comparison->firstDifference().isEmpty(), 20000);
        QCOMPARE(differs(u"Status"_s), 1);
        QCOMPARE(differs(u"Workflow"_s), 0);
        QVERIFY(!comparison->findChild<QLabel *>(u"compareWorkflowNote"_s)->isVisible());
        QVERIFY(comparison->windowTitle().contains(failed.data().toString()));
        // The timelines block by block, each row named after its block.
        int blocks = 0;
        for (int row = 0; row < grid->rowCount(); ++row) {
            if (grid->item(row, 0)->text().contains(u"Block "_s)) {
                ++blocks;
                QVERIFY(!grid->item(row, 0)->text().contains(u"Block 1"_s));
            }
        }
        QVERIFY(blocks > 0);
        // Both sides named the same way in the headers, the captions and the difference.
        QVERIFY(grid->horizontalHeaderItem(1)->text().startsWith(u"A · "_s));
        QVERIFY(grid->horizontalHeaderItem(2)->text().startsWith(u"B · "_s));
        QVERIFY(grid->horizontalHeaderItem(1)->text().contains(u"Failed"_s));
        QVERIFY(
            comparison->findChild<QLabel *>(u"compareLeftCaption"_s)->text().startsWith(u"A · "_s));
        const QString difference
            = comparison->findChild<QLabel *>(u"compareDifferenceLabel"_s)->text();
        QVERIFY2(difference.contains(u"\nA: "_s) && difference.contains(u"\nB: "_s),
            qPrintable(difference));
        // It fits on the screen it opened on.
        QVERIFY2(comparison->screen()->availableGeometry().contains(comparison->frameGeometry()),
            qPrintable(QString(u"%1 %2 %3"_s)
                           .arg(QDebug::toString(comparison->screen()->availableGeometry()),
                               QDebug::toString(comparison->frameGeometry()),
                               QDebug::toString(window.geometry()))));
        // The screenshots where they part ways, side by side.
        auto *left = comparison->findChild<QLabel *>(u"compareLeftScreenshot"_s);
        auto *right = comparison->findChild<QLabel *>(u"compareRightScreenshot"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!left->pixmap().isNull() && !right->pixmap().isNull(), 20000);
        // Esc closes it like a dialog.
        const QPointer<CompareWindow> closing(comparison);
        QTest::keyClick(grid, Qt::Key_Escape);
        QTRY_VERIFY(!closing);
    }

    void runsOfDifferentWorkflowsAreComparedWithAWarning()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 1, 20000);
        QModelIndex first = table->model()->index(0, RunListModel::WorkflowColumn);
        QModelIndex other;
        for (int row = 1; row < table->model()->rowCount() && !other.isValid(); ++row) {
            const QModelIndex index = table->model()->index(row, RunListModel::WorkflowColumn);
            if (index.data().toString() != first.data().toString())
                other = index;
        }
        QVERIFY(other.isValid());
        for (const QModelIndex &index : {first, other}) {
            table->scrollTo(index);
            QTest::mouseClick(
                table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
        }
        table->setFocus();
        QTest::keyClick(table, Qt::Key_F10, Qt::ShiftModifier);
        QMenu *menu = nullptr;
        QTRY_VERIFY((menu = window.findChild<QMenu *>(u"runRowMenu"_s)) && menu->isVisible());
        menu->findChild<QAction *>(u"compareAction"_s)->trigger();
        menu->close();
        CompareWindow *comparison = nullptr;
        QTRY_VERIFY((comparison = window.findChild<CompareWindow *>()) && comparison->isVisible());
        auto *note = comparison->findChild<QLabel *>(u"compareWorkflowNote"_s);
        QVERIFY(note->isVisible());
        QVERIFY(note->text().contains(first.data().toString()));
        QVERIFY(note->text().contains(other.data().toString()));
        comparison->close();
    }

    void runsWithoutATimelineAreComparedByTheirFields()
    {
        // The workflow platform keeps no timeline: the comparison says so and ends, rather
        // than waiting for timelines that never come.
        WorkflowPlatformClient platform(m_server->server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        MainWindow window;
        QTableView *table = showOn(window, &platform);
        QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 3, 20000);
        for (int row : {0, 2})
            QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                table->visualRect(table->model()->index(row, 0)).center());
        table->setFocus();
        QTest::keyClick(table, Qt::Key_F10, Qt::ShiftModifier);
        QMenu *menu = nullptr;
        QTRY_VERIFY((menu = window.findChild<QMenu *>(u"runRowMenu"_s)) && menu->isVisible());
        menu->findChild<QAction *>(u"compareAction"_s)->trigger();
        menu->close();
        CompareWindow *comparison = nullptr;
        QTRY_VERIFY((comparison = window.findChild<CompareWindow *>()) && comparison->isVisible());
        auto *label = comparison->findChild<QLabel *>(u"compareDifferenceLabel"_s);
        QTRY_VERIFY2(
            label->text().contains(u"keeps no step-by-step timeline"_s), qPrintable(label->text()));
        auto *grid = comparison->findChild<QTableWidget *>(u"compareTable"_s);
        QTRY_VERIFY(grid->rowCount() > 4); // the details came
        for (int row = 0; row < grid->rowCount(); ++row) {
            for (int column : {1, 2})
                QVERIFY(grid->item(row, column)->text() != u"(not run)"_s);
        }
        QCOMPARE(comparison->findChild<QLabel *>(u"compareLeftScreenshot"_s)->text(),
            u"No screenshots on this run's connection"_s);
        comparison->close();
    }

    void retryStartsTheSameWorkflowAgainAndFollowsIt()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        const QString runId = clickRunWith(table, RunStatus::Failed);
        auto *pane = window.findChild<RunDetailPane *>();
        auto *retry = pane->findChild<QPushButton *>(u"retryRunButton"_s);
        QTRY_VERIFY_WITH_TIMEOUT(retry->isVisible() && !pane->detail().runId.isEmpty(), 20000);
        QTest::mouseClick(retry, Qt::LeftButton);
        QMessageBox *question = nullptr;
        QTRY_VERIFY((question = window.findChild<QMessageBox *>(u"retryRunQuestion"_s)));
        // The confirmation names the run and what will be sent again.
        const auto original = m_server->server()->storedRun(runId);
        QVERIFY(original && !original->parameters.isEmpty());
        QVERIFY(question->text().contains(runId));
        const QString firstKey = pane->detail().requestParameters().value(0).first;
        QVERIFY(!firstKey.isEmpty());
        QVERIFY2(question->informativeText().contains(firstKey),
            qPrintable(question->informativeText()));
        QTest::mouseClick(
            question->findChild<QPushButton *>(u"confirmRetryButton"_s), Qt::LeftButton);

        // The new run is shown and selected once listed; the server has the same parameters.
        QTRY_VERIFY_WITH_TIMEOUT(!pane->runId().isEmpty() && pane->runId() != runId, 20000);
        const QString newId = pane->runId();
        const auto stored = m_server->server()->storedRun(newId);
        QVERIFY(stored);
        QCOMPARE(stored->parameters, original->parameters);
        QCOMPARE(stored->workflowPermanentId, original->workflowPermanentId);
        QTRY_VERIFY_WITH_TIMEOUT(
            table->currentIndex().data(RunListModel::RunIdRole).toString() == newId, 20000);
        auto *notice = window.findChild<QLabel *>(u"noticeLabel"_s);
        QVERIFY(notice && notice->text().contains(newId));
    }

    void aRetriedRunTheFiltersWouldHideIsShownAllTheSame()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        // Only failed runs: the retry starts as a queued one, which this filter hides.
        RunFilter failedOnly;
        failedOnly.statuses = {RunStatus::Failed};
        window.setView({}, failedOnly);
        QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 0, 20000);
        const QString runId = clickRunWith(table, RunStatus::Failed);
        auto *pane = window.findChild<RunDetailPane *>();
        auto *retry = pane->findChild<QPushButton *>(u"retryRunButton"_s);
        QTRY_VERIFY_WITH_TIMEOUT(retry->isVisible() && !pane->detail().runId.isEmpty(), 20000);
        QTest::mouseClick(retry, Qt::LeftButton);
        QMessageBox *question = nullptr;
        QTRY_VERIFY((question = window.findChild<QMessageBox *>(u"retryRunQuestion"_s)));
        QTest::mouseClick(
            question->findChild<QPushButton *>(u"confirmRetryButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!pane->runId().isEmpty() && pane->runId() != runId, 20000);
        const QString newId = pane->runId();
        QTRY_VERIFY_WITH_TIMEOUT(
            table->currentIndex().data(RunListModel::RunIdRole).toString() == newId, 20000);
        QVERIFY(window.filter().statuses.isEmpty());
        auto *notice = window.findChild<QLabel *>(u"noticeLabel"_s);
        QVERIFY2(notice->text().contains(u"were cleared"_s), qPrintable(notice->text()));
    }
};

QTEST_MAIN(TestRunTimelineView)
#include "tst_runtimelineview.moc"
