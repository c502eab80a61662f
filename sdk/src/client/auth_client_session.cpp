// Status, errors, the store, and the session's beginning (restore) and end.

#include <sesame/keychain_token_store.h>

#include "api/endpoints.h"
#include "client/auth_client_p.h"
#include "client/log.h"
#include "client/status_table.h"
#include "net/transport_rules.h"
#include "policy/error_classifier.h"

namespace sesame {

namespace {

constexpr const char* kDefaultKeychainService = "Sesame";

contract::LogoutScope wireScope(AuthClient::SignOutScope scope) {
    switch (scope) {
    case AuthClient::SignOutScope::Others:
        return contract::LogoutScope::Others;
    case AuthClient::SignOutScope::Global:
        return contract::LogoutScope::Global;
    default:
        return contract::LogoutScope::Local;
    }
}

}  // namespace

void AuthClientPrivate::setStatus(Status next) {
    Q_Q(AuthClient);
    if (next == status) {
        return;
    }
    if (!isAllowedTransition(status, next)) {
        qCCritical(lcClient) << "refused status transition" << status << "->" << next;
        Q_ASSERT_X(false, "AuthClient", "status transition missing from the table");
        return;
    }
    status = next;
    Q_EMIT q->statusChanged(next);
}

void AuthClientPrivate::fail(Error error) {
    Q_Q(AuthClient);
    lastError = error;
    Q_EMIT q->lastErrorChanged();
    Q_EMIT q->errorOccurred(error, errorText(error));
}

void AuthClientPrivate::clearError() {
    if (lastError != Error::None) {
        lastError = Error::None;
        Q_EMIT q_func()->lastErrorChanged();
    }
}

void AuthClientPrivate::noteStore(const std::optional<StoreError>& error) {
    using Storage = AuthClient::StorageStatus;
    Storage next = Storage::Available;
    if (error) {
        next = error->kind == StoreError::Kind::Denied ? Storage::Denied : Storage::Unavailable;
        qCWarning(lcClient) << "token store failed:" << error->detail;
    }
    if (next != storageStatus) {
        storageStatus = next;
        Q_EMIT q_func()->storageStatusChanged();
    }
}

QString AuthClientPrivate::key() const { return accountKey(serverUrl); }

TokenStore& AuthClientPrivate::store() {
    if (!tokenStore) {
        tokenStore = std::make_shared<KeychainTokenStore>(QString::fromLatin1(kDefaultKeychainService));
    }
    return *tokenStore;
}

bool AuthClientPrivate::transportAllowed() {
    const Error error = checkTransport(serverUrl, transport.settings().allowInsecure);
    if (error != Error::None) {
        fail(error);
        return false;
    }
    return true;
}

StoredSession AuthClientPrivate::sessionFromGrant(const contract::Session& grant) const {
    StoredSession stored;
    stored.accessToken = grant.accessToken;
    stored.refreshToken = grant.refreshToken;
    stored.sessionId = grant.sessionId;
    stored.issuedAt = serverClock.now();
    stored.accessExpiresAt = stored.issuedAt + std::chrono::seconds{grant.expiresIn};
    stored.refreshExpiresAt = stored.issuedAt + std::chrono::seconds{grant.refreshExpiresIn};
    stored.serverOffset = serverClock.offset();
    stored.user = grant.user;
    stored.shop = grant.shop;
    return stored;
}

void AuthClientPrivate::adoptSession(StoredSession adopted) {
    serverClock.setOffset(adopted.serverOffset);
    refreshAt = refreshPolicy.refreshAt(adopted.issuedAt, adopted.accessExpiresAt);
    session = std::move(adopted);
    Q_EMIT q_func()->accountChanged();
}

void AuthClientPrivate::restore() {
    if (status != Status::SignedOut) {
        fail(Error::InvalidState);
        return;
    }
    if (!transportAllowed()) {
        return;
    }
    clearError();
    setStatus(Status::Restoring);
    store().read(key(), [self = QPointer<AuthClient>(q_func()), this, epoch = epoch](StoreReadResult result) {
        if (self && epoch == this->epoch) {
            onRestored(std::move(result));
        }
    });
}

void AuthClientPrivate::onRestored(StoreReadResult result) {
    if (!result) {
        noteStore(result.error());
        setStatus(Status::SignedOut);
        finishWaiters(Error::Storage);
        fail(Error::Storage);
        return;
    }
    noteStore(std::nullopt);
    if (!result.value()) {
        setStatus(Status::SignedOut);
        finishWaiters(Error::NotSignedIn);
        return;
    }
    adoptSession(std::move(*result.value()));
    sessionPersisted = true;
    if (serverClock.now() >= session->refreshExpiresAt) {
        endSession(AuthClient::SignOutReason::SessionExpired, Error::NotSignedIn, {});
    } else if (serverClock.now() >= refreshAt) {
        startRefresh();
    } else {
        setStatus(Status::SignedIn);
        scheduleRefresh();
        finishWaiters(Error::None);
    }
}

void AuthClientPrivate::endSession(AuthClient::SignOutReason reason, Error waitersError,
                                   std::function<void()> then) {
    Q_Q(AuthClient);
    ++epoch;
    refreshing = false;
    refreshTimer.stop();
    retryTimer.stop();
    backoff.reset();
    if (lock) {
        lock->release();
    }
    sessionPersisted = false;
    if (session) {
        session.reset();
        isNewUser = false;
        Q_EMIT q->accountChanged();
    }
    finishWaiters(waitersError);
    // The store is cleared before anyone hears of the sign-out, so a crash
    // right after cannot bring the session back.
    store().remove(key(), [self = QPointer<AuthClient>(q), this, reason, then = std::move(then)](std::optional<StoreError> error) {
        if (!self) {
            return;
        }
        noteStore(error);
        setStatus(Status::SignedOut);
        Q_EMIT q_func()->signedOut(reason);
        if (error) {
            fail(Error::Storage);
        }
        if (then) {
            then();
        }
    });
}

void AuthClientPrivate::signOutHere(AuthClient::SignOutScope scope) {
    Q_Q(AuthClient);
    if (!session && status != Status::Restoring) {
        fail(Error::NotSignedIn);
        return;
    }
    clearError();
    if (scope == AuthClient::SignOutScope::Others) {
        const QByteArray body = endpoints::body(contract::LogoutRequest{contract::LogoutScope::Others});
        callServer("POST", QString::fromLatin1(endpoints::kLogout), body, [this, q](HttpResult result) {
            if (result.error != Error::None) {
                fail(result.error);
            } else {
                Q_EMIT q->otherSessionsSignedOut();
            }
        });
        return;
    }
    std::optional<StoredSession> ended = session;
    endSession(AuthClient::SignOutReason::UserRequest, Error::Cancelled, [this, ended, scope] {
        if (ended) {
            tellServerSignedOut(*ended, scope, true);
        }
    });
}

void AuthClientPrivate::tellServerSignedOut(const StoredSession& ended, AuthClient::SignOutScope scope,
                                            bool mayRefresh) {
    auto request = endpoints::request(serverUrl, QString::fromLatin1(endpoints::kLogout));
    request.setRawHeader("Authorization", "Bearer " + QByteArray::fromStdString(ended.accessToken));
    const QByteArray body = endpoints::body(contract::LogoutRequest{wireScope(scope)});
    transport.send(request, "POST", body, q_func(), [this, ended, scope, mayRefresh](HttpResult result) {
        // An expired access token must not leave the session alive on the
        // server: renew it once with the refresh token, which only this
        // function still holds, and try again.
        if (result.status == 401 && mayRefresh) {
            const QByteArray refreshBody = endpoints::body(contract::RefreshRequest{ended.refreshToken});
            post(endpoints::kRefresh, refreshBody, [this, ended, scope](HttpResult refreshed) {
                auto grant = endpoints::parse<contract::Session>(refreshed);
                if (grant) {
                    StoredSession renewed = ended;
                    renewed.accessToken = grant->accessToken;
                    tellServerSignedOut(renewed, scope, false);
                } else if (scope == AuthClient::SignOutScope::Global &&
                           classify(grant.error()) != ErrorClass::SessionEnded) {
                    fail(grant.error());
                }
            });
        } else if (result.error != Error::None && scope == AuthClient::SignOutScope::Global) {
            // Other devices stay signed in: the user must hear of it.
            fail(result.error);
        }
    });
}

}  // namespace sesame
