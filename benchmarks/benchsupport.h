#pragma once

#include <algorithm>
#include <functional>
#include <unistd.h>
#include <utility>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QList>
#include <QTextStream>

/** Wall time of one run of `work`, in milliseconds. */
inline double timedMs(const std::function<void()> &work)
{
    QElapsedTimer timer;
    timer.start();
    work();
    return timer.nsecsElapsed() / 1e6;
}

/** Median wall time of `rounds` runs of `work`, in milliseconds. */
inline double medianMs(int rounds, const std::function<void()> &work)
{
    QList<double> times;
    for (int i = 0; i < rounds; ++i)
        times.append(timedMs(work));
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

/**
 * Medians of `first` and `second` run alternately, each returning the milliseconds it measured:
 * a ratio of the two then holds while the machine's speed drifts (other tenants, frequency
 * scaling).
 */
inline std::pair<double, double> interleavedMediansMs(
    int rounds, const std::function<double()> &first, const std::function<double()> &second)
{
    QList<double> a;
    QList<double> b;
    for (int i = 0; i < rounds; ++i) {
        a.append(first());
        b.append(second());
    }
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return {a.at(a.size() / 2), b.at(b.size() / 2)};
}

/** Resident memory of this process in KiB. */
inline qint64 residentKib()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    return statm.readAll().split(' ').value(1).toLongLong() * 4;
}

/** CPU time (user + system) a process has used so far, in seconds. */
inline double processCpuSeconds(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    // Fields after the command name, which is in parentheses and may hold spaces.
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    const double ticks = fields.value(11).toDouble() + fields.value(12).toDouble();
    return ticks / double(sysconf(_SC_CLK_TCK));
}

/** Prints one figure and adds it to the results object. */
inline void report(QJsonObject &results, const QString &name, double value, const QString &unit,
    const QString &target)
{
    QTextStream out(stdout);
    out << name.leftJustified(30) << QString::number(value, 'f', 3).rightJustified(12) << ' '
        << unit.leftJustified(8) << "  target " << target << '\n';
    results.insert(name,
        QJsonObject {{QStringLiteral("value"), value}, {QStringLiteral("unit"), unit},
            {QStringLiteral("target"), target}});
}
