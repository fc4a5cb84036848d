#pragma once

#include <QTableView>

class QTimer;

/**
 * The run table. Draws its empty, loading and error states in the viewport itself rather than
 * in dialogs, so the user always sees what the list is doing; marks the current row with a
 * ring while it has keyboard focus; asks for a row's menu on right-click, the menu key or
 * Shift+F10; copies the current run's id on Ctrl+C; and says which runs are on screen.
 */
class RunTableView final : public QTableView
{
    Q_OBJECT
public:
    explicit RunTableView(QWidget *parent = nullptr);

    /** The sentence shown when there are no rows (loading, nothing matched, or an error). */
    void setPlaceholderText(const QString &text);
    QString placeholderText() const { return m_placeholder; }
    /** The rows (of the table's model) at least partly inside the viewport, top to bottom. */
    QModelIndexList visibleRows() const;
    /** Where the keyboard focus ring is drawn in the viewport; empty when it is not. */
    QRect focusRingRect() const;
    void setModel(QAbstractItemModel *model) override;

signals:
    /** The user asked for the menu of the run in `row` (a column-0 index), at `globalPos`. */
    void rowMenuRequested(const QModelIndex &row, const QPoint &globalPos);
    /** The rows on screen changed (scrolled, resized, reloaded); read them with visibleRows(). */
    void visibleRowsChanged();
    /** Something went to the clipboard, in a sentence that says what. */
    void copied(const QString &message);

protected:
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    QModelIndex moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void rowsInserted(const QModelIndex &parent, int start, int end) override;
    void currentChanged(const QModelIndex &current, const QModelIndex &previous) override;

private:
    /** Right-click on the header: choose the columns shown (saved with the window layout). */
    void showColumnMenu(const QPoint &position);
    void requestRowMenu(const QModelIndex &index, const QPoint &globalPos);
    void scheduleVisibleRowsChanged();

    QString m_placeholder;
    QTimer *m_visibleRowsTimer;
    bool m_anchorInsertion = false; // the next insertion keeps the rows under the pointer
    bool m_focusArriving = false; // inside focusInEvent()
    bool m_hadCurrent = false; // a row has been current once
    int m_scrollBeforeInsertion = 0;
};
