#include "historychart.h"

#include <cmath>

#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include "runformat.h"
#include "theme.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int kSwatch = 10;

/** 1, 2 or 5 times a power of ten, at least `value`: gridlines at round numbers. */
double niceCeiling(double value)
{
    if (value <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    const double fraction = value / magnitude;
    const double nice = fraction <= 1 ? 1
        : fraction <= 2               ? 2
        : fraction <= 2.5             ? 2.5
        : fraction <= 5               ? 5
                                      : 10;
    return nice * magnitude;
}

QString number(double value)
{
    return value == std::floor(value) ? QLocale().toString(qint64(value))
                                      : QLocale().toString(value, 'f', 1);
}
} // namespace

HistoryChart::HistoryChart(Measure measure, QWidget *parent)
    : QWidget(parent)
    , m_measure(measure)
{
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAccessibleName(measure == Measure::RunsByStatus ? tr("Runs by status over time")
                                                       : tr("Compute units over time"));
}

void HistoryChart::setSummary(const HistorySummary &summary)
{
    // The keys stay on the same time (the newest bar when it was the newest) across updates.
    const QDateTime current = m_bucket >= 0 && m_bucket < m_summary.buckets.size()
        ? m_summary.buckets.at(m_bucket).start
        : QDateTime();
    const bool wasLast = m_bucket >= 0 && m_bucket == m_summary.buckets.size() - 1;
    m_summary = summary;
    int bucket = -1;
    if (wasLast)
        bucket = int(m_summary.buckets.size()) - 1;
    else if (current.isValid()) {
        for (int index = 0; index < m_summary.buckets.size(); ++index) {
            if (m_summary.buckets.at(index).start == current)
                bucket = index;
        }
    }
    m_bucket = bucket;
    if (m_bucket < 0 || !statusesIn(m_bucket).contains(m_status))
        m_status = RunStatus::Unknown;
    setAccessibleDescription(describe(m_bucket, m_status));
    update();
}

void HistoryChart::setCurrent(int bucket, RunStatus status)
{
    if (bucket < -1 || bucket >= m_summary.buckets.size())
        return;
    if (bucket == m_bucket && status == m_status)
        return;
    m_bucket = bucket;
    m_status = status;
    setAccessibleDescription(describe(m_bucket, m_status));
    update();
    emit currentChanged(m_bucket, m_status);
}

QSize HistoryChart::sizeHint() const
{
    return {720, m_measure == Measure::RunsByStatus ? 260 : 150};
}

QSize HistoryChart::minimumSizeHint() const
{
    return {240, m_measure == Measure::RunsByStatus ? 160 : 110};
}

double HistoryChart::valueOf(const HistoryBucket &bucket) const
{
    return m_measure == Measure::RunsByStatus ? bucket.runs : bucket.computeUnits;
}

double HistoryChart::axisMax() const
{
    double most = 0;
    for (const HistoryBucket &bucket : m_summary.buckets)
        most = qMax(most, valueOf(bucket));
    // Four gridlines at round steps (counts: whole ones), the top one at or above the highest.
    const double step = niceCeiling(most / 4);
    return 4 * (m_measure == Measure::RunsByStatus ? qMax(1.0, std::ceil(step)) : step);
}

int HistoryChart::axisLabelWidth() const
{
    int widest = 0;
    for (int line = 0; line <= 4; ++line)
        widest = qMax(widest, fontMetrics().horizontalAdvance(number(axisMax() * line / 4.0)));
    return widest;
}

void HistoryChart::setMinimumAxisLabelWidth(int width)
{
    m_minimumLabelWidth = width;
    update();
}

QRect HistoryChart::plotRect() const
{
    const QFontMetrics metrics = fontMetrics();
    const int left = qMax(axisLabelWidth(), m_minimumLabelWidth) + 12;
    // The same on every chart, so a bar of one stands over the same time's bar of the other.
    const int right = metrics.horizontalAdvance(QLocale().toString(100) + u'%') + 10;
    const int top = metrics.height() + 12; // the legend
    const int bottom = metrics.height() + 8; // the time labels
    return rect().adjusted(left, top, -right, -bottom);
}

QRect HistoryChart::barRect(int bucket) const
{
    if (bucket < 0 || bucket >= m_summary.buckets.size())
        return {};
    const QRect plot = plotRect();
    const double slot = double(plot.width()) / double(m_summary.buckets.size());
    // Slim bars on a wide chart: a week's seven would otherwise be slabs.
    const int width = qBound(1, int(slot * 0.72), qMax(1, fontMetrics().height() * 3));
    const int x = plot.left() + int(slot * bucket + (slot - width) / 2);
    const double value = valueOf(m_summary.buckets.at(bucket));
    const int height = int(std::round(value / axisMax() * plot.height()));
    return {x, plot.bottom() - height + 1, width, height};
}

QColor HistoryChart::colorOf(RunStatus status) const
{
    // Statuses that share a badge colour (failed, terminated) still part in a stack.
    const QColor color = RunFormat::statusColor(status);
    int same = 0;
    for (RunStatus each : m_summary.statuses) {
        if (each == status)
            break;
        same += RunFormat::statusColor(each) == color;
    }
    if (same == 0)
        return color;
    // Told apart by lightness, away from the ground: lighter on a dark palette.
    return ThemeColors::isDark(palette()) ? color.lighter(100 + 45 * same)
                                          : color.darker(100 + 45 * same);
}

QList<RunStatus> HistoryChart::statusesIn(int bucket) const
{
    QList<RunStatus> statuses;
    if (bucket < 0 || bucket >= m_summary.buckets.size() || m_measure != Measure::RunsByStatus)
        return statuses;
    const HistoryBucket &bar = m_summary.buckets.at(bucket);
    for (RunStatus status : m_summary.statuses) {
        if (bar.count(status) > 0)
            statuses.append(status);
    }
    return statuses;
}

QRect HistoryChart::segmentRect(int bucket, RunStatus status) const
{
    const QRect bar = barRect(bucket);
    if (bar.isEmpty() || m_measure != Measure::RunsByStatus)
        return {};
    const HistoryBucket &counts = m_summary.buckets.at(bucket);
    // Stacked from the bottom in the summary's order; each part's top is rounded once so the
    // parts meet without gaps.
    const QRect plot = plotRect();
    int below = 0;
    for (RunStatus each : m_summary.statuses) {
        const int count = counts.count(each);
        if (count == 0)
            continue;
        const int bottom = plot.bottom() + 1 - int(std::round(below / axisMax() * plot.height()));
        const int top
            = plot.bottom() + 1 - int(std::round((below + count) / axisMax() * plot.height()));
        if (each == status)
            return QRect(bar.left(), top, bar.width(), qMax(1, bottom - top));
        below += count;
    }
    return {};
}

HistoryChart::Hit HistoryChart::hitAt(const QPoint &point) const
{
    const QRect plot = plotRect();
    if (m_summary.buckets.isEmpty() || point.x() < plot.left() || point.x() > plot.right()
        || point.y() < plot.top() - 4 || point.y() > plot.bottom() + 4)
        return {};
    const double slot = double(plot.width()) / double(m_summary.buckets.size());
    const int bucket
        = qBound(0, int((point.x() - plot.left()) / slot), int(m_summary.buckets.size()) - 1);
    for (RunStatus status : statusesIn(bucket)) {
        const QRect segment = segmentRect(bucket, status);
        if (point.y() >= segment.top() && point.y() <= segment.bottom())
            return {bucket, status};
    }
    return {bucket, RunStatus::Unknown};
}

QString HistoryChart::spanLabel(
    const QDateTime &start, const QDateTime &end, HistoryBucketSize size, bool withEnd)
{
    const QLocale locale;
    const QDateTime from = start.toLocalTime();
    if (size == HistoryBucketSize::Day)
        return locale.toString(from.date(), u"ddd d MMM"_s);
    const QString hour = locale.toString(from.time(), u"HH:mm"_s);
    if (!withEnd)
        return hour;
    return tr("%1, %2–%3")
        .arg(locale.toString(from.date(), u"ddd d MMM"_s), hour,
            locale.toString(end.toLocalTime().time(), u"HH:mm"_s));
}

QString HistoryChart::bucketLabel(const HistoryBucket &bucket, bool withEnd) const
{
    return spanLabel(bucket.start, bucket.end, m_summary.bucketSize, withEnd);
}

QString HistoryChart::describe(int bucket, RunStatus status) const
{
    if (bucket < 0 || bucket >= m_summary.buckets.size())
        return {};
    const HistoryBucket &bar = m_summary.buckets.at(bucket);
    const QString when = bucketLabel(bar, true);
    if (m_measure == Measure::ComputeUnits)
        return tr("%1: %2 compute units over %n run(s)", nullptr, bar.runs)
            .arg(when, number(bar.computeUnits));
    if (bar.runs == 0)
        return tr("%1: no runs").arg(when);
    if (status != RunStatus::Unknown && bar.count(status) > 0)
        return tr("%1: %2 of %n run(s) %3. Enter shows them in the list.", nullptr, bar.runs)
            .arg(when)
            .arg(bar.count(status))
            .arg(RunFormat::statusText(status, {}));
    QStringList parts;
    for (RunStatus each : m_summary.statuses) {
        if (const int count = bar.count(each))
            parts.append(u"%1 %2"_s.arg(count).arg(RunFormat::statusText(each, {})));
    }
    QString text = tr("%1: %n run(s) (%2)", nullptr, bar.runs).arg(when, parts.join(u", "_s));
    if (bar.failureRate() >= 0)
        text += u". "_s
            + tr("%1% of finished runs ended failing")
                  .arg(QLocale().toString(bar.failureRate() * 100, 'f', 0));
    return text + u'.';
}

void HistoryChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, false);
    const QPalette pal = palette();
    const QFontMetrics metrics = fontMetrics();
    const QRect plot = plotRect();
    const QColor text = pal.color(QPalette::WindowText);
    QColor grid = pal.color(QPalette::WindowText);
    grid.setAlpha(ThemeColors::isDark(pal) ? 70 : 45);
    QColor faint = pal.color(QPalette::PlaceholderText);

    // The legend: each status present, then the failure rate's line.
    int x = plot.left();
    const int legendY = 2;
    const auto swatch = [&](const QColor &color, const QString &label, bool line) {
        const int middle = legendY + metrics.height() / 2;
        if (line) {
            painter.setPen(QPen(color, 2));
            painter.drawLine(x, middle, x + kSwatch + 4, middle);
            x += kSwatch + 8;
        } else {
            painter.fillRect(QRect(x, middle - kSwatch / 2, kSwatch, kSwatch), color);
            x += kSwatch + 4;
        }
        painter.setPen(text);
        painter.drawText(QRect(x, legendY, metrics.horizontalAdvance(label) + 2, metrics.height()),
            Qt::AlignVCenter, label);
        x += metrics.horizontalAdvance(label) + 14;
    };
    if (m_measure == Measure::RunsByStatus) {
        for (RunStatus status : m_summary.statuses)
            swatch(colorOf(status), RunFormat::statusText(status, {}), false);
        if (m_summary.finished > 0)
            swatch(ThemeColors::failureText(pal),
                tr("Failure rate (failed, terminated, timed out, partial)"), true);
    } else {
        swatch(pal.color(QPalette::Highlight), tr("Compute units"), false);
    }

    // Gridlines with their values, left; the failure rate's scale, right.
    const double top = axisMax();
    for (int line = 0; line <= 4; ++line) {
        const int y = plot.bottom() - int(std::round(plot.height() * line / 4.0));
        painter.setPen(QPen(grid, 1, line == 0 ? Qt::SolidLine : Qt::DotLine));
        painter.drawLine(plot.left(), y, plot.right(), y);
        painter.setPen(faint);
        painter.drawText(QRect(0, y - metrics.height() / 2, plot.left() - 6, metrics.height()),
            Qt::AlignRight | Qt::AlignVCenter, number(top * line / 4.0));
        if (m_measure == Measure::RunsByStatus && m_summary.finished > 0)
            painter.drawText(
                QRect(plot.right() + 6, y - metrics.height() / 2, 60, metrics.height()),
                Qt::AlignLeft | Qt::AlignVCenter, QLocale().toString(line * 25) + u'%');
    }

    if (m_summary.runs == 0) {
        painter.setPen(faint);
        painter.drawText(plot, Qt::AlignCenter, tr("No runs in this range"));
    }

    // The bars.
    const int count = int(m_summary.buckets.size());
    for (int bucket = 0; bucket < count; ++bucket) {
        if (m_measure == Measure::RunsByStatus) {
            for (RunStatus status : statusesIn(bucket))
                painter.fillRect(segmentRect(bucket, status), colorOf(status));
        } else {
            painter.fillRect(barRect(bucket), pal.color(QPalette::Highlight));
        }
    }

    // Time labels, as many as fit.
    if (count > 0) {
        const double slot = double(plot.width()) / count;
        const int widest
            = metrics.horizontalAdvance(bucketLabel(m_summary.buckets.constFirst(), false)) + 16;
        const int step = qMax(1, int(std::ceil(widest / slot)));
        painter.setPen(faint);
        for (int bucket = 0; bucket < count; bucket += step) {
            const HistoryBucket &bar = m_summary.buckets.at(bucket);
            // By the hour, midnight is named by its day.
            QString label = bucketLabel(bar, false);
            if (m_summary.bucketSize == HistoryBucketSize::Hour && bar.start.time().hour() == 0)
                label = QLocale().toString(bar.start.date(), u"d MMM"_s);
            const int centre = plot.left() + int(slot * (bucket + 0.5));
            painter.drawText(
                QRect(centre - widest / 2, plot.bottom() + 4, widest, metrics.height()),
                Qt::AlignHCenter | Qt::AlignTop, label);
        }
    }

    // The failure rate over the bars.
    if (m_measure == Measure::RunsByStatus && m_summary.finished > 0) {
        painter.setRenderHint(QPainter::Antialiasing, true);
        const QColor failure = ThemeColors::failureText(pal);
        QPainterPath path;
        bool started = false;
        const double slot = double(plot.width()) / qMax(1, count);
        for (int bucket = 0; bucket < count; ++bucket) {
            const double rate = m_summary.buckets.at(bucket).failureRate();
            if (rate < 0)
                continue;
            const QPointF point(
                plot.left() + slot * (bucket + 0.5), plot.bottom() - rate * plot.height());
            if (started)
                path.lineTo(point);
            else
                path.moveTo(point);
            started = true;
            painter.setPen(Qt::NoPen);
            painter.setBrush(failure);
            painter.drawEllipse(point, 2.5, 2.5);
        }
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(failure, 1.5));
        painter.drawPath(path);
        painter.setRenderHint(QPainter::Antialiasing, false);
    }

    // Where the keys are: an outline around the chosen part (or bar).
    if (hasFocus() && m_bucket >= 0) {
        QRect chosen
            = m_status == RunStatus::Unknown ? barRect(m_bucket) : segmentRect(m_bucket, m_status);
        if (chosen.height() < 3)
            chosen = QRect(chosen.left(), plot.bottom() - 3, chosen.width(), 4);
        // The text colour reads on every status colour and on the ground, light or dark.
        painter.setPen(QPen(pal.color(QPalette::WindowText), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(chosen.adjusted(-2, -2, 1, 1));
    }
}

bool HistoryChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const Hit hit = hitAt(help->pos());
        if (hit.bucket >= 0)
            QToolTip::showText(help->globalPos(), describe(hit.bucket, hit.status), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void HistoryChart::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    const Hit hit = hitAt(event->position().toPoint());
    if (hit.bucket < 0 || m_summary.buckets.at(hit.bucket).runs == 0)
        return;
    setFocus(Qt::MouseFocusReason);
    setCurrent(hit.bucket, hit.status);
    emit sliceActivated(hit.bucket, hit.status);
}

void HistoryChart::focusInEvent(QFocusEvent *event)
{
    // The newest bar with runs: what is asked about first ("and now?").
    if (m_bucket < 0) {
        for (int bucket = int(m_summary.buckets.size()) - 1; bucket >= 0; --bucket) {
            if (m_summary.buckets.at(bucket).runs > 0) {
                setCurrent(bucket);
                break;
            }
        }
    }
    QWidget::focusInEvent(event);
    update();
}

void HistoryChart::keyPressEvent(QKeyEvent *event)
{
    const int count = int(m_summary.buckets.size());
    if (count == 0) {
        QWidget::keyPressEvent(event);
        return;
    }
    const int bucket = qMax(0, m_bucket);
    switch (event->key()) {
    case Qt::Key_Left:
        setCurrent(qMax(0, bucket - 1));
        return;
    case Qt::Key_Right:
        setCurrent(qMin(count - 1, m_bucket < 0 ? 0 : bucket + 1));
        return;
    case Qt::Key_Home:
        setCurrent(0);
        return;
    case Qt::Key_End:
        setCurrent(count - 1);
        return;
    case Qt::Key_Up:
    case Qt::Key_Down: {
        // The whole bar, then each status from the bottom up (Up), or back (Down).
        QList<RunStatus> choices {RunStatus::Unknown};
        choices.append(statusesIn(bucket));
        const int at = int(choices.indexOf(m_status));
        const int next = event->key() == Qt::Key_Up ? (at + 1) % choices.size()
                                                    : (at - 1 + choices.size()) % choices.size();
        setCurrent(bucket, choices.at(next));
        return;
    }
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_bucket >= 0 && m_summary.buckets.at(m_bucket).runs > 0)
            emit sliceActivated(m_bucket, m_status);
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}
