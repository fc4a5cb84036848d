#include "tagchipsview.h"

#include <QPainter>

TagChipsView::TagChipsView(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void TagChipsView::setChips(const QList<TagChips::Chip> &chips)
{
    m_chips = chips;
    QStringList texts;
    for (const TagChips::Chip &chip : chips)
        texts.append(chip.text);
    setToolTip(texts.join(u'\n'));
    setAccessibleDescription(texts.join(QStringLiteral(", ")));
    updateGeometry();
    update();
}

QSize TagChipsView::sizeHint() const
{
    return {TagChips::widthOf(m_chips, font()), fontMetrics().height() + 6};
}

QSize TagChipsView::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 8, fontMetrics().height() + 6};
}

void TagChipsView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    TagChips::paint(&painter, rect(), m_chips, palette(), font());
}
