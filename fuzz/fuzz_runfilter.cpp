// A saved filter (the server's query string, read back from the settings file).
#include <QUrlQuery>

#include "fuzzinput.h"
#include "runfilter.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const RunFilter filter
        = RunFilter::fromQuery(QUrlQuery(QString::fromUtf8(fuzzInput(data, size))));
    QUrlQuery again;
    filter.addTo(again, true);
    // What is written back reads back the same.
    fuzzRequire(RunFilter::fromQuery(again) == filter);
    return 0;
}
