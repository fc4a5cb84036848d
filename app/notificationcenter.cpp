#include "notificationcenter.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QMap>

#include "applog.h"
#include "runformat.h"

using namespace Qt::StringLiterals;

namespace {
const auto kService = "org.freedesktop.Notifications"_L1;
const auto kPath = "/org/freedesktop/Notifications"_L1;
const auto kInterface = "org.freedesktop.Notifications"_L1;
const auto kOpenAction = "open"_L1;

/** The freedesktop urgency levels. */
enum Urgency : uchar { Low = 0, Normal = 1, Critical = 2 };

QString workflowOf(const WorkflowRun &run)
{
    return run.workflowTitle.isEmpty() ? run.workflowPermanentId : run.workflowTitle;
}
} // namespace

NotificationCenter::NotificationCenter(QObject *parent)
    : QObject(parent)
{
    m_digest.setSingleShot(true);
    // Long enough to gather what one poll brings (its pages come within a few milliseconds of
    // one another), short enough not to hold a notification back.
    m_digest.setInterval(50);
    connect(&m_digest, &QTimer::timeout, this, &NotificationCenter::flush);
    QDBusConnection bus = QDBusConnection::sessionBus();
    bus.connect(kService, kPath, kInterface, u"ActionInvoked"_s, this,
        SLOT(onActionInvoked(uint, QString)));
    bus.connect(
        kService, kPath, kInterface, u"NotificationClosed"_s, this, SLOT(onClosed(uint, uint)));
}

bool NotificationCenter::isServiceAvailable() const
{
    const QDBusConnection bus = QDBusConnection::sessionBus();
    return bus.isConnected() && bus.interface()
        && bus.interface()->isServiceRegistered(kService).value();
}

void NotificationCenter::add(const RunEvent &event)
{
    m_pending.append(event);
    if (!m_digest.isActive())
        m_digest.start();
}

void NotificationCenter::flush()
{
    // One connection at a time, in the order they first came.
    QStringList order;
    QHash<QString, QList<RunEvent>> byConnection;
    for (const RunEvent &event : std::as_const(m_pending)) {
        if (!byConnection.contains(event.connectionId))
            order.append(event.connectionId);
        byConnection[event.connectionId].append(event);
    }
    m_pending.clear();
    for (const QString &connection : std::as_const(order)) {
        const QList<RunEvent> events = byConnection.value(connection);
        if (events.size() < kDigestFrom) {
            for (const RunEvent &event : events) {
                const WorkflowRun &run = event.run;
                const QString status = RunFormat::statusText(run.status, run.statusText);
                QStringList body {tr("%1 on %2").arg(workflowOf(run), event.connectionName)};
                if (!run.failureReason.isEmpty())
                    body.append(run.failureReason.simplified().left(300));
                if (!event.errorCodes.isEmpty())
                    body.append(event.errorCodes.join(u", "_s));
                send(status + u": "_s + workflowOf(run), body.join(u'\n'),
                    isFailure(run.status) ? Critical : Normal, &event);
            }
            continue;
        }
        // A burst: how many ended how, and the code most of the failures share.
        int failed = 0;
        QMap<QString, int> codes;
        for (const RunEvent &event : events) {
            if (!isFailure(event.run.status))
                continue;
            ++failed;
            for (const QString &code : event.errorCodes)
                ++codes[code];
        }
        const QString name = events.constFirst().connectionName;
        QString summary = failed > 0
            ? tr("%n run(s) failed on %1", nullptr, failed).arg(name)
            : tr("%n run(s) ended on %1", nullptr, int(events.size())).arg(name);
        QString commonest;
        for (auto it = codes.cbegin(); it != codes.cend(); ++it) {
            if (commonest.isEmpty() || it.value() > codes.value(commonest))
                commonest = it.key();
        }
        if (!commonest.isEmpty())
            summary += tr(", %n with %1", nullptr, codes.value(commonest)).arg(commonest);
        QStringList body;
        for (const RunEvent &event : events.mid(0, 5))
            body.append(RunFormat::statusText(event.run.status, event.run.statusText) + u": "_s
                + workflowOf(event.run));
        if (events.size() > 5)
            body.append(tr("and %n more", nullptr, int(events.size() - 5)));
        send(summary, body.join(u'\n'), failed > 0 ? Critical : Normal, nullptr);
    }
}

void NotificationCenter::sendTest()
{
    send(tr("Runwatch notifications work"),
        tr("This is how Runwatch tells you that a run you care about ended."), Normal, nullptr);
}

void NotificationCenter::send(
    const QString &summary, const QString &body, int urgency, const RunEvent *single)
{
    m_lastSummary = summary;
    emit told(summary);
    // Sent without asking the bus first (a blocking round trip on the GUI thread): without a
    // service the call fails on its own, later, and only the log hears of it.
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, u"Notify"_s);
    const QStringList actions
        = single ? QStringList {kOpenAction, tr("Open in Runwatch")} : QStringList {};
    QVariantMap hints {{u"urgency"_s, QVariant::fromValue(uchar(urgency))},
        {u"desktop-entry"_s, u"org.runwatch.Runwatch"_s}};
    // Servers may render markup in the body: what a server sent is escaped.
    call << u"Runwatch"_s << uint(0) << u"org.runwatch.Runwatch"_s << summary
         << body.toHtmlEscaped() << actions << hints << int(-1);
    const QDBusPendingCall pending = QDBusConnection::sessionBus().asyncCall(call);
    auto *watcher = new QDBusPendingCallWatcher(pending, this);
    const std::pair<QString, QString> target = single
        ? std::pair {single->connectionId, single->run.workflowRunId}
        : std::pair<QString, QString> {};
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
        [this, target](QDBusPendingCallWatcher *finished) {
            finished->deleteLater();
            const QDBusPendingReply<uint> reply = *finished;
            if (reply.isError()) {
                qCDebug(lcApp) << "notification not shown:" << reply.error().message();
                return;
            }
            if (!target.second.isEmpty())
                m_openable.insert(reply.value(), target);
        });
}

void NotificationCenter::onActionInvoked(uint id, const QString &actionKey)
{
    const auto found = m_openable.constFind(id);
    if (found == m_openable.constEnd() || (actionKey != kOpenAction && actionKey != "default"_L1))
        return;
    emit openRequested(found->first, found->second);
}

void NotificationCenter::onClosed(uint id, uint reason)
{
    Q_UNUSED(reason);
    m_openable.remove(id);
}
