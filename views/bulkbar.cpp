#include "bulkbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

BulkBar::BulkBar(QWidget *parent)
    : QWidget(parent)
    , m_count(new QLabel(this))
    , m_cancel(new QPushButton(tr("Cancel runs…"), this))
    , m_retry(new QPushButton(tr("Retry…"), this))
    , m_compare(new QPushButton(tr("Compare"), this))
    , m_copy(new QPushButton(tr("Copy IDs"), this))
    , m_clear(new QPushButton(tr("Clear selection"), this))
{
    setObjectName(QStringLiteral("bulkBar"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_count->setObjectName(QStringLiteral("bulkCountLabel"));
    m_cancel->setObjectName(QStringLiteral("bulkCancelButton"));
    m_retry->setObjectName(QStringLiteral("bulkRetryButton"));
    m_compare->setObjectName(QStringLiteral("bulkCompareButton"));
    m_copy->setObjectName(QStringLiteral("bulkCopyButton"));
    m_clear->setObjectName(QStringLiteral("bulkClearButton"));
    m_clear->setToolTip(tr("Select no runs (Escape in the list)"));
    connect(m_cancel, &QPushButton::clicked, this, &BulkBar::cancelRequested);
    connect(m_retry, &QPushButton::clicked, this, &BulkBar::retryRequested);
    connect(m_compare, &QPushButton::clicked, this, &BulkBar::compareRequested);
    connect(m_copy, &QPushButton::clicked, this, &BulkBar::copyIdsRequested);
    connect(m_clear, &QPushButton::clicked, this, &BulkBar::clearRequested);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 4, 4, 4);
    layout->addWidget(m_count);
    layout->addStretch(1);
    for (QPushButton *button : {m_cancel, m_retry, m_compare, m_copy, m_clear}) {
        button->setAutoDefault(false);
        layout->addWidget(button);
    }
    hide();
}

void BulkBar::setSelection(int selected, int cancellable, int retryable)
{
    m_count->setText(tr("%n run(s) selected", nullptr, selected));
    m_cancel->setVisible(cancellable > 0);
    m_cancel->setText(tr("Cancel %n run(s)…", nullptr, cancellable));
    m_cancel->setToolTip(tr("Cancel the selected runs that are queued or running"));
    m_retry->setVisible(retryable > 0);
    m_retry->setText(tr("Retry %n run(s)…", nullptr, retryable));
    m_retry->setToolTip(tr("Start the selected runs that have ended again, each with its "
                           "parameters"));
    m_compare->setVisible(selected == 2);
    setVisible(selected > 1);
}
