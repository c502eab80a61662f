#pragma once
// Where a signed-in session survives restarts. One entry per account, keyed by
// the server URL; the entry holds secrets (the refresh token above all), so a
// store must keep it out of plain files unless the application opted in.
//
// Every call is asynchronous: `done` runs later, never before the call
// returns, on the thread that made the call, and not at all once the store is
// destroyed. Calls on one store complete in the order they were made.

#include <sesame/contract/expected.h>
#include <sesame/contract/messages.h>
#include <sesame/sdk_export.h>

#include <QtCore/QString>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace sesame {

// A session as kept between runs. Times are server times (UTC); `serverOffset`
// is how far the server clock was ahead of the device clock when it was saved.
struct StoredSession {
    std::string accessToken;
    std::string refreshToken;
    std::string sessionId;
    std::chrono::system_clock::time_point issuedAt;
    std::chrono::system_clock::time_point accessExpiresAt;
    std::chrono::system_clock::time_point refreshExpiresAt;
    std::chrono::milliseconds serverOffset{0};
    contract::User user;
    contract::Shop shop;
    bool operator==(const StoredSession&) const = default;
};

// Why a store could not do its job. "Nothing stored" is not an error.
struct StoreError {
    enum class Kind {
        Unavailable,  // no keychain, no D-Bus, a broken backend
        Denied,       // the keychain is locked or the user refused access
    };
    Kind kind = Kind::Unavailable;
    QString detail;  // the backend's words, for logs; never contains a secret
};

using StoreReadResult = contract::Expected<std::optional<StoredSession>, StoreError>;

class SESAME_SDK_EXPORT TokenStore {
public:
    using ReadDone = std::function<void(StoreReadResult)>;
    using WriteDone = std::function<void(std::optional<StoreError>)>;

    virtual ~TokenStore();

    // The session stored under `key`, nullopt when there is none.
    virtual void read(const QString& key, ReadDone done) = 0;
    // Replaces whatever is stored under `key`.
    virtual void write(const QString& key, const StoredSession& session, WriteDone done) = 0;
    // Removes the entry; removing an entry that does not exist succeeds.
    virtual void remove(const QString& key, WriteDone done) = 0;
};

}  // namespace sesame
