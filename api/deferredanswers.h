#pragma once

#include <functional>

#include <QObject>
#include <QSet>

#include "requestid.h"

/**
 * Answers given without a request (input refused before sending, a value already at hand),
 * delivered later on the event loop like a server's, and cancellable by their id like one.
 */
class DeferredAnswers final : public QObject
{
public:
    explicit DeferredAnswers(QObject *parent = nullptr)
        : QObject(parent)
    { }

    /** Runs `answer` on `context`'s thread (this object's when null) unless canceled first. */
    RequestId post(QObject *context, std::function<void()> answer);
    /** True when `id` was a pending answer; it is then never delivered. */
    bool cancel(RequestId id) { return m_pending.remove(id); }

private:
    QSet<RequestId> m_pending;
};
