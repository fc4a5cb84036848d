#include "bulkcancelresult.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "jsonreader.h"

using namespace Qt::StringLiterals;

std::optional<BulkCancelResult> BulkCancelResult::fromJson(const QByteArray &body, QString *error)
{
    const auto document
        = parseResponse(body, true, u"expected a JSON object with cancelled and failed"_s, error);
    if (!document)
        return std::nullopt;
    const QJsonObject object = document->object();
    BulkCancelResult result;
    for (const auto &[name, list] :
        {std::pair {"cancelled"_L1, &result.cancelled}, std::pair {"failed"_L1, &result.failed}}) {
        const QJsonValue value = object.value(name);
        if (!value.isArray()) {
            if (error)
                *error = u"%1: expected a list of run ids"_s.arg(name);
            return std::nullopt;
        }
        const QJsonArray ids = value.toArray();
        for (const QJsonValue &id : ids) {
            if (id.isString() && !id.toString().isEmpty())
                list->append(id.toString());
        }
    }
    return result;
}
