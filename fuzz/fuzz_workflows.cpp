// The workflow list with parameter definitions, as `GET /v1/agents` answers it.
#include "fuzzinput.h"
#include "workflow.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    QString error;
    const auto workflows = workflowsFromJson(fuzzInput(data, size), &error);
    fuzzRequire(workflows || !error.isEmpty()); // a failure always says why
    return 0;
}
