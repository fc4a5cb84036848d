#include "requestid.h"

#include <atomic>

RequestId nextRequestId()
{
    static std::atomic<RequestId> next {1};
    return next.fetch_add(1, std::memory_order_relaxed);
}
