#include "bulkbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

BulkBar::BulkBar(QWidget *parent)
    : QWidget(parent)
    , m_count(new QLabel(this))
    , m_cancel(new QPushButton(tr("Cancel runs…"), this))
    , m_retry(new QPushButton(tr("Retry…"), this))
    , m_tag(new QPushButton(tr("Tag…"), this))
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
    m_tag->setObjectName(QStringLiteral("bulkTagButton"));
    m_compare->setObjectName(QStringLiteral("bulkCompareButton"));
    m_copy->setObjectName(QStringLiteral("bulkCopyButton"));
    m_clear->setObjectName(QStringLiteral("bulkClearButton"));
    m_clear->setToolTip(tr("Select no runs (Escape in the list)"));
    connect(m_cancel, &QPushButton::clicked, this, &BulkBar::cancelRequested);
    connect(m_retry, &QPushButton::clicked, this, &BulkBar::retryRequested);
    connect(m_tag, &QPushButton::clicked, this, &BulkBar::tagRequested);
    connect(m_compare, &QPushButton::clicked, this, &BulkBar::compareRequested);
    connect(m_copy, &QPushButton::clicked, this, &BulkBar::copyIdsRequested);
    connect(m_clear, &QPushButton::clicked, this, &BulkBar::clearRequested);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 4, 4, 4);
    layout->addWidget(m_count);
    layout->addStretch(1);
    for (QPushButton *button : {m_cancel, m_retry, m_tag, m_compare, m_copy, m_clear}) {
        button->setAutoDefault(false);
        layout->addWidget(button);
    }
    hide();
}

void BulkBar::setSelection(int selected, int cancellable, int retryable, int taggable)
{
    m_count->setText(tr("%n run(s) selected", nullptr, selected));
    // Disabled rather than hidden, so the buttons stay where the hand expects them.
    m_cancel->setEnabled(cancellable > 0);
    m_cancel->setText(tr("Cancel %n run(s)…", nullptr, cancellable));
    m_cancel->setToolTip(cancellable > 0 ? tr("Cancel the selected runs that are queued or running")
                                         : tr("None of the selected runs is queued or running"));
    m_retry->setEnabled(retryable > 0);
    m_retry->setText(tr("Retry %n run(s)…", nullptr, retryable));
    m_retry->setToolTip(retryable > 0 ? tr("Start the selected runs that have ended again, each "
                                           "with its parameters")
                                      : tr("None of the selected runs has ended, or their "
                                           "connection cannot retry them"));
    m_tag->setVisible(taggable >= 0);
    m_tag->setEnabled(taggable > 0);
    m_tag->setToolTip(taggable > 0 ? tr("Add tags to the selected workflow runs or take them off")
                                   : tr("Only workflow runs of a connection with tags carry tags"));
    m_compare->setEnabled(selected == 2);
    m_compare->setToolTip(selected == 2 ? tr("Open the two runs side by side")
                                        : tr("Select exactly two runs to compare them"));
    setVisible(selected > 1);
}
