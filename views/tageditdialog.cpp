#include "tageditdialog.h"

#include <QCompleter>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QStringListModel>
#include <QVBoxLayout>

#include "tagpalette.h"
#include "theme.h"

using namespace Qt::StringLiterals;

namespace {
enum ItemRole {
    TagTextRole = Qt::UserRole, // RunTag::text()
    HaveRole, // how many of the runs had it when the dialog opened
};

QIcon swatch(const QColor &color, const QPalette &palette)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(color.isValid() ? color : palette.color(QPalette::Mid));
    painter.setBrush(color.isValid() ? color : palette.color(QPalette::Button));
    painter.drawRoundedRect(QRectF(0.5, 0.5, 11, 11), 2, 2);
    return QIcon(pixmap);
}
} // namespace

TagEditDialog::TagEditDialog(
    const QList<QList<RunTag>> &runTags, int runCount, const TagColorNames &colors, QWidget *parent)
    : QDialog(parent)
    , m_runCount(runCount)
    , m_colors(colors)
    , m_heading(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_add(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(u"tagEditDialog"_s);
    setWindowTitle(runCount == 1 ? tr("Edit tags") : tr("Tag runs"));
    m_heading->setObjectName(u"tagEditHeadingLabel"_s);
    m_heading->setWordWrap(true);
    m_heading->setText(runCount == 1
            ? tr("Tick the tags the run should have; untick those to take off.")
            : tr("Tick the tags all %n selected run(s) should have; untick those to take off. A "
                 "half-ticked tag stays as it is on each run.",
                nullptr, runCount));
    m_list->setObjectName(u"tagListWidget"_s);
    m_list->setAccessibleName(tr("Tags"));
    m_add->setObjectName(u"addTagLineEdit"_s);
    m_add->setPlaceholderText(tr("Add a tag: group:label or a label, Enter to add"));
    m_add->setAccessibleName(tr("Add a tag"));
    m_add->setMaxLength(RunTag::kMaxLength + 20); // a longer one is refused with a sentence
    m_add->installEventFilter(this);
    auto *addButton = new QPushButton(tr("&Add"), this);
    addButton->setObjectName(u"addTagButton"_s);
    addButton->setAutoDefault(false);
    connect(addButton, &QPushButton::clicked, this, &TagEditDialog::addTyped);
    connect(m_add, &QLineEdit::textEdited, m_error, &QLabel::hide);
    m_error->setObjectName(u"tagErrorLabel"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(ThemeColors::errorBannerStyle(palette()));
    m_error->hide();
    auto *note = new QLabel(
        tr("A run has one label per group: env:staging takes the place of env:prod."), this);
    note->setWordWrap(true);
    note->setEnabled(false);

    QPushButton *apply = m_buttons->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole);
    m_apply = apply;
    apply->setObjectName(u"applyTagsButton"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // Every tag of the runs, with how many have it; grouped tags first, as the filter lists them.
    QList<RunTag> seen;
    QHash<QString, int> have;
    for (const QList<RunTag> &tags : runTags) {
        for (const RunTag &tag : tags) {
            if (!seen.contains(tag))
                seen.append(tag);
            ++have[tag.text()];
        }
    }
    std::stable_sort(seen.begin(), seen.end(), [](const RunTag &a, const RunTag &b) {
        if (a.key.isEmpty() != b.key.isEmpty())
            return !a.key.isEmpty();
        return a.text().compare(b.text(), Qt::CaseInsensitive) < 0;
    });
    for (const RunTag &tag : std::as_const(seen))
        addItem(tag, have.value(tag.text()));
    connect(m_list, &QListWidget::itemChanged, this, &TagEditDialog::onItemChanged);

    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_add, 1);
    addRow->addWidget(addButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_list, 1);
    layout->addLayout(addRow);
    layout->addWidget(m_error);
    layout->addWidget(note);
    layout->addWidget(m_buttons);
    resize(qMax(sizeHint().width(), 420), 360);
    m_add->setFocus();
    updateApply();
}

void TagEditDialog::setSuggestions(const QStringList &terms)
{
    QStringList whole; // `group:*` is a filter, not a tag
    for (const QString &term : terms) {
        if (!term.endsWith(u'*'))
            whole.append(term);
    }
    auto *completer = new QCompleter(whole, m_add);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_add->setCompleter(completer);
    // Enter on a suggestion takes it and adds it, as Enter on typed text does: one key, not
    // one to choose and another to add. Queued, so the field holds the suggestion first.
    connect(completer, qOverload<const QString &>(&QCompleter::activated), this, [this] {
        QMetaObject::invokeMethod(this, &TagEditDialog::addTyped, Qt::QueuedConnection);
    });
}

QListWidgetItem *TagEditDialog::addItem(const RunTag &tag, int have)
{
    auto *item = new QListWidgetItem(m_list);
    item->setData(TagTextRole, tag.text());
    item->setData(HaveRole, have);
    item->setIcon(swatch(TagPalette::colorOf(tag, m_colors), palette()));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    const bool some = have > 0 && have < m_runCount;
    item->setText(
        some ? tr("%1 — on %2 of %3").arg(tag.text()).arg(have).arg(m_runCount) : tag.text());
    item->setCheckState(have == 0 ? Qt::Checked // just added
            : some                ? Qt::PartiallyChecked
                                  : Qt::Checked);
    return item;
}

bool TagEditDialog::addTyped()
{
    const QString text = m_add->text().trimmed();
    if (text.isEmpty())
        return false;
    const QString problem = RunTag::editError(text);
    if (!problem.isEmpty()) {
        m_error->setText(problem);
        m_error->show();
        return true; // handled: the sentence says why, the text stays to be fixed
    }
    const RunTag tag = RunTag::fromText(text);
    QListWidgetItem *item = nullptr;
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(TagTextRole).toString() == tag.text())
            item = m_list->item(row);
    }
    if (item)
        item->setCheckState(Qt::Checked);
    else
        item = addItem(tag, 0);
    onItemChanged(item);
    m_list->scrollToItem(item);
    m_add->clear();
    m_error->hide();
    return true;
}

void TagEditDialog::onItemChanged(QListWidgetItem *item)
{
    if (m_updating)
        return;
    const RunTag tag = RunTag::fromText(item->data(TagTextRole).toString());
    if (item->checkState() == Qt::Checked && !tag.key.isEmpty()) {
        // One label per group: ticking one unticks the group's others.
        m_updating = true;
        for (int row = 0; row < m_list->count(); ++row) {
            QListWidgetItem *other = m_list->item(row);
            if (other != item
                && RunTag::fromText(other->data(TagTextRole).toString()).key == tag.key)
                other->setCheckState(Qt::Unchecked);
        }
        m_updating = false;
    }
    updateApply();
}

RunTagChange TagEditDialog::change() const
{
    RunTagChange change;
    for (int row = 0; row < m_list->count(); ++row) {
        const QListWidgetItem *item = m_list->item(row);
        const RunTag tag = RunTag::fromText(item->data(TagTextRole).toString());
        const int have = item->data(HaveRole).toInt();
        if (item->checkState() == Qt::Checked && have < m_runCount)
            change.set.append(tag);
        else if (item->checkState() == Qt::Unchecked && have > 0)
            change.remove.append(tag);
    }
    return change;
}

void TagEditDialog::updateApply()
{
    const RunTagChange now = change();
    m_apply->setEnabled(!now.isEmpty());
    m_apply->setToolTip(now.isEmpty() ? tr("Nothing changed yet") : now.text());
}

bool TagEditDialog::eventFilter(QObject *watched, QEvent *event)
{
    // Enter in the field adds what was typed; on an empty field it applies, as in any dialog.
    if (watched == m_add && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        const bool completing = m_add->completer() && m_add->completer()->popup()->isVisible();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && !completing
            && !m_add->text().trimmed().isEmpty())
            return addTyped();
    }
    return QDialog::eventFilter(watched, event);
}
