#include "translations.h"

#include <cstring>

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {
/**
 * English plurals for sentences written with %n ("%n run(s) loaded"), so the source strings
 * can stay English without a translation file of their own; any real translation for the
 * user's language is installed after it and takes precedence.
 */
class EnglishPlurals final : public QTranslator
{
public:
    using QTranslator::QTranslator;
    QString translate(const char *, const char *source, const char *, int n) const override
    {
        if (n < 0 || !source || !std::strstr(source, "(s)"))
            return {};
        return QString::fromUtf8(source).replace(u"(s)"_s, n == 1 ? QString() : u"s"_s);
    }
    bool isEmpty() const override { return false; }
};

/** What the last install put in place, taken out by the next: one language at a time. */
QList<QPointer<QTranslator>> &installed()
{
    static QList<QPointer<QTranslator>> translators;
    return translators;
}

void add(QTranslator *translator)
{
    QCoreApplication::installTranslator(translator);
    installed().append(translator);
}

bool installFile(QCoreApplication *application, const QLocale &locale, const QString &name,
    const QString &folder)
{
    auto *translator = new QTranslator(application);
    if (!translator->load(locale, name, u"_"_s, folder)) {
        delete translator;
        return false;
    }
    add(translator);
    return true;
}
} // namespace

bool Translations::install(QCoreApplication *application, const QLocale &locale)
{
    for (const QPointer<QTranslator> &translator : std::as_const(installed()))
        delete translator.data(); // a deleted translator is uninstalled
    installed().clear();
    add(new EnglishPlurals(application));
    // Qt's catalogue is optional (qt6-translations-l10n): without it its buttons stay English.
    installFile(application, locale, u"qt"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return installFile(application, locale, u"runwatch"_s, u":/i18n"_s);
}
