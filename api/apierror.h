#pragma once

#include <QString>
#include <QStringList>

/** Why a request failed, with a sentence a user can act on. */
struct ApiError
{
    enum class Kind {
        None,
        Canceled,
        Network, // no connection, refused, reset, DNS
        Timeout,
        Auth, // 401 / 403: the key is wrong or missing
        NotFound,
        Validation, // 422 with the server's field messages
        RateLimited, // 429, honouring Retry-After
        Server, // 5xx
        Http, // any other unexpected status
        Decode, // malformed JSON or a field of the wrong type
        BadInput, // refused before sending
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString message; // a full sentence for the user
    QStringList fieldMessages; // "parameters.count: Input should be a valid integer"
    int retryAfterSeconds = -1;
    QString requestId; // the server's id of the failed request, for its support
    QString source; // which connection failed, where several are shown together

    bool isError() const { return kind != Kind::None; }
    /** Keeps the server's id of the request and quotes it in the message (none: no change). */
    void quoteRequestId(const QString &id);
    static ApiError badInput(const QString &message);
};

/** The value of a call, or why there is none. */
template<typename T>
struct ApiResult
{
    T value {};
    ApiError error;
    QString note; // worth telling the user even though the call worked

    bool ok() const { return !error.isError(); }
};
