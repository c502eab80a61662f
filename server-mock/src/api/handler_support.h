#pragma once
// What every domain handler does around its service call: read the body as a
// contract type, describe the client, and turn the result into a response.

#include "http/json_body.h"
#include "http/message.h"
#include "services/client_context.h"
#include "services/service_result.h"

#include <sesame/contract/json.h>

namespace sesame::server::api {

// The body as a T: 415 / 400 from parseJsonBody, then 400 invalid_request
// naming the field that contract::parse<T> refused.
template <class T>
ServiceResult<T> parseBody(const http::Request& request) {
    auto json = http::parseJsonBody(request);
    if (!json) {
        return contract::unexpected(json.error());
    }
    auto value = contract::parse<T>(json.value());
    if (!value) {
        return contract::unexpected(contract::invalidRequest(value.error()));
    }
    return std::move(value).value();
}

// The caller's address and request id, for the audit log.
inline ClientContext clientOf(const http::Request& request) { return ClientContext{request.clientIp, request.requestId}; }

// `status` with the wire JSON of the value, or the problem.
template <class T>
http::Response respond(const ServiceResult<T>& result, int status = 200) {
    if (!result) {
        return http::Response::problem(result.error());
    }
    return http::Response::json(status, contract::toJson(result.value()));
}

// 204 No Content, or the problem.
inline http::Response respondEmpty(const ServiceResult<store::Done>& result) {
    return result ? http::Response::noContent() : http::Response::problem(result.error());
}

}  // namespace sesame::server::api
