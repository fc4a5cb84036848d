#include "deferredanswers.h"

#include <QPointer>

RequestId DeferredAnswers::post(QObject *context, std::function<void()> answer)
{
    const RequestId id = nextRequestId();
    m_pending.insert(id);
    QMetaObject::invokeMethod(
        context ? context : this,
        [guard = QPointer<DeferredAnswers>(this), id, answer = std::move(answer)] {
            if (guard && guard->m_pending.remove(id))
                answer();
        },
        Qt::QueuedConnection);
    return id;
}
