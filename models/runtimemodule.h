#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>

/**
 * Parts of Runwatch built as modules of their own and loaded when first used: the libraries
 * they bring (Qt Multimedia with the desktop's sound and video stack for recordings, libzip
 * with its compressors and crypto for evidence bundles) would otherwise be loaded and relocated
 * at every start, before the window could be drawn.
 *
 * A module is looked for beside the program as installed (../lib/runwatch), then in the build
 * tree it was built in. Once loaded it stays loaded: objects it made may outlive any caller.
 */
namespace RuntimeModule {
/** The function `symbol` of the module `name` ("media", "zip"), or nullptr and why not. */
QFunctionPointer resolve(const QString &name, const char *symbol, QString *error);
/** Where modules are looked for, first to last. */
QStringList searchPaths();
} // namespace RuntimeModule
