#pragma once

#include <QHash>
#include <QWidget>

#include "runfilter.h"
#include "runsource.h"
#include "workflow.h"

class QComboBox;
class QDateEdit;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QMenu;
class QStringListModel;
class QTimer;
class QToolButton;

/**
 * The filter bar above the run list: scope (all workflows or one), statuses, free-text search,
 * error code, the connections of a merged list and, for one workflow, a created-at range (a preset
 * or whole days). It knows nothing of the list: it debounces typing and emits the whole filter when
 * it changes. Active filters and the scope show as chips a click removes.
 */
class RunFilterBar final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kSearchDebounceMs = 300;
    /** The created-at choice that shows the two day pickers. */
    static constexpr int kCustomRange = -1;

    explicit RunFilterBar(QWidget *parent = nullptr);

    RunFilter filter() const { return m_filter; }
    QString scope() const { return m_scope; }
    /** Shows a filter (e.g. restored from settings) without emitting. */
    void setFilter(const RunFilter &filter);
    void setWorkflows(const QList<Workflow> &workflows);
    /** Selects a workflow by permanent id (empty: all) without emitting. */
    void setScope(const QString &workflowPermanentId);
    /** Codes seen so far, offered as completions in the error code box. */
    void addKnownErrorCodes(const QStringList &codes);
    /** Tags the server has seen (`env:prod`, `env:*`, labels), offered in the tags box. */
    void setTagSuggestions(const QStringList &tags);
    /** Shows only the filters the source can apply (statuses it knows, one at a time, ...). */
    void setFeatures(const SourceFeatures &features);
    /** How many loaded runs have each status, shown next to the status names. */
    void setStatusCounts(const QHash<RunStatus, int> &counts);

public slots:
    void clearFilters();
    void focusSearch();

signals:
    void filterChanged(const RunFilter &filter);
    void scopeChanged(const QString &workflowPermanentId);

private:
    void readWidgets();
    void writeWidgets();
    void commit();
    void rebuildChips();
    void updateStatusButton();
    void updateSourceButton();
    void updateTypeButton();
    void updateSearchLimit();

    void updateDateRange();
    /** Shows another scope and tells the window; a range only applies to one workflow. */
    void changeScope(const QString &workflowPermanentId);
    QString scopeTitle() const;
    /** Opens the chooser of several workflows (the button beside the workflow box). */
    void chooseWorkflows();
    void showCustomRange();

    RunFilter m_filter;
    QString m_scope;
    QList<Workflow> m_workflows;
    SourceFeatures m_features;
    QHash<RunStatus, int> m_counts;
    QStringList m_knownCodes;
    bool m_updating = false;

    QComboBox *m_scopeCombo;
    QToolButton *m_severalButton;
    QToolButton *m_statusButton;
    QMenu *m_statusMenu;
    QToolButton *m_sourceButton;
    QMenu *m_sourceMenu;
    QLineEdit *m_search;
    QLabel *m_searchLimit;
    QLineEdit *m_errorCode;
    QToolButton *m_typeButton;
    QMenu *m_typeMenu;
    QLineEdit *m_tags;
    QStringListModel *m_tagModel;
    QStringListModel *m_codeModel;
    QWidget *m_dateRange;
    QComboBox *m_createdPreset;
    QDateEdit *m_from;
    QLabel *m_rangeDash;
    QDateEdit *m_to;
    QToolButton *m_clearButton;
    QWidget *m_chips;
    QHBoxLayout *m_chipLayout;
    QTimer *m_debounce;
};
