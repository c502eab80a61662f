#pragma once
// The allowed status transitions of AuthClient: the table in auth_client.h,
// as data. setStatus() refuses anything else, and the tests check that every
// row happens.

#include <sesame/auth_client.h>

#include <array>
#include <utility>

namespace sesame {

using StatusTransition = std::pair<AuthClient::Status, AuthClient::Status>;

inline constexpr std::array<StatusTransition, 20> kStatusTransitions{{
    {AuthClient::Status::SignedOut, AuthClient::Status::Restoring},
    {AuthClient::Status::Restoring, AuthClient::Status::SignedIn},
    {AuthClient::Status::Restoring, AuthClient::Status::Refreshing},
    {AuthClient::Status::Restoring, AuthClient::Status::SignedOut},
    {AuthClient::Status::SignedOut, AuthClient::Status::RequestingCode},
    {AuthClient::Status::AwaitingCode, AuthClient::Status::RequestingCode},
    {AuthClient::Status::RequestingCode, AuthClient::Status::AwaitingCode},
    {AuthClient::Status::RequestingCode, AuthClient::Status::SignedOut},
    {AuthClient::Status::AwaitingCode, AuthClient::Status::Verifying},
    {AuthClient::Status::Verifying, AuthClient::Status::AwaitingCode},
    {AuthClient::Status::Verifying, AuthClient::Status::SignedIn},
    {AuthClient::Status::AwaitingCode, AuthClient::Status::SignedOut},
    {AuthClient::Status::Verifying, AuthClient::Status::SignedOut},
    {AuthClient::Status::SignedIn, AuthClient::Status::Refreshing},
    {AuthClient::Status::Refreshing, AuthClient::Status::SignedIn},
    {AuthClient::Status::Refreshing, AuthClient::Status::Offline},
    {AuthClient::Status::Offline, AuthClient::Status::Refreshing},
    {AuthClient::Status::Refreshing, AuthClient::Status::SignedOut},
    {AuthClient::Status::SignedIn, AuthClient::Status::SignedOut},
    {AuthClient::Status::Offline, AuthClient::Status::SignedOut},
}};

constexpr bool isAllowedTransition(AuthClient::Status from, AuthClient::Status to) {
    for (const auto& [allowedFrom, allowedTo] : kStatusTransitions) {
        if (allowedFrom == from && allowedTo == to) {
            return true;
        }
    }
    return false;
}

}  // namespace sesame
