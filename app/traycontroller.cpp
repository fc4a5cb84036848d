#include "traycontroller.h"

#include <QAction>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>

#include "runformat.h"
#include "themedicon.h"

using namespace Qt::StringLiterals;

TrayController::TrayController(QObject *parent)
    : QObject(parent)
    , m_menu(new QMenu)
{
    m_menu->setObjectName(u"trayMenu"_s);
    m_open = m_menu->addAction(tr("&Open Runwatch"));
    m_open->setObjectName(u"trayOpenAction"_s);
    connect(m_open, &QAction::triggered, this, &TrayController::openRequested);
    m_pause = m_menu->addAction(tr("&Pause notifications for 1 hour"));
    m_pause->setObjectName(u"trayPauseAction"_s);
    m_pause->setCheckable(true);
    connect(
        m_pause, &QAction::triggered, this, [this](bool checked) { emit pauseRequested(checked); });
    m_menu->addSeparator();
    m_notableHeader = m_menu->addAction(tr("No runs to tell of yet"));
    m_notableHeader->setObjectName(u"trayNotableHeader"_s);
    m_notableHeader->setEnabled(false);
    m_menu->addSeparator();
    m_quit = m_menu->addAction(tr("&Quit Runwatch"));
    m_quit->setObjectName(u"trayQuitAction"_s);
    connect(m_quit, &QAction::triggered, this, &TrayController::quitRequested);
    update();
}

TrayController::~TrayController()
{
    delete m_icon;
    delete m_menu; // a menu of the tray has no parent widget
}

bool TrayController::showIcon()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return false;
    if (!m_icon) {
        m_icon = new QSystemTrayIcon;
        m_icon->setContextMenu(m_menu);
        connect(m_icon, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    emit openRequested();
            });
    }
    update();
    m_icon->show();
    return true;
}

bool TrayController::isIconShown() const
{
    return m_icon && m_icon->isVisible();
}

void TrayController::setActiveRuns(int count)
{
    if (count == m_activeRuns)
        return;
    m_activeRuns = qMax(0, count);
    update();
}

void TrayController::runEnded(const RunEvent &event, bool told)
{
    if (isFailure(event.run.status))
        ++m_unseenFailures;
    if (told) {
        m_notable.prepend(event);
        m_notable = m_notable.mid(0, kNotableRuns);
        rebuildNotable();
    }
    update();
}

void TrayController::markSeen()
{
    if (m_unseenFailures == 0)
        return;
    m_unseenFailures = 0;
    update();
}

void TrayController::setPausedUntil(const QDateTime &until)
{
    m_pausedUntil = until;
    update();
}

TrayController::State TrayController::state() const
{
    if (m_unseenFailures > 0)
        return State::NewFailures;
    return m_activeRuns > 0 ? State::Active : State::Quiet;
}

QString TrayController::toolTip() const
{
    QString text;
    switch (state()) {
    case State::NewFailures:
        text = tr("Runwatch: %n new failure(s) since you last looked", nullptr, m_unseenFailures);
        break;
    case State::Active:
        text = tr("Runwatch: %n run(s) active", nullptr, m_activeRuns);
        break;
    case State::Quiet:
        text = tr("Runwatch: all quiet");
        break;
    }
    if (m_pausedUntil.isValid() && m_pausedUntil > QDateTime::currentDateTime())
        text += u'\n'
            + tr("Notifications paused until %1")
                  .arg(
                      QLocale().toString(m_pausedUntil.toLocalTime().time(), QLocale::ShortFormat));
    return text;
}

QIcon TrayController::icon() const
{
    const QIcon base = ThemedIcon::application();
    if (state() == State::Quiet)
        return base;
    QIcon drawn;
    for (const int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap = base.pixmap(size);
        if (pixmap.isNull()) {
            pixmap = QPixmap(size, size);
            pixmap.fill(Qt::transparent);
        }
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        // A badge in the lower right: blue while runs are active, red with the count of failures.
        const bool failures = state() == State::NewFailures;
        const int badge = failures ? size * 5 / 8 : size * 3 / 8;
        const QRect circle(size - badge, size - badge, badge, badge);
        painter.setPen(QPen(Qt::white, qMax(1, size / 16)));
        painter.setBrush(RunFormat::statusColor(failures ? RunStatus::Failed : RunStatus::Running));
        painter.drawEllipse(circle.adjusted(1, 1, -1, -1));
        if (failures && size >= 22) {
            QFont font = painter.font();
            font.setBold(true);
            font.setPixelSize(qMax(6, badge * 3 / 5));
            painter.setFont(font);
            painter.setPen(Qt::white);
            painter.drawText(circle, Qt::AlignCenter,
                m_unseenFailures > 9 ? u"9+"_s : QString::number(m_unseenFailures));
        }
        painter.end();
        drawn.addPixmap(pixmap);
    }
    return drawn;
}

void TrayController::update()
{
    const bool paused = m_pausedUntil.isValid() && m_pausedUntil > QDateTime::currentDateTime();
    m_pause->setChecked(paused);
    if (m_icon) {
        m_icon->setIcon(icon());
        m_icon->setToolTip(toolTip());
    }
}

void TrayController::rebuildNotable()
{
    qDeleteAll(m_notableActions);
    m_notableActions.clear();
    m_notableHeader->setText(m_notable.isEmpty() ? tr("No runs to tell of yet") : tr("Lately"));
    QAction *before = m_quit;
    // After the header, newest first; the separator before Quit stays where it is.
    const QList<QAction *> all = m_menu->actions();
    const qsizetype header = all.indexOf(m_notableHeader);
    if (header >= 0 && header + 1 < all.size())
        before = all.at(header + 1);
    for (const RunEvent &event : std::as_const(m_notable)) {
        const QString workflow = event.run.workflowTitle.isEmpty() ? event.run.workflowPermanentId
                                                                   : event.run.workflowTitle;
        const QString text
            = QStringList {RunFormat::statusText(event.run.status, event.run.statusText), workflow,
                event.connectionName}
                  .join(u" · "_s);
        auto *action = new QAction(ThemedIcon::status(event.run.status), text, m_menu);
        action->setObjectName(u"trayNotableRun"_s);
        action->setData(event.run.workflowRunId);
        const QString connection = event.connectionId;
        const QString runId = event.run.workflowRunId;
        connect(action, &QAction::triggered, this,
            [this, connection, runId] { emit openRunRequested(connection, runId); });
        m_menu->insertAction(before, action);
        m_notableActions.append(action);
    }
}
