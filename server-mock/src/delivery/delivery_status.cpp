#include "delivery/delivery_status.h"

#include <array>
#include <utility>

namespace sesame::server::delivery {
namespace {

constexpr std::array<std::pair<DeliveryState, std::string_view>, 5> kNames{{
    {DeliveryState::AwaitingLink, "awaiting_link"},
    {DeliveryState::Queued, "queued"},
    {DeliveryState::Sent, "sent"},
    {DeliveryState::Delivered, "delivered"},
    {DeliveryState::Failed, "failed"},
}};

int rank(DeliveryState state) {
    switch (state) {
    case DeliveryState::AwaitingLink: return 0;
    case DeliveryState::Queued: return 1;
    case DeliveryState::Sent: return 2;
    case DeliveryState::Delivered:
    case DeliveryState::Failed: return 3;
    }
    return 0;
}

}  // namespace

std::string_view wireName(DeliveryState state) {
    for (const auto& [value, name] : kNames) {
        if (value == state) {
            return name;
        }
    }
    return "unknown";
}

std::optional<DeliveryState> deliveryStateNamed(std::string_view name) {
    for (const auto& [value, known] : kNames) {
        if (known == name) {
            return value;
        }
    }
    return std::nullopt;
}

DeliveryState stateOf(SendStatus status) {
    switch (status) {
    case SendStatus::Sent: return DeliveryState::Sent;
    case SendStatus::Queued: return DeliveryState::Queued;
    case SendStatus::AwaitingLink: return DeliveryState::AwaitingLink;
    case SendStatus::Failed: return DeliveryState::Failed;
    }
    return DeliveryState::Failed;
}

bool mayFollow(DeliveryState current, DeliveryState next) { return rank(next) >= rank(current); }

}  // namespace sesame::server::delivery
