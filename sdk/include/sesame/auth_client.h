#pragma once
// sesame::AuthClient: passwordless phone login against a Sesame server, and
// the session that follows it. One client serves one account (server URL).
//
// Status transitions (the table is enforced by the client and every row is
// exercised by tests/sdk/tst_auth_client.cpp):
//
// | from           | to             | when                                                            |
// |----------------|----------------|-----------------------------------------------------------------|
// | SignedOut      | Restoring      | restore()                                                       |
// | Restoring      | SignedIn       | a stored session whose access token is still fresh              |
// | Restoring      | Refreshing     | a stored session due for refresh                                |
// | Restoring      | SignedOut      | nothing (or an expired session) stored, the store failed (see storageStatus), signOut() |
// | SignedOut      | RequestingCode | requestCode()                                                   |
// | AwaitingCode   | RequestingCode | requestCode() for another phone, resendCode()                   |
// | RequestingCode | AwaitingCode   | the code was sent (codeSent), or a re-request failed            |
// | RequestingCode | SignedOut      | the first request failed, cancel()                              |
// | AwaitingCode   | Verifying      | verifyCode()                                                    |
// | Verifying      | AwaitingCode   | wrong, expired or dead code, or the request failed              |
// | Verifying      | SignedIn       | the code was accepted (signedIn)                                |
// | AwaitingCode   | SignedOut      | cancel()                                                        |
// | Verifying      | SignedOut      | cancel()                                                        |
// | SignedIn       | Refreshing     | refresh due, refreshNow(), a protected call's token rejected    |
// | Refreshing     | SignedIn       | refreshed (tokenRefreshed)                                      |
// | Refreshing     | Offline        | refresh failed but may work later: session kept, retried with backoff |
// | Offline        | Refreshing     | backoff elapsed, network back, app resumed, refreshNow(), a protected call |
// | Refreshing     | SignedOut      | the server ended the session, another process signed out, signOut() |
// | SignedIn       | SignedOut      | signOut()                                                       |
// | Offline        | SignedOut      | signOut()                                                       |
//
// Secrets (refresh and access tokens, codes) never reach a property, a
// signal, a QVariant or a log line; phones in logs are masked.

#include <sesame/error.h>
#include <sesame/sdk_export.h>

#include <QtCore/QDateTime>
#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtCore/QUrl>
#include <QtCore/QVariantList>
#include <QtCore/QVariantMap>
#include <QtQml/QQmlParserStatus>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QNetworkAccessManager;
class QNetworkRequest;

namespace sesame {

class AuthClientPrivate;
class Clock;
class ProtectedCall;
class TokenStore;

class SESAME_SDK_EXPORT AuthClient : public QObject, public QQmlParserStatus {
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_ELEMENT

    // Configuration; change it while signed out.
    Q_PROPERTY(QUrl serverUrl READ serverUrl WRITE setServerUrl NOTIFY serverUrlChanged)
    Q_PROPERTY(bool allowInsecureTransport READ allowInsecureTransport WRITE setAllowInsecureTransport NOTIFY
                   transportChanged)
    Q_PROPERTY(int timeout READ timeout WRITE setTimeout NOTIFY transportChanged)
    Q_PROPERTY(QStringList pinnedKeys READ pinnedKeys WRITE setPinnedKeys NOTIFY transportChanged)
    Q_PROPERTY(QString deviceName READ deviceName WRITE setDeviceName NOTIFY deviceNameChanged)

    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    // The code request under way.
    Q_PROPERTY(QString phone READ phone NOTIFY codeRequestChanged)
    Q_PROPERTY(Channel channel READ channel NOTIFY codeRequestChanged)
    Q_PROPERTY(QUrl linkUrl READ linkUrl NOTIFY codeRequestChanged)
    Q_PROPERTY(int codeLength READ codeLength NOTIFY codeRequestChanged)
    Q_PROPERTY(QDateTime codeExpiresAt READ codeExpiresAt NOTIFY codeRequestChanged)
    Q_PROPERTY(int resendIn READ resendIn NOTIFY resendInChanged)
    Q_PROPERTY(int attemptsLeft READ attemptsLeft NOTIFY attemptsLeftChanged)
    Q_PROPERTY(int retryAfter READ retryAfter NOTIFY retryAfterChanged)
    // The signed-in account.
    Q_PROPERTY(bool isNewUser READ isNewUser NOTIFY accountChanged)
    Q_PROPERTY(QVariantMap user READ user NOTIFY accountChanged)
    Q_PROPERTY(QVariantMap shop READ shop NOTIFY accountChanged)
    Q_PROPERTY(QDateTime sessionExpiresAt READ sessionExpiresAt NOTIFY accountChanged)
    Q_PROPERTY(StorageStatus storageStatus READ storageStatus NOTIFY storageStatusChanged)
    Q_PROPERTY(sesame::Error lastError READ lastError NOTIFY lastErrorChanged)
    Q_PROPERTY(QString lastErrorText READ lastErrorText NOTIFY lastErrorChanged)

public:
    enum class Status { SignedOut, Restoring, RequestingCode, AwaitingCode, Verifying, SignedIn, Refreshing, Offline };
    Q_ENUM(Status)
    // Where a code goes. Asking, Auto lets the server choose (TelegramLink
    // asks for Telegram). As the `channel` property: where the code went,
    // Auto while none was sent; TelegramLink means "open linkUrl first".
    enum class Channel { Auto, Telegram, TelegramLink, Sms };
    Q_ENUM(Channel)
    // Which sessions signOut() ends: this one, every other one, or all.
    enum class SignOutScope { Local, Others, Global };
    Q_ENUM(SignOutScope)
    enum class SignOutReason {
        UserRequest,        // signOut()
        SessionExpired,     // the server no longer knows the session (invalid_refresh_token)
        SessionRevoked,     // a refresh token was replayed: the server ended the session (refresh_token_reused)
        SignedOutElsewhere, // another process of this account signed out
    };
    Q_ENUM(SignOutReason)
    enum class StorageStatus {
        Unknown,      // not used yet
        Available,    // the last store operation worked
        Unavailable,  // no keychain (no D-Bus, no backend): the session lives only in memory
        Denied,       // the keychain is locked or access was refused
    };
    Q_ENUM(StorageStatus)

    explicit AuthClient(QObject* parent = nullptr);
    ~AuthClient() override;

    QUrl serverUrl() const;
    // The Sesame server; https unless the host is loopback or
    // allowInsecureTransport is set. Ignored unless signed out.
    void setServerUrl(const QUrl& url);
    bool allowInsecureTransport() const;
    // Allows plain http to any host: for development only, never in a release.
    void setAllowInsecureTransport(bool allow);
    int timeout() const;
    // Milliseconds a request may take before it fails with Error::Timeout (default 15000).
    void setTimeout(int milliseconds);
    QStringList pinnedKeys() const;
    // Base64 SHA-256 digests of SubjectPublicKeyInfos ("pin-sha256"); when
    // set, the server's chain must contain one of them. Invalid lists are refused.
    void setPinnedKeys(const QStringList& pins);
    QString deviceName() const;
    // The name this device's session gets on the server (default: the OS name).
    void setDeviceName(const QString& name);

    // The store for sessions (default: a KeychainTokenStore for service
    // "Sesame"). Set it before restore(); shared stores must outlive the client.
    void setTokenStore(std::shared_ptr<TokenStore> store);
    // The device clock (default: the system clock), for tests.
    void setClock(std::shared_ptr<const Clock> clock);

    Status status() const;
    QString phone() const;
    Channel channel() const;
    QUrl linkUrl() const;
    int codeLength() const;
    QDateTime codeExpiresAt() const;
    int resendIn() const;
    int attemptsLeft() const;
    int retryAfter() const;
    bool isNewUser() const;
    QVariantMap user() const;
    QVariantMap shop() const;
    QDateTime sessionExpiresAt() const;
    StorageStatus storageStatus() const;
    Error lastError() const;
    QString lastErrorText() const;

    // Adds "Authorization: Bearer <access token>" to a request for the
    // application's own API. False (and nothing added) when not signed in or
    // when the URL breaks the transport rules.
    bool authorize(QNetworkRequest& request) const;
    // Sends an authorized request through `manager`: waits while a refresh is
    // under way, refreshes first when the token is known to be expired, and
    // replays the call once after a 401 invalid_token/token_expired. The call
    // is a child of this client (deleted with it); delete it after finished().
    // `manager` must outlive the call.
    ProtectedCall* send(QNetworkAccessManager& manager, const QNetworkRequest& request, const QByteArray& verb,
                        const QByteArray& body);

    void classBegin() override;
    void componentComplete() override;

public Q_SLOTS:
    // Loads the stored session of serverUrl, if any. QML calls it on completion.
    void restore();
    // Asks for a code for `phone` (E.164, or national form with an ISO 3166
    // `region`; empty region: the system locale's).
    void requestCode(const QString& phone, const QString& region, sesame::AuthClient::Channel channel);
    // Asks for a new code for the same phone, possibly on another channel.
    void resendCode(sesame::AuthClient::Channel channel);
    // Exchanges the code for a session.
    void verifyCode(const QString& code);
    // Abandons a login under way.
    void cancel();
    // Fetches the profile (GET /v1/me) into user and shop.
    void fetchProfile();
    // Completes registration or edits the profile: {"name", "shop": {"name",
    // "language", "currency"}, "consent": {"termsVersion", "marketing"}}.
    void updateProfile(const QVariantMap& changes);
    // Lists the account's sessions (sessionsListed).
    void listSessions();
    // Ends another session of the account (sessionRevoked).
    void revokeSession(const QString& sessionId);
    // Local and Global clear the stored session first, then tell the server,
    // also when offline; Others keeps this session signed in.
    void signOut(sesame::AuthClient::SignOutScope scope);
    // Refreshes the access token now (joins a refresh under way).
    void refreshNow();

Q_SIGNALS:
    void serverUrlChanged();
    void transportChanged();
    void deviceNameChanged();
    void statusChanged(sesame::AuthClient::Status status);
    void codeRequestChanged();
    void resendInChanged();
    void attemptsLeftChanged();
    void retryAfterChanged();
    void accountChanged();
    void storageStatusChanged();
    void lastErrorChanged();

    // A code is on its way (see channel, linkUrl, codeLength, resendIn).
    void codeSent();
    // A code was verified: a new session exists and is stored (see isNewUser).
    void signedIn();
    // The session ended; the store was cleared before this is emitted.
    void signedOut(sesame::AuthClient::SignOutReason reason);
    // A new access token is in use (and its refresh token already stored).
    void tokenRefreshed();
    // user and shop hold the server's latest profile.
    void profileUpdated();
    // The account's sessions: [{"id", "device": {"name", "platform"} or null,
    // "createdAt", "lastSeenAt", "current"}].
    void sessionsListed(const QVariantList& sessions);
    void sessionRevoked(const QString& sessionId);
    void otherSessionsSignedOut();
    // Something failed; lastError and lastErrorText say the same. Retries of a
    // failing refresh report only the first failure.
    void errorOccurred(sesame::Error error, const QString& text);

private:
    Q_DECLARE_PRIVATE(AuthClient)
    std::unique_ptr<AuthClientPrivate> d_ptr;
    friend class ProtectedCall;
};

}  // namespace sesame
