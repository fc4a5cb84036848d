#pragma once

class QCoreApplication;
class QLocale;

/**
 * Speaks the user's language: Runwatch's own translation and Qt's (the standard dialogs and
 * buttons) for the locale, with English plurals ("1 run", "2 runs") as the fallback. The
 * translators live as long as the application they are installed in.
 */
namespace Translations {
/**
 * Installs what exists for the locale in place of what an earlier call installed; answers
 * whether Runwatch has its own translation for it.
 */
bool install(QCoreApplication *application, const QLocale &locale);
} // namespace Translations
