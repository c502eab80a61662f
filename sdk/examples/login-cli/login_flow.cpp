#include "login_flow.h"

#include "outbox.h"

#include <sesame/contract/json.h>
#include <sesame/contract/phone.h>
#include <sesame/memory_token_store.h>
#include <sesame/protected_call.h>

#include <QtCore/QMetaEnum>
#include <QtCore/QTimer>
#include <QtNetwork/QNetworkReply>

#include <cstdio>
#include <utility>

namespace sesame::examples {

namespace {

using Status = AuthClient::Status;

// The longest "wait before asking again" worth sitting through here; the
// server's default resend cooldown is 60 s.
constexpr int kLongestWaitSeconds = 120;

QString orDash(const std::optional<std::string>& value) {
    return value ? QString::fromStdString(*value) : QStringLiteral("-");
}

QString masked(const std::string& phone) { return QString::fromStdString(contract::maskPhone(phone)); }

void printMe(QTextStream& out, const contract::MeResponse& me) {
    const auto& [user, shop, session] = me;
    out << "  user     " << QString::fromStdString(user.id) << "  phone " << masked(user.phone) << "  name "
        << orDash(user.name) << '\n';
    out << "  shop     " << QString::fromStdString(shop.id) << "  name " << orDash(shop.name) << "  plan "
        << QString::fromStdString(shop.plan) << "  currency " << QString::fromStdString(shop.currency)
        << "  language " << QString::fromStdString(shop.language) << '\n';
    const QString device = session.device ? QString::fromStdString(session.device->name + " (" +
                                                                    session.device->platform + ")")
                                          : QStringLiteral("-");
    out << "  session  " << QString::fromStdString(session.id) << "  device " << device << "  since "
        << QString::fromStdString(session.createdAt) << Qt::endl;
}

QString channelName(AuthClient::Channel channel) {
    return QString::fromLatin1(QMetaEnum::fromType<AuthClient::Channel>().valueToKey(static_cast<int>(channel)))
        .toLower();
}

}  // namespace

ExitCode exitCodeFor(Error error) {
    switch (error) {
    case Error::None:
        return ExitCode::Ok;
    case Error::Network:
    case Error::Tls:
    case Error::Timeout:
        return ExitCode::Unreachable;
    case Error::InsecureTransport:
        return ExitCode::Usage;
    case Error::InvalidPhone:
    case Error::RateLimited:
    case Error::ResendTooSoon:
    case Error::InvalidCode:
    case Error::CodeExpired:
    case Error::TooManyAttempts:
    case Error::NoPendingCode:
    case Error::InvalidRefreshToken:
    case Error::RefreshTokenReused:
        return ExitCode::Refused;
    default:
        return ExitCode::Failed;
    }
}

LoginFlow::LoginFlow(LoginOptions options, QTextStream& out, QTextStream& err)
    : options_(std::move(options)), out_(out), err_(err), in_(stdin, QIODevice::ReadOnly) {
    if (!options_.keychain) {
        client_.setTokenStore(std::make_shared<MemoryTokenStore>());
    }  // else the client's default store: the OS keychain
    client_.setServerUrl(options_.server);
    connect(&client_, &AuthClient::statusChanged, this, &LoginFlow::onStatusChanged);
    connect(&client_, &AuthClient::errorOccurred, this, &LoginFlow::onError);
    connect(&client_, &AuthClient::codeSent, this, [this] {
        out_ << "Code sent to " << masked(client_.phone().toStdString()) << " by "
             << channelName(client_.channel()) << " (" << client_.codeLength() << " digits)." << Qt::endl;
        if (client_.channel() == AuthClient::Channel::TelegramLink) {
            out_ << "Open " << client_.linkUrl().toString() << " in Telegram to receive it." << Qt::endl;
        }
        takeCode();
    });
    connect(&client_, &AuthClient::signedIn, this, [this] {
        out_ << (client_.isNewUser() ? "Signed in: a new account and shop were created." : "Signed in.")
             << Qt::endl;
        callMe();
    });
}

void LoginFlow::start() { client_.restore(); }

void LoginFlow::onStatusChanged(Status status) {
    if (phase_ != Phase::Restoring || status == Status::Restoring || status == Status::Refreshing) {
        return;
    }
    if (status == Status::SignedIn) {
        out_ << "Restored the saved session." << Qt::endl;
        callMe();
    } else if (status == Status::SignedOut) {
        // Queued: the client is still inside its own status change.
        QMetaObject::invokeMethod(this, &LoginFlow::requestCode, Qt::QueuedConnection);
    }  // Offline: onError tells why
}

void LoginFlow::onError(Error error, const QString& text) {
    if (done_) {
        return;
    }
    if (error == Error::Storage) {
        if (!std::exchange(storageWarned_, true)) {
            err_ << "sesame-login: warning: " << text << " The session is kept in memory only." << Qt::endl;
        }
        return;
    }
    if (phase_ == Phase::Restoring && (error == Error::InvalidRefreshToken || error == Error::RefreshTokenReused)) {
        out_ << "The saved session has ended: " << text << Qt::endl;
        return;  // the login follows (onStatusChanged)
    }
    const bool askAgain = error == Error::InvalidCode && !options_.outbox &&
                          client_.status() == Status::AwaitingCode && client_.attemptsLeft() != 0;
    if (askAgain) {
        err_ << text;
        if (client_.attemptsLeft() > 0) {
            err_ << ' ' << client_.attemptsLeft() << " attempt(s) left.";
        }
        err_ << Qt::endl;
        QMetaObject::invokeMethod(this, &LoginFlow::takeCode, Qt::QueuedConnection);
        return;
    }
    const int wait = client_.retryAfter();
    if (error == Error::ResendTooSoon && client_.status() == Status::SignedOut && wait <= kLongestWaitSeconds) {
        err_ << "The server asks to wait " << wait << " s before it sends another code; waiting." << Qt::endl;
        QTimer::singleShot(std::chrono::seconds{wait}, this, &LoginFlow::requestCode);
        return;
    }
    err_ << "sesame-login: " << text << Qt::endl;
    finish(exitCodeFor(error));
}

void LoginFlow::requestCode() {
    phase_ = Phase::SigningIn;
    if (options_.phone.isEmpty()) {
        options_.phone = ask(QStringLiteral("Phone number: ")).value_or(QString{}).trimmed();
        if (options_.phone.isEmpty()) {
            err_ << "sesame-login: no phone number given" << Qt::endl;
            finish(ExitCode::Usage);
            return;
        }
    }
    client_.requestCode(options_.phone, options_.region, AuthClient::Channel::Auto);
}

void LoginFlow::takeCode() {
    if (options_.outbox) {
        fetchNewestCode(network_, options_.server, client_.phone(), this, [this](OutboxResult code) {
            if (!code) {
                err_ << "sesame-login: " << code.error() << Qt::endl;
                finish(ExitCode::Failed);
                return;
            }
            client_.verifyCode(code.value());
        });
        return;
    }
    const auto code = ask(QStringLiteral("Code (%1 digits): ").arg(client_.codeLength()));
    if (!code) {
        err_ << "sesame-login: no code given" << Qt::endl;
        finish(ExitCode::Usage);
        return;
    }
    client_.verifyCode(*code);
}

void LoginFlow::callMe() {
    phase_ = Phase::Calling;
    const QUrl url(options_.server.toString(QUrl::StripTrailingSlash) + QStringLiteral("/v1/me"));
    ProtectedCall* call = client_.send(network_, QNetworkRequest(url), "GET", {});
    connect(call, &ProtectedCall::finished, this, [this, call] {
        call->deleteLater();
        if (call->error() != Error::None) {
            err_ << "sesame-login: GET /v1/me: " << errorText(call->error()) << Qt::endl;
            finish(exitCodeFor(call->error()));
            return;
        }
        QNetworkReply& reply = *call->reply();
        const int status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) {
            err_ << "sesame-login: GET /v1/me: " << reply.errorString() << Qt::endl;
            finish(ExitCode::Unreachable);
            return;
        }
        const QByteArray body = reply.readAll();
        const auto me = contract::parse<contract::MeResponse>(
            nlohmann::json::parse(body.constBegin(), body.constEnd(), nullptr, false));
        if (status != 200 || !me) {
            err_ << "sesame-login: GET /v1/me answered " << status << ", not the profile the contract describes"
                 << Qt::endl;
            finish(ExitCode::Failed);
            return;
        }
        out_ << "GET /v1/me: " << status << (call->replayed() ? " (replayed once after a refresh)" : "") << '\n';
        printMe(out_, *me);
        finish(ExitCode::Ok);
    });
}

void LoginFlow::finish(ExitCode code) {
    if (!std::exchange(done_, true)) {
        Q_EMIT finished(static_cast<int>(code));
    }
}

std::optional<QString> LoginFlow::ask(const QString& prompt) {
    err_ << prompt << Qt::flush;
    QString line;
    if (!in_.readLineInto(&line)) {
        return std::nullopt;
    }
    return line;
}

}  // namespace sesame::examples
