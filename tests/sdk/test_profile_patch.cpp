#include "client/profile_patch.h"

#include <catch2/catch.hpp>

using sesame::profilePatchFrom;

TEST_CASE("a profile change becomes a PATCH /v1/me body", "[profile]") {
    const auto patch = profilePatchFrom({
        {"name", QString::fromUtf8("Айгуль")},
        {"shop", QVariantMap{{"name", "Corner"}, {"currency", "KZT"}}},
        {"consent", QVariantMap{{"termsVersion", "2024-06-01"}, {"marketing", true}}},
    });
    REQUIRE(patch);
    CHECK(patch->name == std::string("Айгуль"));
    REQUIRE(patch->shop);
    CHECK(patch->shop->name == std::string("Corner"));
    CHECK_FALSE(patch->shop->language);
    REQUIRE(patch->consent);
    CHECK(patch->consent->termsVersion == "2024-06-01");
    CHECK(patch->consent->marketing);
    CHECK(profilePatchFrom({}) == sesame::contract::ProfilePatch{});
}

TEST_CASE("typos and wrong types are refused, not dropped", "[profile]") {
    CHECK_FALSE(profilePatchFrom({{"nmae", "x"}}));
    CHECK_FALSE(profilePatchFrom({{"name", 5}}));
    CHECK_FALSE(profilePatchFrom({{"name", QVariant{}}}));
    CHECK_FALSE(profilePatchFrom({{"shop", "Corner"}}));
    CHECK_FALSE(profilePatchFrom({{"shop", QVariantMap{{"title", "x"}}}}));
    CHECK_FALSE(profilePatchFrom({{"shop", QVariantMap{{"name", QVariantList{}}}}}));
    CHECK_FALSE(profilePatchFrom({{"consent", QVariantMap{{"marketing", true}}}}));
    CHECK_FALSE(profilePatchFrom({{"consent", QVariantMap{{"termsVersion", "v1"}, {"marketing", "yes"}}}}));
}

TEST_CASE("session ids are checked before they reach a path", "[profile]") {
    CHECK(sesame::isSessionId("ses_01HZX-abc"));
    for (const char* bad : {"", "../me", "a/b", "a b", "a%2F", "ид", "a\nb"}) {
        INFO(bad);
        CHECK_FALSE(sesame::isSessionId(QString::fromUtf8(bad)));
    }
    CHECK_FALSE(sesame::isSessionId(QString(129, u'a')));
    CHECK(sesame::isSessionId(QString(128, u'a')));
}
