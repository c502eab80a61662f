#pragma once
// sesame-login's steps, all driven by AuthClient's signals: restore a saved
// session, or ask for a code, take it from the terminal or the mock outbox
// and verify it; then GET /v1/me through the SDK's protected-call path.

#include <sesame/auth_client.h>

#include <QtCore/QObject>
#include <QtCore/QTextStream>
#include <QtNetwork/QNetworkAccessManager>

#include <optional>

namespace sesame::examples {

// How the program ends (--help lists them).
enum class ExitCode {
    Ok = 0,
    Failed = 1,       // the server answered something unexpected, or failed itself
    Usage = 2,        // a bad command line, or no phone or code given
    Unreachable = 3,  // no connection, TLS failure or timeout
    Refused = 4,      // the server said no: invalid phone or code, too many attempts, rate limits
};

// The exit code for a failure the SDK reported.
ExitCode exitCodeFor(Error error);

struct LoginOptions {
    QUrl server;
    QString phone;          // empty: asked on the terminal
    QString region;         // for national numbers; empty: the system locale's
    bool outbox = false;    // take the code from the mock server's outbox
    bool keychain = false;  // keep the session in the OS keychain (else in memory only)
};

class LoginFlow : public QObject {
    Q_OBJECT

public:
    // Prompts and problems go to `err`, results to `out`; codes are read from stdin.
    LoginFlow(LoginOptions options, QTextStream& out, QTextStream& err);

    // Restores a saved session (if --keychain found one) or starts a login.
    void start();

Q_SIGNALS:
    // Emitted once, with an ExitCode.
    void finished(int exitCode);

private:
    void onStatusChanged(AuthClient::Status status);
    void onError(Error error, const QString& text);
    void requestCode();
    void takeCode();
    void callMe();
    void finish(ExitCode code);
    std::optional<QString> ask(const QString& prompt);

    LoginOptions options_;
    QTextStream& out_;
    QTextStream& err_;
    QTextStream in_;
    QNetworkAccessManager network_;
    AuthClient client_;
    // Where the program is: restoring, signing in, or calling /v1/me.
    enum class Phase { Restoring, SigningIn, Calling };
    Phase phase_ = Phase::Restoring;
    bool storageWarned_ = false;
    bool done_ = false;
};

}  // namespace sesame::examples
