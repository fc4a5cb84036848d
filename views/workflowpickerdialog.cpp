#include "workflowpickerdialog.h"

#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

WorkflowPickerDialog::WorkflowPickerDialog(
    const QList<Workflow> &workflows, const QStringList &chosen, int maxChosen, QWidget *parent)
    : QDialog(parent)
    , m_maxChosen(maxChosen)
    , m_find(new QLineEdit(this))
    , m_list(new QListWidget(this))
    , m_count(new QLabel(this))
    , m_show(nullptr)
{
    setObjectName(u"workflowPickerDialog"_s);
    setWindowTitle(tr("Choose workflows"));
    m_find->setObjectName(u"findWorkflowLineEdit"_s);
    m_find->setPlaceholderText(tr("Type to find a workflow"));
    m_find->setClearButtonEnabled(true);
    m_find->setAccessibleName(tr("Find a workflow"));
    m_list->setObjectName(u"workflowListWidget"_s);
    m_list->setAccessibleName(tr("Workflows"));
    m_count->setObjectName(u"workflowCountLabel"_s);
    QList<Workflow> sorted = workflows;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Workflow &a, const Workflow &b) {
        return a.title.localeAwareCompare(b.title) < 0;
    });
    for (const Workflow &workflow : std::as_const(sorted)) {
        auto *item = new QListWidgetItem(
            workflow.title.isEmpty() ? workflow.workflowPermanentId : workflow.title, m_list);
        item->setData(Qt::UserRole, workflow.workflowPermanentId);
        item->setToolTip(workflow.workflowPermanentId);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(
            chosen.contains(workflow.workflowPermanentId) ? Qt::Checked : Qt::Unchecked);
    }
    connect(m_find, &QLineEdit::textChanged, this, [this](const QString &text) {
        for (int row = 0; row < m_list->count(); ++row) {
            QListWidgetItem *item = m_list->item(row);
            item->setHidden(!item->text().contains(text.trimmed(), Qt::CaseInsensitive)
                && !item->toolTip().contains(text.trimmed(), Qt::CaseInsensitive));
        }
    });
    // Enter in the field goes to the first match, where Space ticks it; it does not close the
    // dialog, which a half-typed name would do by surprise.
    m_find->installEventFilter(this);
    // Typing in the list starts a new search in the field, so the next workflow is found the
    // same way as the first.
    m_list->installEventFilter(this);
    connect(m_list, &QListWidget::itemChanged, this, &WorkflowPickerDialog::updateCount);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_show = buttons->addButton(tr("&Show their runs"), QDialogButtonBox::AcceptRole);
    m_show->setObjectName(u"showWorkflowsButton"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_find);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_count);
    layout->addWidget(buttons);
    resize(380, 420);
    m_find->setFocus();
    updateCount();
}

bool WorkflowPickerDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_find && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_Down) {
            for (int row = 0; row < m_list->count(); ++row) {
                if (!m_list->item(row)->isHidden()) {
                    m_list->setCurrentRow(row);
                    m_list->setFocus();
                    break;
                }
            }
            return true;
        }
    }
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const QString text = key->text();
        if (!text.isEmpty() && text.at(0).isPrint() && text != " "_L1
            && !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier))) {
            m_find->selectAll();
            m_find->setFocus();
            m_find->insert(text);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

QStringList WorkflowPickerDialog::chosen() const
{
    QStringList ids;
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->checkState() == Qt::Checked)
            ids.append(m_list->item(row)->data(Qt::UserRole).toString());
    }
    return ids;
}

void WorkflowPickerDialog::updateCount()
{
    const int count = int(chosen().size());
    const bool tooMany = count > m_maxChosen;
    m_count->setText(tooMany
            ? tr("%1 chosen: the server takes at most %2 at once.").arg(count).arg(m_maxChosen)
            : count == 0 ? tr("None chosen: the runs of all workflows.")
                         : tr("%n chosen.", nullptr, count));
    m_show->setEnabled(!tooMany);
}
