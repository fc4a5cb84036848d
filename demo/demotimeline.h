#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "artifact.h"
#include "demorun.h"
#include "runtimeline.h"
#include "screenshotpainter.h"

/**
 * What a demo run did and left behind, derived from its simulated state so that it agrees with
 * the run's status: the blocks, actions and thoughts of its timeline and the artifacts they
 * produced. A failed run ends in the failed action (its block carries the run's failure
 * reason), a completed one in a `complete` action, a running one in an action in progress.
 * The same run always gives the same ids and texts; as it goes on, the actions it has done keep
 * theirs and only their times are spread anew over its longer run time.
 */
class DemoTimeline
{
public:
    /** Where the run happens: its workflow's title, description, start page and step labels. */
    struct Setting
    {
        QString title;
        QString description;
        QString startUrl;
        QStringList stepLabels; // one per planned step; the last repeats when there are more
        quint32 accentSeed = 0;
    };

    /** One artifact, with what its content is made from. */
    struct Item
    {
        Artifact artifact;
        ScreenshotScene scene; // for screenshots
        QString fileName; // for downloads
    };

    /** Timelines of kHugeActions actions and artifact lists of kHugeArtifacts (`huge`). */
    static constexpr int kHugeActions = 2000;
    static constexpr int kHugeArtifacts = 10000;

    /** `base` is the server's address, for the artifacts' pre-signed links. */
    DemoTimeline(const DemoRun &run, const Setting &setting, const QUrl &base, bool huge = false);

    const RunTimeline &timeline() const { return m_timeline; }
    const QList<Item> &items() const { return m_items; }
    /** The item of `artifactId`, or null. */
    const Item *item(const QString &artifactId) const;

    /**
     * `a_{run id}_{tag}`: an artifact id names its run, so its content can be found again, and
     * a tag that says what it is (`s3a1`: step 3, action 1), so it never changes as the run
     * goes on.
     */
    static QString artifactId(const QString &runId, const QString &tag);
    /** The run an artifact id of this server names, or an empty string. */
    static QString runOfArtifact(const QString &artifactId);
    /** Every artifact type the contract names (`ArtifactType`), for checking a query. */
    static const QStringList &artifactTypes();

private:
    void build(const DemoRun &run, const Setting &setting, const QUrl &base, bool huge);

    RunTimeline m_timeline;
    QList<Item> m_items;
};
