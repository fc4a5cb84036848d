#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class RunListModel;
class RunSource;
class RunTableView;
struct ApiError;

/** The main window: the run list of the connected server, with its state in the status bar. */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /** Connects the window to where runs come from and loads the first page. */
    void setSource(RunSource *source);
    /** Says what the window is waiting for before it has a source (e.g. the demo server). */
    void showStartupMessage(const QString &message);
    /** Says why there is no source at all. */
    void showFatalError(const QString &message);

    RunListModel *runListModel() const { return m_model; }

private:
    void updateStatus();
    void showError(const ApiError &error);

    RunListModel *m_model;
    RunTableView *m_table;
    QLabel *m_errorLabel;
    QLabel *m_statusLabel;
    QAction *m_reloadAction;
    QString m_sourceName;
};
