// The dashboard driven like a person against the local server: narrowing the list by typing,
// ticking statuses and entering an error code, reading a failed run with its screenshots,
// launching a run (through a 422 and back) and watching it finish, cancelling a running run.

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QAction>
#include <QCalendarWidget>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QContextMenuEvent>
#include <QDateEdit>
#include <QDesktopServices>
#include <QDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include "launchrundialog.h"
#include "mainwindow.h"
#include "recordingplayer.h"
#include "rundetailpane.h"
#include "runfilterbar.h"
#include "runlistmodel.h"
#include "runrowmenu.h"
#include "runtableview.h"
#include "skyvernclient.h"
#include "support/testserver.h"

using namespace Qt::StringLiterals;

/** Takes the links the app hands to the desktop, so a test sees them instead of a browser. */
class LinkCatcher : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;
public slots:
    void openUrl(const QUrl &url) { urls.append(url); }
};

class TestDashboard : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<SkyvernClient> m_client;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    RunListModel *model() const { return m_window->runListModel(); }
    RunTableView *table() const { return m_window->findChild<RunTableView *>(u"runTableView"_s); }
    template<typename T>
    T *find(const QString &name) const
    {
        T *widget = m_window->findChild<T *>(name);
        if (!widget)
            qWarning("no widget %s", qPrintable(name));
        return widget;
    }
    bool allRows(const std::function<bool(const WorkflowRun &)> &predicate) const
    {
        for (int row = 0; row < model()->rowCount(); ++row) {
            if (!predicate(*model()->runAt(row)))
                return false;
        }
        return true;
    }
    void waitForLoad()
    {
        QTRY_VERIFY_WITH_TIMEOUT(!model()->isLoading() && model()->loadedPages() > 0, 10000);
    }
    QModelIndex tableIndex(int sourceRow, int column) const
    {
        auto *proxy = qobject_cast<QSortFilterProxyModel *>(table()->model());
        return proxy->mapFromSource(model()->index(sourceRow, column));
    }
    void clickRow(int row)
    {
        const QModelIndex index = tableIndex(row, RunListModel::WorkflowColumn);
        table()->scrollTo(index);
        QTest::mouseClick(
            table()->viewport(), Qt::LeftButton, {}, table()->visualRect(index).center());
    }
    /** Failed runs on screen, by source row. */
    QList<int> visibleFailedRows() const
    {
        QList<int> rows;
        auto *proxy = qobject_cast<QSortFilterProxyModel *>(table()->model());
        const QModelIndexList visible = table()->visibleRows();
        for (const QModelIndex &index : visible) {
            const int row = proxy->mapToSource(index).row();
            if (model()->runAt(row)->status == RunStatus::Failed)
                rows.append(row);
        }
        return rows;
    }
    QString codesCell(int row) const
    {
        return model()->index(row, RunListModel::ErrorCodesColumn).data().toString();
    }
    /** The run's error codes as its detail gives them, asked of the server directly. */
    QStringList serverCodes(const QString &runId)
    {
        QStringList codes;
        bool done = false;
        m_client->getRun(runId, this, [&](const ApiResult<RunDetail> &result) {
            for (const RunError &error : result.value.errors)
                codes.append(error.errorCode);
            done = true;
        });
        [&] { QTRY_VERIFY(done); }();
        return codes;
    }
    /** Right-clicks a row (as the window system delivers it) and returns the menu it opens. */
    RunRowMenu *rightClickRow(int row)
    {
        [&] { QTRY_VERIFY(!m_window->findChild<RunRowMenu *>()); }(); // the last one is gone
        const QModelIndex index = tableIndex(row, RunListModel::WorkflowColumn);
        table()->scrollTo(index);
        const QPoint position = table()->visualRect(index).center();
        QTest::mousePress(table()->viewport(), Qt::RightButton, {}, position);
        QContextMenuEvent event(
            QContextMenuEvent::Mouse, position, table()->viewport()->mapToGlobal(position));
        QApplication::sendEvent(table()->viewport(), &event);
        QTest::mouseRelease(table()->viewport(), Qt::RightButton, {}, position);
        RunRowMenu *menu = nullptr;
        [&] {
            QTRY_VERIFY((menu = m_window->findChild<RunRowMenu *>()) != nullptr);
            QTRY_VERIFY(menu->isVisible());
        }();
        return menu;
    }
    static void clickAction(QMenu *menu, QAction *action)
    {
        QVERIFY(action && action->isVisible());
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
    }
    LaunchRunDialog *openLaunchDialog()
    {
        m_window->launchAction()->trigger();
        LaunchRunDialog *dialog = nullptr;
        [&] { QTRY_VERIFY((dialog = m_window->findChild<LaunchRunDialog *>()) != nullptr); }();
        return dialog;
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(50, 600);
        QVERIFY(m_server->isStarted());
    }

    void init()
    {
        m_client = std::make_unique<SkyvernClient>(m_server->server()->baseUrl(), u"test-key"_s);
        m_window = std::make_unique<MainWindow>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->setSource(m_client.get());
        waitForLoad();
    }

    void cleanup()
    {
        m_tester.reset();
        m_window.reset();
        m_client.reset();
    }

    void typingInTheSearchBoxNarrowsTheRows()
    {
        const QString target = model()->runAt(7)->workflowRunId;
        auto *search = find<QLineEdit>(u"searchLineEdit"_s);
        QTest::mouseClick(search, Qt::LeftButton);
        QTest::keyClicks(search, target.right(10));
        QTRY_COMPARE_WITH_TIMEOUT(model()->rowCount(), 1, 5000);
        QCOMPARE(model()->runAt(0)->workflowRunId, target);
        QVERIFY(find<QToolButton>(u"chip_search"_s));
        QCOMPARE(m_window->filter().searchKey, target.right(10));

        // Clearing the search brings every run back.
        QTest::mouseClick(find<QToolButton>(u"clearFiltersButton"_s), Qt::LeftButton);
        QTRY_VERIFY(model()->rowCount() >= 50);
    }

    void aWorkflowsNameSearchedForSaysWhereToFindIt()
    {
        // The server searches ids, parameters and headers; a workflow's name finds nothing
        // there, and the empty list says where that name is found.
        auto *search = find<QLineEdit>(u"searchLineEdit"_s);
        QTest::mouseClick(search, Qt::LeftButton);
        QTest::keyClicks(search, u"insurance"_s);
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!model()->isLoading()
                && m_window->filter().searchKey == u"insurance"_s && model()->rowCount() == 0,
            10000);
        QTRY_VERIFY2(table()->placeholderText().contains(u"choose “Auto insurance quote”"_s),
            qPrintable(table()->placeholderText()));
        QTest::mouseClick(find<QToolButton>(u"clearFiltersButton"_s), Qt::LeftButton);
        QTRY_VERIFY(model()->rowCount() >= 50);
    }

    void ctrlFFromTheTableGoesToTheSearchBox()
    {
        table()->setFocus();
        QTest::keyClick(table(), Qt::Key_F, Qt::ControlModifier);
        auto *search = find<QLineEdit>(u"searchLineEdit"_s);
        QTRY_VERIFY(search->hasFocus());
        QTest::keyClicks(QApplication::focusWidget(), u"zz-nothing"_s);
        QCOMPARE(search->text(), u"zz-nothing"_s);
        QTest::keyClick(search, Qt::Key_Escape);
    }

    void aSearchOverTheLimitIsRefusedAtTheField()
    {
        auto *search = find<QLineEdit>(u"searchLineEdit"_s);
        search->setFocus();
        QTest::keyClicks(search, QString(501, u'z'));
        QTest::keyClick(search, Qt::Key_Return);
        auto *limit = find<QLabel>(u"searchLimitLabel"_s);
        QVERIFY(limit->isVisible());
        QVERIFY(limit->text().contains(u"501/500"_s));
        QVERIFY(m_window->filter().searchKey.isEmpty()); // nothing was sent
        QVERIFY(model()->rowCount() >= 50);
    }

    void tickingStatusesShowsOnlyThose()
    {
        auto *button = find<QToolButton>(u"statusToolButton"_s);
        QMenu *menu = button->menu();
        for (const char *status : {"status_failed", "status_timed_out"}) {
            QAction *action = menu->findChild<QAction *>(QLatin1StringView(status));
            QVERIFY(action);
            action->trigger(); // what a click on the checkable menu entry does
        }
        QTRY_VERIFY(
            !model()->isLoading() && model()->rowCount() > 0 && allRows([](const WorkflowRun &run) {
                return run.status == RunStatus::Failed || run.status == RunStatus::TimedOut;
            }));
        QVERIFY(button->text().contains(u"Failed"_s));
        // A chip removes one of them again.
        QTest::mouseClick(find<QToolButton>(u"chip_status_timed_out"_s), Qt::LeftButton);
        QTRY_VERIFY(!model()->isLoading()
            && allRows([](const WorkflowRun &run) { return run.status == RunStatus::Failed; }));
    }

    void twoTicksInOneOpeningOfTheStatusMenuPickTwoStatuses()
    {
        auto *button = find<QToolButton>(u"statusToolButton"_s);
        QMenu *menu = button->menu();
        bool stayedOpen = false;
        QTimer::singleShot(0, this, [&] {
            QTRY_VERIFY(menu->isVisible());
            for (const char *status : {"status_failed", "status_timed_out"}) {
                QAction *action = menu->findChild<QAction *>(QLatin1StringView(status));
                QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
            }
            stayedOpen = menu->isVisible();
            menu->close();
        });
        QTest::mouseClick(button, Qt::LeftButton); // opens the menu until it is closed
        QVERIFY(stayedOpen);
        QTRY_COMPARE(m_window->filter().statuses.size(), 2);
        QVERIFY(m_window->filter().statuses.contains(RunStatus::Failed));
        QVERIFY(m_window->filter().statuses.contains(RunStatus::TimedOut));
        // Counts are of the rows on screen, and say so.
        QTRY_VERIFY(
            menu->findChild<QAction *>(u"status_failed"_s)->text().contains(u"on screen"_s));
    }

    void aChipOutlivesItsOwnClick()
    {
        auto *search = find<QLineEdit>(u"searchLineEdit"_s);
        QTest::mouseClick(search, Qt::LeftButton);
        QTest::keyClicks(search, u"zz"_s);
        QTest::keyClick(search, Qt::Key_Return);
        QPointer<QToolButton> chip = find<QToolButton>(u"chip_search"_s);
        QVERIFY(chip);
        bool aliveAfterHandlers = false;
        connect(chip, &QToolButton::clicked, this, [&] { aliveAfterHandlers = !chip.isNull(); });
        QTest::mouseClick(chip, Qt::LeftButton);
        QVERIFY(aliveAfterHandlers); // not deleted under its own click handler
        QTRY_VERIFY(chip.isNull()); // but gone right after
        QVERIFY(m_window->filter().searchKey.isEmpty());
    }

    void chipsAreReachedWithTabAndRemovedWithSpace()
    {
        QApplication::setActiveWindow(m_window.get());
        auto *search = find<QLineEdit>(u"searchLineEdit"_s);
        search->setFocus();
        QTest::keyClicks(search, u"zz"_s);
        QTest::keyClick(search, Qt::Key_Return);
        auto *code = find<QLineEdit>(u"errorCodeLineEdit"_s);
        code->setFocus();
        QTest::keyClicks(code, u"CAPTCHA_DETECTED"_s);
        QTest::keyClick(code, Qt::Key_Return);
        QTRY_VERIFY(find<QToolButton>(u"chip_error_code"_s)
            && find<QToolButton>(u"chip_error_code"_s)->isVisible());
        // From "Clear filters", Tab goes to the chips, one after the other.
        auto *clear = find<QToolButton>(u"clearFiltersButton"_s);
        clear->setFocus(Qt::TabFocusReason);
        QTest::keyClick(clear, Qt::Key_Tab);
        QWidget *first = QApplication::focusWidget();
        QVERIFY2(first == find<QToolButton>(u"chip_search"_s),
            qPrintable(first ? first->objectName() : u"none"_s));
        QTest::keyClick(first, Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), find<QToolButton>(u"chip_error_code"_s));
        // Space removes the focused chip; the keys stay among the filters.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
        QTRY_VERIFY(m_window->filter().errorCode.isEmpty());
        QCOMPARE(m_window->filter().searchKey, u"zz"_s);
        QTRY_COMPARE(QApplication::focusWidget(), find<QToolButton>(u"chip_search"_s));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
        QTRY_VERIFY(m_window->filter().searchKey.isEmpty());
        QTRY_VERIFY(!m_window->findChild<QToolButton *>(u"chip_search"_s));
        QVERIFY(QApplication::focusWidget() == search || QApplication::focusWidget() == clear);
        QTRY_VERIFY(!model()->isLoading());
    }

    void anErrorCodeFiltersExactly()
    {
        auto *code = find<QLineEdit>(u"errorCodeLineEdit"_s);
        QTest::mouseClick(code, Qt::LeftButton);
        QTest::keyClicks(code, u"CAPTCHA_DETECTED"_s);
        QTest::keyClick(code, Qt::Key_Return);
        QTRY_VERIFY(!model()->isLoading() && m_window->filter().errorCode == "CAPTCHA_DETECTED"_L1);
        QVERIFY(model()->rowCount() > 0);
        QVERIFY(allRows([](const WorkflowRun &run) {
            return run.status == RunStatus::Failed || run.status == RunStatus::Terminated;
        }));
        // The column shows the codes each run really has (looked up, not copied from the
        // filter), and the filtered code is among them.
        QTRY_VERIFY_WITH_TIMEOUT(!codesCell(0).isEmpty(), 10000);
        const QStringList real = serverCodes(model()->runAt(0)->workflowRunId);
        QCOMPARE(codesCell(0), real.join(u", "_s));
        QVERIFY(real.contains(u"CAPTCHA_DETECTED"_s));
        QTest::keyClicks(code, u"_X"_s);
        QTest::keyClick(code, Qt::Key_Return);
        QTRY_VERIFY(!model()->isLoading() && model()->rowCount() == 0);
        QVERIFY(table()->placeholderText().contains(u"No runs match"_s));
    }

    void failedRowsOnScreenShowTheirErrorCodesWithoutAClick()
    {
        QTRY_VERIFY(!visibleFailedRows().isEmpty());
        const QList<int> rows = visibleFailedRows();
        for (int row : rows) {
            QTRY_VERIFY_WITH_TIMEOUT(!codesCell(row).isEmpty(), 10000);
            QCOMPARE(codesCell(row), serverCodes(model()->runAt(row)->workflowRunId).join(u", "_s));
        }
        QVERIFY(find<QLabel>(u"detailRunIdLabel"_s)->text().isEmpty()); // nothing was clicked
    }

    void theDetailPaneLetsGoOfARunTheFiltersRemove()
    {
        clickRow(3);
        const QString selected = model()->runAt(3)->workflowRunId;
        QTRY_COMPARE(find<QLabel>(u"detailRunIdLabel"_s)->text(), selected);
        const QString other = model()->runAt(7)->workflowRunId;
        auto *search = find<QLineEdit>(u"searchLineEdit"_s);
        QTest::mouseClick(search, Qt::LeftButton);
        QTest::keyClicks(search, other);
        QTRY_VERIFY_WITH_TIMEOUT(!model()->isLoading() && model()->rowCount() == 1, 5000);
        QCOMPARE(model()->runAt(0)->workflowRunId, other);
        QTRY_VERIFY(m_window->findChild<RunDetailPane *>()->runId().isEmpty());
        QVERIFY(!table()->selectionModel()->hasSelection());
    }

    void tabbingIntoTheTableMarksTheCurrentRow()
    {
        find<QLineEdit>(u"searchLineEdit"_s)->setFocus(Qt::TabFocusReason);
        for (int i = 0; i < 20 && !table()->hasFocus(); ++i)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTRY_VERIFY(table()->hasFocus());
        const QModelIndex current = table()->currentIndex();
        QVERIFY(current.isValid());
        const QRect row = table()->visualRect(current);
        const QPoint edge(1, row.center().y());
        const QImage focused = table()->viewport()->grab().toImage();
        find<QLineEdit>(u"searchLineEdit"_s)->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(!table()->hasFocus());
        const QImage unfocused = table()->viewport()->grab().toImage();
        // The row is visibly marked while the table has the keyboard, and only then.
        QVERIFY(focused.pixelColor(edge) != unfocused.pixelColor(edge));
        QVERIFY(focused.pixelColor(edge).lightness() < unfocused.pixelColor(edge).lightness());
    }

    void aRowsMenuCopiesOpensAndFilters()
    {
        LinkCatcher links;
        QDesktopServices::setUrlHandler(u"http"_s, &links, "openUrl");
        auto restore = qScopeGuard([] { QDesktopServices::unsetUrlHandler(u"http"_s); });
        int row = -1;
        for (int i = 0; i < model()->rowCount() && row < 0; ++i) {
            if (model()->runAt(i)->status == RunStatus::Failed)
                row = i;
        }
        QVERIFY(row >= 0);
        const WorkflowRun run = *model()->runAt(row);

        RunRowMenu *menu = rightClickRow(row);
        QVERIFY(!menu->findChild<QAction *>(u"cancelRunAction"_s)); // it has ended
        clickAction(menu, menu->findChild<QAction *>(u"copyRunIdAction"_s));
        QCOMPARE(QApplication::clipboard()->text(), run.workflowRunId);
        QTRY_VERIFY(!m_window->findChild<RunRowMenu *>());

        // Copying says so where the eye is.
        QVERIFY(m_window->statusBar()->currentMessage().contains(run.workflowRunId));

        // The recording plays in its own tab, never handed to the desktop from here.
        menu = rightClickRow(row);
        QTRY_VERIFY(menu->findChild<QAction *>(u"copyLinkAction"_s)->isVisible());
        QVERIFY(!menu->findChild<QAction *>(u"openRecordingAction"_s)->isVisible());
        clickAction(menu, menu->findChild<QAction *>(u"playRecordingAction"_s));
        auto *tabs = find<QTabWidget>(u"detailTabWidget"_s);
        QTRY_COMPARE(tabs->tabText(tabs->currentIndex()), u"&Recording"_s);
        QVERIFY(tabs->currentWidget()->isAncestorOf(m_window->findChild<RecordingPlayer *>()));
        // It plays once loaded.
        auto *play = find<QPushButton>(u"recordingPlayButton"_s);
        QTRY_COMPARE_WITH_TIMEOUT(play->text(), u"Pause"_s, 20000);
        QTest::mouseClick(play, Qt::LeftButton);
        QTRY_COMPARE(play->text(), u"Play"_s);
        QCOMPARE(find<RunDetailPane>(u"runDetailPane"_s)->runId(), run.workflowRunId);
        QVERIFY(links.urls.isEmpty());
        tabs->setCurrentIndex(0);

        menu = rightClickRow(row);
        clickAction(menu, menu->findChild<QAction *>(u"copyLinkAction"_s));
        QVERIFY(QApplication::clipboard()->text().endsWith(run.workflowRunId));

        // One of the run's own codes narrows the list to it.
        const QStringList codes = serverCodes(run.workflowRunId);
        QVERIFY(!codes.isEmpty());
        menu = rightClickRow(row);
        QAction *byCode = nullptr;
        QTRY_VERIFY(
            (byCode = menu->findChild<QAction *>(u"filterErrorCodeAction_"_s + codes.first())));
        clickAction(menu, byCode);
        QTRY_COMPARE(m_window->filter().errorCode, codes.first());
        QVERIFY(find<QToolButton>(u"chip_error_code"_s));
        QTRY_VERIFY_WITH_TIMEOUT(
            !model()->isLoading() && model()->rowOfRun(run.workflowRunId) >= 0, 10000);

        menu = rightClickRow(model()->rowOfRun(run.workflowRunId));
        clickAction(menu, menu->findChild<QAction *>(u"filterWorkflowAction"_s));
        QTRY_COMPARE(m_window->scope(), run.workflowPermanentId);
        QTRY_VERIFY(!model()->isLoading() && allRows([&run](const WorkflowRun &listed) {
            return listed.workflowPermanentId == run.workflowPermanentId;
        }));
        // Already narrowed to it: not offered again.
        menu = rightClickRow(model()->rowOfRun(run.workflowRunId));
        QVERIFY(!menu->findChild<QAction *>(u"filterWorkflowAction"_s));
        menu->close();
    }

    void theKeyboardReachesTheRowMenuAndCopies()
    {
        clickRow(2);
        const QString runId = model()->runAt(2)->workflowRunId;
        QApplication::clipboard()->clear();
        QTest::keyClick(table(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), runId);
        QTest::keyClick(table(), Qt::Key_F10, Qt::ShiftModifier);
        RunRowMenu *menu = nullptr;
        QTRY_VERIFY((menu = m_window->findChild<RunRowMenu *>()) != nullptr);
        QTRY_VERIFY(menu->isVisible());
        QCOMPARE(menu->run().workflowRunId, runId);
        QTest::keyClick(menu, Qt::Key_Escape);
        QTRY_VERIFY(!m_window->findChild<RunRowMenu *>());
    }

    void selectingAFailedRunShowsWhyAndItsScreenshots()
    {
        int row = -1;
        for (int i = 0; i < model()->rowCount() && row < 0; ++i) {
            if (model()->runAt(i)->status == RunStatus::Failed)
                row = i;
        }
        QVERIFY(row >= 0);
        const WorkflowRun run = *model()->runAt(row);
        clickRow(row);
        auto *failure = find<QLabel>(u"detailFailureLabel"_s);
        QTRY_VERIFY(failure->text().contains(run.failureReason));
        QCOMPARE(find<QLabel>(u"detailRunIdLabel"_s)->text(), run.workflowRunId);
        auto *errors = find<QLabel>(u"detailErrorsLabel"_s);
        QTRY_VERIFY(errors->text().contains(u"<b>"_s));
        auto *strip = find<QListWidget>(u"screenshotStrip"_s);
        QTRY_VERIFY(strip->count() >= 1);
        QTRY_VERIFY_WITH_TIMEOUT(!strip->item(0)->icon().isNull(), 10000);
        QCOMPARE(strip->item(0)->text(), u"Latest"_s);
        QTRY_COMPARE(strip->item(0)->toolTip(), u"Click for a larger view"_s);
        // A click opens the screenshot itself, read again rather than kept in memory.
        QTest::mouseClick(
            strip->viewport(), Qt::LeftButton, {}, strip->visualItemRect(strip->item(0)).center());
        QDialog *viewer = nullptr;
        QTRY_VERIFY((viewer = m_window->findChild<QDialog *>(u"screenshotViewer"_s)) != nullptr);
        auto *image = viewer->findChild<QLabel *>(u"screenshotViewerImage"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!image->pixmap().isNull(), 10000);
        QVERIFY(image->pixmap().width() > 400); // the screenshot, not its thumbnail
        QVERIFY(image->pixmap().width() <= 1400);
        // The viewer grows to the image that arrived after it opened, not a corner of it.
        QTRY_VERIFY(viewer->width() >= image->pixmap().width());
        viewer->close();
        // The codes seen are offered in the error code box and fill the row's column.
        auto *code = find<QLineEdit>(u"errorCodeLineEdit"_s);
        QVERIFY(code->completer()->model()->rowCount() >= 1);
        const QString firstCode = code->completer()->model()->index(0, 0).data().toString();
        QVERIFY(errors->text().contains(firstCode));
        const QString codes
            = model()
                  ->index(model()->rowOfRun(run.workflowRunId), RunListModel::ErrorCodesColumn)
                  .data()
                  .toString();
        QVERIFY2(codes.contains(firstCode), qPrintable(codes));
    }

    void launchingThroughA422AndWatchingTheRunFinish()
    {
        LaunchRunDialog *dialog = openLaunchDialog();
        auto *workflow = dialog->findChild<QComboBox *>(u"workflowComboBox"_s);
        QTRY_VERIFY(workflow->isEnabled());
        workflow->setCurrentIndex(workflow->findText(u"Auto insurance quote"_s));
        auto *zip = dialog->findChild<QLineEdit *>(u"param_zip_code"_s);
        auto *year = dialog->findChild<QLineEdit *>(u"param_vehicle_year"_s);
        QVERIFY(zip && year);

        // A typing mistake is caught before anything is sent.
        year->clear();
        QTest::keyClicks(year, u"twenty"_s);
        auto *run = dialog->findChild<QPushButton *>(u"runButton"_s);
        QTest::mouseClick(run, Qt::LeftButton);
        auto *yearError = dialog->findChild<QLabel *>(u"error_parameters.vehicle_year"_s);
        QTRY_VERIFY(yearError->isVisible());
        QVERIFY(yearError->text().contains(u"whole number"_s));
        // So is JSON that does not parse, at its own field.
        auto *coverage = dialog->findChild<QLineEdit *>(u"param_coverage"_s);
        QVERIFY(coverage);
        coverage->clear();
        QTest::keyClicks(coverage, u"{\"liability\": "_s);
        QTest::mouseClick(run, Qt::LeftButton);
        auto *coverageError = dialog->findChild<QLabel *>(u"error_parameters.coverage"_s);
        QTRY_VERIFY(coverageError->isVisible());
        QVERIFY2(
            coverageError->text().contains(u"not valid JSON"_s), qPrintable(coverageError->text()));
        coverage->clear();
        QTest::keyClicks(coverage, u"{\"liability\": \"100/300\"}"_s);

        // The server's own rule (zip_code is required) comes back as a 422 next to the field.
        year->clear();
        QTest::keyClicks(year, u"2019"_s);
        QTest::mouseClick(run, Qt::LeftButton);
        auto *zipError = dialog->findChild<QLabel *>(u"error_parameters.zip_code"_s);
        QTRY_VERIFY(zipError->isVisible());
        QVERIFY(zipError->text().contains(u"zip_code"_s));
        QVERIFY(!yearError->isVisible());
        QVERIFY(dialog->isVisible());

        QTest::keyClicks(zip, u"94107"_s);
        auto *title = dialog->findChild<QLineEdit *>(u"titleLineEdit"_s);
        QTest::keyClicks(title, u"Quote for the new van"_s);
        auto *timeout = dialog->findChild<QSpinBox *>(u"timeoutSpinBox"_s);
        timeout->setValue(45);
        QTest::mouseClick(run, Qt::LeftButton);
        QTRY_VERIFY(!m_window->findChild<LaunchRunDialog *>() || !dialog->isVisible());

        // The new run is selected in the list and tracked until it ends.
        auto *runId = find<QLabel>(u"detailRunIdLabel"_s);
        QTRY_VERIFY(runId->text().startsWith(u"wr_"_s));
        const QString launched = runId->text();
        QTRY_VERIFY_WITH_TIMEOUT(model()->rowOfRun(launched) == 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !isActiveStatus(model()->runAt(model()->rowOfRun(launched))->status), 20000);
        const auto *requestView = find<QWidget>(u"requestTreeView"_s);
        QVERIFY(requestView);
        QTRY_VERIFY(!find<QLabel>(u"detailTimesLabel"_s)->text().contains(u"Running for"_s));
    }

    void aTimeoutOutOfRangeIsKeptAndExplainedAtTheField()
    {
        LaunchRunDialog *dialog = openLaunchDialog();
        auto *workflow = dialog->findChild<QComboBox *>(u"workflowComboBox"_s);
        QTRY_VERIFY(workflow->isEnabled());
        auto *timeout = dialog->findChild<QSpinBox *>(u"timeoutSpinBox"_s);
        QVERIFY(timeout->suffix().contains(u"480"_s)); // the range is in the field
        timeout->setFocus();
        timeout->selectAll();
        QTest::keyClicks(timeout, u"999"_s);
        QCOMPARE(timeout->value(), 999); // what was typed, not 99
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"runButton"_s), Qt::LeftButton);
        auto *error = dialog->findChild<QLabel *>(u"error_max_elapsed_time_minutes"_s);
        QVERIFY(error);
        QTRY_VERIFY(error->isVisible());
        QCOMPARE(error->text(), u"Timeout must be between 1 and 480 minutes."_s);
        QVERIFY(dialog->isVisible());
        dialog->reject();
    }

    void launchingWorksWithTheKeyboardAlone()
    {
        table()->setFocus();
        QTest::keyClick(table(), Qt::Key_N, Qt::ControlModifier);
        LaunchRunDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<LaunchRunDialog *>()) != nullptr);
        auto *workflow = dialog->findChild<QComboBox *>(u"workflowComboBox"_s);
        QTRY_VERIFY(workflow->isEnabled());
        QTRY_COMPARE(QApplication::focusWidget(), workflow);
        QTest::keyClicks(workflow, u"Permit"_s);
        QCOMPARE(workflow->currentText(), u"Permit status check"_s);
        // Tab leads to the workflow's first parameter.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), u"param_permit_number"_s);
        QTest::keyClicks(QApplication::focusWidget(), u"BP-2026-0042"_s);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), u"param_state"_s);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_VERIFY(!m_window->findChild<LaunchRunDialog *>() || !dialog->isVisible());
        auto *runId = find<QLabel>(u"detailRunIdLabel"_s);
        QTRY_VERIFY(runId->text().startsWith(u"wr_"_s));
        QTRY_VERIFY_WITH_TIMEOUT(model()->rowOfRun(runId->text()) == 0, 10000);
        QCOMPARE(model()->runAt(0)->workflowTitle, u"Permit status check"_s);
    }

    void newRunsDoNotMoveTheRowUnderThePointer()
    {
        const auto launchOne = [this] {
            LaunchRequest request; // a workflow without parameters
            for (int i = 0; i < model()->rowCount(); ++i) {
                if (model()->runAt(i)->workflowTitle == "Hacker News top posts"_L1)
                    request.workflowId = model()->runAt(i)->workflowPermanentId;
            }
            QString runId;
            m_client->launchRun(request, this,
                [&runId](const ApiResult<RunDetail> &result) { runId = result.value.runId; });
            [&] { QTRY_VERIFY(!runId.isEmpty()); }();
            model()->refresh();
            [&] { QTRY_VERIFY_WITH_TIMEOUT(model()->rowOfRun(runId) >= 0, 10000); }();
        };
        QTableView *view = table();
        view->scrollToTop();
        const QPoint aim = view->visualRect(tableIndex(4, RunListModel::WorkflowColumn)).center();
        const auto runAt = [view](const QPoint &point) {
            return view->indexAt(point).data(RunListModel::RunIdRole).toString();
        };
        // The pointer over a row, about to click: a new run arrives above it.
        QTest::mouseMove(view->viewport(), aim);
        QTRY_VERIFY(view->viewport()->underMouse());
        const QString aimed = runAt(aim);
        launchOne();
        QCOMPARE(runAt(aim), aimed);
        QVERIFY(view->verticalScrollBar()->value() > 0); // the new run waits above

        // Nobody aiming: the list shows the new run at the top as before.
        QTest::mouseMove(find<QLineEdit>(u"searchLineEdit"_s));
        QTRY_VERIFY(!view->viewport()->underMouse());
        view->scrollToTop();
        const QString before = runAt(aim);
        launchOne();
        QVERIFY(runAt(aim) != before);
        QCOMPARE(view->verticalScrollBar()->value(), 0);
    }

    void cancellingARunningRunAsksFirst()
    {
        // Hold the server's clock so the run cannot finish before the click, however slow the
        // machine; launch straight on the server, move it to running, cancel from the pane.
        m_server->server()->setClockPaused(true);
        auto resumeClock = qScopeGuard([this] { m_server->server()->setClockPaused(false); });
        LaunchRequest request;
        request.workflowId = model()->runAt(0)->workflowPermanentId;
        for (int i = 0; i < model()->rowCount(); ++i) {
            if (model()->runAt(i)->workflowTitle == "Hacker News top posts"_L1)
                request.workflowId = model()->runAt(i)->workflowPermanentId;
        }
        QString runId;
        m_client->launchRun(request, this,
            [&runId](const ApiResult<RunDetail> &result) { runId = result.value.runId; });
        QTRY_VERIFY(!runId.isEmpty());
        m_server->server()->tick(); // queued
        m_server->server()->tick(); // running
        model()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(model()->rowOfRun(runId) >= 0, 10000);
        clickRow(model()->rowOfRun(runId));
        QTRY_COMPARE(find<QLabel>(u"detailRunIdLabel"_s)->text(), runId);
        QTRY_COMPARE(find<QLabel>(u"detailStatusLabel"_s)->text(), u"Running"_s);
        auto *cancel = find<QPushButton>(u"cancelRunButton"_s);
        QTRY_VERIFY(cancel->isVisible());
        QTimer::singleShot(0, this, [] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            // The question says what each answer does; keeping the run is the default.
            if (box && box->defaultButton()->text() == tr("Keep running"))
                QTest::mouseClick(
                    box->findChild<QPushButton *>(u"confirmCancelButton"_s), Qt::LeftButton);
        });
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(
            find<QLabel>(u"detailStatusLabel"_s)->text(), u"Canceled"_s, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            model()->runAt(model()->rowOfRun(runId))->status, RunStatus::Canceled, 10000);
        QVERIFY(!cancel->isVisible());
    }

    void clickingAHeaderSortsTheLoadedRunsAndKeepsTheSelection()
    {
        QTRY_VERIFY(model()->rowCount() >= 50);
        clickRow(10);
        const QString selected = model()->runAt(10)->workflowRunId;
        QHeaderView *header = table()->horizontalHeader();
        const auto clickHeader = [header](int column) {
            const int x = header->sectionViewportPosition(column) + header->sectionSize(column) / 2;
            QTest::mouseClick(
                header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
        };
        const auto durations = [this] {
            QList<qint64> values;
            QAbstractItemModel *shown = table()->model();
            for (int row = 0; row < shown->rowCount(); ++row)
                values.append(shown->index(row, RunListModel::DurationColumn)
                                  .data(RunListModel::SortRole)
                                  .toLongLong());
            return values;
        };
        clickHeader(RunListModel::DurationColumn);
        QList<qint64> values = durations();
        QVERIFY(std::is_sorted(values.cbegin(), values.cend()));
        QVERIFY(values.first() < values.last());
        clickHeader(RunListModel::DurationColumn);
        values = durations();
        QVERIFY(std::is_sorted(values.crbegin(), values.crend()));
        // The selected run is still the selected one, wherever it moved.
        const QModelIndex current = table()->selectionModel()->currentIndex();
        QCOMPARE(current.data(RunListModel::RunIdRole).toString(), selected);
        QCOMPARE(find<QLabel>(u"detailRunIdLabel"_s)->text(), selected);

        // Back to the server's order: newest first.
        header->setSortIndicator(-1, Qt::DescendingOrder);
        QAbstractItemModel *shown = table()->model();
        for (int row = 0; row < 5; ++row)
            QCOMPARE(shown->index(row, 0).data(RunListModel::RunIdRole).toString(),
                model()->runAt(row)->workflowRunId);
    }

    void scopingToOneWorkflowShowsOnlyItsRuns()
    {
        auto *scope = find<QComboBox>(u"scopeComboBox"_s);
        QTRY_VERIFY(scope->count() > 8);
        scope->setFocus();
        QTest::keyClick(scope, Qt::Key_Down); // the first workflow
        QTRY_VERIFY(!m_window->scope().isEmpty());
        const QString wpid = m_window->scope();
        QTRY_VERIFY(!model()->isLoading() && model()->rowCount() > 0
            && allRows(
                [&wpid](const WorkflowRun &run) { return run.workflowPermanentId == wpid; }));
        QVERIFY(find<QWidget>(u"createdPresetComboBox"_s)->isVisible());
    }

    void theWorkflowPickerIsSortedFindsByTypingAndClearsWithTheFilters()
    {
        auto *scope = find<QComboBox>(u"scopeComboBox"_s);
        QTRY_VERIFY(scope->count() > 8);
        QStringList titles; // the workflows, not the chooser of several after them
        for (int i = 1; i < scope->count(); ++i) {
            if (scope->itemData(i).toString().startsWith("wpid_"_L1))
                titles.append(scope->itemText(i));
        }
        QStringList sorted = titles;
        std::sort(sorted.begin(), sorted.end(),
            [](const QString &a, const QString &b) { return a.localeAwareCompare(b) < 0; });
        QCOMPARE(titles, sorted);

        // A few letters from the middle of the last name, in lower case, find it.
        const QString wanted = titles.constLast();
        QString part;
        for (int from = 0; from + 4 <= wanted.size() && part.isEmpty(); ++from) {
            const QString candidate = wanted.mid(from, 4).toLower();
            if (titles.filter(candidate, Qt::CaseInsensitive).size() == 1)
                part = candidate;
        }
        QVERIFY(!part.isEmpty());
        QLineEdit *edit = scope->lineEdit();
        QVERIFY(edit);
        QTest::mouseClick(edit, Qt::LeftButton);
        QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(edit, part);
        QWidget *popup = scope->completer()->popup();
        QTRY_VERIFY(popup->isVisible());
        QTest::keyClick(popup, Qt::Key_Down);
        QTest::keyClick(popup, Qt::Key_Return);
        const QString wantedId = scope->itemData(scope->findText(wanted)).toString();
        QTRY_COMPARE(m_window->scope(), wantedId);
        QTRY_COMPARE(model()->scope(), wantedId);

        // The scope is a chip like the other filters, and Clear filters lets go of it too.
        auto *chip = find<QToolButton>(u"chip_scope"_s);
        QVERIFY(chip && chip->isVisible());
        QVERIFY(chip->text().contains(wanted));
        auto *clear = find<QToolButton>(u"clearFiltersButton"_s);
        QVERIFY(clear->isEnabled());
        QTest::mouseClick(clear, Qt::LeftButton);
        QTRY_VERIFY(m_window->scope().isEmpty());
        QTRY_VERIFY(model()->scope().isEmpty());
        QCOMPARE(scope->currentIndex(), 0);
        QTRY_VERIFY(!m_window->findChild<QToolButton *>(u"chip_scope"_s));
        QVERIFY(!clear->isEnabled());
    }

    void severalWorkflowsAreChosenTogetherAndLetGoOfByTheirChip()
    {
        auto *scope = find<QComboBox>(u"scopeComboBox"_s);
        QTRY_VERIFY(scope->count() > 8);
        // The button beside the box opens the chooser.
        auto *several = find<QToolButton>(u"severalWorkflowsButton"_s);
        QVERIFY(several && several->isVisible());
        QTest::mouseClick(several, Qt::LeftButton);
        QDialog *picker = nullptr;
        QTRY_VERIFY((picker = m_window->findChild<QDialog *>(u"workflowPickerDialog"_s)) != nullptr
            && picker->isVisible());
        auto *list = picker->findChild<QListWidget *>(u"workflowListWidget"_s);
        auto *find = picker->findChild<QLineEdit *>(u"findWorkflowLineEdit"_s);
        QVERIFY(list && find && list->count() > 3);
        // Typing narrows the list; Enter goes to the first match and Space ticks it.
        const QString first = list->item(0)->text();
        const QString second = list->item(2)->text();
        QApplication::setActiveWindow(picker);
        find->setFocus();
        QTest::keyClicks(find, second.left(6));
        QVERIFY(list->item(1)->isHidden() || list->item(1)->text().startsWith(second.left(6)));
        QTest::keyClick(find, Qt::Key_Return);
        QTRY_VERIFY(list->hasFocus());
        QTest::keyClick(list, Qt::Key_Space);
        QCOMPARE(list->item(2)->checkState(), Qt::Checked);
        find->clear();
        list->item(0)->setCheckState(Qt::Checked);
        QCOMPARE(picker->findChild<QLabel *>(u"workflowCountLabel"_s)->text(), u"2 chosen."_s);
        QTest::mouseClick(
            picker->findChild<QPushButton *>(u"showWorkflowsButton"_s), Qt::LeftButton);
        const QStringList ids {list->item(0)->data(Qt::UserRole).toString(),
            list->item(2)->data(Qt::UserRole).toString()};

        // The list holds runs of those two only, from the server's list of every run type.
        QTRY_COMPARE(model()->filter().workflowIds.size(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!model()->isLoading() && model()->rowCount() > 0
                && allRows([&ids](const WorkflowRun &run) {
                       return ids.contains(run.workflowPermanentId);
                   }),
            20000);
        QSet<QString> seen;
        for (int row = 0; row < model()->rowCount(); ++row)
            seen.insert(model()->runAt(row)->workflowPermanentId);
        QCOMPARE(seen.size(), 2);
        QVERIFY2(
            scope->currentText().startsWith(u"2 workflow"_s), qPrintable(scope->currentText()));
        auto *chip = m_window->findChild<QToolButton *>(u"chip_workflows"_s);
        QVERIFY(chip && chip->isVisible());
        QVERIFY(chip->text().contains(first) && chip->text().contains(second));
        // With an error code the server cannot filter: refused with a sentence, rows kept.
        RunFilter withCode = model()->filter();
        withCode.errorCode = u"ELEMENT_NOT_FOUND"_s;
        QVERIFY(withCode.validationError().contains(u"several workflows"_s));

        // Its chip lets go: every workflow again.
        QTest::mouseClick(chip, Qt::LeftButton);
        QTRY_VERIFY(model()->filter().workflowIds.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!model()->isLoading() && model()->rowCount() > 0, 20000);
        QTRY_VERIFY(!allRows(
            [&ids](const WorkflowRun &run) { return ids.contains(run.workflowPermanentId); }));
        QCOMPARE(scope->currentIndex(), 0);
        QCOMPARE(scope->findData(u"\u0001chosen"_s), -1);
    }

    void theCreatedRangeOffersPresetsAndWholeDaysThatApplyAtOnce()
    {
        auto *scope = find<QComboBox>(u"scopeComboBox"_s);
        QTRY_VERIFY(scope->count() > 8);
        scope->setFocus();
        QTest::keyClick(scope, Qt::Key_Down); // the first workflow
        QTRY_VERIFY(!m_window->scope().isEmpty());
        auto *created = find<QComboBox>(u"createdPresetComboBox"_s);
        QVERIFY(created && created->isVisible());
        QVERIFY(!model()->filter().hasCreatedRange()); // nothing until asked
        const QRect presetPlace = created->geometry();

        // Presets: "last 24 hours" is measured from each request, not frozen at a clock time.
        created->setFocus();
        QTest::keyClick(created, Qt::Key_Down);
        QTest::keyClick(created, Qt::Key_Down);
        QTRY_COMPARE(model()->filter().createdWithinSeconds, 24 * 3600);
        QVERIFY(!model()->filter().createdAfter.isValid());
        QVERIFY(find<QToolButton>(u"chip_created"_s)->text().contains(u"24 hours"_s));

        // Custom days start as today, whole: from its start to the start of tomorrow.
        QTest::keyClick(created, Qt::Key_Down);
        QTest::keyClick(created, Qt::Key_Down);
        auto *from = find<QDateEdit>(u"createdFromEdit"_s);
        QTRY_VERIFY(from->isVisible());
        QCOMPARE(created->geometry(), presetPlace); // the row does not move
        const QDate today = QDate::currentDate();
        QTRY_COMPARE(model()->filter().createdAfter, today.startOfDay().toUTC());
        QCOMPARE(model()->filter().createdBefore, today.addDays(1).startOfDay().toUTC());
        QCOMPARE(model()->filter().createdWithinSeconds, 0);

        // A day picked in the calendar applies without Enter, from the start of that day.
        QTest::mouseClick(from, Qt::LeftButton, {}, QPoint(from->width() - 6, from->height() / 2));
        QCalendarWidget *calendar = from->calendarWidget();
        QTRY_VERIFY(calendar->isVisible());
        auto *days = calendar->findChild<QAbstractItemView *>();
        QVERIFY(days);
        QTest::keyClick(days, Qt::Key_Left);
        QTest::keyClick(days, Qt::Key_Return);
        QTRY_VERIFY(!calendar->isVisible());
        QTRY_COMPARE(model()->filter().createdAfter, today.addDays(-1).startOfDay().toUTC());
        QCOMPARE(model()->filter().createdBefore, today.addDays(1).startOfDay().toUTC());
        QVERIFY(find<QToolButton>(u"chip_created"_s)
                    ->text()
                    .contains(QLocale().toString(today.addDays(-1), QLocale::ShortFormat)));
    }
};

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
