// A run list as `GET /v1/workflows/runs` answers it.
#include "fuzzinput.h"
#include "workflowrun.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    QString error;
    const auto runs = workflowRunsFromJson(fuzzInput(data, size), &error);
    fuzzRequire(runs || !error.isEmpty()); // a failure always says why
    return 0;
}
