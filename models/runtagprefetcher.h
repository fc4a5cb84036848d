#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include "requestid.h"

class RunListModel;
class RunSource;

/**
 * Fills the tags of the runs that matter now: those on screen and the active ones (which a
 * notification rule may soon be asked about). Lists carry no tags, so it asks the source in
 * batches, one request at a time, and writes what comes into the run list model. A run the
 * source does not answer for twice is taken to have none.
 */
class RunTagPrefetcher final : public QObject
{
    Q_OBJECT
public:
    explicit RunTagPrefetcher(RunListModel *model, QObject *parent = nullptr);
    ~RunTagPrefetcher() override;

    /** Where tags come from; none, or one without tags, turns fetching off. */
    void setSource(RunSource *source);
    /** The model rows on screen, top to bottom. */
    void setVisibleRows(const QList<int> &rows);
    bool isFetching() const { return m_inFlight != 0; }

private:
    void schedule();
    void fetchNext();
    QStringList wanted() const;

    RunListModel *m_model;
    QPointer<RunSource> m_source;
    QList<int> m_visibleRows;
    bool m_unavailable = false; // the source said it has no tags (an older server): not asked again
    RequestId m_inFlight = 0;
    QHash<QString, int> m_unanswered; // asked for and left out of an answer, how often
    QTimer m_soon; // gathers the changes of one event loop turn into one look
};
