#pragma once
// Mock mode only: GET /mock/outbox?phone=<E.164>[&region=XX]. Registered only
// in mock mode, so in full mode the path is unknown and answers 404 not_found.

#include "delivery/outbox_channel.h"
#include "http/router.h"

namespace sesame::server::api {

// `outbox` must outlive `router`. A bad phone answers 400 invalid_phone;
// a phone with no messages answers an empty list.
void registerMockRoutes(http::Router& router, const delivery::OutboxChannel& outbox);

}  // namespace sesame::server::api
