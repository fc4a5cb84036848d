#pragma once

#include <QTableView>

/**
 * The run table. Draws its empty, loading and error states in the viewport itself rather than
 * in dialogs, so the user always sees what the list is doing.
 */
class RunTableView final : public QTableView
{
    Q_OBJECT
public:
    explicit RunTableView(QWidget *parent = nullptr);

    /** The sentence shown when there are no rows (loading, nothing matched, or an error). */
    void setPlaceholderText(const QString &text);
    QString placeholderText() const { return m_placeholder; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    /** Right-click on the header: choose the columns shown (saved with the window layout). */
    void showColumnMenu(const QPoint &position);

    QString m_placeholder;
};
