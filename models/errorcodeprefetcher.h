#pragma once

#include <QCache>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include "requestid.h"

class RunListModel;
class RunSource;

/**
 * Fills the error codes of failed runs on screen: list answers carry no errors, so it asks the
 * source for the details of the rows a view says are visible, a few at a time, drops requests
 * for rows that scrolled away or a list that was replaced, and remembers what it learned (up to
 * a bound) so scrolling back costs nothing. Writes the codes into the run list model.
 */
class ErrorCodePrefetcher final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxConcurrent = 4;
    static constexpr int kCacheRuns = 2000;

    explicit ErrorCodePrefetcher(RunListModel *model, QObject *parent = nullptr);
    ~ErrorCodePrefetcher() override;

    /** Where details come from; none, or one without details, turns fetching off. */
    void setSource(RunSource *source);
    /** The model rows on screen, top to bottom; their failed runs are looked up first. */
    void setVisibleRows(const QList<int> &rows);
    int inFlightCount() const { return int(m_inFlight.size()); }

signals:
    /** A run's codes arrived (also written into the model). */
    void codesFetched(const QString &runId, const QStringList &codes);

private:
    bool wantsCodes(int row) const;
    void cancelAll();
    void startNext();

    RunListModel *m_model;
    QPointer<RunSource> m_source;
    bool m_enabled = false;
    QStringList m_queue; // visible runs still to ask for, top first
    QHash<QString, RequestId> m_inFlight;
    QSet<QString> m_failed; // not asked again until the list changes
    QList<int> m_visibleRows; // as the view last said
    struct Learned
    {
        QStringList codes;
        QString failureReason; // for lists whose items carry none
    };
    QCache<QString, Learned> m_cache {kCacheRuns};
};
