#pragma once
// What a failure means for the session, independent of where it happened.

#include <sesame/error.h>

namespace sesame {

enum class ErrorClass {
    None,          // not a failure
    Transient,     // network, timeouts, 5xx, 429: retry with backoff, keep the session
    SessionEnded,  // the server ended the session: only invalid_refresh_token and refresh_token_reused
    Permanent,     // retrying soon will not help (a bug, a pin mismatch): keep the session, retry rarely
};

ErrorClass classify(Error error);

}  // namespace sesame
