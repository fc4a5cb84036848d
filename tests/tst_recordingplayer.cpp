// The Recording tab, driven like a person would against the demo server: its real WebM plays,
// the keys pause and seek, the speed applies, a cut recording is said with a way to open it
// elsewhere, a run without one says so, and nothing of the multimedia backend loads before the
// tab is opened.

#include <QAbstractItemModelTester>
#include <QAccessible>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QMediaPlayer>
#include <QPushButton>
#include <QSlider>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include "mainwindow.h"
#include "recordingchaptermodel.h"
#include "recordingplayer.h"
#include "rundetailpane.h"
#include "runlistmodel.h"
#include "skyvernclient.h"
#include "support/scriptedserver.h"
#include "support/testserver.h"
#include "support/windowdriver.h"
#include "timelinemodel.h"
#include "workflowplatformclient.h"

using namespace Qt::StringLiterals;
using namespace WindowDriver;

class TestRecordingPlayer : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;

    /** The Recording tab's player and its controls, as found on screen. */
    struct Player
    {
        RecordingPlayer *view = nullptr;
        QPushButton *play = nullptr;
        QSlider *slider = nullptr;
        QLabel *position = nullptr;
        QLabel *duration = nullptr;
        QComboBox *speed = nullptr;
        QLabel *message = nullptr;
        QPushButton *open = nullptr;

        explicit Player(MainWindow &window)
            : view(window.findChild<RecordingPlayer *>())
        {
            play = view->findChild<QPushButton *>(u"recordingPlayButton"_s);
            slider = view->findChild<QSlider *>(u"recordingPositionSlider"_s);
            position = view->findChild<QLabel *>(u"recordingPositionLabel"_s);
            duration = view->findChild<QLabel *>(u"recordingDurationLabel"_s);
            speed = view->findChild<QComboBox *>(u"recordingSpeedComboBox"_s);
            message = view->findChild<QLabel *>(u"recordingMessageLabel"_s);
            open = view->findChild<QPushButton *>(u"recordingOpenButton"_s);
        }
        QMediaPlayer *media() const { return view->findChild<QMediaPlayer *>(); }
        /** Loaded and ready to play: the controls are on screen and usable. */
        bool ready() const { return play->isVisible() && play->isEnabled(); }
    };

    /** Opens a completed run's Recording tab and waits until its recording is loaded. */
    static QString openRecordingOfCompletedRun(MainWindow &window, QTableView *table)
    {
        const QString runId = clickRunWith(table, RunStatus::Completed);
        [&] {
            QVERIFY(!runId.isEmpty());
            openTab(window, u"Recording"_s);
            Player player(window);
            QTRY_VERIFY_WITH_TIMEOUT(player.ready(), 20000);
        }();
        return runId;
    }

    /** One completed run whose artifact list is empty, with or without a recording link. */
    static void scriptRunWithoutArtifacts(
        ScriptedServer &server, const QString &runId, const QUrl &recordingUrl)
    {
        const QString created = u"2026-11-29T10:00:00Z"_s;
        const QString modified = u"2026-11-29T10:05:00Z"_s;
        const QJsonObject item {{u"workflow_run_id"_s, runId}, {u"workflow_id"_s, u"w_1"_s},
            {u"workflow_permanent_id"_s, u"wpid_1"_s}, {u"organization_id"_s, u"o_1"_s},
            {u"status"_s, u"completed"_s}, {u"created_at"_s, created},
            {u"modified_at"_s, modified}};
        QJsonObject detail {{u"run_id"_s, runId}, {u"run_type"_s, u"workflow_run"_s},
            {u"status"_s, u"completed"_s}, {u"created_at"_s, created},
            {u"modified_at"_s, modified}};
        if (!recordingUrl.isEmpty())
            detail.insert(u"recording_url"_s, recordingUrl.toString());
        server.setAnswer(
            u"/v1/workflows/runs"_s, {200, QJsonDocument(QJsonArray {item}).toJson(), {}, false});
        server.setAnswer(u"/v1/runs/"_s + runId + u"/artifacts"_s, {200, "[]", {}, false});
        server.setAnswer(u"/v1/runs/"_s + runId, {200, QJsonDocument(detail).toJson(), {}, false});
    }

    /** Whether a widget shows more than black: a frame is painted. */
    static bool shows(QWidget *widget)
    {
        const QImage image = widget->grab().toImage();
        for (int y = 0; y < image.height(); y += 8) {
            for (int x = 0; x < image.width(); x += 8) {
                if (qGray(image.pixel(x, y)) > 40)
                    return true;
            }
        }
        return false;
    }

    static bool mapped(const QByteArray &library)
    {
        QFile maps(u"/proc/self/maps"_s);
        return maps.open(QIODevice::ReadOnly) && maps.readAll().contains(library);
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->isStarted());
    }

    // First of all: once a player was made, the backend stays loaded for the process.
    void nothingOfMultimediaLoadsBeforeTheTabIsOpened()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        QVERIFY(!clickRunWith(table, RunStatus::Completed).isEmpty());
        QTRY_VERIFY(window.findChild<RunDetailPane *>()->isVisible());
        QVERIFY(!window.findChild<RecordingPlayer *>()); // made when first shown
        QVERIFY(!window.findChild<QMediaPlayer *>());
        QVERIFY(!window.findChild<QWidget *>(u"recordingVideoView"_s));
        QVERIFY(!mapped("librunwatch-media.so"));
        QVERIFY(!mapped("mediaplugin.so"));
        QVERIFY(!mapped("libgstreamer-1.0"));

        openTab(window, u"Recording"_s);
        QVERIFY(window.findChild<QMediaPlayer *>());
        QVERIFY(window.findChild<QWidget *>(u"recordingVideoView"_s));
        QVERIFY(mapped("librunwatch-media.so"));
        QVERIFY(mapped("mediaplugin.so"));
    }

    void theRecordingPlaysPausesAndSeeksWithTheKeys()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        openRecordingOfCompletedRun(window, table);
        Player player(window);
        QVERIFY(player.message->isHidden());
        // The demo's recording is 3 s long; the slider spans it and the label says so.
        QVERIFY2(qAbs(player.slider->maximum() - 3000) <= 100,
            qPrintable(QString::number(player.slider->maximum())));
        QCOMPARE(player.duration->text(), u"00:03"_s);
        QCOMPARE(player.position->text(), u"00:00"_s);

        QTest::mouseClick(player.play, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(player.slider->value() >= 1000, 10000);
        QCOMPARE(player.play->text(), u"Pause"_s);

        // The picture shows the recording, not black.
        auto *video = player.view->findChild<QWidget *>(u"recordingVideoView"_s);
        QVERIFY(video->isVisible() && video->height() > 100);
        QTRY_VERIFY(shows(video));

        // Space on the picture pauses: the position stays where it was.
        QTest::mouseClick(video, Qt::LeftButton);
        QTRY_VERIFY(player.view->hasFocus());
        QTest::keyClick(player.view, Qt::Key_Space);
        QTRY_COMPARE(player.play->text(), u"Play"_s);
        const int paused = player.slider->value();
        QVERIFY(paused >= 1000 && paused < 3000);
        QVERIFY(!QTest::qWaitFor([&] { return player.slider->value() > paused + 200; }, 600));
        QVERIFY(player.position->text() != u"00:00"_s);

        // Left goes back 5 s (to the start here), Right forward 5 s (to the end here).
        QTest::keyClick(player.view, Qt::Key_Left);
        QTRY_COMPARE(player.slider->value(), 0);
        QCOMPARE(player.position->text(), u"00:00"_s);
        QTest::keyClick(player.view, Qt::Key_Right);
        QTRY_VERIFY(player.slider->value() >= 2900);
        QCOMPARE(player.position->text(), u"00:03"_s);
        // The keys work with the focus on the play button too.
        player.play->setFocus();
        QTest::keyClick(player.play, Qt::Key_Left);
        QTRY_COMPARE(player.slider->value(), 0);

        // Every control a screen reader reaches in the tab has a name.
        QStringList unnamed;
        for (QWidget *widget : player.view->findChildren<QWidget *>()) {
            if (widget->focusPolicy() == Qt::NoFocus || !widget->isVisible())
                continue;
            QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
            if (!accessible || accessible->text(QAccessible::Name).trimmed().isEmpty())
                unnamed.append(QString::fromLatin1(widget->metaObject()->className()));
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u", "_s)));
    }

    void twiceTheSpeedPlaysTwiceAsFast()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        openRecordingOfCompletedRun(window, table);
        Player player(window);
        QCOMPARE(player.speed->currentText(), u"1×"_s);
        player.speed->setFocus();
        QTest::keyClick(player.speed, Qt::Key_Down);
        QTest::keyClick(player.speed, Qt::Key_Down);
        QCOMPARE(player.speed->currentText(), u"2×"_s);
        QCOMPARE(player.media()->playbackRate(), 2.0);

        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(player.play, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(player.slider->value() >= 2000, 10000);
        // At normal speed two seconds of recording take two seconds at least.
        QVERIFY2(clock.elapsed() < 1900, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(player.media()->playbackRate(), 2.0);
    }

    void aHiddenTabPausesAndAnotherRunStopsPlayback()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        const QString first = openRecordingOfCompletedRun(window, table);
        Player player(window);
        QTest::mouseClick(player.play, Qt::LeftButton);
        QTRY_COMPARE(player.media()->playbackState(), QMediaPlayer::PlayingState);

        openTab(window, u"Overview"_s);
        QTRY_COMPARE(player.media()->playbackState(), QMediaPlayer::PausedState);
        openTab(window, u"Recording"_s);
        QTRY_VERIFY(player.view->isVisible());
        QCOMPARE(player.media()->playbackState(), QMediaPlayer::PausedState);

        QTest::mouseClick(player.play, Qt::LeftButton);
        QTRY_COMPARE(player.media()->playbackState(), QMediaPlayer::PlayingState);
        const QString firstFile = player.media()->source().toLocalFile();
        QVERIFY(QFile::exists(firstFile));
        const QString second = clickRunWith(table, RunStatus::Completed, true);
        QVERIFY(!second.isEmpty() && second != first);
        QTRY_COMPARE(player.view->runId(), second);
        QCOMPARE(player.media()->playbackState(), QMediaPlayer::StoppedState);
        // The other run's recording loads in its place, from the start, not playing.
        QTRY_VERIFY_WITH_TIMEOUT(player.ready(), 20000);
        QCOMPARE(player.slider->value(), 0);
        QCOMPARE(player.play->text(), u"Play"_s);
        // The first run's copy on disk is gone; the second's is another file.
        QVERIFY(!QFile::exists(firstFile));
        QVERIFY(QFile::exists(player.media()->source().toLocalFile()));
        QVERIFY(player.media()->source().toLocalFile() != firstFile);
    }

    void aCutRecordingIsSaidAndCanBeOpenedElsewhere()
    {
        DemoFaultOptions faults;
        faults.brokenEvidence = true;
        TestServer server(3600000, 60, 7, faults);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        const QString runId = openRecordingOfCompletedRun(window, table);
        Player player(window);
        QList<QUrl> opened;
        player.view->setUrlOpener([&opened](const QUrl &url) {
            opened.append(url);
            return true;
        });
        QVERIFY(!player.open->isVisible());

        // It plays what there is, then says the file is incomplete.
        QTest::mouseClick(player.play, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(player.message->isVisible(), 10000);
        QVERIFY2(
            player.message->text().contains(u"incomplete"_s), qPrintable(player.message->text()));
        QVERIFY(player.slider->value() < 2000);
        QVERIFY(player.open->isVisible());
        QTest::mouseClick(player.open, Qt::LeftButton);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().scheme(), u"http"_s);
        QCOMPARE(opened.first().host(), server.server()->baseUrl().host());
        QVERIFY(opened.first().path().contains(runId));

        // The rest of the pane is untouched.
        openTab(window, u"Overview"_s);
        auto *pane = window.findChild<RunDetailPane *>();
        QTRY_VERIFY(pane->isVisible());
        QCOMPARE(pane->runId(), runId);
        QTRY_COMPARE(pane->detail().runId, runId);
    }

    void aRunWithoutARecordingSaysSo()
    {
        ScriptedServer server;
        scriptRunWithoutArtifacts(server, u"wr_bare"_s, {});
        SkyvernClient client(server.url(), u"k"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        QVERIFY(!clickRunWith(table, RunStatus::Completed).isEmpty());
        openTab(window, u"Recording"_s);
        Player player(window);
        QTRY_COMPARE_WITH_TIMEOUT(player.message->text(), u"This run has no recording."_s, 20000);
        QVERIFY(player.message->isVisible());
        QVERIFY(!player.play->isVisible());
        QVERIFY(!player.open->isVisible());
    }

    void withoutARecordingArtifactTheRunsRecordingLinkPlays()
    {
        QFile webm(u":/demo/demo-recording.webm"_s);
        QVERIFY(webm.open(QIODevice::ReadOnly));
        ScriptedServer server;
        scriptRunWithoutArtifacts(server, u"wr_link"_s, server.url(u"/recordings/wr_link.webm"_s));
        server.setAnswer(u"/recordings/wr_link.webm"_s, {200, webm.readAll(), {}, false});
        SkyvernClient client(server.url(), u"secret-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        QVERIFY(!clickRunWith(table, RunStatus::Completed).isEmpty());
        openTab(window, u"Recording"_s);
        Player player(window);
        QTRY_VERIFY_WITH_TIMEOUT(player.ready(), 20000);
        QCOMPARE(player.duration->text(), u"00:03"_s);
        // The link is fetched as a link: the API key stays with the API.
        const QList<QUrl> asked = server.urls();
        QVERIFY(std::any_of(asked.cbegin(), asked.cend(),
            [](const QUrl &url) { return url.path() == u"/recordings/wr_link.webm"_s; }));
        for (const QByteArray &key : server.seen("x-api-key"))
            QCOMPARE(key, "secret-key");
        QCOMPARE(server.seen("x-api-key").size(), server.requestCount() - 1);
    }

    void theStepsFollowTheRecordingAndTheTimelineOpensWhereItWasLeft()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        const QString runId = clickRunWith(table, RunStatus::Failed);
        QVERIFY(!runId.isEmpty());
        openTab(window, u"Recording"_s);
        Player player(window);
        QTRY_VERIFY_WITH_TIMEOUT(player.ready(), 20000);
        auto *steps = player.view->findChild<QListView *>(u"recordingChapterList"_s);
        QTRY_VERIFY_WITH_TIMEOUT(steps->isVisible() && steps->model()->rowCount() > 2, 20000);
        QAbstractItemModelTester tester(
            steps->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);

        // One step per action of the run's timeline, as the server tells it, in order through
        // the 3 s recording and ending in the action that failed.
        std::optional<RunTimeline> timeline;
        QObject context;
        client.getTimeline(runId, &context,
            [&timeline](const ApiResult<RunTimeline> &result) { timeline = result.value; });
        QTRY_VERIFY(timeline.has_value());
        const QAbstractItemModel *model = steps->model();
        const int rows = model->rowCount();
        QCOMPARE(rows, timeline->actionCount());
        qint64 previous = -1;
        for (int row = 0; row < rows; ++row) {
            const qint64 offset
                = model->index(row, 0).data(RecordingChapterModel::OffsetRole).toLongLong();
            QVERIFY2(offset >= previous && offset <= player.slider->maximum(),
                qPrintable(QString::number(offset)));
            previous = offset;
        }
        const QModelIndex last = model->index(rows - 1, 0);
        QVERIFY(last.data(RecordingChapterModel::FailedRole).toBool());
        const TimelineAction *failed = timeline->actionAt(timeline->failurePosition());
        QCOMPARE(last.data(RecordingChapterModel::ActionIdRole).toString(), failed->actionId);
        QVERIFY(last.data().toString().contains(TimelineModel::actionText(*failed)));

        // A click on a step plays from there.
        steps->scrollTo(last);
        QTest::mouseClick(steps->viewport(), Qt::LeftButton, {}, steps->visualRect(last).center());
        const qint64 lastOffset = last.data(RecordingChapterModel::OffsetRole).toLongLong();
        QTRY_VERIFY(qAbs(player.slider->value() - lastOffset) <= 150);
        QCOMPARE(steps->currentIndex().row(), rows - 1);

        // Played from the start, the selected step moves on with the picture.
        const QModelIndex first = model->index(0, 0);
        steps->scrollTo(first);
        QTest::mouseClick(steps->viewport(), Qt::LeftButton, {}, steps->visualRect(first).center());
        QTRY_VERIFY(player.slider->value() <= 150);
        QCOMPARE(steps->currentIndex().row(), 0);
        QTRY_COMPARE(player.play->text(), u"Pause"_s); // the click plays from there
        QTRY_VERIFY_WITH_TIMEOUT(steps->currentIndex().row() >= 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            player.media()->playbackState(), QMediaPlayer::StoppedState, 10000);
        QCOMPARE(steps->currentIndex().row(), rows - 1);

        // The timeline opens on the step the recording was left at, not on the failure.
        const QModelIndex second = model->index(1, 0);
        steps->scrollTo(second);
        QTest::mouseClick(
            steps->viewport(), Qt::LeftButton, {}, steps->visualRect(second).center());
        const QString leftAt = second.data(RecordingChapterModel::ActionIdRole).toString();
        QVERIFY(leftAt != failed->actionId);
        openTab(window, u"Timeline"_s);
        auto *tree = window.findChild<QTreeView *>(u"timelineTreeView"_s);
        auto *timelineModel = qobject_cast<TimelineModel *>(tree->model());
        QTRY_VERIFY_WITH_TIMEOUT(timelineModel->actionAt(tree->currentIndex()), 20000);
        QCOMPARE(timelineModel->actionAt(tree->currentIndex())->actionId, leftAt);

        // Moving on in the tree is not undone by coming back to it.
        QTest::keyClick(tree, Qt::Key_End);
        const QModelIndex chosen = tree->currentIndex();
        openTab(window, u"Recording"_s);
        openTab(window, u"Timeline"_s);
        QCOMPARE(tree->currentIndex(), chosen);
        window.setSource(nullptr);
    }

    void theWorkflowPlatformHasNoRecordingTab()
    {
        WorkflowPlatformClient platform(m_server->server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        MainWindow window;
        showOn(window, &platform);
        auto *tabs = window.findChild<QTabWidget *>(u"detailTabWidget"_s);
        const int recording = tabIndex(window, u"Recording"_s);
        QVERIFY(recording >= 0);
        QVERIFY(!tabs->isTabVisible(recording));
        SkyvernClient skyvern(m_server->server()->baseUrl(), u"test-key"_s);
        window.setSource(&skyvern);
        QVERIFY(tabs->isTabVisible(recording));
        window.setSource(nullptr);
    }
};

QTEST_MAIN(TestRecordingPlayer)
#include "tst_recordingplayer.moc"
