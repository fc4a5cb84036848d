#include "runexportdialog.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

#include "runexportjob.h"
#include "runlistmodel.h"
#include "runsource.h"

using namespace Qt::StringLiterals;

RunExportDialog::RunExportDialog(RunSource *source, const RunQuery &query,
    const QList<RunExportWriter::Column> &shown, const RunListModel *list, QWidget *parent)
    : QDialog(parent)
    , m_source(source)
    , m_query(query)
    , m_shown(shown)
    , m_list(list)
    , m_format(new QComboBox(this))
    , m_columns(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(u"runExportDialog"_s);
    setWindowTitle(tr("Export runs"));

    auto *intro = new QLabel(tr("Every run that matches the list's filter is exported, also "
                                "those not loaded yet."),
        this);
    intro->setObjectName(u"exportIntroLabel"_s);
    intro->setWordWrap(true);

    m_format->setObjectName(u"exportFormatComboBox"_s);
    m_format->addItem(tr("CSV, for spreadsheets"), int(RunExportWriter::Format::Csv));
    m_format->addItem(
        tr("JSON Lines, one run per line, for scripts"), int(RunExportWriter::Format::JsonLines));
    m_columns->setObjectName(u"exportColumnsComboBox"_s);
    m_columns->addItem(tr("The columns as shown"), int(RunExportWriter::Fields::AsShown));
    m_columns->addItem(tr("Every field"), int(RunExportWriter::Fields::Every));
    m_columns->setToolTip(tr("As shown: the list's columns in its order and language. Every "
                             "field: each field of a run under the name the server gives it."));
    m_path->setObjectName(u"exportPathLineEdit"_s);
    m_path->setAccessibleName(tr("File"));
    m_browse->setObjectName(u"exportBrowseButton"_s);
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QDir::homePath();
    m_path->setText(QDir(folder).filePath(
        u"runwatch-runs-%1.csv"_s.arg(QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmm"_s))));

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(m_browse);
    auto *form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("&Columns:"), m_columns);
    form->addRow(tr("F&ile:"), fileRow);
    // The labels the form made take the mnemonics to their fields.
    for (QWidget *field : {static_cast<QWidget *>(m_format), static_cast<QWidget *>(m_columns)}) {
        if (auto *label = qobject_cast<QLabel *>(form->labelForField(field)))
            label->setBuddy(field);
    }
    if (auto *label = qobject_cast<QLabel *>(form->labelForField(fileRow)))
        label->setBuddy(m_path);

    m_progress->setObjectName(u"exportProgressBar"_s);
    m_progress->setRange(0, 0); // how many runs match is not known before the last page
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_status->setObjectName(u"exportStatusLabel"_s);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText); // quotes servers' errors and file names

    m_exportButton = m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_exportButton->setObjectName(u"exportButton"_s);
    m_exportButton->setDefault(true);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"exportCancelButton"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RunExportDialog::start);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &RunExportDialog::reject);
    connect(m_browse, &QPushButton::clicked, this, &RunExportDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, &RunExportDialog::formatChanged);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    resize(560, sizeHint().height());
}

RunExportDialog::~RunExportDialog() = default; // the job, a child, drops its file with it

bool RunExportDialog::isExporting() const
{
    return m_job && m_job->isRunning();
}

QString RunExportDialog::path() const
{
    return m_path->text();
}

void RunExportDialog::setPath(const QString &path)
{
    m_path->setText(path);
}

RunExportWriter::Format RunExportDialog::chosenFormat() const
{
    return RunExportWriter::Format(m_format->currentData().toInt());
}

QString RunExportDialog::suffix() const
{
    return chosenFormat() == RunExportWriter::Format::Csv ? u"csv"_s : u"jsonl"_s;
}

void RunExportDialog::formatChanged()
{
    // The name follows the format while it still has the other one's ending.
    const QString path = m_path->text();
    const QString other = chosenFormat() == RunExportWriter::Format::Csv ? u".jsonl"_s : u".csv"_s;
    if (path.endsWith(other, Qt::CaseInsensitive))
        m_path->setText(path.left(path.size() - other.size()) + u'.' + suffix());
}

void RunExportDialog::browse()
{
    // Not the static getSaveFileName(): its own event loop would run inside this one.
    auto *chooser = new QFileDialog(this, tr("Export runs"), m_path->text());
    chooser->setObjectName(u"exportFileDialog"_s);
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setAcceptMode(QFileDialog::AcceptSave);
    chooser->setDefaultSuffix(suffix());
    chooser->setNameFilters(
        {chosenFormat() == RunExportWriter::Format::Csv ? tr("CSV files (*.csv)")
                                                        : tr("JSON Lines files (*.jsonl)"),
            tr("All files (*)")});
    connect(chooser, &QFileDialog::fileSelected, this,
        [this](const QString &file) { m_path->setText(QDir::toNativeSeparators(file)); });
    chooser->open();
}

void RunExportDialog::setBusy(bool busy)
{
    m_format->setEnabled(!busy);
    m_columns->setEnabled(!busy);
    m_path->setEnabled(!busy);
    m_browse->setEnabled(!busy);
    m_exportButton->setEnabled(!busy);
    m_progress->setVisible(busy);
}

void RunExportDialog::start()
{
    if (isExporting())
        return;
    QString path = QDir::fromNativeSeparators(m_path->text().trimmed());
    if (path.isEmpty()) {
        m_status->setText(tr("Choose a file to export to."));
        m_path->setFocus();
        return;
    }
    if (path.startsWith(u"~/"_s))
        path = QDir::home().filePath(path.mid(2));
    QFileInfo info(path);
    if (info.isRelative())
        info.setFile(QDir::home().filePath(path));
    if (info.suffix().isEmpty())
        info.setFile(info.filePath() + u'.' + suffix());
    if (info.isDir()) {
        m_status->setText(tr("%1 is a folder; choose a file.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    path = info.absoluteFilePath();
    m_path->setText(QDir::toNativeSeparators(path));

    RunExportWriter writer(
        chosenFormat(), RunExportWriter::Fields(m_columns->currentData().toInt()), m_shown);
    writer.setList(m_list);
    if (m_job)
        m_job->deleteLater();
    m_job = new RunExportJob(m_source, m_query, writer, path, this);
    connect(m_job, &RunExportJob::progressed, this,
        [this](int runs) { m_status->setText(tr("%Ln run(s) written…", nullptr, runs)); });
    connect(m_job, &RunExportJob::waiting, this,
        [this](const QString &message) { m_status->setText(message); });
    connect(m_job, &RunExportJob::finished, this, [this](int runs, const QString &file) {
        setBusy(false);
        emit exported(runs, file);
        accept();
    });
    connect(m_job, &RunExportJob::failed, this, [this](const QString &message) {
        setBusy(false);
        m_status->setText(message);
    });
    connect(m_job, &RunExportJob::canceled, this, [this] {
        setBusy(false);
        m_status->setText(tr("Export cancelled; nothing was saved."));
    });
    setBusy(true);
    m_status->setText(tr("Exporting…"));
    m_job->start();
}

void RunExportDialog::reject()
{
    // Cancel (or Escape) while exporting stops the export; once more closes the dialog.
    if (isExporting()) {
        m_job->cancel();
        return;
    }
    QDialog::reject();
}
