#include "runrowmenu.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>

#include "themedicon.h"

RunRowMenu::RunRowMenu(const WorkflowRun &run, const RunDetail &detail,
    const QStringList &errorCodes, RunSource *source, const SourceFeatures &features, bool canScope,
    QWidget *parent)
    : QMenu(parent)
    , m_run(run)
    , m_source(source)
    , m_features(features)
{
    setObjectName(QStringLiteral("runRowMenu"));
    QAction *copyId = addAction(tr("Copy run &id"));
    copyId->setObjectName(QStringLiteral("copyRunIdAction"));
    copyId->setIcon(ThemedIcon::action(QStringLiteral("edit-copy")));
    copyId->setShortcut(QKeySequence::Copy); // shown as a hint; the table handles the key
    connect(copyId, &QAction::triggered, this, [this] {
        QApplication::clipboard()->setText(m_run.workflowRunId);
        emit copied(tr("Copied the run id %1.").arg(m_run.workflowRunId));
    });
    m_copyLink = addAction(tr("Copy &link"));
    m_copyLink->setObjectName(QStringLiteral("copyLinkAction"));
    m_copyLink->setIcon(ThemedIcon::action(QStringLiteral("internet-web-browser")));
    m_copyLink->setVisible(false);
    connect(m_copyLink, &QAction::triggered, this, [this] {
        QApplication::clipboard()->setText(m_link.toString());
        emit copied(tr("Copied the link to %1.").arg(m_run.workflowRunId));
    });
    m_copyCurl = addAction(tr("Copy as c&URL"));
    m_copyCurl->setObjectName(QStringLiteral("copyCurlAction"));
    m_copyCurl->setToolTip(tr("The run's original request as a curl command; the key stays "
                              "$SKYVERN_API_KEY"));
    m_copyCurl->setVisible(false);
    connect(m_copyCurl, &QAction::triggered, this, [this] {
        QApplication::clipboard()->setText(m_curl);
        emit copied(tr("Copied a curl command that starts %1 again; it reads the key from "
                       "$SKYVERN_API_KEY.")
                        .arg(m_run.workflowRunId));
    });
    if (features.artifacts) {
        // Played in the Recording tab; its link opens elsewhere from there when it must.
        QAction *play = addAction(tr("&Play recording"));
        play->setObjectName(QStringLiteral("playRecordingAction"));
        play->setIcon(ThemedIcon::action(QStringLiteral("media-playback-start")));
        connect(play, &QAction::triggered, this, [this] { emit playRecordingRequested(m_run); });
    }
    m_openRecording = addAction(tr("Open recor&ding in another app"));
    m_openRecording->setObjectName(QStringLiteral("openRecordingAction"));
    m_openRecording->setVisible(false);
    connect(m_openRecording, &QAction::triggered, this, [this] {
        if (!QDesktopServices::openUrl(m_recording))
            emit problem(tr("Nothing on this computer could open the recording of %1.")
                             .arg(m_run.workflowRunId));
    });
    m_lookingUp = addAction(tr("Looking up links…"));
    m_lookingUp->setObjectName(QStringLiteral("lookingUpAction"));
    m_lookingUp->setEnabled(false);
    m_lookingUp->setVisible(false);
    if (features.cancel && isActiveStatus(run.status)) {
        addSeparator();
        QAction *cancel = addAction(tr("&Cancel run…"));
        cancel->setObjectName(QStringLiteral("cancelRunAction"));
        cancel->setIcon(ThemedIcon::action(QStringLiteral("process-stop")));
        connect(cancel, &QAction::triggered, this, [this] { emit cancelRequested(m_run); });
    }
    if (features.retry && !isActiveStatus(run.status)) {
        addSeparator();
        QAction *retry = addAction(tr("&Retry…"));
        retry->setObjectName(QStringLiteral("retryRunAction"));
        retry->setIcon(ThemedIcon::action(QStringLiteral("view-refresh")));
        connect(retry, &QAction::triggered, this, [this] { emit retryRequested(m_run); });
    }
    m_editRetry = addAction(tr("&Edit and retry…"));
    m_editRetry->setObjectName(QStringLiteral("editRetryAction"));
    m_editRetry->setVisible(false); // once the run's request is known
    connect(
        m_editRetry, &QAction::triggered, this, [this] { emit editAndRetryRequested(m_detail); });
    addSeparator();
    if (canScope && !run.workflowPermanentId.isEmpty()) {
        QAction *workflow = addAction(tr("Filter by this &workflow"));
        workflow->setObjectName(QStringLiteral("filterWorkflowAction"));
        connect(workflow, &QAction::triggered, this,
            [this] { emit filterByWorkflowRequested(m_run.workflowPermanentId); });
    }
    m_codeSeparator = addSeparator();
    m_codeSeparator->setVisible(false);
    addErrorCodes(errorCodes);

    if (detail.runId == run.workflowRunId && !detail.runId.isEmpty()) {
        showDetail(detail);
    } else if (source && features.details) {
        m_lookingUp->setVisible(true);
        m_pending
            = source->getRun(run.workflowRunId, this, [this](const ApiResult<RunDetail> &result) {
                  m_pending = 0;
                  m_lookingUp->setVisible(false);
                  if (result.ok())
                      showDetail(result.value);
              });
    }
}

RunRowMenu::~RunRowMenu()
{
    if (m_source && m_pending)
        m_source->cancelRequest(m_pending);
}

void RunRowMenu::addRunwatchLink(const QString &link)
{
    if (link.isEmpty())
        return;
    auto *copy = new QAction(tr("Copy Runwatch lin&k"), this);
    copy->setObjectName(QStringLiteral("copyRunwatchLinkAction"));
    copy->setIcon(ThemedIcon::action(QStringLiteral("edit-copy")));
    copy->setToolTip(tr("A runwatch:// link that opens this run in Runwatch"));
    insertAction(m_copyCurl, copy);
    connect(copy, &QAction::triggered, this, [this, link] {
        QApplication::clipboard()->setText(link);
        emit copied(tr("Copied a link that opens %1 in Runwatch.").arg(m_run.workflowRunId));
    });
}

void RunRowMenu::addWatch(bool watched)
{
    auto *watch = new QAction(watched ? tr("Stop wa&tching") : tr("Wa&tch until it ends"), this);
    watch->setObjectName(QStringLiteral("watchRunAction"));
    watch->setIcon(ThemedIcon::action(QStringLiteral("view-visible")));
    watch->setToolTip(tr("Be told when this run ends, also with the window closed"));
    insertAction(m_copyCurl, watch);
    connect(watch, &QAction::triggered, this,
        [this, watched] { emit watchRequested(m_run, !watched); });
}

bool RunRowMenu::isWebLink(const QUrl &url)
{
    // Anything else (file:, a custom scheme) would hand a server-chosen target to the desktop.
    return url.isValid() && !url.host().isEmpty()
        && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"));
}

void RunRowMenu::showDetail(const RunDetail &detail)
{
    m_link = QUrl(detail.appUrl);
    m_recording = QUrl(detail.recordingUrl);
    m_copyLink->setVisible(isWebLink(m_link));
    m_openRecording->setVisible(!m_features.artifacts && isWebLink(m_recording));
    m_detail = detail;
    m_editRetry->setVisible(m_features.launch
        && !detail.runRequest.value(QLatin1String("workflow_id")).toString().isEmpty());
    m_curl = m_source ? m_source->launchCommand(detail) : QString();
    m_copyCurl->setVisible(!m_curl.isEmpty());
    QStringList codes;
    for (const RunError &error : detail.errors) {
        if (!error.errorCode.isEmpty())
            codes.append(error.errorCode);
    }
    addErrorCodes(codes);
}

void RunRowMenu::addErrorCodes(const QStringList &codes)
{
    if (!m_features.errorCode)
        return;
    for (const QString &code : codes) {
        if (code.isEmpty() || m_codes.contains(code))
            continue;
        m_codes.append(code);
        QAction *action = addAction(tr("Filter by error code %1").arg(code));
        action->setObjectName(QStringLiteral("filterErrorCodeAction_") + code);
        connect(action, &QAction::triggered, this,
            [this, code] { emit filterByErrorCodeRequested(code); });
    }
    m_codeSeparator->setVisible(!m_codes.isEmpty());
}
