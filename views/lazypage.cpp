#include "lazypage.h"

#include <utility>

#include <QVBoxLayout>

LazyPage::LazyPage(Factory factory, QWidget *parent)
    : QWidget(parent)
    , m_factory(std::move(factory))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
}

QWidget *LazyPage::content()
{
    if (!m_content) {
        m_content = std::exchange(m_factory, {})(this);
        layout()->addWidget(m_content);
        // Shown already: the layout's queued show would come a paint too late.
        if (isVisible())
            m_content->show();
    }
    return m_content;
}

void LazyPage::showEvent(QShowEvent *event)
{
    content();
    QWidget::showEvent(event);
}
