#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>

#include "workflowrun.h"

class RunListModel;

/**
 * Turns runs into the bytes of an export file: CSV (RFC 4180, UTF-8 with a byte order mark,
 * CRLF after every record, a header row) or JSON Lines (one compact UTF-8 object per line, LF).
 * Either the list's columns as shown (headers and texts as the table writes them, the failure
 * reason whole, times in full) or every field of a run under its wire name. It decides nothing
 * about files: RunExportJob writes what it makes.
 */
class RunExportWriter
{
public:
    enum class Format { Csv, JsonLines };
    enum class Fields {
        AsShown, // the table's columns, in its order, as it writes them
        Every, // every field of a run, named as on the wire (WorkflowRun::toJson and a few more)
    };
    /** A column of the run list (RunListModel::Column) under the header it shows. */
    struct Column
    {
        int column = 0;
        QString header;
    };

    RunExportWriter(
        Format format = Format::Csv, Fields fields = Fields::Every, QList<Column> shown = {});

    Format format() const { return m_format; }
    Fields fields() const { return m_fields; }
    /**
     * What the list learned beyond its items (error codes, tags, reasons from details, workflow
     * names), for the columns as shown. Runs it never looked at have those cells empty.
     */
    void setList(const RunListModel *list);
    /** Durations of active runs are measured to this time (default: when the writer was made). */
    void setNow(const QDateTime &now) { m_now = now; }

    /** The names of every field, in the order of their columns. */
    static QStringList everyFieldNames();
    /** A file's first bytes: for CSV the byte order mark and the header row, else nothing. */
    QByteArray header() const;
    /** Appends one run: a CSV record or a JSON line. */
    void appendRun(const WorkflowRun &run, QByteArray &out) const;
    /** The run's cells as text, one per column of header() (before CSV quoting). */
    QStringList cells(const WorkflowRun &run) const;

    /** A CSV field: quoted (quotes doubled) when it holds a comma, a quote, CR or LF. */
    static QString csvField(const QString &text);
    /**
     * A cell a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab or CR first) with
     * an apostrophe in front, so opening an export never runs what a server sent. Only the
     * columns as shown, which are for people; every field stays as the server sent it.
     */
    static QString defusedFormula(const QString &text);
    /** Times as shown in an export: local time, in full and sortable ("2026-11-27 14:03:07"). */
    static QString exportTime(const QDateTime &time);

private:
    QString shownCell(const WorkflowRun &run, int column) const;
    /** The values of everyFieldNames(), in their order, as toJson() would write them. */
    static QList<QJsonValue> everyField(const WorkflowRun &run);

    Format m_format;
    Fields m_fields;
    QList<Column> m_shown;
    QPointer<const RunListModel> m_list;
    QDateTime m_now;
};
