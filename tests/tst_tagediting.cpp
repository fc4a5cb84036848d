// Setting and taking off tags, against real demo servers on loopback: the client's apply call
// and its checks before sending, the demo's TagApplyRequest semantics (one label per group,
// set wins, 422s), colours from the server's palette, a Tag job through injected faults, the
// dialog's ticks, and the detail pane, bulk bar and row menu driven by mouse and keyboard on
// Skyvern, the workflow platform (no tags: nothing offered) and a merged list of both.

#include <QAbstractItemView>
#include <QApplication>
#include <QCompleter>
#include <QDialog>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QTableView>
#include <QTest>

#include "bulkjob.h"
#include "demoplatformserver.h"
#include "mainwindow.h"
#include "mergedrunsource.h"
#include "rundetailpane.h"
#include "runlistmodel.h"
#include "skyvernclient.h"
#include "support/testhttp.h"
#include "support/testserver.h"
#include "tagchips.h"
#include "tagchipsview.h"
#include "tageditdialog.h"
#include "tagpalette.h"
#include "translations.h"
#include "workflowplatformclient.h"

using namespace Qt::StringLiterals;

namespace {
template<typename T>
std::optional<ApiResult<T>> waitFor(std::optional<ApiResult<T>> &answer)
{
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 20000))
        return std::nullopt;
    return answer;
}
} // namespace

class TestTagEditing : public QObject
{
    Q_OBJECT

    static QList<WorkflowRun> firstPage(RunSource &source, int pageSize = 50)
    {
        RunQuery query;
        query.pageSize = pageSize;
        std::optional<ApiResult<RunPage>> page;
        QObject context;
        source.listRuns(
            query, &context, [&page](const ApiResult<RunPage> &value) { page = value; });
        const auto answer = waitFor(page);
        return answer && answer->ok() ? answer->value.runs : QList<WorkflowRun>();
    }

    /** The tags the server holds for a run now, read back with the batch endpoint. */
    static QStringList serverTags(RunSource &source, const QString &runId)
    {
        std::optional<ApiResult<RunTags>> read;
        QObject context;
        source.getRunTags(
            {runId}, &context, [&read](const ApiResult<RunTags> &value) { read = value; });
        const auto answer = waitFor(read);
        QStringList texts;
        if (answer && answer->ok()) {
            for (const RunTag &tag : answer->value.byRun.value(runId))
                texts.append(tag.text());
        }
        texts.sort();
        return texts;
    }

    static ApiResult<QList<RunTag>> apply(
        RunSource &source, const QString &runId, const RunTagChange &change)
    {
        std::optional<ApiResult<QList<RunTag>>> result;
        QObject context;
        source.applyRunTags(runId, change, &context,
            [&result](const ApiResult<QList<RunTag>> &value) { result = value; });
        const auto answer = waitFor(result);
        return answer ? *answer : ApiResult<QList<RunTag>>();
    }

    static QPoint rowCentre(QTableView *table, int sourceRow)
    {
        auto *proxy = table->model();
        for (int row = 0; row < proxy->rowCount(); ++row) {
            if (proxy->index(row, 0).data(RunListModel::RunIdRole)
                == table->window()->findChild<RunListModel *>()->runAt(sourceRow)->workflowRunId)
                return table->visualRect(proxy->index(row, RunListModel::WorkflowColumn)).center();
        }
        return {};
    }

private slots:
    void initTestCase() { Translations::install(qApp, QLocale(QLocale::English)); }

    void aChangeSendsOnlyWhatARunStillNeeds()
    {
        const RunTagChange change {{{u"env"_s, u"staging"_s}, {{}, u"triage"_s}},
            {{u"customer"_s, u"acme"_s}, {{}, u"smoke"_s}}};
        // A run with env:prod, customer:globex and smoke: staging replaces prod, triage is
        // added, smoke goes, and customer is left alone (the run's label is globex, not acme:
        // taking off the group would take globex with it).
        const RunTagChange needed = change.neededFor(
            {{u"env"_s, u"prod"_s}, {u"customer"_s, u"globex"_s}, {{}, u"smoke"_s}});
        QCOMPARE(needed.set, change.set);
        QCOMPARE(needed.remove, (QList<RunTag> {{{}, u"smoke"_s}}));
        // Already so: nothing to send.
        QVERIFY(change.neededFor({{u"env"_s, u"staging"_s}, {{}, u"triage"_s}}).isEmpty());
        QCOMPARE(change.text(), u"+env:staging +triage \u2212customer:acme \u2212smoke"_s);
        const QJsonObject json = change.toJson();
        QCOMPARE(json.value("tags"_L1).toArray().at(1).toObject().value("key"_L1), QJsonValue());
        QCOMPARE(json.value("tags_to_delete"_L1).toArray().at(0).toObject(),
            (QJsonObject {{u"key"_s, u"customer"_s}})); // a group's tag goes by its group
        QCOMPARE(json.value("tags_to_delete"_L1).toArray().at(1).toObject(),
            (QJsonObject {{u"value"_s, u"smoke"_s}})); // a label by itself
    }

    void badTagsAreRefusedBeforeAnythingIsSent_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << u"  "_s << u"empty"_s;
        QTest::newRow("too long") << QString(101, u'x') << u"longer than 100"_s;
        QTest::newRow("group only") << u"env:"_s << u"not a label"_s;
        QTest::newRow("two colons") << u"a:b:c"_s << u"not a label"_s;
        QTest::newRow("a filter") << u"env:*"_s << u"is a filter"_s;
        QTest::newRow("a comma") << u"a,b"_s << u"commas"_s;
        QTest::newRow("the server's own") << u"skyvern.source:ui"_s << u"kept by the server"_s;
    }

    void badTagsAreRefusedBeforeAnythingIsSent()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        const QString problem = RunTag::editError(text);
        QVERIFY2(problem.contains(says), qPrintable(problem));
        TestServer server(3600000, 50);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), server.server()->apiKey());
        const int before = client.requestsIssued();
        const ApiResult<QList<RunTag>> result
            = apply(client, u"wr_1"_s, {{RunTag::fromText(text)}, {}});
        QCOMPARE(result.error.kind, ApiError::Kind::BadInput);
        QCOMPARE(result.error.message, problem);
        QCOMPARE(client.requestsIssued(), before);
    }

    void theServerKeepsOneLabelPerGroupAndTheListAndFilterFollow()
    {
        TestServer server(3600000, 300);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), server.server()->apiKey());
        const QList<WorkflowRun> runs = firstPage(client);
        QVERIFY(!runs.isEmpty());
        const QString runId = runs.first().workflowRunId;
        // Set a group's label, a standalone label, and take off whatever customer it had.
        ApiResult<QList<RunTag>> result
            = apply(client, runId, {{{u"env"_s, u"staging"_s}, {{}, u"triage"_s}}, {}});
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QVERIFY(result.value.contains(RunTag {u"env"_s, u"staging"_s}));
        QVERIFY(!result.value.contains(RunTag {u"env"_s, u"prod"_s})); // replaced, not added
        QCOMPARE(serverTags(client, runId).count(u"triage"_s), 1);
        QVERIFY(serverTags(client, runId).contains(u"env:staging"_s));
        // The same change again: the same tags (it may be resent after a lost answer).
        const ApiResult<QList<RunTag>> again
            = apply(client, runId, {{{u"env"_s, u"staging"_s}, {{}, u"triage"_s}}, {}});
        QCOMPARE(again.value, result.value);
        // Taking off: the label by itself, the group's tag by its group.
        result = apply(client, runId, {{}, {{{}, u"triage"_s}, {u"env"_s, u"staging"_s}}});
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        const QStringList left = serverTags(client, runId);
        QVERIFY(!left.contains(u"triage"_s));
        QVERIFY(std::none_of(left.cbegin(), left.cend(),
            [](const QString &tag) { return tag.startsWith("env:"_L1); }));
        // The tag filter of every run type sees the edit.
        apply(client, runId, {{{{}, u"needs-review"_s}}, {}});
        RunQuery tagged;
        tagged.filter.tags = {u"needs-review"_s};
        std::optional<ApiResult<RunPage>> page;
        client.listRuns(tagged, this, [&page](const ApiResult<RunPage> &value) { page = value; });
        QTRY_VERIFY(page.has_value());
        QVERIFY(page->ok());
        QCOMPARE(page->value.runs.size(), 1);
        QCOMPARE(page->value.runs.first().workflowRunId, runId);
        // And the filter's suggestions offer it.
        std::optional<ApiResult<QStringList>> suggestions;
        client.getTagSuggestions(
            this, [&suggestions](const ApiResult<QStringList> &value) { suggestions = value; });
        QTRY_VERIFY(suggestions.has_value());
        QVERIFY(suggestions->value.contains(u"needs-review"_s));
        // An unknown run: the server says so, in a sentence naming it.
        result = apply(client, u"wr_nope"_s, {{{{}, u"x"_s}}, {}});
        QCOMPARE(result.error.kind, ApiError::Kind::NotFound);
        QVERIFY(result.error.message.contains(u"wr_nope"_s));
    }

    void theDemoRefusesWhatTheContractRefuses()
    {
        TestServer server(3600000, 50);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), server.server()->apiKey());
        const QString runId = firstPage(client).first().workflowRunId;
        const QUrl url = server.url(u"/v1/runs/%1/tags"_s.arg(runId));
        for (const QByteArray &body :
            {QByteArray(R"({"tags": [{"key": "skyvern.source", "value": "x"}]})"),
                QByteArray(R"({"tags": [{"key": "env"}]})"),
                QByteArray(R"({"tags": [{"value": ""}]})"),
                QByteArray(
                    R"({"tags": [{"key": "env", "value": "a"}], "colors": {"env": "plaid"}})"),
                QByteArray("not json")}) {
            const HttpAnswer answer = httpRequest("POST", url, server.key(), body);
            QVERIFY2(answer.status == 422, body.constData());
        }
        QCOMPARE(httpRequest("POST", url, QByteArray(), R"({"tags": []})").status, 403);
        // Nothing of that was kept.
        QVERIFY(!serverTags(client, runId).contains(u"env:a"_s));
    }

    void coloursComeFromTheServersPalette()
    {
        TestServer server(3600000, 50);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), server.server()->apiKey());
        const QString runId = firstPage(client).first().workflowRunId;
        // A new label with a colour asked for, one without.
        const QByteArray body
            = R"({"tags": [{"key": "team", "value": "qa"}], "colors": {"team": "pink"}})";
        QCOMPARE(
            httpRequest("POST", server.url(u"/v1/runs/%1/tags"_s.arg(runId)), server.key(), body)
                .status,
            200);
        QVERIFY(apply(client, runId, {{{u"owner"_s, u"ops"_s}}, {}}).ok());
        std::optional<ApiResult<TagColorNames>> colors;
        client.getTagColors(
            this, [&colors](const ApiResult<TagColorNames> &value) { colors = value; });
        QTRY_VERIFY(colors.has_value());
        QVERIFY2(colors->ok(), qPrintable(colors->error.message));
        QCOMPARE(colors->value.value(u"env:prod"_s), u"red"_s);
        QCOMPARE(colors->value.value(u"team:qa"_s), u"pink"_s);
        QVERIFY(!colors->value.value(u"owner:ops"_s).isEmpty());
        // The chip's colour: the palette's, one of its own for an unnamed label (the same each
        // time), none for a standalone label.
        QCOMPARE(TagPalette::colorOf({u"env"_s, u"prod"_s}, colors->value),
            TagPalette::colorNamed(u"red"_s));
        const QColor own = TagPalette::colorOf({u"zone"_s, u"eu"_s}, {});
        QVERIFY(own.isValid());
        QCOMPARE(TagPalette::colorOf({u"zone"_s, u"eu"_s}, {}), own);
        QVERIFY(!TagPalette::colorOf({{}, u"smoke"_s}, colors->value).isValid());
        QVERIFY(!TagPalette::colorNamed(u"plaid"_s).isValid());
    }

    void aTagJobThroughFaultsTagsEveryRunOnce()
    {
        TestServer server(3600000, 400, 31);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), server.server()->apiKey());
        client.setTimeout(1500);
        const QList<WorkflowRun> runs = firstPage(client, 30);
        QCOMPARE(runs.size(), 30);
        QList<BulkJob::Item> items;
        for (const WorkflowRun &run : runs)
            items.append(BulkJob::itemOf(run, run.workflowTitle)); // tags not known: read first
        DemoFaultOptions faults;
        faults.rate = 0.2;
        faults.seed = 5;
        server.server()->setFaults(faults);
        BulkJob job(BulkJob::Kind::Tag, &client, items);
        job.setTagChange({{{{}, u"triage"_s}}, {{{}, u"smoke"_s}}});
        QStringList applied;
        connect(&job, &BulkJob::tagsApplied, this,
            [&applied](const QString &runId, const QList<RunTag> &) { applied.append(runId); });
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(job.isFinished(), 60000);
        server.server()->setFaults({});
        // Each run ends in a definite state; every one tagged holds the tag on the server, and
        // no run that failed has a half-applied change hidden by a "Done".
        for (const BulkJob::Item &item : job.items()) {
            QVERIFY2(item.state == BulkJob::State::Done || item.state == BulkJob::State::Failed,
                qPrintable(item.result));
            const QStringList held = serverTags(client, item.runId);
            if (item.state == BulkJob::State::Done) {
                QVERIFY2(held.contains(u"triage"_s), qPrintable(item.runId));
                QVERIFY(!held.contains(u"smoke"_s));
                QVERIFY(applied.contains(item.runId));
            }
        }
        QVERIFY2(job.count(BulkJob::State::Done) >= 27, qPrintable(job.summary()));
        QVERIFY(job.summary().contains(u"tagged"_s));
        // Applying it again: nothing is sent for runs known to be so already.
        QList<BulkJob::Item> known = job.items();
        const int before = client.requestsIssued();
        for (BulkJob::Item &item : known) {
            item.state = BulkJob::State::Waiting;
            item.result.clear();
        }
        known.erase(std::remove_if(known.begin(), known.end(),
                        [](const BulkJob::Item &item) { return !item.tagsKnown; }),
            known.end());
        BulkJob again(BulkJob::Kind::Tag, &client, known);
        again.setTagChange(job.tagChange());
        again.start();
        QTRY_VERIFY(again.isFinished());
        QCOMPARE(again.count(BulkJob::State::Skipped), known.size());
        QCOMPARE(client.requestsIssued(), before);
    }

    void theDialogTicksAllHalfOrNoneAndKeepsOneLabelPerGroup()
    {
        // Three runs: all have env:prod, one has smoke, two have customer:acme.
        const QList<QList<RunTag>> tags {
            {{u"env"_s, u"prod"_s}, {u"customer"_s, u"acme"_s}, {{}, u"smoke"_s}},
            {{u"env"_s, u"prod"_s}, {u"customer"_s, u"acme"_s}},
            {{u"env"_s, u"prod"_s}},
        };
        TagEditDialog dialog(tags, 3, {{u"env:prod"_s, u"red"_s}});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *list = dialog.findChild<QListWidget *>(u"tagListWidget"_s);
        auto *field = dialog.findChild<QLineEdit *>(u"addTagLineEdit"_s);
        auto *apply = dialog.findChild<QPushButton *>(u"applyTagsButton"_s);
        auto *error = dialog.findChild<QLabel *>(u"tagErrorLabel"_s);
        QVERIFY(list && field && apply && error);
        const auto item = [list](const QString &start) -> QListWidgetItem * {
            for (int row = 0; row < list->count(); ++row) {
                if (list->item(row)->text().startsWith(start))
                    return list->item(row);
            }
            return nullptr;
        };
        QCOMPARE(list->count(), 3);
        QCOMPARE(item(u"env:prod"_s)->checkState(), Qt::Checked);
        QCOMPARE(item(u"customer:acme"_s)->checkState(), Qt::PartiallyChecked);
        QCOMPARE(item(u"customer:acme"_s)->text(), u"customer:acme — on 2 of 3"_s);
        QCOMPARE(item(u"smoke"_s)->checkState(), Qt::PartiallyChecked);
        QVERIFY(!apply->isEnabled()); // nothing changed yet

        // A bad tag is refused with a sentence, and the text stays to be fixed.
        QApplication::setActiveWindow(&dialog);
        field->setFocus();
        QTest::keyClicks(field, u"env:*"_s);
        QTest::keyClick(field, Qt::Key_Return);
        QVERIFY(dialog.isVisible()); // Enter added nothing and did not apply
        QVERIFY(error->isVisible());
        QVERIFY(error->text().contains(u"filter"_s));
        QCOMPARE(list->count(), 3);
        // A good one is added ticked; env:staging unticks env:prod.
        field->clear();
        QTest::keyClicks(field, u"env:staging"_s);
        QTest::keyClick(field, Qt::Key_Return);
        QVERIFY(!error->isVisible());
        QCOMPARE(list->count(), 4);
        QCOMPARE(item(u"env:staging"_s)->checkState(), Qt::Checked);
        QCOMPARE(item(u"env:prod"_s)->checkState(), Qt::Unchecked);
        // Unticking the half-ticked smoke takes it off the run that has it.
        item(u"smoke"_s)->setCheckState(Qt::Unchecked);
        QVERIFY(apply->isEnabled());
        const RunTagChange change = dialog.change();
        QCOMPARE(change.set, (QList<RunTag> {{u"env"_s, u"staging"_s}}));
        QCOMPARE(change.remove, (QList<RunTag> {{u"env"_s, u"prod"_s}, {{}, u"smoke"_s}}));
        // Typing a suggestion opens its list; Enter there takes it and adds it at once.
        QTRY_VERIFY(field->text().isEmpty());
        dialog.setSuggestions({u"customer:globex"_s, u"customer:*"_s, u"nightly"_s});
        QTest::keyClicks(field, u"customer:glo"_s);
        QTRY_VERIFY(field->completer()->popup()->isVisible());
        QTest::keyClick(field->completer()->popup(), Qt::Key_Down);
        QTest::keyClick(field->completer()->popup(), Qt::Key_Return);
        QTRY_VERIFY(item(u"customer:globex"_s) != nullptr);
        QTRY_VERIFY(field->text().isEmpty());
        QCOMPARE(item(u"customer:globex"_s)->checkState(), Qt::Checked);
        QCOMPARE(item(u"customer:acme"_s)->checkState(), Qt::Unchecked); // one per group
        // Enter on the empty field applies.
        QTest::keyClick(field, Qt::Key_Return);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void chipsThatDoNotFitAreCounted()
    {
        QImage image(400, 30, QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        const QList<TagChips::Chip> chips {{u"env:prod"_s, Qt::red}, {u"customer:acme"_s, Qt::blue},
            {u"nightly"_s, {}}, {u"smoke"_s, {}}};
        QFont font;
        const int all = TagChips::widthOf(chips, font);
        QCOMPARE(TagChips::paint(&painter, QRect(0, 0, all + 2, 30), chips, QPalette(), font), 4);
        const int fewer
            = TagChips::paint(&painter, QRect(0, 0, all / 2, 30), chips, QPalette(), font);
        QVERIFY(fewer >= 1 && fewer < 4); // the rest in a "+N" chip
        // Too narrow for even one whole: the first is shortened, not left out.
        QCOMPARE(TagChips::paint(&painter, QRect(0, 0, 90, 30), chips, QPalette(), font), 1);
    }

    void theDetailPaneAndTheBulkBarEditTagsByMouseAndKeyboard()
    {
        TestServer server(3600000, 300);
        QVERIFY(server.isStarted());
        SkyvernClient client(server.server()->baseUrl(), server.server()->apiKey());
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setSource(&client);
        RunListModel *model = window.runListModel();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 20, 20000);
        auto *table = window.findChild<QTableView *>(u"runTableView"_s);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rowCentre(table, 0));
        const QString runId = model->runAt(0)->workflowRunId;
        // The pane shows the run's tags as chips, once the list knows them.
        auto *chips = window.findChild<TagChipsView *>(u"detailTagsView"_s);
        auto *edit = window.findChild<QPushButton *>(u"editTagsButton"_s);
        QVERIFY(chips && edit);
        QTRY_VERIFY(model->hasTags(runId));
        QTRY_VERIFY(edit->isVisible());
        QStringList shown;
        for (const TagChips::Chip &chip : chips->chips())
            shown.append(chip.text);
        shown.sort();
        QCOMPARE(shown, serverTags(client, runId));

        // Edit tags…: type a label, Enter adds it, Enter again applies.
        QTest::mouseClick(edit, Qt::LeftButton);
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<QDialog *>(u"tagEditDialog"_s)) != nullptr);
        QTRY_VERIFY(dialog->isVisible());
        QApplication::setActiveWindow(dialog);
        auto *field = dialog->findChild<QLineEdit *>(u"addTagLineEdit"_s);
        field->setFocus();
        QTest::keyClicks(field, u"needs-review"_s);
        QTest::keyClick(field, Qt::Key_Return);
        QTest::keyClick(field, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(serverTags(client, runId).contains(u"needs-review"_s), 10000);
        // The list and the pane follow the server's answer, without a reload.
        QTRY_VERIFY(model->tags(runId).contains(RunTag {{}, u"needs-review"_s}));
        QTRY_VERIFY(std::any_of(chips->chips().cbegin(), chips->chips().cend(),
            [](const TagChips::Chip &chip) { return chip.text == "needs-review"_L1; }));

        // Three runs selected: Tag… puts a label on all of them.
        QApplication::setActiveWindow(&window);
        for (int row : {1, 2})
            QTest::mouseClick(
                table->viewport(), Qt::LeftButton, Qt::ControlModifier, rowCentre(table, row));
        auto *tag = window.findChild<QPushButton *>(u"bulkTagButton"_s);
        QTRY_VERIFY(tag->isVisible() && tag->isEnabled());
        QTest::mouseClick(tag, Qt::LeftButton);
        QTRY_VERIFY((dialog = window.findChild<QDialog *>(u"tagEditDialog"_s)) != nullptr
            && dialog->isVisible());
        QApplication::setActiveWindow(dialog);
        field = dialog->findChild<QLineEdit *>(u"addTagLineEdit"_s);
        field->setFocus();
        QTest::keyClicks(field, u"batch:7"_s);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"addTagButton"_s), Qt::LeftButton);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"applyTagsButton"_s), Qt::LeftButton);
        for (int row : {0, 1, 2}) {
            const QString id = model->runAt(row)->workflowRunId;
            QTRY_VERIFY_WITH_TIMEOUT(serverTags(client, id).contains(u"batch:7"_s), 10000);
        }
        // The first run keeps what it was given before.
        QVERIFY(serverTags(client, runId).contains(u"needs-review"_s));
    }

    void nothingIsOfferedWhereThereAreNoTagsAndAMergedListTagsItsSkyvernRuns()
    {
        TestServer server(3600000, 300);
        QVERIFY(server.isStarted() && server.server()->platform());
        SkyvernClient client(server.server()->baseUrl(), server.server()->apiKey());
        WorkflowPlatformClient platform(server.server()->platform()->baseUrl(), u"demo-token"_s,
            DemoPlatformServer::workflowIds());
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *table = window.findChild<QTableView *>(u"runTableView"_s);
        RunListModel *model = window.runListModel();

        // The platform alone: no Tags row in the pane, no Tag button in the bar.
        window.setSource(&platform);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 3, 20000);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rowCentre(table, 0));
        QTest::mouseClick(
            table->viewport(), Qt::LeftButton, Qt::ControlModifier, rowCentre(table, 1));
        QTRY_VERIFY(window.findChild<QWidget *>(u"bulkBar"_s)->isVisible());
        QVERIFY(!window.findChild<QPushButton *>(u"bulkTagButton"_s)->isVisible());
        QVERIFY(!window.findChild<QPushButton *>(u"editTagsButton"_s)->isVisible());

        // Merged: a Skyvern run and a platform run selected; only the Skyvern one is tagged.
        MergedRunSource merged({{&client, u"Skyvern"_s, {}, u"cloud"_s},
            {&platform, u"Platform"_s, DemoPlatformServer::workflowIds().constFirst(), u"ops"_s}});
        window.setSource(&merged);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 20, 20000);
        const auto firstOf = [model](const QString &source) {
            for (int row = 0; row < model->rowCount(); ++row) {
                if (model->runAt(row)->source == source)
                    return row;
            }
            return -1;
        };
        const int skyvernRow = firstOf(u"Skyvern"_s);
        const int platformRow = firstOf(u"Platform"_s);
        QVERIFY(skyvernRow >= 0 && platformRow >= 0);
        const QString skyvernRun = model->runAt(skyvernRow)->workflowRunId;
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rowCentre(table, platformRow));
        QTRY_VERIFY(!window.findChild<QPushButton *>(u"editTagsButton"_s)->isVisible());
        QTest::mouseClick(
            table->viewport(), Qt::LeftButton, Qt::ControlModifier, rowCentre(table, skyvernRow));
        auto *tag = window.findChild<QPushButton *>(u"bulkTagButton"_s);
        QTRY_VERIFY(tag->isVisible() && tag->isEnabled());
        QTest::mouseClick(tag, Qt::LeftButton);
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<QDialog *>(u"tagEditDialog"_s)) != nullptr
            && dialog->isVisible());
        QVERIFY2(dialog->windowTitle().contains(u"1 other selected run left alone"_s),
            qPrintable(dialog->windowTitle()));
        QApplication::setActiveWindow(dialog);
        auto *field = dialog->findChild<QLineEdit *>(u"addTagLineEdit"_s);
        field->setFocus();
        QTest::keyClicks(field, u"merged"_s);
        QTest::keyClick(field, Qt::Key_Return);
        QTest::keyClick(field, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(serverTags(client, skyvernRun).contains(u"merged"_s), 10000);
        window.setSource(nullptr);
    }
};

QTEST_MAIN(TestTagEditing)
#include "tst_tagediting.moc"
