#pragma once

#include <functional>
#include <utility>

#include <QDateTime>
#include <QHash>
#include <QMainWindow>

#include "rundetail.h"
#include "runfilter.h"
#include "theme.h"
#include "workflow.h"
#include "workflowrun.h"

class ArtifactFetcher;
class BulkBar;
class BulkJob;
class BulkJobModel;
class ErrorCodePrefetcher;
class FailureGroupModel;
class FailureGroupsView;
class HistoryBackfillJob;
class HistoryView;
class LazyPage;
class QComboBox;
class QDockWidget;
class QMenu;
class QAction;
class QActionGroup;
class QLabel;
class QSplitter;
class QTabWidget;
class QTimer;
class RecordingPlayer;
class RunDetailPane;
class RunFilterBar;
class RunTimelineView;
class ScreenshotFilmstrip;
class RunListModel;
class RunSortProxyModel;
class RunSource;
class RunTableView;
class RunTagPrefetcher;
class QStackedWidget;
class RunHistory;
struct HistorySlice;
class WatchedRunModel;
struct ApiError;
struct SourceFeatures;
struct WorkflowRun;

/** One entry of the connection switcher. */
struct ConnectionChoice
{
    QString id;
    QString name;
};

/**
 * The main window: filter bar, run list and the selected run's detail pane, kept live by
 * polling while the window is visible.
 */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    static constexpr int kActivePollMs = 3000;
    static constexpr int kIdlePollMs = 15000;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /** Connects the window to where runs come from (named `name` in the title, when given)
     * and loads the first page. */
    void setSource(RunSource *source, const QString &name = {});
    /** Restores a scope and filter (e.g. from the last session) before the first load. */
    void setView(const QString &scope, const RunFilter &filter);
    QString scope() const;
    RunFilter filter() const;
    QByteArray saveLayout() const;
    void restoreLayout(const QByteArray &layout);
    /** Says what the window is waiting for before it has a source (e.g. the demo server). */
    void showStartupMessage(const QString &message);
    /** Shows the list saved last time for this view until the source's first page is in. */
    void showSavedRuns(const QList<WorkflowRun> &runs, const QDateTime &savedAt);
    /** Says why there is no source at all. */
    void showFatalError(const QString &message);
    /** Selects a run's row once it is in the list (after a launch, say). */
    void selectRun(const QString &runId);
    /**
     * Shows a run asked for by id (a runwatch:// link): selected when listed, else looked for
     * by the server's search (a filter the user sees and can clear) and selected when it comes.
     */
    void openRun(const QString &runId);
    /** Makes the runwatch:// link of a run, for "Copy Runwatch link"; none: no such item. */
    using RunLinkMaker = std::function<QString(const WorkflowRun &run)>;
    void setRunLinkMaker(RunLinkMaker maker) { m_runLinkMaker = std::move(maker); }
    /** Says whether a run is watched, for the row menu's Watch; none: no such item. */
    using WatchedTest = std::function<bool(const WorkflowRun &run)>;
    void setWatchedTest(WatchedTest test) { m_isWatched = std::move(test); }
    /**
     * Polls on at the idle rate while the window is hidden or minimised (for notifications);
     * otherwise polling stops while nobody can see the list.
     */
    void setPollWhenHidden(bool poll);
    /** Asked when the window is closed: keep the application running (in the tray), quit, or
     * (the user changed their mind) keep the window open. */
    enum class CloseChoice { KeepInTray, Quit, Cancel };
    using CloseToTray = std::function<CloseChoice()>;
    void setCloseToTray(CloseToTray ask) { m_closeToTray = std::move(ask); }
    /**
     * Shows the watched runs of every connection in a Watched panel beside the list (View →
     * Watched runs, F9), open while any run is watched unless the user closed it.
     */
    void setWatchedRuns(WatchedRunModel *model);
    QDockWidget *watchedPanel() const { return m_watchedPanel; }
    /** The bulk jobs of this session (View → Jobs, Ctrl+J), opened when one starts. */
    QDockWidget *jobsPanel() const { return m_jobsPanel; }
    BulkJobModel *jobs() const { return m_jobs; }
    /** The failures of the loaded runs by cause (View → Failure groups, F8). */
    QDockWidget *failureGroupsPanel() const { return m_failurePanel; }
    FailureGroupModel *failureGroups() const { return m_failureGroups; }

    RunListModel *runListModel() const { return m_model; }
    /** The runs History draws: what the lists load and "Load older runs" reads. The
     * application says whose they are and keeps them between starts. */
    RunHistory *runHistory() const { return m_history; }
    /** View → History (Ctrl+H): the History view in place of the list, and back. */
    QAction *historyAction() const { return m_historyAction; }
    /** The History view, created when first shown (null before). */
    HistoryView *historyView() const { return m_historyView; }
    /** Shows a part of History in the run list (what clicking a bar does). */
    void showHistorySlice(const HistorySlice &slice);
    /** The shown connection's workflows, as last loaded. */
    QList<Workflow> workflows() const { return m_workflows; }
    /** Fetches screenshots, recordings and files for the detail pane. */
    ArtifactFetcher *artifactFetcher() const { return m_artifacts; }
    /** Writes a run's evidence bundle to `path` (a zip); says in the status bar how it went. */
    void saveEvidence(const WorkflowRun &run, const QString &path);
    QAction *launchAction() const { return m_launchAction; }
    /** "Export…" (Ctrl+E): every run of the list's scope and filter to a file. */
    QAction *exportAction() const { return m_exportAction; }
    QAction *connectionAction() const { return m_connectionAction; }
    QAction *newConnectionAction() const { return m_newConnectionAction; }
    QAction *removeConnectionAction() const { return m_removeConnectionAction; }
    /** Fills the connection switcher (also Ctrl+1..9, in this order) without emitting. */
    void setConnections(const QList<ConnectionChoice> &choices, const QString &currentId);
    /** Shows a sentence worth reading above the list until the user closes it or another
     * replaces it (unlike the status bar, which moves on). */
    void showNotice(const QString &message);
    /** Marks the theme in use in View → Theme. */
    void setTheme(Theme theme);

signals:
    /** View → Quit (Ctrl+Q): the application ends, tray or not. */
    void quitRequested();
    /** The scope or filter changed; the app persists it. */
    void viewChanged();
    /** An evidence bundle was written whole to `path`. */
    void evidenceSaved(const QString &path);
    /** The user picked another connection in the switcher or with Ctrl+1..9. */
    void connectionChosen(const QString &id);
    /** The user picked a theme in View; the app applies and remembers it. */
    void themeChosen(Theme theme);
    /** A run was launched or retried from this window (it is watched until it ends). */
    void runStarted(const WorkflowRun &run);
    /** The user asked to watch a run until it ends, or to stop. */
    void watchRequested(const WorkflowRun &run, bool watch);
    /** A run was chosen in the Watched panel, or to be watched no more. */
    void watchedRunChosen(const QString &connectionId, const QString &runId);
    void stopWatchingRequested(const QString &connectionId, const QString &runId);
    /** View → Preferences (Ctrl+,). */
    void preferencesRequested();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showHistory(bool shown);
    void startBackfill(const QDateTime &since);
    /** The run list shows every run again (a History slice is let go). */
    void clearHistorySlice();
    void updateSliceNotice();
    void updateStatus();
    void applyColumnResizeModes();
    void applyFeatures(const SourceFeatures &features);
    void sayCopied(const QString &message);
    /** The detail pane's sections and tabs a source (or one run's connection) has. */
    void showPaneFor(const SourceFeatures &features);
    void showPartialErrors();
    void showAnswerNotes();
    void showError(const ApiError &error);
    void onSelectionChanged();
    void confirmRetry(const WorkflowRun &run);
    /** Shows a run just launched or retried and selects it once the list has it; true when
     * the filters, which would have hidden it, were cleared for it. */
    bool followNewRun(const RunDetail &run, const QString &workflowPermanentId);
    /** The overview, the timeline, the screenshots and the recording show this run. */
    void showRunDetail(const WorkflowRun &run);
    /** A detail tab made when first shown, into `view`, with the source and run shown now;
     * `made` is called once it is. */
    template<class View>
    LazyPage *lazyTab(View *&view, const std::function<void()> &made = {});
    /** Calls `call` with each detail tab after Overview that is built. */
    template<class Call>
    void forBuiltTabs(const Call &call);
    /** The selected run left the list (filtered out, say): show nothing rather than stale. */
    void dropSelectionIfGone();
    /** The bar, the list and the proxy on this workflow and filter, as if the user chose them. */
    void showView(const QString &scope, const RunFilter &filter);
    void applyFilter(const RunFilter &filter);
    void showRunMenu(const QModelIndex &row, const QPoint &globalPos);
    void confirmCancel(const WorkflowRun &run);
    /** The bar above the list and the Jobs panel: acting on several selected runs at once. */
    void setUpBulkActions();
    void updateBulkBar();
    /** The selected runs, in the list's order, each under the title the list shows. */
    QList<WorkflowRun> selectedRuns() const;
    void confirmBulkCancel();
    void confirmBulkRetry();
    /** Starts a bulk job; its line goes to the Jobs panel, which opens unless told not to. */
    void startJob(BulkJob *job, bool showPanel = true);
    /** Asks where to save a run's evidence bundle, then saves it there. */
    void chooseEvidencePath(const WorkflowRun &run);
    /** Whether a run can carry tags: a workflow run of a connection with tags. */
    bool canTag(const WorkflowRun &run) const;
    /** Asks which tags to set or take off (one run or the selection), then a Tag job does it. */
    void editTags(const QList<WorkflowRun> &runs);
    void showDetailTags();
    void loadTagColors();
    /** The Failure groups panel, and loading older pages until a time window is covered. */
    void setUpFailureGroups();
    void loadBackTo(const QDateTime &until);
    void continueLoadingBack();
    void stopLoadingBack(const QString &why);
    void prefetchVisibleErrorCodes();
    void schedulePoll();
    void loadWorkflows();
    /** "Run agent…"; filled in from a run for Edit and retry. */
    void openLaunchDialog(const RunDetail *from = nullptr);
    void openExportDialog();

    RunSource *m_source = nullptr;
    ArtifactFetcher *m_artifacts;
    RunListModel *m_model;
    RunSortProxyModel *m_sorter;
    RunFilterBar *m_filterBar;
    RunTableView *m_table;
    RunDetailPane *m_detail;
    // The detail tabs after Overview, each made when first shown (null until then).
    RunTimelineView *m_timeline = nullptr;
    ScreenshotFilmstrip *m_filmstrip = nullptr;
    RecordingPlayer *m_recording = nullptr;
    LazyPage *m_timelinePage;
    LazyPage *m_filmstripPage;
    LazyPage *m_recordingPage;
    // The step a recording reached before the timeline was made: it opens there.
    RunLinkMaker m_runLinkMaker;
    WatchedTest m_isWatched;
    CloseToTray m_closeToTray;
    bool m_pollWhenHidden = false;
    QString m_openWhenLoaded; // a run asked for by a link while the first page was loading
    QWidget *m_chosenTab = nullptr; // the detail tab the user last chose
    bool m_changingTabs = false; // tabs shown or hidden by the window, not chosen by the user
    WorkflowRun m_shownRun; // in the detail pane
    bool m_listPainted = false; // the list's first rows are on screen
    bool m_detailAfterFirstPaint = false; // a run was made current before they were
    WorkflowRun m_previousRun; // shown before it
    QTabWidget *m_detailTabs;
    QSplitter *m_splitter;
    QLabel *m_errorLabel;
    QWidget *m_noticeBar;
    QActionGroup *m_themeGroup;
    QMenu *m_viewMenu;
    QList<Workflow> m_workflows;
    QDockWidget *m_watchedPanel = nullptr;
    BulkBar *m_bulkBar = nullptr;
    BulkJobModel *m_jobs = nullptr;
    QDockWidget *m_jobsPanel = nullptr;
    FailureGroupModel *m_failureGroups = nullptr;
    FailureGroupsView *m_failureView = nullptr;
    RunHistory *m_history = nullptr;
    HistoryView *m_historyView = nullptr;
    HistoryBackfillJob *m_backfill = nullptr;
    QAction *m_historyAction = nullptr;
    QStackedWidget *m_pages = nullptr;
    QWidget *m_runsPage = nullptr;
    QString m_sliceText; // what the list is narrowed to from History, empty when it is not
    QDateTime m_sliceFrom; // the slice's runs began after this: pages are loaded back to it
    int m_sliceRuns = 0; // how many runs History counted in the slice
    QString m_scopeBeforeSlice; // what the list showed before a slice, for closing its notice
    RunFilter m_filterBeforeSlice;
    QDockWidget *m_failurePanel = nullptr;
    QDateTime m_loadBackTo; // valid while older pages are loaded until this time
    QHash<QString, QString> m_retriedHere; // runs retried by a bulk job, and their new runs
    WatchedRunModel *m_watchedModel = nullptr;
    bool m_watchedPanelClosed = false; // by the user; else open while any run is watched
    bool m_watchedPanelOpenedByItself = false; // and so closed by itself when it empties
    QByteArray m_savedPanels; // a saved layout's panels, before they are made
    QString m_lastAnswerNotes;
    bool m_workflowStretched = false; // the workflow column takes the spare width
    static constexpr int kWorkflowWidth = 190;
    static constexpr int kMaxPagesBack = 100; // Skyvern's list pages stop at 100
    static constexpr int kGroupCodeLookups = 300; // failures looked up beyond those on screen
    QLabel *m_noticeLabel;
    ErrorCodePrefetcher *m_prefetcher;
    RunTagPrefetcher *m_tagPrefetcher;
    QLabel *m_statusLabel;
    QAction *m_reloadAction;
    QAction *m_launchAction;
    QAction *m_exportAction;
    QAction *m_connectionAction;
    QAction *m_newConnectionAction;
    QAction *m_removeConnectionAction;
    QComboBox *m_connectionCombo;
    QTimer *m_pollTimer;
    QTimer *m_durationTimer;
    QString m_sourceName;
    QDateTime m_savedAt; // of the saved rows shown before the first page
    QString m_pendingSelection;
    QList<int> m_columnsHiddenForSource;
    QMetaObject::Connection m_retryConnection;
    QList<int> m_columnsShownForSource;
};
