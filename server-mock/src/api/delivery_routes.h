#pragma once
// GET /v1/otp/{request_id}/delivery: what became of a code's delivery, for QA
// and operators (the apps never need it). 200
// {"request_id","channel","status","upstream_id"?,"updated_at"}; 404
// not_found for a request the store does not know (unknown, or past its
// retention); 503 service_unavailable when the store does not answer.

#include "delivery/delivery_status.h"
#include "http/router.h"

namespace sesame::server::api {

// `statuses` must outlive `router`.
void registerDeliveryRoutes(http::Router& router, delivery::DeliveryStatusStore& statuses);

}  // namespace sesame::server::api
