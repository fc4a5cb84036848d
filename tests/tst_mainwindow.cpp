// The first window against the local server, driven like a person would.

#include <cmath>

#include <QAbstractItemModelTester>
#include <QAbstractScrollArea>
#include <QAccessible>
#include <QAction>
#include <QBuffer>
#include <QCheckBox>
#include <QHeaderView>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStyleOptionButton>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "artifactfetcher.h"
#include "connectiondialog.h"
#include "elidedtextdelegate.h"
#include "launchrundialog.h"
#include "mainwindow.h"
#include "mergedrunsource.h"
#include "runformat.h"
#include "runlistmodel.h"
#include "runtableview.h"
#include "skyvernclient.h"
#include "statusbadgedelegate.h"
#include "support/scriptedserver.h"
#include "support/testhttp.h"
#include "support/testserver.h"
#include "support/windowdriver.h"
#include "theme.h"
#include "themedicon.h"
#include "workflowplatformclient.h"

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;

    /** Shows the window on a source, as a user opens it, and returns its run table. */
    static RunTableView *showOn(MainWindow &window, RunSource *source)
    {
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            qWarning("the window was not exposed");
        window.setSource(source);
        return window.findChild<RunTableView *>(QStringLiteral("runTableView"));
    }

    /** WCAG's contrast ratio of the strongest pixel in `area` against `ground` (1 to 21). */
    static double strongestContrast(const QImage &image, const QRect &area, const QColor &ground)
    {
        const auto luminance = [](const QColor &c) {
            const auto channel = [](double v) {
                v /= 255.0;
                return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
            };
            return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green())
                + 0.0722 * channel(c.blue());
        };
        const double back = luminance(ground);
        double best = 1;
        for (int x = area.left(); x <= area.right(); ++x) {
            for (int y = area.top(); y <= area.bottom(); ++y) {
                const double front = luminance(image.pixelColor(x, y));
                best = qMax(best, (qMax(back, front) + 0.05) / (qMin(back, front) + 0.05));
            }
        }
        return best;
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(3600000, 300);
        QVERIFY(m_server->isStarted());
    }

    void showsTheNewestRunsOfTheServer()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QAbstractItemModelTester tester(
            window.runListModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        auto *table = showOn(window, &client);
        QVERIFY(table);
        QTRY_VERIFY(table->model()->rowCount() >= 50);
        auto *status = window.findChild<QLabel *>(u"statusLabel"_s);
        QTRY_VERIFY(status->text().contains(u"loaded"_s));
        QVERIFY(status->text().contains(client.displayName()));
        QVERIFY(window.windowTitle().contains(client.displayName()));
        const QString firstId
            = table->model()->index(0, RunListModel::RunIdColumn).data().toString();
        QVERIFY(firstId.startsWith(u"wr_"_s));
        QVERIFY(table->visualRect(table->model()->index(0, 0)).isValid());
    }

    // The list's text is drawn without Qt's item layout, and looks as Qt draws it, to the
    // pixel: the same place, colour and eliding, selected or not, in a focused window or not.
    void theListsTextCellsLookAsQtDrawsThem()
    {
        QStandardItemModel model(5, 2);
        // Also a text too wide only for its trailing spaces, and one of two variants
        // (U+009C between them: the first that fits is shown).
        const QStringList texts {u"Shipment tracking"_s,
            u"Could not find the \"Download\" button; the page layout may have changed"_s, u"—"_s,
            QString(), u"Fehlgeschlagen: Größe überschritten"_s, u"6 m 04 s"_s,
            u"ELEMENT_NOT_FOUND, INVALID_CREDENTIALS, FORM_VALIDATION_ERROR"_s, u"x"_s,
            u"Invoice run"_s + QString(40, u' '),
            u"A variant far too long for its column to show\u009cShort variant"_s};
        for (int i = 0; i < texts.size(); ++i)
            model.setItem(i / 2, i % 2, new QStandardItem(texts.at(i)));
        QWidget window;
        auto *qt = new QTableView(&window);
        auto *ours = new QTableView(&window);
        ours->setItemDelegate(new ElidedTextDelegate(ours));
        auto *layout = new QVBoxLayout(&window);
        for (QTableView *view : {qt, ours}) {
            view->setModel(&model);
            view->setWordWrap(false); // one line a run, as in the list
            view->setFocusPolicy(Qt::NoFocus); // neither has a current cell to frame
            view->setColumnWidth(0, 140);
            view->setColumnWidth(1, 180);
            view->selectionModel()->select(
                model.index(1, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
            layout->addWidget(view);
        }
        window.resize(400, 400);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const auto cells = [&model](QTableView *view) {
            const QRect area
                = view->visualRect(model.index(0, 0)).united(view->visualRect(model.index(4, 1)));
            return view->viewport()->grab(area).toImage();
        };
        QCOMPARE(cells(ours), cells(qt));
        // Not the active window: the inactive colours, as Qt's.
        QWidget other;
        other.show();
        other.activateWindow();
        QApplication::setActiveWindow(&other);
        QCOMPARE(cells(ours), cells(qt));
    }

    void theDefaultColumnsShareTheWidthWithoutScrollingSideways()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        window.resize(1440, 860);
        auto *table = showOn(window, &client);
        QTRY_VERIFY(table->model()->rowCount() >= 50);
        QCOMPARE(window.width(), 1440);
        QVERIFY(!table->horizontalScrollBar()->isVisible());
        QHeaderView *header = table->horizontalHeader();
        const int viewportWidth = table->viewport()->width();
        for (int column = 0; column < header->count(); ++column) {
            if (header->isSectionHidden(column))
                continue;
            const int left = header->sectionViewportPosition(column);
            QVERIFY2(left >= 0 && left + header->sectionSize(column) <= viewportWidth,
                qPrintable(table->model()->headerData(column, Qt::Horizontal).toString()));
        }
        // A wide window's spare width goes to the failure reason, not to blank space.
        const int narrowReason = header->sectionSize(RunListModel::FailureReasonColumn);
        window.resize(2560, 1400);
        QTRY_VERIFY(header->sectionSize(RunListModel::FailureReasonColumn) > narrowReason + 500);
        QVERIFY(!table->horizontalScrollBar()->isVisible());
    }

    void scrollingToTheEndLoadsMoreUntilNoMoreRuns()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        auto *table = showOn(window, &client);
        QTRY_COMPARE(table->model()->rowCount(), 50);
        for (int i = 0; i < 20 && !window.runListModel()->isExhausted(); ++i) {
            table->setFocus();
            QTest::keyClick(table, Qt::Key_End, Qt::ControlModifier);
            QTRY_VERIFY(!window.runListModel()->isLoading());
        }
        QTRY_COMPARE(table->model()->rowCount(), 300);
        auto *status = window.findChild<QLabel *>(u"statusLabel"_s);
        QTRY_VERIFY(status->text().contains(u"no more runs"_s));
    }

    void aFailingConnectionStaysNamedOnEveryPageOfTheMergedList()
    {
        ScriptedServer refusing;
        refusing.setAnswer(
            u"/v1/workflows/runs"_s, {403, R"({"detail":"Invalid API key"})", {}, false});
        SkyvernClient good(m_server->server()->baseUrl(), u"test-key"_s);
        SkyvernClient revoked(refusing.url(), u"old-key"_s);
        MergedRunSource merged({{&good, u"Production"_s, {}}, {&revoked, u"Backup"_s, {}}});
        MainWindow window;
        auto *table = showOn(window, &merged);
        auto *error = window.findChild<QLabel *>(u"errorLabel"_s);
        QTRY_COMPARE(window.runListModel()->loadedPages(), 1);
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().startsWith(u"Backup: "_s), qPrintable(error->text()));

        // The next page comes from the connection that works; the one that failed is still
        // missing from the list, and the banner keeps saying so.
        table->setFocus();
        QTest::keyClick(table, Qt::Key_End, Qt::ControlModifier);
        QTRY_VERIFY(window.runListModel()->loadedPages() >= 2);
        QTRY_VERIFY(!window.runListModel()->isLoading());
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().startsWith(u"Backup: "_s), qPrintable(error->text()));
    }

    void theSourceFilterShowsAndAsksOnlyTheChosenConnections()
    {
        ScriptedServer quiet;
        quiet.setAnswer(u"/v1/workflows/runs"_s, {200, "[]", {}, false});
        SkyvernClient production(m_server->server()->baseUrl(), u"test-key"_s);
        SkyvernClient backup(quiet.url(), u"key"_s);
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // One connection: nothing to choose from.
        window.setSource(&production);
        auto *button = window.findChild<QToolButton *>(u"sourceToolButton"_s);
        QVERIFY(button);
        QTRY_COMPARE(window.runListModel()->loadedPages(), 1);
        QVERIFY(!button->isVisible());

        MergedRunSource merged({{&production, u"Production"_s, {}}, {&backup, u"Backup"_s, {}}});
        window.setSource(&merged);
        QVERIFY(button->isVisible());
        QTRY_VERIFY(!window.runListModel()->isLoading() && quiet.requestCount() > 0);
        QAction *onlyBackup = nullptr;
        for (QAction *action : button->menu()->actions()) {
            if (action->text() == u"Backup"_s)
                onlyBackup = action;
        }
        QVERIFY(onlyBackup);
        onlyBackup->trigger();
        QTRY_COMPARE(window.runListModel()->filter().sources, QStringList {u"Backup"_s});
        QTRY_VERIFY(!window.runListModel()->isLoading());
        QCOMPARE(window.runListModel()->rowCount(), 0); // Production's runs are not asked for
        QVERIFY(window.findChild<QToolButton *>(u"chip_source_0"_s));

        // The other way round: Production alone, and Backup is no longer asked.
        onlyBackup->trigger(); // unticked: all again
        for (QAction *action : button->menu()->actions()) {
            if (action->text() == u"Production"_s)
                action->trigger();
        }
        QTRY_COMPARE(window.runListModel()->filter().sources, QStringList {u"Production"_s});
        QTRY_VERIFY(!window.runListModel()->isLoading() && window.runListModel()->rowCount() > 0);
        const int asked = quiet.requestCount();
        QSignalSpy reloaded(window.runListModel(), &RunListModel::pageLoaded);
        window.findChild<QAction *>(u"reloadAction"_s)->trigger();
        QVERIFY(reloaded.wait());
        QCOMPARE(quiet.requestCount(), asked);
        for (int row = 0; row < window.runListModel()->rowCount(); ++row)
            QCOMPARE(window.runListModel()->runAt(row)->source, u"Production"_s);
    }

    void aRefusedKeyIsShownInTheWindowNotADialog()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"wrong"_s);
        MainWindow window;
        showOn(window, &client);
        auto *error = window.findChild<QLabel *>(u"errorLabel"_s);
        QTRY_VERIFY(error->isVisible());
        QVERIFY(error->text().contains(u"API key"_s));
        auto *table = window.findChild<RunTableView *>(u"runTableView"_s);
        QVERIFY(table->placeholderText().contains(u"Could not load runs"_s));
    }

    void aRateLimitedFirstPageSaysWhenAndComesBack()
    {
        const HttpAnswer real = httpRequest(
            "GET", m_server->url(u"/v1/workflows/runs?page_size=3"_s), m_server->key());
        QCOMPARE(real.status, 200);
        ScriptedServer server;
        server.setAnswers(u"/v1/workflows/runs"_s,
            {{429, "{\"detail\":\"Too many requests\"}", {{"Retry-After", "1"}}, false},
                {200, real.body, {}, false}});
        SkyvernClient client(server.url(), u"k"_s);
        MainWindow window;
        showOn(window, &client);
        auto *error = window.findChild<QLabel *>(u"errorLabel"_s);
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().contains(u"Retrying in 1 s"_s), qPrintable(error->text()));
        // After the wait the window asks again by itself and the banner goes.
        QTRY_COMPARE_WITH_TIMEOUT(window.runListModel()->rowCount(), 3, 5000);
        QVERIFY(!error->isVisible());
    }

    void aScreenshotHostNeverSeesTheKey()
    {
        // A real run and its detail, served by a scripted server whose screenshots live on
        // another host, as pre-signed links do.
        const HttpAnswer list = httpRequest(
            "GET", m_server->url(u"/v1/workflows/runs?page_size=1"_s), m_server->key());
        const QString runId
            = list.json().array().at(0).toObject().value(u"workflow_run_id"_s).toString();
        const HttpAnswer detail
            = httpRequest("GET", m_server->url(u"/v1/runs/"_s + runId), m_server->key());
        ScriptedServer screenshots;
        screenshots.setAnswer(u"/shot.png"_s, {200, "not really a png", {}, false});
        QJsonObject run = detail.json().object();
        run.insert(u"screenshot_urls"_s, QJsonArray {screenshots.url(u"/shot.png"_s).toString()});
        ScriptedServer api;
        api.setAnswer(u"/v1/workflows/runs"_s, {200, list.body, {}, false});
        api.setAnswer(u"/v1/runs/"_s + runId,
            {200, QJsonDocument(run).toJson(QJsonDocument::Compact), {}, false});
        SkyvernClient client(api.url(), u"sk-keep-me-home"_s);
        MainWindow window;
        showOn(window, &client);
        QTRY_COMPARE(window.runListModel()->rowCount(), 1);
        window.selectRun(runId);
        QTRY_COMPARE(screenshots.requestCount(), 1);
        QTRY_VERIFY(!api.seen("x-api-key").isEmpty());
        QVERIFY(screenshots.seen("x-api-key").isEmpty());
        QVERIFY(screenshots.seen("authorization").isEmpty());
        for (const QByteArray &sent : api.seen("x-api-key"))
            QCOMPARE(sent, QByteArray("sk-keep-me-home"));
    }

    void aScreenshotSeenOnceComesFromTheDiskNextTime()
    {
        QImage image(640, 400, QImage::Format_RGB32);
        image.fill(Qt::darkCyan);
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(image.save(&buffer, "PNG"));
        ScriptedServer host;
        host.setAnswer(u"/shot.png"_s, {200, png, {{"Content-Type", "image/png"}}, false});
        QTemporaryDir cache;
        QByteArray first;
        {
            ArtifactFetcher fetcher;
            fetcher.setCacheDirectory(cache.path());
            fetcher.fetch(host.url(u"/shot.png"_s), this,
                [&first](const QByteArray &data, const QString &) { first = data; });
            QTRY_VERIFY(!first.isEmpty());
        }
        QCOMPARE(first, png);
        // Another session, the same link: read from disk, the host is not asked again.
        ArtifactFetcher later;
        later.setCacheDirectory(cache.path());
        QByteArray second;
        later.fetch(host.url(u"/shot.png"_s), this,
            [&second](const QByteArray &data, const QString &) { second = data; });
        QTRY_VERIFY(!second.isEmpty());
        QCOMPARE(second, png);
        QCOMPARE(host.requestCount(), 1);
        // A link that failed is not remembered as a failure.
        host.setAnswer(u"/gone.png"_s, {404, "{}", {}, false});
        QString error;
        later.fetch(host.url(u"/gone.png"_s), this,
            [&error](const QByteArray &, const QString &problem) { error = problem; });
        QTRY_VERIFY(!error.isEmpty());
        host.setAnswer(u"/gone.png"_s, {200, png, {}, false});
        QByteArray back;
        later.fetch(host.url(u"/gone.png"_s), this,
            [&back](const QByteArray &data, const QString &) { back = data; });
        QTRY_COMPARE(back, png);
    }

    void serverTextIsShownAsTextInTheWindowAndTheLaunchForm()
    {
        const QString hostile = u"<b>x</b><img src=file:///etc/passwd>"_s;
        ScriptedServer server;
        server.setAnswer(u"/v1/workflows/runs"_s,
            {500,
                QJsonDocument(QJsonObject {{u"detail"_s, hostile}}).toJson(QJsonDocument::Compact),
                {}, false});
        // A real workflow list, with the description and a parameter key made hostile.
        const HttpAnswer real = httpRequest(
            "GET", m_server->url(u"/v1/workflows?page=1&page_size=100"_s), m_server->key());
        QJsonArray workflows = real.json().array();
        QJsonObject workflow = workflows.at(0).toObject();
        workflow.insert(u"description"_s, hostile);
        QJsonObject definition = workflow.value(u"workflow_definition"_s).toObject();
        QJsonArray parameters = definition.value(u"parameters"_s).toArray();
        QJsonObject parameter = parameters.at(0).toObject();
        parameter.insert(u"key"_s, hostile);
        parameters.replace(0, parameter);
        definition.insert(u"parameters"_s, parameters);
        workflow.insert(u"workflow_definition"_s, definition);
        workflows = {workflow};
        server.setAnswer(u"/v1/workflows"_s,
            {200, QJsonDocument(workflows).toJson(QJsonDocument::Compact), {}, false});
        SkyvernClient client(server.url(), u"k"_s);
        client.setRetryPolicy(1, 0);
        MainWindow window;
        showOn(window, &client);
        auto *error = window.findChild<QLabel *>(u"errorLabel"_s);
        QTRY_VERIFY(error->isVisible());
        QCOMPARE(error->textFormat(), Qt::PlainText);
        QVERIFY2(error->text().contains(hostile), qPrintable(error->text()));

        LaunchRunDialog dialog(&client);
        dialog.setInitialWorkflow(workflow.value(u"workflow_permanent_id"_s).toString());
        dialog.show();
        QTRY_VERIFY(!dialog.findChildren<QLabel *>().isEmpty());
        QLabel *description = nullptr;
        QLabel *key = nullptr;
        const auto find = [&] {
            for (QLabel *label : dialog.findChildren<QLabel *>()) {
                if (label->text() == hostile && label->isVisible())
                    (label->buddy() ? key : description) = label;
            }
            return description && key;
        };
        QTRY_VERIFY(find());
        QCOMPARE(description->textFormat(), Qt::PlainText);
        QCOMPARE(key->textFormat(), Qt::PlainText);
    }

    void aRunThatFailsOnScreenGetsItsErrorCodes()
    {
        // Listed running; the next poll lists it failed. Its codes come without a scroll.
        const auto listed = [](const QString &status) {
            QJsonObject run {{u"workflow_run_id"_s, u"wr_late"_s}, {u"workflow_id"_s, u"w_1"_s},
                {u"workflow_permanent_id"_s, u"wpid_1"_s}, {u"organization_id"_s, u"o_1"_s},
                {u"status"_s, status}, {u"created_at"_s, u"2026-11-29T10:00:00Z"_s},
                {u"modified_at"_s,
                    status == "failed"_L1 ? u"2026-11-29T10:05:00Z"_s : u"2026-11-29T10:00:00Z"_s},
                {u"started_at"_s, u"2026-11-29T10:00:01Z"_s}};
            return QJsonDocument(QJsonArray {run}).toJson(QJsonDocument::Compact);
        };
        ScriptedServer server;
        server.setAnswers(u"/v1/workflows/runs"_s,
            {{200, listed(u"running"_s), {}, false}, {200, listed(u"failed"_s), {}, false}});
        const QJsonObject detail {{u"run_id"_s, u"wr_late"_s}, {u"run_type"_s, u"workflow_run"_s},
            {u"status"_s, u"failed"_s}, {u"created_at"_s, u"2026-11-29T10:00:00Z"_s},
            {u"modified_at"_s, u"2026-11-29T10:05:00Z"_s},
            {u"errors"_s,
                QJsonArray {QJsonObject {
                    {u"error_code"_s, u"CAPTCHA_DETECTED"_s}, {u"reasoning"_s, u"A captcha"_s}}}}};
        server.setAnswer(u"/v1/runs/wr_late"_s,
            {200, QJsonDocument(detail).toJson(QJsonDocument::Compact), {}, false});
        SkyvernClient client(server.url(), u"k"_s);
        MainWindow window;
        QSignalSpy looked(
            window.findChild<RunTableView *>(u"runTableView"_s), &RunTableView::visibleRowsChanged);
        auto *table = showOn(window, &client);
        QTRY_COMPARE(table->model()->rowCount(), 1);
        // The rows on screen were looked at while the run was still running: only the poll
        // that says it failed can bring its codes.
        QTRY_VERIFY(looked.size() >= 1);
        window.runListModel()->refresh();
        const QModelIndex codes = table->model()->index(0, RunListModel::ErrorCodesColumn);
        QTRY_COMPARE(table->model()->data(codes).toString(), u"CAPTCHA_DETECTED"_s);
    }

    void tabLeavesTheRunListAndKeepsTheSelectedRun()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        auto *table = showOn(window, &client);
        QTRY_VERIFY(table->model()->rowCount() > 3);
        table->setFocus();
        QTest::keyClick(table, Qt::Key_Down);
        QTest::keyClick(table, Qt::Key_Down);
        const int row = table->currentIndex().row();
        QVERIFY(row >= 0);
        QTest::keyClick(table, Qt::Key_Tab);
        QTRY_VERIFY(!table->hasFocus());
        QCOMPARE(table->currentIndex().row(), row);
    }

    void aStatusPillIsReadableOnEveryPaletteAndRow_data()
    {
        QTest::addColumn<RunStatus>("status");
        QTest::addColumn<bool>("dark");
        QTest::addColumn<bool>("selected");
        QList<RunStatus> statuses = allRunStatuses();
        statuses.append(RunStatus::Partial);
        for (RunStatus status : std::as_const(statuses)) {
            for (bool dark : {false, true}) {
                for (bool selected : {false, true}) {
                    QTest::addRow("%s %s%s", qPrintable(RunFormat::statusText(status, {})),
                        dark ? "dark" : "light", selected ? " selected" : "")
                        << status << dark << selected;
                }
            }
        }
    }

    void aStatusPillIsReadableOnEveryPaletteAndRow()
    {
        // The pill's word against what is behind it, where the word is: measured on the
        // painted pixels, on a light and a dark palette, on a plain and a selected row.
        QFETCH(RunStatus, status);
        QFETCH(bool, dark);
        QFETCH(bool, selected);
        RunListModel model;
        WorkflowRun run;
        run.workflowRunId = u"wr_1"_s;
        run.status = status;
        run.createdAt = QDateTime::currentDateTimeUtc();
        model.showSaved({run});
        QTableView view; // for the style a real table gives its delegate
        view.setModel(&model);
        QPalette palette = view.palette();
        if (dark) {
            palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
            palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
            palette.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
            palette.setColor(QPalette::Highlight, QColor(0x2a, 0x5d, 0xb0));
        }
        view.setPalette(palette);
        StatusBadgeDelegate delegate;
        QStyleOptionViewItem option;
        option.initFrom(&view);
        option.rect = QRect(0, 0, 160, 30);
        option.state |= QStyle::State_Enabled;
        if (selected)
            option.state |= QStyle::State_Selected;
        option.widget = &view;
        QImage image(option.rect.size(), QImage::Format_ARGB32);
        image.fill(palette.color(QPalette::Base));
        QPainter painter(&image);
        delegate.paint(&painter, option, model.index(0, RunListModel::StatusColumn));
        painter.end();
        // Inside the pill, left of its word; the word's strongest pixel against it.
        const QColor ground = image.pixelColor(9, 15);
        const double best = strongestContrast(image, QRect(14, 9, 86, 13), ground);
        QVERIFY2(best >= 4.5, qPrintable(u"%1:1 on %2"_s.arg(best).arg(ground.name())));
    }

    void aSelectedPillFollowsTheWindowGoingInactive()
    {
        // Pills are drawn once and copied; one drawn for an active window is not reused for an
        // inactive one, whose selected row's pill stands on that group's own ground.
        RunListModel model;
        WorkflowRun run;
        run.workflowRunId = u"wr_1"_s;
        run.status = RunStatus::Failed;
        run.createdAt = QDateTime::currentDateTimeUtc();
        model.showSaved({run});
        QTableView view;
        view.setModel(&model);
        QPalette palette = view.palette();
        palette.setColor(QPalette::Active, QPalette::Base, Qt::white);
        palette.setColor(QPalette::Inactive, QPalette::Base, QColor(0xff, 0xf0, 0x80));
        StatusBadgeDelegate delegate;
        const auto groundIn = [&](QPalette::ColorGroup group) {
            QStyleOptionViewItem option;
            option.initFrom(&view);
            option.palette = palette;
            option.palette.setCurrentColorGroup(group);
            option.rect = QRect(0, 0, 160, 30);
            option.state |= QStyle::State_Enabled | QStyle::State_Selected;
            option.widget = &view;
            QImage image(option.rect.size(), QImage::Format_ARGB32);
            image.fill(Qt::blue); // the selection behind the pill
            QPainter painter(&image);
            delegate.paint(&painter, option, model.index(0, RunListModel::StatusColumn));
            painter.end();
            return image.pixelColor(9, 15);
        };
        const QColor active = groundIn(QPalette::Active);
        const QColor inactive = groundIn(QPalette::Inactive);
        QVERIFY2(inactive.blue() < active.blue() - 40,
            qPrintable(u"%1 then %2"_s.arg(active.name(), inactive.name())));
    }

    void statusesDifferInShapeNotOnlyInColour()
    {
        // For a reader who cannot tell red from green: each pill starts with its own shape,
        // drawn where the pill begins, before its word.
        QTableView view;
        const int size = view.fontMetrics().height() - 2;
        const auto shapeOf = [size](RunStatus status) {
            const QImage icon = ThemedIcon::status(status).pixmap(size, size).toImage();
            QList<bool> ink;
            for (int y = 0; y < size; ++y) {
                for (int x = 0; x < size; ++x)
                    ink.append(icon.pixelColor(x, y).alpha() > 96);
            }
            return ink;
        };
        const auto paintedAt = [&view, size](RunStatus status) {
            RunListModel model;
            WorkflowRun run;
            run.workflowRunId = u"wr_1"_s;
            run.status = status;
            model.showSaved({run});
            view.setModel(&model);
            StatusBadgeDelegate delegate;
            QStyleOptionViewItem option;
            option.initFrom(&view);
            option.rect = QRect(0, 0, 200, 30);
            option.widget = &view;
            QImage image(option.rect.size(), QImage::Format_ARGB32);
            image.fill(Qt::white);
            QPainter painter(&image);
            delegate.paint(&painter, option, model.index(0, RunListModel::StatusColumn));
            painter.end();
            view.setModel(nullptr);
            // The icon's place, give or take the rounding of the pill's centre.
            const QColor ground = image.pixelColor(9, 15);
            QList<QList<bool>> places;
            for (int top = 15 - size / 2 - 3; top <= 15 - size / 2 + 3; ++top) {
                for (int left = 10; left <= 15; ++left) {
                    QList<bool> ink;
                    for (int y = top; y < top + size; ++y) {
                        for (int x = left; x < left + size; ++x)
                            ink.append(strongestContrast(image, QRect(x, y, 1, 1), ground) > 2);
                    }
                    places.append(ink);
                }
            }
            return places;
        };
        // Inked pixels both have over inked pixels either has (1: the same shape).
        const auto agreement = [](const QList<bool> &a, const QList<bool> &b) {
            int both = 0;
            int either = 0;
            for (int i = 0; i < a.size(); ++i) {
                both += a.at(i) && b.at(i);
                either += a.at(i) || b.at(i);
            }
            return either ? double(both) / either : 0.0;
        };
        const QList<RunStatus> statuses {
            RunStatus::Completed, RunStatus::Failed, RunStatus::Running, RunStatus::Queued};
        // Each pill is told by its shape: it matches its own status's icon best.
        const auto bestMatch
            = [&agreement](const QList<QList<bool>> &places, const QList<bool> &shape) {
                  double best = 0;
                  for (const QList<bool> &place : places)
                      best = qMax(best, agreement(place, shape));
                  return best;
              };
        for (RunStatus status : statuses) {
            const QList<bool> shape = shapeOf(status);
            QVERIFY(shape.count(true) > size / 2);
            const QList<QList<bool>> painted = paintedAt(status);
            const double own = bestMatch(painted, shape);
            QVERIFY2(own > 0.4, qPrintable(RunFormat::statusText(status, {})));
            for (RunStatus other : statuses) {
                if (other != status)
                    QVERIFY2(bestMatch(painted, shapeOf(other)) < own,
                        qPrintable(RunFormat::statusText(status, {}) + u" looks like "_s
                            + RunFormat::statusText(other, {})));
            }
        }
    }

    void theRunInTheDetailPaneIsTheSelectedRow()
    {
        // A view makes a row current on its own when focus arrives with none: the pane may
        // show it only as the selected row, never beside an unmarked one.
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        auto *table = showOn(window, &client);
        QTRY_VERIFY(table->model()->rowCount() > 3);
        const QModelIndex third = table->model()->index(2, 0);
        table->selectionModel()->setCurrentIndex(third, QItemSelectionModel::NoUpdate);
        auto *runId = window.findChild<QLabel *>(u"detailRunIdLabel"_s);
        QTRY_COMPARE(runId->text(), third.data(RunListModel::RunIdRole).toString());
        QVERIFY(table->selectionModel()->isRowSelected(2, {}));
    }

    void aFilterThatHidesTheShownRunEmptiesThePaneOnEveryList()
    {
        // The run shown is clicked, then a status filter leaves it out: the pane says no run
        // is selected, in one connection's list as in the merged one, and no other row is
        // selected in its place.
        SkyvernClient cloud(m_server->server()->baseUrl(), u"test-key"_s);
        WorkflowPlatformClient ops(m_server->server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        MergedRunSource merged({{&cloud, u"Skyvern"_s, {}}, {&ops, u"Ops"_s, u"wf_price_scan"_s}});
        for (RunSource *source : QList<RunSource *> {&cloud, &merged}) {
            MainWindow window;
            window.resize(1300, 800);
            auto *table = showOn(window, source);
            QTRY_VERIFY(table->model()->rowCount() > 3);
            QTRY_VERIFY(!window.runListModel()->isLoading());
            // In the merged list, a run of the platform, whose pane has fewer tabs.
            const QString clicked = WindowDriver::clickRunWith(
                table, RunStatus::Completed, false, source == &merged ? u"Ops"_s : QString());
            QVERIFY(!clicked.isEmpty());
            auto *runId = window.findChild<QLabel *>(u"detailRunIdLabel"_s);
            QTRY_COMPARE(runId->text(), clicked);

            QApplication::setActiveWindow(&window);
            table->setFocus(); // where the click left it, as the menu gives it back
            QTRY_VERIFY(table->hasFocus());
            QMenu *statusMenu = window.findChild<QToolButton *>(u"statusToolButton"_s)->menu();
            statusMenu->findChild<QAction *>(u"status_failed"_s)->trigger();
            QTRY_COMPARE(
                window.runListModel()->filter().statuses, QList<RunStatus> {RunStatus::Failed});
            QTRY_VERIFY(!window.runListModel()->isLoading());
            QTRY_VERIFY(table->model()->rowCount() > 0);
            QTest::qWait(200); // anything that would select a row on its own has done so
            QCOMPARE(window.runListModel()->rowOfRun(clicked), -1);
            auto *title = window.findChild<QLabel *>(u"detailTitleLabel"_s);
            QVERIFY2(title->text() == u"No run selected"_s,
                qPrintable(source->displayName() + u": "_s + title->text()));
            QVERIFY2(!table->selectionModel()->hasSelection(), qPrintable(source->displayName()));
            // Focus back in the list, as when the filter's menu closes: no run picked for it.
            window.findChild<QToolButton *>(u"statusToolButton"_s)->setFocus();
            table->setFocus(Qt::PopupFocusReason);
            QTRY_VERIFY(table->hasFocus());
            QCOMPARE(title->text(), u"No run selected"_s);
            QVERIFY(!table->selectionModel()->hasSelection());
            // The other tabs say so too, with no empty table, strip or viewer under it.
            WindowDriver::openTab(window, u"Timeline"_s);
            auto *timeline = window.findChild<QWidget *>(u"timelineSplitter"_s);
            QTRY_VERIFY(timeline && !timeline->isVisibleTo(timeline->parentWidget()));
            WindowDriver::openTab(window, u"Screenshots"_s);
            auto *strip = window.findChild<QWidget *>(u"filmstripListView"_s);
            auto *zoomIn = window.findChild<QWidget *>(u"zoomInToolButton"_s);
            QTRY_VERIFY(strip && !strip->isVisible());
            QVERIFY(zoomIn && !zoomIn->isVisible());
            auto *message = window.findChild<QLabel *>(u"filmstripMessageLabel"_s);
            QVERIFY(message && message->isVisible());
            QCOMPARE(message->text(), u"Select a run to see its screenshots."_s);
            // A run clicked brings them back.
            QVERIFY(!WindowDriver::clickRunWith(table, RunStatus::Failed).isEmpty());
            QTRY_VERIFY(strip->isVisible());
            QVERIFY(zoomIn->isVisible());
        }
        // The merged list narrowed to the other connection.
        MainWindow window;
        auto *table = showOn(window, &merged);
        QTRY_VERIFY(table->model()->rowCount() > 3);
        QTRY_VERIFY(!window.runListModel()->isLoading());
        QString clicked;
        for (int row = 0; row < table->model()->rowCount() && clicked.isEmpty(); ++row) {
            const QModelIndex index = table->model()->index(row, RunListModel::WorkflowColumn);
            if (table->model()->index(row, RunListModel::SourceColumn).data().toString()
                == u"Skyvern"_s) {
                QTest::mouseClick(
                    table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
                clicked = index.data(RunListModel::RunIdRole).toString();
            }
        }
        QVERIFY(!clicked.isEmpty());
        auto *runId = window.findChild<QLabel *>(u"detailRunIdLabel"_s);
        QTRY_COMPARE(runId->text(), clicked);
        QApplication::setActiveWindow(&window);
        table->setFocus();
        auto *sourceButton = window.findChild<QToolButton *>(u"sourceToolButton"_s);
        for (QAction *action : sourceButton->menu()->actions()) {
            if (action->text() == u"Ops"_s)
                action->trigger();
        }
        QTRY_COMPARE(window.runListModel()->filter().sources, QStringList {u"Ops"_s});
        QTRY_VERIFY(!window.runListModel()->isLoading());
        QTest::qWait(200);
        QCOMPARE(window.runListModel()->rowOfRun(clicked), -1);
        auto *title = window.findChild<QLabel *>(u"detailTitleLabel"_s);
        QCOMPARE(title->text(), u"No run selected"_s);
        QVERIFY(!table->selectionModel()->hasSelection());
    }

    void aConnectionLeftOutByAStatusIsSaidOnceAndOnlyWhileItIs()
    {
        // The platform as the window has it in the merged list: one member per workflow.
        SkyvernClient cloud(m_server->server()->baseUrl(), u"test-key"_s);
        WorkflowPlatformClient ops(m_server->server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        QList<MergedRunSource::Member> members {{&cloud, u"Skyvern"_s, {}}};
        for (const QString &workflow : DemoPlatformServer::workflowIds())
            members.append({&ops, u"Ops"_s, workflow});
        QVERIFY(members.size() > 2);
        MergedRunSource merged(members);
        MainWindow window;
        auto *table = showOn(window, &merged);
        QTRY_VERIFY(table->model()->rowCount() > 0);
        auto *notice = window.findChild<QLabel *>(u"noticeLabel"_s);
        QMenu *statusMenu = window.findChild<QToolButton *>(u"statusToolButton"_s)->menu();
        const QString leftOut = u"Ops is not shown: it cannot filter by the status you picked."_s;

        statusMenu->findChild<QAction *>(u"status_timed_out"_s)->trigger();
        QTRY_VERIFY(notice->isVisible());
        QCOMPARE(notice->text().count(leftOut), 1);

        statusMenu->findChild<QAction *>(u"status_failed"_s)->trigger();
        QTRY_COMPARE(
            window.runListModel()->filter().statuses, QList<RunStatus> {RunStatus::Failed});
        QTRY_VERIFY(!window.runListModel()->isLoading());
        QTRY_VERIFY(!notice->isVisible());
    }

    void aPlatformRunShowsEveryKeyOfItsListingWhole()
    {
        // The platform's keys are long (triggerSource, workflowVersion): none is elided.
        WorkflowPlatformClient ops(m_server->server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        MainWindow window;
        auto *table = showOn(window, &ops);
        QVERIFY(!WindowDriver::clickRunWith(table, RunStatus::Completed).isEmpty());
        auto *listing = window.findChild<QTreeView *>(u"listingTreeView"_s);
        QTRY_VERIFY(listing->isVisible() && listing->model()->rowCount() > 5);
        // What the widest key asks for, as Qt's view measures it (public on the base class).
        const int needed = static_cast<QAbstractItemView *>(listing)->sizeHintForColumn(0);
        QVERIFY2(listing->columnWidth(0) >= needed,
            qPrintable(u"%1 < %2"_s.arg(listing->columnWidth(0)).arg(needed)));
    }

    void theDetailPaneIsNeverCutOffInASmallWindow()
    {
        // 1024 × 700, the split dragged far to the right: the pane keeps the width its
        // content needs, and its right edge (the Copy buttons) stays inside the window.
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        auto *table = showOn(window, &client);
        window.resize(1024, 700);
        QVERIFY(!WindowDriver::clickRunWith(table, RunStatus::Failed).isEmpty());
        auto *splitter = window.findChild<QSplitter *>(u"mainSplitter"_s);
        // Dragged to the end: the pane stops at its narrowest, not folded away.
        const QList<int> sizes = splitter->sizes();
        splitter->setSizes({sizes.at(0) + sizes.at(1), 0});
        auto *pane = window.findChild<QWidget *>(u"runDetailPane"_s);
        QTRY_VERIFY(pane->isVisible());
        QVERIFY2(pane->width() >= pane->minimumWidth(),
            qPrintable(u"%1 < %2"_s.arg(pane->width()).arg(pane->minimumWidth())));
        auto *tabs = window.findChild<QWidget *>(u"detailTabWidget"_s);
        const QRect inWindow(pane->mapTo(&window, QPoint(0, 0)), pane->size());
        QVERIFY2(window.rect().contains(inWindow),
            qPrintable(u"pane %1,%2 %3×%4 in %5×%6"_s.arg(inWindow.x())
                           .arg(inWindow.y())
                           .arg(inWindow.width())
                           .arg(inWindow.height())
                           .arg(window.width())
                           .arg(window.height())));
        QCOMPARE(pane->width(), tabs->width());
        for (auto *copy : pane->findChildren<QToolButton *>()) {
            if (!copy->isVisible())
                continue;
            const QRect button(copy->mapTo(pane, QPoint(0, 0)), copy->size());
            QVERIFY2(pane->rect().contains(button), qPrintable(copy->text()));
        }
    }

    void tabCrossesTheFilterBarLeftToRightAndCtrlQQuits()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        showOn(window, &client);
        QTRY_VERIFY(window.runListModel()->rowCount() > 0);
        QApplication::setActiveWindow(&window);
        auto *search = window.findChild<QLineEdit *>(u"searchLineEdit"_s);
        search->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(search->hasFocus());
        QStringList visited;
        for (int i = 0; i < 2; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            visited.append(QApplication::focusWidget()->objectName());
        }
        // The type button sits left of the search: Tab never jumps back to it.
        QCOMPARE(visited, QStringList({u"errorCodeLineEdit"_s, u"tagsLineEdit"_s}));
        QSignalSpy quit(&window, &MainWindow::quitRequested);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Q, Qt::ControlModifier);
        QCOMPARE(quit.count(), 1);
        window.setSource(nullptr);
    }

    void eachAltKeyOfTheLaunchFormLeadsToOnePlace()
    {
        // Two fields with one Alt key: the first is reached and the second never (Alt+R went to
        // "Browser profile" and never pressed Run).
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        LaunchRunDialog launch(&client);
        launch.show();
        QTRY_VERIFY(launch.findChildren<QLineEdit *>().size() > 3);
        QHash<QChar, QStringList> byKey;
        const auto keyOf = [](const QString &text) {
            const qsizetype at = text.indexOf(QRegularExpression(u"&[^&]"_s));
            return at < 0 ? QChar() : text.at(at + 1).toLower();
        };
        for (QLabel *label : launch.findChildren<QLabel *>()) {
            if (label->buddy() && label->isVisibleTo(&launch) && !keyOf(label->text()).isNull())
                byKey[keyOf(label->text())].append(label->text());
        }
        for (QAbstractButton *button : launch.findChildren<QAbstractButton *>()) {
            if (button->isVisibleTo(&launch) && !keyOf(button->text()).isNull())
                byKey[keyOf(button->text())].append(button->text());
        }
        QVERIFY(byKey.size() > 10);
        for (auto it = byKey.cbegin(); it != byKey.cend(); ++it)
            QVERIFY2(it.value().size() == 1, qPrintable(it.value().join(u", "_s)));
    }

    void everyControlAScreenReaderReachesHasAName()
    {
        // What a screen reader says when focus lands on a control: never nothing.
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        showOn(window, &client);
        QTRY_VERIFY(window.runListModel()->rowCount() > 0);
        LaunchRunDialog launch(&client);
        launch.show();
        QTRY_VERIFY(launch.findChildren<QLineEdit *>().size() > 3);
        ConnectionDialog connection([](const ConnectionProfile &profile, const QString &key) {
            return std::unique_ptr<RunSource>(new SkyvernClient(profile.baseUrl, key));
        });
        connection.show();
        QStringList unnamed;
        for (QWidget *top : {static_cast<QWidget *>(&window), static_cast<QWidget *>(&launch),
                 static_cast<QWidget *>(&connection)}) {
            const QList<QWidget *> widgets = top->findChildren<QWidget *>();
            for (QWidget *widget : widgets) {
                // A spin box's own line edit is part of it (qt_ names Qt's internal parts).
                if (widget->focusPolicy() == Qt::NoFocus || !widget->isVisibleTo(top)
                    || widget->objectName().startsWith(u"qt_"_s)
                    || qobject_cast<QAbstractScrollArea *>(widget->parentWidget()))
                    continue;
                QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
                if (!accessible || accessible->text(QAccessible::Name).trimmed().isEmpty())
                    unnamed.append(QString::fromLatin1(widget->metaObject()->className()) + u' '
                        + widget->objectName());
            }
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u", "_s)));
    }

    void theErrorBannerReadsInTheLightAndTheDarkTheme_data()
    {
        QTest::addColumn<QString>("theme");
        QTest::newRow("light") << u"light"_s;
        QTest::newRow("dark") << u"dark"_s;
    }

    void theErrorBannerReadsInTheLightAndTheDarkTheme()
    {
        QFETCH(QString, theme);
        ScriptedServer server;
        server.setAnswer(u"/v1/workflows/runs"_s, {500, "{\"detail\":\"Boom\"}", {}, false});
        SkyvernClient client(server.url(), u"k"_s);
        client.setRetryPolicy(1, 0);
        MainWindow window;
        connect(&window, &MainWindow::themeChosen, this, &applyTheme);
        auto *error = window.findChild<QLabel *>(u"errorLabel"_s);
        showOn(window, &client);
        QTRY_VERIFY(error->isVisible());
        // Chosen as a person does, in View → Theme.
        window.findChild<QAction *>(u"theme_"_s + theme)->trigger();
        QCoreApplication::processEvents();
        const bool dark = theme == u"dark"_s;
        QCOMPARE(window.palette().color(QPalette::Window).lightness() < 128, dark);
        const QImage image = error->grab().toImage();
        const QColor ground = image.pixelColor(3, image.height() / 2);
        const double best = strongestContrast(image, image.rect(), ground);
        window.findChild<QAction *>(u"theme_system"_s)->trigger();
        QVERIFY2(best >= 4.5, qPrintable(u"%1:1 on %2"_s.arg(best).arg(ground.name())));
    }

    void checkBoxesAndRadioButtonsShowOnTheDarkTheme()
    {
        // Fusion's own outline is the colour of the box on a dark window: Runwatch draws a rim.
        applyTheme(Theme::Dark);
        QWidget form;
        auto *layout = new QVBoxLayout(&form);
        auto *box = new QCheckBox(u"Quiet hours"_s, &form);
        auto *radio = new QRadioButton(u"Self-hosted server"_s, &form);
        layout->addWidget(box);
        layout->addWidget(radio);
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        const QColor ground = form.palette().color(QPalette::Window);
        for (QAbstractButton *button :
            {static_cast<QAbstractButton *>(box), static_cast<QAbstractButton *>(radio)}) {
            QStyleOptionButton option;
            option.initFrom(button);
            const QRect indicator = button->style()->subElementRect(
                button == box ? QStyle::SE_CheckBoxIndicator : QStyle::SE_RadioButtonIndicator,
                &option, button);
            const QImage image = button->grab().toImage();
            const double best = strongestContrast(image, indicator, ground);
            QVERIFY2(best >= 3, qPrintable(u"%1: %2:1"_s.arg(button->text()).arg(best)));
        }
        applyTheme(Theme::System);
    }

    void toolbarIconsAreDrawnInTheThemesTextColour()
    {
        // Without a desktop icon theme (as here) the icons are Runwatch's own, tinted to read.
        MainWindow window;
        connect(&window, &MainWindow::themeChosen, this, &applyTheme);
        window.show();
        QVERIFY(!window.windowIcon().isNull());
        QAction *reload = window.findChild<QAction *>(u"reloadAction"_s);
        QAction *launch = window.findChild<QAction *>(u"launchAction"_s);
        QVERIFY(!reload->icon().isNull() && !launch->icon().isNull());
        for (const QString &theme : {u"light"_s, u"dark"_s}) {
            window.findChild<QAction *>(u"theme_"_s + theme)->trigger();
            QCoreApplication::processEvents();
            const QColor text = window.palette().color(QPalette::WindowText);
            // Drawn for a 2x screen at twice the pixels, not blown up from the 1x ones.
            const QImage image = reload->icon().pixmap(QSize(24, 24), 2.0).toImage();
            QCOMPARE(image.size(), QSize(48, 48));
            int inked = 0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x) {
                    const QColor pixel = image.pixelColor(x, y);
                    if (pixel.alpha() < 250)
                        continue;
                    ++inked;
                    QVERIFY2(qAbs(pixel.lightness() - text.lightness()) < 40,
                        qPrintable(theme + u": "_s + pixel.name() + u" vs "_s + text.name()));
                }
            }
            QVERIFY2(inked > 40, qPrintable(theme));
        }
        window.findChild<QAction *>(u"theme_system"_s)->trigger();
    }

    void f1ListsTheKeys()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        auto *table = showOn(window, &client);
        QTRY_VERIFY(table->model()->rowCount() > 0);
        window.activateWindow();
        QTest::keyClick(table, Qt::Key_F1);
        QTableWidget *keys = nullptr;
        QTRY_VERIFY((keys = window.findChild<QTableWidget *>(u"shortcutsTable"_s)) != nullptr);
        QTRY_VERIFY(keys->isVisible());
        QStringList listed;
        for (int row = 0; row < keys->rowCount(); ++row)
            listed.append(keys->item(row, 0)->text());
        // The keys the window answers to are there, as the platform writes them: the usual
        // ones, and every action's own (connections 1 to 9 are one row).
        QList<QKeySequence> answered {QKeySequence(QKeySequence::New),
            QKeySequence(QKeySequence::Find), QKeySequence(QKeySequence::Copy)};
        for (const QAction *action : window.findChildren<QAction *>()) {
            for (const QKeySequence &sequence : action->shortcuts()) {
                if (sequence[0].keyboardModifiers() != Qt::ControlModifier
                    || sequence[0].key() < Qt::Key_1 || sequence[0].key() > Qt::Key_9)
                    answered.append(sequence);
            }
        }
        QVERIFY(answered.size() > 8);
        const QString all = listed.join(u", "_s).split(u", "_s).join(u'|');
        const QStringList each = all.split(u'|');
        for (const QKeySequence &sequence : std::as_const(answered))
            QVERIFY2(each.contains(sequence.toString(QKeySequence::NativeText)),
                qPrintable(sequence.toString(QKeySequence::NativeText) + u" not in "_s + all));
    }

    void theWorkflowColumnGetsItsWidthBackAfterAPlatformsList()
    {
        // The platform's runs have no failure reason, so there the workflow takes the spare
        // width; the merged list after it must not leave the workflow squeezed.
        SkyvernClient skyvern(m_server->server()->baseUrl(), u"test-key"_s);
        WorkflowPlatformClient platform(m_server->server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        MergedRunSource merged({{&skyvern, u"Skyvern"_s, {}},
            {&platform, u"Ops"_s, DemoPlatformServer::workflowIds().constFirst()}});
        MainWindow window;
        window.resize(1440, 860);
        auto *table = showOn(window, &platform);
        QTRY_VERIFY(table->model()->rowCount() > 0);
        QHeaderView *header = table->horizontalHeader();
        QVERIFY(header->isSectionHidden(RunListModel::FailureReasonColumn));
        QVERIFY(header->sectionSize(RunListModel::WorkflowColumn) > 300);
        window.setSource(&merged);
        QTRY_VERIFY(!header->isSectionHidden(RunListModel::FailureReasonColumn));
        QVERIFY2(header->sectionSize(RunListModel::WorkflowColumn) >= 150,
            qPrintable(QString::number(header->sectionSize(RunListModel::WorkflowColumn))));
    }

    void columnsAConnectionHidesComeBackAfterARestartOnAnother()
    {
        // Quit while the platform (no created time, reason or codes) is shown; start again on
        // Skyvern: its columns are all there.
        WorkflowPlatformClient platform(m_server->server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        SkyvernClient skyvern(m_server->server()->baseUrl(), u"test-key"_s);
        QByteArray layout;
        {
            MainWindow window;
            window.resize(1440, 860);
            QTableView *table = showOn(window, &platform);
            QTRY_VERIFY(table->model()->rowCount() > 0);
            QVERIFY(table->horizontalHeader()->isSectionHidden(RunListModel::CreatedColumn));
            layout = window.saveLayout();
            // Saving leaves the shown connection's columns as they were.
            QVERIFY(table->horizontalHeader()->isSectionHidden(RunListModel::CreatedColumn));
            window.setSource(nullptr);
        }
        MainWindow window;
        window.resize(1440, 860);
        window.restoreLayout(layout);
        QTableView *table = showOn(window, &skyvern);
        QTRY_VERIFY(table->model()->rowCount() > 0);
        for (const int column : {RunListModel::CreatedColumn, RunListModel::FailureReasonColumn,
                 RunListModel::ErrorCodesColumn}) {
            QVERIFY2(!table->horizontalHeader()->isSectionHidden(column),
                qPrintable(table->model()->headerData(column, Qt::Horizontal).toString()));
        }
        window.setSource(nullptr);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
