#include "startuptrace.h"

#include <cstdio>
#include <utility>
#include <vector>

#include <QElapsedTimer>

namespace {
struct Trace
{
    QElapsedTimer clock;
    std::vector<std::pair<const char *, qint64>> marks;
};

Trace &trace()
{
    static Trace instance;
    return instance;
}
} // namespace

void StartupTrace::begin()
{
    trace().clock.start();
    trace().marks.reserve(32);
}

void StartupTrace::mark(const char *what)
{
    if (trace().clock.isValid())
        trace().marks.emplace_back(what, trace().clock.nsecsElapsed());
}

void StartupTrace::print()
{
    for (const auto &[what, nsecs] : trace().marks)
        std::printf("checkpoint %.3f %s\n", nsecs / 1e6, what);
    std::fflush(stdout);
}
