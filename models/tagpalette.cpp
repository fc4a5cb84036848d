#include "tagpalette.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace {
// Mid tones that read as a tint on a light and on a dark background alike.
const QHash<QString, QColor> &namedColors()
{
    static const QHash<QString, QColor> colors {
        {u"red"_s, QColor(0xdc, 0x26, 0x26)},
        {u"orange"_s, QColor(0xea, 0x58, 0x0c)},
        {u"amber"_s, QColor(0xd9, 0x77, 0x06)},
        {u"yellow"_s, QColor(0xca, 0x8a, 0x04)},
        {u"lime"_s, QColor(0x65, 0xa3, 0x0d)},
        {u"green"_s, QColor(0x16, 0xa3, 0x4a)},
        {u"emerald"_s, QColor(0x05, 0x96, 0x69)},
        {u"teal"_s, QColor(0x0d, 0x94, 0x88)},
        {u"cyan"_s, QColor(0x08, 0x91, 0xb2)},
        {u"sky"_s, QColor(0x02, 0x84, 0xc7)},
        {u"blue"_s, QColor(0x25, 0x63, 0xeb)},
        {u"indigo"_s, QColor(0x4f, 0x46, 0xe5)},
        {u"violet"_s, QColor(0x7c, 0x3a, 0xed)},
        {u"purple"_s, QColor(0x93, 0x33, 0xea)},
        {u"fuchsia"_s, QColor(0xc0, 0x26, 0xd3)},
        {u"pink"_s, QColor(0xdb, 0x27, 0x77)},
        {u"rose"_s, QColor(0xe1, 0x1d, 0x48)},
        {u"gray"_s, QColor(0x6b, 0x72, 0x80)},
        {u"grey"_s, QColor(0x6b, 0x72, 0x80)},
        {u"slate"_s, QColor(0x64, 0x74, 0x8b)},
    };
    return colors;
}

// Picked from, for labels the server names no colour for: no grey, so it reads as a colour.
const QStringList kPicked {u"blue"_s, u"teal"_s, u"violet"_s, u"amber"_s, u"pink"_s, u"green"_s,
    u"indigo"_s, u"orange"_s, u"cyan"_s, u"rose"_s, u"lime"_s, u"fuchsia"_s};
} // namespace

QColor TagPalette::colorNamed(const QString &name)
{
    const QString lower = name.trimmed().toLower();
    const auto known = namedColors().constFind(lower);
    if (known != namedColors().cend())
        return *known;
    return QColor::isValidColor(lower) ? QColor(lower) : QColor();
}

QColor TagPalette::colorOf(const RunTag &tag, const TagColorNames &names)
{
    if (tag.key.isEmpty())
        return {};
    const QColor named = colorNamed(names.value(tag.text()));
    if (named.isValid())
        return named;
    // qHash is seeded per process; the colour must not change between starts.
    quint32 hash = 2166136261u;
    for (const QChar c : tag.text())
        hash = (hash ^ c.unicode()) * 16777619u;
    return namedColors().value(kPicked.at(int(hash % quint32(kPicked.size()))));
}
