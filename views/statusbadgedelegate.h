#pragma once

#include <QFont>
#include <QHash>
#include <QPixmapCache>
#include <QStyledItemDelegate>

/** Paints a run's status as a coloured pill, so failures stand out when scanning the list. */
class StatusBadgeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    /** Everything a drawn pill depends on: equal looks share one pixmap. */
    struct PillLook
    {
        QString text;
        QRgb color = 0;
        int status = -1;
        QSize size;
        bool selected = false;
        qint64 palette = 0;
        int colorGroup = 0; // an inactive window's colours
        QFont font;
        qreal ratio = 1.0;

        bool operator==(const PillLook &other) const;
    };
    friend size_t qHash(const PillLook &look, size_t seed);

    // A list shows a handful of statuses in hundreds of rows: each pill is drawn (shaped,
    // anti-aliased, its icon rendered) once per look and then copied. The pixmaps live in
    // QPixmapCache, which may drop them; a dropped key simply draws the pill again.
    mutable QHash<PillLook, QPixmapCache::Key> m_drawn;
};
