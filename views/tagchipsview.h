#pragma once

#include <QWidget>

#include "tagchips.h"

/** A run's tags as chips in one line (the detail pane); the tooltip lists every one. */
class TagChipsView final : public QWidget
{
    Q_OBJECT
public:
    explicit TagChipsView(QWidget *parent = nullptr);

    void setChips(const QList<TagChips::Chip> &chips);
    const QList<TagChips::Chip> &chips() const { return m_chips; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<TagChips::Chip> m_chips;
};
