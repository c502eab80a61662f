#pragma once
// AuthClient's private half. The flows are split by concern over
// auth_client_{login,session,refresh,calls}.cpp; this header is the state they
// share. Nothing here is installed.

#include <sesame/auth_client.h>
#include <sesame/token_store.h>

#include "net/http_result.h"
#include "net/transport.h"
#include "policy/backoff.h"
#include "policy/refresh_policy.h"
#include "policy/server_clock.h"
#include "session/account_lock.h"

#include <QtCore/QDeadlineTimer>
#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtNetwork/QNetworkAccessManager>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace sesame {

// A time point as the UTC QDateTime properties expose.
inline QDateTime toDateTime(std::chrono::system_clock::time_point time) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch());
    return QDateTime::fromMSecsSinceEpoch(ms.count(), Qt::UTC);
}

class AuthClientPrivate {
    Q_DECLARE_PUBLIC(AuthClient)

public:
    using Status = AuthClient::Status;
    using ResultDone = std::function<void(HttpResult)>;
    using ReadyDone = std::function<void(Error)>;

    explicit AuthClientPrivate(AuthClient* q);
    ~AuthClientPrivate();

    // ---- state (auth_client_session.cpp) ----
    void setStatus(Status next);
    void fail(Error error);
    void clearError();
    void noteStore(const std::optional<StoreError>& error);
    QString key() const;
    TokenStore& store();
    void adoptSession(StoredSession session);
    void endSession(AuthClient::SignOutReason reason, Error waitersError, std::function<void()> then);
    StoredSession sessionFromGrant(const contract::Session& grant) const;
    void restore();
    void onRestored(StoreReadResult result);
    void signOutHere(AuthClient::SignOutScope scope);
    void tellServerSignedOut(const StoredSession& ended, AuthClient::SignOutScope scope, bool mayRefresh);

    // ---- login (auth_client_login.cpp) ----
    void requestCode(const QString& phone, const QString& region, AuthClient::Channel channel);
    void onCodeRequested(const HttpResult& result, Status before);
    void verifyCode(const QString& code);
    void onVerified(const HttpResult& result);
    void cancelLogin();
    void clearLogin();
    void startResendCountdown(std::chrono::seconds wait);
    void tickResendCountdown();

    // ---- refresh (auth_client_refresh.cpp) ----
    void startRefresh();
    void refreshUnderLock();
    void postRefresh(std::uint64_t epoch);
    void refreshSucceeded();
    void refreshFailed(Error error, std::chrono::seconds retryAfter);
    void scheduleRefresh();
    void onRefreshDue();
    void recheck();
    void whenTokenUsable(QObject* context, ReadyDone done);
    void afterRejection(const std::string& rejectedToken, QObject* context, ReadyDone done);
    void finishWaiters(Error error);
    bool accessExpired() const;

    // ---- protected calls (auth_client_calls.cpp) ----
    ProtectedCall* makeCall(const QNetworkRequest& request, std::function<QNetworkReply*(const QNetworkRequest&)> send);
    void callServer(const QByteArray& verb, const QString& path, const QByteArray& body, ResultDone done);
    void fetchProfile();
    void updateProfile(const QVariantMap& changes);
    void listSessions();
    void revokeSession(const QString& sessionId);
    void applyProfile(const HttpResult& result);

    // A request to the server, plus `done` guarded by the client's lifetime.
    void post(const char* path, const QByteArray& body, ResultDone done);
    bool transportAllowed();

    AuthClient* q_ptr;

    // Configuration.
    QUrl serverUrl;
    QStringList pinnedKeys;
    QString deviceName;
    std::shared_ptr<TokenStore> tokenStore;
    std::shared_ptr<const Clock> clock;

    // Collaborators.
    QNetworkAccessManager network;
    Transport transport{network};
    ServerClock serverClock;
    RefreshPolicy refreshPolicy;
    Backoff backoff;
    std::unique_ptr<AccountLock> lock;

    // Published state.
    Status status = Status::SignedOut;
    Error lastError = Error::None;
    AuthClient::StorageStatus storageStatus = AuthClient::StorageStatus::Unknown;

    // The login under way.
    QString phone;      // E.164, as the server answered
    QString requestId;
    AuthClient::Channel channel = AuthClient::Channel::Auto;
    QUrl linkUrl;
    int codeLength = 0;
    QDateTime codeExpiresAt;
    int resendIn = 0;
    int attemptsLeft = -1;  // unknown until the server says
    int retryAfter = 0;
    QDeadlineTimer resendDeadline;
    QTimer resendTicker;
    std::uint64_t loginGeneration = 0;  // a cancelled login's late answers are dropped

    // The session.
    std::optional<StoredSession> session;
    bool isNewUser = false;
    RefreshPolicy::TimePoint refreshAt;
    std::uint64_t epoch = 0;  // bumped whenever a session ends: late completions are dropped
    bool refreshing = false;
    bool sessionPersisted = false;  // the store holds this very session
    QTimer refreshTimer;
    QTimer retryTimer;
    struct Waiter {
        QPointer<QObject> context;
        ReadyDone done;
    };
    std::vector<Waiter> waiters;
};

}  // namespace sesame
