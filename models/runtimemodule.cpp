#include "runtimemodule.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>

using namespace Qt::StringLiterals;

QStringList RuntimeModule::searchPaths()
{
    QStringList paths;
    // Installed: relative to the program, so a package unpacked elsewhere still finds them.
    if (QCoreApplication::instance())
        paths.append(QDir::cleanPath(QCoreApplication::applicationDirPath() + u'/'
            + QStringLiteral(RUNWATCH_MODULE_RELATIVE_DIR)));
    paths.append(QStringLiteral(RUNWATCH_MODULE_BUILD_DIR));
    return paths;
}

QFunctionPointer RuntimeModule::resolve(const QString &name, const char *symbol, QString *error)
{
    const QString fileName = u"librunwatch-"_s + name + u".so"_s;
    QStringList looked;
    for (const QString &directory : searchPaths()) {
        const QString path = QDir(directory).filePath(fileName);
        if (!QFileInfo::exists(path)) {
            looked.append(QDir::toNativeSeparators(directory));
            continue;
        }
        QLibrary library(path);
        library.setLoadHints(QLibrary::PreventUnloadHint);
        if (QFunctionPointer function = library.resolve(symbol))
            return function;
        if (error)
            *error = QCoreApplication::translate("RuntimeModule", "%1 could not be loaded: %2")
                         .arg(QDir::toNativeSeparators(path), library.errorString());
        return nullptr;
    }
    if (error)
        *error = QCoreApplication::translate("RuntimeModule", "%1 is not installed (looked in %2)")
                     .arg(fileName, looked.join(u", "_s));
    return nullptr;
}
