// Protected calls: the SDK's own (profile, sessions) and the application's
// (send), all through ProtectedCall.

#include "api/endpoints.h"
#include "client/auth_client_p.h"
#include "client/profile_patch.h"
#include "client/protected_call_p.h"

#include <QtNetwork/QNetworkReply>

namespace sesame {

ProtectedCall* AuthClientPrivate::makeCall(const QNetworkRequest& request,
                                           std::function<QNetworkReply*(const QNetworkRequest&)> send) {
    auto* call = new ProtectedCall(std::make_unique<ProtectedCallPrivate>(*this, request, std::move(send)), q_func());
    // Started from the event loop, so the caller can connect to finished()
    // even when the call fails at once.
    QMetaObject::invokeMethod(call, [call] { call->d_func()->start(); }, Qt::QueuedConnection);
    return call;
}

void AuthClientPrivate::post(const char* path, const QByteArray& body, ResultDone done) {
    transport.send(endpoints::request(serverUrl, QString::fromLatin1(path)), "POST", body, q_func(),
                   [this, done = std::move(done)](HttpResult result) {
                       serverClock.observe(result.date);
                       done(std::move(result));
                   });
}

void AuthClientPrivate::callServer(const QByteArray& verb, const QString& path, const QByteArray& body,
                                   ResultDone done) {
    ProtectedCall* call = makeCall(endpoints::request(serverUrl, path), [this, verb, body](const QNetworkRequest& r) {
        return transport.start(r, verb, body);
    });
    QObject::connect(call, &ProtectedCall::finished, q_func(), [this, call, done = std::move(done)] {
        call->deleteLater();
        HttpResult result;
        if (call->error() != Error::None) {
            result.error = call->error();
        } else {
            result = Transport::result(*call->reply());
            serverClock.observe(result.date);
        }
        done(std::move(result));
    });
}

void AuthClientPrivate::fetchProfile() {
    if (!session) {
        fail(Error::NotSignedIn);
        return;
    }
    callServer("GET", QString::fromLatin1(endpoints::kMe), {}, [this](HttpResult result) { applyProfile(result); });
}

void AuthClientPrivate::updateProfile(const QVariantMap& changes) {
    if (!session) {
        fail(Error::NotSignedIn);
        return;
    }
    const auto patch = profilePatchFrom(changes);
    if (!patch) {
        fail(Error::InvalidRequest);
        return;
    }
    callServer("PATCH", QString::fromLatin1(endpoints::kMe), endpoints::body(*patch),
               [this](HttpResult result) { applyProfile(result); });
}

void AuthClientPrivate::applyProfile(const HttpResult& result) {
    Q_Q(AuthClient);
    auto me = endpoints::parse<contract::MeResponse>(result);
    if (!me) {
        fail(me.error());
        return;
    }
    // Kept in memory only: the next refresh saves it with the tokens, and a
    // write from here could race a refresh and put old tokens back.
    if (session) {
        session->user = me->user;
        session->shop = me->shop;
        Q_EMIT q->accountChanged();
    }
    Q_EMIT q->profileUpdated();
}

void AuthClientPrivate::listSessions() {
    if (!session) {
        fail(Error::NotSignedIn);
        return;
    }
    callServer("GET", QString::fromLatin1(endpoints::kSessions), {}, [this](HttpResult result) {
        auto list = endpoints::parse<contract::SessionList>(result);
        if (!list) {
            fail(list.error());
            return;
        }
        Q_EMIT q_func()->sessionsListed(sessionListToVariant(*list));
    });
}

void AuthClientPrivate::revokeSession(const QString& sessionId) {
    if (!session) {
        fail(Error::NotSignedIn);
        return;
    }
    if (!isSessionId(sessionId)) {
        fail(Error::InvalidRequest);
        return;
    }
    const QString path = QString::fromLatin1(endpoints::kSessions) + u'/' + sessionId;
    callServer("DELETE", path, {}, [this, sessionId](HttpResult result) {
        if (result.error != Error::None) {
            fail(result.error);
            return;
        }
        Q_EMIT q_func()->sessionRevoked(sessionId);
    });
}

}  // namespace sesame
