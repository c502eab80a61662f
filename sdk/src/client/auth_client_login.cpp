// The login: asking for a code, the resend countdown, verifying the code.

#include "api/endpoints.h"
#include "client/auth_client_p.h"
#include "client/log.h"

#include <sesame/contract/phone.h>

#include <QtCore/QLocale>
#include <QtCore/QSysInfo>

namespace sesame {

namespace {

constexpr int kMaxCodeLength = 16;
constexpr int kMaxPlatform = 32;

std::optional<contract::Channel> wireChannel(AuthClient::Channel channel) {
    switch (channel) {
    case AuthClient::Channel::Telegram:
    case AuthClient::Channel::TelegramLink:
        return contract::Channel::Telegram;
    case AuthClient::Channel::Sms:
        return contract::Channel::Sms;
    default:
        return std::nullopt;  // Auto: the server's choice
    }
}

AuthClient::Channel deliveredOn(contract::DeliveryChannel channel) {
    switch (channel) {
    case contract::DeliveryChannel::Telegram:
        return AuthClient::Channel::Telegram;
    case contract::DeliveryChannel::TelegramLink:
        return AuthClient::Channel::TelegramLink;
    default:
        return AuthClient::Channel::Sms;
    }
}

bool isCode(const QString& code) {
    if (code.isEmpty() || code.size() > kMaxCodeLength) {
        return false;
    }
    return std::all_of(code.cbegin(), code.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

std::string platformName() {
#if defined(Q_OS_ANDROID)
    return "android";
#elif defined(Q_OS_IOS)
    return "ios";
#elif defined(Q_OS_MACOS)
    return "macos";
#elif defined(Q_OS_WIN)
    return "windows";
#else
    return QSysInfo::kernelType().left(kMaxPlatform).toStdString();
#endif
}

std::optional<int> attemptsLeftOf(const HttpResult& result) {
    if (!result.problem) {
        return std::nullopt;
    }
    const auto it = result.problem->extensions.find("attempts_left");
    if (it == result.problem->extensions.end() || !it->is_number_unsigned()) {
        return std::nullopt;
    }
    return it->get<int>();
}

}  // namespace

void AuthClientPrivate::requestCode(const QString& input, const QString& region, AuthClient::Channel channel) {
    if (status != Status::SignedOut && status != Status::AwaitingCode) {
        fail(Error::InvalidState);
        return;
    }
    if (!transportAllowed()) {
        return;
    }
    QString hint = region.trimmed();
    if (hint.isEmpty()) {
        hint = QString::fromStdString(contract::regionForLocale(QLocale::system().name().toStdString()));
    }
    // Checked here as the server would, to spare the round trip (and a code
    // request from the hourly quota) for a number that cannot work.
    auto normalized = contract::normalizePhone(input.toStdString(), hint.toStdString());
    if (!normalized) {
        fail(Error::InvalidPhone);
        return;
    }
    clearError();
    contract::OtpRequest request;
    request.phone = std::move(normalized).value();
    request.channel = wireChannel(channel);
    request.locale = QLocale().bcp47Name().toStdString();
    const Status before = status;
    setStatus(Status::RequestingCode);
    post(endpoints::kOtp, endpoints::body(request), [this, before, generation = ++loginGeneration](HttpResult result) {
        if (generation == loginGeneration) {
            onCodeRequested(result, before);
        }
    });
}

void AuthClientPrivate::onCodeRequested(const HttpResult& result, Status before) {
    Q_Q(AuthClient);
    auto answer = endpoints::parse<contract::OtpResponse>(result);
    retryAfter = static_cast<int>(result.retryAfter.count());
    Q_EMIT q->retryAfterChanged();
    if (!answer) {
        if (answer.error() == Error::ResendTooSoon) {
            startResendCountdown(result.retryAfter);
        }
        setStatus(before == Status::AwaitingCode ? Status::AwaitingCode : Status::SignedOut);
        fail(answer.error());
        return;
    }
    phone = QString::fromStdString(answer->phone);
    requestId = QString::fromStdString(answer->requestId);
    channel = deliveredOn(answer->channel);
    linkUrl = answer->linkUrl ? QUrl{QString::fromStdString(*answer->linkUrl)} : QUrl{};
    codeLength = answer->codeLength;
    codeExpiresAt = toDateTime(clock->now() + std::chrono::seconds{answer->expiresIn});
    attemptsLeft = -1;
    Q_EMIT q->codeRequestChanged();
    Q_EMIT q->attemptsLeftChanged();
    startResendCountdown(std::chrono::seconds{answer->resendIn});
    qCInfo(lcClient) << "code sent to" << contract::maskPhone(answer->phone).c_str();
    setStatus(Status::AwaitingCode);
    Q_EMIT q->codeSent();
}

void AuthClientPrivate::verifyCode(const QString& code) {
    if (status != Status::AwaitingCode) {
        fail(Error::InvalidState);
        return;
    }
    const QString digits = code.trimmed();
    if (!isCode(digits)) {
        fail(Error::InvalidCode);  // not a code at all: no attempt is spent on it
        return;
    }
    clearError();
    contract::VerifyRequest request;
    request.phone = phone.toStdString();
    request.code = digits.toStdString();
    request.requestId = requestId.toStdString();
    if (!deviceName.isEmpty()) {
        request.device = contract::Device{deviceName.toStdString(), platformName()};
    }
    setStatus(Status::Verifying);
    post(endpoints::kVerify, endpoints::body(request), [this, generation = loginGeneration](HttpResult result) {
        if (generation == loginGeneration) {
            onVerified(result);
        }
    });
}

void AuthClientPrivate::onVerified(const HttpResult& result) {
    Q_Q(AuthClient);
    auto grant = endpoints::parse<contract::Session>(result);
    if (!grant) {
        retryAfter = static_cast<int>(result.retryAfter.count());
        Q_EMIT q->retryAfterChanged();
        const auto left = grant.error() == Error::TooManyAttempts ? std::optional{0} : attemptsLeftOf(result);
        if (left) {
            attemptsLeft = *left;
            Q_EMIT q->attemptsLeftChanged();
        }
        setStatus(Status::AwaitingCode);
        fail(grant.error());
        return;
    }
    StoredSession fresh = sessionFromGrant(*grant);
    const bool newUser = grant->isNewUser;
    // The session is saved before it is used: a crash now cannot lose it.
    store().write(key(), fresh,
                  [self = QPointer<AuthClient>(q), this, fresh, newUser,
                   generation = loginGeneration](std::optional<StoreError> error) {
                      if (!self) {
                          return;
                      }
                      if (generation != loginGeneration) {
                          store().remove(key(), [](std::optional<StoreError>) {});  // cancelled meanwhile
                          return;
                      }
                      noteStore(error);
                      sessionPersisted = !error;
                      clearLogin();
                      isNewUser = newUser;
                      adoptSession(fresh);
                      setStatus(Status::SignedIn);
                      scheduleRefresh();
                      Q_EMIT q_func()->signedIn();
                      if (error) {
                          fail(Error::Storage);  // signed in, but only until the app quits
                      }
                  });
}

void AuthClientPrivate::cancelLogin() {
    if (status != Status::RequestingCode && status != Status::AwaitingCode && status != Status::Verifying) {
        fail(Error::InvalidState);
        return;
    }
    ++loginGeneration;
    clearLogin();
    setStatus(Status::SignedOut);
}

void AuthClientPrivate::clearLogin() {
    Q_Q(AuthClient);
    phone.clear();
    requestId.clear();
    channel = AuthClient::Channel::Auto;
    linkUrl.clear();
    codeLength = 0;
    codeExpiresAt = {};
    attemptsLeft = -1;
    retryAfter = 0;
    resendTicker.stop();
    resendIn = 0;
    Q_EMIT q->codeRequestChanged();
    Q_EMIT q->attemptsLeftChanged();
    Q_EMIT q->retryAfterChanged();
    Q_EMIT q->resendInChanged();
}

void AuthClientPrivate::startResendCountdown(std::chrono::seconds wait) {
    resendDeadline = QDeadlineTimer{std::chrono::duration_cast<std::chrono::milliseconds>(wait)};
    tickResendCountdown();
}

void AuthClientPrivate::tickResendCountdown() {
    const qint64 remaining = std::max<qint64>(0, resendDeadline.remainingTime());
    const int seconds = static_cast<int>((remaining + 999) / 1000);
    if (seconds != resendIn) {
        resendIn = seconds;
        Q_EMIT q_func()->resendInChanged();
    }
    if (remaining > 0) {
        // Wake exactly when the displayed number changes.
        resendTicker.start(static_cast<int>(remaining % 1000 == 0 ? 1000 : remaining % 1000));
    }
}

}  // namespace sesame
