#include "runformat.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

QString RunFormat::statusText(RunStatus status, const QString &wireText)
{
    switch (status) {
    case RunStatus::Created:
        return QCoreApplication::translate("RunFormat", "Created");
    case RunStatus::Queued:
        return QCoreApplication::translate("RunFormat", "Queued");
    case RunStatus::Running:
        return QCoreApplication::translate("RunFormat", "Running");
    case RunStatus::Paused:
        return QCoreApplication::translate("RunFormat", "Paused");
    case RunStatus::Failed:
        return QCoreApplication::translate("RunFormat", "Failed");
    case RunStatus::Terminated:
        return QCoreApplication::translate("RunFormat", "Terminated");
    case RunStatus::Canceled:
        return QCoreApplication::translate("RunFormat", "Canceled");
    case RunStatus::TimedOut:
        return QCoreApplication::translate("RunFormat", "Timed out");
    case RunStatus::Completed:
        return QCoreApplication::translate("RunFormat", "Completed");
    case RunStatus::Partial:
        return QCoreApplication::translate("RunFormat", "Partial");
    case RunStatus::Unknown:
        break;
    }
    return wireText.isEmpty()
        ? QCoreApplication::translate("RunFormat", "Unknown")
        : QCoreApplication::translate("RunFormat", "Unknown (%1)").arg(wireText.left(40));
}

QString RunFormat::triggerText(TriggerType trigger, const QString &wireText)
{
    switch (trigger) {
    case TriggerType::Manual:
        return QCoreApplication::translate("RunFormat", "Manual");
    case TriggerType::Mcp:
        return QCoreApplication::translate("RunFormat", "MCP");
    case TriggerType::Api:
        return QCoreApplication::translate("RunFormat", "API");
    case TriggerType::Scheduled:
        return QCoreApplication::translate("RunFormat", "Scheduled");
    case TriggerType::Webhook:
        return QCoreApplication::translate("RunFormat", "Webhook");
    case TriggerType::Unknown:
        break;
    }
    return wireText.left(40);
}

QString RunFormat::runTypeText(const QString &wireType)
{
    if (wireType.isEmpty() || wireType == "workflow_run"_L1)
        return QCoreApplication::translate("RunFormat", "Workflow");
    if (wireType == "task_v1"_L1)
        return QCoreApplication::translate("RunFormat", "Task v1");
    if (wireType == "task_v2"_L1)
        return QCoreApplication::translate("RunFormat", "Task v2");
    if (wireType == "task_v3"_L1)
        return QCoreApplication::translate("RunFormat", "Task v3");
    if (wireType == "openai_cua"_L1)
        return QCoreApplication::translate("RunFormat", "OpenAI CUA");
    if (wireType == "anthropic_cua"_L1)
        return QCoreApplication::translate("RunFormat", "Anthropic CUA");
    if (wireType == "ui_tars"_L1)
        return QCoreApplication::translate("RunFormat", "UI-TARS");
    if (wireType == "yutori_navigator"_L1)
        return QCoreApplication::translate("RunFormat", "Yutori Navigator");
    return wireType.left(40); // a type added since: shown as the server names it
}

QStringList RunFormat::runTypes()
{
    return {u"workflow_run"_s, u"task_v2"_s, u"task_v1"_s, u"task_v3"_s, u"openai_cua"_s,
        u"anthropic_cua"_s, u"ui_tars"_s, u"yutori_navigator"_s};
}

QColor RunFormat::statusColor(RunStatus status)
{
    switch (status) {
    case RunStatus::Completed:
        return QColor(0x1a, 0x7f, 0x37);
    case RunStatus::Failed:
    case RunStatus::Terminated:
        return QColor(0xcf, 0x22, 0x2e);
    case RunStatus::TimedOut:
    case RunStatus::Partial:
        return QColor(0xbc, 0x4c, 0x00);
    case RunStatus::Running:
        return QColor(0x09, 0x69, 0xda);
    case RunStatus::Queued:
    case RunStatus::Created:
        return QColor(0x82, 0x50, 0xdf);
    case RunStatus::Paused:
        return QColor(0x9a, 0x67, 0x00);
    case RunStatus::Canceled:
    case RunStatus::Unknown:
        break;
    }
    return QColor(0x65, 0x6d, 0x76);
}

namespace {
/**
 * The user's locale's own patterns for a run's time: the clock with seconds (its long time
 * format without the zone), the day with and without the year. Worked out once per locale, as
 * every visible cell asks.
 */
struct LocalPatterns
{
    QString localeName;
    QString clock;
    QString dayInYear;
    QString day;

    static const LocalPatterns &of(const QLocale &locale)
    {
        thread_local LocalPatterns cached;
        if (cached.localeName != locale.name() || cached.clock.isEmpty()) {
            cached.localeName = locale.name();
            static const QRegularExpression zone(u"\\s*\\(?\\bt\\b\\)?"_s);
            cached.clock = locale.timeFormat(QLocale::LongFormat).remove(zone).trimmed();
            cached.day = locale.dateFormat(QLocale::ShortFormat);
            // The year and the separators beside it, where it leads or ends the pattern.
            static const QRegularExpression trailingYear(u"[^dM]*y+[^dM]*$"_s);
            static const QRegularExpression leadingYear(u"^[^dM]*y+[^dM]*"_s);
            cached.dayInYear = QString(cached.day).remove(trailingYear).remove(leadingYear);
            if (cached.dayInYear.isEmpty())
                cached.dayInYear = cached.day;
        }
        return cached;
    }
};
} // namespace

QString RunFormat::localTime(const QDateTime &time, const QDateTime &now)
{
    if (!time.isValid())
        return {};
    const QDateTime local = time.toLocalTime();
    const QLocale locale;
    const LocalPatterns &patterns = LocalPatterns::of(locale);
    const QString clock = locale.toString(local.time(), patterns.clock);
    if (local.date() == now.toLocalTime().date())
        return QCoreApplication::translate("RunFormat", "Today %1").arg(clock);
    const QString &dateFormat = local.date().year() == now.toLocalTime().date().year()
        ? patterns.dayInYear
        : patterns.day;
    return locale.toString(local.date(), dateFormat) + u' ' + clock;
}

QString RunFormat::duration(qint64 milliseconds)
{
    if (milliseconds < 0)
        return {};
    if (milliseconds < 1000)
        return QCoreApplication::translate("RunFormat", "%1 ms").arg(milliseconds);
    const qint64 seconds = milliseconds / 1000;
    if (seconds < 60)
        return QCoreApplication::translate("RunFormat", "%1 s").arg(seconds);
    if (seconds < 3600)
        return QCoreApplication::translate("RunFormat", "%1 m %2 s")
            .arg(seconds / 60)
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    if (seconds < 86400)
        return QCoreApplication::translate("RunFormat", "%1 h %2 m")
            .arg(seconds / 3600)
            .arg(seconds % 3600 / 60, 2, 10, QLatin1Char('0'));
    return QCoreApplication::translate("RunFormat", "%1 d %2 h")
        .arg(seconds / 86400)
        .arg(seconds % 86400 / 3600);
}

QString RunFormat::clock(qint64 milliseconds)
{
    const qint64 seconds = qMax<qint64>(0, milliseconds) / 1000;
    return QStringLiteral("%1:%2")
        .arg(seconds / 60, 2, 10, QChar(u'0'))
        .arg(seconds % 60, 2, 10, QChar(u'0'));
}
