#include "policy/error_classifier.h"

namespace sesame {

ErrorClass classify(Error error) {
    switch (error) {
    case Error::None:
        return ErrorClass::None;
    case Error::InvalidRefreshToken:
    case Error::RefreshTokenReused:
        return ErrorClass::SessionEnded;
    case Error::Network:
    case Error::Timeout:
    case Error::RateLimited:
    case Error::RequestTimeout:
    case Error::ServiceUnavailable:
    case Error::InternalError:
    case Error::DeliveryUnavailable:
        return ErrorClass::Transient;
    default:
        return ErrorClass::Permanent;
    }
}

}  // namespace sesame
