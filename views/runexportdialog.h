#pragma once

#include <QDialog>
#include <QPointer>

#include "runexportwriter.h"
#include "runquery.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class RunExportJob;
class RunListModel;
class RunSource;

/**
 * "Export…": asks for a format, the columns and a file, then exports every run of the list's
 * scope and filter (RunExportJob) with its progress and a Cancel, the window staying usable.
 */
class RunExportDialog final : public QDialog
{
    Q_OBJECT
public:
    /** `shown`: the list's visible columns in their order, for "Columns as shown". */
    RunExportDialog(RunSource *source, const RunQuery &query,
        const QList<RunExportWriter::Column> &shown, const RunListModel *list,
        QWidget *parent = nullptr);
    ~RunExportDialog() override;

    bool isExporting() const;
    QString path() const;
    void setPath(const QString &path);

signals:
    /** The file is written; the dialog closes. */
    void exported(int runs, const QString &path);

protected:
    void reject() override;

private:
    void browse();
    void start();
    void formatChanged();
    void setBusy(bool busy);
    RunExportWriter::Format chosenFormat() const;
    QString suffix() const;

    QPointer<RunSource> m_source;
    RunQuery m_query;
    QList<RunExportWriter::Column> m_shown;
    QPointer<const RunListModel> m_list;
    RunExportJob *m_job = nullptr;
    QComboBox *m_format;
    QComboBox *m_columns;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QProgressBar *m_progress;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QPushButton *m_exportButton;
};
