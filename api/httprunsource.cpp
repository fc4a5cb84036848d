#include "httprunsource.h"

HttpRunSource::HttpRunSource(const QUrl &baseUrl, QObject *parent)
    : RunSource(parent)
    , m_transport(new ApiTransport(baseUrl, this))
{
    connect(m_transport, &ApiTransport::retrying, this, &RunSource::retrying);
}

HttpRunSource::~HttpRunSource() = default;
