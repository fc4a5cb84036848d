#pragma once

#include <algorithm>
#include <functional>
#include <unistd.h>
#include <utility>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTextStream>

/** Wall time of one run of `work`, in milliseconds. */
inline double timedMs(const std::function<void()> &work)
{
    QElapsedTimer timer;
    timer.start();
    work();
    return timer.nsecsElapsed() / 1e6;
}

/** A figure over its rounds: the median is the figure, min and max its spread. */
struct Spread
{
    double min = 0;
    double median = 0;
    double max = 0;
    int rounds = 0;

    /** One measurement of something measured once (a count, a total over a long run). */
    static Spread once(double value) { return {value, value, value, 1}; }
    static Spread of(QList<double> samples)
    {
        if (samples.isEmpty())
            return {};
        std::sort(samples.begin(), samples.end());
        return {
            samples.first(), samples.at(samples.size() / 2), samples.last(), int(samples.size())};
    }
    /** The spread of `value(sample)` over paired samples, such as a ratio per round. */
    static Spread of(const QList<double> &a, const QList<double> &b,
        const std::function<double(double, double)> &combine)
    {
        QList<double> combined;
        for (qsizetype i = 0; i < qMin(a.size(), b.size()); ++i)
            combined.append(combine(a.at(i), b.at(i)));
        return of(combined);
    }
    /** The same spread in another unit. */
    Spread scaled(double factor) const
    {
        return {min * factor, median * factor, max * factor, rounds};
    }
};

/** Wall times of `rounds` runs of `work`, in milliseconds. */
inline QList<double> timesMs(int rounds, const std::function<void()> &work)
{
    QList<double> times;
    for (int i = 0; i < rounds; ++i)
        times.append(timedMs(work));
    return times;
}

/** The spread of `rounds` wall times of `work`, in milliseconds. */
inline Spread spreadMs(int rounds, const std::function<void()> &work)
{
    return Spread::of(timesMs(rounds, work));
}

/**
 * `first` and `second` run alternately, each returning the milliseconds it measured: a ratio of
 * the two, round by round, then holds while the machine's speed drifts (other tenants,
 * frequency scaling).
 */
inline std::pair<QList<double>, QList<double>> interleavedMs(
    int rounds, const std::function<double()> &first, const std::function<double()> &second)
{
    QList<double> a;
    QList<double> b;
    for (int i = 0; i < rounds; ++i) {
        a.append(first());
        b.append(second());
    }
    return {a, b};
}

/** A figure's target: its median at most, at least or exactly a bound. */
struct Target
{
    enum class Kind { AtMost, AtLeast, Exactly };
    Kind kind = Kind::AtMost;
    double bound = 0;
    /** Judged on the worst round (max or min) rather than the median: "every time". */
    bool everyRound = false;

    static Target atMost(double bound) { return {Kind::AtMost, bound}; }
    static Target atLeast(double bound) { return {Kind::AtLeast, bound}; }
    static Target exactly(double bound) { return {Kind::Exactly, bound}; }
    Target inEveryRound() const
    {
        Target target = *this;
        target.everyRound = true;
        return target;
    }
    bool isMetBy(const Spread &spread) const
    {
        if (everyRound && kind == Kind::Exactly)
            return spread.min == bound && spread.max == bound;
        return isMetBy(judged(spread));
    }
    /** The value of `spread` this target judges. */
    double judged(const Spread &spread) const
    {
        if (!everyRound)
            return spread.median;
        return kind == Kind::AtLeast ? spread.min : spread.max;
    }
    bool isMetBy(double value) const
    {
        switch (kind) {
        case Kind::AtMost:
            return value <= bound;
        case Kind::AtLeast:
            return value >= bound;
        case Kind::Exactly:
            return value == bound;
        }
        return false;
    }
    /** As results.json and the table write it: "<= 1.5", ">= 50000", "== 0". */
    QString text() const
    {
        static const char *const kOperators[] {"<=", ">=", "=="};
        return QStringLiteral("%1 %2").arg(
            QLatin1String(kOperators[int(kind)]), QString::number(bound, 'g', 10));
    }
};

/**
 * The benchmark's figures, each with a target and a spread, and beside them the context they
 * are read against (floors such as curl's time, sizes, counts). Printed as a Markdown table as
 * they come, written to results.json at the end.
 */
class BenchResults
{
public:
    void figure(const QString &name, const Spread &spread, const QString &unit,
        const Target &target, const QString &note = {})
    {
        const bool met = target.isMetBy(spread);
        m_missed += met ? 0 : 1;
        print(name, spread, unit,
            target.everyRound ? target.text() + QStringLiteral(", every round") : target.text(),
            met ? QStringLiteral("yes") : QStringLiteral("**no**"), note);
        m_figures.insert(name,
            QJsonObject {{QStringLiteral("value"), spread.median},
                {QStringLiteral("min"), spread.min}, {QStringLiteral("median"), spread.median},
                {QStringLiteral("max"), spread.max}, {QStringLiteral("rounds"), spread.rounds},
                {QStringLiteral("unit"), unit}, {QStringLiteral("target"), target.text()},
                {QStringLiteral("judged_on"),
                    target.everyRound ? QStringLiteral("every round") : QStringLiteral("median")},
                {QStringLiteral("met"), met}, {QStringLiteral("note"), note}});
    }
    void context(
        const QString &name, const Spread &spread, const QString &unit, const QString &note)
    {
        print(name, spread, unit, QStringLiteral("context"), QString(), note);
        m_context.insert(name,
            QJsonObject {{QStringLiteral("value"), spread.median},
                {QStringLiteral("min"), spread.min}, {QStringLiteral("median"), spread.median},
                {QStringLiteral("max"), spread.max}, {QStringLiteral("rounds"), spread.rounds},
                {QStringLiteral("unit"), unit}, {QStringLiteral("note"), note}});
    }
    int missedCount() const { return m_missed; }
    int figureCount() const { return int(m_figures.size()); }
    QJsonObject toJson() const
    {
        return {{QStringLiteral("figures"), m_figures}, {QStringLiteral("context"), m_context},
            {QStringLiteral("targets_missed"), m_missed}};
    }
    static void printHeader()
    {
        QTextStream out(stdout);
        out << "| figure | median | min – max | unit | target | met | note |\n"
            << "|---|--:|--:|---|---|---|---|\n";
    }

private:
    static QString number(double value)
    {
        const double size = qAbs(value);
        return QString::number(value, 'f', size >= 1000 ? 0 : size >= 10 ? 1 : size >= 1 ? 2 : 3);
    }
    static void print(const QString &name, const Spread &spread, const QString &unit,
        const QString &target, const QString &met, const QString &note)
    {
        QTextStream out(stdout);
        const QString range = spread.rounds > 1
            ? QStringLiteral("%1 – %2").arg(number(spread.min), number(spread.max))
            : QString();
        out << "| " << name << " | " << number(spread.median) << " | " << range << " | " << unit
            << " | " << target << " | " << met << " | " << note << " |" << Qt::endl;
    }

    QJsonObject m_figures;
    QJsonObject m_context;
    int m_missed = 0;
};

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
