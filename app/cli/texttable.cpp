#include "texttable.h"

using namespace Qt::StringLiterals;

namespace {
constexpr int kGap = 2;
constexpr int kMinLastColumn = 20; // narrower terminals wrap rather than lose the text
} // namespace

TextTable::TextTable(QStringList headers)
    : m_headers(std::move(headers))
{ }

void TextTable::addRow(QStringList cells)
{
    while (cells.size() < m_headers.size())
        cells.append(QString());
    for (QString &cell : cells)
        cell = fit(cell, -1);
    m_rows.append(cells);
}

QString TextTable::fit(const QString &text, int width)
{
    QString line = text.simplified();
    if (width >= 0 && line.size() > width)
        line = width <= 1 ? line.left(width) : line.left(width - 1) + u'…';
    return line;
}

QString TextTable::render(int width) const
{
    const qsizetype columns = m_headers.size();
    QList<qsizetype> widths(columns, 0);
    for (qsizetype column = 0; column < columns; ++column) {
        widths[column] = m_headers.at(column).size();
        for (const QStringList &row : m_rows)
            widths[column] = qMax(widths[column], row.at(column).size());
    }
    qsizetype lastWidth = widths.isEmpty() ? 0 : widths.constLast();
    if (width > 0 && columns > 0) {
        qsizetype before = 0;
        for (qsizetype column = 0; column + 1 < columns; ++column)
            before += widths.at(column) + kGap;
        lastWidth = qMax<qsizetype>(kMinLastColumn, qMin(lastWidth, width - before));
    }
    QString out;
    const auto appendLine = [&](const QStringList &cells) {
        QString line;
        for (qsizetype column = 0; column < columns; ++column) {
            if (column + 1 < columns)
                line += cells.at(column).leftJustified(widths.at(column) + kGap, u' ');
            else
                line += fit(cells.at(column), int(lastWidth));
        }
        while (line.endsWith(u' '))
            line.chop(1);
        out += line + u'\n';
    };
    appendLine(m_headers);
    for (const QStringList &row : m_rows)
        appendLine(row);
    return out;
}
