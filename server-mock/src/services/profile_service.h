#pragma once
// GET and PATCH /v1/me: the signed-in user, their shop and this session, and
// completing registration (name, shop details, consent to the terms).
//
// The wire rules of every field (lengths, BCP 47 language tags, ISO 4217
// currencies, terms versions) are checked by contract::parse<ProfilePatch>
// before a patch gets here, naming the offending field; a patch that passed
// is applied as a whole or not at all.

#include "services/clock.h"
#include "services/service_result.h"
#include "services/session_service.h"
#include "store/account_store.h"

#include <sesame/contract/messages.h>

namespace sesame::server {

class ProfileService {
public:
    ProfileService(store::AccountStore& accounts, const Clock& clock);

    // The principal's user, shop and session.
    ServiceResult<contract::MeResponse> me(const Principal& principal);

    // Applies the members present in `patch`; a consent is appended to the
    // user's consent history with the current time. Answers like me().
    ServiceResult<contract::MeResponse> update(const Principal& principal, const contract::ProfilePatch& patch);

private:
    store::AccountStore& accounts_;
    const Clock& clock_;
};

}  // namespace sesame::server
