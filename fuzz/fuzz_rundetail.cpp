// One run as `GET /v1/runs/{run_id}` answers it.
#include "fuzzinput.h"
#include "rundetail.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    QString error;
    const auto detail = RunDetail::fromJson(fuzzInput(data, size), &error);
    if (detail)
        (void)detail->toJson(); // what the detail pane shows must round-trip too
    fuzzRequire(detail || !error.isEmpty()); // a failure always says why
    return 0;
}
