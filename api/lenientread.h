#pragma once

#include <optional>

#include <QString>
#include <QStringList>

class JsonReader;

/**
 * What a lenient decoder left out or changed while reading one answer: items it skipped as
 * unreadable, values out of any sensible range it dropped, texts it cut, limits it hit. Each
 * kind is counted with its first example, so ten thousand broken items make one sentence, not
 * ten thousand.
 */
class LenientRead
{
public:
    /** Texts longer than this are cut (a 5 MB reasoning is a broken server, not a reason). */
    static constexpr qsizetype kMaxTextLength = 64 * 1024;

    /** An optional string field, cut to kMaxTextLength. */
    QString text(JsonReader &reader, QLatin1StringView key);
    /** An optional number in [min, max]; outside it the value is dropped, not the item. */
    std::optional<double> number(JsonReader &reader, QLatin1StringView key, double min, double max);
    /** An optional integer in [min, max]; outside it the value is dropped, not the item. */
    std::optional<qint64> integer(
        JsonReader &reader, QLatin1StringView key, qint64 min, qint64 max);

    /** Notes an item left out because of `problem` (which names where it was). */
    void skip(const QString &problem);
    /** Notes a limit that was hit, as a sentence for the user. */
    void limit(const QString &sentence);

    int skipped() const { return m_skipped; }
    QString firstSkipped() const { return m_firstSkipped; }
    int dropped() const { return m_dropped; }
    int cut() const { return m_cut; }

    /**
     * Sentences for the user: `skippedSentence` (with %n for the count and %1 for the first
     * problem) when items were skipped, then dropped values, cut texts and limits.
     */
    QStringList notes(const char *skippedSentence) const;

private:
    void drop(const QString &path, const QString &why);

    int m_skipped = 0;
    QString m_firstSkipped;
    int m_dropped = 0;
    QString m_firstDropped;
    int m_cut = 0;
    QString m_firstCut;
    QStringList m_limits;
};
