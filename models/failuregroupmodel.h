#pragma once

#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include <QAbstractItemModel>
#include <QHash>
#include <QPointer>
#include <QStringList>

#include "runlistmodel.h"
struct WorkflowRun;

/**
 * A failure reason with what differs between two runs of one failure taken out: numbers,
 * hex strings and uuids, run and task ids (`wr_…`, `tsk_…`), URLs and quoted text each become
 * "…", whitespace is collapsed, and the result is cut at kMaxNormalizedReason characters. So
 * "Timed out after 31 s on https://a/b" and "Timed out after 45 s on https://c" read the same.
 */
QString normalizedFailureReason(const QString &reason);
inline constexpr int kMaxNormalizedReason = 120;

/**
 * The failed runs of a run list grouped by cause: by error code (a run's first), and under each
 * code by failure category or, without one, by normalised failure reason. A lens on the list,
 * not a copy: it follows the list's row signals and counts only what the list has loaded.
 */
class FailureGroupModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column {
        GroupColumn, // the error code, category or reason
        RunsColumn,
        FirstSeenColumn,
        LastSeenColumn,
        WorkflowsColumn, // how many workflows; the tip names them
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // the raw value a column sorts by
        RunKeysRole, // QStringList of the group's runs as RunListModel::rowKey, in list order
        ErrorCodeRole, // the error code of the group or of its parent; empty for "No error code"
    };

    explicit FailureGroupModel(QObject *parent = nullptr);
    ~FailureGroupModel() override;

    /** The list to group; null shows nothing. Grouped at once, then followed. */
    void setRunList(RunListModel *model);
    RunListModel *runList() const { return m_list; }

    /** How many failed runs the groups hold. */
    int failureCount() const { return m_failures; }
    /** Of those, how many have error codes known (codes come later, from run details). */
    int failuresWithKnownCodes() const { return m_codesKnown; }
    /**
     * What the counts cover, for a caption: "12 failure(s) in the 500 newest runs loaded", and
     * for how many of them error codes are known when not for all.
     */
    QString coverageText() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /** The groups or what they cover changed (for a caption showing coverageText()). */
    void groupsChanged();

private:
    static constexpr qint64 kNoTime = std::numeric_limits<qint64>::min();

    struct Group
    {
        QString key; // the error code at the top, the cause below it; empty for none
        QString text;
        Group *parent = nullptr; // null at the top
        int row = 0;
        bool shown = false; // announced to views (a new group is, once inserted)
        int count = 0;
        qint64 firstSeen = kNoTime;
        qint64 lastSeen = kNoTime;
        bool timesStale = false; // a run at an edge left: recompute
        QHash<int, int> workflows; // runs per workflow (an id from m_workflowIds)
        std::vector<std::unique_ptr<Group>> children;
        QHash<QString, Group *> childByKey;
    };
    /** Where a failed run belongs, and what it adds to its group. */
    struct Placement
    {
        QString code; // empty: none known
        QString cause; // the failure category, else the normalised reason; empty for neither
        qint64 time = kNoTime;
        int workflow = 0;
        bool codesKnown = false;
    };
    /** What a row of the list adds to the groups; nothing for a run that did not fail. */
    struct Member
    {
        Group *group = nullptr; // a group of the second level
        qint64 time = kNoTime;
        int workflow = 0;
        bool codesKnown = false;
    };
    /** A row that changed: what it added before, where it belongs now and its row (if any). */
    struct Change
    {
        Member before;
        std::optional<Placement> now;
        int row = -1;
    };

    std::optional<Placement> placementOf(const WorkflowRun &run);
    Group *groupAt(const QModelIndex &index) const;
    QModelIndex indexOf(const Group *group, int column = GroupColumn) const;
    /** The group of a placement; a new one goes to `pending` (null: in place at once). */
    Group *groupFor(const Placement &placement, std::vector<std::unique_ptr<Group>> *pending);
    void addMember(int row, const Placement &placement, Group *child);
    void removeMember(const Member &member);
    void rebuild();
    /** Moves runs between groups with the finest signals; false when nothing changed. */
    bool applyChanges(const QList<Change> &changes);
    void recomputeStaleTimes();
    /** Sorts both levels (announced as a layout change); false when the order held. */
    bool sortGroups(bool announce);
    QStringList runKeys(const Group *group) const;
    QStringList workflowTitles(const Group *group) const;

    void onRowsInserted(int first, int last);
    void onRowsRemoved(int first, int last);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);

    QPointer<RunListModel> m_list;
    std::vector<std::unique_ptr<Group>> m_groups;
    QHash<QString, Group *> m_groupByCode;
    std::vector<Member> m_rows; // one for each row of the list, in its order
    QHash<QString, int> m_workflowIds; // workflows seen, numbered to count them cheaply
    int m_failures = 0;
    int m_codesKnown = 0;
};
