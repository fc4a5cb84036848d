#include "jobspanel.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "bulkjobmodel.h"

JobsPanel::JobsPanel(BulkJobModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_tree(new QTreeView(this))
    , m_empty(new QLabel(tr("Cancel or retry several runs at once: select them in the list "
                            "(Shift or Ctrl and click, Ctrl+A) and use the bar above it."),
          this))
    , m_stop(new QPushButton(tr("Sto&p"), this))
    , m_copy(new QPushButton(tr("&Copy report"), this))
    , m_clear(new QPushButton(tr("Remove &finished"), this))
{
    m_tree->setObjectName(QStringLiteral("jobsTreeView"));
    m_tree->setAccessibleName(tr("Jobs"));
    m_tree->setModel(model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(BulkJobModel::NameColumn, QHeaderView::Interactive);
    m_tree->header()->setSectionResizeMode(BulkJobModel::ResultColumn, QHeaderView::Stretch);
    m_tree->header()->resizeSection(BulkJobModel::NameColumn, 320);
    m_tree->header()->resizeSection(BulkJobModel::ConnectionColumn, 140);
    m_empty->setObjectName(QStringLiteral("jobsEmptyLabel"));
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    m_stop->setObjectName(QStringLiteral("stopJobButton"));
    m_stop->setToolTip(tr("Send nothing more for the selected job; runs under way finish"));
    m_copy->setObjectName(QStringLiteral("copyReportButton"));
    m_copy->setToolTip(tr("Copy one line per run, tab-separated, with what became of it"));
    m_clear->setObjectName(QStringLiteral("removeFinishedJobsButton"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_stop);
    buttons->addWidget(m_copy);
    buttons->addStretch(1);
    buttons->addWidget(m_clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_empty);
    layout->addWidget(m_tree, 1);
    layout->addLayout(buttons);

    connect(m_stop, &QPushButton::clicked, this, [this] {
        if (BulkJob *job = currentJob())
            job->stop();
        updateButtons();
    });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        if (BulkJob *job = currentJob()) {
            QApplication::clipboard()->setText(job->report());
            emit copied(tr("Copied the report of “%1”.").arg(job->title()));
        }
    });
    connect(m_clear, &QPushButton::clicked, m_model, &BulkJobModel::removeFinished);
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (index.parent().isValid())
            emit runChosen(index.data(BulkJobModel::RunIdRole).toString());
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &JobsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &parent, int first) {
            if (parent.isValid())
                return;
            // A new job is the one the buttons are about, its runs in view.
            m_tree->setCurrentIndex(m_model->index(first, 0));
            m_tree->expand(m_model->index(first, 0));
            updateButtons();
        });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &JobsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &JobsPanel::updateButtons);
    updateButtons();
}

BulkJob *JobsPanel::currentJob() const
{
    BulkJob *job = m_model->jobOf(m_tree->currentIndex());
    return job ? job : m_model->jobAt(0);
}

void JobsPanel::updateButtons()
{
    const BulkJob *job = currentJob();
    m_empty->setVisible(m_model->jobCount() == 0);
    m_tree->setVisible(m_model->jobCount() > 0);
    m_stop->setEnabled(job && !job->isFinished() && !job->isStopped());
    m_copy->setEnabled(job != nullptr);
    bool anyFinished = false;
    for (int row = 0; row < m_model->jobCount(); ++row)
        anyFinished = anyFinished || m_model->jobAt(row)->isFinished();
    m_clear->setEnabled(anyFinished);
}
