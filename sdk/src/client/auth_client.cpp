#include <sesame/auth_client.h>
#include <sesame/clock.h>
#include <sesame/protected_call.h>

#include "client/app_state_watcher.h"
#include "client/auth_client_p.h"
#include "client/log.h"
#include "net/transport_rules.h"

#include <QtCore/QSysInfo>

namespace sesame {

Q_LOGGING_CATEGORY(lcClient, "sesame.client")

namespace {

constexpr int kMaxDeviceName = 100;

QVariantMap userMap(const contract::User& user) {
    return {{QStringLiteral("id"), QString::fromStdString(user.id)},
            {QStringLiteral("phone"), QString::fromStdString(user.phone)},
            {QStringLiteral("name"), user.name ? QVariant{QString::fromStdString(*user.name)} : QVariant{}},
            {QStringLiteral("createdAt"), QString::fromStdString(user.createdAt)}};
}

QVariantMap shopMap(const contract::Shop& shop) {
    return {{QStringLiteral("id"), QString::fromStdString(shop.id)},
            {QStringLiteral("name"), shop.name ? QVariant{QString::fromStdString(*shop.name)} : QVariant{}},
            {QStringLiteral("language"), QString::fromStdString(shop.language)},
            {QStringLiteral("currency"), QString::fromStdString(shop.currency)},
            {QStringLiteral("plan"), QString::fromStdString(shop.plan)}};
}

}  // namespace

AuthClientPrivate::AuthClientPrivate(AuthClient* q)
    : q_ptr(q),
      deviceName(QSysInfo::prettyProductName().left(kMaxDeviceName)),
      clock(systemClock()),
      serverClock(clock),
      refreshPolicy(defaultUnitRandom()),
      backoff({}, defaultUnitRandom()) {
    for (QTimer* timer : {&resendTicker, &refreshTimer, &retryTimer}) {
        timer->setSingleShot(true);
    }
}

AuthClientPrivate::~AuthClientPrivate() = default;

AuthClient::AuthClient(QObject* parent) : QObject(parent), d_ptr(std::make_unique<AuthClientPrivate>(this)) {
    Q_D(AuthClient);
    connect(&d->resendTicker, &QTimer::timeout, this, [d] { d->tickResendCountdown(); });
    connect(&d->refreshTimer, &QTimer::timeout, this, [d] { d->onRefreshDue(); });
    connect(&d->retryTimer, &QTimer::timeout, this, [d] { d->startRefresh(); });
    new AppStateWatcher([d] { d->recheck(); }, this);
}

AuthClient::~AuthClient() {
    // Calls still under way hold replies of the client's network manager,
    // which dies with d_ptr: they go first.
    qDeleteAll(findChildren<ProtectedCall*>(Qt::FindDirectChildrenOnly));
}

QUrl AuthClient::serverUrl() const { return d_func()->serverUrl; }

void AuthClient::setServerUrl(const QUrl& url) {
    Q_D(AuthClient);
    if (url == d->serverUrl) {
        return;
    }
    if (d->status != Status::SignedOut) {
        qCWarning(lcClient) << "serverUrl can only change while signed out";
        return;
    }
    d->serverUrl = url;
    d->lock.reset();
    Q_EMIT serverUrlChanged();
}

bool AuthClient::allowInsecureTransport() const { return d_func()->transport.settings().allowInsecure; }

void AuthClient::setAllowInsecureTransport(bool allow) {
    Q_D(AuthClient);
    if (allow != d->transport.settings().allowInsecure) {
        d->transport.settings().allowInsecure = allow;
        Q_EMIT transportChanged();
    }
}

int AuthClient::timeout() const { return static_cast<int>(d_func()->transport.settings().timeout.count()); }

void AuthClient::setTimeout(int milliseconds) {
    Q_D(AuthClient);
    const std::chrono::milliseconds timeout{std::max(1, milliseconds)};
    if (timeout != d->transport.settings().timeout) {
        d->transport.settings().timeout = timeout;
        Q_EMIT transportChanged();
    }
}

QStringList AuthClient::pinnedKeys() const { return d_func()->pinnedKeys; }

void AuthClient::setPinnedKeys(const QStringList& pins) {
    Q_D(AuthClient);
    const auto digests = decodePins(pins);
    if (!digests) {
        qCWarning(lcClient) << "pinnedKeys refused: every pin must be base64 of a SHA-256 digest";
        return;
    }
    if (pins != d->pinnedKeys) {
        d->pinnedKeys = pins;
        d->transport.settings().pins = *digests;
        Q_EMIT transportChanged();
    }
}

QString AuthClient::deviceName() const { return d_func()->deviceName; }

void AuthClient::setDeviceName(const QString& name) {
    Q_D(AuthClient);
    const QString trimmed = name.trimmed().left(kMaxDeviceName);
    if (trimmed != d->deviceName) {
        d->deviceName = trimmed;
        Q_EMIT deviceNameChanged();
    }
}

void AuthClient::setTokenStore(std::shared_ptr<TokenStore> store) {
    Q_D(AuthClient);
    if (d->status != Status::SignedOut) {
        qCWarning(lcClient) << "the token store can only change while signed out";
        return;
    }
    d->tokenStore = std::move(store);
}

void AuthClient::setClock(std::shared_ptr<const Clock> clock) {
    Q_D(AuthClient);
    if (d->status != Status::SignedOut || !clock) {
        qCWarning(lcClient) << "the clock can only change while signed out";
        return;
    }
    d->clock = clock;
    d->serverClock = ServerClock{std::move(clock)};
}

AuthClient::Status AuthClient::status() const { return d_func()->status; }
QString AuthClient::phone() const { return d_func()->phone; }
AuthClient::Channel AuthClient::channel() const { return d_func()->channel; }
QUrl AuthClient::linkUrl() const { return d_func()->linkUrl; }
int AuthClient::codeLength() const { return d_func()->codeLength; }
QDateTime AuthClient::codeExpiresAt() const { return d_func()->codeExpiresAt; }
int AuthClient::resendIn() const { return d_func()->resendIn; }
int AuthClient::attemptsLeft() const { return d_func()->attemptsLeft; }
int AuthClient::retryAfter() const { return d_func()->retryAfter; }
bool AuthClient::isNewUser() const { return d_func()->isNewUser; }

QVariantMap AuthClient::user() const {
    const auto& session = d_func()->session;
    return session ? userMap(session->user) : QVariantMap{};
}

QVariantMap AuthClient::shop() const {
    const auto& session = d_func()->session;
    return session ? shopMap(session->shop) : QVariantMap{};
}

QDateTime AuthClient::sessionExpiresAt() const {
    Q_D(const AuthClient);
    if (!d->session) {
        return {};
    }
    return toDateTime(d->serverClock.toDevice(d->session->refreshExpiresAt));
}

AuthClient::StorageStatus AuthClient::storageStatus() const { return d_func()->storageStatus; }
Error AuthClient::lastError() const { return d_func()->lastError; }

QString AuthClient::lastErrorText() const {
    const Error error = d_func()->lastError;
    return error == Error::None ? QString{} : errorText(error);
}

bool AuthClient::authorize(QNetworkRequest& request) const {
    Q_D(const AuthClient);
    if (!d->session || checkTransport(request.url(), d->transport.settings().allowInsecure) != Error::None) {
        return false;
    }
    request.setRawHeader("Authorization", "Bearer " + QByteArray::fromStdString(d->session->accessToken));
    return true;
}

ProtectedCall* AuthClient::send(QNetworkAccessManager& manager, const QNetworkRequest& request,
                                const QByteArray& verb, const QByteArray& body) {
    Q_D(AuthClient);
    return d->makeCall(request, [&manager, verb, body](const QNetworkRequest& authorized) {
        return sendRequest(manager, authorized, verb, body);
    });
}

void AuthClient::classBegin() {}

void AuthClient::componentComplete() {
    if (d_func()->serverUrl.isValid()) {
        restore();
    }
}

void AuthClient::restore() { d_func()->restore(); }

void AuthClient::requestCode(const QString& phone, const QString& region, Channel channel) {
    d_func()->requestCode(phone, region, channel);
}

void AuthClient::resendCode(Channel channel) {
    Q_D(AuthClient);
    if (d->status != Status::AwaitingCode) {
        d->fail(Error::InvalidState);
        return;
    }
    d->requestCode(d->phone, {}, channel);
}

void AuthClient::verifyCode(const QString& code) { d_func()->verifyCode(code); }
void AuthClient::cancel() { d_func()->cancelLogin(); }
void AuthClient::fetchProfile() { d_func()->fetchProfile(); }
void AuthClient::updateProfile(const QVariantMap& changes) { d_func()->updateProfile(changes); }
void AuthClient::listSessions() { d_func()->listSessions(); }
void AuthClient::revokeSession(const QString& sessionId) { d_func()->revokeSession(sessionId); }
void AuthClient::signOut(SignOutScope scope) { d_func()->signOutHere(scope); }

void AuthClient::refreshNow() {
    Q_D(AuthClient);
    if (d->status != Status::SignedIn && d->status != Status::Offline && d->status != Status::Refreshing) {
        d->fail(Error::NotSignedIn);
        return;
    }
    d->startRefresh();
}

}  // namespace sesame
