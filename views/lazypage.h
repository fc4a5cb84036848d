#pragma once

#include <functional>

#include <QWidget>

/**
 * A tab's page whose widget is made when the page is first shown, or first asked for. A window
 * that starts on another tab builds, polishes and lays out none of it, on the way to its first
 * paint or ever.
 */
class LazyPage final : public QWidget
{
public:
    /** Makes the page's widget as a child of `page`; called once. */
    using Factory = std::function<QWidget *(QWidget *page)>;

    explicit LazyPage(Factory factory, QWidget *parent = nullptr);

    /** The page's widget, made now if it is not yet. */
    QWidget *content();
    bool isMade() const { return m_content != nullptr; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    Factory m_factory;
    QWidget *m_content = nullptr;
};
