#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

struct DemoRun;

/** One tag of a demo run: a grouped label (`env:prod`) or, without a key, a standalone one. */
struct DemoTag
{
    QString key; // empty: a standalone label
    QString value;

    QJsonObject toJson() const; // TagItem
};

/**
 * The tags of the demo's runs, as operators set them: an environment on most, a customer on
 * many, `nightly` on scheduled runs, `smoke` on a few. Derived from the run, so every run keeps
 * its tags across pages, restarts and servers of one seed.
 */
namespace DemoTags {
QList<DemoTag> of(const DemoRun &run);
/** TagItem objects back into tags (what the database keeps for edited runs). */
QList<DemoTag> fromJson(const QJsonArray &tags);
/** The palette colour names a tag may get. */
QStringList palette();
/** The colour a grouped label gets when none was asked for: the same one each time. */
QString colorOf(const QString &key, const QString &value);
/** The colours of the labels the demo's runs are made with, by `key:value`. */
QHash<QString, QString> defaultColors();
/** RunTagSuggestionsResponse: every key, the values seen for each, and the labels. */
QJsonObject suggestions();
} // namespace DemoTags
