#pragma once

#include <QList>
#include <QString>
#include <QStringList>

/**
 * Lays rows out as aligned columns separated by two spaces, a header row first, for people
 * reading a terminal. The last column takes what is left of the width and is cut with "…".
 */
class TextTable
{
public:
    explicit TextTable(QStringList headers);

    void addRow(QStringList cells);
    bool isEmpty() const { return m_rows.isEmpty(); }
    /** The table, one line each, LF after each; `width` limits the lines (0: no limit). */
    QString render(int width) const;

    /** `text` on one line (line breaks as spaces) and at most `width` characters. */
    static QString fit(const QString &text, int width);

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
};
