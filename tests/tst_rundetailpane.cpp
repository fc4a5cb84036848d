// The detail pane on its own, against real runs of the local server and
// scripted servers that answer what a hostile or broken server might: switching
// runs, the downloaded-files list, late answers, server text shown as text,
// thumbnails that are not images, colours.

#include <cmath>

#include <QApplication>
#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QWheelEvent>

#include "artifactfetcher.h"
#include "rundetailpane.h"
#include "screenshotdecoder.h"
#include "skyvernclient.h"
#include "support/scriptedserver.h"
#include "support/testhttp.h"
#include "support/testserver.h"
#include "theme.h"

using namespace Qt::StringLiterals;

namespace {

const QString kHostile = u"<b>x</b><img src=file:///etc/passwd>"_s;

QByteArray compact(const QJsonObject &json)
{
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

WorkflowRun decodeRun(const QJsonObject &json)
{
    QString error;
    const std::optional<WorkflowRun> run = WorkflowRun::fromJson(json, u"run"_s, &error);
    if (!run)
        qWarning("run does not decode: %s", qPrintable(error));
    return run.value_or(WorkflowRun());
}

/** A source that answers only when told to and, like a merged list, cannot
 * cancel a detail. */
class HeldSource final : public RunSource
{
public:
    struct Call
    {
        RequestId id;
        QString runId;
        Handler<RunDetail> handler;
    };
    QList<Call> calls;
    QList<RequestId> canceled;

    RequestId listRuns(const RunQuery &, QObject *, RunPageHandler) override { return 0; }
    RequestId getRun(const QString &runId, QObject *, Handler<RunDetail> handler) override
    {
        calls.append({++m_nextId, runId, std::move(handler)});
        return m_nextId;
    }
    RequestId listWorkflows(QObject *, Handler<QList<Workflow>>) override { return 0; }
    RequestId launchRun(const LaunchRequest &, QObject *, Handler<RunDetail>) override { return 0; }
    RequestId cancelRun(const QString &, QObject *, Handler<bool>) override { return 0; }
    void cancelRequest(RequestId id) override { canceled.append(id); }
    QString displayName() const override { return u"held"_s; }

    void answer(int call)
    {
        RunDetail detail;
        detail.runId = calls.at(call).runId;
        detail.status = RunStatus::Failed;
        ApiResult<RunDetail> result;
        result.value = detail;
        calls.at(call).handler(result);
    }

private:
    RequestId m_nextId = 0;
};

/** A pane reading runs from a scripted server, so a test decides every byte it
 * is sent. */
struct ScriptedPane
{
    ScriptedServer api;
    SkyvernClient client {api.url(), u"k"_s};
    ArtifactFetcher artifacts;
    RunDetailPane pane {&artifacts};

    ScriptedPane()
    {
        pane.setSource(&client);
        pane.resize(600, 900);
        pane.show();
    }
    template<typename T>
    T *find(const QString &name) const
    {
        T *widget = pane.findChild<T *>(name);
        if (!widget)
            qWarning("no widget %s", qPrintable(name));
        return widget;
    }
    /** Serves `detail` for the run of `listItem` and selects that run. */
    void show(const QJsonObject &listItem, const QJsonObject &detail)
    {
        const QString runId = listItem.value(u"workflow_run_id"_s).toString();
        // The client sends the id percent-encoded, and the server reads the path as
        // it came.
        api.setAnswer(u"/v1/runs/"_s + QString::fromLatin1(QUrl::toPercentEncoding(runId)),
            {200, compact(detail), {}, false});
        pane.showRun(decodeRun(listItem));
    }
};

} // namespace

class TestRunDetailPane : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    QJsonObject m_failedItem; // a failed run as the list has it
    QJsonObject m_failedDetail; // and as its detail has it
    QJsonObject m_completedItem;
    QJsonObject m_completedDetail;

    QJsonObject listItem(const QString &status)
    {
        const HttpAnswer list = httpRequest("GET",
            m_server->url(u"/v1/workflows/runs?page_size=1&status="_s + status), m_server->key());
        return list.json().array().at(0).toObject();
    }
    QJsonObject detailOf(const QJsonObject &item)
    {
        return httpRequest("GET",
            m_server->url(u"/v1/runs/"_s + item.value(u"workflow_run_id"_s).toString()),
            m_server->key())
            .json()
            .object();
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(3600000, 300);
        QVERIFY(m_server->isStarted());
        m_failedItem = listItem(u"failed"_s);
        m_failedDetail = detailOf(m_failedItem);
        m_completedItem = listItem(u"completed"_s);
        m_completedDetail = detailOf(m_completedItem);
        QVERIFY(!m_failedDetail.value(u"failure_reason"_s).toString().isEmpty());
        QCOMPARE(m_completedDetail.value(u"status"_s).toString(), u"completed"_s);
    }

    void anotherRunOpensAtItsTop()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        ArtifactFetcher artifacts;
        RunDetailPane pane(&artifacts);
        pane.setSource(&client);
        pane.resize(480, 420); // short enough that a failed run needs scrolling
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        const HttpAnswer list = httpRequest("GET",
            m_server->url(u"/v1/workflows/runs?page_size=2&status=failed"_s), m_server->key());
        const QJsonArray runs = list.json().array();
        QCOMPARE(runs.size(), 2);
        const WorkflowRun first = decodeRun(runs.at(0).toObject());
        const WorkflowRun second = decodeRun(runs.at(1).toObject());

        pane.showRun(first);
        QTRY_COMPARE(pane.detail().runId, first.workflowRunId);
        auto *scroll = pane.findChild<QScrollArea *>();
        QVERIFY(scroll);
        QScrollBar *bar = scroll->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0);
        bar->triggerAction(QAbstractSlider::SliderToMaximum); // read down to the request
        QCOMPARE(bar->value(), bar->maximum());

        pane.showRun(second); // what selecting another row in the list does
        QTRY_COMPARE(pane.detail().runId, second.workflowRunId);
        QTRY_VERIFY(bar->maximum() > 0);
        QCOMPARE(bar->value(), bar->minimum());

        // The same run shown again (a poll changed its row) stays where the reader
        // is.
        bar->triggerAction(QAbstractSlider::SliderToMaximum);
        const int readTo = bar->value();
        pane.showRun(second);
        QCOMPARE(bar->value(), readTo);
    }

    void theWheelOverTheScreenshotsScrollsThePage()
    {
        // The pane shorter than a failed run's Overview; the pointer over the screenshots.
        ScriptedPane scripted;
        scripted.pane.resize(480, 420);
        scripted.show(m_failedItem, m_failedDetail);
        QTRY_COMPARE(scripted.pane.detail().runId, m_failedDetail.value(u"run_id"_s).toString());
        auto *strip = scripted.find<QListWidget>(u"screenshotStrip"_s);
        QTRY_VERIFY(strip->isVisible() && strip->count() > 1);
        QScrollBar *page = scripted.pane.findChild<QScrollArea *>()->verticalScrollBar();
        QVERIFY(page->maximum() > 0);
        const int pageBefore = page->value();
        const int stripBefore = strip->horizontalScrollBar()->value();
        const auto turn = [strip](QPoint angle, Qt::KeyboardModifiers modifiers) {
            const QPointF at = strip->viewport()->rect().center();
            QWheelEvent wheel(at, strip->viewport()->mapToGlobal(at), {}, angle, Qt::NoButton,
                modifiers, Qt::NoScrollPhase, false);
            QApplication::sendEvent(strip->viewport(), &wheel);
        };
        turn({0, -120}, Qt::NoModifier);
        QVERIFY(page->value() > pageBefore);
        QCOMPARE(strip->horizontalScrollBar()->value(), stripBefore);
        if (strip->horizontalScrollBar()->maximum() > 0) { // sideways: the strip
            turn({-120, 0}, Qt::NoModifier);
            QVERIFY(strip->horizontalScrollBar()->value() > stripBefore);
        }
    }

    void tabGoesDownThePaneAsItIsRead()
    {
        // A failed run with output: from its first button, Tab stops on what can be acted
        // on (buttons, links, lists, tables), top to bottom and left to right on a line, and
        // never on a plain value.
        ScriptedPane scripted;
        QJsonObject detail = m_failedDetail;
        detail.insert(u"output"_s, QJsonObject {{u"invoice_total"_s, u"1,240.00"_s}});
        scripted.show(m_failedItem, detail);
        QTRY_COMPARE(scripted.pane.detail().runId, detail.value(u"run_id"_s).toString());
        QApplication::setActiveWindow(&scripted.pane);
        auto *retry = scripted.find<QPushButton>(u"retryRunButton"_s);
        QVERIFY(retry->isVisible());
        retry->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(retry->hasFocus());
        // Where a widget is in the pane as if it were not scrolled: the scroll area follows
        // focus, so its offset changes as Tab goes down.
        auto *scroll = scripted.pane.findChild<QScrollArea *>();
        const auto inContent = [&](QWidget *widget) {
            if (scroll->widget()->isAncestorOf(widget))
                return widget->mapTo(scroll->widget(), QPoint(0, 0))
                    + scroll->viewport()->mapTo(&scripted.pane, QPoint(0, 0));
            return widget->mapTo(&scripted.pane, QPoint(0, 0));
        };
        QStringList stops;
        QWidget *lastStop = nullptr;
        QPoint previous(-1, -100);
        for (int i = 0; i < 30; ++i) {
            QWidget *focused = QApplication::focusWidget();
            if (!focused || !scripted.pane.isAncestorOf(focused) || (i > 0 && focused == retry))
                break;
            // Tab first goes through the links of a label with keyboard-reachable links.
            if (focused == lastStop) {
                QTest::keyClick(focused, Qt::Key_Tab);
                continue;
            }
            lastStop = focused;
            stops.append(focused->objectName());
            if (auto *label = qobject_cast<QLabel *>(focused))
                QVERIFY2(label->text().contains(u"href"_s), qPrintable(stops.join(u" → "_s)));
            const QPoint place = inContent(focused);
            QVERIFY2(place.y() > previous.y() + 8
                    || (qAbs(place.y() - previous.y()) <= 8 && place.x() > previous.x()),
                qPrintable(stops.join(u" → "_s)));
            previous = place;
            QTest::keyClick(focused, Qt::Key_Tab);
        }
        QVERIFY2(stops.size() >= 6, qPrintable(stops.join(u" → "_s)));
    }

    void aRunWithoutOutputSaysSoInsteadOfAnEmptyTable()
    {
        ScriptedPane scripted;
        auto *tree = scripted.find<QTreeView>(u"outputTreeView"_s);
        auto *none = scripted.find<QLabel>(u"detailNoOutputLabel"_s);
        // A finished run with an empty output, then one with output, then a running one
        // that has none yet.
        QJsonObject detail = m_failedDetail;
        detail.insert(u"output"_s, QJsonObject());
        scripted.show(m_failedItem, detail);
        QTRY_COMPARE(scripted.pane.detail().runId, detail.value(u"run_id"_s).toString());
        QVERIFY(none->isVisible());
        QCOMPARE(none->text(), u"None"_s);
        QVERIFY(!tree->isVisible());

        QJsonObject withOutput = m_completedDetail;
        withOutput.insert(u"output"_s, QJsonObject {{u"invoice_total"_s, u"1,240.00"_s}});
        scripted.show(m_completedItem, withOutput);
        QTRY_COMPARE(scripted.pane.detail().runId, withOutput.value(u"run_id"_s).toString());
        QVERIFY(tree->isVisible());
        QVERIFY(!none->isVisible());
        QCOMPARE(tree->model()->index(0, 0).data().toString(), u"invoice_total"_s);

        QJsonObject runningItem = m_completedItem;
        runningItem.insert(u"status"_s, u"running"_s);
        runningItem.insert(u"workflow_run_id"_s, u"wr_still_going"_s);
        QJsonObject running = m_completedDetail;
        running.insert(u"status"_s, u"running"_s);
        running.insert(u"run_id"_s, u"wr_still_going"_s);
        running.insert(u"output"_s, QJsonValue());
        scripted.show(runningItem, running);
        QTRY_COMPARE(scripted.pane.detail().runId, u"wr_still_going"_s);
        QVERIFY(none->isVisible());
        QCOMPARE(none->text(), u"None yet"_s);
        QVERIFY(!tree->isVisible());
    }

    void theNonePlaceholderOfDownloadedFilesCannotBeActivated()
    {
        ScriptedPane scripted;
        QJsonObject detail = m_failedDetail;
        detail.insert(u"downloaded_files"_s, QJsonArray());
        scripted.show(m_failedItem, detail);
        QTRY_COMPARE(scripted.pane.detail().runId, detail.value(u"run_id"_s).toString());
        auto *files = scripted.find<QListWidget>(u"downloadedFilesList"_s);
        QCOMPARE(files->count(), 1);
        QListWidgetItem *none = files->item(0);
        QCOMPARE(none->text(), u"None"_s);
        QVERIFY(!(none->flags() & Qt::ItemIsEnabled));

        // Any dialog that opens is noted and closed, so a wrong one cannot hang the
        // test.
        bool dialogOpened = false;
        QTimer watch;
        watch.setInterval(10);
        connect(&watch, &QTimer::timeout, this, [&dialogOpened] {
            if (QWidget *modal = QApplication::activeModalWidget()) {
                dialogOpened = true;
                modal->close();
            }
        });
        watch.start();
        const int requests = scripted.api.requestCount();
        const QPoint centre = files->visualItemRect(none).center();
        QTest::mouseDClick(files->viewport(), Qt::LeftButton, {}, centre);
        files->setFocus();
        QTest::keyClick(files, Qt::Key_Return);
        QVERIFY(!dialogOpened);
        QCOMPARE(scripted.api.requestCount(), requests); // and nothing was fetched
    }

    void aLateAnswerForThePreviousRunKeepsTheRequestPending()
    {
        HeldSource source;
        ArtifactFetcher artifacts;
        RunDetailPane pane(&artifacts);
        pane.setSource(&source);
        WorkflowRun first;
        first.workflowRunId = u"wr_first"_s;
        WorkflowRun second;
        second.workflowRunId = u"wr_second"_s;
        pane.showRun(first);
        pane.showRun(second); // the first request is canceled, but this source cannot
        QCOMPARE(source.calls.size(), 2);
        source.answer(0); // the first run's answer arrives anyway
        QCOMPARE(pane.detail().runId, QString()); // and is not shown
        // The second run's request is still the pending one, so leaving the run
        // cancels it.
        pane.clear();
        QVERIFY(source.canceled.contains(source.calls.at(1).id));
        // Its answer, had it come, would not be shown either.
        source.answer(1);
        QCOMPARE(pane.detail().runId, QString());
    }

    void serverTextIsShownAsText()
    {
        ScriptedPane scripted;
        QJsonObject item = m_failedItem;
        item.insert(u"workflow_run_id"_s, QString(u"wr_"_s + kHostile));
        item.insert(u"workflow_title"_s, kHostile);
        item.insert(u"workflow_permanent_id"_s, kHostile);
        item.insert(u"failure_reason"_s, kHostile);
        item.insert(u"trigger_type"_s, kHostile);
        item.insert(u"failure_category"_s, QJsonArray {QJsonObject {{u"category"_s, kHostile}}});
        QJsonObject detail = m_failedDetail;
        detail.insert(u"run_id"_s, item.value(u"workflow_run_id"_s));
        detail.insert(u"failure_reason"_s, kHostile);
        detail.insert(u"errors"_s,
            QJsonArray {QJsonObject {{u"error_code"_s, kHostile}, {u"reasoning"_s, kHostile}}});
        detail.insert(u"downloaded_files"_s,
            QJsonArray {QJsonObject {{u"url"_s, u"https://files.example/a.pdf"_s},
                {u"filename"_s, kHostile}, {u"checksum"_s, kHostile}}});
        scripted.show(item, detail);
        QTRY_COMPARE(scripted.pane.detail().runId, u"wr_"_s + kHostile);

        const auto shownAsText = [&scripted](const QString &name, const QString &expected) {
            auto *label = scripted.find<QLabel>(name);
            QVERIFY(label);
            QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(name));
            QVERIFY2(label->text().contains(expected), qPrintable(name + u": "_s + label->text()));
        };
        shownAsText(u"detailTitleLabel"_s, kHostile);
        shownAsText(u"detailRunIdLabel"_s, u"wr_"_s + kHostile);
        shownAsText(u"detailWorkflowIdLabel"_s, kHostile);
        shownAsText(u"detailTriggerLabel"_s, kHostile);
        shownAsText(u"detailFailureLabel"_s, kHostile);
        QCOMPARE(scripted.find<QLabel>(u"detailFailureLabel"_s)->text(),
            kHostile + u"\nCategory: "_s + kHostile);
        shownAsText(u"detailStatusLabel"_s, u"Failed"_s);
        // Errors are built from escaped parts, so their markup is the pane's own.
        auto *errors = scripted.find<QLabel>(u"detailErrorsLabel"_s);
        QVERIFY(!errors->text().contains(u"<img"_s));
        QVERIFY(errors->text().contains(kHostile.toHtmlEscaped()));
        // A file's tooltip is rich text, so its server parts are escaped there too.
        auto *files = scripted.find<QListWidget>(u"downloadedFilesList"_s);
        QCOMPARE(files->item(0)->text(), kHostile);
        QVERIFY(!files->item(0)->toolTip().contains(u"<img"_s));

        // A server's own words in an error are text too.
        QJsonObject other = m_completedItem;
        const QString otherId = other.value(u"workflow_run_id"_s).toString();
        scripted.api.setAnswer(
            u"/v1/runs/"_s + otherId, {400, compact({{u"detail"_s, kHostile}}), {}, false});
        scripted.pane.showRun(decodeRun(other));
        auto *message = scripted.find<QLabel>(u"detailMessageLabel"_s);
        QTRY_VERIFY(message->text().contains(kHostile));
        QCOMPARE(message->textFormat(), Qt::PlainText);
    }

    void onlyWebLinksAreOpened()
    {
        ScriptedPane scripted;
        QList<QUrl> opened;
        bool opens = true;
        scripted.pane.setUrlOpener([&opened, &opens](const QUrl &url) {
            opened.append(url);
            return opens;
        });
        const auto click = [](QLabel *label) {
            QVERIFY(label->isVisible());
            // On the first letters, where the link's text starts.
            const QRect text = label->contentsRect();
            QTest::mouseClick(
                label, Qt::LeftButton, {}, QPoint(text.left() + 4, text.center().y()));
        };
        auto *recording = scripted.find<QLabel>(u"detailRecordingLink"_s);
        auto *app = scripted.find<QLabel>(u"detailAppLink"_s);
        for (const QString &link : {u"file:///etc/passwd"_s, u"smb://files.example/share/run.mp4"_s,
                 u"ms-settings:network"_s, u"javascript:alert(1)"_s}) {
            QJsonObject detail = m_failedDetail;
            detail.insert(u"recording_url"_s, link);
            detail.insert(u"app_url"_s, u"https://app.example/runs/1?a=1&b=2"_s);
            scripted.show(m_failedItem, detail);
            QTRY_COMPARE(scripted.pane.detail().recordingUrl, link);
            // Shown, with the whole link in its tooltip, but not a link.
            QCOMPARE(recording->textFormat(), Qt::PlainText);
            QVERIFY(!recording->text().contains(link));
            QVERIFY2(recording->toolTip().contains(link.toHtmlEscaped()),
                qPrintable(recording->toolTip()));
            click(recording);
            QVERIFY2(opened.isEmpty(), qPrintable(link));
        }
        // A web link opens, and says where it leads before the click.
        QVERIFY(app->toolTip().contains(u"https://app.example/runs/1?a=1&amp;b=2"_s));
        click(app);
        QCOMPARE(opened, QList<QUrl> {QUrl(u"https://app.example/runs/1?a=1&b=2"_s)});
        // When nothing on the machine takes it, the pane says so.
        opens = false;
        click(app);
        QCOMPARE(opened.size(), 2);
        auto *message = scripted.find<QLabel>(u"detailMessageLabel"_s);
        QVERIFY(message->isVisible());
        QVERIFY2(message->text().contains(u"could open"_s), qPrintable(message->text()));
        QVERIFY(message->text().contains(u"app.example"_s));
    }

    void aThumbnailThatIsNotAnImageSaysSoInsteadOfLoading()
    {
        ScriptedPane scripted;
        scripted.api.setAnswer(u"/held.png"_s, {200, {}, {}, true}); // never answers
        scripted.api.setAnswer(u"/garbage.png"_s, {200, "not really a png", {}, false});
        scripted.api.setAnswer(u"/gone.png"_s, {404, "{}", {}, false});
        QJsonObject detail = m_failedDetail;
        detail.insert(u"screenshot_urls"_s,
            QJsonArray {scripted.api.url(u"/held.png"_s).toString(),
                scripted.api.url(u"/garbage.png"_s).toString(),
                scripted.api.url(u"/gone.png"_s).toString()});
        scripted.show(m_failedItem, detail);
        auto *strip = scripted.find<QListWidget>(u"screenshotStrip"_s);
        QTRY_COMPARE(strip->count(), 3);
        QTRY_VERIFY(strip->item(1)->toolTip().contains(u"did not return an image"_s));
        const QSize size = strip->iconSize();
        const QImage loading = strip->item(0)->icon().pixmap(size).toImage();
        const QImage broken = strip->item(1)->icon().pixmap(size).toImage();
        QVERIFY(!broken.isNull());
        QVERIFY2(broken != loading, "the broken thumbnail still shows “Loading…”");
        QCOMPARE(strip->item(1)->text(), u"1 before"_s);
        // So does one whose link failed.
        QTRY_VERIFY(strip->item(2)->toolTip().contains(u"HTTP 404"_s));
        const QImage gone = strip->item(2)->icon().pixmap(size).toImage();
        QVERIFY(gone != loading && gone != broken);
        QCOMPARE(strip->item(2)->text(), u"2 before"_s);
    }

    void screenshotsAreDecodedForTheScreensPixelRatio()
    {
        QImage shot(1280, 800, QImage::Format_RGB32);
        shot.fill(Qt::darkCyan);
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(shot.save(&buffer, "PNG"));
        // A thumbnail 200 wide: 200 pixels on a 1x screen, 400 marked 2x on a 2x one.
        QImage thumbnail = ScreenshotDecoder::decode(png, 200, 1.0);
        QCOMPARE(thumbnail.size(), QSize(200, 125));
        QCOMPARE(thumbnail.devicePixelRatio(), 1.0);
        thumbnail = ScreenshotDecoder::decode(png, 200, 2.0);
        QCOMPARE(thumbnail.size(), QSize(400, 250));
        QCOMPARE(thumbnail.devicePixelRatio(), 2.0);
        QCOMPARE(thumbnail.deviceIndependentSize(), QSizeF(200, 125));
        // The viewer 1000 wide on a 2x screen: the whole 1280 pixels, drawn 640 to 1000 wide
        // as they fit, never wider than the space.
        const QImage large = ScreenshotDecoder::decode(png, 1000, 2.0);
        QCOMPARE(large.width(), 1280);
        QCOMPARE(large.deviceIndependentSize().width(), 1000.0);
        // Smaller than the space: its own size on any screen.
        QCOMPARE(ScreenshotDecoder::decode(png, 2000, 2.0).deviceIndependentSize().width(), 1280.0);
        QVERIFY(ScreenshotDecoder::decode("not an image", 200, 2.0).isNull());
    }

    void aCompletedRunShowsNoFailureInTheFailureColour()
    {
        ScriptedPane scripted;
        auto *status = scripted.find<QLabel>(u"detailStatusLabel"_s);
        QVERIFY(!status->isVisibleTo(&scripted.pane)); // no empty pill beside “No run selected”
        auto *failure = scripted.find<QLabel>(u"detailFailureLabel"_s);
        const QColor text = scripted.pane.palette().color(QPalette::WindowText);

        scripted.show(m_failedItem, m_failedDetail);
        QTRY_VERIFY(!scripted.pane.detail().runId.isEmpty());
        QVERIFY(status->isVisibleTo(&scripted.pane));
        QVERIFY(failure->palette().color(QPalette::WindowText) != text);

        scripted.show(m_completedItem, m_completedDetail);
        QTRY_COMPARE(
            scripted.pane.detail().runId, m_completedItem.value(u"workflow_run_id"_s).toString());
        QCOMPARE(failure->text(), u"None"_s);
        QCOMPARE(failure->palette().color(QPalette::WindowText), text);

        scripted.pane.clear();
        QVERIFY(!status->isVisibleTo(&scripted.pane));
    }

    void anActiveRunsRunningTimeMovesOnWithTheClock()
    {
        ScriptedPane scripted;
        auto *times = scripted.find<QLabel>(u"detailTimesLabel"_s);
        const QString started
            = QDateTime::currentDateTimeUtc().addSecs(-70).toString(Qt::ISODateWithMs);
        QJsonObject item = m_completedItem;
        QJsonObject detail = m_completedDetail;
        for (QJsonObject *run : {&item, &detail}) {
            run->insert(u"status"_s, u"running"_s);
            run->insert(u"started_at"_s, started);
            run->insert(u"finished_at"_s, QJsonValue::Null);
        }
        scripted.show(item, detail);
        QTRY_VERIFY(!scripted.pane.detail().runId.isEmpty());
        const QString before = times->text();
        QVERIFY2(before.contains(u"Running for 1 m 1"_s), qPrintable(before));
        QTest::qWait(1100); // a second of the clock, as the window's timer ticks
        scripted.pane.tickDurations();
        QVERIFY2(times->text() != before, qPrintable(times->text()));
        QVERIFY(times->text().contains(u"Running for 1 m 1"_s));

        // A finished run's duration is what it was.
        scripted.show(m_completedItem, m_completedDetail);
        QTRY_COMPARE(
            scripted.pane.detail().runId, m_completedItem.value(u"workflow_run_id"_s).toString());
        const QString finished = times->text();
        scripted.pane.tickDurations();
        QCOMPARE(times->text(), finished);
    }

    void linksReadAfterSwitchingToTheDarkTheme()
    {
        ScriptedPane scripted;
        applyTheme(Theme::Light);
        QJsonObject detail = m_failedDetail;
        detail.insert(u"app_url"_s, u"https://app.example/runs/1"_s);
        scripted.show(m_failedItem, detail);
        auto *app = scripted.find<QLabel>(u"detailAppLink"_s);
        QTRY_VERIFY(app->isVisible() && app->textFormat() == Qt::RichText);
        applyTheme(Theme::Dark); // chosen while the run is shown
        QCoreApplication::processEvents();
        const QImage image = app->grab().toImage();
        const QColor ground = app->palette().color(QPalette::Window);
        const auto luminance = [](const QColor &c) {
            const auto channel = [](double v) {
                v /= 255.0;
                return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
            };
            return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green())
                + 0.0722 * channel(c.blue());
        };
        double best = 1;
        for (int x = 0; x < image.width(); ++x) {
            for (int y = 0; y < image.height(); ++y) {
                const double front = luminance(image.pixelColor(x, y));
                const double back = luminance(ground);
                best = qMax(best, (qMax(back, front) + 0.05) / (qMin(back, front) + 0.05));
            }
        }
        applyTheme(Theme::System);
        QVERIFY2(best >= 4.5, qPrintable(QString::number(best)));
    }

    void failureColoursFollowADarkPalette()
    {
        ScriptedPane scripted;
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x24));
        dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
        dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x1c));
        dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
        scripted.pane.setPalette(dark);
        // The failure and an error message stay readable on the dark window.
        scripted.show(m_failedItem, m_failedDetail);
        QTRY_VERIFY(!scripted.pane.detail().runId.isEmpty());
        auto *failure = scripted.find<QLabel>(u"detailFailureLabel"_s);
        QVERIFY(failure->palette().color(QPalette::WindowText).lightness() > 150);
        const QString otherId = m_completedItem.value(u"workflow_run_id"_s).toString();
        scripted.api.setAnswer(u"/v1/runs/"_s + otherId, {404, "{}", {}, false});
        scripted.pane.showRun(decodeRun(m_completedItem));
        auto *message = scripted.find<QLabel>(u"detailMessageLabel"_s);
        QTRY_VERIFY(message->isVisible() && !message->text().contains(u"Loading"_s));
        QVERIFY(message->palette().color(QPalette::Window).lightness() < 100);
        QVERIFY(message->palette().color(QPalette::WindowText).lightness() > 150);
        QVERIFY(message->autoFillBackground());

        // On a light palette the same colours are dark on light.
        scripted.pane.setPalette(QPalette(Qt::white));
        QVERIFY(failure->palette().color(QPalette::WindowText).lightness() < 110);
        QVERIFY(message->palette().color(QPalette::Window).lightness() > 200);
    }
};

QTEST_MAIN(TestRunDetailPane)
#include "tst_rundetailpane.moc"
