// The Screenshots tab, driven like a person would against the demo server: every screenshot of
// a run in a strip, in the order they were taken, thumbnails for what is on screen; the keys
// step through them and the viewer follows; 100 %, zoom and drag; Save… writes the image the
// server sent. A run of two thousand actions decodes only what is on screen, and a screenshot
// that is not an image says so while the others still show.

#include <algorithm>

#include <QAbstractItemModelTester>
#include <QAccessible>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QWheelEvent>

#include "artifactfetcher.h"
#include "demotimeline.h"
#include "mainwindow.h"
#include "runlistmodel.h"
#include "screenshotfilmstrip.h"
#include "screenshotstripmodel.h"
#include "screenshotviewer.h"
#include "skyvernclient.h"
#include "support/testhttp.h"
#include "support/testserver.h"
#include "support/windowdriver.h"
#include "theme.h"
#include "thumbnailservice.h"
#include "workflowplatformclient.h"

using namespace Qt::StringLiterals;
using namespace WindowDriver;

namespace {

const QStringList kScreenshotTypes {
    u"screenshot_action"_s, u"screenshot_final"_s, u"screenshot_llm"_s};

DemoFaultOptions evidence(bool huge, bool broken)
{
    DemoFaultOptions faults;
    faults.hugeEvidence = huge;
    faults.brokenEvidence = broken;
    return faults;
}

bool hasThumbnail(const QModelIndex &index)
{
    return !index.data(Qt::DecorationRole).value<QPixmap>().isNull();
}

} // namespace

class TestScreenshotFilmstrip : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;

    /** The screenshots the server lists for a run, as it sends them. */
    QList<Artifact> screenshotsOf(RunSource &source, const QString &runId)
    {
        std::optional<ApiResult<RunArtifacts>> answer;
        source.listArtifacts(runId, kScreenshotTypes, this,
            [&answer](const ApiResult<RunArtifacts> &result) { answer = result; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 20000); }();
        [&] {
            QVERIFY2(answer && answer->ok(), answer ? qPrintable(answer->error.message) : "");
        }();
        return answer ? answer->value.artifacts : QList<Artifact>();
    }

    static QList<int> visibleRows(QListView *strip)
    {
        QList<int> rows;
        for (int row = 0; row < strip->model()->rowCount(); ++row) {
            if (strip->viewport()->rect().intersects(
                    strip->visualRect(strip->model()->index(row, 0))))
                rows.append(row);
        }
        return rows;
    }

    static QModelIndex current(QListView *strip) { return strip->currentIndex(); }

    /** A failed run clicked in `window`, its Screenshots tab opened and the large one shown. */
    static ScreenshotFilmstrip *openFailedRunsScreenshots(MainWindow &window, RunSource *source)
    {
        QTableView *table = showOn(window, source);
        [&] { QVERIFY(!clickRunWith(table, RunStatus::Failed).isEmpty()); }();
        openTab(window, u"Screenshots"_s);
        auto *filmstrip = window.findChild<ScreenshotFilmstrip *>();
        [&] {
            QVERIFY(filmstrip);
            QTRY_VERIFY_WITH_TIMEOUT(filmstrip->findChild<ScreenshotViewer *>()->hasImage(), 20000);
        }();
        return filmstrip;
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(3600000, 300);
        QVERIFY(m_server->isStarted());
    }

    void theModelOrdersScreenshotsGrowsInPlaceAndFetchesOnlyWhatIsAsked()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        RunQuery query;
        query.filter.statuses = {RunStatus::Completed};
        std::optional<RunPage> page;
        client.listRuns(
            query, this, [&page](const ApiResult<RunPage> &result) { page = result.value; });
        QTRY_VERIFY_WITH_TIMEOUT(page && page->runs.size() >= 2, 20000);
        const QString runId = page->runs.at(0).workflowRunId;
        QList<Artifact> listed = screenshotsOf(client, runId);
        QVERIFY(listed.size() >= 8);

        // The real bytes over loopback HTTP, counted as they are fetched at once.
        ArtifactFetcher fetcher;
        int fetching = 0;
        int mostAtOnce = 0;
        ThumbnailService thumbnails;
        thumbnails.setFetch(
            [&](const Artifact &artifact, QObject *context, ThumbnailService::Delivered done) {
                mostAtOnce = qMax(mostAtOnce, ++fetching);
                fetcher.fetch(artifact.directUrl(), context,
                    [&fetching, done](const QByteArray &data, const QString &error) {
                        --fetching;
                        done(data, error);
                    });
                return std::function<void()>();
            });
        ScreenshotStripModel model(&thumbnails);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::Fatal);

        // The server's order does not matter: oldest first, the final one last.
        QList<Artifact> shuffled = listed;
        std::reverse(shuffled.begin(), shuffled.end());
        model.setScreenshots(runId, shuffled);
        QCOMPARE(model.rowCount(), listed.size());
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(model.artifactAt(row - 1)->createdAt <= model.artifactAt(row)->createdAt);
        QCOMPARE(model.artifactAt(model.rowCount() - 1)->artifactType, u"screenshot_final"_s);
        QCOMPARE(model.index(0).data(ScreenshotStripModel::StepNumberRole).toInt(), 1);
        QVERIFY2(model.index(0).data().toString().startsWith(u"Step 1 · "_s),
            qPrintable(model.index(0).data().toString()));
        QVERIFY(model.index(model.rowCount() - 1).data().toString().startsWith(u"Final · "_s));
        QVERIFY(!hasThumbnail(model.index(0))); // nothing fetched before a view asks

        // Three on screen: those, and a margin after them, not the rest.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setVisibleRows(0, 2);
        for (int row = 0; row < 3; ++row)
            QTRY_VERIFY_WITH_TIMEOUT(hasThumbnail(model.index(row)), 20000);
        QTRY_COMPARE(thumbnails.inFlightCount() + thumbnails.queuedCount(), 0);
        QCOMPARE(thumbnails.decodeCount(), 3 + ScreenshotStripModel::kMargin);
        QVERIFY(changed.size() >= 3);
        QVERIFY(mostAtOnce <= ThumbnailService::kMaxConcurrent);
        QVERIFY(!hasThumbnail(model.index(model.rowCount() - 1)));

        // A running run that took more: the rows it had stay, the new ones are added.
        model.setScreenshots(runId, listed.mid(0, listed.size() - 3));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setScreenshots(runId, listed);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.rowCount(), listed.size());

        // Memory stays bounded however many are seen: a cache of two thumbnails holds two.
        thumbnails.setCacheBytes(
            2 * ScreenshotFilmstrip::kThumbnailWidth * ScreenshotFilmstrip::kThumbnailHeight * 4);
        model.setVisibleRows(0, model.rowCount() - 1);
        QTRY_COMPARE_WITH_TIMEOUT(thumbnails.inFlightCount() + thumbnails.queuedCount(), 0, 30000);
        int held = 0;
        for (int row = 0; row < model.rowCount(); ++row)
            held += hasThumbnail(model.index(row)) ? 1 : 0;
        QVERIFY2(held <= 2, qPrintable(QString::number(held)));
        QVERIFY(mostAtOnce <= ThumbnailService::kMaxConcurrent);

        // Another run replaces the rows.
        const QString other = page->runs.at(1).workflowRunId;
        model.setScreenshots(other, screenshotsOf(client, other));
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.runId(), other);
    }

    void aFailedRunsScreenshotsAreListedInOrderWithThumbnailsOnScreen()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        const QString runId = clickRunWith(table, RunStatus::Failed);
        QVERIFY(!runId.isEmpty());
        // Nothing made, nothing asked, before the tab is opened.
        QVERIFY(!window.findChild<ScreenshotFilmstrip *>());
        openTab(window, u"Screenshots"_s);
        auto *filmstrip = window.findChild<ScreenshotFilmstrip *>();
        QVERIFY(filmstrip && filmstrip->isVisible());
        QAbstractItemModelTester tester(
            filmstrip->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        auto *strip = filmstrip->findChild<QListView *>(u"filmstripListView"_s);

        const QList<Artifact> listed = screenshotsOf(client, runId);
        QVERIFY(listed.size() > 3);
        QTRY_COMPARE_WITH_TIMEOUT(strip->model()->rowCount(), int(listed.size()), 20000);
        QSet<QString> ids;
        for (const Artifact &artifact : listed)
            ids.insert(artifact.artifactId);
        for (int row = 0; row < strip->model()->rowCount(); ++row) {
            const auto artifact = strip->model()
                                      ->index(row, 0)
                                      .data(ScreenshotStripModel::ArtifactRole)
                                      .value<Artifact>();
            QVERIFY(ids.remove(artifact.artifactId));
            if (row > 0)
                QVERIFY(filmstrip->model()->artifactAt(row - 1)->createdAt <= artifact.createdAt);
        }
        QVERIFY(ids.isEmpty());
        // It opens on where the run ended, the page as the failure left it.
        QTRY_COMPARE(current(strip).row(), strip->model()->rowCount() - 1);
        QCOMPARE(filmstrip->model()->artifactAt(current(strip).row())->artifactType,
            u"screenshot_final"_s);

        // Every thumbnail on screen arrives.
        const QList<int> shown = visibleRows(strip);
        QVERIFY(shown.size() >= 2);
        for (int row : shown)
            QTRY_VERIFY_WITH_TIMEOUT(hasThumbnail(strip->model()->index(row, 0)), 20000);
        auto *viewer = filmstrip->findChild<ScreenshotViewer *>();
        QTRY_VERIFY_WITH_TIMEOUT(viewer->hasImage(), 20000);
        QVERIFY(viewer->isFitting());
        QVERIFY(viewer->viewport()->rect().contains(viewer->imageRect()));
    }

    void theKeysStepThroughAndTheViewerZoomsAndPans()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        const QString runId = clickRunWith(table, RunStatus::Failed);
        openTab(window, u"Screenshots"_s);
        auto *filmstrip = window.findChild<ScreenshotFilmstrip *>();
        auto *strip = filmstrip->findChild<QListView *>(u"filmstripListView"_s);
        auto *viewer = filmstrip->findChild<ScreenshotViewer *>();
        QTRY_VERIFY_WITH_TIMEOUT(strip->model()->rowCount() > 3, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(viewer->hasImage(), 20000);

        // Home goes to the first; Right to the next, and the viewer shows another image.
        strip->setFocus();
        QTest::keyClick(strip, Qt::Key_Home);
        QCOMPARE(current(strip).row(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(viewer->hasImage(), 20000);
        const QImage first = viewer->viewport()->grab().toImage();
        QTest::keyClick(strip, Qt::Key_Right);
        QCOMPARE(current(strip).row(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(viewer->hasImage(), 20000);
        QVERIFY(viewer->viewport()->grab().toImage() != first);
        auto *position = filmstrip->findChild<QLabel *>(u"filmstripPositionLabel"_s);
        QVERIFY2(position->text().startsWith(u"2 of "_s), qPrintable(position->text()));
        // The keys work from the viewer too; End goes to the last.
        viewer->setFocus();
        QTest::keyClick(viewer, Qt::Key_Right);
        QCOMPARE(current(strip).row(), 2);
        QTest::keyClick(viewer, Qt::Key_Left);
        QCOMPARE(current(strip).row(), 1);
        QTest::keyClick(viewer, Qt::Key_End);
        QCOMPARE(current(strip).row(), strip->model()->rowCount() - 1);
        QTest::keyClick(viewer, Qt::Key_Home);
        QCOMPARE(current(strip).row(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(viewer->hasImage(), 20000);

        // 100 %: the screenshot at its own size, its pixels one for one on screen.
        const QImage image = QImage::fromData(
            httpRequest("GET", filmstrip->model()->artifactAt(0)->directUrl(), {}).body);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > viewer->viewport()->width()); // so there is something to pan
        QTest::mouseClick(
            filmstrip->findChild<QToolButton *>(u"actualSizeToolButton"_s), Qt::LeftButton);
        QCOMPARE(viewer->zoom(), 1.0);
        QVERIFY(!viewer->isFitting());
        QCOMPARE(viewer->imageRect().size(), image.size());
        QCOMPARE(filmstrip->findChild<QLabel *>(u"zoomLabel"_s)->text(), u"100 %"_s);
        const QImage onScreen = viewer->viewport()->grab().toImage();
        const QPoint offset = -viewer->imageRect().topLeft();
        for (const QPoint &at : {QPoint(5, 5), QPoint(100, 60), QPoint(200, 150)})
            QCOMPARE(onScreen.pixelColor(at), image.pixelColor(at + offset));

        // Dragging moves the image with the hand.
        QScrollBar *across = viewer->horizontalScrollBar();
        across->setValue(across->maximum() / 2);
        const int before = across->value();
        const QPoint from = viewer->viewport()->rect().center();
        QTest::mousePress(viewer->viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(viewer->viewport(), from + QPoint(-60, 0));
        QTest::mouseRelease(viewer->viewport(), Qt::LeftButton, {}, from + QPoint(-60, 0));
        QCOMPARE(across->value(), before + 60);

        // Ctrl and the wheel zoom in; Ctrl+minus out; Fit brings it back into the space.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        viewer->setFocus();
        QPointF at = viewer->viewport()->rect().center();
        QWheelEvent wheel(at, viewer->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120),
            Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(viewer->viewport(), &wheel);
        QCOMPARE(viewer->zoom(), ScreenshotViewer::kZoomStep);
        QVERIFY(viewer->imageRect().width() > image.width());
        QTest::keyClick(viewer, Qt::Key_Minus, Qt::ControlModifier);
        QTest::keyClick(viewer, Qt::Key_Minus, Qt::ControlModifier);
        QVERIFY(viewer->zoom() < 1.0);
        QTest::keyClick(viewer, Qt::Key_Plus, Qt::ControlModifier);
        QCOMPARE(viewer->zoom(), 1.0);
        QTest::mouseClick(filmstrip->findChild<QToolButton *>(u"fitToolButton"_s), Qt::LeftButton);
        QVERIFY(viewer->isFitting());
        QVERIFY(viewer->viewport()->rect().contains(viewer->imageRect()));
        QVERIFY(viewer->zoom() < 1.0);
        Q_UNUSED(runId);
    }

    void saveWritesTheScreenshotAsTheServerSentIt()
    {
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        const QString runId = clickRunWith(table, RunStatus::Failed);
        openTab(window, u"Screenshots"_s);
        auto *filmstrip = window.findChild<ScreenshotFilmstrip *>();
        auto *strip = filmstrip->findChild<QListView *>(u"filmstripListView"_s);
        auto *viewer = filmstrip->findChild<ScreenshotViewer *>();
        auto *save = filmstrip->findChild<QPushButton *>(u"saveScreenshotButton"_s);
        QTRY_VERIFY_WITH_TIMEOUT(strip->model()->rowCount() > 3, 20000);
        strip->setFocus();
        QTest::keyClick(strip, Qt::Key_Home);
        QTest::keyClick(strip, Qt::Key_Right);
        QTRY_VERIFY_WITH_TIMEOUT(viewer->hasImage() && save->isEnabled(), 20000);

        const QByteArray sent
            = httpRequest("GET", filmstrip->model()->artifactAt(1)->directUrl(), {}).body;
        const auto isTheSentPng = [&sent](const QString &path) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return false;
            const QByteArray written = file.readAll();
            QImage image;
            return written == sent && image.loadFromData(written, "PNG") && !image.isNull();
        };

        // Saved to a path: the bytes as the server sent them, a PNG.
        QTemporaryDir dir;
        QSignalSpy saved(filmstrip, &ScreenshotFilmstrip::screenshotSaved);
        filmstrip->saveTo(dir.filePath(u"first.png"_s));
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 20000);
        QVERIFY(isTheSentPng(dir.filePath(u"first.png"_s)));

        // Save… opens where the last one went and proposes the run's id and the step; a
        // name typed there and Enter save it.
        QTest::mouseClick(save, Qt::LeftButton);
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<QFileDialog *>(u"saveScreenshotDialog"_s)));
        QCOMPARE(QDir(dialog->directory()).canonicalPath(), QDir(dir.path()).canonicalPath());
        auto *name = dialog->findChild<QLineEdit *>(u"fileNameEdit"_s);
        QVERIFY(name);
        QCOMPARE(name->text(), runId + u"-step-1-2.png"_s);
        name->selectAll();
        QTest::keyClicks(name, u"evidence.png"_s);
        QTest::keyClick(name, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 2, 20000);
        const QString path = saved.last().first().toString();
        QCOMPARE(QFileInfo(path).fileName(), u"evidence.png"_s);
        QVERIFY(isTheSentPng(path));
        QVERIFY(filmstrip->findChild<QLabel *>(u"filmstripMessageLabel"_s)
                    ->text()
                    .contains(u"evidence.png"_s));

        // A folder that cannot be written says so and leaves nothing behind.
        QSignalSpy failed(filmstrip, &ScreenshotFilmstrip::saveFailed);
        filmstrip->saveTo(dir.filePath(u"missing/evidence.png"_s));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
        QVERIFY(!QFile::exists(dir.filePath(u"missing/evidence.png"_s)));
    }

    void twoThousandActionsDecodeOnlyWhatIsOnScreen()
    {
        TestServer server(3600000, 60, 7, evidence(true, false));
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        const QString runId = clickRunWith(table, RunStatus::Completed);
        QVERIFY(!runId.isEmpty());
        openTab(window, u"Screenshots"_s);
        auto *filmstrip = window.findChild<ScreenshotFilmstrip *>();
        auto *strip = filmstrip->findChild<QListView *>(u"filmstripListView"_s);
        ThumbnailService *thumbnails = filmstrip->thumbnails();

        const QList<Artifact> listed = screenshotsOf(client, runId);
        QVERIFY(listed.size() > DemoTimeline::kHugeActions);
        QTRY_COMPARE_WITH_TIMEOUT(strip->model()->rowCount(), int(listed.size()), 30000);
        QList<int> shown = visibleRows(strip);
        for (int row : std::as_const(shown))
            QTRY_VERIFY_WITH_TIMEOUT(hasThumbnail(strip->model()->index(row, 0)), 20000);
        QTRY_COMPARE(thumbnails->inFlightCount() + thumbnails->queuedCount(), 0);
        const int bound = int(shown.size()) + 2 * ScreenshotStripModel::kMargin;
        QVERIFY2(thumbnails->decodeCount() <= bound,
            qPrintable(
                u"%1 decoded for %2 on screen"_s.arg(thumbnails->decodeCount()).arg(shown.size())));

        // Half way along, the same again: what is on screen then, not what was scrolled past.
        const int before = thumbnails->decodeCount();
        strip->horizontalScrollBar()->setValue(strip->horizontalScrollBar()->maximum() / 2);
        shown = visibleRows(strip);
        QVERIFY(shown.first() > 500);
        for (int row : std::as_const(shown))
            QTRY_VERIFY_WITH_TIMEOUT(hasThumbnail(strip->model()->index(row, 0)), 20000);
        QTRY_COMPARE(thumbnails->inFlightCount() + thumbnails->queuedCount(), 0);
        QVERIFY2(thumbnails->decodeCount() - before <= bound,
            qPrintable(QString::number(thumbnails->decodeCount() - before)));
    }

    void aScreenshotThatIsNoImageSaysSoAndTheOthersShow()
    {
        TestServer server(3600000, 60, 7, evidence(false, true));
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        QTableView *table = showOn(window, &client);
        const QString runId = clickRunWith(table, RunStatus::Failed);
        openTab(window, u"Screenshots"_s);
        auto *filmstrip = window.findChild<ScreenshotFilmstrip *>();
        auto *strip = filmstrip->findChild<QListView *>(u"filmstripListView"_s);
        auto *viewer = filmstrip->findChild<ScreenshotViewer *>();
        QTRY_VERIFY_WITH_TIMEOUT(strip->model()->rowCount() > 3, 20000);

        // The first action's screenshot is the broken one; Home brings it on screen.
        strip->setFocus();
        QTest::keyClick(strip, Qt::Key_Home);
        const int broken = filmstrip->model()->rowOf(DemoTimeline::artifactId(runId, u"s1a1"_s));
        QVERIFY(broken >= 0);
        const QModelIndex index = strip->model()->index(broken, 0);
        QTRY_COMPARE_WITH_TIMEOUT(index.data(ScreenshotStripModel::ThumbnailStateRole).toInt(),
            int(ScreenshotStripModel::ThumbnailNotAnImage), 20000);
        QVERIFY(!hasThumbnail(index));
        QVERIFY(index.data(Qt::ToolTipRole).toString().contains(u"not an image"_s));
        for (int row : visibleRows(strip)) {
            if (row != broken)
                QTRY_VERIFY_WITH_TIMEOUT(hasThumbnail(strip->model()->index(row, 0)), 20000);
        }

        // Selected, the viewer says it in place of the image, and there is nothing to save.
        QTest::mouseClick(strip->viewport(), Qt::LeftButton, {}, strip->visualRect(index).center());
        QCOMPARE(current(strip).row(), broken);
        QTRY_VERIFY_WITH_TIMEOUT(viewer->message().contains(u"not an image"_s), 20000);
        QVERIFY(!viewer->hasImage());
        auto *save = filmstrip->findChild<QPushButton *>(u"saveScreenshotButton"_s);
        QVERIFY(!save->isEnabled());
        QTest::keyClick(strip, Qt::Key_Right);
        QTRY_VERIFY_WITH_TIMEOUT(viewer->hasImage() && save->isEnabled(), 20000);
    }

    void everyControlOfTheTabHasAName()
    {
        // What a screen reader says when focus lands on a control of the tab: never nothing.
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        ScreenshotFilmstrip *filmstrip = openFailedRunsScreenshots(window, &client);
        QVERIFY(filmstrip && !QTest::currentTestFailed());
        QStringList unnamed;
        const QList<QWidget *> widgets = filmstrip->findChildren<QWidget *>();
        for (QWidget *widget : widgets) {
            if (widget->focusPolicy() == Qt::NoFocus || !widget->isVisibleTo(&window)
                || widget->objectName().startsWith(u"qt_"_s)
                || qobject_cast<QAbstractScrollArea *>(widget->parentWidget()))
                continue;
            QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
            if (!accessible || accessible->text(QAccessible::Name).trimmed().isEmpty())
                unnamed.append(QString::fromLatin1(widget->metaObject()->className()) + u' '
                    + widget->objectName());
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u", "_s)));
    }

    void aPressedZoomToggleLooksPressedInEveryTheme()
    {
        // Fit is pressed when the tab opens, 100 % is not: in the light and the dark palette
        // the pressed one has a panel drawn around its text, the other none.
        SkyvernClient client(m_server->server()->baseUrl(), u"test-key"_s);
        MainWindow window;
        ScreenshotFilmstrip *filmstrip = openFailedRunsScreenshots(window, &client);
        QVERIFY(filmstrip && !QTest::currentTestFailed());
        auto *fit = filmstrip->findChild<QToolButton *>(u"fitToolButton"_s);
        auto *actual = filmstrip->findChild<QToolButton *>(u"actualSizeToolButton"_s);
        QVERIFY(fit->isChecked() && !actual->isChecked());
        // Columns of the button whose top or bottom edge differs from the ground it stands on.
        const auto edgePixels = [](QToolButton *button) {
            const QImage image = button->grab().toImage();
            const QColor ground = button->palette().color(QPalette::Window);
            const qreal ratio = image.devicePixelRatio();
            int differing = 0;
            const int w = image.width();
            const int h = image.height();
            const int band = int(3 * ratio); // the outer rows, where no text is
            for (int x = 0; x < w; ++x) {
                bool differs = false;
                for (int y = 0; y < band; ++y) {
                    for (int row : {y, h - 1 - y})
                        differs
                            |= qAbs(image.pixelColor(x, row).lightness() - ground.lightness()) > 12;
                }
                differing += differs ? 1 : 0;
            }
            return differing;
        };
        for (Theme theme : {Theme::Light, Theme::Dark}) {
            applyTheme(theme);
            QTest::qWait(20);
            const int pressed = edgePixels(fit);
            const int released = edgePixels(actual);
            QVERIFY2(pressed > fit->width() / 2 && released == 0,
                qPrintable(u"%1: pressed %2, not pressed %3"_s.arg(themeToName(theme))
                               .arg(pressed)
                               .arg(released)));
        }
        applyTheme(Theme::System);
    }

    void theWorkflowPlatformHasNoScreenshotsTab()
    {
        WorkflowPlatformClient platform(m_server->server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        MainWindow window;
        showOn(window, &platform);
        auto *tabs = window.findChild<QTabWidget *>(u"detailTabWidget"_s);
        const int screenshots = tabIndex(window, u"Screenshots"_s);
        QVERIFY(screenshots >= 0);
        QVERIFY(!tabs->isTabVisible(screenshots));
        SkyvernClient skyvern(m_server->server()->baseUrl(), u"test-key"_s);
        window.setSource(&skyvern);
        QVERIFY(tabs->isTabVisible(screenshots));
        window.setSource(nullptr);
    }
};

QTEST_MAIN(TestScreenshotFilmstrip)
#include "tst_screenshotfilmstrip.moc"
