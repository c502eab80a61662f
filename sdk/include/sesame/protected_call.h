#pragma once
// One protected request sent through AuthClient::send(): it waits for a
// usable access token, goes out with it, and is replayed once if the server
// rejects the token as expired or invalid (after the refresh every rejected
// call joins).

#include <sesame/error.h>
#include <sesame/sdk_export.h>

#include <QtCore/QObject>

#include <memory>

class QNetworkReply;

namespace sesame {

class AuthClient;
class ProtectedCallPrivate;

class SESAME_SDK_EXPORT ProtectedCall : public QObject {
    Q_OBJECT

public:
    ~ProtectedCall() override;

    // The server's answer once finished() was emitted (any HTTP status), or
    // nullptr when the call could not be sent; owned by this call.
    QNetworkReply* reply() const;
    // Error::None when reply() is the answer to an authorized request;
    // otherwise why no (better) answer exists: NotSignedIn, the failure of
    // the refresh it waited for, Cancelled when the session ended meanwhile.
    Error error() const;
    // Whether the request was sent a second time after its token was rejected.
    bool replayed() const;
    bool isFinished() const;

Q_SIGNALS:
    void finished();

private:
    friend class AuthClientPrivate;
    explicit ProtectedCall(std::unique_ptr<ProtectedCallPrivate> d, AuthClient* client);

    Q_DECLARE_PRIVATE(ProtectedCall)
    std::unique_ptr<ProtectedCallPrivate> d_ptr;
};

}  // namespace sesame
