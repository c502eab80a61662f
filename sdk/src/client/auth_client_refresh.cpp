// Keeping the access token fresh: one refresh at a time in this process
// (every caller joins it) and across processes (the account lock, then a
// fresh look at the store), the new tokens saved before they are used,
// transient failures retried with backoff while the session is kept.

#include "api/endpoints.h"
#include "client/auth_client_p.h"
#include "policy/error_classifier.h"

namespace sesame {

namespace {

// A lock file older than this belongs to a process that died or hung.
constexpr std::chrono::milliseconds kLockStaleAfter{60'000};
// Timers re-check at least this often, so a device that slept is not trusted
// to have counted time.
constexpr std::chrono::milliseconds kLongestWait{3'600'000};

}  // namespace

bool AuthClientPrivate::accessExpired() const {
    return !session || serverClock.now() >= session->accessExpiresAt;
}

void AuthClientPrivate::startRefresh() {
    if (refreshing || !session) {
        return;
    }
    refreshing = true;
    refreshTimer.stop();
    retryTimer.stop();
    setStatus(Status::Refreshing);
    if (!lock) {
        lock = std::make_unique<AccountLock>(AccountLock::pathFor(key()), kLockStaleAfter);
    }
    // The lock is dropped by endSession(), which also drops this callback.
    lock->acquire(transport.settings().timeout * 2, [this](bool held) {
        if (held) {
            refreshUnderLock();
        } else {
            refreshFailed(Error::Timeout, {});
        }
    });
}

void AuthClientPrivate::refreshUnderLock() {
    if (!sessionPersisted) {
        postRefresh(epoch);  // the store holds nothing newer than memory
        return;
    }
    // Another process may have refreshed, or signed out, while this one
    // waited for the lock: the store knows.
    store().read(key(), [self = QPointer<AuthClient>(q_func()), this, epoch = epoch](StoreReadResult stored) {
        if (!self || epoch != this->epoch) {
            return;
        }
        if (!stored) {
            noteStore(stored.error());
            postRefresh(epoch);
            return;
        }
        noteStore(std::nullopt);
        const std::optional<StoredSession>& found = stored.value();
        if (!found) {
            endSession(AuthClient::SignOutReason::SignedOutElsewhere, Error::NotSignedIn, {});
        } else if (found->refreshToken != session->refreshToken) {
            lock->release();
            adoptSession(*found);
            refreshSucceeded();
        } else {
            postRefresh(epoch);
        }
    });
}

void AuthClientPrivate::postRefresh(std::uint64_t epochAtStart) {
    const QByteArray body = endpoints::body(contract::RefreshRequest{session->refreshToken});
    post(endpoints::kRefresh, body, [this, epochAtStart](HttpResult result) {
        if (epochAtStart != epoch) {
            return;
        }
        auto grant = endpoints::parse<contract::Session>(result);
        if (!grant) {
            lock->release();
            refreshFailed(grant.error(), result.retryAfter);
            return;
        }
        StoredSession fresh = sessionFromGrant(*grant);
        // Saved before use, and before the lock goes: the next process to
        // take it must find the new refresh token.
        store().write(key(), fresh,
                      [self = QPointer<AuthClient>(q_func()), this, epochAtStart,
                       fresh](std::optional<StoreError> error) {
                          if (!self || epochAtStart != epoch) {
                              return;
                          }
                          noteStore(error);
                          sessionPersisted = !error;
                          lock->release();
                          adoptSession(fresh);
                          refreshSucceeded();
                          if (error) {
                              fail(Error::Storage);
                          }
                      });
    });
}

void AuthClientPrivate::refreshSucceeded() {
    refreshing = false;
    backoff.reset();
    setStatus(Status::SignedIn);
    scheduleRefresh();
    Q_EMIT q_func()->tokenRefreshed();
    finishWaiters(Error::None);
}

void AuthClientPrivate::refreshFailed(Error error, std::chrono::seconds serverRetryAfter) {
    refreshing = false;
    switch (classify(error)) {
    case ErrorClass::SessionEnded: {
        const auto reason = error == Error::RefreshTokenReused ? AuthClient::SignOutReason::SessionRevoked
                                                                : AuthClient::SignOutReason::SessionExpired;
        endSession(reason, error, [this, error] { fail(error); });
        return;
    }
    case ErrorClass::Transient:
        retryTimer.start(backoff.next(serverRetryAfter));
        break;
    default:
        retryTimer.start(backoff.nextAtCap(serverRetryAfter));
        break;
    }
    setStatus(Status::Offline);
    finishWaiters(error);
    if (backoff.failures() == 1) {
        fail(error);  // the first failure of a streak is news; retries are not
    } else if (lastError != error) {
        lastError = error;
        Q_EMIT q_func()->lastErrorChanged();
    }
}

void AuthClientPrivate::scheduleRefresh() {
    if (session) {
        refreshTimer.start(std::min(RefreshPolicy::delayUntil(serverClock.now(), refreshAt), kLongestWait));
    }
}

void AuthClientPrivate::onRefreshDue() {
    if (status != Status::SignedIn) {
        return;
    }
    // Judged by the clock, not by the timer: timers drift and devices sleep.
    if (serverClock.now() >= refreshAt) {
        startRefresh();
    } else {
        scheduleRefresh();
    }
}

void AuthClientPrivate::recheck() {
    if (status == Status::Offline) {
        startRefresh();
    } else {
        onRefreshDue();
    }
}

void AuthClientPrivate::whenTokenUsable(QObject* context, ReadyDone done) {
    if (status == Status::Restoring || refreshing) {
        waiters.push_back({context, std::move(done)});
    } else if (!session) {
        done(Error::NotSignedIn);
    } else if (accessExpired()) {
        waiters.push_back({context, std::move(done)});
        startRefresh();
    } else {
        done(Error::None);
    }
}

void AuthClientPrivate::afterRejection(const std::string& rejectedToken, QObject* context, ReadyDone done) {
    if (!session) {
        done(Error::NotSignedIn);
    } else if (session->accessToken != rejectedToken) {
        done(Error::None);  // renewed since the call went out: just replay
    } else {
        waiters.push_back({context, std::move(done)});
        startRefresh();  // joins the refresh under way, if any
    }
}

void AuthClientPrivate::finishWaiters(Error error) {
    auto pending = std::move(waiters);
    waiters.clear();
    for (Waiter& waiter : pending) {
        if (waiter.context) {
            waiter.done(error);
        }
    }
}

}  // namespace sesame
