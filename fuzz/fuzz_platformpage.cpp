// The second platform's envelope `{code, data: {hasMore, items, ...}, message, requestId}`.
#include "fuzzinput.h"
#include "platformrunpage.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    QString error;
    const auto page = PlatformRunPage::fromJson(fuzzInput(data, size), &error);
    fuzzRequire(page || !error.isEmpty()); // a failure always says why
    return 0;
}
