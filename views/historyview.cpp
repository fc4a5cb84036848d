#include "historyview.h"

#include <algorithm>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "historychart.h"
#include "historyerrorcodemodel.h"
#include "historyworkflowmodel.h"
#include "theme.h"

using namespace Qt::StringLiterals;

namespace {
/** An error code's count per bar as small bars in its row: when it began, whether it stopped. */
class TrendDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override
    {
        QStyledItemDelegate::paint(painter, option, index);
        const auto counts = index.data(HistoryErrorCodeModel::CountsRole).value<QList<int>>();
        if (counts.isEmpty())
            return;
        const int most = *std::max_element(counts.cbegin(), counts.cend());
        if (most <= 0)
            return;
        const QRect area = option.rect.adjusted(4, 3, -4, -3);
        const double slot = double(area.width()) / double(counts.size());
        const QColor color = option.state & QStyle::State_Selected
            ? option.palette.color(QPalette::HighlightedText)
            : ThemeColors::failureText(option.palette);
        for (int bar = 0; bar < counts.size(); ++bar) {
            if (counts.at(bar) == 0)
                continue;
            const int height = qMax(1, int(area.height() * counts.at(bar) / double(most)));
            painter->fillRect(QRectF(area.left() + slot * bar, area.bottom() + 1 - height,
                                  qMax(1.0, slot - 1), height),
                color);
        }
    }
};

QTableView *makeTable(QAbstractItemModel *model, int sortRole, const QString &name,
    const QString &accessibleName, QWidget *parent)
{
    auto *proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(sortRole);
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setAccessibleName(accessibleName);
    table->setModel(proxy);
    table->setSortingEnabled(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setTabKeyNavigation(false); // Tab leaves the table, as in the rest of the view
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setHighlightSections(false);
    table->horizontalHeader()->setSortIndicator(1, Qt::DescendingOrder); // the most runs first
    return table;
}

QString when(const QDateTime &time)
{
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}
} // namespace

HistoryView::HistoryView(RunHistory *history, QWidget *parent)
    : QWidget(parent)
    , m_history(history)
    , m_title(new QLabel(this))
    , m_range(new QComboBox(this))
    , m_backfillButton(new QPushButton(tr("&Load older runs"), this))
    , m_progress(new QProgressBar(this))
    , m_cancelButton(new QPushButton(tr("Stop"), this))
    , m_coverage(new QLabel(this))
    , m_totals(new QLabel(this))
    , m_runsChart(new HistoryChart(HistoryChart::Measure::RunsByStatus, this))
    , m_computeTitle(new QLabel(tr("Compute units per bar (as the workflow platform reports "
                                   "them)"),
          this))
    , m_computeChart(new HistoryChart(HistoryChart::Measure::ComputeUnits, this))
    , m_current(new QLabel(this))
    , m_workflows(new HistoryWorkflowModel(this))
    , m_codes(new HistoryErrorCodeModel(this))
    , m_workflowTable(makeTable(m_workflows, HistoryWorkflowModel::SortRole,
          u"historyWorkflowTableView"_s, tr("Workflows"), this))
    , m_codeTable(makeTable(m_codes, HistoryErrorCodeModel::SortRole,
          u"historyErrorCodeTableView"_s, tr("Error codes"), this))
    , m_codesNote(new QLabel(this))
    , m_refreshTimer(new QTimer(this))
{
    setObjectName(u"historyView"_s);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText); // names the connection, which the user typed

    m_range->setObjectName(u"historyRangeComboBox"_s);
    m_range->setAccessibleName(tr("Range"));
    m_range->addItem(tr("Last 24 hours"), 1);
    m_range->addItem(tr("Last 7 days"), 7);
    m_range->addItem(tr("Last 30 days"), 30);
    m_range->addItem(tr("Last 90 days"), 90);
    m_range->setCurrentIndex(1);
    connect(m_range, &QComboBox::currentIndexChanged, this, &HistoryView::refresh);
    auto *rangeLabel = new QLabel(tr("&Range:"), this);
    rangeLabel->setBuddy(m_range);

    m_backfillButton->setObjectName(u"historyBackfillButton"_s);
    connect(m_backfillButton, &QPushButton::clicked, this,
        [this] { emit backfillRequested(rangeStart()); });
    m_progress->setObjectName(u"historyBackfillProgressBar"_s);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(160);
    m_progress->hide();
    m_cancelButton->setObjectName(u"historyBackfillStopButton"_s);
    m_cancelButton->setToolTip(tr("Stop reading older runs; those read are kept"));
    m_cancelButton->hide();
    connect(m_cancelButton, &QPushButton::clicked, this, &HistoryView::backfillCancelRequested);
    auto *back = new QPushButton(tr("&Back to runs"), this);
    back->setObjectName(u"historyBackButton"_s);
    back->setToolTip(tr("The run list (Esc)"));
    connect(back, &QPushButton::clicked, this, &HistoryView::closeRequested);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addSpacing(16);
    header->addWidget(rangeLabel);
    header->addWidget(m_range);
    header->addSpacing(8);
    header->addWidget(m_backfillButton);
    header->addWidget(m_progress);
    header->addWidget(m_cancelButton);
    header->addStretch(1);
    header->addWidget(back);

    for (QLabel *label : {m_coverage, m_totals, m_current, m_codesNote}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
    }
    m_coverage->setObjectName(u"historyCoverageLabel"_s);
    m_totals->setObjectName(u"historyTotalsLabel"_s);
    m_current->setObjectName(u"historyCurrentBarLabel"_s);
    m_current->setForegroundRole(QPalette::PlaceholderText);
    m_codesNote->setObjectName(u"historyCodesNoteLabel"_s);
    m_codesNote->setForegroundRole(QPalette::PlaceholderText);
    m_runsChart->setObjectName(u"historyRunsChart"_s);
    m_computeChart->setObjectName(u"historyComputeChart"_s);
    m_runsChart->setToolTip(QString()); // tooltips come bar by bar
    const auto showCurrent = [this](HistoryChart *chart) {
        m_current->setText(chart->describe(chart->currentBucket(), chart->currentStatus()));
    };
    connect(m_runsChart, &HistoryChart::currentChanged, this,
        [this, showCurrent] { showCurrent(m_runsChart); });
    connect(m_computeChart, &HistoryChart::currentChanged, this,
        [this, showCurrent] { showCurrent(m_computeChart); });
    connect(m_runsChart, &HistoryChart::sliceActivated, this, &HistoryView::activateBar);
    connect(m_computeChart, &HistoryChart::sliceActivated, this, &HistoryView::activateBar);

    m_workflowTable->setItemDelegate(new QStyledItemDelegate(m_workflowTable));
    m_workflowTable->horizontalHeader()->setSectionResizeMode(
        HistoryWorkflowModel::WorkflowColumn, QHeaderView::Stretch);
    m_workflowTable->setToolTip(tr("Enter or double-click: that workflow's runs in the list"));
    connect(m_workflowTable, &QTableView::activated, this, [this](const QModelIndex &index) {
        HistorySlice slice;
        slice.from = rangeStart();
        slice.workflowId = index.data(HistoryWorkflowModel::WorkflowIdRole).toString();
        emit sliceActivated(slice);
    });
    m_codeTable->setItemDelegateForColumn(
        HistoryErrorCodeModel::TrendColumn, new TrendDelegate(m_codeTable));
    m_codeTable->horizontalHeader()->setSectionResizeMode(
        HistoryErrorCodeModel::CodeColumn, QHeaderView::Stretch);
    m_codeTable->setColumnWidth(HistoryErrorCodeModel::TrendColumn, 140);
    m_codeTable->horizontalHeader()->setSectionResizeMode(
        HistoryErrorCodeModel::LastSeenColumn, QHeaderView::ResizeToContents);
    connect(m_codeTable, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (!m_codesFilterable)
            return;
        HistorySlice slice;
        slice.from = rangeStart();
        slice.errorCode
            = index.siblingAtColumn(HistoryErrorCodeModel::CodeColumn).data().toString();
        emit sliceActivated(slice);
    });

    auto *workflowBox = new QWidget(this);
    auto *workflowLayout = new QVBoxLayout(workflowBox);
    workflowLayout->setContentsMargins(0, 0, 0, 0);
    auto *workflowTitle = new QLabel(tr("&Workflows: runs, failures and duration"), workflowBox);
    workflowTitle->setBuddy(m_workflowTable);
    workflowLayout->addWidget(workflowTitle);
    workflowLayout->addWidget(m_workflowTable, 1);
    auto *codeBox = new QWidget(this);
    auto *codeLayout = new QVBoxLayout(codeBox);
    codeLayout->setContentsMargins(0, 0, 0, 0);
    auto *codeTitle = new QLabel(tr("Top &error codes over time"), codeBox);
    codeTitle->setBuddy(m_codeTable);
    codeLayout->addWidget(codeTitle);
    codeLayout->addWidget(m_codeTable, 1);
    codeLayout->addWidget(m_codesNote);
    auto *tables = new QSplitter(Qt::Horizontal, this);
    tables->setObjectName(u"historyTablesSplitter"_s);
    tables->setChildrenCollapsible(false);
    tables->addWidget(workflowBox);
    tables->addWidget(codeBox);
    tables->setStretchFactor(0, 3);
    tables->setStretchFactor(1, 2);

    auto *charts = new QWidget(this);
    auto *chartLayout = new QVBoxLayout(charts);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addWidget(m_runsChart, 3);
    chartLayout->addWidget(m_current);
    chartLayout->addWidget(m_computeTitle);
    chartLayout->addWidget(m_computeChart, 2);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(u"historySplitter"_s);
    split->setChildrenCollapsible(false);
    split->addWidget(charts);
    split->addWidget(tables);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 0); // as the run list's
    layout->addLayout(header);
    layout->addWidget(m_coverage);
    layout->addWidget(m_totals);
    layout->addWidget(split, 1);

    // Polls bring changes every few seconds; one redraw for a burst of them.
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(250);
    connect(m_refreshTimer, &QTimer::timeout, this, &HistoryView::refresh);
    connect(m_history, &RunHistory::changed, this, [this] {
        if (isVisible())
            m_refreshTimer->start();
    });
    setTabOrder(m_range, m_backfillButton);
    setTabOrder(m_backfillButton, m_runsChart);
    setTabOrder(m_runsChart, m_computeChart);
    setTabOrder(m_computeChart, m_workflowTable);
    setTabOrder(m_workflowTable, m_codeTable);
    refresh();
}

HistoryView::~HistoryView() = default;

void HistoryView::setConnectionName(const QString &name)
{
    m_connectionName = name;
    m_completeSince = QDateTime(); // another connection's server
    m_title->setText(tr("History of %1").arg(name));
    refresh();
}

void HistoryView::setErrorCodesFilterable(bool filterable)
{
    m_codesFilterable = filterable;
    m_codeTable->setToolTip(filterable
            ? tr("Enter or double-click: the runs with that error code in the list")
            : tr("This connection's list cannot be filtered by error code"));
    refresh();
}

int HistoryView::rangeDays() const
{
    return m_range->currentData().toInt();
}

void HistoryView::setRangeDays(int days)
{
    const int index = m_range->findData(days);
    if (index >= 0)
        m_range->setCurrentIndex(index);
}

QDateTime HistoryView::rangeStart() const
{
    const QDateTime now = QDateTime::currentDateTime();
    // Days begin at midnight, so "7 days" is seven whole bars; 24 hours are 24 whole hours.
    if (rangeDays() <= 1)
        return QDateTime(now.date(), QTime(now.time().hour(), 0)).addSecs(-23 * 3600);
    return QDateTime(now.date().addDays(1 - rangeDays()), QTime(0, 0));
}

const HistorySummary &HistoryView::summary() const
{
    return m_runsChart->summary();
}

void HistoryView::refresh()
{
    m_refreshTimer->stop();
    const QDateTime from = rangeStart();
    const QDateTime to = QDateTime::currentDateTime().addSecs(1);
    const HistorySummary summary = m_history->summarize(
        from, to, rangeDays() <= 1 ? HistoryBucketSize::Hour : HistoryBucketSize::Day);
    m_runsChart->setSummary(summary);
    m_computeChart->setSummary(summary);
    const int labels = qMax(m_runsChart->axisLabelWidth(), m_computeChart->axisLabelWidth());
    m_runsChart->setMinimumAxisLabelWidth(labels);
    m_computeChart->setMinimumAxisLabelWidth(labels);
    const bool computeUnits = summary.withComputeUnits > 0;
    m_computeTitle->setVisible(computeUnits);
    m_computeChart->setVisible(computeUnits);
    m_workflows->setShowsComputeUnits(computeUnits);
    m_workflows->setWorkflows(summary.workflows);
    m_workflowTable->setColumnHidden(HistoryWorkflowModel::ComputeUnitsColumn, !computeUnits);
    m_codes->setErrorCodes(summary.errorCodes);

    QStringList totals {tr("%n run(s) in the range", nullptr, summary.runs)};
    if (summary.failureRate() >= 0)
        totals.append(tr("%1% of %n finished run(s) ended failing", nullptr, summary.finished)
                          .arg(QLocale().toString(summary.failureRate() * 100, 'f', 1)));
    if (computeUnits)
        totals.append(tr("%1 compute units").arg(QLocale().toString(summary.computeUnits, 'f', 1)));
    m_totals->setText(totals.join(u" · "_s));
    if (summary.failed == 0)
        m_codesNote->setText(tr("No failed runs in the range."));
    else if (summary.failedWithCodes == 0 && !m_codesFilterable)
        m_codesNote->setText(tr("This connection's failures carry no error codes."));
    else
        m_codesNote->setText(tr("Codes known for %1 of %n failed run(s). They come from each "
                                "run's detail: Load older runs looks them up.",
            nullptr, summary.failed)
                                 .arg(summary.failedWithCodes));
    m_current->setText(m_runsChart->currentBucket() >= 0
            ? m_runsChart->describe(m_runsChart->currentBucket(), m_runsChart->currentStatus())
            : tr("Click a bar, or choose one with the arrow keys and press Enter, to see its "
                 "runs in the list."));
    updateCoverage();
}

void HistoryView::updateCoverage()
{
    const QDateTime oldest = m_history->oldest();
    const int stored = m_history->size();
    QString text;
    if (stored == 0)
        text = tr("No runs of %1 are stored yet. Load older runs reads the range from the "
                  "server.")
                   .arg(m_connectionName);
    else
        text = tr("%n run(s) stored, the oldest from %1.", nullptr, stored).arg(when(oldest));
    const bool complete = m_completeSince.isValid() && m_completeSince <= rangeStart();
    if (stored > 0 && oldest > rangeStart() && !m_backfilling && !complete)
        text += u' '
            + tr("The range begins %1: Load older runs reads what is missing.")
                  .arg(when(rangeStart()));
    m_coverage->setText(text);
    m_backfillButton->setToolTip(
        tr("Read the server's runs back to %1, page by page").arg(when(rangeStart())));
}

void HistoryView::showBackfillStarted(const QDateTime &since)
{
    m_backfilling = true;
    m_backfillSince = since;
    m_backfillButton->setEnabled(false);
    m_progress->setValue(0);
    m_progress->show();
    m_cancelButton->show();
    m_coverage->setText(tr("Reading runs back to %1…").arg(when(since)));
}

void HistoryView::showBackfillProgress(int runs, const QDateTime &reached)
{
    // How far back the pages reach, as a share of the way from now to the range's start.
    const QDateTime now = QDateTime::currentDateTime();
    const qint64 span = qMax<qint64>(1, m_backfillSince.msecsTo(now));
    const qint64 covered = reached.isValid() ? reached.msecsTo(now) : 0;
    m_progress->setValue(int(std::clamp<qint64>(covered * 1000 / span, 0, 1000)));
    m_coverage->setText(tr("Read %n run(s), back to %1…", nullptr, runs)
                            .arg(reached.isValid() ? when(reached) : when(now)));
}

void HistoryView::showBackfillCodes(int done, int total)
{
    m_progress->setValue(total > 0 ? done * 1000 / total : 1000);
    m_coverage->setText(tr("Looking up the error codes of failed runs: %1 of %2…")
                            .arg(QLocale().toString(done), QLocale().toString(total)));
}

void HistoryView::showBackfillEnded(const QString &message, bool complete)
{
    m_backfilling = false;
    if (complete)
        m_completeSince = m_backfillSince;
    m_backfillButton->setEnabled(true);
    m_progress->hide();
    m_cancelButton->hide();
    refresh();
    m_coverage->setText(message + u' ' + m_coverage->text());
}

void HistoryView::activateBar(int bucket, RunStatus status)
{
    const HistorySummary &shown = summary();
    if (bucket < 0 || bucket >= shown.buckets.size())
        return;
    HistorySlice slice;
    slice.from = shown.buckets.at(bucket).start;
    slice.to = shown.buckets.at(bucket).end;
    slice.status = status;
    emit sliceActivated(slice);
}

void HistoryView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        emit closeRequested();
        return;
    }
    QWidget::keyPressEvent(event);
}

void HistoryView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh(); // "the last 24 hours" moved on while the list was shown
}
