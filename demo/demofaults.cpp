#include "demofaults.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
const QList<DemoFault> kAllFaults {DemoFault::Latency, DemoFault::Stall, DemoFault::Reset,
    DemoFault::ServerError, DemoFault::BadGateway, DemoFault::Unavailable, DemoFault::RateLimited,
    DemoFault::Malformed, DemoFault::Truncated, DemoFault::WrongType, DemoFault::Absurd,
    DemoFault::DuplicateIds, DemoFault::LaunchReset};

// The absurd but valid values a server might one day send.
QJsonObject absurd(QJsonObject run, QRandomGenerator &random)
{
    switch (random.bounded(6)) {
    case 0:
        run.insert(u"failure_reason"_s, QString(5 * 1024 * 1024, u'x')); // 5 MB of reason
        break;
    case 1:
        run.insert(u"created_at"_s, u"9999-12-31T23:59:59"_s);
        break;
    case 2:
        run.insert(u"workflow_run_id"_s, QString());
        break;
    case 3:
        run.insert(u"status"_s, u"exploded"_s);
        break;
    case 4:
        run.insert(u"workflow_title"_s, u"\u202Eטופס הזמנה \U0001F680 ﷽ 🇮🇱"_s);
        break;
    default: {
        QJsonArray errors;
        for (int i = 0; i < 10000; ++i)
            errors.append(QJsonObject {
                {u"error_code"_s, u"E%1"_s.arg(i)}, {u"reasoning"_s, u"one of ten thousand"_s}});
        run.insert(u"errors"_s, errors);
        break;
    }
    }
    return run;
}
} // namespace

DemoFaultInjector::DemoFaultInjector(DemoFaultOptions options)
    : m_options(std::move(options))
    , m_random(m_options.seed ^ 0xfa017U)
{
    if (m_options.kinds.isEmpty()) {
        m_options.kinds = kAllFaults;
        m_options.kinds.removeAll(DemoFault::LaunchReset); // only on request: it costs a run
    }
}

DemoFault DemoFaultInjector::pick(bool isLaunch, bool isArtifact)
{
    if (isLaunch && m_options.dropLaunchAnswers) {
        ++m_injected;
        return DemoFault::LaunchReset;
    }
    if (m_options.rate <= 0 || m_random.generateDouble() >= m_options.rate)
        return DemoFault::None;
    QList<DemoFault> choices = m_options.kinds;
    if (!isLaunch)
        choices.removeAll(DemoFault::LaunchReset);
    if (isArtifact) // a broken screenshot link: missing, or not an image
        choices = {DemoFault::NotFound, DemoFault::Malformed};
    if (choices.isEmpty())
        return DemoFault::None;
    ++m_injected;
    return choices.at(int(m_random.bounded(int(choices.size()))));
}

void DemoFaultInjector::mutate(DemoFault fault, DemoReply &reply)
{
    const auto error = [&reply](int status, const char *detail) {
        reply.status = status;
        reply.contentType = "application/json";
        reply.body = QByteArray("{\"detail\":\"") + detail + "\"}";
    };
    switch (fault) {
    case DemoFault::ServerError:
        return error(500, "Internal Server Error (injected)");
    case DemoFault::NotFound:
        return error(404, "Not Found (injected)");
    case DemoFault::BadGateway:
        return error(502, "Bad Gateway (injected)");
    case DemoFault::Unavailable:
        return error(503, "Service Unavailable (injected)");
    case DemoFault::RateLimited:
        return error(429, "Too many requests (injected)");
    case DemoFault::Malformed:
        reply.body = "<html><body>502 upstream exploded</body></html>";
        return;
    case DemoFault::Truncated:
        reply.body.truncate(qMax<qsizetype>(1, reply.body.size() / 2));
        return;
    default:
        break;
    }
    if (fault != DemoFault::WrongType && fault != DemoFault::Absurd
        && fault != DemoFault::DuplicateIds)
        return;
    QJsonDocument document = QJsonDocument::fromJson(reply.body);
    if (document.isArray() && !document.array().isEmpty()) {
        QJsonArray runs = document.array();
        const int index = int(m_random.bounded(int(runs.size())));
        if (fault == DemoFault::WrongType) {
            QJsonObject run = runs.at(index).toObject();
            run.insert(u"status"_s, 5);
            runs.replace(index, run);
        } else if (fault == DemoFault::Absurd) {
            runs.replace(index, absurd(runs.at(index).toObject(), m_random));
        } else {
            runs.append(runs.at(index)); // the same run twice on one page
        }
        reply.body = QJsonDocument(runs).toJson(QJsonDocument::Compact);
    } else if (document.isObject() && fault != DemoFault::DuplicateIds) {
        QJsonObject object = document.object();
        if (fault == DemoFault::WrongType)
            object.insert(u"status"_s, QJsonArray {1, 2});
        else
            object = absurd(object, m_random);
        reply.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    }
}

void DemoFaultInjector::deliver(DemoFault fault, DemoHttpResponder responder, DemoReply reply)
{
    switch (fault) {
    case DemoFault::Stall:
        return; // the connection stays open and silent
    case DemoFault::LaunchReset:
        responder.abort(); // the run exists; its answer never leaves
        return;
    case DemoFault::Reset:
        responder.sendCutShort(reply);
        return;
    case DemoFault::Latency:
        // The responder answers nothing if the client has gone by then.
        QTimer::singleShot(200 + int(m_random.bounded(1300)),
            [responder, reply]() mutable { responder.send(reply); });
        return;
    default:
        if (reply.status == 429)
            reply.headers.append({QByteArray("Retry-After"), QByteArray("1")});
        responder.send(reply);
        return;
    }
}

QString DemoFaultInjector::name(DemoFault fault)
{
    static const QStringList names {u"none"_s, u"latency"_s, u"stall"_s, u"reset"_s, u"500"_s,
        u"502"_s, u"503"_s, u"429"_s, u"malformed"_s, u"truncated"_s, u"wrong-type"_s, u"absurd"_s,
        u"duplicate-ids"_s, u"launch-reset"_s};
    return names.value(int(fault));
}

QStringList DemoFaultInjector::kindNames()
{
    QStringList names;
    for (DemoFault fault : kAllFaults)
        names.append(name(fault));
    return names;
}

bool DemoFaultInjector::parseKinds(const QString &text, QList<DemoFault> *kinds, QString *error)
{
    QList<DemoFault> parsed;
    const QStringList parts = text.split(u',');
    for (const QString &part : parts) {
        const QString wanted = part.trimmed();
        if (wanted.isEmpty())
            continue;
        const auto found = std::find_if(kAllFaults.begin(), kAllFaults.end(),
            [&wanted](DemoFault fault) { return name(fault) == wanted; });
        if (found == kAllFaults.end()) {
            if (error)
                *error = wanted;
            return false;
        }
        parsed.append(*found);
    }
    // Naming no fault at all is a mistake too: an empty list would quietly mean every fault.
    if (parsed.isEmpty()) {
        if (error)
            error->clear();
        return false;
    }
    kinds->append(parsed);
    return true;
}
