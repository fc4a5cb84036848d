#include "runlink.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("RunLink", text);
}

/** Ids of connections (UUIDs, "demo") and of runs (wr_…, tsk_…): letters, digits and -._~ */
bool isId(const QString &text)
{
    static const QRegularExpression id(u"^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$"_s);
    return id.match(text).hasMatch();
}
} // namespace

bool RunLink::looksLikeLink(const QString &text)
{
    return text.trimmed().startsWith(QLatin1String(kScheme) + u':', Qt::CaseInsensitive);
}

std::optional<RunLink> RunLink::parse(const QString &text, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<RunLink> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QString trimmed = text.trimmed();
    if (!looksLikeLink(trimmed))
        return fail(tr("It is not a Runwatch link (runwatch://run/<connection>/<run id>)."));
    // No count: what arrives may already have been cut on its way from another program.
    if (trimmed.size() > kMaxLength)
        return fail(tr("The link is longer than any Runwatch link (at most %1 characters).")
                        .arg(kMaxLength));
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().compare(QLatin1String(kScheme), Qt::CaseInsensitive) != 0)
        return fail(tr("It is not a Runwatch link (runwatch://run/<connection>/<run id>)."));
    if (url.host() != "run"_L1 || url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty()
        || url.port() != -1)
        return fail(tr("A Runwatch link opens a run: runwatch://run/<connection>/<run id>."));
    const QStringList parts = url.path(QUrl::FullyDecoded).split(u'/');
    // "/connection/run": an empty first part, then exactly two.
    if (parts.size() != 3 || !parts.at(0).isEmpty())
        return fail(tr("A Runwatch link names a connection and a run, and nothing else: "
                       "runwatch://run/<connection>/<run id>."));
    RunLink link {parts.at(1), parts.at(2)};
    if (!isId(link.connection))
        return fail(tr("The link's connection is not a connection id."));
    if (!isId(link.runId))
        return fail(tr("The link's run id is not a run id."));
    return link;
}

QUrl RunLink::toUrl() const
{
    QUrl url;
    url.setScheme(QLatin1String(kScheme));
    url.setHost(u"run"_s);
    url.setPath(u"/"_s + connection + u"/"_s + runId);
    return url;
}
