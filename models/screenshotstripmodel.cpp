#include "screenshotstripmodel.h"

#include <algorithm>

#include <QPixmap>

#include "runformat.h"
#include "thumbnailservice.h"

using namespace Qt::StringLiterals;

ScreenshotStripModel::ScreenshotStripModel(ThumbnailService *thumbnails, QObject *parent)
    : QAbstractListModel(parent)
    , m_thumbnails(thumbnails)
{
    connect(m_thumbnails, &ThumbnailService::thumbnailReady, this,
        [this](const QString &key) { thumbnailArrived(key, ThumbnailReady, {}); });
    connect(m_thumbnails, &ThumbnailService::thumbnailFailed, this,
        [this](const QString &key, bool notAnImage, const QString &error) {
            thumbnailArrived(key, notAnImage ? ThumbnailNotAnImage : ThumbnailFailed, error);
        });
}

QList<ScreenshotStripModel::Row> ScreenshotStripModel::rowsFor(
    const QString &runId, const QList<Artifact> &artifacts) const
{
    QList<Row> rows;
    for (const Artifact &artifact : artifacts) {
        if (!artifact.isScreenshot() || artifact.artifactId.isEmpty())
            continue;
        Row row;
        row.artifact = artifact;
        row.key = runId + u'/' + artifact.artifactId;
        rows.append(row);
    }
    // Time order; the final screenshot closes the run even where its time ties with an action.
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        const bool aFinal = a.artifact.artifactType == "screenshot_final"_L1;
        const bool bFinal = b.artifact.artifactType == "screenshot_final"_L1;
        if (aFinal != bFinal)
            return bFinal;
        return a.artifact.createdAt < b.artifact.createdAt;
    });
    // Steps are numbered as a person counts them: in the order they were first seen.
    QHash<QString, int> stepNumbers;
    for (Row &row : rows) {
        const QString &type = row.artifact.artifactType;
        const QString time = RunFormat::localTime(row.artifact.createdAt, m_now);
        if (!row.artifact.stepId.isEmpty() && type != "screenshot_final"_L1) {
            auto found = stepNumbers.find(row.artifact.stepId);
            if (found == stepNumbers.end())
                found = stepNumbers.insert(row.artifact.stepId, int(stepNumbers.size()) + 1);
            row.step = *found;
        }
        if (type == "screenshot_final"_L1) {
            row.label = tr("Final · %1").arg(time);
            row.description = tr("The page when the run ended");
        } else if (row.step > 0) {
            row.label = tr("Step %1 · %2").arg(row.step).arg(time);
            row.description = type == "screenshot_llm"_L1
                ? tr("Step %1: the page as the agent saw it before acting").arg(row.step)
                : tr("Step %1: the page after an action").arg(row.step);
        } else {
            row.label = time;
            row.description = tr("Screenshot");
        }
    }
    return rows;
}

void ScreenshotStripModel::setScreenshots(const QString &runId, const QList<Artifact> &artifacts)
{
    const bool sameRun = runId == m_runId;
    if (!sameRun)
        m_now = QDateTime::currentDateTime();
    QList<Row> rows = rowsFor(runId, artifacts);
    const bool grew = sameRun && rows.size() >= m_rows.size()
        && std::equal(m_rows.cbegin(), m_rows.cend(), rows.cbegin(),
            [](const Row &a, const Row &b) { return a.key == b.key; });
    if (!grew) {
        beginResetModel();
        m_runId = runId;
        m_rows = rows;
        m_rowByKey.clear();
        for (int i = 0; i < m_rows.size(); ++i)
            m_rowByKey.insert(m_rows.at(i).key, i);
        endResetModel();
        return;
    }
    // A running run: the rows it had keep their place and what is known of their thumbnails;
    // their times may have moved, so their labels are said again.
    const int had = int(m_rows.size());
    int firstChanged = had;
    int lastChanged = -1;
    for (int i = 0; i < had; ++i) {
        rows[i].failure = m_rows.at(i).failure;
        rows[i].error = m_rows.at(i).error;
        if (rows.at(i).label == m_rows.at(i).label
            && rows.at(i).artifact.createdAt == m_rows.at(i).artifact.createdAt
            && rows.at(i).artifact.modifiedAt == m_rows.at(i).artifact.modifiedAt)
            continue;
        firstChanged = qMin(firstChanged, i);
        lastChanged = i;
        m_rows[i] = rows.at(i);
    }
    if (firstChanged <= lastChanged)
        emit dataChanged(index(firstChanged), index(lastChanged),
            {Qt::DisplayRole, Qt::ToolTipRole, ArtifactRole, StepNumberRole});
    if (rows.size() > had) {
        beginInsertRows({}, had, int(rows.size()) - 1);
        for (int i = had; i < rows.size(); ++i) {
            m_rowByKey.insert(rows.at(i).key, i);
            m_rows.append(rows.at(i));
        }
        endInsertRows();
    }
}

void ScreenshotStripModel::clear()
{
    if (m_rows.isEmpty() && m_runId.isEmpty())
        return;
    beginResetModel();
    m_runId.clear();
    m_rows.clear();
    m_rowByKey.clear();
    endResetModel();
}

void ScreenshotStripModel::setVisibleRows(int first, int last)
{
    QList<ThumbnailService::Request> wanted;
    const auto want = [this, &wanted](int row) {
        if (row < 0 || row >= m_rows.size())
            return;
        const Row &shown = m_rows.at(row);
        if (shown.failure == ThumbnailLoading)
            wanted.append({shown.key, shown.artifact});
    };
    // What is on screen first, then the way a strip is usually scrolled, then back.
    for (int row = first; row <= last; ++row)
        want(row);
    for (int row = last + 1; row <= last + kMargin; ++row)
        want(row);
    for (int row = first - 1; row >= first - kMargin; --row)
        want(row);
    m_thumbnails->request(wanted);
}

const Artifact *ScreenshotStripModel::artifactAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row).artifact : nullptr;
}

int ScreenshotStripModel::rowOf(const QString &artifactId) const
{
    return m_rowByKey.value(m_runId + u'/' + artifactId, -1);
}

int ScreenshotStripModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

ScreenshotStripModel::ThumbnailState ScreenshotStripModel::stateOf(const Row &row) const
{
    if (row.failure != ThumbnailLoading)
        return row.failure;
    return m_thumbnails->thumbnail(row.key).isNull() ? ThumbnailLoading : ThumbnailReady;
}

QVariant ScreenshotStripModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return row.label;
    case Qt::DecorationRole: {
        const QPixmap thumbnail = m_thumbnails->thumbnail(row.key);
        return thumbnail.isNull() ? QVariant() : QVariant::fromValue(thumbnail);
    }
    case Qt::ToolTipRole:
    case Qt::AccessibleDescriptionRole:
        if (row.failure == ThumbnailNotAnImage)
            return QString(row.description + u'\n' + tr("This screenshot is not an image."));
        if (row.failure == ThumbnailFailed)
            return QString(
                row.description + u'\n' + tr("Could not load this screenshot: %1").arg(row.error));
        return row.description;
    case ArtifactRole:
        return QVariant::fromValue(row.artifact);
    case ThumbnailStateRole:
        return stateOf(row);
    case StepNumberRole:
        return row.step;
    default:
        return {};
    }
}

void ScreenshotStripModel::thumbnailArrived(
    const QString &key, ThumbnailState state, const QString &error)
{
    const int row = m_rowByKey.value(key, -1);
    if (row < 0)
        return; // of a run no longer shown
    if (state != ThumbnailReady) {
        m_rows[row].failure = state;
        m_rows[row].error = error;
    }
    emit dataChanged(index(row), index(row),
        {Qt::DecorationRole, Qt::ToolTipRole, Qt::AccessibleDescriptionRole, ThumbnailStateRole});
}
