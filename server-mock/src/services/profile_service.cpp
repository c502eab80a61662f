#include "services/profile_service.h"

#include "services/wire_mapping.h"

namespace sesame::server {

ProfileService::ProfileService(store::AccountStore& accounts, const Clock& clock)
    : accounts_(accounts), clock_(clock) {}

ServiceResult<contract::MeResponse> ProfileService::me(const Principal& principal) {
    auto account = accounts_.findAccount(principal.userId, principal.sessionId);
    if (!account) {
        return contract::unexpected(storeProblem(account.error(), "accounts.find_account"));
    }
    if (!account.value()) {
        // authenticate() saw the session a moment ago; it can only have vanished since.
        return fail(contract::ErrorCode::InvalidToken, "the session of this access token has ended");
    }
    const store::AccountView& view = *account.value();
    return contract::MeResponse{toWire(view.user), toWire(view.shop), toWire(view.session)};
}

ServiceResult<contract::MeResponse> ProfileService::update(const Principal& principal,
                                                           const contract::ProfilePatch& patch) {
    store::ProfileUpdate update;
    update.name = patch.name;
    if (patch.shop) {
        update.shopName = patch.shop->name;
        update.shopLanguage = patch.shop->language;
        update.shopCurrency = patch.shop->currency;
    }
    update.consent = patch.consent;
    update.now = clock_.now();
    auto updated = accounts_.updateProfile(principal.userId, update);
    if (!updated) {
        return contract::unexpected(storeProblem(updated.error(), "accounts.update_profile"));
    }
    if (!updated.value()) {
        return fail(contract::ErrorCode::InvalidToken, "the user of this access token no longer exists");
    }
    return me(principal);
}

}  // namespace sesame::server
