#include "net/http_result.h"

#include "policy/http_date.h"

#include <QtNetwork/QNetworkReply>

namespace sesame {
namespace {

Error networkError(QNetworkReply::NetworkError error) {
    switch (error) {
    case QNetworkReply::SslHandshakeFailedError:
        return Error::Tls;
    case QNetworkReply::TimeoutError:
        return Error::Timeout;
    case QNetworkReply::OperationCanceledError:
        return Error::Cancelled;
    default:
        return Error::Network;
    }
}

std::chrono::seconds retryAfter(const QNetworkReply& reply, const std::optional<contract::Problem>& problem) {
    if (problem) {
        const auto it = problem->extensions.find("retry_after");
        if (it != problem->extensions.end() && it->is_number_unsigned()) {
            return std::chrono::seconds{it->get<std::int64_t>()};
        }
    }
    bool ok = false;
    const int header = reply.rawHeader("Retry-After").trimmed().toInt(&ok);
    return std::chrono::seconds{ok && header > 0 ? header : 0};
}

}  // namespace

Error errorForStatus(int status, const std::optional<contract::Problem>& problem) {
    if (problem) {
        return errorFromWire(problem->code);
    }
    if (status == 429) {
        return Error::RateLimited;
    }
    if (status >= 500) {
        return Error::ServiceUnavailable;
    }
    return Error::InvalidResponse;
}

HttpResult readReply(QNetworkReply& reply, Abort abort) {
    HttpResult result;
    if (abort != Abort::None) {
        result.error = abort == Abort::TimedOut ? Error::Timeout : Error::Tls;
        return result;
    }
    const QVariant status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        result.error = networkError(reply.error());
        return result;
    }
    result.status = status.toInt();
    result.date = parseHttpDate(reply.rawHeader("Date").toStdString());
    const QByteArray bytes = reply.readAll();
    auto json = nlohmann::json::parse(bytes.constBegin(), bytes.constEnd(), nullptr, false);
    if (result.status >= 200 && result.status < 300) {
        if (json.is_discarded() && !bytes.isEmpty()) {
            result.error = Error::InvalidResponse;
        } else if (!json.is_discarded()) {
            result.body = std::move(json);
        }
        return result;
    }
    if (!json.is_discarded()) {
        if (auto problem = contract::problemFromJson(json)) {
            result.problem = std::move(problem).value();
        }
    }
    result.error = errorForStatus(result.status, result.problem);
    result.retryAfter = retryAfter(reply, result.problem);
    return result;
}

}  // namespace sesame
