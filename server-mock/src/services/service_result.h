#pragma once
// What services answer: a value or the wire problem to send. Store failures
// become 503 service_unavailable (or 500 for impossible data), logged here
// with the operation that failed.

#include "store/store_result.h"

#include <sesame/contract/expected.h>
#include <sesame/contract/problem.h>

#include <string_view>

namespace sesame::server {

template <class T>
using ServiceResult = contract::Expected<T, contract::Problem>;

// A problem with `code` and `detail` (and no extensions).
contract::Unexpected<contract::Problem> fail(contract::ErrorCode code, std::string detail);

// Logs `error` (level error, event "store_error", with `operation`) and
// returns the problem to answer: 503 service_unavailable or 500 internal_error.
contract::Problem storeProblem(const store::StoreError& error, std::string_view operation);

// The same, without the problem: for clean-up calls whose failure the client
// need not hear about (releasing a rate-limit slot, consuming a used code).
void logStoreError(const store::StoreError& error, std::string_view operation);

}  // namespace sesame::server
